from __future__ import annotations

import pytest

from assembler.config import PLACEHOLDER_PATTERN
from assembler.placeholders import Token, find_tokens


def texts(text: str, pattern: str = PLACEHOLDER_PATTERN) -> list[str]:
    return [t.text for t in find_tokens(text, pattern)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hello {{NAME}} and {{ PROJECT_ROOT }}", ["{{NAME}}", "{{ PROJECT_ROOT }}"]),
        ("A Vue binding {{ message }} and {{ user.name }}", []),
        ("A workflow ${{ MATRIX }} and ${{ matrix.python-version }}", []),
        ("Inline `{{NAME}}` is code", []),
        ("Double ``code with ` and {{NAME}}`` here", []),
        ("Escaped \\`{{NAME}}\\` is prose", ["{{NAME}}"]),
        ("Unclosed ` backtick {{NAME}}", ["{{NAME}}"]),
        ("```\n{{NAME}}\n```\nafter {{OTHER}}", ["{{OTHER}}"]),
        ("~~~yaml\nx: {{NAME}}\n~~~\n", []),
        ("> ```\n> {{NAME}}\n> ```\n", []),
        ("- item\n\n  ```\n  {{NAME}}\n  ```\n", []),
        ("```\nnever closed {{NAME}}\n", []),
        ("span `across\nlines {{NAME}}` is code", []),
    ],
)
def test_tokens_outside_code(text: str, found: list[str]) -> None:
    assert texts(text) == found


def test_each_token_knows_its_place_and_occurrence() -> None:
    text = "`{{A}}` then {{A}} and {{B}} and {{A}}"
    assert find_tokens(text, PLACEHOLDER_PATTERN) == [
        Token(13, "{{A}}", 1),
        Token(23, "{{B}}", 0),
        Token(33, "{{A}}", 2),
    ]


def test_the_pattern_can_be_widened_or_switched_off() -> None:
    assert texts("{{ message }}", r"\{\{.*?\}\}") == ["{{ message }}"]
    assert texts("{{NAME}}", "") == []
