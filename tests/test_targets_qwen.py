"""targets/qwen: Qwen Code subagents, with a deny list of their own."""

from __future__ import annotations

from assembler.targetconfig import TargetConfig
from assembler.targets.common import DROPPED, Use
from assembler.targets.qwen import QWEN
from tests.target_cases import manifest, markdown, render, sealed, stamp_intact


def test_tools_and_deny_list() -> None:
    agent = manifest(
        'tools = ["Read", "Bash", "Agent", "mcp__gh__issue"]\n'
        'disallowed_tools = ["Bash(rm *)", "WebFetch"]\n'
        "max_turns = 9"
    )
    found = markdown(render(QWEN, agent, TargetConfig(models={"sonnet": "qwen3-coder"}))).frontmatter
    assert found == {
        "name": "reviewer",
        "description": "Reviews patches and reports.",
        "tools": ["read_file", "run_shell_command", "agent", "mcp__gh__issue"],
        "disallowedTools": ["web_fetch"],
        "maxTurns": 9,
    }


def test_own_fields_and_checks() -> None:
    table = (
        "[targets.qwen]\n"
        'model = "openai:gpt-4o"\n'
        'tools = ["read_file", "mcp__gh"]\n'
        'approvalMode = "plan"\n'
        'color = "cyan"\n'
    )
    found = markdown(render(QWEN, manifest("", table, body=True))).frontmatter
    assert (found["model"], found["tools"], found["approvalMode"], found["color"]) == (
        "openai:gpt-4o",
        ["read_file", "mcp__gh"],
        "plan",
        "cyan",
    )
    bad = manifest(tables='[targets.qwen]\napprovalMode = "auto"\ncolor = "grey"\n', body=True).manifest
    assert [(p.path[-1], p.code) for p in QWEN.check(bad)] == [("approvalMode", "A131"), ("color", "A131")]


def test_losses_follow_the_coverage() -> None:
    plain = TargetConfig()
    assert QWEN.loss(Use("disallowed_tools", "Read"), plain) is None  # a deny list of its own
    assert QWEN.loss(Use("disallowed_tools", "Bash(rm *)"), plain).status == DROPPED  # type: ignore[union-attr]
    assert QWEN.loss(Use("effort", "high"), plain).status == DROPPED  # type: ignore[union-attr]
    assert QWEN.loss(Use("tools", "NotebookEdit"), plain).status == DROPPED  # type: ignore[union-attr]


def test_stamp() -> None:
    rel, text = sealed(QWEN, manifest())
    assert stamp_intact(rel, text)
