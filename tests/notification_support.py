"""Test support for notifications: a real SMTP server in the test process, and helpers to wait and read the outbox."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import text

from db.engine import create_engine
from tests.support import free_port

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Received:
    """One mail as the SMTP server took it."""

    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def reference(self) -> str:
        return str(self.message["X-Notification-Id"])

    @property
    def body(self) -> str:
        return self.message.get_content()


@dataclass
class SmtpSink:
    """An ``aiosmtpd`` server on a loopback port, keeping every mail; ``delay`` slows each one down."""

    port: int = field(default_factory=free_port)
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        if self.delay:
            await asyncio.sleep(self.delay)
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 OK queued"

    def start(self) -> SmtpSink:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def mails(self) -> list[Received]:
        with self.lock:
            return list(self.received)

    def to(self, address: str) -> list[Received]:
        return [mail for mail in self.mails() if address in mail.rcpt_tos]


def wait_until(condition: Callable[[], Any], *, timeout: float = 30.0, what: str = "the condition") -> Any:
    """Poll ``condition`` until it is truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


def sql(database_url: str, statement: str, **params: Any) -> list[Any]:
    """Run one statement on the database directly; its rows."""

    async def go() -> list[Any]:
        engine = create_engine(database_url)
        try:
            async with engine.begin() as connection:
                result = await connection.execute(text(statement), params)
                return list(result.all()) if result.returns_rows else []
        finally:
            await engine.dispose()

    return asyncio.run(go())


def outbox(database_url: str, subject_id: int, kind: str = "referral.invited") -> list[Any]:
    return sql(
        database_url,
        "SELECT n.id, n.kind, n.recipient_type, n.recipient_id, n.user_id, n.payload, n.attempts, n.sent_at, "
        "n.failed_at, n.skipped_at, n.skip_reason, n.last_error, n.next_attempt_at, n.provider_message_id, "
        "u.email, u.email_verified_at FROM notification n LEFT JOIN user_account u ON u.id = n.user_id "
        "WHERE n.subject_type = 'Referral' AND n.subject_id = :id AND n.kind = :kind ORDER BY n.id",
        id=subject_id,
        kind=kind,
    )


def cli(database_url: str, *args: str, env: dict[str, str] | None = None, timeout: float = 60) -> str:
    """Run ``python -m api.cli`` on the database; its output. Fails on a non-zero exit."""
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "NOTIFY_RELAY": "off", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def worker(database_url: str, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """A relay in a process of its own (``python -m api.cli worker``)."""
    return subprocess.Popen(
        [sys.executable, "-m", "api.cli", "worker", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def utc(value: Any) -> dt.datetime | None:
    """A timestamp read back from either database, aware."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
