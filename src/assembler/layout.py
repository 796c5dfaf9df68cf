"""Where the catalog's folders are, resolved once per run, and the checks that they stay where they belong:
source folders inside the catalog root (a folder link leading out is refused), output folders inside it too
unless the configuration names an outside folder explicitly."""

from __future__ import annotations

import os
from dataclasses import dataclass

from assembler.config import Config
from assembler.diagnostics import Diagnostic
from assembler.disk import FileProblem, Folder, folder


def find_root(start: str) -> str | None:
    """The nearest folder at or above `start` holding `_manifests/` or `assembler.toml`."""
    current = os.path.abspath(start)
    while True:
        if os.path.isdir(os.path.join(current, "_manifests")) or os.path.isfile(
            os.path.join(current, "assembler.toml")
        ):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def leaves_root(rel: str) -> bool:
    """Whether a configured folder names a place outside the root by itself (absolute, `~`, or `..`)."""
    expanded = os.path.expanduser(rel)
    return os.path.isabs(expanded) or os.path.normpath(expanded).split(os.sep)[0] == ".."


@dataclass(frozen=True, slots=True)
class Layout:
    root: str  # resolved
    manifests: Folder
    blocks: Folder
    roles: Folder
    capabilities: Folder
    generated: Folder
    templates: Folder | None
    outputs: tuple[Folder, ...] = ()  # output folders besides `generated` (per target)


def layout(root: str, config: Config) -> tuple[Layout | None, list[Diagnostic]]:
    """The folders of the catalog at `root`, or the diagnostics of those that cannot be used."""
    real = os.path.realpath(root)
    found: dict[str, Folder] = {}
    problems: list[Diagnostic] = []
    wanted = {
        "manifests": config.manifests_dir,
        "blocks": config.blocks_dir,
        "roles": config.roles_dir,
        "capabilities": config.capabilities_dir,
        "generated": config.generated_dir,
    }
    if config.templates_dir is not None:
        wanted["templates"] = config.templates_dir
    for key, rel in wanted.items():
        try:
            found[key] = folder(real, rel, may_leave_root=key == "generated" and leaves_root(rel))
        except FileProblem as problem:
            problems.append(problem.diagnostic)
    if problems:
        return None, problems
    return (
        Layout(
            real,
            found["manifests"],
            found["blocks"],
            found["roles"],
            found["capabilities"],
            found["generated"],
            found.get("templates"),
        ),
        [],
    )
