"""Whether an agent built from an imported manifest is its source again. Pure.

Lossless means: the frontmatter is the same mapping, read as Claude Code reads both files (keys, and values
with their types; `tools`, `disallowedTools` and `skills` as the lists of entries Claude Code makes of
them, since it reads `Read, Grep` and `[Read, Grep]` alike, and a `tools:` without value as no tools); and
the body is the same text, the generated comment line aside, with LF line ends and a newline at the end.
"""

from __future__ import annotations

import math
from typing import Any

from assembler.claudecode.reader import AgentFile, read_agent
from assembler.claudecode.rules import split_tools
from assembler.importer.convert import body_of

_LISTS = ("tools", "disallowedTools", "skills")


def differences(source: str, generated: str) -> list[str]:
    """What differs between a source agent file and the agent built from its manifest (none: lossless)."""
    before, _ = read_agent(source, "source")
    after, _ = read_agent(generated, "generated")
    if before is None or after is None:
        return ["one of the files has no readable frontmatter"]
    found = [f"frontmatter `{key}`" for key in _keys_that_differ(before.data, after.data)]
    if body_of(before) != _after_comment(after):
        found.append("body")
    return found


def _after_comment(agent: AgentFile) -> str:
    """The generated body without its first line, the generated comment."""
    return agent.body.partition("\n")[2]


def _keys_that_differ(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return sorted(
        key
        for key in a.keys() | b.keys()
        if key not in a or key not in b or not _same(_as_read(key, a[key]), _as_read(key, b[key]))
    )


def _as_read(key: str, value: Any) -> Any:
    if key in _LISTS:
        if value is None:
            return []
        if isinstance(value, str):
            return split_tools(value)
    return value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b
