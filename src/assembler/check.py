"""Compare a plan with the output folders: every difference, by kind, with a diff on request. Reads only."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from assembler.codes import Code, drift
from assembler.diagnostics import Diagnostic
from assembler.pipeline import Plan
from assembler.stamp import stamp_of


class Drift(StrEnum):
    STALE = "stale"
    MISSING = "missing"
    ORPHANED = "orphaned"
    HAND_EDITED = "hand-edited"
    FOREIGN = "foreign"  # a file without our stamp stands at an output path


CODES: dict[Drift, Code] = {
    Drift.STALE: drift.STALE,
    Drift.MISSING: drift.MISSING,
    Drift.ORPHANED: drift.ORPHANED,
    Drift.HAND_EDITED: drift.HAND_EDITED,
    Drift.FOREIGN: drift.FOREIGN,
}


@dataclass(frozen=True, slots=True)
class Difference:
    rel: str
    kind: Drift
    current: str | None  # on disk
    expected: str | None  # what the build would write
    agent: str = ""
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


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def compare(plan: Plan) -> list[Difference]:
    """The differences of the agents asked for (all when the plan names none), and orphans."""
    found: list[Difference] = []
    for output in plan.outputs:
        if plan.names and output.agent not in plan.names:
            continue
        current = plan.existing.get(output.rel)
        if output.text is None or current == output.text.encode("utf-8"):
            continue
        if current is None:
            found.append(Difference(output.rel, Drift.MISSING, None, output.text, output.agent))
            continue
        stamp = stamp_of(output.rel, current)
        kind = Drift.FOREIGN if stamp is None else Drift.STALE if stamp[1] else Drift.HAND_EDITED
        text = _text(current)
        first = _first_difference(text, output.text)
        found.append(Difference(output.rel, kind, text, output.text, output.agent, first))
    if not plan.names:
        found += [Difference(rel, Drift.ORPHANED, _text(plan.existing[rel]), None) for rel in plan.orphans()]
    return sorted(found, key=lambda d: d.rel)


def as_diagnostics(differences: list[Difference], *, with_diff: bool = False) -> list[Diagnostic]:
    return [
        CODES[d.kind].located(d.rel, d.line, 1, agent=d.agent, detail=d.diff() if with_diff else None)
        for d in differences
    ]


def fix_command(differences: list[Difference]) -> str:
    """The one command that brings the output folders in line with what `check` found."""
    kinds = {d.kind for d in differences}
    flags = ""
    if kinds & {Drift.HAND_EDITED, Drift.FOREIGN}:
        flags += " --force"
    if Drift.ORPHANED in kinds:
        flags += " --prune"
    return f"assembler build{flags}"
