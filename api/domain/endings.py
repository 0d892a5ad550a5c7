"""How placements end: the planned end at a phase age, notice, and how stable placements are.

**The planned end.** The National Schools and Colleges Contract's Individual Placement Agreement ends by itself at
the end of the academic year (31 August) in which the child reaches a set age, the end of a phase: 11, 16 or 18
unless the lot (its lead authority) or the placement (its commissioner) says otherwise. The age is the first of
those ages above the child's age at the start that is within the lot's age band; with none, the agreement has no
planned end. No date of birth is stored, so the academic year is worked out from what the referral gives:

- with the child's National Curriculum year at the start (``nc_year_at_start``), exactly: a child reaches age A
  during NC year A − 5 (Year 6 children turn 11), so the academic year is the start's, plus (A − 5 − that NC year);
- without it, the latest academic year in which the child can reach A: the one containing the day before the
  start's anniversary A − (age at start) years on, so that the agreement never ends before it should.

Either way never before the end of the academic year it starts in. The planned end is worked out when read, never
stored, so changing the phase ages moves it. The plan naming the next phase must be amended by 15 February of the
calendar year of the move for a move between school phases (a planned end at 15 or younger), and by 31 March for a
move into post-16 education (at 16): :func:`phase_transfer_deadline`.

**Notice.** Either party ends a placement by notice (:func:`give_notice`): the provider's people, or the placing
authority's commissioners. The notice period is the specification in force's (``notice_period_weeks``), else one
term: to the last day of the term after the current one (the term in progress, or in the holidays the one just
ended), by the term dates the placement follows (:func:`api.domain.terms.calendars_for`), else 13 weeks when they
are not known. The placement's last day is the earliest the notice allows unless a later one is given. The end is
set as :func:`api.domain.calloffs.set_end` sets every end, recorded PLANNED or UNPLANNED by
:func:`api.domain.calloffs.ending_kind_of`, and the other party is told.

**Stability** (:func:`placement_stability`): per provider and lot, over a period, the individual placements that ran
in it, the children they were for, the placement-years (days run in the period ÷ 365.25), the unplanned endings in
the period and their rate per 100 placement-years, and placements per child. Regional figures follow the analytics
disclosure rules (:mod:`api.domain.analytics`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import AUTHORITY_ROLES, Actor, Role
from api.domain import analytics, audit, calloffs, notifications
from api.domain import status as st
from api.domain.errors import Forbidden, InvalidTransition, NotFound, Problems, ValidationError
from api.domain.notification_kinds import Kind, global_id
from api.domain.offers import MAX_REASON
from api.domain.queries import rows_by_id
from api.domain.rounds import clean_text
from api.domain.terms import academic_year_of, calendars_for
from api.domain.versions import expect_version
from api.domain.visibility import AnalyticsReach, AnalyticsScope, analytics_reach, visible
from api.domain.wording import state, words
from db import models as m
from db.enums import CallOffType, EndingKind, EndingReason, NoticeParty

DEFAULT_PHASE_END_AGES: tuple[int, ...] = (11, 16, 18)
"""The ages whose academic year's end ends an agreement, when neither the lot nor the placement sets others."""
YOUNGEST_PHASE_END, OLDEST_PHASE_END = 1, 25
MAX_PHASE_END_AGES = 10
SCHOOL_PHASE_DEADLINE = (2, 15)
"""(month, day): a plan naming the next school phase is amended by 15 February of the year of the move."""
POST_16_DEADLINE = (3, 31)
"""(month, day): a plan naming a post-16 placement is amended by 31 March of the year of the move."""
WEEKS_WITHOUT_TERM_DATES = 13
"""The notice period when it is one term and no term dates are known: 13 weeks."""
MAX_WINDOW_MONTHS = 36
DAYS_PER_YEAR = Fraction(36525, 100)
MAX_STABILITY_YEARS = 10


# -- the planned end ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedEnd:
    """When an Individual Placement Agreement ends by itself, at which phase age, and the deadline for the plan."""

    age: int
    on: dt.date
    deadline: dt.date | None


def _years_on(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February: the 28th
        return day.replace(year=day.year + years, day=28)


def phase_transfer_deadline(age: int, end: dt.date) -> dt.date | None:
    """When the plan naming the next phase must be amended: 15 February of the calendar year of the move for a move
    between school phases (an end at 15 or younger), 31 March for a move into post-16 (at 16); none after 16."""
    if age <= 15:
        return dt.date(end.year, *SCHOOL_PHASE_DEADLINE)
    if age == 16:
        return dt.date(end.year, *POST_16_DEADLINE)
    return None


def planned_end(
    *,
    start: dt.date,
    age_at_start: int,
    nc_year_at_start: int | None,
    ages: Sequence[int],
    age_min: int,
    age_max: int,
) -> PlannedEnd | None:
    """The planned end of an agreement: see the module for the rule."""
    age = next((a for a in sorted(ages) if a > age_at_start and age_min <= a <= age_max), None)
    if age is None:
        return None
    first = academic_year_of(start)
    if nc_year_at_start is not None:
        year = first + (age - 5 - nc_year_at_start)
    else:
        year = academic_year_of(_years_on(start, age - age_at_start) - dt.timedelta(days=1))
    end = dt.date(max(year, first) + 1, 8, 31)
    return PlannedEnd(age, end, phase_transfer_deadline(age, end))


def effective_ages(own: Sequence[int] | None, lot: Sequence[int] | None) -> tuple[int, ...]:
    """The phase ages that apply: the placement's own, else its lot's, else :data:`DEFAULT_PHASE_END_AGES`."""
    return tuple(own or lot or DEFAULT_PHASE_END_AGES)


@dataclass(frozen=True)
class PhaseEnds:
    """A call-off's phase ages that apply, and its planned end (None for a block contract, or with no phase age
    left in the lot's band)."""

    ages: tuple[int, ...]
    planned: PlannedEnd | None


async def planned_ends(session: AsyncSession, call_off_ids: Sequence[int]) -> dict[int, PhaseEnds]:
    """The phase ages and planned end of each call-off, in one query; no tenancy check (the caller makes it)."""
    if not call_off_ids:
        return {}
    c, r, lot = m.CallOff, m.Referral, m.Lot
    rows = await session.execute(
        select(
            c.id,
            c.type,
            c.start_date,
            c.phase_end_ages,
            lot.phase_end_ages,
            lot.age_min,
            lot.age_max,
            r.age_at_start,
            r.nc_year_at_start,
        )
        .join(lot, lot.id == c.lot_id)
        .outerjoin(r, r.id == c.referral_id)
        .where(c.id.in_(set(call_off_ids)))
    )
    found = {}
    for cid, kind, start, own, of_lot, age_min, age_max, age, nc_year in rows.all():
        if kind is not CallOffType.INDIVIDUAL_PLACEMENT or age is None:
            found[cid] = PhaseEnds((), None)
            continue
        ages = effective_ages(own, of_lot)
        ends = planned_end(
            start=start, age_at_start=age, nc_year_at_start=nc_year, ages=ages, age_min=age_min, age_max=age_max
        )
        found[cid] = PhaseEnds(ages, ends)
    return found


def ends_on(call_off: Any, planned: PlannedEnd | None, today: dt.date) -> dt.date | None:
    """The day a placement is due to end: the earlier of its end date (once set: by notice, by its commissioner,
    a termination's day) and its planned end, while that is still to come. A placement kept on past its planned end
    (its end date later) ends on its end date; with neither, None."""
    if call_off.terminated_at is not None or planned is None:
        return call_off.end_date
    if call_off.end_date is None:
        return planned.on
    return min(call_off.end_date, planned.on) if planned.on >= today else call_off.end_date


def deadline_applies(call_off: Any, planned: PlannedEnd | None, today: dt.date) -> dt.date | None:
    """The phase-transfer deadline of a placement still running on it and due to end by its planned end (at it, or
    earlier in that academic year: at the end of the summer term, say), not terminated; None otherwise (a placement
    ending before the deadline leaves the next phase to the next school)."""
    if planned is None or planned.deadline is None or call_off.terminated_at is not None:
        return None
    day = ends_on(call_off, planned, today)
    if day is None or not planned.deadline <= day <= planned.on:
        return None
    return planned.deadline


def reads_ending(actor: Actor, call_off: Any) -> bool:
    """Who reads how a placement is ending (the notice, who gave it, why, planned or not): the parties to it (the
    placing authority's people and the provider) and auditors."""
    if actor.has_role(Role.AUDITOR):
        return True
    buyer = actor.has_role(*AUTHORITY_ROLES, Role.AUTHORITY_FINANCE, Role.LEAD_ADMIN)
    if buyer and actor.authority_id is not None and actor.authority_id == call_off.authority_id:
        return True
    return actor.has_role(Role.PROVIDER_USER) and actor.provider_id == call_off.provider_id


# -- setting the phase ages -----------------------------------------------------------------------


def checked_ages(problems: Problems, ages: Sequence[int], *, field: str) -> list[int]:
    """Ages from 1 to 25, in ascending order, each once, at least one and at most :data:`MAX_PHASE_END_AGES`."""
    if not ages:
        problems.add("Give at least one age, or none at all to follow the lot's", field=field)
    elif len(ages) > MAX_PHASE_END_AGES:
        problems.add(f"Give at most {MAX_PHASE_END_AGES} ages", field=field)
    for i, age in enumerate(ages):
        if not YOUNGEST_PHASE_END <= age <= OLDEST_PHASE_END:
            problems.add(f"A phase age is from {YOUNGEST_PHASE_END} to {OLDEST_PHASE_END}", field=f"{field}[{i}]")
        elif i and age <= ages[i - 1]:
            problems.add("Give the ages in ascending order, each once", field=f"{field}[{i}]")
    return list(ages)


async def set_phase_end_ages(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    lot_id: int | None,
    call_off_id: int | None,
    ages: Sequence[int] | None,
    version: int | None,
) -> m.Lot | m.CallOff:
    """Set the ages at the end of whose academic year agreements end: a lot's (its lead authority), or one
    placement's (its commissioner). ``None`` follows the lot's, or for a lot the defaults (11, 16 and 18)."""
    if (lot_id is None) == (call_off_id is None):
        raise ValidationError("Name a lot or a call-off, one of them", field="input.lot")
    problems = Problems()
    wanted = None if ages is None else checked_ages(problems, ages, field="input.ages")
    if lot_id is not None:
        return await _set_lot_ages(session, actor=actor, now=now, lot_id=lot_id, ages=wanted, problems=problems)
    assert call_off_id is not None
    return await _set_call_off_ages(
        session, actor=actor, now=now, call_off_id=call_off_id, ages=wanted, version=version, problems=problems
    )


async def _set_lot_ages(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, lot_id: int, ages: list[int] | None, problems: Problems
) -> m.Lot:
    lot = (await rows_by_id(session, actor=actor, now=now, model=m.Lot, ids=[lot_id])).get(lot_id)
    if lot is None:
        raise NotFound("No lot with this ID exists", field="input.lot")
    system = await session.get(m.PurchasingSystem, lot.system_id)
    assert system is not None
    if not actor.has_role(Role.LEAD_ADMIN) or actor.authority_id != system.lead_authority_id:
        raise Forbidden("Only the lead authority of the lot's purchasing system sets its phase ages", field="input.lot")
    if st.system_status(system) is st.SystemStatus.CLOSED:
        raise InvalidTransition("The lot's purchasing system has closed: its lots no longer change", field="input.lot")
    problems.settle()
    before = list(lot.phase_end_ages) if lot.phase_end_ages else None
    lot.phase_end_ages = ages
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="lot.phase_end_ages_set",
        entity_type="Lot",
        entity_id=lot.id,
        diff={"before": {"phaseEndAges": before}, "after": {"phaseEndAges": ages}},
    )
    return lot


async def _set_call_off_ages(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off_id: int,
    ages: list[int] | None,
    version: int | None,
    problems: Problems,
) -> m.CallOff:
    row = await calloffs.own_call_off(session, actor=actor, now=now, call_off_id=call_off_id, version=version)
    if row.type is not CallOffType.INDIVIDUAL_PLACEMENT:
        raise ValidationError(
            "A block contract buys places, not a child's phase: it has no phase ages", field="input.callOff"
        )
    problems.settle()
    before = (await planned_ends(session, [row.id]))[row.id]
    row.phase_end_ages = ages
    await session.flush()
    after = (await planned_ends(session, [row.id]))[row.id]
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="callOff.phase_end_ages_set",
        entity_type="CallOff",
        entity_id=row.id,
        diff={"before": _ends_snapshot(before), "after": _ends_snapshot(after)},
    )
    return row


def _ends_snapshot(ends: PhaseEnds) -> dict[str, Any]:
    planned = ends.planned
    return {"phaseEndAges": list(ends.ages), "plannedEndOn": planned.on.isoformat() if planned else None}


# -- notice -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticePeriod:
    """The earliest last day a notice given today allows, and why."""

    earliest: dt.date
    basis: str


def _term_of(name: str, first: dt.date) -> int:
    """Which term of its year a stretch of term time is in (0 autumn, 1 spring, 2 summer): by its name when it says,
    else by the month it starts in."""
    lowered = name.lower()
    for index, word in enumerate(("autumn", "spring", "summer")):
        if word in lowered:
            return index
    return 0 if first.month >= 9 else 1 if first.month <= 3 else 2


async def terms_around(session: AsyncSession, call_off: m.CallOff, today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The terms (first and last day) of the academic years around ``today``, in order, by the calendars the
    placement follows (its school's, its authority's, else the regional one)."""
    year = academic_year_of(today)
    calendars = await calendars_for(
        session,
        establishment_id=call_off.establishment_id,
        authority_id=call_off.authority_id,
        years=[year - 1, year, year + 1],
    )
    terms: list[tuple[dt.date, dt.date]] = []
    for academic_year in sorted(calendars):
        spans: dict[int, tuple[dt.date, dt.date]] = {}
        for name, first, last in calendars[academic_year].periods:
            term = _term_of(name, first)
            begun, ended = spans.get(term, (first, last))
            spans[term] = (min(begun, first), max(ended, last))
        terms.extend(spans[t] for t in sorted(spans))
    return sorted(terms)


async def notice_period(session: AsyncSession, *, call_off: m.CallOff, lot: m.Lot, now: dt.datetime) -> NoticePeriod:
    """The earliest last day of a notice given now: see the module."""
    today = now.date()
    spec = m.Specification
    weeks = await session.scalar(
        select(spec.notice_period_weeks)
        .where(
            spec.system_id == lot.system_id,
            spec.published_at.is_not(None),
            spec.published_at <= now,
            or_(spec.superseded_at.is_(None), spec.superseded_at > now),
        )
        .order_by(spec.version_number.desc())
        .limit(1)
    )
    if weeks:
        return NoticePeriod(
            today + dt.timedelta(weeks=weeks), f"{weeks} weeks' notice, as the specification in force says"
        )
    terms = await terms_around(session, call_off, today)
    current = max((i for i, (first, _) in enumerate(terms) if first <= today), default=None)
    if current is not None and current + 1 < len(terms):
        last = terms[current + 1][1]
        return NoticePeriod(last, f"one term's notice: to the end of the term after this one, {_day(last)}")
    return NoticePeriod(
        today + dt.timedelta(weeks=WEEKS_WITHOUT_TERM_DATES),
        f"one term's notice: {WEEKS_WITHOUT_TERM_DATES} weeks, as the term dates are not known",
    )


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _party(actor: Actor) -> NoticeParty:
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
        return NoticeParty.PROVIDER
    if actor.has_role(Role.AUTHORITY_COMMISSIONER) and actor.authority_id is not None:
        return NoticeParty.AUTHORITY
    raise Forbidden("Only the provider or the placing authority's commissioners give notice", field="input.callOff")


async def give_notice(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off_id: int,
    version: int | None,
    reason: EndingReason,
    note: str | None = None,
    end_on: dt.date | None = None,
    kind: EndingKind | None = None,
) -> m.CallOff:
    """Notice to end a placement, from the provider or the placing authority (who the caller is says which): its
    last day the earliest the notice period allows, or ``end_on`` if later. See the module."""
    party = _party(actor)
    row = (await rows_by_id(session, actor=actor, now=now, model=m.CallOff, ids=[call_off_id])).get(call_off_id)
    if row is None or (
        row.provider_id != actor.provider_id
        if party is NoticeParty.PROVIDER
        else row.authority_id != actor.authority_id
    ):
        raise NotFound("No placement of yours has this ID", field="input.callOff")
    status = st.call_off_status(row, now.date())
    if status in (st.CallOffStatus.ENDED, st.CallOffStatus.TERMINATED):
        raise InvalidTransition(
            f"This placement {state(status)}: there is nothing to give notice of", field="input.callOff"
        )
    if row.notice_given_on is not None and row.notice_given_by is not None:
        raise InvalidTransition(
            f"Notice was given on {_day(row.notice_given_on)} by {words(row.notice_given_by)}: the placement ends on "
            f"{row.end_date.isoformat() if row.end_date else 'the day it gave'}",
            field="input.callOff",
        )
    expect_version(row, version)
    lot = await session.get(m.Lot, row.lot_id)
    assert lot is not None
    period = await notice_period(session, call_off=row, lot=lot, now=now)
    earliest = max(period.earliest, row.start_date)
    problems = Problems()
    if end_on is not None:
        if end_on < now.date():
            problems.add("The notice cannot end before today", field="input.endOn")
        elif end_on < earliest:
            problems.add(
                f"The placement needs {period.basis}: its last day is {earliest.isoformat()} at the earliest",
                field="input.endOn",
            )
    cleaned = None
    if note is not None and note.strip():
        cleaned = problems.check(clean_text, note, field="input.note", label="note", max_length=MAX_REASON)
    problems.settle()
    ending = calloffs.decided_ending(reason, kind, otherwise=EndingKind.UNPLANNED)
    text = cleaned or f"Notice given by {words(party)}: {words(reason)}."
    await calloffs.set_end(
        session,
        actor=actor,
        now=now,
        call_off=row,
        end_date=end_on or earliest,
        reason=text,
        ending=ending,
        action="callOff.notice_given",
        field="input.endOn",
        notice=(now.date(), party),
    )
    # the note is free text and may be about the child: it stays in the portal
    await notifications.notify(
        session,
        now=now,
        kind=Kind.NOTICE_FROM_PROVIDER if party is NoticeParty.PROVIDER else Kind.NOTICE_FROM_AUTHORITY,
        to=(
            notifications.To.authority(row.authority_id)
            if party is NoticeParty.PROVIDER
            else notifications.To.provider(row.provider_id)
        ),
        subject_type="CallOff",
        subject_id=row.id,
        payload={
            "callOff": row.reference,
            "callOffId": global_id("CallOff", row.id),
            "lot": lot.code,
            "endOn": (end_on or earliest).isoformat(),
        },
    )
    return row


# -- placements ending soon -------------------------------------------------------------------------


def months_on(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months on (the month's last day where it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


async def placements_ending(session: AsyncSession, *, actor: Actor, now: dt.datetime, within_months: int) -> list[int]:
    """The call-offs ``actor`` may see that are due to end (:func:`ends_on`), or whose phase-transfer deadline
    falls (:func:`deadline_applies`), from today to ``within_months`` months on, by id: a placement ending at the
    end of a phase is listed while its deadline is still ahead, some six months before its end."""
    if not 1 <= within_months <= MAX_WINDOW_MONTHS:
        raise ValidationError(f"Give a number of months from 1 to {MAX_WINDOW_MONTHS}", field="withinMonths")
    today = now.date()
    until = months_on(today, within_months)
    c = m.CallOff
    rows = (
        await session.execute(
            select(c.id, c.end_date, c.terminated_at).where(
                visible(c, actor, now),
                c.terminated_at.is_(None),
                or_(c.end_date.is_(None), c.end_date >= today),
                c.start_date <= until,
                or_(c.end_date.is_not(None), c.type == CallOffType.INDIVIDUAL_PLACEMENT),
            )
        )
    ).all()
    ends = await planned_ends(session, [r.id for r in rows if r.end_date is None or r.end_date > today])
    found = []
    for row in rows:
        planned = ends[row.id].planned if row.id in ends else None
        day, deadline = ends_on(row, planned, today), deadline_applies(row, planned, today)
        if any(d is not None and today <= d <= until for d in (day, deadline)):
            found.append(row.id)
    return sorted(found)


# -- stability ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StabilityGroup:
    """One provider's placements on one lot in a period; figures are None when suppressed."""

    provider_id: int
    lot_id: int
    suppressed: bool
    placements: int | None
    children: int | None
    placement_years: Decimal | None
    unplanned_endings: int | None
    unplanned_per_100_years: Decimal | None
    placements_per_child: Decimal | None


@dataclass(frozen=True)
class Stability:
    scope: AnalyticsScope | None
    authority_id: int | None
    provider_id: int | None
    first: dt.date
    last: dt.date
    as_at: analytics.AsAt
    groups: list[StabilityGroup]


def _to(value: Fraction, places: int) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


@dataclass
class _Tallied:
    placements: int = 0
    days: int = 0
    unplanned: int = 0
    children: set[str] | None = None
    own_children: set[str] | None = None


async def placement_stability(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    scope: AnalyticsScope | None = None,
    provider_id: int | None = None,
    lot_id: int | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> Stability:
    """How stable placements are, per provider and lot, over a period (by default the year to today).

    Individual placements only (a block contract buys places, not a child's placement). A placement counts when
    it ran on a day of the period (one terminated before it started never ran). Its child is the referral's
    child reference within its authority. Its days are those it ran within the period, to its end date (a
    termination's day) or the period's end; placement-years are their sum ÷ 365.25. An unplanned ending is one
    whose last day falls in the period, recorded UNPLANNED (or a termination recorded before endings were
    classed). The rate is unplanned endings × 100 ÷ placement-years (1 decimal); placements per child, placements ÷
    children (2 decimals).

    A provider's people see their own placements, in full and current. The buying side sees them as its
    analytics do (:func:`api.domain.visibility.analytics_reach`): its own authority's in full, or the region's
    protected by the rules of :mod:`api.domain.analytics` (groups of fewer than 5 children, or of other
    authorities', suppressed; counts rounded to fives, and the rates worked out from the rounded counts; as at the
    start of the quarter, the period ending by the day before it).
    """
    reach, own_provider = _stability_reach(actor, scope, provider_id)
    when = analytics.as_at(reach, now) if reach is not None else analytics.AsAt(now, now.date(), None)
    end = min(last or when.day, when.day)
    start = first or end - dt.timedelta(days=364)
    if first is not None and last is not None and last < first:
        raise ValidationError("The period cannot end before it starts", field="filter.to")
    if start > end:
        raise ValidationError(
            f"The period starts after {end.isoformat()}, the last day with figures", field="filter.from"
        )
    if (end - start).days > 366 * MAX_STABILITY_YEARS:
        raise ValidationError(f"Ask for at most {MAX_STABILITY_YEARS} years at once", field="filter.from")
    c = m.CallOff
    conditions: list[Any] = [
        c.type == CallOffType.INDIVIDUAL_PLACEMENT,
        c.start_date <= end,
        or_(c.end_date.is_(None), c.end_date >= start),
        *([visible(c, actor, now)] if reach is None else analytics._in_reach(reach, when)),
    ]
    if own_provider is not None:
        conditions.append(c.provider_id == own_provider)
    if provider_id is not None:
        conditions.append(c.provider_id == provider_id)
    if lot_id is not None:
        conditions.append(c.lot_id == lot_id)
    stmt = (
        select(
            c.provider_id,
            c.lot_id,
            c.authority_id,
            analytics._child(),
            c.start_date,
            c.end_date,
            c.terminated_at,
            c.ending_kind,
        )
        .select_from(c)
        .outerjoin(m.Referral, m.Referral.id == c.referral_id)
        .where(*conditions)
    )
    own_authority = reach.own_authority_id if reach is not None else None
    tallies: dict[tuple[int, int], _Tallied] = defaultdict(_Tallied)
    for provider, lot, authority, child, began, ended, terminated_at, kind in (await session.execute(stmt)).all():
        if terminated_at is not None and (when.reference is None or terminated_at < when.reference):
            if terminated_at.date() < began:
                continue  # terminated before it started: it never ran
        last_day = end if ended is None else min(ended, end)
        days = (last_day - max(began, start)).days + 1
        if days <= 0:
            continue
        tally = tallies[(provider, lot)]
        if tally.children is None:
            tally.children, tally.own_children = set(), set()
        assert tally.own_children is not None
        tally.placements += 1
        tally.days += days
        tally.children.add(child)
        if own_authority is not None and authority == own_authority:
            tally.own_children.add(child)
        unplanned = kind is EndingKind.UNPLANNED or (kind is None and terminated_at is not None)
        if unplanned and ended is not None and start <= ended <= end:
            tally.unplanned += 1
    keys = await _ordered(session, list(tallies))
    counted = [tallies[k] for k in keys]
    hidden: frozenset[int] = frozenset()
    if reach is not None and reach.suppressed:
        hidden, _ = analytics.suppression(
            [analytics.Tally(len(t.children or ()), len(t.children or ()) - len(t.own_children or ())) for t in counted]
        )
    groups = [
        StabilityGroup(key[0], key[1], True, None, None, None, None, None, None)
        if i in hidden
        else _group(key, tally, reach)
        for i, (key, tally) in enumerate(zip(keys, counted))
    ]
    return Stability(
        scope=None if reach is None else (AnalyticsScope.REGION if reach.suppressed else AnalyticsScope.OWN_AUTHORITY),
        authority_id=None if reach is None else reach.authority_id,
        provider_id=own_provider,
        first=start,
        last=end,
        as_at=when,
        groups=groups,
    )


def _stability_reach(
    actor: Actor, scope: AnalyticsScope | None, provider_id: int | None
) -> tuple[AnalyticsReach | None, int | None]:
    """Whose placements the caller's figures cover: a provider's own (no reach: in full), or an analytics reach."""
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
        if provider_id is not None and provider_id != actor.provider_id:
            raise Forbidden("A provider sees the stability of its own placements only", field="filter.provider")
        return None, actor.provider_id
    reach = analytics_reach(actor, scope or AnalyticsScope.REGION)
    if reach is None:
        if scope is AnalyticsScope.OWN_AUTHORITY:
            raise Forbidden(
                "Only an authority's commissioners and analysts see its own figures in full: ask for REGION",
                field="scope",
            )
        raise Forbidden("Your role may not see how stable placements are", field="scope")
    return reach, None


def _group(key: tuple[int, int], tally: _Tallied, reach: AnalyticsReach | None) -> StabilityGroup:
    children = len(tally.children or ())
    placements, unplanned = tally.placements, tally.unplanned
    if reach is not None and reach.suppressed:
        placements, children, unplanned = (analytics.round_count(reach, n) for n in (placements, children, unplanned))
    years = Fraction(tally.days) / DAYS_PER_YEAR
    rate = None if not years else _to(Fraction(unplanned) * 100 / years, 1)
    per_child = None if not children else _to(Fraction(placements, children), 2)
    return StabilityGroup(key[0], key[1], False, placements, children, _to(years, 2), unplanned, rate, per_child)


async def _ordered(session: AsyncSession, keys: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Groups in a fixed order, never by their figures: by the provider's legal name, then the lot's position."""
    if not keys:
        return []
    providers = dict(
        (
            await session.execute(
                select(m.Provider.id, m.Provider.legal_name).where(m.Provider.id.in_({k[0] for k in keys}))
            )
        ).all()
    )
    lots = dict(
        (await session.execute(select(m.Lot.id, m.Lot.position).where(m.Lot.id.in_({k[1] for k in keys})))).all()
    )
    return sorted(keys, key=lambda k: (providers.get(k[0], ""), k[0], lots.get(k[1], 0), k[1]))
