"""Every read of the catalog's files: regular files only, never outside the root, every failure of the file
system a diagnostic (writes are in `atomic`).

Reads open with O_NONBLOCK and check with fstat that what was opened is a regular file, so a FIFO or a
device at a source or output path is refused instead of waited on. A symbolic link is followed only when it
stays inside the folder it sits in (a folder is resolved once, and must itself stay inside the catalog root).
Plain `os` calls: this runs once or twice per file of a 10,000-agent catalog, and pathlib's overhead was a
tenth of the time.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

from assembler.codes import fault, general
from assembler.diagnostics import Diagnostic

_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass(frozen=True, slots=True)
class Text:
    """A file's text and its path relative to the catalog root."""

    rel: str
    text: str


class FileProblem(Exception):
    """A file or folder that cannot be used; carries the diagnostic to report."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def what_is(mode: int) -> str:
    """`a FIFO`, `a folder`...: what a non-regular file is, in words."""
    for test, name in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def reason(err: OSError) -> str:
    """The system's words for an error, such as `No space left on device`."""
    return err.strerror or type(err).__name__


def _read_hint(err: OSError) -> str:
    if err.errno in (errno.EACCES, errno.EPERM):
        return "give the user running assembler read permission"
    return "check the file system, then run again"


def read_fd(fd: int, rel: str) -> bytes:
    """The whole content of an open file, which must be a regular file; closes `fd`."""
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise FileProblem(fault.NOT_A_FILE.located(rel, where=rel, what=what_is(mode)))
        chunks: list[bytes] = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    except OSError as err:
        raise FileProblem(
            fault.READ_FAILED.located(rel, where=rel, reason=reason(err), suggestion=_read_hint(err))
        ) from None
    finally:
        os.close(fd)


@dataclass(frozen=True, slots=True)
class Folder:
    """A folder of the catalog: its path as written (relative to the root, or as configured) and on disk."""

    rel: str
    path: str  # absolute
    real: str  # the path with every symbolic link resolved

    def file(self, name: str) -> str:
        return name if self.rel in ("", ".") else f"{self.rel}/{name}"

    def read(self, name: str) -> bytes | None:
        """The bytes of the regular file `name` in this folder; None when there is none. A symbolic link is
        followed only when it stays inside the folder."""
        rel = self.file(name)
        path = os.path.join(self.path, name)
        if "/" in name:  # a folder on the way may be a link: resolve the whole path
            path = os.path.realpath(path)
            if not inside(path, self.real):
                raise FileProblem(
                    general.ESCAPES.located(
                        rel,
                        what="path",
                        name=rel,
                        folder=f"{self.rel}/",
                        suggestion="replace the link with the folder or file itself",
                    )
                )
        try:
            fd = os.open(path, _READ_FLAGS | _NOFOLLOW)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as err:
            if err.errno != errno.ELOOP:
                raise FileProblem(
                    fault.READ_FAILED.located(rel, where=rel, reason=reason(err), suggestion=_read_hint(err))
                ) from None
            return self._read_link(name, rel)
        return read_fd(fd, rel)

    def _read_link(self, name: str, rel: str) -> bytes | None:
        real = os.path.realpath(os.path.join(self.path, name))
        if not inside(real, self.real):
            raise FileProblem(
                general.ESCAPES.located(
                    rel,
                    what="symbolic link",
                    name=rel,
                    folder=f"{self.rel}/",
                    suggestion="replace the link with the file itself",
                )
            )
        try:
            fd = os.open(real, _READ_FLAGS)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as err:
            raise FileProblem(
                fault.READ_FAILED.located(rel, where=rel, reason=reason(err), suggestion=_read_hint(err))
            ) from None
        return read_fd(fd, rel)

    def names(self) -> list[str]:
        """The names of the folder's entries, sorted; none when the folder does not exist."""
        try:
            with os.scandir(self.path) as entries:
                return sorted(entry.name for entry in entries)
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as err:
            raise FileProblem(
                fault.READ_FAILED.located(
                    self.rel, where=f"{self.rel}/", reason=reason(err), suggestion=_read_hint(err)
                )
            ) from None


def inside(path: str, folder: str) -> bool:
    """Whether the (resolved) `path` is `folder` or lies under it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def folder(root: str, rel: str, *, may_leave_root: bool = False) -> Folder:
    """The folder `rel` of the catalog at `root` (a resolved path). Raises FileProblem (A013) when it leads
    outside the root through a symbolic link, unless the configuration named an outside folder itself."""
    path = os.path.normpath(os.path.join(root, os.path.expanduser(rel)))
    real = os.path.realpath(path)
    if not may_leave_root and not inside(real, root):
        raise FileProblem(
            general.ESCAPES.located(
                rel,
                what="folder",
                name=rel,
                folder="the catalog root",
                suggestion="keep the catalog's folders inside its root; replace the link with a real folder",
            )
        )
    return Folder(rel.rstrip("/"), path, real)


def decode(data: bytes, rel: str) -> str:
    """UTF-8 text without a byte-order mark; FileProblem (A005) when the bytes are not UTF-8."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        raise FileProblem(
            general.UNREADABLE.located(
                rel,
                where=rel,
                reason=f"byte {err.start} is not UTF-8",
                suggestion="save the file as UTF-8 text",
            )
        ) from None


def read_text(folder: Folder, name: str) -> Text | None:
    data = folder.read(name)
    rel = folder.file(name)
    return None if data is None else Text(rel, decode(data, rel))
