"""targets/claude: Claude Code, as before targets existed; `[targets.claude.models]` may rename models."""

from __future__ import annotations

from assembler.targetconfig import TargetConfig
from assembler.targets.claude import CLAUDE
from assembler.targets.common import Use
from tests.target_cases import manifest, markdown, render, sealed, stamp_intact


def test_a_claude_agent() -> None:
    found = markdown(render(CLAUDE, manifest('tools = ["Read", "Agent(fixer)"]\nmodel = "sonnet"')))
    assert found.frontmatter == {
        "name": "reviewer",
        "description": "Reviews patches and reports.",
        "tools": "Read, Agent(fixer)",
        "model": "sonnet",
    }
    assert "# HANDOFFS" in found.body


def test_models_may_be_renamed_and_nothing_is_lost() -> None:
    agent = manifest('model = "sonnet"', body=True)
    renamed = markdown(render(CLAUDE, agent, TargetConfig(models={"sonnet": "claude-sonnet-4-5-20250929"})))
    assert renamed.frontmatter["model"] == "claude-sonnet-4-5-20250929"
    assert all(
        CLAUDE.loss(Use(f, "x"), TargetConfig()) is None for f in ("tools", "model", "max_turns", "effort")
    )
    assert CLAUDE.check(agent.manifest) == []


def test_stamp() -> None:
    rel, text = sealed(CLAUDE, manifest())
    assert stamp_intact(rel, text)
