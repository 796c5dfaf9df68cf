"""Gather what one valid manifest composes: its blocks in order, its substrate role, its tool module."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assembler.codes import content, general
from assembler.diagnostics import Diagnostic, Problem
from assembler.disk import FileProblem
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
            problems.append(name_problem(("blocks", i), "block", name, sources.config.blocks_dir))
            continue
        except FileProblem as problem:
            inner.append(problem.diagnostic)
            continue
        if text is None:
            problems.append(
                content.BLOCK_NOT_FOUND.at(("blocks", i), name=name, folder=sources.config.blocks_dir)
            )
            continue
        line = unclosed_fence(text.text)
        if line is not None:
            inner.append(content.UNCLOSED_FENCE.located(text.rel, line, 1, opened=line, what="the block"))
        found.append((name, text))
    return found, problems, inner


def check_role_prose(m: Manifest) -> list[Problem]:
    """A023 for a fence in `role` that swallows the sections after it (a body has none after it)."""
    if m.role is None:
        return []
    line = unclosed_fence(m.role)
    if line is None:
        return []
    return [content.UNCLOSED_FENCE.at(("role",), opened=line, what="`role`")]


def name_problem(
    path: tuple[str | int, ...], what: str, name: str, folder: str, label: str | None = None
) -> Problem:
    """A013 for a name that is no slug (it could leave its folder), A017 for one too long for a file."""
    from assembler.names import NAME_LIMIT, SLUG

    if SLUG.fullmatch(name):
        return general.NAME_TOO_LONG.at(
            path, what=what, name=name[:40] + "...", length=len(name), limit=NAME_LIMIT
        )
    return general.ESCAPES.at(
        path,
        what=label or f"{what} name",
        name=name,
        folder=f"{folder}/",
        suggestion=f"use the file stem of a {what} in {folder}/: a lowercase slug, without folders",
    )
