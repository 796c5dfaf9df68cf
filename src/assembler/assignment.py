"""`KEY=VALUE`, as `assembler set` and its `--where` read it.

KEY is a TOML key, dotted to reach into tables (`taxonomy.stability`; a part holding a dot or a space is
quoted: `targets.claude.extra."my.key"`). VALUE is read as a TOML value when it is one (`20`, `true`,
`["Read", "Grep"]`, `"quoted text"`, `{ a = 1 }`, `2026-01-02`), and otherwise taken as the string it is
(`sonnet`, `Reviews patches, fast`). So `model=opus` sets the string "opus", `max_turns=20` the integer 20,
and `max_turns='"20"'` the string "20". The TOML text written into the manifest is the value as TOML writes
it (the user's own spelling when VALUE was TOML).

`--where KEY=VALUE` selects the manifests whose value at KEY equals VALUE, typed the same way (the integer
20 is not the string "20", nor `true` the integer 1), or, when the manifest holds an array there and VALUE is
not an array, holds VALUE as one of its items (`--where blocks=rule-error-budget`). A manifest without KEY
never matches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assembler.tomlparse import TomlError, parse_toml

MISSING: Any = object()  # what `value_at` gives for a key path that leads nowhere


class BadAssignment(ValueError):
    """Text that is not `KEY=VALUE`; the message says why."""


@dataclass(frozen=True)
class Assignment:
    path: tuple[str, ...]  # the key path, at least one key
    value: Any  # the value as the build's parser reads it
    toml: str  # the value as TOML text

    @property
    def key(self) -> str:
        """The key path as written in a dotted key (parts quoted where they must be)."""
        return ".".join(_key_part(part) for part in self.path)


def parse_assignment(text: str) -> Assignment:
    """`KEY=VALUE` read as described above; raises BadAssignment."""
    for at in (i for i, ch in enumerate(text) if ch == "="):
        path = _key_path(text[:at])
        if path is not None:
            value, toml = _value(text[at + 1 :])
            return Assignment(path, value, toml)
    if "=" not in text:
        raise BadAssignment(f"{text!r} is not KEY=VALUE")
    raise BadAssignment(f"{text.partition('=')[0]!r} is not a TOML key (quote a part holding dots or spaces)")


def _key_path(key: str) -> tuple[str, ...] | None:
    """The parts of a TOML key, or None when `key` is not one (nothing but one key may stand there)."""
    if not key.strip() or "\n" in key or "\r" in key:
        return None
    try:
        data: Any = parse_toml(f"{key} = 0")
    except TomlError:
        return None
    path: list[str] = []
    while isinstance(data, dict) and len(data) == 1:
        ((part, data),) = data.items()
        path.append(part)
    return tuple(path) if type(data) is int and data == 0 else None


def _value(text: str) -> tuple[Any, str]:
    """The value and its TOML text: VALUE read as TOML when it is exactly one value, else as a string."""
    import tomlkit

    try:
        data = parse_toml(f"v = {text}")
        item: Any = tomlkit.parse(f"v = {text}").item("v")
    except (TomlError, ValueError):  # tomlkit's ParseError is a ValueError
        data = {}
    if list(data) == ["v"]:  # one value, and nothing after it but a comment
        return data["v"], item.as_string().strip()
    return text, tomlkit.string(text).as_string()


def _key_part(part: str) -> str:
    import re

    if re.fullmatch(r"[A-Za-z0-9_-]+", part):
        return part
    import tomlkit

    return str(tomlkit.string(part).as_string())


def value_at(data: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    """The value at a key path, or MISSING when there is none (a key is absent or a step is no table)."""
    value: Any = data
    for part in path:
        if not isinstance(value, Mapping) or part not in value:
            return MISSING
        value = value[part]
    return value


def same(a: Any, b: Any) -> bool:
    """Equal as TOML values: the same type at every level (`true` is not 1, `1.0` is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, Mapping):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) or (isinstance(a, float) and a != a and b != b)  # nan is nan


def holds(data: Mapping[str, Any], condition: Assignment) -> bool:
    """Whether a manifest's data meets a `--where` condition."""
    found = value_at(data, condition.path)
    if found is MISSING:
        return False
    if isinstance(found, list) and not isinstance(condition.value, list):
        return any(same(item, condition.value) for item in found)
    return same(found, condition.value)
