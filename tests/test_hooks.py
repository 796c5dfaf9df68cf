"""The pre-commit hooks, run through the pre-commit framework itself: validated as definitions, and installed
from a git repository into another repository whose catalog lives in a subfolder, where a stale commit must
be refused."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@t",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@t",
    "GIT_CONFIG_GLOBAL": "/dev/null",
}


def _run(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **ENV, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT is not None
    return _run([PRE_COMMIT, *args], cwd, home)


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **ENV}, capture_output=True, text=True, check=True
    )


def test_hook_files_are_valid_for_the_framework(tmp_path: Path) -> None:
    for command, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        result = _pre_commit(command, name, cwd=REPO, home=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr


def test_hooks_run_on_every_commit_without_file_names() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"assembler-check", "assembler-build"}
    for hook_id, command in (("assembler-check", "assembler check"), ("assembler-build", "assembler build")):
        hook = hooks[hook_id]
        assert hook["entry"] == command and hook["language"] == "python"
        assert hook["always_run"] is True and hook["pass_filenames"] is False
        assert "files" not in hook  # a pattern would miss catalogs in subfolders and renamed folders


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding this project as it is now (the files a hook install needs), and its commit."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in ("src", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(source, repo / name)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "assembler", cwd=repo)
    return repo, _git("rev-parse", "HEAD", cwd=repo).stdout.strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hook environment for the module: pre-commit installs assembler into it once, from PyPI."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def user_repo(tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path) -> Iterator[Path]:
    """Another project: its catalog in `agents/`, built and committed, with our hook installed."""
    repo = tmp_path / "project"
    catalog = repo / "agents"
    catalog.mkdir(parents=True)
    for name in ("_manifests", "_blocks", "_roles", "_capabilities", "_generated"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, catalog / name)
    shutil.copy(REPO / "assembler.toml", catalog / "assembler.toml")
    (repo / "README.md").write_text("# A project with agents\n", encoding="utf-8")
    path, rev = hook_repo
    hooks = [{"id": "assembler-check", "args": ["--root", "agents"]}]
    config = {"repos": [{"repo": str(path), "rev": rev, "hooks": hooks}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git("init", "-q", cwd=repo)
    installed = _pre_commit("install", cwd=repo, home=pre_commit_home)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git("add", "-A", cwd=repo)
    first = _run(["git", "commit", "-m", "agents"], repo, pre_commit_home)
    if first.returncode != 0 and "pip" in first.stdout + first.stderr and "error" in first.stderr.lower():
        pytest.skip(f"pre-commit could not install the hook's environment here:\n{first.stderr[-2000:]}")
    assert first.returncode == 0, first.stdout + first.stderr
    said = first.stdout + first.stderr
    assert "assembler check" in said and "Passed" in said
    yield repo


def _commits(repo: Path) -> int:
    return int(_git("rev-list", "--count", "HEAD", cwd=repo).stdout)


@pytest.mark.parametrize(
    ("changed", "edit"),
    [
        ("agents/_blocks/baseline.md", lambda text: text + "\nOne more rule.\n"),
        ("agents/assembler.toml", lambda text: text.replace('project-docs = "docs"', 'project-docs = "doc"')),
        ("README.md", None),  # a commit that touches no catalog file still runs the check, and passes
    ],
)
def test_a_stale_commit_is_refused_from_another_repository(
    user_repo: Path, pre_commit_home: Path, changed: str, edit: object
) -> None:
    target = user_repo / changed
    if callable(edit):
        target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        target.write_text(target.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    _git("add", "-A", cwd=user_repo)
    before = _commits(user_repo)
    result = _run(["git", "commit", "-m", "change"], user_repo, pre_commit_home)
    if edit is None:
        assert result.returncode == 0, result.stdout + result.stderr
        assert _commits(user_repo) == before + 1
        return
    assert result.returncode != 0, result.stdout + result.stderr
    said = result.stdout + result.stderr
    assert "D001" in said and "Run `assembler build` to bring them in line." in said
    assert _commits(user_repo) == before


def test_the_build_hook_regenerates_what_drifted(
    user_repo: Path, pre_commit_home: Path, hook_repo: tuple[Path, str]
) -> None:
    path, rev = hook_repo
    config = {
        "repos": [
            {
                "repo": str(path),
                "rev": rev,
                "hooks": [{"id": "assembler-build", "args": ["--root", "agents"]}],
            }
        ]
    }
    (user_repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    block = user_repo / "agents/_blocks/baseline.md"
    block.write_text(block.read_text(encoding="utf-8") + "\nOne more rule.\n", encoding="utf-8")
    _git("add", "-A", cwd=user_repo)
    result = _pre_commit("run", cwd=user_repo, home=pre_commit_home)
    assert result.returncode != 0  # the hook changed files: pre-commit stops the commit so they can be added
    assert "files were modified by this hook" in result.stdout + result.stderr
    checked = subprocess.run(
        [sys.executable, "-m", "assembler", "check", "--root", str(user_repo / "agents")], capture_output=True
    )
    assert checked.returncode == 0, checked.stderr
