"""Stamps: the fingerprint every generated file carries, `<kind>::<caps>::<sha8 of scope>::<sha8 of body>`.

- kind: what the file is (`agent` for an agent definition, `tool` for a tool module);
- caps: the target or tool kind that rendered it (`claude`, `modal`);
- scope: sha256 of every source of the file (tool version, configuration, templates, the manifest, its blocks,
  role and capability texts), first 8 hex digits;
- body: sha256 of the file as written, with the stamp itself replaced by `PENDING`, first 8 hex digits.

A stamp is structure, not text: each file format has one fixed place for it (in Markdown the line right after
the frontmatter; in a Python module or a TOML file its first lines, which are ours), and only that place is
read (in JSON, which has no comments, the first line of the `prompt` value, the object's first key). A
manifest's text, wherever it lands, can never be taken for a stamp nor move it. A file whose body no
longer matches its stamp was edited by hand; one whose scope differs is stale.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

PENDING = "assembler-stamp: PENDING"
_PENDING = PENDING.encode()
_STAMP = re.compile(rb"assembler-stamp: ([a-z]+)::([a-z0-9_-]+)::([0-9a-f]{8})::([0-9a-f]{8})")

Span = tuple[int, int]
Locator = Callable[[bytes], Span | None]  # where in a file its stamp must be: a span of bytes


class Misplaced(ValueError):
    """Rendered text whose stamp marker is not at the format's fixed place."""


@dataclass(frozen=True, slots=True)
class Stamp:
    kind: str
    caps: str
    scope: str
    body: str

    def __str__(self) -> str:
        return f"{self.kind}::{self.caps}::{self.scope}::{self.body}"


def after_frontmatter(data: bytes) -> Span | None:
    """The line after a YAML frontmatter (`---` line, the mapping, `---` line); the first line when the file
    has none. YAML emitted for frontmatter never holds a `---` line of its own: block scalars are indented."""
    start = 0
    if data.startswith(b"---\n"):
        end = data.find(b"\n---\n", 3)
        if end < 0:
            return None
        start = end + 5
    stop = data.find(b"\n", start)
    return start, len(data) if stop < 0 else stop


def header(lines: int) -> Locator:
    """The first `lines` lines: a header of comments the tool writes before any data."""

    def locate(data: bytes) -> Span | None:
        stop = -1
        for _ in range(lines):
            stop = data.find(b"\n", stop + 1)
            if stop < 0:
                return 0, len(data)
        return 0, stop

    return locate


_JSON_START = b'{\n  "prompt": "'


def in_json_prompt(data: bytes) -> Span | None:
    """The first line of the value of `prompt` in a JSON object whose first key it is, written with an
    indent of two spaces: from the opening quote of the value to the first backslash or quote after it (the
    escaped line break that ends the line, or the end of the string). JSON has no comments; this place is
    structure, and a JSON writer escapes every quote and line break of the text that follows."""
    if not data.startswith(_JSON_START):
        return None
    start = len(_JSON_START)
    ends = [at for at in (data.find(b"\\", start), data.find(b'"', start)) if at >= 0]
    return start, min(ends) if ends else len(data)


LOCATORS: dict[str, Locator] = {
    ".md": after_frontmatter,
    ".py": header(3),
    ".toml": header(3),
    ".json": in_json_prompt,
}


def locator(rel: str) -> Locator | None:
    """The place of the stamp in a file of this name's format; None for formats that carry none."""
    dot = rel.rfind(".")
    return None if dot < 0 else LOCATORS.get(rel[dot:])


def sha8(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


@lru_cache(maxsize=4096)
def digest(text: str) -> str:
    """SHA-256 of a shared source text (a block, a template), computed once per run."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scope_hash(parts: Iterable[tuple[str, str]]) -> str:
    """Fingerprint of labelled sources; each piece is length-prefixed so no two lists hash alike."""
    joined = "".join(f"{len(label)}:{label}{len(text)}:{text}" for label, text in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8]


def seal(text: str, kind: str, caps: str, scope: str, locate: Locator) -> str:
    """Replace the PENDING marker at the format's stamp place with the stamp. Raises Misplaced when the
    marker is not there (a user template that moved the generated comment)."""
    return sealed_bytes(text, kind, caps, scope, locate).decode("utf-8")


def sealed_bytes(text: str, kind: str, caps: str, scope: str, locate: Locator) -> bytes:
    """`seal`, as the UTF-8 bytes of the file: what a build writes, without decoding them to encode them
    again."""
    data = text.encode("utf-8")
    span = locate(data)
    at = -1 if span is None else data.find(_PENDING, *span)
    if at < 0:
        raise Misplaced("the generated comment (with its stamp) is not at its place")
    stamp = f"assembler-stamp: {Stamp(kind, caps, scope, sha8(data))}".encode()
    return data[:at] + stamp + data[at + len(_PENDING) :]


def read_stamp(data: bytes | str, locate: Locator) -> tuple[Stamp, bool] | None:
    """The file's stamp, and whether its body still matches it; None when it carries none at its place."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    span = locate(raw)
    found = None if span is None else _STAMP.search(raw, *span)
    if found is None:
        return None
    stamp = Stamp(*(group.decode() for group in found.groups()))
    view = memoryview(raw)
    body = hashlib.sha256(view[: found.start()])
    body.update(_PENDING)
    body.update(view[found.end() :])
    return stamp, body.hexdigest()[:8] == stamp.body


def stamp_of(rel: str, data: bytes | str) -> tuple[Stamp, bool] | None:
    """`read_stamp` with the locator of the file's format."""
    locate = locator(rel)
    return None if locate is None else read_stamp(data, locate)


def is_ours_untouched(rel: str, data: bytes) -> bool:
    """True when the file carries our stamp and its body still matches it: ours to replace."""
    found = stamp_of(rel, data)
    return found is not None and found[1]
