"""schemas.config: the configuration's JSON Schema has a type, a description and the default of every key
the parser reads, and taplo with it passes the configurations the parser reads and flags the rest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assembler.commands import cli
from assembler.config import Config
from assembler.config_parts import KEYS
from assembler.importer.run import INIT_CONFIG
from assembler.schemas.config import config_schema, key_schema
from assembler.schemas.config_docs import DESCRIPTIONS
from assembler.schemas.shape import keys
from tests.conftest import REPO
from tests.taplo import taplo_check, write_schema


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_schema(tmp_path_factory.mktemp("schema"), "config.json", config_schema())


def test_every_key_of_the_parser_has_a_type_and_a_description() -> None:
    untyped = [key for key in KEYS if not key_schema(key)]
    assert untyped == [], "give these keys a type in schemas/config.py"
    assert list(config_schema()["properties"]) == list(KEYS)
    assert {path for path, _ in keys(config_schema())} == set(DESCRIPTIONS)


def test_defaults_are_the_parser_defaults() -> None:
    properties = config_schema()["properties"]
    defaults = Config()
    assert properties["manifests_dir"]["default"] == defaults.manifests_dir
    assert properties["obligatory_blocks"]["default"] == list(defaults.obligatory_blocks)
    assert properties["min_handoffs"]["default"] == defaults.min_handoffs
    assert properties["require_lineage"]["default"] is True
    assert "default" not in properties["templates_dir"]


def test_taplo_passes_the_configurations_the_parser_reads(schema_file: Path, tmp_path: Path) -> None:
    (tmp_path / "init.toml").write_text(INIT_CONFIG, encoding="utf-8")
    files = [
        REPO / "assembler.toml",
        REPO / "tests/fixtures/roles_catalog/assembler.toml",
        tmp_path / "init.toml",
    ]
    assert taplo_check(files, cwd=tmp_path, schema=schema_file) == (0, [])


FLAGGED = [
    ("unknown key", 'extra_tool = ["X"]\n', "'extra_tool' was unexpected"),
    ("key written after a table", '[path_aliases]\nrules = "~/r"\nmin_handoffs = 0\n', "0 is not of type"),
    ("wrong type", "min_handoffs = -1\n", "-1 is less than the minimum of 0"),
    ("unknown section", 'required_sections = ["roles"]\n', '"roles" is not one of'),
    ("unknown facet", '[taxonomy]\nkingdoms = ["x"]\n', "'kingdoms' was unexpected"),
    ("external agent not a slug", 'external_agents = ["Helper"]\n', '"Helper" does not match'),
]


@pytest.mark.parametrize(("text", "says"), [f[1:] for f in FLAGGED], ids=[f[0] for f in FLAGGED])
def test_taplo_flags_what_the_parser_refuses(
    text: str, says: str, schema_file: Path, catalog: Callable[..., Path]
) -> None:
    root = catalog({"assembler.toml": text})
    status, errors = taplo_check([root / "assembler.toml"], cwd=root, schema=schema_file)
    assert status == 1 and any(says in e for e in errors), errors
    assert CliRunner().invoke(cli, ["--root", str(root), "validate"]).exit_code == 1
