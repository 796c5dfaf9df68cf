"""Diagnostics: the one error type of the tool, and how runs report them.

Every problem found in the input becomes a `Diagnostic` carrying a stable code, the file (relative to the
catalog root), the line and column, a message saying what is wrong and a hint saying what to do. Code that
checks data without knowing where it came from returns `Problem`s, which name a key path inside a TOML file;
the loader turns them into located diagnostics.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

KeyPath = tuple[str | int, ...]
LIMIT = 100  # problems listed per file; a file with more gets one line counting the rest (A009)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """One located problem. Built through the code registry (`assembler.codes`), by keyword."""

    code: str
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR
    detail: str | None = None  # a longer text that goes with it, such as the diff of a drifted file

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """A problem found in data, located by its key path until a loader maps that path to a line."""

    path: KeyPath
    code: str
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR
    # A place inside the value: the `n`-th occurrence (from 0) of `text` after the key, as (text, n).
    within: tuple[str, int] | None = None


def under(path: KeyPath, places: frozenset[KeyPath]) -> bool:
    """Whether `path` is one of `places` or lies inside one (in time linear in the path's length)."""
    return any(path[:end] in places for end in range(1, len(path) + 1))


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """`did you mean `x`?` for the closest of `options`, or None when none is close."""
    import difflib

    close = difflib.get_close_matches(word, sorted(options), n=1)
    return f"did you mean `{close[0]}`?" if close else None


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}  # red, yellow, cyan


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def format_text(diagnostics: Iterable[Diagnostic], *, color: bool = False) -> str:
    """`file:line:col: code: message`, then the hint indented on its own line (`color`: ANSI colours for
    a terminal)."""
    lines: list[str] = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        where = d.file
        if d.line is not None:
            where += f":{d.line}"
            if d.column is not None:
                where += f":{d.column}"
        prefix = "" if d.severity is Severity.ERROR else f"{d.severity.value}: "
        code = _paint(d.code, _COLORS[d.severity], color)
        lines.append(f"{_paint(where, '1', color)}: {code}: {prefix}{d.message}")
        if d.hint:
            lines.append(f"    {_paint('hint:', '2', color)} {d.hint}")
    return "\n".join(lines)


def as_dict(d: Diagnostic) -> dict[str, object]:
    item: dict[str, object] = {
        "severity": d.severity.value,
        "code": d.code,
        "file": d.file,
        "line": d.line,
        "column": d.column,
        "message": d.message,
        "hint": d.hint,
    }
    if d.detail is not None:
        item["diff"] = d.detail
    return item


def to_json(diagnostics: Iterable[Diagnostic], **extra: object) -> str:
    """One JSON document: `{"diagnostics": [...]}` and any `extra` members (what a build wrote...)."""
    import json

    items = [as_dict(d) for d in sorted(diagnostics, key=Diagnostic.sort_key)]
    return json.dumps({"diagnostics": items, **extra}, indent=2, ensure_ascii=False)


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_annotation(
    level: str,
    file: str,
    message: str,
    *,
    line: int | None = None,
    col: int | None = None,
    title: str | None = None,
) -> str:
    """One GitHub Actions workflow command, such as `::error file=a.toml,line=3,col=1,title=A002::...`."""
    props = [f"file={_github_escape(file, prop=True)}"]
    if line is not None:
        props.append(f"line={line}")
        if col is not None:
            props.append(f"col={col}")
    if title:
        props.append(f"title={_github_escape(title, prop=True)}")
    return f"::{level} {','.join(props)}::{_github_escape(message)}"


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    lines = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}[d.severity]
        lines.append(github_annotation(level, d.file, message, line=d.line, col=d.column, title=d.code))
    return "\n".join(lines)
