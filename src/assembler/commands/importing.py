"""`assembler import`: Claude Code agent files into manifests."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from assembler import exits
from assembler.commands.common import catalog_root, options_of, report, say, shared


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--init", is_flag=True, help="Start a new catalog here that requires only what Claude Code does."
)
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("--force", is_flag=True, help="Replace manifests that exist and differ.")
@shared
@click.pass_context
def import_(
    ctx: click.Context,
    paths: tuple[str, ...],
    init: bool,
    dry_run: bool,
    force: bool,
    root: Path | None,
    fmt: str | None,
    strict: bool | None,
    color: bool | None,
) -> None:
    """Turn Claude Code agent files (PATHS: files, or folders searched for *.md) into manifests."""
    from assembler.importer.run import import_agents

    options = options_of(ctx, root, fmt, strict, color)
    if init:
        target = options.root or Path.cwd()
        if not target.is_dir():
            raise click.UsageError(f"--root {target} is not a folder")
        catalog = target.resolve()
    else:
        catalog = catalog_root(options)
    result = import_agents(
        catalog, list(paths), init=init, force=force, dry_run=dry_run, strict=options.strict
    )
    status = exits.for_diagnostics(result.diagnostics, strict=options.strict)
    written = [m.rel for m in result.manifests if m.state != "unchanged"] if result.written else []
    report(result.diagnostics, options, written=written, dry_run=dry_run)
    if options.format == "text":
        _tell_import(result, dry_run, status)
    sys.exit(status)


def _tell_import(result: Any, dry_run: bool, status: int) -> None:
    if status == exits.FAULT:
        say("the file system refused a read or a write; every file written is whole.")
    for line in ["nothing was written."] if status == exits.INPUT else result.summary(dry_run):
        say(line)
