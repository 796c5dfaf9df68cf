"""Run taplo, the TOML engine behind editors' TOML support (Even Better TOML), the way an editor does:
over TOML files, with a JSON Schema given on the command line or found through a `.taplo.toml`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

TAPLO = Path(sys.executable).with_name("taplo")  # from the dev extra, beside the interpreter


def taplo_check(
    files: Sequence[Path | str], *, cwd: Path, schema: Path | None = None
) -> tuple[int, list[str]]:
    """taplo's exit status and the distinct error messages it printed. With `schema`, that schema is used
    and no `.taplo.toml` is read; without, taplo finds its configuration as an editor would."""
    if not TAPLO.is_file():
        pytest.skip("taplo is not installed: it comes with the dev extra (make test sets it up)")
    args = [str(TAPLO), "check", "--colors", "never"]
    if schema is not None:
        args += ["--no-auto-config", "--schema", schema.resolve().as_uri()]
    done = subprocess.run(
        [*args, *map(str, files)], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    errors = {line.removeprefix("error: ") for line in done.stderr.splitlines() if line.startswith("error: ")}
    return done.returncode, sorted(errors)


def write_schema(folder: Path, name: str, schema: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    return path
