"""Structural checks of Markdown text (blocks, role prose, capability texts) with markdown-it-py."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


@lru_cache(maxsize=4096)
def unclosed_fence(text: str) -> int | None:
    """The 1-based line of a code fence that is never closed (it would swallow the rest), or None."""
    if "```" not in text and "~~~" not in text:  # no fence can open without three backticks or tildes
        return None
    lines = text.splitlines()
    for token in _parser().parse(text):
        if token.type != "fence" or token.map is None:
            continue
        start, end = token.map
        closing = lines[end - 1].lstrip(" \t>").strip() if end - 1 > start else ""
        marker = token.markup
        closed = closing.startswith(marker[0] * len(marker)) and not closing.strip(marker[0])
        if not closed:
            return start + 1
    return None
