"""Read the texts a manifest refers to (blocks, roles, capabilities), once per run and never outside
their folders."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assembler.config import Config

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LINK = re.compile(r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")  # a lineage link: [[agent-or-block]]


@dataclass(frozen=True, slots=True)
class Text:
    """A file's text and its path relative to the catalog root."""

    rel: str
    text: str


class Escape(Exception):
    """A name that would resolve outside its folder."""


def inside(folder: Path, *parts: str) -> Path:
    """`folder/parts...`, refusing `..`, absolute parts and symlinks that lead out of `folder`."""
    for part in parts:
        if not part or part.startswith(("/", "\\")) or ".." in Path(part).parts or ":" in part:
            raise Escape(part)
    path = folder.joinpath(*parts)
    if path.is_symlink() or any(p.is_symlink() for p in path.parents if p != folder and folder in p.parents):
        real = path.resolve()
        if not real.is_relative_to(folder.resolve()):
            raise Escape("/".join(parts))
    return path


@dataclass
class Sources:
    """The catalog's shared texts, each read at most once per run."""

    root: Path
    config: Config
    _cache: dict[tuple[str, ...], Text | None] = field(default_factory=dict)

    def _read(self, key: tuple[str, ...], folder: str, *parts: str) -> Text | None:
        if key not in self._cache:
            base = self.root / folder
            path = inside(base, *parts)
            try:
                text = path.read_text(encoding="utf-8") if path.is_file() else None
            except (OSError, UnicodeDecodeError):
                text = None
            rel = "/".join((folder, *parts))
            self._cache[key] = None if text is None else Text(rel, text)
        return self._cache[key]

    def block(self, name: str) -> Text | None:
        """`_blocks/<name>.md`; raises Escape for names that leave the folder."""
        if not SLUG.fullmatch(name):
            raise Escape(name)
        return self._read(("block", name), self.config.blocks_dir, f"{name}.md")

    def role(self, name: str) -> Text | None:
        if not SLUG.fullmatch(name):
            raise Escape(name)
        return self._read(("role", name), self.config.roles_dir, f"{name}.toml")

    def capability(self, category: str, slug: str) -> Text | None:
        if not SLUG.fullmatch(category) or not SLUG.fullmatch(slug):
            raise Escape(f"{category}::{slug}")
        return self._read(("cap", category, slug), self.config.capabilities_dir, category, slug, "text.md")

    def template(self, name: str) -> str:
        """A template's text as this run renders it: the override folder's copy, or the built-in one."""
        key = ("template", name)
        if key not in self._cache:
            from assembler.templating import template_source

            override = None if self.config.templates_dir is None else self.root / self.config.templates_dir
            self._cache[key] = Text(name, template_source(name, override))
        found = self._cache[key]
        assert found is not None
        return found.text

    def block_names(self) -> frozenset[str]:
        folder = self.root / self.config.blocks_dir
        if not folder.is_dir():
            return frozenset()
        return frozenset(p.stem for p in folder.glob("*.md"))
