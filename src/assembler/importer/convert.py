"""Turn the frontmatter and body of a Claude Code agent file into manifest data. Pure.

Nothing is invented: each frontmatter key goes to the manifest field of the same meaning (`tools`,
`disallowed_tools`, `model`, `max_turns`, `effort` at the top level; Claude Code's own fields under
`[targets.claude]`; keys Claude Code does not read under `[targets.claude.extra]`, with a warning), and the
body becomes `body`, byte for byte but for line ends (LF, and one newline at the end). Where each value came
from is kept, so that a problem found in the manifest is reported at its line of the source.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from assembler.claudecode.frontmatter import lines
from assembler.claudecode.reader import AgentFile
from assembler.claudecode.rules import split_tools
from assembler.claudecode.vocab import CLAUDE_KEYS, TOP_LEVEL_KEYS
from assembler.codes import claude as codes
from assembler.codes import general
from assembler.diagnostics import Diagnostic, KeyPath
from assembler.schema_errors import describe

_FIELD_OF = {key: field for field, key in TOP_LEVEL_KEYS.items()}  # frontmatter key -> manifest key
_LISTS = ("tools", "disallowedTools")
CLAUDE: KeyPath = ("targets", "claude")


@dataclass
class Converted:
    data: dict[str, Any]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # manifest key (first part) -> frontmatter key

    def frontmatter_key(self, path: KeyPath) -> str | None:
        """The frontmatter key a manifest key path came from."""
        if path[:3] == (*CLAUDE, "extra") and len(path) > 3:
            return str(path[3])
        if path[:2] == CLAUDE and len(path) > 2:
            return str(path[2])
        return self.sources.get(str(path[0])) if path else None


def body_of(agent: AgentFile) -> str:
    """The body with LF line ends and a newline at its end (when it has any text)."""
    body = lines(agent.body)
    return body if not body or body.endswith("\n") else body + "\n"


def convert(agent: AgentFile, rel: str) -> Converted:
    out = Converted({})
    claude: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in agent.data.items():
        where = (rel, agent.line_of(str(key)), 1)
        if not isinstance(key, str):
            out.diagnostics.append(_not_kept(where, str(key), "TOML keys are text"))
            continue
        if key in _FIELD_OF:
            out.sources[_FIELD_OF[key]] = key
        if key in _LISTS:
            entries = _entries(value)
            if entries is None:
                out.diagnostics.append(_wrong_type(where, key, value))
                continue
            value = entries
        reason = _not_tomlable(value)
        if reason is not None:
            out.diagnostics.append(_not_kept(where, key, reason))
            continue
        if key in _FIELD_OF:
            out.data[_FIELD_OF[key]] = value
        elif key in CLAUDE_KEYS:
            claude[key] = value
        else:
            extra[key] = value
            out.diagnostics.append(
                codes.UNKNOWN_FRONTMATTER_KEY.located(*where, key=key, suggestion=_unknown_hint(key))
            )
    out.data["body"] = body_of(agent)
    out.sources["body"] = ""
    if extra:
        claude["extra"] = extra
    if claude:
        out.data["targets"] = {"claude": claude}
    return out


def _entries(value: Any) -> list[Any] | None:
    """`tools` as Claude Code reads it: a string split at commas and spaces outside parentheses, a list as
    it is, nothing (null) as no tools at all."""
    if value is None:
        return []
    if isinstance(value, str):
        return split_tools(value)
    if isinstance(value, list):
        return value
    return None


def _not_tomlable(value: Any) -> str | None:
    """Why TOML cannot hold the value as it is, or None."""
    if value is None:
        return "it has no value, and TOML has no empty value"
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
        return "it is a whole number outside TOML's 64-bit range"
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"its key {key!r} is not text, and TOML keys are"
            reason = _not_tomlable(item)
            if reason is not None:
                return reason
    if isinstance(value, list):
        for item in value:
            reason = _not_tomlable(item)
            if reason is not None:
                return reason
    return None


def _unknown_hint(key: str) -> str:
    from assembler.diagnostics import did_you_mean

    known = (*TOP_LEVEL_KEYS.values(), *CLAUDE_KEYS)
    close = did_you_mean(key, known)
    if close:
        return f"{close} If so, rename it in the source; otherwise nothing needs doing"
    return "nothing needs doing; remove it from [targets.claude.extra] if it has no use"


def _not_kept(where: tuple[str, int, int], key: str, reason: str) -> Diagnostic:
    return codes.VALUE_NOT_KEPT.located(
        *where, key=key, reason=reason, suggestion="give it a value in the source, or remove it"
    )


def _wrong_type(where: tuple[str, int, int], key: str, value: Any) -> Diagnostic:
    return general.WRONG_TYPE.located(
        *where,
        key=key,
        expected="a comma-separated string or a list of tool names",
        actual=describe(value),
        suggestion="write `tools: Read, Grep` or a YAML list",
    )
