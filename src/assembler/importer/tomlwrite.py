"""Write manifest data as TOML a person could have written, with tomlkit: a comment saying where the agent
came from, prose in multi-line strings, Claude Code's own fields in a `[targets.claude]` table. Every text
is read back with the parser the build uses and must give the same data, or this is a bug (ValueError).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

_LIST_ON_ONE_LINE = 100  # characters; a longer array gets one item per line


def manifest_text(data: Mapping[str, Any], origin: str) -> str:
    """The manifest for `data`; `origin` names the file it was imported from."""
    for literal in (True, False):
        text = _dump(data, origin, literal=literal)
        if _same(_read(text), data):
            return text
    raise ValueError(f"the manifest written for {origin} does not read back as its data")


def _dump(data: Mapping[str, Any], origin: str, *, literal: bool) -> str:
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"Imported by `assembler import` from {origin}."))
    doc.add(tomlkit.comment("This manifest is the agent's source now: edit it, then run `assembler build`."))
    for key, value in data.items():
        if key == "targets":
            continue
        doc[key] = _item(value, literal=literal)
    targets = data.get("targets")
    if isinstance(targets, Mapping):
        supertable = tomlkit.table(is_super_table=True)
        for name, table in targets.items():
            supertable[name] = _table(table, literal=literal)
        doc["targets"] = supertable
    text: str = tomlkit.dumps(doc)
    return text


def _table(values: Mapping[str, Any], *, literal: bool) -> Any:
    import tomlkit

    table = tomlkit.table()
    for key, value in values.items():
        if isinstance(value, Mapping):
            table[key] = _table(value, literal=literal)
        else:
            table[key] = _item(value, literal=literal)
    return table


def _item(value: Any, *, literal: bool) -> Any:
    import tomlkit

    if isinstance(value, str):
        if "\n" not in value:
            return tomlkit.string(value)
        usable = literal and "'''" not in value and _literal_safe(value)
        raw = tomlkit.string(value, multiline=True, literal=usable).as_string()[3:-3]
        # Text starts on the line after the opening quotes (TOML drops that first line break).
        return tomlkit.string(
            raw if raw.startswith("\n") else "\n" + raw, multiline=True, literal=usable, escape=False
        )
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        array = tomlkit.array()
        array.extend(value)
        if len(", ".join(value)) > _LIST_ON_ONE_LINE:
            array.multiline(True)
        return array
    return tomlkit.item(value)


def _literal_safe(text: str) -> bool:
    """Whether a literal string can hold the text: no control character but tab and newline."""
    return not any((ord(ch) < 32 and ch not in "\t\n") or ord(ch) == 127 for ch in text)


def _read(text: str) -> Any:
    from assembler.tomlparse import TomlError, parse_toml

    try:
        return parse_toml(text)
    except TomlError:
        return None


def _same(a: Any, b: Any) -> bool:
    """Equal data, a NaN equal to a NaN."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b
