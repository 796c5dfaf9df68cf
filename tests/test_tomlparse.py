"""tomlparse: TOML syntax errors become one A001 diagnostic at the right line and column."""

from __future__ import annotations

import pytest
import rtoml

from assembler.diagnostics import Severity
from assembler.tomlparse import TomlError, parse_toml

HINT = "fix the TOML syntax at this position (strings need quotes, tables need [brackets])"


def error_of(text: str) -> TomlError:
    with pytest.raises(TomlError) as info:
        parse_toml(text)
    return info.value


def test_valid_text_parses() -> None:
    assert parse_toml('name = "a"\n[lineage]\ncreated = "2026-01-02"\n') == {
        "name": "a",
        "lineage": {"created": "2026-01-02"},
    }
    assert parse_toml("") == {}


def test_unquoted_string() -> None:
    err = error_of('name = "a"\nmodel = sonnet\n')
    assert (err.line, err.column) == (2, 9)
    d = err.diagnostic("_manifests/a.toml")
    assert d.code == "A001"
    assert d.severity is Severity.ERROR
    assert (d.file, d.line, d.column) == ("_manifests/a.toml", 2, 9)
    assert d.message == ("TOML syntax error: string values must be quoted, expected literal string")
    assert d.hint == HINT


def test_message_has_no_position_left_in_it() -> None:
    err = error_of("a = 1\n    b = nope\n")
    assert (err.line, err.column) == (2, 9)
    assert "line" not in err.message
    assert not err.message.endswith(".")


def test_duplicate_key() -> None:
    err = error_of('name = "a"\ntools = []\nname = "b"\n')
    assert (err.line, err.column) == (3, 1)
    assert err.diagnostic("f.toml").message == "TOML syntax error: duplicate key"


def test_duplicate_table() -> None:
    err = error_of("[taxonomy]\nkingdom = 1\n\n[taxonomy]\n")
    assert err.line == 4
    assert "duplicate key" in err.message


def test_unclosed_array() -> None:
    err = error_of('name = "a"\ntools = ["Read",\n  "Grep"\nmodel = "x"\n')
    # the parser notices at the first thing that cannot continue the array
    assert (err.line, err.column) == (4, 1)
    assert err.diagnostic("f.toml").message == (
        "TOML syntax error: missing comma between array elements, expected `,`"
    )


def test_unclosed_single_line_string() -> None:
    err = error_of('name = "a\nmodel = "x"\n')
    assert (err.line, err.column) == (1, 10)
    assert err.diagnostic("f.toml").code == "A001"


def test_unclosed_multiline_string_is_reported() -> None:
    text = 'name = "a"\nrole = """\nhello\n\nmodel = "x"\n'
    err = error_of(text)
    assert err.line is not None
    assert err.line >= 2
    assert err.diagnostic("f.toml").message == (
        'TOML syntax error: invalid multi-line basic string, expected `"`'
    )


def test_unclosed_multiline_string_points_at_its_opening() -> None:
    err = error_of('name = "a"\nrole = """\nhello\n\nmodel = "x"\n')
    assert (err.line, err.column) == (2, 8)


def test_unclosed_array_table_header() -> None:
    err = error_of('x = 1\n[[handoff]\ntarget = "a"\n')
    assert err.line == 2
    assert err.diagnostic("f.toml").message == ("TOML syntax error: unclosed array table, expected `]`")


def test_invalid_date() -> None:
    err = error_of("[lineage]\ncreated = 2026-02-30\n")
    assert (err.line, err.column) == (2, 11)


def test_position_from_tomllib_when_rtoml_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str) -> None:
        raise rtoml.TomlParsingError("something went wrong")

    monkeypatch.setattr(rtoml, "loads", fail)
    err = error_of('name = "a"\nmodel = sonnet\n')
    assert (err.line, err.column) == (2, 9)
    assert err.message == "something went wrong"


def test_no_position_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str) -> None:
        raise rtoml.TomlParsingError("something went wrong.")

    monkeypatch.setattr(rtoml, "loads", fail)
    err = error_of('name = "a"\n')  # valid for tomllib: no position to find
    assert (err.line, err.column) == (None, None)
    d = err.diagnostic("f.toml")
    assert (d.line, d.column, d.message) == (None, None, "TOML syntax error: something went wrong")
