"""Checks of a manifest's `[targets.NAME]` values that every target makes in the same words: one of a fixed
set, one line of text, a number in range, a list without repeats. Pure: values in, problems out."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable

from assembler.codes.targets import TARGET_SHAPE, TARGET_VOCABULARY
from assembler.diagnostics import KeyPath, Problem, did_you_mean

_CONTROL = re.compile("[\x00-\x1f\x7f\u2028\u2029]")


def one_of(
    path: KeyPath, value: str | None, allowed: Collection[str], what: str, target: str
) -> list[Problem]:
    if value is None or value in allowed:
        return []
    close = did_you_mean(value, allowed)
    return [
        TARGET_VOCABULARY.at(
            path,
            value=value,
            what=what,
            target=target,
            suggestion=f"{close} " if close else "",
            allowed=", ".join(allowed),
        )
    ]


def one_line(path: KeyPath, value: str | None) -> list[Problem]:
    """Text a target reads as one line: no line break or control character, not blank."""
    if value is None:
        return []
    if not value.strip():
        return [_shape(path, "is empty", "write a value, or remove the key")]
    if _CONTROL.search(value):
        return [_shape(path, "holds a line break or a control character", "write it on one line")]
    return []


def in_range(path: KeyPath, value: float | None, low: float, high: float | None = None) -> list[Problem]:
    if value is None or (value >= low and (high is None or value <= high)):
        return []
    span = f"from {low:g} to {high:g}" if high is not None else f"{low:g} or more"
    return [_shape(path, f"is {value:g}, outside {span}", f"use a value {span}")]


def entries(
    path: KeyPath,
    values: Iterable[str] | None,
    valid: Callable[[str], bool],
    what: str,
    target: str,
    known: Collection[str],
) -> list[Problem]:
    """Each entry of a list (`known`: the names offered as the closest), none twice."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, value in enumerate(values or ()):
        where = (*path, i)
        if value in seen:
            problems.append(_shape(where, f"lists `{value}` twice", "keep one of them"))
        seen.add(value)
        if _CONTROL.search(value):
            problems += one_line(where, value)
        elif not valid(value):
            close = did_you_mean(value, known)
            problems.append(
                TARGET_VOCABULARY.at(
                    where,
                    value=value,
                    what=what,
                    target=target,
                    suggestion=f"{close} " if close else "",
                    allowed=", ".join(known),
                )
            )
    return problems


def _shape(path: KeyPath, problem: str, suggestion: str) -> Problem:
    key = ".".join(str(p) for p in path[2:]) or str(path[-1])
    return TARGET_SHAPE.at(path, key=key, problem=problem, suggestion=suggestion)
