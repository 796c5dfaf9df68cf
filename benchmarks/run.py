"""Time `assembler build` and `check` on synthetic catalogs and on the repository's own catalog.

Every figure is a whole, fresh process (cold: nothing is kept between runs), timed with
`time.perf_counter` from spawn to exit; its peak memory is the child's `ru_maxrss` from `os.wait4`
(both taken in `spawn.py`, which explains why). The floor rows (`python -c pass`,
`import assembler`, `assembler --version`) show how much of each figure is the interpreter and the
imports. Trees are reset by copying; the old ones are set aside, not deleted, until their section ends
(`trash.py` says why). Prints a Markdown table with a PASS/FAIL column against the targets of the issue and
writes the same figures as JSON.

    python -m benchmarks.run --sizes 200,1000,10000 --json bench-results.json

Exit status: 0 every target met, 1 some target failed, 2 usage error, 3 a command failed in a way
that makes the figures meaningless (a crash, `build` failing, `check` failing on a clean tree or
passing after the edit).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from benchmarks.catalog import MIN_AGENTS, SIX_TARGETS, CatalogInfo, write_catalog
from benchmarks.trash import Trash

REPO_ROOT = Path(__file__).resolve().parent.parent
BIG_SIZE = 10_000
DEFAULT_RUNS = 5
BIG_RUNS = 3
PEAK_LIMIT_MIB = 1e9 / 2**20  # "peak memory < 1 GB"
EDIT = "\n## Benchmark edit\n\n- One more rule, appended by benchmarks/run.py.\n"

# (size, scenario) -> limit in seconds for the median. Size 0 is the repository's own catalog.
TIME_TARGETS: dict[tuple[int, str], float] = {
    (200, "build from scratch"): 0.5,
    (200, "check clean"): 0.25,
    (0, "check clean"): 0.15,
    (0, "assembler --version"): 0.08,
    (BIG_SIZE, "build from scratch"): 10.0,
    (BIG_SIZE, "check clean"): 2.0,
    (BIG_SIZE, "build nothing to do"): 2.0,
}
LINEAR_FACTOR = 11.0  # t(10,000) <= 11 x t(1,000)
# `assembler set`: a key added to every manifest, and a value changed in a sixth of them (the catalog's
# opus agents; its models are sonnet, sonnet, sonnet, opus, haiku, inherit).
SET_SCENARIOS = (
    ("set, every manifest", "set max_turns=40"),
    ("set --where, a sixth", "set model=sonnet --where model=opus"),
)
TARGETS_FACTOR = 2.5  # six targets <= 2.5 x Claude Code alone, built side by side
ALONE = "build from scratch, Claude Code alone"
SIX = "build from scratch, six targets"
SIX_CHECK = "check clean, six targets"


class BenchError(Exception):
    """A command failed in a way that makes the figures meaningless."""


@dataclass
class Target:
    text: str
    passed: bool


@dataclass
class Measurement:
    size: int  # agents; 0 for the floor and the repository's own catalog
    scenario: str
    command: list[str]
    seconds: list[float]
    peak_mib: float
    exit_codes: list[int]
    targets: list[Target] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    exit_code: int
    output: str


class Runner(Protocol):
    def run(self, command: Sequence[str]) -> Run: ...


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Spawner:
    """Runs each command from `spawn.py`, a small helper process, so that its peak is its own."""

    def __init__(self) -> None:
        helper = Path(__file__).with_name("spawn.py")
        self._helper = subprocess.Popen(
            [sys.executable, str(helper)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self._tmp = tempfile.TemporaryDirectory(prefix="assembler-bench-out-")
        self._output = Path(self._tmp.name) / "output"

    def run(self, command: Sequence[str]) -> Run:
        """One fresh process: wall time from spawn to exit, its peak memory and exit code."""
        assert self._helper.stdin is not None and self._helper.stdout is not None
        request = {"argv": list(command), "output": str(self._output)}
        self._helper.stdin.write(json.dumps(request) + "\n")
        reply = json.loads(self._helper.stdout.readline() or '{"error": "spawn.py died"}')
        if "error" in reply:
            raise BenchError(reply["error"])
        # ru_maxrss is in KiB on Linux and in bytes on macOS.
        unit = 2**20 if sys.platform == "darwin" else 2**10
        return Run(reply["seconds"], reply["maxrss"] / unit, reply["exit_code"], self._tail())

    def _tail(self, limit: int = 4000) -> str:
        text = self._output.read_text(encoding="utf-8", errors="replace")
        return text if len(text) <= limit else "...\n" + text[-limit:]

    def close(self) -> None:
        assert self._helper.stdin is not None
        self._helper.stdin.close()
        self._helper.wait()
        self._tmp.cleanup()


def settle() -> None:
    """Flush the page cache before a timed run (untimed), so that the kernel writing back or discarding the
    files of the run before does not land in this run's time: a 10,000-agent build leaves 240 MB behind."""
    if hasattr(os, "sync"):
        os.sync()


def measure(
    spawner: Runner,
    size: int,
    scenario: str,
    command: list[str],
    runs: int,
    before: Callable[[], None] | None = None,
    *,
    expect_zero: bool = True,
) -> Measurement:
    """`runs` cold runs of `command`; `before` resets the tree and, like `settle`, is not timed."""
    label = f"{size:,} agents" if size else "floor/repo"
    progress(f"  {label}: {scenario} x{runs} ...")
    seconds: list[float] = []
    peaks: list[float] = []
    codes: list[int] = []
    for _ in range(runs):
        if before is not None:
            before()
        settle()
        run = spawner.run(command)
        if run.exit_code < 0 or "Traceback (most recent call last)" in run.output:
            raise BenchError(
                f"{scenario} ({label}): `{' '.join(command)}` crashed "
                f"(exit {run.exit_code}). Its output:\n{run.output}"
            )
        if (run.exit_code == 0) != expect_zero:
            wanted = "exit 0" if expect_zero else "a non-zero exit"
            raise BenchError(
                f"{scenario} ({label}): `{' '.join(command)}` exited {run.exit_code}, "
                f"expected {wanted}. Its output:\n{run.output}"
            )
        seconds.append(run.seconds)
        peaks.append(run.peak_mib)
        codes.append(run.exit_code)
    return Measurement(size, scenario, command, seconds, max(peaks), codes)


def bench_floor(spawner: Runner, python: str, assembler: str, runs: int) -> list[Measurement]:
    return [
        measure(spawner, 0, "python -c pass", [python, "-c", "pass"], runs),
        measure(spawner, 0, "python -c 'import assembler'", [python, "-c", "import assembler"], runs),
        measure(spawner, 0, "assembler --version", [assembler, "--version"], runs),
    ]


def bench_repo(spawner: Runner, assembler: str, repo: Path, runs: int) -> Measurement:
    try:
        return measure(spawner, 0, "check clean", [assembler, "--root", str(repo), "check"], runs)
    except BenchError as error:
        raise BenchError(f"{error}\nThe shipped catalog drifts: run `make build` first.") from None


def bench_catalog(
    spawner: Runner, assembler: str, info: CatalogInfo, runs: int, trash: Trash
) -> list[Measurement]:
    """The scenarios of one catalog size, each run on a tree reset to the same state.

    `info.root` stays as generated; the commands run on a copy next to it, which is reset before
    each run (untimed) of "build from scratch", of the two "after edit" scenarios and of `set`: the
    old copy goes to the trash (see `trash.py`), a new one is made.
    """
    source = info.root
    work = source.with_name(source.name + "-work")
    built = source.with_name(source.name + "-built")
    edited_block = work / info.shared_block.relative_to(source)
    n = len(info.agents)

    def command(verb: str) -> list[str]:
        return [assembler, "--root", str(work), *verb.split()]

    def reset(tree: Path) -> None:
        trash.throw(work)
        shutil.copytree(tree, work, symlinks=True)  # copy2: the mtimes are kept

    def restore_built_and_edit() -> None:
        reset(built)
        with edited_block.open("a", encoding="utf-8") as block:
            block.write(EDIT)

    def timed(
        scenario: str, verb: str, before: Callable[[], None] | None = None, ok: bool = True
    ) -> Measurement:
        return measure(spawner, n, scenario, command(verb), runs, before, expect_zero=ok)

    results = [timed("build from scratch", "build", lambda: reset(source))]
    generated = work / "_generated"
    if not generated.is_dir() or not any(generated.iterdir()):
        raise BenchError(f"`build` exited 0 but wrote nothing under {generated}")
    results.append(timed("build nothing to do", "build"))
    results.append(timed("check clean", "check"))
    shutil.copytree(work, built, symlinks=True)
    results.append(timed("check after edit", "check", restore_built_and_edit, ok=False))
    results.append(timed("build after edit", "build", restore_built_and_edit))
    after = spawner.run(command("check"))
    if after.exit_code != 0:
        raise BenchError(f"`check` still fails after `build` of the edited tree:\n{after.output}")
    for scenario, verb in SET_SCENARIOS:  # each on the built tree, every edit validated, then written
        results.append(timed(scenario, verb, lambda: reset(built)))
    return results


def bench_targets(
    spawner: Runner, assembler: str, size: int, seed: int, runs: int, tmp: Path, trash: Trash
) -> list[Measurement]:
    """Building the same catalog for Claude Code alone and for the six targets of the issue (claude,
    copilot, codex, opencode, cursor, kiro), side by side: the runs alternate, so that both meet the same
    machine; then `check` of the six-target tree."""
    alone = write_catalog(tmp / "alone", size, seed=seed).root
    six = write_catalog(tmp / "six", size, seed=seed, targets=SIX_TARGETS).root
    results = {ALONE: Measurement(size, ALONE, [], [], 0.0, []), SIX: Measurement(size, SIX, [], [], 0.0, [])}
    for _ in range(runs):
        for scenario, source in ((ALONE, alone), (SIX, six)):
            work = source.with_name(source.name + "-work")

            def reset(source: Path = source, work: Path = work) -> None:
                trash.throw(work)
                shutil.copytree(source, work, symlinks=True)

            one = measure(spawner, size, scenario, [assembler, "--root", str(work), "build"], 1, reset)
            m = results[scenario]
            m.command, m.seconds, m.exit_codes = (
                one.command,
                m.seconds + one.seconds,
                m.exit_codes + one.exit_codes,
            )
            m.peak_mib = max(m.peak_mib, one.peak_mib)
    written = sum(1 for p in (six.with_name("six-work") / "_generated").rglob("*") if p.is_file())
    if written < size * len(SIX_TARGETS):
        raise BenchError(f"the six-target build wrote {written} files, not {size * len(SIX_TARGETS)}")
    check = measure(
        spawner, size, SIX_CHECK, [assembler, "--root", str(six.with_name("six-work")), "check"], runs
    )
    return [results[ALONE], results[SIX], check]


def judge(results: list[Measurement]) -> None:
    """Attach every target of the issue to the measurement it is about."""
    by_key = {(m.size, m.scenario): m for m in results}
    for (size, scenario), limit in TIME_TARGETS.items():
        if (m := by_key.get((size, scenario))) is not None:
            m.targets.append(Target(f"≤ {limit:g} s", m.median <= limit))
    for size in {m.size for m in results}:
        alone, six = by_key.get((size, ALONE)), by_key.get((size, SIX))
        if alone and six and size < BIG_SIZE:
            limit = TARGETS_FACTOR * alone.median
            six.targets.append(Target(f"≤ 2.5 × alone = {limit:.2f} s", six.median <= limit))
    scratch = by_key.get((BIG_SIZE, "build from scratch"))
    edited = by_key.get((BIG_SIZE, "check after edit"))
    if scratch and edited:
        edited.targets.append(Target("≤ build from scratch", edited.median <= scratch.median))
    for m in results:
        if m.size == BIG_SIZE:
            m.targets.append(Target("peak < 1 GB", m.peak_mib < PEAK_LIMIT_MIB))
            small = by_key.get((1_000, m.scenario))
            if small is not None:
                limit = LINEAR_FACTOR * small.median
                m.targets.append(Target(f"≤ 11 × t(1,000) = {limit:.2f} s", m.median <= limit))


def table(results: list[Measurement]) -> str:
    lines = [
        "| size | scenario | median s | min–max s | peak MiB | target | PASS/FAIL |",
        "|---|---|--:|--:|--:|---|---|",
    ]
    for m in results:
        size = f"{m.size:,}" if m.size else ("repo" if m.scenario == "check clean" else "floor")
        target = "; ".join(t.text for t in m.targets) or "—"
        verdict = "; ".join("PASS" if t.passed else "**FAIL**" for t in m.targets) or "—"
        spread = f"{min(m.seconds):.3f}–{max(m.seconds):.3f}"
        lines.append(
            f"| {size} | {m.scenario} | {m.median:.3f} | {spread} | {m.peak_mib:.0f} | {target} | {verdict} |"
        )
    return "\n".join(lines)


def to_json(results: list[Measurement], meta: dict[str, object]) -> str:
    rows = []
    for m in results:
        row = asdict(m)
        row.update(median=m.median, min=min(m.seconds), max=max(m.seconds))
        rows.append(row)
    return json.dumps({"meta": meta, "results": rows}, indent=2, ensure_ascii=False) + "\n"


def _sizes(text: str) -> list[int]:
    sizes = [int(part) for part in text.split(",")]
    if any(size < MIN_AGENTS for size in sizes):
        raise argparse.ArgumentTypeError(f"every size must be at least {MIN_AGENTS} agents")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    default_assembler = Path(sys.executable).parent / "assembler"
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument(
        "--sizes",
        default="200,1000,10000",
        type=_sizes,
        help="comma-separated catalog sizes in agents (default: 200,1000,10000)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=None,
        help=f"runs per figure (default: {DEFAULT_RUNS}; {BIG_RUNS} for {BIG_SIZE:,} agents)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=Path("bench-results.json"),
        help="where to write the figures (default: bench-results.json)",
    )
    parser.add_argument(
        "--assembler",
        default=str(default_assembler),
        help=f"the assembler executable (default: {default_assembler})",
    )
    parser.add_argument(
        "--repo",
        type=Path,
        default=REPO_ROOT,
        help=f"the shipped catalog whose `check` is timed (default: {REPO_ROOT})",
    )
    parser.add_argument("--seed", type=int, default=0, help="catalog generator seed (default: 0)")
    parser.add_argument(
        "--target-sizes",
        default="200,10000",
        type=_sizes,
        help="sizes at which to build for six targets beside Claude Code alone (default: 200,10000)",
    )
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    if not Path(args.assembler).is_file():
        parser.error(f"no assembler executable at {args.assembler}; pass --assembler PATH")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    assembler: str = args.assembler
    default_runs = args.runs or DEFAULT_RUNS
    progress(f"floor and the shipped catalog ({args.repo}), {default_runs} runs each")
    spawner = Spawner()
    try:
        true = shutil.which("true")
        peak_floor = spawner.run([true] if true else [sys.executable, "-c", "pass"]).peak_mib
        version = spawner.run([assembler, "--version"]).output.strip()
        results = bench_floor(spawner, sys.executable, assembler, default_runs)
        results.append(bench_repo(spawner, assembler, args.repo, default_runs))
        trash = Trash(Path())
        for size in args.sizes:
            runs = args.runs or (BIG_RUNS if size >= BIG_SIZE else DEFAULT_RUNS)
            with tempfile.TemporaryDirectory(prefix="assembler-bench-") as tmp:
                progress(f"{size:,} agents: writing the catalog ...")
                info = write_catalog(Path(tmp) / "catalog", size, seed=args.seed)
                trash.folder = Path(tmp) / "trash"
                trash.wait()
                results.extend(bench_catalog(spawner, assembler, info, runs, trash))
            trash.freed(size)  # the section's trees are deleted with its folder
            if size in args.target_sizes:
                with tempfile.TemporaryDirectory(prefix="assembler-bench-targets-") as tmp:
                    progress(f"{size:,} agents: six targets beside Claude Code alone ...")
                    trash.folder = Path(tmp) / "trash"
                    trash.wait()
                    results.extend(bench_targets(spawner, assembler, size, args.seed, runs, Path(tmp), trash))
                trash.freed(size)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 3
    finally:
        spawner.close()
    judge(results)
    meta: dict[str, object] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "assembler": assembler,
        "assembler_version": version,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "sizes": args.sizes,
        "seed": args.seed,
        "repo": str(args.repo),
        "peak_floor_mib": peak_floor,
    }
    print(table(results))
    print(
        f"\nPeak memory cannot read below {peak_floor:.0f} MiB, the size of the process that"
        " starts the commands. Every run is a fresh process."
    )
    args.json.write_text(to_json(results, meta), encoding="utf-8")
    progress(f"figures written to {args.json}")
    failed = sum(not t.passed for m in results for t in m.targets)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
