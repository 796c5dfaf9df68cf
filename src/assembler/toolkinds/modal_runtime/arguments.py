"""The arguments of the commands, declared once: each kind's converter, which checks a value where it is
parsed (numbers finite and within bounds, GPU names from the table, versions that parse, app ids that
cannot pass for options), and its JSON Schema for the tool definitions."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from .data import GPUS
from .gpus import find_gpu, parse_version
from .money import MAX_HOURS, MAX_USD, ToolError, bounded_number


@dataclass(frozen=True)
class Arg:
    name: str
    kind: str  # a key of KINDS
    help: str
    required: bool = False
    positional: bool = False
    default: str | None = None

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    args: tuple[Arg, ...]
    run: Callable[[argparse.Namespace], int]


def _converted(convert: Callable[[str], object]) -> Callable[[str], object]:
    def run(text: str) -> object:
        try:
            return convert(text)
        except (ToolError, ValueError, OverflowError) as err:
            raise argparse.ArgumentTypeError(
                str(err) if isinstance(err, ToolError) else f"{text[:40]!r}"
            ) from None

    return run


def _count(text: str) -> int:
    if not re.fullmatch(r"\s*\d{1,3}\s*", text) or not 1 <= int(text) <= max(g.max_count for g in GPUS):
        raise ToolError(f"not a number of GPUs per container: {text[:40]!r}")
    return int(text)


def _name(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}", text):
        raise ToolError(f"not an app id or name: {text[:40]!r}")
    return text


def _path(text: str) -> str:
    if not text or len(text) > 4096 or "\0" in text:
        raise ToolError("not a file path")
    return text


KINDS: Final[dict[str, tuple[Callable[[str], object], dict[str, object]]]] = {
    "gpu": (_converted(find_gpu), {"type": "string", "enum": [g.name for g in GPUS]}),
    "count": (
        _converted(_count),
        {"type": "integer", "minimum": 1, "maximum": max(g.max_count for g in GPUS)},
    ),
    "hours": (
        _converted(lambda t: bounded_number(t, low=0, high=MAX_HOURS, low_open=True)),
        {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_HOURS},
    ),
    "usd": (
        _converted(lambda t: bounded_number(t, low=0, high=MAX_USD, low_open=False)),
        {"type": "number", "minimum": 0, "maximum": MAX_USD},
    ),
    "seconds": (
        _converted(lambda t: bounded_number(t, low=1, high=3600, low_open=False)),
        {"type": "number", "minimum": 1, "maximum": 3600},
    ),
    "version": (
        _converted(lambda t: (parse_version(t), t.strip())[1]),
        {"type": "string", "pattern": r"^v?[0-9]"},
    ),
    "entry": (_converted(lambda t: t if t.isidentifier() else int("x")), {"type": "string"}),
    "app": (_converted(_name), {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"}),
    "path": (_converted(_path), {"type": "string"}),
    "text": (_converted(lambda t: t[:4096]), {"type": "string"}),
    "flag": (str, {"type": "boolean"}),
}
