"""Several relays on one PostgreSQL outbox: each notification delivered once, none left behind.

Also: a batch that outlasts its lease sends nothing twice; replaced one-time links are skipped and a
FAILED one keeps no token; SMTP credentials never go without TLS; too short a lease is refused.

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
from typing import Any

import pytest
from sqlalchemy import select, text

from db import models as m
from db.engine import create_engine, session_factory
from db.enums import UserRole
from db.migrate import upgrade
from tests.conftest import _require
from tests.notification_support import SmtpSink, sql, wait_until, worker
from tests.support import fresh_database

COUNT = 500
IN_FLIGHT = 4  # deliveries one relay makes at once (NOTIFY_CONCURRENCY)


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
        "NOTIFY_DELIVERY_TIMEOUT": "1",
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
    first = worker(outbox_500, "--name", "doomed", env=_env(smtp, NOTIFY_CONCURRENCY=str(IN_FLIGHT)))
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
    # the ones in flight when it was killed, at most
    assert len(repeats) <= IN_FLIGHT and all(references[r] == 2 for r in repeats), repeats


async def _race_two_relays(url: str, smtp_url: str, count: int) -> None:
    """Two relays on one outbox, one message at a time, with batches that outlast the lease, until all is sent."""
    from api.delivery.smtp import SmtpChannel
    from api.domain.relay import Relay, RelayPolicy

    engine = create_engine(url)
    try:
        policy = RelayPolicy(
            public_url="http://127.0.0.1",
            batch_size=10,
            lease=3.0,
            timeout=1.0,
            poll=0.05,
            backoff=0.1,
            concurrency=1,  # one at a time: a batch of 10 at 0.4 s each takes 4 s, longer than its 3 s lease
        )
        sessions = session_factory(engine)
        relays = [
            Relay(
                sessions, {"EMAIL": SmtpChannel(smtp_url, mail_from="nwsend@example.org", timeout=1.0)}, policy, name=n
            )
            for n in ("relay-1", "relay-2")
        ]
        stop = asyncio.Event()
        running = [asyncio.create_task(relay.run(stop)) for relay in relays]
        deadline = asyncio.get_running_loop().time() + 60
        while asyncio.get_running_loop().time() < deadline:
            async with engine.connect() as connection:
                unsent = await connection.scalar(text("SELECT count(*) FROM notification WHERE sent_at IS NULL"))
            if not unsent:
                break
            await asyncio.sleep(0.1)
        stop.set()
        await asyncio.gather(*running)  # each finishes the batch it has in hand
    finally:
        await engine.dispose()


@pytest.fixture()
def outbox_15(tmp_path: Path) -> Iterator[str]:
    _require("postgresql")
    with fresh_database("postgresql", tmp_path) as url:
        asyncio.run(_outbox_of(url, 15))
        yield url


def test_a_batch_that_outlasts_its_lease_is_not_sent_twice(outbox_15: str, smtp: SmtpSink) -> None:
    """Each row's claim is renewed, guarded, just before it is sent: a row another relay took is left to it."""
    smtp.delay = 0.4
    # The first relay takes 10 (4 s of work, a 3 s lease), the second the other 5 (2 s), then idles and,
    # once the first's lease has run out, would take the first's last rows while they are still queued.
    asyncio.run(_race_two_relays(outbox_15, smtp.url, 15))
    references = collections.Counter(mail.reference for mail in smtp.mails())
    assert set(references) == {str(n) for n in range(1, 16)}, "none is left behind"
    assert max(references.values()) == 1, sorted(r for r, n in references.items() if n > 1)
    assert _unsent(outbox_15) == 0


class _Refusing:
    """A channel that refuses every message for good."""

    name = "refusing"

    async def deliver(self, message: Any) -> Any:
        from api.delivery.base import Permanent

        raise Permanent("the address does not exist")


async def _one_time_links(url: str, channel: Any) -> None:
    """The recipient's current reset and invitation tokens are ``new-…``; rows carrying both stale and current ones."""
    from api.domain.notifications import token_hash
    from api.domain.relay import Relay, RelayPolicy

    engine = create_engine(url)
    try:
        now = dt.datetime.now(dt.UTC)
        async with session_factory(engine)() as session:
            user = await session.scalar(select(m.User).where(m.User.username == "recipient"))
            assert user is not None
            user.password_reset_token_hash = token_hash("new-reset")
            user.password_reset_expires_at = now + dt.timedelta(minutes=30)
            user.invitation_token_hash = token_hash("new-invitation")
            for kind, token in (
                ("user.password_reset", "old-reset"),
                ("user.password_reset", "new-reset"),
                ("user.invited", "old-invitation"),
                ("user.invited", "new-invitation"),
            ):
                session.add(
                    m.Notification(
                        created_at=now,
                        kind=kind,
                        channel="EMAIL",
                        recipient_type="User",
                        recipient_id=user.id,
                        user_id=user.id,
                        subject_type="User",
                        subject_id=user.id,
                        payload={"name": "R", "username": "recipient", "inviter": "A", "provider": "P", "token": token},
                        attempts=0,
                        next_attempt_at=now - dt.timedelta(seconds=1),
                    )
                )
            await session.commit()
        relay = Relay(session_factory(engine), {"EMAIL": channel}, RelayPolicy(public_url="http://127.0.0.1"))
        await relay.drain()
    finally:
        await engine.dispose()


@pytest.fixture()
def outbox_1(tmp_path: Path) -> Iterator[str]:
    _require("postgresql")
    with fresh_database("postgresql", tmp_path) as url:
        asyncio.run(_outbox_of(url, 1))
        yield url


def _links(url: str) -> list[Any]:
    return sql(
        url,
        "SELECT id, kind, payload, sent_at, skipped_at, skip_reason, failed_at FROM notification "
        "WHERE kind IN ('user.password_reset', 'user.invited') ORDER BY id",
    )


def test_a_replaced_one_time_link_is_skipped_not_sent(outbox_1: str, smtp: SmtpSink) -> None:
    from api.delivery.smtp import SmtpChannel

    asyncio.run(_one_time_links(outbox_1, SmtpChannel(smtp.url, mail_from="nwsend@example.org")))
    rows = _links(outbox_1)
    stale = [r for r in rows if r.skip_reason is not None]
    current = [r for r in rows if r.sent_at is not None]
    assert [(r.kind, r.skip_reason) for r in stale] == [
        ("user.password_reset", "SUPERSEDED"),
        ("user.invited", "SUPERSEDED"),
    ]
    assert [r.kind for r in current] == ["user.password_reset", "user.invited"]
    assert all("token" not in r.payload for r in rows)  # every settled row loses its one-time token
    bodies = " ".join(mail.body for mail in smtp.mails())
    assert "new-reset" in bodies and "new-invitation" in bodies
    assert "old-reset" not in bodies and "old-invitation" not in bodies


def test_a_failed_one_time_link_loses_its_token_and_is_not_retried(outbox_1: str) -> None:
    from tests.notification_support import cli

    asyncio.run(_one_time_links(outbox_1, _Refusing()))
    failed = [r for r in _links(outbox_1) if r.failed_at is not None]
    assert len(failed) == 2, _links(outbox_1)  # the current ones: the stale ones were skipped
    assert all("token" not in r.payload for r in failed)  # no live token left in the database
    out = cli(outbox_1, "retry-notifications")
    assert "1 failed notification(s) will be tried again" in out, out  # the referral's, which has no secret
    assert "2 not retried" in out and all(str(r.id) in out for r in failed), out
    assert [r.id for r in _links(outbox_1) if r.failed_at is not None] == [r.id for r in failed]  # still FAILED


async def _deliver_once(url: str, channel: Any) -> None:
    from api.domain.relay import Relay, RelayPolicy

    engine = create_engine(url)
    try:
        await Relay(session_factory(engine), {"EMAIL": channel}, RelayPolicy(public_url="http://127.0.0.1")).run_once()
    finally:
        await engine.dispose()


def test_smtp_credentials_never_go_without_tls(outbox_1: str, smtp: SmtpSink) -> None:
    """The test server offers no STARTTLS: with credentials in SMTP_URL nothing is sent, and the row says why."""
    from api.delivery.smtp import SmtpChannel, parse_smtp_url

    with_password = smtp.url.replace("smtp://", "smtp://mailer:s3cret@")
    asyncio.run(_deliver_once(outbox_1, SmtpChannel(with_password, mail_from="nwsend@example.org")))
    assert smtp.mails() == []
    [row] = sql(outbox_1, "SELECT sent_at, failed_at, next_attempt_at, last_error FROM notification")
    assert row.sent_at is None and row.failed_at is None and row.next_attempt_at is not None  # Retryable: waits
    assert "does not offer STARTTLS and TLS is required" in row.last_error, row.last_error
    assert "s3cret" not in row.last_error

    assert parse_smtp_url(with_password)["start_tls"] is True
    assert parse_smtp_url(smtp.url)["start_tls"] is None  # no credentials: STARTTLS when offered
    assert parse_smtp_url(smtp.url, require_tls=True)["start_tls"] is True  # SMTP_REQUIRE_TLS=on
    assert parse_smtp_url("smtps://u:p@mail.example.org")["use_tls"] is True


def test_a_lease_shorter_than_a_delivery_is_refused_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from api.config import Settings

    monkeypatch.setenv("NOTIFY_LEASE_SECONDS", "30")
    monkeypatch.setenv("NOTIFY_DELIVERY_TIMEOUT", "30")
    with pytest.raises(ValueError, match="NOTIFY_LEASE_SECONDS .* NOTIFY_DELIVERY_TIMEOUT"):
        Settings.from_env()
    monkeypatch.setenv("NOTIFY_LEASE_SECONDS", "40")
    assert Settings.from_env().notify_lease_seconds == 40
