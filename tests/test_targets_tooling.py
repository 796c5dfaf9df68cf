"""targets/tooling: the canonical tool list read as facts every target maps."""

from __future__ import annotations

from assembler.targets.tooling import Entry, delegates_to, entry, toolset


def test_entries() -> None:
    assert entry("Read") == Entry("Read", "Read")
    assert entry("Task") == Entry("Task", "Agent")
    assert entry("Bash(git diff *)") == Entry("Bash(git diff *)", "Bash", specifier="git diff *")
    assert entry("mcp__gh") == Entry("mcp__gh", "mcp__gh", server="gh")
    assert entry("mcp__gh__*") == Entry("mcp__gh__*", "mcp__gh__*", server="gh")
    assert entry("mcp__gh__get_issue") == Entry(
        "mcp__gh__get_issue", "mcp__gh__get_issue", server="gh", mcp_tool="get_issue"
    )


def test_what_an_agent_can_do() -> None:
    every = toolset(None, None)
    assert every.everything and every.has("Write") and every.can_edit and not every.read_only
    reader = toolset(["Read", "Grep", "WebFetch"], None)
    assert reader.read_only and not reader.has("Bash") and reader.uses("Read") is None
    runner = toolset(["Read", "Bash(git diff *)", "Bash(pytest *)"], ["Bash(rm *)"])
    assert runner.can_run and not runner.read_only
    assert runner.uses("Bash") == ["git diff *", "pytest *"] and runner.denied_uses("Bash") == ["rm *"]
    denied = toolset(None, ["Write", "Edit", "MultiEdit", "NotebookEdit", "Bash", "PowerShell"])
    assert denied.read_only and denied.has("Read") and not denied.has("Edit")
    assert [e.text for e in toolset(["Read", "Bash", "mcp__a"], ["Bash"]).listed()] == ["Read", "mcp__a"]
    assert toolset(["*"], None).everything


def test_whom_an_agent_may_start() -> None:
    assert delegates_to(toolset(["Read"], None), ["a"]) == []
    assert delegates_to(toolset(None, ["Agent"]), ["a"]) == []
    assert delegates_to(toolset(["Agent(x, y)", "Task(z)"], None), ["a"]) == ["x", "y", "z"]
    assert delegates_to(toolset(["Agent"], None), ["a", "b", "a"]) == ["a", "b"]
    assert delegates_to(toolset(None, None), []) is None
