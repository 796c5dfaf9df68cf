"""Report a problem of an imported agent at its source: the frontmatter line of the key it came from (the
item's line, for a list written one item per line), or the body's line for a token in the body."""

from __future__ import annotations

from typing import Any

from assembler.claudecode.reader import AgentFile
from assembler.codes import Code
from assembler.diagnostics import Diagnostic, KeyPath, Problem
from assembler.importer.convert import Converted
from assembler.importer.sources import Source


def at_source(
    problems: list[Problem], converted: Converted, agent: AgentFile, source: Source
) -> list[Diagnostic]:
    out = []
    for p in problems:
        line, column = _place(p.path, converted, agent)
        if p.within is not None:
            line, column = _find(source.text, line, *p.within) or (line, column)
        out.append(
            Diagnostic(
                code=p.code,
                message=p.message,
                file=source.rel,
                line=line,
                column=column,
                hint=p.hint,
                severity=p.severity,
            )
        )
    return out


def _place(path: KeyPath, converted: Converted, agent: AgentFile) -> tuple[int, int]:
    key = converted.frontmatter_key(path)
    if key == "":
        return agent.body_line, 1
    if key is None:
        return 1, 1
    index = path[1] if len(path) > 1 and path[0] in ("tools", "disallowed_tools") else None
    return agent.line_of(key, index if isinstance(index, int) else None), 1


def _find(text: str, line: int, needle: str, occurrence: int) -> tuple[int, int] | None:
    """The place of the `occurrence`-th `needle` from the start of `line` on."""
    text = text.removeprefix("\ufeff")
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return None
    at = text.find(needle, offset)
    for _ in range(occurrence):
        at = -1 if at < 0 else text.find(needle, at + 1)
    if at < 0:
        return None
    start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - start + 1


def at_key(code: Code, imported: Any, key: str, index: int | None = None, **values: Any) -> Diagnostic:
    """A diagnostic of `code` at the line of a manifest key of an imported agent."""
    problem = code.at((key,) if index is None else (key, index), **values)
    return at_source([problem], imported.converted, imported.agent, imported.source)[0]
