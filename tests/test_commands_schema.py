"""`assembler schema`: the schema of each kind on standard output, its help pinned, a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from assembler import schemas
from assembler.commands import cli
from tests.conftest import REPO

HELP = """\
Usage: assembler schema [OPTIONS] [manifest|role|config]

  Print the JSON Schema (draft 2020-12) of a manifest, a role file or the
  configuration.

  Editors that use taplo (VS Code's Even Better TOML) check and complete TOML
  files with it: see README, "Editor set-up".

Options:
  -h, --help  Show this message and exit.
"""


def test_help_is_pinned() -> None:
    result = CliRunner().invoke(cli, ["schema", "--help"], prog_name="assembler", terminal_width=80)
    assert result.exit_code == 0
    assert result.output == HELP


def test_each_kind_prints_its_schema_and_the_manifest_is_the_default() -> None:
    for kind in schemas.KINDS:
        result = CliRunner().invoke(cli, ["schema", kind])
        assert result.exit_code == 0
        assert result.stdout == (REPO / "schemas" / f"{kind}.json").read_text(encoding="utf-8")
    assert CliRunner().invoke(cli, ["schema"]).stdout == schemas.dumps(schemas.derive("manifest"))


def test_an_unknown_kind_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["schema", "block"])
    assert result.exit_code == 2
    assert "'block' is not one of 'manifest', 'role', 'config'" in result.output


def test_in_a_real_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assembler", "schema", "config"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"] == "assembler configuration"
