from __future__ import annotations

from dataclasses import replace

from assembler.claudecode.reader import read_agent
from assembler.codes import general
from assembler.importer.convert import convert
from assembler.importer.locate import at_source
from assembler.importer.sources import Source

TEXT = "---\nname: a\ndescription: d {{X}}\ntools:\n  - Read\n  - Grpe\n---\nIntro.\n\nSee {{X}} and {{Y}}.\n"


def test_problems_are_placed_at_the_source_key_item_or_token() -> None:
    agent, _ = read_agent(TEXT, "a.md")
    assert agent is not None
    converted = convert(agent, "a.md")
    token = general.PLACEHOLDER.at(("body",), key="body", token="{{Y}}")
    problems = [
        general.NOT_A_SLUG.at(("name",), name="a", example="a"),
        general.EMPTY.at(("tools", 1), key="tools[1]", suggestion="x"),
        replace(
            general.PLACEHOLDER.at(("description",), key="description", token="{{X}}"), within=("{{X}}", 0)
        ),
        replace(token, within=("{{Y}}", 0)),
        replace(token, within=("{{Z}}", 0)),  # not in the text: the body's first line
        general.MISSING_KEY.at((), key="lineage", suggestion="x"),
    ]
    placed = at_source(problems, converted, agent, Source("a.md", "a.md", TEXT))
    assert [(d.file, d.line, d.column) for d in placed] == [
        ("a.md", 2, 1),
        ("a.md", 6, 1),
        ("a.md", 3, 16),
        ("a.md", 10, 15),
        ("a.md", 8, 1),
        ("a.md", 1, 1),
    ]
