"""YAML frontmatter, emitted by PyYAML so that every value, whatever its characters, reads back equal."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Characters outside the Basic Multilingual Plane (emoji): libyaml escapes them, PyYAML's own emitter
# writes them as they are. Text holding one goes through PyYAML's emitter, so bytes never depend on the
# machine; everything else takes libyaml's emitter when PyYAML has it, for speed (eight times faster).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def to_yaml(data: Mapping[str, Any]) -> str:
    import yaml

    dumper: type[yaml.SafeDumper] = yaml.SafeDumper
    fast = getattr(yaml, "CSafeDumper", None)
    if fast is not None and not any(_ASTRAL.search(str(v)) for v in data.values()):
        dumper = fast
    text: str = yaml.dump(
        dict(data),
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**31 - 1,
    )
    return text


def frontmatter_data(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Claude Code's keys first (name, description, tools as one string, model), then optional ones."""
    data: dict[str, Any] = {
        "name": fields["name"],
        "description": fields["description"],
        "tools": ", ".join(fields["tools"]),
        "model": fields["model"],
    }
    for key, value in fields.get("optional", {}).items():
        if value is not None:
            data[key] = value
    return data
