"""Importing an authority's existing placements from a CSV file: streamed, checked row by row, all or nothing.

Authorities hold the placements they made before the purchasing system in
spreadsheets. A commissioner uploads one as CSV (UTF-8, header in row 1);
each row becomes an AWARDED referral recording the child's pseudonymous
profile, the placed provider's invitation (so it sees the child's profile
as on any placement it holds) and an Individual Placement Agreement of the
commissioner's authority, numbered like every call-off and linked to the
provider's membership of the lot.

- The file is read as it arrives: decoded incrementally, cut into records at
  line ends outside quotes, checked and written in batches inside one
  transaction. Memory does not grow with the file.
- Rows are numbered as a spreadsheet shows them: the header is row 1, the
  first placement row 2; blank rows count but are skipped.
- Every problem is reported with its row and column. Any problem, or a dry
  run, means nothing is kept: the caller rolls the transaction back.
- Establishments, lot memberships and the children's open placements are
  looked up once per batch, not once per row.
- One audit event records the import: counts and references, never rows.

While an import is writing it holds the call-off numbering (see
:func:`api.domain.calloffs.next_reference`), so awards wait until it ends.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
from collections.abc import AsyncIterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor
from api.domain import audit, funding
from api.domain import status as st
from api.domain.calloffs import REFERENCE_PREFIX, next_reference
from api.domain.children import COARSE_DECIMALS
from api.domain.errors import ValidationError
from api.domain.fees import INPUT_NAMES, MAX_WEEKLY_FEE_PENCE, WeeklyFees, check_weekly_fees
from api.domain.offers import commissioner_of
from api.domain.referrals import DEFAULT_WEIGHTS, MAX_SECONDARY_NEEDS
from api.domain.review_clock import Clocks, first_due
from db import models as m
from db.enums import CallOffType, CostElement, Gender, NeedCode, PlacementType, ReferralMode
from db.fees import FEE_ELEMENTS
from db.models.funding import share_column_name

# -- the file's columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of the placements file."""

    name: str
    required: bool
    description: str


FEE_COLUMNS: dict[CostElement, str] = {
    CostElement.EDUCATION: "education",
    CostElement.CARE: "care",
    CostElement.HEALTH: "health",
    CostElement.THERAPIES: "therapies",
    CostElement.ADDITIONAL_STAFFING: "additional_staffing",
}

COLUMNS: tuple[Column, ...] = (
    Column(
        "child_reference",
        True,
        "Your authority's own reference for the child, e.g. CE-2024-0147: letters, digits and - / _ . "
        "with at least one digit, up to 40 characters. Never a name. One row per child.",
    ),
    Column("age_at_start", True, "The child's age in whole years when the placement started, within the lot's band."),
    Column("gender", True, "MALE, FEMALE or OTHER."),
    Column(
        "primary_need",
        True,
        "The SEN2 primary need code: SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH, NSA.",
    ),
    Column("secondary_needs", False, "Up to two further need codes, separated by ; or spaces; blank for none."),
    Column("home_postcode_district", True, "The outward code of the home postcode only, e.g. CW1 or M14."),
    Column(
        "home_latitude",
        False,
        "The home location's latitude. Blank: the centre of the district, where the system knows it.",
    ),
    Column("home_longitude", False, "The home location's longitude; given together with home_latitude."),
    Column("establishment_urn", True, "The six-digit DfE URN of the school or college."),
    Column("lot_code", True, "The code of the lot the placement was made under, e.g. L1."),
    Column("start_date", True, "The first day of the placement: 2024-09-02 or 02/09/2024."),
    Column("end_date", False, "The last day of the placement, if agreed; blank for open-ended."),
    Column("weeks_per_year", False, "Weeks a year the placement is paid for, 1 to 52. Blank: the lot's."),
    Column("education", True, "Weekly education fee in pounds, e.g. 1234.50; every placement prices education."),
    Column("care", False, "Weekly residential care fee in pounds; residential lots only. Blank: none."),
    Column("health", False, "Weekly health provision fee in pounds. Blank: none."),
    Column(
        "therapies", False, "Weekly therapies fee in pounds (speech and language, occupational, physio, psychology)."
    ),
    Column("additional_staffing", False, "Weekly additional 1:1 or 2:1 staffing fee in pounds. Blank: none."),
)
"""Every column, in the order a template lists them. Names are matched ignoring case, spaces and hyphens."""

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
REQUIRED: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)

NEEDS_SUMMARY = "Imported from the authority's placement records; no summary of needs was recorded."
AWARD_REASON = "Imported from the authority's placement records (row {row} of the file)."
_AWARD_ROW = re.compile(r"\(row (\d+) of the file\)")

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
_URN = re.compile(r"^[0-9]{6}$")
_WHOLE = re.compile(r"^[0-9]+(\.0+)?$")
_MONEY = re.compile(r"^([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]{1,2})?$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_UK = {"latitude": (49.8, 60.9), "longitude": (-8.7, 1.8)}
EARLIEST_START = dt.date(2000, 1, 1)


# -- limits and the report -----------------------------------------------------------------------


@dataclass(frozen=True)
class ImportLimits:
    """How much one import takes, and how it is cut into batches."""

    max_rows: int = 200_000
    max_bytes: int = 64 * 1024 * 1024
    max_row_chars: int = 100_000
    batch_size: int = 500
    max_reported_errors: int = 1_000


@dataclass(frozen=True)
class RowError:
    """One problem: the spreadsheet row (the header is row 1), the column, and what is wrong."""

    row: int | None
    column: str | None
    message: str

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportReport:
    """What an import found and did."""

    dry_run: bool
    rows: int = 0
    valid: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    written: bool = False
    too_large: bool = False
    first_reference: str | None = None
    last_reference: str | None = None
    max_reported_errors: int = ImportLimits.max_reported_errors

    def add(self, error: RowError) -> None:
        """Count a problem; the first ``max_reported_errors`` are listed."""
        self.error_count += 1
        if len(self.errors) < self.max_reported_errors:
            self.errors.append(error)

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "valid": self.valid,
            "errors": [e.as_json() for e in self.errors],
            "errorCount": self.error_count,
            "written": self.written,
            "dryRun": self.dry_run,
            "callOffs": (
                {"count": self.valid, "firstReference": self.first_reference, "lastReference": self.last_reference}
                if self.written
                else None
            ),
        }


class FileRefused(Exception):
    """A problem that stops reading the file."""

    def __init__(self, error: RowError, *, too_large: bool = False) -> None:
        super().__init__(error.message)
        self.error = error
        self.too_large = too_large


# -- reading the stream ---------------------------------------------------------------------------


class RecordReader:
    """CSV records from a byte stream fed piece by piece.

    Text is decoded incrementally (UTF-8, with or without a byte-order mark)
    and cut into lines; lines are joined into one record while a quoted value
    is open (an odd number of quote characters so far). Each complete record
    is parsed with the ``csv`` module. Only the unfinished record is held.
    """

    def __init__(self, limits: ImportLimits) -> None:
        self.limits = limits
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.size = 0
        self.row = 0
        self.tail = ""
        self.pending: list[str] = []
        self.pending_chars = 0
        self.quotes = 0

    def feed(self, data: bytes, *, final: bool = False) -> Iterator[tuple[int, list[str] | csv.Error]]:
        """The records completed by ``data``, each with its spreadsheet row (or the CSV error in it)."""
        self.size += len(data)
        if self.size > self.limits.max_bytes:
            raise FileRefused(
                RowError(None, None, f"The file is larger than the {self.limits.max_bytes:,} bytes allowed: split it"),
                too_large=True,
            )
        try:
            text = self.tail + self.decoder.decode(data, final)
        except UnicodeDecodeError:
            raise FileRefused(
                RowError(self.row + 1, None, "The file is not UTF-8 text: save it as 'CSV UTF-8 (comma delimited)'")
            ) from None
        if final and text and not text.endswith("\n"):
            text += "\n"
        lines = text.split("\n")
        self.tail = lines.pop()
        if self.pending_chars + len(self.tail) > self.limits.max_row_chars:
            raise self._too_long()
        for line in lines:
            record = self._line(line + "\n")
            if record is not None:
                self.row += 1
                yield self.row, _parsed(record)
        if final and self.pending:
            raise FileRefused(
                RowError(self.row + 1, None, "A quoted value is never closed: check the quote marks in this row")
            )

    def _line(self, line: str) -> str | None:
        self.pending.append(line)
        self.pending_chars += len(line)
        self.quotes += line.count('"')
        if self.pending_chars > self.limits.max_row_chars:
            raise self._too_long()
        if self.quotes % 2:
            return None
        record = "".join(self.pending)
        self.pending.clear()
        self.pending_chars = self.quotes = 0
        return record

    def _too_long(self) -> FileRefused:
        return FileRefused(
            RowError(
                self.row + 1,
                None,
                f"This row is longer than {self.limits.max_row_chars:,} characters, or a quoted value is never closed",
            )
        )


Record = tuple[int, "list[str] | csv.Error"]
"""A record of a CSV file: its row number (the header is row 1) and its cells, or why it cannot be read."""


def read_records(text: str, *, max_bytes: int = 16 * 1024 * 1024) -> tuple[list[str], list[Record]]:
    """A whole CSV file given as text: its header's cells and its records after it, blank ones left out.

    A file that is too big, empty, or whose header cannot be read is refused with a ValidationError naming
    ``input.csv``.
    """
    records: list[Record] = []
    try:
        for row, cells in RecordReader(ImportLimits(max_bytes=max_bytes)).feed(text.encode(), final=True):
            if row == 1 or isinstance(cells, csv.Error) or any(c.strip() for c in cells):
                records.append((row, cells))  # blank rows count, but are skipped
    except FileRefused as refused:
        raise ValidationError(refused.error.message, field="input.csv") from None
    if not records or records[0][0] != 1:
        raise ValidationError("The file is empty: row 1 must name the columns", field="input.csv")
    header = records[0][1]
    if isinstance(header, csv.Error):
        raise ValidationError(f"Row 1 cannot be read as CSV: {header}", field="input.csv[1]")
    return header, records[1:]


def _parsed(record: str) -> list[str] | csv.Error:
    try:
        return next(csv.reader([record]), [])
    except csv.Error as exc:
        return exc


def _column_key(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def read_header(cells: Sequence[str]) -> tuple[dict[str, int], list[RowError]]:
    """Each known column's position, and a clear error per unknown, repeated or missing column."""
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for index, raw in enumerate(cells):
        key = _column_key(raw)
        if not key:
            continue
        if key not in COLUMN_NAMES:
            errors.append(
                RowError(1, raw.strip(), f"Unknown column '{raw.strip()}': the columns are {', '.join(COLUMN_NAMES)}")
            )
        elif key in positions:
            errors.append(RowError(1, key, f"The column {key} appears more than once"))
        else:
            positions[key] = index
    for name in REQUIRED:
        if name not in positions:
            errors.append(RowError(1, name, f"The column {name} is missing: every file needs it"))
    if ("home_latitude" in positions) != ("home_longitude" in positions):
        missing = "home_longitude" if "home_latitude" in positions else "home_latitude"
        errors.append(RowError(1, missing, "Give home_latitude and home_longitude together, or neither"))
    return positions, errors


# -- checking a row -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lot:
    id: int
    code: str
    placement_type: PlacementType
    weeks_per_year: int
    age_min: int
    age_max: int


@dataclass
class _Placement:
    """A row that passed the checks that need no database."""

    row: int
    child_reference: str
    age: int
    gender: Gender
    primary_need: NeedCode
    secondary_needs: list[NeedCode]
    district: str
    latitude: float | None
    longitude: float | None
    urn: str
    lot: _Lot
    start: dt.date
    end: dt.date | None
    weeks_per_year: int
    fees: WeeklyFees
    establishment_id: int = 0
    provider_id: int = 0
    membership_id: int = 0


class _RowCheck:
    """Reads one row's cells by column name and collects its problems."""

    def __init__(self, row: int, cells: Sequence[str], positions: dict[str, int], report: ImportReport) -> None:
        self.row = row
        self.cells = cells
        self.positions = positions
        self.report = report
        self.ok = True

    def cell(self, name: str) -> str:
        index = self.positions.get(name)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def fail(self, column: str | None, message: str) -> None:
        self.ok = False
        self.report.add(RowError(self.row, column, message))

    def required(self, name: str, what: str) -> str | None:
        value = self.cell(name)
        if not value:
            self.fail(name, f"Give {what}")
            return None
        return value


def _whole(value: str) -> int | None:
    return int(Decimal(value)) if _WHOLE.match(value) else None


def _pence(value: str) -> int | None:
    """Pounds such as ``1234.5``, ``£1,234.50`` or ``1234`` as pence; None if malformed."""
    text = value.replace("£", "").replace(" ", "")
    if not _MONEY.match(text):
        return None
    return int(Decimal(text.replace(",", "")) * 100)


def read_date(value: str) -> dt.date | None:
    """``2024-09-02`` or the UK ``02/09/2024``; None if neither."""
    try:
        if found := _UK_DATE.match(value):
            day, month, year = (int(g) for g in found.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _need(value: str) -> NeedCode | None:
    try:
        return NeedCode(value.upper())
    except ValueError:
        return None


NEED_CODES = ", ".join(n.value for n in NeedCode)


def check_row(
    row: int,
    cells: Sequence[str],
    *,
    positions: dict[str, int],
    lots: dict[str, _Lot],
    report: ImportReport,
    today: dt.date,
) -> _Placement | None:
    """The placement in one row if every value that needs no database is right; its problems reported."""
    check = _RowCheck(row, cells, positions, report)
    named = set(positions.values())
    unnamed = [i + 1 for i, c in enumerate(cells) if c.strip() and i not in named]
    if unnamed:
        check.fail(None, f"This row has a value in column {unnamed[0]}, which has no name in the header")

    reference = check.required("child_reference", "your authority's reference for the child")
    if reference is not None and (not _REFERENCE.match(reference) or not any(c.isdigit() for c in reference)):
        check.fail(
            "child_reference",
            "Give your authority's own reference for the child, e.g. CE-2024-0147: letters, digits and - / _ . "
            "with at least one digit, up to 40 characters. Never the child's name.",
        )

    lot: _Lot | None = None
    if code := check.required("lot_code", "the code of the lot, e.g. L1"):
        lot = lots.get(code.upper())
        if lot is None:
            known = ", ".join(sorted(lots)) or "none"
            check.fail("lot_code", f"No lot {code} in a purchasing system your authority buys through (lots: {known})")

    age: int | None = None
    if raw := check.required("age_at_start", "the child's age at the start"):
        age = _whole(raw)
        if age is None or not 0 <= age <= 25:
            check.fail("age_at_start", f"'{raw}' is not an age: give whole years from 0 to 25")
            age = None
        elif lot is not None and not lot.age_min <= age <= lot.age_max:
            check.fail(
                "age_at_start", f"Lot {lot.code} serves ages {lot.age_min} to {lot.age_max}; this child was {age}"
            )

    gender: Gender | None = None
    if raw := check.required("gender", "the child's gender: MALE, FEMALE or OTHER"):
        try:
            gender = Gender(raw.upper())
        except ValueError:
            check.fail("gender", f"'{raw}' is not a gender here: give MALE, FEMALE or OTHER")

    primary: NeedCode | None = None
    if raw := check.required("primary_need", "the primary need code"):
        primary = _need(raw)
        if primary is None:
            check.fail("primary_need", f"'{raw}' is not a need code: use one of {NEED_CODES}")

    secondary: list[NeedCode] = []
    for raw in re.split(r"[;,|/\s]+", check.cell("secondary_needs")):
        if not raw:
            continue
        need = _need(raw)
        if need is None:
            check.fail("secondary_needs", f"'{raw}' is not a need code: use one of {NEED_CODES}")
        elif need == primary or need in secondary:
            check.fail("secondary_needs", f"{need.value} is named twice: each need is named once")
        else:
            secondary.append(need)
    if len(secondary) > MAX_SECONDARY_NEEDS:
        check.fail("secondary_needs", f"Name at most {MAX_SECONDARY_NEEDS} secondary needs")

    district = ""
    if raw := check.required("home_postcode_district", "the home postcode district, e.g. CW1"):
        district = re.sub(r"\s+", "", raw).upper()
        if not _DISTRICT.match(district):
            check.fail("home_postcode_district", "Give the outward code of the home postcode only, e.g. CW1 or M14")
    home = _home(check)

    urn = check.required("establishment_urn", "the establishment's six-digit URN")
    if urn is not None and not _URN.match(urn):
        check.fail("establishment_urn", f"'{urn}' is not a URN: a URN has six digits")

    start = _dates(check, today)
    end = start[1] if start else None
    weeks = _weeks(check, lot)
    fees = _fees(check, lot)

    if not check.ok:
        return None
    assert reference and lot and age is not None and gender and primary and urn and start and weeks and fees
    return _Placement(
        row=row,
        child_reference=reference,
        age=age,
        gender=gender,
        primary_need=primary,
        secondary_needs=secondary,
        district=district,
        latitude=home[0] if home else None,
        longitude=home[1] if home else None,
        urn=urn,
        lot=lot,
        start=start[0],
        end=end,
        weeks_per_year=weeks,
        fees=fees,
    )


def _home(check: _RowCheck) -> tuple[float, float] | None:
    raw_lat, raw_lon = check.cell("home_latitude"), check.cell("home_longitude")
    if not raw_lat and not raw_lon:
        return None
    values: dict[str, float] = {}
    for name, raw in (("latitude", raw_lat), ("longitude", raw_lon)):
        low, high = _UK[name]
        try:
            value = float(raw)
        except ValueError:
            check.fail(f"home_{name}", f"Give the home {name} in decimal degrees, from {low} to {high}")
            continue
        if not low <= value <= high:
            check.fail(f"home_{name}", f"The home {name} must be in the United Kingdom ({low} to {high})")
            continue
        values[name] = value
    return (values["latitude"], values["longitude"]) if len(values) == 2 else None


def _dates(check: _RowCheck, today: dt.date) -> tuple[dt.date, dt.date | None] | None:
    start: dt.date | None = None
    if raw := check.required("start_date", "the placement's start date, e.g. 2024-09-02"):
        start = read_date(raw)
        latest = today + dt.timedelta(days=366)
        if start is None:
            check.fail("start_date", f"'{raw}' is not a date: write 2024-09-02 or 02/09/2024")
        elif not EARLIEST_START <= start <= latest:
            check.fail(
                "start_date",
                f"An existing placement starts between {EARLIEST_START.isoformat()} and {latest.isoformat()}",
            )
            start = None
    end: dt.date | None = None
    if raw := check.cell("end_date"):
        end = read_date(raw)
        if end is None:
            check.fail("end_date", f"'{raw}' is not a date: write 2025-07-31 or 31/07/2025")
        elif start is not None and end < start:
            check.fail("end_date", f"The end date {end.isoformat()} is before the start date {start.isoformat()}")
    return (start, end) if start is not None else None


def _weeks(check: _RowCheck, lot: _Lot | None) -> int | None:
    raw = check.cell("weeks_per_year")
    if not raw:
        return lot.weeks_per_year if lot else None
    weeks = _whole(raw)
    if weeks is None or not 1 <= weeks <= 52:
        check.fail("weeks_per_year", f"'{raw}' is not a number of weeks a year: give a whole number from 1 to 52")
        return None
    return weeks


def _fees(check: _RowCheck, lot: _Lot | None) -> WeeklyFees | None:
    by_element: dict[CostElement, int] = {}
    well_formed = True
    ceiling = f"£{MAX_WEEKLY_FEE_PENCE // 100:,}"
    for element, name in FEE_COLUMNS.items():
        raw = check.cell(name)
        if not raw:
            by_element[element] = 0
            continue
        if raw.lstrip("£ ").startswith("-") or (raw.startswith("(") and raw.endswith(")")):
            check.fail(name, f"A weekly fee cannot be negative: '{raw}'")
            well_formed = False
            continue
        pence = _pence(raw)
        if pence is None:
            check.fail(name, f"'{raw}' is not an amount of money: write pounds, e.g. 1234.50")
            well_formed = False
        elif pence > MAX_WEEKLY_FEE_PENCE:
            check.fail(name, f"A weekly fee is at most {ceiling}")
            well_formed = False
        else:
            by_element[element] = pence
    if not well_formed:
        return None
    fees = WeeklyFees(by_element)
    if lot is not None:
        for path, message in check_weekly_fees(fees, lot.placement_type, field="fees"):
            column = _FEE_PATHS.get(path)
            if column == "care" and lot.placement_type is not PlacementType.RESIDENTIAL:
                message = f"Lot {lot.code} is a day lot, with no residential care: leave care blank or 0"
            elif column == "education" and not fees.by_element[CostElement.EDUCATION]:
                message = "Give the weekly education fee: every placement prices education"
            check.fail(column, message)
    return fees


_FEE_PATHS = {f"fees.{INPUT_NAMES[e]}": FEE_COLUMNS[e] for e in FEE_ELEMENTS}


# -- the import -----------------------------------------------------------------------------------


def _many(model: type) -> Any:
    """A Core INSERT of many rows of ``model``'s table.

    Asking for a column back lets SQLAlchemy send the rows as multi-row
    INSERT statements ("insertmanyvalues") on both databases, rather than
    one statement per row; the values returned are not needed.
    """
    table = model.__table__  # type: ignore[attr-defined]
    return insert(table).returning(*table.primary_key.columns)


@dataclass
class _Importer:
    session: AsyncSession
    actor: Actor
    now: dt.datetime
    authority_id: int
    report: ImportReport
    limits: ImportLimits
    lots: dict[str, _Lot] = field(default_factory=dict)
    centres: dict[str, tuple[float, float]] = field(default_factory=dict)
    positions: dict[str, int] | None = None
    """Each column's place in a row, once the header is read."""
    next_number: int | None = None
    first_call_off_id: int | None = None
    """Call-offs numbered from this id on were written by this import (the numbering is held)."""
    clocks: Clocks | None = None
    """The importing authority's annual review clocks, once read."""

    async def load_reference_data(self) -> None:
        """The lots the authority buys through, and the district centres the system knows."""
        lots = await self.session.execute(
            select(m.Lot, m.PurchasingSystem.activated_at, m.PurchasingSystem.closed_at)
            .join(m.SystemMember, m.SystemMember.system_id == m.Lot.system_id)
            .join(m.PurchasingSystem, m.PurchasingSystem.id == m.Lot.system_id)
            .where(m.SystemMember.authority_id == self.authority_id)
            .order_by(m.PurchasingSystem.id.desc())
        )
        # A live system's lot first, where two systems share a lot code.
        for lot, *_ in sorted(lots, key=lambda r: r[1] is None or r[2] is not None):
            self.lots.setdefault(
                lot.code.upper(),
                _Lot(lot.id, lot.code, lot.placement_type, lot.weeks_per_year, lot.age_min, lot.age_max),
            )
        await self._load_centres()

    async def _load_centres(self) -> None:
        """Each postcode district's centre: the mean of the authority's recorded homes and the establishments there.

        Rounded to two decimals (about a kilometre), so no child's home is copied.
        """
        sums: dict[str, list[float]] = {}
        homes = await self.session.execute(
            select(
                m.Referral.home_postcode_district,
                func.avg(m.Referral.home_latitude),
                func.avg(m.Referral.home_longitude),
                func.count(),
            )
            .where(m.Referral.authority_id == self.authority_id)
            .group_by(m.Referral.home_postcode_district)
        )
        for district, lat, lon, count in homes:
            sums[district] = [float(lat) * count, float(lon) * count, count]
        places = await self.session.execute(
            select(m.Establishment.postcode, m.Establishment.latitude, m.Establishment.longitude)
        )
        for postcode, lat, lon in places:
            district = postcode.split()[0].upper() if postcode.strip() else ""
            entry = sums.setdefault(district, [0.0, 0.0, 0])
            entry[0] += lat
            entry[1] += lon
            entry[2] += 1
        self.centres = {
            d: (round(s[0] / s[2], COARSE_DECIMALS), round(s[1] / s[2], COARSE_DECIMALS))
            for d, s in sums.items()
            if s[2]
        }

    async def run(self, chunks: AsyncIterable[bytes]) -> None:
        """Read, check and write the file, batch by batch."""
        reader = RecordReader(self.limits)
        batch: list[tuple[int, list[str]]] = []
        async for data in chunks:
            for row, cells in reader.feed(data):
                self._take(row, cells, batch)
                if len(batch) >= self.limits.batch_size:
                    await self._batch(batch)
                    batch.clear()
        for row, cells in reader.feed(b"", final=True):
            self._take(row, cells, batch)
        if batch:
            await self._batch(batch)
        if self.positions is None:
            raise FileRefused(RowError(1, None, "The file is empty: row 1 must name the columns"))
        if self.report.rows == 0:
            self.report.add(RowError(2, None, "The file has no placements: add one row per placement below the header"))

    def _take(self, row: int, cells: list[str] | csv.Error, batch: list[tuple[int, list[str]]]) -> None:
        """Read the header, or queue a placement row; blank rows are skipped."""
        if self.positions is None:
            if isinstance(cells, csv.Error):
                raise FileRefused(RowError(row, None, f"Row 1 cannot be read as CSV: {cells}"))
            positions, errors = read_header(cells)
            if errors:
                for error in errors:
                    self.report.add(error)
                raise FileRefused(errors[0])
            self.positions = positions
            return
        if not isinstance(cells, csv.Error) and not any(c.strip() for c in cells):
            return
        self.report.rows += 1
        if self.report.rows > self.limits.max_rows:
            self.report.rows -= 1
            raise FileRefused(
                RowError(row, None, f"A file holds at most {self.limits.max_rows:,} placements: split it"),
                too_large=True,
            )
        if isinstance(cells, csv.Error):
            self.report.add(RowError(row, None, f"This row cannot be read as CSV: {cells}"))
        else:
            batch.append((row, cells))

    async def _batch(self, rows: Sequence[tuple[int, list[str]]]) -> None:
        """Check a batch of rows against the database and write the good ones."""
        today = self.now.date()
        positions = self.positions or {}
        checked = [
            check_row(row, cells, positions=positions, lots=self.lots, report=self.report, today=today)
            for row, cells in rows
        ]
        placements = [p for p in checked if p is not None]
        placements = await self._placed(placements)
        placements = self._homed(placements)
        placements = await self._not_duplicated(placements)
        self.report.valid += len(placements)
        if placements:
            await self._write(placements)

    async def _placed(self, placements: list[_Placement]) -> list[_Placement]:
        """Rows whose establishment exists and is provided on the lot by a member; the others reported."""
        if not placements:
            return []
        urns = {p.urn for p in placements}
        establishments = {
            row.urn: row
            for row in await self.session.execute(
                select(
                    m.Establishment.id, m.Establishment.urn, m.Establishment.name, m.Establishment.provider_id
                ).where(m.Establishment.urn.in_(urns))
            )
        }
        ids = {e.id for e in establishments.values()}
        lot_ids = {p.lot.id for p in placements}
        memberships: dict[tuple[int, int], Any] = {}
        found = await self.session.execute(
            select(
                m.MembershipEstablishment.establishment_id,
                m.LotMembership.id,
                m.LotMembership.lot_id,
                m.LotMembership.removed_at,
                m.LotMembership.since,
            )
            .join(m.LotMembership, m.LotMembership.id == m.MembershipEstablishment.membership_id)
            .join(m.Establishment, m.Establishment.id == m.MembershipEstablishment.establishment_id)
            .where(
                m.MembershipEstablishment.establishment_id.in_(ids),
                m.LotMembership.lot_id.in_(lot_ids),
                m.LotMembership.provider_id == m.Establishment.provider_id,
            )
        )
        for row in found:
            key = (row.establishment_id, row.lot_id)
            rank = (row.removed_at is None, row.since)
            if key not in memberships or rank > memberships[key][0]:
                memberships[key] = (rank, row.id)
        kept = []
        for p in placements:
            establishment = establishments.get(p.urn)
            if establishment is None:
                self.report.add(RowError(p.row, "establishment_urn", f"No establishment with URN {p.urn} is known"))
                continue
            membership = memberships.get((establishment.id, p.lot.id))
            if membership is None:
                self.report.add(
                    RowError(
                        p.row,
                        "establishment_urn",
                        f"{establishment.name} (URN {p.urn}) is not an establishment of a member of lot {p.lot.code}",
                    )
                )
                continue
            p.establishment_id, p.provider_id, p.membership_id = (
                establishment.id,
                establishment.provider_id,
                membership[1],
            )
            kept.append(p)
        return kept

    def _homed(self, placements: list[_Placement]) -> list[_Placement]:
        """Rows with a home location: given, or the district's centre; the others reported."""
        kept = []
        for p in placements:
            if p.latitude is None or p.longitude is None:
                centre = self.centres.get(p.district)
                if centre is None:
                    self.report.add(
                        RowError(
                            p.row,
                            "home_postcode_district",
                            f"The system does not know where {p.district} is: give home_latitude and home_longitude",
                        )
                    )
                    continue
                p.latitude, p.longitude = centre
            kept.append(p)
        return kept

    async def _not_duplicated(self, placements: list[_Placement]) -> list[_Placement]:
        """Rows whose child is not on an earlier row nor already in an open placement of the authority."""
        if not placements:
            return []
        references = {p.child_reference for p in placements}
        placed: dict[str, str] = {}
        found = await self.session.execute(
            select(
                m.Referral.child_reference,
                m.CallOff.id,
                m.CallOff.reference,
                m.CallOff.start_date,
                m.CallOff.end_date,
                m.CallOff.terminated_at,
                m.CallOff.award_reason,
            )
            .join(m.CallOff, m.CallOff.referral_id == m.Referral.id)
            .where(m.Referral.authority_id == self.authority_id, m.Referral.child_reference.in_(references))
        )
        today = self.now.date()
        for row in found:
            if self.first_call_off_id is not None and row.id >= self.first_call_off_id:
                earlier = _AWARD_ROW.search(row.award_reason or "")
                placed[row.child_reference] = (
                    f"This child is already on row {earlier.group(1)} of this file: one row per child"
                    if earlier
                    else "This child is already on an earlier row of this file: one row per child"
                )
            elif st.call_off_status(row, today) in (st.CallOffStatus.PENDING, st.CallOffStatus.ACTIVE):
                placed.setdefault(row.child_reference, f"This child already has an open placement, {row.reference}")
        kept: list[_Placement] = []
        seen: dict[str, int] = {}
        for p in placements:
            if p.child_reference in placed:
                self.report.add(RowError(p.row, "child_reference", placed[p.child_reference]))
            elif p.child_reference in seen:
                self.report.add(
                    RowError(
                        p.row,
                        "child_reference",
                        f"This child is already on row {seen[p.child_reference]} of this file: one row per child",
                    )
                )
            else:
                seen[p.child_reference] = p.row
                kept.append(p)
        return kept

    async def _write(self, placements: list[_Placement]) -> None:
        """Insert the batch's referrals, invitations and call-offs: a few statements, whatever the batch size."""
        if self.next_number is None:
            first = await next_reference(self.session)  # holds the numbering until the transaction ends
            self.next_number = int(first.removeprefix(REFERENCE_PREFIX))
            self.first_call_off_id = int(await self.session.scalar(select(func.max(m.CallOff.id))) or 0) + 1
            self.report.first_reference = first
        awarded = [min(self.now, dt.datetime.combine(p.start, dt.time(), dt.UTC)) for p in placements]
        referral_ids = await self._insert_referrals(placements, awarded)
        await self.session.execute(
            _many(m.ReferralInvitation),
            [
                {"referral_id": rid, "provider_id": p.provider_id, "invited_at": at}
                for p, rid, at in zip(placements, referral_ids, awarded)
            ],
        )
        rows = []
        for p, rid, at in zip(placements, referral_ids, awarded):
            reference = f"{REFERENCE_PREFIX}{self.next_number:06d}"
            self.next_number += 1
            rows.append(self._call_off(p, rid, at, reference))
        await self.session.execute(_many(m.CallOff), rows)
        self.report.last_reference = rows[-1]["reference"]
        ids = await self._fund(placements, [r["reference"] for r in rows], awarded)
        await self._open_reviews(placements, ids)

    async def _open_reviews(self, placements: list[_Placement], ids: list[int]) -> None:
        """Each imported placement still running gets its first annual review, due a year after its start
        (:func:`api.domain.review_clock.first_due`; recording the plan's date moves it). One statement a batch."""
        today = self.now.date()
        if self.clocks is None:
            authority = await self.session.get(m.Authority, self.authority_id)
            assert authority is not None
            self.clocks = Clocks.of(authority)
        reviews = [
            {"call_off_id": call_off_id, "sequence": 1, "due_on": first_due(None, p.start, self.clocks)}
            for p, call_off_id in zip(placements, ids, strict=True)
            if p.end is None or p.end >= today
        ]
        if reviews:
            await self.session.execute(_many(m.AnnualReview), reviews)

    async def _fund(self, placements: list[_Placement], references: list[str], awarded: list[dt.datetime]) -> list[int]:
        """Each imported placement's funding split, from its start: the default split of the importing
        authority (:func:`api.domain.funding.default_split`), agreed by the importer. Three statements a batch.
        The call-offs' ids, in the batch's order."""
        c = m.CallOff
        found = await self.session.execute(select(c.reference, c.id).where(c.reference.in_(references)))
        call_off_ids = {reference: id_ for reference, id_ in found}
        ids = [call_off_ids[reference] for reference in references]
        await self.session.execute(
            _many(m.FundingSplit),
            [
                {
                    "call_off_id": call_off_id,
                    "effective_from": p.start,
                    "proposed_at": at,
                    "proposed_by": self.actor.reference,
                }
                for p, call_off_id, at in zip(placements, ids, awarded)
            ],
        )
        s = m.FundingSplit
        split_ids = dict((await self.session.execute(select(s.call_off_id, s.id).where(s.call_off_id.in_(ids)))).all())
        contributions = []
        for p, call_off_id, at in zip(placements, ids, awarded):
            split = funding.default_split(self.authority_id, p.fees)
            amounts_of = funding.divide(p.fees, [x.shares for x in split])
            for position, (c_, amounts) in enumerate(zip(split, amounts_of, strict=True)):
                contributions.append(
                    {
                        "split_id": split_ids[call_off_id],
                        "position": position,
                        "stream": c_.funder.stream,
                        "authority_id": c_.funder.authority_id,
                        "integrated_care_board_id": None,
                        "agreed_at": at,
                        "agreed_by": self.actor.reference,
                        **{share_column_name(e): c_.shares.get(e, 0) for e in FEE_ELEMENTS},
                        **amounts.columns(),
                    }
                )
        await self.session.execute(_many(m.FundingContribution), contributions)
        return ids

    async def _insert_referrals(self, placements: list[_Placement], awarded: list[dt.datetime]) -> list[int]:
        """Insert the batch's referrals in one statement and read back their ids, in the batch's order.

        The new rows are the authority's awarded referrals above the highest
        id before the insert: awards wait for the numbering this import holds,
        so no one else's can appear among them.
        """
        before = int(await self.session.scalar(select(func.max(m.Referral.id))) or 0)
        await self.session.execute(_many(m.Referral), [self._referral(p, at) for p, at in zip(placements, awarded)])
        found = await self.session.execute(
            select(m.Referral.child_reference, m.Referral.id).where(
                m.Referral.id > before,
                m.Referral.authority_id == self.authority_id,
                m.Referral.awarded_at.is_not(None),
                m.Referral.child_reference.in_({p.child_reference for p in placements}),
            )
        )
        ids = {reference: id_ for reference, id_ in found}
        return [ids[p.child_reference] for p in placements]

    def _referral(self, p: _Placement, awarded_at: dt.datetime) -> dict[str, Any]:
        return {
            "authority_id": self.authority_id,
            "lot_id": p.lot.id,
            "child_reference": p.child_reference,
            "age_at_start": p.age,
            "nc_year_at_start": None,
            "gender": p.gender,
            "primary_need": p.primary_need,
            "secondary_need_1": p.secondary_needs[0] if p.secondary_needs else None,
            "secondary_need_2": p.secondary_needs[1] if len(p.secondary_needs) > 1 else None,
            "home_postcode_district": p.district,
            "home_latitude": p.latitude,
            "home_longitude": p.longitude,
            "needs_summary": NEEDS_SUMMARY,
            "start_by": p.start,
            "offer_deadline": awarded_at,
            "mode": ReferralMode.DIRECT_AWARD,
            "quality_questions": [],
            "quality_weight": DEFAULT_WEIGHTS[0],
            "price_weight": DEFAULT_WEIGHTS[1],
            "opened_at": awarded_at,
            "awarded_at": awarded_at,
        }

    def _call_off(self, p: _Placement, referral_id: int, awarded_at: dt.datetime, reference: str) -> dict[str, Any]:
        return {
            "reference": reference,
            "type": CallOffType.INDIVIDUAL_PLACEMENT,
            "authority_id": self.authority_id,
            "provider_id": p.provider_id,
            "establishment_id": p.establishment_id,
            "lot_id": p.lot.id,
            "referral_id": referral_id,
            "offer_id": None,
            "places": 1,
            "weeks_per_year": p.weeks_per_year,
            "start_date": p.start,
            "end_date": p.end,
            "awarded_at": awarded_at,
            "entered_into_at": awarded_at,
            "awarded_by": self.actor.reference,
            "award_reason": AWARD_REASON.format(row=p.row),
            "membership_id": p.membership_id,
            **p.fees.columns(),
        }


async def import_placements(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    chunks: AsyncIterable[bytes],
    dry_run: bool = False,
    limits: ImportLimits | None = None,
) -> ImportReport:
    """Check and write the placements in a CSV byte stream as call-offs of the commissioner's authority.

    Returns the report; ``report.written`` says whether the caller should
    commit. Anything else (a problem in any row, a dry run) must be rolled
    back: rows were written as they were checked, to find repeated children.
    """
    authority_id = commissioner_of(actor)
    limits = limits or ImportLimits()
    report = ImportReport(dry_run=dry_run, max_reported_errors=limits.max_reported_errors)
    importer = _Importer(session, actor, now, authority_id, report, limits)
    await importer.load_reference_data()
    try:
        await importer.run(chunks)
    except FileRefused as refused:
        if refused.error not in report.errors:
            report.add(refused.error)
        report.too_large = refused.too_large
    if report.error_count or dry_run:
        report.first_reference = report.last_reference = None
        return report
    report.written = True
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="callOffs.imported",
        entity_type="Authority",
        entity_id=authority_id,
        diff={
            "before": None,
            "after": {
                "rows": report.rows,
                "callOffs": report.valid,
                "firstReference": report.first_reference,
                "lastReference": report.last_reference,
            },
        },
    )
    return report
