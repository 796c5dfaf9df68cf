"""Stage 2 of a manifest's job: the fingerprint of everything its outputs are made from, and whether the
files on disk already carry it (then this version of the tool validated and rendered exactly these bytes, and
the manifest's validation and rendering are skipped)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assembler import __version__
from assembler.config import Config
from assembler.disk import FileProblem
from assembler.outputs import template_names, tool_sources
from assembler.roles import Role
from assembler.sources import Escape, Sources
from assembler.stamp import digest, scope_hash, stamp_of
from assembler.targets import Selected


def scope(
    text: str, data: Mapping[str, Any], config: Config, sources: Sources, role: Role | None
) -> str | None:
    """Fingerprint of the manifest's sources; None when one of them cannot be read (the manifest is then
    validated, which says why). Shared texts (templates, blocks, role files) enter by their digest."""
    try:
        parts = [("version", __version__), ("config", digest(config.fingerprint_text))]
        parts += [(f"template:{n}", digest(sources.template(n))) for n in template_names(data)]
        parts += tool_sources(data)  # the code a tool module kind splices into its program
        parts.append(("manifest", text))
        for name in data.get("blocks", []):
            block = sources.block(name)
            parts.append((f"block:{name}", "" if block is None else digest(block.text)))
        if data.get("substrate_role") is not None:
            if role is None:
                return None
            parts += [(f"role:{t.rel}", digest(t.text)) for t in role.texts]
    except (Escape, FileProblem, TypeError, AttributeError, KeyError, LookupError):
        return None
    return scope_hash(parts)


def target_scopes(base: str, chosen: tuple[Selected, ...], sources: Sources) -> dict[str, str] | None:
    """The fingerprint of each chosen target's file: the manifest's (`base`, which the tool module carries)
    with the target's own configuration table and templates. Claude Code's, without a table of its own,
    is `base` itself: what it was before there were targets, so adding a target stales no Claude file.
    None when a template cannot be read."""
    found: dict[str, str] = {}
    try:
        for one in chosen:
            name, own = one.target.name, one.settings.fingerprint
            if name == "claude" and not own:
                found[name] = base
                continue
            parts = [("base", base), ("target", name), ("config", own)]
            parts += [(f"template:{n}", digest(sources.template(n))) for n in one.target.templates]
            found[name] = scope_hash(parts)
    except (Escape, FileProblem, LookupError):
        return None
    return found


def current(on_disk: Mapping[str, bytes | None], fingerprints: Mapping[str, str]) -> bool:
    """Whether every output stands on disk with an intact stamp of its fingerprint (`fingerprints`: by
    output path)."""
    for rel, data in on_disk.items():
        found = None if data is None else stamp_of(rel, data)
        if found is None or found[0].scope != fingerprints.get(rel) or not found[1]:
            return False
    return True
