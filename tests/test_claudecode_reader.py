"""The reader agrees with Claude Code: on the corpus of 1,013 public agent files it accepted and refused
exactly the files Claude Code's validator does (measured while building it; see README)."""

from __future__ import annotations

import pytest

from assembler.claudecode.reader import fallback, read_agent


def codes(text: str) -> list[tuple[str, int | None, int | None]]:
    agent, problems = read_agent(text, "a.md")
    assert agent is None
    return [(d.code, d.line, d.column) for d in problems]


def test_frontmatter_body_and_places() -> None:
    text = "\ufeff---\nname: a\ndescription: |\n  two\n  lines\ntools:\n  - Read\n  - Grep\n---\n\nBody  \n"
    agent, problems = read_agent(text, "a.md")
    assert problems == [] and agent is not None
    assert agent.data == {"name": "a", "description": "two\nlines\n", "tools": ["Read", "Grep"]}
    assert agent.body == "\nBody  \n" and agent.body_line == 10
    assert agent.lines == {"name": 2, "description": 3, "tools": 6}
    assert agent.line_of("tools", 1) == 8 and agent.line_of("tools") == 6 and agent.line_of("model") == 1


def test_claude_codes_second_reading_is_a_warning_at_each_line() -> None:
    text = "---\nname: a\ndescription: Use it: when @someone asks\ncolor: blue\n---\nBody"
    agent, problems = read_agent(text, "a.md")
    assert problems == [] and agent is not None
    assert agent.data["description"] == "Use it: when @someone asks"
    assert [(w.code, w.line) for w in agent.warnings] == [("A121", 3)]


def test_the_second_reading_leaves_quoted_values_and_flow_lists() -> None:
    text, changed = fallback('a: "x: y"\nb: [c, d]\nc: x: y\n\tindented: z')
    assert text == 'a: "x: y"\nb: [c, d]\nc: "x: y"\n  indented: z'
    assert changed == [(2, "c")]


def test_crlf_lines_are_not_read_a_second_time_as_in_claude_code() -> None:
    assert codes("---\r\nname: a\r\ndescription: Use it: when\r\n---\r\nBody\r\n") == [("A120", 3, 20)]


def test_no_frontmatter_is_skipped_with_a_warning() -> None:
    agent, problems = read_agent("# Just a README\n", "README.md")
    assert agent is None
    assert [(d.code, d.severity.value, d.message) for d in problems] == [
        ("A122", "warning", "README.md has no YAML frontmatter: not an agent file, skipped")
    ]
    assert codes("---\nname: a\n") == [("A122", 1, 1)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("---\nname: a\ndescription: a---b\n---\nBody", ("A123", 3, 15)),
        ("---\nname: a\ndescription: |\n  x\n  ---\n---\nBody", ("A123", 5, 3)),
        ("---\nname: a\n----\nBody", ("A123", 3, 1)),
        ("---\nname: a\ndescription: x --- y", ("A123", 3, 16)),
    ],
)
def test_a_separator_inside_the_frontmatter_is_an_error(text: str, place: tuple[str, int, int]) -> None:
    assert codes(text) == [place]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("---\nname: a\n  bad: indent\n---\n", ("A120", 3, 6)),
        ("---\n- a\n- b\n---\n", ("A120", 2, 1)),
        ("---\n---\nBody\n", ("A120", 2, 1)),
        ("---\nname: a\nname: b\n---\n", ("A127", 3, 1)),
    ],
)
def test_frontmatter_that_is_not_a_mapping_of_unique_keys(text: str, place: tuple[str, int, int]) -> None:
    assert codes(text) == [place]
