"""Claude Code's vocabulary: the figures of 2.1.332, and lists that do not contradict each other."""

from __future__ import annotations

from assembler import vocab as catalog_vocab
from assembler.claudecode import vocab


def test_the_tool_list_is_claude_code_2_1_332s() -> None:
    assert len(vocab.TOOLS) == 54 == len(set(vocab.TOOLS))
    for name in (
        "TaskCreate",
        "TaskGet",
        "TaskList",
        "TaskUpdate",
        "SendMessage",
        "Skill",
        "AskUserQuestion",
    ):
        assert name in vocab.TOOLS


def test_aliases_lead_to_current_tools_and_retired_names_are_neither() -> None:
    assert set(vocab.ALIASES.values()) <= set(vocab.TOOLS)
    assert not set(vocab.ALIASES) & set(vocab.TOOLS)
    assert not set(vocab.RETIRED) & (set(vocab.TOOLS) | set(vocab.ALIASES))
    assert all(not instead or instead in vocab.TOOLS for instead in vocab.RETIRED.values())


def test_the_catalog_knows_current_names_and_aliases() -> None:
    assert set(catalog_vocab.TOOLS) == set(vocab.TOOLS) | set(vocab.ALIASES)
    assert "MultiEdit" not in catalog_vocab.TOOLS
    assert catalog_vocab.MODELS == vocab.MODEL_ALIASES


def test_field_keys_do_not_overlap() -> None:
    assert not set(vocab.TOP_LEVEL_KEYS.values()) & set(vocab.CLAUDE_KEYS)
    assert len(vocab.HOOK_EVENTS) == len(set(vocab.HOOK_EVENTS)) == 34
