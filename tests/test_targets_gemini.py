"""targets/gemini: Gemini CLI subagents."""

from __future__ import annotations

from assembler.targetconfig import TargetConfig
from assembler.targets.common import DROPPED, Use
from assembler.targets.gemini import GEMINI, KNOWN
from tests.target_cases import manifest, markdown, render, sealed, stamp_intact


def test_tools_in_gemini_names() -> None:
    agent = manifest(
        'tools = ["Read", "Grep", "Edit", "MultiEdit", "Agent", "mcp__gh__issue", "mcp__db"]\n'
        "max_turns = 15\n"
        'model = "inherit"'
    )
    found = markdown(render(GEMINI, agent))
    assert found.frontmatter == {
        "name": "reviewer",
        "description": "Reviews patches and reports.",
        "kind": "local",
        "tools": ["read_file", "read_many_files", "grep_search", "replace", "mcp_gh_issue", "mcp_db_*"],
        "model": "inherit",
        "max_turns": 15,
    }


def test_denied_tools_leave_the_list() -> None:
    tools = markdown(render(GEMINI, manifest('disallowed_tools = ["Bash", "Edit"]'))).frontmatter["tools"]
    assert "run_shell_command" not in tools and "replace" not in tools and "write_file" in tools
    assert "tools" not in markdown(render(GEMINI, manifest())).frontmatter


def test_own_fields_and_checks() -> None:
    table = (
        "[targets.gemini]\n"
        'model = "gemini-3-flash-preview"\n'
        'tools = ["read_file", "mcp_gh_*"]\n'
        "temperature = 0.2\n"
        "timeout_mins = 5\n"
    )
    found = markdown(render(GEMINI, manifest('model = "sonnet"', table, body=True))).frontmatter
    assert (found["model"], found["tools"], found["temperature"], found["timeout_mins"]) == (
        "gemini-3-flash-preview",
        ["read_file", "mcp_gh_*"],
        0.2,
        5,
    )
    bad = manifest(tables='[targets.gemini]\ntools = ["read_fiel"]\ntimeout_mins = 0\n', body=True).manifest
    assert [(p.path[-1], p.code, p.hint) for p in GEMINI.check(bad)] == [
        (0, "A131", "did you mean `read_file`? allowed: " + ", ".join((*KNOWN, "*"))),
        ("timeout_mins", "A132", "use a value 1 or more"),
    ]


def test_losses_follow_the_coverage() -> None:
    plain = TargetConfig()
    assert GEMINI.loss(Use("max_turns"), plain) is None
    assert GEMINI.loss(Use("effort", "low"), plain).status == DROPPED  # type: ignore[union-attr]
    assert GEMINI.loss(Use("tools", "Agent"), plain).status == DROPPED  # type: ignore[union-attr]
    assert GEMINI.loss(Use("tools", "mcp__x__y"), plain) is None
    assert GEMINI.loss(Use("tools", "Read"), plain) is None


def test_stamp() -> None:
    rel, text = sealed(GEMINI, manifest())
    assert stamp_intact(rel, text)
