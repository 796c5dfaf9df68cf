"""The manifest model: one agent, as written in `_manifests/<name>.toml`.

The models are plain frozen dataclasses, so a run whose manifests are already known to be valid can build
them without importing pydantic (`from_trusted`). Everything else goes through `parse_manifest`, which
validates with pydantic (types, missing and unknown keys) and reports each problem by its key path.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from assembler.diagnostics import KeyPath, Problem

if TYPE_CHECKING:
    from pydantic import TypeAdapter

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
def _adapter() -> TypeAdapter[Manifest]:
    from pydantic import TypeAdapter

    return TypeAdapter(Manifest)


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


def _data_path(data: Mapping[str, Any], loc: tuple[Any, ...]) -> KeyPath:
    """Keep the part of a pydantic location that names real keys or indexes of the input."""
    path: list[str | int] = []
    node: Any = data
    for part in loc:
        if isinstance(node, Mapping) and isinstance(part, str) and part in node:
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        else:
            break
    return tuple(path)


def dotted_path(path: KeyPath) -> str:
    """`handoff[0].target` style, as a reader of the TOML file thinks of it."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _describe(value: Any) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        list: "an array",
    }
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.datetime):
        return "a date-time"
    if isinstance(value, datetime.date):
        return "a date"
    return names.get(type(value), type(value).__name__)


def _problem(data: Mapping[str, Any], error: Mapping[str, Any]) -> Problem:
    path = _data_path(data, tuple(error["loc"]))
    kind = error["type"]
    dotted = dotted_path(path) or "(manifest)"
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        key = str(path[-1])
        close = difflib.get_close_matches(key, _fields_at(path[:-1]), n=1)
        hint = f"did you mean `{close[0]}`?" if close else "remove it, or check the manifest format in README"
        if path[0] == "handoff" and key in _fields_at(()):
            hint = (
                f"`{key}` is a top-level key, but in TOML every key after a [[handoff]] header belongs "
                "to that handoff table: move it above the first [[handoff]]"
            )
        return Problem(path, "A002", f"unknown key `{dotted}`", hint)
    if kind == "missing":
        missing = str(error["loc"][-1])
        where = dotted_path((*path, missing))
        return Problem(path, "A003", f"missing required key `{where}`", f"add `{missing} = ...`")
    value: Any = data
    for part in path:
        value = value[part]
    expected = str(error["msg"]).removeprefix("Input should be ").rstrip(".")
    expected = expected.replace("a valid tuple", "an array").replace("a valid dictionary", "a table")
    expected = expected.replace("a valid ", "a ")
    return Problem(
        path,
        "A004",
        f"`{dotted}` should be {expected}, not {_describe(value)}",
        "see the manifest format in README for the type of each key",
    )


def parse_manifest(data: Mapping[str, Any]) -> tuple[Manifest | None, list[Problem]]:
    """Validate parsed TOML against the model: the manifest, or the problems (never both)."""
    from pydantic import ValidationError

    try:
        return _adapter().validate_python(data), []
    except ValidationError as err:
        problems: dict[tuple[KeyPath, str], Problem] = {}
        for error in err.errors():
            problem = _problem(data, error)
            problems.setdefault((problem.path, problem.code), problem)
        return None, list(problems.values())


def from_trusted(data: Mapping[str, Any]) -> Manifest:
    """Build the model from data this tool version has already validated, without pydantic."""
    values = dict(data)
    values["handoff"] = tuple(Handoff(**h) for h in values.get("handoff", ()))
    values["references"] = References(extra=tuple(values.get("references", {}).get("extra", ())))
    values["taxonomy"] = Taxonomy(**values["taxonomy"])
    lineage = dict(values["lineage"])
    lineage["parents"] = tuple(lineage.get("parents", ()))
    values["lineage"] = Lineage(**lineage)
    for key in ("tools", "blocks", "domain_in", "forbidden_domain", "output_extra_fields"):
        if key in values:
            values[key] = tuple(values[key])
    return Manifest(**values)
