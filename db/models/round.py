"""Application rounds in which providers apply for admission."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type
from db.enums import QuestionKind


class ApplicationRound(Aggregate, Base):
    """A window in which providers may bid for admission to lots.

    The time-driven states (SCHEDULED, OPEN, CLOSED, STANDSTILL) follow from
    the dates against the clock; the others from the recorded timestamps.
    """

    __tablename__ = "application_round"
    __table_args__ = (
        UniqueConstraint("system_id", "number"),
        CheckConstraint("opens_at < closes_at", name="opens_before_closes"),
        CheckConstraint(
            "clarification_deadline IS NULL OR "
            "(clarification_deadline >= opens_at AND clarification_deadline <= closes_at)",
            name="clarification_within_window",
        ),
        CheckConstraint(
            "standstill_ends_at IS NULL OR standstill_ends_at >= closes_at",
            name="standstill_after_close",
        ),
        CheckConstraint("(cancelled_at IS NULL) = (cancel_reason IS NULL)", name="cancellation_has_reason"),
    )

    system_id: Mapped[int] = mapped_column(ForeignKey("purchasing_system.id", ondelete="RESTRICT"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    opens_at: Mapped[dt.datetime]
    clarification_deadline: Mapped[dt.datetime | None]
    closes_at: Mapped[dt.datetime]
    standstill_ends_at: Mapped[dt.datetime | None]
    evaluation_started_at: Mapped[dt.datetime | None]
    decisions_issued_at: Mapped[dt.datetime | None]
    concluded_at: Mapped[dt.datetime | None]
    cancelled_at: Mapped[dt.datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(Text)


class RoundLot(Base):
    """A lot open for bids in a round."""

    __tablename__ = "round_lot"

    round_id: Mapped[int] = mapped_column(ForeignKey("application_round.id", ondelete="RESTRICT"), primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id", ondelete="RESTRICT"), primary_key=True)


class RoundQuestion(Base):
    """A question of a round: pass/fail SELECTION or weighted AWARD."""

    __tablename__ = "round_question"
    __table_args__ = (
        UniqueConstraint("round_id", "number"),
        CheckConstraint(
            "(kind = 'SELECTION' AND weight IS NULL) OR (kind = 'AWARD' AND weight BETWEEN 1 AND 100)",
            name="weight_matches_kind",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("application_round.id", ondelete="RESTRICT"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[QuestionKind] = mapped_column(enum_type(QuestionKind))
    text: Mapped[str] = mapped_column(Text)
    weight: Mapped[int | None] = mapped_column(Integer)


class RoundEvaluator(Base):
    """An evaluator assigned to a round: they see its bids once it closes."""

    __tablename__ = "round_evaluator"

    round_id: Mapped[int] = mapped_column(ForeignKey("application_round.id", ondelete="RESTRICT"), primary_key=True)
    evaluator_ref: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)


class RoundClarification(Base):
    """A bidder's question during a round and the lead authority's answer.

    Answers are published to every bidder; the asker is never shown.
    """

    __tablename__ = "round_clarification"
    __table_args__ = (CheckConstraint("(answer IS NULL) = (answered_at IS NULL)", name="answer_dated"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("application_round.id", ondelete="RESTRICT"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"))
    question: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[dt.datetime]
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[dt.datetime | None]
    answered_by: Mapped[str | None] = mapped_column(String(100))


class RoundScheduleChange(Base):
    """A change to a round's dates after it opened, with the reason given."""

    __tablename__ = "round_schedule_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("application_round.id", ondelete="RESTRICT"), index=True)
    changed_at: Mapped[dt.datetime]
    changed_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    before: Mapped[dict] = mapped_column(JSON)
    after: Mapped[dict] = mapped_column(JSON)
