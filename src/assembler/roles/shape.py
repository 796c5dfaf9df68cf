"""The shape of a TOML file made of tables of plain keys (role files, capability stubs): unknown tables and
keys, missing keys and wrong types, each a problem by key path, every one found in one pass.

Written by hand rather than with pydantic: a role is resolved on every run, also when every output is
current, and building a pydantic model costs about 0.2 s of start-up, more than a whole `check`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from enum import Enum
from typing import Any, NamedTuple

from assembler.codes import general
from assembler.diagnostics import Problem, did_you_mean
from assembler.schema_errors import describe


class Kind(Enum):
    STRING = "a string"
    BOOLEAN = "a boolean"
    STRINGS = "an array of strings"
    DATE = 'a date such as "2026-04-23"'


_EXAMPLES = {
    Kind.STRING: '{key} = "..."',
    Kind.BOOLEAN: "{key} = true",
    Kind.STRINGS: '{key} = ["...", "..."]',
    Kind.DATE: '{key} = "2026-04-23"',
}


class Key(NamedTuple):
    kind: Kind
    required: bool = False


Spec = Mapping[str, Mapping[str, Key]]  # table name -> its keys


def _fits(value: Any, kind: Kind) -> bool:
    if kind is Kind.STRING:
        return isinstance(value, str)
    if kind is Kind.BOOLEAN:
        return isinstance(value, bool)
    if kind is Kind.DATE:
        return isinstance(value, str | datetime.date) and not isinstance(value, datetime.datetime)
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _actual(value: Any) -> str:
    """What a value is; for an array of mixed items, what the first foreign item is."""
    if isinstance(value, list):
        foreign = [v for v in value if not isinstance(v, str)]
        if foreign:
            return f"an array holding {describe(foreign[0])}"
    return describe(value)


def _home(key: str, spec: Spec, here: str | None) -> str | None:
    """`[table]` when `key` belongs to another table of the format than `here`."""
    for table, keys in spec.items():
        if table != here and key in keys:
            return table
    return None


def check_shape(data: Mapping[str, Any], spec: Spec, required: tuple[str, ...], what: str) -> list[Problem]:
    """Every shape problem of `data` (`what`: "role file", for the messages). Tables not in `required`
    may be left out; keys marked required must be in a table that is written."""
    problems: list[Problem] = []
    for name, value in data.items():
        if name not in spec:
            problems.append(_unknown_top(name, value, spec, what))
        elif not isinstance(value, Mapping):
            problems.append(
                general.WRONG_TYPE.at(
                    (name,),
                    key=name,
                    expected="a table",
                    actual=describe(value),
                    suggestion=f"write the header [{name}] on a line of its own, then its keys below it",
                )
            )
        else:
            problems += _check_table(name, value, spec)
    for name in required:
        if name not in data:
            keys = " and ".join(k for k, key in spec[name].items() if key.required)
            problems.append(
                general.MISSING_KEY.at(
                    (), key=f"[{name}]", suggestion=f"add a [{name}] table with {keys} (README)"
                )
            )
    return problems


def _unknown_top(name: str, value: Any, spec: Spec, what: str) -> Problem:
    home = _home(name, spec, None)
    if home is not None and not isinstance(value, Mapping):
        hint = f"`{name}` belongs in the [{home}] table: write it below the [{home}] header"
    else:
        tables = ", ".join(f"[{t}]" for t in spec)
        hint = did_you_mean(name, spec) or f"a {what} has the tables {tables}"
    kind = "table" if isinstance(value, Mapping) else "key"
    return general.UNKNOWN_KEY.at((name,), what=f"{what} {kind}", key=name, suggestion=hint)


def _check_table(name: str, table: Mapping[str, Any], spec: Spec) -> list[Problem]:
    problems: list[Problem] = []
    keys = spec[name]
    for key, value in table.items():
        if key not in keys:
            home = _home(key, spec, name)
            hint = (
                f"`{key}` belongs in the [{home}] table"
                if home is not None
                else did_you_mean(key, keys) or f"the keys of [{name}] are {', '.join(keys)}"
            )
            problems.append(
                general.UNKNOWN_KEY.at((name, key), what=f"key in [{name}]", key=key, suggestion=hint)
            )
        elif not _fits(value, keys[key].kind):
            kind = keys[key].kind
            problems.append(
                general.WRONG_TYPE.at(
                    (name, key),
                    key=f"{name}.{key}",
                    expected=kind.value,
                    actual=_actual(value),
                    suggestion=f"write {_EXAMPLES[kind].format(key=key)}",
                )
            )
    for key, spec_key in keys.items():
        if spec_key.required and key not in table:
            problems.append(
                general.MISSING_KEY.at(
                    (name,), key=f"{name}.{key}", suggestion=f"add `{key} = ...` below the [{name}] header"
                )
            )
    return problems
