"""Hostile trees and failing disks, through the command line: every fault is a located diagnostic with its
own exit status (4), never a hang or a traceback, and nothing is half-written. Real faults where this
machine allows them (FIFOs, chattr +i, a small tmpfs, kill -9), the system call failed on purpose where it
does not."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assembler import exits
from assembler.commands import cli
from assembler.stamp import stamp_of
from tests.conftest import manifest

TIMEOUT = 60  # a hang fails the test instead of the run


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--root", str(root), "--format", "json"])


def codes(result: Result) -> list[tuple[str, str]]:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return [(d["code"], d["file"]) for d in json.loads(result.output)["diagnostics"]]


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# things that are not regular files


@pytest.mark.parametrize("command", ["validate", "check", "build"])
def test_a_fifo_among_the_manifests(catalog: Callable[..., Path], command: str) -> None:
    root = catalog()
    os.mkfifo(root / "_manifests" / "pipe.toml")
    result = run(root, command)
    assert result.exit_code == exits.FAULT
    assert ("F003", "_manifests/pipe.toml") in codes(result)
    assert not (root / "_generated").exists()


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_fifo_at_an_output_path(catalog: Callable[..., Path], command: str) -> None:
    root = catalog()
    (root / "_generated").mkdir()
    os.mkfifo(root / "_generated" / "fixer.md")
    result = run(root, command)
    assert result.exit_code == exits.FAULT
    assert ("F003", "_generated/fixer.md") in codes(result)
    assert (root / "_generated" / "fixer.md").is_fifo()
    assert not (root / "_generated" / "reviewer.md").exists()  # nothing written: the plan had an error


def test_a_fifo_among_the_blocks_and_templates(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": 'templates_dir = "templates"\n', "templates/.keep": ""})
    (root / "_blocks" / "baseline.md").unlink()
    os.mkfifo(root / "_blocks" / "baseline.md")
    os.mkfifo(root / "templates" / "claude_agent.md.j2")
    result = run(root, "build")
    assert result.exit_code == exits.FAULT
    assert ("F003", "_blocks/baseline.md") in codes(result)


# the root is a boundary


@pytest.mark.parametrize("name", ["_blocks", "_manifests", "_roles", "_capabilities"])
def test_a_source_folder_linked_from_outside_is_not_read(catalog: Callable[..., Path], name: str) -> None:
    root = catalog()
    outside = root.parent / f"outside{name}"
    if (root / name).exists():
        (root / name).rename(outside)
    else:
        outside.mkdir()
    (root / name).symlink_to(outside)
    result = run(root, "build")
    assert result.exit_code == exits.INPUT
    assert ("A013", name) in codes(result)
    assert not (root / "_generated").exists()


def test_a_generated_folder_linked_outside_is_not_written_through(catalog: Callable[..., Path]) -> None:
    root = catalog()
    outside = root.parent / "elsewhere"
    outside.mkdir()
    (root / "_generated").symlink_to(outside)
    result = run(root, "build")
    assert result.exit_code == exits.INPUT
    assert ("A013", "_generated") in codes(result)
    assert list(outside.iterdir()) == []


def test_an_outside_folder_named_by_the_configuration_is_written(catalog: Callable[..., Path]) -> None:
    root = catalog({"assembler.toml": 'generated_dir = "../shared-agents"\n'})
    result = run(root, "build")
    assert result.exit_code == exits.OK, result.output
    assert sorted(p.name for p in (root.parent / "shared-agents").iterdir()) == ["fixer.md", "reviewer.md"]
    assert run(root, "check").exit_code == exits.OK


def test_a_configuration_linked_from_outside_is_not_read(catalog: Callable[..., Path]) -> None:
    root = catalog()
    outside = root.parent / "outside.toml"
    outside.write_text('generated_dir = "../leak"\n', encoding="utf-8")
    (root / "assembler.toml").symlink_to(outside)
    result = run(root, "build")
    assert result.exit_code == exits.INPUT
    assert ("A013", "assembler.toml") in codes(result)


# text that is not UTF-8


@pytest.mark.parametrize("name", ["assembler.toml", "pyproject.toml"])
def test_a_configuration_that_is_not_utf8(catalog: Callable[..., Path], name: str) -> None:
    root = catalog()
    (root / name).write_bytes(b'[tool.assembler]\nblocks_dir = "\xe9"\n')
    result = run(root, "validate")
    assert result.exit_code == exits.INPUT
    assert codes(result) == [("A005", name)]


# writes the file system refuses


@pytest.fixture
def undo_chattr() -> Iterator[list[Path]]:
    marked: list[Path] = []
    yield marked
    for path in marked:
        subprocess.run(["chattr", "-i", str(path)], check=False, capture_output=True)


def _read_only(path: Path, marked: list[Path]) -> None:
    """Make `path` unwritable: chattr +i for root (who ignores modes), chmod for anyone else."""
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)
        return
    done = subprocess.run(["chattr", "+i", str(path)], check=False, capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not possible here: {done.stderr.decode().strip()}")
    marked.append(path)


def test_a_read_only_generated_folder(catalog: Callable[..., Path], undo_chattr: list[Path]) -> None:
    root = catalog()
    (root / "_generated").mkdir()
    _read_only(root / "_generated", undo_chattr)
    result = run(root, "build")
    assert result.exit_code == exits.FAULT
    found = codes(result)
    assert ("F002", "_generated/fixer.md") in found and ("F002", "_generated/reviewer.md") in found
    assert json.loads(result.output)["written"] == []


def test_one_immutable_output_file(catalog: Callable[..., Path], undo_chattr: list[Path]) -> None:
    root = catalog()
    assert run(root, "build").exit_code == exits.OK
    (root / "_manifests/fixer.toml").write_text(
        manifest("fixer", "reviewer").replace("Reviews patches", "Fixes patches"), encoding="utf-8"
    )
    (root / "_manifests/reviewer.toml").write_text(
        manifest("reviewer", "fixer").replace("Reviews patches", "Checks patches"), encoding="utf-8"
    )
    _read_only(root / "_generated" / "fixer.md", undo_chattr)
    result = run(root, "build")
    assert result.exit_code == exits.FAULT
    assert codes(result) == [("F002", "_generated/fixer.md")]
    assert "Checks patches" in (root / "_generated/reviewer.md").read_text()  # the others are written
    assert [p.name for p in (root / "_generated").iterdir() if p.name.startswith(".")] == []


def test_the_generated_folder_is_a_file(catalog: Callable[..., Path]) -> None:
    root = catalog({"_generated": "a file, not a folder\n"})
    result = run(root, "build")
    assert result.exit_code == exits.FAULT
    assert ("F002", "_generated/fixer.md") in codes(result)
    assert (root / "_generated").read_text() == "a file, not a folder\n"


def test_a_full_disk_by_the_system_call(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()

    def full(fd: int, data: bytes | memoryview) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    result = run(root, "build")
    assert result.exit_code == exits.FAULT
    assert codes(result) == [("F002", "_generated/fixer.md")]  # the first failure: the disk is full
    assert not (root / "_generated").exists()  # made for the files, none of which could be written


@pytest.fixture
def small_generated(catalog: Callable[..., Path]) -> Iterator[Path]:
    root = catalog()
    (root / "_generated").mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(root / "_generated")],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip() or 'not permitted'}")
    try:
        yield root
    finally:
        subprocess.run(["umount", str(root / "_generated")], check=False)


def test_a_really_full_disk(small_generated: Path) -> None:
    root = small_generated
    (root / "_manifests/fixer.toml").write_text(
        manifest("fixer", "reviewer").replace("You review patches.", "You review.\n" + "Long prose. " * 2000),
        encoding="utf-8",
    )
    result = run(root, "build")
    assert result.exit_code == exits.FAULT, result.output
    assert ("F002", "_generated/fixer.md") in codes(result)
    assert not (root / "_generated/fixer.md").exists()
    assert [p.name for p in (root / "_generated").iterdir() if p.name.startswith(".")] == []


def test_names_too_long_for_a_file(catalog: Callable[..., Path]) -> None:
    long = "a" * 200
    blocks = f'blocks = ["baseline", "evidence-grading", "memory-protocol", "{long}"]'
    root = catalog(
        {
            f"_manifests/{long}.toml": manifest(long, "fixer"),
            "_manifests/fixer.toml": manifest("fixer", "reviewer", blocks=blocks),
            "_manifests/reviewer.toml": 'substrate_role = "'
            + "r" * 300
            + '"\n'
            + manifest("reviewer", "fixer"),
        }
    )
    result = run(root, "build")
    assert result.exit_code == exits.INPUT
    found = [d for d in json.loads(result.output)["diagnostics"] if d["code"] == "A017"]
    assert {d["file"] for d in found} == {
        f"_manifests/{long}.toml",
        "_manifests/fixer.toml",
        "_manifests/reviewer.toml",
    }


# kill -9 in the middle of a build


def test_a_build_killed_midway_leaves_whole_files_and_the_next_build_cleans_up(
    tmp_path: Path,
) -> None:
    from assembler.atomic import TEMP
    from benchmarks.catalog import write_catalog

    root = tmp_path / "big"
    write_catalog(root, 600, seed=7)
    command = [sys.executable, "-m", "assembler", "--root", str(root), "build"]
    victim = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    generated = root / "_generated"
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and victim.poll() is None:
        if generated.is_dir() and sum(1 for _ in generated.iterdir()) >= 40:
            break
        time.sleep(0.005)
    victim.send_signal(signal.SIGKILL)
    assert victim.wait(TIMEOUT) == -signal.SIGKILL, "the build ended before it could be killed"
    time.sleep(0.2)  # its worker processes die with it
    entries = list(generated.iterdir())
    written = [p for p in entries if not p.name.startswith(".")]
    left = [p.name for p in entries if p.name.startswith(".")]
    assert len(entries) >= 40 and len(written) < 600
    for path in written:
        found = stamp_of(path.name, path.read_bytes())
        assert found is not None and found[1], f"{path.name} is not whole"
    for name in left:  # staged files, named for the killed run, that the next build recognises
        match = TEMP.fullmatch(name)
        assert match is not None and int(match.group(1)) == victim.pid, name
    assert sorted(p.name for p in generated.iterdir() if p.name.startswith(".")) == sorted(left), (
        "a worker process outlived the killed run and went on writing"
    )
    stale = generated / ".assembler-999999999-0123456789ab.tmp"  # as a killed writer leaves it
    stale.write_text("half a file")
    finished = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    assert finished.returncode == 0, finished.stderr
    for name in [*left, stale.name]:
        assert f"removed _generated/{name}, left behind by a run that was killed" in finished.stderr
    assert [p.name for p in generated.iterdir() if p.name.startswith(".")] == []
    check = subprocess.run([*command[:-1], "check"], capture_output=True, text=True, timeout=TIMEOUT)
    assert check.returncode == 0, check.stderr
