"""targets/factory: Factory droids."""

from __future__ import annotations

from assembler.targetconfig import TargetConfig
from assembler.targets.common import APPROXIMATED, DROPPED, Use
from assembler.targets.factory import FACTORY
from tests.target_cases import manifest, markdown, render, sealed, stamp_intact


def test_tools_effort_and_model() -> None:
    agent = manifest(
        'tools = ["Read", "Write", "Bash", "WebFetch", "TodoWrite", "Agent"]\n'
        'model = "sonnet"\n'
        'effort = "xhigh"'
    )
    found = markdown(render(FACTORY, agent, TargetConfig(models={"sonnet": "claude-sonnet-4-5-20250929"})))
    assert found.frontmatter == {
        "name": "reviewer",
        "description": "Reviews patches and reports.",
        "model": "claude-sonnet-4-5-20250929",
        "reasoningEffort": "high",
        "tools": ["Read", "Create", "Execute", "FetchUrl"],
    }
    assert found.body.strip()  # Factory refuses an empty body


def test_own_fields_and_checks() -> None:
    table = '[targets.factory]\ntools = "read-only"\nreasoningEffort = "low"\nmodel = "inherit"\n'
    found = markdown(render(FACTORY, manifest('tools = ["Edit"]', table, body=True))).frontmatter
    assert (found["tools"], found["reasoningEffort"], found["model"]) == ("read-only", "low", "inherit")
    bad = manifest(
        tables=('[targets.factory]\ntools = ["Read", "Bash"]\nreasoningEffort = "max"\n'), body=True
    ).manifest
    assert [(p.path[-1], p.code) for p in FACTORY.check(bad)] == [("reasoningEffort", "A131"), (1, "A131")]
    category = manifest(tables='[targets.factory]\ntools = "readonly"\n', body=True).manifest
    assert next(p.hint for p in FACTORY.check(category)).startswith("did you mean `read-only`?")  # type: ignore[union-attr]


def test_losses_follow_the_coverage() -> None:
    plain = TargetConfig()
    assert FACTORY.loss(Use("effort", "high"), plain) is None
    assert FACTORY.loss(Use("effort", "max"), plain).status == APPROXIMATED  # type: ignore[union-attr]
    assert FACTORY.loss(Use("effort", "7"), plain).status == DROPPED  # type: ignore[union-attr]
    assert FACTORY.loss(Use("max_turns"), plain).status == DROPPED  # type: ignore[union-attr]
    assert FACTORY.loss(Use("tools", "Write"), plain).status == APPROXIMATED  # type: ignore[union-attr]
    assert FACTORY.loss(Use("tools", "mcp__a"), plain).status == DROPPED  # type: ignore[union-attr]
    assert FACTORY.loss(Use("model", "inherit"), plain) is None


def test_stamp() -> None:
    rel, text = sealed(FACTORY, manifest())
    assert stamp_intact(rel, text)
