"""Watching a catalog: what is watched, what counts as a change, and runs on real file-system events."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assembler.watch import watch_catalog, watched
from tests.conftest import write_tree


def test_the_source_folders_and_the_root_are_watched_one_by_one(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "_capabilities/fs/read/text.md": "x",
            "_capabilities/fs/edit/text.md": "x",
            "_capabilities/fs/edit/deeper/x.md": "x",
            "templates/claude_agent.md.j2": "x",
            "assembler.toml": 'templates_dir = "templates"\n',
        }
    )
    now = watched(root)
    top = os.path.realpath(root)
    assert now.root == top
    assert [os.path.relpath(p, top) for p in now.paths] == [
        ".",
        "_manifests",
        "_blocks",
        "_capabilities",
        "_capabilities/fs",
        "_capabilities/fs/edit",
        "_capabilities/fs/read",
        "templates",
    ]  # _roles does not exist (yet); _generated is never watched
    assert [os.path.relpath(p, top) for p in now.folders] == [
        "_manifests",
        "_blocks",
        "_roles",
        "_capabilities",
        "templates",
    ]


@pytest.mark.parametrize(
    ("rel", "counts"),
    [
        ("_manifests/fixer.toml", True),
        ("_blocks/baseline.md", True),
        ("_capabilities/fs/read/text.md", True),
        ("_roles", True),  # a source folder that appears
        ("assembler.toml", True),
        ("pyproject.toml", True),
        ("_generated/fixer.md", False),
        ("README.md", False),
        ("_blocks/.baseline.md.swp", False),
        ("_blocks/baseline.md~", False),
        ("_manifests/.assembler-123-abcdef012345.tmp", False),
        ("_manifests/4913", False),
        ("_blocks/sub/assembler.toml", True),  # inside a source folder: a source
        ("other/assembler.toml", False),
    ],
)
def test_what_counts_as_a_change(catalog: Callable[..., Path], rel: str, counts: bool) -> None:
    now = watched(catalog())
    assert now.counts(str(Path(now.root, rel))) is counts


def test_an_unreadable_configuration_watches_the_default_folders(catalog: Callable[..., Path]) -> None:
    now = watched(catalog({"assembler.toml": "manifests_dir = [\n"}))
    assert [Path(f).name for f in now.folders] == ["_manifests", "_blocks", "_roles", "_capabilities"]


class Runs:
    """watch_catalog in a thread; every run's list of changed paths comes out of `next_run`."""

    def __init__(self, root: Path) -> None:
        self.runs: queue.Queue[list[str]] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=watch_catalog, args=(root, self.runs.put), kwargs={"stop_event": self.stop, "step_ms": 50}
        )

    def next_run(self, timeout: float = 15.0) -> list[str]:
        return self.runs.get(timeout=timeout)

    def settled(self) -> int:
        """How many runs came until none came for a while."""
        count = 0
        while not self.quiet():
            count += 1
        return count

    def quiet(self, seconds: float = 0.8) -> bool:
        try:
            self.runs.get(timeout=seconds)
        except queue.Empty:
            return True
        return False


@pytest.fixture
def runs(catalog: Callable[..., Path]) -> Iterator[tuple[Path, Runs]]:
    root = catalog()
    watching = Runs(root)
    watching.thread.start()
    try:
        assert watching.next_run() == []  # the first run, once the watcher is in place
        yield root, watching
    finally:
        watching.stop.set()
        watching.thread.join(timeout=10)
        assert not watching.thread.is_alive()


def test_a_change_to_a_source_runs_again_with_what_changed(runs: tuple[Path, Runs]) -> None:
    root, watching = runs
    (root / "_blocks/baseline.md").write_text("# BASELINE\n\nChanged.\n")
    assert watching.next_run() == ["_blocks/baseline.md"]
    write_tree(root, {"_manifests/new.toml": "x", "assembler.toml": "\n"})
    changed: set[str] = set()
    while changed != {"_manifests/new.toml", "assembler.toml"}:  # one run, or two when the burst splits
        changed |= set(watching.next_run())


def test_generated_files_and_swap_files_do_not_count(runs: tuple[Path, Runs]) -> None:
    root, watching = runs
    write_tree(root, {"_generated/fixer.md": "x", "_blocks/.baseline.md.swp": "x", "notes.md": "x"})
    assert watching.quiet()


def test_a_folder_that_appears_is_watched_from_then_on(runs: tuple[Path, Runs]) -> None:
    root, watching = runs
    (root / "_roles").mkdir()
    assert watching.settled() >= 1  # a run after it (which may not name it, when the folders were
    (root / "_roles/reader.toml").write_text("[role]\n")  # seen moving before the event came in)
    assert watching.next_run() == ["_roles/reader.toml"]


def test_a_configuration_that_moves_a_folder_moves_the_watch(runs: tuple[Path, Runs]) -> None:
    root, watching = runs
    (root / "agents").mkdir()
    assert watching.quiet()  # not a source folder yet
    (root / "assembler.toml").write_text('manifests_dir = "agents"\n')
    assert watching.settled() >= 1
    (root / "agents/fixer.toml").write_text("x")
    assert watching.next_run() == ["agents/fixer.toml"]


def test_ctrl_c_ends_the_watch_quietly(catalog: Callable[..., Path]) -> None:
    calls: list[list[str]] = []

    def interrupted(changed: list[str]) -> None:
        calls.append(changed)
        raise KeyboardInterrupt

    watch_catalog(catalog(), interrupted)  # returns instead of raising
    assert calls == [[]]
