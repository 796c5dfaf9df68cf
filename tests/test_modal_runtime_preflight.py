"""Preflight pieces that need no Modal: reading the script, the app name, the torch pin, files."""

from __future__ import annotations

import ast
from pathlib import Path

from assembler.toolkinds.modal_runtime.estimate import estimate
from assembler.toolkinds.modal_runtime.preflight import (
    Plan,
    Reading,
    app_name,
    check_entrypoint,
    check_files,
    check_gpu,
    torch_pin,
)
from assembler.toolkinds.modal_runtime.script import Script


def test_app_name_and_torch_pin_come_from_the_script() -> None:
    script = Script(ast.parse("import modal\nNAME = 'tr' + 'ain'\napp = modal.App(NAME)\n"))
    assert app_name(script) == "train"
    assert app_name(Script(ast.parse("import modal\napp = modal.App()\n"))) is None
    assert torch_pin('image.pip_install("torch==2.4.1", "numpy")') == "2.4.1"
    assert torch_pin("nothing pinned") is None


def test_files_entrypoint_and_gpu_checks(tmp_path: Path) -> None:
    script = tmp_path / "t.py"
    script.write_text("import modal\napp = modal.App()\n@app.local_entrypoint()\ndef main(cfg: str): pass\n")
    plan = Plan(script, tmp_path / "missing.yaml", "main", estimate("B200", 1, 1.0))
    reading = Reading(script)
    files = check_files(plan, reading)
    assert files.status == "failed" and any("sha256" in d for d in files.details)
    assert check_entrypoint(plan, reading).status == "failed"
    assert check_gpu(plan, reading).details == (
        "torch version unknown: pin torch in the image or pass --torch",
    )
    old = Plan(script, script, "main", estimate("B200", 1, 1.0), torch="2.6")
    assert check_gpu(old, reading).status == "failed"
    broken = tmp_path / "b.py"
    broken.write_text("def (:\n")
    assert Reading(broken).problem == f"{broken}:1: syntax error: invalid syntax"
