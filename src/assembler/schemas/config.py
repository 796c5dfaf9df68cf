"""The JSON Schema of `assembler.toml`, derived from the configuration parser's own lists of keys
(`config_parts.KEYS` by group) and the defaults of `Config`. A key of the parser that this module cannot
give a type is written as `{}` (anything), and a test fails until it is given one."""

from __future__ import annotations

from typing import Any

from assembler.schemas.shape import Schema, describe, document

TITLE = "assembler configuration"
ABOUT = (
    "The configuration of an assembler catalog: assembler.toml at its root (or [tool.assembler] in its "
    "pyproject.toml). Every key is optional. Derived from the configuration parser's keys."
)


def config_schema() -> Schema:
    """The configuration's JSON Schema (draft 2020-12), every key described."""
    from assembler.config_parts import KEYS
    from assembler.schemas.config_docs import DESCRIPTIONS

    body = {
        "type": "object",
        "properties": {key: key_schema(key) for key in KEYS},
        "additionalProperties": False,
    }
    return document(TITLE, ABOUT, describe(body, DESCRIPTIONS))


def key_schema(key: str) -> Schema:
    """The schema of one configuration key, with its default where it has one."""
    from assembler import config, config_parts

    defaults = config.Config()
    text: Schema = {"type": "string", "pattern": r"\S"}
    found: Schema
    if key in config_parts.FOLDER_KEYS:
        found = dict(text)
    elif key in config_parts.LIST_KEYS:
        item = {"type": "string", "minLength": 1}
        if key == "external_agents":
            from assembler.names import SLUG

            item["pattern"] = f"^{SLUG.pattern}$"
        found = {"type": "array", "items": item}
    elif key in config_parts.RULE_KEYS:
        found = _rule(key)
    elif key == "taxonomy":
        found = _taxonomy()
    elif key == "path_aliases":
        found = {"type": "object", "additionalProperties": {"type": "string"}}
    elif key == "targets":
        found = _targets()
    else:
        return {}
    default = getattr(defaults, key, None)
    if isinstance(default, str | int | tuple):
        found["default"] = list(default) if isinstance(default, tuple) else default
    return found


def _rule(key: str) -> Schema:
    from assembler.config_parts import SECTIONS

    rules: dict[str, Schema] = {
        "min_handoffs": {"type": "integer", "minimum": 0},
        "required_sections": {"type": "array", "items": {"type": "string", "enum": list(SECTIONS)}},
        "require_taxonomy": {"type": "boolean"},
        "require_lineage": {"type": "boolean"},
        "placeholder_pattern": {"type": "string"},
    }
    return rules.get(key, {})


def _targets() -> Schema:
    from assembler.targetconfig import KEYS
    from assembler.targets import TARGETS

    def table() -> Schema:
        types: dict[str, Schema] = {
            "dir": {"type": "string", "pattern": r"\S"},
            "models": {"type": "object", "additionalProperties": {"type": "string", "pattern": r"\S"}},
        }
        # A key the parser reads and this module has no type for fails `make schema` at once.
        return {"type": "object", "properties": {k: types[k] for k in KEYS}, "additionalProperties": False}

    return {
        "type": "object",
        "minProperties": 1,
        "properties": {name: table() for name in TARGETS},
        "additionalProperties": False,
    }


def _taxonomy() -> Schema:
    from assembler import vocab

    facets: dict[str, Any] = {
        facet: {"type": "array", "items": {"type": "string", "minLength": 1}, "examples": [list(values)]}
        for facet, values in vocab.TAXONOMY.items()
    }
    return {"type": "object", "properties": facets, "additionalProperties": False}
