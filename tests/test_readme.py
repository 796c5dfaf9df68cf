"""The README documents the interface: keep it equal to the code."""

from __future__ import annotations

import re

import pytest

from assembler import readme
from assembler.codes.registry import registry
from tests.conftest import REPO, valid_or_problems

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_generated_regions_are_current() -> None:
    assert readme.update(README) == README, "README.md is out of date: run `make readme`"


def test_every_diagnostic_code_is_in_the_table_with_its_title() -> None:
    table = dict(re.findall(r"^\| ([ADF]\d{3}) \| \w+ \| (.+?) \|$", README, flags=re.MULTILINE))
    assert table == {code.id: code.title for code in registry().values()}


def test_a_missing_region_is_an_error() -> None:
    with pytest.raises(ValueError, match="no region `codes`"):
        readme.update("no regions here")


def test_template_context_is_documented() -> None:
    from assembler.targets import claude

    assert claude.CLAUDE.templates == ("claude_agent.md.j2", "claude_body.md.j2")
    section = README.split("### Template context", 1)[1].split("## Configuration", 1)[0]
    documented = set(re.findall(r"`([a-z_]+)`", section.split("| Variable |", 1)[1].split("\n\n", 1)[0]))
    from assembler.assemble import Agent
    from assembler.context import agent_context
    from assembler.manifest import parse_manifest
    from assembler.sources import Text
    from assembler.tomlparse import parse_toml

    text = (REPO / "_manifests/validator.toml").read_text()
    m, _ = valid_or_problems(parse_manifest(parse_toml(text)))
    assert m is not None
    agent = Agent(m, Text("_manifests/validator.toml", text), (), None, None, "00000000")
    keys = set(agent_context(agent, generated_comment="x"))
    assert keys <= documented
