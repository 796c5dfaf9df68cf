"""Capabilities: `<capabilities_dir>/<category>/<slug>/text.md`, or, in a folder without a text, an alias stub
`capability.toml` that names the capability standing in for it:

    [capability]
    name = "tools::read-only"          # this folder's category::slug
    alias = "tools::deny-tools"        # the capability whose text is used
    deprecated = "v0.17: use tools::deny-tools"   # optional note, shown in the warning

A `capability.toml` next to a `text.md` is metadata of another program and is not read.
"""

from __future__ import annotations

from typing import Any

from assembler.codes import general
from assembler.codes import roles as codes
from assembler.diagnostics import Diagnostic, Problem
from assembler.disk import FileProblem
from assembler.located import locate_problems
from assembler.names import is_name
from assembler.roles.shape import Key, Kind, Spec, check_shape
from assembler.sources import Escape, Sources, Text
from assembler.tomlparse import TomlError, parse_toml

STUB_SPEC: Spec = {
    "capability": {
        "name": Key(Kind.STRING, True),
        "alias": Key(Kind.STRING, True),
        "deprecated": Key(Kind.STRING),
    }
}


def split_name(name: str) -> tuple[str, str] | None:
    """`("category", "slug")` of a capability name written `category::slug`, both slugs; else None."""
    category, sep, slug = name.partition("::")
    return (category, slug) if sep and is_name(category) and is_name(slug) else None


class Lookup:
    """What finding one capability gave. (A plain class: a dataclass would cost 2 ms at every start.)"""

    def __init__(self, name: str) -> None:
        self.name = name  # the capability whose text this is: the one asked for, or its alias chain's end
        self.text: Text | None = None  # None: not found (`missing` or `diagnostics` say why)
        self.aliases: list[tuple[str, str | None]] = []  # (alias, its deprecated note), in the order followed
        self.stubs: list[Text] = []  # the alias stubs read
        self.diagnostics: list[Diagnostic] = []  # inside capability files
        self.missing: str | None = None  # the hint for A081 at the role line naming the capability


def lookup(name: str, sources: Sources) -> Lookup:
    """The text of capability `name`, following alias stubs."""
    found = Lookup(name)
    folder = sources.config.capabilities_dir
    seen: list[str] = []
    current = name
    while True:
        parts = split_name(current)
        if parts is None:
            found.missing = (
                "write the name as category::slug, two lowercase slugs, such as fs::read-workspace"
            )
            return found
        category, slug = parts
        seen.append(current)
        try:
            text = sources.capability(category, slug)
            stub = None if text is not None else sources.capability_stub(category, slug)
        except (Escape, FileProblem) as err:
            if isinstance(err, FileProblem):
                found.diagnostics.append(err.diagnostic)
            return found
        if text is not None:
            found.name, found.text = current, text
            return found
        if stub is None:
            hint = f"write {folder}/{category}/{slug}/text.md, or fix the name"
            if not found.stubs:
                found.missing = hint
            else:
                where = found.stubs[-1]
                problem = codes.CAPABILITY_NOT_FOUND.at(
                    ("capability", "alias"), capability=current, suggestion=hint
                )
                found.diagnostics += locate_problems([problem], where.rel, where.text)
            return found
        target, note, problems = _parse_stub(stub, current, folder)
        found.diagnostics += problems
        if target is None:
            return found
        found.stubs.append(stub)
        found.aliases.append((current, note))
        if target in seen:
            cycle = " -> ".join([*seen, target])
            problem = codes.ALIAS_CYCLE.at(("capability", "alias"), cycle=cycle)
            found.diagnostics += locate_problems([problem], stub.rel, stub.text)
            return found
        current = target


def _parse_stub(stub: Text, name: str, folder: str) -> tuple[str | None, str | None, list[Diagnostic]]:
    """The alias target and deprecated note of a stub, or None and the problems of the file."""
    try:
        data: dict[str, Any] = parse_toml(stub.text)
    except TomlError as err:
        return None, None, [err.diagnostic(stub.rel)]
    table = data.get("capability")
    if not (isinstance(table, dict) and "alias" in table):
        category, _, slug = name.partition("::")
        problem = codes.CAPABILITY_NOT_FOUND.at(
            (),
            capability=name,
            suggestion=f"write {folder}/{category}/{slug}/text.md; a capability.toml without it must be an "
            'alias stub: [capability] name = "..." and alias = "category::slug"',
        )
        return None, None, locate_problems([problem], stub.rel, stub.text)
    problems: list[Problem] = check_shape(data, STUB_SPEC, ("capability",), "capability stub")
    if not problems:
        if table["name"] != name:
            problems.append(
                general.NAME_MISMATCH.at(
                    ("capability", "name"),
                    name=table["name"],
                    file_name=stub.rel,
                    suggestion=f'write name = "{name}": a stub is named by its folder',
                )
            )
        if split_name(table["alias"]) is None:
            problems.append(
                codes.CAPABILITY_NOT_FOUND.at(
                    ("capability", "alias"),
                    capability=table["alias"],
                    suggestion="write the alias as category::slug, two lowercase slugs",
                )
            )
    if problems:
        return None, None, locate_problems(problems, stub.rel, stub.text)
    return table["alias"], table.get("deprecated"), []
