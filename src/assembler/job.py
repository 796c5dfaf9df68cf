"""The work for one manifest, from its file to its rendered outputs, in four stages:

1. `read`: the manifest's text and data, and what stands at its output paths now;
2. `trust`: the fingerprint of its sources; when every output on disk carries it intact, stop here;
3. `validate`: every check of the manifest and of what it names, in one round;
4. `render`: its outputs, sealed with their stamps.

A `Worker` runs the stages in the main process or, for large catalogs, in worker processes, with caches
(blocks, roles, templates) shared by every manifest it sees. The checks across the catalog run afterwards in
the main process, on the `Result`s.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from assembler.config import Config
from assembler.diagnostics import Diagnostic, KeyPath, Problem, has_errors
from assembler.layout import Layout
from assembler.located import locate_problems
from assembler.outputs import expected_paths
from assembler.read import read_manifest, read_outputs
from assembler.roles import Role, RoleResult, resolve_role, role_warnings
from assembler.sources import Sources
from assembler.staging import Stager
from assembler.targets import selected
from assembler.targets.losses import Placed, uses_of
from assembler.trust import current, scope, target_scopes
from assembler.validate_catalog import Facts, facts_of


@dataclass(frozen=True)
class Job:
    """What every manifest of a run is processed with."""

    layout: Layout
    config: Config
    today: datetime.date
    trust: bool = True
    only: tuple[str, ...] = ()  # render only these agents (all when empty)
    edited: Mapping[str, str] = field(default_factory=dict)  # manifest file name -> text read instead of it
    render: bool = True  # False: validate only
    stage: bool = False  # a build: stage the files to write as they are rendered (`staging`)
    owner: int = field(default_factory=os.getpid)  # the run's process, whose name staged files carry


@dataclass
class Result:
    """What the main process needs of one manifest: small, since it may travel between processes."""

    rel: str  # the manifest's path
    stem: str
    facts: Facts | None = None  # for the checks across the catalog, when the manifest could be parsed
    diagnostics: list[Diagnostic] = field(default_factory=list)
    paths: list[tuple[str, KeyPath]] = field(default_factory=list)  # the files it owns, each with its key
    outputs: list[tuple[str, str | None]] = field(default_factory=list)  # None: the file on disk is current
    on_disk: dict[str, bytes | None] = field(default_factory=dict)  # what stands at each rendered output
    staged: dict[str, str] = field(default_factory=dict)  # output path -> the temporary file of its bytes
    made: list[str] = field(default_factory=list)  # folders created to stage them
    damaged: frozenset[KeyPath] = frozenset()  # key paths whose values were invalid (see manifest.Parsed)
    uses: tuple[Placed, ...] = ()  # the values of its canonical fields, for what targets cannot express


class Worker:
    """Processes manifests with caches shared by every manifest it sees."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.sources = Sources(job.layout, job.config)
        self.roles: dict[str, RoleResult] = {}
        self.chosen = selected(job.config)
        self.stager = Stager(job.layout, job.owner) if job.stage else None

    def role(self, name: str) -> RoleResult:
        if name not in self.roles:
            self.roles[name] = resolve_role(name, self.sources, self.job.today)
        return self.roles[name]

    def process(self, name: str) -> Result:
        """The job of the manifest file `name` of the manifests folder."""
        folder = self.job.layout.manifests
        result = Result(folder.file(name), name.removesuffix(".toml"))
        source, data, problems = read_manifest(folder, name, self.job.edited.get(name))
        result.diagnostics += problems
        if source is None or data is None:
            return result
        config = self.job.config
        result.paths = expected_paths(result.stem, data, config, self.chosen)
        result.facts = facts_of(data)
        result.uses = uses_of(data)
        on_disk, faults = read_outputs(self.job.layout, [rel for rel, _ in result.paths])
        result.diagnostics += faults
        role = self._role_of(data)
        fingerprint, scopes = self.fingerprints(source.text, data, role)
        by_path = self._by_path(result.paths, scopes, fingerprint)
        if self.job.trust and fingerprint is not None and not faults and current(on_disk, by_path):
            result.outputs = [(rel, None) for rel in on_disk]
            result.diagnostics += locate_problems(self._role_warnings(data, role), source.rel, source.text)
            return result
        from assembler.validate import validate_manifest

        checked = validate_manifest(
            source,
            result.stem,
            data,
            config=config,
            today=self.job.today,
            sources=self.sources,
            role_of=self.role,
            scope=fingerprint,
        )
        result.damaged = checked.damaged
        result.diagnostics += checked.inner
        result.diagnostics += locate_problems(checked.problems, source.rel, source.text, checked.omitted)
        if checked.agent is not None and not has_errors(result.diagnostics) and self._wanted(result.stem):
            from assembler.render import render_agent, template_error

            try:
                assert scopes is not None  # the agent is set only with a fingerprint
                rendered = render_agent(checked.agent, config, self.job.layout.templates, self.chosen, scopes)
            except Exception as err:  # a user's template can fail in many ways: report it
                result.diagnostics.append(template_error(err, config))
                rendered = []
            result.on_disk = on_disk
            if self.stager is None:
                result.outputs = [(rel, data.decode("utf-8")) for rel, data in rendered]
            else:
                staged = self.stager.stage(rendered, on_disk)
                result.outputs, result.staged, result.on_disk = staged.outputs, staged.files, staged.on_disk
                result.made = staged.made
        return result

    def _by_path(
        self, paths: list[tuple[str, KeyPath]], scopes: dict[str, str] | None, base: str | None
    ) -> dict[str, str]:
        """Each output's fingerprint by its path: the chosen targets' in order, then the tool module's."""
        if scopes is None or base is None:
            return {}
        names = [one.target.name for one in self.chosen]
        return {rel: scopes[names[i]] if i < len(names) else base for i, (rel, _) in enumerate(paths)}

    def fingerprints(
        self, text: str, data: dict[str, object], role: Role | None
    ) -> tuple[str | None, dict[str, str] | None]:
        """The manifest's fingerprint and each chosen target's; both None when a source cannot be read
        (validation and rendering then say why)."""
        fingerprint = scope(text, data, self.job.config, self.sources, role)
        scopes = None if fingerprint is None else target_scopes(fingerprint, self.chosen, self.sources)
        return (None, None) if scopes is None else (fingerprint, scopes)

    def _wanted(self, stem: str) -> bool:
        return self.job.render and (not self.job.only or stem in self.job.only)

    def _role_of(self, data: dict[str, object]) -> Role | None:
        name = data.get("substrate_role")
        return self.role(name)[0] if isinstance(name, str) else None

    @staticmethod
    def _role_warnings(data: dict[str, object], role: Role | None) -> list[Problem]:
        """A032 and A088 for a manifest known to be valid: what its substrate role warns of."""
        tools = data.get("tools")
        if role is None or not isinstance(tools, list):
            return []
        return role_warnings(tools, role)
