"""The command line of the runtime: bounded arguments, one-line errors, tool definitions, fuzzing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assembler.toolkinds.modal_runtime import cli
from assembler.toolkinds.modal_runtime.data import EXIT_STATUS
from assembler.toolkinds.modal_runtime.money import ToolError

EXITS = {code for code, _, _ in EXIT_STATUS}


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes to the home folder or finds a modal CLI."""
    monkeypatch.setenv("MODAL_RUNNER_LEDGER", str(tmp_path / "ledger.json"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    monkeypatch.delenv("MODAL_RUNNER_SESSION", raising=False)


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in cli.COMMANDS:
        assert cli.main([command.name, "--help"]) == 0
        assert "exit status:" in capsys.readouterr().out


def test_the_exit_codes_are_distinct_and_listed() -> None:
    assert sorted(EXITS) == list(range(7))


def test_estimate_exit_status_tells_the_tier(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["estimate", "--gpu", "a10g", "--gpus", "1", "--hours", "1"]) == 0
    assert cli.main(["estimate", "--gpu", "H100", "--gpus", "1", "--hours", "2"]) == 3
    assert cli.main(["estimate", "--gpu", "H100", "--gpus", "2", "--hours", "3"]) == 4
    assert "Estimate: $27.00 (= 2 × 3 h × $4.50/hr/gpu)" in capsys.readouterr().out


def test_gpus_checklist_compat_and_spend(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["gpus"]) == 0
    out = capsys.readouterr().out
    assert "A100-80GB  $2.50     8    1.8        never" in out and "A10G       $1.10     4" in out
    assert cli.main(["checklist"]) == 0
    assert "4. entrypoint:" in capsys.readouterr().out
    assert cli.main(["compat", "--gpu", "B200", "--torch", "2.6"]) == 5
    assert cli.main(["spend"]) == 0
    assert "$0.00 of the $20.00 daily cap; headroom $20.00" in capsys.readouterr().out


def test_lint_command_reports_findings_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "t.py"
    script.write_text("import modal\napp = modal.App()\n@app.function(retries=4)\ndef f():\n    pass\n")
    assert cli.main(["lint", str(script)]) == 5
    out = capsys.readouterr().out
    assert f"{script}:3: retries:" in out and "    fix: use at most" in out
    assert cli.main(["lint", str(tmp_path / "missing.py")]) == 1


def test_tools_are_json_schema_definitions_and_calls_become_command_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["tools", "--json"]) == 0
    tools = {t["name"]: t for t in json.loads(capsys.readouterr().out)}
    assert "modal_runner_tools" not in tools
    schema = tools["modal_runner_estimate"]["input_schema"]
    assert schema["required"] == ["gpu", "gpus", "hours"] and schema["additionalProperties"] is False
    argv = cli.tool_argv("modal_runner_stop", {"app_id": "-x", "confirm": "words"})
    assert argv == ["stop", "--", "-x", "--confirm=words"]
    with pytest.raises(ToolError):
        cli.tool_argv("modal_runner_estimate", {"price": 1})


OPTIONS = st.sampled_from(
    [
        "--gpu",
        "--gpus",
        "--hours",
        "--spent-today",
        "--script",
        "--config",
        "--torch",
        "--ledger",
        "--confirm",
        "--wait",
        "--entrypoint",
        "--json",
        "--approve-cost",
        "--session",
        "-h",
    ]
)
VALUES = st.sampled_from(
    [
        "A10G",
        "h100:8",
        "any",
        "1",
        "0",
        "-1",
        "8",
        "1e308",
        "1.7e308",
        "nan",
        "inf",
        "-0",
        "2.4.1",
        "x",
        "",
        "ap-" + "A" * 22,
        "yes, stop it",
        "../../etc/passwd",
        "\x00",
        "9" * 400,
    ]
) | st.text(max_size=12)
COMMANDS = st.sampled_from([c.name for c in cli.COMMANDS] + ["bogus"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(COMMANDS, st.lists(OPTIONS | VALUES, max_size=10))
def test_any_command_line_ends_in_a_documented_exit_status(command: str, rest: list[str]) -> None:
    code = cli.main([command, *rest])
    assert code in EXITS
