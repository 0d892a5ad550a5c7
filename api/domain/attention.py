"""What needs the signed-in person's attention, by deadline: the provider portal's home page.

One function, :func:`attention`, gives the list; the GraphQL field ``viewer.attention`` and any other
front end read the same. For a **provider's users** (``PROVIDER_USER`` acting for a provider) it holds:

- ``REFERRAL_AWAITING_OFFER``: each OPEN referral the provider is invited to, before its offer deadline,
  against which the provider has no live offer (one neither withdrawn nor declined); ``deadline`` is the
  offer deadline (an "offer deadline today" is the same item: its deadline is today), ``at`` when the
  provider was invited. Making an offer removes it; withdrawing the offer brings it back.
- ``DRAFT_BID``: each DRAFT bid of the provider in a round still OPEN; ``deadline`` is the round's closing
  time. Submitting (or withdrawing) the bid removes it.
- ``OUTCOME_REPORT_DUE``: each outcome report of the provider's ACTIVE call-offs (reports are written only
  while a placement runs) not yet submitted and due within :data:`REPORT_DUE_WITHIN` or overdue;
  ``deadline`` is its due time. A report exists only once the provider first saves it
  (:func:`api.domain.outcomes.save_report`), so a report due but not started is listed too: for each ACTIVE
  call-off and each term that has started, that the placement covered (:func:`api.domain.outcomes.ran_during`)
  and whose report is due within :data:`REPORT_DUE_WITHIN` or was due at most :data:`MISSING_LOOK_BACK` ago
  (the window in which the reminders chase it, :data:`api.domain.reminders.OVERDUE_LOOK_BACK`), with no
  report row: its record is the call-off, and ``academic_year``/``term`` say which report to start. A
  draft already saved stays listed however overdue. Submitting the report removes it.
- ``OUTCOME_REPORT_QUERIED``: each report of those call-offs the placing authority queried and the provider
  has not resubmitted; no deadline, ``at`` is when it was queried. Resubmitting removes it.
- ``ANNUAL_REVIEW_REPORT_DUE``: each annual review of the provider's ACTIVE call-offs not yet held whose
  school report is not sent, when the meeting is scheduled, or the report is due within
  :data:`REPORT_DUE_WITHIN` or was due at most :data:`MISSING_LOOK_BACK` ago; ``deadline`` is the end of the
  report's due day (UK time). Sending the report (or the meeting being held) removes it.
- ``DECISION_RECEIVED``: decisions about the provider in the last :data:`DECISIONS_WITHIN`, ``at`` being
  when each reached it: a bid lot's decision once published (a round's decisions are published together
  when they are issued, so ``at`` is then that moment; in continuous admission each one when made), an offer
  declined, a call-off awarded to it (an accepted offer is told by its call-off, so it is not listed twice;
  a token that may read offers but not call-offs gets the accepted offer instead).

**Order**: items with a deadline first, soonest first (so overdue ones lead); then queried reports, the
longest waiting first; then decisions, newest first. Ties are broken by kind and record id, so the order
is stable.

**Visibility**: every record is read under :func:`api.domain.visibility.visible`, so a token reads only its
own provider's records, and no item whose record's type its scopes may not read
(:data:`~api.domain.visibility.READ_SCOPES`): without ``referrals:read`` no referral item, without
``bids:read`` no draft bid or bid lot decision, and so on. A report not started is listed only to a token
that may read both call-offs and outcome reports. A summary names another record (a call-off's reference,
a referral's neutral reference) only where the token may read that record too.

**Days left**: an item with a deadline still to come carries the whole calendar days from today to the
deadline's day, both dates in the UK (Europe/London, so GMT or BST as the day falls): 0 when it is due
later today, 1 tomorrow (:func:`days_left`). None when there is no deadline, or it has passed.

**Summaries** are short plain English: neutral references (``NWR-…``, call-off references), lot codes, round
numbers and dates in words; never a child's details, never an enum code.

**Statements**: a fixed number whatever the number of items: one per kind of record (referrals, bids,
outcome reports, call-offs, annual reviews, bid lots, offers), at most :data:`MAX_STATEMENTS`, fewer when the token's
scopes rule a kind out.

Other roles get an empty list for now: the authorities' side (offers to decide, reports to review) is not
built yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, literal, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from api.auth.actor import Actor, Role
from api.domain import reviews
from api.domain import status as st
from api.domain.children import neutral_reference
from api.domain.clock import UK, uk_date
from api.domain.notification_kinds import day
from api.domain.outcomes import TermDates, period, ran_during, started_terms
from api.domain.reminders import OVERDUE_LOOK_BACK
from api.domain.visibility import read_scope, visible
from api.domain.wording import words
from db import models as m
from db.enums import AdmissionMode, CallOffType, DescribedEnum, LotDecision, Term

REPORT_DUE_WITHIN = dt.timedelta(days=30)
"""Reports not yet submitted are listed from this long before they are due."""
MISSING_LOOK_BACK = OVERDUE_LOOK_BACK
"""A report not even started is listed until this long after it was due (a draft saved stays listed)."""
DECISIONS_WITHIN = dt.timedelta(days=30)
"""Decisions are listed for this long after they reached the provider."""
MAX_STATEMENTS = 7
"""The most SQL statements one list costs, whatever its length."""


class AttentionKind(DescribedEnum):
    REFERRAL_AWAITING_OFFER = (
        "REFERRAL_AWAITING_OFFER",
        "A referral you are invited to is open and has no offer from you yet. The deadline is the offer deadline: "
        "no offer is accepted after it. Making an offer removes the item.",
    )
    DRAFT_BID = (
        "DRAFT_BID",
        "Your application to an open round is still a draft; a draft is not considered. The deadline is when the "
        "round closes. Submitting the bid removes the item.",
    )
    OUTCOME_REPORT_DUE = (
        "OUTCOME_REPORT_DUE",
        f"An outcome report on one of your running placements is due within {REPORT_DUE_WITHIN.days} days, or "
        "overdue, and not submitted. The record is the report, or the call-off when the report has not been "
        "started (start it for the term given). The deadline is when it is due. Submitting the report removes "
        "the item.",
    )
    OUTCOME_REPORT_QUERIED = (
        "OUTCOME_REPORT_QUERIED",
        "The placing authority has queried an outcome report: answer the query and resubmit the report, which "
        "removes the item. There is no deadline; `at` is when it was queried.",
    )
    ANNUAL_REVIEW_REPORT_DUE = (
        "ANNUAL_REVIEW_REPORT_DUE",
        "The school's report for the annual review of a child's EHC plan at one of your running placements is "
        "wanted: its meeting is scheduled, or the report is due within "
        f"{REPORT_DUE_WITHIN.days} days, or late. The record is the annual review; the deadline is the end of the "
        "report's due day. Sending the report removes the item.",
    )
    DECISION_RECEIVED = (
        "DECISION_RECEIVED",
        f"A decision about you in the last {DECISIONS_WITHIN.days} days: on a lot of your bid (once the decisions "
        "are published), on an offer, or a call-off awarded to you. No deadline; `at` is when the decision reached "
        "you.",
    )


@dataclass(frozen=True)
class AttentionItem:
    """One thing needing attention, about one record (a database row the actor may read)."""

    kind: AttentionKind
    record: Any
    summary: str
    deadline: dt.datetime | None
    at: dt.datetime | None
    overdue: bool
    academic_year: int | None = None
    term: Term | None = None
    days_left: int | None = None


def days_left(deadline: dt.datetime | None, now: dt.datetime) -> int | None:
    """Whole calendar days from ``now``'s day to ``deadline``'s, both in UK dates: 0 when it is due today,
    1 tomorrow. None when there is no deadline or it has passed (as ``overdue`` says: before ``now``)."""
    if deadline is None or deadline < now:
        return None
    return (uk_date(deadline) - uk_date(now)).days


async def attention(*, session: AsyncSession, actor: Actor, now: dt.datetime) -> list[AttentionItem]:
    """What needs ``actor``'s attention at ``now``, in the order the module describes."""
    if not actor.has_role(Role.PROVIDER_USER) or actor.provider_id is None:
        return []
    provider_id = actor.provider_id
    items: list[AttentionItem] = []
    items += await _referrals(session, actor, now, provider_id)
    items += await _draft_bids(session, actor, now, provider_id)
    call_offs = await _call_offs(session, actor, now, provider_id)
    items += await _reports(session, actor, now, provider_id, call_offs)
    items += await _review_reports(session, actor, now, provider_id, call_offs)
    items += _awards(call_offs)
    items += await _bid_lot_decisions(session, actor, now, provider_id)
    items += await _offer_decisions(session, actor, now, provider_id, call_offs)
    return sorted((replace(item, days_left=days_left(item.deadline, now)) for item in items), key=_order)


_KIND_ORDER = {kind: i for i, kind in enumerate(AttentionKind)}


def _order(item: AttentionItem) -> tuple[Any, ...]:
    tie = (_KIND_ORDER[item.kind], type(item.record).__name__, item.record.id)
    if item.deadline is not None:
        return (0, item.deadline.timestamp(), *tie)
    at = item.at.timestamp() if item.at is not None else 0.0
    if item.kind is AttentionKind.OUTCOME_REPORT_QUERIED:
        return (1, at, *tie)
    return (2, -at, *tie)


def _readable(actor: Actor, *models: type) -> bool:
    """Whether the actor's token carries the scope each model's rows need."""
    return all((scope := read_scope(model)) is None or actor.has_scope(scope) for model in models)


def _flag(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """``condition`` as a column of the result."""
    return case((condition, literal(True)), else_=literal(False))


def _visible_ids(model: Any, actor: Actor, now: dt.datetime) -> Any:
    """The ids of the rows of ``model`` the actor may read, for a row joined under an alias.

    Each statement reads its record's model itself, under :func:`visible`, and joins every other table
    under an alias: a visibility rule's subqueries name the models themselves, and would otherwise be
    correlated with the joined tables instead of reading their own.
    """
    return select(model.id).where(visible(model, actor, now))


def _day(date: dt.date) -> str:
    return day(date.isoformat())


# -- referrals awaiting an offer ----------------------------------------------------------------------


async def _referrals(session: AsyncSession, actor: Actor, now: dt.datetime, provider_id: int) -> list[AttentionItem]:
    if not _readable(actor, m.Referral):
        return []
    r, o = m.Referral, m.Offer
    inv, lot = aliased(m.ReferralInvitation), aliased(m.Lot)
    live_offer = exists().where(
        o.referral_id == r.id, o.provider_id == provider_id, o.withdrawn_at.is_(None), o.declined_at.is_(None)
    )
    rows = await session.execute(
        select(r, inv.invited_at, lot.code)
        .join(inv, and_(inv.referral_id == r.id, inv.provider_id == provider_id))
        .join(lot, lot.id == r.lot_id)
        .where(visible(r, actor, now), st.referral_is(st.ReferralStatus.OPEN, now), ~live_offer)
    )
    return [
        AttentionItem(
            kind=AttentionKind.REFERRAL_AWAITING_OFFER,
            record=referral,
            summary=(f"Referral {neutral_reference(referral)} under lot {lot_code} is waiting for your offer."),
            deadline=referral.offer_deadline,
            at=invited_at,
            overdue=False,
        )
        for referral, invited_at, lot_code in rows
    ]


# -- draft bids -------------------------------------------------------------------------------------


async def _draft_bids(session: AsyncSession, actor: Actor, now: dt.datetime, provider_id: int) -> list[AttentionItem]:
    if not _readable(actor, m.Bid):
        return []
    b, rnd, system = m.Bid, aliased(m.ApplicationRound), aliased(m.PurchasingSystem)
    open_rounds = select(m.ApplicationRound.id).where(st.round_is(st.RoundStatus.OPEN, now))
    rows = await session.execute(
        select(b, rnd.number, rnd.closes_at, system.title)
        .join(rnd, rnd.id == b.round_id)
        .join(system, system.id == rnd.system_id)
        .where(
            visible(b, actor, now),
            b.provider_id == provider_id,
            st.bid_is(st.BidStatus.DRAFT),
            b.round_id.in_(open_rounds),
        )
    )
    return [
        AttentionItem(
            kind=AttentionKind.DRAFT_BID,
            record=bid,
            summary=(
                f"Your application in application round {number} of {title} is a draft and will not be "
                "considered unless you submit it before the round closes."
            ),
            deadline=closes_at,
            at=None,
            overdue=False,
        )
        for bid, number, closes_at, title in rows
    ]


# -- call-offs: running ones (for reports) and those just awarded --------------------------------------


@dataclass(frozen=True)
class _CallOff:
    row: m.CallOff
    lot_code: str
    running: bool
    just_awarded: bool


async def _call_offs(session: AsyncSession, actor: Actor, now: dt.datetime, provider_id: int) -> list[_CallOff]:
    """The provider's ACTIVE call-offs and those awarded to it lately, with their lot's code."""
    if not _readable(actor, m.CallOff):
        return []
    c, lot = m.CallOff, aliased(m.Lot)
    today = now.date()
    running = st.call_off_is(st.CallOffStatus.ACTIVE, today)
    rows = await session.execute(
        select(c, lot.code)
        .join(lot, lot.id == c.lot_id)
        .where(visible(c, actor, now), c.provider_id == provider_id, or_(running, _within(c.awarded_at, now)))
    )
    return [
        _CallOff(
            row=call_off,
            lot_code=code,
            running=st.call_off_status(call_off, today) is st.CallOffStatus.ACTIVE,
            just_awarded=now - DECISIONS_WITHIN < call_off.awarded_at <= now,
        )
        for call_off, code in rows
    ]


def _within(moment: Any, now: dt.datetime) -> ColumnElement[bool]:
    """``moment`` lies in the last :data:`DECISIONS_WITHIN` up to ``now``."""
    return and_(moment > now - DECISIONS_WITHIN, moment <= now)


def _awards(call_offs: Sequence[_CallOff]) -> list[AttentionItem]:
    items = []
    for found in call_offs:
        if not found.just_awarded:
            continue
        c = found.row
        if c.type is CallOffType.BLOCK:
            what = f"A block contract for {c.places} place{'s' if c.places != 1 else ''}, {c.reference},"
        else:
            what = f"An {words(CallOffType.INDIVIDUAL_PLACEMENT)}, {c.reference},"
        items.append(
            AttentionItem(
                kind=AttentionKind.DECISION_RECEIVED,
                record=c,
                summary=f"{what} was awarded to you under lot {found.lot_code}, starting on {_day(c.start_date)}.",
                deadline=None,
                at=c.awarded_at,
                overdue=False,
            )
        )
    return items


# -- outcome reports ------------------------------------------------------------------------------------


def _terms_due(now: dt.datetime) -> list[TermDates]:
    """The terms whose report a running placement may owe without having started it: see the module."""
    return [
        t
        for t in started_terms(now, from_year=now.year - 3)
        if now - MISSING_LOOK_BACK <= t.due_at and t.due_at <= now + REPORT_DUE_WITHIN
    ]


async def _reports(
    session: AsyncSession,
    actor: Actor,
    now: dt.datetime,
    provider_id: int,
    call_offs: Sequence[_CallOff],
) -> list[AttentionItem]:
    if not _readable(actor, m.OutcomeReport):
        return []
    r, q = m.OutcomeReport, m.OutcomeReportQuery
    terms = _terms_due(now)
    due = and_(st.report_is(st.OutcomeReportStatus.DRAFT), r.due_at <= now + REPORT_DUE_WITHIN)
    wanted = [due, st.report_is(st.OutcomeReportStatus.QUERIED)]
    if terms:  # any report of these terms, to tell which have not been started
        wanted.append(tuple_(r.academic_year, r.term).in_([(t.academic_year, t.term) for t in terms]))
    answered = exists().where(q.report_id == r.id, q.asked_at >= r.queried_at, q.answered_at.is_not(None))
    running = select(m.CallOff.id).where(
        m.CallOff.provider_id == provider_id, st.call_off_is(st.CallOffStatus.ACTIVE, now.date())
    )
    rows = await session.execute(
        select(r, _flag(answered)).where(visible(r, actor, now), r.call_off_id.in_(running), or_(*wanted))
    )
    # a report's call-off is named only to a token that may read it: then it is among those read already
    references = {found.row.id: found.row.reference for found in call_offs}
    items: list[AttentionItem] = []
    started: set[tuple[int, int, Term]] = set()
    for report, is_answered in rows:
        started.add((report.call_off_id, report.academic_year, report.term))
        status = st.report_status(report)
        reference = references.get(report.call_off_id)
        on = f" on placement {reference}" if reference else ""
        if status is st.OutcomeReportStatus.QUERIED:
            to_do = "resubmit the report" if is_answered else "answer the query and resubmit the report"
            label = period(report.academic_year, report.term)
            items.append(
                AttentionItem(
                    kind=AttentionKind.OUTCOME_REPORT_QUERIED,
                    record=report,
                    summary=f"The council has queried your {label} outcome report{on}: {to_do}.",
                    deadline=None,
                    at=report.queried_at,
                    overdue=False,
                    academic_year=report.academic_year,
                    term=report.term,
                )
            )
        elif status is st.OutcomeReportStatus.DRAFT and report.due_at <= now + REPORT_DUE_WITHIN:
            items.append(_due(report, report.academic_year, report.term, report.due_at, on, now, started=True))
    # reports due and not started: their record is the call-off (read only with both scopes)
    for found in call_offs:
        if not found.running:
            continue
        for term in terms:
            if not ran_during(found.row, term) or (found.row.id, term.academic_year, term.term) in started:
                continue
            on = f" on placement {found.row.reference}"
            items.append(_due(found.row, term.academic_year, term.term, term.due_at, on, now, started=False))
    return items


def _due(
    record: Any, academic_year: int, term: Term, due_at: dt.datetime, on: str, now: dt.datetime, *, started: bool
) -> AttentionItem:
    overdue = due_at < now
    state = "is a draft" if started else "has not been started"
    when_due = "is overdue" if overdue else "is due soon"
    return AttentionItem(
        kind=AttentionKind.OUTCOME_REPORT_DUE,
        record=record,
        summary=f"Your {period(academic_year, term)} outcome report{on} {state}: it {when_due}.",
        deadline=due_at,
        at=None,
        overdue=overdue,
        academic_year=academic_year,
        term=term,
    )


# -- annual review reports ------------------------------------------------------------------------------


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of ``day`` in the UK, in UTC."""
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=UK)
    return (midnight - dt.timedelta(microseconds=1)).astimezone(dt.UTC)


async def _review_reports(
    session: AsyncSession, actor: Actor, now: dt.datetime, provider_id: int, call_offs: Sequence[_CallOff]
) -> list[AttentionItem]:
    if not _readable(actor, m.AnnualReview):
        return []
    r, c, a = m.AnnualReview, aliased(m.CallOff), aliased(m.Authority)
    today = now.date()
    rows = await session.execute(
        select(r, a.review_report_days)
        .join(c, c.id == r.call_off_id)
        .join(a, a.id == c.authority_id)
        .where(
            visible(r, actor, now),
            reviews.report_outstanding(),
            r.call_off_id.in_(
                select(m.CallOff.id).where(
                    m.CallOff.provider_id == provider_id, st.call_off_is(st.CallOffStatus.ACTIVE, today)
                )
            ),
        )
    )
    references = {found.row.id: found.row.reference for found in call_offs}
    items = []
    for review, report_days in rows:
        due = (review.meeting_on or review.due_on) - dt.timedelta(days=report_days)
        since = today - dt.timedelta(days=MISSING_LOOK_BACK.days)
        wanted = review.meeting_on is not None or since <= due <= today + dt.timedelta(days=REPORT_DUE_WITHIN.days)
        if not wanted:
            continue
        reference = references.get(review.call_off_id)
        on = f" on placement {reference}" if reference else ""
        late = due < today
        when_due = f"was due by {_day(due)}: it is late" if late else f"is due by {_day(due)}"
        meeting = f", for the meeting on {_day(review.meeting_on)}" if review.meeting_on else ""
        items.append(
            AttentionItem(
                kind=AttentionKind.ANNUAL_REVIEW_REPORT_DUE,
                record=review,
                summary=f"Your annual review report{on} {when_due}{meeting}.",
                deadline=end_of_day(due),
                at=None,
                overdue=late,
            )
        )
    return items


# -- decisions --------------------------------------------------------------------------------------------


async def _bid_lot_decisions(
    session: AsyncSession, actor: Actor, now: dt.datetime, provider_id: int
) -> list[AttentionItem]:
    if not _readable(actor, m.BidLot):
        return []
    bl = m.BidLot
    b, rnd, system, lot = aliased(m.Bid), aliased(m.ApplicationRound), aliased(m.PurchasingSystem), aliased(m.Lot)
    # when the bidder learnt it: the round's decisions are published together (evaluation.decision_published)
    published = case((system.admission_mode == AdmissionMode.CONTINUOUS, bl.decided_at), else_=rnd.decisions_issued_at)
    rows = await session.execute(
        select(bl, published, rnd.number, system.title, lot.code)
        .join(b, b.id == bl.bid_id)
        .join(rnd, rnd.id == b.round_id)
        .join(system, system.id == rnd.system_id)
        .join(lot, lot.id == bl.lot_id)
        .where(
            visible(bl, actor, now),
            b.provider_id == provider_id,
            bl.decided_at.is_not(None),
            published.is_not(None),
            _within(published, now),
        )
    )
    items = []
    for bid_lot, at, number, title, lot_code in rows:
        outcome = "you are admitted to the lot" if bid_lot.decision is LotDecision.ADMITTED else "you are not admitted"
        items.append(
            AttentionItem(
                kind=AttentionKind.DECISION_RECEIVED,
                record=bid_lot,
                summary=(
                    f"The decision on your application for lot {lot_code} in application round {number} of {title}: "
                    f"{outcome}. The feedback is with the decision."
                ),
                deadline=None,
                at=_aware(at),
                overdue=False,
            )
        )
    return items


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """A timestamp read through an expression, which the column type may not have made timezone-aware."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)


async def _offer_decisions(
    session: AsyncSession, actor: Actor, now: dt.datetime, provider_id: int, call_offs: Sequence[_CallOff]
) -> list[AttentionItem]:
    if not _readable(actor, m.Offer):
        return []
    o, r, lot = m.Offer, aliased(m.Referral), aliased(m.Lot)
    rows = await session.execute(
        select(o, r, _flag(r.id.in_(_visible_ids(m.Referral, actor, now))), lot.code)
        .join(r, r.id == o.referral_id)
        .join(lot, lot.id == r.lot_id)
        .where(
            visible(o, actor, now),
            o.provider_id == provider_id,
            or_(_within(o.accepted_at, now), _within(o.declined_at, now)),
        )
    )
    told = {found.row.offer_id for found in call_offs if found.just_awarded}
    items = []
    for offer, referral, referral_shown, lot_code in rows:
        if offer.id in told:
            continue  # its call-off tells it
        against = f"against referral {neutral_reference(referral)} " if referral_shown else ""
        accepted = offer.accepted_at is not None
        outcome = "was accepted: the placement is awarded to you" if accepted else "was not successful"
        items.append(
            AttentionItem(
                kind=AttentionKind.DECISION_RECEIVED,
                record=offer,
                summary=f"Your offer {against}under lot {lot_code} {outcome}.",
                deadline=None,
                at=offer.accepted_at if accepted else offer.declined_at,
                overdue=False,
            )
        )
    return items
