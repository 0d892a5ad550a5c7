"""Excluded suppliers: the debarment list and each lead authority's excluded-supplier list (Procurement Act 2023).

Two lists name suppliers that may not take part in a procurement under the Act:

- the **debarment list** (``DEBARMENT``), kept by the Minister (s.62): national, one list for every system;
- a lead authority's **excluded-supplier list** (``EXCLUDED_SUPPLIERS``, s.57): the suppliers it has found
  excluded, applying to the systems it leads.

An entry names a supplier by an organisation identifier (Companies House, Charity Commission or PPON number)
and is in force from ``listed_on`` to ``ends_on`` inclusive (open-ended when null). A provider is excluded from a
system when an entry in force, on the debarment list or on the system's lead authority's list, matches any of its
identifiers, compared upper-case with spaces removed (:func:`excluded`).

Only systems whose regime checks exclusions (:attr:`api.domain.regimes.RegimePolicy.checks_exclusions`: the Act's
dynamic markets and open frameworks) are affected: there an excluded provider's bid is not submitted, its bid lot
not admitted and its offer not awarded (:func:`ensure_not_excluded`). A system under the PCR 2015 is untouched.

The lead authority loads a list from a CSV file (:func:`import_excluded_suppliers`; columns in
:data:`CSV_COLUMNS` and docs/exclusions.md), all or nothing, replacing the list. Then every current membership of a
provider now excluded from a live system that checks exclusions is removed, with the reason recorded, audited and
told to the provider as any removal is (:func:`api.domain.memberships.remove_for_exclusion`). The import itself is
audited with counts only.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, text, true
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit, memberships, regimes
from api.domain import status as st
from api.domain.errors import Forbidden, Problem, SupplierExcluded, ValidationError
from api.domain.wording import words
from db import models as m
from db.enums import ExclusionList, IdentifierScheme

MAX_IMPORT_ROWS = 10_000
MAX_IDENTIFIER = 40
MAX_NAME = 200
MAX_REASON = 2_000
_LOCK = 72_430_010
"""PostgreSQL advisory lock key: one import of an excluded-supplier list at a time."""

_IDENTIFIER = re.compile(r"^[A-Z0-9][A-Z0-9./-]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalised(identifier: str) -> str:
    """An identifier as compared: upper case, with no spaces."""
    return re.sub(r"\s+", "", identifier).upper()


def _normalised_column(column: Any) -> ColumnElement[str]:
    """The SQL of :func:`normalised` for ``column`` (upper case, spaces removed), on SQLite and PostgreSQL alike."""
    return func.upper(func.replace(column, " ", ""))


def _in_force(on: dt.date) -> ColumnElement[bool]:
    e = m.ExcludedSupplier
    return and_(e.listed_on <= on, or_(e.ends_on.is_(None), e.ends_on >= on))


def _applies_to(authority_id: Any) -> ColumnElement[bool]:
    """The debarment list, and the excluded-supplier list of ``authority_id`` (a value or a column)."""
    e = m.ExcludedSupplier
    return or_(
        e.list == ExclusionList.DEBARMENT,
        and_(e.list == ExclusionList.EXCLUDED_SUPPLIERS, e.authority_id == authority_id),
    )


def _matching_identifier() -> ColumnElement[bool]:
    e, i = m.ExcludedSupplier, m.ProviderIdentifier
    return and_(i.scheme == e.scheme, _normalised_column(i.identifier) == _normalised_column(e.identifier))


def list_words(entry: m.ExcludedSupplier) -> str:
    """The list ``entry`` is on, in words: "debarment list"."""
    return words(entry.list)


# -- checking a provider ----------------------------------------------------------------------------


async def excluded(
    session: AsyncSession, *, provider_id: int, on: dt.date, authority_id: int | None
) -> m.ExcludedSupplier | None:
    """The entry in force on ``on`` that excludes the provider: on the debarment list, or on the excluded-supplier
    list of the lead authority ``authority_id``, matching any of the provider's identifiers. The debarment list's
    first, then the earliest listed; None when the provider is on neither. One statement."""
    e, i = m.ExcludedSupplier, m.ProviderIdentifier
    statement = (
        select(e)
        .join(i, _matching_identifier())
        .where(i.provider_id == provider_id, _in_force(on), _applies_to(authority_id))
        .order_by((e.list == ExclusionList.DEBARMENT).desc(), e.listed_on, e.id)
        .limit(1)
    )
    return await session.scalar(statement)


async def ensure_not_excluded(
    session: AsyncSession, *, system: m.PurchasingSystem, provider_id: int, today: dt.date, field: str | None
) -> None:
    """Refuse (:class:`SupplierExcluded`) a provider excluded from ``system`` today, where its regime checks
    exclusions; nothing otherwise."""
    if not regimes.policy_of(system).checks_exclusions:
        return
    entry = await excluded(session, provider_id=provider_id, on=today, authority_id=system.lead_authority_id)
    if entry is None:
        return
    provider = await session.get(m.Provider, provider_id)
    who = provider.legal_name if provider is not None else entry.name
    raise SupplierExcluded(
        f"{who} is on the {list_words(entry)}: {entry.reason.rstrip('.')}. An excluded supplier may not apply to, "
        f"be admitted to or be awarded a contract under {system.title} (Procurement Act 2023)",
        field=field,
    )


# -- reading the lists ------------------------------------------------------------------------------


def _reader(actor: Actor) -> ColumnElement[bool]:
    """The entries ``actor`` reads: an auditor every list; the lead authority the debarment list and its own."""
    if actor.has_role(Role.AUDITOR):
        return true()
    if actor.has_role(Role.LEAD_ADMIN) and actor.authority_id is not None:
        return _applies_to(actor.authority_id)
    raise Forbidden("Only the lead authority and auditors read the excluded-supplier lists")


async def excluded_suppliers(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, list: ExclusionList | None = None
) -> Sequence[m.ExcludedSupplier]:
    """The entries of the lists ``actor`` reads (``list`` only, if given): the debarment list first, then by
    authority, name and identifier."""
    e = m.ExcludedSupplier
    statement = select(e).where(_reader(actor))
    if list is not None:
        statement = statement.where(e.list == list)
    statement = statement.order_by(
        (e.list == ExclusionList.DEBARMENT).desc(), e.authority_id, e.name, e.scheme, e.identifier, e.id
    )
    return (await session.scalars(statement)).all()


def in_force(entry: m.ExcludedSupplier, on: dt.date) -> bool:
    """Whether ``entry`` applies on ``on``."""
    return entry.listed_on <= on and (entry.ends_on is None or on <= entry.ends_on)


# -- loading a list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvColumn:
    """A column of the excluded-supplier file."""

    heading: str
    required: bool
    description: str


CSV_COLUMNS: tuple[CsvColumn, ...] = (
    CsvColumn("scheme", True, "The scheme: GB-COH (Companies House), GB-CHC (Charity Commission) or GB-PPON."),
    CsvColumn("identifier", True, "The number in that scheme, e.g. 01234567; compared upper-case with spaces removed."),
    CsvColumn("name", True, f"The supplier's name as listed: 1 to {MAX_NAME} characters."),
    CsvColumn("reason", True, f"Why it is excluded, as the list gives it: 1 to {MAX_REASON:,} characters."),
    CsvColumn("listed_on", True, "The first day the entry applies: 2026-12-03 or 03/12/2026."),
    CsvColumn("ends_on", False, "The last day it applies, on or after listed_on; blank: until removed from the list."),
)
"""The file's columns, one row per supplier. Headings are matched ignoring case, spaces and punctuation."""


def row_problem(row: int, heading: str | None, message: str) -> Problem:
    """A problem of the file, its path naming the row (the header is row 1) and the column."""
    where = f"Row {row}" + (f", {heading}" if heading else "")
    return Problem(f"{where}: {message}", f"input.csv[{row}]" + (f".{heading}" if heading else ""))


def _key(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", value.lower())


_HEADINGS = {_key(c.heading): c.heading for c in CSV_COLUMNS}
_SCHEMES = {_key(s.value): s for s in IdentifierScheme} | {_key(s.name): s for s in IdentifierScheme}


@dataclass(frozen=True)
class NewEntry:
    """One row of the file, checked."""

    row: int
    scheme: IdentifierScheme
    identifier: str
    name: str
    reason: str
    listed_on: dt.date
    ends_on: dt.date | None


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    list: ExclusionList
    entries: int
    """Entries the list now holds: one per row."""
    replaced: int
    """Entries it held before."""
    memberships_removed: int
    """Current lot memberships removed because their provider is now excluded."""


def _header(cells: Sequence[str], problems: list[Problem]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, raw in enumerate(cells):
        if not raw.strip():
            continue
        heading = _HEADINGS.get(_key(raw))
        if heading is None:
            problems.append(
                row_problem(
                    1,
                    raw.strip()[:60],
                    "This column is not one of " + ", ".join(c.heading for c in CSV_COLUMNS),
                )
            )
        elif heading in positions:
            problems.append(row_problem(1, heading, f"The column {heading} appears more than once"))
        else:
            positions[heading] = index
    for column in CSV_COLUMNS:
        if column.required and column.heading not in positions:
            problems.append(row_problem(1, column.heading, f"The column {column.heading} is missing"))
    return positions


def _text(row: int, cell: str, heading: str, label: str, max_length: int, problems: list[Problem]) -> str | None:
    if not cell:
        problems.append(row_problem(row, heading, f"Give the {label}"))
        return None
    if len(cell) > max_length:
        problems.append(row_problem(row, heading, f"The {label} is at most {max_length:,} characters"))
        return None
    if _CONTROL.search(cell):
        problems.append(row_problem(row, heading, f"The {label} contains characters that cannot be shown"))
        return None
    return cell


def _row(row: int, cells: Sequence[str], positions: dict[str, int], problems: list[Problem]) -> NewEntry | None:
    """The entry in one row, if every value is right; every problem kept, each naming the row and column."""
    before = len(problems)

    def cell(heading: str) -> str:
        index = positions.get(heading)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    named = set(positions.values())
    unnamed = [i + 1 for i, c in enumerate(cells) if c.strip() and i not in named]
    if unnamed:
        problems.append(row_problem(row, None, f"This row has a value in column {unnamed[0]}, which has no heading"))
    scheme = None
    raw_scheme = cell("scheme")
    if not raw_scheme:
        problems.append(row_problem(row, "scheme", "Give the scheme: GB-COH, GB-CHC or GB-PPON"))
    elif (scheme := _SCHEMES.get(_key(raw_scheme))) is None:
        problems.append(row_problem(row, "scheme", f"'{raw_scheme[:40]}' is not GB-COH, GB-CHC or GB-PPON"))
    identifier = normalised(cell("identifier"))
    if not identifier:
        problems.append(row_problem(row, "identifier", "Give the supplier's identifier in its scheme"))
    elif len(identifier) > MAX_IDENTIFIER:
        problems.append(row_problem(row, "identifier", f"An identifier is at most {MAX_IDENTIFIER} characters"))
    elif not _IDENTIFIER.match(identifier):
        problems.append(row_problem(row, "identifier", "An identifier is letters and digits, with - . / between them"))
    name = _text(row, cell("name"), "name", "supplier's name", MAX_NAME, problems)
    reason = _text(row, cell("reason"), "reason", "reason it is excluded", MAX_REASON, problems)
    listed_on = _date(row, cell("listed_on"), "listed_on", problems, required=True)
    ends_on = _date(row, cell("ends_on"), "ends_on", problems, required=False)
    if listed_on is not None and ends_on is not None and ends_on < listed_on:
        problems.append(row_problem(row, "ends_on", "The entry ends on or after the day it is listed"))
    if len(problems) > before:
        return None
    assert scheme is not None and name is not None and reason is not None and listed_on is not None
    return NewEntry(row, scheme, identifier, name, reason, listed_on, ends_on)


def _date(row: int, raw: str, heading: str, problems: list[Problem], *, required: bool) -> dt.date | None:
    if not raw:
        if required:
            problems.append(row_problem(row, heading, "Give the date, e.g. 2026-12-03 or 03/12/2026"))
        return None
    from api.domain.placement_import import read_date  # not at the top: it imports calloffs, which imports this

    day = read_date(raw)
    if day is None:
        problems.append(row_problem(row, heading, f"'{raw[:40]}' is not a date: write 2026-12-03 or 03/12/2026"))
    return day


def read_entries(csv_text: str) -> list[NewEntry]:
    """Every entry of the file, checked row by row; a ValidationError with every problem, each naming its row
    (the header is row 1) and column (``input.csv[row].column``), unless all are right."""
    # not at the top: the placements import imports calloffs, which imports this module
    from api.domain.placement_import import read_records

    header, rows = read_records(csv_text)
    problems: list[Problem] = []
    positions = _header(header, problems)
    if problems:  # a wrong header: its rows cannot be read
        raise ValidationError.of(problems)
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError(
            f"A list holds at most {MAX_IMPORT_ROWS:,} suppliers, and each file replaces the whole list",
            field="input.csv",
        )
    entries: list[NewEntry] = []
    seen: dict[tuple[IdentifierScheme, str], int] = {}
    for row, cells in rows:
        if isinstance(cells, csv.Error):
            problems.append(row_problem(row, None, f"This row cannot be read as CSV: {cells}"))
            continue
        entry = _row(row, cells, positions, problems)
        if entry is None:
            continue
        first = seen.setdefault((entry.scheme, entry.identifier), row)
        if first != row:
            problems.append(
                row_problem(row, "identifier", f"This supplier is listed already, in row {first}: one row each")
            )
            continue
        entries.append(entry)
    if problems:
        raise ValidationError.of(problems)
    return entries


def _lead_authority(actor: Actor) -> int:
    if not actor.has_role(Role.LEAD_ADMIN) or actor.authority_id is None:
        raise Forbidden("Only the lead authority's procurement team loads the excluded-supplier lists")
    return actor.authority_id


async def _hold_lists(session: AsyncSession) -> None:
    """One import at a time (PostgreSQL; SQLite writes one transaction at a time anyway)."""
    if session.bind.dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})


async def import_excluded_suppliers(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, list: ExclusionList, csv_text: str
) -> ImportResult:
    """Replace a list with the suppliers in a CSV file (see :data:`CSV_COLUMNS`), all or nothing, then remove
    every current membership of a provider now excluded from a live system that checks exclusions.

    ``EXCLUDED_SUPPLIERS`` is the actor's own authority's list, and affects the systems it leads;
    ``DEBARMENT`` is the national list, which the procurement team of any lead authority may load, and
    affects every system. Every problem with the file is refused at once, each naming its row and column, and
    nothing is written.
    """
    authority_id = _lead_authority(actor)
    entries = read_entries(csv_text)
    owner = None if list is ExclusionList.DEBARMENT else authority_id
    await _hold_lists(session)
    e = m.ExcludedSupplier
    mine = and_(e.list == list, e.authority_id.is_(None) if owner is None else e.authority_id == owner)
    replaced = await session.scalar(select(func.count()).select_from(e).where(mine)) or 0
    await session.execute(delete(e).where(mine))
    session.add_all(
        e(
            list=list,
            authority_id=owner,
            scheme=entry.scheme,
            identifier=entry.identifier,
            name=entry.name,
            reason=entry.reason,
            listed_on=entry.listed_on,
            ends_on=entry.ends_on,
            created_at=now,
        )
        for entry in entries
    )
    await session.flush()
    removed = await remove_excluded_members(
        session, actor=actor, now=now, led_by=None if list is ExclusionList.DEBARMENT else authority_id
    )
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="excluded_suppliers.imported",
        entity_type="Authority",
        entity_id=authority_id,
        diff={
            "list": list.value,
            "before": {"entries": replaced},
            "after": {"entries": len(entries)},
            "membershipsRemoved": removed,
        },
    )
    return ImportResult(list=list, entries=len(entries), replaced=replaced, memberships_removed=removed)


async def remove_excluded_members(session: AsyncSession, *, actor: Actor, now: dt.datetime, led_by: int | None) -> int:
    """Remove every current membership, in a live system that checks exclusions (led by ``led_by``, if given), of
    a provider excluded from it today; each audited and told to the provider. How many were removed."""
    today = now.date()
    s = m.PurchasingSystem
    live = select(s).where(st.system_is(st.SystemStatus.ACTIVE))
    if led_by is not None:
        live = live.where(s.lead_authority_id == led_by)
    checking = [system.id for system in await session.scalars(live) if regimes.policy_of(system).checks_exclusions]
    if not checking:
        return 0
    ms, lot, e, i = m.LotMembership, m.Lot, m.ExcludedSupplier, m.ProviderIdentifier
    rows = await session.execute(
        select(ms, e)
        .join(lot, lot.id == ms.lot_id)
        .join(s, s.id == lot.system_id)
        .join(i, i.provider_id == ms.provider_id)
        .join(e, _matching_identifier())
        .where(
            lot.system_id.in_(checking),
            ms.removed_at.is_(None),
            _in_force(today),
            _applies_to(s.lead_authority_id),
        )
        .order_by(ms.id, (e.list == ExclusionList.DEBARMENT).desc(), e.listed_on, e.id)
    )
    why: dict[int, tuple[m.LotMembership, m.ExcludedSupplier]] = {}
    for membership, entry in rows:
        why.setdefault(membership.id, (membership, entry))
    for membership, entry in why.values():
        await memberships.remove_for_exclusion(
            session,
            actor=actor,
            now=now,
            row=membership,
            reason=f"Excluded: {list_words(entry)}: {entry.reason}",
        )
    return len(why)
