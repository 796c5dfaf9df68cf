"""`assembler set`: through click's runner and once in a real process."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assembler.commands import cli
from tests.clihelp import help_text, script
from tests.conftest import manifest

HELP = """\
Usage: assembler set [OPTIONS] KEY=VALUE [NAME]...

  Set KEY to VALUE in the manifests named (in every one without NAME), keeping
  comments, key order and layout: only the changed lines differ. Dotted keys
  reach tables (taxonomy.stability=deprecated). VALUE is read as TOML when it is
  a TOML value (20, true, ["Read", "Grep"], "text"), else as the string it is.
  Nothing is written when any edited manifest would be invalid.

Options:
  --where KEY=VALUE            Only the manifests whose KEY holds VALUE (repeat:
                               all must hold).
  --dry-run                    Print the diff of every manifest it would change;
                               write nothing.
  --root DIRECTORY             Catalog root (default: the nearest folder above
                               holding _manifests/ or assembler.toml).
  --format [text|json|github]  Output format [text].
  --strict                     Fail (exit 1) on warnings too.
  --color / --no-color         Colour the text output (default: on a terminal,
                               unless NO_COLOR is set).
  -h, --help                   Show this message and exit.
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def texts(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "_manifests").iterdir())}


def test_help_is_pinned() -> None:
    assert help_text("set") == HELP


def test_dry_run_prints_the_diff_and_writes_nothing(catalog: Callable[..., Path]) -> None:
    root = catalog({"_manifests/fixer.toml": manifest("fixer", "reviewer", model='model = "opus"')})
    before = texts(root)
    result = run("--root", str(root), "set", "model=sonnet", "--where", "model=opus", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("--- a/_manifests/fixer.toml\n+++ b/_manifests/fixer.toml\n")
    assert '-model = "opus"\n+model = "sonnet"\n' in result.stdout
    assert result.stderr == "1 manifest(s) would change; nothing was written (--dry-run).\n"
    assert texts(root) == before


def test_set_writes_only_the_changed_lines_then_build_and_check_pass(catalog: Callable[..., Path]) -> None:
    root = catalog()
    assert run("--root", str(root), "build").exit_code == 0
    before = texts(root)
    result = run("--root", str(root), "set", "taxonomy.stability=beta", "fixer")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "1 manifest(s) changed. Run `assembler build`.\n"
    after = texts(root)
    assert after["reviewer.toml"] == before["reviewer.toml"]
    assert after["fixer.toml"] == before["fixer.toml"].replace(b'stability = "stable"', b'stability = "beta"')
    assert run("--root", str(root), "check").exit_code == 3  # the agent is stale now
    assert run("--root", str(root), "build").exit_code == 0
    again = run("--root", str(root), "set", "taxonomy.stability=beta", "fixer")
    assert again.stderr == "0 manifest(s) changed, 1 already held it.\n"


def test_an_invalid_result_exits_1_and_writes_nothing(catalog: Callable[..., Path]) -> None:
    root = catalog()
    before = texts(root)
    result = run("--root", str(root), "set", "model=sonet")
    assert result.exit_code == 1
    assert "_manifests/fixer.toml:4:1: A031: unknown model `sonet`" in result.stderr
    assert "_manifests/reviewer.toml:4:1: A031" in result.stderr
    assert result.stderr.endswith("model cannot be set as asked; nothing was written.\n")
    assert texts(root) == before


def test_json_is_one_document_with_the_diffs(catalog: Callable[..., Path]) -> None:
    root = catalog()
    result = run("--root", str(root), "--format", "json", "set", "max_turns=12", "reviewer", "--dry-run")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["diagnostics", "changes", "written", "dry_run"]
    assert data["changes"][0]["file"] == "_manifests/reviewer.toml"
    assert "+max_turns = 12\n" in data["changes"][0]["diff"]
    assert (data["written"], data["dry_run"]) == ([], True)
    written = json.loads(run("--root", str(root), "set", "max_turns=12", "--format", "json").stdout)
    assert written["written"] == ["_manifests/fixer.toml", "_manifests/reviewer.toml"]
    failed = json.loads(run("--root", str(root), "set", "handoff.x=1", "--format", "json").stdout)
    assert [d["code"] for d in failed["diagnostics"]] == ["A150", "A150"] and failed["written"] == []


def test_usage_errors_exit_2(catalog: Callable[..., Path]) -> None:
    root = str(catalog())
    missing = run("--root", root, "set", "model")
    assert missing.exit_code == 2 and "'model' is not KEY=VALUE" in missing.stderr
    assert run("--root", root, "set", "bad key=1").exit_code == 2
    assert run("--root", root, "set", "model=opus", "--where", "x").exit_code == 2
    unknown = run("--root", root, "set", "model=opus", "fixer", "nobody")
    assert unknown.exit_code == 2 and "no manifest named nobody" in unknown.stderr
    assert run("--root", root, "set").exit_code == 2


def test_in_a_real_process(catalog: Callable[..., Path]) -> None:
    root = catalog()
    done = subprocess.run(
        [script(), "set", 'tools=["Read"]', "reviewer", "--root", str(root)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert 'tools = ["Read"]\n' in (root / "_manifests/reviewer.toml").read_text()
    refused = subprocess.run([script(), "--root", str(root), "set", "name=x"], capture_output=True, text=True)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr and "A011" in refused.stderr


def test_a_refused_write_exits_4_and_says_so(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from assembler import atomic

    def refuse(folder: str, owner: int | None = None) -> tuple[int, str]:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic, "_temporary", refuse)
    result = run("--root", str(catalog()), "set", "model=opus", "fixer")
    assert result.exit_code == 4
    assert (
        "_manifests/fixer.toml: F002: cannot write _manifests/fixer.toml: Permission denied" in result.stderr
    )
    assert result.stderr.endswith(
        "0 manifest(s) written, 1 left as they were (see above); every file is whole.\n"
    )
