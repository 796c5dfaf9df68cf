"""Run something again whenever a catalog's sources change: `build --watch` and `check --watch`.

What is watched: the source folders (manifests, blocks, roles, capabilities and their subfolders, the
templates folder when one is configured) and the root itself, for the configuration (`assembler.toml`,
`pyproject.toml`) and for source folders that appear. Folders are watched one by one, never recursively, so
a catalog at the top of a repository does not watch its `.git`, `.venv` or `node_modules`. What counts as a
change: a file in a source folder that is not hidden, a backup (`~`) or an editor's swap or temporary file,
a source folder itself, a configuration file. The generated files never count, so a build does not set off
another. Changes are debounced by watchfiles: a burst of saves is one run. The watched folders are worked out
again after every run, since a change to the configuration may move them. Ctrl-C ends the watch.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assembler.config import CONFIG_FILE, load_config

CONFIG_FILES = (CONFIG_FILE, "pyproject.toml")
_IGNORED_ENDINGS = ("~", ".swp", ".swx", ".tmp", ".bak")


@dataclass(frozen=True)
class Watched:
    root: str
    folders: tuple[str, ...]  # the source folders (absolute), those that exist and those that may appear
    paths: tuple[str, ...]  # what to watch: the root and every existing source folder and its subfolders

    def filter(self, change: object, path: str) -> bool:
        """watchfiles' filter: whether the change counts."""
        return self.counts(path)

    def counts(self, path: str) -> bool:
        """Whether a change at `path` (absolute) calls for a run."""
        parent, name = os.path.split(path)
        if parent == self.root and name in CONFIG_FILES:
            return True
        if path in self.folders:
            return True
        if name.startswith(".") or name.endswith(_IGNORED_ENDINGS) or name == "4913":  # vim's probe file
            return False
        return any(path.startswith(folder + os.sep) for folder in self.folders)


def watched(root: Path) -> Watched:
    """What to watch in the catalog at `root`, by its configuration as it is now (the defaults while the
    configuration cannot be read)."""
    config, _ = load_config(root)
    top = os.path.realpath(root)
    names = [config.manifests_dir, config.blocks_dir, config.roles_dir, config.capabilities_dir]
    names += [config.templates_dir] if config.templates_dir else []
    folders = tuple(os.path.normpath(Path(top, name)) for name in names)
    paths = [top]
    for folder in folders:
        paths += _tree(folder, depth=2 if folder == folders[3] else 0)
    return Watched(top, folders, tuple(dict.fromkeys(paths)))


def _tree(folder: str, depth: int) -> list[str]:
    """`folder` and its subfolders down to `depth` levels, those that exist (capabilities are two deep)."""
    if not Path(folder).is_dir():
        return []
    found = [folder]
    if depth:
        try:
            with os.scandir(folder) as entries:
                subfolders = sorted(e.path for e in entries if e.is_dir() and not e.name.startswith("."))
        except OSError:
            return found
        for sub in subfolders:
            found += _tree(sub, depth - 1)
    return found


def watch_catalog(
    root: Path,
    run: Callable[[list[str]], object],
    *,
    debounce_ms: int = 1600,
    step_ms: int = 50,
    stop_event: Any = None,
) -> None:
    """Call `run([])` once, then `run(changed)` after every burst of changes, with the changed paths
    relative to the root, sorted, until Ctrl-C (or `stop_event` is set). Returns normally either way.

    Each run starts once the watcher is in place, so no change made during a run, or between a run and
    a new watcher, goes unseen: watchfiles collects changes while `run` works, and says every 200 ms
    that it is waiting, which is when a run that is due without a change (the first one, or the one after
    the watched folders moved) happens."""
    import watchfiles

    due = True
    try:
        while stop_event is None or not stop_event.is_set():
            now = watched(root)
            for changes in watchfiles.watch(
                *now.paths,
                watch_filter=now.filter,
                debounce=debounce_ms,
                step=step_ms,
                stop_event=stop_event,
                rust_timeout=200,
                yield_on_timeout=True,
                recursive=False,
                ignore_permission_denied=True,
            ):
                if not changes and not due:
                    continue
                due = False
                run(sorted({os.path.relpath(path, now.root) for _, path in changes}))
                if watched(root) != now:  # a folder appeared or the configuration moved one
                    due = True
                    break
    except KeyboardInterrupt:
        return
