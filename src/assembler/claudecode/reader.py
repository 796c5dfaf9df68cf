"""Read an agent file as Claude Code 2.1.332 reads it, and say where its fields are. Pure: text in, the
frontmatter's data and the body out, or the diagnostics saying why not.

What Claude Code does, and this module with it:
- a byte-order mark is dropped; the file must start with a `---` line;
- the frontmatter ends at the first `---` after that line, wherever it stands (even inside a value);
  a `---` before the closing `---` line is reported here (A123), since the rest would be read as prompt;
- the frontmatter is YAML, read with the core schema of YAML 1.2;
- when it does not parse, each one-line value holding `: ` or a character YAML reserves is quoted and the
  whole is read again (a line ending in a carriage return is left as it is: Claude Code's pattern does not
  match it); a value read this way is a warning (A121), a frontmatter that still fails an error (A120).
The body is everything after the closing `---` line, as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assembler.claudecode import yaml12
from assembler.codes import claude as codes
from assembler.diagnostics import Diagnostic

_OPEN = re.compile(r"---[ \t\r]*\n")
_CLOSE = re.compile(r"---[ \t\r]*(?:\n|\Z)")
# JavaScript's `.` stops at these line ends, so a line ending in a carriage return never matches.
_FALLBACK_LINE = re.compile("([a-zA-Z_-]+):\\s+(\\S[^\r\n\u2028\u2029]*)")
_RESERVED = re.compile(r"[{}\[\]*&#!|>%@`]|: ")
_KEY = re.compile(r"""(?:"([^"]*)"|'([^']*)'|([^\s#'"\-?:][^:]*?))[ \t]*:(?:[ \t\r]|$)""")
_ITEM = re.compile(r"[ \t]+- |- ")


@dataclass
class AgentFile:
    data: dict[str, Any]
    body: str  # everything after the closing `---` line, as written
    body_line: int  # the 1-based line where the body starts
    lines: dict[str, int] = field(default_factory=dict)  # top-level key -> 1-based line
    items: dict[tuple[str, int], int] = field(default_factory=dict)  # (key, index) of block lists -> line
    warnings: list[Diagnostic] = field(default_factory=list)

    def line_of(self, key: str, index: int | None = None) -> int:
        """Where a key (or an item of its list) is written; line 1 for a key the file does not have."""
        if index is not None and (key, index) in self.items:
            return self.items[(key, index)]
        return self.lines.get(key, 1)


def read_agent(text: str, rel: str) -> tuple[AgentFile | None, list[Diagnostic]]:
    """The agent in `text` (the file `rel`), or None and why. A file without frontmatter gives A122."""
    text = text.removeprefix("\ufeff")
    opened = _OPEN.match(text)
    if opened is None or "---" not in text[opened.end() :]:
        return None, [codes.NOT_AN_AGENT.located(rel, 1, 1, where=rel)]
    start = opened.end()
    close = _closing(text, start)
    cut = text.find("---", start)
    if close is None or cut < close.start():
        line, column = _position(text, cut)
        what = "before its closing `---` line" if close is not None else "which has no closing `---` line"
        return None, [codes.FRONTMATTER_CUT.located(rel, line, column, what=what)]
    yaml_text = text[start : close.start()]
    body = text[close.end() :]
    body_line = text.count("\n", 0, close.end()) + 1
    data, read_as, problems = _parse(yaml_text, rel)
    if data is _FAILED:
        return None, problems
    if not isinstance(data, dict):
        got = "nothing" if data is None else f"a {type(data).__name__}"
        return None, [
            codes.FRONTMATTER_INVALID.located(
                rel,
                2,
                1,
                reason=f"it is {got}, not a mapping of keys to values",
                suggestion="write one `key: value` per line",
            )
        ]
    agent = AgentFile(data, body, body_line, warnings=problems)
    _place_keys(read_as, agent)
    return agent, []


def _closing(text: str, start: int) -> re.Match[str] | None:
    """The closing `---` line: the first line after `start` that is `---` (with trailing spaces only)."""
    at = start
    while at <= len(text):
        found = _CLOSE.match(text, at)
        if found is not None:
            return found
        newline = text.find("\n", at)
        if newline < 0:
            return None
        at = newline + 1
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


_FAILED: Any = object()


def _parse(yaml_text: str, rel: str) -> tuple[Any, str, list[Diagnostic]]:
    """The frontmatter's data, the text it was read from, and warnings; or _FAILED and the error."""
    import yaml

    try:
        return yaml12.load(yaml_text), yaml_text, []
    except yaml12.DuplicateKey as err:
        return (
            _FAILED,
            yaml_text,
            [codes.DUPLICATE_FRONTMATTER_KEY.located(rel, err.line + 2, 1, key=err.key)],
        )
    except yaml.YAMLError as err:
        first = err
    rewritten, changed = fallback(yaml_text)
    try:
        data = yaml12.load(rewritten) if changed else _FAILED
    except (yaml.YAMLError, yaml12.DuplicateKey):
        data = _FAILED
    if data is _FAILED:
        mark = getattr(first, "problem_mark", None)
        line, column = (mark.line + 2, mark.column + 1) if mark is not None else (2, 1)
        reason = str(getattr(first, "problem", None) or "it is not YAML")
        return (
            _FAILED,
            yaml_text,
            [
                codes.FRONTMATTER_INVALID.located(
                    rel,
                    line,
                    column,
                    reason=reason,
                    suggestion="quote the value on this line, or write text of several lines as a `|` block",
                )
            ],
        )
    warnings = [codes.READ_BY_FALLBACK.located(rel, number + 2, 1, key=key) for number, key in changed]
    return data, rewritten, warnings


def fallback(yaml_text: str) -> tuple[str, list[tuple[int, str]]]:
    """Claude Code's second reading: one-line values holding `: ` or a reserved character, quoted; tabs at
    line starts as two spaces each. Returns the text and the (0-based line, key) of each value quoted."""
    out = []
    changed = []
    for number, line in enumerate(yaml_text.split("\n")):
        found = _FALLBACK_LINE.fullmatch(line)
        if found is not None and _needs_quotes(found.group(2)):
            value = found.group(2).replace("\\", "\\\\").replace('"', '\\"')
            line = f'{found.group(1)}: "{value}"'
            changed.append((number, found.group(1)))
        tabs = len(line) - len(line.lstrip("\t"))
        out.append("  " * tabs + line[tabs:])
    return "\n".join(out), changed


def _needs_quotes(value: str) -> bool:
    if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
        return False
    if value.startswith("[") and value.endswith("]"):
        import yaml

        try:
            if isinstance(yaml12.load(value), list):
                return False
        except (yaml.YAMLError, yaml12.DuplicateKey):
            pass
    return _RESERVED.search(value) is not None


def _place_keys(yaml_text: str, agent: AgentFile) -> None:
    """Record the line of each top-level key, and of each item of a block list under one."""
    current: str | None = None
    index = 0
    for number, line in enumerate(yaml_text.split("\n"), start=2):
        item = _ITEM.match(line)
        if item is not None and current is not None:
            agent.items[(current, index)] = number
            index += 1
            continue
        if line[:1] in (" ", "\t", "#", ""):
            continue
        found = _KEY.match(line)
        if found is not None:
            current = next(g for g in found.groups() if g is not None)
            agent.lines.setdefault(current, number)
            index = 0
