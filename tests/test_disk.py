"""disk: only regular files are opened, links never lead out, writes are atomic, and every failure of the
file system is a diagnostic. Faults are real where this machine allows it (FIFOs, immutable files, a small
tmpfs that fills up) and injected into the system call where it does not."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from assembler.disk import FileProblem, Folder, folder, inside, what_is


def _folder(path: Path) -> Folder:
    return folder(str(path.parent.resolve()), path.name)


# reading


def test_reads_a_regular_file_and_says_none_for_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"text\n")
    here = _folder(tmp_path)
    assert here.read("a.md") == b"text\n"
    assert here.read("missing.md") is None
    assert here.names() == ["a.md"]


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.toml")  # opening it for reading without O_NONBLOCK would wait forever
    with pytest.raises(FileProblem) as raised:
        _folder(tmp_path).read("pipe.toml")
    d = raised.value.diagnostic
    assert (d.code, d.file) == ("F003", f"{tmp_path.name}/pipe.toml")
    assert d.message == f"{tmp_path.name}/pipe.toml is a FIFO (named pipe), not a regular file"
    assert d.hint == "move it away: assembler reads and writes only regular files"


def test_a_folder_where_a_file_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.toml").mkdir()
    with pytest.raises(FileProblem) as raised:
        _folder(tmp_path).read("x.toml")
    assert raised.value.diagnostic.message.endswith("x.toml is a folder, not a regular file")


def test_a_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "null.md").symlink_to("/dev/null")
    inner = folder("/", "dev")
    with pytest.raises(FileProblem) as raised:
        inner.read("null")
    assert raised.value.diagnostic.code == "F003"
    assert "a character device" in raised.value.diagnostic.message


def test_a_link_inside_the_folder_is_followed_one_leading_out_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "blocks").mkdir(parents=True)
    (root / "blocks" / "real.md").write_text("real\n")
    (tmp_path / "secret.md").write_text("SECRET\n")
    (root / "blocks" / "alias.md").symlink_to(root / "blocks" / "real.md")
    (root / "blocks" / "leak.md").symlink_to(tmp_path / "secret.md")
    (root / "blocks" / "dangling.md").symlink_to(root / "blocks" / "gone.md")
    blocks = folder(str(root), "blocks")
    assert blocks.read("alias.md") == b"real\n"
    assert blocks.read("dangling.md") is None
    with pytest.raises(FileProblem) as raised:
        blocks.read("leak.md")
    d = raised.value.diagnostic
    assert (d.code, d.message) == ("A013", "symbolic link `blocks/leak.md` leads outside blocks/")


def test_a_linked_folder_on_the_way_leading_out_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "caps").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "text.md").write_text("SECRET\n")
    (root / "caps" / "evil").symlink_to(tmp_path / "outside")
    with pytest.raises(FileProblem) as raised:
        folder(str(root), "caps").read("evil/text.md")
    assert raised.value.diagnostic.code == "A013"


def test_a_folder_link_leading_out_of_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (root / "_blocks").symlink_to(tmp_path / "elsewhere")
    (root / "_inside").mkdir()
    (root / "_linked").symlink_to(root / "_inside")
    with pytest.raises(FileProblem) as raised:
        folder(str(root), "_blocks")
    d = raised.value.diagnostic
    assert (d.code, d.file, d.message) == (
        "A013",
        "_blocks",
        "folder `_blocks` leads outside the catalog root",
    )
    assert folder(str(root), "_linked").real == str(root / "_inside")
    assert folder(str(root), "../out", may_leave_root=True).path == str(tmp_path / "out")


def test_an_unreadable_file_is_f001_with_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text("x")

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(FileProblem) as raised:
        _folder(tmp_path).read("a.md")
    d = raised.value.diagnostic
    assert (d.code, d.message) == ("F001", f"cannot read {tmp_path.name}/a.md: Permission denied")
    assert d.hint == "give the user running assembler read permission"


def test_what_is() -> None:
    import stat

    assert what_is(stat.S_IFSOCK) == "a socket"
    assert what_is(stat.S_IFBLK) == "a block device"
    assert what_is(stat.S_IFLNK) == "a symbolic link"
    assert what_is(0) == "not a regular file"
    assert inside("/a/b", "/a") and inside("/a", "/a") and not inside("/ab", "/a")
