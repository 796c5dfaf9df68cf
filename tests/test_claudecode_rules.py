from __future__ import annotations

import pytest

from assembler.claudecode.rules import Malformed, Rule, agents_named, parse_rule, spawned, split_tools


@pytest.mark.parametrize(
    ("entry", "rule"),
    [
        ("Read", Rule("Read", None)),
        ("*", Rule("*", None)),
        ("Bash(git diff:*)", Rule("Bash", "git diff:*")),
        ("Bash(npm run test *)", Rule("Bash", "npm run test *")),
        ("Bash(echo \\(x\\))", Rule("Bash", "echo \\(x\\)")),
        ("Edit(src/**)", Rule("Edit", "src/**")),
        ("WebFetch(domain:*.example.com)", Rule("WebFetch", "domain:*.example.com")),
        ("WebSearch(claude code)", Rule("WebSearch", "claude code")),
        ("Agent(worker, researcher)", Rule("Agent", "worker, researcher")),
        ("Agent(*)", Rule("Agent", "*")),
        ("Task(code-reviewer)", Rule("Task", "code-reviewer")),
        ("Skill(pdf)", Rule("Skill", "pdf")),
        ("mcp__github", Rule("mcp__github", None, mcp=True)),
        ("mcp__github__create_issue", Rule("mcp__github__create_issue", None, mcp=True)),
        ("mcp__github__*", Rule("mcp__github__*", None, mcp=True)),
        ("mcp__github__get_*", Rule("mcp__github__get_*", None, mcp=True)),
        ("mcp__my-server__do_it", Rule("mcp__my-server__do_it", None, mcp=True)),
    ],
)
def test_accepted_forms(entry: str, rule: Rule) -> None:
    assert parse_rule(entry) == rule


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("Bash()", "the parentheses are empty"),
        ("Bash(  )", "the parentheses are empty"),
        ("Bash(git) extra", "the rule must end at its closing parenthesis"),
        ("Bash(echo (x)", "its parentheses are unbalanced"),
        ("Bash(:*)", "the prefix before `:*` is empty"),
        ("Read(src:*)", "the `:*` form is for Bash prefixes only"),
        ("WebFetch(https://example.com)", "WebFetch rules name a domain, not a URL"),
        ("WebFetch(example.com)", "a WebFetch rule starts with `domain:`"),
        ("WebSearch(claude*)", "WebSearch rules take no wildcards"),
        ("Agent(, )", "it names no agent"),
        ("mcp__github(x)", "MCP rules take no parentheses"),
        ("mcp__", "an MCP tool is `mcp__server`, `mcp__server__tool` or `mcp__server__*`"),
        ("mcp__a__*b", "an MCP tool is `mcp__server`, `mcp__server__tool` or `mcp__server__*`"),
        ("Read Grep", "a tool name is one word"),
        ("Two words(x)", "a tool name is one word"),
    ],
)
def test_malformed_forms(entry: str, problem: str) -> None:
    found = parse_rule(entry)
    assert isinstance(found, Malformed)
    assert found.problem == problem
    assert found.suggestion


def test_split_as_claude_code_splits() -> None:
    assert split_tools("Read, Grep Glob,Bash(git diff *), Agent(a, b)") == [
        "Read",
        "Grep",
        "Glob",
        "Bash(git diff *)",
        "Agent(a, b)",
    ]
    assert split_tools("") == [] and split_tools(" , ") == []


def test_agents_named_by_agent_and_task_rules() -> None:
    assert spawned("Agent(worker, researcher)") == ["worker", "researcher"]
    assert spawned("Task(code-reviewer)") == ["code-reviewer"]
    assert spawned("Agent(*)") == [] and spawned("Agent") == [] and spawned("Bash(x)") == []
    assert spawned("Agent(") == []
    assert agents_named(" a ,, b ,*") == ["a", "b"]
