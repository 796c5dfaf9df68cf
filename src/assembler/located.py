"""Turn problems found in parsed data (key paths) into diagnostics located in their file's text."""

from __future__ import annotations

from collections.abc import Iterable

from assembler.codes.general import TOO_MANY
from assembler.diagnostics import LIMIT, Diagnostic, Problem


def locate_problems(problems: Iterable[Problem], file: str, text: str, omitted: int = 0) -> list[Diagnostic]:
    """Diagnostics for the problems of one file, the first LIMIT of them; A009 counts the rest, and the
    `omitted` ones its checks already left out."""
    problems = list(problems)
    if not problems:
        return []
    extra = omitted
    if len(problems) > LIMIT:
        extra += len(problems) - LIMIT
        problems = problems[:LIMIT]
    from assembler.locate import key_positions, locate  # only a run with problems scans text for lines

    positions = key_positions(text, {p.path for p in problems if p.path})
    out = []
    for p in problems:
        where = locate(positions, p.path)
        line, column = where if where else (1, 1)
        if p.within is not None:
            line, column = _inside(text, (line, column), *p.within)
        out.append(
            Diagnostic(
                code=p.code,
                message=p.message,
                file=file,
                line=line,
                column=column,
                hint=p.hint,
                severity=p.severity,
            )
        )
    if extra:
        out.append(TOO_MANY.located(file, count=extra))
    return out


def _inside(text: str, key: tuple[int, int], needle: str, occurrence: int) -> tuple[int, int]:
    """The line and column of the `occurrence`-th `needle` after the key at `key` (the key's own place when
    the value spells it otherwise, with escapes)."""
    lines = text.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[: key[0] - 1]) + key[1] - 1
    at = text.find(needle, offset)
    for _ in range(occurrence):
        at = -1 if at < 0 else text.find(needle, at + 1)
    if at < 0:
        return key
    start = 0
    for number, line in enumerate(lines, start=1):  # lines as the key scanner counts them
        if at < start + len(line):
            return number, at - start + 1
        start += len(line)
    return key
