"""GPU requests read the way Modal reads them, priced from the table; torch versions against GPUs.

Modal upper-cases a GPU string and splits an optional `:N` count at the first colon; `!` after a type
pins it (no automatic upgrade, same price) and `+` allows an upgrade at the same price. A list is a
chain of fallbacks in order of preference, and `any` stands for the table's `any_gpu` list: a request
is priced at its dearest choice, because that is what it may get.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from .data import ANY_GPU, GPUS, Gpu
from .money import ToolError

_SUFFIXES: Final = ("!", "+")


@dataclass(frozen=True)
class GpuChoice:
    gpu: Gpu
    count: int

    @property
    def usd_per_hour(self) -> float:
        return self.gpu.usd_per_hour * self.count

    def text(self) -> str:
        return f"{self.count} × {self.gpu.name}"


@dataclass(frozen=True)
class GpuRequest:
    """What a `gpu=` asks for: one choice, or fallbacks in order of preference."""

    written: str
    choices: tuple[GpuChoice, ...]

    @property
    def dearest(self) -> GpuChoice:
        return max(self.choices, key=lambda choice: choice.usd_per_hour)


def known_names() -> str:
    return ", ".join(g.name for g in GPUS)


def find_gpu(name: str) -> Gpu:
    """The table's entry for a type name or alias, matched without case; `!` or `+` after it is allowed."""
    key = name.strip()
    if key.endswith(_SUFFIXES):
        key = key[:-1]
    folded = key.casefold()
    for gpu in GPUS:
        if folded == gpu.name.casefold() or folded in (a.casefold() for a in gpu.aliases):
            return gpu
    raise ToolError(f"unknown GPU {name.strip()[:40]!r}: the known GPUs are {known_names()} (see `gpus`)")


def check_count(gpu: Gpu, count: int) -> int:
    if not 1 <= count <= gpu.max_count:
        raise ToolError(f"{gpu.name} comes 1 to {gpu.max_count} per container, not {count}")
    return count


def parse_one(written: str) -> tuple[GpuChoice, ...]:
    """One GPU string, such as `H100`, `h100:8`, `H100!` or `any`."""
    name, colon, count_text = written.partition(":")
    count = 1
    if colon:
        if not re.fullmatch(r"\s*[+-]?\d{1,6}\s*", count_text):
            raise ToolError(f"GPU count {count_text[:20]!r} in {written[:40]!r} is not a whole number")
        count = int(count_text)
    if name.strip().casefold() == "any":
        return tuple(GpuChoice(find_gpu(n), check_count(find_gpu(n), count)) for n in ANY_GPU)
    gpu = find_gpu(name)
    return (GpuChoice(gpu, check_count(gpu, count)),)


def parse_request(written: str | Sequence[str]) -> GpuRequest:
    """A `gpu=` value: a string, or a list of fallback strings."""
    items = [written] if isinstance(written, str) else list(written)
    if not items:
        raise ToolError("an empty list of GPUs asks for none")
    choices = tuple(choice for item in items for choice in parse_one(item))
    shown = items[0] if isinstance(written, str) else "[" + ", ".join(items) + "]"
    return GpuRequest(shown, choices)


# Versions: the release numbers compared as integers; a pre-release is older than its release.

_VERSION: Final = re.compile(
    r"v?(?P<release>\d{1,6}(?:\.\d{1,6}){0,5})"
    r"(?:[-_.]?(?P<pre>a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d{0,9})?"
    r"(?:[-_.]?(?P<post>post|rev|r)[-_.]?\d{0,9})?"
    r"(?:[-_.]?(?P<dev>dev)[-_.]?\d{0,9})?"
    r"(?:\+[a-z0-9]{1,40}(?:[-_.][a-z0-9]{1,40}){0,5})?",
    re.IGNORECASE,
)


def parse_version(text: str) -> tuple[tuple[int, ...], bool]:
    """The release numbers of a version such as `2.1.0+cu121`, and whether it is a pre-release."""
    found = _VERSION.fullmatch(text.strip()) if len(text) <= 120 else None
    if found is None:
        raise ToolError(f"{text[:40]!r} is not a version number such as 2.1.0")
    release = tuple(int(part) for part in found["release"].split("."))
    pre = found["pre"] is not None or (found["dev"] is not None and found["post"] is None)
    return release, pre


def version_at_least(version: str, minimum: str) -> bool:
    release, pre = parse_version(version)
    floor, _ = parse_version(minimum)
    width = max(len(release), len(floor))
    release += (0,) * (width - len(release))
    floor += (0,) * (width - len(floor))
    return release > floor or (release == floor and not pre)


def compat_line(gpu: Gpu, torch: str) -> tuple[bool, str]:
    if version_at_least(torch, gpu.min_torch):
        return True, f"torch {torch} is enough for {gpu.name} (needs torch>={gpu.min_torch})"
    return False, f"torch {torch} is too old for {gpu.name}: it needs torch>={gpu.min_torch}"
