"""Who pays for a placement: NHS integrated care boards, and each call-off's funding splits.

A funding split divides a call-off's weekly fee per place between funders, per
cost element: each contribution holds its share of every element in basis
points (hundredths of a percent) and the pence those shares come to. A split
applies from a date; a fee amendment starts a new split from the same date, so
the history of who paid what is kept as the history of fees is. Whether a split
is agreed is derived from its contributions' ``agreed_at``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, Identified, enum_type, non_negative
from db.enums import CostElement, FundingStream
from db.fees import FEE_ELEMENTS, fee_breakdown_mixin, fee_column_names

SHARE_SCALE = 10_000
"""A whole element, in basis points: shares are stored as hundredths of a percent."""


def share_out(fee: int, shares: Sequence[int]) -> list[int]:
    """Divide ``fee`` pence by ``shares`` (basis points, in order), to the penny.

    Each share gets the whole pence of its exact part; the pence left over (fewer than the shares) go one
    each to the shares that lost the most in rounding, a tie to the one listed first. The parts sum to
    ``fee`` exactly. Shares that are all 0 give the whole fee to the first.
    """
    given = list(shares) if sum(shares) else [SHARE_SCALE, *(0 for _ in shares[1:])]
    scale = sum(given)
    whole = [fee * g // scale for g in given]
    lost = [fee * g % scale for g in given]
    for i in sorted(range(len(given)), key=lambda i: (-lost[i], i))[: fee - sum(whole)]:
        whole[i] += 1
    return whole


def share_column_name(element: CostElement) -> str:
    """The column holding a contribution's share of one element, e.g. ``care_share_bp``."""
    return f"{element.value.lower()}_share_bp"


def share_column_names() -> list[str]:
    return [share_column_name(element) for element in FEE_ELEMENTS]


def _share_columns() -> type:
    attrs = {name: mapped_column(Integer, nullable=False, default=0) for name in share_column_names()}
    return type("ShareColumnsMixin", (), attrs)


class IntegratedCareBoard(Aggregate, Base):
    """An NHS integrated care board: funds the health needs of children placed in its area's population."""

    __tablename__ = "integrated_care_board"
    __table_args__ = (CheckConstraint("length(ods_code) BETWEEN 3 AND 5", name="ods_code_length"),)

    ods_code: Mapped[str] = mapped_column(String(5), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, server_default=true(), default=True)


class FundingSplit(Aggregate, Base):
    """Who pays which share of each cost element of a call-off's weekly fee, from a date."""

    __tablename__ = "funding_split"

    call_off_id: Mapped[int] = mapped_column(ForeignKey("call_off.id", ondelete="RESTRICT"), index=True)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    proposed_at: Mapped[dt.datetime]
    proposed_by: Mapped[str] = mapped_column(String(100))
    amendment_id: Mapped[int | None] = mapped_column(ForeignKey("fee_amendment.id", ondelete="RESTRICT"))


class FundingContribution(_share_columns(), fee_breakdown_mixin(), Identified, Base):
    """One funder's part of a funding split: its share of each element, the pence, and its agreement."""

    __tablename__ = "funding_contribution"
    __table_args__ = (
        UniqueConstraint("split_id", "position"),
        CheckConstraint("(stream = 'HEALTH') = (integrated_care_board_id IS NOT NULL)", name="health_from_a_board"),
        CheckConstraint("(stream = 'HEALTH') = (authority_id IS NULL)", name="budgets_of_an_authority"),
        *(CheckConstraint(f"{c} BETWEEN 0 AND {SHARE_SCALE}", name=f"{c}_range") for c in share_column_names()),
        *non_negative(*fee_column_names()),
        CheckConstraint("(agreed_at IS NULL) = (agreed_by IS NULL)", name="agreed_by_someone"),
        CheckConstraint("on_behalf_reason IS NULL OR agreed_at IS NOT NULL", name="on_behalf_when_agreed"),
    )

    split_id: Mapped[int] = mapped_column(ForeignKey("funding_split.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    stream: Mapped[FundingStream] = mapped_column(enum_type(FundingStream))
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id", ondelete="RESTRICT"), index=True)
    integrated_care_board_id: Mapped[int | None] = mapped_column(
        ForeignKey("integrated_care_board.id", ondelete="RESTRICT"), index=True
    )
    agreed_at: Mapped[dt.datetime | None]
    agreed_by: Mapped[str | None] = mapped_column(String(100))
    on_behalf_reason: Mapped[str | None] = mapped_column(Text)
