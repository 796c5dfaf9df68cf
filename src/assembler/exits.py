"""Exit statuses of the command line, one meaning each (README, "The command line")."""

from __future__ import annotations

from collections.abc import Iterable

from assembler.codes import Kind, kind_of
from assembler.diagnostics import Diagnostic, Severity

OK = 0  # clean (warnings allowed, unless --strict)
INPUT = 1  # the catalog is invalid: nothing was written
USAGE = 2  # unknown option or command, no catalog found, unknown agent name
DRIFT = 3  # check: generated files out of sync; build: files a person wrote or edited were left alone
FAULT = 4  # the file system refused a read or a write
INTERNAL = 5  # a bug in assembler: please report it

MEANINGS: dict[int, str] = {
    OK: "clean (warnings allowed, unless --strict)",
    INPUT: "input errors: the catalog is invalid; nothing was written",
    USAGE: "usage error: unknown option or command, no catalog found, unknown agent name",
    DRIFT: "`check`: generated files are out of sync; `build`: files edited or written by a person were "
    "left alone",
    FAULT: "the file system refused a read or a write (permission, full disk, not a regular file); "
    "files already written are whole",
    INTERNAL: "a bug in assembler: it printed one line saying so (set ASSEMBLER_DEBUG=1 for the traceback)",
}


def for_diagnostics(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> int:
    """FAULT when the file system failed, else INPUT when anything is an error (or, with `strict`, a
    warning), else OK. Drift is decided by the caller."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    status = OK
    for d in diagnostics:
        if kind_of(d.code) is Kind.FAULT:
            return FAULT
        if d.severity in failing and kind_of(d.code) is Kind.INPUT:
            status = INPUT
    return status
