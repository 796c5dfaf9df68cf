"""Run the per-manifest work on every core when the catalog is large enough to pay for the processes."""

from __future__ import annotations

import itertools
import os
import sys

from assembler.job import Job, Result, Worker
from assembler.progress import track

# Below this many outputs (manifests times targets), starting processes costs more than it saves: when
# the outputs must be rendered, and when their stamps are only verified (a clean `check`, a build with
# nothing to do), which is a fraction of the work.
RENDER_MIN = 200
PARALLEL_MIN = 400
_worker: Worker | None = None


def _init(job: Job | None) -> None:
    """In each worker process: die with the run (a run killed with -9 leaves no worker staging files
    behind it), and, where processes are not forked, build the worker."""
    global _worker
    if sys.platform == "linux":
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the run died before the line above
            os._exit(1)
    if job is not None:
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
    to use in this process, so that its caches serve the caller afterwards."""
    global _worker
    worker = worker or Worker(job)
    if not rels:
        return []
    # The first manifest is processed here, before any process starts: the modules, templates and caches
    # it loads are then every forked process's from the start, instead of each loading its own; and it
    # shows whether this run renders.
    first = worker.process(rels[0])
    files = len(rels) * len(worker.chosen)  # each manifest has a file per chosen target
    if files < (RENDER_MIN if _rendered(first) else PARALLEL_MIN) or _cores() < 2 or len(rels) < 2:
        results = itertools.chain([first], map(worker.process, rels[1:]))
        return list(track(results, len(rels), "manifests", enabled=progress))
    import multiprocessing

    forked = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forked else "spawn")
    cores = _cores()
    chunk = max(16, len(rels) // (cores * 8))
    _worker = worker if forked else None
    try:
        with context.Pool(cores, initializer=_init, initargs=(None if forked else job,)) as pool:
            rest = pool.imap(_run, rels[1:], chunksize=chunk)
            return list(track(itertools.chain([first], rest), len(rels), "manifests", enabled=progress))
    finally:
        _worker = None


def _rendered(result: Result) -> bool:
    """Whether the manifest's outputs were rendered (not found current by their stamps)."""
    return bool(result.staged) or any(text is not None for _, text in result.outputs)
