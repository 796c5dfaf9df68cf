"""A progress line on standard error, for the stages of a long run (manifests processed, files written).

It appears only on a terminal, and only once a stage has run for a second: short runs and logs stay clean.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
DELAY = 1.0  # seconds a stage runs before its line appears
EVERY = 100  # items between two updates of the line


def bar(done: int, total: int, unit: str, width: int = 30) -> str:
    """`assembler [#########---------------------] 3000/10000 manifests`"""
    filled = width * done // max(total, 1)
    return f"assembler [{'#' * filled}{'-' * (width - filled)}] {done}/{total} {unit}"


def track(
    items: Iterable[T], total: int, unit: str, *, enabled: bool, every: int | None = None
) -> Iterator[T]:
    """Pass `items` through, drawing the line for them on stderr when `enabled` and slow enough."""
    every = every or EVERY
    start = time.monotonic()
    shown = False
    for done, item in enumerate(items, start=1):
        if enabled and (done % every == 0 or done == total) and time.monotonic() - start > DELAY:
            sys.stderr.write(f"\r{bar(done, total, unit)}")
            sys.stderr.flush()
            shown = True
        yield item
    if shown:
        sys.stderr.write("\n")
        sys.stderr.flush()
