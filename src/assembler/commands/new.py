"""`assembler new NAME [--from AGENT]`: write a new agent's manifest that builds as it stands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assembler import exits
from assembler.commands.common import catalog_root, options_of, report, say, shared
from assembler.commands.complete import complete_agents


@click.command()
@click.argument("name")
@click.option(
    "--from",
    "source",
    metavar="AGENT",
    shell_complete=complete_agents,
    help="Copy AGENT's manifest (comments and layout kept) instead of writing the template.",
)
@shared
@click.pass_context
def new(
    ctx: click.Context,
    name: str,
    source: str | None,
    root: Path | None,
    fmt: str | None,
    strict: bool | None,
    color: bool | None,
) -> None:
    """Write _manifests/NAME.toml for a new agent: a template whose comments explain every key and whose
    texts say what to replace, or a copy of AGENT. It validates and builds as it stands; an existing
    manifest is never replaced (exit 2).
    """
    from assembler.authoring.new import Refused, new_agent

    options = options_of(ctx, root, fmt, strict, color)
    try:
        result = new_agent(catalog_root(options), name, source=source, strict=options.strict)
    except Refused as refused:
        raise click.UsageError(str(refused)) from None
    status = exits.for_diagnostics(result.diagnostics, strict=options.strict)
    report(result.diagnostics, options, written=[result.rel] if result.written else [])
    if options.format == "text":
        if result.written:
            edit = "edit it" if source else "replace its texts with your own"
            copied = f", a copy of {source}" if source else ""
            say(f"wrote {result.rel}{copied}: {edit}, then run `assembler build`.")
        elif status == exits.FAULT:
            say("the file system refused a read or a write: nothing was written.")
        elif result.rel is None:
            say("nothing was written.")  # the configuration or the catalog's folders are at fault
        else:
            say(f"{result.rel} would not be valid: nothing was written.")
    sys.exit(status)
