"""`assembler import PATH...`: read agent files, check each as a manifest of the catalog, write them all.

Every problem of every source is reported at the source's file and line: its frontmatter (A120-A123,
A127), its name (A010, A012 for two sources or a source and a manifest of the same name), values outside
Claude Code's vocabulary, and what the catalog's rules demand that the source lacks (A115, A003). When
there is an error, nothing is written; otherwise each manifest is written atomically (one identical to
what stands there already is left alone, a different one only with `force`).
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from assembler.atomic import atomic_write
from assembler.claudecode.reader import AgentFile
from assembler.codes import claude as codes
from assembler.codes import general
from assembler.config import CONFIG_FILE, Config, load_config, parse_config
from assembler.diagnostics import Diagnostic, Problem, has_errors
from assembler.disk import FileProblem, Folder, folder
from assembler.importer.convert import Converted, convert
from assembler.importer.sources import Source, find_sources

INIT_CONFIG = """\
# Configuration of a catalog started by `assembler import --init`. It requires only what Claude Code
# requires of an agent; README ("Configuration") lists the rules a catalog can add, such as
# obligatory_blocks, min_handoffs, required_sections, require_taxonomy and require_lineage.
obligatory_blocks = []
min_handoffs = 0
required_sections = []
require_taxonomy = false
require_lineage = false
"""


@dataclass
class Written:
    rel: str  # the manifest, relative to the root
    text: str
    state: str  # "new", "replaced" or "unchanged"
    source: str = ""  # the agent file it was imported from, as named


@dataclass
class ImportResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    manifests: list[Written] = field(default_factory=list)
    config: str | None = None  # the configuration file written by --init
    written: bool = False

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    def summary(self, dry_run: bool) -> list[str]:
        """What was written (or would be), for the text output."""
        changed = [m for m in self.manifests if m.state != "unchanged"]
        verb = "would write" if dry_run else "wrote"
        lines = [f"wrote {self.config}"] if self.config and not dry_run else []
        lines += [f"{verb} {m.rel}" for m in changed]
        done = "to write" if dry_run else "written"
        unchanged = len(self.manifests) - len(changed)
        last = f"{len(self.manifests)} agent(s): {len(changed)} {done}, {unchanged} unchanged."
        return [*lines, last + ("" if dry_run else " Run `assembler build` to generate them.")]


@dataclass
class _Agent:
    source: Source
    agent: AgentFile
    converted: Converted
    name: str


def import_agents(
    root: Path,
    paths: list[str],
    *,
    init: bool = False,
    force: bool = False,
    dry_run: bool = False,
    strict: bool = False,
    today: datetime.date | None = None,
) -> ImportResult:
    """Import the agent files at `paths` (files, or folders searched for `*.md`) into the catalog at
    `root`; `init` starts the catalog there with a configuration that requires only what Claude Code
    requires; `strict` writes nothing when there are warnings either."""
    result = ImportResult()
    config = _config(root, init, result)
    if config is None:
        return result
    sources, problems = find_sources(paths, os.fspath(root))
    result.diagnostics += problems
    agents = [_read(source, config, today or datetime.date.today(), result) for source in sources]
    found = [agent for agent in agents if agent is not None]
    try:
        manifests = folder(os.path.realpath(root), config.manifests_dir)
    except FileProblem as problem:
        result.diagnostics.append(problem.diagnostic)
        return result
    result.diagnostics += _across(found, manifests, config)
    result.manifests = _plan(found, manifests, force, result)
    if not result.ok or dry_run or (strict and result.diagnostics):
        return result
    _write(root, manifests, result, init)
    return result


def _config(root: Path, init: bool, result: ImportResult) -> Config | None:
    if not init:
        config, problems = load_config(root)
        result.diagnostics += problems
        return None if has_errors(problems) else config
    existing = root / CONFIG_FILE
    if existing.is_file() and existing.read_bytes() != INIT_CONFIG.encode("utf-8"):
        result.diagnostics.append(
            codes.MANIFEST_EXISTS.located(
                CONFIG_FILE,
                manifest=CONFIG_FILE,
                suggestion="a catalog is here already: import into it without --init",
            )
        )
        return None
    config, mistakes = parse_config(_parse(INIT_CONFIG))
    assert not mistakes, mistakes  # our own text
    result.config = CONFIG_FILE
    return config


def _parse(text: str) -> dict[str, object]:
    from assembler.tomlparse import parse_toml

    return parse_toml(text)


def _read(source: Source, config: Config, today: datetime.date, result: ImportResult) -> _Agent | None:
    from assembler.claudecode.reader import read_agent
    from assembler.importer.locate import at_source
    from assembler.manifest import parse_manifest
    from assembler.validate_fields import check_manifest

    agent, problems = read_agent(source.text, source.rel)
    result.diagnostics += problems
    if agent is None:
        return None
    result.diagnostics += agent.warnings
    converted = convert(agent, source.rel)
    result.diagnostics += converted.diagnostics
    name = converted.data.get("name")
    parsed = parse_manifest(converted.data)
    found: list[Problem] = list(parsed.problems)
    if parsed.manifest is not None:
        stem = parsed.manifest.name
        found += parsed.reportable(check_manifest(parsed.manifest, stem, config, today))
    result.diagnostics += at_source(found, converted, agent, source)
    return _Agent(source, agent, converted, name) if isinstance(name, str) else None


def _across(agents: list[_Agent], manifests: Folder, config: Config) -> list[Diagnostic]:
    """Two sources of one name, and `Agent(...)` permissions naming no agent of the catalog."""
    from assembler.claudecode.rules import spawned
    from assembler.importer.locate import at_key

    problems: list[Diagnostic] = []
    by_name: dict[str, list[_Agent]] = {}
    for agent in agents:
        by_name.setdefault(agent.name, []).append(agent)
    for same in by_name.values():
        for agent in same if len(same) > 1 else ():
            others = ", ".join(a.source.rel for a in same if a is not agent)
            problems.append(at_key(general.DUPLICATE_NAME, agent, "name", name=agent.name, other=others))
    try:
        existing = {n[:-5] for n in manifests.names() if n.endswith(".toml")}
    except FileProblem as problem:
        return [*problems, problem.diagnostic]
    known = existing | set(by_name) | config.external_agents
    for agent in agents:
        for i, entry in enumerate(agent.converted.data.get("tools") or ()):
            for target in spawned(entry) if isinstance(entry, str) else ():
                if target not in known:
                    problems.append(
                        at_key(
                            codes.UNKNOWN_AGENT_IN_TOOLS,
                            agent,
                            "tools",
                            i,
                            rule=entry,
                            agent=target,
                            suggestion="import that agent too, or declare it in external_agents "
                            "(assembler.toml)",
                        )
                    )
    return problems


def _plan(agents: list[_Agent], manifests: Folder, force: bool, result: ImportResult) -> list[Written]:
    from assembler.importer.locate import at_key
    from assembler.importer.tomlwrite import manifest_text
    from assembler.names import is_name

    planned = []
    for agent in agents:
        if not is_name(agent.name):
            continue  # reported (A010)
        file = f"{agent.name}.toml"
        rel = manifests.file(file)
        text = manifest_text(agent.converted.data, agent.source.origin)
        try:
            current = manifests.read(file)
        except FileProblem as problem:
            result.diagnostics.append(problem.diagnostic)
            continue
        if current is None:
            planned.append(Written(rel, text, "new", agent.source.rel))
        elif current == text.encode("utf-8"):
            planned.append(Written(rel, text, "unchanged", agent.source.rel))
        elif force:
            planned.append(Written(rel, text, "replaced", agent.source.rel))
        else:
            result.diagnostics.append(
                at_key(
                    codes.MANIFEST_EXISTS,
                    agent,
                    "name",
                    manifest=rel,
                    suggestion="pass --force to replace it, or rename the agent in its source",
                )
            )
    return planned


def _write(root: Path, manifests: Folder, result: ImportResult, init: bool) -> None:
    try:
        if init and result.config is not None:
            atomic_write(str(root / result.config), result.config, INIT_CONFIG.encode("utf-8"))
        for manifest in result.manifests:
            if manifest.state != "unchanged":
                name = manifest.rel.rpartition("/")[2]
                path = str(Path(manifests.path, name))
                atomic_write(path, manifest.rel, manifest.text.encode("utf-8"))
    except FileProblem as problem:
        result.diagnostics.append(problem.diagnostic)
        return
    result.written = True
