"""The synthetic catalogs of `benchmarks/catalog.py` are deterministic and as big as promised."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from benchmarks.catalog import (
    OBLIGATORY_BLOCKS,
    POOL_BLOCKS,
    ROLES,
    SHARED_BLOCK,
    CatalogInfo,
    toml_multiline,
    toml_str,
    write_catalog,
)

N_AGENTS = 300


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> CatalogInfo:
    return write_catalog(tmp_path_factory.mktemp("bench") / "catalog", N_AGENTS)


@pytest.fixture(scope="module")
def manifests(catalog: CatalogInfo) -> dict[str, dict[str, Any]]:
    return {
        path.stem: tomllib.loads(path.read_text(encoding="utf-8"))
        for path in sorted((catalog.root / "_manifests").glob("*.toml"))
    }


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_two_writes_are_byte_identical(tmp_path: Path) -> None:
    write_catalog(tmp_path / "a", 50, seed=3)
    write_catalog(tmp_path / "b", 50, seed=3)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_another_seed_gives_another_catalog(tmp_path: Path) -> None:
    write_catalog(tmp_path / "a", 50, seed=1)
    write_catalog(tmp_path / "b", 50, seed=2)
    assert tree(tmp_path / "a") != tree(tmp_path / "b")


def test_too_small_a_catalog_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 10 agents"):
        write_catalog(tmp_path, 9)


def test_file_counts(catalog: CatalogInfo, manifests: dict[str, dict[str, Any]]) -> None:
    root = catalog.root
    assert list(manifests) == list(catalog.agents)
    assert len(manifests) == N_AGENTS
    blocks = {path.stem for path in (root / "_blocks").glob("*.md")}
    assert blocks == {*OBLIGATORY_BLOCKS, *POOL_BLOCKS}
    assert len(POOL_BLOCKS) == 40
    assert {path.stem for path in (root / "_roles").glob("*.toml")} == set(ROLES)
    assert catalog.total_bytes == sum(len(data) for data in tree(root).values())


def test_config(catalog: CatalogInfo) -> None:
    config = tomllib.loads((catalog.root / "assembler.toml").read_text(encoding="utf-8"))
    assert config == {
        "obligatory_blocks": ["baseline", "evidence-grading", "memory-protocol"],
        "path_aliases": {"user-rules": "~/.claude/rules", "project-docs": "docs"},
    }


def test_manifest_sizes(catalog: CatalogInfo) -> None:
    sizes = [path.stat().st_size for path in (catalog.root / "_manifests").glob("*.toml")]
    assert min(sizes) >= 4_000
    assert max(sizes) <= 6_000


def test_manifest_fields(manifests: dict[str, dict[str, Any]]) -> None:
    for name, manifest in manifests.items():
        assert manifest["name"] == name
        assert "\n" not in manifest["description"]
        assert manifest["role"].count("\n\n") >= 1, name
        assert 8 <= len(manifest["domain_in"]) <= 12, name
        assert 5 <= len(manifest["forbidden_domain"]) <= 10, name
        for item in [*manifest["domain_in"], *manifest["forbidden_domain"]]:
            assert "\n" not in item
        assert manifest["taxonomy"]["kingdom"] == "manifest"
        assert manifest["taxonomy"]["stability"] != "deprecated"
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", manifest["lineage"]["created"])


def test_blocks_per_agent(manifests: dict[str, dict[str, Any]]) -> None:
    for name, manifest in manifests.items():
        blocks = manifest["blocks"]
        assert 6 <= len(blocks) <= 8, name
        assert len(set(blocks)) == len(blocks), name
        assert blocks[:3] == list(OBLIGATORY_BLOCKS), name
        assert set(blocks[3:]) <= set(POOL_BLOCKS), name


def test_shared_block_is_used_by_a_tenth(catalog: CatalogInfo, manifests: dict[str, dict[str, Any]]) -> None:
    users = [name for name, manifest in manifests.items() if SHARED_BLOCK in manifest["blocks"]]
    assert len(users) == catalog.shared_block_users
    assert 0.08 <= len(users) / N_AGENTS <= 0.12
    assert catalog.shared_block == catalog.root / "_blocks" / f"{SHARED_BLOCK}.md"
    assert catalog.shared_block.is_file()


def test_handoffs_go_to_other_agents(manifests: dict[str, dict[str, Any]]) -> None:
    for name, manifest in manifests.items():
        targets = [handoff["target"] for handoff in manifest["handoff"]]
        assert 3 <= len(targets) <= 6, name
        assert len(set(targets)) == len(targets), name
        assert name not in targets
        assert set(targets) <= set(manifests), name


def test_lineage_has_no_cycles(manifests: dict[str, dict[str, Any]]) -> None:
    for name, manifest in manifests.items():
        for parent in manifest["lineage"]["parents"]:
            parent_name = parent.removeprefix("[[").removesuffix("]]")
            assert parent_name == "baseline" or parent_name < name, (name, parent)


def test_roles_allow_the_tools_of_their_agents(
    catalog: CatalogInfo, manifests: dict[str, dict[str, Any]]
) -> None:
    root = catalog.root
    for manifest in manifests.values():
        if "substrate_role" in manifest:
            role_file = root / "_roles" / f"{manifest['substrate_role']}.toml"
            role = tomllib.loads(role_file.read_text(encoding="utf-8"))
            assert set(manifest["tools"]) <= set(role["tools"]["allowed"])
    for role_file in (root / "_roles").glob("*.toml"):
        role = tomllib.loads(role_file.read_text(encoding="utf-8"))
        for capability in role["capabilities"]["required"]:
            category, slug = capability.split("::")
            assert (root / "_capabilities" / category / slug / "text.md").is_file()


def test_blocks_are_plain_markdown_of_1_to_4_kb(catalog: CatalogInfo) -> None:
    for path in (catalog.root / "_blocks").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# ")
        assert "{{" not in text
        assert text.count("```") % 2 == 0
        assert 1_024 <= len(text.encode()) <= 4_096, path.name


def test_project_doc_references_exist(catalog: CatalogInfo, manifests: dict[str, dict[str, Any]]) -> None:
    for manifest in manifests.values():
        for reference in manifest["references"]["extra"]:
            if reference.startswith("path:project-docs/"):
                assert (catalog.root / "docs" / reference.split("/", 1)[1]).is_file()


TRICKY = [
    "plain",
    'a "quoted" word',
    "back\\slash and \\n not a newline",
    "tab\tand\rreturn\x00nul\x1fus\x7fdel",
    "accents é and astral 𝄞",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_toml_str_round_trips(text: str) -> None:
    assert tomllib.loads(f"x = {toml_str(text)}") == {"x": text}


@pytest.mark.parametrize("text", TRICKY)
def test_toml_multiline_round_trips(text: str) -> None:
    prose = f"{text}\n\nsecond paragraph with {text}\n"
    assert tomllib.loads(f"x = {toml_multiline(prose)}") == {"x": prose}
