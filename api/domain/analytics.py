"""Analytics for authorities: committed spend, fee benchmarks, outcome summaries and placement counts.

Whose call-offs are counted is decided by
:func:`api.domain.visibility.analytics_reach`: an authority's own placements
in full, or the whole region with small groups suppressed.

Disclosure control of regional figures
--------------------------------------
Regional figures are read beside the public contracts: the OCDS publication
gives every call-off's lot, buyer, provider, dates and places, and its
annual value at award and after each amendment, so anyone can work out
every placement's weekly fee on any day. What is not public is the child:
above all their primary need. One rule, applied to every regional figure
here, makes sure no figure, alone or with the publication, tells one
child's placement apart.

*Groups are sized in children.* A child counts once however many of a
group's call-offs are theirs; a block contract counts once whatever its
places (six places are not six children). A group is *suppressed*
(present, with its figures withheld, never shown as zero) when it holds
fewer than :data:`SUPPRESSION_THRESHOLD` children, or fewer than that many
of authorities other than the caller's own: the caller sees its own
placements in full and could subtract them.

*Groups by a private attribute* (the child's primary need) split a
population whose size is public. A group must then also leave at least
:data:`SUPPRESSION_THRESHOLD` children (and of other authorities') outside
it, or it would say the need of nearly everyone in the population.

A suppressed group must not be recoverable by subtracting the visible groups
from the total. So more groups are suppressed, those with the fewest other
authorities' placements first, until the suppressed groups are at least two
and hold at least :data:`SUPPRESSION_THRESHOLD` other authorities' children
between them; where no group is left to suppress, the total is suppressed
instead, and groups by need are then not listed at all: a lot's four
placements listed under one need, even suppressed, would be four children
with that need. Groups are listed in a fixed order (by name, code or year),
never by their figures, so that the order tells nothing about suppressed
groups.

*Statistics* (quartiles, medians) must not be any one child's value: the
exact median of five fees is the third placement's fee, which the
publication then names. So a regional statistic is shown only for a group
of at least :data:`STATISTIC_THRESHOLD` children (as many of other
authorities'); it is the mean of the :data:`STATISTIC_WINDOW` values nearest
its position, so that no value stands alone and none moves it by more than
a fifth of its own change; and it is rounded half-up to a coarse step
(:data:`FEE_STEP`, :data:`DAYS_STEP`, :data:`OUTCOME_STEPS`), so that the
five values behind it cannot be searched for among the published fees by
their sum. It is withheld when any of the five is the caller's own, who
could take it out and be left with fewer. A weekly-fee figure must never
be a fee at all, which could be taken for that placement's: fees are
mostly round (and a round figure would often be one), so it is given
:data:`FEE_OFFSET` below its step (£1,499.99 for £1,500), and one that is
still exactly the fee today of an active placement of its lot (which could
be in its group) is withheld. A regional position
against a group is given against these figures only, never by counting the
placements below it. The caller's own authority's figures are exact.

*Sums* of money are rounded half-up to :data:`SPEND_STEP` per group, so
that a group's spend cannot be matched against the published annual values
to find which call-offs it is made of; the total is the sum of the groups.

*Counts* (children, call-offs, places, reports) are rounded half-up to a
multiple of :data:`COUNT_STEP` (7 is shown as 5, 8 as 10; a shown group holds
at least five children, so never 0); a total is its own count rounded, not
the sum of the rounded groups. The fee benchmark's count is of children, as
its suppression is.

*As at a fixed, lagged moment.* The rules above protect one snapshot. But the
publication gives each award, ending and fee amendment the moment it is
made: were regional figures current, asking again after one award and seeing
which group moved (ASD's call-offs 68 → 69) would give the primary need of
the child just placed, one award at a time. So every regional figure is as at
the *reference moment* (:func:`reference_moment`): the start of the current
calendar quarter, 00:00 UTC on 1 January, April, July or October, the end of
the last complete quarter. Figures then change once a quarter, when a whole
quarter's awards, endings and amendments land together and none can be told
apart; and counts rounded to fives do not give even a small group's change
exactly. Statuses are derived from timestamps, so the past state can be
computed; what matters is leaving out everything *recorded* after the
moment, whatever dates it carries:

- call-offs awarded at or after it, and call-offs imported after it (an
  imported placement is awarded on its start date, often long past; its
  import's audit event says when it was recorded, and call-offs are numbered
  in the order they are recorded);
- terminations recorded after it (the call-off was still running);
- funding splits proposed after it (a fee amendment's split is proposed
  when the amendment is agreed), whatever date they apply from;
- fee amendments agreed after it, even those effective earlier: the fees are
  those agreed by the moment;
- ends set after it, which can only move the last day to the day they were
  set or later: states are taken on the day before the moment (the last day
  of the quarter), and spend counts only the days before it, so the
  committed remainder of a year, which an ending moves, is left out;
- outcome reports not yet due by it, and values submitted after it (a
  resubmitted report is changed in place, so it is left out until the next
  quarter).

The caller's own authority's figures (not suppressed) are exact and current.

Groups with no placements are absent: a zero is never disclosive.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import reduce
from operator import add
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    true,
    type_coerce,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from api.auth.actor import Actor
from api.domain import status as st
from api.domain.errors import Forbidden, NotFound, ValidationError
from api.domain.fees import WeeklyFees, fees_in_force
from api.domain.status import CallOffStatus
from api.domain.visibility import AnalyticsReach, AnalyticsScope, analytics_reach, visible
from db import models as m
from db.enums import CallOffType, DescribedEnum, FundingStream, MeasureDirection, MeasureScale, NeedCode, Term
from db.fees import FEE_ELEMENTS, fee_column_name

SUPPRESSION_THRESHOLD = 5
"""Regional groups of fewer children than this are suppressed."""

STATISTIC_THRESHOLD = 2 * SUPPRESSION_THRESHOLD
"""Regional medians, quartiles and other statistics are shown only for groups of at least this many children."""

STATISTIC_WINDOW = SUPPRESSION_THRESHOLD
"""A regional statistic is the mean of this many values: those nearest its position, never one child's value."""

FEE_STEP = Fraction(5_000)
"""Regional weekly-fee statistics are rounded to this many pence (£50), then :data:`FEE_OFFSET` taken off."""

FEE_OFFSET = 1
"""Pence taken off a rounded regional fee figure (£1,499.99 for £1,500), so that it is never a round fee."""

SPEND_STEP = Fraction(100_000)
"""Regional committed spend is rounded to this many pence (£1,000) per group."""

DAYS_STEP = Fraction(1)
"""Regional days from referral to award are rounded to whole days."""

OUTCOME_STEPS = {
    MeasureScale.PERCENT: Fraction(1),
    MeasureScale.COUNT: Fraction(1, 2),
    MeasureScale.RATING_1_5: Fraction(1, 10),
    MeasureScale.YES_NO: Fraction(1, 10),
}
"""What regional outcome statistics are rounded to, by the measure's scale."""

COUNT_STEP = 5
"""Regional counts (children, call-offs, places, reports) are rounded half-up to a multiple of this."""

MAX_FINANCIAL_YEARS = 20
"""The most financial years one spend question may cover."""

TERM_ORDER = {Term.AUTUMN: 0, Term.SPRING: 1, Term.SUMMER: 2}


# --------------------------------------------------------------------------
# Groupings
# --------------------------------------------------------------------------


class SpendGrouping(DescribedEnum):
    AUTHORITY = "AUTHORITY", "One group per buying authority."
    LOT = "LOT", "One group per lot."
    PROVIDER = "PROVIDER", "One group per provider."
    PRIMARY_NEED = "PRIMARY_NEED", "One group per child's primary need; call-offs without a referral apart."
    FINANCIAL_YEAR = "FINANCIAL_YEAR", "One group per financial year (1 April to 31 March)."
    FUNDER = (
        "FUNDER",
        "One group per funder: an authority's education budget, an authority's social care budget, or an integrated "
        "care board; each counts its contributions to the weekly fees, from the funding splits.",
    )
    FUNDING_STREAM = (
        "FUNDING_STREAM",
        "One group per funding stream (education, social care, health): the contributions of its funders together.",
    )


class PlacementGrouping(DescribedEnum):
    STATUS = (
        "STATUS",
        "One group per call-off state: PENDING, ACTIVE, ENDED or TERMINATED today (regionally: the day before asAt).",
    )
    LOT = "LOT", "One group per lot."
    AUTHORITY = "AUTHORITY", "One group per buying authority."
    PROVIDER = "PROVIDER", "One group per provider."
    PRIMARY_NEED = "PRIMARY_NEED", "One group per child's primary need; call-offs without a referral apart."


class OutcomeGrouping(DescribedEnum):
    PROVIDER = "PROVIDER", "One group per provider."
    LOT = "LOT", "One group per lot."


class OutcomeTrend(DescribedEnum):
    IMPROVING = "IMPROVING", "The latest term's median is better than the previous term's."
    WORSENING = "WORSENING", "The latest term's median is worse than the previous term's."
    STEADY = "STEADY", "The latest term's median equals the previous term's."


class PrimaryNeedGroup(DescribedEnum):
    """A child's primary need, or NOT_RECORDED for call-offs that have no referral."""

    SPLD = NeedCode.SPLD.value, NeedCode.SPLD.description
    MLD = NeedCode.MLD.value, NeedCode.MLD.description
    SLD = NeedCode.SLD.value, NeedCode.SLD.description
    PMLD = NeedCode.PMLD.value, NeedCode.PMLD.description
    SEMH = NeedCode.SEMH.value, NeedCode.SEMH.description
    SLCN = NeedCode.SLCN.value, NeedCode.SLCN.description
    HI = NeedCode.HI.value, NeedCode.HI.description
    VI = NeedCode.VI.value, NeedCode.VI.description
    MSI = NeedCode.MSI.value, NeedCode.MSI.description
    PD = NeedCode.PD.value, NeedCode.PD.description
    ASD = NeedCode.ASD.value, NeedCode.ASD.description
    OTH = NeedCode.OTH.value, NeedCode.OTH.description
    NSA = NeedCode.NSA.value, NeedCode.NSA.description
    NOT_RECORDED = "NOT_RECORDED", "No need recorded: call-offs without a referral, such as block contracts."


NEED_ORDER = {need: index for index, need in enumerate(PrimaryNeedGroup)}
STATUS_ORDER = {status: index for index, status in enumerate(CallOffStatus)}


@dataclass(frozen=True)
class Group:
    """What a group is: the values it is keyed on, and its name in words."""

    label: str
    authority_id: int | None = None
    lot_id: int | None = None
    provider_id: int | None = None
    primary_need: PrimaryNeedGroup | None = None
    financial_year: int | None = None
    status: CallOffStatus | None = None
    funding_stream: FundingStream | None = None
    integrated_care_board_id: int | None = None
    funding_not_recorded: bool = False
    """The days of call-offs without a funding split (recorded by the moment), when grouped by funder or stream."""
    order: tuple[Any, ...] = ()


TOTAL = Group(label="All placements")


# --------------------------------------------------------------------------
# Disclosure control: one rule for every regional figure
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """A group's size in children: all of them, and how many are not the caller's own authority's.

    A child is counted once however many of the group's call-offs are theirs; a
    block contract counts as one, whatever its places.
    """

    placements: int
    others: int


def suppression(
    tallies: Sequence[Tally], *, threshold: int = SUPPRESSION_THRESHOLD, private: bool = False
) -> tuple[frozenset[int], bool]:
    """Which groups (by index) to suppress, and whether the total must be suppressed too.

    ``private`` says the groups split a population whose size is public (every
    call-off is published) by something that is not (the child's primary
    need): then a group must also leave at least ``threshold`` children
    outside it, or it would tell every one of them apart. See the module's
    documentation for the rules.
    """

    def small(n: int) -> bool:
        return 0 < n < threshold

    everyone = Tally(sum(t.placements for t in tallies), sum(t.others for t in tallies))

    def alone(t: Tally) -> bool:
        """Whether the rest of the population is too small: the group is nearly everyone."""
        if not private:
            return False
        return everyone.placements - t.placements < threshold or (
            t.others > 0 and everyone.others - t.others < threshold
        )

    hidden = {i for i, t in enumerate(tallies) if small(t.placements) or small(t.others) or alone(t)}
    while True:
        at_risk = [i for i in hidden if tallies[i].others > 0]
        if not at_risk or (len(at_risk) >= 2 and sum(tallies[i].others for i in at_risk) >= threshold):
            return frozenset(hidden), False
        spare = [i for i, t in enumerate(tallies) if i not in hidden and t.others > 0]
        if not spare:
            return frozenset(hidden), True
        hidden.add(min(spare, key=lambda i: (tallies[i].others, tallies[i].placements, i)))


def _tally(placements: int, own: int) -> Tally:
    return Tally(placements=placements, others=placements - own)


def _suppressed(
    reach: AnalyticsReach, tallies: Sequence[Tally], *, private: bool = False
) -> tuple[frozenset[int], bool]:
    return suppression(tallies, private=private) if reach.suppressed else (frozenset(), False)


def _listed(hidden: frozenset[int], total_hidden: bool, private: bool, count: int) -> frozenset[int]:
    """The groups to list, by index: a private grouping that could not be protected lists none of its hidden groups.

    Listing them would say that some child has each of their needs; when they
    cannot be protected, the population may be so small that this alone tells
    a child's need.
    """
    if private and total_hidden:
        return frozenset(i for i in range(count) if i not in hidden)
    return frozenset(range(count))


def shows_statistics(reach: AnalyticsReach, tally: Tally) -> bool:
    """Whether a group is large enough for its medians, quartiles or other statistics to be shown."""
    if not reach.suppressed:
        return True
    return tally.placements >= STATISTIC_THRESHOLD and not 0 < tally.others < STATISTIC_THRESHOLD


def statistic_window(n: int, p: Fraction) -> range:
    """The :data:`STATISTIC_WINDOW` positions (from 0) of ``n`` sorted values nearest the ``p`` quantile's."""
    centre = math.floor(p * (n - 1) + Fraction(1, 2))
    start = min(max(centre - STATISTIC_WINDOW // 2, 0), n - STATISTIC_WINDOW)
    return range(start, start + STATISTIC_WINDOW)


def round_to_step(value: Fraction, step: Fraction) -> Fraction:
    """A non-negative value rounded half-up to a whole number of steps."""
    steps = value / step
    return half_up(steps.numerator, steps.denominator) * step


def statistic(
    reach: AnalyticsReach,
    tally: Tally,
    value_at: Callable[[int], tuple[Fraction | int | float, bool]],
    n: int,
    p: Fraction,
    step: Fraction,
) -> Fraction | None:
    """The ``p`` quantile (½ for the median) of a group's ``n`` sorted values, as the caller may see it.

    ``value_at(i)`` is the i-th smallest value and whether it is the caller's
    own. In full (own authority): the exact inclusive quantile. Regional: None
    unless :func:`shows_statistics`; else the mean of the
    :data:`STATISTIC_WINDOW` values nearest the quantile, rounded half-up to
    ``step``, and None when any of them is the caller's own (who could take
    it out and be left with fewer). See the module's documentation.
    """
    if n == 0 or not shows_statistics(reach, tally):
        return None
    if not reach.suppressed:
        return _quantile(lambda i: value_at(i)[0], n, p)
    window = [value_at(i) for i in statistic_window(n, p)]
    if any(own for _, own in window):
        return None
    mean = sum((Fraction(value) for value, _ in window), Fraction(0)) / len(window)
    return round_to_step(mean, step)


def round_count(reach: AnalyticsReach, n: int) -> int:
    """A count as the caller may see it: exact for its own authority, regionally half-up to :data:`COUNT_STEP`.

    Shown regional groups hold at least :data:`SUPPRESSION_THRESHOLD` children,
    so none rounds to zero.
    """
    if not reach.suppressed:
        return n
    return int(round_to_step(Fraction(n), Fraction(COUNT_STEP)))


# --------------------------------------------------------------------------
# The moment figures describe
# --------------------------------------------------------------------------


def reference_moment(now: dt.datetime) -> dt.datetime:
    """The start of ``now``'s calendar quarter: 00:00 UTC on 1 January, April, July or October.

    The end of the last complete quarter: regional figures are as at this moment.
    """
    utc = now.astimezone(dt.UTC)
    return dt.datetime(utc.year, 3 * ((utc.month - 1) // 3) + 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class AsAt:
    """The moment a set of figures describes, and the day their states and fees are taken on.

    Own authority: the moment of the request and today, with every record.
    Regional: the :func:`reference_moment` and the day before it (the last day
    of the last complete quarter), with only what was recorded before it.
    """

    moment: dt.datetime
    day: dt.date
    reference: dt.datetime | None
    """The reference moment for a regional reach; None when figures are current."""


def as_at(reach: AnalyticsReach, now: dt.datetime) -> AsAt:
    if not reach.suppressed:
        return AsAt(now, now.date(), None)
    moment = reference_moment(now)
    return AsAt(moment, moment.date() - dt.timedelta(days=1), moment)


def _reach(actor: Actor, scope: AnalyticsScope) -> AnalyticsReach:
    reach = analytics_reach(actor, scope)
    if reach is None:
        if scope is AnalyticsScope.OWN_AUTHORITY:
            raise Forbidden(
                "Only an authority's commissioners and analysts see its own figures in full: ask for REGION",
                field="scope",
            )
        raise Forbidden("Your role may not see analytics", field="scope")
    return reach


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------


def financial_year_of(day: dt.date) -> int:
    """The financial year a day falls in, by its starting year: 2 March 2026 is in 2025 (2025-26)."""
    return day.year if day >= dt.date(day.year, 4, 1) else day.year - 1


def financial_year_first_day(year: int) -> dt.date:
    return dt.date(year, 4, 1)


def financial_year_last_day(year: int) -> dt.date:
    return dt.date(year + 1, 3, 31)


def financial_year_days(year: int) -> int:
    """365, or 366 when the year holds a 29 February."""
    return (dt.date(year + 1, 4, 1) - dt.date(year, 4, 1)).days


def financial_year_label(year: int) -> str:
    """E.g. ``2025-26``."""
    return f"{year}-{(year + 1) % 100:02d}"


def academic_year_of(day: dt.date) -> int:
    """The academic year a day falls in, by its starting year (September to August)."""
    return day.year if day.month >= 9 else day.year - 1


class _day_number(FunctionElement[int]):
    """A date as a whole number of days, so that days between two dates is a subtraction."""

    type = Integer()
    inherit_cache = True
    name = "day_number"


@compiles(_day_number)
def _day_number_default(element: Any, compiler: Any, **kw: Any) -> str:
    return f"(CAST({compiler.process(element.clauses, **kw)} AS DATE) - DATE '2000-01-01')"


@compiles(_day_number, "sqlite")
def _day_number_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"CAST(julianday({compiler.process(element.clauses, **kw)}) AS INTEGER)"


class _utc_midnight(FunctionElement[dt.datetime]):
    """The start of a date in UTC, to compare with a timestamp."""

    inherit_cache = True
    name = "utc_midnight"


@compiles(_utc_midnight)
def _utc_midnight_default(element: Any, compiler: Any, **kw: Any) -> str:
    return f"(CAST({compiler.process(element.clauses, **kw)} AS TIMESTAMP) AT TIME ZONE 'UTC')"


@compiles(_utc_midnight, "sqlite")
def _utc_midnight_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    # timestamps are stored as 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC: a date string sorts just before its day
    return compiler.process(element.clauses, **kw)


_FAR = 1_000_000_000
"""A day number beyond any real date, for open ends."""


def _least(*values: ColumnElement[Any]) -> ColumnElement[Any]:
    return reduce(lambda a, b: case((a < b, a), else_=b), values)


def _greatest(*values: ColumnElement[Any]) -> ColumnElement[Any]:
    return reduce(lambda a, b: case((a > b, a), else_=b), values)


# --------------------------------------------------------------------------
# Shared SQL
# --------------------------------------------------------------------------


def _weekly_total(table: Any, prefix: str = "") -> ColumnElement[int]:
    return reduce(add, (getattr(table, fee_column_name(e, prefix)) for e in FEE_ELEMENTS))


def _terminated(when: AsAt) -> ColumnElement[bool]:
    """Call-offs terminated by the moment: a termination recorded after the reference moment is not yet one."""
    c = m.CallOff
    if when.reference is None:
        return c.terminated_at.is_not(None)
    return and_(c.terminated_at.is_not(None), c.terminated_at < when.reference)


def _ran(when: AsAt) -> ColumnElement[bool]:
    """Call-offs that ran at all: not terminated (by the moment) before they started."""
    c = m.CallOff
    return or_(~_terminated(when), c.terminated_at >= _utc_midnight(c.start_date))


def _call_off_is(status: CallOffStatus, when: AsAt) -> ColumnElement[bool]:
    """:func:`api.domain.status.call_off_is` on the day figures are taken on, with terminations as at the moment."""
    if when.reference is None:
        return st.call_off_is(status, when.day)
    t, day, terminated = m.CallOff, when.day, _terminated(when)
    running = and_(~terminated, t.start_date <= day)
    return {
        CallOffStatus.TERMINATED: terminated,
        CallOffStatus.PENDING: and_(~terminated, t.start_date > day),
        CallOffStatus.ENDED: and_(running, t.end_date.is_not(None), t.end_date < day),
        CallOffStatus.ACTIVE: and_(running, or_(t.end_date.is_(None), t.end_date >= day)),
    }[status]


def _imported_since(reference: dt.datetime) -> ColumnElement[int]:
    """The first call-off (by id) of the earliest placement import recorded at or after the reference moment.

    An imported placement is awarded on its start date, often long past, so its
    award time does not say when it was recorded; its import's audit event
    does. Call-offs are numbered in the order they are recorded (an import
    holds the numbering), so every call-off from this one on was recorded
    after the reference moment.
    """
    event, c = m.AuditEvent, m.CallOff
    first_reference = event.diff[("after", "firstReference")].as_string()
    imports = select(first_reference).where(
        event.entity_type == "Authority", event.action == "callOffs.imported", event.at >= reference
    )
    return select(func.min(c.id)).where(c.reference.in_(imports)).scalar_subquery()


def _recorded(when: AsAt) -> list[ColumnElement[bool]]:
    """Call-offs recorded before the reference moment: awarded before it, and not imported since."""
    if when.reference is None:
        return []
    c = m.CallOff
    return [c.awarded_at < when.reference, c.id < func.coalesce(_imported_since(when.reference), _FAR)]


def _in_reach(reach: AnalyticsReach, when: AsAt) -> list[ColumnElement[bool]]:
    """The call-offs a reach counts, as they were recorded by the moment."""
    mine = [] if reach.authority_id is None else [m.CallOff.authority_id == reach.authority_id]
    return [*mine, *_recorded(when)]


def _child() -> ColumnElement[str]:
    """Who a call-off is for, for counting children: its child (the authority and its reference), or itself.

    A block contract has no child: it counts as one, whatever its places.
    """
    c, r = m.CallOff, m.Referral
    return case(
        (c.referral_id.is_(None), literal("block ", String) + cast(c.id, String)),
        else_=cast(r.authority_id, String) + literal(" ", String) + r.child_reference,
    )


def _children(reach: AnalyticsReach) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """Aggregates counting a group's children, and those of them the caller's own authority placed."""
    c = m.CallOff
    everyone = func.count(func.distinct(_child()))
    if reach.own_authority_id is None:
        return everyone, literal(0, Integer)
    return everyone, func.count(func.distinct(case((c.authority_id == reach.own_authority_id, _child()), else_=None)))


def _first_fees(*conditions: ColumnElement[bool]) -> ColumnElement[int]:
    """A call-off's weekly fee (per place) before the first of its amendments that meet the conditions.

    Amendments follow one another: each takes effect no earlier than the one
    before it, and its *before* fees are the fees that were then the latest.
    """
    a = m.FeeAmendment
    return (
        select(_weekly_total(a, "before_"))
        .where(a.call_off_id == m.CallOff.id, *conditions)
        .order_by(a.effective_from, a.id)
        .limit(1)
        .correlate(m.CallOff)
        .scalar_subquery()
    )


def _fee_periods(call_off_ids: Select[Any], when: AsAt) -> Any:
    """Each call-off's periods of unchanging weekly fees (per place): call_off_id, starts, until (exclusive), weekly.

    Before its first amendment a call-off is on that amendment's *before*
    fees (its current fees when never amended); from each amendment's
    effective date, on its *after* fees until the next one. As at a reference
    moment, amendments agreed after it are left out, whatever their effective
    date: the fees are those then agreed.
    """
    a = m.FeeAmendment
    c = m.CallOff
    order = {"partition_by": a.call_off_id, "order_by": (a.effective_from, a.id)}
    agreed = [] if when.reference is None else [a.agreed_at < when.reference]
    amendments = (
        select(
            a.call_off_id.label("call_off_id"),
            a.effective_from.label("effective_from"),
            func.lead(a.effective_from).over(**order).label("until"),
            func.row_number().over(**order).label("n"),
            _weekly_total(a, "before_").label("before_weekly"),
            _weekly_total(a, "after_").label("after_weekly"),
        )
        .where(a.call_off_id.in_(call_off_ids), *agreed)
        .cte("amendment_periods")
    )
    # the fees at award: the first amendment's before fees, also when it was agreed after the reference moment
    awarded = amendments.c.before_weekly if when.reference is None else _first_fees()
    opening = (
        select(
            c.id.label("call_off_id"),
            c.start_date.label("starts"),
            amendments.c.effective_from.label("until"),
            func.coalesce(awarded, _weekly_total(c)).label("weekly"),
        )
        .select_from(c)
        .outerjoin(amendments, and_(amendments.c.call_off_id == c.id, amendments.c.n == 1))
        .where(c.id.in_(call_off_ids))
    )
    later = select(amendments.c.call_off_id, amendments.c.effective_from, amendments.c.until, amendments.c.after_weekly)
    return union_all(opening, later).subquery("fee_periods")


def _weekly_fee_on(when: AsAt) -> ColumnElement[int]:
    """A call-off's weekly fee (per place) in force on the day, as agreed by the moment, from one amendment at most.

    The call-off holds its latest fees, and amendments only ever follow the
    latest one; so only an amendment taking effect after the day means other
    fees were in force then: the *before* fees of the first such amendment.
    As at a reference moment, an amendment agreed after it (even one taking
    effect earlier) was not yet agreed: the fees in force are its *before*
    fees, or an earlier one's.
    """
    a = m.FeeAmendment
    later = a.effective_from > when.day
    if when.reference is not None:
        later = or_(later, a.agreed_at >= when.reference)
    return func.coalesce(_first_fees(later), _weekly_total(m.CallOff))


def _call_off_ids(reach: AnalyticsReach, when: AsAt, *conditions: ColumnElement[bool]) -> Select[Any]:
    c = m.CallOff
    return select(c.id).where(_ran(when), *_in_reach(reach, when), *conditions)


@dataclass(frozen=True)
class _Dimension:
    """How one grouping reads its key from a statement joined to the call-off and its referral."""

    columns: Callable[[AsAt], tuple[ColumnElement[Any], ...]]
    join: Callable[[Select[Any]], Select[Any]]
    group: Callable[[Sequence[Any]], Group]


def _no_join(stmt: Select[Any]) -> Select[Any]:
    return stmt


def _need(value: Any) -> Group:
    need = PrimaryNeedGroup.NOT_RECORDED if value is None else PrimaryNeedGroup(NeedCode(value).value)
    label = "Not recorded" if value is None else need.description.rstrip(".")
    return Group(label=label, primary_need=need, order=(NEED_ORDER[need],))


def _status_of(when: AsAt) -> ColumnElement[str]:
    return case(
        (_call_off_is(CallOffStatus.TERMINATED, when), CallOffStatus.TERMINATED.value),
        (_call_off_is(CallOffStatus.PENDING, when), CallOffStatus.PENDING.value),
        (_call_off_is(CallOffStatus.ENDED, when), CallOffStatus.ENDED.value),
        else_=CallOffStatus.ACTIVE.value,
    )


def _status(value: Any) -> Group:
    status = CallOffStatus(value)
    return Group(label=status.value.title(), status=status, order=(STATUS_ORDER[status],))


DIMENSIONS: dict[str, _Dimension] = {
    "AUTHORITY": _Dimension(
        columns=lambda when: (m.Authority.id, m.Authority.name),
        join=lambda s: s.join(m.Authority, m.Authority.id == m.CallOff.authority_id),
        group=lambda k: Group(label=k[1], authority_id=k[0], order=(k[1], k[0])),
    ),
    "LOT": _Dimension(
        columns=lambda when: (m.Lot.id, m.Lot.code, m.Lot.title, m.Lot.system_id, m.Lot.position),
        join=lambda s: s.join(m.Lot, m.Lot.id == m.CallOff.lot_id),
        group=lambda k: Group(label=f"{k[1]} {k[2]}", lot_id=k[0], order=(k[3], k[4], k[1], k[0])),
    ),
    "PROVIDER": _Dimension(
        columns=lambda when: (m.Provider.id, m.Provider.legal_name),
        join=lambda s: s.join(m.Provider, m.Provider.id == m.CallOff.provider_id),
        group=lambda k: Group(label=k[1], provider_id=k[0], order=(k[1], k[0])),
    ),
    "PRIMARY_NEED": _Dimension(
        columns=lambda when: (m.Referral.primary_need,),
        join=_no_join,
        group=lambda k: _need(k[0]),
    ),
    "STATUS": _Dimension(columns=lambda when: (_status_of(when),), join=_no_join, group=lambda k: _status(k[0])),
}


def _from_call_offs(*columns: Any) -> Select[Any]:
    """``SELECT columns FROM call_off LEFT JOIN referral``: every statement below starts here."""
    return select(*columns).select_from(m.CallOff).outerjoin(m.Referral, m.Referral.id == m.CallOff.referral_id)


def _as_int(value: Any) -> int:
    return int(value or 0)


def half_up(numerator: int, denominator: int) -> int:
    """numerator ÷ denominator rounded half-up to a whole number; both non-negative."""
    return (2 * numerator + denominator) // (2 * denominator)


def _quantile(value_at: Callable[[int], int], n: int, p: Fraction) -> Fraction:
    """The inclusive (linear interpolation) quantile of ``n`` sorted values, exactly.

    ``value_at(i)`` is the i-th smallest value (from 0); only the one or two values
    next to the quantile's position are read (see :func:`_quantile_positions`).
    """
    position = p * (n - 1)
    below = int(position)
    fraction = position - below
    if fraction == 0:
        return Fraction(value_at(below))
    return value_at(below) + fraction * (value_at(below + 1) - value_at(below))


QUARTILES = (Fraction(1, 4), Fraction(1, 2), Fraction(3, 4))


def _quantile_positions(index: ColumnElement[int], n: ColumnElement[int]) -> ColumnElement[bool]:
    """Whether the value at ``index`` (from 0) of ``n`` sorted values is one :func:`_quantile` reads for a quartile."""
    last = n - 1
    floors = (last // 4, last // 2, (3 * last) // 4)
    return or_(*(index == f for f in floors), *(index == f + 1 for f in floors))


def _window_positions(index: ColumnElement[int], n: ColumnElement[int]) -> ColumnElement[bool]:
    """Whether the value at ``index`` is in a quartile's :func:`statistic_window` (for groups it may be shown for).

    The windows' centres are ⌊p(n − 1) + ½⌋ for p = ¼, ½, ¾; a group of at least
    :data:`STATISTIC_THRESHOLD` needs no clamping at its ends. Every group keeps
    at least one row (its centres), so that its size is known.
    """
    half = STATISTIC_WINDOW // 2
    centres = ((n + 1) // 4, n // 2, (3 * n - 1) // 4)
    return or_(*(index.between(c - half, c + half) for c in centres))


def _pence(value: Fraction) -> int:
    """An exact, non-negative amount rounded half-up to whole pence."""
    return half_up(value.numerator, value.denominator)


# --------------------------------------------------------------------------
# 1. Committed spend
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class SpendFigures:
    """One group's committed spend; figures are None when suppressed."""

    group: Group
    suppressed: bool
    placements: int | None
    committed_pence: int | None


@dataclass(frozen=True)
class SpendReport:
    scope: AnalyticsScope
    grouping: SpendGrouping
    financial_years: list[int]
    authority_id: int | None
    groups: list[SpendFigures]
    total: SpendFigures
    as_at: AsAt


def _financial_years(
    today: dt.date, grouping: SpendGrouping, financial_year: int | None, since: int | None
) -> list[int]:
    last = financial_year_of(today) if financial_year is None else financial_year
    if not 2000 <= last <= 2100:
        raise ValidationError(
            "A financial year is given by its starting year, from 2000 to 2100", field="financialYear"
        )
    if grouping is not SpendGrouping.FINANCIAL_YEAR:
        if since is not None:
            raise ValidationError(
                "sinceFinancialYear applies only when grouping by FINANCIAL_YEAR: other groupings cover one year",
                field="sinceFinancialYear",
            )
        return [last]
    first = last - 4 if since is None else since
    if first > last:
        raise ValidationError("sinceFinancialYear comes after financialYear", field="sinceFinancialYear")
    if last - first + 1 > MAX_FINANCIAL_YEARS:
        raise ValidationError(f"At most {MAX_FINANCIAL_YEARS} financial years at once", field="sinceFinancialYear")
    return list(range(first, last + 1))


_FUNDER_KEYS = {
    SpendGrouping.FUNDER: ("stream", "authority_id", "board_id"),
    SpendGrouping.FUNDING_STREAM: ("stream",),
}
"""The columns of the funding periods a funding grouping keys on: each (call-off, year, key) is one contribution."""

STREAM_ORDER = {stream: index for index, stream in enumerate(FundingStream)}

STREAM_LABELS = {
    FundingStream.EDUCATION: "education",
    FundingStream.SOCIAL_CARE: "social care",
    FundingStream.HEALTH: "health",
}

NO_FUNDING_SPLIT = "No funding split recorded"


def _funding_periods(call_off_ids: Select[Any], when: AsAt) -> Any:
    """Each funder's periods of unchanging weekly pence (per place) towards each call-off.

    Columns: call_off_id, starts, until (exclusive), weekly, stream, authority_id, board_id. A split applies
    from its ``effective_from`` until the next split of the call-off starts (ordered by date, then id, so that of
    two from one day the later one is in force); the first from the call-off's start date (before any split has
    started, the first is in force). Its contributions' pence sum exactly to the weekly fee per place then in
    force, so a call-off's periods here add up, day by day, to its :func:`_fee_periods`. As at a reference moment
    only the splits proposed before it count: a fee amendment agreed since made its split then too.

    A call-off with no split (recorded by the moment) is on its :func:`_fee_periods`, with no funder: its spend
    is not lost, but counted apart as not recorded.
    """
    s, fc, c = m.FundingSplit, m.FundingContribution, m.CallOff
    order = {"partition_by": s.call_off_id, "order_by": (s.effective_from, s.id)}
    proposed = [] if when.reference is None else [s.proposed_at < when.reference]
    splits = (
        select(
            s.id.label("split_id"),
            s.call_off_id.label("call_off_id"),
            s.effective_from.label("effective_from"),
            func.lead(s.effective_from).over(**order).label("until"),
            func.row_number().over(**order).label("n"),
        )
        .where(s.call_off_id.in_(call_off_ids), *proposed)
        .subquery("split_periods")
    )
    contributions = (
        select(
            splits.c.call_off_id,
            case((splits.c.n == 1, c.start_date), else_=splits.c.effective_from).label("starts"),
            splits.c.until,
            _weekly_total(fc).label("weekly"),
            fc.stream.label("stream"),
            fc.authority_id.label("authority_id"),
            fc.integrated_care_board_id.label("board_id"),
        )
        .select_from(splits)
        .join(fc, fc.split_id == splits.c.split_id)
        .join(c, c.id == splits.c.call_off_id)
    )
    unsplit = _fee_periods(call_off_ids.where(~exists().where(s.call_off_id == m.CallOff.id, *proposed)), when)
    not_recorded = select(
        unsplit.c.call_off_id,
        unsplit.c.starts,
        unsplit.c.until,
        unsplit.c.weekly,
        null().label("stream"),
        null().label("authority_id"),
        null().label("board_id"),
    )
    return union_all(contributions, not_recorded).subquery("funding_periods")


def _stream_of(value: Any) -> FundingStream | None:
    return None if value is None else FundingStream(value)


def _funder(key: Sequence[Any]) -> Group:
    """A funder's group from (stream, authority id, authority name, board id, board name)."""
    stream, authority_id, authority_name, board_id, board_name = key
    funding_stream = _stream_of(stream)
    if funding_stream is None:
        return Group(label=NO_FUNDING_SPLIT, funding_not_recorded=True, order=(2,))
    name = board_name if board_id is not None else authority_name
    return Group(
        label=f"{name} – {STREAM_LABELS[funding_stream]}",
        authority_id=authority_id,
        funding_stream=funding_stream,
        integrated_care_board_id=board_id,
        order=(0 if board_id is None else 1, name, STREAM_ORDER[funding_stream], authority_id or board_id),
    )


def _funding_stream(key: Sequence[Any]) -> Group:
    funding_stream = _stream_of(key[0])
    if funding_stream is None:
        return Group(label=NO_FUNDING_SPLIT, funding_not_recorded=True, order=(len(STREAM_ORDER),))
    label = STREAM_LABELS[funding_stream].capitalize()
    return Group(label=label, funding_stream=funding_stream, order=(STREAM_ORDER[funding_stream],))


def _funding_dimension(grouping: SpendGrouping, running: Any) -> _Dimension:
    """How a funding grouping reads its key from the running contributions joined to the call-off."""
    if grouping is SpendGrouping.FUNDING_STREAM:
        return _Dimension(columns=lambda when: (running.c.stream,), join=_no_join, group=_funding_stream)
    a, b = m.Authority, m.IntegratedCareBoard
    return _Dimension(
        columns=lambda when: (running.c.stream, running.c.authority_id, a.name, running.c.board_id, b.name),
        join=lambda s: s.outerjoin(a, a.id == running.c.authority_id).outerjoin(b, b.id == running.c.board_id),
        group=_funder,
    )


async def committed_spend(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    scope: AnalyticsScope,
    grouping: SpendGrouping,
    financial_year: int | None = None,
    since_financial_year: int | None = None,
) -> SpendReport:
    """Committed annual spend in a financial year, in pence, by group.

    The definition: for each call-off running on any day of the financial
    year (1 April to 31 March), each day it runs in that year (from its start
    date to its end date, or open-ended to the year's end) costs the weekly
    fee per place in force that day (from its fee amendments) × its weeks per
    year × its places, ÷ the days in the financial year (365 or 366). A
    call-off running all year at one fee counts exactly its annual cost
    (weekly total × weeks per year × places); one starting or ending within
    the year counts pro rata by calendar days. A call-off terminated before it
    started counts nothing. Each group's sum is rounded half-up to whole
    pence (regionally to :data:`SPEND_STEP`); the total is the sum of the
    groups.

    By funder (:attr:`SpendGrouping.FUNDER`) or funding stream, the same sum
    is taken over each funder's contributions (:func:`_funding_periods`): each
    day costs the weekly pence per place of the funder's contribution in the
    split in force that day, instead of the weekly fee. A split's
    contributions add up to the weekly fee then in force to the penny, so a
    call-off's funders together count exactly its spend, and the groups add up
    to the other groupings' total to within each group's rounding. A group's
    places are those of the call-offs it pays towards in the year (by stream,
    each call-off once however many of the stream's funders share it); the
    total's count each call-off once. Its children are counted per group, so
    the groups overlap: suppression treats each as any other group.

    Regionally, as at the reference moment (see the module's documentation):
    only the days before it count, at the fees agreed by it, for call-offs
    recorded by it, split by the funding splits proposed by it; the financial
    year defaults to the one of the day before it.
    """
    reach = _reach(actor, scope)
    when = as_at(reach, now)
    years = _financial_years(when.day, grouping, financial_year, since_financial_year)
    c = m.CallOff

    funders = _FUNDER_KEYS.get(grouping)
    ids = _call_off_ids(reach, when)
    periods = _fee_periods(ids, when) if funders is None else _funding_periods(ids, when)
    funder_columns = tuple(periods.c[name] for name in funders or ())
    year_rows = [
        select(
            literal(year, Integer).label("year"),
            _day_number(literal(financial_year_first_day(year), Date)).label("first_day"),
            _day_number(literal(financial_year_first_day(year + 1), Date)).label("after_last_day"),
        )
        for year in years
    ]
    year_table = (year_rows[0] if len(year_rows) == 1 else union_all(*year_rows)).subquery("financial_years")

    starts = _greatest(_day_number(periods.c.starts), year_table.c.first_day)
    ends = _least(
        func.coalesce(_day_number(periods.c.until), _FAR),
        year_table.c.after_last_day,
        func.coalesce(_day_number(c.end_date) + 1, _FAR),
        # as at a reference moment, the days before it: an end or termination recorded since sets a later last day
        *([] if when.reference is None else [_day_number(literal(when.reference.date(), Date))]),
    )
    # by funder, one row per (call-off, year, funder); the first of each call-off's in a year carries its places
    # to the total, which counts a call-off once however many funders share it
    first = (
        [func.row_number().over(partition_by=(periods.c.call_off_id, year_table.c.year)).label("nth")]
        if funders is not None
        else []
    )
    running = (
        select(
            periods.c.call_off_id.label("call_off_id"),
            year_table.c.year.label("year"),
            *funder_columns,
            func.sum(cast(periods.c.weekly, BigInteger) * (ends - starts)).label("weekly_days"),
            *first,
        )
        .select_from(periods)
        .join(c, c.id == periods.c.call_off_id)
        .join(year_table, true())
        .where(ends > starts)
        .group_by(periods.c.call_off_id, year_table.c.year, *funder_columns)
        .subquery("running")
    )

    dimension: _Dimension | None = None
    if funders is not None:
        dimension = _funding_dimension(grouping, running)
    elif grouping is not SpendGrouping.FINANCIAL_YEAR:
        dimension = DIMENSIONS[grouping.value]
    keys = () if dimension is None else dimension.columns(when)
    distinct_places = (
        [func.sum(case((running.c.nth == 1, c.places), else_=0))] if funders is not None else [func.sum(c.places)]
    )
    stmt = (
        _from_call_offs(
            running.c.year,
            *keys,
            func.sum(c.places),
            *_children(reach),
            func.sum(running.c.weekly_days * c.weeks_per_year * c.places),
            *distinct_places,
        )
        .join(running, running.c.call_off_id == c.id)
        .group_by(running.c.year, *keys)
    )
    if dimension is not None:
        stmt = dimension.join(stmt)

    rows = []
    for row in (await session.execute(stmt)).all():
        year, key = row[0], row[1 : 1 + len(keys)]
        places, children, own, numerator, once = (_as_int(x) for x in row[1 + len(keys) :])
        group = (
            Group(label=financial_year_label(year), financial_year=year, order=(year,))
            if dimension is None
            else dimension.group(key)
        )
        exact = Fraction(numerator, financial_year_days(year))
        pence = int(round_to_step(exact, SPEND_STEP)) if reach.suppressed else _pence(exact)
        rows.append((group, _tally(children, own), places, pence, once))
    rows.sort(key=lambda r: r[0].order)

    private = grouping is SpendGrouping.PRIMARY_NEED
    hidden, total_hidden = _suppressed(reach, [r[1] for r in rows], private=private)
    listed = _listed(hidden, total_hidden, private, len(rows))
    groups = [
        SpendFigures(group, True, None, None)
        if i in hidden
        else SpendFigures(group, False, round_count(reach, places), pence)
        for i, (group, _, places, pence, _) in enumerate(rows)
        if i in listed
    ]
    places, spend = round_count(reach, sum(r[4] for r in rows)), sum(r[3] for r in rows)
    total = SpendFigures(TOTAL, True, None, None) if total_hidden else SpendFigures(TOTAL, False, places, spend)
    return SpendReport(scope, grouping, years, reach.authority_id, groups, total, when)


# --------------------------------------------------------------------------
# 2. Fee benchmark
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchmarkGroup:
    """Weekly costs per placement of one lot and primary need; figures are None when suppressed."""

    group: Group
    suppressed: bool
    placements: int | None
    """Children, as the suppression tally counts them (regionally rounded to :data:`COUNT_STEP`)."""
    lower_quartile: int | None
    median: int | None
    upper_quartile: int | None


@dataclass(frozen=True)
class FeePosition:
    """Where one call-off's weekly cost sits in its lot and primary need group."""

    call_off: m.CallOff
    on: dt.date
    weekly_pence: int
    benchmark: BenchmarkGroup | None
    """The call-off's group; None when no active placement shares its lot and primary need."""
    suppressed: bool
    percentile_rank: float | None
    difference_from_median: int | None
    quartile: int | None


@dataclass(frozen=True)
class FeeBenchmark:
    scope: AnalyticsScope
    on: dt.date
    authority_id: int | None
    groups: list[BenchmarkGroup]
    position: FeePosition | None
    as_at: AsAt


def _benchmark_group(lot: tuple[Any, ...], need: Any) -> Group:
    lot_group = DIMENSIONS["LOT"].group(lot)
    need_group = _need(need)
    return Group(
        label=f"{lot_group.label}: {need_group.label}",
        lot_id=lot_group.lot_id,
        primary_need=need_group.primary_need,
        order=(*lot_group.order, *need_group.order),
    )


async def fee_benchmark(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    scope: AnalyticsScope,
    lot_id: int | None = None,
    primary_need: NeedCode | None = None,
    call_off_id: int | None = None,
) -> FeeBenchmark:
    """Lower quartile, median and upper quartile of the weekly cost of active individual placements.

    Weekly cost is the weekly fee in force today, from the amendment history.
    Groups are lot × the child's primary need. In full (own authority),
    quartiles interpolate linearly between placements (the inclusive method)
    and are rounded half-up to whole pence. Regional quartiles follow the
    rule for statistics (see the module's documentation), rounded to
    :data:`FEE_STEP` less :data:`FEE_OFFSET`; one that would then be exactly
    the weekly fee today of any active placement of its lot is withheld, for
    it could be read as theirs. Counts of children follow the suppression rules within each lot,
    whose size is public; a lot's groups together are its active placements.
    Regionally, everything is as at the reference moment: the placements
    active on the day before it, at the fees agreed by it.
    """
    reach = _reach(actor, scope)
    when = as_at(reach, now)
    placed = _active_placements(reach, when, lot_id)
    part = {"partition_by": (placed.c.lot_id, placed.c.need)}
    ranked = select(
        placed.c.lot_id,
        placed.c.need,
        placed.c.weekly,
        placed.c.own,
        (func.row_number().over(**part, order_by=(placed.c.weekly, placed.c.own)) - 1).label("i"),
        func.count().over(**part).label("n"),
    ).subquery("ranked")
    # each child once: individual placements only, so a child is its authority and reference
    distinct = (
        select(placed.c.lot_id, placed.c.need, placed.c.authority_id, placed.c.child_reference, placed.c.own)
        .distinct()
        .subquery("distinct_children")
    )
    children = (
        select(
            distinct.c.lot_id,
            distinct.c.need,
            func.count().label("children"),
            func.sum(distinct.c.own).label("own_children"),
        )
        .group_by(distinct.c.lot_id, distinct.c.need)
        .subquery("children")
    )
    # only the values a quartile is made of leave the database: a few rows per group, however many placements;
    # regionally also every fee a figure could be (a step less the offset), so that none is shown equal to one
    if reach.suppressed:
        on_the_grid = ranked.c.weekly % int(FEE_STEP) == int(FEE_STEP) - FEE_OFFSET
        wanted = or_(_window_positions(ranked.c.i, ranked.c.n), on_the_grid)
    else:
        wanted = _quantile_positions(ranked.c.i, ranked.c.n)
    stmt = (
        select(
            ranked.c.lot_id,
            ranked.c.need,
            ranked.c.n,
            children.c.children,
            children.c.own_children,
            ranked.c.i,
            ranked.c.weekly,
            ranked.c.own,
        )
        .join(children, and_(children.c.lot_id == ranked.c.lot_id, children.c.need == ranked.c.need))
        .where(wanted)
        .order_by(ranked.c.lot_id, ranked.c.need, ranked.c.i)
    )
    found: dict[tuple[int, str | None], tuple[int, Tally, dict[int, tuple[int, bool]]]] = {}
    on_grid: dict[int, set[int]] = defaultdict(set)
    for placement_lot, need, n, kids, own_kids, i, weekly, own in await session.execute(stmt):
        entry = found.setdefault((placement_lot, need), (int(n), _tally(int(kids), int(own_kids or 0)), {}))
        entry[2][int(i)] = (int(weekly), bool(own))
        if int(weekly) % FEE_STEP == FEE_STEP - FEE_OFFSET:
            on_grid[placement_lot].add(int(weekly))
    lot_columns = DIMENSIONS["LOT"].columns(when)
    lot_rows = await session.execute(select(*lot_columns).where(m.Lot.id.in_({lot for lot, _ in found})))
    lots = {row[0]: tuple(row) for row in lot_rows}

    by_lot: dict[Any, list[tuple[Group, Tally, dict[int, tuple[int, bool]], int]]] = defaultdict(list)
    for (placement_lot, need), (n, tally, values) in found.items():
        by_lot[placement_lot].append((_benchmark_group(lots[placement_lot], need), tally, values, n))

    groups: list[BenchmarkGroup] = []
    for placement_lot, entries in by_lot.items():
        hidden, total_hidden = _suppressed(reach, [tally for _, tally, _, _ in entries], private=True)
        listed = _listed(hidden, total_hidden, True, len(entries))
        for index, (group, tally, values, n) in enumerate(entries):
            if index not in listed:
                continue
            if index in hidden:
                groups.append(BenchmarkGroup(group, True, None, None, None, None))
                continue
            figures = []
            for p in QUARTILES:
                value = statistic(reach, tally, values.__getitem__, n, p, FEE_STEP)
                pence = None if value is None else _pence(value)
                if pence and reach.suppressed:
                    pence -= FEE_OFFSET
                taken = reach.suppressed and pence in on_grid[placement_lot]  # someone's fee: could be read as theirs
                figures.append(None if taken else pence)
            groups.append(BenchmarkGroup(group, False, round_count(reach, tally.placements), *figures))
    groups.sort(key=lambda g: g.group.order)

    position = None
    if call_off_id is not None:
        position = await _fee_position(
            session, actor=actor, reach=reach, now=now, call_off_id=call_off_id, groups=groups, placed=placed
        )
    if primary_need is not None:  # chosen after suppression, which it must not change
        groups = [g for g in groups if g.group.primary_need is PrimaryNeedGroup(primary_need.value)]
    return FeeBenchmark(scope, when.day, reach.authority_id, groups, position, when)


def _active_placements(reach: AnalyticsReach, when: AsAt, lot_id: int | None) -> Any:
    """Individual placements in reach active on the day: lot, primary need, weekly fee, 1 if own, the child."""
    c, r = m.CallOff, m.Referral
    filters = [c.type == CallOffType.INDIVIDUAL_PLACEMENT, _call_off_is(CallOffStatus.ACTIVE, when)]
    if lot_id is not None:
        filters.append(c.lot_id == lot_id)  # groups are protected lot by lot, so a lot can be read alone
    own_id = reach.own_authority_id
    own = literal(0, Integer) if own_id is None else case((c.authority_id == own_id, 1), else_=0)
    return (
        _from_call_offs(
            c.lot_id.label("lot_id"),
            type_coerce(r.primary_need, String).label("need"),  # as text: one conversion per group, not per row
            _weekly_fee_on(when).label("weekly"),
            own.label("own"),
            c.authority_id.label("authority_id"),
            r.child_reference.label("child_reference"),
        )
        .where(_ran(when), *_in_reach(reach, when), *filters)
        .cte("placed")
    )


async def _fee_position(
    session: AsyncSession,
    *,
    actor: Actor,
    reach: AnalyticsReach,
    now: dt.datetime,
    call_off_id: int,
    groups: list[BenchmarkGroup],
    placed: Any,
) -> FeePosition:
    """Where a call-off the actor may see, with its child's referral, sits against its group.

    Regionally, only against the group's published figures: how many
    placements cost less is not counted, for that would say where the
    others' fees lie between the caller's own.
    """
    c, r = m.CallOff, m.Referral
    found = (
        await session.execute(
            select(c, r.primary_need)
            .join(r, r.id == c.referral_id)
            .where(c.id == call_off_id, visible(m.CallOff, actor, now), visible(m.Referral, actor, now))
        )
    ).first()
    if found is None:
        raise NotFound("No individual placement with this ID, or you may not see it and its referral", field="callOff")
    call_off, need = found
    amendments = list(await session.scalars(select(m.FeeAmendment).where(m.FeeAmendment.call_off_id == call_off.id)))
    on = max(call_off.start_date, min(now.date(), call_off.end_date or now.date()))
    weekly = fees_in_force(WeeklyFees.of(call_off), amendments, on).total
    need_group = PrimaryNeedGroup(NeedCode(need).value)
    benchmark = next(
        (g for g in groups if g.group.lot_id == call_off.lot_id and g.group.primary_need is need_group), None
    )
    if benchmark is None or benchmark.suppressed:
        return FeePosition(call_off, on, weekly, benchmark, benchmark is not None, None, None, None)
    bounds = (benchmark.lower_quartile, benchmark.median, benchmark.upper_quartile)
    difference = None if benchmark.median is None else weekly - benchmark.median
    quartile = None if None in bounds else 1 + sum(1 for bound in bounds if weekly > (bound or 0))
    if reach.suppressed:
        return FeePosition(call_off, on, weekly, benchmark, False, None, difference, quartile)
    counted = select(
        func.count(),
        func.sum(case((placed.c.weekly < weekly, 1), else_=0)),
        func.sum(case((placed.c.weekly == weekly, 1), else_=0)),
    ).where(placed.c.lot_id == call_off.lot_id, placed.c.need == NeedCode(need).value)
    total, below, equal = (_as_int(v) for v in (await session.execute(counted)).one())
    rank = round(100 * (below + equal / 2) / total, 1)
    return FeePosition(call_off, on, weekly, benchmark, False, rank, difference, quartile)


# --------------------------------------------------------------------------
# 3. Outcome summaries
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class TermRef:
    academic_year: int
    term: Term

    @property
    def label(self) -> str:
        return f"{self.academic_year}/{(self.academic_year + 1) % 100:02d} {self.term.value.lower()} term"


@dataclass(frozen=True)
class MeasureSummary:
    """One measure within a group; figures are None when suppressed."""

    measure_id: int
    suppressed: bool
    placements: int | None
    latest_median: float | None
    trend_suppressed: bool
    latest_term: TermRef | None
    latest_term_median: float | None
    previous_term: TermRef | None
    previous_term_median: float | None
    change: float | None
    trend: OutcomeTrend | None


@dataclass(frozen=True)
class OutcomeGroupSummary:
    group: Group
    suppressed: bool
    placements: int | None
    reports_due: int | None
    reports_on_time: int | None
    on_time_percent: float | None
    measures: list[MeasureSummary]


@dataclass(frozen=True)
class OutcomeSummary:
    scope: AnalyticsScope
    grouping: OutcomeGrouping
    since_academic_year: int
    authority_id: int | None
    groups: list[OutcomeGroupSummary]
    as_at: AsAt


def _trend(change: float, direction: MeasureDirection) -> OutcomeTrend:
    if change == 0:
        return OutcomeTrend.STEADY
    better = change > 0 if direction is MeasureDirection.HIGHER_IS_BETTER else change < 0
    return OutcomeTrend.IMPROVING if better else OutcomeTrend.WORSENING


@dataclass(frozen=True)
class _Reported:
    """One value reported for a measure: whose, when, and what."""

    call_off_id: int
    child: str
    own: bool
    term: TermRef
    value: Fraction


def _median(reach: AnalyticsReach, values: list[_Reported], step: Fraction) -> float | None:
    """The median of some children's values as the caller may see it (see :func:`statistic`); two decimals."""
    ordered = sorted(values, key=lambda v: (v.value, v.own))
    tally = _tally(len({v.child for v in values}), len({v.child for v in values if v.own}))
    value = statistic(reach, tally, lambda i: (ordered[i].value, ordered[i].own), len(ordered), Fraction(1, 2), step)
    return None if value is None else round(float(value), 2)


def _measure_summary(
    reach: AnalyticsReach, measure_id: int, direction: MeasureDirection, step: Fraction, values: list[_Reported]
) -> MeasureSummary:
    """Summarise one measure from its values in one group."""
    latest: dict[int, _Reported] = {}
    by_term: dict[TermRef, list[_Reported]] = defaultdict(list)
    for v in values:
        when = (v.term.academic_year, TERM_ORDER[v.term.term])
        seen = latest.get(v.call_off_id)
        if seen is None or (seen.term.academic_year, TERM_ORDER[seen.term.term]) <= when:
            latest[v.call_off_id] = v
        by_term[v.term].append(v)
    latest_median = _median(reach, list(latest.values()), step)
    if latest_median is None:
        return MeasureSummary(measure_id, True, None, None, True, None, None, None, None, None, None)
    placements = round_count(reach, len(latest))
    terms = sorted(by_term, key=lambda t: (t.academic_year, TERM_ORDER[t.term]))
    if len(terms) < 2:
        return MeasureSummary(measure_id, False, placements, latest_median, False, None, None, None, None, None, None)
    last, previous = terms[-1], terms[-2]
    last_median, previous_median = (_median(reach, by_term[t], step) for t in (last, previous))
    if last_median is None or previous_median is None:
        return MeasureSummary(measure_id, False, placements, latest_median, True, None, None, None, None, None, None)
    change = round(last_median - previous_median, 2)
    return MeasureSummary(
        measure_id,
        False,
        placements,
        latest_median,
        False,
        last,
        last_median,
        previous,
        previous_median,
        change,
        _trend(change, direction),
    )


async def outcome_summary(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    scope: AnalyticsScope,
    grouping: OutcomeGrouping,
    since_academic_year: int | None = None,
) -> OutcomeSummary:
    """Outcome reports summarised by provider or by lot, from an academic year on.

    Per group: the placements with reports; the reports due by now and how
    many were submitted by their due time. Per measure, from submitted
    reports only: the median of each placement's latest value; and the
    median of the values reported in the latest term with values against
    the previous such term, with the change and whether it is an improvement
    given the measure's direction.

    Regionally, as at the reference moment: the reports due by it, of
    call-offs recorded by it; values from those submitted before it. A report
    is changed in place when resubmitted, so one resubmitted since is left
    out of the values until the next quarter.
    """
    reach = _reach(actor, scope)
    when = as_at(reach, now)
    since = academic_year_of(when.day) - 2 if since_academic_year is None else since_academic_year
    if not 2000 <= since <= 2100:
        raise ValidationError(
            "An academic year is given by its starting year, from 2000 to 2100", field="sinceAcademicYear"
        )
    dimension = DIMENSIONS[grouping.value]
    keys = dimension.columns(when)
    c, rep, v = m.CallOff, m.OutcomeReport, m.OutcomeValue
    scoped = [*_in_reach(reach, when), rep.academic_year >= since]
    submitted = rep.submitted_at.is_not(None)
    if when.reference is not None:
        scoped.append(rep.due_at <= when.reference)
        submitted = and_(submitted, rep.submitted_at < when.reference)
    due = rep.due_at <= when.moment
    on_time = and_(due, submitted, rep.submitted_at <= rep.due_at)
    counts = dimension.join(
        _from_call_offs(
            *keys,
            func.count(func.distinct(c.id)),
            *_children(reach),
            func.sum(case((due, 1), else_=0)),
            func.sum(case((on_time, 1), else_=0)),
        )
        .join(rep, rep.call_off_id == c.id)
        .where(*scoped)
        .group_by(*keys)
    )
    values_stmt = dimension.join(
        _from_call_offs(
            *keys,
            c.id,
            _child(),
            (c.authority_id == reach.own_authority_id) if reach.own_authority_id else literal(False),
            v.measure_id,
            m.OutcomeMeasure.direction,
            m.OutcomeMeasure.scale,
            m.OutcomeMeasure.code,
            rep.academic_year,
            rep.term,
            v.value,
        )
        .join(rep, rep.call_off_id == c.id)
        .join(v, v.report_id == rep.id)
        .join(m.OutcomeMeasure, m.OutcomeMeasure.id == v.measure_id)
        .where(*scoped, submitted)
        .order_by(*keys, m.OutcomeMeasure.code, c.id)
    )
    n = len(keys)
    groups: dict[tuple[Any, ...], tuple[Group, int, Tally, int, int]] = {}
    for row in (await session.execute(counts)).all():
        key = tuple(row[:n])
        placements, children, own_children, due_count, on_time_count = (_as_int(x) for x in row[n:])
        groups[key] = (dimension.group(key), placements, _tally(children, own_children), due_count, on_time_count)
    measures: dict[tuple[Any, ...], dict[tuple[str, int], tuple[MeasureDirection, Fraction, list[_Reported]]]] = (
        defaultdict(dict)
    )
    for row in (await session.execute(values_stmt)).all():
        key = tuple(row[:n])
        call_off_id, child, is_own, measure_id, direction, scale, code, year, term, value = row[n:]
        step = OUTCOME_STEPS[MeasureScale(scale)]
        entry = measures[key].setdefault((code, measure_id), (MeasureDirection(direction), step, []))
        reported = _Reported(call_off_id, child, bool(is_own), TermRef(year, Term(term)), Fraction(repr(float(value))))
        entry[2].append(reported)

    ordered = sorted(groups.items(), key=lambda item: item[1][0].order)
    hidden, _ = _suppressed(reach, [tally for _, (_, _, tally, _, _) in ordered])
    result = []
    for i, (key, (group, placements, _tally_of_group, due_count, on_time_count)) in enumerate(ordered):
        if i in hidden:
            result.append(OutcomeGroupSummary(group, True, None, None, None, None, []))
            continue
        summaries = [
            _measure_summary(reach, measure_id, direction, step, values)
            for (_code, measure_id), (direction, step, values) in sorted(measures.get(key, {}).items())
        ]
        percent = round(100 * on_time_count / due_count, 1) if due_count else None
        counted = (round_count(reach, x) for x in (placements, due_count, on_time_count))
        result.append(OutcomeGroupSummary(group, False, *counted, percent, summaries))
    return OutcomeSummary(scope, grouping, since, reach.authority_id, result, when)


# --------------------------------------------------------------------------
# 4. Placement counts and time to award
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacementCount:
    """One group's call-offs and places; figures are None when suppressed."""

    group: Group
    suppressed: bool
    call_offs: int | None
    placements: int | None
    median_days_to_award: float | None


@dataclass(frozen=True)
class PlacementCounts:
    scope: AnalyticsScope
    grouping: PlacementGrouping
    authority_id: int | None
    groups: list[PlacementCount]
    total: PlacementCount
    as_at: AsAt


def _median_days(reach: AnalyticsReach, timed: list[tuple[float, bool, str]]) -> float | None:
    """The median of (days, own?, child), as the caller may see it (see :func:`statistic`); one decimal."""
    ordered = sorted(timed, key=lambda t: (t[0], t[1]))
    tally = _tally(len({child for *_, child in timed}), len({child for _, own, child in timed if own}))
    value = statistic(
        reach, tally, lambda i: (Fraction(ordered[i][0]), ordered[i][1]), len(ordered), Fraction(1, 2), DAYS_STEP
    )
    return None if value is None else round(float(value), 1)


async def placement_counts(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    scope: AnalyticsScope,
    grouping: PlacementGrouping,
) -> PlacementCounts:
    """Call-offs and places by group, with the median days from referral to award.

    Places count one per individual placement and a block contract's
    places (suppression counts children). Days from referral to award run from when the referral was sent
    to providers (opened) to when the call-off was awarded, for individual
    placements; block contracts have no referral and are left out of it.
    Regionally, as at the reference moment: the call-offs recorded by it, in
    their states on the day before it; counts rounded to :data:`COUNT_STEP`.
    """
    reach = _reach(actor, scope)
    when = as_at(reach, now)
    dimension = DIMENSIONS[grouping.value]
    keys = dimension.columns(when)
    c, r = m.CallOff, m.Referral
    conditions = _in_reach(reach, when)
    counts = dimension.join(
        _from_call_offs(*keys, func.count(c.id), func.sum(c.places), *_children(reach))
        .where(*conditions)
        .group_by(*keys)
    )
    own = (c.authority_id == reach.own_authority_id) if reach.own_authority_id else literal(False)
    awards = dimension.join(
        _from_call_offs(*keys, r.opened_at, c.awarded_at, own, _child()).where(
            *conditions, c.type == CallOffType.INDIVIDUAL_PLACEMENT, r.opened_at.is_not(None)
        )
    )
    n = len(keys)
    rows = []
    for row in (await session.execute(counts)).all():
        key = tuple(row[:n])
        call_offs, places, children, own_children = (_as_int(x) for x in row[n:])
        rows.append((key, dimension.group(key), call_offs, places, _tally(children, own_children)))
    rows.sort(key=lambda item: item[1].order)
    timed: dict[tuple[Any, ...], list[tuple[float, bool, str]]] = defaultdict(list)
    for row in (await session.execute(awards)).all():
        opened, awarded, is_own, child = row[n:]
        timed[tuple(row[:n])].append(((awarded - opened).total_seconds() / 86400, bool(is_own), child))

    private = grouping is PlacementGrouping.PRIMARY_NEED
    hidden, total_hidden = _suppressed(reach, [tally for *_, tally in rows], private=private)
    listed = _listed(hidden, total_hidden, private, len(rows))
    groups = [
        PlacementCount(group, True, None, None, None)
        if i in hidden
        else PlacementCount(
            group,
            False,
            round_count(reach, call_offs),
            round_count(reach, places),
            _median_days(reach, timed.get(key, [])),
        )
        for i, (key, group, call_offs, places, _) in enumerate(rows)
        if i in listed
    ]
    everything = [t for values in timed.values() for t in values]
    total = (
        PlacementCount(TOTAL, True, None, None, None)
        if total_hidden
        else PlacementCount(
            TOTAL,
            False,
            round_count(reach, sum(x[2] for x in rows)),
            round_count(reach, sum(x[3] for x in rows)),
            _median_days(reach, everything),
        )
    )
    return PlacementCounts(scope, grouping, reach.authority_id, groups, total, when)
