"""The arguments' kinds: each converter accepts what its JSON Schema allows and refuses the rest as an
argparse type error (a usage error, exit 2, at the command line)."""

from __future__ import annotations

import argparse

import pytest

from assembler.toolkinds.modal_runtime.arguments import KINDS, Arg


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        ("count", "8", 8),
        ("hours", "0.5", 0.5),
        ("usd", "0", 0.0),
        ("seconds", "3600", 3600.0),
        ("version", "v1.6.4", "v1.6.4"),
        ("entry", "main", "main"),
        ("app", "ap-AbC123", "ap-AbC123"),
        ("path", "train.py", "train.py"),
    ],
)
def test_good_values(kind: str, text: str, value: object) -> None:
    convert, _schema = KINDS[kind]
    assert convert(text) == value


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("count", "0"),
        ("count", "1e3"),
        ("hours", "0"),
        ("hours", "1e308"),
        ("hours", "nan"),
        ("usd", "-1"),
        ("seconds", "0.5"),
        ("version", "latest"),
        ("entry", "not an identifier"),
        ("app", "--yes"),
        ("path", ""),
        ("gpu", "H1000"),
    ],
)
def test_bad_values_are_argparse_type_errors(kind: str, text: str) -> None:
    convert, _schema = KINDS[kind]
    with pytest.raises(argparse.ArgumentTypeError):
        convert(text)


def test_every_kind_has_a_json_type_and_flags_are_spelled_with_dashes() -> None:
    assert all("type" in schema for _convert, schema in KINDS.values())
    assert Arg("spent_today", "usd", "help").flag == "--spent-today"
