"""The values the program works out from a script without running it: numbers, text and paths, and a
`modal.Retries(...)`; anything else is UNKNOWN. Arithmetic stays within fixed bounds, so no constant in a
script can make it overflow or run long."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Retries:
    """A `modal.Retries(max_retries=N)` the script builds."""

    count: int


class Unknown:
    """A value the program cannot work out from the script alone."""


UNKNOWN: Final = Unknown()
Value = int | float | str | bool | None | tuple[object, ...] | Retries | Unknown


def join_path(*parts: str) -> str:
    """Path parts joined as `/` joins them: an absolute part starts over."""
    joined = parts[0]
    for part in parts[1:]:
        joined = part if part.startswith("/") else f"{joined.rstrip('/')}/{part}"
    return joined


def arithmetic(op: ast.operator, left: Value, right: Value) -> Value:
    """`left op right` for numbers within bounds and for paths and text; UNKNOWN otherwise."""
    if isinstance(op, ast.Div) and isinstance(left, str) and isinstance(right, str):
        return join_path(left, right)
    if isinstance(op, ast.Add) and isinstance(left, str) and isinstance(right, str):
        return left + right if len(left) + len(right) < 4096 else UNKNOWN
    if not (isinstance(left, int | float) and isinstance(right, int | float)):
        return UNKNOWN
    if isinstance(left, bool) or isinstance(right, bool) or max(abs(left), abs(right)) > 1e12:
        return UNKNOWN
    a, b = float(left), float(right)
    try:
        result = _operate(op, a, b)
    except (OverflowError, ZeroDivisionError, ValueError):
        return UNKNOWN
    if result is None or not abs(result) <= 1e15:
        return UNKNOWN
    integral = isinstance(left, int) and isinstance(right, int) and not isinstance(op, ast.Div)
    return int(result) if integral and result.is_integer() else result


def _operate(op: ast.operator, a: float, b: float) -> float | None:
    if isinstance(op, ast.Add):
        return a + b
    if isinstance(op, ast.Sub):
        return a - b
    if isinstance(op, ast.Mult):
        return a * b
    if isinstance(op, ast.Div):
        return a / b
    if isinstance(op, ast.FloorDiv):
        return a // b
    if isinstance(op, ast.Pow) and abs(b) <= 64:
        return float(a**b)
    return None
