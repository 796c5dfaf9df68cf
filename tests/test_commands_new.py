"""`assembler new`: help pinned, what it says, JSON output, exit statuses, and a real process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from assembler.commands import cli

HELP = """\
Usage: assembler new [OPTIONS] NAME

  Write _manifests/NAME.toml for a new agent: a template whose comments explain
  every key and whose texts say what to replace, or a copy of AGENT. It
  validates and builds as it stands; an existing manifest is never replaced
  (exit 2).

Options:
  --from AGENT                 Copy AGENT's manifest (comments and layout kept)
                               instead of writing the template.
  --root DIRECTORY             Catalog root (default: the nearest folder above
                               holding _manifests/ or assembler.toml).
  --format [text|json|github]  Output format [text].
  --strict                     Fail (exit 1) on warnings too.
  --color / --no-color         Colour the text output (default: on a terminal,
                               unless NO_COLOR is set).
  -h, --help                   Show this message and exit.
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="assembler", terminal_width=80)


def test_help_is_pinned() -> None:
    assert run("new", "--help").output == HELP


def test_template_and_copy_say_what_to_do_next(catalog: Callable[..., Path]) -> None:
    root = str(catalog())
    made = run("--root", root, "new", "third")
    assert (made.exit_code, made.output) == (
        0,
        "wrote _manifests/third.toml: replace its texts with your own, then run `assembler build`.\n",
    )
    copied = run("new", "fourth", "--from", "third", "--root", root)
    assert (
        copied.output
        == "wrote _manifests/fourth.toml, a copy of third: edit it, then run `assembler build`.\n"
    )
    assert run("--root", root, "build").exit_code == 0


def test_json_lists_what_was_written(catalog: Callable[..., Path]) -> None:
    result = run("--root", str(catalog()), "new", "third", "--format", "json")
    assert json.loads(result.output) == {"diagnostics": [], "written": ["_manifests/third.toml"]}


def test_an_invalid_result_exits_1_and_writes_nothing(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": 'name = "fixer"\ndescription = "d"\nmodel = "gpt-9"\n'})
    result = run("--root", str(root), "new", "third", "--from", "fixer")
    assert result.exit_code == 1
    assert "_manifests/third.toml:4:1: A031: unknown model `gpt-9`" in result.output
    assert result.output.rstrip().endswith("_manifests/third.toml would not be valid: nothing was written.")
    data = json.loads(run("--root", str(root), "new", "third", "--from", "fixer", "--format", "json").output)
    assert data["written"] == [] and "A031" in {d["code"] for d in data["diagnostics"]}
    assert not (root / "_manifests/third.toml").exists()


def test_an_invalid_configuration_exits_1(catalog: Callable[..., Path]) -> None:
    result = run("--root", str(catalog({"assembler.toml": "min_handoffs = -1\n"})), "new", "third")
    assert result.exit_code == 1
    assert result.output.startswith(
        "assembler.toml:1:1: A090: `min_handoffs` must be a whole number, 0 or more"
    )
    assert result.output.endswith("\nnothing was written.\n")


def test_usage_errors_exit_2(catalog: Callable[..., Path], tmp_path: Path) -> None:
    root = str(catalog())
    taken = run("--root", root, "new", "fixer")
    assert taken.exit_code == 2
    assert "Error: _manifests/fixer.toml exists already: choose another name" in taken.output
    assert run("--root", root, "new", "Third").exit_code == 2
    assert run("--root", root, "new", "third", "--from", "nobody").exit_code == 2
    assert run("--root", root, "new").exit_code == 2
    assert run("--root", str(tmp_path / "nowhere"), "new", "third").exit_code == 2


def test_in_a_real_process(catalog: Callable[..., Path]) -> None:
    root = catalog()
    script = shutil.which("assembler", path=str(Path(sys.executable).parent))
    assert script is not None
    done = subprocess.run([script, "new", "third"], cwd=root / "_blocks", capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (root / "_manifests/third.toml").is_file()
    again = subprocess.run([script, "new", "third"], cwd=root, capture_output=True, text=True)
    assert again.returncode == 2 and "Traceback" not in again.stderr
