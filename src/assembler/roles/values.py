"""Checks of what one role file's values say, after its shape is known to be right. Pure: problems by key
path. Checks that need other files (parents, capabilities, other roles) are in `resolve`."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any

from assembler.codes import content, general
from assembler.codes import roles as codes
from assembler.config import Config
from assembler.diagnostics import KeyPath, Problem, did_you_mean
from assembler.names import LINK, SLUG, is_name
from assembler.placeholders import compiled
from assembler.roles.model import RoleFile
from assembler.schema_errors import dotted_path
from assembler.validate_text import bad_char

_MCP_TOOL = re.compile(r"mcp__[A-Za-z0-9_-]+__[A-Za-z0-9_-]+")


def check_values(
    role: RoleFile, data: Mapping[str, Any], stem: str, config: Config, today: datetime.date
) -> list[Problem]:
    problems: list[Problem] = []
    if role.name != stem:
        problems.append(
            general.NAME_MISMATCH.at(
                ("role", "name"),
                name=role.name,
                file_name=f"{stem}.toml",
                suggestion=f'write name = "{stem}", or rename the file to {role.name}.toml',
            )
        )
    problems += _one_line(data, config.placeholder_pattern)
    if role.extends is not None and not is_name(role.extends):
        problems.append(
            general.ESCAPES.at(
                ("capabilities", "extends"),
                what="parent role",
                name=role.extends,
                folder=f"{config.roles_dir}/",
                suggestion=f"name the stem of a role file in {config.roles_dir}/: a lowercase slug",
            )
        )
    problems += _tools(role, config)
    problems += _patterns(role)
    problems += _taxonomy(data.get("taxonomy"), config)
    problems += _lineage(role, data.get("lineage"), data.get("taxonomy"), today)
    return problems


def _strings(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _one_line(data: Mapping[str, Any], placeholder: str) -> list[Problem]:
    """Every string of a role file is one line of plain text, not empty, with no {{PLACEHOLDER}} token (as the
    configuration's `placeholder_pattern` defines them)."""
    problems = []
    pattern = compiled(placeholder)
    for path, value in _strings(data, ()):
        key = dotted_path(path)
        bad = bad_char(value)
        if bad is not None:
            char = {"\n": "a newline", "\r": "a carriage return", "\t": "a tab"}.get(bad)
            problems.append(
                general.CONTROL_CHARACTER.at(path, key=key, char=char or f"the character U+{ord(bad):04X}")
            )
        if not value.strip():
            problems.append(general.EMPTY.at(path, key=key, suggestion="write a value or remove the entry"))
        found = pattern.search(value) if pattern is not None else None
        if found:
            problems.append(general.PLACEHOLDER.at(path, key=key, token=found.group()))
    return problems


def _tools(role: RoleFile, config: Config) -> list[Problem]:
    problems = []
    for i, tool in enumerate(role.allowed_tools or ()):
        if tool not in config.tools and not _MCP_TOOL.fullmatch(tool):
            hint = did_you_mean(tool, config.tools) or "use a Claude Code tool name or mcp__server__tool"
            problems.append(content.UNKNOWN_TOOL.at(("tools", "allowed", i), tool=tool, suggestion=hint))
    return problems


def _patterns(role: RoleFile) -> list[Problem]:
    problems = []
    for i, pattern in enumerate(role.bash_patterns or ()):
        try:
            re.compile(pattern)
        except re.error as err:
            where = "" if err.pos is None else f" (at character {err.pos + 1})"
            problems.append(
                codes.BAD_PATTERN.at(
                    ("tools", "bash-patterns-allowed", i), pattern=pattern, reason=f"{err.msg}{where}"
                )
            )
    return problems


def _taxonomy(table: Any, config: Config) -> list[Problem]:
    problems: list[Problem] = []
    for facet, value in (table or {}).items():
        allowed = config.taxonomy[facet]
        if value not in allowed:
            close = did_you_mean(value, allowed)
            problems.append(
                content.TAXONOMY_VALUE.at(
                    ("taxonomy", facet),
                    value=value,
                    facet=facet,
                    suggestion=f"{close} " if close else "",
                    allowed=", ".join(sorted(allowed)),
                )
            )
    return problems


def _as_date(value: str | datetime.date) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _lineage(role: RoleFile, table: Any, taxonomy: Any, today: datetime.date) -> list[Problem]:
    problems: list[Problem] = []
    lineage: Mapping[str, Any] = table or {}
    if lineage:
        if not SLUG.fullmatch(lineage["creator"]):
            problems.append(content.CREATOR_NOT_SLUG.at(("lineage", "creator"), creator=lineage["creator"]))
        created = _as_date(lineage["created"])
        if created is None:
            problems.append(content.BAD_DATE.at(("lineage", "created"), value=lineage["created"]))
        elif created > today:
            problems.append(content.FUTURE_DATE.at(("lineage", "created"), value=created, today=today))
    for path, link in role.lineage_links:
        if not LINK.fullmatch(link):
            problems.append(
                content.BAD_LINK.at(
                    path,
                    problem=f"`{link}` is not a [[slug]] link",
                    suggestion='write links as "[[role-name]]"',
                )
            )
    stability = (taxonomy or {}).get("stability")
    if stability == "deprecated" and "successor" not in lineage:
        problems.append(content.NO_SUCCESSOR.at(("taxonomy", "stability"), name=role.name))
    return problems
