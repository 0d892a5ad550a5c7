"""Bids for admission, their lots, pricing schedules, answers and evaluations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type, non_negative, unique_where
from db.enums import CostElement, LotDecision, PricingBand


class Bid(Aggregate, Base):
    """A provider's application in a round.

    Status is derived: DRAFT until ``submitted_at``, WITHDRAWN from
    ``withdrawn_at``. A provider has at most one live (not withdrawn) bid per
    round. A bid withdrawn through the API carries the provider's
    ``withdrawal_reason``; one withdrawn before reasons were asked for has
    none, so the constraint holds only that a reason belongs to a withdrawal.
    """

    __tablename__ = "bid"
    __table_args__ = (
        unique_where("uq_bid_one_live_per_provider_round", "round_id", "provider_id", where="withdrawn_at IS NULL"),
        CheckConstraint("withdrawal_reason IS NULL OR withdrawn_at IS NOT NULL", name="withdrawal_reason_withdrawn"),
    )

    round_id: Mapped[int] = mapped_column(ForeignKey("application_round.id", ondelete="RESTRICT"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"), index=True)
    submitted_at: Mapped[dt.datetime | None]
    withdrawn_at: Mapped[dt.datetime | None]
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)


class BidLot(Base):
    """A lot a bid applies for, with the establishments offered and the decision."""

    __tablename__ = "bid_lot"
    __table_args__ = (
        UniqueConstraint("bid_id", "lot_id"),
        CheckConstraint("(decision IS NULL) = (decided_at IS NULL)", name="decision_dated"),
        CheckConstraint("decision IS NULL OR feedback IS NOT NULL", name="decision_has_feedback"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bid.id", ondelete="RESTRICT"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id", ondelete="RESTRICT"), index=True)
    decision: Mapped[LotDecision | None] = mapped_column(enum_type(LotDecision))
    decided_at: Mapped[dt.datetime | None]
    feedback: Mapped[str | None] = mapped_column(Text)


class BidLotEstablishment(Base):
    """An establishment offered under a bid lot."""

    __tablename__ = "bid_lot_establishment"

    bid_lot_id: Mapped[int] = mapped_column(ForeignKey("bid_lot.id", ondelete="CASCADE"), primary_key=True)
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishment.id", ondelete="RESTRICT"), primary_key=True)


class PricingLine(Base):
    """One weekly fee of a bid lot's pricing schedule, per band and cost element."""

    __tablename__ = "pricing_line"
    __table_args__ = (
        UniqueConstraint("bid_lot_id", "band", "element"),
        *non_negative("weekly_fee_pence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bid_lot_id: Mapped[int] = mapped_column(ForeignKey("bid_lot.id", ondelete="CASCADE"), index=True)
    band: Mapped[PricingBand] = mapped_column(enum_type(PricingBand))
    element: Mapped[CostElement] = mapped_column(enum_type(CostElement))
    weekly_fee_pence: Mapped[int] = mapped_column(Integer)


class BidAnswer(Base):
    """A bid's answer to one round question."""

    __tablename__ = "bid_answer"
    __table_args__ = (UniqueConstraint("bid_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bid.id", ondelete="RESTRICT"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("round_question.id", ondelete="RESTRICT"))
    answer: Mapped[str] = mapped_column(Text)


class Evaluation(Aggregate, Base):
    """One evaluator's independent assessment of a bid lot."""

    __tablename__ = "evaluation"
    __table_args__ = (UniqueConstraint("bid_lot_id", "evaluator_ref"),)

    bid_lot_id: Mapped[int] = mapped_column(ForeignKey("bid_lot.id", ondelete="RESTRICT"), index=True)
    evaluator_ref: Mapped[str] = mapped_column(String(100))
    passed: Mapped[bool | None]
    feedback: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[dt.datetime | None]


class CriterionScore(Base):
    """An evaluator's mark on one question: a score of 0 to 5 (AWARD) or pass/fail (SELECTION)."""

    __tablename__ = "criterion_score"
    __table_args__ = (
        UniqueConstraint("evaluation_id", "question_id"),
        CheckConstraint("score IS NULL OR score BETWEEN 0 AND 5", name="score_range"),
        CheckConstraint("(score IS NULL) <> (passed IS NULL)", name="scored_or_marked"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id", ondelete="RESTRICT"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("round_question.id", ondelete="RESTRICT"))
    score: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None]
    comment: Mapped[str | None] = mapped_column(Text)


class Moderation(Aggregate, Base):
    """The agreed result for a bid lot after its evaluators' marks are moderated.

    ``score`` is the weighted award score out of 100; it is null when the bid
    lot failed a SELECTION question, which excludes it from the lot.
    """

    __tablename__ = "moderation"
    __table_args__ = (
        CheckConstraint("score IS NULL OR score BETWEEN 0 AND 100", name="score_range"),
        CheckConstraint("passed_selection OR score IS NULL", name="failed_selection_has_no_score"),
    )

    bid_lot_id: Mapped[int] = mapped_column(ForeignKey("bid_lot.id", ondelete="RESTRICT"), unique=True)
    moderator_ref: Mapped[str] = mapped_column(String(100))
    moderated_at: Mapped[dt.datetime]
    rationale: Mapped[str] = mapped_column(Text)
    passed_selection: Mapped[bool]
    score: Mapped[float | None] = mapped_column(Numeric(5, 2, asdecimal=False))


class ModeratedScore(Base):
    """The agreed score on one AWARD question."""

    __tablename__ = "moderated_score"
    __table_args__ = (CheckConstraint("score BETWEEN 0 AND 5", name="score_range"),)

    moderation_id: Mapped[int] = mapped_column(ForeignKey("moderation.id", ondelete="RESTRICT"), primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("round_question.id", ondelete="RESTRICT"), primary_key=True)
    score: Mapped[int] = mapped_column(Integer)
