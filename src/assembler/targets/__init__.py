"""Output targets: the coding agents a catalog is written for (Claude Code, GitHub Copilot, Codex, ...).

Each target is a module holding one instance of `Target`; `TARGETS` is the registry, in the order outputs
are listed. A new target is a module, a template (or an emitter for a format with no room for one) and a
line in `TARGETS`; the manifest's `[targets.NAME]` table, when the target has fields of its own, is a
dataclass in `manifest_targets`.

The configuration's `[targets]` table chooses the targets (`selected`); without it, Claude Code alone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from assembler.config import Config
from assembler.targetconfig import TargetConfig
from assembler.targets.claude import CLAUDE
from assembler.targets.codex import CODEX
from assembler.targets.copilot import COPILOT
from assembler.targets.cursor import CURSOR
from assembler.targets.factory import FACTORY
from assembler.targets.gemini import GEMINI
from assembler.targets.kilo import KILO
from assembler.targets.kiro import KIRO
from assembler.targets.opencode import OPENCODE
from assembler.targets.qwen import QWEN

if TYPE_CHECKING:
    from assembler.assemble import Agent
    from assembler.diagnostics import Problem
    from assembler.manifest import Manifest
    from assembler.targets.common import Loss, Rendering, Use

# The canonical fields of a manifest, as the README's table of targets lists them.
FIELDS = (
    "description",
    "prompt",
    "tools",
    "disallowed_tools",
    "read-only",
    "model",
    "max_turns",
    "effort",
    "handoff",
)


class Target(Protocol):
    """One coding agent's format of agent definitions (after pre-commit's `Language` protocol)."""

    name: str  # in the configuration (`[targets.NAME]`), the stamp's caps, the default folder's name
    title: str  # the tool, for people
    kind: str  # the stamp's kind: `agent`
    suffix: str  # the file name's ending: `<name><suffix>`
    project_dir: str  # where the tool looks for a project's agents (a `dir` to write them there)
    follows: str  # the documentation the format follows, with its version or date
    templates: tuple[str, ...]  # the templates its files are rendered from (part of their fingerprint)
    coverage: Mapping[str, str]  # every field of FIELDS: how the target writes it (README's table)

    def default_dir(self, generated_dir: str) -> str:
        """The folder of its files when the configuration names none."""
        ...

    def check(self, manifest: Manifest) -> list[Problem]:
        """The values of the manifest's `[targets.NAME]` table, against the target's vocabulary."""
        ...

    def loss(self, use: Use, settings: TargetConfig) -> Loss | None:
        """How the target falls short of a value of a canonical field (None: it writes it as it is)."""
        ...

    def render(self, agent: Agent, job: Rendering) -> str:
        """The agent's file, with the PENDING stamp marker at its place (the caller seals it)."""
        ...


TARGETS: dict[str, Target] = {
    CLAUDE.name: CLAUDE,
    COPILOT.name: COPILOT,
    CODEX.name: CODEX,
    OPENCODE.name: OPENCODE,
    CURSOR.name: CURSOR,
    KIRO.name: KIRO,
    GEMINI.name: GEMINI,
    QWEN.name: QWEN,
    FACTORY.name: FACTORY,
    KILO.name: KILO,
}

DEFAULT = {CLAUDE.name: TargetConfig()}  # no [targets] table: Claude Code alone


@dataclass(frozen=True, slots=True)
class Selected:
    """A target the configuration chooses, where its files go and its settings."""

    target: Target
    folder: str  # relative to the root, or as configured
    settings: TargetConfig

    def path(self, name: str) -> str:
        return f"{self.folder}/{name}{self.target.suffix}"


def folder_of(target: Target, settings: TargetConfig, config: Config) -> str:
    return settings.dir if settings.dir is not None else target.default_dir(config.generated_dir)


def selected(config: Config) -> tuple[Selected, ...]:
    """The targets of the configuration, in the registry's order."""
    chosen = DEFAULT if config.targets is None else config.targets
    return tuple(
        Selected(target, folder_of(target, chosen[name], config), chosen[name])
        for name, target in TARGETS.items()
        if name in chosen
    )


def clashes(chosen: tuple[Selected, ...]) -> list[tuple[str, str, str]]:
    """Pairs of targets that would write the same files: (first, second, where)."""
    seen: dict[tuple[str, str], str] = {}
    found = []
    for one in chosen:
        key = (os.path.normpath(one.folder), one.target.suffix)
        if key in seen:
            found.append((seen[key], one.target.name, f"{one.folder}/<name>{one.target.suffix}"))
        seen.setdefault(key, one.target.name)
    return found


def check_target_tables(manifest: Manifest) -> list[Problem]:
    """The values of a manifest's `[targets.NAME]` tables, each by its target (chosen or not: the table is
    the manifest's, and a target chosen later must find it valid)."""
    return [problem for target in TARGETS.values() for problem in target.check(manifest)]


def scanned_folders(config: Config) -> list[str]:
    """Every folder where a target's files may stand, chosen or not: its default folder and the folder its
    tool reads in a project. `check` looks there for orphans, `build --prune` removes them: the stamped
    files of a target removed from the configuration."""
    folders = [t.default_dir(config.generated_dir) for t in TARGETS.values()]
    folders += [t.project_dir for t in TARGETS.values()]
    return list(dict.fromkeys(folders))
