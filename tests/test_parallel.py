from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from assembler import parallel
from assembler.config import Config
from assembler.job import Job
from assembler.layout import Layout, layout
from assembler.pipeline import plan_catalog


def _layout(root: Path) -> Layout:
    found, problems = layout(str(root), Config())
    assert found is not None, problems
    return found


def _job(root: Path) -> Job:
    return Job(_layout(root), Config(), datetime.date(2026, 11, 1))


def test_worker_processes_give_the_same_results_in_order(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()
    texts = sorted(p.name for p in (root / "_manifests").glob("*.toml"))
    sequential = parallel.process_all(_job(root), texts)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1)
    monkeypatch.setattr(parallel, "_cores", lambda: 2)
    pooled = parallel.process_all(_job(root), texts)
    assert [r.stem for r in pooled] == [r.stem for r in sequential] == ["fixer", "reviewer"]
    assert [r.outputs for r in pooled] == [r.outputs for r in sequential]
    assert all(r.outputs and r.outputs[0][1] for r in pooled)


def test_plan_through_the_pool_equals_the_plan_in_process(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()
    alone = plan_catalog(root)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1)
    monkeypatch.setattr(parallel, "_cores", lambda: 2)
    pooled = plan_catalog(root)
    assert pooled.outputs == alone.outputs
    assert pooled.diagnostics == alone.diagnostics
