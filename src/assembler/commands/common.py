"""What every command shares: the options it takes (`--root`, `--format`, `--strict`, `--color`, accepted
before the command and after it, which is how pre-commit passes a hook's `args`), finding the catalog, and
reporting diagnostics in the chosen format."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from assembler import exits
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


FORMATS = ("text", "json", "github")


def shared(command: F) -> F:
    """The options every command takes, on the group and on each command."""
    return shared_with(FORMATS)(command)


def shared_with(formats: tuple[str, ...]) -> Callable[[F], F]:
    """The shared options of a command that prints `formats` (the first is the default)."""
    decorators = [
        click.option(
            "--root",
            type=click.Path(path_type=Path, file_okay=False),
            help="Catalog root (default: the nearest folder above holding _manifests/ or assembler.toml).",
        ),
        click.option("--format", "fmt", type=click.Choice(formats), help=f"Output format [{formats[0]}]."),
        click.option("--strict", is_flag=True, default=None, help="Fail (exit 1) on warnings too."),
        click.option(
            "--color/--no-color",
            default=None,
            help="Colour the text output (default: on a terminal, unless NO_COLOR is set).",
        ),
    ]

    def decorate_all(command: F) -> F:
        for decorate in reversed(decorators):
            command = decorate(command)
        return command

    return decorate_all


def output_format(options: Options, formats: tuple[str, ...]) -> str:
    """The format a command that prints `formats` uses: `text` (the default, also when given before the
    command) means the first of them; one it cannot print is a usage error."""
    chosen = formats[0] if options.format == "text" else options.format
    if chosen not in formats:
        raise click.UsageError(f"this command prints {' or '.join(formats)}, not --format {chosen}")
    return chosen


def options_of(
    ctx: click.Context, root: Path | None, fmt: str | None, strict: bool | None, color: bool | None
) -> Options:
    group: Options = ctx.obj if isinstance(ctx.obj, Options) else Options()
    return group.merge(Options(root, fmt, bool(strict), color))


def catalog_root(options: Options) -> Path:
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


def use_color(options: Options) -> bool:
    if options.color is not None:
        return options.color
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR")


def say(text: str) -> None:
    click.echo(text, err=True)


def report(diagnostics: list[Diagnostic], options: Options, **extra: object) -> None:
    """Diagnostics in the chosen format: text on stderr; JSON (one document, with `extra`) or GitHub
    annotations on stdout."""
    if options.format == "json":
        click.echo(to_json(diagnostics, **extra))
    elif options.format == "github":
        if diagnostics:
            click.echo(format_github(diagnostics))
    elif diagnostics:
        color = use_color(options)
        click.echo(format_text(diagnostics, color=color), err=True, color=color)


def plan_or_exit(
    options: Options, names: tuple[str, ...] = (), trust: bool = True, stage: bool = False
) -> Plan:
    """The catalog's plan, or the diagnostics that stop the run and its exit. `stage`: see `plan_catalog`;
    the staged files are gone when the run stops here."""
    plan = plan_catalog(
        catalog_root(options), names=names, trust=trust, progress=sys.stderr.isatty(), stage=stage
    )
    unknown = sorted(set(names) - plan.stems())
    deciding = plan.deciding()
    status = exits.for_diagnostics(deciding, strict=options.strict)
    if status != exits.OK or (unknown and plan.layout is not None):
        plan.drop_staged()
    if unknown and plan.layout is not None:
        raise click.UsageError(f"no manifest named {', '.join(unknown)}")
    if status != exits.OK:
        report(deciding, options)
        if options.format == "text":
            errors = sum(d.severity.value == "error" for d in deciding)
            warnings = sum(d.severity.value == "warning" for d in deciding)
            counted = f"{errors} error(s)" + (f", {warnings} warning(s)" if options.strict else "")
            say(f"{counted}; nothing was written.")
        sys.exit(status)
    if plan.set_aside and options.format == "text":
        say(
            f"left out, with errors: {', '.join(plan.set_aside)} (`assembler validate` says why); "
            "the agents asked for are valid."
        )
    return plan
