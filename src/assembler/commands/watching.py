"""`--watch` for `build` and `check`: run once, or again on every change until Ctrl-C (exit 0)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn

import click

from assembler import exits
from assembler.commands.common import Options, catalog_root, say

WATCH_HELP = "Run again on every change to a source, template or the configuration; Ctrl-C stops (exit 0)."


def run_or_watch(options: Options, watch: bool, once: Callable[[], int]) -> NoReturn:
    """Exit with `once()`'s status, or, with `watch`, call it on every change and exit 0 on Ctrl-C."""
    if not watch:
        sys.exit(once())
    if options.format == "json":
        raise click.UsageError(
            "--watch reports every run, but JSON output is one document: use text or github"
        )
    root = catalog_root(options)
    from assembler.watch import watch_catalog

    def again(changed: list[str]) -> None:
        if changed:
            say(f"changed: {', '.join(changed)}")
        status = _status(once)
        say(f"[exit {status}] watching {root} for changes (Ctrl-C to stop)")

    watch_catalog(root, again)
    say("stopped watching.")
    sys.exit(exits.OK)


def _status(once: Callable[[], int]) -> int:
    """`once()`'s exit status, whether it returns it, exits with it, or fails on usage."""
    try:
        return once()
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    except click.ClickException as err:  # such as a named agent whose manifest was just deleted
        err.show()
        return err.exit_code
