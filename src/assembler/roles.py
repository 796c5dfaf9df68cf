"""Substrate roles: `_roles/<role>.toml`, its `extends` chain and the capability texts it requires."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assembler.codes import content, general
from assembler.codes import roles as codes
from assembler.diagnostics import Diagnostic, Problem
from assembler.disk import FileProblem
from assembler.located import locate_problems
from assembler.schema_errors import describe
from assembler.sources import Escape, Sources, Text
from assembler.tomlparse import TomlError, parse_toml

_KEYS = {"description", "extends", "capabilities", "tools"}


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    capabilities: tuple[tuple[str, Text], ...]  # ("category::slug", its text) in order
    allowed_tools: frozenset[str] | None  # None: the role sets no limit
    texts: tuple[Text, ...]  # every file read, for the fingerprint


RoleResult = tuple[
    Role | None, list[Diagnostic], str | None
]  # the role, problems in role files, missing name


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _parse_role(text: Text) -> tuple[dict[str, Any], list[Problem]]:
    data = parse_toml(text.text)
    problems = [
        general.UNKNOWN_KEY.at(
            (k,),
            what="role key",
            key=k,
            suggestion="a role has description, extends, [capabilities] required/relaxes, [tools] allowed",
        )
        for k in data
        if k not in _KEYS
    ]
    for table, example in (("capabilities", 'required = ["fs::read"]'), ("tools", 'allowed = ["Read"]')):
        if not isinstance(data.get(table, {}), dict):
            problems.append(
                general.WRONG_TYPE.at(
                    (table,),
                    key=table,
                    expected="a table",
                    actual=describe(data[table]),
                    suggestion=f"write [{table}] then {example}",
                )
            )
            return data, problems
    caps = data.get("capabilities", {})
    for key in ("required", "relaxes"):
        if key in caps and _strings(caps[key]) is None:
            problems.append(
                general.WRONG_TYPE.at(
                    ("capabilities", key),
                    key=f"capabilities.{key}",
                    expected="an array of strings",
                    actual=describe(caps[key]),
                    suggestion='write ["category::slug", ...]',
                )
            )
    tools = data.get("tools", {})
    if "allowed" in tools and _strings(tools["allowed"]) is None:
        problems.append(
            general.WRONG_TYPE.at(
                ("tools", "allowed"),
                key="tools.allowed",
                expected="an array of strings",
                actual=describe(tools["allowed"]),
                suggestion='write ["Read", "Grep", ...]',
            )
        )
    if "extends" in data and not isinstance(data["extends"], str):
        problems.append(
            general.WRONG_TYPE.at(
                ("extends",),
                key="extends",
                expected="a role name",
                actual=describe(data["extends"]),
                suggestion='extends = "base"',
            )
        )
    return data, problems


def resolve_role(name: str, sources: Sources) -> RoleResult:
    """Resolve a role and its parents. Returns the role, problems found inside role files, and, when the
    role itself cannot be found, its name (for a diagnostic at the manifest that names it)."""
    chain: list[tuple[Text, dict[str, Any]]] = []
    seen: list[str] = []
    diagnostics: list[Diagnostic] = []
    current: str | None = name
    while current is not None:
        if current in seen:
            cycle = " -> ".join([*seen, current])
            first = chain[0][0]
            diagnostics.append(codes.ROLE_CYCLE.located(first.rel, 1, 1, cycle=cycle))
            return None, diagnostics, None
        seen.append(current)
        try:
            text = sources.role(current)
        except Escape:
            text = None
        except FileProblem as problem:
            diagnostics.append(problem.diagnostic)
            return None, diagnostics, None
        if text is None:
            if not chain:
                return None, diagnostics, current
            parent_of = chain[-1][0]
            diagnostics.append(
                codes.ROLE_NOT_FOUND.located(
                    parent_of.rel,
                    1,
                    1,
                    what="parent role",
                    role=current,
                    folder=sources.config.roles_dir,
                )
            )
            return None, diagnostics, None
        try:
            data, problems = _parse_role(text)
        except TomlError as err:
            diagnostics.append(err.diagnostic(text.rel))
            return None, diagnostics, None
        diagnostics += locate_problems(problems, text.rel, text.text)
        if problems:
            return None, diagnostics, None
        chain.append((text, data))
        current = data.get("extends")
    return _combine(name, chain, sources, diagnostics)


def _combine(
    name: str,
    chain: list[tuple[Text, dict[str, Any]]],
    sources: Sources,
    diagnostics: list[Diagnostic],
) -> tuple[Role | None, list[Diagnostic], str | None]:
    required: dict[str, tuple[Text, int]] = {}  # capability -> the role file and index declaring it
    relaxed: set[str] = set()
    allowed: frozenset[str] | None = None
    for text, data in reversed(chain):  # the root ancestor first, then each child
        caps = data.get("capabilities", {})
        for index, cap in enumerate(caps.get("required", [])):
            required.setdefault(cap, (text, index))
        relaxed.update(caps.get("relaxes", []))
        if "allowed" in data.get("tools", {}):
            allowed = frozenset(data["tools"]["allowed"])
    texts: list[Text] = [t for t, _ in chain]
    capabilities: list[tuple[str, Text]] = []
    for cap, (declared_in, index) in required.items():
        if cap in relaxed:
            continue
        category, sep, slug = cap.partition("::")
        try:
            found = sources.capability(category, slug) if sep else None
        except Escape:
            found = None
        except FileProblem as problem:
            diagnostics.append(problem.diagnostic)
            continue
        if found is None:
            missing = codes.CAPABILITY_NOT_FOUND.at(
                ("capabilities", "required", index),
                capability=cap,
                folder=sources.config.capabilities_dir,
                category=category,
                slug=slug,
            )
            diagnostics += locate_problems([missing], declared_in.rel, declared_in.text)
            continue
        capabilities.append((cap, found))
        texts.append(found)
    if any(d.severity.value == "error" for d in diagnostics):
        return None, diagnostics, None
    return Role(name, tuple(capabilities), allowed, tuple(texts)), diagnostics, None


def check_role_tools(tools: Sequence[str], role: Role) -> list[Problem]:
    """A032 warnings: the manifest's `tools` that its substrate role does not allow."""
    if role.allowed_tools is None:
        return []
    return [
        content.TOOL_NOT_ALLOWED.at(("tools", i), tool=tool, role=role.name)
        for i, tool in enumerate(tools)
        if tool not in role.allowed_tools
    ]
