"""The JSON Schema of a manifest, derived from the models the validator uses: the dataclasses of
`manifest.py` (through pydantic, as the validator is) and the model of each tool module kind.

To what the types say it adds what holds in every catalog whatever its configuration: Claude Code's fixed
vocabularies (permission modes, memory scopes, effort levels, isolation modes, colours, hook events) as
enums, the lower bounds the checks enforce, names and links as patterns, and that `body` excludes the
composed sections. Vocabularies a configuration extends or replaces (tools, models, taxonomy, artifacts)
are offered as `examples` only, which editors suggest and never enforce.
"""

from __future__ import annotations

from typing import Any

from assembler.schemas.shape import Schema, describe, document, inline, tomlish

TITLE = "assembler manifest"
ABOUT = (
    "One agent of an assembler catalog: _manifests/<name>.toml. Derived from the validator's models; "
    "`assembler validate` checks what a schema cannot (files, names across the catalog, configuration)."
)


def _slug() -> str:
    from assembler.names import SLUG

    return f"^{SLUG.pattern}$"


def tool_models() -> dict[str, type]:
    """The model of each tool module kind, by kind (the same models the kinds validate with)."""
    from assembler.toolkinds.modal_spec import ModalSpec

    return {"modal": ModalSpec}


def manifest_schema() -> Schema:
    """The manifest's JSON Schema (draft 2020-12), every key described."""
    from pydantic import TypeAdapter

    from assembler.manifest import Manifest
    from assembler.schemas.manifest_docs import DESCRIPTIONS

    body = tomlish(_plain(inline(TypeAdapter(Manifest).json_schema())))
    props = body["properties"]
    props["tool_module"] = _tool_module()
    _top_level(props)
    _lineage(props["lineage"]["properties"], props["taxonomy"]["properties"])
    _claude(props["targets"]["properties"]["claude"]["properties"])
    _targets(props["targets"]["properties"])
    _body_alone(body)
    return document(TITLE, ABOUT, describe(body, DESCRIPTIONS))


def _plain(schema: Schema) -> Schema:
    """The schema without the docstrings pydantic copies into it (written for developers): every key's
    description comes from `manifest_docs`."""
    out: Schema = {k: _plain(v) if isinstance(v, dict) else v for k, v in schema.items()}
    out.pop("description", None)
    for key in ("properties", "$defs"):
        if key in out:
            out[key] = {name: _plain(v) for name, v in schema[key].items()}
    return out


def _tool_module() -> Schema:
    from pydantic import TypeAdapter

    kinds = [tomlish(_plain(inline(TypeAdapter(m).json_schema()))) for m in tool_models().values()]
    return kinds[0] if len(kinds) == 1 else {"anyOf": kinds}


def _top_level(props: dict[str, Any]) -> None:
    from assembler import vocab
    from assembler.claudecode import vocab as claude
    from assembler.names import NAME_LIMIT

    props["name"].update(pattern=_slug(), maxLength=NAME_LIMIT)
    for key in ("tools", "disallowed_tools"):
        props[key]["items"]["examples"] = [claude.ALL_TOOLS, *claude.TOOLS]
    props["model"]["examples"] = list(claude.MODEL_ALIASES)
    props["max_turns"]["minimum"] = 1
    props["effort"] = {
        "anyOf": [
            {"type": "string", "enum": list(claude.EFFORT_LEVELS)},
            {"type": "integer", "minimum": 1},
        ]
    }
    handoff = props["handoff"]["items"]["properties"]
    handoff["target"]["pattern"] = _slug()
    for key in ("expects_artifact", "produces_artifact"):
        handoff[key]["examples"] = list(vocab.ARTIFACTS)
    props["produces_artifact"]["examples"] = list(vocab.ARTIFACTS)


def _lineage(lineage: dict[str, Any], taxonomy: dict[str, Any]) -> None:
    from assembler import vocab
    from assembler.names import LINK

    link = f"^{LINK.pattern}$"
    lineage["creator"]["pattern"] = _slug()
    lineage["created"] = {"type": "string", "format": "date"}  # a TOML date reads as this string too
    lineage["parents"]["items"]["pattern"] = link
    lineage["fork_from"]["pattern"] = link
    lineage["successor"]["pattern"] = link
    for facet, values in vocab.TAXONOMY.items():
        taxonomy[facet]["examples"] = list(values)


def _claude(fields: dict[str, Any]) -> None:
    from assembler.claudecode import vocab as claude
    from assembler.claudecode.checks import emitted_keys

    for key, allowed in (
        ("permissionMode", claude.PERMISSION_MODES),
        ("memory", claude.MEMORY_SCOPES),
        ("isolation", claude.ISOLATION_MODES),
        ("color", claude.COLORS),
    ):
        fields[key]["enum"] = list(allowed)
    fields["autoCompactWindow"]["minimum"] = claude.AUTO_COMPACT_MINIMUM
    fields["mcpServers"]["items"] = {
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "additionalProperties": {"type": "object"},
            },
        ]
    }
    hook = {
        "type": "object",
        "properties": {"type": {"type": "string", "minLength": 1}, "command": {"type": "string"}},
        "required": ["type"],
        "if": {"properties": {"type": {"const": "command"}}},
        "then": {"required": ["command"], "properties": {"command": {"pattern": r"\S"}}},
    }
    group = {
        "type": "object",
        "properties": {"matcher": {"type": "string"}, "hooks": {"type": "array", "items": hook}},
        "required": ["hooks"],
    }
    fields["hooks"] = {
        "type": "object",
        "propertyNames": {"enum": list(claude.HOOK_EVENTS)},
        "additionalProperties": {"type": "array", "items": group},
    }
    fields["extra"]["propertyNames"] = {"not": {"enum": sorted(emitted_keys())}}


def _targets(tables: dict[str, Any]) -> None:
    """The fixed vocabularies of the other targets' own fields, from their modules."""
    from assembler.targets import codex, copilot, factory, opencode, qwen

    enums = {
        ("copilot", "target"): copilot.TARGETS,
        ("codex", "sandbox_mode"): codex.SANDBOX_MODES,
        ("codex", "model_reasoning_effort"): codex.EFFORTS,
        ("codex", "approval_policy"): codex.APPROVALS,
        ("codex", "web_search"): codex.WEB_SEARCH,
        ("opencode", "mode"): opencode.MODES,
        ("kilo", "mode"): opencode.MODES,
        ("qwen", "approvalMode"): qwen.APPROVAL_MODES,
        ("qwen", "color"): qwen.COLORS,
        ("factory", "reasoningEffort"): factory.EFFORTS,
    }
    for (target, key), allowed in enums.items():
        tables[target]["properties"][key]["enum"] = list(allowed)


def _body_alone(body: Schema) -> None:
    """An agent written with `body` has none of the composed sections (A114)."""
    from assembler.manifest import COMPOSED_KEYS

    body["if"] = {"required": ["body"]}
    body["then"] = {"properties": dict.fromkeys(COMPOSED_KEYS, False)}
