from __future__ import annotations

from pathlib import Path

from benchmarks.trash import FREED_WINDOW, WAIT_FROM, Trash


def test_a_thrown_tree_is_moved_whole_not_deleted(tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "sub").mkdir(parents=True)
    (work / "sub" / "a.md").write_text("a")
    inode = (work / "sub" / "a.md").stat().st_ino
    trash = Trash(tmp_path / "trash")
    trash.throw(work)
    trash.throw(work)  # gone already: nothing to do
    assert not work.exists()
    [kept] = list((tmp_path / "trash").iterdir())
    assert kept.name == "00001-work"
    assert (kept / "sub" / "a.md").stat().st_ino == inode  # the same file: no inode was freed
    work.mkdir()
    trash.throw(work)
    assert sorted(p.name for p in (tmp_path / "trash").iterdir()) == ["00001-work", "00002-work"]


def test_wait_sleeps_only_after_a_deletion_and_only_what_is_left(tmp_path: Path) -> None:
    slept: list[float] = []
    trash = Trash(tmp_path, sleep=slept.append)
    trash.wait()
    assert slept == []
    trash.freed(WAIT_FROM - 1)  # a small catalog's trees: not worth a wait
    trash.wait()
    assert slept == []
    trash.freed(WAIT_FROM)
    trash.wait()
    trash.wait()
    assert len(slept) == 1 and FREED_WINDOW - 5 < slept[0] <= FREED_WINDOW
