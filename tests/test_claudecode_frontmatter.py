from __future__ import annotations

import datetime

from assembler.claudecode.frontmatter import frontmatter_of, plain
from assembler.manifest import Manifest, parse_manifest
from assembler.tomlparse import parse_toml


def agent(text: str) -> Manifest:
    parsed = parse_manifest(parse_toml('name = "a"\ndescription = "d"\nbody = "b"\n' + text))
    assert parsed.problems == [] and parsed.manifest is not None, parsed.problems
    return parsed.manifest


def test_no_tools_key_means_no_tools_line_and_an_empty_list_no_tools() -> None:
    assert list(frontmatter_of(agent(""))) == ["name", "description"]
    assert frontmatter_of(agent("tools = []"))["tools"] == ""
    assert frontmatter_of(agent('tools = ["Read", "Agent(a, b)"]'))["tools"] == "Read, Agent(a, b)"


def test_keys_in_a_fixed_order() -> None:
    m = agent(
        'provider = "anthropic"\neffort = "high"\nmax_turns = 3\nmodel = "opus"\n'
        'disallowed_tools = ["Write"]\ntools = ["Read", "Grep"]\n'
        '[targets.claude]\ncolor = "red"\npermissionMode = "plan"\nskills = ["pdf"]\n'
        "[targets.claude.extra]\nzeta = 1\nalpha = [2024-01-02, 07:30:00]\n"
    )
    assert list(frontmatter_of(m).items()) == [
        ("name", "a"),
        ("description", "d"),
        ("tools", "Read, Grep"),
        ("disallowedTools", "Write"),
        ("model", "opus"),
        ("maxTurns", 3),
        ("effort", "high"),
        ("permissionMode", "plan"),
        ("skills", ["pdf"]),
        ("color", "red"),
        ("provider", "anthropic"),
        ("zeta", 1),
        ("alpha", [datetime.date(2024, 1, 2), "07:30:00"]),
    ]


def test_a_description_gets_lf_line_ends() -> None:
    parsed = parse_manifest({"name": "a", "description": "one\r\ntwo\rthree", "body": ""})
    assert parsed.manifest is not None
    assert frontmatter_of(parsed.manifest)["description"] == "one\ntwo\nthree"


def test_plain_turns_toml_data_into_yaml_data() -> None:
    assert plain({"a": (1, {"b": datetime.time(1, 2)})}) == {"a": [1, {"b": "01:02:00"}]}
