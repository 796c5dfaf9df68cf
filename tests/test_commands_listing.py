"""`assembler list`: through click's runner and once in a real process."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from assembler.commands import cli
from tests.clihelp import help_text, script

HELP = """\
Usage: assembler list [OPTIONS] [agents|blocks|roles]

  List the catalog's agents, blocks or roles (all three when none is named),
  with the agents that use each block and role. Validates nothing: `assembler
  validate` does.

Options:
  --root DIRECTORY      Catalog root (default: the nearest folder above holding
                        _manifests/ or assembler.toml).
  --format [text|json]  Output format [text].
  --strict              Fail (exit 1) on warnings too.
  --color / --no-color  Colour the text output (default: on a terminal, unless
                        NO_COLOR is set).
  -h, --help            Show this message and exit.
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_help_is_pinned() -> None:
    assert help_text("list") == HELP


def test_lists_each_kind(catalog: Callable[..., Path]) -> None:
    root = str(catalog())
    agents = run("list", "agents", "--root", root)
    assert agents.exit_code == 0 and agents.stderr == ""
    assert [line.split()[0] for line in agents.stdout.splitlines()] == ["fixer", "reviewer"]
    blocks = run("--root", root, "list", "blocks")
    assert "baseline          obligatory  used by 2: fixer, reviewer\n" in blocks.stdout
    assert run("--root", root, "list", "roles").stdout == ""
    everything = run("--root", root, "list")
    assert everything.stdout.startswith("agents (2):\n") and "\nroles (0):\n" in everything.stdout


def test_json_is_one_document(catalog: Callable[..., Path]) -> None:
    result = run("--root", str(catalog()), "list", "blocks", "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and list(data) == ["diagnostics", "blocks"]
    assert data["blocks"][0]["agents"] == ["fixer", "reviewer"]


def test_a_manifest_that_does_not_parse_is_reported_and_the_rest_listed(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": "name = \n"})
    result = run("--root", str(root), "list", "agents")
    assert result.exit_code == 1
    assert result.stdout.split()[0] == "reviewer"
    assert "_manifests/fixer.toml:1:8: A001: TOML syntax error" in result.stderr
    data = json.loads(run("--root", str(root), "list", "--format", "json").stdout)
    assert [d["code"] for d in data["diagnostics"]] == ["A001"] and len(data["agents"]) == 1


def test_usage_errors(catalog: Callable[..., Path], tmp_path: Path) -> None:
    root = str(catalog())
    assert run("--root", root, "list", "things").exit_code == 2
    assert run("--root", root, "--format", "github", "list").exit_code == 2
    assert run("--root", str(tmp_path / "none"), "list").exit_code == 2


def test_in_a_real_process(catalog: Callable[..., Path]) -> None:
    root = catalog()
    done = subprocess.run([script(), "list", "agents"], capture_output=True, text=True, cwd=root / "_blocks")
    assert done.returncode == 0, done.stderr
    assert [line.split()[0] for line in done.stdout.splitlines()] == ["fixer", "reviewer"]
