"""Parse TOML fast, and report a syntax error with its line and column.

`rtoml` (a compiled parser) reads every file; its errors name the problem and where it is. Should one come
without a position, the standard library's `tomllib` parses the text again only to find it.
"""

from __future__ import annotations

import re
from typing import Any

from assembler.codes.general import TOML_SYNTAX
from assembler.diagnostics import Diagnostic

_AT = re.compile(r"\(?at line (\d+),? column (\d+)\)?")


class TomlError(Exception):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def diagnostic(self, file: str) -> Diagnostic:
        return TOML_SYNTAX.located(file, self.line, self.column, reason=self.message)


def parse_toml(text: str) -> dict[str, Any]:
    import rtoml

    try:
        data: dict[str, Any] = rtoml.loads(text)
        return data
    except rtoml.TomlParsingError as fast_error:
        raise _explain(text, str(fast_error)) from None


def _explain(text: str, message: str) -> TomlError:
    found = _AT.search(message)
    if found is None:  # rtoml gave no position: ask tomllib where it stops
        import tomllib

        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            found = _AT.search(str(err))
    line = int(found.group(1)) if found else None
    column = int(found.group(2)) if found else None
    if line is None and "recurs" in message:  # nesting too deep for the parser: point at the deepest line
        line, column = _deepest(text)
    if line is not None and line > len(text.splitlines()) - 1:
        opened = _unclosed_multiline(text)
        if opened is not None:  # the parser ran to the end looking for the closing quotes
            line, column = opened
    return TomlError(_AT.sub("", message).strip().rstrip("."), line, column)


def _deepest(text: str) -> tuple[int, int]:
    """The first line with the most nesting (dots in a key or header, brackets and braces), 1-based."""
    best, where = -1, (1, 1)
    for number, line in enumerate(text.splitlines(), start=1):
        depth = line.count(".") + line.count("[") + line.count("{")
        if depth > best:
            best, where = depth, (number, len(line) - len(line.lstrip()) + 1)
    return where


def _unclosed_multiline(text: str) -> tuple[int, int] | None:
    """Where the multi-line string that is never closed opens (1-based), if there is one."""
    index = 0
    while True:
        starts = [(text.find(q, index), q) for q in ('"""', "'''")]
        starts = [(at, q) for at, q in starts if at >= 0]
        if not starts:
            return None
        at, quote = min(starts)
        end = text.find(quote, at + 3)
        while quote == '"""' and end > 0 and _escaped(text, end):
            end = text.find(quote, end + 1)
        if end < 0:
            line = text.count("\n", 0, at) + 1
            return line, at - (text.rfind("\n", 0, at) + 1) + 1
        index = end + 3


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
