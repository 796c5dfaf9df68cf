"""Checks of one manifest's values, on the typed model. Pure: data in, problems (by key path) out."""

from __future__ import annotations

import datetime
import re

from assembler.codes import content, general
from assembler.config import Config
from assembler.diagnostics import KeyPath, Problem, did_you_mean
from assembler.manifest import Manifest
from assembler.names import LINK, NAME_LIMIT, SLUG, slugify
from assembler.validate_rules import check_rules
from assembler.validate_text import check_text

ALIAS = re.compile(r"path:([^/\s]+)")


def check_identity(m: Manifest, stem: str) -> list[Problem]:
    problems = []
    if len(m.name) > NAME_LIMIT:
        problems.append(
            general.NAME_TOO_LONG.at(
                ("name",), what="agent name", name=m.name[:40] + "...", length=len(m.name), limit=NAME_LIMIT
            )
        )
    elif not SLUG.fullmatch(m.name):
        problems.append(general.NOT_A_SLUG.at(("name",), name=m.name, example=slugify(m.name)))
    if m.name != stem:
        if SLUG.fullmatch(stem):
            hint = f'write name = "{stem}", or rename the file to {m.name}.toml'
        else:
            target = m.name if SLUG.fullmatch(m.name) else slugify(stem)
            hint = f"rename the file to {target}.toml (file names are lowercase slugs too)"
        problems.append(
            general.NAME_MISMATCH.at(("name",), name=m.name, file_name=f"{stem}.toml", suggestion=hint)
        )
    return problems


def check_blocks(m: Manifest, config: Config) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for i, block in enumerate(m.blocks):
        if block in seen:
            problems.append(content.BLOCK_TWICE.at(("blocks", i), name=block))
        seen.add(block)
    for required in config.obligatory_blocks if m.body is None else ():  # with body: validate_rules
        if required not in seen:
            problems.append(
                content.OBLIGATORY_BLOCK.at(
                    ("blocks",), name=required, required=", ".join(config.obligatory_blocks)
                )
            )
    return problems


def check_tools_and_model(m: Manifest, config: Config) -> list[Problem]:
    """Tools, model, effort, turns and the [targets.claude] table, in Claude Code's terms."""
    from assembler.claudecode.checks import check_claude

    return check_claude(m, config)


def check_handoffs(m: Manifest, config: Config) -> list[Problem]:
    problems = []
    if m.body is None and len(m.handoff) < config.min_handoffs:  # with body: validate_rules
        problems.append(
            content.NO_HANDOFF.at((), name=m.name, count=len(m.handoff), minimum=config.min_handoffs)
        )
    seen: set[str] = set()
    known = ", ".join(config.artifacts)
    for i, h in enumerate(m.handoff):
        if h.target == m.name:
            problems.append(content.SELF_HANDOFF.at(("handoff", i, "target"), name=m.name))
        elif h.target in seen:
            problems.append(content.HANDOFF_TWICE.at(("handoff", i, "target"), target=h.target))
        seen.add(h.target)
        for key in ("expects_artifact", "produces_artifact"):
            value = getattr(h, key)
            if value is not None and value not in config.artifacts:
                problems.append(content.UNKNOWN_ARTIFACT.at(("handoff", i, key), artifact=value, known=known))
    if m.produces_artifact is not None and m.produces_artifact not in config.artifacts:
        problems.append(
            content.UNKNOWN_ARTIFACT.at(("produces_artifact",), artifact=m.produces_artifact, known=known)
        )
    return problems


def check_taxonomy(m: Manifest, config: Config) -> list[Problem]:
    problems: list[Problem] = []
    if m.taxonomy is None:
        return problems
    for facet, allowed in config.taxonomy.items():
        value = getattr(m.taxonomy, facet)
        if value not in allowed:
            close = did_you_mean(value, allowed)
            problems.append(
                content.TAXONOMY_VALUE.at(
                    ("taxonomy", facet),
                    value=value,
                    facet=facet,
                    suggestion=f"{close} " if close else "",
                    allowed=", ".join(sorted(allowed)),
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
    problems: list[Problem] = []
    lin = m.lineage
    if (
        m.taxonomy is not None
        and m.taxonomy.stability == "deprecated"
        and (lin is None or lin.successor is None)
    ):
        problems.append(content.NO_SUCCESSOR.at(("taxonomy", "stability"), name=m.name))
    if lin is None:
        return problems
    if not SLUG.fullmatch(lin.creator):
        problems.append(content.CREATOR_NOT_SLUG.at(("lineage", "creator"), creator=lin.creator))
    created = _as_date(lin.created)
    if created is None:
        problems.append(content.BAD_DATE.at(("lineage", "created"), value=lin.created))
    elif created > today:
        problems.append(content.FUTURE_DATE.at(("lineage", "created"), value=created, today=today))
    links: list[tuple[KeyPath, str]] = [(("lineage", "parents", i), p) for i, p in enumerate(lin.parents)]
    for key in ("fork_from", "successor"):
        value = getattr(lin, key)
        if value is not None:
            links.append((("lineage", key), value))
    for path, link in links:
        if not LINK.fullmatch(link):
            problems.append(
                content.BAD_LINK.at(
                    path,
                    problem=f"`{link}` is not a [[slug]] link",
                    suggestion='write links as "[[agent-or-block-name]]"',
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
            problems.append(content.UNKNOWN_ALIAS.at(("references", "extra", i), alias=alias, known=known))
        elif ".." in ref.split()[0].split("/"):
            problems.append(
                general.ESCAPES.at(
                    ("references", "extra", i),
                    what="reference",
                    name=ref,
                    folder="its alias folder",
                    suggestion="remove the `..` segments",
                )
            )
    return problems


def check_manifest(m: Manifest, stem: str, config: Config, today: datetime.date) -> list[Problem]:
    """Every check of one manifest that needs nothing but the manifest and the configuration."""
    return [
        *check_identity(m, stem),
        *check_text(m, config.placeholder_pattern),
        *check_rules(m, config),
        *check_blocks(m, config),
        *check_tools_and_model(m, config),
        *check_handoffs(m, config),
        *check_taxonomy(m, config),
        *check_lineage(m, today),
        *check_references(m, config),
    ]
