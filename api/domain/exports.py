"""CSV exports for analysts: call-offs and their committed spend, streamed and scoped to the caller.

Rows are read through a server-side cursor a few hundred at a time and
written as CSV in small chunks, so an export of any size holds only one
chunk in memory. Who sees which rows is the call-off visibility rule:
authority users their own authority's call-offs, the lead authority and
auditors every call-off, a provider's users their own provider's call-offs.
No export names or references a child.

**Committed spend** follows the rule of :func:`api.domain.analytics.committed_spend`:
each day a call-off runs in a financial year (1 April to 31 March), from its
start date to its end date, costs the weekly fee per place in force that day
(from its amendments) × weeks per year × places ÷ the days in that year. A
call-off terminated before it started costs nothing. Each row is rounded
half-up to the penny; grouped rows are summed exactly and rounded once, so
they equal the analytics figures. An open-ended call-off is committed to the
end of the financial year asked for (``financialYear``), or else of the
current financial year (or of its first year, if that is later).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from api.auth.actor import AUTHORITY_ROLES, Actor, Role
from api.domain import analytics
from api.domain import status as st
from api.domain.clock import UK
from api.domain.errors import Forbidden, ValidationError
from api.domain.fees import WeeklyFees, annual_cost, fees_in_force
from api.domain.invoices import received_on
from api.domain.visibility import visible
from db import models as m
from db.enums import CallOffType, CostElement, FundingSplitStatus, FundingStream
from db.fees import FEE_ELEMENTS, fee_column_name

EXPORT_ROLES = frozenset({Role.LEAD_ADMIN, Role.AUDITOR, Role.PROVIDER_USER, *AUTHORITY_ROLES})
"""Who may export. Providers export their own call-offs: they are a party to them and know their fees."""

YIELD_PER = 500
"""Rows fetched from the database at a time."""

CHUNK_CHARS = 16_384
"""About how much CSV text is sent at a time."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet may read a cell starting with one of these as a formula."""

SEPARATORS = (",", ";", "\t", "|", "\r", "\n")
"""Characters a spreadsheet may split cells or rows at when it opens a CSV file: the comma, the semicolon
(the list separator of many European locales), the tab, the pipe, and line breaks (for a reader that ignores
quotes). Spaces are not among them: neutralising after every space would spoil ordinary text such as
``Bolton - Lot 2``, and a file split at spaces is no longer a table of these columns anyway."""

_FORMULA = re.compile(r"(?:^|(?<=[,;\t|\r\n]))([\s\"']*)(?=[=+\-@\t\r])")
"""Where a quote goes: before a formula character at the start of the cell or after a separator, after any
whitespace (any Unicode space, which a spreadsheet may trim) and quotes (an empty quoted field before it
is read as nothing)."""

_QUOTED = re.compile(r'[,;\t|\r\n"]')
"""A cell holding one of these is written in double quotes."""

FEE_COLUMNS: dict[CostElement, str] = {
    CostElement.EDUCATION: "education",
    CostElement.CARE: "care",
    CostElement.HEALTH: "health",
    CostElement.THERAPIES: "therapies",
    CostElement.ADDITIONAL_STAFFING: "additional_staffing",
}
"""The CSV column of each cost element's weekly fee, in pounds."""

CALL_OFF_COLUMNS: tuple[str, ...] = (
    "reference",
    "type",
    "authority_gss_code",
    "authority_name",
    "provider_name",
    "establishment_urn",
    "establishment_name",
    "lot_code",
    "start_date",
    "end_date",
    "status",
    "weeks_per_year",
    "places",
    *(f"weekly_{FEE_COLUMNS[e]}" for e in FEE_ELEMENTS),
    "weekly_total",
    "annual_cost",
    "latest_amendment_date",
    "latest_amendment_reason",
    "funding_status",
    "weekly_contribution_education",
    "weekly_contribution_social_care",
    "weekly_contribution_health",
)
"""The columns of ``call-offs.csv``: one row per call-off; money in pounds with two decimals, per place.

The fees and annual cost are those in force on the day of the export, and the latest amendment is the latest
in force by then: an amendment scheduled for a later date shows from that date. The funding columns are those
of the funding split in force that day (before the start, the first): whether every funder has agreed it, and
what each stream pays a week per place. They are blank for a caller who may not read funding (a provider)."""

CENSUS_SOURCE = "NW Contract - SEND FPS"
"""How a placement made through the purchasing system was sourced, in the census's own words."""

CENSUS_COLUMNS: tuple[str, ...] = (
    "Placing Authority",
    "Identifier",
    "Placement start date",
    "Organisation",
    "Establishment",
    "Registration type",
    "Establishment registration URN",
    "Host Authority",
    "How the placement was sourced",
    "Total weekly cost",
    "Contribution from Social Care",
    "Contribution from Education",
    "Contribution from Health",
    "Primary SEND need",
)
"""The columns of ``placements-census.csv``, named as the Placements North West census schema names them
(``pnw_census_schema.yml``): one row per child placed by the caller's authority through the purchasing system
and in placement on the census day. Money in pounds with two decimals a week; the start date as dd/mm/yyyy;
the identifier is the authority's own pseudonymous reference for the child; the need its SEN2 code."""

SPEND_COLUMNS: tuple[str, ...] = (
    "reference",
    "type",
    "authority_gss_code",
    "authority_name",
    "provider_name",
    "establishment_urn",
    "lot_code",
    "status",
    "financial_year",
    "from_date",
    "to_date",
    "days",
    "weeks_per_year",
    "places",
    "committed_spend",
)
"""The columns of ``spend.csv``: one row per call-off per financial year it runs in."""

SPEND_GROUPS: dict[str, tuple[str, ...]] = {
    "authority": ("authority_gss_code", "authority_name"),
    "provider": ("provider_name",),
    "lot": ("lot_code", "lot_title"),
}
"""How spend may be grouped, and the columns naming each group."""


# -- access ------------------------------------------------------------------------------------------


def check_may_export(actor: Actor) -> None:
    """Refuse callers whose role exports nothing."""
    if not actor.has_role(*EXPORT_ROLES):
        raise Forbidden("Your role may not export call-offs or spend")


# -- CSV ----------------------------------------------------------------------------------------------


def safe_cell(value: object) -> str:
    """A cell's text, neutralised so that no spreadsheet runs any part of it as a formula.

    A single quote goes before each ``=`` ``+`` ``-`` ``@`` tab or carriage return that starts the cell or
    follows one of :data:`SEPARATORS` (whitespace and quotes between them allowed): a spreadsheet reads a
    quoted-off value as text, and one that splits the cell at a ``;`` or ``|`` finds the quote at the start of
    every piece.
    ``Alternative Provision;=cmd|' /C calc'!A0`` becomes ``Alternative Provision;'=cmd|' /C calc'!A0``.
    """
    text = "" if value is None else str(value)
    # Each formula character once, though a tab both separates and may start a formula.
    points = sorted({match.end() for match in _FORMULA.finditer(text)})
    return "".join(text[a:b] + "'" for a, b in zip([0, *points], points)) + text[points[-1] if points else 0 :]


def csv_line(cells: Sequence[str]) -> str:
    """One CSV record (RFC 4180, CRLF) of cells already made safe.

    Cells holding a separator (see :data:`SEPARATORS`) or a double quote are written in double quotes,
    their quotes doubled, so that a spreadsheet splitting at ``;`` or ``|`` keeps them whole; Python's
    ``csv`` module reads the record back as written.
    """
    return ",".join(f'"{c.replace(chr(34), chr(34) * 2)}"' if _QUOTED.search(c) else c for c in cells) + "\r\n"


def pounds_cell(pence: int) -> str:
    """Pence as pounds with two decimals, e.g. ``1234.50``; no symbol and no thousands separator."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}{whole}.{part:02d}"


async def csv_chunks(columns: Sequence[str], rows: AsyncIterator[Sequence[object]]) -> AsyncIterator[bytes]:
    """The header and the rows as UTF-8 CSV (RFC 4180, CRLF), in chunks of about ``CHUNK_CHARS``."""
    buffer = io.StringIO()
    buffer.write(csv_line([safe_cell(c) for c in columns]))
    try:
        async for row in rows:
            buffer.write(csv_line([safe_cell(v) for v in row]))
            if buffer.tell() >= CHUNK_CHARS:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode()
    finally:
        close = getattr(rows, "aclose", None)
        if close is not None:
            await close()


async def _streamed(session: AsyncSession, stmt: Select[Any]) -> AsyncIterator[Any]:
    """The rows of ``stmt`` through a server-side cursor, ``YIELD_PER`` at a time."""
    result = await session.stream(stmt.execution_options(yield_per=YIELD_PER))
    try:
        async for row in result:
            yield row
    finally:
        await result.close()


# -- call-offs ---------------------------------------------------------------------------------------


def _call_offs_with_parties(actor: Actor, now: dt.datetime) -> Select[Any]:
    """Visible call-offs joined to their authority, provider, establishment and lot, in id order."""
    c = m.CallOff
    return (
        select(
            c.id,
            c.reference,
            c.type,
            c.start_date,
            c.end_date,
            c.terminated_at,
            c.weeks_per_year,
            c.places,
            *(getattr(c, fee_column_name(e)).label(fee_column_name(e)) for e in FEE_ELEMENTS),
            m.Authority.gss_code.label("authority_gss_code"),
            m.Authority.name.label("authority_name"),
            m.Provider.id.label("provider_id"),
            m.Provider.legal_name.label("provider_name"),
            m.Establishment.urn.label("establishment_urn"),
            m.Establishment.name.label("establishment_name"),
            m.Lot.code.label("lot_code"),
            m.Lot.title.label("lot_title"),
        )
        .join(m.Authority, m.Authority.id == c.authority_id)
        .join(m.Provider, m.Provider.id == c.provider_id)
        .join(m.Establishment, m.Establishment.id == c.establishment_id)
        .join(m.Lot, m.Lot.id == c.lot_id)
        .where(visible(m.CallOff, actor, now))
        .order_by(c.id)
    )


def call_off_rows(session: AsyncSession, *, actor: Actor, now: dt.datetime) -> AsyncIterator[Sequence[object]]:
    """The rows of ``call-offs.csv`` the caller may see; refuses at once a caller who may not export."""
    check_may_export(actor)
    return _call_off_rows(session, actor=actor, now=now)


async def _call_off_rows(session: AsyncSession, *, actor: Actor, now: dt.datetime) -> AsyncIterator[Sequence[object]]:
    # The fees in force today: the call-off holds its latest fees, so while an amendment is still to come, the
    # fees before the first one to come are today's. The latest amendment shown is the latest in force.
    today = now.date()
    latest, pending = aliased(m.FeeAmendment), aliased(m.FeeAmendment)
    a = m.FeeAmendment
    newest_id = (
        select(a.id)
        .where(a.call_off_id == m.CallOff.id, a.effective_from <= today)
        .order_by(a.effective_from.desc(), a.id.desc())
        .limit(1)
        .correlate(m.CallOff)
        .scalar_subquery()
    )
    next_id = (
        select(a.id)
        .where(a.call_off_id == m.CallOff.id, a.effective_from > today)
        .order_by(a.effective_from, a.id)
        .limit(1)
        .correlate(m.CallOff)
        .scalar_subquery()
    )
    pending_fees = [getattr(pending, fee_column_name(e, "before_")).label(_pending_label(e)) for e in FEE_ELEMENTS]
    funded = _funding_on(actor, now, today)
    stmt = (
        _call_offs_with_parties(actor, now)
        .outerjoin(latest, latest.id == newest_id)
        .outerjoin(pending, pending.id == next_id)
        .outerjoin(funded, funded.c.split_id == _split_on(today))
        .add_columns(latest.effective_from.label("amended_from"), latest.reason.label("amendment_reason"))
        .add_columns(pending.id.label("pending_id"), *pending_fees)
        .add_columns(*(funded.c[name] for name in _FUNDING_LABELS))
    )
    async with aclosing(_streamed(session, stmt)) as rows:
        async for row in rows:
            yield _call_off_cells(row, today)


def _pending_label(element: CostElement) -> str:
    """The label of an element's fee before the next amendment to come, in the call-off rows."""
    return fee_column_name(element, "pending_before_")


def _call_off_cells(row: Any, today: dt.date) -> tuple[object, ...]:
    fees = WeeklyFees.of(row) if row.pending_id is None else WeeklyFees.of(row, "pending_before_")
    return (
        row.reference,
        row.type.value,
        row.authority_gss_code,
        row.authority_name,
        row.provider_name,
        row.establishment_urn,
        row.establishment_name,
        row.lot_code,
        row.start_date.isoformat(),
        row.end_date.isoformat() if row.end_date else "",
        st.call_off_status(row, today).value,
        row.weeks_per_year,
        row.places,
        *(pounds_cell(fees.by_element[e]) for e in FEE_ELEMENTS),
        pounds_cell(fees.total),
        pounds_cell(annual_cost(fees, weeks_per_year=row.weeks_per_year, places=row.places)),
        row.amended_from.isoformat() if row.amended_from else "",
        row.amendment_reason.value if row.amendment_reason else "",
        *_funding_cells(row),
    )


# -- funding -------------------------------------------------------------------------------------------

_STREAM_LABELS = {
    FundingStream.EDUCATION: "education_pence",
    FundingStream.SOCIAL_CARE: "social_care_pence",
    FundingStream.HEALTH: "health_pence",
}
_FUNDING_LABELS = ("waiting", *_STREAM_LABELS.values())


def _split_on(day: dt.date) -> Any:
    """The id of the call-off's funding split in force on ``day`` (before its start, the first), correlated."""
    s = m.FundingSplit
    of_call_off = select(s.id).where(s.call_off_id == m.CallOff.id).limit(1).correlate(m.CallOff)
    started = of_call_off.where(s.effective_from <= day).order_by(s.effective_from.desc(), s.id.desc())
    return func.coalesce(started.scalar_subquery(), of_call_off.order_by(s.effective_from, s.id).scalar_subquery())


def _funding_on(actor: Actor, now: dt.datetime, day: dt.date) -> Any:
    """Per funding split the caller may read: contributions not yet agreed, and weekly pence per stream."""
    c = m.FundingContribution
    weekly = sum((getattr(c, fee_column_name(e)) for e in FEE_ELEMENTS), literal(0))
    return (
        select(
            c.split_id.label("split_id"),
            func.count().filter(c.agreed_at.is_(None)).label("waiting"),
            *(
                func.sum(case((c.stream == stream, weekly), else_=0)).label(label)
                for stream, label in _STREAM_LABELS.items()
            ),
        )
        .where(c.split_id.in_(select(m.FundingSplit.id).where(visible(m.FundingSplit, actor, now))))
        .group_by(c.split_id)
        .subquery("funding")
    )


def _funding_cells(row: Any) -> tuple[str, ...]:
    """Whether the split is agreed, and each stream's weekly pence per place, as cells; blank when unread."""
    if row.waiting is None:
        return ("", "", "", "")
    status = FundingSplitStatus.PENDING if row.waiting else FundingSplitStatus.AGREED
    return (status.value, *(pounds_cell(int(getattr(row, label) or 0)) for label in _STREAM_LABELS.values()))


# -- approved invoices -------------------------------------------------------------------------------

INVOICE_COLUMNS: tuple[str, ...] = (
    "invoice_reference",
    "call_off_reference",
    "provider_name",
    "period_start",
    "period_end",
    "received_on",
    "due_on",
    "approved_on",
    "amount",
    "education_budgets",
    "social_care_budgets",
    "health",
    "paid_on",
    "payment_reference",
)
"""The columns of ``invoices.csv``: one row per approved invoice (paid or not) to the caller's authority, oldest
first; money in pounds with two decimals, and what each funding stream pays of it."""


def check_may_export_invoices(actor: Actor) -> int:
    """The authority whose approved invoices the caller exports: its own, as its commissioner, analyst or
    finance user."""
    if not actor.has_role(*AUTHORITY_ROLES, Role.AUTHORITY_FINANCE) or actor.authority_id is None:
        raise Forbidden("Approved invoices are exported by an authority's own people, for their authority")
    if not actor.has_scope("invoices:read"):
        raise Forbidden("The access token lacks the scope invoices:read")
    return actor.authority_id


def invoice_rows(session: AsyncSession, *, actor: Actor, now: dt.datetime) -> AsyncIterator[Sequence[object]]:
    """The rows of ``invoices.csv``; refuses at once a caller who may not export them."""
    authority_id = check_may_export_invoices(actor)
    return _invoice_rows(session, actor=actor, now=now, authority_id=authority_id)


async def _invoice_rows(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, authority_id: int
) -> AsyncIterator[Sequence[object]]:
    i, share = m.Invoice, m.InvoiceShare
    streams = (
        select(
            share.invoice_id.label("invoice_id"),
            *(
                func.sum(case((share.stream == stream, share.amount_pence), else_=0)).label(label)
                for stream, label in _STREAM_LABELS.items()
            ),
        )
        .group_by(share.invoice_id)
        .subquery("shares")
    )
    stmt = (
        select(
            i.provider_reference,
            i.period_start,
            i.period_end,
            i.received_at,
            i.due_on,
            i.approved_at,
            i.total_pence,
            i.paid_on,
            i.payment_reference,
            m.CallOff.reference.label("call_off_reference"),
            m.Provider.legal_name,
            *(streams.c[label] for label in _STREAM_LABELS.values()),
        )
        .join(m.CallOff, m.CallOff.id == i.call_off_id)
        .join(m.Provider, m.Provider.id == i.provider_id)
        .outerjoin(streams, streams.c.invoice_id == i.id)
        .where(i.authority_id == authority_id, i.approved_at.is_not(None), visible(m.Invoice, actor, now))
        .order_by(i.approved_at, i.id)
    )
    async with aclosing(_streamed(session, stmt)) as rows:
        async for row in rows:
            yield (
                row.provider_reference,
                row.call_off_reference,
                row.legal_name,
                row.period_start.isoformat(),
                row.period_end.isoformat(),
                received_on(row.received_at).isoformat(),
                row.due_on.isoformat(),
                row.approved_at.astimezone(UK).date().isoformat(),
                pounds_cell(row.total_pence),
                *(pounds_cell(int(getattr(row, label) or 0)) for label in _STREAM_LABELS.values()),
                row.paid_on.isoformat() if row.paid_on else "",
                row.payment_reference or "",
            )


# -- the Placements North West census -----------------------------------------------------------------


def check_may_census(actor: Actor) -> int:
    """The authority whose census the caller writes: its own, as a commissioner or analyst with funding:read."""
    if not actor.has_role(*AUTHORITY_ROLES) or actor.authority_id is None:
        raise Forbidden("The census is written by an authority's commissioners and analysts, for their own authority")
    if not actor.has_scope("funding:read"):
        raise Forbidden("The access token lacks the scope funding:read")
    return actor.authority_id


def census_rows(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, day: dt.date | None = None
) -> AsyncIterator[Sequence[object]]:
    """The rows of ``placements-census.csv`` for the caller's authority on ``day`` (today if not given)."""
    authority_id = check_may_census(actor)
    return _census_rows(session, actor=actor, now=now, authority_id=authority_id, day=day or now.date())


async def _census_rows(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, authority_id: int, day: dt.date
) -> AsyncIterator[Sequence[object]]:
    c = m.CallOff
    funded = _funding_on(actor, now, day)
    stmt = (
        select(
            c.id,
            c.places,
            c.start_date,
            *(getattr(c, fee_column_name(e)).label(fee_column_name(e)) for e in FEE_ELEMENTS),
            m.Authority.name.label("authority_name"),
            m.Referral.child_reference,
            m.Referral.primary_need,
            m.Provider.legal_name,
            m.Establishment.name.label("establishment_name"),
            m.Establishment.urn,
            m.Establishment.host_authority,
            *(funded.c[name] for name in _FUNDING_LABELS),
        )
        .join(m.Authority, m.Authority.id == c.authority_id)
        .join(m.Referral, m.Referral.id == c.referral_id)
        .join(m.Provider, m.Provider.id == c.provider_id)
        .join(m.Establishment, m.Establishment.id == c.establishment_id)
        .outerjoin(funded, funded.c.split_id == _split_on(day))
        .where(
            c.authority_id == authority_id,
            c.type == CallOffType.INDIVIDUAL_PLACEMENT,
            c.start_date <= day,
            or_(c.end_date.is_(None), c.end_date >= day),
            or_(c.terminated_at.is_(None), c.end_date.is_not(None)),
            visible(m.CallOff, actor, now),
        )
        .order_by(c.start_date, c.id)
    )
    rows = (await session.execute(stmt)).all()
    amendments = await _amendments_of(session, [row.id for row in rows])
    for row in rows:
        fees = fees_in_force(WeeklyFees.of(row), amendments.get(row.id, []), day)
        social_care, education, health = (
            int(getattr(row, _STREAM_LABELS[s]) or 0) * row.places
            for s in (FundingStream.SOCIAL_CARE, FundingStream.EDUCATION, FundingStream.HEALTH)
        )
        yield (
            row.authority_name,
            row.child_reference,
            row.start_date.strftime("%d/%m/%Y"),
            row.legal_name,
            row.establishment_name,
            "Ofsted",
            row.urn,
            row.host_authority or "",
            CENSUS_SOURCE,
            pounds_cell(fees.total * row.places),
            pounds_cell(social_care),
            pounds_cell(education),
            pounds_cell(health),
            row.primary_need.value,
        )


async def _amendments_of(session: AsyncSession, call_off_ids: Sequence[int]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = {}
    if not call_off_ids:
        return found
    a = m.FeeAmendment
    for row in await session.scalars(select(a).where(a.call_off_id.in_(call_off_ids))):
        found.setdefault(row.call_off_id, []).append(row)
    return found


# -- committed spend ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FinancialYear:
    """A financial year, 1 April to 31 March, named by the calendar year it starts in."""

    starts_in: int

    @classmethod
    def of(cls, day: dt.date) -> FinancialYear:
        return cls(analytics.financial_year_of(day))

    @classmethod
    def parse(cls, label: str) -> FinancialYear:
        """``2025-26`` (or ``2025``) as a financial year."""
        first, _, second = label.strip().partition("-")
        if first.isdigit() and len(first) == 4 and (not second or (second.isdigit() and len(second) == 2)):
            year = cls(int(first))
            if 2000 <= year.starts_in <= 2100 and (not second or int(second) == (year.starts_in + 1) % 100):
                return year
        raise ValidationError("Give the financial year as 2025-26, from 2000-01 to 2100-01", field="financialYear")

    @property
    def first_day(self) -> dt.date:
        return analytics.financial_year_first_day(self.starts_in)

    @property
    def last_day(self) -> dt.date:
        return analytics.financial_year_last_day(self.starts_in)

    @property
    def days(self) -> int:
        return analytics.financial_year_days(self.starts_in)

    @property
    def label(self) -> str:
        return analytics.financial_year_label(self.starts_in)


@dataclass(frozen=True)
class YearSpend:
    """A call-off's committed spend in one financial year.

    ``numerator`` is the exact spend in pence times the days in the year, so
    that sums over many call-offs are rounded once, as analytics rounds them.
    """

    year: FinancialYear
    from_date: dt.date
    to_date: dt.date
    numerator: int

    @property
    def days(self) -> int:
        return (self.to_date - self.from_date).days + 1

    @property
    def pence(self) -> int:
        return analytics.half_up(self.numerator, self.year.days)


def committed_period(
    *, start: dt.date, end: dt.date | None, terminated_at: dt.datetime | None, until: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The first and last day a call-off's spend is committed; None if it never ran.

    A call-off terminated before its start date never ran. One with no end
    date is committed up to ``until``.
    """
    if terminated_at is not None and terminated_at < dt.datetime.combine(start, dt.time(), dt.UTC):
        return None
    last = end if end is not None else until
    return (start, last) if last >= start else None


def open_ended_until(*, today: dt.date, start: dt.date, year: FinancialYear | None) -> dt.date:
    """How far an open-ended call-off is committed: to the end of the year asked about, or else of the
    current financial year (or of its first year, if that is later)."""
    if year is not None:
        return year.last_day
    return max(FinancialYear.of(today).last_day, FinancialYear.of(start).last_day)


def committed_spend(
    *,
    start: dt.date,
    end: dt.date | None,
    terminated_at: dt.datetime | None,
    current: WeeklyFees,
    amendments: Sequence[Any],
    weeks_per_year: int,
    places: int,
    until: dt.date,
) -> list[YearSpend]:
    """A call-off's committed spend in each financial year it runs in (see the module's rule)."""
    period = committed_period(start=start, end=end, terminated_at=terminated_at, until=until)
    if period is None:
        return []
    first, last = period
    changes = sorted({a.effective_from for a in amendments if first < a.effective_from <= last})
    spend: list[YearSpend] = []
    for starts_in in range(FinancialYear.of(first).starts_in, FinancialYear.of(last).starts_in + 1):
        year = FinancialYear(starts_in)
        lo, hi = max(first, year.first_day), min(last, year.last_day)
        cuts = [lo, *(d for d in changes if lo < d <= hi), hi + dt.timedelta(days=1)]
        numerator = 0
        for begin, after in zip(cuts, cuts[1:]):
            fees = fees_in_force(current, amendments, begin)
            numerator += annual_cost(fees, weeks_per_year=weeks_per_year, places=places) * (after - begin).days
        spend.append(YearSpend(year, lo, hi, numerator))
    return spend


@dataclass(frozen=True)
class SpendQuery:
    """Which spend to export: one financial year or all, per call-off or grouped."""

    financial_year: FinancialYear | None = None
    group: str | None = None

    @classmethod
    def of(cls, *, financial_year: str | None, group: str | None) -> SpendQuery:
        """Checked parameters; a wrong one is refused, naming it."""
        year = FinancialYear.parse(financial_year) if financial_year else None
        if group is not None and group not in SPEND_GROUPS:
            raise ValidationError(f"Group spend by one of: {', '.join(SPEND_GROUPS)}", field="groupBy")
        return cls(year, group)

    @property
    def columns(self) -> tuple[str, ...]:
        if self.group is None:
            return SPEND_COLUMNS
        return ("financial_year", *SPEND_GROUPS[self.group], "call_offs", "places", "committed_spend")


def spend_rows(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, query: SpendQuery
) -> AsyncIterator[Sequence[object]]:
    """The rows of ``spend.csv`` the caller may see; refuses at once a caller who may not export."""
    check_may_export(actor)
    rows = _spend_rows(session, actor=actor, now=now, query=query)
    return rows if query.group is None else _grouped(rows)


async def _call_offs_with_amendments(
    session: AsyncSession, *, actor: Actor, now: dt.datetime
) -> AsyncIterator[tuple[Any, list[Any]]]:
    """Each visible call-off with its amendments, from one streamed query ordered by call-off."""
    a = m.FeeAmendment
    before = [getattr(a, fee_column_name(e, "before_")).label(fee_column_name(e, "before_")) for e in FEE_ELEMENTS]
    after = [getattr(a, fee_column_name(e, "after_")).label(fee_column_name(e, "after_")) for e in FEE_ELEMENTS]
    stmt = (
        _call_offs_with_parties(actor, now)
        .outerjoin(a, a.call_off_id == m.CallOff.id)
        .add_columns(a.id.label("amendment_id"), a.effective_from, *before, *after)
        .order_by(a.effective_from, a.id)
    )
    current: Any = None
    amendments: list[Any] = []
    async with aclosing(_streamed(session, stmt)) as rows:
        async for row in rows:
            if current is not None and row.id != current.id:
                yield current, amendments
                amendments = []
            current = row
            if row.amendment_id is not None:
                amendments.append(_Amendment(row))
    if current is not None:
        yield current, amendments


class _Amendment:
    """An amendment read from a joined row, shaped as :func:`fees_in_force` expects."""

    def __init__(self, row: Any) -> None:
        self.id = row.amendment_id
        self.effective_from = row.effective_from
        for e in FEE_ELEMENTS:
            for prefix in ("before_", "after_"):
                name = fee_column_name(e, prefix)
                setattr(self, name, getattr(row, name))


async def _spend_rows(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, query: SpendQuery
) -> AsyncIterator[Sequence[object]]:
    today = now.date()
    async with aclosing(_call_offs_with_amendments(session, actor=actor, now=now)) as call_offs:
        async for row, amendments in call_offs:
            for cells in _spend_cells(row, amendments, today=today, query=query):
                yield cells


def _spend_cells(row: Any, amendments: list[Any], *, today: dt.date, query: SpendQuery) -> Iterator[tuple[object, ...]]:
    """One call-off's spend rows: per financial year, or (year, *group columns, places, numerator) to be grouped."""
    years = committed_spend(
        start=row.start_date,
        end=row.end_date,
        terminated_at=row.terminated_at,
        current=WeeklyFees.of(row),
        amendments=amendments,
        weeks_per_year=row.weeks_per_year,
        places=row.places,
        until=open_ended_until(today=today, start=row.start_date, year=query.financial_year),
    )
    status = st.call_off_status(row, today).value
    for spent in years:
        if query.financial_year is not None and spent.year != query.financial_year:
            continue
        if query.group is not None:
            group = tuple(getattr(row, c) for c in SPEND_GROUPS[query.group])
            yield (spent.year, *group, row.places, spent.numerator)
            continue
        yield (
            row.reference,
            row.type.value,
            row.authority_gss_code,
            row.authority_name,
            row.provider_name,
            row.establishment_urn,
            row.lot_code,
            status,
            spent.year.label,
            spent.from_date.isoformat(),
            spent.to_date.isoformat(),
            spent.days,
            row.weeks_per_year,
            row.places,
            pounds_cell(spent.pence),
        )


async def _grouped(rows: AsyncIterator[Sequence[Any]]) -> AsyncIterator[Sequence[object]]:
    """Spend summed per financial year and group, rounded once per group as analytics rounds it.

    ``rows`` are (financial year, *group columns, places, numerator); memory
    grows with the groups, not the call-offs. Ordered by year, then group.
    """
    totals: dict[tuple[Any, ...], list[int]] = {}
    async with aclosing(rows):
        async for year, *group, places, numerator in rows:
            entry = totals.setdefault((year.starts_in, *group), [0, 0, 0])
            entry[0] += 1
            entry[1] += places
            entry[2] += numerator
    for key, (count, places, numerator) in sorted(totals.items(), key=lambda item: [str(v) for v in item[0]]):
        year = FinancialYear(key[0])
        yield (year.label, *key[1:], count, places, pounds_cell(analytics.half_up(numerator, year.days)))
