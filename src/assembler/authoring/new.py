"""`assembler new NAME [--from AGENT]`: write `_manifests/NAME.toml`, from the commented template or as a
copy of AGENT's manifest, only when it would validate and build in the catalog as it stands, and never over
a file that exists."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from assembler.config import Config
from assembler.diagnostics import Diagnostic, has_errors
from assembler.layout import Layout


class Refused(Exception):
    """The command asked for something that cannot be done as asked (a usage error): the reason."""


@dataclass
class NewResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rel: str | None = None  # the manifest, relative to the root
    written: bool = False


def new_agent(
    root: Path,
    name: str,
    *,
    source: str | None = None,
    strict: bool = False,
    today: datetime.date | None = None,
) -> NewResult:
    """Write the manifest of a new agent `name` into the catalog at `root`: the template, or a copy of the
    agent `source`. Raises Refused for a name that is not a slug or is taken, and for a source that is
    not an agent of the catalog. Nothing is written when the manifest would have errors (or, `strict`,
    warnings)."""
    from assembler.config import load_config
    from assembler.layout import layout
    from assembler.names import is_name, slugify

    today = today or datetime.date.today()
    if not is_name(name):
        raise Refused(f"NAME must be a lowercase slug of at most 128 characters, such as {slugify(name)}")
    config, problems = load_config(root)
    result = NewResult(problems)
    found, problems = (None, []) if has_errors(result.diagnostics) else layout(str(root), config)
    result.diagnostics += problems
    if found is None:
        return result
    file = f"{name}.toml"
    result.rel = found.manifests.file(file)
    path = os.path.join(found.manifests.path, file)  # noqa: PTH118 (the folder's path is a str)
    if os.path.lexists(path):
        raise Refused(f"{result.rel} exists already: choose another name (new never replaces a manifest)")
    text = (
        _template(found, config, name, today, result)
        if source is None
        else _copy(found, source, name, today, result)
    )
    if text is None:
        return result
    from assembler.authoring.verify import verify_manifest

    result.diagnostics += verify_manifest(found, config, name, text, today)
    if has_errors(result.diagnostics) or (strict and result.diagnostics):
        return result
    from assembler.atomic import atomic_create
    from assembler.disk import FileProblem

    try:
        created = atomic_create(path, result.rel, text.encode("utf-8"))
    except FileProblem as problem:
        result.diagnostics.append(problem.diagnostic)
        return result
    if not created:
        raise Refused(f"{result.rel} was written by someone else meanwhile: it is left as it is")
    result.written = True
    return result


def _template(
    found: Layout, config: Config, name: str, today: datetime.date, result: NewResult
) -> str | None:
    """The template, handing off to agents of the catalog first, then to external ones."""
    from assembler.authoring.template import handoffs_needed, new_manifest
    from assembler.codes.authoring import NO_HANDOFF_TARGET
    from assembler.disk import FileProblem
    from assembler.names import is_name

    try:
        stems = [n.removesuffix(".toml") for n in found.manifests.names() if n.endswith(".toml")]
    except FileProblem as problem:
        result.diagnostics.append(problem.diagnostic)
        return None
    available = [s for s in sorted(stems) if is_name(s) and s != name] + sorted(config.external_agents)
    needed = handoffs_needed(config, len(available))
    if len(available) < needed:
        result.diagnostics.append(
            NO_HANDOFF_TARGET.located(
                config.source or f"{found.manifests.rel}/",
                required=needed,
                available=len(available),
                suggestion="declare the agents it works with in external_agents (assembler.toml), write "
                "those agents first, or lower min_handoffs",
            )
        )
        return None
    return new_manifest(name, config, available[:needed], today)


def _copy(found: Layout, source: str, name: str, today: datetime.date, result: NewResult) -> str | None:
    from assembler.authoring.copy import NotCopyable, copied_manifest
    from assembler.codes.authoring import NOT_COPYABLE
    from assembler.disk import FileProblem, decode
    from assembler.names import is_name

    if not is_name(source):
        raise Refused(f"no manifest named {source}")
    rel = found.manifests.file(f"{source}.toml")
    try:
        raw = found.manifests.read(f"{source}.toml")
        if raw is None:
            raise Refused(f"no manifest named {source}")
        text = decode(raw, rel)
    except FileProblem as problem:
        result.diagnostics.append(problem.diagnostic)
        return None
    from assembler.tomlparse import TomlError, parse_toml

    try:
        parse_toml(text)
    except TomlError as err:
        result.diagnostics.append(err.diagnostic(rel))
        return None
    try:
        return copied_manifest(text, source, name, today)
    except NotCopyable as err:
        result.diagnostics.append(NOT_COPYABLE.located(rel, manifest=rel, reason=str(err)))
        return None
