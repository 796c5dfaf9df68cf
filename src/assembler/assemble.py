"""Gather what one valid manifest composes: its blocks in order, its substrate role, its tool module."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assembler.diagnostics import Diagnostic, Problem
from assembler.manifest import Manifest
from assembler.markdown import unclosed_fence
from assembler.roles import Role
from assembler.sources import Escape, Sources, Text


@dataclass(frozen=True, slots=True)
class ToolPlan:
    kind: str
    spec: Any


@dataclass(frozen=True, slots=True)
class Agent:
    manifest: Manifest
    source: Text  # the manifest file
    blocks: tuple[tuple[str, Text], ...]
    role: Role | None
    tool: ToolPlan | None
    scope: str


def resolve_blocks(
    m: Manifest, sources: Sources
) -> tuple[list[tuple[str, Text]], list[Problem], list[Diagnostic]]:
    """The blocks' texts; problems in the manifest (by key path) and diagnostics inside block files."""
    found: list[tuple[str, Text]] = []
    problems: list[Problem] = []
    inner: list[Diagnostic] = []
    for i, name in enumerate(m.blocks):
        try:
            text = sources.block(name)
        except Escape:
            problems.append(
                Problem(
                    ("blocks", i),
                    "A013",
                    f"block name `{name}` leads outside {sources.config.blocks_dir}/",
                    "name a block by its file stem, without folders",
                )
            )
            continue
        if text is None:
            problems.append(
                Problem(
                    ("blocks", i),
                    "A020",
                    f"block `{name}` not found",
                    f"create {sources.config.blocks_dir}/{name}.md or fix the name",
                )
            )
            continue
        line = unclosed_fence(text.text)
        if line is not None:
            inner.append(
                Diagnostic(
                    "A023",
                    "code fence is never closed: it swallows every section after it",
                    text.rel,
                    line,
                    1,
                    "close the fence with a line of the same backticks",
                )
            )
        found.append((name, text))
    return found, problems, inner


def check_role_prose(m: Manifest) -> list[Problem]:
    line = unclosed_fence(m.role)
    if line is None:
        return []
    return [
        Problem(
            ("role",),
            "A023",
            f"code fence opened on line {line} of `role` is never closed",
            "close the fence with a line of the same backticks",
        )
    ]
