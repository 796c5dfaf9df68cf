"""Command-line interface: parse options, call one core function, report. Exit codes:
0 clean (warnings allowed), 1 input errors, 2 usage errors, 3 generated files out of sync (check) or
left alone because a person edited them (build)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from assembler import __version__

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_DRIFT = 0, 1, 2, 3


def find_root(start: Path) -> Path | None:
    """The nearest ancestor of `start` holding `_manifests/` or `assembler.toml`."""
    for folder in (start, *start.parents):
        if (folder / "_manifests").is_dir() or (folder / "assembler.toml").is_file():
            return folder
    return None


def main(argv: list[str] | None = None) -> None:
    """The console script. Called without `argv` (as a program), it ends the process as soon as the command
    is done: everything is written and closed by then, and tearing the interpreter down took 5 to 10 % of a
    small run. Called with `argv`, it raises SystemExit like any click program."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:  # answered before click is imported: the hook's floor stays low
        print(f"assembler {__version__}")
        raise SystemExit(EXIT_OK)
    from assembler.commands import cli

    if argv is None:  # a run builds many small objects and few cycles: collect less often (1 % of a build)
        import gc

        gc.set_threshold(20_000, 10, 10)
    try:
        cli.main(args=args, prog_name="assembler")
    except SystemExit as done:
        if argv is None:
            _exit_now(done.code)
        raise


def _exit_now(code: object) -> None:
    """Exit with `code` as `sys.exit` would, without the interpreter's teardown."""
    if isinstance(code, str):
        sys.stderr.write(f"{code}\n")
    status = code if isinstance(code, int) else (0 if code is None else 1)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: Python itself exits 120 when it cannot flush
        status = status or 120
    os._exit(status)
