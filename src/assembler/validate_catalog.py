"""Checks across the catalog: handoff targets, agents named in `Agent(...)` tool permissions, unique names,
lineage links and cycles. Pure.

They need only a few facts of each valid manifest, read from its parsed data: small enough to travel back
from worker processes, and the same whether the manifest was validated in this run or trusted by its stamp.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from assembler.codes import content, general
from assembler.codes import roles as role_codes
from assembler.diagnostics import LIMIT, KeyPath, Problem, did_you_mean
from assembler.names import LINK

Found = list[tuple[str, Problem]]  # (manifest name, problem)


class Facts(NamedTuple):
    """What the checks across the catalog need of one valid manifest (a named tuple: it travels from the
    worker processes, and a tuple is pickled several times faster than a dataclass)."""

    name: str
    targets: tuple[str, ...]  # handoff targets, in order
    links: tuple[tuple[KeyPath, str], ...]  # lineage links (parents, fork_from, successor) by key path
    spawns: tuple[tuple[KeyPath, str, str], ...] = ()  # (key path, tool entry, agent) of Agent(...) in tools


def facts_of(data: Mapping[str, Any]) -> Facts:
    """The facts of a manifest's data, read defensively: values of the wrong type are left out (they are
    reported by the manifest's own validation)."""
    lineage = data.get("lineage")
    lineage = lineage if isinstance(lineage, Mapping) else {}
    parents = lineage.get("parents")
    links: list[tuple[KeyPath, str]] = [
        (("lineage", "parents", i), p)
        for i, p in enumerate(parents if isinstance(parents, list) else ())
        if isinstance(p, str)
    ]
    links += [
        (("lineage", key), lineage[key])
        for key in ("fork_from", "successor")
        if isinstance(lineage.get(key), str)
    ]
    handoffs = data.get("handoff")
    targets = tuple(
        h["target"] if isinstance(h, Mapping) and isinstance(h.get("target"), str) else ""
        for h in (handoffs if isinstance(handoffs, list) else ())
    )
    name = data.get("name")
    return Facts(name if isinstance(name, str) else "", targets, tuple(links), _spawns(data.get("tools")))


def _spawns(tools: Any) -> tuple[tuple[KeyPath, str, str], ...]:
    """The agents `Agent(a, b)` or `Task(a)` entries of `tools` name (read only where one may stand)."""
    if not isinstance(tools, list) or not any(isinstance(t, str) and t.startswith(_SPAWNING) for t in tools):
        return ()
    from assembler.claudecode.rules import spawned

    return tuple(
        (("tools", i), entry, agent)
        for i, entry in enumerate(tools)
        if isinstance(entry, str)
        for agent in spawned(entry)
    )


_SPAWNING = ("Agent(", "Task(")


def check_catalog(
    agents: Mapping[str, Facts],
    blocks: frozenset[str],
    all_stems: frozenset[str] | None = None,
    external: frozenset[str] = frozenset(),
) -> Found:
    """`agents` maps each parsed manifest's file stem to its facts; `all_stems` holds every manifest's stem
    (an invalid manifest is still an agent others may name); `external` the agents the configuration
    declares as defined outside the catalog (handoffs may name them, lineage may not; none may have a
    manifest)."""
    found: Found = []
    names = set(agents) if all_stems is None else set(all_stems)
    reachable = names | external
    by_name: dict[str, str] = {}
    for stem, m in sorted(agents.items()):
        if m.name and m.name in by_name:
            other = f"{by_name[m.name]}.toml"
            found.append((stem, general.DUPLICATE_NAME.at(("name",), name=m.name, other=other)))
        by_name.setdefault(m.name, stem)
        if m.name in external:
            found.append((stem, role_codes.EXTERNAL_AND_MANIFEST.at(("name",), name=m.name)))
        for i, target in enumerate(m.targets):
            if target and target not in reachable and target != m.name:
                close = did_you_mean(target, reachable) if i < LIMIT else None  # linear: no hint past it
                hint = (
                    f"{close} If it is defined outside the catalog, declare it in external_agents "
                    "(assembler.toml)"
                    if close
                    else "write a manifest for it, fix the name, or declare it in external_agents "
                    "(assembler.toml) if it is defined outside the catalog"
                )
                found.append(
                    (
                        stem,
                        content.UNKNOWN_HANDOFF_TARGET.at(
                            ("handoff", i, "target"), target=target, suggestion=hint
                        ),
                    )
                )
        for path, entry, agent in m.spawns:
            if agent not in reachable:
                from assembler.codes import claude

                hint = did_you_mean(agent, reachable) or (
                    "write a manifest for it, fix the name, or declare it in external_agents "
                    "(assembler.toml) if it is defined outside the catalog"
                )
                found.append(
                    (stem, claude.UNKNOWN_AGENT_IN_TOOLS.at(path, rule=entry, agent=agent, suggestion=hint))
                )
        for path, link in m.links:
            match = LINK.fullmatch(link)
            if match and match.group(1) not in names and match.group(1) not in blocks:
                found.append(
                    (
                        stem,
                        content.BAD_LINK.at(
                            path,
                            problem=f"lineage link {link} names no agent or block",
                            suggestion="link an existing agent (a manifest name) or block",
                        ),
                    )
                )
    found += _cycles(agents, names)
    return found


def _parents(m: Facts, names: set[str]) -> list[tuple[int, str]]:
    out = []
    for path, link in m.links:
        match = LINK.fullmatch(link)
        if path[1] == "parents" and match and match.group(1) in names:
            out.append((int(path[2]), match.group(1)))
    return out


def _cycles(agents: Mapping[str, Facts], names: set[str]) -> Found:
    """Report each cycle through `parents` once, at the link that closes it (iterative DFS)."""
    found: Found = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in sorted(agents):
        if state.get(start):
            continue
        path: list[str] = [start]
        stack = [iter(_parents(agents[start], names))]
        state[start] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            index, parent = step
            if state.get(parent) == 1:
                cycle = [*path[path.index(parent) :], parent]
                found.append(
                    (
                        path[-1],
                        content.LINEAGE_CYCLE.at(("lineage", "parents", index), cycle=" -> ".join(cycle)),
                    )
                )
            elif parent in agents and not state.get(parent):
                state[parent] = 1
                path.append(parent)
                stack.append(iter(_parents(agents[parent], names)))
    return found
