"""A small Modal server on localhost for tests: the real `modal` client talks to it over gRPC.

Only the network layer is replaced. The server implements, with modal's own generated service base
(`modal_proto.api_grpc.ModalClientBase`), the few calls that `modal app list`, `modal app stop` and the
start of `modal run` make; every other call answers UNIMPLEMENTED. Each call is recorded, so a test sees
exactly what the client asked for.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import empty_pb2
from grpclib.const import Status
from grpclib.exceptions import GRPCError
from grpclib.server import Server, Stream
from modal_proto import api_grpc, api_pb2

APP_ID = "ap-" + "T" * 22


@dataclass
class Behaviour:
    """What the fake server answers; tests change it before the client runs."""

    apps: list[api_pb2.AppListResponse.AppListItem] = field(default_factory=list)
    precreate: str = "hang"  # "hang": the run stays starting; "fail": it fails after the app exists
    calls: list[tuple[str, Any]] = field(default_factory=list)

    def named(self, name: str) -> list[Any]:
        return [message for call, message in self.calls if call == name]


def _unimplemented(name: str) -> Callable[..., Any]:
    async def method(self: Any, stream: Stream[Any, Any]) -> None:
        self.behaviour.calls.append((name, None))
        raise GRPCError(Status.UNIMPLEMENTED, name)

    return method


_Base: Any = type(
    "_Base",
    (api_grpc.ModalClientBase,),
    {name: _unimplemented(name) for name in api_grpc.ModalClientBase.__abstractmethods__},
)


class FakeModal(_Base):  # type: ignore[misc]
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour

    async def _take(self, name: str, stream: Stream[Any, Any]) -> Any:
        request = await stream.recv_message()
        self.behaviour.calls.append((name, request))
        return request

    async def AppList(self, stream: Stream[Any, Any]) -> None:
        await self._take("AppList", stream)
        await stream.send_message(api_pb2.AppListResponse(apps=self.behaviour.apps))

    async def AppGetLifecycle(self, stream: Stream[Any, Any]) -> None:
        await self._take("AppGetLifecycle", stream)
        lifecycle = api_pb2.AppLifecycle(app_state=api_pb2.APP_STATE_DETACHED)
        await stream.send_message(api_pb2.AppGetLifecycleResponse(lifecycle=lifecycle))

    async def TaskList(self, stream: Stream[Any, Any]) -> None:
        await self._take("TaskList", stream)
        await stream.send_message(api_pb2.TaskListResponse())

    async def AppStop(self, stream: Stream[Any, Any]) -> None:
        await self._take("AppStop", stream)
        await stream.send_message(empty_pb2.Empty())

    async def AppCreate(self, stream: Stream[Any, Any]) -> None:
        await self._take("AppCreate", stream)
        page = f"https://modal.com/apps/test-workspace/main/{APP_ID}"
        await stream.send_message(api_pb2.AppCreateResponse(app_id=APP_ID, app_page_url=page))

    async def EnvironmentGetOrCreate(self, stream: Stream[Any, Any]) -> None:
        await self._take("EnvironmentGetOrCreate", stream)
        metadata = api_pb2.EnvironmentMetadata(name="main")
        await stream.send_message(
            api_pb2.EnvironmentGetOrCreateResponse(environment_id="en-1", metadata=metadata)
        )

    async def AppHeartbeat(self, stream: Stream[Any, Any]) -> None:
        await self._take("AppHeartbeat", stream)
        await stream.send_message(empty_pb2.Empty())

    async def AppGetLogs(self, stream: Stream[Any, Any]) -> None:
        await self._take("AppGetLogs", stream)
        await asyncio.sleep(30)

    async def AppClientDisconnect(self, stream: Stream[Any, Any]) -> None:
        await self._take("AppClientDisconnect", stream)
        await stream.send_message(empty_pb2.Empty())

    async def FunctionPrecreate(self, stream: Stream[Any, Any]) -> None:
        await self._take("FunctionPrecreate", stream)
        if self.behaviour.precreate == "fail":
            raise GRPCError(Status.FAILED_PRECONDITION, "the test server refuses to build functions")
        await asyncio.sleep(30)  # the run stays "starting" until the test ends it


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(behaviour: Behaviour) -> Iterator[str]:
    """Run the server in a thread for the body of the `with`; yields its URL."""
    port = free_port()
    loop = asyncio.new_event_loop()
    servers: list[Server] = []
    ready = threading.Event()

    async def start() -> None:
        servers.append(Server([FakeModal(behaviour)]))
        await servers[0].start("127.0.0.1", port)

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server = servers[0]
        loop.call_soon_threadsafe(server.close)
        asyncio.run_coroutine_threadsafe(server.wait_closed(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def modal_bin() -> str:
    """The folder of the installed `modal` command (the test interpreter's scripts folder)."""
    folder = Path(sys.executable).parent
    if not (folder / "modal").exists():
        pytest.skip("the modal client is not installed (it comes with the dev extra: make test)")
    return str(folder)


def client_environment(url: str, home: Path, *, token: bool = True) -> dict[str, str]:
    """The environment variables that point the real client at `url` (modal/config.py reads MODAL_*)."""
    home.mkdir(parents=True, exist_ok=True)
    env = {"MODAL_SERVER_URL": url, "HOME": str(home), "MODAL_CONFIG_PATH": str(home / "modal.toml")}
    env["PATH"] = f"{modal_bin()}{os.pathsep}{os.environ.get('PATH', '')}"
    if token:
        env |= {"MODAL_TOKEN_ID": "ak-test", "MODAL_TOKEN_SECRET": "as-test"}
    return env


def wait_for(condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()
