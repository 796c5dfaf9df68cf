"""Which files a manifest owns and which templates they come from, read from its raw data.

Light on purpose: a run whose outputs are all current needs nothing else from rendering.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assembler.config import Config
from assembler.diagnostics import KeyPath
from assembler.targets import Selected
from assembler.targets.claude import CLAUDE


def _tool_table(data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    table = data.get("tool_module")
    return table if isinstance(table, Mapping) else None


def template_names(data: Mapping[str, Any]) -> list[str]:
    """The templates in every output's fingerprint: Claude Code's and the tool module's (each other target
    adds its own, see `trust.target_scopes`)."""
    names = list(CLAUDE.templates)
    table = _tool_table(data)
    if table is not None and isinstance(table.get("kind"), str):
        from assembler.toolkinds import get_kind

        kind = get_kind(table["kind"])
        if kind is not None:
            names += list(kind.templates)
    return names


def tool_sources(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The digest of the code a tool module kind splices into its program (part of the fingerprint)."""
    table = _tool_table(data)
    if table is None or not isinstance(table.get("kind"), str):
        return []
    from assembler.toolkinds import get_kind

    kind = get_kind(table["kind"])
    return [] if kind is None else [(f"tool-source:{kind.kind}", kind.source_digest())]


def expected_paths(
    stem: str, data: Mapping[str, Any], config: Config, chosen: tuple[Selected, ...]
) -> list[tuple[str, KeyPath]]:
    """The files the build writes for a manifest, read from its raw data, each with the key that names it:
    one per chosen target (in `chosen`'s order), then its tool module."""
    paths: list[tuple[str, KeyPath]] = [(one.path(stem), ("name",)) for one in chosen]
    table = _tool_table(data)
    if table is not None and isinstance(table.get("name"), str) and table["name"].isidentifier():
        paths.append((f"{config.generated_dir}/{table['name']}.py", ("tool_module", "name")))
    return paths
