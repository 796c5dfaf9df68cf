from __future__ import annotations

from assembler.claudecode.reader import read_agent
from assembler.importer.convert import Converted, convert


def converted(text: str) -> Converted:
    agent, problems = read_agent(text, "a.md")
    assert agent is not None and problems == [], problems
    return convert(agent, "a.md")


def test_each_key_goes_to_the_field_of_the_same_meaning() -> None:
    found = converted(
        "---\nname: a\ndescription: d\ntools: Read, Agent(x, y)\ndisallowedTools: [Write]\nmodel: opus\n"
        "maxTurns: 5\neffort: high\ncolor: blue\nhooks: {Stop: []}\nexpertise: senior\n---\nBody\n"
    )
    assert found.data == {
        "name": "a",
        "description": "d",
        "tools": ["Read", "Agent(x, y)"],
        "disallowed_tools": ["Write"],
        "model": "opus",
        "max_turns": 5,
        "effort": "high",
        "body": "Body\n",
        "targets": {"claude": {"color": "blue", "hooks": {"Stop": []}, "extra": {"expertise": "senior"}}},
    }
    assert [(d.code, d.line, d.severity.value) for d in found.diagnostics] == [("A124", 11, "warning")]
    assert found.frontmatter_key(("disallowed_tools", 0)) == "disallowedTools"
    assert found.frontmatter_key(("targets", "claude", "extra", "expertise")) == "expertise"
    assert found.frontmatter_key(("targets", "claude", "color")) == "color"
    assert found.frontmatter_key(("body",)) == "" and found.frontmatter_key(()) is None


def test_tools_without_a_value_are_no_tools() -> None:
    assert converted("---\nname: a\ndescription: d\ntools:\n---\n").data["tools"] == []
    assert converted("---\nname: a\ndescription: d\ntools: ''\n---\n").data["tools"] == []


def test_a_body_gets_lf_line_ends_and_a_final_newline_and_keeps_every_other_byte() -> None:
    found = converted("---\r\nname: a\r\ndescription: d\r\n---\r\n\r\nLine  \r\n\tTabbed\r\n\r\nLast")
    assert found.data["body"] == "\nLine  \n\tTabbed\n\nLast\n"
    assert converted("---\nname: a\ndescription: d\n---\n").data["body"] == ""


def test_values_toml_cannot_hold_are_left_out_with_a_warning() -> None:
    found = converted("---\nname: a\ndescription: d\nmodel:\nodd: {1: x}\nlist: [a, null]\n---\n")
    assert "model" not in found.data and "targets" not in found.data
    assert [(d.code, d.line, d.message) for d in found.diagnostics] == [
        ("A125", 4, "`model` cannot be kept: it has no value, and TOML has no empty value"),
        ("A125", 5, "`odd` cannot be kept: its key 1 is not text, and TOML keys are"),
        ("A125", 6, "`list` cannot be kept: it has no value, and TOML has no empty value"),
    ]


def test_whole_numbers_past_64_bits_are_left_out_with_a_warning() -> None:
    text = "---\nname: a\ndescription: d\nbig: 9223372036854775808\nfits: 9223372036854775807\n"
    found = converted(text + "deep: [1, -9223372036854775809]\n---\n")
    assert found.data["targets"] == {"claude": {"extra": {"fits": 2**63 - 1}}}
    reason = "cannot be kept: it is a whole number outside TOML's 64-bit range"
    assert [(d.code, d.line, d.message) for d in found.diagnostics if d.code == "A125"] == [
        ("A125", 4, f"`big` {reason}"),
        ("A125", 6, f"`deep` {reason}"),
    ]


def test_tools_of_the_wrong_type() -> None:
    found = converted("---\nname: a\ndescription: d\ntools: 5\n---\n")
    assert "tools" not in found.data
    assert [(d.code, d.message) for d in found.diagnostics] == [
        ("A004", "`tools` should be a comma-separated string or a list of tool names, not an integer")
    ]


def test_a_likely_misspelling_is_named() -> None:
    found = converted("---\nname: a\ndescription: d\ncolour: red\n---\n")
    assert found.diagnostics[0].hint == (
        "did you mean `color`? If so, rename it in the source; otherwise nothing needs doing"
    )
