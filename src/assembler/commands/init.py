"""`assembler init [DIRECTORY]`: start a catalog that builds and checks clean at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assembler import exits
from assembler.commands.common import options_of, report, say, shared


@click.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
@shared
@click.pass_context
def init(
    ctx: click.Context,
    directory: Path | None,
    root: Path | None,
    fmt: str | None,
    strict: bool | None,
    color: bool | None,
) -> None:
    """Start a catalog in DIRECTORY (default: --root, else the current folder): the configuration, the
    obligatory blocks, an example agent and the JSON Schemas for editors, built at once. Refused (exit 2)
    where a catalog or any of those files exists already.
    """
    from assembler.authoring.init import Taken, init_catalog

    options = options_of(ctx, root, fmt, strict, color)
    target = directory or options.root or Path.cwd()
    try:
        result = init_catalog(target)
    except Taken as taken:
        raise click.UsageError(
            f"{target} holds files init would write ({taken}): start the catalog in another folder, "
            "or add agents to the catalog there with `assembler new NAME` (init never replaces a file)"
        ) from None
    status = exits.for_diagnostics(result.diagnostics, strict=options.strict)
    report(result.diagnostics, options, written=result.written)
    if options.format == "text":
        for rel in result.written:
            say(f"wrote {rel}")
        if status == exits.OK:
            say(
                f"Started a catalog in {target}. Edit _manifests/example.toml, or write an agent with "
                "`assembler new NAME`; then run `assembler build`."
            )
        else:
            say("the catalog was not completed: see above.")
    sys.exit(status)
