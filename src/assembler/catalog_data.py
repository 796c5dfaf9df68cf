"""A catalog read as data, without validating it: every manifest's text and parsed table, the role files'
tables and the block names. This is what the commands that look at the catalog as a whole start from
(`list`, `graph`, `set`) and what shell completion reads. Reading goes through `disk` like every other read;
a file that cannot be read or parsed is a diagnostic and is left out, the others are read all the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assembler.config import Config, load_config
from assembler.diagnostics import Diagnostic, has_errors
from assembler.disk import FileProblem, Folder
from assembler.layout import Layout, layout
from assembler.names import is_name


@dataclass(frozen=True, slots=True)
class Entry:
    """One TOML file of the catalog: its stem, its path from the root, its text and its table."""

    stem: str
    rel: str
    text: str
    data: dict[str, Any]

    @property
    def name(self) -> str:
        """The `name` it declares (for a role, under `[role]`), else its file's stem."""
        table = self.data.get("role") if isinstance(self.data.get("role"), dict) else self.data
        name = table.get("name") if isinstance(table, dict) else None
        return name if isinstance(name, str) and name else self.stem

    def text_of(self, *path: str) -> str | None:
        """The string at a key path, or None when there is none (or it is not a string)."""
        value: Any = self.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value if isinstance(value, str) else None

    def strings(self, key: str) -> tuple[str, ...]:
        """The strings of a top-level array (others left out: they are the validator's business)."""
        value = self.data.get(key)
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


@dataclass
class CatalogData:
    root: Path
    config: Config
    layout: Layout | None = None
    manifests: list[Entry] = field(default_factory=list)
    roles: list[Entry] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)  # block names, sorted
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_catalog_data(root: Path, *, roles: bool = True) -> CatalogData:
    """The catalog at `root` as data (its role files too, unless `roles` is false). Never raises."""
    config, diagnostics = load_config(root)
    found: CatalogData = CatalogData(root, config, diagnostics=diagnostics)
    if has_errors(diagnostics):
        return found
    folders, problems = layout(str(root), config)
    found.diagnostics += problems
    if folders is None:
        return found
    found.layout = folders
    from assembler.pipeline import list_manifests

    names, problems = list_manifests(folders.manifests)
    found.diagnostics += problems
    found.manifests = _read_all(folders.manifests, names, found.diagnostics)
    if roles:
        role_files = [n for n in _names(folders.roles) if n.endswith(".toml") and not n.startswith(".")]
        found.roles = _read_all(folders.roles, role_files, found.diagnostics)
    found.blocks = sorted(n[:-3] for n in _names(folders.blocks) if n.endswith(".md") and is_name(n[:-3]))
    return found


def _names(folder: Folder) -> list[str]:
    try:
        return folder.names()
    except FileProblem:
        return []  # an unreadable folder is reported where it matters (the manifests folder)


def _read_all(folder: Folder, names: list[str], diagnostics: list[Diagnostic]) -> list[Entry]:
    from assembler.read import read_manifest

    entries = []
    for name in names:
        source, data, problems = read_manifest(folder, name)
        diagnostics += problems
        if source is not None and data is not None:
            entries.append(Entry(name.removesuffix(".toml"), source.rel, source.text, data))
    return entries


def agent_names(root: Path) -> list[str]:
    """The stems of the catalog's manifests, sorted, read from the folder alone (for shell completion:
    nothing is parsed but the configuration). Empty when the catalog cannot be read."""
    config, diagnostics = load_config(root)
    if has_errors(diagnostics):
        return []
    folders, _ = layout(os.fspath(root), config)
    if folders is None:
        return []
    names = _names(folders.manifests)
    return [n[:-5] for n in names if n.endswith(".toml") and not n.startswith(".")]
