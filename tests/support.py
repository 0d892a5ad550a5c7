"""Test support: fresh databases on each backend, and the real app served over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import uvicorn
from sqlalchemy import event
from starlette.applications import Starlette

from api.app import create_app
from api.auth.actor import Role
from api.auth.scopes import scopes_for
from api.auth.tokens import issue_access_token
from api.config import Settings
from api.domain.clock import FixedClock

DEMO_TODAY = dt.date(2026, 3, 2)
DEMO_NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ("sqlite", "postgresql")


def postgres_available() -> bool:
    async def probe() -> bool:
        try:
            connection = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=3)
        except (TimeoutError, OSError, asyncpg.PostgresError):
            return False
        await connection.close()
        return True

    return asyncio.run(probe())


@contextlib.contextmanager
def fresh_database(backend: str, directory: Path) -> Iterator[str]:
    """A new, empty database for ``backend``; dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / f'{uuid.uuid4().hex}.sqlite3'}"
        return
    name = f"nwsend_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(POSTGRES_ADMIN_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


class StatementCounter:
    """Counts the SQL statements an engine sends while active."""

    def __init__(self, app: Starlette) -> None:
        self.engine = app.state.engine.sync_engine
        self.statements: list[str] = []

    def _on_execute(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self.statements.append(statement)

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine, "before_cursor_execute", self._on_execute)
        return self

    def __exit__(self, *exc: Any) -> None:
        event.remove(self.engine, "before_cursor_execute", self._on_execute)

    @property
    def count(self) -> int:
        return len(self.statements)


@dataclass
class LiveServer:
    """The real application served by uvicorn on a loopback port, in a thread."""

    app: Starlette
    port: int = 0
    server: uvicorn.Server = field(init=False)
    thread: threading.Thread = field(init=False)
    base_url: str = field(init=False, default="")

    def start(self) -> LiveServer:
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@dataclass
class Api:
    """A client of one live server, with helpers for GraphQL and tokens."""

    live: LiveServer
    http: httpx.Client
    backend: str

    @property
    def app(self) -> Starlette:
        return self.live.app

    def token(
        self,
        role: Role,
        *,
        authority_id: int | None = None,
        provider_id: int | None = None,
        board_id: int | None = None,
        scopes: tuple[str, ...] | None = None,
        subject: str | None = None,
    ) -> str:
        settings: Settings = self.app.state.settings
        return issue_access_token(
            self.app.state.signing_key,
            issuer=settings.oauth_issuer,
            audience=settings.oauth_audience,
            subject=subject or f"test-{role.value.lower()}",
            client_id="tests",
            roles=[role],
            scopes=scopes_for(role) if scopes is None else scopes,
            authority_id=authority_id,
            provider_id=provider_id,
            board_id=board_id,
        )

    def post(self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)

    def gql(self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None) -> dict[str, Any]:
        """Run a query that must succeed; return its data."""
        response = self.post(query, variables, token=token)
        assert response.status_code == 200, response.text
        body = response.json()
        assert not body.get("errors"), body["errors"]
        return body["data"]

    def errors(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> list[dict[str, Any]]:
        """Run a query that must fail cleanly; return its errors."""
        response = self.post(query, variables, token=token)
        assert response.status_code in (200, 400, 401), response.text
        body = response.json()
        assert body.get("errors"), body
        return body["errors"]


def free_port() -> int:
    """A loopback port free right now, for a server that must know its own URL before it starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(
    database_url: str, directory: Path, *, clock: FixedClock | None = None, storage: Any = None, **overrides: Any
) -> LiveServer:
    """The app on ``database_url``, at a known loopback URL, with documents under ``directory``."""
    port = free_port()
    # the notification relay runs only where a test asks for it (tests/test_notifications*.py), so that
    # it does not write to other tests' outboxes or add to their statement counts; mail stays in `directory`
    overrides.setdefault("notify_relay", False)
    overrides.setdefault("mail_dir", str(directory / "mail"))
    settings = Settings(
        database_url=database_url,
        signing_key_file=str(directory / "signing-key.pem"),
        oauth_issuer=f"http://127.0.0.1:{port}",
        oauth_audience="nwsend-api",
        document_dir=str(directory / "documents"),
        **overrides,
    )
    app = create_app(settings, clock=clock or FixedClock(DEMO_NOW), storage=storage)
    return LiveServer(app, port=port).start()


@dataclass
class WritableApi(Api):
    """An API on its own demo database, with a clock the test may move. Tests may write."""

    clock: FixedClock = field(default_factory=lambda: FixedClock(DEMO_NOW))

    def at(self, moment: dt.datetime) -> None:
        """Move the server's clock."""
        self.clock.at = moment


@contextlib.contextmanager
def writable_api(backend: str, directory: Path, *, seed: Any) -> Iterator[WritableApi]:
    """A fresh database seeded by ``seed(url)``, served at a known URL, with a movable clock."""
    with fresh_database(backend, directory) as url:
        asyncio.run(seed(url))
        clock = FixedClock(DEMO_NOW)
        live = serve(url, directory, clock=clock)
        try:
            with httpx.Client(base_url=live.base_url, timeout=30) as http:
                yield WritableApi(live=live, http=http, backend=backend, clock=clock)
        finally:
            live.stop()


async def membership_totals_that_disagree(session: Any) -> list[int]:
    """Memberships whose kept STANDARD-band weekly total is not the sum of their rate card's STANDARD lines."""
    from sqlalchemy import func, select

    from db import models as m
    from db.enums import PricingBand

    line = m.RateCardLine
    summed = (
        select(func.sum(line.weekly_fee_pence))
        .where(line.membership_id == m.LotMembership.id, line.band == PricingBand.STANDARD)
        .scalar_subquery()
    )
    kept = m.LotMembership.standard_weekly_fee_pence
    stmt = select(m.LotMembership.id).where(kept.is_distinct_from(summed))
    return list(await session.scalars(stmt))
