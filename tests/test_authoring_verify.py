"""authoring.verify: a manifest not yet written is checked as the build would check it in its catalog,
each problem located in its own text, the other manifests' problems left to them."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from assembler.authoring.verify import verify_manifest
from assembler.config import load_config
from assembler.layout import layout
from tests.conftest import manifest

TODAY = datetime.date(2026, 6, 1)


def _verify(root: Path, stem: str, text: str) -> list[tuple[str, str, int | None]]:
    config, problems = load_config(root)
    found, more = layout(str(root), config)
    assert found is not None and not problems + more
    return [(d.code, d.file, d.line) for d in verify_manifest(found, config, stem, text, TODAY)]


def test_a_valid_manifest_has_no_problem_whatever_the_others_have(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": 'name = "fixer"\nnmae = 1\n'})
    assert _verify(root, "third", manifest("third", "reviewer")) == []


def test_its_own_problems_and_those_across_the_catalog_at_its_lines(catalog: Callable[..., Path]) -> None:
    text = manifest("third", "nobody", model='model = "gpt-9"')
    assert _verify(catalog(), "third", text) == [
        ("A031", "_manifests/third.toml", 4),
        ("A041", "_manifests/third.toml", 14),
    ]


def test_a_file_another_manifest_writes_is_a_collision(catalog: Callable[..., Path]) -> None:
    tool = '\n[tool_module]\nkind = "modal"\nname = "runner"\n'
    root = catalog({"_manifests/fixer.toml": manifest("fixer", "reviewer") + tool})
    text = manifest("third", "reviewer") + tool
    line = text.splitlines().index('name = "runner"') + 1
    assert ("A019", "_manifests/third.toml", line) in _verify(root, "third", text)
    config, _ = load_config(root)
    found, _ = layout(str(root), config)
    assert found is not None
    collision = next(d for d in verify_manifest(found, config, "third", text, TODAY) if d.code == "A019")
    assert collision.message == "_generated/runner.py is also written by _manifests/fixer.toml"


def test_a_name_declared_external_and_a_block_that_is_missing(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": 'external_agents = ["third"]\n', "_blocks/baseline.md": None})
    codes = {code for code, _, _ in _verify(root, "third", manifest("third", "reviewer"))}
    assert codes == {"A089", "A020", "A063"}  # A063: its lineage links the missing block
