"""The work for one manifest, from its file to its rendered outputs.

`process` reads the manifest and the generated files it owns, fingerprints its sources, and either trusts
the files on disk (their stamps match these sources and their bodies are intact) or validates the manifest and
renders its outputs. It runs in the main process or, for large catalogs, in worker processes; the checks
across the catalog run afterwards in the main process, on every result.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assembler import __version__
from assembler.config import Config
from assembler.diagnostics import Diagnostic, Problem, has_errors
from assembler.located import locate_problems
from assembler.outputs import expected_paths, template_names, tool_sources
from assembler.roles import Role, check_role_tools, resolve_role
from assembler.sources import SLUG, Escape, Sources, Text
from assembler.stamp import digest, read_stamp, scope_hash
from assembler.tomlparse import TomlError, parse_toml
from assembler.validate_catalog import Facts, facts_of

if TYPE_CHECKING:  # the modules that validate and render load only when a manifest needs them
    from assembler.assemble import Agent, ToolPlan
    from assembler.manifest import Manifest

RoleResult = tuple[Role | None, list[Diagnostic], str | None]


@dataclass(frozen=True)
class Job:
    """What every manifest of a run is processed with."""

    root: Path
    config: Config
    today: datetime.date
    trust: bool = True
    only: tuple[str, ...] = ()  # render only these agents (all when empty)


@dataclass
class Result:
    """What the main process needs of one manifest: small, since it may travel between processes."""

    rel: str  # the manifest's path
    stem: str
    facts: Facts | None = None  # for the checks across the catalog, when the manifest is valid
    diagnostics: list[Diagnostic] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # the files this manifest owns
    outputs: list[tuple[str, str | None]] = field(default_factory=list)  # None: the file on disk is current
    on_disk: dict[str, str] = field(default_factory=dict)  # current text of each output that was rendered


class Worker:
    """Processes manifests with caches (blocks, roles, templates) shared by every manifest it sees."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.sources = Sources(job.root, job.config)
        self.root = str(job.root)
        self.roles: dict[str, RoleResult] = {}

    def role(self, name: str) -> RoleResult:
        if name not in self.roles:
            self.roles[name] = resolve_role(name, self.sources)
        return self.roles[name]

    def scope(self, text: str, data: dict[str, Any]) -> str | None:
        """Fingerprint of everything the outputs are made from; None when it cannot be computed.
        Shared texts (templates, blocks, role files) enter by their digest."""
        try:
            parts = [("version", __version__), ("config", digest(self.job.config.fingerprint_text))]
            parts += [(f"template:{n}", digest(self.sources.template(n))) for n in template_names(data)]
            parts += tool_sources(data)
            parts.append(("manifest", text))
            for name in data.get("blocks", []):
                block = self.sources.block(name)
                parts.append((f"block:{name}", "" if block is None else digest(block.text)))
            role_name = data.get("substrate_role")
            if role_name is not None:
                role = self.role(role_name)[0]
                if role is None:
                    return None
                parts += [(f"role:{t.rel}", digest(t.text)) for t in role.texts]
        except (Escape, TypeError, AttributeError, KeyError, OSError):
            return None
        return scope_hash(parts)

    def read(self, rel: str) -> str | None:
        data = self.read_bytes(rel)
        try:
            return None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def read_bytes(self, rel: str) -> bytes | None:
        try:
            with open(os.path.join(self.root, rel), "rb") as handle:  # noqa: PTH118, PTH123 (no pathlib here: hot loop)
                return handle.read()
        except OSError:
            return None

    def process(self, rel: str) -> Result:
        result = Result(rel, rel.rsplit("/", 1)[-1].removesuffix(".toml"))
        text = self.read(rel)
        if text is None:
            hint = "save it as UTF-8 text"
            result.diagnostics.append(Diagnostic("A005", "cannot read the manifest", rel, None, None, hint))
            return result
        source = Text(rel, text)
        try:
            data = parse_toml(source.text)
        except TomlError as err:
            result.diagnostics.append(err.diagnostic(source.rel))
            return result
        config = self.job.config
        result.paths = expected_paths(result.stem, data, config)
        scope = self.scope(source.text, data)
        current = {path: self.read_bytes(path) for path in result.paths}
        if self.job.trust and scope is not None and all(_intact(t, scope) for t in current.values()):
            result.facts = facts_of(data)
            result.outputs = [(path, None) for path in result.paths]
            problems = self._role_warnings(data)
        else:
            problems, agent = self._validate(result, source, data, scope)
            if agent is not None and not has_errors(result.diagnostics) and self._wanted(result.stem):
                problems_ok = not any(p.severity.value == "error" for p in problems)
                if problems_ok:
                    from assembler.render import render_agent

                    try:
                        result.outputs = list(render_agent(agent, config, self._override()))
                    except Exception as err:  # a user's template can fail in many ways: report it
                        result.diagnostics.append(template_error(err, config))
                    result.on_disk = {path: _decoded(raw) for path, raw in current.items() if raw is not None}
        result.diagnostics += locate_problems(problems, source.rel, source.text)
        return result

    def _wanted(self, stem: str) -> bool:
        return not self.job.only or stem in self.job.only

    def _override(self) -> Path | None:
        folder = self.job.config.templates_dir
        return None if folder is None else self.job.root / folder

    def _role_warnings(self, data: dict[str, Any]) -> list[Problem]:
        """A032 for a manifest known to be valid: tools its substrate role does not allow."""
        name = data.get("substrate_role")
        role = None if name is None else self.role(name)[0]
        return [] if role is None else check_role_tools(data["tools"], role)

    def _validate(
        self, result: Result, source: Text, data: dict[str, Any], scope: str | None
    ) -> tuple[list[Problem], Agent | None]:
        from assembler.assemble import Agent, check_role_prose, resolve_blocks
        from assembler.manifest import parse_manifest
        from assembler.validate_fields import check_manifest

        m, problems = parse_manifest(data)
        if m is None:
            return problems, None
        result.facts = facts_of(data)
        role: Role | None = None
        if m.substrate_role is not None and not SLUG.fullmatch(m.substrate_role):
            folder = self.job.config.roles_dir
            message = f"substrate role `{m.substrate_role}` leads outside {folder}/"
            hint = f"name a role by its file stem in {folder}/, without folders"
            problems.append(Problem(("substrate_role",), "A013", message, hint))
        elif m.substrate_role is not None:
            role, role_diags, missing = self.role(m.substrate_role)
            result.diagnostics += role_diags
            if missing is not None:
                hint = f"create {self.job.config.roles_dir}/{m.substrate_role}.toml or fix the name"
                problems.append(Problem(("substrate_role",), "A080", missing, hint))
            elif role is not None:
                problems += check_role_tools(m.tools, role)
        problems += check_manifest(m, result.stem, self.job.config, self.job.today)
        problems += check_role_prose(m)
        blocks, block_problems, inner = resolve_blocks(m, self.sources)
        problems += block_problems
        result.diagnostics += inner
        tool, tool_problems = _tool(m)
        problems += tool_problems
        if scope is None or (m.substrate_role is not None and role is None):
            return problems, None
        return problems, Agent(m, source, tuple(blocks), role, tool, scope)


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _intact(data: bytes | None, scope: str) -> bool:
    found = read_stamp(data) if data is not None else None
    return found is not None and found[0].scope == scope and found[1]


def _tool(m: Manifest) -> tuple[ToolPlan | None, list[Problem]]:
    if m.tool_module is None:
        return None, []
    from assembler.assemble import ToolPlan
    from assembler.toolkinds import get_kind

    kind_name = m.tool_module.get("kind")
    kind = get_kind(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        hint = 'use kind = "modal"'
        return None, [
            Problem(("tool_module", "kind"), "A101", f"unknown tool module kind `{kind_name}`", hint)
        ]
    spec, problems = kind.parse(m.tool_module)
    located = [Problem(("tool_module", *p.path), p.code, p.message, p.hint, p.severity) for p in problems]
    return (None if spec is None else ToolPlan(kind.kind, spec)), located


def template_error(err: Exception, config: Config) -> Diagnostic:
    """A jinja error as a diagnostic on the template's line; anything else is a bug and propagates."""
    import jinja2

    if not isinstance(err, jinja2.TemplateError):
        raise err
    name: str = getattr(err, "filename", None) or getattr(err, "name", None) or "template"
    line: int | None = getattr(err, "lineno", None)
    tb = err.__traceback__
    while tb is not None:  # jinja maps runtime errors to template frames: find the template's line
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            name, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    folder = config.templates_dir or "(built-in templates)"
    message = f"template {Path(name).name} failed: {err.message or type(err).__name__}"
    hint = "fix the template; README lists every variable a template receives"
    return Diagnostic("A091", message, f"{folder}/{Path(name).name}", line, None if line is None else 1, hint)
