"""Find where a key of a TOML document is written, so a diagnostic can name its line and column.

Parsing is done by a fast parser that keeps no positions; this scanner runs only when a problem has to be
reported. It understands what a manifest uses: comments, `[table]` and `[[array]]` headers, dotted keys,
single- and multi-line strings, and arrays spanning lines (each item gets its own position).
"""

from __future__ import annotations

import re

from assembler.diagnostics import KeyPath

Position = tuple[int, int]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _read_key(line: str, i: int) -> tuple[list[str], int]:
    """Read a possibly dotted key starting at `i`; return its parts and the index after it."""
    parts: list[str] = []
    while i < len(line):
        while i < len(line) and line[i] in " \t":
            i += 1
        if i < len(line) and line[i] in "\"'":
            quote = line[i]
            end = line.find(quote, i + 1)
            if end < 0:
                return parts, len(line)
            parts.append(line[i + 1 : end])
            i = end + 1
        else:
            m = _BARE_KEY.match(line, i)
            if not m:
                return parts, i
            parts.append(m.group())
            i = m.end()
        while i < len(line) and line[i] in " \t":
            i += 1
        if i < len(line) and line[i] == ".":
            i += 1
            continue
        return parts, i
    return parts, i


class _Scanner:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.positions: dict[KeyPath, Position] = {}
        self.array_counts: dict[KeyPath, int] = {}

    def scan(self) -> dict[KeyPath, Position]:
        table: KeyPath = ()
        n = 0
        while n < len(self.lines):
            line = self.lines[n]
            stripped = line.lstrip()
            col = len(line) - len(stripped)
            if not stripped or stripped.startswith("#"):
                n += 1
                continue
            if stripped.startswith("[["):
                parts, _ = _read_key(stripped, 2)
                base = tuple(parts)
                index = self.array_counts.get(base, 0)
                self.array_counts[base] = index + 1
                table = (*base, index)
                self.positions.setdefault(base, (n + 1, col + 1))
                self.positions[table] = (n + 1, col + 1)
                n += 1
                continue
            if stripped.startswith("["):
                parts, _ = _read_key(stripped, 1)
                table = tuple(parts)
                self.positions[table] = (n + 1, col + 1)
                n += 1
                continue
            parts, i = _read_key(line, col)
            if not parts or i >= len(line) or line[i] != "=":
                n += 1
                continue
            path = (*table, *parts)
            self.positions[path] = (n + 1, col + 1)
            n = self._value(path, n, i + 1)
        return self.positions

    def _value(self, path: KeyPath, n: int, i: int) -> int:
        """Skip the value that starts at line `n`, index `i`; record array items. Return the next line."""
        line = self.lines[n]
        while i < len(line) and line[i] in " \t":
            i += 1
        if line.startswith(('"""', "'''"), i):
            return self._skip_multiline(n, i + 3, line[i : i + 3])
        if line.startswith("[", i):
            return self._array(path, n, i + 1)
        return n + 1

    def _skip_multiline(self, n: int, i: int, quote: str) -> int:
        while n < len(self.lines):
            line = self.lines[n]
            while True:
                end = line.find(quote, i)
                if end < 0:
                    break
                if quote == '"""' and _escaped(line, end):
                    i = end + 1
                    continue
                return n + 1
            n += 1
            i = 0
        return n

    def _array(self, path: KeyPath, n: int, i: int) -> int:
        index = 0
        depth = 1
        while n < len(self.lines):
            line = self.lines[n]
            while i < len(line):
                ch = line[i]
                if ch in " \t,":
                    i += 1
                elif ch == "#":
                    break
                elif ch == "]":
                    depth -= 1
                    i += 1
                    if depth == 0:
                        return n + 1
                elif (depth == 1 and ch != "[") or ch in "\"'":
                    if depth == 1:
                        self.positions[(*path, index)] = (n + 1, i + 1)
                        index += 1
                    i = self._skip_scalar(line, i)
                else:
                    if depth == 1:
                        self.positions[(*path, index)] = (n + 1, i + 1)
                        index += 1
                    depth += 1
                    i += 1
            n += 1
            i = 0
        return n

    @staticmethod
    def _skip_scalar(line: str, i: int) -> int:
        ch = line[i]
        if ch in "\"'":
            end = i + 1
            while True:
                end = line.find(ch, end)
                if end < 0:
                    return len(line)
                if ch == '"' and _escaped(line, end):
                    end += 1
                    continue
                return end + 1
        while i < len(line) and line[i] not in ",]#":
            i += 1
        return i


def _escaped(line: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and line[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def key_positions(text: str) -> dict[KeyPath, Position]:
    """Map every key path of the document (tables, keys, array items) to its 1-based (line, column)."""
    return _Scanner(text).scan()


def locate(positions: dict[KeyPath, Position], path: KeyPath) -> Position | None:
    """The position of `path`, or of its nearest written ancestor (a missing key points at its table)."""
    for end in range(len(path), 0, -1):
        found = positions.get(path[:end])
        if found is not None:
            return found
    return None
