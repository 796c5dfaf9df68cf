"""The spend ledger: validated values, a lock around read-check-write, never reset."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assembler.toolkinds.modal_runtime.ledger import (
    Corrupt,
    LaunchRecord,
    Ledger,
    StopRecord,
    load_ledger,
    parse_ledger,
    replace_launch,
    save_ledger,
    spent_on,
)
from assembler.toolkinds.modal_runtime.money import ToolError

LAUNCH = {
    "id": "a",
    "time": "2026-12-03T10:00:00+00:00",
    "session": "s",
    "usd": 1.5,
    "gpu": "A10G",
    "gpus": 1,
    "hours": 1.0,
    "script": "train.py",
    "status": "launched",
    "app_id": None,
    "pid": None,
}


def ledger_text(**changes: object) -> str:
    return json.dumps({"version": 2, "launches": [{**LAUNCH, **changes}], "stops": []})


def test_a_ledger_round_trips_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "l.json"
    entry = LaunchRecord(**LAUNCH)  # type: ignore[arg-type]
    stop = StopRecord("2026-12-03T10:00:00+00:00", "s", "ap-1", False, "refused")
    save_ledger(path, Ledger((entry,), (stop,)))
    assert load_ledger(path) == Ledger((entry,), (stop,))
    assert [p.name for p in tmp_path.iterdir()] == ["l.json"]
    assert load_ledger(tmp_path / "none.json") == Ledger()


@pytest.mark.parametrize(
    "text",
    [
        ledger_text(usd=float("nan")).replace("NaN", "NaN"),
        ledger_text(usd=1.5).replace("1.5", "Infinity"),
        ledger_text(usd=1.5).replace("1.5", "1e400"),
        ledger_text(usd=-1.0),
        ledger_text(usd=True),
        ledger_text(time="yesterday"),
        ledger_text(time="9999-12-31T23:59:59-14:00"),
        ledger_text(gpus=1.5),
        ledger_text(status="paid"),
        "[" * 100_000 + "]" * 100_000,
        '{"version": 2, "launches": [], "stops": [{"confirmed": "yes"}]}',
        "not json",
        "{}",
    ],
)
def test_bad_values_make_the_ledger_corrupt_and_it_is_kept(tmp_path: Path, text: str) -> None:
    path = tmp_path / "l.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Corrupt, match="is corrupt"):
        load_ledger(path)
    assert path.read_text(encoding="utf-8") == text


def test_the_first_tools_ledger_is_read() -> None:
    old = {k: v for k, v in LAUNCH.items() if k not in ("id", "app_id", "pid")}
    ledger = parse_ledger(json.dumps({"version": 1, "entries": [old]}), Path("l.json"))
    assert [e.status for e in ledger.launches] == ["launched"]


def test_rejected_launches_are_not_counted_and_updates_find_their_entry() -> None:
    day = date(2026, 12, 3)
    counted = LaunchRecord(**{**LAUNCH, "time": "2026-12-03T10:00:00"})  # type: ignore[arg-type]
    rejected = LaunchRecord(**{**LAUNCH, "id": "b", "time": "2026-12-03T10:00:00", "status": "rejected"})  # type: ignore[arg-type]
    assert spent_on((counted, rejected), day) == 150
    updated = replace_launch((counted, rejected), LaunchRecord(**{**LAUNCH, "status": "failed"}))  # type: ignore[arg-type]
    assert [e.status for e in updated] == ["failed", "rejected"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=300)
    | st.builds(
        json.dumps,
        st.recursive(
            st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=10),
            lambda c: (
                st.lists(c, max_size=4)
                | st.dictionaries(st.sampled_from([*LAUNCH, "version", "launches", "stops"]), c, max_size=6)
            ),
            max_leaves=30,
        ),
    )
)
def test_any_ledger_text_is_read_or_corrupt_never_a_traceback(text: str) -> None:
    try:
        ledger = parse_ledger(text, Path("l.json"))
    except ToolError:
        return
    assert all(e.usd >= 0 for e in ledger.launches)


APPEND = """
import sys, time
from pathlib import Path
sys.path.insert(0, {src!r})
from assembler.toolkinds.modal_runtime import ledger as L
path = Path(sys.argv[1])
for n in range(20):
    with L.locked(path):
        current = L.load_ledger(path)
        time.sleep(0.005)
        entry = L.LaunchRecord(
            f"{{sys.argv[2]}}-{{n}}", "2026-12-03T10:00:00", "s", 0.5, "A10G", 1, 1.0, "t.py",
            "launched", None, None,
        )
        L.save_ledger(path, L.Ledger((*current.launches, entry), current.stops))
"""


def test_two_processes_appending_under_the_lock_lose_no_entry(tmp_path: Path) -> None:
    from tests.conftest import REPO

    script = tmp_path / "append.py"
    script.write_text(APPEND.format(src=str(REPO / "src")), encoding="utf-8")
    path = tmp_path / "l.json"
    children = [subprocess.Popen([sys.executable, str(script), str(path), name]) for name in "ab"]
    assert [child.wait(120) for child in children] == [0, 0]
    ids = sorted(e.id for e in load_ledger(path).launches)
    assert ids == sorted(f"{name}-{n}" for name in "ab" for n in range(20))
