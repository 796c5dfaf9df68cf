"""A build's new files, staged while the catalog is still being checked.

Creating a file is the costly part of writing it (on some file systems far more than rendering it), so a
build has each worker put the files it renders into temporary files beside their places as it goes, on
every core, and keeps only their paths. Nothing becomes visible: when the catalog turns out valid, `write`
renames each into place; otherwise every staged file is discarded. Only files the build will surely write
are staged (none stands there, or ours, untouched, with other bytes); the rest keep their text, for `write`
to decide (unchanged, edited by hand, `--force`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assembler.atomic import discard, stage, whole_disk
from assembler.disk import FileProblem
from assembler.layout import Layout
from assembler.read import output_path
from assembler.stamp import is_ours_untouched


@dataclass
class Staged:
    """A manifest's outputs after staging: the staged ones carry no text."""

    outputs: list[tuple[str, str | None]] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # output path -> its staged temporary file
    on_disk: dict[str, bytes | None] = field(default_factory=dict)  # what stands at the unstaged ones
    made: list[str] = field(default_factory=list)  # the folders created for them, outermost first


@dataclass
class Stager:
    """Stages files for the run of process `owner` (named for it, so a killed run's are recognised)."""

    layout: Layout
    owner: int
    stopped: bool = False  # the disk is full or read-only: `write` meets it and says so
    ready: set[str] = field(default_factory=set)  # folders known to stand

    def stage(self, rendered: list[tuple[str, bytes]], on_disk: dict[str, bytes | None]) -> Staged:
        """Stage each rendered file (its bytes) that the build will surely write."""
        done = Staged()
        for rel, data in rendered:
            current = on_disk.get(rel)
            tmp = self._stage(rel, data, current, done.made)
            if tmp is None:
                done.outputs.append((rel, data.decode("utf-8")))
                done.on_disk[rel] = current
            else:
                done.outputs.append((rel, None))
                done.files[rel] = tmp
        return done

    def _stage(self, rel: str, data: bytes, current: bytes | None, made: list[str]) -> str | None:
        if self.stopped or not (current is None or (current != data and is_ours_untouched(rel, current))):
            return None
        path = output_path(self.layout, rel)
        folder = os.path.dirname(path)  # noqa: PTH120 (plain os: once per file)
        missing = [] if folder in self.ready else _missing(folder)
        try:
            tmp = stage(path, rel, data, self.owner)
        except FileProblem as problem:  # left to `write`, which reports it in its place
            self.stopped = whole_disk(problem)
            made += [f for f in missing if os.path.isdir(f)]  # noqa: PTH112 (made before the refusal)
            return None
        self.ready.add(folder)
        made += missing
        return tmp


def drop(staged: Iterable[str | None], made: Iterable[str] = ()) -> None:
    """Remove staged files that will not be committed (None: nothing staged), then the folders made for them
    that are still empty (`made`), the innermost first."""
    for tmp in staged:
        if tmp is not None:
            discard(tmp)
    for folder in sorted(set(made), key=len, reverse=True):
        with contextlib.suppress(OSError):
            Path(folder).rmdir()


def _missing(folder: str) -> list[str]:
    """The folders of the path `folder` that do not stand yet, outermost first: staging creates them, and
    a run that writes nothing removes them again."""
    path = Path(folder)
    missing = [path, *path.parents]
    return [str(p) for p in reversed(missing) if not p.is_dir()]
