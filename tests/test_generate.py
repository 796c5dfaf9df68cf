"""generate: the JSON Schemas in the repository's schemas/ are what the models give now (`make schema`
rewrites them; this test fails until it is run after a change)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler import coreschema, generate, schemas
from tests.conftest import REPO


def test_the_repository_schemas_are_current() -> None:
    assert generate.SCHEMAS == REPO / "schemas"
    for kind in schemas.KINDS:
        path = REPO / "schemas" / f"{kind}.json"
        assert path.read_text(encoding="utf-8") == schemas.dumps(schemas.derive(kind)), "run `make schema`"
    assert generate.main(["schema", "--check"]) == 0


def test_check_fails_on_a_stale_or_missing_schema_and_schema_rewrites_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(generate, "SCHEMAS", tmp_path / "schemas")
    monkeypatch.setattr(coreschema, "TARGET", tmp_path / "manifest_core.json")
    coreschema.TARGET.write_text(generate.schema_text(), encoding="utf-8")
    assert generate.main(["schema", "--check"]) == 1
    assert "manifest.json is out of date: run `make schema`" in capsys.readouterr().err
    assert generate.main(["schema"]) == 0
    assert generate.main(["schema", "--check"]) == 0
    role = tmp_path / "schemas/role.json"
    role.write_text(role.read_text(encoding="utf-8").replace("role", "rôle", 1), encoding="utf-8")
    assert generate.main(["schema", "--check"]) == 1
    assert generate.main(["schema"]) == 0
    assert role.read_text(encoding="utf-8") == schemas.dumps(schemas.derive("role"))
