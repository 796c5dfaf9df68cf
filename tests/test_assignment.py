"""KEY=VALUE as `assembler set` and `--where` read it."""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest

from assembler.assignment import MISSING, BadAssignment, holds, parse_assignment, same, value_at


@pytest.mark.parametrize(
    ("text", "path", "value", "toml"),
    [
        ("model=opus", ("model",), "opus", '"opus"'),
        ("max_turns=20", ("max_turns",), 20, "20"),
        ('max_turns="20"', ("max_turns",), "20", '"20"'),
        ("background=true", ("background",), True, "true"),
        ('tools=["Read", "Grep"]', ("tools",), ["Read", "Grep"], '["Read", "Grep"]'),
        ("tools=['Read']", ("tools",), ["Read"], "['Read']"),  # the user's own spelling is kept
        ("taxonomy.stability=deprecated", ("taxonomy", "stability"), "deprecated", '"deprecated"'),
        ('targets.claude.extra."my.key"=x', ("targets", "claude", "extra", "my.key"), "x", '"x"'),
        ('"a=b".c=1', ("a=b", "c"), 1, "1"),
        ("trigger=a=b", ("trigger",), "a=b", '"a=b"'),
        ("description=", ("description",), "", '""'),
        (
            "description=Reviews patches, fast",
            ("description",),
            "Reviews patches, fast",
            '"Reviews patches, fast"',
        ),
        (" model = opus ", ("model",), " opus ", '" opus "'),  # not TOML: the string as written
        ("max_turns = 20", ("max_turns",), 20, "20"),
        ("created=2026-01-02", ("created",), datetime.date(2026, 1, 2), "2026-01-02"),
        ('created="2026-01-02"', ("created",), "2026-01-02", '"2026-01-02"'),
        ('text="""\nmulti\n"""', ("text",), "multi\n", '"""\nmulti\n"""'),
        ("text=two\nlines", ("text",), "two\nlines", '"two\\nlines"'),
        ("text=1\n[table]\nx = 2", ("text",), "1\n[table]\nx = 2", '"1\\n[table]\\nx = 2"'),
        ("effort=high # the comment", ("effort",), "high # the comment", '"high # the comment"'),
        ('effort="high" # the comment', ("effort",), "high", '"high"'),
        ('q=say "hi" \\o/', ("q",), 'say "hi" \\o/', '"say \\"hi\\" \\\\o/"'),
        ("inline={ a = 1 }", ("inline",), {"a": 1}, "{ a = 1 }"),
    ],
)
def test_values_are_toml_when_they_are_toml(text: str, path: tuple[str, ...], value: Any, toml: str) -> None:
    assignment = parse_assignment(text)
    assert (assignment.path, assignment.toml) == (path, toml)
    assert same(assignment.value, value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("model", "'model' is not KEY=VALUE"),
        ("=opus", "'' is not a TOML key"),
        ("bad key=1", "'bad key' is not a TOML key (quote a part holding dots or spaces)"),
        ("a..b=1", "'a..b' is not a TOML key"),
        ("a # c=1", "'a # c' is not a TOML key"),
        ("a\nb=1", "'a\\nb' is not a TOML key"),
    ],
)
def test_what_is_not_key_value(text: str, message: str) -> None:
    with pytest.raises(BadAssignment) as raised:
        parse_assignment(text)
    assert str(raised.value).startswith(message)


def test_the_key_written_back() -> None:
    assert parse_assignment("taxonomy.stability=x").key == "taxonomy.stability"
    assert parse_assignment('a."b.c"."d e"=x').key == 'a."b.c"."d e"'


def test_same_tells_types_apart() -> None:
    assert same({"a": [1, "x", {"b": True}]}, {"a": [1, "x", {"b": True}]})
    assert not same(True, 1) and not same(1, 1.0) and not same([1], [1, 2]) and not same({"a": 1}, {"b": 1})
    assert not same([True], [1]) and not same({"a": 1}, {"a": True})
    assert same(math.nan, math.nan) and not same(math.nan, 1.0)


def test_value_at() -> None:
    data = {"a": {"b": 1}, "c": [1]}
    assert value_at(data, ("a", "b")) == 1 and value_at(data, ("a",)) == {"b": 1}
    assert value_at(data, ("a", "x")) is MISSING and value_at(data, ("c", "d")) is MISSING
    assert value_at(data, ("nope",)) is MISSING


def test_where_matches_values_and_array_items() -> None:
    data = {"model": "opus", "max_turns": 20, "blocks": ["a", "b"], "taxonomy": {"stability": "stable"}}
    assert holds(data, parse_assignment("model=opus"))
    assert not holds(data, parse_assignment("model=sonnet"))
    assert holds(data, parse_assignment("max_turns=20")) and not holds(
        data, parse_assignment('max_turns="20"')
    )
    assert holds(data, parse_assignment("blocks=b")) and not holds(data, parse_assignment("blocks=c"))
    assert holds(data, parse_assignment('blocks=["a", "b"]')) and not holds(
        data, parse_assignment('blocks=["a"]')
    )
    assert holds(data, parse_assignment("taxonomy.stability=stable"))
    assert not holds(data, parse_assignment("effort=high"))  # absent never matches
