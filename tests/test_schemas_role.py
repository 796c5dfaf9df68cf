"""schemas.role: the role file's JSON Schema comes from the role parser's table of keys, describes every
key, and taplo with it passes the roles the parser reads and flags what the parser refuses."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from assembler.config import Config
from assembler.roles.parse import REQUIRED_TABLES, SPEC, parse_role
from assembler.roles.shape import Kind
from assembler.schemas.role import KINDS, role_schema
from assembler.schemas.role_docs import DESCRIPTIONS
from assembler.schemas.shape import keys
from tests.conftest import REPO, role_file
from tests.taplo import taplo_check, write_schema


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_schema(tmp_path_factory.mktemp("schema"), "role.json", role_schema())


def test_the_schema_has_the_tables_and_keys_of_the_parser() -> None:
    schema = role_schema()
    assert list(schema["properties"]) == list(SPEC)
    assert schema["required"] == list(REQUIRED_TABLES)
    for table, spec in SPEC.items():
        declared = schema["properties"][table]
        assert list(declared["properties"]) == list(spec)
        assert declared.get("required", []) == [k for k, key in spec.items() if key.required]
        assert declared["additionalProperties"] is False
    assert set(KINDS) == set(Kind)


def test_every_key_is_described_and_every_description_names_a_key() -> None:
    found = {path for path, _ in keys(role_schema())}
    assert found == set(DESCRIPTIONS)


def test_taplo_passes_the_roles_the_parser_reads(schema_file: Path, tmp_path: Path) -> None:
    files = [
        *(REPO / "_roles").glob("*.toml"),
        *(REPO / "tests/fixtures/roles_catalog/_roles").glob("*.toml"),
    ]
    assert len(files) >= 6
    assert taplo_check(sorted(files), cwd=tmp_path, schema=schema_file) == (0, [])


FLAGGED = [
    ("unknown table", role_file("r", more="[tool]\nallowed = []\n"), "'tool' was unexpected"),
    (
        "key in the wrong table",
        '[role]\nname = "r"\ndescription = "d"\nextends = "x"\n',
        "'extends' was unexpected",
    ),
    ("missing key", '[role]\nname = "r"\n', '"description" is a required property'),
    ("missing table", "[capabilities]\nrequired = []\n", '"role" is a required property'),
    ("wrong type", role_file("r", more='[tools]\nallowed = "Read"\n'), '"Read" is not of type "array"'),
    ("date", role_file("r", more='[lineage]\ncreator = "me"\ncreated = "soon"\n'), '"soon" is not a "date"'),
]


@pytest.mark.parametrize(("text", "says"), [f[1:] for f in FLAGGED], ids=[f[0] for f in FLAGGED])
def test_taplo_flags_what_the_parser_refuses(text: str, says: str, schema_file: Path, tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_text(text, encoding="utf-8")
    status, errors = taplo_check([tmp_path / "r.toml"], cwd=tmp_path, schema=schema_file)
    assert status == 1 and any(says in e for e in errors), errors
    _, problems = parse_role(text, "r", Config(), datetime.date(2026, 6, 1))
    assert problems, "the parser accepts what the schema refuses"
