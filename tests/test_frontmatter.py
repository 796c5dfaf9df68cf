from __future__ import annotations

import pytest
import yaml

from assembler.frontmatter import frontmatter_data, to_yaml

HOSTILE = [
    "Reviews patches: reads the diff",
    "ends with a colon:",
    "has a # comment marker",
    "[starts like a list",
    "{starts like a map}",
    "---",
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
]


@pytest.mark.parametrize("value", HOSTILE)
def test_every_value_round_trips(value: str) -> None:
    data = {"name": "a", "description": value, "tools": "Read", "model": "sonnet"}
    assert yaml.safe_load(to_yaml(data)) == data


@pytest.mark.parametrize("value", [*HOSTILE, "emoji 🚀 outside the BMP"])
def test_same_text_with_or_without_libyaml(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = {"name": "a", "description": value}
    fast = to_yaml(data)
    monkeypatch.delattr(yaml, "CSafeDumper", raising=False)
    assert to_yaml(data) == fast


def test_emoji_is_written_as_is() -> None:
    assert to_yaml({"description": "ships 🚀"}) == "description: ships 🚀\n"


def test_frontmatter_keys_in_order_and_optional_keys_last() -> None:
    data = frontmatter_data(
        {
            "name": "a",
            "description": "d",
            "tools": ("Read", "Grep"),
            "model": "opus",
            "optional": {"provider": "anthropic", "memory_project": None, "project_claudemd": "CLAUDE.md"},
        }
    )
    assert list(data.items()) == [
        ("name", "a"),
        ("description", "d"),
        ("tools", "Read, Grep"),
        ("model", "opus"),
        ("provider", "anthropic"),
        ("project_claudemd", "CLAUDE.md"),
    ]
