"""Turn problems found in parsed data (key paths) into diagnostics located in their file's text."""

from __future__ import annotations

from collections.abc import Iterable

from assembler.diagnostics import Diagnostic, Problem


def locate_problems(problems: Iterable[Problem], file: str, text: str) -> list[Diagnostic]:
    problems = list(problems)
    if not problems:
        return []
    from assembler.locate import key_positions, locate  # only a run with problems scans text for lines

    positions = key_positions(text)
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
    return out
