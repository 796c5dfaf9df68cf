"""The pipeline: load the catalog, validate it, and render every output in memory.

`plan_catalog` returns a `Plan`: the diagnostics and, when there are none of severity error, every output file
with its text. Nothing here writes; `write` and `check` compare the plan with the disk. Each manifest is
processed by `job.Worker` (in worker processes when the catalog is large); the checks across the catalog
(unique names and outputs, handoff targets, lineage links and cycles) then run here on every manifest that
could be parsed, valid or not, so that one run reports everything; so does the check of every role file,
used by a manifest or not.
"""

from __future__ import annotations

import datetime
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from assembler.codes import general
from assembler.config import Config, load_config
from assembler.diagnostics import Diagnostic, KeyPath, Problem, has_errors, under
from assembler.disk import FileProblem, Folder
from assembler.job import Job, Result, Worker
from assembler.layout import Layout, layout
from assembler.located import locate_problems
from assembler.parallel import process_all
from assembler.roles import check_roles
from assembler.sources import decode
from assembler.staging import drop
from assembler.stamp import stamp_of
from assembler.targets import TARGETS, Selected, clashes, scanned_folders, selected
from assembler.validate_catalog import check_catalog


@dataclass(frozen=True, slots=True)
class Output:
    rel: str  # relative to the root
    agent: str
    text: str | None  # None: the file on disk is known to be current (its stamp matches), or staged
    staged: str | None = None  # a build's temporary file holding the new bytes, to rename into place


@dataclass
class Plan:
    root: Path
    config: Config
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    existing: dict[str, bytes] = field(default_factory=dict)  # what stands at rendered outputs, and strays
    expected: set[str] = field(default_factory=set)  # every output path of the catalog
    layout: Layout | None = None
    names: tuple[str, ...] = ()  # the agents asked for (all when empty)
    manifests: list[str] = field(default_factory=list)  # every manifest's stem
    set_aside: list[str] = field(default_factory=list)  # manifests with errors, not asked for by `names`
    aside_files: frozenset[str] = frozenset()  # other files whose problems only set-aside manifests report
    made: tuple[str, ...] = ()  # folders created to stage the outputs' files

    def stems(self) -> set[str]:
        return set(self.manifests)

    def drop_staged(self) -> None:
        """Remove the staged files of a plan that will not be written (a run stopped by warnings under
        `--strict`, or by an exception)."""
        drop([o.staged for o in self.outputs], self.made)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    def deciding(self) -> list[Diagnostic]:
        """The diagnostics this run stands or falls by: all of them, but those of the manifests set aside
        (a run for `names` whose agents are valid goes ahead while other manifests have errors)."""
        if not self.set_aside:
            return self.diagnostics
        assert self.layout is not None
        aside = {self.layout.manifests.file(f"{stem}.toml") for stem in self.set_aside}
        return [d for d in self.diagnostics if d.file not in aside and d.file not in self.aside_files]

    def orphans(self) -> list[str]:
        """Generated files carrying our stamp whose manifest is gone."""
        return sorted(
            rel for rel, data in self.existing.items() if rel not in self.expected and stamp_of(rel, data)
        )


def list_manifests(folder: Folder) -> tuple[list[str], list[Diagnostic]]:
    """The names of the catalog's manifest files, sorted (hidden files are not manifests)."""
    try:
        names = folder.names()
    except FileProblem as problem:
        return [], [problem.diagnostic]
    if not names and not _is_folder(folder):
        return [], [
            general.UNREADABLE.located(
                folder.rel,
                where=f"{folder.rel}/",
                reason="the folder does not exist",
                suggestion="create it, or set manifests_dir in assembler.toml",
            )
        ]
    return [n for n in names if n.endswith(".toml") and not n.startswith(".")], []


def _is_folder(folder: Folder) -> bool:
    return os.path.isdir(folder.path)  # noqa: PTH112


def read_strays(folders: list[Folder], expected: set[str]) -> dict[str, bytes]:
    """Regular files of the output folders that no manifest owns (orphans, or a person's own files).
    Anything that cannot be read is left out: only files carrying our stamp matter here."""
    found: dict[str, bytes] = {}
    for folder in folders:
        try:
            names = folder.names()
        except FileProblem:
            continue
        for name in names:
            rel = folder.file(name)
            if name.startswith(".") or rel in expected:
                continue
            try:
                data = folder.read(name)
            except FileProblem:
                continue
            if data is not None:
                found[rel] = data
    return found


def plan_catalog(
    root: Path,
    *,
    names: tuple[str, ...] = (),
    trust: bool = True,
    today: datetime.date | None = None,
    progress: bool = False,
    edited: Mapping[str, str] | None = None,
    render: bool = True,
    stage: bool = False,
) -> Plan:
    """Validate the catalog at `root` and render its outputs (only those of `names`, when given; none
    without `render`). `edited` maps manifest file names to texts read instead of the files (edits not
    yet written). `stage` (a build): the files to write wait in temporary files beside their places
    (`staging`), which the plan's outputs name; when the plan has errors, they are gone."""
    config, diagnostics = load_config(root, tuple(TARGETS))
    plan = Plan(root, config, diagnostics, names=names)
    chosen = selected(config)
    plan.diagnostics += _clashes_of(config, chosen)
    folders = [one.folder for one in chosen]
    found, problems = layout(str(root), config, folders, scanned_folders(config))
    plan.diagnostics += problems
    if not plan.ok or found is None:
        return plan
    plan.layout = found
    manifests, listing_problems = list_manifests(found.manifests)
    plan.diagnostics += listing_problems
    job = Job(found, config, today or datetime.date.today(), trust, names, edited or {}, render, stage)
    worker = Worker(job)  # in this process: its caches of texts and roles serve the checks below too
    results = process_all(job, manifests, progress=progress, worker=worker)
    staged = [tmp for r in results for tmp in r.staged.values()]
    plan.made = tuple(folder for r in results for folder in r.made)
    try:
        _conclude(plan, found, config, chosen, worker, results)
    except BaseException:
        drop(staged, plan.made)
        raise
    if not plan.outputs:
        drop(staged, plan.made)
    return plan


def _conclude(
    plan: Plan,
    found: Layout,
    config: Config,
    chosen: tuple[Selected, ...],
    worker: Worker,
    results: list[Result],
) -> None:
    """The plan from the manifests' results: their diagnostics, the checks across the catalog, and the
    outputs when nothing stands in the way."""
    names = plan.names
    plan.manifests = [r.stem for r in results]
    seen: set[Diagnostic] = set()
    for result in results:
        for d in result.diagnostics:
            if d not in seen:  # a broken block or role is reported once, not once per agent using it
                seen.add(d)
                plan.diagnostics.append(d)
        plan.expected.update(rel for rel, _ in result.paths)
        plan.existing.update((rel, data) for rel, data in result.on_disk.items() if data is not None)
    for d in check_roles(worker.sources, worker.role):  # every role file, also those no manifest names
        if d not in seen:
            seen.add(d)
            plan.diagnostics.append(d)
    across = _catalog_diagnostics(
        found, config, results, worker.sources.block_names(), worker.job.edited, chosen
    )
    plan.diagnostics += across
    plan.existing.update(read_strays([found.generated, *found.outputs], plan.expected))
    if not plan.ok and names:
        _set_aside(plan, results, across)
    if not has_errors(plan.deciding()):
        plan.outputs = [
            Output(rel, r.stem, text, r.staged.get(rel)) for r in results for rel, text in r.outputs
        ]


def _set_aside(plan: Plan, results: list[Result], across: list[Diagnostic]) -> None:
    """For a run on `names`: the other manifests with errors (their own, in files they name, or across
    the catalog), when no problem of the named agents or of the catalog as a whole stands in the way."""
    by_rel = {r.rel: r for r in results}
    failing: dict[str, list[Diagnostic]] = {r.stem: list(r.diagnostics) for r in results}
    for d in across:
        if d.file in by_rel:
            failing[by_rel[d.file].stem].append(d)
    aside = [stem for stem, found in failing.items() if has_errors(found) and stem not in plan.names]
    wanted = set(plan.names)
    named_files = {d.file for stem, found in failing.items() if stem in wanted for d in found}
    other_files = {d.file for stem in aside for d in failing[stem]}
    plan.set_aside = sorted(aside)
    plan.aside_files = frozenset(other_files - named_files)


def _collisions(results: list[Result]) -> dict[str, list[Problem]]:
    """A019 at every manifest whose output path another manifest also writes."""
    counts = Counter(rel for r in results for rel, _ in r.paths)  # in the order the paths first appear
    owners: dict[str, list[tuple[Result, KeyPath]]] = {rel: [] for rel, n in counts.items() if n > 1}
    for result in results if owners else ():
        for rel, key in result.paths:
            if rel in owners:
                owners[rel].append((result, key))
    found: dict[str, list[Problem]] = {}
    for rel, owned in owners.items():
        for result, key in owned:
            others = ", ".join(o.rel for o, _ in owned if o is not result)
            found.setdefault(result.stem, []).append(
                general.OUTPUT_COLLISION.at(key, output=rel, other=others)
            )
    return found


def _clashes_of(config: Config, chosen: tuple[Selected, ...]) -> list[Diagnostic]:
    from assembler.codes.targets import TARGETS_CLASH

    where = config.source or "assembler.toml"
    return [
        TARGETS_CLASH.located(where, first=first, second=second, where=path)
        for first, second, path in clashes(chosen)
    ]


def _catalog_diagnostics(
    found: Layout,
    config: Config,
    results: list[Result],
    blocks: frozenset[str],
    edited: Mapping[str, str],
    chosen: tuple[Selected, ...] = (),
) -> list[Diagnostic]:
    from assembler.targets.losses import report

    by_stem = {r.stem: r for r in results}
    facts = {r.stem: r.facts for r in results if r.facts is not None}
    problems = _collisions(results)
    valid = [(r.stem, r.uses) for r in results if not has_errors(r.diagnostics)]
    for stem, lost in report(chosen, valid).items():  # what the targets cannot express (A130)
        problems.setdefault(stem, []).extend(lost)
    for stem, problem in check_catalog(facts, blocks, frozenset(by_stem), config.external_agents):
        damaged = by_stem[stem].damaged
        if not under(problem.path, damaged):
            problems.setdefault(stem, []).append(problem)
    out: list[Diagnostic] = []
    for stem, located in sorted(problems.items()):
        result = by_stem[stem]
        out += locate_problems(located, result.rel, _text(found.manifests, result, edited))
    return out


def _text(folder: Folder, result: Result, edited: Mapping[str, str]) -> str:
    name = result.rel.rpartition("/")[2]
    if name in edited:
        return edited[name]
    try:
        data = folder.read(name)
        return "" if data is None else decode(data, result.rel)
    except FileProblem:
        return ""
