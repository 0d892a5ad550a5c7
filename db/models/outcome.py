"""The outcomes framework and providers' termly outcome reports."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type, unique_where
from db.enums import MeasureDirection, MeasureFrequency, MeasureScale, OutcomeDomain, Term


class OutcomeMeasure(Aggregate, Base):
    """A measure of the outcomes framework. Retired, never deleted, once in use."""

    __tablename__ = "outcome_measure"
    __table_args__ = (UniqueConstraint("system_id", "code"),)

    system_id: Mapped[int] = mapped_column(ForeignKey("purchasing_system.id", ondelete="RESTRICT"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    domain: Mapped[OutcomeDomain] = mapped_column(enum_type(OutcomeDomain))
    scale: Mapped[MeasureScale] = mapped_column(enum_type(MeasureScale))
    direction: Mapped[MeasureDirection] = mapped_column(enum_type(MeasureDirection))
    frequency: Mapped[MeasureFrequency] = mapped_column(enum_type(MeasureFrequency))
    retired_at: Mapped[dt.datetime | None]


class OutcomeReport(Aggregate, Base):
    """A provider's report for one call-off and one term.

    Status is derived: DRAFT until ``submitted_at``; ACCEPTED from
    ``accepted_at``; QUERIED while a query is newer than the last submission.
    """

    __tablename__ = "outcome_report"
    __table_args__ = (
        UniqueConstraint("call_off_id", "academic_year", "term"),
        CheckConstraint("academic_year >= 2000 AND academic_year <= 2100", name="academic_year_range"),
        CheckConstraint("(queried_at IS NULL) = (query_comment IS NULL)", name="query_has_comment"),
        CheckConstraint("accepted_at IS NULL OR submitted_at IS NOT NULL", name="accepted_only_after_submission"),
    )

    call_off_id: Mapped[int] = mapped_column(ForeignKey("call_off.id", ondelete="RESTRICT"), index=True)
    academic_year: Mapped[int] = mapped_column(Integer)
    term: Mapped[Term] = mapped_column(enum_type(Term))
    narrative: Mapped[str] = mapped_column(Text, default="")
    due_at: Mapped[dt.datetime]
    submitted_at: Mapped[dt.datetime | None]
    accepted_at: Mapped[dt.datetime | None]
    queried_at: Mapped[dt.datetime | None]
    query_comment: Mapped[str | None] = mapped_column(Text)


class OutcomeReportQuery(Base):
    """One exchange of the review conversation: the authority's query and the provider's answer.

    The report keeps its latest query in ``queried_at``/``query_comment`` (status is
    derived from them); these rows keep every query and answer. A report has at
    most one unanswered query.
    """

    __tablename__ = "outcome_report_query"
    __table_args__ = (
        CheckConstraint("(answer IS NULL) = (answered_at IS NULL)", name="answer_dated"),
        CheckConstraint("(answered_by IS NULL) OR (answered_at IS NOT NULL)", name="answerer_only_with_answer"),
        unique_where("uq_outcome_report_query_open", "report_id", where="answered_at IS NULL"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("outcome_report.id", ondelete="RESTRICT"), index=True)
    asked_at: Mapped[dt.datetime]
    asked_by: Mapped[str | None] = mapped_column(String(100))
    comment: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[dt.datetime | None]
    answered_by: Mapped[str | None] = mapped_column(String(100))
    answer: Mapped[str | None] = mapped_column(Text)


class OutcomeValue(Base):
    """A report's value for one measure."""

    __tablename__ = "outcome_value"
    __table_args__ = (UniqueConstraint("report_id", "measure_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("outcome_report.id", ondelete="RESTRICT"), index=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("outcome_measure.id", ondelete="RESTRICT"))
    value: Mapped[float] = mapped_column(Numeric(10, 2, asdecimal=False))
