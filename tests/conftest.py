"""Shared test helpers: a small catalog written from a dict of texts."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from textwrap import dedent

import pytest

from assembler.diagnostics import Problem
from assembler.manifest import Manifest, Parsed

REPO = Path(__file__).resolve().parent.parent

MINIMAL_MANIFEST = '''\
name = "{name}"
description = "Reviews patches: reads the diff, runs the tests and reports."
tools = ["Read", "Grep"]
model = "sonnet"
role = """
You review patches.
"""
blocks = ["baseline", "evidence-grading", "memory-protocol"]
domain_in = ["Reviewing patches"]
forbidden_domain = ["Merging without tests"]
output_extra_fields = ["Verdict: pass | fail"]

[[handoff]]
target = "{target}"
trigger = "the patch needs changes"

[taxonomy]
kingdom = "manifest"
mechanism = "verify"
domain = "quality"
layer = "agent-substrate"
stage = "design-time"
stability = "stable"
language = "toml"

[lineage]
creator = "test-suite"
created = "2026-01-02"
parents = ["[[baseline]]"]
'''

BLOCKS = {
    "_blocks/baseline.md": "# BASELINE\n\nNo invented facts.\n",
    "_blocks/evidence-grading.md": "# EVIDENCE GRADING\n\nE1 to E5.\n",
    "_blocks/memory-protocol.md": "# MEMORY PROTOCOL\n\nRead memory first.\n",
}


def valid_or_problems(parsed: Parsed) -> tuple[Manifest | None, list[Problem]]:
    """What `parse_manifest` gives, as a pair: the manifest when it is valid (else None), and the problems."""
    return (None if parsed.problems else parsed.manifest), parsed.problems


def write_tree(root: Path, files: Mapping[str, str]) -> Path:
    """Write `{relative path: text}` under root (texts are dedented); return root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    return root


def role_file(
    name: str,
    description: str = "Reads and reports.",
    *,
    required: Sequence[str] = (),
    extends: str | None = None,
    relaxes: Sequence[str] | None = None,
    allowed: Sequence[str] | None = None,
    more: str = "",
) -> str:
    """A role file in the role format: [role] and [capabilities], [tools] when `allowed` is given, then
    `more` (further tables) as written."""
    lines = ["[role]", f'name = "{name}"', f'description = "{description}"', "", "[capabilities]"]
    if extends is not None:
        lines.append(f'extends = "{extends}"')
    lines.append(f"required = {json.dumps(list(required))}")
    if relaxes is not None:
        lines.append(f"relaxes = {json.dumps(list(relaxes))}")
    if allowed is not None:
        lines += ["", "[tools]", f"allowed = {json.dumps(list(allowed))}"]
    return "\n".join(lines) + "\n" + dedent(more)


def manifest(name: str, target: str, **replace: str) -> str:
    """A minimal valid manifest; `replace` swaps whole lines that start with `key =`."""
    text = MINIMAL_MANIFEST.format(name=name, target=target)
    for key, line in replace.items():
        lines = text.splitlines()
        lines = [line if existing.startswith(f"{key} =") else existing for existing in lines]
        text = "\n".join(lines) + "\n"
    return text


@pytest.fixture
def catalog(tmp_path: Path) -> Callable[..., Path]:
    """Build a two-agent catalog (`reviewer` <-> `fixer`) plus any extra or replaced files."""

    def make(extra: Mapping[str, str] | None = None) -> Path:
        files = {
            **BLOCKS,
            "_manifests/reviewer.toml": manifest("reviewer", "fixer"),
            "_manifests/fixer.toml": manifest("fixer", "reviewer"),
        }
        files.update(extra or {})
        return write_tree(tmp_path / "cat", {k: v for k, v in files.items() if v is not None})

    return make


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of this repository's catalog (manifests, blocks, roles, capabilities, config, generated)."""
    dest = tmp_path / "repo"
    dest.mkdir()
    for name in ("_manifests", "_blocks", "_roles", "_capabilities", "_generated"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "assembler.toml", dest / "assembler.toml")
    return dest
