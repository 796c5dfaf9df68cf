"""Structural checks of Markdown text (blocks, role prose, capability texts) with markdown-it-py."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def unclosed_fence(text: str) -> int | None:
    """The 1-based line of a code fence that is never closed (it would swallow the rest), or None."""
    from markdown_it import MarkdownIt

    lines = text.splitlines()
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "fence" or token.map is None:
            continue
        start, end = token.map
        closing = lines[end - 1].lstrip(" \t>").strip() if end - 1 > start else ""
        marker = token.markup
        closed = closing.startswith(marker[0] * len(marker)) and not closing.strip(marker[0])
        if not closed:
            return start + 1
    return None
