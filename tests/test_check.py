from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from assembler.check import Drift, as_diagnostics, compare
from assembler.diagnostics import format_github
from assembler.pipeline import plan_catalog
from assembler.write import apply_plan
from tests.conftest import manifest, role_file

ROLE = role_file("editor", "edits files", required=["fs::edit"], allowed=["Read", "Grep"])
STUB = '[capability]\nname = "fs::old"\nalias = "fs::read"\n'


def _built(catalog: Callable[..., Path], extra: dict[str, str] | None = None) -> Path:
    root = catalog(extra)
    plan = plan_catalog(root)
    assert plan.ok, plan.diagnostics
    apply_plan(plan)
    return root


def _drift(root: Path) -> list[tuple[str, Drift]]:
    plan = plan_catalog(root)
    assert plan.ok, plan.diagnostics
    return [(d.rel, d.kind) for d in compare(plan)]


def _tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_clean_tree_has_no_drift(catalog: Callable[..., Path]) -> None:
    assert _drift(_built(catalog)) == []


def test_each_drift_kind(catalog: Callable[..., Path]) -> None:
    fixer_toml = manifest("fixer", "reviewer")
    root = _built(
        catalog,
        {
            "_manifests/ghost.toml": fixer_toml.replace('name = "fixer"', 'name = "ghost"'),
            "_manifests/tester.toml": fixer_toml.replace('name = "fixer"', 'name = "tester"'),
        },
    )
    (root / "_manifests/ghost.toml").unlink()
    (root / "_generated/tester.md").unlink()
    fixer = root / "_generated/fixer.md"
    fixer.write_text(fixer.read_text().replace("No invented facts.", "No invented facts, ever."))
    reviewer = root / "_manifests/reviewer.toml"
    reviewer.write_text(reviewer.read_text().replace("Reviews patches", "Reviews diffs"))
    assert _drift(root) == [
        ("_generated/fixer.md", Drift.HAND_EDITED),
        ("_generated/ghost.md", Drift.ORPHANED),
        ("_generated/reviewer.md", Drift.STALE),
        ("_generated/tester.md", Drift.MISSING),
    ]


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        ("_manifests/fixer.toml", "Reviews patches", "Reviews diffs"),
        ("_blocks/baseline.md", "No invented facts.", "No invented facts or figures."),
        ("_roles/editor.toml", 'description = "edits files"', 'description = "edits files only"'),
        ("_roles/editor.toml", '"fs::edit", "fs::old"]', '"fs::old", "fs::edit"]'),
        ("_roles/editor.toml", '"Grep"]', '"Grep"]\nbash-patterns-allowed = ["^make"]'),
        ("_capabilities/fs/old/capability.toml", 'alias = "fs::read"', 'alias = "fs::edit"'),
        ("_capabilities/fs/edit/text.md", "Edit inside", "Edit only inside"),
        ("assembler.toml", "[taxonomy]", "extra_models = ['gpt-x']\n[taxonomy]"),
        ("_templates/claude_agent.md.j2", "# FORBIDDEN", "# NEVER"),
    ],
)
def test_every_kind_of_source_change_makes_check_fail(
    catalog: Callable[..., Path], rel: str, old: str, new: str
) -> None:
    from assembler.templating import template_source

    extra = {
        "_roles/editor.toml": ROLE.replace('"fs::edit"]', '"fs::edit", "fs::old"]'),
        "_capabilities/fs/old/capability.toml": STUB,
        "_capabilities/fs/edit/text.md": "## fs::edit\n\nEdit inside the workspace.\n",
        "_capabilities/fs/read/text.md": "## fs::read\n\nRead inside the workspace.\n",
        "assembler.toml": 'templates_dir = "_templates"\n[taxonomy]\ndomain = ["billing"]\n',
        "_templates/claude_agent.md.j2": template_source("claude_agent.md.j2"),
    }
    root = catalog(extra)
    fixer = root / "_manifests/fixer.toml"
    fixer.write_text(
        fixer.read_text().replace('model = "sonnet"', 'model = "sonnet"\nsubstrate_role = "editor"')
    )
    plan = plan_catalog(root)
    assert plan.ok, plan.diagnostics
    apply_plan(plan)
    assert _drift(root) == []
    path = root / rel
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new))
    assert ("_generated/fixer.md", Drift.STALE) in _drift(root)


def test_check_writes_nothing(catalog: Callable[..., Path]) -> None:
    root = _built(catalog)
    (root / "_generated/reviewer.md").unlink()
    (root / "_blocks/baseline.md").write_text("# BASELINE\n\nChanged.\n")
    before = _tree(root)
    from click.testing import CliRunner

    from assembler.commands import cli

    result = CliRunner().invoke(cli, ["--root", str(root), "check", "--diff"])
    assert result.exit_code == 3
    assert _tree(root) == before


def test_diff_text_is_pinned(catalog: Callable[..., Path]) -> None:
    root = _built(catalog)
    block = root / "_blocks/baseline.md"
    block.write_text(block.read_text().replace("No invented facts.", "No invented facts or figures."))
    [difference] = [d for d in compare(plan_catalog(root)) if d.rel == "_generated/fixer.md"]
    diff = difference.diff()
    assert diff.startswith("--- a/_generated/fixer.md\n+++ b/_generated/fixer.md\n@@ ")
    assert "\n-No invented facts.\n+No invented facts or figures.\n" in diff
    assert "\n-<!-- Generated by assembler" in diff  # the stamp line changes with the sources


def test_github_annotations_are_pinned(catalog: Callable[..., Path]) -> None:
    root = _built(catalog)
    fixer = root / "_generated/fixer.md"
    fixer.write_text(fixer.read_text().replace("E1 to E5.", "E1 to E6."))
    text = format_github(as_diagnostics(compare(plan_catalog(root))))
    line = fixer.read_text().splitlines().index("E1 to E6.") + 1
    assert text == (
        f"::error file=_generated/fixer.md,line={line},col=1,title=D004::hand-edited: it was changed "
        "after assembler generated it (hint: move the edit into the manifest or a block, then run "
        "`assembler build --force`)"
    )


def test_full_check_renders_everything_and_agrees(catalog: Callable[..., Path]) -> None:
    root = _built(catalog)
    plan = plan_catalog(root, trust=False)
    assert all(o.text is not None for o in plan.outputs)
    assert compare(plan) == []


def test_a_new_tool_version_makes_every_file_stale(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import assembler.job

    root = _built(catalog)
    monkeypatch.setattr(assembler.trust, "__version__", "99.0.0")
    assert _drift(root) == [("_generated/fixer.md", Drift.STALE), ("_generated/reviewer.md", Drift.STALE)]


def test_drift_diagnostics_codes_and_words(catalog: Callable[..., Path]) -> None:
    fixer_toml = manifest("fixer", "reviewer")
    root = _built(catalog, {"_manifests/ghost.toml": fixer_toml.replace('name = "fixer"', 'name = "ghost"')})
    (root / "_manifests/ghost.toml").unlink()
    reviewer = root / "_generated/reviewer.md"
    reviewer.write_text(reviewer.read_text() + "a note\n")
    found = [(d.code, d.file, d.message, d.hint) for d in as_diagnostics(compare(plan_catalog(root)))]
    assert found == [
        (
            "D003",
            "_generated/ghost.md",
            "orphaned: its manifest is gone",
            "run `assembler build --prune` to delete it, or restore its manifest",
        ),
        (
            "D004",
            "_generated/reviewer.md",
            "hand-edited: it was changed after assembler generated it",
            "move the edit into the manifest or a block, then run `assembler build --force`",
        ),
    ]
