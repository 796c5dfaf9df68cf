"""Codes for failures of the file system: what was refused, with the system's reason."""

from __future__ import annotations

from assembler.codes import Code

READ_FAILED = Code(
    "F001",
    "file or folder cannot be read",
    "cannot read {where}: {reason}",
    "{suggestion}",
    "The system refused to read a source or an output (permission denied, an I/O error). Nothing was "
    "written.",
)
WRITE_FAILED = Code(
    "F002",
    "file cannot be written",
    "cannot write {where}: {reason}",
    "{suggestion}",
    "The system refused a write (a read-only folder or an immutable file, a full disk, a name too long, "
    "an output folder that is a file). Each file is written to a temporary file first and renamed: the "
    "file that failed is unchanged and its temporary file is removed.",
)
NOT_A_FILE = Code(
    "F003",
    "not a regular file",
    "{where} is {what}, not a regular file",
    "move it away: assembler reads and writes only regular files",
    "A FIFO, a socket, a device or a folder stands where a source or an output file should be. assembler "
    "never opens such a thing (reading a FIFO would wait forever).",
)
DELETE_FAILED = Code(
    "F004",
    "file cannot be deleted",
    "cannot delete {where}: {reason}",
    "{suggestion}",
    "`build --prune` could not remove an orphaned file: the system refused (permission, read-only folder).",
)
