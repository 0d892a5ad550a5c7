"""Several relays on one PostgreSQL outbox: each notification delivered once, none left behind.

Relays run as real worker processes (``python -m api.cli worker``), delivering over SMTP to an
``aiosmtpd`` server in this process, which tells the deliveries apart by their reference.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import models as m
from db.engine import create_engine, session_factory
from db.enums import UserRole
from db.migrate import upgrade
from tests.conftest import _require
from tests.notification_support import SmtpSink, sql, wait_until, worker
from tests.support import fresh_database

COUNT = 500


async def _outbox_of(url: str, count: int) -> None:
    """A migrated database with one user with a verified address, and ``count`` notifications due for them."""
    engine = create_engine(url)
    try:
        await upgrade(engine)
        now = dt.datetime.now(dt.UTC)
        async with session_factory(engine)() as session:
            user = m.User(
                username="recipient",
                display_name="Recipient",
                password_hash="x",
                role=UserRole.AUDITOR,
                email="recipient@example.org",
                email_verified_at=now,
            )
            session.add(user)
            await session.flush()
            session.add_all(
                m.Notification(
                    created_at=now,
                    kind="referral.invited",
                    channel="EMAIL",
                    recipient_type="User",
                    recipient_id=user.id,
                    user_id=user.id,
                    subject_type="Referral",
                    subject_id=n,
                    payload={
                        "referral": f"NWR-{n:06d}",
                        "referralId": f"ref-{n}",
                        "lot": "L1",
                        "offerDeadline": (now + dt.timedelta(days=1)).isoformat(),
                        "startBy": "2027-01-04",
                    },
                    attempts=0,
                    next_attempt_at=now - dt.timedelta(seconds=1),
                )
                for n in range(1, count + 1)
            )
            await session.commit()
    finally:
        await engine.dispose()


@pytest.fixture()
def outbox_500(tmp_path: Path) -> Iterator[str]:
    _require("postgresql")
    with fresh_database("postgresql", tmp_path) as url:
        asyncio.run(_outbox_of(url, COUNT))
        yield url


@pytest.fixture()
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink().start()
    try:
        yield sink
    finally:
        sink.stop()


def _env(smtp: SmtpSink, **more: str) -> dict[str, str]:
    return {
        "SMTP_URL": smtp.url,
        "NOTIFY_POLL_SECONDS": "0.1",
        "NOTIFY_BATCH_SIZE": "10",
        "NOTIFY_LEASE_SECONDS": "3",
        "NOTIFY_BACKOFF_SECONDS": "0.2",
        **more,
    }


def _unsent(url: str) -> int:
    return int(sql(url, "SELECT count(*) AS n FROM notification WHERE sent_at IS NULL")[0].n)


def test_two_relays_deliver_500_notifications_exactly_once(outbox_500: str, smtp: SmtpSink) -> None:
    relays = [worker(outbox_500, "--once", "--name", f"relay-{n}", env=_env(smtp)) for n in (1, 2)]
    try:
        outputs = [relay.communicate(timeout=120)[0] for relay in relays]
    finally:
        for relay in relays:
            relay.kill()
    assert all(relay.returncode == 0 for relay in relays), outputs
    handled = [int(out.strip().rsplit("handled ", 1)[1].split()[0]) for out in outputs]
    assert sum(handled) == COUNT and all(handled), handled  # both worked, and between them took each once
    references = collections.Counter(mail.reference for mail in smtp.mails())
    assert set(references) == {str(n) for n in range(1, COUNT + 1)}
    assert max(references.values()) == 1, [r for r, n in references.items() if n > 1]
    assert _unsent(outbox_500) == 0
    [row] = sql(outbox_500, "SELECT min(attempts) AS lo, max(attempts) AS hi FROM notification")
    assert (row.lo, row.hi) == (1, 1)


def test_a_relay_killed_mid_batch_leaves_the_rest_to_another(outbox_500: str, smtp: SmtpSink) -> None:
    smtp.delay = 0.01  # so that the first relay is killed with much left to do
    first = worker(outbox_500, "--name", "doomed", env=_env(smtp))
    try:
        wait_until(lambda: len(smtp.mails()) >= 60, timeout=60, what="the first relay to deliver some")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        first.kill()
    delivered_by_first = len(smtp.mails())
    assert delivered_by_first < COUNT, "the first relay must be killed mid-way"

    smtp.delay = 0.0
    second = worker(outbox_500, "--name", "survivor", env=_env(smtp))
    try:
        wait_until(lambda: _unsent(outbox_500) == 0, timeout=120, what="the second relay to deliver the rest")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    assert second.returncode == 0  # stops cleanly on SIGTERM

    references = collections.Counter(mail.reference for mail in smtp.mails())
    assert set(references) == {str(n) for n in range(1, COUNT + 1)}, "none is left behind"
    repeats = [r for r, n in references.items() if n > 1]
    assert len(repeats) <= 1 and all(references[r] == 2 for r in repeats), repeats  # the one in flight, at most
