"""Where the catalog's folders are, resolved once per run, and the checks that they stay where they belong:
source folders inside the catalog root (a folder link leading out is refused), output folders inside it too
unless the configuration names an outside folder explicitly."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from assembler.codes.config import BAD_CONFIG
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
    outputs: tuple[Folder, ...] = ()  # folders besides `generated` where outputs are written or may stand


def layout(
    root: str, config: Config, outputs: Sequence[str] = (), scanned: Sequence[str] = ()
) -> tuple[Layout | None, list[Diagnostic]]:
    """The folders of the catalog at `root`, or the diagnostics of those that cannot be used. `outputs`:
    the chosen targets' folders (each may leave the root only where it names an outside folder itself);
    `scanned`: folders where files of targets not chosen may stand, searched for orphans, left out when
    they cannot be used, and when they are a folder of the layout under another name."""
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
    extra: list[Folder] = []
    if "generated" in found:
        names = {found["generated"].rel}
        reals = {found["generated"].real}
        for rel in [*outputs, *scanned]:
            try:
                one = folder(real, rel, may_leave_root=leaves_root(rel))
            except FileProblem as problem:
                if rel in outputs:
                    problems.append(problem.diagnostic)
                continue
            if one.rel in names:
                continue
            if one.real in reals and rel in outputs:  # its files would be orphans under the other name
                problems.append(
                    BAD_CONFIG.located(
                        config.source or rel,
                        key=f"dir {rel}",
                        expected="a folder that is not another output folder under another name (a link)",
                        example="write the same path for every target that shares a folder",
                    )
                )
            elif one.real not in reals:
                names.add(one.rel)
                reals.add(one.real)
                extra.append(one)
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
            tuple(extra),
        ),
        [],
    )
