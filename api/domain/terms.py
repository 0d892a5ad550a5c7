"""Term dates, and what a placement's agreement says is due for a stretch of days.

**Term dates** are data the lead authority keeps for each academic year (1 September to 31 August): a
regional calendar, an authority's own where its schools' dates differ, a school's own where that school's
do. A placement uses, for each academic year, its establishment's calendar if there is one that year,
else its placing authority's, else the regional one.

**What is due** for the days from ``start`` to ``end`` (both included), per cost element, is worked out
day by day from the fees in force on each day (:func:`api.domain.fees.fees_in_force`: amendments count
from their effective date, never before), only on the days the placement runs (from its start to its end
date), times its places:

- a 52-week placement is paid for every day: each day costs a seventh of the weekly fee;
- a placement of fewer weeks a year (38 or 39) is paid for term time: each weekday (Monday to Friday)
  within a stretch of term costs a fifth of the weekly fee, so a full week in term costs the weekly fee;
  holidays (half terms, Christmas, Easter, summer) cost nothing; a bank holiday in a term week is paid,
  as the week is.

Each element's sum is exact (fractions of a penny kept) and rounded half-up to the penny once. When a
38- or 39-week placement's days fall in an academic year no calendar covers, what is due for them cannot
be worked out: the answer says which years are missing, and counts nothing for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor
from api.domain import audit
from api.domain.errors import NotFound, Problems, ValidationError
from api.domain.fees import WeeklyFees, fees_in_force, pounds
from api.domain.queries import rows_by_id
from api.domain.systems import checked_text
from db import models as m
from db.enums import AuthorityRole, CostElement
from db.fees import FEE_ELEMENTS

MAX_PERIODS = 12
"""The most stretches of term one calendar has in a year: six half terms, with room for splits."""

MAX_SPAN_DAYS = 400
"""The longest stretch of days one question of what is due may cover."""

EVERY_DAY = "Every day: each day costs a seventh of the weekly fee."
SCHOOL_DAYS = "Weekdays in term time: each costs a fifth of the weekly fee; holidays cost nothing."


def academic_year_of(day: dt.date) -> int:
    """The academic year a day is in, by the year it starts: 1 September 2026 to 31 August 2027 is 2026."""
    return day.year if day.month >= 9 else day.year - 1


def year_bounds(academic_year: int) -> tuple[dt.date, dt.date]:
    return dt.date(academic_year, 9, 1), dt.date(academic_year + 1, 8, 31)


def year_label(academic_year: int) -> str:
    return f"{academic_year}/{(academic_year + 1) % 100:02d}"


# -- keeping term dates --------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A stretch of term time as given: its name and its first and last day."""

    name: str
    first_day: dt.date
    last_day: dt.date


async def set_term_dates(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    academic_year: int,
    authority_id: int | None,
    establishment_id: int | None,
    periods: Sequence[Period],
) -> list[m.TermPeriod]:
    """Replace one calendar's term dates for an academic year; an empty list removes that calendar, so that
    the authority's or the school's placements follow the next calendar up."""
    if authority_id is not None and establishment_id is not None:
        raise ValidationError("Give an authority or an establishment, not both", field="input.establishment")
    if not 2000 <= academic_year <= 2100:
        raise ValidationError(
            "An academic year is given by the year it starts, 2000 to 2100", field="input.academicYear"
        )
    entity_type, entity_id = await _owner(
        session, actor=actor, now=now, authority_id=authority_id, establishment_id=establishment_id
    )
    cleaned = _checked_periods(academic_year, periods)
    t = m.TermPeriod
    calendar = [t.academic_year == academic_year, _owned_by(authority_id, establishment_id)]
    before = [_as_dict(r) for r in await session.scalars(select(t).where(*calendar).order_by(t.first_day))]
    await session.execute(delete(t).where(*calendar))
    rows = [
        t(
            academic_year=academic_year,
            authority_id=authority_id,
            establishment_id=establishment_id,
            name=p.name,
            first_day=p.first_day,
            last_day=p.last_day,
            set_at=now,
            set_by=actor.reference,
        )
        for p in cleaned
    ]
    session.add_all(rows)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="termDates.set",
        entity_type=entity_type,
        entity_id=entity_id,
        diff={
            "academicYear": academic_year,
            "before": before,
            "after": [_as_dict(r) for r in rows],
        },
    )
    return rows


async def _owner(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, authority_id: int | None, establishment_id: int | None
) -> tuple[str, int]:
    """What the audit trail files a calendar under: the school, the authority, or (regional) the lead authority."""
    if establishment_id is not None:
        found = await rows_by_id(session, actor=actor, now=now, model=m.Establishment, ids=[establishment_id])
        if establishment_id not in found:
            raise NotFound("No establishment with this ID exists", field="input.establishment")
        return "Establishment", establishment_id
    if authority_id is None:
        authority_id = await session.scalar(select(m.Authority.id).where(m.Authority.role == AuthorityRole.LEAD))
        if authority_id is None:
            raise NotFound("There is no lead authority to keep the regional calendar")
    elif authority_id not in await rows_by_id(session, actor=actor, now=now, model=m.Authority, ids=[authority_id]):
        raise NotFound("No authority with this ID exists", field="input.authority")
    return "Authority", authority_id


def _owned_by(authority_id: int | None, establishment_id: int | None) -> object:
    t = m.TermPeriod
    return and_(
        t.authority_id.is_(None) if authority_id is None else t.authority_id == authority_id,
        t.establishment_id.is_(None) if establishment_id is None else t.establishment_id == establishment_id,
    )


def _checked_periods(academic_year: int, periods: Sequence[Period]) -> list[Period]:
    """The periods, named, within the academic year, each first day on or before its last, none overlapping."""
    problems = Problems()
    if len(periods) > MAX_PERIODS:
        raise ValidationError(f"Give at most {MAX_PERIODS} stretches of term in a year", field="input.periods")
    first, last = year_bounds(academic_year)
    cleaned: list[Period] = []
    for i, p in enumerate(periods):
        path = f"input.periods[{i}]"
        name = problems.check(checked_text, p.name, field=f"{path}.name", label="name", max_length=60)
        if not first <= p.first_day <= last or not first <= p.last_day <= last:
            problems.add(
                f"Term dates of {year_label(academic_year)} fall from {first.isoformat()} to {last.isoformat()}",
                field=f"{path}.firstDay",
            )
        elif p.last_day < p.first_day:
            problems.add("The last day cannot be before the first", field=f"{path}.lastDay")
        elif cleaned and p.first_day <= cleaned[-1].last_day:
            problems.add(
                f"This starts before the stretch before it ends ({cleaned[-1].last_day.isoformat()}): give the "
                "stretches in order, without overlaps",
                field=f"{path}.firstDay",
            )
        if name is not None:
            cleaned.append(Period(name, p.first_day, p.last_day))
    problems.settle()
    return cleaned


def _as_dict(row: m.TermPeriod) -> dict[str, str]:
    return {"name": row.name, "firstDay": row.first_day.isoformat(), "lastDay": row.last_day.isoformat()}


async def calendar_rows(
    session: AsyncSession, *, academic_year: int, authority_id: int | None, establishment_id: int | None
) -> list[m.TermPeriod]:
    """One calendar's term dates for a year, in order (public data)."""
    t = m.TermPeriod
    stmt = select(t).where(t.academic_year == academic_year, _owned_by(authority_id, establishment_id))
    return list(await session.scalars(stmt.order_by(t.first_day)))


@dataclass(frozen=True)
class Calendar:
    """The term dates a placement follows in one academic year, and whose they are."""

    academic_year: int
    source: str
    periods: tuple[tuple[str, dt.date, dt.date], ...]

    def period_of(self, day: dt.date) -> str | None:
        """The name of the stretch of term ``day`` falls in; None in the holidays."""
        return next((name for name, first, last in self.periods if first <= day <= last), None)


async def calendars_for(
    session: AsyncSession, *, establishment_id: int, authority_id: int, years: Sequence[int]
) -> dict[int, Calendar]:
    """For each academic year, the calendar a placement at ``establishment_id`` for ``authority_id`` follows:
    the school's, else the authority's, else the regional one; years with none are left out."""
    if not years:
        return {}
    t = m.TermPeriod
    rows = await session.scalars(
        select(t)
        .where(
            t.academic_year.in_(list(years)),
            or_(
                t.establishment_id == establishment_id,
                and_(t.authority_id == authority_id, t.establishment_id.is_(None)),
                and_(t.authority_id.is_(None), t.establishment_id.is_(None)),
            ),
        )
        .order_by(t.first_day)
    )
    by_owner: dict[tuple[int, str], list[tuple[str, dt.date, dt.date]]] = {}
    for row in rows:
        owner = "school" if row.establishment_id is not None else "authority" if row.authority_id else "regional"
        by_owner.setdefault((row.academic_year, owner), []).append((row.name, row.first_day, row.last_day))
    found = {}
    for year in years:
        for owner, source in (
            ("school", "the school's"),
            ("authority", "the authority's"),
            ("regional", "the regional"),
        ):
            if (year, owner) in by_owner:
                found[year] = Calendar(
                    year, f"{source} term dates for {year_label(year)}", tuple(by_owner[year, owner])
                )
                break
    return found


# -- what is due ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stretch:
    """A run of days counted at one weekly fee: the working of what is due, one line each."""

    first_day: dt.date
    last_day: dt.date
    days: int
    weekly: WeeklyFees
    per_week: int
    """The days a weekly fee pays for: 7 (every day) or 5 (weekdays in term)."""
    term: str | None = None
    """The stretch of term the days are in, for a term-time placement."""

    def words(self, places: int) -> str:
        unit = "day" if self.per_week == 7 else "school day"
        each = f" for each of {places} places" if places > 1 else ""
        where = f" ({self.term})" if self.term else ""
        plural = "s" if self.days != 1 else ""
        share = "seventh" if self.per_week == 7 else "fifth"
        return (
            f"{_day(self.first_day)} to {_day(self.last_day)}{where}: {self.days} {unit}{plural} "
            f"at {pounds(self.weekly.total)} a week, a {share} of it a day{each}"
        )


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class AmountDue:
    """What the agreement says is due for a stretch of days, per element, and how it was worked out."""

    start: dt.date
    end: dt.date
    basis: str
    by_element: dict[CostElement, int]
    days: int
    per_week: int
    stretches: list[Stretch] = field(default_factory=list)
    calendars: list[str] = field(default_factory=list)
    missing_years: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.by_element.values())

    @property
    def complete(self) -> bool:
        return not self.missing_years


def amount_due(
    *,
    start: dt.date,
    end: dt.date,
    runs_from: dt.date,
    runs_until: dt.date | None,
    weeks_per_year: int,
    places: int,
    latest: WeeklyFees,
    amendments: Sequence[object],
    calendars: dict[int, Calendar],
) -> AmountDue:
    """What is due from ``start`` to ``end`` (both included): see the module for the rule."""
    every_day = weeks_per_year >= 52
    per_week = 7 if every_day else 5
    first = max(start, runs_from)
    last = end if runs_until is None else min(end, runs_until)
    exact = dict.fromkeys(FEE_ELEMENTS, Fraction(0))
    stretches: list[Stretch] = []
    missing: set[int] = set()
    counted = 0
    day = first
    while day <= last:
        term = None
        if not every_day:
            calendar = calendars.get(academic_year_of(day))
            if calendar is None:
                missing.add(academic_year_of(day))
                day += dt.timedelta(days=1)
                continue
            term = calendar.period_of(day)
        if every_day or (term is not None and day.weekday() < 5):
            fees = fees_in_force(latest, amendments, day)
            for element in FEE_ELEMENTS:
                exact[element] += Fraction(fees.by_element.get(element, 0) * places, per_week)
            counted += 1
            _extend(stretches, Stretch(day, day, 1, fees, per_week, term))
        day += dt.timedelta(days=1)
    return AmountDue(
        start=start,
        end=end,
        basis=EVERY_DAY if every_day else SCHOOL_DAYS,
        by_element={e: _half_up(v) for e, v in exact.items()},
        days=counted,
        per_week=per_week,
        stretches=stretches,
        calendars=[] if every_day else sorted({c.source for y, c in calendars.items() if _overlaps(y, first, last)}),
        missing_years=sorted(missing),
    )


def _extend(stretches: list[Stretch], day: Stretch) -> None:
    """Count a day into the last stretch when it is in the same stretch of term at the same fees (weekends
    between included); else start a new stretch with it."""
    if stretches and stretches[-1].weekly == day.weekly and stretches[-1].term == day.term:
        last = stretches[-1]
        stretches[-1] = Stretch(last.first_day, day.last_day, last.days + 1, day.weekly, day.per_week, day.term)
    else:
        stretches.append(day)


def _overlaps(year: int, first: dt.date, last: dt.date) -> bool:
    start, end = year_bounds(year)
    return start <= last and first <= end


def _half_up(value: Fraction) -> int:
    whole, rest = divmod(value.numerator, value.denominator)
    return whole + (1 if 2 * rest >= value.denominator else 0)


def check_span(start: dt.date, end: dt.date, *, field: str) -> None:
    """Refuse a stretch ending before it starts, or longer than :data:`MAX_SPAN_DAYS`."""
    if end < start:
        raise ValidationError("The last day cannot be before the first", field=field)
    if (end - start).days + 1 > MAX_SPAN_DAYS:
        raise ValidationError(f"Ask for at most {MAX_SPAN_DAYS} days at once", field=field)


async def due_for(
    session: AsyncSession, call_off: m.CallOff, start: dt.date, end: dt.date, *, amendments: Sequence[object]
) -> AmountDue:
    """What ``call_off``'s agreement says is due from ``start`` to ``end``, given its fee amendments."""
    years = list(range(academic_year_of(start), academic_year_of(end) + 1))
    calendars = await calendars_for(
        session, establishment_id=call_off.establishment_id, authority_id=call_off.authority_id, years=years
    )
    return amount_due(
        start=start,
        end=end,
        runs_from=call_off.start_date,
        runs_until=call_off.end_date,
        weeks_per_year=call_off.weeks_per_year,
        places=call_off.places,
        latest=WeeklyFees.of(call_off),
        amendments=amendments,
        calendars=calendars,
    )
