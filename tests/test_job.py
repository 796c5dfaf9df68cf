"""job: one manifest from its file to its outputs; template failures and tool kinds reported, not raised."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assembler.pipeline import plan_catalog
from assembler.templating import template_source
from tests.conftest import manifest


def _diagnostics(root: Path) -> list[tuple[str, str, int | None, str]]:
    plan = plan_catalog(root)
    return [(d.code, d.file, d.line, d.message) for d in plan.diagnostics]


def test_a091_template_syntax_error(catalog: Callable[..., Path]) -> None:
    root = catalog(
        {
            "assembler.toml": 'templates_dir = "tpl"\n',
            "tpl/claude_agent.md.j2": "---\n{{ frontmatter }}---\n{% if %}\n",
        }
    )
    assert _diagnostics(root) == [
        (
            "A091",
            "tpl/claude_agent.md.j2",
            3,
            "template claude_agent.md.j2 failed: Expected an expression, got 'end of statement block'",
        )
    ]
    assert plan_catalog(root).outputs == []


def test_a091_undefined_variable_names_its_line(catalog: Callable[..., Path]) -> None:
    source = template_source("claude_agent.md.j2").replace("# FORBIDDEN", "# FORBIDDEN {{ no_such_thing }}")
    root = catalog({"assembler.toml": 'templates_dir = "tpl"\n', "tpl/claude_agent.md.j2": source})
    line = source.splitlines().index("# FORBIDDEN {{ no_such_thing }}") + 1
    assert _diagnostics(root) == [
        (
            "A091",
            "tpl/claude_agent.md.j2",
            line,
            "template claude_agent.md.j2 failed: 'no_such_thing' is undefined",
        ),
    ]


def test_a101_unknown_tool_module_kind(catalog: Callable[..., Path]) -> None:
    text = manifest("fixer", "reviewer") + '\n[tool_module]\nkind = "slurm"\nname = "slurm_runner"\n'
    root = catalog({"_manifests/fixer.toml": text})
    line = text.splitlines().index('kind = "slurm"') + 1
    assert _diagnostics(root) == [
        ("A101", "_manifests/fixer.toml", line, "unknown tool module kind `slurm`"),
    ]


def test_an_unreadable_manifest_is_a005(catalog: Callable[..., Path]) -> None:
    root = catalog()
    (root / "_manifests/fixer.toml").write_bytes(b'name = "\xff\xfe"\n')
    message = "_manifests/fixer.toml cannot be read: byte 8 is not UTF-8"
    assert ("A005", "_manifests/fixer.toml", None, message) in _diagnostics(root)
