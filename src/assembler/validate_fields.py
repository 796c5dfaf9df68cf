"""Checks of one manifest's values, on the typed model. Pure: data in, problems (by key path) out."""

from __future__ import annotations

import datetime
import re

from assembler.config import Config
from assembler.diagnostics import KeyPath, Problem, did_you_mean
from assembler.manifest import Manifest
from assembler.sources import LINK, SLUG
from assembler.validate_text import check_text

MCP_TOOL = re.compile(r"mcp__[A-Za-z0-9_-]+__[A-Za-z0-9_-]+")
MODEL_ID = re.compile(r"claude-[a-z0-9]+(?:[-.][a-z0-9]+)*")
ALIAS = re.compile(r"path:([^/\s]+)")


def check_identity(m: Manifest, stem: str) -> list[Problem]:
    problems = []
    if not SLUG.fullmatch(m.name):
        problems.append(
            Problem(
                ("name",),
                "A010",
                f"name `{m.name}` is not a lowercase slug",
                "use lowercase letters, digits and single hyphens, like `code-reviewer`",
            )
        )
    if m.name != stem:
        problems.append(
            Problem(
                ("name",),
                "A011",
                f"name `{m.name}` differs from the file name `{stem}.toml`",
                f'write name = "{stem}", or rename the file to {m.name}.toml',
            )
        )
    return problems


def check_blocks(m: Manifest, config: Config) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for i, block in enumerate(m.blocks):
        if block in seen:
            problems.append(
                Problem(
                    ("blocks", i),
                    "A021",
                    f"block `{block}` is listed twice",
                    "remove the second entry",
                )
            )
        seen.add(block)
    for required in config.obligatory_blocks:
        if required not in seen:
            problems.append(
                Problem(
                    ("blocks",),
                    "A022",
                    f"obligatory block `{required}` is missing",
                    f'add "{required}" to blocks (obligatory: {", ".join(config.obligatory_blocks)})',
                )
            )
    return problems


def check_tools_and_model(m: Manifest, config: Config) -> list[Problem]:
    problems = []
    for i, tool in enumerate(m.tools):
        if tool not in config.tools and not MCP_TOOL.fullmatch(tool):
            hint = did_you_mean(tool, config.tools) or "use a Claude Code tool name or mcp__server__tool"
            problems.append(
                Problem(
                    ("tools", i),
                    "A030",
                    f"unknown tool `{tool}`",
                    hint + " (more names: extra_tools in assembler.toml)",
                )
            )
    if m.model not in config.models and not MODEL_ID.fullmatch(m.model):
        problems.append(
            Problem(
                ("model",),
                "A031",
                f"unknown model `{m.model}`",
                f"use {', '.join(sorted(config.models))} or a full model id such as "
                "claude-sonnet-4-5 (more: extra_models in assembler.toml)",
            )
        )
    return problems


def check_handoffs(m: Manifest, config: Config) -> list[Problem]:
    if not m.handoff:
        return [
            Problem(
                ("name",),
                "A040",
                f"agent `{m.name}` declares no handoff",
                "add a [[handoff]] table with target and trigger at the end of the manifest",
            )
        ]
    problems = []
    seen: set[str] = set()
    for i, h in enumerate(m.handoff):
        if h.target == m.name:
            problems.append(
                Problem(
                    ("handoff", i, "target"),
                    "A042",
                    f"`{m.name}` hands off to itself",
                    "name another agent of the catalog",
                )
            )
        elif h.target in seen:
            problems.append(
                Problem(
                    ("handoff", i, "target"),
                    "A043",
                    f"handoff target `{h.target}` is listed twice",
                    "merge the triggers into one [[handoff]] table",
                )
            )
        seen.add(h.target)
        for key in ("expects_artifact", "produces_artifact"):
            value = getattr(h, key)
            if value is not None and value not in config.artifacts:
                problems.append(
                    Problem(
                        ("handoff", i, key),
                        "A044",
                        f"unknown artifact `{value}`",
                        f"use one of {', '.join(config.artifacts)} (or set artifacts in assembler.toml)",
                    )
                )
    if m.produces_artifact is not None and m.produces_artifact not in config.artifacts:
        problems.append(
            Problem(
                ("produces_artifact",),
                "A044",
                f"unknown artifact `{m.produces_artifact}`",
                f"use one of {', '.join(config.artifacts)}",
            )
        )
    return problems


def check_taxonomy(m: Manifest, config: Config) -> list[Problem]:
    problems = []
    for facet, allowed in config.taxonomy.items():
        value = getattr(m.taxonomy, facet)
        if value not in allowed:
            close = did_you_mean(value, allowed)
            hint = f"{close} " if close else ""
            problems.append(
                Problem(
                    ("taxonomy", facet),
                    "A050",
                    f"`{value}` is not a {facet} of the taxonomy",
                    f"{hint}allowed: {', '.join(sorted(allowed))}",
                )
            )
    return problems


def _as_date(value: str | datetime.date) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def check_lineage(m: Manifest, today: datetime.date) -> list[Problem]:
    problems = []
    lin = m.lineage
    if not SLUG.fullmatch(lin.creator):
        problems.append(
            Problem(
                ("lineage", "creator"),
                "A060",
                f"creator `{lin.creator}` is not a slug",
                "use lowercase letters, digits and hyphens",
            )
        )
    created = _as_date(lin.created)
    if created is None:
        problems.append(
            Problem(
                ("lineage", "created"),
                "A061",
                f"`{lin.created}` is not a real date",
                'write the date as YYYY-MM-DD, e.g. created = "2026-04-23"',
            )
        )
    elif created > today:
        problems.append(
            Problem(
                ("lineage", "created"),
                "A062",
                f"created date {created} lies in the future",
                f"use the date the agent was created (today is {today})",
            )
        )
    links: list[tuple[KeyPath, str]] = [(("lineage", "parents", i), p) for i, p in enumerate(lin.parents)]
    for key in ("fork_from", "successor"):
        value = getattr(lin, key)
        if value is not None:
            links.append((("lineage", key), value))
    for path, link in links:
        if not LINK.fullmatch(link):
            problems.append(
                Problem(
                    path,
                    "A063",
                    f"`{link}` is not a [[slug]] link",
                    'write links as "[[agent-or-block-name]]"',
                )
            )
    if m.taxonomy.stability == "deprecated" and lin.successor is None:
        problems.append(
            Problem(
                ("taxonomy", "stability"),
                "A065",
                f"`{m.name}` is deprecated but names no successor",
                'add successor = "[[agent-that-replaces-it]]" under [lineage]',
            )
        )
    return problems


def check_references(m: Manifest, config: Config) -> list[Problem]:
    problems = []
    for i, ref in enumerate(m.references.extra):
        if not ref.startswith("path:"):
            continue
        found = ALIAS.match(ref)
        alias = found.group(1) if found else ""
        if alias not in config.path_aliases:
            known = ", ".join(sorted(config.path_aliases)) or "none declared"
            problems.append(
                Problem(
                    ("references", "extra", i),
                    "A070",
                    f"path alias `{alias}` is not declared",
                    f"declare it under [path_aliases] in assembler.toml (known: {known})",
                )
            )
        elif ".." in ref.split()[0].split("/"):
            problems.append(
                Problem(
                    ("references", "extra", i),
                    "A013",
                    f"reference `{ref}` leads outside its alias folder",
                    "remove the `..` segments",
                )
            )
    return problems


def check_manifest(m: Manifest, stem: str, config: Config, today: datetime.date) -> list[Problem]:
    """Every check of one manifest that needs nothing but the manifest and the configuration."""
    return [
        *check_identity(m, stem),
        *check_text(m),
        *check_blocks(m, config),
        *check_tools_and_model(m, config),
        *check_handoffs(m, config),
        *check_taxonomy(m, config),
        *check_lineage(m, today),
        *check_references(m, config),
    ]
