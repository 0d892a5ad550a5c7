"""The typed weekly fee breakdown used by offers, call-offs and amendments.

Fees are never one opaque number: each placement is priced as weekly amounts
per cost element, in integer pence.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer
from sqlalchemy.orm import mapped_column

from db.enums import CostElement

FEE_ELEMENTS: tuple[CostElement, ...] = tuple(CostElement)


def fee_column_name(element: CostElement, prefix: str = "") -> str:
    """The column holding one element's weekly fee, e.g. ``care_weekly_pence``."""
    return f"{prefix}{element.value.lower()}_weekly_pence"


def fee_column_names(prefix: str = "") -> list[str]:
    """The fee columns of one breakdown, in cost-element order."""
    return [fee_column_name(element, prefix) for element in FEE_ELEMENTS]


def fee_breakdown_mixin(prefix: str = "") -> type:
    """A mixin adding one weekly-pence column per cost element.

    Tables using it add ``non_negative(*fee_column_names(prefix))`` to their
    ``__table_args__``, so the database refuses negative fees.
    """
    attrs: dict[str, Any] = {
        name: mapped_column(Integer, nullable=False, default=0) for name in fee_column_names(prefix)
    }
    return type(f"FeeBreakdown{prefix.strip('_').title()}Mixin", (), attrs)


WeeklyFees = fee_breakdown_mixin()
