"""`assembler check`: compare what build would write with the disk; write nothing, ever."""

from __future__ import annotations

from pathlib import Path

import click

from assembler import exits
from assembler.commands.common import Options, options_of, plan_or_exit, report, say, shared
from assembler.commands.complete import complete_agents
from assembler.commands.watching import WATCH_HELP, run_or_watch


@click.command()
@click.argument("names", nargs=-1, shell_complete=complete_agents)
@click.option(
    "--diff", "show_diff", is_flag=True, help="Show unified diffs: on disk versus what build writes."
)
@click.option("--full", is_flag=True, help="Re-validate and re-render every agent, ignoring stamps.")
@click.option("--watch", is_flag=True, help=WATCH_HELP)
@shared
@click.pass_context
def check(
    ctx: click.Context,
    names: tuple[str, ...],
    show_diff: bool,
    full: bool,
    watch: bool,
    root: Path | None,
    fmt: str | None,
    strict: bool | None,
    color: bool | None,
) -> None:
    """Fail when the generated files differ from what build would write (all, or NAMES only).
    Writes nothing, ever."""
    options = options_of(ctx, root, fmt, strict, color)
    run_or_watch(options, watch, lambda: _check(options, names, show_diff, full))


def _check(options: Options, names: tuple[str, ...], show_diff: bool, full: bool) -> int:
    from assembler.check import as_diagnostics, compare, fix_command

    plan = plan_or_exit(options, names, trust=not full)
    differences = compare(plan)
    fix = fix_command(differences) if differences else None
    inline = show_diff and options.format == "json"  # one JSON document: the diffs go inside it
    report([*plan.deciding(), *as_diagnostics(differences, with_diff=inline)], options, fix=fix)
    if show_diff and not inline:
        for difference in differences:
            click.echo(difference.diff(), nl=False)
    if differences and options.format == "text":
        say(f"{len(differences)} generated file(s) out of sync. Run `{fix}` to bring them in line.")
    return exits.DRIFT if differences else exits.OK
