"""`assembler set`: one value set in many manifests, all or nothing.

`plan_set` selects the manifests (those named, else all; then those meeting every `--where`), edits each in
memory (`edit.set_value`), and validates the catalog as it would be, through the pipeline with the edited
texts read instead of the files: every edited manifest, what it uses, and the checks across the catalog that
involve it (a manifest with errors that the edit does not touch is set aside, as `build NAME...` does).
`write_set` writes the edits, each atomically, only when the plan has no error. The CLI prints the plan's
diffs for `--dry-run`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assembler.assignment import Assignment, holds
from assembler.catalog_data import Entry, read_catalog_data
from assembler.diagnostics import Diagnostic, has_errors
from assembler.disk import Folder
from assembler.edit import Edited


@dataclass(frozen=True)
class Change:
    stem: str
    rel: str
    before: str
    after: str

    def diff(self) -> str:
        """A unified diff of the manifest, `a/PATH` against `b/PATH`, as git shows one."""
        import difflib

        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            f"a/{self.rel}",
            f"b/{self.rel}",
        )
        missing_end = "\n\\ No newline at end of file\n"
        return "".join(line if line.endswith("\n") else line + missing_end for line in lines)


class UnknownNames(LookupError):
    """NAME... holds names that have no manifest."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names))
        self.names = names


@dataclass
class SetPlan:
    assignment: Assignment
    folder: Folder | None = None  # the manifests folder
    selected: list[str] = field(default_factory=list)  # stems the edit applies to
    changes: list[Change] = field(default_factory=list)  # those whose text changes
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def plan_set(
    root: Path, assignment: Assignment, names: Sequence[str] = (), where: Sequence[Assignment] = ()
) -> SetPlan:
    """Every edit `assignment` makes in the catalog at `root`, and every problem it would cause. Raises
    UnknownNames when `names` holds a name without a manifest."""
    from assembler.located import locate_problems

    plan = SetPlan(assignment)
    catalog = read_catalog_data(root, roles=False)
    if catalog.layout is None:
        plan.diagnostics = catalog.diagnostics
        return plan
    plan.folder = catalog.layout.manifests
    by_stem = {m.stem: m for m in catalog.manifests}
    unreadable = {d.file.rpartition("/")[2] for d in catalog.diagnostics}  # manifests read with problems
    wanted = {plan.folder.file(f"{n}.toml") for n in names}
    missing = [n for n in dict.fromkeys(names) if n not in by_stem and f"{n}.toml" not in unreadable]
    if missing:
        raise UnknownNames(missing)
    # With NAME..., only the named manifests must be readable; without, every one must be.
    plan.diagnostics = [d for d in catalog.diagnostics if not names or d.file in wanted]
    chosen = [by_stem[n] for n in dict.fromkeys(names) if n in by_stem] if names else catalog.manifests
    selected = [entry for entry in chosen if all(holds(entry.data, condition) for condition in where)]
    plan.selected = [entry.stem for entry in selected]
    for entry, edited in zip(selected, _edit_all(selected, assignment), strict=True):
        plan.diagnostics += locate_problems(edited.problems, entry.rel, entry.text)
        if edited.text is not None:
            plan.changes.append(Change(entry.stem, entry.rel, entry.text, edited.text))
    if plan.ok and plan.changes:
        plan.diagnostics += _validate(root, plan.changes)
    return plan


_work: tuple[list[Entry], Assignment] | None = None  # what forked workers edit, inherited


def _edit_one(index: int) -> Edited:
    from assembler.edit import set_value

    assert _work is not None
    entries, assignment = _work
    return set_value(entries[index].text, entries[index].data, assignment)


def _edit_all(entries: list[Entry], assignment: Assignment) -> list[Edited]:
    """Each entry edited, on every core when there are many (tomlkit is pure Python: about 1 ms an
    edit); the workers inherit the entries by forking, and only the edited texts travel back."""
    global _work
    from assembler.parallel import PARALLEL_MIN, _cores

    _work = (entries, assignment)
    try:
        methods = multiprocessing.get_all_start_methods()
        if len(entries) < PARALLEL_MIN or _cores() < 2 or "fork" not in methods:
            return [_edit_one(i) for i in range(len(entries))]
        with multiprocessing.get_context("fork").Pool(_cores()) as pool:
            return pool.map(_edit_one, range(len(entries)), chunksize=max(16, len(entries) // (_cores() * 8)))
    finally:
        _work = None


def _validate(root: Path, changes: list[Change]) -> list[Diagnostic]:
    """What the pipeline reports of the catalog with the edits made, for the edited agents."""
    from assembler.pipeline import plan_catalog

    edited = {f"{c.stem}.toml": c.after for c in changes}
    checked = plan_catalog(root, names=tuple(c.stem for c in changes), edited=edited, render=False)
    return checked.deciding()


def write_set(plan: SetPlan) -> tuple[list[str], list[Diagnostic]]:
    """Write every change of a plan without errors, each atomically: the files written, and the problems
    of those left as they are (refused by the file system, F002: a full or read-only disk stops at the
    first; changed by someone else since the plan read them, A151). A byte-order mark is kept, and a
    manifest that is a link (inside its folder) is written where it leads."""
    from assembler.atomic import atomic_write, whole_disk
    from assembler.disk import FileProblem

    if not plan.ok or plan.folder is None:
        return [], []
    written: list[str] = []
    problems: list[Diagnostic] = []
    for change in plan.changes:
        try:
            data = _unchanged(plan.folder, change)
            if data is None:
                problems.append(_moved_on(change))
                continue
            bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
            target = os.path.realpath(Path(plan.folder.path, f"{change.stem}.toml"))
            atomic_write(target, change.rel, bom + change.after.encode("utf-8"))
        except FileProblem as problem:
            problems.append(problem.diagnostic)
            if whole_disk(problem):
                break
            continue
        written.append(change.rel)
    return written, problems


def _unchanged(folder: Folder, change: Change) -> bytes | None:
    """The file's bytes when it still holds the text the plan edited, else None. Raises FileProblem."""
    from assembler.disk import decode

    data = folder.read(f"{change.stem}.toml")
    return data if data is not None and decode(data, change.rel) == change.before else None


def _moved_on(change: Change) -> Diagnostic:
    from assembler.codes.edit import NOT_EDITABLE

    return NOT_EDITABLE.located(change.rel, reason="it changed (or went) while `assembler set` ran")
