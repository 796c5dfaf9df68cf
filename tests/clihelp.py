"""Helpers for the tests of the commands: help as a user sees it, and the installed console script."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from click.testing import CliRunner

from assembler.commands import cli


def help_text(*command: str) -> str:
    """`assembler COMMAND --help`, as printed on an 80-column terminal."""
    result = CliRunner().invoke(cli, [*command, "--help"], prog_name="assembler", terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.output


def script() -> str:
    """The `assembler` console script installed beside this Python."""
    found = shutil.which("assembler", path=str(Path(sys.executable).parent))
    assert found is not None, "assembler is not installed in this environment"
    return found
