"""EHC plan annual reviews of individual placements, on the statutory clocks (:mod:`api.domain.review_clock`).

- **One review open at a time.** Each individual placement has one review not yet held: the first is opened
  when it is awarded (:func:`open_first_review`), due a year after the plan's date (the placement's start
  while that is not known); recording a meeting opens the next, due a year after the meeting. Block
  contracts have none. The placing authority's commissioner records the plan's date
  (:func:`set_plan_issue_date`), which moves the first review's due date.
- **The meeting.** The commissioner schedules the meeting (:func:`schedule_meeting`): the provider is told
  that the school's report is wanted by its due date, 2 weeks before. The provider's user writes the report
  (:func:`submit_report`): a narrative, progress against outcomes of the placement's framework, the child's
  attendance; it may send it again until the meeting is held. Documents attach to the review through the
  document upload (type ``REVIEW_REPORT``). The commissioner records the meeting held, with who attended by
  role (:func:`record_meeting`), the decision to keep, amend or cease the plan (:func:`record_decision`) and,
  after a decision to amend, the day the amended plan was issued (:func:`record_amended_plan`).
- **Refusals.** Every input at fault is refused at once, each naming its field, and nothing is written:
  a date in the future, a meeting before the plan's date or before the last meeting held, a decision without
  a meeting or before it, an amended plan without a decision to amend or before it. Each change is one
  transaction, at the version read, and audited (lengths only of what the school or the council wrote about the
  child, never the text).
- **Who sees.** The placing authority's people and the provider (its own placements); the lead authority its
  own authority's, auditors every one (:mod:`api.domain.visibility`). The decision note is the buying side's.
- **Lists and figures.** :func:`annual_reviews` filters by what is due, late or overdue, by each authority's
  own clocks (in SQL: :func:`report_late`, :func:`decision_overdue`); :func:`compliance` gives an authority's
  figures for a period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Date, FunctionElement, Integer, Select, and_, func, literal, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased

from api.auth.actor import AUTHORITY_ROLES, Actor, Role
from api.domain import audit, notifications
from api.domain import status as st
from api.domain.clock import uk_date
from api.domain.errors import Forbidden, InvalidTransition, NotFound, Problems, ValidationError
from api.domain.notification_kinds import Kind, global_id
from api.domain.offers import commissioner_of
from api.domain.outcomes import period
from api.domain.queries import rows_by_id, scoped
from api.domain.review_clock import (
    Clocks,
    ReviewStatus,
    amended_plan_due_on,
    decision_due_on,
    first_due,
    next_due,
    report_due_on,
)
from api.domain.rounds import clean_text
from api.domain.versions import expect_version
from api.domain.visibility import visible
from api.domain.wording import state, words
from db import models as m
from db.enums import CallOffType, ReviewAttendee, ReviewDecision

MAX_NARRATIVE = 20_000
MAX_OUTCOME_NARRATIVE = 5_000
MAX_NOTE = 5_000
HUNDRED = Decimal(100)


# -- days in SQL ----------------------------------------------------------------------------------------


class _day_number(FunctionElement[int]):
    """A date as a whole number of days, so that a clock's days can be added in SQL on either database."""

    type = Integer()
    inherit_cache = True
    name = "review_day_number"


@compiles(_day_number)
def _day_number_default(element: Any, compiler: Any, **kw: Any) -> str:
    return f"(CAST({compiler.process(element.clauses, **kw)} AS DATE) - DATE '2000-01-01')"


@compiles(_day_number, "sqlite")
def _day_number_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"CAST(julianday({compiler.process(element.clauses, **kw)}) AS INTEGER)"


def _days(value: Any) -> ColumnElement[int]:
    return _day_number(value)


def _today(today: dt.date) -> ColumnElement[int]:
    return _day_number(literal(today, Date))


def _clock(column_name: str) -> Any:
    """The placing authority's clock ``column_name`` of the review in the enclosing query, as a scalar."""
    c, a = aliased(m.CallOff), aliased(m.Authority)
    return (
        select(getattr(a, column_name))
        .join(c, c.authority_id == a.id)
        .where(c.id == m.AnnualReview.call_off_id)
        .scalar_subquery()
    )


def running_placement(today: dt.date) -> ColumnElement[bool]:
    """Reviews of a placement neither terminated nor ended by ``today`` (one yet to start included)."""
    c = m.CallOff
    running = select(c.id).where(c.terminated_at.is_(None), or_(c.end_date.is_(None), c.end_date >= today))
    return m.AnnualReview.call_off_id.in_(running)


def open_reviews(today: dt.date) -> ColumnElement[bool]:
    """Reviews not yet held, of a placement still running."""
    return and_(m.AnnualReview.held_on.is_(None), running_placement(today))


def report_due_day() -> ColumnElement[int]:
    """:func:`api.domain.review_clock.report_due_on` as a day number."""
    r = m.AnnualReview
    return _days(func.coalesce(r.meeting_on, r.due_on)) - _clock("review_report_days")


def report_outstanding() -> ColumnElement[bool]:
    return and_(m.AnnualReview.held_on.is_(None), m.AnnualReview.report_submitted_at.is_(None))


def report_late(today: dt.date) -> ColumnElement[bool]:
    """Reviews whose school report is late: not sent, the meeting not held, its due date passed, the placement
    still running."""
    return and_(report_outstanding(), running_placement(today), report_due_day() < _today(today))


def report_due_within(today: dt.date, days: int) -> ColumnElement[bool]:
    """Reviews whose school report is wanted within ``days`` (today included) and not late yet."""
    due = report_due_day()
    return and_(report_outstanding(), running_placement(today), due >= _today(today), due <= _today(today) + days)


def report_due_between(first: dt.date, last: dt.date) -> ColumnElement[bool]:
    """Reviews whose school report is due from ``first`` to ``last``, by their authority's clock."""
    due = report_due_day()
    return and_(due >= _today(first), due <= _today(last))


def decision_overdue(today: dt.date) -> ColumnElement[bool]:
    """Reviews held whose decision is past the authority's decision clock."""
    r = m.AnnualReview
    due = _days(r.held_on) + _clock("review_decision_days")
    return and_(r.held_on.is_not(None), r.decision.is_(None), due < _today(today))


def due_within(today: dt.date, days: int) -> ColumnElement[bool]:
    """Open reviews due within ``days`` of ``today``, or already past their due date."""
    return and_(open_reviews(today), m.AnnualReview.due_on <= today + dt.timedelta(days=days))


def status_is(status: ReviewStatus) -> ColumnElement[bool]:
    """The SQL twin of :func:`api.domain.review_clock.review_status`."""
    r = m.AnnualReview
    held, decided = r.held_on.is_not(None), r.decision.is_not(None)
    amend_open = and_(r.decision == ReviewDecision.AMEND, r.amended_plan_issued_on.is_(None))
    return {
        ReviewStatus.MEETING_TO_ARRANGE: and_(r.held_on.is_(None), r.meeting_on.is_(None)),
        ReviewStatus.MEETING_ARRANGED: and_(r.held_on.is_(None), r.meeting_on.is_not(None)),
        ReviewStatus.DECISION_DUE: and_(held, r.decision.is_(None)),
        ReviewStatus.AMENDED_PLAN_DUE: amend_open,
        ReviewStatus.COMPLETE: and_(decided, ~amend_open),
    }[status]


# -- lists ------------------------------------------------------------------------------------------


def annual_reviews(
    actor: Actor,
    *,
    now: dt.datetime,
    authority_id: int | None = None,
    call_off_id: int | None = None,
    status: ReviewStatus | None = None,
    due_within_days: int | None = None,
    report_late: bool | None = None,
    decision_overdue: bool | None = None,
) -> Select[Any]:
    """The annual reviews ``actor`` may read, filtered; see :class:`api.schema.reviews.AnnualReviewFilter`."""
    r = m.AnnualReview
    today = now.date()
    conditions: list[Any] = []
    if authority_id is not None:
        conditions.append(r.call_off_id.in_(select(m.CallOff.id).where(m.CallOff.authority_id == authority_id)))
    if call_off_id is not None:
        conditions.append(r.call_off_id == call_off_id)
    if status is not None:
        conditions.append(status_is(status))
    if due_within_days is not None:
        conditions.append(due_within(today, due_within_days))
    if report_late is not None:
        late = _report_late(today)
        conditions.append(late if report_late else ~late)
    if decision_overdue is not None:
        overdue = _decision_overdue(today)
        conditions.append(overdue if decision_overdue else ~overdue)
    stmt = scoped(r, actor, now)
    return stmt.where(*conditions) if conditions else stmt


_report_late, _decision_overdue = report_late, decision_overdue


async def clocks_by_call_off(session: AsyncSession, call_off_ids: Sequence[int]) -> dict[int, Clocks]:
    """Each call-off's placing authority's clocks, in one query. Clocks are no secret: the caller has read a
    review of the call-off already."""
    if not call_off_ids:
        return {}
    c, a = m.CallOff, m.Authority
    rows = await session.execute(
        select(c.id, a.review_interval_months, a.review_report_days, a.review_decision_days, a.plan_amendment_days)
        .join(a, a.id == c.authority_id)
        .where(c.id.in_(set(call_off_ids)))
    )
    return {row[0]: Clocks(*row[1:]) for row in rows}


async def _clocks_of(session: AsyncSession, call_off: m.CallOff) -> Clocks:
    authority = await session.get(m.Authority, call_off.authority_id)
    assert authority is not None
    return Clocks.of(authority)


@dataclass(frozen=True)
class LatestOutcome:
    """A measure's most recent value reported for a placement, with the term it was reported for."""

    measure_id: int
    value: float
    academic_year: int
    term: Any

    @property
    def period(self) -> str:
        return period(self.academic_year, self.term)


async def latest_outcomes(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, call_off_ids: Sequence[int]
) -> dict[int, list[LatestOutcome]]:
    """Each placement's latest value of every measure, from its outcome reports submitted, in one query.

    Read under the outcome reports' own rule and scope: a caller who may not read them gets none.
    """
    if not call_off_ids:
        return {}
    r, v = m.OutcomeReport, m.OutcomeValue
    rows = await session.execute(
        select(r.call_off_id, r.academic_year, r.term, v.measure_id, v.value)
        .join(v, v.report_id == r.id)
        .where(r.call_off_id.in_(set(call_off_ids)), r.submitted_at.is_not(None), visible(r, actor, now))
        .order_by(r.call_off_id, r.academic_year, r.due_at, r.id)
    )
    found: dict[int, dict[int, LatestOutcome]] = {}
    for call_off_id, year, term, measure_id, value in rows:  # later reports overwrite earlier ones
        found.setdefault(call_off_id, {})[measure_id] = LatestOutcome(measure_id, float(value), year, term)
    return {key: sorted(values.values(), key=lambda o: o.measure_id) for key, values in found.items()}


async def measures_for(session: AsyncSession, call_off_ids: Sequence[int]) -> dict[int, list[m.OutcomeMeasure]]:
    """The measures of each placement's outcomes framework a report may speak to (those not retired), by
    call-off, in one query."""
    om, lot, c = m.OutcomeMeasure, m.Lot, m.CallOff
    rows = await session.execute(
        select(c.id, om)
        .join(lot, lot.system_id == om.system_id)
        .join(c, c.lot_id == lot.id)
        .where(c.id.in_(call_off_ids), om.retired_at.is_(None))
        .order_by(om.code)
    )
    found: dict[int, list[m.OutcomeMeasure]] = {}
    for call_off_id, measure in rows:
        found.setdefault(call_off_id, []).append(measure)
    return found


# -- opening reviews --------------------------------------------------------------------------------


async def open_first_review(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, call_off: m.CallOff
) -> m.AnnualReview | None:
    """The first review of an individual placement just awarded, due a year after its start (or its plan's
    date); None for a block contract."""
    if call_off.type is not CallOffType.INDIVIDUAL_PLACEMENT:
        return None
    clocks = await _clocks_of(session, call_off)
    review = m.AnnualReview(
        call_off_id=call_off.id, sequence=1, due_on=first_due(call_off.plan_issued_on, call_off.start_date, clocks)
    )
    session.add(review)
    await session.flush()
    await _record(session, actor=actor, now=now, action="annualReview.opened", review=review, before=None)
    return review


def _snapshot(review: m.AnnualReview) -> dict[str, Any]:
    """The review as the audit trail records it: dates, roles and the decision; lengths of what was written
    about the child, never the text."""
    return {
        "callOff": review.call_off_id,
        "sequence": review.sequence,
        "dueOn": review.due_on.isoformat(),
        "meetingOn": review.meeting_on.isoformat() if review.meeting_on else None,
        "reportSubmittedAt": review.report_submitted_at.isoformat() if review.report_submitted_at else None,
        "reportLength": len(review.report_narrative) if review.report_narrative is not None else None,
        "outcomes": sorted(o["measure"] for o in review.report_outcomes or []),
        "attendancePercent": review.attendance_percent,
        "heldOn": review.held_on.isoformat() if review.held_on else None,
        "attendees": list(review.attendees) if review.attendees is not None else None,
        "decision": review.decision.value if review.decision else None,
        "decidedOn": review.decided_on.isoformat() if review.decided_on else None,
        "noteLength": len(review.decision_note) if review.decision_note else None,
        "amendedPlanIssuedOn": review.amended_plan_issued_on.isoformat() if review.amended_plan_issued_on else None,
    }


async def _record(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    action: str,
    review: m.AnnualReview,
    before: dict[str, Any] | None,
) -> None:
    after = _snapshot(review)
    if before is not None:
        changed = [k for k in after if after[k] != before[k]]
        before, after = {k: before[k] for k in changed}, {k: after[k] for k in changed}
    await audit.record(
        session,
        actor=actor,
        now=now,
        action=action,
        entity_type="AnnualReview",
        entity_id=review.id,
        diff={"before": before, "after": after},
    )


# -- reading one to change it ---------------------------------------------------------------------------


async def _visible(session: AsyncSession, *, actor: Actor, now: dt.datetime, review_id: int) -> m.AnnualReview:
    review = (await rows_by_id(session, actor=actor, now=now, model=m.AnnualReview, ids=[review_id])).get(review_id)
    if review is None:
        raise NotFound("No annual review you may see has this ID", field="input.review")
    return review


async def _authoritys(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, review_id: int, version: int | None
) -> tuple[m.AnnualReview, m.CallOff, Clocks]:
    """A review of a placement of the commissioner's authority, at the version read, with its call-off."""
    authority_id = commissioner_of(actor)
    review = await _visible(session, actor=actor, now=now, review_id=review_id)
    call_off = await session.get(m.CallOff, review.call_off_id)
    assert call_off is not None
    if call_off.authority_id != authority_id:
        raise NotFound("No annual review of a placement of your authority has this ID", field="input.review")
    expect_version(review, version)
    return review, call_off, await _clocks_of(session, call_off)


async def _last_held(session: AsyncSession, call_off_id: int, *, before: int | None = None) -> m.AnnualReview | None:
    """The call-off's latest review held (before the one of sequence ``before``)."""
    r = m.AnnualReview
    stmt = select(r).where(r.call_off_id == call_off_id, r.held_on.is_not(None))
    if before is not None:
        stmt = stmt.where(r.sequence < before)
    return await session.scalar(stmt.order_by(r.sequence.desc()).limit(1))


EARLIEST = dt.date(2000, 1, 1)
"""No date of a review is before it: the regulations are of 2014, the system's records later still."""
MEETING_AHEAD = dt.timedelta(days=731)
"""A meeting is scheduled at most two years ahead."""


def _not_future(problems: Problems, day: dt.date, today: dt.date, *, field: str, what: str) -> None:
    if day > today:
        problems.add(f"The {what} cannot be in the future: today is {today.isoformat()}", field=field)
    elif day < EARLIEST:
        problems.add(f"The {what} cannot be before {EARLIEST.isoformat()}", field=field)


async def _earliest_meeting(
    session: AsyncSession, review: m.AnnualReview, call_off: m.CallOff
) -> tuple[dt.date | None, str]:
    """The day before which no meeting of ``review`` may be: the day after the last one held, else the plan's
    date, else the placement's start (a review recorded here is of the plan while the child is placed here);
    with the reason in words."""
    previous = await _last_held(session, call_off.id, before=review.sequence)
    if previous is not None and previous.held_on is not None:
        return previous.held_on + dt.timedelta(days=1), f"the last review meeting, held on {previous.held_on}"
    if call_off.plan_issued_on is not None:
        return call_off.plan_issued_on, f"the plan's date, {call_off.plan_issued_on}"
    return call_off.start_date, f"the placement's start, {call_off.start_date}"


# -- an authority's clocks ------------------------------------------------------------------------------

CLOCK_LIMITS = {
    "intervalMonths": (1, 12, "months between reviews: at least every 12 months, the regulations say"),
    "reportDays": (14, 60, "days before the meeting the school's report is due: at least 2 weeks"),
    "decisionDays": (1, 28, "days after the meeting for the decision: within 4 weeks"),
    "amendmentDays": (1, 56, "days after a decision to amend for the amended plan: within 8 weeks"),
}
"""Each clock an authority sets, with the range the SEND Regulations 2014 (regs 18-22) leave it."""


async def set_clocks(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, version: int | None, clocks: Clocks
) -> m.Authority:
    """The commissioner's authority's own review clocks, each within the regulations (:data:`CLOCK_LIMITS`).

    Report, decision and amendment days apply at once to every review (their due dates are derived); a new
    interval applies to reviews opened from now on, each open review keeping the due date it was given.
    """
    authority = await session.get(m.Authority, commissioner_of(actor))
    assert authority is not None
    problems = Problems()
    given = {
        "intervalMonths": clocks.interval_months,
        "reportDays": clocks.report_days,
        "decisionDays": clocks.decision_days,
        "amendmentDays": clocks.amendment_days,
    }
    for name, value in given.items():
        low, high, what = CLOCK_LIMITS[name]
        if not low <= value <= high:
            problems.add(f"Give {low} to {high} {what}", field=f"input.{name}")
    problems.settle()
    expect_version(authority, version)
    before = Clocks.of(authority)
    authority.review_interval_months = clocks.interval_months
    authority.review_report_days = clocks.report_days
    authority.review_decision_days = clocks.decision_days
    authority.plan_amendment_days = clocks.amendment_days
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="authority.review_clocks_set",
        entity_type="Authority",
        entity_id=authority.id,
        diff={"before": asdict(before), "after": asdict(clocks)},
    )
    return authority


# -- the plan's date ------------------------------------------------------------------------------------


async def set_plan_issue_date(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off_id: int,
    version: int | None,
    plan_issued_on: dt.date,
) -> tuple[m.CallOff, m.AnnualReview | None]:
    """Record when the child's EHC plan was issued; while no review has been held, the open review is then due
    a year (the authority's interval) after it. A running placement with no review at all (one imported) has its
    first opened. Returns the call-off and its open review."""
    authority_id = commissioner_of(actor)
    call_off = (await rows_by_id(session, actor=actor, now=now, model=m.CallOff, ids=[call_off_id])).get(call_off_id)
    if call_off is None or call_off.authority_id != authority_id:
        raise NotFound("No placement of your authority has this ID", field="input.callOff")
    if call_off.type is not CallOffType.INDIVIDUAL_PLACEMENT:
        raise InvalidTransition(
            f"A {words(CallOffType.BLOCK)} has no child's plan: only an individual placement has", field="input.callOff"
        )
    expect_version(call_off, version)
    today = now.date()
    problems = Problems()
    _not_future(problems, plan_issued_on, today, field="input.planIssuedOn", what="plan's date")
    first_held = await session.scalar(
        select(m.AnnualReview)
        .where(m.AnnualReview.call_off_id == call_off.id, m.AnnualReview.held_on.is_not(None))
        .order_by(m.AnnualReview.sequence)
        .limit(1)
    )
    if first_held is not None and first_held.held_on is not None and plan_issued_on > first_held.held_on:
        problems.add(
            f"A review meeting of this plan was held on {first_held.held_on}: the plan was issued before it",
            field="input.planIssuedOn",
        )
    problems.settle()
    before_date = call_off.plan_issued_on
    call_off.plan_issued_on = plan_issued_on
    await session.flush()
    review = await _open_review(session, call_off.id)
    review_before = _snapshot(review) if review is not None else None
    if review is not None and first_held is None:
        review.due_on = first_due(plan_issued_on, call_off.start_date, await _clocks_of(session, call_off))
        await session.flush()
    ended = st.call_off_status(call_off, today) in (st.CallOffStatus.ENDED, st.CallOffStatus.TERMINATED)
    if review is None and first_held is None and not ended:  # a placement imported without one: its first
        review = await open_first_review(session, actor=actor, now=now, call_off=call_off)
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="callOff.plan_issue_date_set",
        entity_type="CallOff",
        entity_id=call_off.id,
        diff={
            "before": {"planIssuedOn": before_date.isoformat() if before_date else None},
            "after": {"planIssuedOn": plan_issued_on.isoformat()},
        },
    )
    if review is not None and review_before is not None and review_before["dueOn"] != review.due_on.isoformat():
        await _record(
            session, actor=actor, now=now, action="annualReview.due_date_moved", review=review, before=review_before
        )
    return call_off, review


async def _open_review(session: AsyncSession, call_off_id: int) -> m.AnnualReview | None:
    r = m.AnnualReview
    return await session.scalar(select(r).where(r.call_off_id == call_off_id, r.held_on.is_(None)))


# -- the meeting scheduled, and the school's report ------------------------------------------------------


async def schedule_meeting(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, review_id: int, version: int | None, meeting_on: dt.date
) -> m.AnnualReview:
    """Schedule (or move) the review meeting; the provider is told its report is wanted by the report's due date."""
    review, call_off, clocks = await _authoritys(session, actor=actor, now=now, review_id=review_id, version=version)
    if review.held_on is not None:
        raise InvalidTransition(
            f"This review's meeting was held on {review.held_on}: record the decision instead", field="input.review"
        )
    problems = Problems()
    earliest, why = await _earliest_meeting(session, review, call_off)
    today = now.date()
    if meeting_on > today + MEETING_AHEAD:
        problems.add("A meeting is scheduled at most two years ahead", field="input.meetingOn")
    elif earliest is not None and meeting_on < earliest:
        problems.add(f"The meeting cannot be before {why}", field="input.meetingOn")
    elif meeting_on < today:
        problems.add(
            f"A meeting is scheduled for today or later (today is {today.isoformat()}): record a meeting already "
            "held with recordReviewMeeting",
            field="input.meetingOn",
        )
    problems.settle()
    before = _snapshot(review)
    review.meeting_on = meeting_on
    await session.flush()
    await _record(session, actor=actor, now=now, action="annualReview.meeting_scheduled", review=review, before=before)
    establishment = await session.get(m.Establishment, call_off.establishment_id)
    await notifications.notify(
        session,
        now=now,
        kind=Kind.REVIEW_REPORT_REQUESTED,
        to=notifications.To.provider(call_off.provider_id),
        subject_type="AnnualReview",
        subject_id=review.id,
        payload={
            **review_payload(review, call_off, establishment),
            "meetingOn": meeting_on.isoformat(),
            "reportDueOn": report_due_on(review, clocks).isoformat(),
        },
    )
    return review


def review_payload(review: m.AnnualReview, call_off: m.CallOff, establishment: Any) -> dict[str, Any]:
    """What every message about a review carries: the placement's reference and establishment, and the links.
    Never anything of the child."""
    return {
        "callOff": call_off.reference,
        "callOffId": global_id("CallOff", call_off.id),
        "reviewId": global_id("AnnualReview", review.id),
        "establishment": establishment.name if establishment is not None else "",
    }


@dataclass(frozen=True)
class ReviewOutcome:
    """The school's words on the child's progress towards one outcome, by a measure of the framework."""

    measure_id: int
    narrative: str | None


@dataclass(frozen=True)
class ReviewReport:
    """The school's annual review report."""

    narrative: str
    outcomes: Sequence[ReviewOutcome]
    attendance_percent: int


async def submit_report(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    review_id: int,
    version: int | None,
    report: ReviewReport,
) -> m.AnnualReview:
    """The provider sends (or sends again, until the meeting is held) its report for the review."""
    if not actor.has_role(Role.PROVIDER_USER) or actor.provider_id is None:
        raise Forbidden("Only the placement's provider writes the school's annual review report")
    review = await _visible(session, actor=actor, now=now, review_id=review_id)
    call_off = await session.get(m.CallOff, review.call_off_id)
    assert call_off is not None
    if call_off.provider_id != actor.provider_id:
        raise NotFound("No annual review of your placements has this ID", field="input.review")
    status = st.call_off_status(call_off, now.date())
    if status is not st.CallOffStatus.ACTIVE:
        raise InvalidTransition(
            f"The placement {call_off.reference} {state(status)}: reports are written while it runs",
            field="input.review",
        )
    if review.held_on is not None:
        raise InvalidTransition(
            f"The review meeting was held on {review.held_on}: its report can no longer change", field="input.review"
        )
    expect_version(review, version)
    problems = Problems()
    narrative = problems.check(
        clean_text, report.narrative, field="input.narrative", label="report", max_length=MAX_NARRATIVE
    )
    outcomes = await _checked_outcomes(session, problems, call_off, report.outcomes)
    if not 0 <= report.attendance_percent <= 100:
        problems.add("Attendance is a percentage from 0 to 100", field="input.attendancePercent")
    problems.settle()
    before = _snapshot(review)
    again = review.report_submitted_at is not None
    review.report_narrative = narrative
    review.report_outcomes = outcomes
    review.attendance_percent = report.attendance_percent
    review.report_submitted_at = now
    review.report_submitted_by = actor.reference
    await session.flush()
    action = "annualReview.report_resubmitted" if again else "annualReview.report_submitted"
    await _record(session, actor=actor, now=now, action=action, review=review, before=before)
    return review


async def _checked_outcomes(
    session: AsyncSession, problems: Problems, call_off: m.CallOff, outcomes: Sequence[ReviewOutcome]
) -> list[dict[str, Any]]:
    """The outcomes written about, each a live measure of the placement's framework once; blank ones left out."""
    measures = {row.id: row for row in (await measures_for(session, [call_off.id])).get(call_off.id, [])}
    kept: list[dict[str, Any]] = []
    seen: dict[int, int] = {}
    for i, given in enumerate(outcomes):
        path = f"input.outcomes[{i}]"
        measure = measures.get(given.measure_id)
        if measure is None:
            problems.add("No outcome measure of this placement's framework in use has this ID", field=f"{path}.measure")
            continue
        if measure.id in seen:
            problems.add(
                f"{measure.name} is already given as outcome {seen[measure.id] + 1}: write about each once",
                field=f"{path}.measure",
            )
            continue
        seen[measure.id] = i
        if given.narrative is None or not given.narrative.strip():
            continue
        text = problems.check(
            clean_text,
            given.narrative,
            field=f"{path}.narrative",
            label=f"progress towards {measure.name}",
            max_length=MAX_OUTCOME_NARRATIVE,
        )
        if text is not None:
            kept.append({"measure": measure.id, "narrative": text})
    return kept


# -- the meeting held, the decision, the amended plan ---------------------------------------------------


async def record_meeting(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    review_id: int,
    version: int | None,
    held_on: dt.date,
    attendees: Sequence[ReviewAttendee],
) -> tuple[m.AnnualReview, m.AnnualReview | None]:
    """Record the meeting held and who took part, by role; the next review opens, due a year after it (unless
    the placement has ended). Returns the review and the next one."""
    review, call_off, clocks = await _authoritys(session, actor=actor, now=now, review_id=review_id, version=version)
    if review.held_on is not None:
        raise InvalidTransition(
            f"This review's meeting was already recorded, held on {review.held_on}", field="input.review"
        )
    problems = Problems()
    _not_future(problems, held_on, now.date(), field="input.heldOn", what="meeting's date")
    earliest, why = await _earliest_meeting(session, review, call_off)
    if earliest is not None and held_on < earliest:
        problems.add(f"The meeting cannot have been held before {why}", field="input.heldOn")
    if not attendees:
        problems.add("Say who took part, by role: at least one", field="input.attendees")
    elif len(set(attendees)) < len(attendees):
        problems.add("Give each role once: attendees are recorded by role, not counted", field="input.attendees")
    problems.settle()
    before = _snapshot(review)
    review.held_on = held_on
    review.attendees = [a.value for a in dict.fromkeys(attendees)]
    await session.flush()
    await _record(session, actor=actor, now=now, action="annualReview.meeting_held", review=review, before=before)
    following = None
    last = st.call_off_status(call_off, now.date())
    if last not in (st.CallOffStatus.ENDED, st.CallOffStatus.TERMINATED):
        following = m.AnnualReview(
            call_off_id=call_off.id, sequence=review.sequence + 1, due_on=next_due(held_on, clocks)
        )
        session.add(following)
        try:
            await session.flush()
        except IntegrityError as exc:  # another review opened at the same moment
            if "unique" not in str(exc.orig).lower():
                raise
            raise InvalidTransition("The next review of this placement has just been opened: read it again") from None
        await _record(session, actor=actor, now=now, action="annualReview.opened", review=following, before=None)
    return review, following


async def record_decision(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    review_id: int,
    version: int | None,
    decision: ReviewDecision,
    decided_on: dt.date,
    note: str | None,
) -> m.AnnualReview:
    """Record the authority's decision after the meeting: keep, amend or cease the plan."""
    review, _call_off, _clocks = await _authoritys(session, actor=actor, now=now, review_id=review_id, version=version)
    if review.decision is not None:
        raise InvalidTransition(
            f"The decision was recorded already: {words(review.decision)}, on {review.decided_on}",
            field="input.review",
        )
    problems = Problems()
    if review.held_on is None:
        problems.add("Record the review meeting first: a decision follows the meeting", field="input.decision")
    elif decided_on < review.held_on:
        problems.add(f"The decision cannot be before the meeting, held on {review.held_on}", field="input.decidedOn")
    _not_future(problems, decided_on, now.date(), field="input.decidedOn", what="decision's date")
    text = None
    if note is not None and note.strip():
        text = problems.check(clean_text, note, field="input.note", label="note", max_length=MAX_NOTE)
    problems.settle()
    before = _snapshot(review)
    review.decision, review.decided_on, review.decision_note = decision, decided_on, text
    await session.flush()
    await _record(session, actor=actor, now=now, action="annualReview.decided", review=review, before=before)
    return review


async def record_amended_plan(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    review_id: int,
    version: int | None,
    issued_on: dt.date,
) -> m.AnnualReview:
    """Record the day the amended plan was issued, after a decision to amend."""
    review, _call_off, _clocks = await _authoritys(session, actor=actor, now=now, review_id=review_id, version=version)
    if review.amended_plan_issued_on is not None:
        raise InvalidTransition(
            f"The amended plan was recorded already, issued on {review.amended_plan_issued_on}", field="input.review"
        )
    problems = Problems()
    if review.decision is not ReviewDecision.AMEND or review.decided_on is None:
        decided = f"the decision was to {words(review.decision)}" if review.decision else "no decision is recorded"
        problems.add(f"An amended plan follows a decision to amend the plan: {decided}", field="input.issuedOn")
    elif issued_on < review.decided_on:
        problems.add(
            f"The amended plan cannot be issued before the decision to amend, on {review.decided_on}",
            field="input.issuedOn",
        )
    _not_future(problems, issued_on, now.date(), field="input.issuedOn", what="amended plan's date")
    problems.settle()
    before = _snapshot(review)
    review.amended_plan_issued_on = issued_on
    await session.flush()
    await _record(
        session, actor=actor, now=now, action="annualReview.amended_plan_issued", review=review, before=before
    )
    return review


# -- compliance figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Compliance:
    """An authority's annual reviews due in a period, and how many kept each clock."""

    authority_id: int
    first_day: dt.date
    last_day: dt.date
    due: int
    held: int
    held_by_due_date: int
    reports_on_time: int
    decisions_on_time: int
    amend_decisions: int
    amended_plans_on_time: int

    @staticmethod
    def share(part: int, whole: int) -> Decimal | None:
        """``part`` of ``whole`` in percent to one decimal place (half up); None of nothing."""
        if not whole:
            return None
        return (Decimal(part) * HUNDRED / whole).quantize(Decimal("0.1"))


MAX_PERIOD_DAYS = 366 * 5


async def compliance(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, authority_id: int, first_day: dt.date, last_day: dt.date
) -> Compliance:
    """How an authority kept the review clocks for the reviews due from ``first_day`` to ``last_day``.

    Of the reviews due in the period: how many were held by their due date; how many had the school's report
    by its due date; of those held, how many were decided within the decision clock; of the decisions to
    amend, how many amended plans were issued within the amendment clock. Figures, never a child's details:
    an authority's commissioners and analysts read their own authority's, the lead authority and auditors any.
    """
    if not actor.has_role(Role.LEAD_ADMIN, Role.AUDITOR):
        if not actor.has_role(*AUTHORITY_ROLES) or actor.authority_id != authority_id:
            raise Forbidden("Your authority's people read their own authority's figures", field="authority")
    authority = await session.get(m.Authority, authority_id)
    if authority is None:
        raise NotFound("No authority has this ID", field="authority")
    if last_day < first_day:
        raise ValidationError("The period ends before it starts", field="to")
    if (last_day - first_day).days > MAX_PERIOD_DAYS:
        raise ValidationError("Give a period of at most five years", field="to")
    clocks = Clocks.of(authority)
    r, c = m.AnnualReview, m.CallOff
    reviews = list(
        await session.scalars(
            select(r)
            .join(c, c.id == r.call_off_id)
            .where(c.authority_id == authority_id, r.due_on >= first_day, r.due_on <= last_day)
        )
    )
    held = [x for x in reviews if x.held_on is not None]
    amend = [x for x in held if x.decision is ReviewDecision.AMEND]
    return Compliance(
        authority_id=authority_id,
        first_day=first_day,
        last_day=last_day,
        due=len(reviews),
        held=len(held),
        held_by_due_date=sum(1 for x in held if x.held_on is not None and x.held_on <= x.due_on),
        reports_on_time=sum(
            1
            for x in reviews
            if x.report_submitted_at is not None and uk_date(x.report_submitted_at) <= report_due_on(x, clocks)
        ),
        decisions_on_time=sum(
            1 for x in held if x.decided_on is not None and x.decided_on <= (decision_due_on(x, clocks) or x.decided_on)
        ),
        amend_decisions=len(amend),
        amended_plans_on_time=sum(
            1
            for x in amend
            if x.amended_plan_issued_on is not None
            and x.amended_plan_issued_on <= (amended_plan_due_on(x, clocks) or x.amended_plan_issued_on)
        ),
    )
