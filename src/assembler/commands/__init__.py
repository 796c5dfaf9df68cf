"""The command line: the `assembler` group and its commands, one module each. Each command parses its options,
calls one core function, and prints the outcome."""

from __future__ import annotations

from pathlib import Path

import click

from assembler import __version__
from assembler.commands.build import build
from assembler.commands.check import check
from assembler.commands.common import Options, shared
from assembler.commands.explain import explain
from assembler.commands.graph import graph
from assembler.commands.importing import import_
from assembler.commands.init import init
from assembler.commands.listing import list_
from assembler.commands.new import new
from assembler.commands.schema import schema
from assembler.commands.setting import set_
from assembler.commands.validate import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assembler")
@shared
@click.pass_context
def cli(
    ctx: click.Context, root: Path | None, fmt: str | None, strict: bool | None, color: bool | None
) -> None:
    """Validate a catalog of agent manifests and render it into _generated/."""
    ctx.obj = Options(root, fmt, bool(strict), color)


for command in (build, validate, check, import_):
    cli.add_command(command)
cli.add_command(schema)
cli.add_command(init)
cli.add_command(new)
cli.add_command(explain)
cli.add_command(list_)
cli.add_command(graph)
cli.add_command(set_)
