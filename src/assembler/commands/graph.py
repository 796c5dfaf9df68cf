"""`assembler graph`: the catalog's handoff graph as Mermaid, DOT or JSON."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assembler import exits
from assembler.commands.common import catalog_root, options_of, output_format, report, shared_with

FORMATS = ("mermaid", "dot", "json")


@click.command()
@click.option("--lineage", is_flag=True, help="Add the lineage links (parents, fork_from, successor).")
@shared_with(FORMATS)
@click.pass_context
def graph(
    ctx: click.Context,
    lineage: bool,
    root: Path | None,
    fmt: str | None,
    strict: bool | None,
    color: bool | None,
) -> None:
    """Print who hands off to whom: a Mermaid flowchart (paste it into Markdown), a Graphviz digraph
    (`dot -Tsvg`) or JSON. Agents outside the catalog are marked, and so are handoff targets that have no
    manifest."""
    from assembler.catalog_data import read_catalog_data
    from assembler.graph import handoff_graph
    from assembler.graph_render import graph_data, render_dot, render_mermaid

    options = options_of(ctx, root, fmt, strict, color)
    chosen = output_format(options, FORMATS)
    catalog = read_catalog_data(catalog_root(options), roles=False)
    found = handoff_graph(catalog, lineage=lineage)
    if chosen == "json":
        report(catalog.diagnostics, options, **graph_data(found))
    else:
        report(catalog.diagnostics, options)
        click.echo(render_mermaid(found) if chosen == "mermaid" else render_dot(found), nl=False)
    sys.exit(exits.for_diagnostics(catalog.diagnostics, strict=options.strict))
