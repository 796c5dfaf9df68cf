"""Stage 3 of a manifest's job: validate it, with every check that can run, in one round.

`validate_manifest` parses the data into the model (every shape problem at once, and a repaired model so the
checks below still run), checks its values, resolves its blocks, its substrate role and its tool module, and
returns what rendering needs when nothing is wrong. Problems are by key path in the manifest; problems found
in other files (a block, a role) are diagnostics already located there.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assembler.codes import roles as role_codes
from assembler.codes import toolmodule
from assembler.config import Config
from assembler.diagnostics import Diagnostic, Problem, Severity
from assembler.names import NAME_LIMIT, SLUG
from assembler.roles import Role, RoleResult, role_warnings
from assembler.sources import Sources, Text

if TYPE_CHECKING:
    from assembler.assemble import Agent, ToolPlan
    from assembler.manifest import Manifest


@dataclass
class Checked:
    agent: Agent | None = None  # set when the manifest is valid and everything it names was found
    problems: list[Problem] = field(default_factory=list)  # in the manifest, by key path
    inner: list[Diagnostic] = field(default_factory=list)  # in the files it names
    damaged: frozenset[tuple[str | int, ...]] = frozenset()  # key paths whose values were repaired
    omitted: int = 0  # problems found in the manifest beyond those listed


def validate_manifest(
    source: Text,
    stem: str,
    data: dict[str, Any],
    *,
    config: Config,
    today: datetime.date,
    sources: Sources,
    role_of: Callable[[str], RoleResult],
    scope: str | None,
) -> Checked:
    """`role_of(name)` resolves a substrate role (cached by the caller)."""
    from assembler.assemble import Agent, check_role_prose, resolve_blocks
    from assembler.manifest import parse_manifest
    from assembler.targets import check_target_tables
    from assembler.validate_fields import check_manifest

    parsed = parse_manifest(data)
    checked = Checked(problems=list(parsed.problems), damaged=parsed.damaged, omitted=parsed.omitted)
    m = parsed.manifest
    if m is None:
        return checked
    found: list[Problem] = []
    role, role_ok = _role(m, sources, role_of, found, checked.inner)
    found += check_manifest(m, stem, config, today)
    found += check_target_tables(m)
    found += check_role_prose(m)
    blocks, block_problems, inner = resolve_blocks(m, sources)
    found += block_problems
    checked.inner += inner
    tool, tool_problems = _tool(m)
    found += tool_problems
    checked.problems += parsed.reportable(found)
    if parsed.problems or not role_ok or scope is None:
        return checked
    if any(p.severity is Severity.ERROR for p in checked.problems):
        return checked
    checked.agent = Agent(m, source, tuple(blocks), role, tool, scope)
    return checked


def _role(
    m: Manifest,
    sources: Sources,
    role_of: Callable[[str], RoleResult],
    found: list[Problem],
    inner: list[Diagnostic],
) -> tuple[Role | None, bool]:
    """The manifest's substrate role and whether it resolved (True when it names none)."""
    from assembler.assemble import name_problem
    from assembler.diagnostics import did_you_mean

    config = sources.config
    if m.substrate_role is None:
        return None, True
    if len(m.substrate_role) > NAME_LIMIT or not SLUG.fullmatch(m.substrate_role):
        found.append(
            name_problem(("substrate_role",), "role", m.substrate_role, config.roles_dir, "substrate role")
        )
        return None, False
    resolved: RoleResult = role_of(m.substrate_role)
    role, role_diagnostics, missing = resolved
    inner += role_diagnostics
    if missing is not None:
        hint = did_you_mean(missing, sources.role_names())
        found.append(
            role_codes.ROLE_NOT_FOUND.at(
                ("substrate_role",),
                what="substrate role",
                role=missing,
                suggestion=hint or f"create {config.roles_dir}/{missing}.toml or fix the name",
            )
        )
        return None, False
    if role is None:
        return None, False
    found += role_warnings(m.tools or (), role)
    return role, True


def _tool(m: Manifest) -> tuple[ToolPlan | None, list[Problem]]:
    if m.tool_module is None:
        return None, []
    from dataclasses import replace

    from assembler.assemble import ToolPlan
    from assembler.toolkinds import KINDS, get_kind

    kind_name = m.tool_module.get("kind")
    kind = get_kind(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        known = " or ".join(f'"{k}"' for k in KINDS)
        return None, [toolmodule.UNKNOWN_TOOL_KIND.at(("tool_module", "kind"), kind=kind_name, known=known)]
    spec, problems = kind.parse(m.tool_module)
    located = [replace(p, path=("tool_module", *p.path)) for p in problems]
    return (None if spec is None else ToolPlan(kind.kind, spec)), located
