"""`build --watch` and `check --watch`: for real, in a subprocess, stopped with Ctrl-C (SIGINT)."""

from __future__ import annotations

import queue
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from click.testing import CliRunner

from assembler.commands import cli
from tests.clihelp import help_text, script

WATCH_LINES = (
    "  --watch                      Run again on every change to a source, template\n"
    "                               or the configuration; Ctrl-C stops (exit 0).\n"
)


class Watching:
    """A command running with --watch; its standard error read line by line."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [script(), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_ctrl_c_default,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert self.process.stderr is not None
        threading.Thread(target=self._read, args=(self.process.stderr,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = 30.0) -> list[str]:
        """The lines up to the one holding `text`."""
        until = time.monotonic() + timeout
        got: list[str] = []
        while time.monotonic() < until:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            got.append(line)
            self.seen.append(line)
            if text in line:
                return got
        raise AssertionError(f"no {text!r} within {timeout} s; saw {self.seen}")

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()  # leave no watcher behind; the test fails on the status below
            return self.process.wait()


def _ctrl_c_default() -> None:
    """In the child: Ctrl-C as at a terminal. A test run started in the background of a shell without job
    control inherits SIGINT ignored, and a program started that way keeps ignoring it, as it should."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_build_watch_rebuilds_on_a_change_and_ctrl_c_exits_0(catalog: Callable[..., Path]) -> None:
    root = catalog()
    watching = Watching("build", "--watch", "--root", str(root))
    try:
        first = watching.wait_for("watching")
        assert "2 written, 0 unchanged.\n" in first and first[-1].startswith("[exit 0] watching ")
        time.sleep(0.3)
        block = root / "_blocks/baseline.md"
        block.write_text(block.read_text() + "\nOne more rule.\n")
        again = watching.wait_for("watching")
        assert again[0] == "changed: _blocks/baseline.md\n"
        assert "2 written, 0 unchanged.\n" in again
        assert "One more rule." in (root / "_generated/fixer.md").read_text()
        (root / "_manifests/fixer.toml").write_text('name = "fixer"\nnmae = 1\n')
        broken = watching.wait_for("watching")
        assert any("A002" in line for line in broken) and broken[-1].startswith("[exit 1] watching ")
    finally:
        status = watching.interrupt()
    assert status == 0
    assert watching.wait_for("stopped watching.")
    assert watching.process.stdout is not None and "Traceback" not in "".join(watching.seen)


def test_check_watch_rechecks_on_a_change(catalog: Callable[..., Path]) -> None:
    root = catalog()
    subprocess.run([script(), "--root", str(root), "build"], check=True, capture_output=True)
    watching = Watching("--root", str(root), "check", "--watch")
    try:
        assert watching.wait_for("watching")[-1].startswith("[exit 0] watching ")
        time.sleep(0.3)
        (root / "assembler.toml").write_text("# configuration\n")
        after = watching.wait_for("watching")
        assert after[0] == "changed: assembler.toml\n"
        assert "2 generated file(s) out of sync. Run `assembler build` to bring them in line.\n" in after
        assert after[-1].startswith("[exit 3] watching ")  # the configuration is part of every stamp
    finally:
        assert watching.interrupt() == 0


def test_watch_with_json_is_a_usage_error(catalog: Callable[..., Path]) -> None:
    result = CliRunner().invoke(cli, ["--root", str(catalog()), "--format", "json", "build", "--watch"])
    assert result.exit_code == 2
    assert "--watch reports every run, but JSON output is one document" in result.stderr


def test_watch_outside_a_catalog_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(tmp_path / "none"), "check", "--watch"])
    assert result.exit_code == 2


def test_help_lists_watch() -> None:
    assert WATCH_LINES in help_text("build") and WATCH_LINES in help_text("check")
