"""Names in a catalog: agents, blocks, roles, capabilities and lineage links are lowercase slugs, short
enough to become part of a file name."""

from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LINK = re.compile(r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")  # a lineage link: [[agent-or-block]]
NAME_LIMIT = 128  # characters of a name (it becomes part of a file name, which holds at most 255 bytes)


def is_name(text: str) -> bool:
    return len(text) <= NAME_LIMIT and SLUG.fullmatch(text) is not None


def slugify(text: str) -> str:
    """The slug closest to `text`: `Doc_Writer` -> `doc-writer` (for hints)."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text).lower())
    return "-".join(words)[:NAME_LIMIT] or "code-reviewer"
