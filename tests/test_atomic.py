"""atomic: writes are atomic and leave no temporary file, and every refusal of the file system is a
diagnostic. Faults are real where this machine allows it (immutable files, a small tmpfs that fills up, a
FIFO at the target) and injected into the system call where it does not."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from assembler.atomic import atomic_create, atomic_write, delete, remove_stale_temporaries, whole_disk
from assembler.disk import FileProblem


def _write(path: Path, text: str) -> None:
    atomic_write(str(path), path.name, text.encode())


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """Paths to make immutable with chattr +i (lifted at the end); skips where chattr cannot do it."""
    marked: list[Path] = []
    yield marked
    for path in marked:
        subprocess.run(["chattr", "-i", str(path)], check=False, capture_output=True)


def _make_immutable(path: Path, marked: list[Path]) -> None:
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)  # enough for a user who is not root
        return
    done = subprocess.run(["chattr", "+i", str(path)], check=False, capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not possible here ({done.stderr.decode().strip()}): root ignores modes")
    marked.append(path)


def test_write_creates_the_folder_and_keeps_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        atomic_write(str(tmp_path / "a" / "out.md"), "a/out.md", b"text\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "a" / "out.md").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "a" / "out.md").read_bytes() == b"text\n"


def test_failure_mid_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(FileProblem) as raised:
        _write(target, "new\n" * 1000)
    assert raised.value.diagnostic.message == "cannot write out.md: Input/output error"
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_interrupt_while_writing_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n")
    real_write = os.write

    def half_then_interrupt(fd: int, data: bytes | memoryview) -> int:
        real_write(fd, data[: len(data) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", half_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        _write(target, "new\n" * 100)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_a_full_disk_by_the_system_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: bytes | memoryview) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(FileProblem) as raised:
        _write(tmp_path / "out.md", "text\n")
    d = raised.value.diagnostic
    assert (d.code, d.message) == ("F002", "cannot write out.md: No space left on device")
    assert d.hint == "free some space on the disk, then run again"
    assert whole_disk(raised.value)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs, mounted where the test runs as root and may mount; skips otherwise (the system
    call test above covers the same path everywhere)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip() or 'not permitted'}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_really_full_disk(small_disk: Path) -> None:
    (small_disk / "old.md").write_text("old\n")
    with pytest.raises(FileProblem) as raised:
        _write(small_disk / "old.md", "x" * 200_000)
    assert raised.value.diagnostic.message == "cannot write old.md: No space left on device"
    assert whole_disk(raised.value)
    assert (small_disk / "old.md").read_text() == "old\n"
    assert sorted(p.name for p in small_disk.iterdir()) == ["old.md"]


def test_an_immutable_file_is_f002(tmp_path: Path, immutable: list[Path]) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n")
    _make_immutable(target, immutable)
    _make_immutable(tmp_path, immutable)
    with pytest.raises(FileProblem) as raised:
        _write(target, "new\n")
    d = raised.value.diagnostic
    assert d.code == "F002" and d.message.startswith("cannot write out.md: ")
    assert "writable" in (d.hint or "")
    assert target.read_text() == "old\n"


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "_generated").write_text("I am a file\n")
    with pytest.raises(FileProblem) as raised:
        atomic_write(str(tmp_path / "_generated" / "a.md"), "_generated/a.md", b"x")
    d = raised.value.diagnostic
    assert (d.code, d.message) == ("F002", "cannot write _generated/a.md: Not a directory")
    assert d.hint == "a file stands where a folder is needed: move it away"


def test_a_name_too_long(tmp_path: Path) -> None:
    name = "a" * 300 + ".md"
    with pytest.raises(FileProblem) as raised:
        atomic_write(str(tmp_path / name), name, b"x")
    assert raised.value.diagnostic.message.endswith("File name too long")
    assert list(tmp_path.iterdir()) == []


def test_a_fifo_at_the_output_path_is_not_replaced(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "out.md")
    with pytest.raises(FileProblem) as raised:
        _write(tmp_path / "out.md", "x")
    assert raised.value.diagnostic.code == "F003"
    assert (tmp_path / "out.md").is_fifo()


def test_a_temporary_name_already_taken_is_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draws = iter([b"\x00" * 6, b"\x00" * 6, b"\x01" * 6])
    monkeypatch.setattr(os, "urandom", lambda n: next(draws))
    taken = tmp_path / f".assembler-{os.getpid()}-000000000000.tmp"
    taken.write_text("someone else's\n")
    _write(tmp_path / "out.md", "mine\n")
    assert (tmp_path / "out.md").read_text() == "mine\n"
    assert taken.read_text() == "someone else's\n"


def test_stale_temporaries_of_dead_writers_are_removed(tmp_path: Path) -> None:
    gone_pid = _a_dead_pid()
    stale = tmp_path / f".assembler-{gone_pid}-0123456789ab.tmp"
    live = tmp_path / f".assembler-{os.getpid()}-0123456789ab.tmp"
    other = tmp_path / ".assembler-notes.tmp"
    for path in (stale, live, other):
        path.write_text("x")
    assert remove_stale_temporaries(str(tmp_path)) == [stale.name]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name])
    assert remove_stale_temporaries(str(tmp_path / "missing")) == []


def _a_dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_delete_reports_a_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text("x")
    delete(str(tmp_path / "gone.md"), "gone.md")  # nothing there: nothing to do

    def refuse(path: str) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "unlink", refuse)
    with pytest.raises(FileProblem) as raised:
        delete(str(tmp_path / "a.md"), "a.md")
    assert (raised.value.diagnostic.code, raised.value.diagnostic.message) == (
        "F004",
        "cannot delete a.md: Operation not permitted",
    )


def test_create_writes_a_new_file_and_never_replaces_one(tmp_path: Path) -> None:
    target = tmp_path / "new" / "a.toml"
    assert atomic_create(str(target), "new/a.toml", b"first\n") is True
    assert atomic_create(str(target), "new/a.toml", b"second\n") is False
    assert target.read_bytes() == b"first\n"
    (tmp_path / "new" / "link.toml").symlink_to(tmp_path / "nowhere")  # a dangling link is taken too
    assert atomic_create(str(tmp_path / "new" / "link.toml"), "new/link.toml", b"x") is False
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["a.toml", "link.toml"]


def test_create_without_hard_links_checks_the_name_then_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: str, dst: str) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    assert atomic_create(str(tmp_path / "a.toml"), "a.toml", b"first\n") is True
    assert atomic_create(str(tmp_path / "a.toml"), "a.toml", b"second\n") is False
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]
    assert (tmp_path / "a.toml").read_bytes() == b"first\n"


def test_create_reports_a_refusal_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", full)
    with pytest.raises(FileProblem) as raised:
        atomic_create(str(tmp_path / "a.toml"), "a.toml", b"x")
    assert raised.value.diagnostic.code == "F002"
    assert raised.value.diagnostic.hint == "free some space on the disk, then run again"
    assert list(tmp_path.iterdir()) == []
