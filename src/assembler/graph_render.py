"""Write a handoff graph as Mermaid (for Markdown: GitHub renders it), as Graphviz DOT, or as data.

Names and texts come from manifests, so they are data: no name is ever written as an identifier. Nodes are
`n1`, `n2`... in the graph's order, and every name is a label written through the escaper of its language:
Mermaid's entity codes (`#35;`) for any character but letters, digits, inner spaces and `-_.,:/()`;
DOT's quoted strings with backslash escapes and `&amp;` (Graphviz reads entities in labels). Control and
format characters are shown as their codes first (`printable`), as `assembler list` shows them.
"""

from __future__ import annotations

from assembler.graph import EdgeKind, Graph, Node, NodeKind
from assembler.printable import printable

_SUFFIX = {
    NodeKind.AGENT: "",
    NodeKind.EXTERNAL: " (outside this catalog)",
    NodeKind.MISSING: " (no manifest)",
    NodeKind.BLOCK: " (block)",
}
_LINK_LABEL = {EdgeKind.PARENT: "parent", EdgeKind.FORK_FROM: "fork of", EdgeKind.SUCCESSOR: "successor"}
_MERMAID_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,:/()")


def _ids(graph: Graph) -> dict[str, str]:
    return {node.name: f"n{i}" for i, node in enumerate(graph.nodes, start=1)}


def mermaid_label(text: str) -> str:
    """The inside of a quoted Mermaid label that shows `text` (its control characters as their codes):
    every character but the safe ones as its entity code, and spaces at either end too (Mermaid trims
    them)."""
    shown = printable(text)
    inner = shown.strip(" ")
    start = len(shown) - len(shown.lstrip(" "))
    coded = "".join(ch if ch in _MERMAID_SAFE else f"#{ord(ch)};" for ch in inner)
    return "#32;" * start + coded + "#32;" * (len(shown) - len(inner) - start)


def _mermaid_node(node: Node, node_id: str) -> str:
    label = f'"{mermaid_label(node.name + _SUFFIX[node.kind])}"'
    if node.kind is NodeKind.EXTERNAL:
        return f"    {node_id}([{label}])"  # a stadium
    if node.kind is NodeKind.BLOCK:
        return f"    {node_id}[[{label}]]"  # a subroutine box
    return f"    {node_id}[{label}]"


def render_mermaid(graph: Graph) -> str:
    """A Mermaid flowchart, left to right: handoffs as arrows, lineage links as dotted arrows labelled with
    their kind; external agents dashed, missing ones in red."""
    ids = _ids(graph)
    lines = ["flowchart LR"]
    lines += [_mermaid_node(node, ids[node.name]) for node in graph.nodes]
    for edge in graph.edges:
        source, target = ids[edge.source], ids[edge.target]
        if edge.kind is EdgeKind.HANDOFF:
            lines.append(f"    {source} --> {target}")
        else:
            lines.append(f"    {source} -.->|{_LINK_LABEL[edge.kind]}| {target}")
    styled = {
        "external": [ids[n.name] for n in graph.nodes if n.kind is NodeKind.EXTERNAL],
        "missing": [ids[n.name] for n in graph.nodes if n.kind is NodeKind.MISSING],
    }
    if styled["external"]:
        lines += [
            "    classDef external stroke-dasharray: 5 5",
            f"    class {','.join(styled['external'])} external",
        ]
    if styled["missing"]:
        lines += [
            "    classDef missing stroke:#c00,color:#c00",
            f"    class {','.join(styled['missing'])} missing",
        ]
    return "\n".join(lines) + "\n"


def dot_string(text: str) -> str:
    """A DOT quoted string whose label shows `text` (its control characters as their codes): backslashes
    and quotes escaped, and `&` written as `&amp;`, since Graphviz reads HTML entities in any label."""
    escaped = printable(text).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{escaped}"'


_DOT_STYLE = {
    NodeKind.AGENT: "",
    NodeKind.EXTERNAL: ", style=dashed",
    NodeKind.MISSING: ", color=red, fontcolor=red",
    NodeKind.BLOCK: ", shape=note",
}


def render_dot(graph: Graph) -> str:
    """A Graphviz digraph, left to right, styled like the Mermaid one."""
    ids = _ids(graph)
    lines = ["digraph handoffs {", "    rankdir=LR;", "    node [shape=box];"]
    for node in graph.nodes:
        label = dot_string(node.name + _SUFFIX[node.kind])
        lines.append(f"    {ids[node.name]} [label={label}{_DOT_STYLE[node.kind]}];")
    for edge in graph.edges:
        arrow = f"    {ids[edge.source]} -> {ids[edge.target]}"
        if edge.kind is EdgeKind.HANDOFF:
            lines.append(f"{arrow};")
        else:
            lines.append(f"{arrow} [style=dashed, label={dot_string(_LINK_LABEL[edge.kind])}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def graph_data(graph: Graph) -> dict[str, object]:
    """The members of the JSON document: nodes and edges."""
    return {
        "nodes": [{"name": n.name, "kind": n.kind.value} for n in graph.nodes],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "kind": e.kind.value,
                "trigger": e.trigger,
                "expects_artifact": e.expects,
                "produces_artifact": e.produces,
            }
            for e in graph.edges
        ],
    }
