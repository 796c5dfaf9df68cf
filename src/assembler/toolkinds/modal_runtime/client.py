"""The `modal` command-line client, driven with the flags and output of modal 1.6.

`modal app list --json` prints snake_case keys since modal 1.5 (`app_id`, `description`, `state`); older
clients printed the table's headers ("App ID", "Description", "State"): both are read. `modal app stop`
asks for confirmation and aborts without a terminal, so the tool passes `--yes`, once, and only after
the user's phrase was checked. A missing token or an unreachable service is one line, never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from .money import ToolError

APP_ID: Final = re.compile(r"\bap-[A-Za-z0-9]{22}\b")
LIST_TIMEOUT_S: Final = 120.0
STOP_TIMEOUT_S: Final = 120.0
_HINTS: Final = (
    ("token missing", "log in with `modal token new`, or set MODAL_TOKEN_ID and MODAL_TOKEN_SECRET"),
    ("could not authenticate", "log in with `modal token new`, or set MODAL_TOKEN_ID and MODAL_TOKEN_SECRET"),
    ("could not connect", "the Modal service cannot be reached from here: check the network"),
)
_USAGE: Final = re.compile(r"No such option|Missing option|Got unexpected extra argument|Invalid value for")


def modal_executable() -> str:
    found = shutil.which("modal")
    if found is None:
        raise ToolError("the modal CLI is not on PATH: install it (`pip install modal`) and log in")
    return found


def _environment() -> dict[str, str]:
    """The client's environment, with a wide terminal so that long lines (app pages) are not wrapped."""
    return {**os.environ, "COLUMNS": "240", "TERM": os.environ.get("TERM", "dumb")}


def said(output: str) -> str:
    """The line of the client's output that says what went wrong, with a hint when one helps."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith(("Error:", "Aborted"))]
    line = (errors or lines or ["(no output)"])[-1].removeprefix("Error:").strip()
    hint = next((h for key, h in _HINTS if key in output.lower()), "")
    return f"{line[:300]}{f' ({hint})' if hint else ''}"


def run_modal(args: Sequence[str], *, timeout_s: float) -> str:
    """`modal ARGS` with no terminal on standard input; its standard output, or a ToolError."""
    command = [modal_executable(), *args]
    sys.stdout.flush()
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            errors="replace",
            stdin=subprocess.DEVNULL,
            env=_environment(),
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ToolError(f"`modal {' '.join(args)}` did not finish within {timeout_s:g} s") from None
    except OSError as err:
        raise ToolError(f"cannot run {command[0]}: {err.strerror or err}") from None
    if done.returncode != 0:
        message = said(done.stderr + "\n" + done.stdout)
        raise ToolError(f"`modal {' '.join(args)}` failed (exit {done.returncode}): {message}")
    return done.stdout


def _field(row: dict[str, object], snake: str, header: str) -> str:
    value = row.get(snake, row.get(header))
    return "" if value is None else str(value)


@dataclass(frozen=True)
class App:
    app_id: str
    description: str
    state: str

    @property
    def live(self) -> bool:
        return not self.state.lower().startswith("stop")


def parse_app_list(output: str) -> list[App]:
    """The apps of `modal app list --json`, in either key style."""
    try:
        rows = json.loads(output)
    except (ValueError, RecursionError):
        raise ToolError("`modal app list --json` did not print JSON") from None
    if not isinstance(rows, list):
        raise ToolError("`modal app list --json` did not print a list of apps")
    return [
        App(
            _field(r, "app_id", "App ID"),
            _field(r, "description", "Description"),
            _field(r, "state", "State"),
        )
        for r in rows
        if isinstance(r, dict)
    ]


def live_apps() -> list[App]:
    return [
        app
        for app in parse_app_list(run_modal(["app", "list", "--json"], timeout_s=LIST_TIMEOUT_S))
        if app.live
    ]


def stop_app(app_id: str) -> None:
    """`modal app stop --yes APP_ID`: call only after the user's confirmation was checked."""
    run_modal(["app", "stop", "--yes", app_id], timeout_s=STOP_TIMEOUT_S)


def run_command(script: Path | str, entrypoint: str, config: Path | str) -> list[str]:
    return ["run", "--detach", f"{script}::{entrypoint}", "--config", str(config)]


@dataclass(frozen=True)
class Started:
    """How a detached `modal run` went, as far as the launch waited for it."""

    outcome: str  # running (the app exists), exited (the client ended), waiting (no app id yet)
    app_id: str | None
    returncode: int | None
    pid: int
    message: str
    usage: bool = False  # the client printed a usage error

    @property
    def rejected(self) -> bool:
        """Modal refused the arguments before creating an app: nothing can have been billed."""
        return self.outcome == "exited" and self.returncode == 2 and self.app_id is None and self.usage


def start_run(args: Sequence[str], log: Path, wait_s: float, poll_s: float = 0.2) -> Started:
    """Start `modal ARGS` in its own session, its output in `log`; wait for the app id or the end."""
    command = [modal_executable(), *args]
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("wb") as out:
            child = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=_environment(),
                start_new_session=True,
            )
    except OSError as err:
        raise ToolError(f"cannot start {command[0]}: {err.strerror or err}") from None
    deadline = time.monotonic() + wait_s
    while True:
        returncode = child.poll()
        text = log.read_text(encoding="utf-8", errors="replace")
        found = APP_ID.search(text)
        if returncode is not None:
            app_id = found.group(0) if found else None
            return Started("exited", app_id, returncode, child.pid, said(text), bool(_USAGE.search(text)))
        if found:
            return Started("running", found.group(0), None, child.pid, "")
        if time.monotonic() > deadline:
            return Started("waiting", None, None, child.pid, "")
        time.sleep(poll_s)
