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
    round.
    """

    __tablename__ = "bid"
    __table_args__ = (
        unique_where("uq_bid_one_live_per_provider_round", "round_id", "provider_id", where="withdrawn_at IS NULL"),
    )

    round_id: Mapped[int] = mapped_column(ForeignKey("application_round.id", ondelete="RESTRICT"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"), index=True)
    submitted_at: Mapped[dt.datetime | None]
    withdrawn_at: Mapped[dt.datetime | None]


class BidLot(Base):
    """A lot a bid applies for, with the establishments offered and the decision."""

    __tablename__ = "bid_lot"
    __table_args__ = (
        UniqueConstraint("bid_id", "lot_id"),
        CheckConstraint("(decision IS NULL) = (decided_at IS NULL)", name="decision_dated"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bid.id", ondelete="RESTRICT"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id", ondelete="RESTRICT"), index=True)
    decision: Mapped[LotDecision | None] = mapped_column(enum_type(LotDecision))
    decided_at: Mapped[dt.datetime | None]


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
    """One evaluator's assessment of a bid lot, with its moderated result."""

    __tablename__ = "evaluation"
    __table_args__ = (
        UniqueConstraint("bid_lot_id", "evaluator_ref"),
        CheckConstraint(
            "moderated_score IS NULL OR moderated_score BETWEEN 0 AND 100",
            name="moderated_score_range",
        ),
    )

    bid_lot_id: Mapped[int] = mapped_column(ForeignKey("bid_lot.id", ondelete="RESTRICT"), index=True)
    evaluator_ref: Mapped[str] = mapped_column(String(100))
    passed: Mapped[bool | None]
    moderated_score: Mapped[float | None] = mapped_column(Numeric(5, 2, asdecimal=False))
    feedback: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[dt.datetime | None]
    moderated_at: Mapped[dt.datetime | None]


class CriterionScore(Base):
    """An evaluator's score against one AWARD question (0 to 5)."""

    __tablename__ = "criterion_score"
    __table_args__ = (
        UniqueConstraint("evaluation_id", "question_id"),
        CheckConstraint("score BETWEEN 0 AND 5", name="score_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id", ondelete="RESTRICT"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("round_question.id", ondelete="RESTRICT"))
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
