"""roles.shape: unknown tables and keys, wrong types and missing keys of a file of tables, all at once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from assembler.roles.shape import Key, Kind, Spec, check_shape

SPEC: Spec = {
    "role": {"name": Key(Kind.STRING, True), "spawnable": Key(Kind.BOOLEAN)},
    "tools": {"allowed": Key(Kind.STRINGS), "since": Key(Kind.DATE)},
}


def problems(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str, str, str | None]]:
    return [(p.path, p.code, p.message, p.hint) for p in check_shape(data, SPEC, ("role",), "test file")]


def test_a_file_of_the_right_shape() -> None:
    data = {"role": {"name": "x", "spawnable": False}, "tools": {"allowed": [], "since": "2026-01-01"}}
    assert problems(data) == []


def test_every_problem_at_once() -> None:
    data = {
        "rol": {},
        "name": "x",
        "tools": {"allowd": ["Read"], "spawnable": True, "since": 3},
    }
    assert problems(data) == [
        (("rol",), "A002", "unknown test file table `rol`", "did you mean `role`?"),
        (("name",), "A002", "unknown test file key `name`",
         "`name` belongs in the [role] table: write it below the [role] header"),
        (("tools", "allowd"), "A002", "unknown key in [tools] `allowd`", "did you mean `allowed`?"),
        (("tools", "spawnable"), "A002", "unknown key in [tools] `spawnable`",
         "`spawnable` belongs in the [role] table"),
        (
            ("tools", "since"),
            "A004",
            '`tools.since` should be a date such as "2026-04-23", not an integer',
            'write since = "2026-04-23"',
        ),
        ((), "A003", "missing required key `[role]`", "add a [role] table with name (README)"),
    ]  # fmt: skip


def test_an_unknown_key_with_nothing_close_lists_the_keys() -> None:
    assert problems({"role": {"name": "x", "zzz": 1}, "qqq": {}}) == [
        (("role", "zzz"), "A002", "unknown key in [role] `zzz`", "the keys of [role] are name, spawnable"),
        (("qqq",), "A002", "unknown test file table `qqq`", "a test file has the tables [role], [tools]"),
    ]


def test_a_table_of_the_wrong_type() -> None:
    assert problems({"role": {"name": "x"}, "tools": ["Read"]}) == [
        (
            ("tools",),
            "A004",
            "`tools` should be a table, not an array",
            "write the header [tools] on a line of its own, then its keys below it",
        )
    ]


def test_missing_keys_of_a_written_table() -> None:
    assert problems({"role": {"spawnable": True}}) == [
        (("role",), "A003", "missing required key `role.name`", "add `name = ...` below the [role] header"),
    ]


@pytest.mark.parametrize(
    ("key", "value", "actual"),
    [
        ("allowed", "Read", "a string"),
        ("allowed", ["Read", 3], "an array holding an integer"),
        ("allowed", [["Read"]], "an array holding an array"),
        ("since", datetime.datetime(2026, 1, 1, 12, 0), "a date-time"),
        ("since", True, "a boolean"),
    ],
)
def test_wrong_types(key: str, value: object, actual: str) -> None:
    [(path, code, message, _)] = problems({"role": {"name": "x"}, "tools": {key: value}})
    assert (path, code) == (("tools", key), "A004")
    assert message.endswith(f", not {actual}")


def test_a_boolean_is_no_string_and_a_date_may_be_written_bare() -> None:
    assert problems({"role": {"name": True}}) == [
        (("role", "name"), "A004", "`role.name` should be a string, not a boolean", 'write name = "..."'),
    ]
    assert problems({"role": {"name": "x"}, "tools": {"since": datetime.date(2026, 1, 1)}}) == []
