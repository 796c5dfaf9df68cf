"""Shell completion: agent names (and codes, kinds, formats) completed by click's machinery, in-process and in
real shells."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete

from assembler.commands import cli
from tests.clihelp import script


def completions(args: list[str], incomplete: str) -> list[str]:
    complete = ShellComplete(cli, {}, "assembler", "_ASSEMBLER_COMPLETE")
    return [item.value for item in complete.get_completions(args, incomplete)]


@pytest.fixture
def trio(catalog: Callable[..., Path]) -> Path:
    from tests.conftest import manifest

    return catalog({"_manifests/finder.toml": manifest("finder", "fixer")})


def test_agent_names_for_build_check_and_set(trio: Path) -> None:
    root = str(trio)
    assert completions(["--root", root, "build"], "fi") == ["finder", "fixer"]
    assert completions(["check", "--root", root], "") == ["finder", "fixer", "reviewer"]
    assert completions(["--root", root, "set", "model=opus", "fixer"], "") == ["finder", "reviewer"]
    assert completions(["--root", root, "build", "fixer", "finder"], "") == ["reviewer"]
    assert completions(["--root", root, "new", "helper", "--from"], "f") == ["finder", "fixer"]


def test_the_catalog_above_the_working_directory(trio: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(trio / "_blocks")
    assert completions(["build"], "r") == ["reviewer"]
    monkeypatch.chdir(trio.parent)
    assert completions(["build"], "") == []  # no catalog here: nothing, and no error


def test_a_catalog_that_cannot_be_read_completes_nothing(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": "manifests_dir = [\n"})
    assert completions(["--root", str(root), "build"], "") == []


def test_codes_kinds_and_formats() -> None:
    assert completions(["explain"], "d00")[:2] == ["D001", "D002"]
    assert completions(["list"], "") == ["agents", "blocks", "roles"]
    assert completions(["graph", "--format"], "") == ["mermaid", "dot", "json"]


def env_for(words: str, cword: int, shell: str) -> dict[str, str]:
    return {
        **os.environ,
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        "_ASSEMBLER_COMPLETE": f"{shell}_complete",
    }


def test_the_console_script_answers_the_shell(trio: Path) -> None:
    done = subprocess.run(
        [script()], env=env_for(f"assembler --root {trio} check f", 4, "bash"), capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "plain,finder\nplain,fixer\n", "")


def test_bash_completes_agent_names_with_the_documented_set_up(trio: Path, tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    source = subprocess.run(
        [script()], env={**os.environ, "_ASSEMBLER_COMPLETE": "bash_source"}, capture_output=True, text=True
    )
    (tmp_path / "assembler-complete.bash").write_text(source.stdout)
    session = (
        f"source {tmp_path / 'assembler-complete.bash'}\n"
        f"COMP_WORDS=(assembler --root {trio} build fi)\n"
        "COMP_CWORD=4\n"
        "_assembler_completion assembler\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    path = f"{Path(script()).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    done = subprocess.run(
        [bash, "--norc", "-c", session], env={**os.environ, "PATH": path}, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, "finder\nfixer\n"), done.stderr


def test_zsh_loads_the_script_and_the_program_answers_it(trio: Path) -> None:
    zsh = shutil.which("zsh")
    if zsh is None:
        pytest.skip("zsh is not installed here (Debian package zsh)")
    path = f"{Path(script()).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    session = (
        'autoload -U compinit; compinit -u; eval "$(_ASSEMBLER_COMPLETE=zsh_source assembler)"; '
        "print $_comps[assembler]"
    )
    loaded = subprocess.run(
        [zsh, "-f", "-c", session], env={**os.environ, "PATH": path}, capture_output=True, text=True
    )
    assert (loaded.returncode, loaded.stdout) == (0, "_assembler_completion\n"), loaded.stderr
    done = subprocess.run(
        [script()], env=env_for(f"assembler --root {trio} build fi", 4, "zsh"), capture_output=True, text=True
    )
    assert done.stdout.split("\n")[:6] == ["plain", "finder", "_", "plain", "fixer", "_"]


def test_fish_completes_agent_names(trio: Path, tmp_path: Path) -> None:
    fish = shutil.which("fish")
    if fish is None:
        pytest.skip("fish is not installed here (Debian package fish)")
    path = f"{Path(script()).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    session = (
        f"_ASSEMBLER_COMPLETE=fish_source assembler | source; complete -C 'assembler --root {trio} build fi'"
    )
    done = subprocess.run([fish, "--no-config", "-c", session], env=env, capture_output=True, text=True)
    assert done.stdout.split() == ["finder", "fixer"], done.stderr
