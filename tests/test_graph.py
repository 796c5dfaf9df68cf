"""The handoff graph of a catalog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assembler.catalog_data import read_catalog_data
from assembler.graph import Edge, EdgeKind, Graph, NodeKind, handoff_graph
from tests.conftest import manifest


def graph_of(root: Path, *, lineage: bool = False) -> Graph:
    return handoff_graph(read_catalog_data(root, roles=False), lineage=lineage)


HANDOFFS = """
[[handoff]]
target = "reviewer"
trigger = "the fix is ready"
expects_artifact = "review"
produces_artifact = "patch"

[[handoff]]
target = "outsider"
trigger = "ask outside"

[[handoff]]
target = "nobody"
trigger = "a typo"

[[handoff]]
trigger = "no target"
"""


def test_handoffs_with_external_and_missing_targets_marked(catalog: Callable[..., Path]) -> None:
    fixer = manifest("fixer", "reviewer").split("[[handoff]]")[0] + HANDOFFS + "[taxonomy]\n"
    root = catalog(
        {"assembler.toml": 'external_agents = ["outsider", "unused"]\n', "_manifests/fixer.toml": fixer}
    )
    graph = graph_of(root)
    assert [(n.name, n.kind) for n in graph.nodes] == [
        ("fixer", NodeKind.AGENT),
        ("nobody", NodeKind.MISSING),
        ("outsider", NodeKind.EXTERNAL),  # declared and named; `unused` is named by no one
        ("reviewer", NodeKind.AGENT),
    ]
    assert graph.edges == (
        Edge("fixer", "reviewer", EdgeKind.HANDOFF, "the fix is ready", "review", "patch"),
        Edge("fixer", "outsider", EdgeKind.HANDOFF, "ask outside"),
        Edge("fixer", "nobody", EdgeKind.HANDOFF, "a typo"),
        Edge("reviewer", "fixer", EdgeKind.HANDOFF, "the patch needs changes"),
    )


def test_lineage_links_to_agents_blocks_and_nowhere(catalog: Callable[..., Path]) -> None:
    reviewer = manifest("reviewer", "fixer").replace(
        'parents = ["[[baseline]]"]',
        'parents = ["[[baseline]]", "[[fixer]]", "plain text", "[[gone]]"]\nfork_from = "[[fixer]]"\n'
        'successor = "[[Bad Link]]"',
    )
    graph = graph_of(catalog({"_manifests/reviewer.toml": reviewer}), lineage=True)
    assert [(n.name, n.kind) for n in graph.nodes] == [
        ("baseline", NodeKind.BLOCK),
        ("fixer", NodeKind.AGENT),
        ("gone", NodeKind.MISSING),
        ("reviewer", NodeKind.AGENT),
    ]
    assert [(e.source, e.target, e.kind) for e in graph.edges if e.kind is not EdgeKind.HANDOFF] == [
        ("fixer", "baseline", EdgeKind.PARENT),
        ("reviewer", "baseline", EdgeKind.PARENT),
        ("reviewer", "fixer", EdgeKind.PARENT),
        ("reviewer", "gone", EdgeKind.PARENT),
        ("reviewer", "fixer", EdgeKind.FORK_FROM),
    ]
    assert all(e.kind is EdgeKind.HANDOFF for e in graph_of(catalog()).edges)


def test_values_of_the_wrong_type_are_left_out(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "_manifests/fixer.toml": 'name = "fixer"\nhandoff = "reviewer"\nlineage = 3\n',
            "_manifests/reviewer.toml": 'name = "reviewer"\n'
            'handoff = [1, {target = 2}, {target = "fixer", trigger = 3}]\n'
            "[lineage]\nparents = 4\n",
        }
    )
    graph = graph_of(root, lineage=True)
    assert graph.edges == (Edge("reviewer", "fixer", EdgeKind.HANDOFF),)


def test_a_manifest_without_a_name_is_its_stem(catalog: Callable[..., Path]) -> None:
    graph = graph_of(catalog({"_manifests/fixer.toml": 'description = "x"\n'}))
    assert [n.name for n in graph.nodes] == ["fixer", "reviewer"]
