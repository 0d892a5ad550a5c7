"""Call-offs (Individual Placement Agreements and block contracts) and fee amendments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type, non_negative
from db.enums import AmendmentReason, CallOffType, DirectAwardGround, EndingKind, EndingReason, NoticeParty
from db.fees import WeeklyFees, fee_breakdown_mixin, fee_column_names


class CallOff(WeeklyFees, Aggregate, Base):
    """A contract called off the purchasing system by one authority.

    The weekly fee columns hold the *current* breakdown; every change to them
    is recorded as a ``FeeAmendment``. Status is derived: TERMINATED from
    ``terminated_at``, otherwise PENDING, ACTIVE or ENDED by the dates.
    """

    __tablename__ = "call_off"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR start_date <= end_date", name="period_ordered"),
        CheckConstraint(
            "(type = 'BLOCK' AND places >= 1) OR (type = 'INDIVIDUAL_PLACEMENT' AND places = 1)",
            name="places_match_type",
        ),
        CheckConstraint("type = 'BLOCK' OR referral_id IS NOT NULL", name="placement_has_referral"),
        CheckConstraint("weeks_per_year BETWEEN 1 AND 52", name="weeks_per_year_range"),
        *non_negative(*fee_column_names()),
        CheckConstraint("(terminated_at IS NULL) = (termination_reason IS NULL)", name="termination_has_reason"),
        CheckConstraint("(notice_given_on IS NULL) = (notice_given_by IS NULL)", name="notice_has_party"),
        CheckConstraint("(ending_kind IS NULL) = (ending_reason IS NULL)", name="ending_kind_has_reason"),
        CheckConstraint(
            "entered_into_at IS NULL OR standstill_ends_at IS NULL OR entered_into_at >= standstill_ends_at",
            name="entered_after_standstill",
        ),
        # keyset pages of one authority's or one provider's call-offs, in id order (migration 0010)
        Index("ix_call_off_authority_keyset", "authority_id", "id"),
        Index("ix_call_off_provider_keyset", "provider_id", "id"),
    )

    reference: Mapped[str] = mapped_column(String(40), unique=True)
    type: Mapped[CallOffType] = mapped_column(enum_type(CallOffType))
    authority_id: Mapped[int] = mapped_column(ForeignKey("authority.id", ondelete="RESTRICT"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"), index=True)
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishment.id", ondelete="RESTRICT"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id", ondelete="RESTRICT"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id", ondelete="RESTRICT"), unique=True)
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id", ondelete="RESTRICT"), unique=True)
    places: Mapped[int] = mapped_column(Integer, default=1)
    weeks_per_year: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    awarded_at: Mapped[dt.datetime]
    awarded_by: Mapped[str | None] = mapped_column(String(100))
    award_reason: Mapped[str | None] = mapped_column(Text)
    award_working: Mapped[dict | None] = mapped_column(JSON)
    membership_id: Mapped[int | None] = mapped_column(ForeignKey("lot_membership.id", ondelete="RESTRICT"))
    end_reason: Mapped[str | None] = mapped_column(Text)
    terminated_at: Mapped[dt.datetime | None]
    termination_reason: Mapped[str | None] = mapped_column(Text)
    # The date the child's EHC plan was issued: the first annual review is due a year after it.
    plan_issued_on: Mapped[dt.date | None] = mapped_column(Date)
    # The ages at the end of whose academic year the agreement ends, where they differ from the lot's.
    phase_end_ages: Mapped[list[int] | None] = mapped_column(JSON)
    notice_given_on: Mapped[dt.date | None] = mapped_column(Date)
    notice_given_by: Mapped[NoticeParty | None] = mapped_column(enum_type(NoticeParty))
    ending_kind: Mapped[EndingKind | None] = mapped_column(enum_type(EndingKind))
    ending_reason: Mapped[EndingReason | None] = mapped_column(enum_type(EndingReason))
    # Under the Procurement Act 2023: the end of the standstill after the award decision, and when the contract
    # was entered into (under PCR 2015, at the award). Null ``entered_into_at``: awarded, not yet entered into.
    standstill_ends_at: Mapped[dt.datetime | None]
    entered_into_at: Mapped[dt.datetime | None]
    direct_award_ground: Mapped[DirectAwardGround | None] = mapped_column(enum_type(DirectAwardGround))


class FeeAmendment(fee_breakdown_mixin("before_"), fee_breakdown_mixin("after_"), Base):
    """A dated change to a call-off's weekly fee breakdown, with before and after."""

    __tablename__ = "fee_amendment"
    __table_args__ = non_negative(*fee_column_names("before_"), *fee_column_names("after_"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_off_id: Mapped[int] = mapped_column(ForeignKey("call_off.id", ondelete="RESTRICT"), index=True)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[AmendmentReason] = mapped_column(enum_type(AmendmentReason))
    note: Mapped[str] = mapped_column(Text, default="")
    agreed_at: Mapped[dt.datetime]
    approved_by: Mapped[str | None] = mapped_column(String(100))
