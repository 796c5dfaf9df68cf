"""The registry of diagnostic codes: every code the tool can report, declared once.

A `Code` carries its identifier, its severity, a one-line title (the README's table), a message template and a
hint template (filled in by keyword where the problem is found), and a paragraph of documentation (what
`assembler explain CODE` prints). Modules import the code they report by name and build problems with
`CODE.at(path, **values)` (a problem found in parsed data, located later by its key path) or
`CODE.located(file, line, column, **values)` (a diagnostic whose place is known).

The first letter says what kind of problem it is, and so how a run ends:
A, input: the catalog is invalid (exit 1); D, drift: generated files differ from their sources (exit 3);
F, fault: the file system refused a read or a write (exit 4).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from assembler.diagnostics import Diagnostic, KeyPath, Problem, Severity


class Kind(StrEnum):
    INPUT = "input"
    DRIFT = "drift"
    FAULT = "fault"


_KINDS = {"A": Kind.INPUT, "D": Kind.DRIFT, "F": Kind.FAULT}


@dataclass(frozen=True, slots=True)
class Code:
    id: str
    title: str
    message: str  # a template: `{name}` fields are filled from the keywords given where it is reported
    hint: str  # a template, like message
    doc: str
    severity: Severity = Severity.ERROR

    @property
    def kind(self) -> Kind:
        return _KINDS[self.id[0]]

    def fields(self) -> frozenset[str]:
        """The keywords the message and hint templates need."""
        parsed = [*string.Formatter().parse(self.message), *string.Formatter().parse(self.hint)]
        return frozenset(name for _, name, _, _ in parsed if name)

    def _texts(self, values: dict[str, object]) -> tuple[str, str | None]:
        hint = self.hint.format_map(values)
        return self.message.format_map(values), hint or None

    def at(self, path: KeyPath, *, severity: Severity | None = None, **values: object) -> Problem:
        """A problem at a key path of the file being checked."""
        message, hint = self._texts(values)
        return Problem(
            path=path, code=self.id, message=message, hint=hint, severity=severity or self.severity
        )

    def located(
        self,
        file: str,
        line: int | None = None,
        column: int | None = None,
        *,
        severity: Severity | None = None,
        detail: str | None = None,
        **values: object,
    ) -> Diagnostic:
        """A diagnostic at a known place (`line` and `column` 1-based, or None for the whole file)."""
        message, hint = self._texts(values)
        return Diagnostic(
            code=self.id,
            message=message,
            file=file,
            line=line,
            column=column,
            hint=hint,
            severity=severity or self.severity,
            detail=detail,
        )


@lru_cache(maxsize=1)
def registry() -> dict[str, Code]:
    """Every code, by identifier, in order."""
    from assembler.codes import claude, config, content, drift, fault, general, roles, toolmodule

    found: dict[str, Code] = {}
    for module in (general, content, roles, config, toolmodule, claude, drift, fault):
        for value in vars(module).values():
            if isinstance(value, Code):
                if value.id in found and found[value.id] is not value:
                    raise ValueError(f"code {value.id} is declared twice")
                found[value.id] = value
    return dict(sorted(found.items()))


def lookup(code: str) -> Code | None:
    return registry().get(code.strip().upper())


def kind_of(code: str) -> Kind:
    return _KINDS.get(code[:1], Kind.INPUT)
