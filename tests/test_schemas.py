"""schemas: each kind derived as a draft 2020-12 document, written the same way every time."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assembler import schemas
from assembler.commands import cli
from tests.conftest import REPO
from tests.taplo import taplo_check


@pytest.mark.parametrize("kind", schemas.KINDS)
def test_each_kind_is_a_draft_2020_12_document_of_a_table(kind: str) -> None:
    schema = schemas.derive(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == f"assembler {'configuration' if kind == 'config' else kind}"
    assert schema["type"] == "object" and schema["additionalProperties"] is False


def test_text_is_deterministic_and_ends_in_a_newline() -> None:
    first = schemas.dumps(schemas.derive("manifest"))
    assert first == schemas.dumps(schemas.derive("manifest"))
    assert first.endswith("}\n") and json.loads(first) == schemas.derive("manifest")
    assert schemas.dumps({"d": "é"}) == '{\n  "d": "é"\n}\n'


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="one of manifest, role, config"):
        schemas.derive("block")


def test_the_repository_editor_set_up_checks_the_catalog(repo_copy: Path) -> None:
    # What an editor opened on the repository does: taplo finds .taplo.toml and the schemas in schemas/.
    shutil.copy(REPO / ".taplo.toml", repo_copy / ".taplo.toml")
    shutil.copytree(REPO / "schemas", repo_copy / "schemas")
    files = ["assembler.toml", *sorted(f"_manifests/{p.name}" for p in (repo_copy / "_manifests").iterdir())]
    files += [f"_roles/{p.name}" for p in (repo_copy / "_roles").iterdir()]
    assert taplo_check(files, cwd=repo_copy) == (0, [])
    validator = repo_copy / "_manifests/validator.toml"
    validator.write_text(validator.read_text().replace('model = "sonnet"', 'modle = "sonnet"'))
    role = repo_copy / "_roles/edit-local.toml"
    role.write_text(role.read_text().replace("spawnable = true", "spawnable = 1"))
    config = repo_copy / "assembler.toml"
    config.write_text("generated = 1\n" + config.read_text())
    status, errors = taplo_check(files, cwd=repo_copy)
    assert status == 1
    assert errors == [
        '1 is not of type "boolean"',
        "Additional properties are not allowed ('generated' was unexpected)",
        "Additional properties are not allowed ('modle' was unexpected)",
    ]


def test_the_schema_directive_points_at_the_schema_relative_to_the_manifest(
    repo_copy: Path, tmp_path: Path
) -> None:
    shutil.copytree(REPO / "schemas", repo_copy / "schemas")
    validator = repo_copy / "_manifests/validator.toml"
    validator.write_text("#:schema ../schemas/manifest.json\n" + validator.read_text())
    elsewhere = tmp_path / "elsewhere"  # no .taplo.toml here: the directive alone names the schema
    elsewhere.mkdir()
    assert taplo_check([validator], cwd=elsewhere) == (0, [])
    assert CliRunner().invoke(cli, ["--root", str(repo_copy), "validate"]).exit_code == 0
    validator.write_text(validator.read_text().replace('model = "sonnet"', 'modle = "sonnet"'))
    assert taplo_check([validator], cwd=elsewhere) == (
        1,
        ["Additional properties are not allowed ('modle' was unexpected)"],
    )
