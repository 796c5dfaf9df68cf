"""YAML frontmatter, emitted by PyYAML so that every value, whatever its characters, reads back equal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def to_yaml(data: Mapping[str, Any]) -> str:
    import yaml

    # libyaml's emitter when PyYAML was built with it (its wheels are), the pure-Python one otherwise;
    # both write the same text for these flat mappings of strings.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
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
