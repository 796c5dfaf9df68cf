"""Apply a plan to the disk: atomic writes, no hand edit lost, pruning only what we generated, and every
failure of the file system reported (the files written before it are whole)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assembler.atomic import atomic_write, commit, delete, remove_stale_temporaries, whole_disk
from assembler.diagnostics import Diagnostic
from assembler.disk import FileProblem
from assembler.pipeline import Output, Plan
from assembler.progress import track
from assembler.read import output_path
from assembler.staging import drop
from assembler.stamp import is_ours_untouched


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # hand-edited or not ours: kept as they are
    pruned: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # orphans edited by hand: not pruned without --force
    faults: list[Diagnostic] = field(default_factory=list)  # writes the file system refused
    cleaned: list[str] = field(default_factory=list)  # temporary files of killed runs, removed


def _path(plan: Plan, rel: str) -> str:
    assert plan.layout is not None
    return output_path(plan.layout, rel)


def apply_plan(
    plan: Plan, *, force: bool = False, prune: bool = False, progress: bool = False
) -> WriteResult:
    """Write the plan's outputs (of the agents asked for, when it names some) whose bytes change: rename
    the staged ones into place, write the others."""
    result = WriteResult()
    if plan.layout is None:
        return result
    for folder in (plan.layout.generated, *plan.layout.outputs):
        result.cleaned += [folder.file(name) for name in remove_stale_temporaries(folder.path)]
    outputs = [o for o in plan.outputs if not plan.names or o.agent in plan.names]
    for i, output in enumerate(track(outputs, len(outputs), "files", enabled=progress)):
        try:
            if not _apply(plan, output, force, result):
                continue
        except FileProblem as problem:
            result.faults.append(problem.diagnostic)
            if whole_disk(problem):  # a full or read-only disk: every later write fails the same way
                drop([o.staged for o in outputs[i + 1 :]], plan.made)
                break
            continue
        result.written.append(output.rel)
    if prune and not result.faults:
        _prune(plan, result, force)
    return result


def _apply(plan: Plan, output: Output, force: bool, result: WriteResult) -> bool:
    """Put one output in place; True when it was written. Raises FileProblem."""
    if output.staged is not None:  # its new bytes wait in a temporary file beside it
        commit(output.staged, _path(plan, output.rel), output.rel)
        return True
    if output.text is None:
        result.unchanged.append(output.rel)
        return False
    data = output.text.encode("utf-8")
    current = plan.existing.get(output.rel)
    if current == data:
        result.unchanged.append(output.rel)
        return False
    if current is not None and not force and not is_ours_untouched(output.rel, current):
        result.refused.append(output.rel)
        return False
    atomic_write(_path(plan, output.rel), output.rel, data)
    return True


def _prune(plan: Plan, result: WriteResult, force: bool) -> None:
    for rel in plan.orphans():
        if not force and not is_ours_untouched(rel, plan.existing[rel]):
            result.kept.append(rel)
            continue
        try:
            delete(_path(plan, rel), rel)
        except FileProblem as problem:
            result.faults.append(problem.diagnostic)
            continue
        result.pruned.append(rel)
