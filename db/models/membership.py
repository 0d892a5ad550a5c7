"""Lot memberships of admitted providers and their rate cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type, non_negative, unique_where
from db.enums import CostElement, PricingBand


class LotMembership(Aggregate, Base):
    """A provider admitted to a lot, from ``since`` until ``until``.

    Status is derived: REMOVED from ``removed_at``, EXPIRED after ``until``,
    SUSPENDED while ``suspended_at`` is set, otherwise ACTIVE.

    The rate card is fixed at admission, so its STANDARD-band weekly total is
    kept on the membership (see :func:`standard_weekly_total`): matching sorts
    thousands of members by it and must not add up their rate cards each time.
    """

    __tablename__ = "lot_membership"
    __table_args__ = (
        CheckConstraint("until IS NULL OR since <= until", name="period_ordered"),
        CheckConstraint("(suspended_at IS NULL) = (suspension_reason IS NULL)", name="suspension_has_reason"),
        CheckConstraint("suspended_until IS NULL OR suspended_at IS NOT NULL", name="suspension_end_needs_suspension"),
        CheckConstraint("(removed_at IS NULL) = (removal_reason IS NULL)", name="removal_has_reason"),
        unique_where("uq_lot_membership_one_current", "provider_id", "lot_id", where="removed_at IS NULL"),
        *non_negative("standard_weekly_fee_pence"),
    )

    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id", ondelete="RESTRICT"), index=True)
    bid_lot_id: Mapped[int | None] = mapped_column(ForeignKey("bid_lot.id", ondelete="RESTRICT"))
    since: Mapped[dt.date] = mapped_column(Date)
    until: Mapped[dt.date | None] = mapped_column(Date)
    suspended_at: Mapped[dt.datetime | None]
    suspension_reason: Mapped[str | None] = mapped_column(Text)
    suspended_until: Mapped[dt.date | None] = mapped_column(Date)
    removed_at: Mapped[dt.datetime | None]
    removal_reason: Mapped[str | None] = mapped_column(Text)
    standard_weekly_fee_pence: Mapped[int | None] = mapped_column(Integer)
    """The sum of the rate card's STANDARD-band weekly fees; null when it has no STANDARD band."""


class MembershipEstablishment(Base):
    """An establishment through which a member provides the lot."""

    __tablename__ = "membership_establishment"

    membership_id: Mapped[int] = mapped_column(ForeignKey("lot_membership.id", ondelete="RESTRICT"), primary_key=True)
    establishment_id: Mapped[int] = mapped_column(
        ForeignKey("establishment.id", ondelete="RESTRICT"), primary_key=True, index=True
    )


class RateCardLine(Base):
    """One weekly fee on a member's rate card, per band and cost element."""

    __tablename__ = "rate_card_line"
    __table_args__ = (
        UniqueConstraint("membership_id", "band", "element"),
        *non_negative("weekly_fee_pence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("lot_membership.id", ondelete="RESTRICT"), index=True)
    band: Mapped[PricingBand] = mapped_column(enum_type(PricingBand))
    element: Mapped[CostElement] = mapped_column(enum_type(CostElement))
    weekly_fee_pence: Mapped[int] = mapped_column(Integer)


def standard_weekly_total(lines: Iterable[tuple[PricingBand, int]]) -> int | None:
    """The STANDARD-band weekly total of a rate card given as (band, weekly fee) pairs; None without that band."""
    fees = [fee for band, fee in lines if band is PricingBand.STANDARD]
    return sum(fees) if fees else None
