"""`assembler explain`: through click's runner and once in a real process."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner, Result

from assembler.codes.registry import registry
from assembler.commands import cli
from assembler.explain import explain_text
from tests.clihelp import help_text, script

HELP = """\
Usage: assembler explain [OPTIONS] CODE

  Show the documentation of a diagnostic CODE (such as A002): what it means and
  what to do.

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
    assert help_text("explain") == HELP


def test_prints_the_page_on_stdout() -> None:
    result = run("explain", "a013")
    assert (result.exit_code, result.stdout, result.stderr) == (0, explain_text(registry()["A013"]), "")


def test_json_is_one_document() -> None:
    result = run("--format", "json", "explain", "D002")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["diagnostics"] == [] and data["explained"]["code"] == "D002"
    assert data["explained"]["doc"] == registry()["D002"].doc


def test_an_unknown_code_is_a_usage_error_with_the_closest() -> None:
    result = run("explain", "A2")
    assert result.exit_code == 2
    assert "Error: no diagnostic code 'A2'; did you mean `A002`?" in result.stderr
    nothing = run("explain", "hello")
    assert nothing.exit_code == 2
    assert "a code is a letter and 3 digits, such as A002" in nothing.stderr


def test_a_format_it_cannot_print_is_a_usage_error() -> None:
    result = run("--format", "github", "explain", "A002")
    assert result.exit_code == 2
    assert "this command prints text or json, not --format github" in result.stderr
    assert run("explain", "A002", "--format", "dot").exit_code == 2


def test_in_a_real_process_outside_any_catalog(tmp_path: Path) -> None:
    done = subprocess.run([script(), "explain", "F003"], capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, explain_text(registry()["F003"]))
    unknown = subprocess.run([script(), "explain", "X1"], capture_output=True, text=True, cwd=tmp_path)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
