"""The click commands. Each parses its options, calls the core, and prints the outcome.

The options every command shares (`--root`, `--format`, `--strict`, `--color`) are accepted before the
command (`assembler --root agents check`) and after it (`assembler check --root agents`, how pre-commit
passes a hook's `args`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from assembler import __version__, exits
from assembler.codes import drift
from assembler.diagnostics import Diagnostic, format_github, format_text, to_json
from assembler.layout import find_root
from assembler.pipeline import Plan, plan_catalog

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Options:
    root: Path | None = None
    fmt: str | None = None
    strict: bool = False
    color: bool | None = None

    def merge(self, other: Options) -> Options:
        return Options(
            other.root or self.root,
            other.fmt or self.fmt,
            other.strict or self.strict,
            self.color if other.color is None else other.color,
        )

    @property
    def format(self) -> str:
        return self.fmt or "text"


def shared(command: F) -> F:
    """The options every command takes, on the group and on each command."""
    decorators = [
        click.option(
            "--root",
            type=click.Path(path_type=Path, file_okay=False),
            help="Catalog root (default: the nearest folder above holding _manifests/ or assembler.toml).",
        ),
        click.option(
            "--format", "fmt", type=click.Choice(["text", "json", "github"]), help="Output format [text]."
        ),
        click.option("--strict", is_flag=True, default=None, help="Fail (exit 1) on warnings too."),
        click.option(
            "--color/--no-color",
            default=None,
            help="Colour the text output (default: on a terminal, unless NO_COLOR is set).",
        ),
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command


def _options(
    ctx: click.Context, root: Path | None, fmt: str | None, strict: bool | None, color: bool | None
) -> Options:
    group: Options = ctx.obj if isinstance(ctx.obj, Options) else Options()
    return group.merge(Options(root, fmt, bool(strict), color))


def _root(options: Options) -> Path:
    if options.root is not None:
        if not options.root.is_dir():
            raise click.UsageError(f"--root {options.root} is not a folder")
        return options.root.resolve()
    found = find_root(str(Path.cwd()))
    if found is None:
        raise click.UsageError(
            "no catalog here: no folder above the working directory holds _manifests/ or assembler.toml "
            "(pass --root DIR)"
        )
    return Path(found)


def _color(options: Options) -> bool:
    if options.color is not None:
        return options.color
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR")


def _say(text: str) -> None:
    click.echo(text, err=True)


def _report(diagnostics: list[Diagnostic], options: Options, **extra: object) -> None:
    """Diagnostics in the chosen format: text on stderr; JSON (one document, with `extra`) or GitHub
    annotations on stdout."""
    if options.format == "json":
        click.echo(to_json(diagnostics, **extra))
    elif options.format == "github":
        if diagnostics:
            click.echo(format_github(diagnostics))
    elif diagnostics:
        color = _color(options)
        click.echo(format_text(diagnostics, color=color), err=True, color=color)


def _plan(options: Options, names: tuple[str, ...] = (), trust: bool = True) -> Plan:
    plan = plan_catalog(_root(options), names=names, trust=trust, progress=sys.stderr.isatty())
    unknown = sorted(set(names) - plan.stems())
    if unknown and plan.layout is not None:
        raise click.UsageError(f"no manifest named {', '.join(unknown)}")
    deciding = plan.deciding()
    status = exits.for_diagnostics(deciding, strict=options.strict)
    if status != exits.OK:
        _report(deciding, options)
        if options.format == "text":
            errors = sum(d.severity.value == "error" for d in deciding)
            warnings = sum(d.severity.value == "warning" for d in deciding)
            counted = f"{errors} error(s)" + (f", {warnings} warning(s)" if options.strict else "")
            _say(f"{counted}; nothing was written.")
        sys.exit(status)
    if plan.set_aside and options.format == "text":
        _say(
            f"left out, with errors: {', '.join(plan.set_aside)} (`assembler validate` says why); "
            "the agents asked for are valid."
        )
    return plan


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assembler")
@shared
@click.pass_context
def cli(
    ctx: click.Context, root: Path | None, fmt: str | None, strict: bool | None, color: bool | None
) -> None:
    """Validate a catalog of agent manifests and render it into _generated/."""
    ctx.obj = Options(root, fmt, bool(strict), color)


@cli.command()
@click.argument("names", nargs=-1)
@click.option("--force", is_flag=True, help="Overwrite generated files even when edited by hand or not ours.")
@click.option(
    "--prune", is_flag=True, help="Delete generated files (carrying our stamp) whose manifest is gone."
)
@shared
@click.pass_context
def build(
    ctx: click.Context,
    names: tuple[str, ...],
    force: bool,
    prune: bool,
    root: Path | None,
    fmt: str | None,
    strict: bool | None,
    color: bool | None,
) -> None:
    """Validate the catalog and write the outputs whose bytes change (all, or NAMES only)."""
    from assembler.write import apply_plan

    options = _options(ctx, root, fmt, strict, color)
    plan = _plan(options, names)
    result = apply_plan(plan, force=force, prune=prune, progress=sys.stderr.isatty())
    diagnostics = [*plan.deciding(), *result.faults]
    refused = _refusals(plan, result.refused)
    _report(
        [*diagnostics, *refused] if options.format != "text" else diagnostics,
        options,
        written=result.written,
        unchanged=result.unchanged,
        refused=result.refused,
        pruned=result.pruned,
        kept=result.kept,
    )
    if options.format == "text":
        _tell_build(result, refused)
    if result.faults:
        sys.exit(exits.FAULT)
    sys.exit(exits.DRIFT if result.refused or result.kept else exits.OK)


def _refusals(plan: Plan, refused: list[str]) -> list[Diagnostic]:
    if not refused:
        return []
    from assembler.check import as_diagnostics, compare

    return as_diagnostics([d for d in compare(plan) if d.rel in refused], with_diff=True)


def _tell_build(result: Any, refused: list[Diagnostic]) -> None:
    for rel in result.cleaned:
        _say(f"removed {rel}, left behind by a run that was killed")
    for rel in result.pruned:
        _say(f"pruned {rel}")
    for rel in result.kept:
        _say(f"{rel}: orphaned but edited by hand, left alone; delete it yourself or add --force")
    for d in refused:
        what = "edited by hand" if d.code == drift.HAND_EDITED.id else "not generated by assembler"
        _say(f"{d.file}: left alone, {what}; the build would write:")
        click.echo(d.detail or "", err=True, nl=False)
    if result.refused:
        _say(
            f"{len(result.refused)} file(s) left alone; move the edits into the manifest or blocks, "
            "or run `assembler build --force` to overwrite them."
        )
    if result.faults:
        _say(f"{len(result.faults)} file(s) could not be written; the others are whole.")
    done = f"{len(result.written)} written, {len(result.unchanged)} unchanged"
    if result.pruned:
        done += f", {len(result.pruned)} pruned"
    _say(f"{done}.")


@cli.command()
@shared
@click.pass_context
def validate(
    ctx: click.Context, root: Path | None, fmt: str | None, strict: bool | None, color: bool | None
) -> None:
    """Validate the catalog; write nothing."""
    options = _options(ctx, root, fmt, strict, color)
    plan = _plan(options)
    _report(plan.diagnostics, options)
    sys.exit(exits.OK)


@cli.command()
@click.argument("names", nargs=-1)
@click.option(
    "--diff", "show_diff", is_flag=True, help="Show unified diffs: on disk versus what build writes."
)
@click.option("--full", is_flag=True, help="Re-validate and re-render every agent, ignoring stamps.")
@shared
@click.pass_context
def check(
    ctx: click.Context,
    names: tuple[str, ...],
    show_diff: bool,
    full: bool,
    root: Path | None,
    fmt: str | None,
    strict: bool | None,
    color: bool | None,
) -> None:
    """Fail when the generated files differ from what build would write (all, or NAMES only).
    Writes nothing, ever."""
    from assembler.check import as_diagnostics, compare, fix_command

    options = _options(ctx, root, fmt, strict, color)
    plan = _plan(options, names, trust=not full)
    differences = compare(plan)
    fix = fix_command(differences) if differences else None
    inline = show_diff and options.format == "json"  # one JSON document: the diffs go inside it
    _report([*plan.deciding(), *as_diagnostics(differences, with_diff=inline)], options, fix=fix)
    if show_diff and not inline:
        for difference in differences:
            click.echo(difference.diff(), nl=False)
    if differences and options.format == "text":
        _say(f"{len(differences)} generated file(s) out of sync. Run `{fix}` to bring them in line.")
    sys.exit(exits.DRIFT if differences else exits.OK)


@cli.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--init", is_flag=True, help="Start a new catalog here that requires only what Claude Code does."
)
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("--force", is_flag=True, help="Replace manifests that exist and differ.")
@shared
@click.pass_context
def import_(
    ctx: click.Context,
    paths: tuple[str, ...],
    init: bool,
    dry_run: bool,
    force: bool,
    root: Path | None,
    fmt: str | None,
    strict: bool | None,
    color: bool | None,
) -> None:
    """Turn Claude Code agent files (PATHS: files, or folders searched for *.md) into manifests."""
    from assembler.importer.run import import_agents

    options = _options(ctx, root, fmt, strict, color)
    if init:
        target = options.root or Path.cwd()
        if not target.is_dir():
            raise click.UsageError(f"--root {target} is not a folder")
        catalog = target.resolve()
    else:
        catalog = _root(options)
    result = import_agents(
        catalog, list(paths), init=init, force=force, dry_run=dry_run, strict=options.strict
    )
    status = exits.for_diagnostics(result.diagnostics, strict=options.strict)
    written = [m.rel for m in result.manifests if m.state != "unchanged"] if result.written else []
    _report(result.diagnostics, options, written=written, dry_run=dry_run)
    if options.format == "text":
        _tell_import(result, dry_run, status)
    sys.exit(status)


def _tell_import(result: Any, dry_run: bool, status: int) -> None:
    if status == exits.FAULT:
        _say("the file system refused a read or a write; every file written is whole.")
    for line in ["nothing was written."] if status == exits.INPUT else result.summary(dry_run):
        _say(line)
