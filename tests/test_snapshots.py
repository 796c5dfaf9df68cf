"""Snapshots of every generated file of the shipped catalog, every target's (its assembler.toml chooses them
all).

A change to a block, a manifest or a template shows up in review as a diff of these snapshot files;
`make snapshots` refreshes them after a deliberate change. Claude Code's files keep the names they had
before there were targets (`validator.md`); another target's carry its folder (`kiro-validator.json`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from assembler.check import compare
from assembler.pipeline import Plan, plan_catalog
from tests.conftest import REPO


class TextSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    file_extension = "txt"


def _plan() -> Plan:
    plan = plan_catalog(REPO, trust=False)
    assert plan.ok, plan.diagnostics
    return plan


PLAN = _plan()


def _id(rel: str) -> str:
    return rel.removeprefix("_generated/").replace("/", "-")


@pytest.mark.parametrize("output", PLAN.outputs, ids=[_id(o.rel) for o in PLAN.outputs])
def test_generated_file(output: object, snapshot: SnapshotAssertion) -> None:
    from assembler.pipeline import Output

    assert isinstance(output, Output) and output.text is not None
    assert output.text == snapshot(extension_class=TextSnapshot)


def test_committed_generated_files_match_the_sources() -> None:
    """What `assembler check --full` says: nothing stale, missing, orphaned or hand-edited."""
    assert [(d.rel, d.kind.value) for d in compare(PLAN)] == []


def test_every_target_is_in_the_snapshots() -> None:
    from assembler.targets import TARGETS

    folders = {Path(o.rel).parent.name for o in PLAN.outputs}
    assert folders == {"_generated", *(name for name in TARGETS if name != "claude")}


def test_without_a_targets_table_claudes_files_are_what_they_were(tmp_path: Path) -> None:
    """No [targets] table: Claude Code alone, and its files byte for byte those of the shipped catalog
    (which chooses every target): the snapshots of Claude's files did not change when targets came."""
    root = tmp_path / "repo"
    for name in ("_manifests", "_blocks", "_roles", "_capabilities"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "assembler.toml").read_text(encoding="utf-8")
    (root / "assembler.toml").write_text(config.split("\n[targets.", 1)[0], encoding="utf-8")
    alone = plan_catalog(root, trust=False)
    assert alone.ok, alone.diagnostics
    shipped = {o.rel: o.text for o in PLAN.outputs}
    assert [o.rel for o in alone.outputs] == [rel for rel in shipped if rel.count("/") == 1]
    assert all(o.text == shipped[o.rel] for o in alone.outputs)
