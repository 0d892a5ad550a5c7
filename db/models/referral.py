"""Referrals of children for placement, and providers' offers against them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, Float, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type, non_negative, unique_where
from db.enums import DirectAwardGround, Gender, NeedCode, ReferralMode
from db.fees import WeeklyFees, fee_column_names


class Referral(Aggregate, Base):
    """An authority's pseudonymised request for a placement.

    No child's name is stored: only the authority's own reference, age, gender,
    needs and home postcode district. Status is derived from the timestamps
    and the offer deadline.
    """

    __tablename__ = "referral"
    __table_args__ = (
        CheckConstraint("quality_weight + price_weight = 100", name="weights_sum_to_100"),
        CheckConstraint("quality_weight BETWEEN 0 AND 100", name="quality_weight_range"),
        CheckConstraint("age_at_start BETWEEN 0 AND 25", name="age_range"),
        CheckConstraint("nc_year_at_start IS NULL OR nc_year_at_start BETWEEN -2 AND 14", name="nc_year_range"),
        CheckConstraint(
            "secondary_need_2 IS NULL OR secondary_need_1 IS NOT NULL",
            name="secondary_needs_in_order",
        ),
        CheckConstraint(
            "(awarded_at IS NULL) OR (closed_unsuccessful_at IS NULL AND cancelled_at IS NULL)",
            name="one_final_outcome",
        ),
        CheckConstraint("(cancelled_at IS NULL) = (cancel_reason IS NULL)", name="cancellation_has_reason"),
        Index("ix_referral_authority_reference", "authority_id", "child_reference"),
    )

    authority_id: Mapped[int] = mapped_column(ForeignKey("authority.id", ondelete="RESTRICT"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id", ondelete="RESTRICT"), index=True)
    child_reference: Mapped[str] = mapped_column(String(40))
    age_at_start: Mapped[int] = mapped_column(Integer)
    nc_year_at_start: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[Gender] = mapped_column(enum_type(Gender))
    primary_need: Mapped[NeedCode] = mapped_column(enum_type(NeedCode, "primary_need"))
    secondary_need_1: Mapped[NeedCode | None] = mapped_column(enum_type(NeedCode, "secondary_need_1"))
    secondary_need_2: Mapped[NeedCode | None] = mapped_column(enum_type(NeedCode, "secondary_need_2"))
    home_postcode_district: Mapped[str] = mapped_column(String(4))
    home_latitude: Mapped[float] = mapped_column(Float)
    home_longitude: Mapped[float] = mapped_column(Float)
    needs_summary: Mapped[str] = mapped_column(Text)
    start_by: Mapped[dt.date] = mapped_column(Date)
    offer_deadline: Mapped[dt.datetime]
    mode: Mapped[ReferralMode] = mapped_column(enum_type(ReferralMode))
    # Under the Procurement Act 2023, the Schedule 5 ground a direct award is made on (null for competitions).
    direct_award_ground: Mapped[DirectAwardGround | None] = mapped_column(enum_type(DirectAwardGround))
    quality_questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    quality_weight: Mapped[int] = mapped_column(Integer, default=60)
    price_weight: Mapped[int] = mapped_column(Integer, default=40)
    opened_at: Mapped[dt.datetime | None]
    awarded_at: Mapped[dt.datetime | None]
    closed_unsuccessful_at: Mapped[dt.datetime | None]
    cancelled_at: Mapped[dt.datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(Text)


class ReferralInvitation(Base):
    """A provider invited to offer against a referral."""

    __tablename__ = "referral_invitation"

    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="RESTRICT"), primary_key=True)
    provider_id: Mapped[int] = mapped_column(
        ForeignKey("provider.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    invited_at: Mapped[dt.datetime]


class Offer(WeeklyFees, Aggregate, Base):
    """A provider's time-boxed offer of a place at one establishment.

    Status is derived: SUBMITTED, then WITHDRAWN, ACCEPTED or DECLINED from
    the matching timestamp. One live offer per establishment per referral.
    An offer withdrawn through the API carries the provider's
    ``withdrawal_reason``; one withdrawn before reasons were asked for has
    none, so the constraint holds only that a reason belongs to a withdrawal.
    """

    __tablename__ = "offer"
    __table_args__ = (
        CheckConstraint("weeks_per_year BETWEEN 1 AND 52", name="weeks_per_year_range"),
        *non_negative(*fee_column_names()),
        CheckConstraint("NOT exceeds_rate_card OR justification IS NOT NULL", name="excess_is_justified"),
        CheckConstraint("quality_score IS NULL OR quality_score BETWEEN 0 AND 100", name="quality_score_range"),
        CheckConstraint("(quality_score IS NULL) = (quality_scored_at IS NULL)", name="quality_score_dated"),
        CheckConstraint(
            "(CASE WHEN withdrawn_at IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN accepted_at IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN declined_at IS NULL THEN 0 ELSE 1 END) <= 1",
            name="one_final_outcome",
        ),
        CheckConstraint("withdrawal_reason IS NULL OR withdrawn_at IS NOT NULL", name="withdrawal_reason_withdrawn"),
        unique_where(
            "uq_offer_one_live_per_establishment", "referral_id", "establishment_id", where="withdrawn_at IS NULL"
        ),
    )

    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="RESTRICT"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"), index=True)
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishment.id", ondelete="RESTRICT"))
    weeks_per_year: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[dt.date] = mapped_column(Date)
    quality_statement: Mapped[str] = mapped_column(Text, default="")
    quality_answers: Mapped[list[str]] = mapped_column(JSON, default=list)
    exceeds_rate_card: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    justification: Mapped[str | None] = mapped_column(Text)
    quality_score: Mapped[int | None] = mapped_column(Integer)
    quality_scored_at: Mapped[dt.datetime | None]
    quality_scored_by: Mapped[str | None] = mapped_column(String(100))
    submitted_at: Mapped[dt.datetime]
    withdrawn_at: Mapped[dt.datetime | None]
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)
    accepted_at: Mapped[dt.datetime | None]
    declined_at: Mapped[dt.datetime | None]
