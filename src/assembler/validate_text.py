"""Checks of a manifest's text: one-line fields hold one line of plain text, a description holds lines of
plain text, nothing is left empty, and no `{{PLACEHOLDER}}` token remains in prose. Pure: the model in,
problems (by key path) out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from assembler.codes import general
from assembler.config import PLACEHOLDER_PATTERN
from assembler.diagnostics import KeyPath, Problem

if TYPE_CHECKING:  # role files use the checks below on every run: importing the manifest model cost 6 ms
    from assembler.manifest import Manifest

# Control characters (Unicode category Cc), line and paragraph separators, the byte-order mark, and the
# bidirectional overrides and isolates that make text display in another order than it is read.
_BAD_CHAR = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
_LINE_END = re.compile(r"\r\n|\r|\n")


def bad_char(text: str) -> str | None:
    """The first character a one-line field may not hold, or None."""
    found = _BAD_CHAR.search(text)
    return None if found is None else found.group()


def _single_line_fields(m: Manifest) -> Iterator[tuple[KeyPath, str]]:
    yield ("name",), m.name
    if m.model is not None:
        yield ("model",), m.model
    if m.substrate_role is not None:
        yield ("substrate_role",), m.substrate_role
    for key in ("blocks", "domain_in", "forbidden_domain", "output_extra_fields"):
        for i, item in enumerate(getattr(m, key)):
            yield (key, i), item
    for key in ("tools", "disallowed_tools"):
        for i, item in enumerate(getattr(m, key) or ()):
            yield (key, i), item
    for i, h in enumerate(m.handoff):
        yield ("handoff", i, "target"), h.target
        yield ("handoff", i, "trigger"), h.trigger
    for i, ref in enumerate(m.references.extra):
        yield ("references", "extra", i), ref
    if m.lineage is not None:
        yield ("lineage", "creator"), m.lineage.creator
        for i, parent in enumerate(m.lineage.parents):
            yield ("lineage", "parents", i), parent
    claude = m.targets.claude
    for key in ("permissionMode", "memory", "isolation", "color", "observer"):
        value = getattr(claude, key)
        if value is not None:
            yield ("targets", "claude", key), value
    for i, skill in enumerate(claude.skills or ()):
        yield ("targets", "claude", "skills", i), skill


def _single_line_values(m: Manifest) -> list[str]:
    """The values of `_single_line_fields`, in the same order, without building their key paths."""
    values = [m.name]
    if m.model is not None:
        values.append(m.model)
    if m.substrate_role is not None:
        values.append(m.substrate_role)
    values += (*m.blocks, *m.domain_in, *m.forbidden_domain, *m.output_extra_fields)
    values += (*(m.tools or ()), *(m.disallowed_tools or ()))
    for h in m.handoff:
        values += (h.target, h.trigger)
    values += m.references.extra
    if m.lineage is not None:
        values += (m.lineage.creator, *m.lineage.parents)
    claude = m.targets.claude
    for key in ("permissionMode", "memory", "isolation", "color", "observer"):
        value = getattr(claude, key)
        if value is not None:
            values.append(value)
    values += claude.skills or ()
    return values


def _prose(m: Manifest) -> Iterator[tuple[KeyPath, str]]:
    """Text that may span lines: the description, the prompts."""
    yield ("description",), m.description
    if m.role is not None:
        yield ("role",), m.role
    if m.body is not None:
        yield ("body",), m.body
    for key in ("initialPrompt", "observerMessage"):
        value = getattr(m.targets.claude, key)
        if value is not None:
            yield ("targets", "claude", key), value


def _all_strings(m: Manifest) -> Iterator[tuple[KeyPath, str]]:
    yield from _single_line_fields(m)
    yield from _prose(m)
    if m.tool_module is not None:
        yield from _nested_strings(("tool_module",), m.tool_module)


def _nested_strings(path: KeyPath, value: object) -> Iterator[tuple[KeyPath, str]]:
    """Every string inside a table of free-form data, with its key path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _nested_strings((*path, key), item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nested_strings((*path, index), item)


def check_text(m: Manifest, placeholder: str = PLACEHOLDER_PATTERN) -> list[Problem]:
    """`placeholder`: the configuration's pattern of a placeholder token ("" for none)."""
    values = _single_line_values(m)
    joined = " ".join(values)
    if (
        _BAD_CHAR.search(joined) is None
        and _BAD_CHAR.search(m.description.replace("\n", " ")) is None
        and all(v.strip() for v in values)
        and m.description.strip()
        and not any(_may_hold(text, placeholder) for text in (joined, *(t for _, t in _prose(m))))
        and m.tool_module is None
    ):
        return []  # the common case, decided in one pass; the loops below say where each problem is
    problems = []
    for path, value in _single_line_fields(m):
        problems += _one_line(path, value)
        if path == ("name",):  # the description is checked right after the name, in file order
            problems += _one_line(("description",), m.description, lines=True)
    if placeholder:
        problems += _placeholders(m, placeholder)
    return problems


def _may_hold(text: str, pattern: str) -> bool:
    """Whether `text` may hold a placeholder: the default pattern needs `{{`, a substring test."""
    if pattern == PLACEHOLDER_PATTERN:
        return "{{" in text
    from assembler.placeholders import compiled

    regex = compiled(pattern)
    return regex is not None and regex.search(text) is not None


def _one_line(path: KeyPath, value: str, *, lines: bool = False) -> list[Problem]:
    """A014 for a character the field may not hold (`lines`: line ends allowed), A016 for a blank value."""
    problems = []
    bad = bad_char(_LINE_END.sub(" ", value) if lines else value)
    if bad is not None:
        from assembler.codes import claude

        code = claude.CONTROL_IN_TEXT if lines else general.CONTROL_CHARACTER
        problems.append(code.at(path, key=_dotted(path), char=_char_name(bad)))
    if not value.strip():
        problems.append(
            general.EMPTY.at(path, key=_dotted(path), suggestion="write a value or remove the entry")
        )
    return problems


def _placeholders(m: Manifest, pattern: str) -> list[Problem]:
    """A015 at every token outside code, each at its own place."""
    from assembler.placeholders import find_tokens

    problems = []
    for path, value in _all_strings(m):
        for token in find_tokens(value, pattern):
            problem = general.PLACEHOLDER.at(path, key=_dotted(path), token=token.text)
            problems.append(replace(problem, within=(token.text, token.occurrence)))
    return problems


def _char_name(ch: str) -> str:
    return {"\n": "a newline", "\r": "a carriage return", "\t": "a tab"}.get(
        ch, f"the character U+{ord(ch):04X}"
    )


def _dotted(path: KeyPath) -> str:
    from assembler.schema_errors import dotted_path

    return dotted_path(path)
