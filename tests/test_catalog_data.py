"""Reading a catalog as data, without validating it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assembler.catalog_data import Entry, agent_names, read_catalog_data
from tests.conftest import role_file


def test_reads_manifests_roles_and_block_names(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {"_roles/reader.toml": role_file("reader"), "_blocks/.hidden.md": "x", "_blocks/a b.md": "x"}
    )
    data = read_catalog_data(root)
    assert data.diagnostics == []
    assert [(m.stem, m.rel, m.name) for m in data.manifests] == [
        ("fixer", "_manifests/fixer.toml", "fixer"),
        ("reviewer", "_manifests/reviewer.toml", "reviewer"),
    ]
    assert data.manifests[0].data["handoff"][0]["target"] == "reviewer"
    assert [(r.stem, r.name) for r in data.roles] == [("reader", "reader")]
    assert data.blocks == ["baseline", "evidence-grading", "memory-protocol"]  # no hidden file, no non-name


def test_a_file_that_does_not_parse_is_a_diagnostic_and_the_rest_is_read(
    catalog: Callable[..., Path],
) -> None:
    root = catalog({"_manifests/fixer.toml": 'name = "fixer"\ntools = [\n'})
    data = read_catalog_data(root)
    assert [m.stem for m in data.manifests] == ["reviewer"]
    assert [(d.code, d.file, d.line) for d in data.diagnostics] == [("A001", "_manifests/fixer.toml", 2)]


def test_an_invalid_configuration_stops_before_the_manifests(catalog: Callable[..., Path]) -> None:
    data = read_catalog_data(catalog({"assembler.toml": "manifests_dir = 3\n"}))
    assert [d.code for d in data.diagnostics] == ["A090"]
    assert data.manifests == [] and data.layout is None


def test_roles_are_read_only_when_asked(catalog: Callable[..., Path]) -> None:
    root = catalog({"_roles/reader.toml": role_file("reader")})
    assert read_catalog_data(root, roles=False).roles == []


def test_entry_reads_values_defensively() -> None:
    entry = Entry(
        "x", "_manifests/x.toml", "", {"name": 3, "blocks": ["a", 1, "b"], "lineage": {"creator": 2}}
    )
    assert entry.name == "x"  # not a string: the stem stands in
    assert entry.strings("blocks") == ("a", "b") and entry.strings("name") == ()
    assert entry.text_of("lineage", "creator") is None and entry.text_of("name", "deeper") is None
    role = Entry("r", "_roles/r.toml", "", {"role": {"name": "reader"}})
    assert role.name == "reader"


def test_agent_names_come_from_the_folder_the_configuration_names(tmp_path: Path) -> None:
    (tmp_path / "assembler.toml").write_text('manifests_dir = "agents"\n')
    (tmp_path / "agents").mkdir()
    for name in ("b.toml", "a.toml", ".hidden.toml", "notes.md"):
        (tmp_path / "agents" / name).write_text("not even TOML [")
    assert agent_names(tmp_path) == ["a", "b"]


def test_agent_names_of_no_catalog_are_none(tmp_path: Path) -> None:
    assert agent_names(tmp_path / "nowhere") == []
    (tmp_path / "assembler.toml").write_text("manifests_dir = [\n")
    assert agent_names(tmp_path) == []
