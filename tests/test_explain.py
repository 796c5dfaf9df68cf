"""The documentation page of a diagnostic code, from the registry."""

from __future__ import annotations

import pytest

from assembler.codes import Code
from assembler.codes.registry import registry
from assembler.diagnostics import Severity
from assembler.explain import UnknownCode, effect, explain_data, explain_text, find_code, shown


def test_the_page_of_a002_word_for_word() -> None:
    assert explain_text(registry()["A002"]) == (
        "A002: unknown key\n"
        "(error, invalid input: exit 1, nothing is written)\n"
        "\n"
        "The key is not part of the format, so its value would be ignored. The hint names the closest known\n"
        "key. In TOML, every key written after a `[table]` or `[[array]]` header belongs to that table: a\n"
        "top-level key placed at the end of the file lands in the last table, and the hint says so.\n"
        "\n"
        "Message: unknown <what> `<key>`\n"
        "Hint: <suggestion>\n"
    )


def test_every_code_has_a_page_holding_its_documentation() -> None:
    for code in registry().values():
        page = explain_text(code)
        assert page.startswith(f"{code.id}: {code.title}\n")
        assert " ".join(page.split()).count(" ".join(code.doc.split())) == 1
        assert all(len(line) <= 100 for line in page.splitlines())


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("A032", "warning: the run still exits 0, or 1 under --strict"),
        ("D001", "error, drift: exit 3"),
        ("F002", "error, the file system refused: exit 4"),
        ("A001", "error, invalid input: exit 1, nothing is written"),
    ],
)
def test_the_effect_on_the_exit_status(code: str, words: str) -> None:
    assert effect(registry()[code]) == words


def test_fields_are_shown_as_placeholders() -> None:
    assert shown("tool `{tool}` of {role}") == "tool `<tool>` of <role>"
    assert shown("no fields") == "no fields"


def test_lookup_forgives_case_and_spaces() -> None:
    assert find_code(" d004 ") is registry()["D004"]


@pytest.mark.parametrize(
    ("asked", "suggestion"),
    [("A2", "did you mean `A002`?"), ("f01", "did you mean `F001`?"), ("A0022", "did you mean `A022`?")],
)
def test_an_unknown_code_comes_with_the_closest(asked: str, suggestion: str) -> None:
    with pytest.raises(UnknownCode) as raised:
        find_code(asked)
    assert raised.value.code == asked and raised.value.suggestion == suggestion


def test_nothing_close_means_no_suggestion() -> None:
    with pytest.raises(UnknownCode) as raised:
        find_code("zz9")
    assert raised.value.suggestion is None


def test_the_data_carries_the_templates_as_declared() -> None:
    code = Code("A997", "a title", "`{key}` is wrong", "fix it", "Long enough text.", Severity.WARNING)
    assert explain_data(code) == {
        "code": "A997",
        "title": "a title",
        "severity": "warning",
        "kind": "input",
        "effect": "warning: the run still exits 0, or 1 under --strict",
        "doc": "Long enough text.",
        "message": "`{key}` is wrong",
        "hint": "fix it",
    }
