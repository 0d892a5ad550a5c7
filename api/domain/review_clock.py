"""The statutory clocks of an EHC plan's annual review, worked out from a review's dates: no session, no SQL.

SEND Regulations 2014, regs 18-22, with the periods each authority sets (``Authority.review_*``):

- a plan is reviewed at least every ``review_interval_months`` (12): the first review is due that many
  calendar months after the plan was issued (the placement's start while the plan's date is not known),
  each next one that many months after the last review meeting held;
- the school circulates its report ``review_report_days`` (14) before the meeting: the report is due that
  many days before the meeting scheduled, or before the review's due date while none is;
- the authority notifies its decision (keep, amend or cease the plan) within ``review_decision_days`` (28)
  of the meeting held;
- an amended plan is issued within ``plan_amendment_days`` (56) of the decision to amend.

Months are calendar months: 29 February + 12 months is 28 February, 31 January + 1 month the last day of
February (:func:`add_months`). A review's status is derived from its dates (:func:`review_status`).

Kept apart from :mod:`api.domain.reviews` so that :mod:`api.domain.wording` can word the statuses without
importing the domain functions that use the words.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from db.enums import DescribedEnum, ReviewDecision


class ReviewStatus(DescribedEnum):
    """Where an annual review stands, derived from its dates and decision."""

    MEETING_TO_ARRANGE = (
        "MEETING_TO_ARRANGE",
        "The review is due and no meeting is scheduled yet: the placing authority arranges it.",
    )
    MEETING_ARRANGED = (
        "MEETING_ARRANGED",
        "The meeting is scheduled: the school sends its report before it.",
    )
    DECISION_DUE = (
        "DECISION_DUE",
        "The meeting was held: the placing authority decides whether to keep, amend or cease the plan.",
    )
    AMENDED_PLAN_DUE = (
        "AMENDED_PLAN_DUE",
        "The authority decided to amend the plan: the amended plan is still to be issued.",
    )
    COMPLETE = (
        "COMPLETE",
        "Done: the plan is kept or ceased, or the amended plan has been issued.",
    )


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, on the same day of the month or, where that month is shorter,
    its last day: 29 February 2024 + 12 months is 28 February 2025; 31 January + 1 month the end of February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Clocks:
    """An authority's review clocks."""

    interval_months: int = 12
    report_days: int = 14
    decision_days: int = 28
    amendment_days: int = 56

    @classmethod
    def of(cls, authority: Any) -> Clocks:
        """The clocks an ``Authority`` row (or anything with its ``review_*`` columns) sets."""
        return cls(
            interval_months=authority.review_interval_months,
            report_days=authority.review_report_days,
            decision_days=authority.review_decision_days,
            amendment_days=authority.plan_amendment_days,
        )


STATUTORY = Clocks()
"""The periods the regulations set, which every authority has unless it sets others."""


def first_due(plan_issued_on: dt.date | None, start_date: dt.date, clocks: Clocks) -> dt.date:
    """The first review's due date: the plan's date (else the placement's start) plus the interval."""
    return add_months(plan_issued_on or start_date, clocks.interval_months)


def next_due(held_on: dt.date, clocks: Clocks) -> dt.date:
    """The next review's due date after a meeting held on ``held_on``."""
    return add_months(held_on, clocks.interval_months)


def report_due_on(review: Any, clocks: Clocks) -> dt.date:
    """When the school's report is due: ``report_days`` before the meeting scheduled, or before the due date."""
    return (review.meeting_on or review.due_on) - dt.timedelta(days=clocks.report_days)


def decision_due_on(review: Any, clocks: Clocks) -> dt.date | None:
    """When the decision is due: ``decision_days`` after the meeting (held, else scheduled); None before one."""
    meeting = review.held_on or review.meeting_on
    return None if meeting is None else meeting + dt.timedelta(days=clocks.decision_days)


def amended_plan_due_on(review: Any, clocks: Clocks) -> dt.date | None:
    """When the amended plan is due: ``amendment_days`` after a decision to amend; None for any other."""
    if review.decision is not ReviewDecision.AMEND or review.decided_on is None:
        return None
    return review.decided_on + dt.timedelta(days=clocks.amendment_days)


def review_status(review: Any) -> ReviewStatus:
    if review.held_on is None:
        return ReviewStatus.MEETING_ARRANGED if review.meeting_on is not None else ReviewStatus.MEETING_TO_ARRANGE
    if review.decision is None:
        return ReviewStatus.DECISION_DUE
    if review.decision is ReviewDecision.AMEND and review.amended_plan_issued_on is None:
        return ReviewStatus.AMENDED_PLAN_DUE
    return ReviewStatus.COMPLETE


def step_due_on(review: Any, clocks: Clocks) -> dt.date | None:
    """The deadline of the step the review is at: the meeting (its due date), the decision, the amended plan;
    None once complete."""
    status = review_status(review)
    if status in (ReviewStatus.MEETING_TO_ARRANGE, ReviewStatus.MEETING_ARRANGED):
        return review.due_on
    if status is ReviewStatus.DECISION_DUE:
        return decision_due_on(review, clocks)
    if status is ReviewStatus.AMENDED_PLAN_DUE:
        return amended_plan_due_on(review, clocks)
    return None


def days_late(review: Any, clocks: Clocks, today: dt.date) -> int | None:
    """Whole days the current step is past its deadline; None when it is not (or the review is complete)."""
    due = step_due_on(review, clocks)
    return (today - due).days if due is not None and today > due else None


def days_until_due(review: Any, clocks: Clocks, today: dt.date) -> int | None:
    """Whole days until the current step's deadline (0 on the day); None once it has passed or is complete."""
    due = step_due_on(review, clocks)
    return (due - today).days if due is not None and today <= due else None


def report_outstanding(review: Any) -> bool:
    """Whether the school's report is still wanted: not sent, and the meeting not yet held."""
    return review.held_on is None and review.report_submitted_at is None


def report_days_late(review: Any, clocks: Clocks, today: dt.date) -> int | None:
    """Whole days the school's report is late: outstanding and past its due date; None otherwise."""
    if not report_outstanding(review):
        return None
    due = report_due_on(review, clocks)
    return (today - due).days if today > due else None


def decision_days_late(review: Any, clocks: Clocks, today: dt.date) -> int | None:
    """Whole days the decision is overdue: the meeting held, no decision, past its due date; None otherwise."""
    if review.held_on is None or review.decision is not None:
        return None
    due = decision_due_on(review, clocks)
    return (today - due).days if due is not None and today > due else None
