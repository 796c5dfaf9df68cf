"""coreschema: the shipped core schema is exactly what pydantic derives, and validates the same way."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError
from pydantic_core import SchemaValidator

from assembler import coreschema
from assembler.manifest import Manifest
from assembler.manifest_core import SCHEMA
from assembler.tomlparse import parse_toml
from tests.conftest import manifest


def test_shipped_schema_is_what_pydantic_derives_now() -> None:
    # Fails after a change to the dataclasses of manifest.py until `make schema` is run.
    assert coreschema.normalized(SCHEMA) == coreschema.derive()


def test_shipped_file_is_the_generator_output_byte_for_byte() -> None:
    assert coreschema.TARGET.read_text(encoding="utf-8") == coreschema.source(coreschema.derive())
    assert coreschema.main(["--check"]) == 0


def test_check_reports_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "manifest_core.py"
    stale.write_text("SCHEMA = {}\n", encoding="utf-8")
    monkeypatch.setattr(coreschema, "TARGET", stale)
    assert coreschema.main(["--check"]) == 1
    assert coreschema.main([]) == 0
    assert coreschema.main(["--check"]) == 0
    assert "SCHEMA: CoreSchema = {" in stale.read_text(encoding="utf-8")


def test_refs_lose_their_run_dependent_suffix() -> None:
    found = coreschema.normalized({"ref": "a.B:140234", "x": [{"ref": "c.D:1"}], "name": "e:12"})
    assert found == {"ref": "a.B", "x": [{"ref": "c.D"}], "name": "e:12"}


def test_literal_refuses_what_it_cannot_write_faithfully() -> None:
    with pytest.raises(ValueError, match=r"outside assembler\.manifest"):
        coreschema.source({"cls": datetime.date})
    with pytest.raises(ValueError, match=r"cannot write 1\.5"):
        coreschema.source({"x": 1.5})
    with pytest.raises(ValueError, match="unexpected characters"):
        coreschema.source({"x": 'say "hi"'})


def test_literal_layout() -> None:
    text = coreschema.source({"type": "x", "cls": Manifest, "items": [], "d": {}, "t": (), "n": None})
    assert "from assembler.manifest import Manifest\n" in text
    assert text.endswith(
        'SCHEMA: CoreSchema = {\n    "type": "x",\n    "cls": Manifest,\n    "items": [],\n'
        '    "d": {},\n    "t": (),\n    "n": None,\n}\n'
    )


def _errors(validate: Any, data: dict[str, Any]) -> list[dict[str, Any]] | Manifest:
    try:
        result: Manifest = validate(data)
    except ValidationError as err:
        return [{k: e[k] for k in ("type", "loc", "msg", "input")} for e in err.errors()]
    return result


@pytest.mark.parametrize(
    "replace",
    [
        {},
        {"tools": 'tools = "Read"'},
        {"model": "modle = 1"},
        {"description": "description = 3"},
        {"blocks": "blocks = [1, 2]"},
        {"model": "model = ['a']"},
    ],
)
def test_shipped_validator_agrees_with_pydantic(replace: dict[str, str]) -> None:
    data = parse_toml(manifest("reviewer", "fixer", **replace))
    data["extra_key"] = "misspelled keys are refused" if replace else None
    if not replace:
        del data["extra_key"]
    data["lineage"]["created"] = datetime.date(2026, 1, 2)
    shipped = _errors(SchemaValidator(SCHEMA).validate_python, data)
    derived = _errors(TypeAdapter(Manifest).validate_python, data)
    assert shipped == derived
    assert isinstance(shipped, Manifest) == (replace == {})


def test_file_records_the_pydantic_core_it_was_derived_with() -> None:
    import pydantic_core

    from assembler import manifest_core

    assert pydantic_core.__version__ == manifest_core.PYDANTIC_CORE_VERSION  # the dev extra pins pydantic


def test_another_pydantic_core_derives_the_schema_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from assembler import manifest as model
    from assembler import manifest_core

    good = parse_toml(manifest("reviewer", "fixer"))
    bad = parse_toml(manifest("reviewer", "fixer", model="model = 3"))
    shipped = (model.parse_manifest(good), model.parse_manifest(bad))
    monkeypatch.setattr(manifest_core, "PYDANTIC_CORE_VERSION", "0.0.0")
    monkeypatch.setattr(manifest_core, "SCHEMA", {"type": "not a schema"})  # would fail if it were used
    model._validator.cache_clear()
    try:
        derived = (model.parse_manifest(good), model.parse_manifest(bad))
    finally:
        model._validator.cache_clear()
    assert derived == shipped
    assert derived[0][0] is not None and derived[1][1][0].code == "A004"
