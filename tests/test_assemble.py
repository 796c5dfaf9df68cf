"""assemble: a manifest's blocks in order, their problems, and unclosed fences in blocks and role."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from assembler.assemble import check_role_prose, resolve_blocks
from assembler.config import Config
from assembler.diagnostics import Diagnostic
from assembler.manifest import Manifest, parse_manifest
from assembler.pipeline import plan_catalog
from assembler.sources import Sources
from assembler.tomlparse import parse_toml
from tests.conftest import BLOCKS, manifest, valid_or_problems, write_tree

TODAY = datetime.date(2026, 3, 1)
FENCE_HINT = "close the fence with a line of the same backticks"
BLOCK_NAMES = ("baseline", "evidence-grading", "memory-protocol")


def model(**replace: str) -> Manifest:
    m, problems = valid_or_problems(parse_manifest(parse_toml(manifest("reviewer", "fixer", **replace))))
    assert problems == []
    assert m is not None
    return m


def blocks_line(*names: str) -> str:
    return "blocks = [" + ", ".join(f'"{n}"' for n in names) + "]"


@pytest.fixture
def sources(tmp_path: Path) -> Sources:
    root = write_tree(
        tmp_path / "cat",
        {
            **BLOCKS,
            "_blocks/open.md": "# OPEN\n\nRun this:\n\n```bash\nmake test\n",
            "_blocks/quoted.md": "# QUOTED\n\n> ~~~\n> quoted code\n\nafter\n",
        },
    )
    write_tree(tmp_path, {"secret.md": "SECRET\n"})
    return Sources.of(root, Config())


def test_blocks_in_manifest_order(sources: Sources) -> None:
    m = model(blocks=blocks_line("memory-protocol", "baseline", "evidence-grading"))
    found, problems, inner = resolve_blocks(m, sources)
    assert [(name, text.rel) for name, text in found] == [
        ("memory-protocol", "_blocks/memory-protocol.md"),
        ("baseline", "_blocks/baseline.md"),
        ("evidence-grading", "_blocks/evidence-grading.md"),
    ]
    assert found[1][1].text == "# BASELINE\n\nNo invented facts.\n"
    assert (problems, inner) == ([], [])


def test_a020_block_not_found(sources: Sources) -> None:
    found, problems, _ = resolve_blocks(model(blocks=blocks_line("baseline", "gone")), sources)
    assert [name for name, _ in found] == ["baseline"]
    assert [(p.path, p.code, p.message, p.hint) for p in problems] == [
        (("blocks", 1), "A020", "block `gone` not found", "create _blocks/gone.md or fix the name"),
    ]


@pytest.mark.parametrize("name", ["../secret", "../../etc/passwd", "/etc/passwd", "sub/x"])
def test_a013_block_name_leaving_the_folder(sources: Sources, name: str) -> None:
    found, problems, _ = resolve_blocks(model(blocks=blocks_line("baseline", name)), sources)
    assert [n for n, _ in found] == ["baseline"]
    assert [(p.path, p.code, p.message, p.hint) for p in problems] == [
        (
            ("blocks", 1),
            "A013",
            f"block name `{name}` leads outside _blocks/",
            "use the file stem of a block in _blocks/: a lowercase slug, without folders",
        ),
    ]


def test_a023_in_a_block_points_at_the_block_file(sources: Sources) -> None:
    m = model(blocks=blocks_line("baseline", "open", "quoted"))
    found, problems, inner = resolve_blocks(m, sources)
    assert problems == []
    assert [name for name, _ in found] == ["baseline", "open", "quoted"]
    message = "code fence opened on line {} of the block is never closed: it swallows every section after it"
    assert inner == [
        Diagnostic(
            code="A023", message=message.format(5), file="_blocks/open.md", line=5, column=1, hint=FENCE_HINT
        ),
        Diagnostic(
            code="A023",
            message=message.format(3),
            file="_blocks/quoted.md",
            line=3,
            column=1,
            hint=FENCE_HINT,
        ),
    ]


def test_a023_in_role_prose() -> None:
    text = manifest("reviewer", "fixer").replace(
        "You review patches.\n", "You review patches.\n\n~~~toml\nkey = 1\n"
    )
    m = parse_manifest(parse_toml(text)).manifest
    assert m is not None
    problems = check_role_prose(m)
    assert [(p.path, p.code, p.message, p.hint) for p in problems] == [
        (
            ("role",),
            "A023",
            "code fence opened on line 3 of `role` is never closed: it swallows every section after it",
            FENCE_HINT,
        ),
    ]


def test_closed_fence_in_role_prose_accepted() -> None:
    text = manifest("reviewer", "fixer").replace(
        "You review patches.\n", "You review patches.\n\n```\ncode\n```\n"
    )
    m = parse_manifest(parse_toml(text)).manifest
    assert m is not None
    assert check_role_prose(m) == []


def test_a023_through_the_pipeline(catalog: Callable[..., Path]) -> None:
    role_text = manifest("fixer", "reviewer", blocks=blocks_line(*BLOCK_NAMES, "open")).replace(
        "You review patches.\n", "You review patches.\n```\n"
    )
    root = catalog(
        {
            "_blocks/open.md": "# OPEN\n\n```bash\nmake test\n",
            "_manifests/reviewer.toml": manifest(
                "reviewer", "fixer", blocks=blocks_line(*BLOCK_NAMES, "open")
            ),
            "_manifests/fixer.toml": role_text,
        }
    )
    plan = plan_catalog(root, today=TODAY)
    assert sorted((d.code, d.file, d.line, d.message) for d in plan.diagnostics) == [
        (
            "A023",
            "_blocks/open.md",
            3,
            "code fence opened on line 3 of the block is never closed: it swallows every section after it",
        ),
        (
            "A023",
            "_manifests/fixer.toml",
            5,
            "code fence opened on line 2 of `role` is never closed: it swallows every section after it",
        ),
    ]
    assert plan.outputs == []
