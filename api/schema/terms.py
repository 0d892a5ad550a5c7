"""Term dates, kept by the lead authority, and what a placement's agreement says is due for a stretch of days."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import terms
from api.domain.errors import Forbidden, NotFound, ValidationError
from api.domain.fees import WeeklyFees
from api.resolvers import load
from api.resolvers.relay import expect_id
from api.schema import errors as e
from api.schema.base import field
from api.schema.mutation import mutation, result
from api.schema.permissions import public, requires
from api.schema.placements import FeeBreakdown
from db import models as m

KEEP = requires("system:write", R.LEAD_ADMIN)


@strawberry.type(description="One stretch of term time: a term or a half term, its first and last day included.")
class TermPeriod:
    name: str = field("Its name, e.g. Autumn 1.")
    first_day: dt.date = field("The first day of term.")
    last_day: dt.date = field("The last day of term.")

    @classmethod
    def of(cls, row: m.TermPeriod) -> TermPeriod:
        return cls(name=row.name, first_day=row.first_day, last_day=row.last_day)


@strawberry.type(
    description=(
        "What a placement's agreement says is due for a stretch of days, per cost element, with the working. "
        "Each day counts at the fees in force that day (amendments from their effective date), only while the "
        "placement runs, times its places. A 52-week placement is paid every day, a seventh of the weekly fee a "
        "day; a 38- or 39-week placement for weekdays in term time, a fifth of the weekly fee a day (a full term "
        "week is the weekly fee; a bank holiday in a term week is paid, holidays are not), by its school's term "
        "dates, else its placing authority's, else the regional ones. Each element is summed exactly and rounded "
        "half-up to the penny once."
    )
)
class AmountDue:
    start: dt.date = field("The first day asked about.")
    end: dt.date = field("The last day asked about.")
    basis: str = field("Which days count, in words.")
    days_counted: int = field("The days counted: days the placement ran, or its school days in term time.")
    weeks: Decimal = field("The days counted in weeks (÷ 7, or ÷ 5 for school days), to 2 places.")
    amounts: FeeBreakdown = field("What is due per cost element, in pence, for all the places.")
    complete: bool = field("False when term dates are missing for some of the days, which then count nothing.")
    missing_academic_years: list[str] = field("The academic years, e.g. 2026/27, with no term dates to go by.")
    calendars: list[str] = field("The term dates followed, e.g. the regional term dates for 2026/27.")
    working: list[str] = field("One line per stretch of days at one fee (and one term).")

    @classmethod
    def of(cls, due: terms.AmountDue, places: int) -> AmountDue:
        return cls(
            start=due.start,
            end=due.end,
            basis=due.basis,
            days_counted=due.days,
            weeks=(Decimal(due.days) / due.per_week).quantize(Decimal("0.01")),
            amounts=FeeBreakdown.of(WeeklyFees(due.by_element)),
            complete=due.complete,
            missing_academic_years=[terms.year_label(y) for y in due.missing_years],
            calendars=due.calendars,
            working=[s.words(places) for s in due.stretches],
        )


async def amount_due(info: Info, call_off: m.CallOff, start: dt.date, end: dt.date) -> AmountDue:
    """What ``call_off``'s agreement says is due from ``start`` to ``end``."""
    terms.check_span(start, end, field="end")
    amendments = await load.children(
        info, m.FeeAmendment, m.FeeAmendment.call_off_id, call_off.id, (m.FeeAmendment.effective_from,)
    )
    due = await info.context.execute(
        lambda session: terms.due_for(session, call_off, start, end, amendments=amendments)
    )
    return AmountDue.of(due, call_off.places)


@strawberry.type(description="Term dates.")
class TermQueries:
    @strawberry.field(
        description=(
            "One calendar's term dates for an academic year, in order: the regional calendar, or an authority's "
            "or a school's own (give one of them). Empty when that calendar has none that year. Public."
        ),
        extensions=[public()],
    )
    async def term_dates(
        self,
        info: Info,
        academic_year: Annotated[int, strawberry.argument(description="The year it starts: 2026 is 2026/27.")],
        authority: Annotated[
            strawberry.ID | None, strawberry.argument(description="An authority's own calendar.")
        ] = None,
        establishment: Annotated[
            strawberry.ID | None, strawberry.argument(description="A school's own calendar.")
        ] = None,
    ) -> list[TermPeriod]:
        authority_id = expect_id(authority, "Authority", field="authority")
        establishment_id = expect_id(establishment, "Establishment", field="establishment")
        rows = await info.context.execute(
            lambda session: terms.calendar_rows(
                session, academic_year=academic_year, authority_id=authority_id, establishment_id=establishment_id
            )
        )
        return [TermPeriod.of(r) for r in rows]


@strawberry.input(description="A stretch of term time.")
class TermPeriodInput:
    name: str = field("Its name, e.g. Autumn 1; up to 60 characters.")
    first_day: dt.date = field("The first day of term.")
    last_day: dt.date = field("The last day of term: on or after the first.")


@strawberry.input(description="One calendar's term dates for an academic year.")
class SetTermDatesInput:
    academic_year: int = field("The year it starts: 2026 is 2026/27 (1 September 2026 to 31 August 2027).")
    periods: list[TermPeriodInput] = field(
        "Every stretch of term that year, in order, without overlaps; at most 12. Empty removes the calendar."
    )
    authority: strawberry.ID | None = strawberry.field(
        default=None, description="An authority whose own term dates these are; leave out for the regional ones."
    )
    establishment: strawberry.ID | None = strawberry.field(
        default=None, description="A school whose own term dates these are."
    )


@strawberry.type(description="The term dates as set.")
class SetTermDatesPayload:
    academic_year: int = field("The academic year.")
    periods: list[TermPeriod] = field("The calendar's stretches of term, in order.")


SetTermDatesResult = result(
    "SetTermDatesResult",
    SetTermDatesPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    description="The term dates, or why not.",
)


@strawberry.type(description="Keep term dates.")
class TermMutations:
    @mutation(
        description=(
            "Set one calendar's term dates for an academic year, replacing what it had: the regional calendar, or "
            "an authority's or a school's own. Placements of fewer than 52 weeks a year are paid for these days."
        ),
        access=KEEP,
        errors=(NotFound, Forbidden, ValidationError),
    )
    async def set_term_dates(
        self, info: Info, input: Annotated[SetTermDatesInput, strawberry.argument(description="The term dates.")]
    ) -> SetTermDatesResult:
        rows = await info.context.run(
            terms.set_term_dates,
            academic_year=input.academic_year,
            authority_id=expect_id(input.authority, "Authority", field="input.authority"),
            establishment_id=expect_id(input.establishment, "Establishment", field="input.establishment"),
            periods=[terms.Period(p.name, p.first_day, p.last_day) for p in input.periods],
        )
        return SetTermDatesPayload(academic_year=input.academic_year, periods=[TermPeriod.of(r) for r in rows])
