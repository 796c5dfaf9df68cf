"""`assembler graph`: through click's runner and once in a real process."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from assembler.commands import cli
from tests.clihelp import help_text, script

HELP = """\
Usage: assembler graph [OPTIONS]

  Print who hands off to whom: a Mermaid flowchart (paste it into Markdown), a
  Graphviz digraph (`dot -Tsvg`) or JSON. Agents outside the catalog are marked,
  and so are handoff targets that have no manifest.

Options:
  --lineage                    Add the lineage links (parents, fork_from,
                               successor).
  --root DIRECTORY             Catalog root (default: the nearest folder above
                               holding _manifests/ or assembler.toml).
  --format [mermaid|dot|json]  Output format [mermaid].
  --strict                     Fail (exit 1) on warnings too.
  --color / --no-color         Colour the text output (default: on a terminal,
                               unless NO_COLOR is set).
  -h, --help                   Show this message and exit.
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_help_is_pinned() -> None:
    assert help_text("graph") == HELP


def test_mermaid_by_default_and_dot(catalog: Callable[..., Path]) -> None:
    root = str(catalog())
    mermaid = run("--root", root, "graph")
    assert mermaid.exit_code == 0 and mermaid.stderr == ""
    assert (
        mermaid.stdout == 'flowchart LR\n    n1["fixer"]\n    n2["reviewer"]\n    n1 --> n2\n    n2 --> n1\n'
    )
    assert run("--root", root, "--format", "text", "graph").stdout == mermaid.stdout
    dot = run("graph", "--root", root, "--format", "dot")
    assert dot.exit_code == 0 and dot.stdout.startswith("digraph handoffs {\n")


def test_lineage_adds_dotted_links(catalog: Callable[..., Path]) -> None:
    result = run("--root", str(catalog()), "graph", "--lineage")
    assert '    n1[["baseline (block)"]]\n' in result.stdout
    assert "    n2 -.->|parent| n1\n" in result.stdout


def test_json_is_one_document(catalog: Callable[..., Path]) -> None:
    result = run("--root", str(catalog()), "graph", "--format", "json")
    data = json.loads(result.stdout)
    assert list(data) == ["diagnostics", "nodes", "edges"]
    assert data["edges"][0]["trigger"] == "the patch needs changes"
    assert json.loads(run("--root", str(catalog()), "--format", "json", "graph").stdout) == data


def test_a_broken_manifest_is_reported_and_the_rest_drawn(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": "name = [\n"})
    result = run("--root", str(root), "graph")
    assert result.exit_code == 1
    assert "_manifests/fixer.toml:1" in result.stderr and "A001" in result.stderr
    assert '["fixer (no manifest)"]' in result.stdout  # still the target of the other's handoff


def test_usage_errors(catalog: Callable[..., Path]) -> None:
    root = str(catalog())
    assert run("--root", root, "--format", "github", "graph").exit_code == 2
    assert run("--root", root, "graph", "--format", "svg").exit_code == 2


def test_in_a_real_process(catalog: Callable[..., Path]) -> None:
    done = subprocess.run(
        [script(), "--root", str(catalog()), "graph", "--format", "dot"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "    n1 -> n2;\n    n2 -> n1;\n}\n" in done.stdout
