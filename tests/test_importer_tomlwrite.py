from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assembler.importer.tomlwrite import manifest_text
from assembler.tomlparse import parse_toml


def test_a_manifest_a_person_could_have_written() -> None:
    data = {
        "name": "a",
        "description": "one line: yes",
        "tools": ["Read", "Grep"],
        "body": "\nFirst line.  \nSecond.\n",
        "targets": {"claude": {"color": "red", "extra": {"level": 3}}},
    }
    assert manifest_text(data, "agents/a.md") == (
        "# Imported by `assembler import` from agents/a.md.\n"
        "# This manifest is the agent's source now: edit it, then run `assembler build`.\n"
        'name = "a"\n'
        'description = "one line: yes"\n'
        'tools = ["Read", "Grep"]\n'
        "body = '''\n"
        "\n"
        "First line.  \n"
        "Second.\n"
        "'''\n"
        "\n"
        "[targets.claude]\n"
        'color = "red"\n'
        "\n"
        "[targets.claude.extra]\n"
        "level = 3\n"
    )


def test_long_lists_take_a_line_per_item() -> None:
    text = manifest_text({"name": "a", "tools": [f"mcp__server__tool_{i}" for i in range(8)]}, "a.md")
    assert 'tools = [\n    "mcp__server__tool_0",\n' in text


@pytest.mark.parametrize(
    "value",
    [
        "'''",
        '"""',
        "a\\b",
        "\x1b esc\n",
        "lone\rcr\n",
        "\ttab\n",
        "ends with '",
        'ends with "',
        "\n\nx",
        "é🚀\n",
    ],
)
def test_text_that_needs_escapes_round_trips(value: str) -> None:
    data = {"name": "a", "description": value, "body": value}
    assert parse_toml(manifest_text(data, "a.md")) == data


# What TOML holds: the importer refuses other whole numbers (A125) before writing.
INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text(), st.dictionaries(st.text(min_size=1), st.text() | INT64 | st.booleans()))
def test_any_text_round_trips(description: str, body: str, extra: dict[str, object]) -> None:
    data: dict[str, object] = {"name": "a", "description": description, "body": body}
    if extra:
        data["targets"] = {"claude": {"extra": extra}}
    assert parse_toml(manifest_text(data, "a.md")) == data
