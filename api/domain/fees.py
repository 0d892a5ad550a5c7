"""Fee arithmetic on the typed weekly breakdown.

Money is integer pence throughout; scores that divide money are ``Decimal``
rounded half-up to two places, never floats.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from db.enums import AmendmentReason, CostElement, PlacementType
from db.fees import FEE_ELEMENTS, fee_column_name

MAX_WEEKLY_FEE_PENCE = 10_000_000
"""£100,000 a week for one cost element: far above any real fee, well inside the column's range."""

MAX_ANNUAL_UPLIFT_PERCENT = 10
"""The most an ANNUAL_UPLIFT raises any element, in percent: above recent regional uplifts (3 to 5.5%)."""

TWO_PLACES = Decimal("0.01")

INPUT_NAMES: dict[CostElement, str] = {
    CostElement.EDUCATION: "education",
    CostElement.CARE: "care",
    CostElement.HEALTH: "health",
    CostElement.THERAPIES: "therapies",
    CostElement.ADDITIONAL_STAFFING: "additionalStaffing",
}
"""How each element is named in inputs and diffs."""


@dataclass(frozen=True)
class WeeklyFees:
    """Weekly fees in pence per cost element."""

    by_element: dict[CostElement, int]

    @classmethod
    def of(cls, row: Any, prefix: str = "") -> WeeklyFees:
        """Read the breakdown from a row's fee columns."""
        return cls({e: getattr(row, name) for e, name in _columns(prefix)})

    @property
    def total(self) -> int:
        return sum(self.by_element.values())

    def columns(self, prefix: str = "") -> dict[str, int]:
        """The breakdown as column values, e.g. ``{"care_weekly_pence": 0, ...}``."""
        return {fee_column_name(e, prefix): self.by_element.get(e, 0) for e in FEE_ELEMENTS}

    def write_to(self, row: Any, prefix: str = "") -> None:
        """Set a row's fee columns to this breakdown."""
        for name, value in self.columns(prefix).items():
            setattr(row, name, value)

    def as_dict(self) -> dict[str, int]:
        """The breakdown by input name, with the total: for audit diffs and award working."""
        return {**{INPUT_NAMES[e]: self.by_element.get(e, 0) for e in FEE_ELEMENTS}, "total": self.total}


def annual_cost(weekly: WeeklyFees, *, weeks_per_year: int, places: int = 1) -> int:
    """The annual cost in pence: weekly total × weeks per year × places."""
    return weekly.total * weeks_per_year * places


def check_weekly_fees(fees: WeeklyFees, placement_type: PlacementType, *, field: str) -> list[tuple[str, str]]:
    """What is wrong with a weekly breakdown for a lot of ``placement_type``, as (field, message) pairs.

    Education is always priced; care only on residential lots; each element
    is a whole number of pence within a sane ceiling.
    """
    problems: list[tuple[str, str]] = []
    for element in FEE_ELEMENTS:
        value = fees.by_element.get(element, 0)
        path = f"{field}.{INPUT_NAMES[element]}"
        if not 0 <= value <= MAX_WEEKLY_FEE_PENCE:
            problems.append((path, f"A weekly fee is between 0 and {MAX_WEEKLY_FEE_PENCE:,} pence"))
    if fees.by_element.get(CostElement.CARE, 0) and placement_type is not PlacementType.RESIDENTIAL:
        problems.append((f"{field}.care", "A day lot has no residential care element: leave care at 0"))
    if fees.by_element.get(CostElement.EDUCATION, 0) <= 0:
        problems.append((f"{field}.education", "Price the education element"))
    return problems


def check_amendment_reason(
    reason: AmendmentReason, before: WeeklyFees, after: WeeklyFees, *, field: str
) -> list[tuple[str, str]]:
    """What keeps ``reason`` from describing a change of the weekly fees from ``before`` to ``after``.

    An ANNUAL_UPLIFT raises the weekly fee: no element falls, none unpriced
    becomes priced, and none rises by more than
    :data:`MAX_ANNUAL_UPLIFT_PERCENT`. A change of needs or of provision, and a
    correction, may move any element either way (the fees are checked as fees
    by :func:`check_weekly_fees`).
    """
    problem = _uplift_problem(before, after) if reason is AmendmentReason.ANNUAL_UPLIFT else None
    if problem is None:
        return []
    return [(field, f"{problem}: choose the reason that describes this change")]


def _uplift_problem(before: WeeklyFees, after: WeeklyFees) -> str | None:
    for element in FEE_ELEMENTS:
        was, now = before.by_element.get(element, 0), after.by_element.get(element, 0)
        name = INPUT_NAMES[element]
        if now < was:
            return f"An annual uplift raises fees, but {name} would fall from {pounds(was)} to {pounds(now)} a week"
        if now > was == 0:
            return f"An annual uplift raises the fees agreed, but {name} would be priced for the first time"
        if now * 100 > was * (100 + MAX_ANNUAL_UPLIFT_PERCENT):
            return (
                f"An annual uplift raises each fee by at most {MAX_ANNUAL_UPLIFT_PERCENT}%, but {name} would rise "
                f"from {pounds(was)} to {pounds(now)} a week"
            )
    if after.total <= before.total:
        return f"An annual uplift raises the weekly fee, which would stay at {pounds(before.total)}"
    return None


def fees_in_force(current: WeeklyFees, amendments: Sequence[Any], on: dt.date) -> WeeklyFees:
    """The weekly fees that apply on a date, from the latest fees and the amendments.

    ``current`` is what the call-off holds: the fees after its latest amendment,
    even one scheduled for a later date. ``amendments`` are rows with
    ``effective_from`` and before/after columns. On a date before the first
    amendment the first one's *before* fees apply; otherwise the *after* fees
    of the latest amendment in effect by then. The fees in force *today* are
    this on the request's date: a scheduled amendment changes nothing until
    its day.
    """
    if not amendments:
        return current
    ordered = sorted(amendments, key=lambda a: (a.effective_from, a.id))
    in_effect = [a for a in ordered if a.effective_from <= on]
    if not in_effect:
        return WeeklyFees.of(ordered[0], "before_")
    return WeeklyFees.of(in_effect[-1], "after_")


def two_places(value: Decimal) -> Decimal:
    """Round half-up to two decimal places."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def price_score(lowest_annual_cost: int, annual_cost_pence: int) -> Decimal:
    """Lowest annual cost ÷ this annual cost × 100, to two places; the cheapest scores 100.00."""
    if annual_cost_pence <= 0:
        return Decimal("100.00")
    return two_places(Decimal(lowest_annual_cost) * 100 / Decimal(annual_cost_pence))


def weighted_total(quality_score: int, price: Decimal, *, quality_weight: int, price_weight: int) -> Decimal:
    """Quality score × quality weight/100 + price score × price weight/100, to two places."""
    return two_places(Decimal(quality_score) * quality_weight / 100 + price * price_weight / 100)


def pounds(pence: int) -> str:
    """An amount in words for the working, e.g. ``£46,913.28``."""
    whole, part = divmod(pence, 100)
    return f"£{whole:,}.{part:02d}"


@functools.cache
def _columns(prefix: str) -> tuple[tuple[CostElement, str], ...]:
    """Each element with its column name under ``prefix``: worked out once, read for every row of every page."""
    return tuple((e, fee_column_name(e, prefix)) for e in FEE_ELEMENTS)
