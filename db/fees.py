"""The typed weekly fee breakdown used by offers, call-offs and amendments.

Fees are never one opaque number: each placement is priced as weekly amounts
per cost element, in integer pence.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import CheckConstraint, Integer
from sqlalchemy.orm import mapped_column

from db.enums import CostElement

FEE_ELEMENTS: tuple[CostElement, ...] = tuple(CostElement)


def fee_column_name(element: CostElement, prefix: str = "") -> str:
    """The column holding one element's weekly fee, e.g. ``care_weekly_pence``."""
    return f"{prefix}{element.value.lower()}_weekly_pence"


def fee_breakdown_mixin(prefix: str = "") -> type:
    """A mixin adding one non-negative weekly-pence column per cost element."""
    attrs: dict[str, Any] = {}
    for element in FEE_ELEMENTS:
        name = fee_column_name(element, prefix)
        attrs[name] = mapped_column(
            Integer,
            CheckConstraint(f"{name} >= 0", name=f"{name}_non_negative"),
            nullable=False,
            default=0,
        )
    return type(f"FeeBreakdown{prefix.strip('_').title()}Mixin", (), attrs)


WeeklyFees = fee_breakdown_mixin()
