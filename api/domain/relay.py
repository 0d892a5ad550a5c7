"""The relay: takes due notifications from the outbox, delivers them, and records what happened.

One pass (:meth:`Relay.run_once`):

1. **Claim** up to ``batch_size`` due rows (``next_attempt_at <= now``, oldest due first) in a short
   transaction: ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, so relays running side by side
   never take the same row; each claimed row's ``next_attempt_at`` moves a *lease* ahead and its
   ``attempts`` goes up by one; then commit. No transaction is open while a message travels.
2. **Renew** each row's claim immediately before it is delivered: one guarded ``UPDATE`` moves its
   lease ahead again only if ``next_attempt_at`` still holds the lease this relay wrote (and the row
   is unsettled). A row whose lease ran out while it waited in the batch, and which another relay has
   since claimed (so writing a lease of its own), no longer matches: it is left to that relay, not
   sent. The renewal also reads the addressee afresh, so the checks below see the current state.
3. **Deliver** each through the channel named by its ``channel`` with a timeout, up to
   ``concurrency`` at once (``NOTIFY_CONCURRENCY``; one at a time on SQLite), so that one slow
   endpoint does not hold up the rest of the batch; after checking it should still go (the user is
   active, the address verified unless the kind is the verification itself, the kind not turned off,
   a one-time link, of a verification, a password reset or an invitation, still the user's current
   one: otherwise it is SKIPPED as ``SUPERSEDED``). A ``WEBHOOK`` row goes to its endpoint as a signed event
   (its attempt logged for the endpoint's owner); a ``FIND_A_TENDER`` row (only when that channel is configured,
   ``FIND_A_TENDER_URL``: otherwise it is never claimed and its notice stays QUEUED) sends the OCDS release of the
   :class:`~db.models.ProcurementNotice` it names, in a release package, to Find a Tender; a notice published
   already is not sent again, and one taken back to DRAFT is SKIPPED as ``SUPERSEDED``.
4. **Record** each outcome at once, in its own short transaction. A failure (``last_error`` and the
   next attempt after an exponential back-off with jitter on a :class:`~api.delivery.Retryable` one;
   ``failed_at`` on a :class:`~api.delivery.Permanent` one or after ``max_attempts``) is written only
   while the row still holds this relay's lease. A success (``sent_at`` and the channel's
   ``provider_message_id``) is written guarded by the lease too; should the lease have been lost
   meanwhile, it is still written on a row not yet settled (a warning is logged), since the message
   did go and another relay that took the row then finds it settled and does not send it again.
   Once a row is settled, sent, skipped or FAILED, the kind's ``secret`` payload fields (one-time
   tokens) are erased from it. A notice's outcome is written on the notice in the same transaction as its
   row's, and only if the row's is (the same guards): published (``published_at``, ``fts_notice_id``, no
   ``last_error``); a retryable failure's ``last_error`` (still QUEUED); or ``failed_at`` and ``last_error``
   (FAILED) on a permanent failure or after ``max_attempts``.

The lease (``NOTIFY_LEASE_SECONDS``) must be longer than one delivery's timeout
(``NOTIFY_DELIVERY_TIMEOUT``) plus a margin (:func:`api.config.lease_margin`): settings that are not
are refused at start-up. Since each row's lease is renewed just before its own delivery, a batch may
take longer than a lease without any row being delivered twice.

A relay killed mid-batch leaves its claimed rows leased; when the lease runs out another relay takes
them. Delivery is therefore at least once: the messages in flight when a relay died (or lost its
lease) may arrive twice, and carry the notification's id as their reference so the receiver can tell.

On SQLite one relay runs (inside ``serve``); the claim is guarded so that a second one would find
nothing rather than take a row twice. The relay's clock is the real one: retries are about real time,
whatever clock the domain runs on.

Run it inside the server (``serve``, unless ``NOTIFY_RELAY=off``) or apart (``python -m api.cli worker``).

Reminders: given ``reminders_every`` (``NOTIFY_REMINDER_SECONDS``), the loop also writes the reminders
now due (:func:`api.domain.reminders.write_due`) every so many seconds, with ``app_clock``, the clock
the domain runs on (not the relay's real one), so that reminders follow a test's or a demo's clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sqlalchemy import and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings, check_lease
from api.delivery.base import Channel, Message, Permanent, Retryable
from api.delivery.find_a_tender import NoticeMessage
from api.delivery.webhooks import WebhookMessage
from api.domain import notices, ocds, reminders, webhooks
from api.domain.clock import Clock, SystemClock
from api.domain.notification_kinds import KINDS, Kind, render
from api.domain.notifications import SkipReason, _settled_payload, token_hash
from db import models as m

log = logging.getLogger("api.notifications")


@dataclass(frozen=True)
class RelayPolicy:
    """How a relay works: batches, leases, retries, timeouts. Every value comes from the settings."""

    public_url: str
    batch_size: int = 20
    lease: float = 120.0
    max_attempts: int = 8
    backoff: float = 60.0
    backoff_max: float = 21600.0
    timeout: float = 30.0
    poll: float = 1.0
    concurrency: int = 4

    def __post_init__(self) -> None:
        check_lease(self.lease, self.timeout)
        if self.concurrency < 1:
            raise ValueError("NOTIFY_CONCURRENCY must be 1 or more")

    @classmethod
    def from_settings(cls, settings: Settings) -> RelayPolicy:
        return cls(
            public_url=settings.public_url,
            batch_size=settings.notify_batch_size,
            lease=settings.notify_lease_seconds,
            max_attempts=settings.notify_max_attempts,
            backoff=settings.notify_backoff_seconds,
            backoff_max=settings.notify_backoff_max_seconds,
            timeout=settings.notify_delivery_timeout,
            poll=settings.notify_poll_seconds,
            concurrency=settings.notify_concurrency,
        )

    def delay(self, attempts: int) -> float:
        """Seconds before the next attempt, after ``attempts`` failed: doubling, capped, with jitter."""
        base = min(self.backoff_max, self.backoff * 2 ** max(0, attempts - 1))
        return base * (0.5 + random.random() / 2)


@dataclass(frozen=True)
class Claimed:
    """A claimed row and what its delivery needs to know of its addressee."""

    id: int
    kind: str
    channel: str
    payload: dict[str, Any]
    attempts: int
    lease_until: dt.datetime
    user_id: int | None
    email: str | None
    verified: bool
    active: bool
    muted: tuple[str, ...]
    verification_hash: str | None
    webhook_endpoint_id: int | None = None
    created_at: dt.datetime | None = None
    password_reset_hash: str | None = None
    invitation_hash: str | None = None
    subject_type: str | None = None
    subject_id: int | None = None

    def current_token_hash(self) -> str | None:
        """The hash of the one-time token the addressee holds now, for a kind that carries one."""
        return {
            Kind.EMAIL_VERIFICATION.value: self.verification_hash,
            Kind.PASSWORD_RESET.value: self.password_reset_hash,
            Kind.COLLEAGUE_INVITED.value: self.invitation_hash,
        }.get(self.kind)


_ONE_TIME_LINKS = frozenset({Kind.EMAIL_VERIFICATION.value, Kind.PASSWORD_RESET.value, Kind.COLLEAGUE_INVITED.value})
_NOTICE = "ProcurementNotice"
"""The ``subject_type`` of a ``FIND_A_TENDER`` row (:func:`api.domain.notices.queue`)."""

Also = Callable[[AsyncSession], Awaitable[None]]
"""More to write in the transaction that records a row's outcome, only if that outcome is written."""


class Relay:
    """Delivers the outbox through ``channels`` (by ``Notification.channel``: ``{"EMAIL": …}``)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        channels: Mapping[str, Channel],
        policy: RelayPolicy,
        *,
        clock: Clock | None = None,
        name: str = "relay",
        reminders_every: float | None = None,
        app_clock: Clock | None = None,
    ) -> None:
        self.sessions = sessions
        self.channels = dict(channels)
        self.policy = policy
        self.clock = clock or SystemClock()
        self.name = name
        # reminders (api.domain.reminders) are written every `reminders_every` seconds, by the app's clock
        self.reminders_every = reminders_every if reminders_every and reminders_every > 0 else None
        self.app_clock = app_clock or SystemClock()
        self._next_reminders = 0.0
        self._one_at_a_time = False  # set on SQLite, where a single writer is the rule

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set; idle, look again every ``poll`` seconds. Errors are logged, not fatal."""
        log.info("%s: delivering notifications (%s)", self.name, ", ".join(sorted(self.channels)))
        while not stop.is_set():
            await self.write_reminders()
            try:
                handled = await self.run_once()
            except Exception:  # the database away, a bug in one row: log, wait, carry on
                log.exception("%s: a pass over the outbox failed; trying again shortly", self.name)
                handled = 0
            if handled < self.policy.batch_size:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.policy.poll)
        log.info("%s: stopped", self.name)

    async def write_reminders(self, *, force: bool = False) -> int:
        """Write the reminders now due (by the app's clock), if the interval has passed; errors are logged."""
        if self.reminders_every is None and not force:
            return 0
        if not force and time.monotonic() < self._next_reminders:
            return 0
        self._next_reminders = time.monotonic() + (self.reminders_every or 0)
        try:
            return await reminders.write_due(self.sessions, now=self.app_clock.now())
        except Exception:  # the database away, a bug: log, and try again at the next interval
            log.exception("%s: writing the reminders due failed; trying again later", self.name)
            return 0

    async def run_once(self) -> int:
        """Claim one batch and deliver it; how many rows were handled."""
        batch = await self.claim()
        if self._one_at_a_time or self.policy.concurrency == 1:
            for item in batch:
                await self.deliver(item)
        else:
            gate = asyncio.Semaphore(self.policy.concurrency)

            async def one(item: Claimed) -> None:
                async with gate:
                    try:
                        await self.deliver(item)
                    except Exception:  # one row's database error must not lose the others' outcomes
                        log.exception(
                            "%s: notification %s: delivering failed; its lease will run out", self.name, item.id
                        )

            await asyncio.gather(*(one(item) for item in batch))
        return len(batch)

    async def drain(self) -> int:
        """Deliver until nothing is due; how many rows were handled."""
        total = 0
        while handled := await self.run_once():
            total += handled
        return total

    # -- claiming -------------------------------------------------------------------------------

    async def claim(self) -> list[Claimed]:
        t = m.Notification
        async with self.sessions() as session, session.begin():
            now = self.clock.now()
            due = (
                select(t.id)
                .where(t.next_attempt_at <= now, t.channel.in_(list(self.channels)))
                .order_by(t.next_attempt_at, t.id)
                .limit(self.policy.batch_size)
            )
            if session.bind.dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True)
            else:
                self._one_at_a_time = True
            ids = list(await session.scalars(due))
            if not ids:
                return []
            lease_until = now + dt.timedelta(seconds=self.policy.lease)
            await session.execute(
                update(t)
                .where(t.id.in_(ids), t.next_attempt_at <= now)  # on SQLite: not taken by another meanwhile
                .values(next_attempt_at=lease_until, attempts=t.attempts + 1)
                .execution_options(synchronize_session=False)
            )
            return await self._load(session, ids, lease_until)

    async def _load(self, session: AsyncSession, ids: list[int], lease_until: dt.datetime) -> list[Claimed]:
        """The rows among ``ids`` holding the lease ``lease_until``, with what delivery needs of the addressee."""
        t, u = m.Notification, m.User
        rows = await session.execute(
            select(
                t.id,
                t.kind,
                t.channel,
                t.payload,
                t.attempts,
                t.user_id,
                u.email,
                u.email_verified_at,
                u.active,
                u.muted_kinds,
                u.email_verification_token_hash,
                t.webhook_endpoint_id,
                t.created_at,
                u.password_reset_token_hash,
                u.invitation_token_hash,
                t.subject_type,
                t.subject_id,
            )
            .outerjoin(u, u.id == t.user_id)
            .where(t.id.in_(ids), t.next_attempt_at == lease_until)
            .order_by(t.id)
        )
        return [
            Claimed(
                id=r.id,
                kind=r.kind,
                channel=r.channel,
                payload=dict(r.payload or {}),
                attempts=r.attempts,
                lease_until=lease_until,
                user_id=r.user_id,
                email=r.email,
                verified=r.email_verified_at is not None,
                active=bool(r.active),
                muted=tuple(r.muted_kinds or ()),
                verification_hash=r.email_verification_token_hash,
                webhook_endpoint_id=r.webhook_endpoint_id,
                created_at=r.created_at,
                password_reset_hash=r.password_reset_token_hash,
                invitation_hash=r.invitation_token_hash,
                subject_type=r.subject_type,
                subject_id=r.subject_id,
            )
            for r in rows
        ]

    async def renew(self, item: Claimed) -> Claimed | None:
        """Move the row's lease ahead, if this relay still holds it; the row read afresh, or None if it is not ours."""
        t = m.Notification
        async with self.sessions() as session, session.begin():
            lease_until = self.clock.now() + dt.timedelta(seconds=self.policy.lease)
            if lease_until == item.lease_until:  # never the same value twice: the guard below tells leases apart
                lease_until += dt.timedelta(microseconds=1)
            result = await session.execute(
                update(t)
                .where(
                    t.id == item.id,
                    t.next_attempt_at == item.lease_until,  # still the lease this relay wrote
                    t.sent_at.is_(None),
                    t.failed_at.is_(None),
                    t.skipped_at.is_(None),
                )
                .values(next_attempt_at=lease_until)
                .execution_options(synchronize_session=False)
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                return None
            fresh = await self._load(session, [item.id], lease_until)
            return fresh[0] if fresh else None

    # -- delivering -----------------------------------------------------------------------------

    def _skip_reason(self, item: Claimed) -> SkipReason | None:
        entry = KINDS[Kind(item.kind)]
        if item.user_id is None:
            return SkipReason.NO_RECIPIENT
        if not item.active:
            return SkipReason.INACTIVE
        if item.email is None or (not item.verified and not entry.to_unverified):
            return SkipReason.NO_VERIFIED_ADDRESS
        if entry.optional and item.kind in item.muted:
            return SkipReason.MUTED
        if item.kind in _ONE_TIME_LINKS:
            # A one-time link goes only while it is the addressee's current one: not replaced by a newer
            # one, not used, and not erased from the row (a FAILED row retried after its secret went).
            token = item.payload.get("token")
            current = item.current_token_hash()
            if not token or current is None or current != token_hash(str(token)):
                return SkipReason.SUPERSEDED
            if item.kind == Kind.EMAIL_VERIFICATION.value and item.verified:
                return SkipReason.SUPERSEDED
        return None

    async def deliver(self, item: Claimed) -> None:
        """Renew the row's claim, deliver it and record the outcome; never raises for a delivery failure.

        A row this relay no longer holds (its lease ran out and another relay claimed it) is left alone.
        """
        fresh = await self.renew(item)
        if fresh is None:
            log.warning(
                "%s: notification %s (%s): its lease ran out before it was sent and another relay has it; left to it",
                self.name,
                item.id,
                item.kind,
            )
            return
        item = fresh
        try:
            Kind(item.kind)
        except ValueError:
            await self._fail(item, f"unknown kind of notification {item.kind!r}")
            return
        if item.channel == webhooks.WEBHOOK:
            await self._deliver_webhook(item)
            return
        if item.channel == notices.FIND_A_TENDER:
            await self._deliver_notice(item)
            return
        if reason := self._skip_reason(item):
            await self._settle(item, skipped_at=self.clock.now(), skip_reason=reason.value)
            log.info("%s: notification %s (%s) skipped: %s", self.name, item.id, item.kind, reason.value)
            return
        assert item.email is not None
        try:
            words = render(item.kind, item.payload, public_url=self.policy.public_url)
        except (KeyError, ValueError, IndexError) as exc:
            await self._fail(item, f"the message could not be written from its payload: {exc!r}")
            return
        message = Message(
            reference=str(item.id),
            kind=item.kind,
            to=item.email,
            subject=words.subject,
            body=words.body,
            personalisation=words.personalisation,
        )
        channel = self.channels[item.channel]
        try:
            delivered = await asyncio.wait_for(channel.deliver(message), self.policy.timeout)
        except Permanent as exc:
            await self._fail(item, exc.message)
            return
        except Retryable as exc:
            await self._retry(item, exc.message)
            return
        except TimeoutError:
            await self._retry(item, f"no answer within {self.policy.timeout:g} seconds")
            return
        except Exception as exc:  # a channel's bug must not stop the relay: retried, and logged in full
            log.exception("%s: notification %s: unexpected error from %s", self.name, item.id, channel.name)
            await self._retry(item, f"unexpected error: {type(exc).__name__}: {exc}")
            return
        await self._sent(item, provider_message_id=delivered.provider_message_id[:200])
        log.info(
            "%s: notification %s (%s) sent to user %s through %s, attempt %s",
            self.name,
            item.id,
            item.kind,
            item.user_id,
            channel.name,
            item.attempts,
        )

    async def _deliver_webhook(self, item: Claimed) -> None:
        """Deliver a ``WEBHOOK`` row to its endpoint as a signed event, and log the attempt for its owner."""
        assert item.webhook_endpoint_id is not None and item.created_at is not None
        try:
            async with self.sessions() as session:
                target = await webhooks.target(session, item.webhook_endpoint_id, written_at=item.created_at)
        except ValueError as exc:  # no key opens the secret: a configuration to fix, then retry-notifications
            await self._retry(item, str(exc))
            return
        if target is None or not target.enabled:
            reason = SkipReason.ENDPOINT_DISABLED
            await self._settle(item, skipped_at=self.clock.now(), skip_reason=reason.value)
            log.info("%s: notification %s (%s) skipped: %s", self.name, item.id, item.kind, reason.value)
            return
        try:
            words = render(item.kind, item.payload, public_url=self.policy.public_url)
        except (KeyError, ValueError, IndexError) as exc:
            await self._fail(item, f"the event could not be written from its payload: {exc!r}")
            return
        body = webhooks.event_body(
            notification_id=item.id, kind=item.kind, written_at=item.created_at, personalisation=words.personalisation
        )
        message = WebhookMessage(
            reference=str(item.id), kind=item.kind, url=target.url, body=body, secrets=target.secrets
        )
        channel = self.channels[item.channel]
        started, at = asyncio.get_running_loop().time(), self.clock.now()
        status_code: int | None = None
        error: str | None = None
        permanent = False
        try:
            delivered = await asyncio.wait_for(channel.deliver(message), self.policy.timeout)  # type: ignore[arg-type]
            status_code = delivered.status_code
        except (Permanent, Retryable) as exc:
            status_code, error, permanent = exc.status_code, exc.message, isinstance(exc, Permanent)
        except TimeoutError:
            error = f"no answer within {self.policy.timeout:g} seconds"
        except Exception as exc:  # a channel's bug must not stop the relay: retried, and logged in full
            log.exception("%s: notification %s: unexpected error from %s", self.name, item.id, channel.name)
            error = f"unexpected error: {type(exc).__name__}: {exc}"
        given_up = permanent or item.attempts >= self.policy.max_attempts
        async with self.sessions() as session, session.begin():
            await webhooks.log_attempt(
                session,
                notification_id=item.id,
                endpoint_id=target.endpoint_id,
                attempt=item.attempts,
                at=at,
                duration_ms=int((asyncio.get_running_loop().time() - started) * 1000),
                status_code=status_code,
                error=error,
                outcome="DELIVERED" if error is None else ("FAILED" if given_up else "RETRYING"),
            )
        if error is None:
            await self._sent(item, provider_message_id=f"HTTP {status_code}")
            log.info(
                "%s: notification %s (%s) delivered to webhook endpoint %s, attempt %s",
                self.name,
                item.id,
                item.kind,
                target.endpoint_id,
                item.attempts,
            )
        elif permanent:
            await self._fail(item, error)
        else:
            await self._retry(item, error)

    async def _deliver_notice(self, item: Claimed) -> None:
        """Send a ``FIND_A_TENDER`` row's notice to Find a Tender; record the outcome on the row and the notice."""
        if item.subject_type != _NOTICE or item.subject_id is None:
            await self._fail(item, f"a {notices.FIND_A_TENDER} notification names no procurement notice")
            return
        notice_id = item.subject_id
        n = m.ProcurementNotice
        async with self.sessions() as session:
            found = (
                await session.execute(
                    select(n.release_id, n.release, n.queued_at, n.published_at, n.fts_notice_id).where(
                        n.id == notice_id
                    )
                )
            ).one_or_none()
        if found is None:
            await self._fail(item, f"procurement notice {notice_id} no longer exists")
            return
        if found.published_at is not None:  # published already (by a relay that lost its lease): not sent twice
            await self._sent(item, provider_message_id=str(found.fts_notice_id or "")[:200])
            log.info("%s: notification %s: notice %s was published already", self.name, item.id, found.release_id)
            return
        if found.queued_at is None:  # taken back to DRAFT since it was queued
            await self._settle(item, skipped_at=self.clock.now(), skip_reason=SkipReason.SUPERSEDED.value)
            log.info("%s: notification %s skipped: notice %s is no longer queued", self.name, item.id, notice_id)
            return
        package = notice_package(found.release, public_url=self.policy.public_url, published=self.clock.now())
        message = NoticeMessage(
            reference=str(item.id),
            release_id=found.release_id,
            body=json.dumps(package, ensure_ascii=False, separators=(",", ":"), default=str).encode(),
        )
        channel = self.channels[item.channel]
        try:
            delivered = await asyncio.wait_for(channel.deliver(message), self.policy.timeout)  # type: ignore[arg-type]
        except (Permanent, Retryable) as exc:
            error, permanent = exc.message, isinstance(exc, Permanent)
        except TimeoutError:
            error, permanent = f"no answer within {self.policy.timeout:g} seconds", False
        except Exception as exc:  # a channel's bug must not stop the relay: retried, and logged in full
            log.exception("%s: notification %s: unexpected error from %s", self.name, item.id, channel.name)
            error, permanent = f"unexpected error: {type(exc).__name__}: {exc}", False
        else:
            fts_id = delivered.provider_message_id[:200]
            published = _on_notice(
                notice_id, published_at=self.clock.now(), fts_notice_id=fts_id, last_error=None, failed_at=None
            )
            await self._sent(item, provider_message_id=fts_id, also=published)
            log.info(
                "%s: notice %s (notification %s) published on Find a Tender as %s, attempt %s",
                self.name,
                found.release_id,
                item.id,
                fts_id,
                item.attempts,
            )
            return
        failed = _on_notice(notice_id, failed_at=self.clock.now(), last_error=error[:2000])
        if permanent:
            await self._fail(item, error, also=failed)
        else:
            await self._retry(item, error, also=_on_notice(notice_id, last_error=error[:2000]), also_failed=failed)

    async def _sent(self, item: Claimed, *, provider_message_id: str, also: Also | None = None) -> None:
        """Record a success: guarded by the lease; if that was lost meanwhile, still on a row not yet settled."""
        values: dict[str, Any] = {"provider_message_id": provider_message_id, "last_error": None}
        if await self._settle(item, sent_at=self.clock.now(), also=also, **values):
            return
        if await self._settle(item, sent_at=self.clock.now(), guard_lease=False, also=also, **values):
            log.warning(
                "%s: notification %s (%s) was sent after its lease ran out; another relay may send it too",
                self.name,
                item.id,
                item.kind,
            )

    async def _retry(
        self, item: Claimed, error: str, *, also: Also | None = None, also_failed: Also | None = None
    ) -> None:
        """Record a retryable failure (and ``also``); after the last attempt, a failure (and ``also_failed``)."""
        if item.attempts >= self.policy.max_attempts:
            await self._fail(item, error, also=also_failed)
            return
        wait = self.policy.delay(item.attempts)
        await self._settle(
            item,
            settle=False,
            also=also,
            next_attempt_at=self.clock.now() + dt.timedelta(seconds=wait),
            last_error=error[:2000],
        )
        log.warning(
            "%s: notification %s (%s) attempt %s of %s failed, next in %.0fs: %s",
            self.name,
            item.id,
            item.kind,
            item.attempts,
            self.policy.max_attempts,
            wait,
            error,
        )

    async def _fail(self, item: Claimed, error: str, *, also: Also | None = None) -> None:
        await self._settle(item, failed_at=self.clock.now(), last_error=error[:2000], also=also)
        log.error(
            "%s: notification %s (%s) FAILED after %s attempt(s): %s",
            self.name,
            item.id,
            item.kind,
            item.attempts,
            error,
        )

    async def _settle(
        self,
        item: Claimed,
        *,
        settle: bool = True,
        guard_lease: bool = True,
        also: Also | None = None,
        **values: Any,
    ) -> bool:
        """Write the outcome, if the row is still ours (the lease) or, unguarded, still unsettled; whether it was.

        ``also`` writes more in the same transaction (a notice's outcome), only when the row's outcome is written.
        """
        t = m.Notification
        if settle:  # sent, skipped or FAILED: nothing more will go out, so the one-time secrets go
            values["next_attempt_at"] = None
            values["payload"] = _settled_payload(item.kind, item.payload) if item.kind in _KNOWN else item.payload
        guard = (
            t.next_attempt_at == item.lease_until
            if guard_lease
            else and_(t.sent_at.is_(None), t.failed_at.is_(None), t.skipped_at.is_(None))
        )
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                update(t).where(t.id == item.id, guard).values(**values).execution_options(synchronize_session=False)
            )
            written = bool(result.rowcount)  # type: ignore[attr-defined]
            if written and also is not None:
                await also(session)
            return written


_KNOWN = frozenset(kind.value for kind in Kind)


def _on_notice(notice_id: int, **values: Any) -> Also:
    """Write ``values`` on a procurement notice not yet published (a published one keeps its outcome)."""
    n = m.ProcurementNotice

    async def write(session: AsyncSession) -> None:
        await session.execute(
            update(n)
            .where(n.id == notice_id, n.published_at.is_(None))
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    return write


BID_EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json"
UK_EXTENSION = (
    "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/"
    "aa0e43b84dfad0cb9b839a8135e0bc4b285d32fc/extension.json"
)
"""The bid statistics and UK extensions, at the versions vendored under ``openapi/ocds/`` (each ``VERSION``); the
UK extension's own dependencies (award criteria, communication, …) come with it."""
NOTICE_EXTENSIONS = tuple(dict.fromkeys((*ocds.EXTENSIONS, BID_EXTENSION, UK_EXTENSION)))
"""The extensions a notice's package declares: the publication's, and those of Procurement Act notices."""


def notice_package(release: Mapping[str, Any], *, public_url: str, published: dt.datetime) -> dict[str, Any]:
    """The OCDS release package one notice is sent to Find a Tender in: that release alone."""
    package = ocds.release_package(
        [dict(release)], uri=notice_package_uri(public_url, release), published=published, next_url=None
    )
    package["extensions"] = list(NOTICE_EXTENSIONS)
    return package


def notice_package_uri(public_url: str, release: Mapping[str, Any]) -> str:
    """The URI of the package one notice is sent in: its process's record here, and the release's id."""
    ocid, release_id = quote(str(release.get("ocid", "")), safe=""), quote(str(release.get("id", "")), safe="")
    return f"{public_url.rstrip('/')}/ocds/records/{ocid}#{release_id}"
