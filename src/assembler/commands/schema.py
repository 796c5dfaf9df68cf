"""`assembler schema [manifest|role|config]`: print a JSON Schema for editors."""

from __future__ import annotations

import click

from assembler.schemas import KINDS


@click.command()
@click.argument("kind", type=click.Choice(KINDS), default="manifest")
def schema(kind: str) -> None:
    """Print the JSON Schema (draft 2020-12) of a manifest, a role file or the configuration.

    Editors that use taplo (VS Code's Even Better TOML) check and complete TOML files with it: see README,
    "Editor set-up".
    """
    from assembler import schemas

    click.echo(schemas.dumps(schemas.derive(kind)), nl=False)
