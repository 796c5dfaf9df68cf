"""layout: the root found from below, folders resolved once and kept inside it, the targets' output
folders and those searched for orphans."""

from __future__ import annotations

from pathlib import Path

from assembler.config import Config
from assembler.layout import find_root, layout, leaves_root


def test_find_root_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "cat" / "_manifests" / "deep").mkdir(parents=True)
    assert find_root(str(tmp_path / "cat" / "_manifests" / "deep")) == str(tmp_path / "cat")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "assembler.toml").write_text("")
    assert find_root(str(tmp_path / "other")) == str(tmp_path / "other")
    (tmp_path / "plain").mkdir()
    assert find_root(str(tmp_path / "plain")) is None  # nothing above a pytest folder holds a catalog


def test_leaves_root() -> None:
    assert leaves_root("../x") and leaves_root("/srv/x") and leaves_root("~/x")
    assert not leaves_root("_generated") and not leaves_root("a/../b")


def test_layout_resolves_every_folder(tmp_path: Path) -> None:
    found, problems = layout(str(tmp_path), Config())
    assert problems == [] and found is not None
    assert found.manifests.path == str(tmp_path / "_manifests")
    assert found.generated.rel == "_generated" and found.templates is None


def test_every_folder_leading_out_is_reported_together(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "out").mkdir()
    for name in ("_blocks", "_roles", "_generated"):
        (root / name).symlink_to(tmp_path / "out")
    found, problems = layout(str(root), Config())
    assert found is None
    assert sorted((d.code, d.file) for d in problems) == [
        ("A013", "_blocks"),
        ("A013", "_generated"),
        ("A013", "_roles"),
    ]


def test_an_outside_output_folder_named_by_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "root").mkdir()
    found, problems = layout(str(tmp_path / "root"), Config(generated_dir="../agents"))
    assert problems == [] and found is not None
    assert found.generated.path == str(tmp_path / "agents")


def test_output_folders_besides_generated(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    found, problems = layout(
        str(tmp_path), Config(), ["_generated", ".github/agents"], ["_generated/kiro", ".github/agents"]
    )
    assert problems == [] and found is not None
    assert [f.rel for f in found.outputs] == [".github/agents", "_generated/kiro"]


def test_scanned_folders_that_cannot_be_used_are_left_out(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "root"
    (root / ".kiro").mkdir(parents=True)
    (root / ".kiro/agents").symlink_to(outside)
    found, problems = layout(str(root), Config(), [], [".kiro/agents"])
    assert problems == [] and found is not None and found.outputs == ()
    refused, problems = layout(str(root), Config(), [".kiro/agents"], [])
    assert refused is None and [d.code for d in problems] == ["A013"]


def test_a_scanned_folder_that_is_an_output_folder_under_another_name(tmp_path: Path) -> None:
    (tmp_path / "_generated").mkdir()
    (tmp_path / ".claude").mkdir()
    (tmp_path / ".claude/agents").symlink_to(tmp_path / "_generated")
    found, problems = layout(str(tmp_path), Config(), [], [".claude/agents"])
    assert problems == [] and found is not None and found.outputs == ()
