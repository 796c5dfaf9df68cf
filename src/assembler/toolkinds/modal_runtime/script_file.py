"""Reading a script: its text (at most 8 MiB, UTF-8, a byte order mark accepted as Python accepts it)
and its syntax tree, or a ScriptError that says why and, for a syntax error, where."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Final

from .money import ToolError

MAX_SCRIPT_BYTES: Final = 8 * 1024 * 1024


class ScriptError(ToolError):
    """The script cannot be read or parsed; `line` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def read_script(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SCRIPT_BYTES + 1)
    except OSError as err:
        raise ScriptError(f"cannot read {path}: {err.strerror or err}") from None
    if len(data) > MAX_SCRIPT_BYTES:
        raise ScriptError(f"{path} is larger than {MAX_SCRIPT_BYTES // (1024 * 1024)} MiB: not a script")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ScriptError(f"{path} is not UTF-8 text (byte {err.start})") from None


def parse_source(source: str, filename: str = "<script>") -> ast.Module:
    """The syntax tree, or a ScriptError with the line of the syntax error."""
    try:
        return ast.parse(source.removeprefix("\ufeff"), filename=filename)
    except SyntaxError as err:
        raise ScriptError(f"syntax error: {err.msg}", err.lineno or 1) from None
    except (ValueError, RecursionError, MemoryError) as err:
        raise ScriptError(f"Python cannot compile the script: {type(err).__name__}", 1) from None
