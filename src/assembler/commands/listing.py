"""`assembler list`: what the catalog holds (agents, blocks, roles), and which agents use each one."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assembler import exits
from assembler.commands.common import catalog_root, options_of, output_format, report, shared_with


@click.command("list")
@click.argument("kind", required=False, type=click.Choice(["agents", "blocks", "roles"]))
@shared_with(("text", "json"))
@click.pass_context
def list_(
    ctx: click.Context,
    kind: str | None,
    root: Path | None,
    fmt: str | None,
    strict: bool | None,
    color: bool | None,
) -> None:
    """List the catalog's agents, blocks or roles (all three when none is named), with the agents that
    use each block and role. Validates nothing: `assembler validate` does."""
    from assembler.catalog_data import read_catalog_data
    from assembler.inventory import KINDS, inventory_data, inventory_text, take_inventory

    options = options_of(ctx, root, fmt, strict, color)
    chosen = output_format(options, ("text", "json"))
    catalog = read_catalog_data(catalog_root(options), roles=kind != "agents" and kind != "blocks")
    inventory = take_inventory(catalog)
    kinds = (kind,) if kind else KINDS
    if chosen == "json":
        report(catalog.diagnostics, options, **inventory_data(inventory, kinds))
    else:
        report(catalog.diagnostics, options)
        click.echo(inventory_text(inventory, kinds), nl=False)
    sys.exit(exits.for_diagnostics(catalog.diagnostics, strict=options.strict))
