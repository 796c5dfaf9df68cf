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
