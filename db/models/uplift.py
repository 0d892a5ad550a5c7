"""Fee-uplift requests: a provider asks for higher fees at an establishment from a date; authorities decide.

A request covers the provider's placements at one establishment on one lot (running on its effective date),
or only the call-offs it names. It asks for a percentage per cost element. The lead authority may decide for
the region (a decision with no authority), or each authority with an affected placement decides its own; a
decision that accepts (in full or in part) becomes a fee amendment of each of its call-offs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, Identified, enum_type, unique_where
from db.enums import CostElement, UpliftOutcome
from db.fees import FEE_ELEMENTS


def percent_column_name(element: CostElement) -> str:
    """The column of one element's uplift, e.g. ``care_percent``."""
    return f"{element.value.lower()}_percent"


def percent_column_names() -> list[str]:
    return [percent_column_name(e) for e in FEE_ELEMENTS]


def _percent_columns() -> type:
    attrs = {name: mapped_column(Numeric(5, 2), nullable=False, default=Decimal(0)) for name in percent_column_names()}
    return type("PercentColumnsMixin", (), attrs)


def rate_column_name(element: CostElement) -> str:
    """The column of one element's new weekly fee per place, e.g. ``care_new_weekly_pence``; null: by percent."""
    return f"{element.value.lower()}_new_weekly_pence"


def rate_column_names() -> list[str]:
    return [rate_column_name(e) for e in FEE_ELEMENTS]


def _rate_columns() -> type:
    attrs = {name: mapped_column(Integer, nullable=True) for name in rate_column_names()}
    return type("RateColumnsMixin", (), attrs)


def _percent_checks() -> tuple[CheckConstraint, ...]:
    return (
        *(CheckConstraint(f"{c} >= 0 AND {c} <= 100", name=f"{c}_range") for c in percent_column_names()),
        *(CheckConstraint(f"{c} IS NULL OR {c} >= 0", name=f"{c}_gte_0") for c in rate_column_names()),
    )


class UpliftRequest(_percent_columns(), _rate_columns(), Aggregate, Base):
    """A provider's request for higher fees at one establishment on one lot, from a date."""

    __tablename__ = "uplift_request"
    __table_args__ = _percent_checks()

    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"), index=True)
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishment.id", ondelete="RESTRICT"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id", ondelete="RESTRICT"), index=True)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    reasons: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[dt.datetime]
    submitted_by: Mapped[str] = mapped_column(String(100))


class UpliftRequestCallOff(Base):
    """A call-off a request names; a request naming none covers all its establishment's placements on the lot."""

    __tablename__ = "uplift_request_call_off"

    request_id: Mapped[int] = mapped_column(ForeignKey("uplift_request.id", ondelete="CASCADE"), primary_key=True)
    call_off_id: Mapped[int] = mapped_column(ForeignKey("call_off.id", ondelete="RESTRICT"), primary_key=True)


class UpliftDecision(_percent_columns(), _rate_columns(), Identified, Base):
    """An authority's decision on a request for its own placements, or the lead authority's for the region."""

    __tablename__ = "uplift_decision"
    __table_args__ = (
        *_percent_checks(),
        UniqueConstraint("request_id", "authority_id"),
        unique_where("uq_uplift_decision_regional", "request_id", where="authority_id IS NULL"),
        CheckConstraint("outcome <> 'REFUSED' OR reason IS NOT NULL", name="refusal_has_reason"),
    )

    request_id: Mapped[int] = mapped_column(ForeignKey("uplift_request.id", ondelete="CASCADE"), index=True)
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id", ondelete="RESTRICT"))
    outcome: Mapped[UpliftOutcome] = mapped_column(enum_type(UpliftOutcome))
    reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime]
    decided_by: Mapped[str] = mapped_column(String(100))
    amended: Mapped[int] = mapped_column(Integer, default=0)
    """How many call-offs the decision amended."""
