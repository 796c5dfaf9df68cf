"""Checks of a manifest's text: one-line fields hold one line of plain text, nothing is left empty, and no
`{{PLACEHOLDER}}` token remains anywhere. Pure: the model in, problems (by key path) out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from assembler.codes import general
from assembler.diagnostics import KeyPath, Problem

if TYPE_CHECKING:  # role files use the checks below on every run: importing the manifest model cost 6 ms
    from assembler.manifest import Manifest

PLACEHOLDER = re.compile(r"\{\{\s*[A-Za-z_][A-Za-z0-9_.-]*\s*\}\}")
# Control characters (Unicode category Cc), line and paragraph separators, the byte-order mark, and the
# bidirectional overrides and isolates that make text display in another order than it is read.
_BAD_CHAR = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")


def bad_char(text: str) -> str | None:
    """The first character a one-line field may not hold, or None."""
    found = _BAD_CHAR.search(text)
    return None if found is None else found.group()


def _single_line_fields(m: Manifest) -> Iterator[tuple[KeyPath, str]]:
    yield ("name",), m.name
    yield ("description",), m.description
    yield ("model",), m.model
    if m.substrate_role is not None:
        yield ("substrate_role",), m.substrate_role
    for key in ("tools", "blocks", "domain_in", "forbidden_domain", "output_extra_fields"):
        for i, item in enumerate(getattr(m, key)):
            yield (key, i), item
    for i, h in enumerate(m.handoff):
        yield ("handoff", i, "target"), h.target
        yield ("handoff", i, "trigger"), h.trigger
    for i, ref in enumerate(m.references.extra):
        yield ("references", "extra", i), ref
    yield ("lineage", "creator"), m.lineage.creator
    for i, parent in enumerate(m.lineage.parents):
        yield ("lineage", "parents", i), parent


def _single_line_values(m: Manifest) -> list[str]:
    """The values of `_single_line_fields`, in the same order, without building their key paths."""
    values = [m.name, m.description, m.model]
    if m.substrate_role is not None:
        values.append(m.substrate_role)
    values += (*m.tools, *m.blocks, *m.domain_in, *m.forbidden_domain, *m.output_extra_fields)
    for h in m.handoff:
        values += (h.target, h.trigger)
    values += (*m.references.extra, m.lineage.creator, *m.lineage.parents)
    return values


def _all_strings(m: Manifest) -> Iterator[tuple[KeyPath, str]]:
    yield from _single_line_fields(m)
    yield ("role",), m.role
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


def check_text(m: Manifest) -> list[Problem]:
    values = _single_line_values(m)
    joined = " ".join(values)
    if (
        _BAD_CHAR.search(joined) is None
        and all(v.strip() for v in values)
        and "{{" not in joined
        and "{{" not in m.role
        and m.tool_module is None
    ):
        return []  # the common case, decided in one pass; the loops below say where each problem is
    problems = []
    for path, value in _single_line_fields(m):
        bad = bad_char(value)
        if bad is not None:
            problems.append(general.CONTROL_CHARACTER.at(path, key=_dotted(path), char=_char_name(bad)))
        if not value.strip():
            problems.append(
                general.EMPTY.at(path, key=_dotted(path), suggestion="write a value or remove the entry")
            )
    for path, value in _all_strings(m):
        found = PLACEHOLDER.search(value) if "{{" in value else None
        if found:
            problems.append(general.PLACEHOLDER.at(path, key=_dotted(path), token=found.group()))
    return problems


def _char_name(ch: str) -> str:
    return {"\n": "a newline", "\r": "a carriage return", "\t": "a tab"}.get(
        ch, f"the character U+{ord(ch):04X}"
    )


def _dotted(path: KeyPath) -> str:
    from assembler.schema_errors import dotted_path

    return dotted_path(path)
