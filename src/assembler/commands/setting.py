"""`assembler set KEY=VALUE [NAME...]`: one value set in many manifests, comments and layout kept."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from assembler import exits
from assembler.commands.common import catalog_root, options_of, report, say, shared
from assembler.commands.complete import complete_agents


def _assignment(ctx: click.Context | None, param: click.Parameter | None, value: Any) -> Any:
    from assembler.assignment import BadAssignment, parse_assignment

    try:
        return (
            tuple(parse_assignment(v) for v in value) if isinstance(value, tuple) else parse_assignment(value)
        )
    except BadAssignment as err:
        raise click.BadParameter(str(err)) from None


@click.command("set")
@click.argument("assignment", metavar="KEY=VALUE", callback=_assignment)
@click.argument("names", nargs=-1, metavar="[NAME]...", shell_complete=complete_agents)
@click.option(
    "--where",
    multiple=True,
    metavar="KEY=VALUE",
    callback=_assignment,
    help="Only the manifests whose KEY holds VALUE (repeat: all must hold).",
)
@click.option(
    "--dry-run", is_flag=True, help="Print the diff of every manifest it would change; write nothing."
)
@shared
@click.pass_context
def set_(
    ctx: click.Context,
    assignment: Any,
    names: tuple[str, ...],
    where: tuple[Any, ...],
    dry_run: bool,
    root: Path | None,
    fmt: str | None,
    strict: bool | None,
    color: bool | None,
) -> None:
    """Set KEY to VALUE in the manifests named (in every one without NAME), keeping comments, key order
    and layout: only the changed lines differ. Dotted keys reach tables (taxonomy.stability=deprecated).
    VALUE is read as TOML when it is a TOML value (20, true, ["Read", "Grep"], "text"), else as the
    string it is. Nothing is written when any edited manifest would be invalid."""
    from assembler.bulk_edit import UnknownNames, plan_set, write_set

    options = options_of(ctx, root, fmt, strict, color)
    try:
        plan = plan_set(catalog_root(options), assignment, names, where)
    except UnknownNames as unknown:
        raise click.UsageError(f"no manifest named {', '.join(unknown.names)}") from None
    status = exits.for_diagnostics(plan.diagnostics, strict=options.strict)
    written, left = write_set(plan) if status == exits.OK and not dry_run else ([], [])
    changes = [{"file": c.rel, "diff": c.diff()} for c in plan.changes]
    report([*plan.diagnostics, *left], options, changes=changes, written=written, dry_run=dry_run)
    if options.format != "json" and dry_run:
        for change in plan.changes:
            click.echo(change.diff(), nl=False)
    if options.format == "text":
        _tell(plan, written, left, status, dry_run)
    sys.exit(exits.for_diagnostics([*plan.diagnostics, *left], strict=options.strict))


def _tell(plan: Any, written: list[str], left: list[Any], status: int, dry_run: bool) -> None:
    key = plan.assignment.key
    if status != exits.OK:
        say(f"{key} cannot be set as asked; nothing was written.")
        return
    unchanged = len(plan.selected) - len(plan.changes)
    same = f", {unchanged} already held it" if unchanged else ""
    if dry_run:
        say(f"{len(plan.changes)} manifest(s) would change{same}; nothing was written (--dry-run).")
    elif left:
        refused = f"{len(left)} left as they were (see above)"
        say(f"{len(written)} manifest(s) written, {refused}; every file is whole.")
    else:
        say(f"{len(written)} manifest(s) changed{same}." + (" Run `assembler build`." if written else ""))
