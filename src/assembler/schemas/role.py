"""The JSON Schema of a role file, derived from the table of keys the role parser checks shapes with
(`roles.parse.SPEC`): each table an object of its keys, each key typed by its `Kind`, the required ones
required, nothing else allowed (as the parser reports unknown tables and keys)."""

from __future__ import annotations

import copy
from typing import Any

from assembler.roles.shape import Kind
from assembler.schemas.shape import Schema, describe, document

TITLE = "assembler role"
ABOUT = (
    "A substrate role of an assembler catalog: _roles/<role>.toml. Derived from the role parser's table "
    "of keys; `assembler validate` checks what a schema cannot (parents, capabilities, tools)."
)

KINDS: dict[Kind, Schema] = {
    Kind.STRING: {"type": "string"},
    Kind.BOOLEAN: {"type": "boolean"},
    Kind.STRINGS: {"type": "array", "items": {"type": "string"}},
    Kind.DATE: {"type": "string", "format": "date"},  # a TOML date reads as this string too
}


def role_schema() -> Schema:
    """The role file's JSON Schema (draft 2020-12), every key described."""
    from assembler.roles.parse import REQUIRED_TABLES, SPEC
    from assembler.schemas.role_docs import DESCRIPTIONS

    tables: dict[str, Any] = {}
    for table, spec in SPEC.items():
        required = [key for key, declared in spec.items() if declared.required]
        tables[table] = {
            "type": "object",
            "properties": {key: copy.deepcopy(KINDS[declared.kind]) for key, declared in spec.items()},
            **({"required": required} if required else {}),
            "additionalProperties": False,
        }
    _values(tables)
    body = {
        "type": "object",
        "properties": tables,
        "required": list(REQUIRED_TABLES),
        "additionalProperties": False,
    }
    return document(TITLE, ABOUT, describe(body, DESCRIPTIONS))


def _values(tables: dict[str, Any]) -> None:
    """What holds for every catalog beyond the types: the taxonomy's built-in values as suggestions
    (configurations extend them), slugs and [[slug]] links in the lineage."""
    from assembler import vocab
    from assembler.names import LINK, SLUG

    for facet, values in vocab.TAXONOMY.items():
        tables["taxonomy"]["properties"][facet]["examples"] = list(values)
    lineage = tables["lineage"]["properties"]
    lineage["creator"]["pattern"] = f"^{SLUG.pattern}$"
    lineage["parents"]["items"]["pattern"] = f"^{LINK.pattern}$"
    for key in ("fork_from", "successor"):
        lineage[key]["pattern"] = f"^{LINK.pattern}$"
