"""Diagnostics: the text, JSON and GitHub forms users see, and their order."""

from __future__ import annotations

import json

from assembler.diagnostics import (
    Diagnostic,
    Severity,
    format_github,
    format_text,
    github_annotation,
    has_errors,
    to_json,
)

UNKNOWN = Diagnostic(
    code="A002",
    message="unknown key `nmae`",
    file="_manifests/a.toml",
    line=3,
    column=1,
    hint="did you mean `name`?",
)
SYNTAX = Diagnostic(
    code="A001", message="TOML syntax error: expected a value", file="_manifests/a.toml", line=10, column=7
)
WARNING = Diagnostic(
    code="A032",
    message="tool `Bash` is not allowed by substrate role `read-only`",
    file="_manifests/a.toml",
    line=2,
    column=5,
    hint="remove it",
    severity=Severity.WARNING,
)
NO_LINE = Diagnostic(code="A005", message="no _manifests/ folder", file="_manifests")


# format_text


def test_text_error_with_hint() -> None:
    assert format_text([UNKNOWN]) == (
        "_manifests/a.toml:3:1: A002: unknown key `nmae`\n    hint: did you mean `name`?"
    )


def test_text_without_hint_is_one_line() -> None:
    assert format_text([SYNTAX]) == "_manifests/a.toml:10:7: A001: TOML syntax error: expected a value"


def test_text_warning_is_marked() -> None:
    assert format_text([WARNING]) == (
        "_manifests/a.toml:2:5: A032: warning: tool `Bash` is not allowed by substrate role "
        "`read-only`\n    hint: remove it"
    )


def test_text_without_line_or_column() -> None:
    assert format_text([NO_LINE]) == "_manifests: A005: no _manifests/ folder"
    assert (
        format_text([Diagnostic(code="A023", message="m", file="_blocks/x.md", line=4)])
        == "_blocks/x.md:4: A023: m"
    )


def test_text_of_nothing_is_empty() -> None:
    assert format_text([]) == ""


def test_text_sorted_by_file_then_line_numerically() -> None:
    later_file = Diagnostic(code="A010", message="m", file="_manifests/b.toml", line=1, column=1)
    out = format_text([later_file, SYNTAX, UNKNOWN, WARNING])
    assert [line.split(": ")[0] for line in out.splitlines() if not line.startswith(" ")] == [
        "_manifests/a.toml:2:5",
        "_manifests/a.toml:3:1",
        "_manifests/a.toml:10:7",
        "_manifests/b.toml:1:1",
    ]


def test_sort_key_orders_column_then_code() -> None:
    a = Diagnostic(code="A050", message="m", file="f", line=4, column=9)
    b = Diagnostic(code="A030", message="m", file="f", line=4, column=9)
    c = Diagnostic(code="A099", message="m", file="f", line=4, column=2)
    assert sorted([a, b, c], key=Diagnostic.sort_key) == [c, b, a]


# to_json


def test_json_exact_shape_with_nulls() -> None:
    data = json.loads(to_json([UNKNOWN, NO_LINE]))
    assert data == {
        "diagnostics": [
            {
                "severity": "error",
                "code": "A005",
                "file": "_manifests",
                "line": None,
                "column": None,
                "message": "no _manifests/ folder",
                "hint": None,
            },
            {
                "severity": "error",
                "code": "A002",
                "file": "_manifests/a.toml",
                "line": 3,
                "column": 1,
                "message": "unknown key `nmae`",
                "hint": "did you mean `name`?",
            },
        ]
    }
    assert list(data["diagnostics"][0]) == [
        "severity",
        "code",
        "file",
        "line",
        "column",
        "message",
        "hint",
    ]


def test_json_warning_severity_and_sorting() -> None:
    data = json.loads(to_json([SYNTAX, WARNING]))
    assert [(d["severity"], d["line"]) for d in data["diagnostics"]] == [
        ("warning", 2),
        ("error", 10),
    ]


def test_json_keeps_non_ascii() -> None:
    text = to_json([Diagnostic(code="A014", message="`x` holds “é”", file="a.toml", line=1, column=1)])
    assert "“é”" in text
    assert json.loads(text)["diagnostics"][0]["message"] == "`x` holds “é”"


def test_json_of_nothing() -> None:
    assert json.loads(to_json([])) == {"diagnostics": []}


# format_github


def test_github_error_with_hint() -> None:
    assert format_github([UNKNOWN]) == (
        "::error file=_manifests/a.toml,line=3,col=1,title=A002::unknown key `nmae` "
        "(hint: did you mean `name`?)"
    )


def test_github_warning_and_no_hint() -> None:
    assert format_github([SYNTAX, WARNING]).splitlines() == [
        "::warning file=_manifests/a.toml,line=2,col=5,title=A032::tool `Bash` is not allowed by "
        "substrate role `read-only` (hint: remove it)",
        "::error file=_manifests/a.toml,line=10,col=7,title=A001::TOML syntax error: expected a value",
    ]


def test_github_without_line() -> None:
    assert format_github([NO_LINE]) == "::error file=_manifests,title=A005::no _manifests/ folder"
    assert (
        format_github([Diagnostic(code="A1", message="m", file="f.md", line=2)])
        == "::error file=f.md,line=2,title=A1::m"
    )


def test_github_escapes_message_newlines_and_percent() -> None:
    d = Diagnostic(
        code="A014", message="first\nsecond: 50%", file="a.toml", line=1, column=1, hint="join\r\nlines"
    )
    assert format_github([d]) == (
        "::error file=a.toml,line=1,col=1,title=A014::first%0Asecond: 50%25 (hint: join%0D%0Alines)"
    )


def test_github_escapes_colon_and_comma_in_properties() -> None:
    d = Diagnostic(code="A002", message="m", file="dir,x/a:b.toml", line=1, column=1)
    assert format_github([d]) == "::error file=dir%2Cx/a%3Ab.toml,line=1,col=1,title=A002::m"
    assert github_annotation("error", "f", "m", title="a:b,c") == "::error file=f,title=a%3Ab%2Cc::m"


def test_github_sorted() -> None:
    out = format_github(
        [
            Diagnostic(code="A1", message="m", file="b", line=1, column=1),
            Diagnostic(code="A1", message="m", file="a", line=9, column=1),
        ]
    )
    assert [line.split(",")[0] for line in out.splitlines()] == ["::error file=a", "::error file=b"]


# has_errors and the code table


def test_has_errors_ignores_warnings() -> None:
    assert not has_errors([WARNING])
    assert has_errors([WARNING, SYNTAX])
    assert not has_errors([])
