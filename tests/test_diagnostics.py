"""Diagnostics: the text, JSON and GitHub forms users see, and their order."""

from __future__ import annotations

import json

from assembler.diagnostics import (
    CODES,
    Diagnostic,
    Severity,
    format_github,
    format_text,
    github_annotation,
    has_errors,
    to_json,
)

UNKNOWN = Diagnostic("A002", "unknown key `nmae`", "_manifests/a.toml", 3, 1, "did you mean `name`?")
SYNTAX = Diagnostic("A001", "TOML syntax error: expected a value", "_manifests/a.toml", 10, 7)
WARNING = Diagnostic(
    "A032",
    "tool `Bash` is not allowed by substrate role `read-only`",
    "_manifests/a.toml",
    2,
    5,
    "remove it",
    Severity.WARNING,
)
NO_LINE = Diagnostic("A005", "no _manifests/ folder", "_manifests")


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
    assert format_text([Diagnostic("A023", "m", "_blocks/x.md", 4)]) == "_blocks/x.md:4: A023: m"


def test_text_of_nothing_is_empty() -> None:
    assert format_text([]) == ""


def test_text_sorted_by_file_then_line_numerically() -> None:
    later_file = Diagnostic("A010", "m", "_manifests/b.toml", 1, 1)
    out = format_text([later_file, SYNTAX, UNKNOWN, WARNING])
    assert [line.split(": ")[0] for line in out.splitlines() if not line.startswith(" ")] == [
        "_manifests/a.toml:2:5",
        "_manifests/a.toml:3:1",
        "_manifests/a.toml:10:7",
        "_manifests/b.toml:1:1",
    ]


def test_sort_key_orders_column_then_code() -> None:
    a = Diagnostic("A050", "m", "f", 4, 9)
    b = Diagnostic("A030", "m", "f", 4, 9)
    c = Diagnostic("A099", "m", "f", 4, 2)
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
    text = to_json([Diagnostic("A014", "`x` holds “é”", "a.toml", 1, 1)])
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
    assert format_github([Diagnostic("A1", "m", "f.md", 2)]) == "::error file=f.md,line=2,title=A1::m"


def test_github_escapes_message_newlines_and_percent() -> None:
    d = Diagnostic("A014", "first\nsecond: 50%", "a.toml", 1, 1, "join\r\nlines")
    assert format_github([d]) == (
        "::error file=a.toml,line=1,col=1,title=A014::first%0Asecond: 50%25 (hint: join%0D%0Alines)"
    )


def test_github_escapes_colon_and_comma_in_properties() -> None:
    d = Diagnostic("A002", "m", "dir,x/a:b.toml", 1, 1)
    assert format_github([d]) == "::error file=dir%2Cx/a%3Ab.toml,line=1,col=1,title=A002::m"
    assert github_annotation("error", "f", "m", title="a:b,c") == "::error file=f,title=a%3Ab%2Cc::m"


def test_github_sorted() -> None:
    out = format_github([Diagnostic("A1", "m", "b", 1, 1), Diagnostic("A1", "m", "a", 9, 1)])
    assert [line.split(",")[0] for line in out.splitlines()] == ["::error file=a", "::error file=b"]


# has_errors and the code table


def test_has_errors_ignores_warnings() -> None:
    assert not has_errors([WARNING])
    assert has_errors([WARNING, SYNTAX])
    assert not has_errors([])


def test_codes_are_unique_and_well_formed() -> None:
    assert all(len(code) == 4 and code[0] in "AD" and code[1:].isdigit() for code in CODES)
    assert all(summary and summary == summary.strip() for summary in CODES.values())
