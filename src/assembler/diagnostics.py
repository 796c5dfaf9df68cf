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


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# Every code the tool can emit, with a one-line summary. The README lists this table; a test keeps them equal.
CODES: dict[str, str] = {
    "A001": "TOML syntax error",
    "A002": "unknown key",
    "A003": "missing required key",
    "A004": "value has the wrong type",
    "A005": "file cannot be read",
    "A010": "name is not a lowercase slug",
    "A011": "name differs from the file name",
    "A012": "name used by two manifests",
    "A013": "path leads outside its folder",
    "A014": "text field holds a newline or control character",
    "A015": "unsubstituted {{PLACEHOLDER}} token",
    "A016": "empty value",
    "A020": "block not found",
    "A021": "block listed twice",
    "A022": "obligatory block missing",
    "A023": "unclosed code fence in Markdown",
    "A030": "unknown tool name",
    "A031": "unknown model",
    "A032": "tool not allowed by the substrate role",
    "A040": "no handoff declared",
    "A041": "handoff target is not an agent of the catalog",
    "A042": "handoff to the agent itself",
    "A043": "handoff target listed twice",
    "A044": "unknown artifact name",
    "A050": "taxonomy value outside its vocabulary",
    "A060": "lineage creator is not a slug",
    "A061": "lineage date is not a real ISO date",
    "A062": "lineage date lies in the future",
    "A063": "lineage link is not a [[slug]] link to an agent or block",
    "A064": "cycle through lineage parents",
    "A065": "deprecated agent names no successor",
    "A070": "path alias not declared in configuration",
    "A080": "substrate role not found",
    "A081": "capability text not found",
    "A082": "cycle through role extends",
    "A090": "invalid configuration",
    "A091": "template error",
    "A100": "invalid tool module data",
    "A101": "unknown tool module kind",
    "A102": "tool module name is not a Python identifier",
    "A103": "tool module figures are inconsistent",
    "D001": "generated file is stale: its sources changed",
    "D002": "generated file is missing",
    "D003": "generated file is orphaned: its manifest is gone",
    "D004": "generated file was edited by hand",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One located problem of the input."""

    code: str
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem found in data, located by its key path until a loader maps that path to a line."""

    path: KeyPath
    code: str
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """`did you mean `x`?` for the closest of `options`, or None when none is close."""
    import difflib

    close = difflib.get_close_matches(word, sorted(options), n=1)
    return f"did you mean `{close[0]}`?" if close else None


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    """`file:line:col: code: message`, then the hint indented on its own line."""
    lines: list[str] = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        where = d.file
        if d.line is not None:
            where += f":{d.line}"
            if d.column is not None:
                where += f":{d.column}"
        prefix = "" if d.severity is Severity.ERROR else "warning: "
        lines.append(f"{where}: {d.code}: {prefix}{d.message}")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    return "\n".join(lines)


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    import json

    items = [
        {
            "severity": d.severity.value,
            "code": d.code,
            "file": d.file,
            "line": d.line,
            "column": d.column,
            "message": d.message,
            "hint": d.hint,
        }
        for d in sorted(diagnostics, key=Diagnostic.sort_key)
    ]
    return json.dumps({"diagnostics": items}, indent=2, ensure_ascii=False)


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
        level = "error" if d.severity is Severity.ERROR else "warning"
        lines.append(github_annotation(level, d.file, message, line=d.line, col=d.column, title=d.code))
    return "\n".join(lines)
