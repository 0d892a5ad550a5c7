"""Reminders without cron: what is due is worked out from timestamps, and each reminder is written once.

:func:`write_due` looks at the clock's "now" and writes, through :func:`api.domain.notifications.notify`,
every reminder whose time has come:

- **an offer deadline 24 hours away** (``referral.offer_deadline_reminder``): to each provider invited
  to an OPEN referral whose deadline is within 24 hours and which has no live offer against it;
- **a round opening** (``round.opened``): to the registered providers, once the round's opening time
  has come, while it is still open;
- **a round closing in 3 days** (``round.closing_reminder``): to the registered providers, once an
  open round is within 3 days of its closing time;
- **an outcome report due in 14 days** (``outcome_report.due_reminder``): to the provider of each
  ACTIVE call-off that covers a term whose report is due within 14 days and is not submitted;
- **an outcome report overdue** (``outcome_report.overdue_reminder``): the same, once the due time has
  passed (looked for up to :data:`OVERDUE_LOOK_BACK` after it);
- **an annual review report due in 14 days** (``annual_review.report_due_reminder``) and **late**
  (``annual_review.report_overdue_reminder``): to the provider of a running placement whose review is not
  held and whose school report is not sent, from 14 days before the report's due date (by its authority's
  clock: 2 weeks before the meeting, or the due date), and once past it (up to :data:`OVERDUE_LOOK_BACK`);
- **an annual review to arrange** (``annual_review.meeting_to_arrange_reminder``): to the placing authority,
  once a review of a running placement is due within :data:`REVIEW_MEETING_NOTICE` and no meeting is
  scheduled (up to :data:`OVERDUE_LOOK_BACK` after its due date);
- **a review decision overdue** (``annual_review.decision_overdue_reminder``): to the placing authority, once
  a meeting held has no decision past the authority's decision period (up to :data:`OVERDUE_LOOK_BACK`).

Each reminder carries ``dedupe_key = "<kind>:<subject type>:<subject id>:<due time ISO>"`` (and
:func:`~api.domain.notifications.notify` adds the addressee), so the unique index on the key makes it
exist once: a restart, two workers scanning at once (on PostgreSQL the second insert waits for the
first transaction and is then refused), or a scan running late never writes it twice. A scan that
runs late still writes a reminder whose deadline has not passed; one whose deadline has passed is
not written, except "overdue", whose point is that it has. A deadline moved is a new due time, so
a new reminder. A user who turned a kind off gets a row SKIPPED with the reason ``MUTED``.

Before writing, a scan reads which of its reminders exist already (one query per kind), so a scan
every minute over reminders already written inserts nothing and logs no refused insert.

The scan runs on an interval (``NOTIFY_REMINDER_SECONDS``) inside the relay's loop, in ``serve`` and in
``python -m api.cli worker``, with the application's clock, so a test's fixed clock moves it too.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, exists, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from api.domain import notifications, review_clock, reviews
from api.domain import status as st
from api.domain.children import neutral_reference
from api.domain.notification_kinds import Kind, global_id
from api.domain.outcomes import period, term_dates
from api.domain.rounds import round_payload
from db import models as m
from db.enums import Term

log = logging.getLogger("api.notifications")

OFFER_DEADLINE_NOTICE = dt.timedelta(hours=24)
ROUND_CLOSING_NOTICE = dt.timedelta(days=3)
REPORT_DUE_NOTICE = dt.timedelta(days=14)
REVIEW_MEETING_NOTICE = dt.timedelta(days=60)
"""An annual review due within this long with no meeting scheduled: its authority is reminded."""
OVERDUE_LOOK_BACK = dt.timedelta(days=90)
"""How long after a report's due time a scan still writes its "overdue" reminder (for a scan that was off)."""


def dedupe_key(kind: Kind, subject_type: str, subject_id: int, due: dt.datetime) -> str:
    """The key a reminder is written once under: kind, subject and due time."""
    return f"{kind.value}:{subject_type}:{subject_id}:{due.astimezone(dt.UTC).isoformat()}"


async def write_due(sessions: async_sessionmaker[AsyncSession], *, now: dt.datetime) -> int:
    """Write every reminder due at ``now``, one kind of reminder per transaction; how many rows were written."""
    written = 0
    for scan in SCANS:
        async with sessions() as session, session.begin():
            written += await scan(session, now)
    if written:
        log.info("reminders: %s notification(s) written", written)
    return written


async def scan(session: AsyncSession, *, now: dt.datetime) -> int:
    """Write every reminder due at ``now`` in the caller's transaction; how many rows were written."""
    written = 0
    for one in SCANS:
        written += await one(session, now)
    return written


async def _written(session: AsyncSession, kind: Kind, subject_type: str, subject_ids: Iterable[int]) -> set[str]:
    """The reminders of ``kind`` about these subjects written already: their keys up to the addressee."""
    ids = sorted(set(subject_ids))
    if not ids:
        return set()
    t = m.Notification
    keys = await session.scalars(
        select(t.dedupe_key).where(
            t.kind == kind.value, t.subject_type == subject_type, t.subject_id.in_(ids), t.dedupe_key.is_not(None)
        )
    )
    return {"/".join(str(key).split("/")[:2]) for key in keys}


async def _remind(
    session: AsyncSession,
    *,
    now: dt.datetime,
    kind: Kind,
    to: notifications.To,
    key: str,
    subject_type: str,
    subject_id: int,
    payload: dict[str, Any],
) -> int:
    rows = await notifications.notify(
        session,
        now=now,
        kind=kind,
        to=to,
        subject_type=subject_type,
        subject_id=subject_id,
        payload=payload,
        dedupe_key=key,
    )
    return len(rows)


# -- offer deadlines ------------------------------------------------------------------------------


async def _offer_deadlines(session: AsyncSession, now: dt.datetime) -> int:
    r, inv, o, lot = m.Referral, m.ReferralInvitation, m.Offer, m.Lot
    live_offer = exists().where(
        o.referral_id == inv.referral_id,
        o.provider_id == inv.provider_id,
        o.withdrawn_at.is_(None),
        o.declined_at.is_(None),
    )
    due = (
        select(r, inv.provider_id, lot.code)
        .join(inv, inv.referral_id == r.id)
        .join(lot, lot.id == r.lot_id)
        .where(
            r.opened_at.is_not(None),
            r.cancelled_at.is_(None),
            r.awarded_at.is_(None),
            r.closed_unsuccessful_at.is_(None),
            r.offer_deadline > now,
            r.offer_deadline <= now + OFFER_DEADLINE_NOTICE,
            ~live_offer,
        )
        .order_by(r.id, inv.provider_id)
    )
    rows = (await session.execute(due)).all()
    kind = Kind.OFFER_DEADLINE_REMINDER
    done = await _written(session, kind, "Referral", (row[0].id for row in rows))
    written = 0
    for referral, provider_id, lot_code in rows:
        key = dedupe_key(kind, "Referral", referral.id, referral.offer_deadline)
        if f"{key}/Provider:{provider_id}" in done:
            continue
        written += await _remind(
            session,
            now=now,
            kind=kind,
            to=notifications.To.provider(provider_id),
            key=key,
            subject_type="Referral",
            subject_id=referral.id,
            payload={
                "referral": neutral_reference(referral),
                "referralId": global_id("Referral", referral.id),
                "lot": lot_code,
                "offerDeadline": referral.offer_deadline.astimezone(dt.UTC).isoformat(),
            },
        )
    return written


# -- application rounds ---------------------------------------------------------------------------


async def _rounds_opened(session: AsyncSession, now: dt.datetime) -> int:
    t = m.ApplicationRound
    rounds = await _open_rounds(session, now, t.opens_at <= now)
    return await _tell_rounds(session, now, Kind.ROUND_OPENED, rounds, due=lambda round_: round_.opens_at)


async def _rounds_closing(session: AsyncSession, now: dt.datetime) -> int:
    t = m.ApplicationRound
    rounds = await _open_rounds(session, now, and_(t.opens_at <= now, t.closes_at <= now + ROUND_CLOSING_NOTICE))
    return await _tell_rounds(session, now, Kind.ROUND_CLOSING_REMINDER, rounds, due=lambda round_: round_.closes_at)


async def _open_rounds(session: AsyncSession, now: dt.datetime, condition: Any) -> list[m.ApplicationRound]:
    t = m.ApplicationRound
    return list(
        await session.scalars(
            select(t)
            .where(t.cancelled_at.is_(None), t.concluded_at.is_(None), t.closes_at > now, condition)
            .order_by(t.id)
        )
    )


async def _tell_rounds(
    session: AsyncSession, now: dt.datetime, kind: Kind, rounds: Sequence[m.ApplicationRound], *, due: Any
) -> int:
    """One message per round to the registered providers (written together: once, or not at all)."""
    done = await _written(session, kind, "ApplicationRound", (r.id for r in rounds))
    written = 0
    for round_ in rounds:
        key = dedupe_key(kind, "ApplicationRound", round_.id, due(round_))
        if any(k.startswith(f"{key}/") for k in done):
            continue
        system = await session.get(m.PurchasingSystem, round_.system_id)
        assert system is not None
        written += await _remind(
            session,
            now=now,
            kind=kind,
            to=notifications.To.registered_providers(system.id),
            key=key,
            subject_type="ApplicationRound",
            subject_id=round_.id,
            payload=await round_payload(session, round_, system),
        )
    return written


# -- outcome reports ------------------------------------------------------------------------------


async def _reports(session: AsyncSession, now: dt.datetime) -> int:
    """Reports due within 14 days, and reports overdue, on each ACTIVE call-off; not those submitted."""
    today = now.date()
    every = (term_dates(year, term) for year in range(today.year - 2, today.year + 1) for term in Term)
    terms = [
        t for t in every if t.starts <= today and t.due_at - REPORT_DUE_NOTICE <= now < t.due_at + OVERDUE_LOOK_BACK
    ]
    if not terms:
        return 0
    c, lot = m.CallOff, m.Lot
    call_offs = (
        await session.execute(
            select(c, lot.code)
            .join(lot, lot.id == c.lot_id)
            .where(st.call_off_is(st.CallOffStatus.ACTIVE, today), c.start_date <= max(t.ends for t in terms))
            .order_by(c.id)
        )
    ).all()
    if not call_offs:
        return 0
    r = m.OutcomeReport
    submitted = {
        (row.call_off_id, row.academic_year, row.term)
        for row in await session.execute(
            select(r.call_off_id, r.academic_year, r.term).where(
                r.call_off_id.in_([row[0].id for row in call_offs]), r.submitted_at.is_not(None)
            )
        )
    }
    kinds = (Kind.REPORT_DUE_REMINDER, Kind.REPORT_OVERDUE_REMINDER)
    done = set()
    for kind in kinds:
        done |= await _written(session, kind, "CallOff", (row[0].id for row in call_offs))
    written = 0
    for call_off, lot_code in call_offs:
        for term in terms:
            if call_off.start_date > term.ends:
                continue
            if (call_off.id, term.academic_year, term.term) in submitted:
                continue
            kind = Kind.REPORT_DUE_REMINDER if now < term.due_at else Kind.REPORT_OVERDUE_REMINDER
            key = dedupe_key(kind, "CallOff", call_off.id, term.due_at)
            if f"{key}/Provider:{call_off.provider_id}" in done:
                continue
            written += await _remind(
                session,
                now=now,
                kind=kind,
                to=notifications.To.provider(call_off.provider_id),
                key=key,
                subject_type="CallOff",
                subject_id=call_off.id,
                payload={
                    "callOff": call_off.reference,
                    "callOffId": global_id("CallOff", call_off.id),
                    "lot": lot_code,
                    "period": period(term.academic_year, term.term),
                    "dueAt": term.due_at.astimezone(dt.UTC).isoformat(),
                },
            )
    return written


# -- annual reviews -------------------------------------------------------------------------------------


def _on(day: dt.date) -> dt.datetime:
    """A due date as the due time of a reminder's key."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


async def _reviews_where(session: AsyncSession, *conditions: Any) -> list[Any]:
    """Reviews meeting ``conditions``, each with its call-off, its establishment's name and its clocks."""
    r, c, a, e = m.AnnualReview, aliased(m.CallOff), aliased(m.Authority), aliased(m.Establishment)
    return list(
        (
            await session.execute(
                select(r, c, e.name, a)
                .join(c, c.id == r.call_off_id)
                .join(a, a.id == c.authority_id)
                .join(e, e.id == c.establishment_id)
                .where(*conditions)
                .order_by(r.id)
            )
        ).all()
    )


def _review_payload(review: m.AnnualReview, call_off: m.CallOff, establishment: str) -> dict[str, Any]:
    return {
        "callOff": call_off.reference,
        "callOffId": global_id("CallOff", call_off.id),
        "reviewId": global_id("AnnualReview", review.id),
        "establishment": establishment,
    }


async def _review_reports(session: AsyncSession, now: dt.datetime) -> int:
    """School reports due within 14 days, and late ones, for reviews of running placements not yet held."""
    today = now.date()
    rows = await _reviews_where(
        session,
        reviews.report_outstanding(),
        m.AnnualReview.call_off_id.in_(select(m.CallOff.id).where(st.call_off_is(st.CallOffStatus.ACTIVE, today))),
        reviews.report_due_between(today - OVERDUE_LOOK_BACK, today + REPORT_DUE_NOTICE),
    )
    kinds = (Kind.REVIEW_REPORT_DUE_REMINDER, Kind.REVIEW_REPORT_OVERDUE_REMINDER)
    done: set[str] = set()
    for kind in kinds:
        done |= await _written(session, kind, "AnnualReview", (row[0].id for row in rows))
    written = 0
    for review, call_off, establishment, authority in rows:
        due = review_clock.report_due_on(review, review_clock.Clocks.of(authority))
        kind = Kind.REVIEW_REPORT_DUE_REMINDER if today <= due else Kind.REVIEW_REPORT_OVERDUE_REMINDER
        key = dedupe_key(kind, "AnnualReview", review.id, _on(due))
        if f"{key}/Provider:{call_off.provider_id}" in done:
            continue
        written += await _remind(
            session,
            now=now,
            kind=kind,
            to=notifications.To.provider(call_off.provider_id),
            key=key,
            subject_type="AnnualReview",
            subject_id=review.id,
            payload={**_review_payload(review, call_off, establishment), "reportDueOn": due.isoformat()},
        )
    return written


async def _review_meetings(session: AsyncSession, now: dt.datetime) -> int:
    """Reviews of running placements due within 60 days with no meeting scheduled: their authority is told."""
    today = now.date()
    r = m.AnnualReview
    rows = await _reviews_where(
        session,
        reviews.due_within(today, REVIEW_MEETING_NOTICE.days),
        r.meeting_on.is_(None),
        r.due_on >= today - OVERDUE_LOOK_BACK,
    )
    kind = Kind.REVIEW_MEETING_TO_ARRANGE_REMINDER
    done = await _written(session, kind, "AnnualReview", (row[0].id for row in rows))
    written = 0
    for review, call_off, establishment, _authority in rows:
        key = dedupe_key(kind, "AnnualReview", review.id, _on(review.due_on))
        if f"{key}/Authority:{call_off.authority_id}" in done:
            continue
        written += await _remind(
            session,
            now=now,
            kind=kind,
            to=notifications.To.authority(call_off.authority_id),
            key=key,
            subject_type="AnnualReview",
            subject_id=review.id,
            payload={**_review_payload(review, call_off, establishment), "dueOn": review.due_on.isoformat()},
        )
    return written


async def _review_decisions(session: AsyncSession, now: dt.datetime) -> int:
    """Reviews held with no decision past the authority's decision period: their authority is told."""
    today = now.date()
    rows = await _reviews_where(
        session,
        reviews.decision_overdue(today),
        m.AnnualReview.held_on >= today - OVERDUE_LOOK_BACK - OVERDUE_LOOK_BACK,
    )
    kind = Kind.REVIEW_DECISION_OVERDUE_REMINDER
    done = await _written(session, kind, "AnnualReview", (row[0].id for row in rows))
    written = 0
    for review, call_off, establishment, authority in rows:
        due = review_clock.decision_due_on(review, review_clock.Clocks.of(authority))
        if due is None or due < today - OVERDUE_LOOK_BACK:
            continue
        key = dedupe_key(kind, "AnnualReview", review.id, _on(due))
        if f"{key}/Authority:{call_off.authority_id}" in done:
            continue
        written += await _remind(
            session,
            now=now,
            kind=kind,
            to=notifications.To.authority(call_off.authority_id),
            key=key,
            subject_type="AnnualReview",
            subject_id=review.id,
            payload={
                **_review_payload(review, call_off, establishment),
                "heldOn": review.held_on.isoformat() if review.held_on else "",
                "decisionDueOn": due.isoformat(),
            },
        )
    return written


SCANS = (
    _offer_deadlines,
    _rounds_opened,
    _rounds_closing,
    _reports,
    _review_reports,
    _review_meetings,
    _review_decisions,
)
"""Every kind of reminder, each scanned in its own transaction by :func:`write_due`."""
