from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assembler.claudecode import yaml12
from assembler.frontmatter import to_yaml

HOSTILE = [
    "Reviews patches: reads the diff",
    "ends with a colon:",
    "has a # comment marker",
    "[starts like a list",
    "{starts like a map}",
    "---",
    "a---b",
    "-----",
    "...",
    "'single' and \"double\" quotes",
    "{{ jinja }} and {% tag %}",
    "- dash first",
    "? question first",
    "! tag first",
    "& anchor * alias",
    "| pipe > fold",
    "@ at ` backtick % percent",
    "yes",
    "No",
    "null",
    "~",
    "1.0",
    "0x1F",
    "2026-04-23",
    "  leading and trailing spaces  ",
    "back\\slash",
    "unicode: é → × — ü ß 漢字",
    "x" * 500,
    "",
    # read as numbers by YAML 1.2 (Claude Code's parser), not by YAML 1.1
    "1e3",
    "0o17",
    ".5",
    "+12",
    # several lines
    "Use this agent when:\n\n<example>\nuser: review it\n</example>",
    "line\n---\nline",
    "hard break  \nnext",
    "ends with a newline\n",
    "ends with two\n\n",
    "\nstarts with a newline",
    "  indented first line\nsecond",
    "tab\there",
    "crlf\r\nline",
    "line separator\u2028here",
    "next line\x85here",
]


def _both_ways(data: dict[str, object]) -> str:
    text = to_yaml(data)
    assert "---" not in text
    assert yaml.safe_load(text) == data  # YAML 1.1, PyYAML
    assert yaml12.load(text) == data  # YAML 1.2 core schema, as Claude Code reads it
    return text


@pytest.mark.parametrize("value", HOSTILE)
def test_every_value_round_trips(value: str) -> None:
    _both_ways({"name": "a", "description": value, "tools": "Read", "model": "sonnet"})


@pytest.mark.parametrize("value", HOSTILE)
def test_keys_and_nested_values_round_trip(value: str) -> None:
    _both_ways({"name": "a", "extra": {value: [value, {value: value}]}})


def test_text_of_several_lines_is_a_literal_block() -> None:
    text = to_yaml({"description": "Use it when:\n\n<example>\nreview\n</example>"})
    assert text == "description: |-\n  Use it when:\n\n  <example>\n  review\n  </example>\n"


def test_a_separator_inside_a_value_is_escaped() -> None:
    assert to_yaml({"description": "a --- b"}) == 'description: "a -\\x2D- b"\n'
    assert to_yaml({"description": "------"}) == 'description: "-\\x2D--\\x2D-"\n'


def test_numbers_of_yaml_1_2_are_quoted() -> None:
    assert to_yaml({"a": "1e3", "b": "0o17", "c": 5, "d": 1.5}) == "a: '1e3'\nb: '0o17'\nc: 5\nd: 1.5\n"


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(min_size=1))
def test_any_text_round_trips(value: str, key: str) -> None:
    _both_ways({"name": "a", "description": value, key: [value]})


@pytest.mark.parametrize("value", [*HOSTILE, "emoji 🚀 outside the BMP"])
def test_same_text_with_or_without_libyaml(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = {"name": "a", "description": value}
    fast = to_yaml(data)
    monkeypatch.delattr(yaml, "CSafeDumper", raising=False)
    assert to_yaml(data) == fast


def test_emoji_is_written_as_is() -> None:
    assert to_yaml({"description": "ships 🚀"}) == "description: ships 🚀\n"
