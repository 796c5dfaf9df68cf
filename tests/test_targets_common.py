"""targets/common: what every target shares: models, the prompt, Markdown files, tool lists in a target's
own names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assembler.config import Config
from assembler.frontmatter import to_yaml
from assembler.targetconfig import TargetConfig
from assembler.targets.common import (
    APPROXIMATED,
    DROPPED,
    Loss,
    Shared,
    Use,
    frontmatter_text,
    model_for,
    model_loss,
    named_loss,
    named_tools,
)
from assembler.targets.tooling import toolset
from assembler.templating import get_env
from tests.target_cases import manifest

NAMES = {"Read": ("read",), "Edit": ("edit",), "MultiEdit": ("edit",), "Bash": ("shell",)}


def test_models() -> None:
    settings = TargetConfig(models={"sonnet": "s-4"})
    assert model_for("sonnet", None, settings) == "s-4"
    assert model_for("sonnet", "own", settings) == "own"
    assert model_for("opus", None, settings) is None
    assert model_for("inherit", None, settings, {"inherit": "inherit"}) == "inherit"
    assert model_for(None, None, settings) is None
    assert model_loss(Use("model", "sonnet"), "t", settings) is None
    assert model_loss(Use("model", "opus", frozenset({"t.model"})), "t", settings) is None
    assert model_loss(Use("model", "opus"), "t", settings) == Loss(
        DROPPED, "no [targets.t.models] entry names it; the target's own default model runs"
    )


def test_the_prompt_is_rendered_once_per_variant() -> None:
    shared = Shared(manifest(), Config(), get_env(None))
    full = shared.prompt()
    assert full.startswith("\n# ROLE\n\nYou review patches.\n") and full.endswith("- Merging without tests\n")
    assert "# HANDOFFS" in full and "Claude Code subagent type" not in full
    assert shared.prompt() is full
    body = Shared(manifest(body=True), Config(), get_env(None))
    assert body.prompt() == "You review patches.\n"


def test_named_tools() -> None:
    assert named_tools(toolset(None, None), NAMES) is None
    assert named_tools(toolset(["Bash", "Read", "mcp__x"], None), NAMES, lambda e: e.text) == [
        "read",
        "shell",
        "mcp__x",
    ]
    assert named_tools(toolset(None, ["Edit"]), NAMES) == ["read", "shell"]  # MultiEdit goes with Edit
    assert named_tools(toolset(["Read", "Agent"], None), NAMES) == ["read"]


def test_named_losses() -> None:
    assert named_loss(Use("tools", "Read"), "T", NAMES, mcp=False) is None
    assert named_loss(Use("tools", "*"), "T", NAMES, mcp=False) is None
    assert named_loss(Use("tools", "Agent"), "T", NAMES, mcp=False) == Loss(DROPPED, "T has no such tool")
    assert named_loss(Use("tools", "mcp__a"), "T", NAMES, mcp=True) is None
    assert named_loss(Use("tools", "mcp__a"), "T", NAMES, mcp=False).status == DROPPED  # type: ignore[union-attr]
    assert named_loss(Use("tools", "Bash(ls)"), "T", NAMES, mcp=False).status == APPROXIMATED  # type: ignore[union-attr]
    assert named_loss(Use("disallowed_tools", "Bash(ls)"), "T", NAMES, mcp=False).status == DROPPED  # type: ignore[union-attr]
    assert named_loss(Use("disallowed_tools", "Bash"), "T", NAMES, mcp=False).status == APPROXIMATED  # type: ignore[union-attr]
    assert named_loss(Use("disallowed_tools", "Bash"), "T", NAMES, mcp=False, deny_list=True) is None
    assert named_loss(Use("tools", "Edit"), "T", NAMES, mcp=False, near={"Edit": "as x"}) == Loss(
        APPROXIMATED, "as x"
    )


FRONT_VALUES = st.recursive(
    st.one_of(st.text(max_size=12), st.integers(-5, 5), st.booleans(), st.floats(allow_nan=False, width=32)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(min_size=1, max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(
    data=st.dictionaries(
        st.sampled_from(["name", "tools", "model", "permission", "x"]), FRONT_VALUES, max_size=5
    )
)
def test_frontmatter_by_entries_is_one_dump(data: dict[str, object]) -> None:
    """(Keys are never empty in a frontmatter here: PyYAML's two emitters write an empty key apart.)"""
    assert frontmatter_text(data) == to_yaml(data)


def test_an_entry_that_ends_the_document_makes_one_dump() -> None:
    data = {"description": "...\n\n", "model": "x"}
    assert frontmatter_text(data) == to_yaml(data) == "description: |+\n  ...\n\nmodel: x\n...\n"
