"""Find the `{{PLACEHOLDER}}` tokens left in prose, outside code. Pure.

A token inside a code fence or a code span is an example of template syntax (a Vue template, a Jinja or
Handlebars snippet, a GitHub Actions expression), not a placeholder someone forgot: only tokens in prose
count. Which tokens count is the configuration's `placeholder_pattern` (by default an upper-case name in
double braces, which is what the upstream's wizard leaves behind).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True, slots=True)
class Token:
    offset: int  # in the text
    text: str
    occurrence: int  # how many equal texts come before it in the text (code included)


@lru_cache(maxsize=16)
def compiled(pattern: str) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern else None


def find_tokens(text: str, pattern: str) -> list[Token]:
    """The tokens matching `pattern` in `text` that lie outside fenced code and code spans."""
    regex = compiled(pattern)
    if regex is None:
        return []
    found = [m for m in regex.finditer(text)]
    if not found:
        return []
    code = _code_ranges(text)
    tokens = []
    for match in found:
        start = match.start()
        if any(a <= start < b for a, b in code):
            continue
        tokens.append(Token(start, match.group(), text.count(match.group(), 0, start)))
    return tokens


def _code_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks and code spans."""
    starts = _line_starts(text)
    fenced = _fenced_lines(text)
    ranges = [(starts[a], starts[b] if b < len(starts) else len(text)) for a, b in fenced]
    inside_fence = {line for a, b in fenced for line in range(a, b)}
    prose_lines = [i for i in range(len(starts)) if i not in inside_fence]
    for block in _runs(prose_lines):
        first, last = block[0], block[-1]
        begin = starts[first]
        end = starts[last + 1] if last + 1 < len(starts) else len(text)
        ranges += [(begin + a, begin + b) for a, b in _code_spans(text[begin:end])]
    return ranges


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    if starts[-1] == len(text) and len(starts) > 1:
        starts.pop()
    return starts


def _fenced_lines(text: str) -> list[tuple[int, int]]:
    """The 0-based line ranges [first, end) of fenced code blocks, as markdown-it reads them."""
    if "```" not in text and "~~~" not in text:
        return []
    from assembler.markdown import parse

    return [(token.map[0], token.map[1]) for token in parse(text) if token.type == "fence" and token.map]


def _runs(lines: list[int]) -> list[list[int]]:
    """Consecutive line numbers grouped (a code span cannot cross a fence)."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and runs[-1][-1] == line - 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _code_spans(text: str) -> list[tuple[int, int]]:
    """CommonMark code spans: a run of backticks opens one, the next run of the same length closes it; a
    backtick escaped with a backslash opens nothing (inside a span a backslash is literal), and a run
    without its closer is plain text."""
    runs = list(_BACKTICKS.finditer(text))
    spans = []
    i = 0
    while i < len(runs):
        opener = runs[i]
        length = len(opener.group())
        if _escaped(text, opener.start()):
            if length == 1:
                i += 1
                continue
            length -= 1  # the escaped backtick is text; the rest of the run may open a span
        closer = next((j for j in range(i + 1, len(runs)) if len(runs[j].group()) == length), None)
        if closer is None:
            i += 1
            continue
        spans.append((opener.start(), runs[closer].end()))
        i = closer + 1
    return spans


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
