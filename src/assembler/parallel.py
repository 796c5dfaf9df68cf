"""Run the per-manifest work on every core when the catalog is large enough to pay for the processes."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator

from assembler.job import Job, Result, Worker

PARALLEL_MIN = 400  # below this many manifests, starting processes costs more than it saves
_report_every = 100  # manifests between two updates of the progress line
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


def process_all(job: Job, rels: list[str], *, progress: bool = False) -> list[Result]:
    """Process every manifest (by its path); results come back in the order of `rels`."""
    cores = _cores()
    if len(rels) < PARALLEL_MIN or cores < 2:
        worker = Worker(job)
        return list(_report(map(worker.process, rels), len(rels), progress))
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(16, len(rels) // (cores * 8))
    with context.Pool(cores, initializer=_init, initargs=(job,)) as pool:
        return list(_report(pool.imap(_run, rels, chunksize=chunk), len(rels), progress))


def progress_bar(done: int, total: int, width: int = 30) -> str:
    """`assembler [#########---------------------] 3000/10000 manifests`"""
    filled = width * done // max(total, 1)
    return f"assembler [{'#' * filled}{'-' * (width - filled)}] {done}/{total} manifests"


def _report(results: Iterator[Result], total: int, progress: bool) -> Iterator[Result]:
    """Pass results through; after the first second, show a progress line on a terminal's stderr."""
    start = time.monotonic()
    shown = False
    for done, result in enumerate(results, start=1):
        if progress and time.monotonic() - start > 1.0 and (done % _report_every == 0 or done == total):
            sys.stderr.write(f"\r{progress_bar(done, total)}")
            sys.stderr.flush()
            shown = True
        yield result
    if shown:
        sys.stderr.write("\n")
