"""The frontmatter of a Claude Code agent, from its manifest. Pure."""

from __future__ import annotations

import datetime
from typing import Any

from assembler.claudecode.vocab import CLAUDE_KEYS
from assembler.manifest import LEGACY_KEYS, Manifest


def lines(text: str) -> str:
    """`text` with LF line ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def frontmatter_of(m: Manifest) -> dict[str, Any]:
    """Claude Code's keys in a fixed order: name, description, tools (one comma-separated string, as
    Claude Code's documentation writes it), disallowedTools, model, maxTurns, effort, the [targets.claude]
    fields, the legacy keys, then the keys passed through, in the manifest's order."""
    data: dict[str, Any] = {"name": m.name, "description": lines(m.description)}
    if m.tools is not None:
        data["tools"] = ", ".join(m.tools)
    if m.disallowed_tools is not None:
        data["disallowedTools"] = ", ".join(m.disallowed_tools)
    for key, value in (("model", m.model), ("maxTurns", m.max_turns), ("effort", m.effort)):
        if value is not None:
            data[key] = value
    claude = m.targets.claude
    for key in CLAUDE_KEYS:
        value = getattr(claude, key)
        if value is not None:
            data[key] = plain(value)
    for key in LEGACY_KEYS:
        value = getattr(m, key)
        if value is not None:
            data[key] = value
    for key, value in (claude.extra or {}).items():
        data[key] = plain(value)
    return data


def plain(value: Any) -> Any:
    """TOML data as YAML can hold it: arrays as lists, a time of day as its ISO text."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime.time):
        return value.isoformat()
    return value
