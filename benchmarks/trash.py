"""Old work trees set aside instead of deleted while runs are timed.

A timed "build from scratch" needs a fresh copy of the catalog before every run. Deleting the previous copy
right before the run made the run slower for a reason that is the harness's, not the tool's: ext4 without a
journal (the file system of the VM these figures come from) does not hand out an inode within 60 seconds of
its release (300 while its inode table block is not written back), and every file created meanwhile scans
past the recently freed ones. Creating 1,200 files took 0.07 s on a quiet disk and 1.0 s right after 2,400
deletions; the more a scenario writes, the more it paid. So a work tree is renamed into the trash (no inode
is freed); the trash goes with the section's temporary folder, and the next section starts only when those
inodes are past the window. A 10,000-agent section keeps about 1.2 GB of trees until it ends.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

FREED_WINDOW = 61.0  # seconds: RECENTCY_MIN in fs/ext4/ialloc.c (Linux 5.6 on), plus one
WAIT_FROM = 100  # agents: the trees of a smaller catalog free too few inodes to matter


class Trash:
    def __init__(self, folder: Path, sleep: Callable[[float], None] = time.sleep) -> None:
        self.folder = folder
        self.thrown = 0
        self._freed_at: float | None = None
        self._sleep = sleep

    def throw(self, tree: Path) -> None:
        """Set `tree` aside (a rename: nothing is freed); nothing to do when it does not exist."""
        if not tree.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.thrown += 1
        tree.rename(self.folder / f"{self.thrown:05d}-{tree.name}")

    def freed(self, agents: int) -> None:
        """Note that the trees of a catalog of `agents` agents were deleted just now (the section's folder,
        trash and all); only large catalogs free enough inodes to be waited for."""
        if agents >= WAIT_FROM:
            self._freed_at = time.monotonic()

    def wait(self) -> None:
        """Write back, then sleep until what was deleted is past ext4's window; at once when nothing was."""
        if self._freed_at is not None:
            os.sync()  # the longer window holds while the freed inodes' table blocks are unwritten
            left = FREED_WINDOW - (time.monotonic() - self._freed_at)
            if left > 0:
                self._sleep(left)
            self._freed_at = None
