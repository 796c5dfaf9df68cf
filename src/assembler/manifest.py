"""The manifest model: one agent, as written in `_manifests/<name>.toml`.

The models are plain frozen dataclasses; `parse_manifest` validates parsed TOML into them with pydantic
(types, missing and unknown keys) and reports each problem by its key path. The validator is built by
pydantic-core from the core schema that pydantic derives from these dataclasses, shipped ready-made in
`manifest_core.json` for the pydantic-core it was derived with (see `coreschema.py`: deriving it at every
start cost 0.15 s); under another pydantic-core, pydantic derives it at run time. It is built only when a
manifest needs validating: a run whose outputs are all current never loads it.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Any, ClassVar

from assembler.codes import general
from assembler.diagnostics import LIMIT, KeyPath, Problem, under
from assembler.manifest_targets import (
    TARGET_FIELDS,
    CodexFields,
    CopilotFields,
    CursorFields,
    FactoryFields,
    GeminiFields,
    KiloFields,
    KiroFields,
    OpenCodeFields,
    QwenFields,
)
from assembler.repair import repair
from assembler.schema_errors import Wording, first_per_place, translate_all

_FORBID: Any = {"extra": "forbid"}


@dataclass(frozen=True, slots=True)
class Handoff:
    __pydantic_config__: ClassVar[Any] = _FORBID
    target: str
    trigger: str
    expects_artifact: str | None = None
    produces_artifact: str | None = None


@dataclass(frozen=True, slots=True)
class References:
    __pydantic_config__: ClassVar[Any] = _FORBID
    extra: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Taxonomy:
    __pydantic_config__: ClassVar[Any] = _FORBID
    kingdom: str
    mechanism: str
    domain: str
    layer: str
    stage: str
    stability: str
    language: str


@dataclass(frozen=True, slots=True)
class Lineage:
    __pydantic_config__: ClassVar[Any] = _FORBID
    creator: str
    created: str | datetime.date
    parents: tuple[str, ...] = ()
    fork_from: str | None = None
    successor: str | None = None


@dataclass(frozen=True, slots=True)
class ClaudeFields:
    """`[targets.claude]`: the frontmatter fields only Claude Code has, under Claude Code's own names."""

    __pydantic_config__: ClassVar[Any] = _FORBID
    permissionMode: str | None = None
    skills: tuple[str, ...] | None = None
    mcpServers: tuple[str | dict[str, Any], ...] | None = None
    hooks: dict[str, Any] | None = None
    memory: str | None = None
    background: bool | None = None
    isolation: str | None = None
    color: str | None = None
    initialPrompt: str | None = None
    autoCompactWindow: int | None = None
    omitClaudeMd: bool | None = None
    observer: str | None = None
    observerMessage: str | None = None
    observeSubagents: bool | None = None
    observeToolResults: bool | None = None
    experimental: dict[str, Any] | None = None
    # Keys Claude Code does not read, passed into the frontmatter as they are (kept by `assembler import`).
    extra: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Targets:
    """`[targets.NAME]`: what a manifest says to one output target only."""

    __pydantic_config__: ClassVar[Any] = _FORBID
    claude: ClaudeFields = field(default_factory=ClaudeFields)
    # The other targets' tables (manifest_targets), in the registry's order.
    copilot: CopilotFields = field(default_factory=CopilotFields)
    codex: CodexFields = field(default_factory=CodexFields)
    opencode: OpenCodeFields = field(default_factory=OpenCodeFields)
    cursor: CursorFields = field(default_factory=CursorFields)
    kiro: KiroFields = field(default_factory=KiroFields)
    gemini: GeminiFields = field(default_factory=GeminiFields)
    qwen: QwenFields = field(default_factory=QwenFields)
    factory: FactoryFields = field(default_factory=FactoryFields)
    kilo: KiloFields = field(default_factory=KiloFields)


@dataclass(frozen=True, slots=True)
class Manifest:
    __pydantic_config__: ClassVar[Any] = _FORBID
    name: str
    description: str
    tools: tuple[str, ...] | None = None  # None: the key is absent, and the agent gets every tool
    disallowed_tools: tuple[str, ...] | None = None
    model: str | None = None
    max_turns: int | None = None
    effort: str | int | None = None
    # The agent's text: `role` and the sections composed around it, or `body`, exactly as written.
    role: str | None = None
    body: str | None = None
    blocks: tuple[str, ...] = ()
    domain_in: tuple[str, ...] = ()
    forbidden_domain: tuple[str, ...] = ()
    taxonomy: Taxonomy | None = None
    lineage: Lineage | None = None
    output_extra_fields: tuple[str, ...] = ()
    handoff: tuple[Handoff, ...] = ()
    references: References = field(default_factory=References)
    substrate_role: str | None = None
    tool_module: dict[str, Any] | None = None
    targets: Targets = field(default_factory=Targets)
    # Accepted so that catalogs written for the tool we replace build without edits.
    memory_project: str | bool | None = None
    project_claudemd: str | bool | None = None
    produces_artifact: str | None = None
    provider: str | None = None


# The keys that compose an agent around `role`; a manifest with `body` has none of them.
COMPOSED_KEYS = (
    "role",
    "blocks",
    "domain_in",
    "forbidden_domain",
    "output_extra_fields",
    "handoff",
    "references",
    "substrate_role",
    "tool_module",
)


LEGACY_KEYS = ("memory_project", "project_claudemd", "produces_artifact", "provider")


def classes() -> dict[str, type]:
    """The model's classes by name, as its stored core schema refers to them (see `coreschema`)."""
    models = (
        Manifest,
        Handoff,
        References,
        Taxonomy,
        Lineage,
        ClaudeFields,
        Targets,
        *TARGET_FIELDS.values(),
    )
    return {c.__qualname__: c for c in models}


@lru_cache(maxsize=1)
def _validator() -> Callable[[Any], Any]:
    """pydantic's validation of `Manifest`, from its stored core schema (see `coreschema`)."""
    from assembler import coreschema

    return coreschema.validator(Manifest, classes())


@lru_cache(maxsize=64)
def _fields_at(path: KeyPath) -> tuple[str, ...]:
    """The field names of the model found at `path` (for "did you mean")."""
    model: Any = Manifest
    for part in path:
        if isinstance(part, int):
            continue
        nested = _NESTED.get((model, part)) if isinstance(part, str) else None
        if nested is None:
            return ()
        model = nested
    return tuple(f.name for f in fields(model))


_NESTED: dict[tuple[Any, str], Any] = {
    (Manifest, "handoff"): Handoff,
    (Manifest, "references"): References,
    (Manifest, "taxonomy"): Taxonomy,
    (Manifest, "lineage"): Lineage,
    (Manifest, "targets"): Targets,
    (Targets, "claude"): ClaudeFields,
    **{(Targets, name): fields_of for name, fields_of in TARGET_FIELDS.items()},
}


_WORDING = Wording(
    unknown=general.UNKNOWN_KEY,
    missing=general.MISSING_KEY,
    wrong_type=general.WRONG_TYPE,
    unknown_hint="remove it, or check the manifest format in README",
    missing_hint="add `{key} = ...`",
    type_hint="see the manifest format in README for the type of each key",
)


def _scoped(problem: Problem) -> Problem:
    """An unknown key in a handoff table that is a top-level key: say how TOML put it there."""
    key = problem.path[-1] if problem.path else None
    if problem.code == general.UNKNOWN_KEY.id and problem.path[0] == "handoff" and key in _fields_at(()):
        hint = (
            f"`{key}` is a top-level key, but in TOML every key after a [[handoff]] header belongs "
            "to that handoff table: move it above the first [[handoff]]"
        )
        return replace(problem, hint=hint)
    return problem


@dataclass(frozen=True, slots=True)
class Parsed:
    """The outcome of validating a manifest's data against the model.

    `manifest` is built even when there are problems: from the data with each faulty value replaced by a
    blank of its type, so that every other check can still run in the same round. Problems those checks
    find under a `damaged` key path only echo the repair and are not reported."""

    manifest: Manifest | None
    problems: list[Problem]
    damaged: frozenset[KeyPath] = frozenset()
    omitted: int = 0  # problems found beyond those listed

    def reportable(self, found: list[Problem]) -> list[Problem]:
        """`found` without the problems that lie under a repaired key path."""
        if not self.damaged:
            return found
        return [p for p in found if not under(p.path, self.damaged)]


def parse_manifest(data: Mapping[str, Any]) -> Parsed:
    """Validate parsed TOML against the model: every problem at once, and a manifest to check further."""
    from pydantic_core import ValidationError

    problems: list[Problem] = []
    damaged: set[KeyPath] = set()
    current: Any = data
    for attempt in range(_REPAIRS):
        try:
            manifest: Manifest = _validator()(current)
            return Parsed(manifest, first_per_place(problems, general.MISSING_KEY), frozenset(damaged))
        except ValidationError as err:
            errors = err.errors()
        if attempt == 0:
            problems = [_scoped(p) for p in translate_all(data, errors[:LIMIT], _WORDING, _fields_at)]
            if len(errors) > LIMIT:  # not a manifest a person is fixing: list the first ones, count the rest
                return Parsed(None, problems, omitted=len(errors) - LIMIT)
        current = copy.deepcopy(current) if attempt == 0 else current
        for error in errors:
            damaged.add(repair(current, tuple(error["loc"]), error["type"], Manifest))
    return Parsed(None, first_per_place(problems, general.MISSING_KEY), frozenset(damaged))


_REPAIRS = 6  # nested tables that are missing or of the wrong type need a round per level
