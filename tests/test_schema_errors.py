from __future__ import annotations

import datetime
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from assembler.codes import Code
from assembler.schema_errors import Wording, data_path, describe, dotted_path, translate

WORDING = Wording(
    unknown=Code("X1", "unknown", "{issue}", "{suggestion}", "doc"),
    missing=Code("X2", "missing", "{issue}", "{suggestion}", "doc"),
    wrong_type=Code("X3", "wrong type", "{issue}", "{suggestion}", "doc"),
    unknown_hint="allowed here: {known}",
    missing_hint="add `{key} = ...`",
    type_hint="fix the type",
    prefix=("table",),
)


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    size: int


class Outer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    items: list[Inner]


def _problems(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str, str, str | None]]:
    fields = {(): ["items", "name"], ("items",): ["size"]}
    with pytest.raises(ValidationError) as caught:
        Outer.model_validate(data)
    found = []
    for error in caught.value.errors():
        problem = translate(
            data, error, WORDING, lambda path: fields.get(tuple(p for p in path if isinstance(p, str)), [])
        )
        found.append((problem.path, problem.code, problem.message, problem.hint))
    return found


def test_dotted_path() -> None:
    assert dotted_path(("handoff", 0, "target")) == "handoff[0].target"
    assert dotted_path(("lineage", "parents", 2)) == "lineage.parents[2]"
    assert dotted_path(("name",)) == "name"
    assert dotted_path(()) == ""


def test_data_path_keeps_only_what_the_input_has() -> None:
    data = {"a": [{"b": 1}]}
    assert data_path(data, ("a", 0, "b")) == ("a", 0, "b")
    assert data_path(data, ("a", 0, "missing")) == ("a", 0)
    assert data_path(data, ("a", 5)) == ("a",)
    assert data_path(data, ("a", 0, "b", "str")) == ("a", 0, "b")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ({}, "a table"),
        ([], "an array"),
        ("x", "a string"),
        (1, "an integer"),
        (1.5, "a number"),
        (True, "a boolean"),
        (datetime.date(2026, 1, 2), "a date"),
        (datetime.datetime(2026, 1, 2, 3, 4), "a date-time"),
    ],
)
def test_describe_in_toml_words(value: object, words: str) -> None:
    assert describe(value) == words


def test_unknown_missing_and_wrong_type() -> None:
    assert _problems({"nmae": "x", "items": [{"size": "big", "colour": 1}]}) == [
        ((), "X2", "missing required key `table.name`", "add `name = ...`"),
        (
            ("items", 0, "size"),
            "X3",
            "`table.items[0].size` should be an integer, not a string",
            "fix the type",
        ),
        (("items", 0, "colour"), "X1", "unknown key `table.items[0].colour`", "allowed here: size"),
        (("nmae",), "X1", "unknown key `table.nmae`", "did you mean `name`?"),
    ]
