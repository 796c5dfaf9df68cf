"""Run commands for `benchmarks/run.py`; report the wall time, peak memory and exit code of each.

Why a separate, small process: on Linux a child's `ru_maxrss` starts at its parent's peak resident
memory (fork and vfork copy the parent's high-water mark and exec keeps it), so a child of the
runner, which grows while it writes a catalog of 10,000 agents, would report the runner's peak.
This helper only ever holds a bare interpreter, so the figures are the commands' own, floored at
this process's size (the runner measures that floor by timing `true`).

Protocol, one JSON object per line: stdin `{"argv": [...], "output": path}` (stdout and stderr of
the command both go to `output`); stdout `{"seconds": s, "maxrss": ru_maxrss, "exit_code": n}`
or `{"error": message}` when the command could not be started. Imports are kept to a minimum.
"""

from __future__ import annotations

import json
import os
import sys
import time


def run(argv: list[str], output: str) -> dict[str, object]:
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    start = time.perf_counter()
    try:
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    except OSError as error:
        return {"error": f"cannot start {argv[0]}: {error}"}
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "maxrss": usage.ru_maxrss,
        "exit_code": os.waitstatus_to_exitcode(status),
    }


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        print(json.dumps(run(request["argv"], request["output"])), flush=True)


if __name__ == "__main__":
    main()
