"""outputs: the files a manifest owns and what they are made from, read from its raw data."""

from __future__ import annotations

from assembler.config import Config
from assembler.outputs import expected_paths, template_names, tool_sources
from assembler.targets import selected

CLAUDE = selected(Config())
MODAL = {"tool_module": {"kind": "modal", "name": "runner"}}


def test_paths_with_the_key_that_names_each() -> None:
    out = Config(generated_dir="out")
    assert expected_paths("fixer", {}, Config(), CLAUDE) == [("_generated/fixer.md", ("name",))]
    assert expected_paths("fixer", MODAL, out, selected(out)) == [
        ("out/fixer.md", ("name",)),
        ("out/runner.py", ("tool_module", "name")),
    ]


def test_a_tool_module_name_that_is_no_identifier_owns_no_file() -> None:
    for name in ("not valid", 3, None):
        assert (
            len(expected_paths("a", {"tool_module": {"kind": "modal", "name": name}}, Config(), CLAUDE)) == 1
        )
    assert len(expected_paths("a", {"tool_module": "not a table"}, Config(), CLAUDE)) == 1


def test_templates_and_tool_sources_follow_the_kind() -> None:
    plain = template_names({})
    assert "claude_agent.md.j2" in plain
    assert set(template_names(MODAL)) > set(plain)
    assert template_names({"tool_module": {"kind": "nothing"}}) == plain
    [(label, digest)] = tool_sources(MODAL)
    assert label == "tool-source:modal" and len(digest) >= 8
    assert tool_sources({}) == [] and tool_sources({"tool_module": {"kind": "nothing"}}) == []
