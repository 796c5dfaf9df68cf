"""Parse one role file: its shape (`shape`), then what its values say (`values`). Pure: text in, the
`RoleFile` and problems by key path out."""

from __future__ import annotations

import datetime
from typing import Any

from assembler.codes import roles as codes
from assembler.config import Config
from assembler.diagnostics import KeyPath, Problem
from assembler.roles.model import RoleFile
from assembler.roles.shape import Key, Kind, Spec, check_shape
from assembler.tomlparse import parse_toml

_TAXONOMY = {
    facet: Key(Kind.STRING, True)
    for facet in ("kingdom", "mechanism", "domain", "layer", "stage", "stability", "language")
}

SPEC: Spec = {
    "role": {
        "name": Key(Kind.STRING, True),
        "display-name": Key(Kind.STRING),
        "description": Key(Kind.STRING, True),
        "spawnable": Key(Kind.BOOLEAN),
        "claude-subagent-type": Key(Kind.STRING),
    },
    "capabilities": {
        "required": Key(Kind.STRINGS),
        "extends": Key(Kind.STRING),
        "relaxes": Key(Kind.STRINGS),
    },
    "tools": {"allowed": Key(Kind.STRINGS), "bash-patterns-allowed": Key(Kind.STRINGS)},
    "escalation": {"policy": Key(Kind.STRING, True)},
    "taxonomy": _TAXONOMY,
    "lineage": {
        "creator": Key(Kind.STRING, True),
        "created": Key(Kind.DATE, True),
        "parents": Key(Kind.STRINGS),
        "fork_from": Key(Kind.STRING),
        "successor": Key(Kind.STRING),
    },
    "pipeline": {"handoff": Key(Kind.STRINGS)},
}
REQUIRED_TABLES = ("role",)  # the tables every role file has; the others may be left out

_FLAT_KEYS = ("description", "extends")  # top-level keys of the flat format of assembler 0.1


def parse_role(
    text: str, stem: str, config: Config, today: datetime.date
) -> tuple[RoleFile | None, list[Problem]]:
    """The role file's data (None when its shape is wrong, so its values cannot be read) and every problem
    found. Raises TomlError."""
    data = parse_toml(text)
    if "role" not in data and any(k in data for k in _FLAT_KEYS):
        first = next(k for k in data if k in _FLAT_KEYS)
        return None, [codes.FLAT_ROLE.at((first,), stem=f'"{stem}"')]
    problems = check_shape(data, SPEC, REQUIRED_TABLES, "role file")
    if problems:
        return None, problems
    role = _role_file(data)
    from assembler.roles.values import check_values

    return role, check_values(role, data, stem, config, today)


def _role_file(data: dict[str, Any]) -> RoleFile:
    role = data["role"]
    caps = data.get("capabilities", {})
    tools = data.get("tools", {})
    lineage = data.get("lineage", {})
    pipeline = data.get("pipeline", {})

    def strings(value: list[str] | None) -> tuple[str, ...] | None:
        return None if value is None else tuple(value)

    links: list[tuple[KeyPath, str]] = [
        (("lineage", "parents", i), link) for i, link in enumerate(lineage.get("parents", ()))
    ]
    links += [(("lineage", key), lineage[key]) for key in ("fork_from", "successor") if key in lineage]
    return RoleFile(
        name=role["name"],
        display_name=role.get("display-name"),
        description=role["description"],
        spawnable=role.get("spawnable"),
        subagent_type=role.get("claude-subagent-type"),
        required=tuple(caps.get("required", ())),
        extends=caps.get("extends"),
        relaxes=tuple(caps.get("relaxes", ())),
        allowed_tools=strings(tools.get("allowed")),
        bash_patterns=strings(tools.get("bash-patterns-allowed")),
        escalation=data.get("escalation", {}).get("policy"),
        pipeline=strings(pipeline.get("handoff")),
        lineage_links=tuple(links),
    )
