"""Snapshots of every generated file of the shipped catalog.

A change to a block, a manifest or a template shows up in review as a diff of these snapshot files;
`make snapshots` refreshes them after a deliberate change.
"""

from __future__ import annotations

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


@pytest.mark.parametrize("output", PLAN.outputs, ids=[Path(o.rel).name for o in PLAN.outputs])
def test_generated_file(output: object, snapshot: SnapshotAssertion) -> None:
    from assembler.pipeline import Output

    assert isinstance(output, Output) and output.text is not None
    assert output.text == snapshot(extension_class=TextSnapshot)


def test_committed_generated_files_match_the_sources() -> None:
    """What `assembler check --full` says: nothing stale, missing, orphaned or hand-edited."""
    assert [(d.rel, d.kind.value) for d in compare(PLAN)] == []
