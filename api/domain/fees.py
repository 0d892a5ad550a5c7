"""Fee arithmetic on the typed weekly breakdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from db.enums import CostElement
from db.fees import FEE_ELEMENTS, fee_column_name


@dataclass(frozen=True)
class WeeklyFees:
    """Weekly fees in pence per cost element."""

    by_element: dict[CostElement, int]

    @classmethod
    def of(cls, row: Any, prefix: str = "") -> WeeklyFees:
        """Read the breakdown from a row's fee columns."""
        return cls({e: getattr(row, fee_column_name(e, prefix)) for e in FEE_ELEMENTS})

    @property
    def total(self) -> int:
        return sum(self.by_element.values())


def annual_cost(weekly: WeeklyFees, *, weeks_per_year: int, places: int = 1) -> int:
    """The annual cost in pence: weekly total × weeks per year × places."""
    return weekly.total * weeks_per_year * places
