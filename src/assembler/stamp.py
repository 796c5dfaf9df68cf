"""Stamps: the fingerprint every generated file carries, `<kind>::<caps>::<sha8 of scope>::<sha8 of body>`.

- kind: what the file is (`agent` for agent Markdown, `tool` for a tool module);
- caps: the target or tool kind that rendered it (`claude`, `modal`);
- scope: sha256 of every source of the file (tool version, configuration, templates, the manifest, its blocks,
  role and capability texts), first 8 hex digits;
- body: sha256 of the file as written, with the stamp itself replaced by `PENDING`, first 8 hex digits.

A file whose body no longer matches its stamp was edited by hand; one whose scope differs is stale.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

PENDING = "assembler-stamp: PENDING"
STAMP = re.compile(r"assembler-stamp: ([a-z]+)::([a-z0-9_-]+)::([0-9a-f]{8})::([0-9a-f]{8})")


@dataclass(frozen=True, slots=True)
class Stamp:
    kind: str
    caps: str
    scope: str
    body: str

    def __str__(self) -> str:
        return f"{self.kind}::{self.caps}::{self.scope}::{self.body}"


def sha8(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@lru_cache(maxsize=4096)
def digest(text: str) -> str:
    """SHA-256 of a shared source text (a block, a template), computed once per run."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scope_hash(parts: Iterable[tuple[str, str]]) -> str:
    """Fingerprint of labelled sources; each piece is length-prefixed so no two lists hash alike."""
    joined = "".join(f"{len(label)}:{label}{len(text)}:{text}" for label, text in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8]


def seal(text: str, kind: str, caps: str, scope: str) -> str:
    """Replace the PENDING marker of freshly rendered text with its stamp."""
    if text.count(PENDING) != 1:
        raise ValueError("rendered text must hold exactly one stamp marker")
    stamp = Stamp(kind, caps, scope, sha8(text))
    return text.replace(PENDING, f"assembler-stamp: {stamp}")


_STAMP_BYTES = re.compile(STAMP.pattern.encode())


def read_stamp(text: str | bytes) -> tuple[Stamp, bool] | None:
    """The file's stamp, and whether its body still matches it; None when it carries no stamp.
    Takes the file's bytes as well as its text, so a current file need not be decoded."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    found = _STAMP_BYTES.search(data)
    if found is None:
        return None
    stamp = Stamp(*(group.decode() for group in found.groups()))
    view = memoryview(data)
    digest = hashlib.sha256(view[: found.start()])
    digest.update(PENDING.encode())
    digest.update(view[found.end() :])
    return stamp, digest.hexdigest()[:8] == stamp.body
