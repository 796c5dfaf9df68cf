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
    def __init__(self, text: str, wanted: set[KeyPath] | None = None) -> None:
        self.lines = text.splitlines()
        self.positions: dict[KeyPath, Position] = {}
        self.array_counts: dict[KeyPath, int] = {}
        self.ends: dict[KeyPath, int] = {}  # the line index after each key's value
        self.section_ends: dict[KeyPath, int] = {}  # per [table] header, the line index after its last value
        self.wanted = wanted  # stop once each of these paths is found (None: scan everything)

    def record(self, path: KeyPath, position: Position) -> None:
        self.positions[path] = position
        if self.wanted:
            self.wanted.discard(path)

    def done(self) -> bool:
        return self.wanted is not None and not self.wanted

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
                self.record(table, (n + 1, col + 1))
                n += 1
                continue
            if stripped.startswith("["):
                parts, _ = _read_key(stripped, 1)
                table = tuple(parts)
                self.record(table, (n + 1, col + 1))
                n += 1
                continue
            parts, i = _read_key(line, col)
            if not parts or i >= len(line) or line[i] != "=":
                n += 1
                continue
            path = (*table, *parts)
            self.record(path, (n + 1, col + 1))
            n = self.ends[path] = self.section_ends[table] = self._value(path, n, i + 1)
            if self.done():
                break
        return self.positions

    def _value(self, path: KeyPath, n: int, i: int) -> int:
        """Skip the value that starts at line `n`, index `i`; record array items. Return the next line."""
        line = self.lines[n]
        while i < len(line) and line[i] in " \t":
            i += 1
        if line.startswith(('"""', "'''"), i):
            return self._skip_multiline(n, i + 3, line[i : i + 3])[0] + 1
        if line.startswith("[", i):
            return self._array(path, n, i + 1)
        return n + 1

    def _skip_multiline(self, n: int, i: int, quote: str) -> tuple[int, int]:
        """From inside a multi-line string, the (line, index) just after its closing quotes."""
        while n < len(self.lines):
            line = self.lines[n]
            while True:
                end = line.find(quote, i)
                if end < 0:
                    break
                if quote == '"""' and _escaped(line, end):
                    i = end + 1
                    continue
                while line.startswith(quote[0], end + 3):  # up to two quotes may end the content
                    end += 1
                return n, end + 3
            n += 1
            i = 0
        return n, 0

    def _array(self, path: KeyPath, n: int, i: int) -> int:
        """Record the position of each item of the array opened before (n, i); return the next line."""
        index = 0
        depth = 1  # nesting of [ ] and { } inside the array
        while n < len(self.lines):
            line = self.lines[n]
            while i < len(line):
                ch = line[i]
                if ch in " \t,=":
                    i += 1
                    continue
                if ch == "#":
                    break
                if ch in "]}":
                    depth -= 1
                    i += 1
                    if depth == 0:
                        return n + 1
                    continue
                if depth == 1:
                    self.record((*path, index), (n + 1, i + 1))
                    index += 1
                if ch in "[{":
                    depth += 1
                    i += 1
                elif line.startswith(('"""', "'''"), i):
                    n, i = self._skip_multiline(n, i + 3, line[i : i + 3])
                    if n >= len(self.lines):
                        return n
                    line = self.lines[n]
                else:
                    i = _skip_scalar(line, i)
            n += 1
            i = 0
        return n


def _skip_scalar(line: str, i: int) -> int:
    """The index just after the one-line string or bare value (number, key, date) at `i`."""
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
    start = i
    while i < len(line) and line[i] not in ",]}#=\"' \t":
        i += 1
    return i if i > start else i + 1


def _escaped(line: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and line[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def key_positions(text: str, wanted: set[KeyPath] | None = None) -> dict[KeyPath, Position]:
    """Map the key paths of the document (tables, keys, array items) to their 1-based (line, column):
    every path, or, with `wanted`, those seen until each wanted path has been found."""
    return _Scanner(text, None if wanted is None else set(wanted)).scan()


def locate(positions: dict[KeyPath, Position], path: KeyPath) -> Position | None:
    """The position of `path`, or of its nearest written ancestor (a missing key points at its table)."""
    for end in range(len(path), 0, -1):
        found = positions.get(path[:end])
        if found is not None:
            return found
    return None


def statement_lines(text: str, path: KeyPath) -> tuple[int, int] | None:
    """Where the key/value statement of `path` is written: its first line and the line after its value's
    last (1-based), or None when no statement writes that exact key path (a table, a dotted key written
    under another table, a key inside an inline table). Scans only as far as the statement."""
    scanner = _Scanner(text, {path})
    positions = scanner.scan()
    if path not in positions or path not in scanner.ends:
        return None
    return positions[path][0], scanner.ends[path] + 1


def section_end(text: str, table: KeyPath) -> int | None:
    """The line after the last key/value statement written under the header of `table` (`()`: before any
    header), 1-based; None when no statement is written there."""
    scanner = _Scanner(text)
    scanner.scan()
    found = scanner.section_ends.get(table)
    return None if found is None else found + 1
