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
    # A fence left open runs to the end of its container: at the top level that is the end of the
    # document, so it swallows a marker line added after the text; inside a quote or a list item, its
    # last line is not a closing fence.
    marker = "assembler-end-of-text-marker"
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for token in _parser().parse(f"{text}\n\n{marker}\n"):
        if token.type != "fence" or token.map is None:
            continue
        start, end = token.map
        if token.level == 0:
            if marker in token.content:
                return start + 1
            continue
        last = lines[end - 1].lstrip(" \t>") if end - 1 > start and end - 1 < len(lines) else ""
        fence = token.markup
        if not (last.startswith(fence) and not last.strip().strip(fence[0])):
            return start + 1
    return None
