"""Support for the reliability tests: PostgreSQL-only modules, SQL from outside the app, the app in a process
of its own, and the ``verify-audit`` command."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from api.domain.audit import _CHAIN_LOCK
from tests.support import LiveServer

ROOT = Path(__file__).resolve().parent.parent

POSTGRES_ONLY = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
"""Run the module on PostgreSQL only: skipped without it, a failure with ``REQUIRE_POSTGRES=1`` (see conftest)."""

CHAIN_LOCK = _CHAIN_LOCK
"""The advisory lock every mutation takes to append to the audit trail, after its own writes are flushed.

A test that holds it stops every mutation at that point: changed, not committed."""


def database_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


def sql(url: str, statement: str, *args: Any) -> list[asyncpg.Record]:
    """Rows of one statement, on PostgreSQL, through a connection of its own."""

    async def go() -> list[asyncpg.Record]:
        connection = await asyncpg.connect(url)
        try:
            return await connection.fetch(statement, *args)
        finally:
            await connection.close()

    return asyncio.run(go())


def value(url: str, statement: str, *args: Any) -> Any:
    rows = sql(url, statement, *args)
    return rows[0][0] if rows else None


async def backend_waiting_for_the_chain(
    admin: asyncpg.Connection, url: str, *, request: asyncio.Future[Any] | None = None, timeout: float = 20
) -> int:
    """The pid of the app's connection that waits for the audit chain's lock, once there is one.

    ``request``, the request expected to wait, must not have been answered meanwhile.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if request is not None and request.done():
            answer = request.result()
            raise AssertionError(f"the request was answered before it wrote: {getattr(answer, 'text', answer)}")
        pid = await admin.fetchval(
            "SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = $1 AND l.objid = $2 LIMIT 1",
            database_name(url),
            CHAIN_LOCK,
        )
        if pid is not None:
            return int(pid)
        await asyncio.sleep(0.02)
    raise AssertionError("no request came to wait for the audit chain's lock")


def verify_audit(database_url: str, *anchors: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m api.cli verify-audit`` against a database, as an operator would."""
    args = [sys.executable, "-m", "api.cli", "verify-audit", *(a for anchor in anchors for a in ("--anchor", anchor))]
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def verify_audit_here(database_url: str, *anchors: str) -> tuple[int, str]:
    """``verify-audit`` run in this process (no interpreter to start): its exit code and what it printed."""
    import io

    from api.cli import main

    out = io.StringIO()
    saved = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = database_url
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                main(["verify-audit", *(a for anchor in anchors for a in ("--anchor", anchor))])
                code = 0
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else 1
    finally:
        if saved is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = saved
    return code, out.getvalue()


_ZYGOTE = """
import datetime as dt, os, signal, sys
import uvicorn
from api.app import create_app
from api.config import Settings
from api.domain.clock import FixedClock
url, key, issuer, documents, now = sys.argv[1:6]
signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed workers are reaped at once
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        settings = Settings(database_url=url, signing_key_file=key, oauth_issuer=issuer,
                            oauth_audience="nwsend-api", document_dir=documents)
        app = create_app(settings, clock=FixedClock(dt.datetime.fromisoformat(now)))
        uvicorn.run(app, host="127.0.0.1", port=int(line), log_level="warning")
        os._exit(0)
    print(pid, flush=True)
"""


@dataclass
class ServerProcess:
    """The app served by uvicorn in a process of its own, which a test may SIGKILL and start again.

    Like a pre-forking process manager, a parent process imports the app once and forks a worker for each
    start, so a restart costs milliseconds rather than an interpreter's start-up. The worker shares the
    in-process test server's signing key and issuer, so that server's tokens work here too.
    """

    database_url: str
    port: int
    signing_key_file: str
    issuer: str
    document_dir: str
    now: dt.datetime
    parent: subprocess.Popen[str] | None = field(default=None, init=False)
    pid: int | None = field(default=None, init=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> ServerProcess:
        if self.parent is None:
            args = [self.database_url, self.signing_key_file, self.issuer, self.document_dir, self.now.isoformat()]
            self.parent = subprocess.Popen(
                [sys.executable, "-c", _ZYGOTE, *args],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        assert self.parent.stdin is not None and self.parent.stdout is not None
        self.parent.stdin.write(f"{self.port}\n")
        self.parent.stdin.flush()
        self.pid = int(self.parent.stdout.readline())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError("the worker did not start")

    def kill(self) -> None:
        """SIGKILL the worker: no shutdown, no rollback, no goodbye to the database."""
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.01)
        self.pid = None

    def close(self) -> None:
        self.kill()
        if self.parent is not None:
            self.parent.communicate(timeout=30)  # closes its input: it ends
            self.parent = None


class Blackhole:
    """A loopback server that accepts connections and never answers: a store or database in a brownout.

    It reads and discards what it is sent, so clients wait for an answer rather than see a reset.
    """

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self._listener.settimeout(0.1)
        self._open: list[socket.socket] = []
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Blackhole:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)
        for connection in self._open:
            connection.close()
        self._listener.close()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                pass
            else:
                connection.setblocking(False)
                self._open.append(connection)
            for connection in list(self._open):
                with contextlib.suppress(BlockingIOError, OSError):
                    connection.recv(65536)


def sibling(app: Any, *, storage: Any = None, **overrides: Any) -> LiveServer:
    """Another server of ``app``'s settings (its database, signing key and issuer: its tokens work), changed
    by ``overrides``; on its own loopback port."""
    from api.app import create_app

    settings = dataclasses.replace(app.state.settings, **overrides)
    return LiveServer(create_app(settings, clock=app.state.clock, storage=storage)).start()


class SilencingProxy:
    """A loopback TCP proxy in front of PostgreSQL that can go silent: after :meth:`silence` it keeps every
    connection, old and new, open but passes nothing either way (a database that stopped answering)."""

    def __init__(self, target_port: int = 5432) -> None:
        self.target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self._listener.settimeout(0.1)
        self._silent = threading.Event()
        self._stopped = threading.Event()
        self._sockets: list[socket.socket] = []
        self._threads = [threading.Thread(target=self._accept, daemon=True)]

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def silence(self) -> None:
        self._silent.set()

    def __enter__(self) -> SilencingProxy:
        self._threads[0].start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopped.set()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            self._sockets.append(client)
            if self._silent.is_set():
                continue  # accepted, never answered
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self._sockets.append(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                thread = threading.Thread(target=self._pipe, args=(source, sink), daemon=True)
                self._threads.append(thread)
                thread.start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        source.settimeout(0.1)
        while not self._stopped.is_set():
            try:
                data = source.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not data:
                return
            if not self._silent.is_set():
                with contextlib.suppress(OSError):
                    sink.sendall(data)
