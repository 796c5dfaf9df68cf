"""The manifest model: one agent, as written in `_manifests/<name>.toml`.

The models are plain frozen dataclasses; `parse_manifest` validates parsed TOML into them with pydantic
(types, missing and unknown keys) and reports each problem by its key path. The validator is built by
pydantic-core from the core schema that pydantic derives from these dataclasses, shipped ready-made in
`manifest_core.json` for the pydantic-core it was derived with (see `coreschema.py`: deriving it at every
start cost 0.15 s); under another pydantic-core, pydantic derives it at run time. It is built only when a
manifest needs validating: a run whose outputs are all current never loads it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, cast

from assembler.diagnostics import KeyPath, Problem
from assembler.schema_errors import Wording, translate

if TYPE_CHECKING:
    from pydantic_core import CoreSchema

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
class Manifest:
    __pydantic_config__: ClassVar[Any] = _FORBID
    name: str
    description: str
    tools: tuple[str, ...]
    model: str
    role: str
    blocks: tuple[str, ...]
    domain_in: tuple[str, ...]
    forbidden_domain: tuple[str, ...]
    taxonomy: Taxonomy
    lineage: Lineage
    output_extra_fields: tuple[str, ...] = ()
    handoff: tuple[Handoff, ...] = ()
    references: References = field(default_factory=References)
    substrate_role: str | None = None
    tool_module: dict[str, Any] | None = None
    # Accepted so that catalogs written for the tool we replace build without edits.
    memory_project: str | bool | None = None
    project_claudemd: str | bool | None = None
    produces_artifact: str | None = None
    provider: str | None = None


LEGACY_KEYS = ("memory_project", "project_claudemd", "produces_artifact", "provider")


@lru_cache(maxsize=1)
def _validator() -> Callable[[Any], Any]:
    """pydantic's validation of `Manifest`: from the shipped schema when it was derived with the installed
    pydantic-core, else from the schema pydantic derives now (0.15 s slower, the same checks)."""
    import pydantic_core

    from assembler import coreschema

    version, schema = coreschema.load()
    if version == pydantic_core.__version__:
        return pydantic_core.SchemaValidator(cast("CoreSchema", schema)).validate_python
    from pydantic import TypeAdapter

    return TypeAdapter(Manifest).validate_python


def _fields_at(path: KeyPath) -> list[str]:
    """The field names of the model found at `path` (for "did you mean")."""
    model: Any = Manifest
    for part in path:
        if isinstance(part, int):
            continue
        hints = {f.name: f for f in fields(model)}
        nested = {
            "handoff": Handoff,
            "references": References,
            "taxonomy": Taxonomy,
            "lineage": Lineage,
        }
        if part in hints and part in nested and model is Manifest:
            model = nested[part]
        else:
            return []
    return [f.name for f in fields(model)]


_WORDING = Wording(
    unknown="A002",
    missing="A003",
    wrong_type="A004",
    unknown_hint="remove it, or check the manifest format in README",
    missing_hint="add `{key} = ...`",
    type_hint="see the manifest format in README for the type of each key",
)


def _problem(data: Mapping[str, Any], error: Mapping[str, Any]) -> Problem:
    problem = translate(data, error, _WORDING, _fields_at)
    key = problem.path[-1] if problem.path else None
    if problem.code == "A002" and problem.path[0] == "handoff" and key in _fields_at(()):
        hint = (
            f"`{key}` is a top-level key, but in TOML every key after a [[handoff]] header belongs "
            "to that handoff table: move it above the first [[handoff]]"
        )
        return Problem(problem.path, problem.code, problem.message, hint)
    return problem


def parse_manifest(data: Mapping[str, Any]) -> tuple[Manifest | None, list[Problem]]:
    """Validate parsed TOML against the model: the manifest, or the problems (never both)."""
    from pydantic_core import ValidationError

    try:
        manifest: Manifest = _validator()(data)
        return manifest, []
    except ValidationError as err:
        problems: dict[tuple[KeyPath, str], Problem] = {}
        for error in err.errors():
            problem = _problem(data, error)
            problems.setdefault((problem.path, problem.code), problem)
        return None, list(problems.values())
