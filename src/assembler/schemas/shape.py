"""Plain operations on JSON Schema documents (dicts): inline the `$defs` pydantic writes, drop what TOML
cannot say (null), walk the keys by their dotted path, and attach a description to each key.

A key's path is the dotted chain of table names leading to it, arrays of tables adding nothing:
`handoff.target`, `targets.claude.permissionMode`, `tool_module.gpu.name`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

Schema = dict[str, Any]


def inline(schema: Schema) -> Schema:
    """`schema` with every `$ref` into its `$defs` replaced by the definition, and no `$defs` left (the
    models have no recursive types, so this ends)."""
    defs = schema.get("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                rest = {k: v for k, v in node.items() if k != "$ref"}
                return resolve({**defs[ref.removeprefix("#/$defs/")], **rest})
            return {k: resolve(v) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    resolved: Schema = resolve(schema)
    return resolved


def tomlish(node: Any) -> Any:
    """A schema for TOML: TOML has no null, so an optional key is one that may be left out. Drops the
    `null` branch of every `anyOf` (merging a single remaining branch into its node), `default: null`, and
    the titles pydantic makes up from field names."""
    if isinstance(node, list):
        return [tomlish(v) for v in node]
    if not isinstance(node, dict):
        return node
    out: Schema = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "default" and value is None:
            continue
        if key == "properties":
            out[key] = {name: tomlish(v) for name, v in value.items()}
            continue
        out[key] = tomlish(value)
    branches = out.get("anyOf")
    if isinstance(branches, list):
        kept = [b for b in branches if b != {"type": "null"}]
        if len(kept) == 1:
            del out["anyOf"]
            out = {**kept[0], **out}
        else:
            out["anyOf"] = kept
    return out


def keys(schema: Schema, prefix: str = "") -> Iterator[tuple[str, Schema]]:
    """Every key the schema declares, with its dotted path and its schema, parents before children."""
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield path, sub
        yield from _inside(sub, path)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        yield from _inside(extra, prefix)


def _inside(schema: Schema, path: str) -> Iterator[tuple[str, Schema]]:
    """The keys of the tables a value may hold: its own, its array items', its branches'."""
    yield from keys(schema, path)
    items = schema.get("items")
    if isinstance(items, dict):
        yield from _inside(items, path)
    for branch in schema.get("anyOf", ()):
        yield from _inside(branch, path)


def describe(schema: Schema, descriptions: Mapping[str, str]) -> Schema:
    """`schema` with `description` set on each key from `descriptions` (dotted path -> text). A key's
    description is written first, so it leads where an editor shows the schema of a key."""
    for path, sub in keys(schema):
        text = descriptions.get(path)
        if text is not None:
            rest = {k: v for k, v in sub.items() if k != "description"}
            sub.clear()
            sub.update({"description": text, **rest})
    return schema


def undocumented(schema: Schema) -> list[str]:
    """The paths of the keys that have no description."""
    return [path for path, sub in keys(schema) if not sub.get("description")]


def document(title: str, description: str, body: Schema) -> Schema:
    """A whole schema document: the draft it follows, a title and a description, then `body`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": description,
        **{k: v for k, v in body.items() if k not in ("title", "description")},
    }
