"""The pre-commit hook definition, run through the pre-commit framework itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent))


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    return subprocess.run([PRE_COMMIT, *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_hook_files_are_valid_for_the_framework(tmp_path: Path) -> None:
    for command, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        result = _pre_commit(command, name, cwd=REPO, home=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr


def test_published_hook_runs_check_and_fails_on_drift(repo_copy: Path, tmp_path: Path) -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "assembler-check" and hook["pass_filenames"] is False
    assert hook["entry"] == "assembler check"
    local = {**hook, "language": "system", "entry": f"{sys.executable} -m assembler check"}
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo_copy / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    subprocess.run(["git", "init", "-q"], cwd=repo_copy, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo_copy, check=True)
    clean = _pre_commit("run", "--all-files", cwd=repo_copy, home=tmp_path / "home")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    block = repo_copy / "_blocks/baseline.md"
    block.write_text(block.read_text() + "\nOne more rule.\n")
    subprocess.run(["git", "add", "-A"], cwd=repo_copy, check=True)
    drifted = _pre_commit("run", "--all-files", cwd=repo_copy, home=tmp_path / "home")
    assert drifted.returncode == 1
    assert "D001" in drifted.stdout and "Run `assembler build`" in drifted.stdout


@pytest.mark.parametrize(
    "path",
    [
        "_manifests/a.toml",
        "_blocks/b.md",
        "_roles/r.toml",
        "_capabilities/c/d/text.md",
        "_generated/a.md",
        "assembler.toml",
    ],
)
def test_hook_file_pattern_covers_the_catalog(path: str) -> None:
    import re

    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert re.search(hook["files"], path)
    assert not re.search(hook["files"], "src/assembler/cli.py")
