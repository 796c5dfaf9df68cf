"""Commands run in-process: the stop guard's record, the ledger a launch refuses on, safe paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assembler.toolkinds.modal_runtime import commands
from assembler.toolkinds.modal_runtime.cli import main


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODAL_RUNNER_LEDGER", str(tmp_path / "ledger.json"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    monkeypatch.delenv("MODAL_RUNNER_SESSION", raising=False)


def test_a_confirmed_stop_without_a_modal_cli_is_recorded_as_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stop", "ap-1", "--confirm", "  yes, stop it  "]) == 1
    assert "modal CLI is not on PATH" in capsys.readouterr().err
    [stop] = json.loads((tmp_path / "ledger.json").read_text())["stops"]
    assert (stop["confirmed"], stop["status"]) == (True, "failed")


def test_a_corrupt_ledger_stops_every_command_that_needs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ledger.json").write_text('{"version": 2, "launches": [{"usd": NaN}], "stops": []}')
    assert main(["spend"]) == 1
    assert main(["estimate", "--gpu", "A10G", "--gpus", "1", "--hours", "1"]) == 1
    assert "is corrupt" in capsys.readouterr().err
    assert main(["estimate", "--gpu", "A10G", "--gpus", "1", "--hours", "1", "--spent-today", "0"]) == 0


def test_paths_that_look_like_options_are_made_relative() -> None:
    assert commands._safe_path("-x.py") == "./-x.py"
    assert commands._safe_path("t.py") == "t.py"
