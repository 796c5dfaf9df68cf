"""targets/cursor: Cursor subagents."""

from __future__ import annotations

from assembler.targetconfig import TargetConfig
from assembler.targets.common import APPROXIMATED, DROPPED, Use
from assembler.targets.cursor import CURSOR
from tests.target_cases import manifest, markdown, render, sealed, stamp_intact


def test_read_only_agents_are_readonly() -> None:
    found = markdown(render(CURSOR, manifest('tools = ["Read", "Grep", "WebFetch"]\nmodel = "inherit"')))
    assert found.frontmatter == {
        "name": "reviewer",
        "description": "Reviews patches and reports.",
        "model": "inherit",
        "readonly": True,
    }
    assert "# HANDOFFS" in found.body


def test_an_agent_that_runs_commands_is_not_readonly() -> None:
    for tools in ('tools = ["Read", "Bash(git diff *)"]', 'tools = ["Edit"]', ""):
        assert "readonly" not in markdown(render(CURSOR, manifest(tools))).frontmatter


def test_models_map_and_own_fields_win() -> None:
    mapped = markdown(
        render(CURSOR, manifest('model = "sonnet"'), TargetConfig(models={"sonnet": "claude-4.5-sonnet"}))
    )
    assert mapped.frontmatter["model"] == "claude-4.5-sonnet"
    table = '[targets.cursor]\nmodel = "fast"\nreadonly = false\nis_background = true\n'
    own = markdown(render(CURSOR, manifest('tools = ["Read"]', table, body=True))).frontmatter
    assert (own["model"], own["readonly"], own["is_background"]) == ("fast", False, True)


def test_losses_follow_the_coverage() -> None:
    plain = TargetConfig()
    assert CURSOR.loss(Use("model", "inherit"), plain) is None
    assert CURSOR.loss(Use("model", "opus"), plain).status == DROPPED  # type: ignore[union-attr]
    assert CURSOR.loss(Use("tools", "Read"), plain).status == APPROXIMATED  # type: ignore[union-attr]
    assert CURSOR.loss(Use("tools", "*"), plain) is None
    assert CURSOR.loss(Use("max_turns"), plain).status == DROPPED  # type: ignore[union-attr]
    assert (
        CURSOR.check(manifest(tables=('[targets.cursor]\nmodel = "a\\tb"'), body=True).manifest)[0].code
        == "A132"
    )


def test_stamp() -> None:
    rel, text = sealed(CURSOR, manifest(body=True))
    assert stamp_intact(rel, text)
