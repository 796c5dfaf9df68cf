"""exits: one status per outcome; faults outrank input errors; --strict counts warnings, never infos."""

from __future__ import annotations

from assembler import exits
from assembler.diagnostics import Diagnostic, Severity


def _d(code: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(code=code, message="m", file="f", severity=severity)


def test_statuses_are_distinct_and_documented() -> None:
    statuses = [exits.OK, exits.INPUT, exits.USAGE, exits.DRIFT, exits.FAULT, exits.INTERNAL]
    assert statuses == [0, 1, 2, 3, 4, 5]
    assert sorted(exits.MEANINGS) == statuses


def test_status_for_diagnostics() -> None:
    assert exits.for_diagnostics([]) == exits.OK
    assert exits.for_diagnostics([_d("A032", Severity.WARNING)]) == exits.OK
    assert exits.for_diagnostics([_d("A032", Severity.WARNING)], strict=True) == exits.INPUT
    assert exits.for_diagnostics([_d("A130", Severity.INFO)], strict=True) == exits.OK
    assert exits.for_diagnostics([_d("A002")]) == exits.INPUT
    assert exits.for_diagnostics([_d("A002"), _d("F002")]) == exits.FAULT
    assert exits.for_diagnostics([_d("D001")]) == exits.OK  # drift is the caller's to decide
