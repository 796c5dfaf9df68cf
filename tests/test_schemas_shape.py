"""schemas.shape: inlining pydantic's definitions, TOML's lack of null, key paths and descriptions."""

from __future__ import annotations

from assembler.schemas.shape import describe, document, inline, keys, tomlish, undocumented


def test_inline_replaces_every_ref_and_drops_the_definitions() -> None:
    schema = {
        "$defs": {
            "B": {"type": "object", "properties": {"c": {"$ref": "#/$defs/C"}}},
            "C": {"type": "integer"},
        },
        "type": "object",
        "properties": {"b": {"$ref": "#/$defs/B"}, "bs": {"type": "array", "items": {"$ref": "#/$defs/B"}}},
    }
    flat = inline(schema)
    assert "$defs" not in flat
    assert flat["properties"]["b"] == {"type": "object", "properties": {"c": {"type": "integer"}}}
    assert flat["properties"]["bs"]["items"] == flat["properties"]["b"]
    assert flat["properties"]["b"] is not flat["properties"]["bs"]["items"]


def test_tomlish_drops_null_branches_null_defaults_and_titles() -> None:
    node = {
        "title": "Thing",
        "properties": {
            "title": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Title"},
            "either": {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]},
            "kept": {"type": "array", "default": []},
        },
    }
    assert tomlish(node) == {
        "properties": {
            "title": {"type": "string"},  # a key named `title` is a key, not a title
            "either": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            "kept": {"type": "array", "default": []},
        }
    }


def test_keys_follow_tables_arrays_of_tables_and_branches() -> None:
    schema = {
        "properties": {
            "a": {"properties": {"b": {"type": "string"}}},
            "list": {"type": "array", "items": {"properties": {"item": {}}}},
            "either": {"anyOf": [{"type": "string"}, {"properties": {"branch": {}}}]},
            "map": {"additionalProperties": {"type": "array", "items": {"properties": {"deep": {}}}}},
        }
    }
    assert [path for path, _ in keys(schema)] == [
        "a",
        "a.b",
        "list",
        "list.item",
        "either",
        "either.branch",
        "map",
        "map.deep",
    ]


def test_describe_puts_the_description_first_and_undocumented_lists_the_rest() -> None:
    schema = {"properties": {"a": {"type": "string"}, "b": {"properties": {"c": {"type": "integer"}}}}}
    described = describe(schema, {"a": "The a.", "b.c": "The c."})
    assert list(described["properties"]["a"]) == ["description", "type"]
    assert described["properties"]["b"]["properties"]["c"]["description"] == "The c."
    assert undocumented(described) == ["b"]


def test_document_names_the_draft_first() -> None:
    found = document("t", "d", {"type": "object", "title": "dropped"})
    assert found == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "t",
        "description": "d",
        "type": "object",
    }
