"""Roles as the catalog uses them: the warnings a manifest gets from its role, and every role file of the
roles folder checked once per run, whether a manifest names it or not."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assembler.codes import content
from assembler.codes import roles as codes
from assembler.diagnostics import Diagnostic, Problem
from assembler.disk import FileProblem
from assembler.roles.model import Role, RoleResult
from assembler.sources import Sources


def check_role_tools(tools: Sequence[str], role: Role) -> list[Problem]:
    """A032 warnings: the manifest's `tools` that its substrate role does not allow."""
    if role.allowed_tools is None:
        return []
    return [
        content.TOOL_NOT_ALLOWED.at(("tools", i), tool=tool, role=role.name)
        for i, tool in enumerate(tools)
        if tool not in role.allowed_tools
    ]


def role_warnings(tools: Sequence[str], role: Role) -> list[Problem]:
    """What a manifest is warned of about its substrate role: tools it does not allow (A032), and a role
    that is not spawnable (A088)."""
    found = check_role_tools(tools, role)
    if not role.spawnable:
        found.insert(0, codes.NOT_SPAWNABLE.at(("substrate_role",), role=role.name, role_file=role.rel))
    return found


def check_roles(sources: Sources, resolve: Callable[[str], RoleResult]) -> list[Diagnostic]:
    """Every role file of the roles folder, resolved (`resolve`: a cached `resolve_role`): the problems in
    role and capability files."""
    try:
        sources.layout.roles.names()
    except FileProblem as problem:
        return [problem.diagnostic]
    found: list[Diagnostic] = []
    for name in sorted(sources.role_names()):
        found += resolve(name)[1]
    return found
