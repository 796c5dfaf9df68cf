"""targets/opencode: OpenCode agents and their permission rules."""

from __future__ import annotations

from assembler.targetconfig import TargetConfig
from assembler.targets.common import APPROXIMATED, DROPPED, Use
from assembler.targets.opencode import OPENCODE, pattern, permissions
from assembler.targets.tooling import toolset
from tests.target_cases import manifest, markdown, render, sealed, stamp_intact


def test_a_composed_agent() -> None:
    agent = manifest(
        'tools = ["Read", "Grep", "Bash(git diff:*)", "Agent"]\n'
        'model = "sonnet"\n'
        "max_turns = 12\n"
        'effort = "high"'
    )
    found = markdown(render(OPENCODE, agent, TargetConfig(models={"sonnet": "anthropic/claude-sonnet-4-5"})))
    assert found.frontmatter == {
        "description": "Reviews patches and reports.",
        "mode": "subagent",
        "model": "anthropic/claude-sonnet-4-5",
        "steps": 12,
        "permission": {
            "*": "deny",
            "read": "allow",
            "grep": "allow",
            "bash": {"*": "deny", "git diff *": "allow"},
            "task": {"*": "deny", "fixer": "allow", "tester": "allow"},
        },
    }
    assert next(iter(found.frontmatter["permission"])) == "*"  # the catch-all first: the last match wins
    assert "# HANDOFFS\n\n- `fixer`: the patch needs changes" in found.body


def test_permissions() -> None:
    assert permissions(toolset(None, None), None) == {}
    assert permissions(toolset(None, ["Write", "Bash(rm *)"]), None) == {
        "edit": "deny",
        "bash": {"*": "allow", "rm *": "deny"},
    }
    assert permissions(toolset([], None), None) == {"*": "deny"}
    assert permissions(
        toolset(["Edit(src/**)", "WebFetch(domain:example.com)", "mcp__gh__issue", "mcp__db"], None), None
    ) == {
        "*": "deny",
        "edit": {"*": "deny", "src/**": "allow"},
        "webfetch": {"*": "deny", "https://example.com/*": "allow"},
        "gh_issue": "allow",
        "db_*": "allow",
    }
    assert permissions(toolset(["Read", "Agent(helper)"], ["mcp__gh"]), ["helper"]) == {
        "*": "deny",
        "read": "allow",
        "task": {"*": "deny", "helper": "allow"},
        "gh_*": "deny",
    }
    # every tool, but the handoff targets as the allowed subagents
    assert permissions(toolset(None, None), ["a"]) == {"task": {"*": "deny", "a": "allow"}}
    assert pattern("Bash", "npm run test *") == "npm run test *"


def test_read_only_denies_edits_and_commands() -> None:
    rules = markdown(render(OPENCODE, manifest('tools = ["Read"]'))).frontmatter["permission"]
    assert rules == {"*": "deny", "read": "allow"}  # edit and bash fall under "*": deny


def test_own_fields() -> None:
    table = (
        "[targets.opencode]\n"
        'model = "openai/gpt-5"\n'
        'mode = "all"\n'
        "temperature = 0.2\n"
        "top_p = 0.9\n"
        "steps = 40\n"
        "hidden = true\n"
        'color = "#3366CC"\n'
    )
    found = markdown(render(OPENCODE, manifest("max_turns = 3", table, body=True)))
    assert found.frontmatter == {
        "description": "Reviews patches and reports.",
        "mode": "all",
        "model": "openai/gpt-5",
        "temperature": 0.2,
        "top_p": 0.9,
        "steps": 40,
        "hidden": True,
        "color": "#3366CC",
    }
    assert found.body.endswith("-->\nYou review patches.\n")


def test_own_values_are_checked() -> None:
    table = '[targets.opencode]\nmode = "sub"\ntemperature = 3.0\ntop_p = -1\nsteps = 0\n'
    problems = [(p.path[-1], p.code) for p in OPENCODE.check(manifest(tables=table, body=True).manifest)]
    assert problems == [("mode", "A131"), ("temperature", "A132"), ("top_p", "A132"), ("steps", "A132")]


def test_losses_follow_the_coverage() -> None:
    plain = TargetConfig()
    assert OPENCODE.loss(Use("max_turns"), plain) is None
    assert OPENCODE.loss(Use("effort", "high"), plain).status == DROPPED  # type: ignore[union-attr]
    assert OPENCODE.loss(Use("tools", "Bash(git *)"), plain) is None
    assert OPENCODE.loss(Use("tools", "Edit(src/**)"), plain).status == APPROXIMATED  # type: ignore[union-attr]
    assert OPENCODE.loss(Use("tools", "SendMessage"), plain).status == DROPPED  # type: ignore[union-attr]
    assert OPENCODE.loss(Use("tools", "mcp__x"), plain).status == APPROXIMATED  # type: ignore[union-attr]
    assert OPENCODE.loss(Use("tools", "TodoWrite"), plain).status == APPROXIMATED  # type: ignore[union-attr]
    assert OPENCODE.loss(Use("disallowed_tools", "Read"), plain) is None
    assert OPENCODE.loss(Use("disallowed_tools", "Write"), plain).status == APPROXIMATED  # type: ignore[union-attr]


def test_stamp() -> None:
    rel, text = sealed(OPENCODE, manifest())
    assert stamp_intact(rel, text)
