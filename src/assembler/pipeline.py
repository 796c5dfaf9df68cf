"""The pipeline: load the catalog, validate it, and render every output in memory.

`plan_catalog` reads the sources and the generated folder and returns a `Plan`: the diagnostics and, when
there are no errors, every output file with its text. Nothing here writes; `write` and `check` compare the
plan with the disk.

An agent whose generated files all carry a stamp matching its current sources (and whose bodies still match
their stamps) was validated and rendered from exactly these bytes by this version of the tool: its per-file
checks and its rendering are skipped (`trusted`). Checks across the catalog always run for every agent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assembler import __version__
from assembler.assemble import Agent, ToolPlan, check_role_prose, check_role_tools, resolve_blocks
from assembler.config import Config, load_config
from assembler.diagnostics import Diagnostic, Problem, has_errors
from assembler.located import locate_problems
from assembler.manifest import Manifest, from_trusted, parse_manifest
from assembler.render import expected_paths, render_agent, template_names
from assembler.roles import Role, resolve_role
from assembler.sources import Escape, Sources, Text
from assembler.stamp import read_stamp, scope_hash
from assembler.templating import template_source
from assembler.tomlparse import TomlError, parse_toml
from assembler.validate_catalog import check_catalog
from assembler.validate_fields import check_manifest


@dataclass(frozen=True, slots=True)
class Output:
    rel: str  # relative to the root
    agent: str
    text: str | None  # None: the file on disk is known to be current (trusted stamp)


@dataclass
class Plan:
    root: Path
    config: Config
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    existing: dict[str, str] = field(default_factory=dict)  # generated folder: rel path -> text
    expected: set[str] = field(default_factory=set)  # every output path of the catalog

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


@dataclass
class _Entry:
    source: Text
    data: dict[str, Any] | None = None
    scope: str | None = None
    paths: list[str] = field(default_factory=list)
    manifest: Manifest | None = None
    trusted: bool = False


def read_generated(root: Path, config: Config) -> dict[str, str]:
    folder = root / config.generated_dir
    found: dict[str, str] = {}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                try:
                    found[f"{config.generated_dir}/{path.name}"] = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
    return found


def read_manifests(root: Path, config: Config) -> tuple[list[Text], list[Diagnostic]]:
    folder = root / config.manifests_dir
    texts: list[Text] = []
    diagnostics: list[Diagnostic] = []
    if not folder.is_dir():
        return [], [
            Diagnostic(
                "A005",
                f"no {config.manifests_dir}/ folder",
                config.manifests_dir,
                None,
                None,
                "create it, or set manifests_dir in assembler.toml",
            )
        ]
    real_folder = folder.resolve()
    for path in sorted(folder.glob("*.toml")):
        rel = f"{config.manifests_dir}/{path.name}"
        if not path.resolve().is_relative_to(real_folder):
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
        try:
            texts.append(Text(rel, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as err:
            diagnostics.append(
                Diagnostic(
                    "A005",
                    f"cannot read the manifest: {err}",
                    rel,
                    None,
                    None,
                    "save it as UTF-8 text",
                )
            )
    return texts, diagnostics


def _scope(
    entry: _Entry,
    sources: Sources,
    roles: dict[str, tuple[Role | None, list[Diagnostic], str | None]],
    config: Config,
) -> str | None:
    """Fingerprint of everything the agent's outputs are made from; None when it cannot be computed."""
    data = entry.data or {}
    try:
        parts: list[tuple[str, str]] = [
            ("version", __version__),
            ("config", config.fingerprint_text),
        ]
        parts += [
            (f"template:{name}", template_source(name, _override(sources.root, config)))
            for name in template_names(data)
        ]
        parts.append(("manifest", entry.source.text))
        for name in data.get("blocks", []):
            block = sources.block(name)
            parts.append((f"block:{name}", "" if block is None else block.text))
        role_name = data.get("substrate_role")
        if role_name is not None:
            role = _role(role_name, sources, roles)[0]
            if role is None:
                return None
            parts += [(f"role:{t.rel}", t.text) for t in role.texts]
    except (Escape, TypeError, AttributeError, KeyError, OSError):
        return None
    return scope_hash(parts)


def _override(root: Path, config: Config) -> Path | None:
    return None if config.templates_dir is None else root / config.templates_dir


def _role(
    name: str, sources: Sources, cache: dict[str, tuple[Role | None, list[Diagnostic], str | None]]
) -> tuple[Role | None, list[Diagnostic], str | None]:
    if name not in cache:
        cache[name] = resolve_role(name, sources)
    return cache[name]


def _is_current(entry: _Entry, existing: dict[str, str]) -> bool:
    for rel in entry.paths:
        text = existing.get(rel)
        found = read_stamp(text) if text is not None else None
        if found is None or found[0].scope != entry.scope or not found[1]:
            return False
    return bool(entry.paths)


def plan_catalog(
    root: Path,
    *,
    names: tuple[str, ...] = (),
    trust: bool = True,
    today: datetime.date | None = None,
) -> Plan:
    """Validate the catalog at `root` and render its outputs (only `names`, when given)."""
    today = today or datetime.date.today()
    config, diagnostics = load_config(root)
    plan = Plan(root, config, diagnostics)
    if not plan.ok:
        return plan
    sources = Sources(root, config)
    roles: dict[str, tuple[Role | None, list[Diagnostic], str | None]] = {}
    texts, read_problems = read_manifests(root, config)
    plan.diagnostics += read_problems
    plan.existing = read_generated(root, config)
    entries: dict[str, _Entry] = {}
    for text in texts:
        entry = entries[Path(text.rel).stem] = _Entry(text)
        try:
            entry.data = parse_toml(text.text)
        except TomlError as err:
            plan.diagnostics.append(err.diagnostic(text.rel))
            continue
        entry.paths = expected_paths(Path(text.rel).stem, entry.data, config)
        entry.scope = _scope(entry, sources, roles, config)
        entry.trusted = trust and entry.scope is not None and _is_current(entry, plan.existing)
    agents = _validate(entries, sources, roles, config, today, plan)
    plan.expected = {rel for e in entries.values() for rel in e.paths}
    if not plan.ok:
        return plan
    for stem, entry in sorted(entries.items()):
        if names and stem not in names:
            continue
        if entry.trusted:
            plan.outputs += [Output(rel, stem, None) for rel in entry.paths]
        else:
            try:
                rendered = render_agent(agents[stem], config, _override(root, config))
            except Exception as err:  # a user's template can fail in many ways; report, never crash
                problem = _template_error(err, config)
                if problem not in plan.diagnostics:
                    plan.diagnostics.append(problem)
                continue
            plan.outputs += [Output(rel, stem, text) for rel, text in rendered]
    if not plan.ok:
        plan.outputs = []
    return plan


def _template_error(err: Exception, config: Config) -> Diagnostic:
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
    return Diagnostic(
        "A091",
        f"template {Path(name).name} failed: {err.message or type(err).__name__}",
        f"{folder}/{Path(name).name}",
        line,
        None if line is None else 1,
        "fix the template; README lists every variable a template receives",
    )


def _validate(
    entries: dict[str, _Entry],
    sources: Sources,
    roles: dict[str, tuple[Role | None, list[Diagnostic], str | None]],
    config: Config,
    today: datetime.date,
    plan: Plan,
) -> dict[str, Agent]:
    agents: dict[str, Agent] = {}
    manifests: dict[str, Manifest] = {}
    problems: dict[str, list[Problem]] = {}
    for stem, entry in entries.items():
        if entry.data is None:
            continue
        found = problems.setdefault(stem, [])
        if entry.trusted:
            entry.manifest = from_trusted(entry.data)
        else:
            entry.manifest, parse_problems = parse_manifest(entry.data)
            found += parse_problems
        m = entry.manifest
        if m is None:
            continue
        manifests[stem] = m
        role: Role | None = None
        if m.substrate_role is not None:
            role, role_diags, missing = _role(m.substrate_role, sources, roles)
            if entry.trusted is False:
                plan.diagnostics += [d for d in role_diags if d not in plan.diagnostics]
            if missing is not None:
                found.append(
                    Problem(
                        ("substrate_role",),
                        "A080",
                        missing,
                        f"create {config.roles_dir}/{m.substrate_role}.toml or fix the name",
                    )
                )
            elif role is not None:
                found += check_role_tools(m, role)
        if entry.trusted:
            continue
        found += check_manifest(m, stem, config, today)
        found += check_role_prose(m)
        blocks, block_problems, inner = resolve_blocks(m, sources)
        found += block_problems
        plan.diagnostics += [d for d in inner if d not in plan.diagnostics]
        tool, tool_problems = _tool(m)
        found += tool_problems
        if entry.scope is not None:
            agents[stem] = Agent(m, entry.source, tuple(blocks), role, tool, entry.scope)
    for stem, problem in check_catalog(manifests, sources.block_names()):
        problems.setdefault(stem, []).append(problem)
    for stem, found in problems.items():
        source = entries[stem].source
        plan.diagnostics += locate_problems(found, source.rel, source.text)
    return agents


def _tool(m: Manifest) -> tuple[ToolPlan | None, list[Problem]]:
    if m.tool_module is None:
        return None, []
    from assembler.toolkinds import get_kind

    kind_name = m.tool_module.get("kind")
    kind = get_kind(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        return None, [
            Problem(
                ("tool_module", "kind"),
                "A101",
                f"unknown tool module kind `{kind_name}`",
                'use kind = "modal"',
            )
        ]
    spec, problems = kind.parse(m.tool_module)
    located = [Problem(("tool_module", *p.path), p.code, p.message, p.hint, p.severity) for p in problems]
    return (None if spec is None else ToolPlan(kind.kind, spec)), located
