"""Mermaid, DOT and data from a handoff graph; hostile names read back exactly by Mermaid's own parser,
pydot, and Graphviz where it is installed."""

from __future__ import annotations

import html
import json
import random
import shutil
import subprocess
from pathlib import Path

import pydot
import pytest

from assembler.graph import Edge, EdgeKind, Graph, Node, NodeKind
from assembler.graph_render import dot_string, graph_data, mermaid_label, render_dot, render_mermaid
from assembler.printable import printable
from tests.conftest import REPO

SMALL = Graph(
    (
        Node("baseline", NodeKind.BLOCK),
        Node("fixer", NodeKind.AGENT),
        Node("ghost", NodeKind.MISSING),
        Node("outsider", NodeKind.EXTERNAL),
    ),
    (
        Edge("fixer", "outsider", EdgeKind.HANDOFF, "ask", None, "patch"),
        Edge("fixer", "ghost", EdgeKind.HANDOFF),
        Edge("fixer", "baseline", EdgeKind.PARENT),
        Edge("fixer", "outsider", EdgeKind.FORK_FROM),
        Edge("fixer", "outsider", EdgeKind.SUCCESSOR),
    ),
)


def test_mermaid_word_for_word() -> None:
    assert render_mermaid(SMALL) == (
        "flowchart LR\n"
        '    n1[["baseline (block)"]]\n'
        '    n2["fixer"]\n'
        '    n3["ghost (no manifest)"]\n'
        '    n4(["outsider (outside this catalog)"])\n'
        "    n2 --> n4\n"
        "    n2 --> n3\n"
        "    n2 -.->|parent| n1\n"
        "    n2 -.->|fork of| n4\n"
        "    n2 -.->|successor| n4\n"
        "    classDef external stroke-dasharray: 5 5\n"
        "    class n4 external\n"
        "    classDef missing stroke:#c00,color:#c00\n"
        "    class n3 missing\n"
    )
    assert render_mermaid(Graph((), ())) == "flowchart LR\n"


def test_dot_word_for_word() -> None:
    assert render_dot(SMALL) == (
        "digraph handoffs {\n"
        "    rankdir=LR;\n"
        "    node [shape=box];\n"
        '    n1 [label="baseline (block)", shape=note];\n'
        '    n2 [label="fixer"];\n'
        '    n3 [label="ghost (no manifest)", color=red, fontcolor=red];\n'
        '    n4 [label="outsider (outside this catalog)", style=dashed];\n'
        "    n2 -> n4;\n"
        "    n2 -> n3;\n"
        '    n2 -> n1 [style=dashed, label="parent"];\n'
        '    n2 -> n4 [style=dashed, label="fork of"];\n'
        '    n2 -> n4 [style=dashed, label="successor"];\n'
        "}\n"
    )


def test_data() -> None:
    data = graph_data(SMALL)
    assert data["nodes"][3] == {"name": "outsider", "kind": "external"}  # type: ignore[index]
    assert data["edges"][0] == {  # type: ignore[index]
        "source": "fixer",
        "target": "outsider",
        "kind": "handoff",
        "trigger": "ask",
        "expects_artifact": None,
        "produces_artifact": "patch",
    }


def test_escapers() -> None:
    assert mermaid_label('a "b" #1;') == "a #34;b#34; #35;1#59;"
    assert mermaid_label("  x  ") == "#32;#32;x#32;#32;"
    assert mermaid_label("a\x1b") == "a#92;u001b"
    assert dot_string('a\\b"c\nd') == '"a\\\\b\\"c\\\\u000ad"'
    assert dot_string("&lt;") == '"&amp;lt;"'


CRAFTED = [
    'quote"inside',
    "back\\slash\\",
    "ends with \\",
    "#quot;",
    "#35;",
    "%% comment",
    "a;b|c",
    "[[brackets]]",
    "(paren)",
    "{brace}",
    "<script>alert(1)</script>",
    "&amp; &lt;",
    "`code` **bold**",
    "--> arrow",
    "-.-> dotted",
    "end",
    "graph",
    "classDef x fill:red",
    "line\nbreak",
    "cr\r\nlf",
    "tab\there",
    "nul\x00",
    "esc\x1b[2J",
    "rtl\u202eoverride",
    "zero\u200bwidth",
    "emoji 😀",
    "  leading",
    "trailing  ",
    "inner  spaces",
    "ünïcödé ✓",
    "\\N \\G \\l",
    "}",
    "n1",
]


def hostile_names(count: int = 60, seed: int = 7) -> list[str]:
    pool = " \"'#;:|[](){}<>&%`*\\/-.=!?@$^~_\n\r\t\x00\x1b\x7f\u202e\u200béü✓😀abcXYZ019"
    rng = random.Random(seed)
    made = {"".join(rng.choice(pool) for _ in range(rng.randint(1, 24))) for _ in range(count)}
    return [*CRAFTED, *sorted(n for n in made if n.strip(" ") and n not in CRAFTED)]


def hostile_graph() -> Graph:
    names = hostile_names()
    kinds = list(NodeKind)
    nodes = tuple(Node(name, kinds[i % len(kinds)]) for i, name in enumerate(names))
    edges = tuple(
        Edge(names[i], names[(i * 7 + 3) % len(names)], list(EdgeKind)[i % 4]) for i in range(len(names))
    )
    return Graph(nodes, edges)


def shown(node: Node) -> str:
    suffix = {
        "agent": "",
        "external": " (outside this catalog)",
        "missing": " (no manifest)",
        "block": " (block)",
    }
    return printable(node.name + suffix[node.kind.value])


MERMAID_MODULES = REPO / "tools" / "mermaid" / "node_modules"


def mermaid_parse(texts: list[str]) -> list[dict[str, object]]:
    if not (MERMAID_MODULES / "mermaid").is_dir() or shutil.which("node") is None:
        pytest.skip("Mermaid is not installed in tools/mermaid (`make mermaid` needs npm and Node)")
    done = subprocess.run(
        ["node", str(REPO / "tests" / "mermaid_parse.mjs"), str(MERMAID_MODULES)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    results: list[dict[str, object]] = json.loads(done.stdout)
    return results


def test_mermaid_reads_back_every_hostile_name() -> None:
    graph = hostile_graph()
    (parsed,) = mermaid_parse([render_mermaid(graph)])
    assert parsed["ok"], parsed.get("error")
    ids = {f"n{i}": node for i, node in enumerate(graph.nodes, start=1)}
    vertices = {v["id"]: v for v in parsed["vertices"]}  # type: ignore[attr-defined]
    assert set(vertices) == set(ids)
    for node_id, node in ids.items():
        assert vertices[node_id]["text"] == shown(node), node.name
        marked = {NodeKind.EXTERNAL: ["external"], NodeKind.MISSING: ["missing"]}.get(node.kind, [])
        assert vertices[node_id]["classes"] == marked
    by_name = {node.name: node_id for node_id, node in ids.items()}
    edges = [(e["start"], e["end"], e["stroke"]) for e in parsed["edges"]]  # type: ignore[attr-defined]
    assert edges == [
        (by_name[e.source], by_name[e.target], "normal" if e.kind is EdgeKind.HANDOFF else "dotted")
        for e in graph.edges
    ]


def test_the_shipped_catalogs_graph_is_mermaid() -> None:
    from assembler.catalog_data import read_catalog_data
    from assembler.graph import handoff_graph

    catalog = read_catalog_data(REPO)
    texts = [render_mermaid(handoff_graph(catalog, lineage=lineage)) for lineage in (False, True)]
    for parsed in mermaid_parse(texts):
        assert parsed["ok"] and parsed["type"] == "flowchart-v2", parsed.get("error")
    broken = mermaid_parse(['flowchart LR\n    n1["a"b"]\n'])[0]
    assert not broken["ok"]  # the parser does refuse what is not Mermaid


def unquoted(label: str) -> str:
    """A DOT quoted string's text, as Graphviz reads a label: `\\\\` is a backslash, `\\"` a quote, and
    HTML entities are characters."""
    assert label.startswith('"') and label.endswith('"'), label
    out, i = [], 1
    while i < len(label) - 1:
        if label[i] == "\\" and label[i + 1] in '\\"':
            out.append(label[i + 1])
            i += 2
        else:
            out.append(label[i])
            i += 1
    return html.unescape("".join(out))


@pytest.mark.filterwarnings("ignore:'\\w+' deprecated")  # pydot 4.0.1 under a newer pyparsing
def test_pydot_reads_back_every_hostile_name() -> None:
    graph = hostile_graph()
    found = pydot.graph_from_dot_data(render_dot(graph))
    assert found is not None
    (parsed,) = found
    labels = {n.get_name(): unquoted(n.get("label")) for n in parsed.get_nodes() if n.get("label")}
    assert labels == {f"n{i}": shown(node) for i, node in enumerate(graph.nodes, start=1)}
    assert len(parsed.get_edges()) == len(graph.edges)


def test_graphviz_draws_every_hostile_name(tmp_path: Path) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz's dot is not installed (Debian package graphviz)")
    graph = hostile_graph()
    done = subprocess.run(
        [dot, "-Tjson"], input=render_dot(graph), capture_output=True, text=True, check=True
    )
    drawn = {
        o["name"]: "".join(op["text"] for op in o.get("_ldraw_", []) if op["op"] == "T")
        for o in json.loads(done.stdout)["objects"]
    }
    assert drawn == {f"n{i}": shown(node) for i, node in enumerate(graph.nodes, start=1)}
