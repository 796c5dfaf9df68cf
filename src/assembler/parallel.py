"""Run the per-manifest work on every core when the catalog is large enough to pay for the processes."""

from __future__ import annotations

import os

from assembler.job import Job, Result, Worker
from assembler.progress import track
from assembler.targets import selected

PARALLEL_MIN = 400  # below this many outputs, starting processes costs more than it saves
_worker: Worker | None = None


def _init(job: Job) -> None:
    global _worker
    _worker = Worker(job)


def _run(rel: str) -> Result:
    assert _worker is not None
    return _worker.process(rel)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_all(
    job: Job, rels: list[str], *, progress: bool = False, worker: Worker | None = None
) -> list[Result]:
    """Process every manifest (by its path); results come back in the order of `rels`. `worker`: the one
    to use when the work stays in this process, so that its caches serve the caller afterwards."""
    cores = _cores()
    files = len(rels) * len(selected(job.config))  # each manifest renders a file per chosen target
    if files < PARALLEL_MIN or cores < 2:
        worker = worker or Worker(job)
        return list(track(map(worker.process, rels), len(rels), "manifests", enabled=progress))
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(16, len(rels) // (cores * 8))
    with context.Pool(cores, initializer=_init, initargs=(job,)) as pool:
        results = pool.imap(_run, rels, chunksize=chunk)
        return list(track(results, len(rels), "manifests", enabled=progress))
