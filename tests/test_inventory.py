"""What `assembler list` makes of a catalog."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from assembler.catalog_data import read_catalog_data
from assembler.inventory import Inventory, inventory_data, inventory_text, take_inventory
from tests.conftest import manifest, role_file


def inventory_of(root: Path) -> Inventory:
    data = read_catalog_data(root)
    assert data.diagnostics == []
    return take_inventory(data)


def test_agents_blocks_and_roles_with_their_users(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "assembler.toml": 'external_agents = ["outsider"]\n',
            "_roles/reader.toml": role_file("reader"),
            "_roles/editor.toml": role_file("editor", extends="reader"),
            "_blocks/unused.md": "# UNUSED\n",
            "_manifests/fixer.toml": manifest("fixer", "reviewer").replace(
                'model = "sonnet"', 'model = "opus"\nsubstrate_role = "editor"'
            ),
            "_manifests/reviewer.toml": manifest("reviewer", "outsider").replace(
                '"memory-protocol"]', '"memory-protocol", "gone", "gone"]\nsubstrate_role = "ghost"'
            ),
        }
    )
    inventory = inventory_of(root)
    assert [(a.name, a.model, a.substrate_role, a.handoffs, a.external) for a in inventory.agents] == [
        ("fixer", "opus", "editor", ("reviewer",), False),
        ("outsider", None, None, (), True),
        ("reviewer", "sonnet", "ghost", ("outsider",), False),
    ]
    assert [(b.name, b.file, b.agents, b.note) for b in inventory.blocks] == [
        ("baseline", "_blocks/baseline.md", ("fixer", "reviewer"), "obligatory"),
        ("evidence-grading", "_blocks/evidence-grading.md", ("fixer", "reviewer"), "obligatory"),
        ("gone", None, ("reviewer",), None),  # named twice, counted once
        ("memory-protocol", "_blocks/memory-protocol.md", ("fixer", "reviewer"), "obligatory"),
        ("unused", "_blocks/unused.md", (), None),
    ]
    assert [(r.name, r.file, r.agents, r.note) for r in inventory.roles] == [
        ("editor", "_roles/editor.toml", ("fixer",), "extends reader"),
        ("ghost", None, ("reviewer",), None),
        ("reader", "_roles/reader.toml", (), None),
    ]


def test_the_text_word_for_word(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {"_roles/reader.toml": role_file("reader"), "assembler.toml": 'external_agents = ["far"]\n'}
    )
    inventory = inventory_of(root)
    assert inventory_text(inventory) == (
        "agents (3):\n"
        "  far       (external: defined outside the catalog)\n"
        "  fixer     sonnet  -  Reviews patches: reads the diff, runs the tests and reports.\n"
        "  reviewer  sonnet  -  Reviews patches: reads the diff, runs the tests and reports.\n"
        "\n"
        "blocks (3):\n"
        "  baseline          obligatory  used by 2: fixer, reviewer\n"
        "  evidence-grading  obligatory  used by 2: fixer, reviewer\n"
        "  memory-protocol   obligatory  used by 2: fixer, reviewer\n"
        "\n"
        "roles (1):\n"
        "  reader    used by 0\n"
    )
    assert inventory_text(inventory, ("roles",)) == "reader    used by 0\n"


def test_a_long_description_is_cut_and_users_are_not(catalog: Callable[..., Path]) -> None:
    long = "word " * 40
    root = catalog({"_manifests/fixer.toml": manifest("fixer", "reviewer").replace("Reviews patches:", long)})
    lines = inventory_text(inventory_of(root), ("agents",)).splitlines()
    assert len(lines[0]) == 100 and lines[0].endswith("…")
    many = catalog({f"_manifests/agent-{i:03d}.toml": manifest(f"agent-{i:03d}", "fixer") for i in range(30)})
    blocks = inventory_text(inventory_of(many), ("blocks",)).splitlines()
    assert blocks[0].endswith("agent-029, fixer, reviewer") and len(blocks[0]) > 300


def test_hostile_text_cannot_drive_the_terminal(catalog: Callable[..., Path]) -> None:
    hostile = 'description = "x\\u001b[2J\\u202eevil\\tok\\nnext"'
    root = catalog({"_manifests/fixer.toml": manifest("fixer", "reviewer", description=hostile)})
    row = inventory_text(inventory_of(root), ("agents",)).splitlines()[0]
    assert row.endswith("x\\u001b[2J\\u202eevil ok next")
    assert "\x1b" not in row and "\u202e" not in row


def test_the_data_lists_what_was_asked(catalog: Callable[..., Path]) -> None:
    inventory = inventory_of(catalog())
    data = json.loads(json.dumps(inventory_data(inventory, ("agents",))))
    assert list(data) == ["agents"]
    fixer = data["agents"][0]
    assert fixer == {
        "name": "fixer",
        "file": "_manifests/fixer.toml",
        "description": "Reviews patches: reads the diff, runs the tests and reports.",
        "model": "sonnet",
        "substrate_role": None,
        "blocks": ["baseline", "evidence-grading", "memory-protocol"],
        "handoffs": ["reviewer"],
        "external": False,
    }
    assert list(json.loads(json.dumps(inventory_data(inventory)))) == ["agents", "blocks", "roles"]
