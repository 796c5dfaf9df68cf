"""Helpers for the tests of the output targets: an agent from manifest text, rendered by one target, and the
file read back (YAML frontmatter, TOML, JSON) the way a target's own parser would."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from typing import Any

import yaml

from assembler.assemble import Agent
from assembler.config import Config
from assembler.manifest import parse_manifest
from assembler.sources import Text
from assembler.stamp import locator, read_stamp, seal
from assembler.targetconfig import TargetConfig
from assembler.targets import Target
from assembler.targets.common import Rendering, Shared
from assembler.templating import get_env
from assembler.tomlparse import parse_toml
from tests.conftest import valid_or_problems

COMPOSED = '''\
name = "{name}"
description = "Reviews patches and reports."
{extra}
role = """
You review patches.
"""
domain_in = ["Reviewing patches"]
forbidden_domain = ["Merging without tests"]

[[handoff]]
target = "fixer"
trigger = "the patch needs changes"
produces_artifact = "review"

[[handoff]]
target = "tester"
trigger = "the tests need a run"
{tables}
'''

BODY = '''\
name = "{name}"
description = "Reviews patches and reports."
{extra}
body = """
You review patches.
"""
{tables}
'''


def agent_of(text: str, rel: str = "_manifests/x.toml") -> Agent:
    m, problems = valid_or_problems(parse_manifest(parse_toml(text)))
    assert m is not None, problems
    return Agent(m, Text(rel, text), (), None, None, "00000000")


def manifest(extra: str = "", tables: str = "", *, body: bool = False, name: str = "reviewer") -> Agent:
    """A manifest with top-level keys `extra` and TOML tables `tables` (written at its end)."""
    return agent_of((BODY if body else COMPOSED).format(name=name, extra=extra, tables=tables))


def render(
    target: Target, agent: Agent, settings: TargetConfig | None = None, config: Config | None = None
) -> str:
    shared = Shared(agent, config or Config(), get_env(None))
    return target.render(agent, Rendering(shared, settings or TargetConfig()))


def sealed(target: Target, agent: Agent, settings: TargetConfig | None = None) -> tuple[str, str]:
    """The file's path and its text with its stamp, as a build writes it."""
    rel = f"out/{agent.manifest.name}{target.suffix}"
    locate = locator(rel)
    assert locate is not None
    return rel, seal(render(target, agent, settings), target.kind, target.name, "1234abcd", locate)


@dataclass
class Markdown:
    frontmatter: dict[str, Any]
    body: str


def markdown(text: str) -> Markdown:
    """Frontmatter (read by PyYAML) and the body after the closing `---` line."""
    assert text.startswith("---\n")
    end = text.index("\n---\n", 3)
    data = yaml.safe_load(text[4 : end + 1])
    assert isinstance(data, dict)
    return Markdown(data, text[end + 5 :])


def toml(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


def json_of(text: str) -> dict[str, Any]:
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


def stamp_intact(rel: str, text: str) -> bool:
    locate = locator(rel)
    assert locate is not None
    found = read_stamp(text, locate)
    return found is not None and found[1] and found[0].scope == "1234abcd"
