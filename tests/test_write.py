from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from assembler import write
from assembler.check import compare
from assembler.pipeline import plan_catalog
from assembler.write import apply_plan


def _build(root: Path, **options: bool) -> write.WriteResult:
    plan = plan_catalog(root)
    assert plan.ok, plan.diagnostics
    return apply_plan(plan, **options)


def test_build_writes_then_leaves_unchanged_files_alone(catalog: Callable[..., Path]) -> None:
    root = catalog()
    first = _build(root)
    assert first.written == ["_generated/fixer.md", "_generated/reviewer.md"]
    mtime = (root / "_generated/fixer.md").stat().st_mtime_ns
    second = _build(root)
    assert second.written == []
    assert (root / "_generated/fixer.md").stat().st_mtime_ns == mtime


def test_hand_edited_file_is_refused_then_forced(catalog: Callable[..., Path]) -> None:
    root = catalog()
    _build(root)
    path = root / "_generated/fixer.md"
    edited = path.read_text() + "\nmy note\n"
    path.write_text(edited)
    (root / "_manifests/fixer.toml").write_text(
        (root / "_manifests/fixer.toml").read_text().replace("Reviews patches", "Fixes patches")
    )
    result = _build(root)
    assert result.refused == ["_generated/fixer.md"]
    assert path.read_text() == edited
    forced = _build(root, force=True)
    assert forced.written == ["_generated/fixer.md"]
    assert "Fixes patches" in path.read_text()


def test_a_persons_file_at_an_output_path_is_not_overwritten(catalog: Callable[..., Path]) -> None:
    root = catalog({"_generated/fixer.md": "# notes written by a person\n"})
    result = _build(root)
    assert result.refused == ["_generated/fixer.md"]
    assert (root / "_generated/fixer.md").read_text() == "# notes written by a person\n"


def test_prune_deletes_only_stamped_orphans(catalog: Callable[..., Path]) -> None:
    root = catalog({"_generated/notes.md": "# unstamped, a person's file\n"})
    _build(root)
    extra = (root / "_manifests/fixer.toml").read_text().replace('name = "fixer"', 'name = "gone"')
    (root / "_manifests/gone.toml").write_text(extra)
    _build(root)
    assert (root / "_generated/gone.md").exists()
    (root / "_manifests/gone.toml").unlink()
    kept = _build(root)
    assert kept.pruned == [] and (root / "_generated/gone.md").exists()
    pruned = _build(root, prune=True)
    assert pruned.pruned == ["_generated/gone.md"]
    assert not (root / "_generated/gone.md").exists()
    assert (root / "_generated/notes.md").read_text() == "# unstamped, a person's file\n"


def test_concurrent_builds_in_threads_end_with_correct_files(catalog: Callable[..., Path]) -> None:
    root = catalog()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            _build(root)
        except BaseException as err:  # collected and re-raised in the main thread
            errors.append(err)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert compare(plan_catalog(root, trust=False)) == []


def test_concurrent_build_processes_end_with_correct_files(catalog: Callable[..., Path]) -> None:
    root = catalog()
    command = [sys.executable, "-m", "assembler", "--root", str(root), "build"]
    procs = [subprocess.Popen(command, stderr=subprocess.PIPE) for _ in range(3)]
    assert [p.wait() for p in procs] == [0, 0, 0]
    assert compare(plan_catalog(root, trust=False)) == []
    assert sorted(p.name for p in (root / "_generated").iterdir()) == ["fixer.md", "reviewer.md"]


def test_prune_keeps_an_orphan_edited_by_hand_unless_forced(catalog: Callable[..., Path]) -> None:
    root = catalog()
    _build(root)
    ghost = (root / "_manifests/fixer.toml").read_text().replace('name = "fixer"', 'name = "ghost"')
    (root / "_manifests/ghost.toml").write_text(ghost)
    _build(root)
    (root / "_manifests/ghost.toml").unlink()
    orphan = root / "_generated/ghost.md"
    orphan.write_text(orphan.read_text() + "\nnotes a person added\n")
    kept = _build(root, prune=True)
    assert kept.pruned == [] and kept.kept == ["_generated/ghost.md"]
    assert orphan.exists()
    forced = _build(root, prune=True, force=True)
    assert forced.pruned == ["_generated/ghost.md"]
    assert not orphan.exists()


TARGETS_TOML = '[targets.claude]\n[targets.copilot]\ndir = ".github/agents"\n[targets.kiro]\n'


def test_every_chosen_target_is_written_and_kept_up_to_date(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": TARGETS_TOML})
    first = _build(root)
    assert first.written == [
        "_generated/fixer.md",
        ".github/agents/fixer.agent.md",
        "_generated/kiro/fixer.json",
        "_generated/reviewer.md",
        ".github/agents/reviewer.agent.md",
        "_generated/kiro/reviewer.json",
    ]
    assert _build(root).written == []
    assert compare(plan_catalog(root)) == []


def test_prune_removes_the_files_of_a_target_removed_from_the_configuration(
    catalog: Callable[..., Path],
) -> None:
    root = catalog({"assembler.toml": TARGETS_TOML})
    _build(root)
    mine = root / ".github/agents/notes.agent.md"
    mine.write_text("---\nname: notes\n---\nA person's own agent.\n")
    (root / "assembler.toml").write_text("[targets.claude]\n")
    plan = plan_catalog(root)
    assert plan.orphans() == [
        ".github/agents/fixer.agent.md",
        ".github/agents/reviewer.agent.md",
        "_generated/kiro/fixer.json",
        "_generated/kiro/reviewer.json",
    ]
    assert {d.kind.value for d in compare(plan)} == {"orphaned"}
    result = apply_plan(plan, prune=True)
    assert result.pruned == plan.orphans()
    assert sorted(p.name for p in (root / ".github/agents").iterdir()) == ["notes.agent.md"]
    assert not (root / "_generated/kiro/fixer.json").exists() and (root / "_generated/fixer.md").is_file()
    assert compare(plan_catalog(root)) == []


def test_a_changed_target_table_stales_only_that_targets_files(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": TARGETS_TOML})
    _build(root)
    (root / "assembler.toml").write_text(TARGETS_TOML + '[targets.kiro.models]\nsonnet = "claude-sonnet-4"\n')
    stale = [(d.rel, d.kind.value) for d in compare(plan_catalog(root))]
    assert stale == [("_generated/kiro/fixer.json", "stale"), ("_generated/kiro/reviewer.json", "stale")]
    assert _build(root).written == ["_generated/kiro/fixer.json", "_generated/kiro/reviewer.json"]
