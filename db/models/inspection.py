"""Inspections of establishments: the history, in each inspectorate's own framework."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, Identified, enum_type
from db.enums import InspectionFramework, Inspectorate, OfstedGrade, ReportCardArea, ReportCardGrade


class Inspection(Aggregate, Base):
    """One inspection of an establishment, with its judgements in the framework it was made under.

    A legacy grade or a social care judgement has an overall grade on the four-point scale; a report card
    has a grade per evaluation area (:class:`InspectionJudgement`) and safeguarding met or not; a standards
    inspection has the standards met or not.
    """

    __tablename__ = "inspection"
    __table_args__ = (
        CheckConstraint(
            "framework NOT IN ('LEGACY_GRADE', 'SOCIAL_CARE') OR overall_grade IS NOT NULL",
            name="graded_framework_has_grade",
        ),
        CheckConstraint(
            "framework IN ('LEGACY_GRADE', 'SOCIAL_CARE') OR overall_grade IS NULL", name="grade_only_where_graded"
        ),
        CheckConstraint("framework <> 'REPORT_CARD' OR safeguarding_met IS NOT NULL", name="report_card_safeguarding"),
        CheckConstraint("framework <> 'STANDARDS' OR standards_met IS NOT NULL", name="standards_judged"),
        CheckConstraint("published_on IS NULL OR published_on >= inspected_on", name="published_after_inspection"),
    )

    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishment.id", ondelete="RESTRICT"), index=True)
    inspectorate: Mapped[Inspectorate] = mapped_column(enum_type(Inspectorate))
    framework: Mapped[InspectionFramework] = mapped_column(enum_type(InspectionFramework))
    inspected_on: Mapped[dt.date] = mapped_column(Date)
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    report_url: Mapped[str | None] = mapped_column(String(500))
    overall_grade: Mapped[OfstedGrade | None] = mapped_column(enum_type(OfstedGrade))
    safeguarding_met: Mapped[bool | None] = mapped_column(Boolean)
    standards_met: Mapped[bool | None] = mapped_column(Boolean)
    recorded_at: Mapped[dt.datetime]
    recorded_by: Mapped[str | None] = mapped_column(String(100))


class InspectionJudgement(Base):
    """A report card's grade for one evaluation area."""

    __tablename__ = "inspection_judgement"

    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspection.id", ondelete="CASCADE"), primary_key=True)
    area: Mapped[ReportCardArea] = mapped_column(enum_type(ReportCardArea), primary_key=True)
    grade: Mapped[ReportCardGrade] = mapped_column(enum_type(ReportCardGrade))


class ReferralMatchOverride(Identified, Base):
    """A commissioner's decision to consider, for one referral, an establishment flagged after an inspection.

    Matching rules a flagged establishment out; with this row, that referral's matches show it eligible
    with the commissioner's reason. Other referrals are unaffected.
    """

    __tablename__ = "referral_match_override"
    __table_args__ = (UniqueConstraint("referral_id", "establishment_id"),)

    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="RESTRICT"))
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishment.id", ondelete="RESTRICT"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str | None] = mapped_column(String(100))
    recorded_at: Mapped[dt.datetime]
