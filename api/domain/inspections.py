"""Inspections of establishments: recording them, the concern flag they set, and the alerts it raises.

The lead authority records each inspection of an establishment in the framework it was made under
(Ofsted's legacy grade or report card, Ofsted's social care judgement, or a standards inspection by
Ofsted, ISI or CQC), one at a time (:func:`record_inspection`) or from Ofsted's published management
information (:func:`import_inspections`). Providers do not assert their own grades.

**Cause for concern** (:func:`causes`): a legacy or social care grade of inadequate, any report-card
area needing urgent improvement, safeguarding not met, or the standards not met.

**The flag** (``establishment.concern_since``/``concern_reason``) is recomputed after every recording
from the latest inspection of each line of inspection (:func:`line_of`): an inspection older than the
latest of its line changes nothing. Ofsted's report card replaced its legacy grade in November 2025, so
the two are one line: a good report card after an inadequate legacy grade clears the flag. A flagged
establishment is ruled out of matching unless a commissioner includes it for a referral
(:func:`include_flagged_establishment`).

**Alerts**: when a recorded inspection gives cause for concern and is the latest of its line (it newly
raises or adds to the flag), every authority with an active or pending call-off at the establishment
(see :func:`authorities_placing_at`) is told, without any child's details.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit, notifications
from api.domain import status as st
from api.domain.errors import Duplicate, Forbidden, InvalidTransition, NotFound, Problem, Problems, ValidationError
from api.domain.notification_kinds import Kind, global_id
from api.domain.offers import commissioner_of
from api.domain.placement_import import read_date, read_records
from api.domain.queries import rows_by_id
from api.domain.rounds import clean_text
from api.domain.visibility import visible
from api.domain.wording import words
from db import models as m
from db.enums import InspectionFramework, Inspectorate, OfstedGrade, ReportCardArea, ReportCardGrade

MAX_URL = 500
MAX_INCLUSION_REASON = 2_000
MAX_IMPORT_ROWS = 5_000

GRADED = frozenset({InspectionFramework.LEGACY_GRADE, InspectionFramework.SOCIAL_CARE})
"""Frameworks judged overall on the four-point scale."""
OFSTED_ONLY = frozenset(
    {InspectionFramework.LEGACY_GRADE, InspectionFramework.REPORT_CARD, InspectionFramework.SOCIAL_CARE}
)
"""Frameworks only Ofsted inspects under; the standards are inspected by Ofsted, ISI or CQC."""

INCLUDABLE = frozenset({st.ReferralStatus.DRAFT, st.ReferralStatus.OPEN, st.ReferralStatus.CLOSED})
"""Referral states in which a commissioner may still include a flagged establishment among its matches."""


# -- what an inspection says -----------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """A report card's grade for one evaluation area."""

    area: ReportCardArea
    grade: ReportCardGrade


@dataclass(frozen=True)
class NewInspection:
    """An inspection as the lead authority records it."""

    establishment_id: int
    inspectorate: Inspectorate
    framework: InspectionFramework
    inspected_on: dt.date
    published_on: dt.date | None = None
    report_url: str | None = None
    overall_grade: OfstedGrade | None = None
    judgements: Sequence[Judgement] = ()
    safeguarding_met: bool | None = None
    standards_met: bool | None = None


def day_in_words(day: dt.date) -> str:
    """``3 December 2026``."""
    return f"{day.day} {day:%B %Y}"


def causes(
    framework: InspectionFramework,
    *,
    overall_grade: OfstedGrade | None,
    judgements: Iterable[Judgement],
    safeguarding_met: bool | None,
    standards_met: bool | None,
) -> list[str]:
    """What in an inspection gives cause for concern, in words; empty when nothing does. The one rule."""
    found = []
    if framework in GRADED and overall_grade is OfstedGrade.INADEQUATE:
        found.append("judged inadequate")
    if safeguarding_met is False:
        found.append("safeguarding not met")
    if standards_met is False:
        found.append("standards not met")
    urgent = [words(j.area) for j in judgements if j.grade is ReportCardGrade.URGENT_IMPROVEMENT]
    if urgent:
        found.append("urgent improvement in " + " and in ".join(urgent))
    return found


def _causes_of(inspection: m.Inspection, judgements: Sequence[Judgement]) -> list[str]:
    return causes(
        inspection.framework,
        overall_grade=inspection.overall_grade,
        judgements=judgements,
        safeguarding_met=inspection.safeguarding_met,
        standards_met=inspection.standards_met,
    )


def described(inspection: m.Inspection) -> str:
    """``Ofsted report card, 3 December 2026``."""
    return f"{words(inspection.inspectorate)} {words(inspection.framework)}, {day_in_words(inspection.inspected_on)}"


def concern_reason(inspection: m.Inspection, judgements: Sequence[Judgement]) -> str | None:
    """Why ``inspection`` gives cause for concern, in words; None when it does not.

    E.g. "Ofsted report card, 3 December 2026: safeguarding not met; urgent improvement in leadership and
    governance".
    """
    found = _causes_of(inspection, judgements)
    return f"{described(inspection)}: {'; '.join(found)}" if found else None


def line_of(inspection: m.Inspection) -> tuple[Inspectorate, str]:
    """The line of inspection a later one supersedes: the inspectorate and the framework, Ofsted's report
    card being the successor of its legacy grade."""
    framework = inspection.framework
    if framework is InspectionFramework.LEGACY_GRADE:
        framework = InspectionFramework.REPORT_CARD
    return inspection.inspectorate, framework.value


def _newest_first(inspection: m.Inspection) -> tuple[dt.date, int]:
    return inspection.inspected_on, inspection.id


# -- checking an inspection ------------------------------------------------------------------------


def check_inspection(given: NewInspection, *, today: dt.date) -> list[tuple[str, str]]:
    """Every problem with ``given`` that needs no database, as (input name, message), in input order.

    The input names are the mutation's (``inspectedOn``, ``judgements[1].area``, …); the import names
    the file's columns instead (see :data:`CSV_COLUMNS`).
    """
    found: list[tuple[str, str]] = []
    framework = given.framework
    if framework in OFSTED_ONLY and given.inspectorate is not Inspectorate.OFSTED:
        found.append(("inspectorate", f"Only Ofsted inspects under its {words(framework)} framework"))
    if given.inspected_on > today:
        found.append(("inspectedOn", f"The inspection date {given.inspected_on.isoformat()} is in the future"))
    if given.published_on is not None:
        if given.published_on > today:
            found.append(("publishedOn", f"The publication date {given.published_on.isoformat()} is in the future"))
        elif given.published_on < given.inspected_on:
            found.append(("publishedOn", "A report is published on or after the day of the inspection"))
    if given.report_url is not None:
        message = _url_problem(given.report_url)
        if message:
            found.append(("reportUrl", message))
    if framework in GRADED and given.overall_grade is None:
        found.append(("overallGrade", f"Give the overall grade of a {words(framework)}"))
    elif framework not in GRADED and given.overall_grade is not None:
        found.append(("overallGrade", f"A {words(framework)} has no overall grade: leave it out"))
    if framework is InspectionFramework.REPORT_CARD:
        if not given.judgements:
            found.append(("judgements", "Give the grade of each evaluation area the report card judges"))
        seen: set[ReportCardArea] = set()
        for index, judgement in enumerate(given.judgements):
            if judgement.area in seen:
                found.append(
                    (f"judgements[{index}].area", f"The area {words(judgement.area)} is graded more than once")
                )
            seen.add(judgement.area)
    elif given.judgements:
        found.append(("judgements", f"Only a report card grades evaluation areas, not a {words(framework)}"))
    if framework is InspectionFramework.REPORT_CARD and given.safeguarding_met is None:
        found.append(("safeguardingMet", "Say whether the report card found safeguarding met"))
    if framework is InspectionFramework.STANDARDS and given.standards_met is None:
        found.append(("standardsMet", "Say whether the standards inspection found the standards met"))
    elif framework is not InspectionFramework.STANDARDS and given.standards_met is not None:
        found.append(("standardsMet", f"Only a standards inspection judges the standards, not a {words(framework)}"))
    if framework is not InspectionFramework.REPORT_CARD and given.safeguarding_met is not None:
        found.append(("safeguardingMet", f"Only a report card judges safeguarding, not a {words(framework)}"))
    return found


async def repeated(session: AsyncSession, inspections: Sequence[NewInspection]) -> list[int]:
    """The positions of the inspections already recorded, or given earlier in ``inspections``: the same
    establishment, framework and day. One statement."""
    i = m.Inspection
    ids = {g.establishment_id for g in inspections}
    seen = set(
        (
            await session.execute(
                select(i.establishment_id, i.framework, i.inspected_on).where(i.establishment_id.in_(ids))
            )
        ).all()
    )
    found = []
    for index, given in enumerate(inspections):
        key = (given.establishment_id, given.framework, given.inspected_on)
        if key in seen:
            found.append(index)
        seen.add(key)
    return found


def _url_problem(value: str) -> str | None:
    text = value.strip()
    if len(text) > MAX_URL:
        return f"A link is at most {MAX_URL} characters"
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() != "https" or not parts.hostname or any(c.isspace() for c in text):
        return "Give the report's https link, e.g. https://reports.ofsted.gov.uk/provider/21/143512"
    return None


# -- the flag and the alerts -----------------------------------------------------------------------


@dataclass(frozen=True)
class Concern:
    """An establishment's flag: since when, and why."""

    since: dt.date
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"since": self.since.isoformat(), "reason": self.reason}


async def _history(
    session: AsyncSession, establishment_ids: Sequence[int]
) -> dict[int, list[tuple[m.Inspection, list[Judgement]]]]:
    """Each establishment's inspections with their judgements, newest first, in two queries."""
    i, j = m.Inspection, m.InspectionJudgement
    found: dict[int, list[tuple[m.Inspection, list[Judgement]]]] = {e: [] for e in establishment_ids}
    if not establishment_ids:
        return found
    rows = list(await session.scalars(select(i).where(i.establishment_id.in_(set(establishment_ids)))))
    graded: dict[int, list[Judgement]] = {}
    if rows:
        for judgement in await session.scalars(select(j).where(j.inspection_id.in_([r.id for r in rows]))):
            graded.setdefault(judgement.inspection_id, []).append(Judgement(judgement.area, judgement.grade))
    for row in sorted(rows, key=_newest_first, reverse=True):
        found[row.establishment_id].append((row, sorted(graded.get(row.id, []), key=_area_order)))
    return found


def _area_order(judgement: Judgement) -> int:
    return list(ReportCardArea).index(judgement.area)


def latest_of_each_line(
    history: Sequence[tuple[m.Inspection, list[Judgement]]],
) -> list[tuple[m.Inspection, list[Judgement]]]:
    """The latest inspection of each line, newest first, from a history newest first."""
    seen: set[tuple[Inspectorate, str]] = set()
    latest = []
    for inspection, judgements in history:
        if line_of(inspection) not in seen:
            seen.add(line_of(inspection))
            latest.append((inspection, judgements))
    return latest


def concern_from(history: Sequence[tuple[m.Inspection, list[Judgement]]]) -> Concern | None:
    """The flag an establishment's history (newest first) gives it: from the latest of each line."""
    reasons: list[tuple[dt.date, str]] = []
    for inspection, judgements in latest_of_each_line(history):
        reason = concern_reason(inspection, judgements)
        if reason is not None:
            reasons.append((inspection.inspected_on, reason))
    if not reasons:
        return None
    return Concern(since=min(day for day, _ in reasons), reason=". ".join(reason for _, reason in reasons))


def concern_of(establishment: m.Establishment) -> Concern | None:
    if establishment.concern_since is None or establishment.concern_reason is None:
        return None
    return Concern(establishment.concern_since, establishment.concern_reason)


async def authorities_placing_at(session: AsyncSession, *, establishment_id: int, today: dt.date) -> dict[int, int]:
    """Each authority with placements at the establishment that are running or about to start, and how many.

    ACTIVE call-offs (individual placements and block contracts, each block counting its places) and
    PENDING ones too: a pending placement has a child about to start there. Not those ended or terminated.
    """
    c = m.CallOff
    running = or_(st.call_off_is(st.CallOffStatus.ACTIVE, today), st.call_off_is(st.CallOffStatus.PENDING, today))
    rows = await session.execute(
        select(c.authority_id, func.sum(c.places))
        .where(c.establishment_id == establishment_id, running)
        .group_by(c.authority_id)
        .order_by(c.authority_id)
    )
    return {authority_id: int(places) for authority_id, places in rows}


async def _alert(
    session: AsyncSession, *, now: dt.datetime, establishment: m.Establishment, inspection: m.Inspection, reason: str
) -> int:
    """Tell each authority placing at the establishment of the inspection's concern; how many were told."""
    placing = await authorities_placing_at(session, establishment_id=establishment.id, today=now.date())
    for authority_id, placements in placing.items():
        await notifications.notify(
            session,
            now=now,
            kind=Kind.INSPECTION_CONCERN,
            to=notifications.To.authority(authority_id),
            subject_type="Establishment",
            subject_id=establishment.id,
            payload={
                "establishment": establishment.name,
                "urn": establishment.urn,
                "inspectedOn": inspection.inspected_on.isoformat(),
                "framework": f"{words(inspection.inspectorate)} {words(inspection.framework)}",
                "reason": reason,
                "placements": str(placements),
                "establishmentId": global_id("Establishment", establishment.id),
            },
        )
    return len(placing)


async def _locked_establishment(session: AsyncSession, establishment_id: int) -> m.Establishment | None:
    """The establishment, locked until the transaction ends: its flag is recomputed by one recording at a time."""
    return await session.scalar(
        select(m.Establishment)
        .where(m.Establishment.id == establishment_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


async def _settle(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    establishments: dict[int, m.Establishment],
    recorded: dict[int, list[m.Inspection]],
) -> None:
    """After recording: each establishment's flag recomputed, audited, and the authorities alerted."""
    histories = await _history(session, list(establishments))
    for establishment_id, establishment in establishments.items():
        history = histories[establishment_id]
        before = concern_of(establishment)
        after = concern_from(history)
        if after != before:
            establishment.concern_since = after.since if after else None
            establishment.concern_reason = after.reason if after else None
            establishment.updated_at = now
        latest = {inspection.id for inspection, _ in latest_of_each_line(history)}
        judged = {inspection.id: judgements for inspection, judgements in history}
        new = recorded[establishment_id]
        await audit.record(
            session,
            actor=actor,
            now=now,
            action="establishment.inspection_recorded",
            entity_type="Establishment",
            entity_id=establishment_id,
            diff={
                "before": {"concern": before.as_json() if before else None},
                "after": {
                    "inspections": [_snapshot(x, judged[x.id]) for x in new],
                    "concern": after.as_json() if after else None,
                },
            },
        )
        for inspection in new:
            reason = concern_reason(inspection, judged[inspection.id])
            if reason is not None and inspection.id in latest:
                await _alert(session, now=now, establishment=establishment, inspection=inspection, reason=reason)
    await session.flush()


def _snapshot(inspection: m.Inspection, judgements: Sequence[Judgement]) -> dict[str, Any]:
    return {
        "id": inspection.id,
        "inspectorate": inspection.inspectorate.value,
        "framework": inspection.framework.value,
        "inspectedOn": inspection.inspected_on.isoformat(),
        "publishedOn": inspection.published_on.isoformat() if inspection.published_on else None,
        "reportUrl": inspection.report_url,
        "overallGrade": inspection.overall_grade.value if inspection.overall_grade else None,
        "judgements": {j.area.value: j.grade.value for j in judgements},
        "safeguardingMet": inspection.safeguarding_met,
        "standardsMet": inspection.standards_met,
    }


def _new_rows(given: NewInspection, *, actor: Actor, now: dt.datetime) -> m.Inspection:
    return m.Inspection(
        establishment_id=given.establishment_id,
        inspectorate=given.inspectorate,
        framework=given.framework,
        inspected_on=given.inspected_on,
        published_on=given.published_on,
        report_url=given.report_url.strip() if given.report_url else None,
        overall_grade=given.overall_grade,
        safeguarding_met=given.safeguarding_met,
        standards_met=given.standards_met,
        recorded_at=now,
        recorded_by=actor.reference,
    )


async def _write(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, inspections: Sequence[NewInspection]
) -> tuple[list[m.Inspection], dict[int, list[m.Inspection]]]:
    """The inspections written, in order, and by establishment."""
    rows = [_new_rows(given, actor=actor, now=now) for given in inspections]
    session.add_all(rows)
    await session.flush()
    session.add_all(
        m.InspectionJudgement(inspection_id=row.id, area=j.area, grade=j.grade)
        for row, given in zip(rows, inspections)
        for j in given.judgements
    )
    await session.flush()
    recorded: dict[int, list[m.Inspection]] = {}
    for row in rows:
        recorded.setdefault(row.establishment_id, []).append(row)
    return rows, recorded


def _lead_only(actor: Actor) -> None:
    if not actor.has_role(Role.LEAD_ADMIN):
        raise Forbidden("Only the lead authority records inspections")


# -- recording one ---------------------------------------------------------------------------------


async def record_inspection(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, given: NewInspection
) -> tuple[m.Inspection, m.Establishment]:
    """The lead authority records one inspection; the flag is recomputed and authorities alerted (see the module).

    Every problem with the input is refused at once; nothing is written unless all is well.
    """
    _lead_only(actor)
    visible_row = (
        await rows_by_id(session, actor=actor, now=now, model=m.Establishment, ids=[given.establishment_id])
    ).get(given.establishment_id)
    if visible_row is None:
        raise NotFound("No establishment with this ID exists", field="input.establishment")
    found = check_inspection(given, today=now.date())
    if found:
        raise ValidationError.of([Problem(message, f"input.{name}") for name, message in found])
    establishment = await _locked_establishment(session, given.establishment_id)
    assert establishment is not None
    if await repeated(session, [given]):
        raise Duplicate(
            f"This establishment's {words(given.framework)} of {day_in_words(given.inspected_on)} is recorded already",
            field="input.inspectedOn",
        )
    _, recorded = await _write(session, actor=actor, now=now, inspections=[given])
    await _settle(session, actor=actor, now=now, establishments={establishment.id: establishment}, recorded=recorded)
    return recorded[establishment.id][0], establishment


# -- importing Ofsted's management information -----------------------------------------------------


@dataclass(frozen=True)
class CsvColumn:
    """A column of the inspections file."""

    heading: str
    required: bool
    description: str
    aliases: tuple[str, ...] = ()


AREA_COLUMNS: dict[ReportCardArea, str] = {
    ReportCardArea.INCLUSION: "Inclusion",
    ReportCardArea.CURRICULUM_AND_TEACHING: "Curriculum and teaching",
    ReportCardArea.ACHIEVEMENT: "Achievement",
    ReportCardArea.ATTENDANCE_AND_BEHAVIOUR: "Attendance and behaviour",
    ReportCardArea.PERSONAL_DEVELOPMENT: "Personal development and well-being",
    ReportCardArea.LEADERSHIP_AND_GOVERNANCE: "Leadership and governance",
    ReportCardArea.EARLY_YEARS: "Early years",
    ReportCardArea.SIXTH_FORM: "Sixth form",
}

CSV_COLUMNS: tuple[CsvColumn, ...] = (
    CsvColumn("URN", True, "The establishment's six-digit DfE URN; it must be registered here."),
    CsvColumn("Inspectorate", False, "Ofsted, ISI or CQC. Blank, or no such column: Ofsted."),
    CsvColumn(
        "Inspection type",
        True,
        "The framework: Graded inspection (the legacy grade), Report card, Social care, or Standards.",
        ("Inspection framework", "Framework"),
    ),
    CsvColumn(
        "Inspection start date",
        True,
        "The first day of the inspection: 2026-12-03 or 03/12/2026.",
        ("Inspection date",),
    ),
    CsvColumn("Publication date", False, "The day the report was published; blank if not yet."),
    CsvColumn(
        "Overall effectiveness",
        False,
        "A graded inspection's or social care judgement's grade: 1 to 4, or Outstanding, Good, Requires "
        "improvement, Inadequate. Blank for any other framework.",
        ("Overall grade",),
    ),
    CsvColumn(
        "Safeguarding",
        False,
        "Met or Not met (Yes or No); a report card's is required.",
        ("Safeguarding is effective?", "Safeguarding met"),
    ),
    CsvColumn("Standards met", False, "A standards inspection's finding: Met or Not met (Yes or No).", ("Standards",)),
    *(
        CsvColumn(
            heading,
            False,
            "A report card's grade for the area: Exceptional, Strong standard, Expected standard, Needs attention "
            "or Urgent improvement; blank where the area is not graded.",
        )
        for heading in AREA_COLUMNS.values()
    ),
    CsvColumn("Web link", False, "The report's https link.", ("Report URL", "Report link")),
)
"""The file's columns, one row per inspection. Headings are matched ignoring case, spaces and punctuation."""

_INPUT_COLUMNS = {
    "establishment": "URN",
    "inspectorate": "Inspectorate",
    "framework": "Inspection type",
    "inspectedOn": "Inspection start date",
    "publishedOn": "Publication date",
    "overallGrade": "Overall effectiveness",
    "safeguardingMet": "Safeguarding",
    "standardsMet": "Standards met",
    "reportUrl": "Web link",
}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


_HEADINGS = {_key(name): c.heading for c in CSV_COLUMNS for name in (c.heading, *c.aliases)}
_FRAMEWORKS = {
    **{_key(f.value): f for f in InspectionFramework},
    **{_key(words(f)): f for f in InspectionFramework},
    "graded": InspectionFramework.LEGACY_GRADE,
    "legacy": InspectionFramework.LEGACY_GRADE,
    "socialcare": InspectionFramework.SOCIAL_CARE,
    "sccif": InspectionFramework.SOCIAL_CARE,
    "standards": InspectionFramework.STANDARDS,
    "independentschoolstandards": InspectionFramework.STANDARDS,
}
_GRADES = {
    **{_key(g.value): g for g in OfstedGrade},
    **{_key(g.name): g for g in OfstedGrade},
}
_AREA_GRADES = {
    **{_key(g.value): g for g in ReportCardGrade},
    **{_key(words(g)): g for g in ReportCardGrade},
    "strong": ReportCardGrade.STRONG,
    "expected": ReportCardGrade.EXPECTED,
}
_MET = {"met": True, "yes": True, "effective": True, "notmet": False, "no": False, "noteffective": False}


@dataclass
class ImportResult:
    """What an import wrote."""

    rows: int = 0
    inspections: list[m.Inspection] = field(default_factory=list)
    establishments: list[m.Establishment] = field(default_factory=list)


class _Row:
    """One row's cells by heading, and its problems, each naming the row and column."""

    def __init__(self, row: int, cells: Sequence[str], positions: dict[str, int], problems: list[Problem]) -> None:
        self.row, self.cells, self.positions, self.problems = row, cells, positions, problems
        self.ok = True
        self.failed: set[str | None] = set()

    def cell(self, heading: str) -> str:
        index = self.positions.get(heading)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def fail(self, heading: str | None, message: str) -> None:
        self.ok = False
        self.failed.add(heading)
        self.problems.append(row_problem(self.row, heading, message))

    def choice(self, heading: str, table: dict[str, Any], what: str) -> Any:
        raw = self.cell(heading)
        if not raw:
            return None
        value = table.get(_key(raw))
        if value is None:
            self.fail(heading, f"'{raw}' is not {what}")
        return value


def row_problem(row: int, heading: str | None, message: str) -> Problem:
    """A problem of the file, its path naming the row (the header is row 1) and the column."""
    where = f"Row {row}" + (f", {heading}" if heading else "")
    return Problem(f"{where}: {message}", f"input.csv[{row}]" + (f".{heading}" if heading else ""))


def _header(cells: Sequence[str], problems: list[Problem]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, raw in enumerate(cells):
        if not raw.strip():
            continue
        heading = _HEADINGS.get(_key(raw))
        if heading is None:  # one of the many other columns of Ofsted's files: left out
            positions[f"?{index}"] = index
        elif heading in positions:
            problems.append(row_problem(1, heading, f"The column {heading} appears more than once"))
        else:
            positions[heading] = index
    for column in CSV_COLUMNS:
        if column.required and column.heading not in positions:
            problems.append(row_problem(1, column.heading, f"The column {column.heading} is missing"))
    return positions


def _row(
    row: int,
    cells: Sequence[str],
    positions: dict[str, int],
    urns: dict[str, int],
    today: dt.date,
    problems: list[Problem],
) -> NewInspection | None:
    """The inspection in one row, if every value is right; every problem kept."""
    check = _Row(row, cells, positions, problems)
    named = set(positions.values())
    unnamed = [i + 1 for i, c in enumerate(cells) if c.strip() and i not in named]
    if unnamed:
        check.fail(None, f"This row has a value in column {unnamed[0]}, which has no heading")
    establishment_id = None
    urn = check.cell("URN")
    if not urn:
        check.fail("URN", "Give the establishment's URN")
    elif urn not in urns:
        check.fail("URN", f"No establishment with URN {urn} is registered")
    else:
        establishment_id = urns[urn]
    inspectorate = check.choice("Inspectorate", {_key(i.value): i for i in Inspectorate}, "Ofsted, ISI or CQC")
    framework = check.choice(
        "Inspection type", _FRAMEWORKS, "a framework: Graded inspection, Report card, Social care or Standards"
    )
    if framework is None and check.cell("Inspection type") == "":
        check.fail(
            "Inspection type", "Give the inspection type: Graded inspection, Report card, Social care or Standards"
        )
    inspected = _date(check, "Inspection start date", required=True)
    published = _date(check, "Publication date", required=False)
    grade = check.choice("Overall effectiveness", _GRADES, "a grade: 1 to 4, or Outstanding … Inadequate")
    safeguarding = check.choice("Safeguarding", _MET, "Met or Not met")
    standards = check.choice("Standards met", _MET, "Met or Not met")
    judgements = []
    for area, heading in AREA_COLUMNS.items():
        area_grade = check.choice(heading, _AREA_GRADES, "a report card grade: Exceptional … Urgent improvement")
        if area_grade is not None:
            judgements.append(Judgement(area, area_grade))
    link = check.cell("Web link") or None
    if framework is None or inspected is None:
        return None
    given = NewInspection(
        establishment_id=establishment_id or 0,
        inspectorate=inspectorate or Inspectorate.OFSTED,
        framework=framework,
        inspected_on=inspected,
        published_on=published,
        report_url=link,
        overall_grade=grade,
        judgements=judgements,
        safeguarding_met=safeguarding,
        standards_met=standards,
    )
    for name, message in check_inspection(given, today=today):  # the values together, where each was readable
        if name.startswith("judgements["):
            index = int(name[len("judgements[") : name.index("]")])
            columns: list[str | None] = [AREA_COLUMNS[given.judgements[index].area]]
        elif name == "judgements":
            columns = [AREA_COLUMNS[j.area] for j in given.judgements] or [None]
        elif name == "inspectorate" and "Inspectorate" not in positions:
            columns = ["Inspection type"]
        else:
            columns = [_INPUT_COLUMNS.get(name)]
        for column in columns:
            if column not in check.failed:
                check.fail(column, message)
    return given if check.ok else None


def _date(check: _Row, heading: str, *, required: bool) -> dt.date | None:
    raw = check.cell(heading)
    if not raw:
        if required:
            check.fail(heading, "Give the date, e.g. 2026-12-03 or 03/12/2026")
        return None
    day = read_date(raw)
    if day is None:
        check.fail(heading, f"'{raw}' is not a date: write 2026-12-03 or 03/12/2026")
    return day


async def import_inspections(session: AsyncSession, *, actor: Actor, now: dt.datetime, text: str) -> ImportResult:
    """The inspections in a CSV file (see :data:`CSV_COLUMNS`), all or nothing.

    Every row is checked; every problem is refused at once, each naming its row (the header is row 1)
    and column, and nothing is written. Otherwise each row becomes an inspection, each establishment's
    flag is recomputed once, and authorities are alerted as for :func:`record_inspection`.
    """
    _lead_only(actor)
    header, rows = read_records(text)
    problems: list[Problem] = []
    positions = _header(header, problems)
    if problems:  # a wrong header: its rows cannot be read
        raise ValidationError.of(problems)
    if not rows:
        raise ValidationError(
            "The file has no inspections: add one row per inspection below the header", field="input.csv"
        )
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError(f"A file holds at most {MAX_IMPORT_ROWS:,} inspections: split it", field="input.csv")
    at = positions["URN"]
    wanted = {cells[at].strip() for _, cells in rows if not isinstance(cells, csv.Error) and at < len(cells)}
    e = m.Establishment
    urns: dict[str, int] = {}
    if wanted:
        urns = dict((await session.execute(select(e.urn, e.id).where(e.urn.in_(wanted)))).all())
    today = now.date()
    given: list[NewInspection] = []
    for row, cells in rows:
        if isinstance(cells, csv.Error):
            problems.append(row_problem(row, None, f"This row cannot be read as CSV: {cells}"))
        elif (found := _row(row, cells, positions, urns, today, problems)) is not None:
            given.append(found)
    if problems:
        raise ValidationError.of(problems)
    given_rows = [row for row, cells in rows if not isinstance(cells, csv.Error)]
    for index in await repeated(session, given):
        problems.append(
            row_problem(
                given_rows[index],
                "Inspection start date",
                "This establishment's inspection of this type on this day is recorded already, or is in the file twice",
            )
        )
    if problems:
        raise ValidationError.of(problems)
    establishments = {}
    for establishment_id in sorted({g.establishment_id for g in given}):
        locked = await _locked_establishment(session, establishment_id)
        assert locked is not None
        establishments[establishment_id] = locked
    written, recorded = await _write(session, actor=actor, now=now, inspections=given)
    await _settle(session, actor=actor, now=now, establishments=establishments, recorded=recorded)
    return ImportResult(
        rows=len(given),
        inspections=written,
        establishments=list(establishments.values()),
    )


# -- reading ---------------------------------------------------------------------------------------


async def latest_legacy_grades(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, establishment_ids: Sequence[int]
) -> dict[int, m.Inspection]:
    """Each establishment's latest legacy-grade inspection (the old single Ofsted grade), in one query."""
    if not establishment_ids:
        return {}
    i = m.Inspection
    ranked = (
        select(
            i.id,
            func.row_number()
            .over(partition_by=i.establishment_id, order_by=(i.inspected_on.desc(), i.id.desc()))
            .label("rank"),
        )
        .where(
            i.establishment_id.in_(set(establishment_ids)),
            i.framework == InspectionFramework.LEGACY_GRADE,
            visible(i, actor, now),
        )
        .subquery()
    )
    stmt = select(i).join(ranked, ranked.c.id == i.id).where(ranked.c.rank == 1)
    return {row.establishment_id: row for row in await session.scalars(stmt)}


# -- including a flagged establishment for a referral ----------------------------------------------


async def include_flagged_establishment(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    referral_id: int,
    establishment_id: int,
    reason: str,
) -> tuple[m.Referral, m.Establishment, m.ReferralMatchOverride]:
    """The referral's own commissioner includes an establishment flagged after an inspection among its
    matches, recording why; that referral's matches show it eligible with the reason, no other's."""
    authority_id = commissioner_of(actor)
    referral = (await rows_by_id(session, actor=actor, now=now, model=m.Referral, ids=[referral_id])).get(referral_id)
    if referral is None or referral.authority_id != authority_id:
        raise NotFound("No referral of your authority has this ID", field="input.referral")
    establishment = (
        await rows_by_id(session, actor=actor, now=now, model=m.Establishment, ids=[establishment_id])
    ).get(establishment_id)
    if establishment is None:
        raise NotFound("No establishment with this ID exists", field="input.establishment")
    status = st.referral_status(referral, now)
    if status not in INCLUDABLE:
        raise InvalidTransition(
            f"The referral is {words(status)}: its matches no longer change", field="input.referral"
        )
    problems = Problems()
    if establishment.concern_since is None:
        problems.add(
            f"{establishment.name} is not flagged after an inspection: it is matched as it is",
            field="input.establishment",
        )
    cleaned = problems.check(
        clean_text, reason, field="input.reason", label="reason for including it", max_length=MAX_INCLUSION_REASON
    )
    problems.settle()
    assert cleaned is not None
    o = m.ReferralMatchOverride
    already = await session.scalar(
        select(o.id).where(o.referral_id == referral.id, o.establishment_id == establishment.id)
    )
    if already is not None:
        raise Duplicate(f"{establishment.name} is already included for this referral", field="input.establishment")
    override = o(
        referral_id=referral.id,
        establishment_id=establishment.id,
        reason=cleaned,
        recorded_by=actor.reference,
        recorded_at=now,
    )
    session.add(override)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="referral.flagged_establishment_included",
        entity_type="Referral",
        entity_id=referral.id,
        diff={
            "before": None,
            "after": {
                "establishment": establishment.id,
                "concern": concern.as_json() if (concern := concern_of(establishment)) else None,
                "reason": cleaned,
            },
        },
    )
    return referral, establishment, override
