"""layout: the catalog's folders, the output folders of the targets and those searched for orphans."""

from __future__ import annotations

from pathlib import Path

from assembler.config import Config
from assembler.layout import layout


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
