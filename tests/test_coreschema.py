"""coreschema: the shipped core schema is exactly what pydantic derives, and validates the same way."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
from pydantic import TypeAdapter, ValidationError
from pydantic_core import SchemaValidator

from assembler import coreschema, generate
from assembler import manifest as model
from assembler.manifest import Handoff, Manifest, classes
from assembler.tomlparse import parse_toml
from tests.conftest import manifest


def test_shipped_schema_is_what_pydantic_derives_now() -> None:
    # Fails after a change to the dataclasses of manifest.py until `make schema` is run.
    version, schema = coreschema.load(coreschema.TARGET, classes())
    assert schema == coreschema.derive(Manifest)
    assert version == pydantic_core.__version__  # the dev extra pins pydantic, hence pydantic-core


def test_shipped_file_is_the_generator_output_byte_for_byte() -> None:
    assert coreschema.TARGET.read_text(encoding="utf-8") == generate.schema_text()
    assert generate.main(["schema", "--check"]) == 0


def test_check_reports_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "manifest_core.json"
    stale.write_text('{"pydantic_core": "0", "schema": {}}\n', encoding="utf-8")
    monkeypatch.setattr(coreschema, "TARGET", stale)
    monkeypatch.setattr(generate, "SCHEMAS", tmp_path / "schemas")  # the JSON Schemas: test_generate.py
    assert generate.main(["schema", "--check"]) == 1
    assert generate.main(["schema"]) == 0
    assert generate.main(["schema", "--check"]) == 0
    assert coreschema.load(stale, classes())[1] == coreschema.derive(Manifest)
    assert generate.main(["nothing"]) == 2


def test_refs_lose_their_run_dependent_suffix() -> None:
    found = coreschema.normalized({"ref": "a.B:140234", "x": [{"ref": "c.D:1"}], "name": "e:12"})
    assert found == {"ref": "a.B", "x": [{"ref": "c.D"}], "name": "e:12"}


def test_classes_and_empty_tuples_round_trip_through_json(tmp_path: Path) -> None:
    schema = {"cls": Manifest, "items": [{"cls": Handoff, "default": ()}], "n": None, "flag": True, "k": 3}
    path = tmp_path / "schema.json"
    path.write_text(coreschema.dumps(schema, classes()), encoding="utf-8")
    assert coreschema.load(path, classes()) == (pydantic_core.__version__, schema)
    assert '{"$class":"Manifest"}' in coreschema.dumps(schema, classes()).replace("\n", "").replace(" ", "")


def test_what_json_cannot_hold_faithfully_is_refused() -> None:
    with pytest.raises(ValueError, match=r"not one of the model's classes"):
        coreschema.dumps({"cls": datetime.date}, classes())
    with pytest.raises(ValueError, match=r"cannot write 1\.5"):
        coreschema.dumps({"x": 1.5}, classes())
    with pytest.raises(ValueError, match=r"cannot write \('a',\)"):
        coreschema.dumps({"x": ("a",)}, classes())


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
    schema: Any = coreschema.load(coreschema.TARGET, classes())[1]
    shipped = _errors(SchemaValidator(schema).validate_python, data)
    derived = _errors(TypeAdapter(Manifest).validate_python, data)
    assert shipped == derived
    assert isinstance(shipped, Manifest) == (replace == {})


def test_another_pydantic_core_derives_once_then_reads_its_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = parse_toml(manifest("reviewer", "fixer"))
    bad = parse_toml(manifest("reviewer", "fixer", model="model = 3"))
    shipped = (model.parse_manifest(good), model.parse_manifest(bad))
    monkeypatch.setenv("ASSEMBLER_CACHE_DIR", str(tmp_path / "cache"))
    # The shipped file claims another version, so it cannot be used; deriving counts its calls.
    real_load, real_derive = coreschema.load, coreschema.derive
    derived: list[type] = []

    def other_version(path: Path, known: Any) -> tuple[str, dict[str, Any]]:
        version, schema = real_load(path, known)
        return ("0.0.0", schema) if path == coreschema.TARGET else (version, schema)

    def counting(target: type) -> dict[str, Any]:
        derived.append(target)
        return real_derive(target)

    monkeypatch.setattr(coreschema, "load", other_version)
    monkeypatch.setattr(coreschema, "derive", counting)
    for _ in range(2):
        model._validator.cache_clear()
        try:
            again = (model.parse_manifest(good), model.parse_manifest(bad))
        finally:
            model._validator.cache_clear()
        assert again == shipped
    assert derived == [Manifest]  # derived by the first run only; the second read the cache
    cache = coreschema.cache_file(pydantic_core.__version__)
    assert cache is not None and cache.parent == tmp_path / "cache" and cache.is_file()
    assert again[0].manifest is not None and [p.code for p in again[1].problems] == ["A004"]


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("ASSEMBLER_CACHE_DIR", str(blocked))
    monkeypatch.setattr(coreschema, "TARGET", coreschema.TARGET)
    coreschema._write_cache(blocked / "x.json", coreschema.derive(Manifest), classes())
    assert blocked.read_text() == "not a folder"
    assert coreschema._read_cache(blocked / "x.json", classes()) is None


def test_cache_places(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ASSEMBLER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    found = coreschema.cache_file("2.46.5")
    assert found is not None and found.parent == tmp_path / "assembler"
    assert found.name.startswith("manifest-core-2.46.5-")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    found = coreschema.cache_file("2.46.5")
    assert found is not None and found.parent == tmp_path / "home" / ".cache" / "assembler"
