"""Resolve a role: read it and its parents through `[capabilities] extends`, combine their capabilities in
order, find each capability's text (through alias stubs), and check the names the role gives to other roles.

Combining runs from the root ancestor down, as each role file reads: the parent's list, then the role's own
`required` (each name kept where it first appears), then its `relaxes` taken out. A key a role leaves out
(`[tools]`, `[escalation]`, `spawnable`, `claude-subagent-type`, `[pipeline]`) comes from its parent.
"""

from __future__ import annotations

import datetime

from assembler.codes import content
from assembler.codes import roles as codes
from assembler.diagnostics import Diagnostic, KeyPath, Problem, did_you_mean, has_errors
from assembler.disk import FileProblem
from assembler.located import locate_problems
from assembler.markdown import unclosed_fence
from assembler.names import LINK, is_name
from assembler.roles.capabilities import lookup
from assembler.roles.model import Role, RoleFile, RoleResult
from assembler.roles.parse import parse_role
from assembler.sources import Escape, Sources, Text
from assembler.tomlparse import TomlError

Link = tuple[Text, RoleFile]


def resolve_role(name: str, sources: Sources, today: datetime.date) -> RoleResult:
    """The role, every problem found in role and capability files, and `name` when the role itself has no
    file (for a diagnostic at the manifest that names it)."""
    chain, diagnostics, missing = _chain(name, sources, today)
    if chain is None:
        return None, diagnostics, missing
    role = _combine(chain, sources, diagnostics)
    diagnostics += _names(chain[0], sources)
    return (None if has_errors(diagnostics) else role), diagnostics, None


def _at(text: Text, *problems: Problem) -> list[Diagnostic]:
    return locate_problems(problems, text.rel, text.text)


def _not_found(sources: Sources, role: str) -> str:
    close = did_you_mean(role, sources.role_names())
    return close or f"create {sources.config.roles_dir}/{role}.toml or fix the name"


def _chain(
    name: str, sources: Sources, today: datetime.date
) -> tuple[list[Link] | None, list[Diagnostic], str | None]:
    """The role's file and its ancestors' (the role first), or None when one cannot be used."""
    chain: list[Link] = []
    seen: list[str] = []
    diagnostics: list[Diagnostic] = []
    current: str | None = name
    while current is not None:
        if current in seen:
            diagnostics += _cycle(
                seen[seen.index(current) :], dict(zip(seen, (t for t, _ in chain), strict=True))
            )
            return None, diagnostics, None
        seen.append(current)
        try:
            text = sources.role(current)
        except Escape:  # a parent name that is no slug was reported by the child's own checks
            return None, diagnostics, None if chain else current
        except FileProblem as problem:
            diagnostics.append(problem.diagnostic)
            return None, diagnostics, None
        if text is None:
            if not chain:
                return None, diagnostics, current
            missing = codes.ROLE_NOT_FOUND.at(
                ("capabilities", "extends"),
                what="parent role",
                role=current,
                suggestion=_not_found(sources, current),
            )
            diagnostics += _at(chain[-1][0], missing)
            return None, diagnostics, None
        try:
            parsed, problems = parse_role(text.text, current, sources.config, today)
        except TomlError as err:
            diagnostics.append(err.diagnostic(text.rel))
            return None, diagnostics, None
        diagnostics += _at(text, *problems)
        if parsed is None:
            return None, diagnostics, None
        chain.append((text, parsed))
        if parsed.extends is not None and not is_name(parsed.extends):
            return None, diagnostics, None  # reported by the role's own checks (A013)
        current = parsed.extends
    return chain, diagnostics, None


def _cycle(members: list[str], files: dict[str, Text]) -> list[Diagnostic]:
    """A082, the same whichever role of the cycle resolution started from: the cycle from its first name
    in sorted order, at the `extends` that leads back to it."""
    start = members.index(min(members))
    turned = [*members[start:], *members[:start]]
    cycle = " -> ".join([*turned, turned[0]])
    return _at(files[turned[-1]], codes.ROLE_CYCLE.at(("capabilities", "extends"), cycle=cycle))


def _combine(chain: list[Link], sources: Sources, diagnostics: list[Diagnostic]) -> Role:
    order: dict[str, tuple[Text, int]] = {}  # capability -> the role file and index requiring it
    spawnable: bool = True
    subagent_type: str | None = None
    escalation: str | None = None
    allowed: tuple[str, ...] | None = None
    patterns: tuple[str, ...] | None = None
    pipeline: tuple[str, ...] | None = None
    for text, f in reversed(chain):  # the root ancestor first, then each child: what a child sets wins
        for i, cap in enumerate(f.required):
            order.setdefault(cap, (text, i))
        for i, cap in enumerate(f.relaxes):
            if order.pop(cap, None) is None:
                hint = did_you_mean(cap, order) or "remove it from relaxes"
                relaxed = codes.RELAXES_UNKNOWN.at(
                    ("capabilities", "relaxes", i), capability=cap, suggestion=hint
                )
                diagnostics += _at(text, relaxed)
        spawnable = spawnable if f.spawnable is None else f.spawnable
        subagent_type = f.subagent_type or subagent_type
        escalation = f.escalation or escalation
        allowed = allowed if f.allowed_tools is None else f.allowed_tools
        patterns = patterns if f.bash_patterns is None else f.bash_patterns
        pipeline = pipeline if f.pipeline is None else f.pipeline
    own = chain[0][1]
    texts, capabilities = _capabilities(order, sources, diagnostics)
    return Role(
        name=own.name,
        display_name=own.display_name or own.name,
        description=own.description,
        spawnable=spawnable,
        subagent_type=subagent_type,
        escalation=escalation,
        capabilities=tuple(capabilities),
        allowed_tools=allowed,
        bash_patterns=tuple(patterns or ()),
        pipeline=tuple(pipeline or ()),
        texts=(*(t for t, _ in chain), *texts),
        rel=chain[0][0].rel,
    )


def _capabilities(
    order: dict[str, tuple[Text, int]], sources: Sources, diagnostics: list[Diagnostic]
) -> tuple[list[Text], list[tuple[str, Text]]]:
    """The texts read and the capabilities in order, each target of an alias once."""
    texts: list[Text] = []
    capabilities: list[tuple[str, Text]] = []
    for cap, (declared_in, index) in order.items():
        path: KeyPath = ("capabilities", "required", index)
        found = lookup(cap, sources)
        diagnostics += found.diagnostics
        texts += found.stubs
        if found.missing is not None:
            missing = codes.CAPABILITY_NOT_FOUND.at(path, capability=cap, suggestion=found.missing)
            diagnostics += _at(declared_in, missing)
        if found.aliases and found.text is not None:
            note = found.aliases[0][1]
            warning = codes.DEPRECATED_ALIAS.at(
                path, capability=cap, target=found.name, note=f": {note}" if note else ""
            )
            diagnostics += _at(declared_in, warning)
        if found.text is None or any(name == found.name for name, _ in capabilities):
            continue
        line = unclosed_fence(found.text.text)
        if line is not None:
            diagnostics.append(
                content.UNCLOSED_FENCE.located(
                    found.text.rel, line, 1, opened=line, what="the capability text"
                )
            )
        capabilities.append((found.name, found.text))
        texts.append(found.text)
    return texts, capabilities


def _names(link: Link, sources: Sources) -> list[Diagnostic]:
    """The role's `[pipeline] handoff` and lineage links name roles that exist."""
    text, role = link
    known = sources.role_names()
    problems = [
        codes.ROLE_NOT_FOUND.at(
            ("pipeline", "handoff", i),
            what="pipeline handoff role",
            role=target,
            suggestion=_not_found(sources, target),
        )
        for i, target in enumerate(role.pipeline or ())
        if target not in known
    ]
    for path, link_text in role.lineage_links:
        match = LINK.fullmatch(link_text)
        if match and match.group(1) not in known:
            problems.append(
                content.BAD_LINK.at(
                    path,
                    problem=f"lineage link {link_text} names no role",
                    suggestion=f"link a role of {sources.config.roles_dir}/",
                )
            )
    return _at(text, *problems)
