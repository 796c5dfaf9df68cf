"""Amounts, bounds and the one error type: every amount is compared in whole cents."""

from __future__ import annotations

import math
from typing import Final

# Arguments outside these bounds are usage errors (exit 2): nothing sane lies beyond them.
MAX_HOURS: Final = 24.0 * 366
MAX_USD: Final = 1_000_000.0
MAX_TIMEOUT_S: Final = 24 * 3600  # Modal's longest function timeout
DEFAULT_TIMEOUT_S: Final = 300  # Modal's timeout when a function names none
MAX_RETRIES: Final = 10  # Modal refuses more retries than this


class ToolError(Exception):
    """A problem the user can fix: printed as one line, never as a traceback."""


def to_cents(usd: float) -> int:
    """Whole cents of a finite, bounded amount; anything else is a ToolError."""
    if not math.isfinite(usd) or abs(usd) > MAX_USD * 1000:
        raise ToolError(f"the amount {usd!r} is not a sane number of dollars")
    return round(usd * 100)


def money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents) // 100}.{abs(cents) % 100:02d}"


def rate(usd_per_hour: float) -> str:
    """`$1.10`, or every decimal a rate has when two would round it (`$3.9492`)."""
    text = f"{usd_per_hour:.2f}"
    return f"${text}" if float(text) == usd_per_hour else f"${usd_per_hour!r}"


def hours_text(hours: float) -> str:
    return f"{hours:g} h"


def bounded_number(text: str, *, low: float, high: float, low_open: bool) -> float:
    """A finite number in [low, high] (or (low, high] when `low_open`); ValueError otherwise."""
    value = float(text)
    if not math.isfinite(value) or value > high or value < low or (low_open and value == low):
        raise ValueError(text)
    return value
