"""Command-line interface: parse options, call one core function, report. Exit codes:
0 clean (warnings allowed), 1 input errors, 2 usage errors, 3 generated files out of sync (check) or
left alone because a person edited them (build)."""

from __future__ import annotations

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
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:  # answered before click is imported: the hook's floor stays low
        print(f"assembler {__version__}")
        raise SystemExit(EXIT_OK)
    from assembler.commands import cli

    cli.main(args=args, prog_name="assembler")
