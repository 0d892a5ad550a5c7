"""The demo's EHC plan annual reviews: a history for every running individual placement, and work to do.

Every running individual placement gets the reviews it would have had: about half know the plan's date
(a few weeks before the start), the first review is due 12 months after it (or the start), each held a
little before its due date (some late), with the school's report, who attended, the decision (keep, or
amend with the amended plan issued) and the next review opened, due 12 months after the meeting. Reviews
due within a month are open: some with their meeting scheduled.

So that the lists are not empty on ``make run``, Cheshire East (``ce.commissioner``) has at least two
reviews due within 60 days with no meeting scheduled, one whose meeting is next week and whose school report
is a week late, and one held 40 days ago whose decision is overdue. The demo provider user's organisation
has a meeting in three weeks and its report to write. Deterministic, like the rest of the demo.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import CallOffType, ReviewAttendee, ReviewDecision
from db.models import AnnualReview, Authority, CallOff, OutcomeMeasure, Referral, ReferralInvitation

CHESHIRE_EAST = "E06000049"
DAY = dt.timedelta(days=1)
_SEED = 20_261_207

_ATTENDEES = [
    ReviewAttendee.CHILD_OR_YOUNG_PERSON.value,
    ReviewAttendee.PARENT_OR_CARER.value,
    ReviewAttendee.SCHOOL.value,
    ReviewAttendee.AUTHORITY_SEND_OFFICER.value,
]
_OPTIONAL_ATTENDEES = [
    ReviewAttendee.SOCIAL_CARE.value,
    ReviewAttendee.HEALTH.value,
    ReviewAttendee.EDUCATIONAL_PSYCHOLOGIST.value,
]
_REPORTS = (
    "Settled well this year. Small-group teaching and a visual timetable help with transitions; the school "
    "recommends keeping the current support and adding a weekly social communication group.",
    "Good progress in reading and number. Anxiety around unstructured times is easing with a key adult at break "
    "and lunch. The school recommends the plan's provision continues as it is.",
    "Attendance has improved since the autumn. Therapy sessions are well used and targets are mostly met; the "
    "school recommends updating the communication targets, which have been achieved.",
)
_OUTCOME_WORDS = (
    "Steady progress towards this outcome, with daily practice built into the timetable.",
    "This outcome is met; the school suggests a new, more ambitious target.",
    "Some progress; more time is needed, with the same support.",
)
_NOTES = (
    "The plan continues to reflect the child's needs and the provision at this placement.",
    "Outcomes updated to reflect progress; provision unchanged.",
)


def add_months(day: dt.date, months: int) -> dt.date:
    """As :func:`api.domain.review_clock.add_months` (the demo imports nothing from the API)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


async def seed_reviews(session: AsyncSession, *, today: dt.date) -> None:
    """Add the reviews; see the module. Needs the call-offs, referrals and outcome measures in place."""
    rng = random.Random(_SEED)
    codes = {pk: code for pk, code in await session.execute(select(Authority.id, Authority.gss_code))}
    measures = list(
        await session.scalars(
            select(OutcomeMeasure).where(OutcomeMeasure.retired_at.is_(None)).order_by(OutcomeMeasure.id)
        )
    )
    c = CallOff
    running = list(
        await session.scalars(
            select(c)
            .where(
                c.type == CallOffType.INDIVIDUAL_PLACEMENT,
                c.terminated_at.is_(None),
                (c.end_date.is_(None)) | (c.end_date >= today),
            )
            .order_by(c.id)
        )
    )
    rows: list[AnnualReview] = []
    open_reviews: dict[int, tuple[AnnualReview, CallOff]] = {}
    for call_off in running:
        if rng.random() < 0.5:
            call_off.plan_issued_on = call_off.start_date - DAY * rng.randint(14, 90)
        due = add_months(call_off.plan_issued_on or call_off.start_date, 12)
        sequence, previous = 1, call_off.plan_issued_on or call_off.start_date
        while due <= today - DAY * 30:
            early = rng.random() < 0.85
            held = due - DAY * rng.randint(0, 21) if early else due + DAY * rng.randint(1, 25)
            held = max(held, previous + DAY, call_off.start_date + DAY * 30)
            rows.append(_held(call_off, sequence, due, held, today, measures, rng))
            previous, sequence, due = held, sequence + 1, add_months(held, 12)
        review = AnnualReview(call_off_id=call_off.id, sequence=sequence, due_on=due)
        if due <= today + DAY * 45 and rng.random() < 0.4:
            review.meeting_on = max(today + DAY * 3, due - DAY * rng.randint(0, 10))
        rows.append(review)
        open_reviews[call_off.id] = (review, call_off)

    def ce_open(**conditions: Any) -> list[tuple[AnnualReview, CallOff]]:
        return [
            (r, co)
            for r, co in open_reviews.values()
            if codes[co.authority_id] == CHESHIRE_EAST
            and r.meeting_on is None
            and co.start_date <= today - DAY * conditions.get("started", 60)
        ]

    # a meeting held 40 days ago, its decision 12 days overdue: the one due last among Cheshire East's whose
    # last meeting (if any) was before then
    held = today - DAY * 40
    overdue_review, overdue_call_off = max(
        (found for found in ce_open(started=120) if add_months(found[0].due_on, -12) < held - DAY * 30),
        key=lambda found: found[0].due_on,
    )
    _hold(overdue_review, held, measures, rng, report_days=16)
    del open_reviews[overdue_call_off.id]
    following = AnnualReview(
        call_off_id=overdue_call_off.id, sequence=overdue_review.sequence + 1, due_on=add_months(held, 12)
    )
    rows.append(following)
    open_reviews[overdue_call_off.id] = (following, overdue_call_off)

    # a meeting next week, the school's report a week late: the one due soonest after the meeting
    later = [found for found in ce_open() if found[0].due_on >= today + DAY * 7]
    late_review, _ = min(later, key=lambda found: found[0].due_on)
    late_review.meeting_on = today + DAY * 7

    # at least two due within 60 days with no meeting: a first review brought forward by an earlier plan date
    soon = [r for r, _ in ce_open(started=0) if r.due_on <= today + DAY * 60]
    for review, call_off in [found for found in ce_open(started=0) if found[0].sequence == 1]:
        if len(soon) >= 2:
            break
        if review.due_on <= today + DAY * 60:
            continue
        review.due_on = today + DAY * (20 + 15 * len(soon))
        call_off.plan_issued_on = add_months(review.due_on, -12)
        soon.append(review)

    # the demo provider user's organisation: a meeting in three weeks, its report to write
    provider_id = await _demo_provider(session)
    mine = [found for found in open_reviews.values() if found[1].provider_id == provider_id]
    if mine:
        review, _ = min(mine, key=lambda found: found[0].due_on)
        review.meeting_on = today + DAY * 21
        _clear_report(review)

    session.add_all(rows)
    await session.flush()


def _held(
    call_off: CallOff,
    sequence: int,
    due: dt.date,
    held: dt.date,
    today: dt.date,
    measures: list[OutcomeMeasure],
    rng: random.Random,
) -> AnnualReview:
    """A review held on ``held``, with its report, the decision and (after a decision to amend) the plan."""
    review = AnnualReview(call_off_id=call_off.id, sequence=sequence, due_on=due, meeting_on=held)
    _hold(review, held, measures, rng, report_days=rng.randint(14, 24) if rng.random() < 0.85 else rng.randint(2, 12))
    late = rng.random() < 0.1
    decided = held + DAY * (rng.randint(29, 45) if late else rng.randint(3, 27))
    if decided >= today:
        return review
    amend = rng.random() < 0.25
    review.decision = ReviewDecision.AMEND if amend else ReviewDecision.KEEP
    review.decided_on = decided
    review.decision_note = _NOTES[1 if amend else 0]
    if amend:
        issued = decided + DAY * (rng.randint(57, 75) if rng.random() < 0.15 else rng.randint(20, 55))
        review.amended_plan_issued_on = issued if issued < today else None
    return review


def _hold(
    review: AnnualReview, held: dt.date, measures: list[OutcomeMeasure], rng: random.Random, *, report_days: int
) -> None:
    """The meeting held on ``held``, with the school's report sent ``report_days`` before it."""
    review.meeting_on = review.meeting_on or held
    review.held_on = held
    review.attendees = _ATTENDEES + rng.sample(_OPTIONAL_ATTENDEES, rng.randint(0, 2))
    review.report_submitted_at = _at(held - DAY * report_days)
    review.report_submitted_by = "demo"
    review.report_narrative = rng.choice(_REPORTS)
    chosen = rng.sample(measures, min(2, len(measures))) if measures else []
    review.report_outcomes = [{"measure": m.id, "narrative": rng.choice(_OUTCOME_WORDS)} for m in chosen]
    review.attendance_percent = rng.randint(82, 99)


def _clear_report(review: AnnualReview) -> None:
    review.report_submitted_at = review.report_submitted_by = review.report_narrative = None
    review.report_outcomes = review.attendance_percent = None


async def _demo_provider(session: AsyncSession) -> int | None:
    """The provider the demo provider user works for, found as ``api.auth.demo.seed_demo_identities`` finds
    it: of the providers with call-offs, the one invited to the undecided referral with the latest deadline."""
    r, i = Referral, ReferralInvitation
    invited = (
        select(i.provider_id, func.max(r.offer_deadline).label("deadline"))
        .join(r, r.id == i.referral_id)
        .where(r.opened_at.is_not(None), r.awarded_at.is_(None), r.cancelled_at.is_(None))
        .where(r.closed_unsuccessful_at.is_(None))
        .group_by(i.provider_id)
        .subquery()
    )
    found = await session.scalar(
        select(CallOff.provider_id)
        .join(invited, invited.c.provider_id == CallOff.provider_id)
        .order_by(invited.c.deadline.desc(), CallOff.id)
        .limit(1)
    )
    return found or await session.scalar(select(CallOff.provider_id).order_by(CallOff.id).limit(1))
