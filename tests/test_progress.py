"""progress: the line on a terminal's stderr, drawn only once a stage has run for a second."""

from __future__ import annotations

import datetime
import itertools
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assembler import progress
from assembler.config import Config
from assembler.job import Job
from assembler.layout import Layout, layout
from assembler.parallel import process_all
from assembler.pipeline import plan_catalog
from assembler.write import apply_plan


def _layout(root: Path) -> Layout:
    found, problems = layout(str(root), Config())
    assert found is not None, problems
    return found


def slow_clock(monkeypatch: pytest.MonkeyPatch, step: float = 2.0) -> None:
    """Every call of time.monotonic is `step` seconds after the one before."""
    clock = itertools.count(0.0, step)
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))


def test_bar() -> None:
    assert progress.bar(0, 4, "manifests", width=8) == "assembler [--------] 0/4 manifests"
    assert progress.bar(3, 4, "files", width=8) == "assembler [######--] 3/4 files"
    assert progress.bar(4, 4, "files", width=8) == "assembler [########] 4/4 files"


def test_nothing_when_disabled_or_quick(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert list(progress.track(range(5), 5, "files", enabled=True, every=1)) == [0, 1, 2, 3, 4]
    assert capsys.readouterr().err == ""  # quick: under a second
    slow_clock(monkeypatch)
    assert list(progress.track(range(5), 5, "files", enabled=False, every=1)) == [0, 1, 2, 3, 4]
    assert capsys.readouterr().err == ""  # slow, but not a terminal


def test_updates_every_n_items_and_at_the_end(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    slow_clock(monkeypatch)
    assert list(progress.track("abcde", 5, "files", enabled=True, every=2)) == list("abcde")
    lines = [progress.bar(n, 5, "files") for n in (2, 4, 5)]
    assert capsys.readouterr().err == "".join(f"\r{line}" for line in lines) + "\n"


def test_manifests_then_files_on_a_slow_build(
    catalog: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = catalog()
    texts = sorted(p.name for p in (root / "_manifests").glob("*.toml"))
    process_all(Job(_layout(root), Config(), datetime.date(2026, 11, 1)), texts, progress=True)
    assert capsys.readouterr().err == ""
    slow_clock(monkeypatch)
    monkeypatch.setattr(progress, "EVERY", 1)
    plan = plan_catalog(root, progress=True)
    apply_plan(plan, progress=True)
    err = capsys.readouterr().err
    lines = [progress.bar(n, 2, unit) for unit in ("manifests", "files") for n in (1, 2)]
    assert err == f"\r{lines[0]}\r{lines[1]}\n\r{lines[2]}\r{lines[3]}\n"


def test_the_line_waits_for_the_first_second(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    slow_clock(monkeypatch, step=0.75)  # the checks after items 1, 2, 3 read 0.75, 1.5, 2.25 s
    assert list(progress.track("abc", 3, "files", enabled=True, every=1)) == list("abc")
    assert capsys.readouterr().err == f"\r{progress.bar(2, 3, 'files')}\r{progress.bar(3, 3, 'files')}\n"
