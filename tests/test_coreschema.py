"""coreschema: the shipped core schema is exactly what pydantic derives, and validates the same way."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
from pydantic import TypeAdapter, ValidationError
from pydantic_core import SchemaValidator

from assembler import coreschema
from assembler import manifest as model
from assembler.manifest import Handoff, Manifest
from assembler.tomlparse import parse_toml
from tests.conftest import manifest


def test_shipped_schema_is_what_pydantic_derives_now() -> None:
    # Fails after a change to the dataclasses of manifest.py until `make schema` is run.
    version, schema = coreschema.load()
    assert schema == coreschema.derive()
    assert version == pydantic_core.__version__  # the dev extra pins pydantic, hence pydantic-core


def test_shipped_file_is_the_generator_output_byte_for_byte() -> None:
    assert coreschema.TARGET.read_text(encoding="utf-8") == coreschema.dumps(coreschema.derive())
    assert coreschema.main(["--check"]) == 0


def test_check_reports_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "manifest_core.json"
    stale.write_text('{"pydantic_core": "0", "schema": {}}\n', encoding="utf-8")
    monkeypatch.setattr(coreschema, "TARGET", stale)
    assert coreschema.main(["--check"]) == 1
    assert coreschema.main([]) == 0
    assert coreschema.main(["--check"]) == 0
    assert coreschema.load(stale)[1] == coreschema.derive()


def test_refs_lose_their_run_dependent_suffix() -> None:
    found = coreschema.normalized({"ref": "a.B:140234", "x": [{"ref": "c.D:1"}], "name": "e:12"})
    assert found == {"ref": "a.B", "x": [{"ref": "c.D"}], "name": "e:12"}


def test_classes_and_empty_tuples_round_trip_through_json(tmp_path: Path) -> None:
    schema = {"cls": Manifest, "items": [{"cls": Handoff, "default": ()}], "n": None, "flag": True, "k": 3}
    path = tmp_path / "schema.json"
    path.write_text(coreschema.dumps(schema), encoding="utf-8")
    assert coreschema.load(path) == (pydantic_core.__version__, schema)
    assert '{"$class":"Manifest"}' in coreschema.dumps(schema).replace("\n", "").replace(" ", "")


def test_what_json_cannot_hold_faithfully_is_refused() -> None:
    with pytest.raises(ValueError, match=r"outside assembler\.manifest"):
        coreschema.dumps({"cls": datetime.date})
    with pytest.raises(ValueError, match=r"cannot write 1\.5"):
        coreschema.dumps({"x": 1.5})
    with pytest.raises(ValueError, match=r"cannot write \('a',\)"):
        coreschema.dumps({"x": ("a",)})


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
    schema: Any = coreschema.load()[1]
    shipped = _errors(SchemaValidator(schema).validate_python, data)
    derived = _errors(TypeAdapter(Manifest).validate_python, data)
    assert shipped == derived
    assert isinstance(shipped, Manifest) == (replace == {})


def test_another_pydantic_core_derives_the_schema_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    good = parse_toml(manifest("reviewer", "fixer"))
    bad = parse_toml(manifest("reviewer", "fixer", model="model = 3"))
    shipped = (model.parse_manifest(good), model.parse_manifest(bad))
    # Another version, and a schema that would fail if it were used.
    monkeypatch.setattr(coreschema, "load", lambda: ("0.0.0", {"type": "not a schema"}))
    model._validator.cache_clear()
    try:
        derived = (model.parse_manifest(good), model.parse_manifest(bad))
    finally:
        model._validator.cache_clear()
    assert derived == shipped
    assert derived[0].manifest is not None and derived[0].problems == []
    assert [p.code for p in derived[1].problems] == ["A004"]
