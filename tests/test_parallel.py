from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from assembler import parallel
from assembler.config import Config
from assembler.job import Job, Result, Worker
from assembler.layout import Layout, layout
from assembler.pipeline import plan_catalog
from assembler.write import apply_plan


def _layout(root: Path) -> Layout:
    found, problems = layout(str(root), Config())
    assert found is not None, problems
    return found


def _job(root: Path) -> Job:
    return Job(_layout(root), Config(), datetime.date(2026, 11, 1))


def _pool_always(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Use the pool for any catalog; returns the start methods of the pools made."""
    import multiprocessing

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1)
    monkeypatch.setattr(parallel, "RENDER_MIN", 1)
    monkeypatch.setattr(parallel, "_cores", lambda: 2)
    made: list[str] = []
    real = multiprocessing.get_context

    def spy(method: str | None = None) -> object:
        made.append(str(method))
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", spy)
    return made


def test_worker_processes_give_the_same_results_in_order(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()
    texts = sorted(p.name for p in (root / "_manifests").glob("*.toml"))
    sequential = parallel.process_all(_job(root), texts)
    _pool_always(monkeypatch)
    pooled = parallel.process_all(_job(root), texts)
    assert [r.stem for r in pooled] == [r.stem for r in sequential] == ["fixer", "reviewer"]
    assert [r.outputs for r in pooled] == [r.outputs for r in sequential]
    assert all(r.outputs and r.outputs[0][1] for r in pooled)


def test_plan_through_the_pool_equals_the_plan_in_process(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()
    alone = plan_catalog(root)
    _pool_always(monkeypatch)
    pooled = plan_catalog(root)
    assert pooled.outputs == alone.outputs
    assert pooled.diagnostics == alone.diagnostics


def test_rendering_takes_the_pool_from_fewer_files_than_verifying_stamps(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()
    texts = sorted(p.name for p in (root / "_manifests").glob("*.toml"))
    made = _pool_always(monkeypatch)
    monkeypatch.setattr(parallel, "RENDER_MIN", 2)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 3)
    rendered = parallel.process_all(_job(root), texts)  # 2 files to render: the pool
    assert made == ["fork"] and all(text for r in rendered for _, text in r.outputs)
    apply_plan(plan_catalog(root))
    made.clear()
    verified = parallel.process_all(_job(root), texts)  # 2 files to verify: in this process
    assert made == [] and all(text is None for r in verified for _, text in r.outputs)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 2)
    parallel.process_all(_job(root), texts)
    assert made == ["fork"]


def test_forked_workers_use_the_worker_warmed_here(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()
    texts = sorted(p.name for p in (root / "_manifests").glob("*.toml"))
    _pool_always(monkeypatch)
    built: list[int] = []

    class Counted(Worker):
        def __init__(self, job: Job) -> None:
            built.append(1)
            super().__init__(job)
            self.token = f"worker-{len(built)}"

        def process(self, name: str) -> Result:
            result = super().process(name)
            result.stem += f"@{self.token}"  # which worker processed it, seen from here
            return result

    monkeypatch.setattr(parallel, "Worker", Counted)
    results = parallel.process_all(_job(root), texts)
    assert built == [1] and parallel._worker is None  # nor is it kept after the pool
    # The forked processes use the worker built here (one built there would be `worker-2`).
    assert [r.stem for r in results] == ["fixer@worker-1", "reviewer@worker-1"]
