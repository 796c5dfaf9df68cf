"""The spend ledger: a JSON file of launches and stop requests, changed only under a lock, never reset.

Reading, checking against the cap and writing happen while holding `fcntl.flock` on a lock file beside
the ledger (the ledger itself is replaced by rename, so it cannot carry the lock). Every value is
validated: a time that does not parse, dollars that are not finite and non-negative, a count out of
range, or a file nested deeper than a ledger ever is, make the ledger corrupt: reported, never rewritten.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

from .data import LEDGER_ENV, LEDGER_HOME, SESSION_ENV
from .money import MAX_HOURS, MAX_USD, ToolError, to_cents

MAX_LEDGER_BYTES: Final = 32 * 1024 * 1024
LOCK_WAIT_S: Final = 30.0
COUNTED: Final = frozenset({"starting", "launched", "failed"})  # statuses whose estimate counts
LAUNCH_STATUSES: Final = frozenset({*COUNTED, "rejected"})
STOP_STATUSES: Final = frozenset({"refused", "stopped", "failed"})


@dataclass(frozen=True)
class LaunchRecord:
    id: str
    time: str
    session: str
    usd: float
    gpu: str
    gpus: int
    hours: float
    script: str
    status: str  # starting, launched, failed (these count against the cap), rejected (never billed)
    app_id: str | None
    pid: int | None


@dataclass(frozen=True)
class StopRecord:
    time: str
    session: str
    app_id: str
    confirmed: bool
    status: str  # refused, stopped, failed


@dataclass(frozen=True)
class Ledger:
    launches: tuple[LaunchRecord, ...] = ()
    stops: tuple[StopRecord, ...] = ()


def ledger_path(option: str | None = None) -> Path:
    """--ledger, else the environment variable, else a file in the user's home."""
    chosen = option or os.environ.get(LEDGER_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return Path.home() / LEDGER_HOME / "spend-ledger.json"


def session_id(option: str | None = None, today: date | None = None) -> str:
    return option or os.environ.get(SESSION_ENV) or (today or date.today()).isoformat()


def now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Corrupt(ToolError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(
            f"the spend ledger {path} is corrupt ({why}): fix it or move it away; it is never reset"
        )


def _text(item: dict[str, object], key: str, path: Path, limit: int = 4096) -> str:
    value = item.get(key)
    if not isinstance(value, str) or len(value) > limit:
        raise Corrupt(path, f"{key} is {str(value)[:60]!r}")
    return value


def _number(item: dict[str, object], key: str, path: Path, high: float, *, whole: bool = False) -> float:
    value = item.get(key)
    kinds = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or not math.isfinite(value):
        raise Corrupt(path, f"{key} is {str(value)[:60]!r}")
    if not 0 <= value <= high:
        raise Corrupt(path, f"{key} {value!r} is outside 0 to {high:g}")
    return float(value)


def _time(item: dict[str, object], path: Path) -> str:
    text = _text(item, "time", path, 64)
    try:
        datetime.fromisoformat(text).astimezone()
    except (ValueError, OverflowError):
        raise Corrupt(path, f"time is {text!r}") from None
    return text


def _optional(item: dict[str, object], key: str, kind: type, path: Path) -> object:
    value = item.get(key)
    if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
        raise Corrupt(path, f"{key} is {str(value)[:60]!r}")
    return value


def _launch(item: object, path: Path, number: int) -> LaunchRecord:
    if not isinstance(item, dict):
        raise Corrupt(path, "a launch is not a record")
    status = _text(item, "status", path, 32)
    if status not in LAUNCH_STATUSES:
        raise Corrupt(path, f"status is {status!r}")
    app_id, pid = _optional(item, "app_id", str, path), _optional(item, "pid", int, path)
    return LaunchRecord(
        id=str(item.get("id") or f"entry-{number}"),
        time=_time(item, path),
        session=_text(item, "session", path),
        usd=_number(item, "usd", path, MAX_USD),
        gpu=_text(item, "gpu", path, 64),
        gpus=int(_number(item, "gpus", path, 64, whole=True)),
        hours=_number(item, "hours", path, MAX_HOURS),
        script=_text(item, "script", path),
        status=status,
        app_id=app_id if isinstance(app_id, str) else None,
        pid=pid if isinstance(pid, int) else None,
    )


def _stop(item: object, path: Path) -> StopRecord:
    if not isinstance(item, dict) or not isinstance(item.get("confirmed"), bool):
        raise Corrupt(path, "a stop request is not a record")
    status = _text(item, "status", path, 32)
    if status not in STOP_STATUSES:
        raise Corrupt(path, f"status is {status!r}")
    confirmed = item["confirmed"]
    return StopRecord(
        _time(item, path), _text(item, "session", path), _text(item, "app_id", path, 128), confirmed, status
    )


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number of dollars")


def parse_ledger(text: str, path: Path) -> Ledger:
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as err:
        raise Corrupt(path, f"not JSON: {str(err)[:80]}") from None
    if not isinstance(data, dict):
        raise Corrupt(path, "not a JSON object")
    if data.get("version") == 1 and isinstance(data.get("entries"), list):  # written by the first tool
        entries = [{**e, "app_id": None, "pid": None} if isinstance(e, dict) else e for e in data["entries"]]
        return Ledger(tuple(_launch(e, path, n) for n, e in enumerate(entries)))
    launches, stops = data.get("launches"), data.get("stops")
    if data.get("version") != 2 or not isinstance(launches, list) or not isinstance(stops, list):
        raise Corrupt(path, 'no version 2 "launches" and "stops" lists')
    return Ledger(
        tuple(_launch(e, path, n) for n, e in enumerate(launches)), tuple(_stop(e, path) for e in stops)
    )


def load_ledger(path: Path) -> Ledger:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_LEDGER_BYTES + 1)
    except FileNotFoundError:
        return Ledger()
    except OSError as err:
        raise ToolError(f"cannot read the spend ledger {path}: {err.strerror or err}") from None
    if len(raw) > MAX_LEDGER_BYTES:
        raise Corrupt(path, "larger than a ledger ever grows")
    try:
        return parse_ledger(raw.decode("utf-8"), path)
    except UnicodeDecodeError:
        raise Corrupt(path, "not UTF-8 text") from None


def save_ledger(path: Path, ledger: Ledger) -> None:
    """Write the whole ledger to a temporary file beside it, then rename it over the old one."""
    body = {
        "version": 2,
        "launches": [asdict(e) for e in ledger.launches],
        "stops": [asdict(s) for s in ledger.stops],
    }
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps(body, indent=2) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise ToolError(f"cannot write the spend ledger {path}: {err.strerror or err}") from None


@contextlib.contextmanager
def locked(path: Path, wait_s: float = LOCK_WAIT_S) -> Iterator[None]:
    """Hold the ledger's lock file (`<ledger>.lock`) for the body of the `with`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as err:
        raise ToolError(f"cannot lock the spend ledger {path}: {err.strerror or err}") from None
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ToolError(f"the spend ledger {path} stayed locked for {wait_s:g} s") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def spent_on(launches: Iterable[LaunchRecord], day: date) -> int:
    """Cents counted on `day` (local time): every launch but the ones Modal rejected before starting."""
    total = 0
    for launch in launches:
        if launch.status in COUNTED and datetime.fromisoformat(launch.time).astimezone().date() == day:
            total += to_cents(launch.usd)
    return total


def spent_in(launches: Iterable[LaunchRecord], session: str) -> int:
    return sum(to_cents(e.usd) for e in launches if e.session == session and e.status in COUNTED)


def replace_launch(launches: Sequence[LaunchRecord], updated: LaunchRecord) -> tuple[LaunchRecord, ...]:
    """The launches with `updated` in place of the entry with its id (appended if it was removed)."""
    if any(e.id == updated.id for e in launches):
        return tuple(updated if e.id == updated.id else e for e in launches)
    return (*launches, updated)
