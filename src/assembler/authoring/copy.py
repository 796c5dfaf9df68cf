"""`assembler new NAME --from AGENT`: a copy of AGENT's manifest under the new name, edited with tomlkit so
that its comments, key order and layout stay as they were. Pure: the source's text in, the copy's out.

What changes: `name`; in `[lineage]`, `fork_from` names the source and `created` is today (in the source's
style, a TOML date or a string); a `[tool_module]`'s `name` becomes the new agent's name as a Python
identifier, since two agents cannot write one module. A comment at the top says where the copy came from.
The copy is read back with the parser the build uses and must give exactly the source's data with those
changes, or nothing is written (`NotCopyable`).
"""

from __future__ import annotations

import datetime
from typing import Any


class NotCopyable(Exception):
    """The source cannot be copied keeping its layout: the reason, in words."""


def copied_manifest(text: str, source: str, name: str, today: datetime.date) -> str:
    """The copy of the manifest `text` (of the agent `source`) as the agent `name`. Raises NotCopyable."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    from assembler.tomlparse import TomlError, parse_toml

    try:
        expected = parse_toml(text)
        doc = tomlkit.parse(text)
    except (TomlError, TOMLKitError) as err:
        raise NotCopyable(f"it does not parse as TOML ({err})") from None
    _rename(expected, source, name, today)
    _rename(doc, source, name, today)
    header = f"# Copied from the agent {source} by `assembler new --from {source}`.\n"
    copied = header + tomlkit.dumps(doc)
    try:
        same = parse_toml(copied) == expected
    except TomlError:
        same = False
    if not same:
        raise NotCopyable("tomlkit would write it back as other data")
    return copied


def _rename(data: Any, source: str, name: str, today: datetime.date) -> None:
    """The edits of a copy, made the same way to plain data and to a tomlkit document."""
    data["name"] = name
    lineage = data.get("lineage")
    if isinstance(lineage, dict):
        _set_last(lineage, "fork_from", f"[[{source}]]")
        created = lineage.get("created")
        lineage["created"] = today if isinstance(created, datetime.date) else today.isoformat()
    tool = data.get("tool_module")
    if isinstance(tool, dict) and "name" in tool:
        tool["name"] = name.replace("-", "_")


def _set_last(table: Any, key: str, value: str) -> None:
    """Set `key`, a new key going after the table's last key: the comments and blank lines that follow
    that key in the file stay below it, above the next table they speak of (tomlkit would put the new key
    after them)."""
    from tomlkit.items import Table

    if key in table or not isinstance(table, Table):
        table[key] = value
        return
    body = table.value.body
    trailing: list[Any] = []
    while body and body[-1][0] is None:
        trailing.insert(0, body.pop())
    table[key] = value
    body.extend(trailing)
