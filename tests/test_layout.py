"""layout: the catalog's root is found from below, folders are resolved once and kept inside the root."""

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
