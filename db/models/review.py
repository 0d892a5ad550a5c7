"""EHC plan annual reviews of individual placements, on the statutory clocks."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type, unique_where
from db.enums import ReviewDecision


class AnnualReview(Aggregate, Base):
    """One annual review of a child's EHC plan at the placement: the school's report, the meeting, the decision.

    A placement has one review not yet held at a time; recording a meeting opens the next, due 12 months
    (the authority's interval) after it. Dates of the clocks (report due, decision due) are derived from
    these dates and the authority's settings, never stored.
    """

    __tablename__ = "annual_review"
    __table_args__ = (
        unique_where("uq_annual_review_one_upcoming", "call_off_id", where="held_on IS NULL"),
        CheckConstraint("(report_submitted_at IS NULL) = (report_narrative IS NULL)", name="report_has_narrative"),
        CheckConstraint("attendance_percent BETWEEN 0 AND 100", name="attendance_percent_range"),
        CheckConstraint("(held_on IS NULL) = (attendees IS NULL)", name="meeting_has_attendees"),
        CheckConstraint("decision IS NULL OR held_on IS NOT NULL", name="decision_needs_meeting"),
        CheckConstraint("(decision IS NULL) = (decided_on IS NULL)", name="decision_has_date"),
        CheckConstraint("decided_on IS NULL OR decided_on >= held_on", name="decision_after_meeting"),
        CheckConstraint(
            "amended_plan_issued_on IS NULL OR decision = 'AMEND'", name="amended_plan_needs_amend_decision"
        ),
        CheckConstraint("sequence >= 1", name="sequence_positive"),
    )

    call_off_id: Mapped[int] = mapped_column(ForeignKey("call_off.id", ondelete="RESTRICT"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    meeting_on: Mapped[dt.date | None] = mapped_column(Date)
    report_submitted_at: Mapped[dt.datetime | None]
    report_submitted_by: Mapped[str | None] = mapped_column(String(100))
    report_narrative: Mapped[str | None] = mapped_column(Text)
    report_outcomes: Mapped[list[dict] | None] = mapped_column(JSON)
    attendance_percent: Mapped[int | None] = mapped_column(Integer)
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    attendees: Mapped[list[str] | None] = mapped_column(JSON)
    decision: Mapped[ReviewDecision | None] = mapped_column(enum_type(ReviewDecision))
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    decision_note: Mapped[str | None] = mapped_column(Text)
    amended_plan_issued_on: Mapped[dt.date | None] = mapped_column(Date)
