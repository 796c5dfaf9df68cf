"""Read the texts a manifest refers to (blocks, roles, capabilities, templates), once per run and never
outside their folders. Names are checked before anything is read: a name that is no slug cannot reach a file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from assembler.config import Config
from assembler.disk import FileProblem, Folder, read_text
from assembler.disk import Text as Text  # where most modules import it from
from assembler.disk import decode as decode
from assembler.layout import Layout
from assembler.names import is_name


class Escape(Exception):
    """A name that would resolve outside its folder."""


def slug_name(name: str) -> str:
    """`name` if it is a slug short enough for a file name; raises Escape otherwise."""
    if not is_name(name):
        raise Escape(name)
    return name


@dataclass
class Sources:
    """The catalog's shared texts, each read at most once per run. Reads raise FileProblem for files that
    cannot be used (not regular, not UTF-8, refused by the system, a link leading out)."""

    layout: Layout
    config: Config
    _cache: dict[tuple[str, ...], Text | FileProblem | None] = field(default_factory=dict)
    _roles: frozenset[str] | None = None

    @classmethod
    def of(cls, root: str | os.PathLike[str], config: Config) -> Sources:
        """The sources of the catalog at `root`; raises FileProblem when a folder cannot be used."""
        from assembler.layout import layout

        found, problems = layout(os.fspath(root), config)
        if found is None:
            raise FileProblem(problems[0])
        return cls(found, config)

    def _cached(self, key: tuple[str, ...], folder: Folder, name: str) -> Text | None:
        if key not in self._cache:
            try:
                self._cache[key] = read_text(folder, name)
            except FileProblem as problem:
                self._cache[key] = problem
        found = self._cache[key]
        if isinstance(found, FileProblem):
            raise found
        return found

    def block(self, name: str) -> Text | None:
        """`_blocks/<name>.md`; raises Escape for names that are no slug."""
        return self._cached(("block", name), self.layout.blocks, f"{slug_name(name)}.md")

    def role(self, name: str) -> Text | None:
        return self._cached(("role", name), self.layout.roles, f"{slug_name(name)}.toml")

    def capability(self, category: str, slug: str) -> Text | None:
        name = f"{slug_name(category)}/{slug_name(slug)}/text.md"
        return self._cached(("cap", category, slug), self.layout.capabilities, name)

    def capability_stub(self, category: str, slug: str) -> Text | None:
        """`<category>/<slug>/capability.toml`, read for a capability that has no text (an alias stub)."""
        name = f"{slug_name(category)}/{slug_name(slug)}/capability.toml"
        return self._cached(("stub", category, slug), self.layout.capabilities, name)

    def role_names(self) -> frozenset[str]:
        """The stems of the roles folder's `.toml` files that can be role names (lowercase slugs)."""
        if self._roles is None:
            try:
                names = self.layout.roles.names()
            except FileProblem:
                names = []
            self._roles = frozenset(n[:-5] for n in names if n.endswith(".toml") and is_name(n[:-5]))
        return self._roles

    def template(self, name: str) -> str:
        """A template's text as this run renders it: the override folder's copy, or the built-in one."""
        key = ("template", name)
        if key not in self._cache:
            from assembler.templating import template_source

            self._cache[key] = Text(name, template_source(name, self.layout.templates))
        found = self._cache[key]
        assert isinstance(found, Text)
        return found.text

    def block_names(self) -> frozenset[str]:
        try:
            names = self.layout.blocks.names()
        except FileProblem:
            return frozenset()
        return frozenset(n[:-3] for n in names if n.endswith(".md"))
