"""Every write and deletion of a file: atomic, with no temporary file left behind, and every refusal of the
file system a diagnostic with the system's reason.

A file is written to a temporary file in the same folder, which is then renamed over the target: a reader, or
a run killed at any moment, sees the old file or the new one, never half of either. Temporary files carry the
writer's process id, so a later run can tell those of killed runs (removed) from those of live ones (kept).
Plain `os` calls, as in `disk`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat

from assembler.codes import fault
from assembler.disk import FileProblem, reason, what_is

_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
TEMP = re.compile(r"\.assembler-(\d+)-[0-9a-f]{12}\.tmp")  # our temporary files: the writer's pid in the name
_WHOLE_DISK = {errno.ENOSPC, errno.EROFS, errno.EDQUOT}  # every later write would fail the same way


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
    commit(stage(path, rel, data), path, rel)


def stage(path: str, rel: str, data: bytes, owner: int | None = None) -> str:
    """The first half of an atomic write: `data` in a new temporary file beside `path` (its folder made
    when missing), named for the process `owner` (this one by default) so that a later run can tell a
    killed run's files. Returns the temporary file's path; `commit` puts it in place, `discard` drops
    it. Raises FileProblem; nothing is left behind."""
    tmp = ""
    try:
        fd, tmp = _temporary(os.path.dirname(path), owner)
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        return tmp
    except BaseException as err:  # Ctrl-C too: no temporary file is left behind
        if tmp:
            discard(tmp)
        if isinstance(err, OSError):
            raise _write_problem(err, rel) from err
        raise


def commit(tmp: str, path: str, rel: str) -> None:
    """The second half: rename the staged file `tmp` over `path`, unless something other than a regular
    file stands there. Raises FileProblem, having removed `tmp`."""
    try:
        _refuse_special(path, rel)
        os.replace(tmp, path)
    except BaseException as err:
        discard(tmp)
        if isinstance(err, OSError):
            raise _write_problem(err, rel) from err
        raise


def discard(tmp: str) -> None:
    """Remove a staged file that will not be committed (gone already: nothing to do)."""
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _refuse_special(path: str, rel: str) -> None:
    """FileProblem when something other than a regular file (a folder, a FIFO, a link) stands at `path`."""
    try:
        current = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as err:
        raise _write_problem(err, rel) from err
    if not stat.S_ISREG(current.st_mode):
        raise FileProblem(fault.NOT_A_FILE.located(rel, where=rel, what=what_is(current.st_mode)))


def atomic_create(path: str, rel: str, data: bytes) -> bool:
    """Write `data` to a new file at `path`, never replacing one: a temporary file in the same folder, then
    a hard link to the name, which the system refuses when the name is taken (so two writers at once cannot
    both create it). Returns False, having written nothing, when something stands at `path`. On a file
    system without hard links, the name is checked and then the file renamed into place. Raises
    FileProblem; nothing is left behind."""
    tmp = stage(path, rel, data)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError as err:
            if err.errno not in _NO_LINKS:
                raise
            if os.path.lexists(path):
                return False
            os.replace(tmp, path)
            tmp = ""
        return True
    except OSError as err:
        raise _write_problem(err, rel) from err
    finally:
        if tmp:
            discard(tmp)


_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK}


def _temporary(folder_path: str, owner: int | None = None) -> tuple[int, str]:
    """A new temporary file in `folder_path`, named `.assembler-PID-RANDOM.tmp` for the process `owner`
    (this one by default); creates the folder."""
    pid = os.getpid() if owner is None else owner
    while True:
        tmp = os.path.join(folder_path, f".assembler-{pid}-{os.urandom(6).hex()}.tmp")
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
