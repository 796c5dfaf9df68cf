"""Compare a plan with the generated folder: every difference, by kind, with a diff on request. Reads only."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from assembler.diagnostics import Diagnostic
from assembler.pipeline import Plan
from assembler.stamp import read_stamp


class Drift(StrEnum):
    STALE = "stale"
    MISSING = "missing"
    ORPHANED = "orphaned"
    HAND_EDITED = "hand-edited"


EXPLAIN = {
    Drift.STALE: "its sources changed since it was generated",
    Drift.MISSING: "it was never generated",
    Drift.ORPHANED: "its manifest is gone",
    Drift.HAND_EDITED: "it was edited after it was generated",
}


@dataclass(frozen=True, slots=True)
class Difference:
    rel: str
    kind: Drift
    current: str | None  # on disk
    expected: str | None  # what the build would write
    line: int = 1  # first line that differs

    def diff(self) -> str:
        import difflib

        old = (self.current or "").splitlines(keepends=True)
        new = (self.expected or "").splitlines(keepends=True)
        lines = difflib.unified_diff(old, new, f"a/{self.rel}", f"b/{self.rel}")
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
        )


def _first_difference(a: str, b: str) -> int:
    for number, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False), start=1):
        if x != y:
            return number
    return min(len(a.splitlines()), len(b.splitlines())) + 1


def compare(plan: Plan) -> list[Difference]:
    found: list[Difference] = []
    for output in plan.outputs:
        current = plan.existing.get(output.rel)
        if output.text is None or current == output.text:
            continue
        if current is None:
            found.append(Difference(output.rel, Drift.MISSING, None, output.text))
            continue
        stamp = read_stamp(current)
        kind = Drift.STALE if stamp is not None and stamp[1] else Drift.HAND_EDITED
        found.append(
            Difference(output.rel, kind, current, output.text, _first_difference(current, output.text))
        )
    for rel in plan.orphans():
        found.append(Difference(rel, Drift.ORPHANED, plan.existing[rel], None))
    return sorted(found, key=lambda d: d.rel)


_CODES = {
    Drift.STALE: "D001",
    Drift.MISSING: "D002",
    Drift.ORPHANED: "D003",
    Drift.HAND_EDITED: "D004",
}
_HINTS = {
    Drift.STALE: "run `make build` (or `assembler build`) and commit the result",
    Drift.MISSING: "run `make build` (or `assembler build`) and commit the result",
    Drift.ORPHANED: "run `assembler build --prune` to delete it, or restore its manifest",
    Drift.HAND_EDITED: "move the edit into the manifest or a block, then run `assembler build --force`",
}


def as_diagnostics(differences: list[Difference]) -> list[Diagnostic]:
    return [
        Diagnostic(_CODES[d.kind], f"{d.kind.value}: {EXPLAIN[d.kind]}", d.rel, d.line, 1, _HINTS[d.kind])
        for d in differences
    ]
