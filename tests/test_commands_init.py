"""`assembler init`: help pinned, what it says, JSON output, refusals, and a real process."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assembler.commands import cli

HELP = """\
Usage: assembler init [OPTIONS] [DIRECTORY]

  Start a catalog in DIRECTORY (default: --root, else the current folder): the
  configuration, the obligatory blocks, an example agent and the JSON Schemas
  for editors, built at once. Refused (exit 2) where a catalog or any of those
  files exists already.

Options:
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
    assert run("init", "--help").output == HELP


def test_it_says_what_it_wrote_and_what_to_do_next(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "agents"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "wrote assembler.toml" and "wrote _generated/example.md" in lines
    assert lines[-1] == (
        f"Started a catalog in {tmp_path / 'agents'}. Edit _manifests/example.toml, or write an agent with "
        "`assembler new NAME`; then run `assembler build`."
    )


def test_json_lists_the_files_and_the_folder_defaults_to_root_then_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("--root", str(tmp_path / "a"), "init", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["diagnostics"] == [] and data["written"][-1] == "_generated/example.md"
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0 and (tmp_path / "_manifests/example.toml").is_file()


def test_a_catalog_there_is_a_usage_error(tmp_path: Path) -> None:
    assert run("init", str(tmp_path)).exit_code == 0
    again = run("init", str(tmp_path))
    assert again.exit_code == 2
    assert f"Error: {tmp_path} holds files init would write (_manifests, assembler.toml," in again.output
    assert "(init never replaces a file)" in again.output
    (tmp_path / "file").write_text("x")
    assert run("init", str(tmp_path / "file")).exit_code == 2


def test_a_write_the_system_refuses_exits_4(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(src: str, dst: str) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "link", read_only)
    result = run("init", str(tmp_path))
    assert result.exit_code == 4
    assert "assembler.toml: F002: cannot write assembler.toml: Read-only file system" in result.output
    assert result.output.rstrip().endswith("the catalog was not completed: see above.")


def test_in_a_real_process(tmp_path: Path) -> None:
    script = shutil.which("assembler", path=str(Path(sys.executable).parent))
    assert script is not None
    done = subprocess.run([script, "init", "cat"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    checked = subprocess.run([script, "check"], cwd=tmp_path / "cat", capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
