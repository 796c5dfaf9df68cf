"""The console script `assembler`: answers `--version` without loading anything, runs the click commands,
and turns a bug into one line and exit 5 instead of a traceback (ASSEMBLER_DEBUG=1 shows the traceback)."""

from __future__ import annotations

import os
import sys

from assembler import __version__
from assembler.exits import INTERNAL, OK


def main(argv: list[str] | None = None) -> None:
    """Called without `argv` (as a program), it ends the process as soon as the command is done:
    everything is written and closed by then, and tearing the interpreter down took 5 to 10 % of a small
    run. Called with `argv`, it raises SystemExit like any click program."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:  # answered before click is imported: the hook's floor stays low
        print(f"assembler {__version__}")
        raise SystemExit(OK)
    if argv is None:  # a run builds many small objects and few cycles: collect less often (1 % of a build)
        import gc

        gc.set_threshold(20_000, 10, 10)
    try:
        from assembler.commands import cli

        cli.main(args=args, prog_name="assembler")
    except SystemExit as done:
        if argv is None:
            _exit_now(done.code)
        raise
    except Exception as err:  # a bug: one line, not a traceback, unless asked for
        if os.environ.get("ASSEMBLER_DEBUG"):
            raise
        sys.stderr.write(
            f"assembler: internal error: {type(err).__name__}: {err}\n"
            "This is a bug in assembler; run again with ASSEMBLER_DEBUG=1 to see where, and report it.\n"
        )
        if argv is None:
            _exit_now(INTERNAL)
        raise SystemExit(INTERNAL) from None


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
