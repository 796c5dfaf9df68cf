"""Word pydantic's validation errors as problems, located by the key path of the TOML data.

Shared by every table validated with pydantic (the manifest, a tool module's data), so that an unknown key,
a missing key or a wrong type reads the same wherever it happens.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assembler.codes import Code
from assembler.diagnostics import LIMIT, KeyPath, Problem, did_you_mean


@dataclass(frozen=True)
class Wording:
    """The codes of an unknown key, a missing key and a wrong type. Each is given every field (`what`, `key`,
    `expected`, `actual`, `suggestion`, and `issue`: the whole sentence), and its templates take what
    they need."""

    unknown: Code
    missing: Code
    wrong_type: Code
    unknown_hint: str  # when no known key is close; `{known}` lists the keys allowed there
    missing_hint: str  # `{key}` is the missing key
    type_hint: str
    prefix: KeyPath = ()  # written before the path in messages, such as ("tool_module",)


def data_path(data: Mapping[str, Any], loc: Sequence[Any]) -> KeyPath:
    """The part of a pydantic location that names keys and indexes present in the input."""
    path: list[str | int] = []
    node: Any = data
    for part in loc:
        in_table = isinstance(node, Mapping) and isinstance(part, str) and part in node
        in_array = isinstance(node, list | tuple) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_table or in_array):
            break
        node = node[part]
        path.append(part)
    return tuple(path)


def dotted_path(path: KeyPath) -> str:
    """`handoff[0].target` style, as a reader of the TOML file thinks of it."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def describe(value: Any) -> str:
    """What a TOML value is, in TOML's words."""
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, datetime.datetime):
        return "a date-time"
    if isinstance(value, datetime.date):
        return "a date"
    names = {str: "a string", int: "an integer", float: "a number", bool: "a boolean", list: "an array"}
    return names.get(type(value), type(value).__name__)


def _expected(message: str) -> str:
    """pydantic's "Input should be a valid tuple, ..." as "an array"."""
    expected = message.removeprefix("Input should be ").split(",")[0].rstrip(".")
    if expected.startswith("a dictionary or an instance of"):
        return "a table"
    for pydantic_word, toml_word in (("tuple", "array"), ("list", "array"), ("dictionary", "table")):
        expected = expected.replace(f"a valid {pydantic_word}", f"a {toml_word}")
    expected = expected.replace("a valid ", "a ")
    if expected.startswith(("a a", "a e", "a i", "a o", "a u")):
        expected = "an " + expected[2:]
    return expected


def translate_all(
    data: Mapping[str, Any],
    errors: Iterable[Mapping[str, Any]],
    wording: Wording,
    fields_at: Callable[[KeyPath], Sequence[str]],
) -> list[Problem]:
    """Every pydantic error as a problem: literal errors at one place (a union of literal types) merged into
    one that lists every allowed value, then one problem per place (`first_per_place`)."""
    merged: list[Mapping[str, Any]] = []
    literals: dict[KeyPath, dict[str, Any]] = {}
    for error in errors:
        if error["type"] != "literal_error":
            merged.append(error)
            continue
        place = data_path(data, tuple(error["loc"]))
        expected = str(error.get("ctx", {}).get("expected", ""))
        if place in literals:
            before = literals[place]["ctx"]["expected"]
            literals[place]["ctx"] = {"expected": f"{before.replace(' or ', ', ')}, {expected}"}
            continue
        literals[place] = {**error, "ctx": {"expected": expected}}
        merged.append(literals[place])
    # A "did you mean" costs 0.25 ms; 200,000 unknown keys took a minute. Past the number of problems a
    # file lists (`located` counts the rest), none is computed.
    found = [translate(data, error, wording, fields_at, suggest=n < LIMIT) for n, error in enumerate(merged)]
    return first_per_place(found, wording.missing)


def first_per_place(problems: Iterable[Problem], missing: Code) -> list[Problem]:
    """One problem per key path and code (a value checked against several types of a union fails each),
    but every missing key, since each has its own message."""
    kept: dict[tuple[Any, ...], Problem] = {}
    for p in problems:
        place = (p.path, p.code, p.message if p.code == missing.id and "missing" in p.message else "")
        kept.setdefault(place, p)
    return list(kept.values())


def translate(
    data: Mapping[str, Any],
    error: Mapping[str, Any],
    wording: Wording,
    fields_at: Callable[[KeyPath], Sequence[str]],
    *,
    suggest: bool = True,
) -> Problem:
    """One pydantic error as a problem; `fields_at(path)` names the keys allowed in the table at `path`."""
    loc = tuple(error["loc"])
    path = data_path(data, loc)
    shown = dotted_path((*wording.prefix, *path)) or "(top level)"
    kind = error["type"]
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        known = list(fields_at(path[:-1]))
        close = did_you_mean(str(path[-1]), known) if suggest else None
        hint = close or wording.unknown_hint.format(known=", ".join(known))
        detail = f"unknown key `{shown}`"
        return wording.unknown.at(path, what="key", key=shown, suggestion=hint, issue=detail)
    if kind == "missing":
        key = str(loc[len(path)]) if len(loc) > len(path) else str(loc[-1])
        where = dotted_path((*wording.prefix, *path, key))
        hint = wording.missing_hint.format(key=key)
        return wording.missing.at(path, key=where, suggestion=hint, issue=f"missing required key `{where}`")
    value: Any = data
    for part in path:
        value = value[part]
    if kind == "literal_error":
        expected = f"one of {error.get('ctx', {}).get('expected', '')}"
        hint = f"use {expected}"
    else:
        expected = _expected(str(error["msg"]))
        hint = wording.type_hint
    actual = repr(value) if kind == "literal_error" else describe(value)
    detail = f"`{shown}` should be {expected}, not {actual}"
    return wording.wrong_type.at(
        path, key=shown, expected=expected, actual=actual, suggestion=hint, issue=detail
    )
