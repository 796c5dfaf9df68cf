"""The modal client module against the real `modal` command-line client (modal 1.6 from PyPI).

Only the network is replaced: `tests/modal_server.py` serves modal's own gRPC service on localhost and
the client is pointed at it with MODAL_SERVER_URL and a token in MODAL_TOKEN_ID / MODAL_TOKEN_SECRET.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from modal_proto import api_pb2

from assembler.toolkinds.modal_runtime import client
from assembler.toolkinds.modal_runtime.money import ToolError
from tests.modal_server import APP_ID, Behaviour, client_environment, serving, wait_for

SCRIPT = """\
import modal

app = modal.App("fake-train")


@app.function(gpu="A10G", timeout=600)
def train(config: str) -> None:
    print(config, flush=True)


@app.local_entrypoint()
def main(config: str) -> None:
    train.remote(config)
"""


@pytest.fixture
def behaviour() -> Behaviour:
    return Behaviour()


@pytest.fixture
def server(behaviour: Behaviour, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with serving(behaviour) as url:
        for key, value in client_environment(url, tmp_path / "home").items():
            monkeypatch.setenv(key, value)
        yield url


def _app(app_id: str, name: str, state: api_pb2.AppState.ValueType) -> api_pb2.AppListResponse.AppListItem:
    return api_pb2.AppListResponse.AppListItem(
        app_id=app_id, description=name, state=state, n_running_tasks=1
    )


# Every subcommand and option the tool passes exists in the installed client.


def _command(*path: str) -> click.Command:
    from modal.cli.entry_point import entrypoint_cli

    command: click.Command = entrypoint_cli
    ctx = click.Context(command)
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(ctx, name)
        assert found is not None, f"modal has no subcommand {' '.join(path)}"
        command = found
    return command


@pytest.mark.parametrize(
    ("path", "option"),
    [(("app", "list"), "--json"), (("app", "stop"), "--yes"), (("run",), "--detach")],
)
def test_every_option_the_tool_passes_exists_in_the_installed_client(
    path: tuple[str, ...], option: str
) -> None:
    command = _command(*path)
    options = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    assert option in options
    assert client.run_command(Path("t.py"), "main", Path("c.yaml"))[:2] == ["run", "--detach"]


# modal app list --json: the real keys, then the old ones.


def test_live_apps_reads_the_real_clients_json(server: str, behaviour: Behaviour) -> None:
    other = "ap-" + "O" * 22
    behaviour.apps = [
        _app(APP_ID, "fake-train", api_pb2.APP_STATE_DETACHED),
        _app(other, "old-run", api_pb2.APP_STATE_STOPPED),
    ]
    apps = client.live_apps()
    assert apps == [client.App(APP_ID, "fake-train", "ephemeral (detached)")]
    assert len(behaviour.named("AppList")) == 1


def test_the_json_of_older_clients_is_read_too() -> None:
    old = (
        '[{"App ID": "ap-1", "Description": "x", "State": "deployed"}, '
        '{"App ID": "ap-2", "State": "stopped"}]'
    )
    assert [a.app_id for a in client.parse_app_list(old) if a.live] == ["ap-1"]
    with pytest.raises(ToolError, match="did not print JSON"):
        client.parse_app_list("[" * 100_000)


# modal app stop: the real client aborts without --yes; the tool passes it.


def test_stop_passes_yes_and_the_server_stops_the_app(server: str, behaviour: Behaviour) -> None:
    with pytest.raises(ToolError, match=r"Rerun with --yes"):
        client.run_modal(["app", "stop", APP_ID], timeout_s=60)  # what the first tool did
    assert behaviour.named("AppStop") == []
    client.stop_app(APP_ID)
    [request] = behaviour.named("AppStop")
    assert request.app_id == APP_ID


# A missing token or an unreachable service: one line, never a traceback.


def test_a_missing_token_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", client_environment("http://127.0.0.1:9", tmp_path)["PATH"])
    for key in ("MODAL_TOKEN_ID", "MODAL_TOKEN_SECRET"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("MODAL_CONFIG_PATH", str(tmp_path / "none.toml"))
    with pytest.raises(ToolError) as caught:
        client.live_apps()
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert "Token missing" in message and "modal token new" in message


def test_an_unreachable_service_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.modal_server import free_port

    for key, value in client_environment(f"http://127.0.0.1:{free_port()}", tmp_path).items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ToolError) as caught:
        client.live_apps()
    assert "\n" not in str(caught.value) and "Could not connect" in str(caught.value)


def test_a_missing_cli_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolError, match="modal CLI is not on PATH"):
        client.live_apps()


# The start of `modal run --detach`.


def _script(tmp_path: Path, text: str = SCRIPT) -> Path:
    script = tmp_path / "train.py"
    script.write_text(text, encoding="utf-8")
    (tmp_path / "c.yaml").write_text("lr: 1\n", encoding="utf-8")
    return script


def test_a_started_run_reports_its_app_id_and_keeps_running(
    server: str, behaviour: Behaviour, tmp_path: Path
) -> None:
    script = _script(tmp_path)
    command = client.run_command(script, "main", tmp_path / "c.yaml")
    started = client.start_run(command, tmp_path / "log.txt", wait_s=60)
    try:
        assert (started.outcome, started.app_id, started.rejected) == ("running", APP_ID, False)
        [create] = behaviour.named("AppCreate")
        assert create.app_state == api_pb2.APP_STATE_DETACHED  # --detach reached the server
    finally:
        os.killpg(started.pid, signal.SIGTERM)


def test_a_run_modal_refuses_at_argument_parsing_creates_no_app(
    server: str, behaviour: Behaviour, tmp_path: Path
) -> None:
    script = _script(tmp_path, SCRIPT.replace("def main(config: str)", "def main(cfg: str)"))
    started = client.start_run(client.run_command(script, "main", tmp_path / "c.yaml"), tmp_path / "log", 60)
    assert (started.outcome, started.returncode, started.rejected) == ("exited", 2, True)
    assert "No such option" in started.message and "--config" in started.message
    assert behaviour.named("AppCreate") == []


def test_a_run_that_fails_after_the_app_exists_is_not_rejected(
    server: str, behaviour: Behaviour, tmp_path: Path
) -> None:
    behaviour.precreate = "fail"
    started = client.start_run(
        client.run_command(_script(tmp_path), "main", tmp_path / "c.yaml"), tmp_path / "l", 60
    )
    if started.outcome == "running":  # the app id was printed before the failure: wait for the end
        codes: list[int] = []
        assert wait_for(lambda: _ended(started.pid, codes))
        assert codes[0] not in (0, 2)
    else:
        assert started.outcome == "exited" and started.returncode not in (0, 2) and not started.rejected
    assert len(behaviour.named("AppCreate")) == 1


def _ended(pid: int, codes: list[int]) -> bool:
    """Whether the child `pid` has exited (reaping it), its exit status appended to `codes`."""
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == pid:
        codes.append(os.waitstatus_to_exitcode(status))
    return done == pid


def test_said_keeps_the_error_line() -> None:
    assert client.said("Usage: x\n\nError: No such option '--cfg'.\n") == "No such option '--cfg'."
    assert client.said("") == "(no output)"
    assert "check the network" in client.said("Error: Could not connect to the Modal server.")
