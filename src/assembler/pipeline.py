"""The pipeline: load the catalog, validate it, and render every output in memory.

`plan_catalog` returns a `Plan`: the diagnostics and, when there are none of severity error, every output file
with its text. Nothing here writes; `write` and `check` compare the plan with the disk. Each manifest is
processed by `job.Worker` (in worker processes when the catalog is large); the checks across the catalog
(handoff targets, unique names, lineage links and cycles) then run here on every manifest.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from assembler.config import Config, load_config
from assembler.diagnostics import Diagnostic, Problem, has_errors
from assembler.job import Job, Result
from assembler.located import locate_problems
from assembler.parallel import process_all
from assembler.sources import Sources
from assembler.stamp import read_stamp
from assembler.validate_catalog import check_catalog


@dataclass(frozen=True, slots=True)
class Output:
    rel: str  # relative to the root
    agent: str
    text: str | None  # None: the file on disk is known to be current (its stamp matches)


@dataclass
class Plan:
    root: Path
    config: Config
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    existing: dict[str, str] = field(default_factory=dict)  # on-disk text of rendered outputs and strays
    expected: set[str] = field(default_factory=set)  # every output path of the catalog

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    def orphans(self) -> list[str]:
        """Generated files carrying our stamp whose manifest is gone."""
        return sorted(
            rel
            for rel, text in self.existing.items()
            if rel not in self.expected and read_stamp(text) is not None
        )


def list_manifests(root: Path, config: Config) -> tuple[list[str], list[Diagnostic]]:
    """The catalog's manifest paths, sorted; a symlink leading out of the folder is refused unread."""
    folder = root / config.manifests_dir
    if not folder.is_dir():
        hint = "create it, or set manifests_dir in assembler.toml"
        return [], [
            Diagnostic("A005", f"no {config.manifests_dir}/ folder", config.manifests_dir, None, None, hint)
        ]
    rels: list[str] = []
    diagnostics: list[Diagnostic] = []
    real_folder = folder.resolve()
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if e.name.endswith(".toml") and not e.is_dir())
    for name in names:
        rel = f"{config.manifests_dir}/{name}"
        path = folder / name
        if path.is_symlink() and not path.resolve().is_relative_to(real_folder):
            diagnostics.append(
                Diagnostic(
                    "A013",
                    "manifest is a symlink leading outside its folder",
                    rel,
                    None,
                    None,
                    "replace the link with the file itself",
                )
            )
            continue
        rels.append(rel)
    return rels, diagnostics


def read_strays(root: Path, config: Config, expected: set[str]) -> dict[str, str]:
    """Files of the generated folder that no manifest owns (orphans, or a person's own files)."""
    folder = root / config.generated_dir
    found: dict[str, str] = {}
    if not folder.is_dir():
        return found
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if e.is_file() and not e.name.startswith("."))
    for name in names:
        rel = f"{config.generated_dir}/{name}"
        if rel in expected:
            continue
        try:
            found[rel] = (folder / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return found


def plan_catalog(
    root: Path,
    *,
    names: tuple[str, ...] = (),
    trust: bool = True,
    today: datetime.date | None = None,
    progress: bool = False,
) -> Plan:
    """Validate the catalog at `root` and render its outputs (only those of `names`, when given)."""
    config, diagnostics = load_config(root)
    plan = Plan(root, config, diagnostics)
    if not plan.ok:
        return plan
    rels, listing_problems = list_manifests(root, config)
    plan.diagnostics += listing_problems
    job = Job(root, config, today or datetime.date.today(), trust, names)
    results = process_all(job, rels, progress=progress)
    seen: set[Diagnostic] = set()
    for result in results:
        for d in result.diagnostics:
            if d not in seen:  # a broken block or role is reported once, not once per agent using it
                seen.add(d)
                plan.diagnostics.append(d)
        plan.expected.update(result.paths)
        plan.existing.update(result.on_disk)
    plan.diagnostics += _catalog_diagnostics(root, results, Sources(root, config).block_names())
    plan.existing.update(read_strays(root, config, plan.expected))
    if plan.ok:
        plan.outputs = [Output(rel, r.stem, text) for r in results for rel, text in r.outputs]
    return plan


def _catalog_diagnostics(root: Path, results: list[Result], blocks: frozenset[str]) -> list[Diagnostic]:
    by_stem = {r.stem: r for r in results}
    facts = {r.stem: r.facts for r in results if r.facts is not None}
    problems: dict[str, list[Problem]] = {}
    for stem, problem in check_catalog(facts, blocks, all_stems=frozenset(by_stem)):
        problems.setdefault(stem, []).append(problem)
    out: list[Diagnostic] = []
    for stem, found in sorted(problems.items()):
        rel = by_stem[stem].rel
        out += locate_problems(found, rel, (root / rel).read_text(encoding="utf-8"))
    return out
