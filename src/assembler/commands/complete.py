"""Shell completion (click's: `_ASSEMBLER_COMPLETE=bash_source assembler`, see README): agent names for the
commands that take them, read from the catalog that `--root` names, or the one above the working directory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # completion loads it only when a shell asks
    from click.shell_completion import CompletionItem


def _root(ctx: click.Context) -> Path | None:
    """The catalog root the command line names so far (on the command or before it), else the nearest."""
    current: click.Context | None = ctx
    while current is not None:
        given = current.params.get("root")
        if given:
            return Path(given)
        current = current.parent
    from assembler.layout import find_root

    found = find_root(str(Path.cwd()))
    return Path(found) if found else None


def complete_agents(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The agents whose name starts with what is typed, but those already on the command line. Never fails:
    a catalog that cannot be read completes nothing."""
    from click.shell_completion import CompletionItem

    from assembler.catalog_data import agent_names

    try:
        root = _root(ctx)
        names = agent_names(root) if root is not None else []
    except Exception:  # completion runs at every Tab: it must never print a traceback into the shell
        return []
    given = ctx.params.get(param.name or "")
    typed = set(given) if isinstance(given, tuple | list) else set()  # NAME... typed so far
    return [CompletionItem(name) for name in names if name.startswith(incomplete) and name not in typed]
