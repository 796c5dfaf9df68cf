"""Substrate roles: `_roles/<role>.toml`, its `extends` chain and the capability texts it requires."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assembler.diagnostics import Diagnostic, Problem, Severity
from assembler.located import locate_problems
from assembler.sources import Escape, Sources, Text
from assembler.tomlparse import TomlError, parse_toml

_KEYS = {"description", "extends", "capabilities", "tools"}


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    capabilities: tuple[tuple[str, Text], ...]  # ("category::slug", its text) in order
    allowed_tools: frozenset[str] | None  # None: the role sets no limit
    texts: tuple[Text, ...]  # every file read, for the fingerprint


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _parse_role(text: Text) -> tuple[dict[str, Any], list[Problem]]:
    data = parse_toml(text.text)
    problems = [
        Problem(
            (k,),
            "A002",
            f"unknown role key `{k}`",
            "a role has description, extends, [capabilities] required/relaxes, [tools] allowed",
        )
        for k in data
        if k not in _KEYS
    ]
    for table, example in (("capabilities", 'required = ["fs::read"]'), ("tools", 'allowed = ["Read"]')):
        if not isinstance(data.get(table, {}), dict):
            problems.append(
                Problem((table,), "A004", f"`{table}` should be a table", f"write [{table}] then {example}")
            )
            return data, problems
    caps = data.get("capabilities", {})
    for key in ("required", "relaxes"):
        if key in caps and _strings(caps[key]) is None:
            problems.append(
                Problem(
                    ("capabilities", key),
                    "A004",
                    f"`capabilities.{key}` should be an array of strings",
                    'write ["category::slug", ...]',
                )
            )
    tools = data.get("tools", {})
    if "allowed" in tools and _strings(tools["allowed"]) is None:
        problems.append(
            Problem(
                ("tools", "allowed"),
                "A004",
                "`tools.allowed` should be an array of strings",
                'write ["Read", "Grep", ...]',
            )
        )
    if "extends" in data and not isinstance(data["extends"], str):
        problems.append(Problem(("extends",), "A004", "`extends` should be a role name", 'extends = "base"'))
    return data, problems


def resolve_role(name: str, sources: Sources) -> tuple[Role | None, list[Diagnostic], str | None]:
    """Resolve a role and its parents. Returns the role, problems found inside role files, and, when the
    role itself cannot be found, a message for the manifest that names it."""
    chain: list[tuple[Text, dict[str, Any]]] = []
    seen: list[str] = []
    diagnostics: list[Diagnostic] = []
    current: str | None = name
    while current is not None:
        if current in seen:
            cycle = " -> ".join([*seen, current])
            first = chain[0][0]
            diagnostics.append(
                Diagnostic(
                    "A082",
                    f"roles extend each other in a cycle: {cycle}",
                    first.rel,
                    1,
                    1,
                    "remove one `extends` so the chain ends",
                )
            )
            return None, diagnostics, None
        seen.append(current)
        try:
            text = sources.role(current)
        except Escape:
            text = None
        if text is None:
            if not chain:
                return None, diagnostics, f"substrate role `{current}` not found"
            parent_of = chain[-1][0]
            diagnostics.append(
                Diagnostic(
                    "A080",
                    f"role `{current}` (extended here) not found",
                    parent_of.rel,
                    1,
                    1,
                    f"create {sources.config.roles_dir}/{current}.toml",
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
        if found is None:
            folder = sources.config.capabilities_dir
            problem = Problem(
                ("capabilities", "required", index),
                "A081",
                f"capability `{cap}` has no text",
                f"write {folder}/{category}/{slug}/text.md, or fix the name (category::slug)",
            )
            diagnostics += locate_problems([problem], declared_in.rel, declared_in.text)
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
        Problem(
            ("tools", i),
            "A032",
            f"tool `{tool}` is not allowed by substrate role `{role.name}`",
            "remove it, or allow it under [tools] in the role file",
            Severity.WARNING,
        )
        for i, tool in enumerate(tools)
        if tool not in role.allowed_tools
    ]
