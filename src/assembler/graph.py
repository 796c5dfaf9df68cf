"""The handoff graph of a catalog, for `assembler graph`: who hands off to whom, and, when asked, the lineage
links (parents, fork_from, successor) to agents and blocks. Pure: built from `CatalogData`; `graph_render`
writes it as Mermaid, DOT or data.

Every agent with a manifest is a node, named by its `name` (its file's stem when it has none). A handoff
target that is declared in `external_agents` is a node marked external; one that is neither is marked
missing, so the graph of a catalog with errors still shows where they are. The graph is deterministic:
nodes sorted by name, edges by source, each agent's handoffs in the order its manifest lists them, then its
lineage links.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from assembler.catalog_data import CatalogData, Entry
from assembler.names import LINK


class NodeKind(StrEnum):
    AGENT = "agent"
    EXTERNAL = "external"  # declared in external_agents: defined outside the catalog
    MISSING = "missing"  # named by a handoff or link, but neither an agent nor external
    BLOCK = "block"  # named by a lineage link (only with lineage)


class EdgeKind(StrEnum):
    HANDOFF = "handoff"
    PARENT = "parent"
    FORK_FROM = "fork_from"
    SUCCESSOR = "successor"


@dataclass(frozen=True, slots=True)
class Node:
    name: str
    kind: NodeKind


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    trigger: str | None = None  # handoffs: when to hand off
    expects: str | None = None  # handoffs: expects_artifact
    produces: str | None = None  # handoffs: produces_artifact


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def handoff_graph(catalog: CatalogData, *, lineage: bool = False) -> Graph:
    agents = {m.name for m in catalog.manifests}
    blocks = set(catalog.blocks)
    external = catalog.config.external_agents
    edges: list[Edge] = []
    for manifest in sorted(catalog.manifests, key=lambda m: (m.name, m.rel)):
        edges += _handoffs(manifest)
        if lineage:
            edges += _links(manifest)
    kinds = {name: NodeKind.AGENT for name in agents}
    for edge in edges:
        if edge.target not in kinds:
            kinds[edge.target] = _kind_of(edge, blocks, external)
    nodes = tuple(Node(name, kind) for name, kind in sorted(kinds.items()))
    return Graph(nodes, tuple(edges))


def _kind_of(edge: Edge, blocks: set[str], external: frozenset[str]) -> NodeKind:
    if edge.kind is EdgeKind.HANDOFF:
        return NodeKind.EXTERNAL if edge.target in external else NodeKind.MISSING
    return NodeKind.BLOCK if edge.target in blocks else NodeKind.MISSING


def _handoffs(manifest: Entry) -> list[Edge]:
    handoffs = manifest.data.get("handoff")
    found = []
    for handoff in handoffs if isinstance(handoffs, list) else ():
        target = handoff.get("target") if isinstance(handoff, dict) else None
        if isinstance(target, str) and target:
            texts = [handoff.get(k) for k in ("trigger", "expects_artifact", "produces_artifact")]
            trigger, expects, produces = (t if isinstance(t, str) else None for t in texts)
            found.append(Edge(manifest.name, target, EdgeKind.HANDOFF, trigger, expects, produces))
    return found


def _links(manifest: Entry) -> list[Edge]:
    lineage = manifest.data.get("lineage")
    if not isinstance(lineage, dict):
        return []
    parents = lineage.get("parents")
    written = [(EdgeKind.PARENT, p) for p in (parents if isinstance(parents, list) else ())]
    written += [
        (EdgeKind.FORK_FROM, lineage.get("fork_from")),
        (EdgeKind.SUCCESSOR, lineage.get("successor")),
    ]
    found = []
    for kind, link in written:
        match = LINK.fullmatch(link) if isinstance(link, str) else None
        if match:
            found.append(Edge(manifest.name, match.group(1), kind))
    return found
