"""`assembler explain CODE`: the documentation of a diagnostic code, from the registry."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assembler import exits
from assembler.commands.common import options_of, output_format, report, shared_with

if TYPE_CHECKING:  # completion loads it only when a shell asks
    from click.shell_completion import CompletionItem


def _complete_codes(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    from assembler.codes.registry import registry

    return [
        CompletionItem(code.id, help=code.title)
        for code in registry().values()
        if code.id.startswith(incomplete.upper())
    ]


@click.command()
@click.argument("code", shell_complete=_complete_codes)
@shared_with(("text", "json"))
@click.pass_context
def explain(
    ctx: click.Context,
    code: str,
    root: Path | None,
    fmt: str | None,
    strict: bool | None,
    color: bool | None,
) -> None:
    """Show the documentation of a diagnostic CODE (such as A002): what it means and what to do."""
    from assembler.explain import UnknownCode, explain_data, explain_text, find_code

    options = options_of(ctx, root, fmt, strict, color)
    chosen = output_format(options, ("text", "json"))
    try:
        found = find_code(code)
    except UnknownCode as unknown:
        hint = unknown.suggestion or "a code is a letter and 3 digits, such as A002 (README lists them all)"
        raise click.UsageError(f"no diagnostic code {unknown.code!r}; {hint}") from None
    if chosen == "json":
        report([], options, explained=explain_data(found))
    else:
        click.echo(explain_text(found), nl=False)
    sys.exit(exits.OK)
