"""What a catalog holds, for `assembler list`: its agents, its blocks and its roles, and for each block and
role the agents that use it. Pure: built from `CatalogData`, rendered as text or as data.

A block or role that a manifest names but that has no file is listed too, marked missing: the list says
what the manifests use as well as what the folders hold. Agents declared in `external_agents` are listed
among the agents, marked external.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from assembler.catalog_data import CatalogData
from assembler.printable import printable

KINDS = ("agents", "blocks", "roles")
WIDTH = 100  # a text row is cut to this many columns


@dataclass(frozen=True, slots=True)
class Agent:
    name: str
    file: str | None  # None: declared in external_agents, defined outside the catalog
    description: str | None
    model: str | None
    substrate_role: str | None
    blocks: tuple[str, ...]
    handoffs: tuple[str, ...]  # the handoff targets, in order

    @property
    def external(self) -> bool:
        return self.file is None


@dataclass(frozen=True, slots=True)
class Used:
    """A block or role: its file (None when missing) and the agents that name it."""

    name: str
    file: str | None
    agents: tuple[str, ...]
    note: str | None = None  # `obligatory` for a block every manifest must list; `extends X` for a role
    description: str | None = None


@dataclass(frozen=True)
class Inventory:
    agents: tuple[Agent, ...]
    blocks: tuple[Used, ...]
    roles: tuple[Used, ...]


def take_inventory(catalog: CatalogData) -> Inventory:
    agents = [
        Agent(
            m.name,
            m.rel,
            m.text_of("description"),
            m.text_of("model"),
            m.text_of("substrate_role"),
            m.strings("blocks"),
            _targets(m.data.get("handoff")),
        )
        for m in catalog.manifests
    ]
    declared = {a.name for a in agents}
    agents += [
        Agent(name, None, None, None, None, (), ())
        for name in catalog.config.external_agents
        if name not in declared
    ]
    agents.sort(key=lambda a: (a.name, a.file or ""))
    return Inventory(tuple(agents), _blocks(catalog, agents), _roles(catalog, agents))


def _targets(handoffs: object) -> tuple[str, ...]:
    if not isinstance(handoffs, list):
        return ()
    return tuple(h["target"] for h in handoffs if isinstance(h, dict) and isinstance(h.get("target"), str))


def _users(agents: list[Agent], uses: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for agent in agents:
        named = agent.blocks if uses == "blocks" else (agent.substrate_role,) if agent.substrate_role else ()
        for name in dict.fromkeys(named):
            found.setdefault(name, []).append(agent.name)
    return found


def _blocks(catalog: CatalogData, agents: list[Agent]) -> tuple[Used, ...]:
    users = _users(agents, "blocks")
    folder = catalog.layout.blocks if catalog.layout else None
    obligatory = set(catalog.config.obligatory_blocks)
    names = sorted({*catalog.blocks, *users, *obligatory})
    return tuple(
        Used(
            name,
            folder.file(f"{name}.md") if folder and name in catalog.blocks else None,
            tuple(users.get(name, ())),
            "obligatory" if name in obligatory else None,
        )
        for name in names
    )


def _roles(catalog: CatalogData, agents: list[Agent]) -> tuple[Used, ...]:
    users = _users(agents, "roles")
    files = {r.stem: r for r in catalog.roles}
    names = sorted({*files, *users})
    out = []
    for name in names:
        entry = files.get(name)
        parent = entry.text_of("capabilities", "extends") if entry else None
        description = entry.text_of("role", "description") if entry else None
        note = f"extends {parent}" if parent else None
        out.append(Used(name, entry.rel if entry else None, tuple(users.get(name, ())), note, description))
    return tuple(out)


def inventory_data(inventory: Inventory, kinds: tuple[str, ...] = KINDS) -> dict[str, object]:
    """The members of the JSON document: a list per kind asked for."""
    data: dict[str, object] = {}
    for kind in kinds:
        items = getattr(inventory, kind)
        data[kind] = [
            {**asdict(item), "external": item.external} if kind == "agents" else asdict(item)
            for item in items
        ]
    return data


def inventory_text(inventory: Inventory, kinds: tuple[str, ...] = KINDS) -> str:
    """One row per item, in aligned columns; with more than one kind, a heading before each kind's rows.
    An agent's description is cut to fit 100 columns; the agents using a block or role are all listed."""
    out: list[str] = []
    indent = "  " if len(kinds) > 1 else ""
    for kind in kinds:
        rows = _agent_rows(inventory.agents) if kind == "agents" else _used_rows(getattr(inventory, kind))
        if len(kinds) > 1:
            out += [*([""] if out else []), f"{kind} ({len(rows)}):"]
        lines = [printable(indent + row) for row in _aligned(rows)]
        out += [_cut(line) for line in lines] if kind == "agents" else lines
    return "".join(f"{line}\n" for line in out)


def _agent_rows(agents: tuple[Agent, ...]) -> list[list[str]]:
    rows = []
    for a in agents:
        if a.external:
            rows.append([a.name, "(external: defined outside the catalog)"])
        else:
            rows.append([a.name, a.model or "-", a.substrate_role or "-", _one_line(a.description or "")])
    return rows


def _used_rows(items: tuple[Used, ...]) -> list[list[str]]:
    rows = []
    for item in items:
        state = "(missing)" if item.file is None else item.note or ""
        used = f"used by {len(item.agents)}" + (f": {', '.join(item.agents)}" if item.agents else "")
        rows.append([item.name, state, used])
    return rows


def _aligned(rows: list[list[str]]) -> list[str]:
    """Each row's columns padded to the widest of their column (the last column is never padded)."""
    widths: dict[int, int] = {}
    for row in rows:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths.get(i, 0), len(cell))
    return [
        "  ".join([*(c.ljust(widths[i]) for i, c in enumerate(row[:-1])), row[-1]]).rstrip() for row in rows
    ]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cut(line: str) -> str:
    return line if len(line) <= WIDTH else line[: WIDTH - 1] + "…"
