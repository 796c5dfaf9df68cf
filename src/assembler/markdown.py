"""Structural checks of Markdown text (blocks, role prose, capability texts).

markdown-it-py is the reference. Most texts have only plain top-level fences, every fence line flush left and
no container or HTML around them; for those, `_plain_fences` pairs openers and closers by the same rules as
markdown-it's fence rule in a few microseconds, and markdown-it (about 30 ms to import, 1 ms per KB to parse)
is not needed. Any text where a fence might sit inside a quote, a list item, indented code or HTML goes to
markdown-it. `tests/test_markdown.py` runs both on thousands of generated texts and expects the same answer.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

UNSURE: Final = -1  # `_plain_fences` cannot decide: ask markdown-it
_PREFIX = " \t>-*+0123456789.)"  # what can stand before a fence inside a container or indented code


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def parse(text: str) -> list[Token]:
    """markdown-it's block tokens of `text` (CommonMark)."""
    return _parser().parse(text)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def code_span(text: str) -> str:
    """`text` as a Markdown code span that shows it exactly: fenced by one backtick more than its longest run
    of backticks, with a space inside the fences where the text begins or ends with a backtick or a space
    (CommonMark strips one space from each end of a span)."""
    import re

    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


@lru_cache(maxsize=4096)
def unclosed_fence(text: str) -> int | None:
    """The 1-based line of a code fence that is never closed (it would swallow the rest), or None."""
    if "```" not in text and "~~~" not in text:  # no fence can open without three backticks or tildes
        return None
    lines = _lines(text)
    found = _plain_fences(lines)
    return _parsed_fences(text, lines) if found == UNSURE else found


def _plain_fences(lines: list[str]) -> int | None:
    """The answer for a text whose fence lines all start at column 0 and that has no HTML; UNSURE otherwise.

    With nothing before a fence line, it is not inside a quote, a list item or indented code (none of
    them takes a fence line as a lazy continuation), so fences pair up at the top level: an opener is
    three or more backticks or tildes (backticks not followed by another backtick on the line), and a
    closer is the same character, at least as many, then only spaces or tabs."""
    opened: tuple[int, str, int] | None = None  # (line index, character, count)
    for i, line in enumerate(lines):
        bare = line.lstrip(_PREFIX)
        if bare.startswith("<"):
            return UNSURE  # HTML blocks hold lines that look like fences
        if not (bare.startswith("```") or bare.startswith("~~~")):
            continue
        if len(bare) != len(line):
            return UNSURE  # something stands before the fence: leave it to markdown-it
        char = line[0]
        count = len(line) - len(line.lstrip(char))
        rest = line[count:]
        if opened is None:
            if not (char == "`" and "`" in rest):
                opened = (i, char, count)
        elif char == opened[1] and count >= opened[2] and not rest.strip(" \t"):
            opened = None
    return None if opened is None else opened[0] + 1


def _parsed_fences(text: str, lines: list[str]) -> int | None:
    # A fence left open runs to the end of its container: at the top level that is the end of the
    # document, so it swallows a marker line added after the text; inside a quote or a list item, its
    # last line is not a closing fence.
    marker = "assembler-end-of-text-marker"
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
