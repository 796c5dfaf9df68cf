"""Every read and write of the catalog's files: regular files only, never outside the root, every failure of
the file system a diagnostic.

Reads open with O_NONBLOCK and check with fstat that what was opened is a regular file, so a FIFO or a
device at a source or output path is refused instead of waited on. A symbolic link is followed only when it
stays inside the folder it sits in (a folder is resolved once, and must itself stay inside the catalog root).
Writes go to a temporary file in the same folder, which is then renamed over the target: a reader, or a run
killed at any moment, sees the old file or the new one, never half of either. Plain `os` calls: this runs
once or twice per file of a 10,000-agent catalog, and pathlib's overhead was a tenth of the time.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from dataclasses import dataclass

from assembler.codes import fault, general
from assembler.diagnostics import Diagnostic

_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
TEMP = re.compile(r"\.assembler-(\d+)-[0-9a-f]{12}\.tmp")  # our temporary files: the writer's pid in the name
_WHOLE_DISK = {errno.ENOSPC, errno.EROFS, errno.EDQUOT}  # every later write would fail the same way


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


def write_hint(err: OSError) -> str:
    if err.errno == errno.ENOSPC or err.errno == getattr(errno, "EDQUOT", -1):
        return "free some space on the disk, then run again"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "make the folder and file writable for the user running assembler (or lift an immutable flag)"
    if err.errno == errno.ENAMETOOLONG:
        return "use a shorter name: file names hold at most 255 bytes"
    if err.errno in (errno.ENOTDIR, errno.EEXIST):
        return "a file stands where a folder is needed: move it away"
    return "check the file system, then run again"


def whole_disk(problem: FileProblem) -> bool:
    """Whether a failed write means every later write will fail too (a full or read-only disk)."""
    cause = problem.__cause__
    return isinstance(cause, OSError) and cause.errno in _WHOLE_DISK


def atomic_write(path: str, rel: str, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename. The file keeps the
    usual permissions (0o666 less the umask); a missing folder is created. No fsync: generated files are
    derived data, and one fsync per file made a 1,000-agent build three times slower; after a power cut,
    `check` flags a damaged file and `build` rewrites it. Raises FileProblem; nothing is left behind."""
    folder_path = os.path.dirname(path)
    try:
        current = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        current = None
    except OSError as err:
        raise _write_problem(err, rel) from err
    if current is not None and not stat.S_ISREG(current.st_mode):
        raise FileProblem(fault.NOT_A_FILE.located(rel, where=rel, what=what_is(current.st_mode)))
    tmp = ""
    try:
        fd, tmp = _temporary(folder_path)
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as err:  # Ctrl-C too: no temporary file is left behind
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(err, OSError):
            raise _write_problem(err, rel) from err
        raise


def _temporary(folder_path: str) -> tuple[int, str]:
    """A new temporary file in `folder_path`, named `.assembler-PID-RANDOM.tmp`; creates the folder."""
    while True:
        tmp = os.path.join(folder_path, f".assembler-{os.getpid()}-{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, _WRITE_FLAGS, 0o666), tmp
        except FileExistsError:  # another writer drew the same name: draw again
            continue
        except FileNotFoundError:
            os.makedirs(folder_path, exist_ok=True)
            return os.open(tmp, _WRITE_FLAGS, 0o666), tmp


def _write_problem(err: OSError, rel: str) -> FileProblem:
    return FileProblem(
        fault.WRITE_FAILED.located(rel, where=rel, reason=reason(err), suggestion=write_hint(err))
    )


def delete(path: str, rel: str) -> None:
    """Remove a file; raises FileProblem when the system refuses."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    except OSError as err:
        raise FileProblem(
            fault.DELETE_FAILED.located(rel, where=rel, reason=reason(err), suggestion=write_hint(err))
        ) from None


def remove_stale_temporaries(folder_path: str) -> list[str]:
    """Delete the temporary files that writers killed before their rename left in `folder_path` (their
    process is gone); return their names. Another live run's temporary files are left alone."""
    removed: list[str] = []
    try:
        with os.scandir(folder_path) as entries:
            names = [e.name for e in entries if e.name.startswith(".assembler-")]
    except OSError:
        return removed
    for name in names:
        found = TEMP.fullmatch(name)
        if found is None or _alive(int(found.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(folder_path, name))
            removed.append(name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    except PermissionError:  # a process we may not signal exists
        return True
    return True
