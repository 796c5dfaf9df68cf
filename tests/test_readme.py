"""The README documents the interface: keep it equal to the code."""

from __future__ import annotations

import re

from assembler.diagnostics import CODES
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_diagnostic_code_is_documented_with_its_summary() -> None:
    table = dict(re.findall(r"^\| ([AD]\d{3}) \| (.+?) \|$", README, flags=re.MULTILINE))
    assert table == CODES


def test_template_context_is_documented() -> None:
    from assembler.targets import claude

    assert claude.TEMPLATES == ("claude_agent.md.j2",)
    section = README.split("### Template context", 1)[1].split("## Configuration", 1)[0]
    documented = set(re.findall(r"`([a-z_]+)`", section.split("| Variable |", 1)[1].split("\n\n", 1)[0]))
    from assembler.assemble import Agent
    from assembler.context import agent_context
    from assembler.manifest import parse_manifest
    from assembler.sources import Text
    from assembler.tomlparse import parse_toml

    text = (REPO / "_manifests/validator.toml").read_text()
    m, _ = parse_manifest(parse_toml(text))
    assert m is not None
    agent = Agent(m, Text("_manifests/validator.toml", text), (), None, None, "00000000")
    keys = set(agent_context(agent, generated_comment="x"))
    assert keys <= documented
