"""`assembler validate`: report every problem of the catalog; write nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assembler import exits
from assembler.commands.common import options_of, plan_or_exit, report, shared


@click.command()
@shared
@click.pass_context
def validate(
    ctx: click.Context, root: Path | None, fmt: str | None, strict: bool | None, color: bool | None
) -> None:
    """Validate the catalog; write nothing."""
    options = options_of(ctx, root, fmt, strict, color)
    plan = plan_or_exit(options)
    report(plan.diagnostics, options)
    sys.exit(exits.OK)
