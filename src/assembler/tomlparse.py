"""Parse TOML fast, and report a syntax error with its line and column.

`rtoml` (a compiled parser) reads every file; its errors name the problem and where it is. Should one come
without a position, the standard library's `tomllib` parses the text again only to find it.
"""

from __future__ import annotations

import re
from typing import Any

from assembler.diagnostics import Diagnostic

_AT = re.compile(r"\(?at line (\d+),? column (\d+)\)?")


class TomlError(Exception):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def diagnostic(self, file: str) -> Diagnostic:
        return Diagnostic(
            "A001",
            f"TOML syntax error: {self.message}",
            file,
            self.line,
            self.column,
            "fix the TOML syntax at this position (strings need quotes, tables need [brackets])",
        )


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
    return TomlError(_AT.sub("", message).strip().rstrip("."), line, column)
