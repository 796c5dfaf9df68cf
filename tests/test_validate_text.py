"""validate_text: the one-pass answer for clean text never hides a problem the per-field loops find."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from assembler.manifest import Handoff, Lineage, Manifest, References, parse_manifest
from assembler.tomlparse import parse_toml
from assembler.validate_text import _single_line_fields, _single_line_values, check_text
from tests.conftest import manifest, valid_or_problems


def rich() -> Manifest:
    """A manifest with every optional one-line field filled in."""
    m, problems = valid_or_problems(parse_manifest(parse_toml(manifest("reviewer", "fixer"))))
    assert m is not None and problems == []
    return dataclasses.replace(
        m,
        substrate_role="edit-local",
        handoff=(Handoff("fixer", "needs changes", "a patch", "a report"), Handoff("tester", "tests fail")),
        references=References(("path:docs/a.md", "https://example.org")),
        lineage=Lineage("me", "2026-01-02", ("[[baseline]]", "[[other]]")),
    )


def test_values_are_the_fields_in_the_same_order() -> None:
    m = rich()
    assert _single_line_values(m) == [value for _, value in _single_line_fields(m)]
    assert check_text(m) == []


def _with(obj: Any, path: tuple[str | int, ...], value: str) -> Any:
    """`obj` (a model, or a tuple of them) with the string at `path` replaced."""
    head, *rest = path
    if isinstance(obj, tuple):
        assert isinstance(head, int)
        new = _with(obj[head], tuple(rest), value) if rest else value
        return (*obj[:head], new, *obj[head + 1 :])
    changes: dict[str, Any] = {
        str(head): _with(getattr(obj, str(head)), tuple(rest), value) if rest else value
    }
    return dataclasses.replace(obj, **changes)


@pytest.mark.parametrize("path", [path for path, _ in _single_line_fields(rich())])
@pytest.mark.parametrize(("bad", "code"), [("two\nlines", "A014"), ("  ", "A016"), ("a {{ X }}", "A015")])
def test_a_problem_in_any_one_field_is_found_at_its_path(
    path: tuple[str | int, ...], bad: str, code: str
) -> None:
    found = check_text(_with(rich(), path, bad))
    assert [(p.path, p.code) for p in found] == [(path, code)]


def test_every_placeholder_is_reported_at_its_own_line_and_column() -> None:
    from assembler.located import locate_problems

    text = manifest("reviewer", "fixer").replace(
        "You review patches.\n",
        "You review {{PROJECT}} patches.\n```\n{{IN_CODE}}\n```\n"
        "Ask `{{CODE}}` then {{OWNER}} or {{PROJECT}}.\n",
    )
    m, problems = valid_or_problems(parse_manifest(parse_toml(text)))
    assert m is not None and problems == []
    found = check_text(m)
    assert [(p.path, p.message) for p in found] == [
        (("role",), "`role` still holds the placeholder {{PROJECT}}"),
        (("role",), "`role` still holds the placeholder {{OWNER}}"),
        (("role",), "`role` still holds the placeholder {{PROJECT}}"),
    ]
    lines = text.splitlines()
    first = lines.index("You review {{PROJECT}} patches.") + 1
    located = [(d.line, d.column) for d in locate_problems(found, "a.toml", text)]
    assert located == [(first, 12), (first + 4, 21), (first + 4, 34)]


def test_the_configured_pattern_decides_and_empty_switches_the_check_off() -> None:
    text = manifest("reviewer", "fixer").replace("You review patches.", "Bind {{ message }} and {{NAME}}.")
    m, _ = valid_or_problems(parse_manifest(parse_toml(text)))
    assert m is not None
    assert [p.message for p in check_text(m)] == ["`role` still holds the placeholder {{NAME}}"]
    assert len(check_text(m, r"\{\{[^}]*\}\}")) == 2
    assert check_text(m, "") == []


def test_a_description_may_span_lines_and_a_body_is_prose() -> None:
    parsed = parse_manifest(
        {"name": "a", "description": "one\ntwo\r\nthree", "body": "text {{TODO}}\n\tand a tab\n"}
    )
    assert parsed.manifest is not None
    assert [(p.path, p.code) for p in check_text(parsed.manifest)] == [(("body",), "A015")]
