"""Whether a manifest not yet written would validate and build in its catalog: the per-manifest stages of
a build (validate, render) run on its text in memory, and the checks across the catalog that concern it
(its handoff targets, lineage links and `Agent(...)` entries, its name, the files it would write) against
the manifests that are there. Problems of the other manifests are theirs and are not reported."""

from __future__ import annotations

import datetime

from assembler.codes import general
from assembler.config import Config
from assembler.diagnostics import Diagnostic, Problem, has_errors
from assembler.layout import Layout
from assembler.located import locate_problems
from assembler.validate_catalog import Facts


def verify_manifest(
    found: Layout, config: Config, stem: str, text: str, today: datetime.date
) -> list[Diagnostic]:
    """Every problem the manifest `text`, written as `<stem>.toml` in the manifests folder, would have."""
    from assembler.job import Job, Worker
    from assembler.sources import Text
    from assembler.tomlparse import parse_toml
    from assembler.validate import validate_manifest

    rel = found.manifests.file(f"{stem}.toml")
    data = parse_toml(text)  # our own text, read back already: a TomlError here is a bug
    worker = Worker(Job(found, config, today, trust=False, only=(stem,)))
    role_name = data.get("substrate_role")
    role = worker.role(role_name)[0] if isinstance(role_name, str) else None
    fingerprint, scopes = worker.fingerprints(text, data, role)
    checked = validate_manifest(
        Text(rel, text),
        stem,
        data,
        config=config,
        today=today,
        sources=worker.sources,
        role_of=worker.role,
        scope=fingerprint,
    )
    diagnostics = [*checked.inner, *locate_problems(checked.problems, rel, text, checked.omitted)]
    if checked.agent is not None and scopes is not None and not has_errors(diagnostics):
        from assembler.render import render_agent, template_error

        try:
            render_agent(checked.agent, config, found.templates, worker.chosen, scopes)
        except Exception as err:  # a user's template can fail in many ways: report it
            diagnostics.append(template_error(err, config))
    across = _across(found, config, stem, data, worker.sources.block_names())
    return diagnostics + locate_problems(across, rel, text)


def _across(
    found: Layout, config: Config, stem: str, data: dict[str, object], blocks: frozenset[str]
) -> list[Problem]:
    from assembler.outputs import expected_paths
    from assembler.pipeline import list_manifests
    from assembler.read import read_manifest
    from assembler.targets import selected
    from assembler.validate_catalog import check_catalog, facts_of

    chosen = selected(config)
    names, _ = list_manifests(found.manifests)  # a folder that cannot be listed fails the write anyway
    facts: dict[str, Facts] = {}
    owners: dict[str, str] = {}  # output path -> the manifest that writes it
    stems = {stem}
    for name in names:
        other = name.removesuffix(".toml")
        stems.add(other)
        _, other_data, _ = read_manifest(found.manifests, name)
        if other == stem or other_data is None:
            continue
        declared = other_data.get("name")  # all the checks of the new manifest need of another: its name
        facts[other] = Facts(declared if isinstance(declared, str) else "", (), ())
        for path, _key in expected_paths(other, other_data, config, chosen):
            owners[path] = found.manifests.file(name)
    facts[stem] = facts_of(data)
    problems = [
        problem
        for owner, problem in check_catalog(facts, blocks, frozenset(stems), config.external_agents)
        if owner == stem
    ]
    for path, key in expected_paths(stem, data, config, chosen):
        if path in owners:
            problems.append(general.OUTPUT_COLLISION.at(key, output=path, other=owners[path]))
    return problems
