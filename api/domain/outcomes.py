"""The outcomes framework and providers' termly outcome reports.

- The lead authority keeps the framework: it adds measures, changes them and
  retires them. A measure is never deleted. Once a value has been reported
  against it, its code, scale and domain are fixed, because reports and
  benchmarks cite them; its name, description, direction and frequency may
  still change.
- A provider writes a report for one of its ACTIVE call-offs, one per
  academic year and term, with a narrative and a value per measure. Each
  value is checked against its measure's scale. It saves the report as often
  as it likes while it is a DRAFT (or QUERIED), then submits it.
- The placing authority's commissioner accepts a submitted report or queries
  it. The provider answers the query and resubmits. Every query and answer is
  kept; the report holds its latest query (``queried_at``/``query_comment``),
  from which its status is derived.
- A report is due by a fixed date after its term (:func:`report_due_at`) and
  overdue from then until it is submitted.

Narratives, queries and answers are about a child, so the audit trail
records what changed (status, lengths, measure codes), never their text or
the values.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from api.auth.actor import Actor, Role
from api.domain import audit, notifications
from api.domain import status as st
from api.domain.errors import Forbidden, InvalidTransition, NotFound, Problems, StaleVersion, ValidationError
from api.domain.notification_kinds import Kind, global_id
from api.domain.offers import commissioner_of
from api.domain.queries import rows_by_id, rows_by_parent
from api.domain.systems import changed, checked_text, led_system
from api.domain.versions import expect_version
from api.domain.visibility import reports_readable, visible
from api.domain.wording import listed, state, words
from db import models as m
from db.enums import MeasureDirection, MeasureFrequency, MeasureScale, OutcomeDomain, Term

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,19}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_NARRATIVE = 20_000
MAX_DESCRIPTION = 2_000
MAX_COMMENT = 5_000
MAX_VALUE = 99_999_999.99  # what the value column holds: 10 digits, 2 after the point
FIRST_YEAR, LAST_YEAR = 2000, 2100
REPORT_DUE_HOUR = 17
_TICK = dt.timedelta(microseconds=1)


# -- the school calendar and due dates ---------------------------------------------------------------


@dataclass(frozen=True)
class TermDates:
    """A term of an academic year: when it runs and when its outcome report is due."""

    academic_year: int
    term: Term
    starts: dt.date
    ends: dt.date
    due_at: dt.datetime


def term_dates(academic_year: int, term: Term) -> TermDates:
    """The term's dates and its report deadline: 17:00 UTC on 15 January, 15 April and 31 July.

    ``academic_year`` is the year it starts: 2025 is 2025/26. The one rule for
    due dates; the demo seed follows it.
    """
    y = academic_year

    def due(day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, REPORT_DUE_HOUR, tzinfo=dt.UTC)

    if term is Term.AUTUMN:
        return TermDates(y, term, dt.date(y, 9, 1), dt.date(y, 12, 19), due(dt.date(y + 1, 1, 15)))
    if term is Term.SPRING:
        return TermDates(y, term, dt.date(y + 1, 1, 5), dt.date(y + 1, 3, 31), due(dt.date(y + 1, 4, 15)))
    return TermDates(y, term, dt.date(y + 1, 4, 15), dt.date(y + 1, 7, 21), due(dt.date(y + 1, 7, 31)))


def report_due_at(academic_year: int, term: Term) -> dt.datetime:
    """When the outcome report for this term is due."""
    return term_dates(academic_year, term).due_at


def period(academic_year: int, term: Term) -> str:
    """The period in words, e.g. '2025/26 autumn term'."""
    return f"{academic_year}/{(academic_year + 1) % 100:02d} {words(term)}"


def term_started(term: TermDates, now: dt.datetime) -> bool:
    """Whether the term has begun by ``now``: its report may be written from its first day."""
    return term.starts <= now.date()


def started_terms(now: dt.datetime, *, from_year: int) -> list[TermDates]:
    """Every term of the academic years from ``from_year`` that has begun by ``now``, oldest first."""
    every = (term_dates(year, term) for year in range(from_year, now.year + 1) for term in Term)
    return [term for term in every if term_started(term, now)]


def last_day(call_off: m.CallOff) -> dt.date | None:
    """The placement's last day: its end date, or the day it was terminated if that came first; None while
    it has neither."""
    days = [call_off.end_date] if call_off.end_date is not None else []
    if call_off.terminated_at is not None:
        days.append(call_off.terminated_at.date())
    return min(days, default=None)


def ran_during(call_off: m.CallOff, term: TermDates) -> bool:
    """Whether the placement ran for some of the term: it started on or before the term's last day, and had
    not ended (nor been terminated) before its first."""
    last = last_day(call_off)
    return call_off.start_date <= term.ends and (last is None or last >= term.starts)


# -- shared checks ------------------------------------------------------------------------------------


def _text(value: str, *, field: str, label: str, max_length: int, required: bool) -> str:
    """``value`` trimmed: printable text, new lines allowed, at most ``max_length`` characters."""
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationError(f"Give the {label}", field=field)
    if len(cleaned) > max_length:
        raise ValidationError(f"The {label} is at most {max_length:,} characters", field=field)
    if _CONTROL.search(cleaned):
        raise ValidationError(f"The {label} contains characters that cannot be shown", field=field)
    return cleaned


def _after(moment: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    """``now``, or just after ``moment`` if a clock behind another server's puts ``now`` before it.

    Report status is derived from the order of its timestamps, so a query must
    come after the submission it queries, and a resubmission after the query.
    """
    return now if moment is None or now > moment else moment + _TICK


def check_value(scale: MeasureScale, value: float, *, field: str) -> float:
    """``value`` if it is on ``scale``: PERCENT 0 to 100, COUNT a whole number from 0,
    RATING_1_5 a whole number 1 to 5, YES_NO 0 (no) or 1 (yes)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValidationError("Give the value as a number", field=field)
    value = float(value)
    whole = value == int(value)
    if scale is MeasureScale.PERCENT:
        if not 0 <= value <= 100:
            raise ValidationError("A percentage is from 0 to 100", field=field)
        if round(value, 2) != value:
            raise ValidationError("A percentage has at most two decimal places", field=field)
    elif scale is MeasureScale.COUNT:
        if not whole or value < 0:
            raise ValidationError("A count is a whole number, 0 or more", field=field)
        if value > MAX_VALUE:
            raise ValidationError(f"A count is at most {int(MAX_VALUE):,}", field=field)
    elif scale is MeasureScale.RATING_1_5:
        if not whole or not 1 <= value <= 5:
            raise ValidationError("A rating is a whole number from 1 to 5", field=field)
    elif value not in (0, 1):
        raise ValidationError("Give 1 for yes or 0 for no", field=field)
    return value


# -- the outcomes framework -------------------------------------------------------------------------

MEASURE_FIELDS = ("code", "name", "description", "domain", "scale", "direction", "frequency")
FIXED_ONCE_USED = ("code", "scale", "domain")


@dataclass(frozen=True)
class MeasureDetails:
    """A measure as the lead authority describes it; ``None`` leaves a value as it is."""

    code: str | None = None
    name: str | None = None
    description: str | None = None
    domain: OutcomeDomain | None = None
    scale: MeasureScale | None = None
    direction: MeasureDirection | None = None
    frequency: MeasureFrequency | None = None


FRAMEWORK = "its outcomes framework"


async def _measure(session: AsyncSession, *, actor: Actor, now: dt.datetime, measure_id: int) -> m.OutcomeMeasure:
    measure = (await rows_by_id(session, actor=actor, now=now, model=m.OutcomeMeasure, ids=[measure_id])).get(
        measure_id
    )
    if measure is None:
        raise NotFound("No outcome measure with this ID exists", field="input.id")
    system_id = measure.system_id
    await led_system(session, actor=actor, now=now, system_id=system_id, field="input.id", changing=FRAMEWORK)
    return measure


async def measure_in_use(session: AsyncSession, measure_id: int) -> bool:
    """Whether any report has a value for the measure."""
    return bool(await session.scalar(select(exists().where(m.OutcomeValue.measure_id == measure_id))))


def _snapshot(measure: m.OutcomeMeasure) -> dict[str, Any]:
    return {name: getattr(measure, name) for name in MEASURE_FIELDS}


async def _apply(session: AsyncSession, measure: m.OutcomeMeasure, details: MeasureDetails) -> None:
    """Check ``details`` and set them on ``measure``."""
    if details.code is not None:
        code = details.code.strip().upper()
        if not _CODE.match(code):
            raise ValidationError(
                "A measure code is 1 to 20 capital letters, digits or hyphens, e.g. ATT1", field="input.code"
            )
        same = select(m.OutcomeMeasure.id).where(
            m.OutcomeMeasure.system_id == measure.system_id, m.OutcomeMeasure.code == code
        )
        if measure.id is not None:
            same = same.where(m.OutcomeMeasure.id != measure.id)
        taken = await session.scalar(same.limit(1))
        if taken is not None:
            raise ValidationError(
                f"This system's outcomes framework already has a measure {code}; codes are unique",
                field="input.code",
            )
        measure.code = code
    if details.name is not None:
        measure.name = checked_text(details.name, field="input.name", label="measure name", max_length=200)
    if details.description is not None:
        measure.description = _text(
            details.description,
            field="input.description",
            label="description",
            max_length=MAX_DESCRIPTION,
            required=False,
        )
    for name in ("domain", "scale", "direction", "frequency"):
        value = getattr(details, name)
        if value is not None:
            setattr(measure, name, value)


async def _flush_measure(session: AsyncSession, measure: m.OutcomeMeasure) -> None:
    try:
        await session.flush()
    except IntegrityError as exc:  # the same code taken at the same moment
        if "unique" not in str(exc.orig).lower():
            raise
        raise ValidationError(
            f"This system's outcomes framework already has a measure {measure.code}; codes are unique",
            field="input.code",
        ) from None


async def create_measure(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, system_id: int, details: MeasureDetails
) -> m.OutcomeMeasure:
    """A new measure of a system's outcomes framework."""
    system = await led_system(
        session, actor=actor, now=now, system_id=system_id, field="input.system", changing=FRAMEWORK
    )
    for name in ("code", "name", "domain", "scale", "direction", "frequency"):
        if getattr(details, name) is None:
            raise ValidationError(f"A measure needs a {name}", field=f"input.{name}")
    measure = m.OutcomeMeasure(system_id=system.id, description="")
    await _apply(session, measure, details)
    session.add(measure)
    await _flush_measure(session, measure)
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="outcomeMeasure.created",
        entity_type="OutcomeMeasure",
        entity_id=measure.id,
        diff={"system": system.id, **changed({}, _snapshot(measure))},
    )
    return measure


async def update_measure(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    measure_id: int,
    version: int | None,
    details: MeasureDetails,
) -> m.OutcomeMeasure:
    """Change a measure. Its code, scale and domain are fixed once a value has been reported against it."""
    measure = await _measure(session, actor=actor, now=now, measure_id=measure_id)
    expect_version(measure, version)
    before = _snapshot(measure)
    wanted = {
        name: value.strip().upper() if name == "code" and isinstance(value, str) else value
        for name in FIXED_ONCE_USED
        if (value := getattr(details, name)) is not None
    }
    moving = [name for name, value in wanted.items() if value != before[name]]
    if moving and await measure_in_use(session, measure.id):
        name = moving[0]
        raise InvalidTransition(
            f"Values have been reported against {measure.code}, so its {name} is fixed: retire it and add a new "
            "measure instead",
            field=f"input.{name}",
        )
    await _apply(session, measure, details)
    diff = changed(before, _snapshot(measure))
    if not diff["after"]:
        return measure
    await _flush_measure(session, measure)
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="outcomeMeasure.updated",
        entity_type="OutcomeMeasure",
        entity_id=measure.id,
        diff=diff,
    )
    return measure


async def retire_measure(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, measure_id: int, version: int | None
) -> m.OutcomeMeasure:
    """Retire a measure: no new values are reported against it, and what was reported is kept."""
    measure = await _measure(session, actor=actor, now=now, measure_id=measure_id)
    expect_version(measure, version)
    if measure.retired_at is not None:
        raise InvalidTransition(f"{measure.code} was already retired on {measure.retired_at.date().isoformat()}")
    measure.retired_at = now
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="outcomeMeasure.retired",
        entity_type="OutcomeMeasure",
        entity_id=measure.id,
        diff={"before": {"retiredAt": None}, "after": {"retiredAt": now}},
    )
    return measure


async def reinstate_measure(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, measure_id: int, version: int | None
) -> m.OutcomeMeasure:
    """Bring a retired measure back into the framework."""
    measure = await _measure(session, actor=actor, now=now, measure_id=measure_id)
    expect_version(measure, version)
    retired = measure.retired_at
    if retired is None:
        raise InvalidTransition(f"{measure.code} is not retired")
    measure.retired_at = None
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="outcomeMeasure.reinstated",
        entity_type="OutcomeMeasure",
        entity_id=measure.id,
        diff={"before": {"retiredAt": retired}, "after": {"retiredAt": None}},
    )
    return measure


# -- reports: loading and tenancy ------------------------------------------------------------------


def _provider_of(actor: Actor) -> int:
    if not actor.has_role(Role.PROVIDER_USER) or actor.provider_id is None:
        raise Forbidden("Only the placement's provider writes its outcome reports")
    return actor.provider_id


def _running(call_off: m.CallOff, now: dt.datetime, *, field: str) -> None:
    """Providers report on a placement while it is ACTIVE."""
    status = st.call_off_status(call_off, now.date())
    if status is not st.CallOffStatus.ACTIVE:
        raise InvalidTransition(
            f"The placement {call_off.reference} {state(status)}: outcome reports are written while it is running",
            field=field,
        )


async def _visible_report(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, report_id: int
) -> tuple[m.OutcomeReport, m.CallOff]:
    report = (await rows_by_id(session, actor=actor, now=now, model=m.OutcomeReport, ids=[report_id])).get(report_id)
    if report is None:
        raise NotFound("No outcome report with this ID exists, or you may not see it", field="input.report")
    call_off = await session.get(m.CallOff, report.call_off_id)
    assert call_off is not None
    return report, call_off


async def _providers_report(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, report_id: int, version: int | None
) -> tuple[m.OutcomeReport, m.CallOff]:
    """A report of the caller's provider, on a running placement, at the version read."""
    provider_id = _provider_of(actor)
    report, call_off = await _visible_report(session, actor=actor, now=now, report_id=report_id)
    if call_off.provider_id != provider_id:
        raise NotFound("No outcome report of your provider has this ID", field="input.report")
    _running(call_off, now, field="input.report")
    expect_version(report, version)
    return report, call_off


async def _authoritys_report(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, report_id: int, version: int | None
) -> tuple[m.OutcomeReport, m.CallOff]:
    """A report on a placement of the commissioner's authority, at the version read."""
    authority_id = commissioner_of(actor)
    report, call_off = await _visible_report(session, actor=actor, now=now, report_id=report_id)
    if call_off.authority_id != authority_id:
        raise NotFound("No outcome report on a placement of your authority has this ID", field="input.report")
    expect_version(report, version)
    return report, call_off


def _in_status(
    report: m.OutcomeReport,
    allowed: Iterable[st.OutcomeReportStatus],
    doing: str,
    *,
    field: str | None = "input.report",
) -> st.OutcomeReportStatus:
    status = st.report_status(report)
    if status not in allowed:
        raise InvalidTransition(f"The report {state(status)}: {doing}", field=field)
    return status


async def _values(session: AsyncSession, report_id: int) -> list[m.OutcomeValue]:
    return list(
        await session.scalars(
            select(m.OutcomeValue).where(m.OutcomeValue.report_id == report_id).order_by(m.OutcomeValue.id)
        )
    )


async def _report_snapshot(session: AsyncSession, report: m.OutcomeReport) -> dict[str, Any]:
    """What the audit trail records of a report: no narrative text and no values, which are about a child."""
    codes = await session.scalars(
        select(m.OutcomeMeasure.code)
        .join(m.OutcomeValue, m.OutcomeValue.measure_id == m.OutcomeMeasure.id)
        .where(m.OutcomeValue.report_id == report.id)
        .order_by(m.OutcomeMeasure.code)
    )
    return {
        "status": st.report_status(report).value,
        "narrativeLength": len(report.narrative),
        "measures": list(codes),
    }


def _touch(report: m.OutcomeReport, now: dt.datetime) -> None:
    """Move the report's version on, also when only its values or its conversation changed."""
    report.updated_at = now
    flag_modified(report, "updated_at")


async def _record(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    action: str,
    report: m.OutcomeReport,
    diff: dict[str, Any],
) -> None:
    await audit.record(
        session, actor=actor, now=now, action=action, entity_type="OutcomeReport", entity_id=report.id, diff=diff
    )


# -- the conversation ------------------------------------------------------------------------------


def _unrecorded_query(report: m.OutcomeReport) -> m.OutcomeReportQuery | None:
    """The report's latest query as a history row, for a report queried before queries were kept.

    Settled by a later submission or by acceptance, as migration 0008 records
    them; ``None`` when the report was never queried.
    """
    if report.queried_at is None or report.query_comment is None:
        return None
    settled = report.submitted_at if report.submitted_at and report.submitted_at > report.queried_at else None
    settled = settled or report.accepted_at
    return m.OutcomeReportQuery(
        report_id=report.id,
        asked_at=report.queried_at,
        asked_by=None,
        comment=report.query_comment,
        answered_at=settled,
        answer="(not recorded)" if settled else None,
    )


def conversation(report: m.OutcomeReport, rows: Sequence[m.OutcomeReportQuery]) -> list[m.OutcomeReportQuery]:
    """Every query of the report and its answer, oldest first.

    A report's latest query is always among them, also when it was asked before
    the conversation was kept (it then appears without the asker).
    """
    history = sorted(rows, key=lambda q: (q.asked_at, q.id or 0))
    if report.queried_at is not None and not any(q.asked_at == report.queried_at for q in history):
        legacy = _unrecorded_query(report)
        if legacy is not None:
            history.append(legacy)
    return history


async def _current_query(session: AsyncSession, report: m.OutcomeReport) -> m.OutcomeReportQuery | None:
    """The report's latest query as a row of the session (recorded now if it predates the history)."""
    if report.queried_at is None:
        return None
    q = m.OutcomeReportQuery
    latest = await session.scalar(
        select(q).where(q.report_id == report.id).order_by(q.asked_at.desc(), q.id.desc()).limit(1)
    )
    if latest is not None and latest.asked_at >= report.queried_at:
        return latest
    legacy = _unrecorded_query(report)
    assert legacy is not None
    session.add(legacy)
    await session.flush()
    return legacy


# -- reports: the provider's side --------------------------------------------------------------------


@dataclass(frozen=True)
class ReportedValue:
    """One value of a report as the provider gives it."""

    measure_id: int
    value: float


@dataclass(frozen=True)
class ReportDraft:
    """What the provider saves: the report's period, narrative and values (replacing those saved before)."""

    call_off_id: int
    academic_year: int
    term: Term
    narrative: str
    values: Sequence[ReportedValue]
    version: int | None = None


def _measure_label(measure: m.OutcomeMeasure) -> str:
    """A measure as a person knows it: "Attendance (ATT1)"."""
    return f"{measure.name} ({measure.code})"


async def _checked_values(
    session: AsyncSession, problems: Problems, *, system_id: int, term: Term, values: Sequence[ReportedValue]
) -> dict[int, tuple[m.OutcomeMeasure, float]]:
    """The values by measure id, each checked against its measure; what is wrong is kept in ``problems``,
    naming ``input.values[i].measure`` or ``input.values[i].value``."""
    ids = {v.measure_id for v in values}
    measures = {
        row.id: row
        for row in await session.scalars(select(m.OutcomeMeasure).where(m.OutcomeMeasure.id.in_(ids)))
        if row.system_id == system_id
    }
    checked: dict[int, tuple[m.OutcomeMeasure, float]] = {}
    seen: dict[int, int] = {}
    for i, given in enumerate(values):
        path = f"input.values[{i}]"
        measure = measures.get(given.measure_id)
        if measure is None:
            problems.add("No measure of this placement's outcomes framework has this ID", field=f"{path}.measure")
            continue
        label = _measure_label(measure)
        if measure.id in seen:
            problems.add(
                f"{label} is already given as value {seen[measure.id] + 1}: give one value per measure",
                field=f"{path}.measure",
            )
        elif measure.retired_at is not None:
            problems.add(
                f"{label} was retired on {measure.retired_at.date().isoformat()}: no new values are reported "
                "against it",
                field=f"{path}.measure",
            )
        elif measure.frequency is MeasureFrequency.ANNUALLY and term is not Term.SUMMER:
            problems.add(
                f"{label} is reported {words(MeasureFrequency.ANNUALLY)}, in the {words(Term.SUMMER)}",
                field=f"{path}.measure",
            )
        seen.setdefault(measure.id, i)
        value = problems.check(check_value, measure.scale, given.value, field=f"{path}.value")
        if value is not None:
            checked[measure.id] = (measure, value)
    return checked


def _checked_period(problems: Problems, call_off: m.CallOff, draft: ReportDraft, now: dt.datetime) -> TermDates | None:
    """The term reported on, if the academic year is one and the term has started within the placement."""
    if not FIRST_YEAR <= draft.academic_year <= LAST_YEAR:
        problems.add(
            f"Give the academic year by the year it starts, {FIRST_YEAR} to {LAST_YEAR}", field="input.academicYear"
        )
        return None
    term = term_dates(draft.academic_year, draft.term)
    label = period(draft.academic_year, draft.term)
    if not term_started(term, now):
        problems.add(f"The {label} has not started yet", field="input.term")
        return None
    if not ran_during(call_off, term):
        last = last_day(call_off)
        problems.add(
            f"The placement started on {call_off.start_date.isoformat()}, after the {label} ended"
            if call_off.start_date > term.ends or last is None
            else f"The placement ended on {last.isoformat()}, before the {label} started",
            field="input.term",
        )
        return None
    return term


@dataclass(frozen=True)
class ReportableTerm:
    """A term whose outcome report the provider may write now, with the report if it has been started."""

    dates: TermDates
    report: m.OutcomeReport | None


STILL_OPEN = (st.OutcomeReportStatus.DRAFT, st.OutcomeReportStatus.QUERIED)
"""The statuses of a report its provider may still change and submit."""


def terms_to_report(call_off: m.CallOff, reports: Iterable[m.OutcomeReport], now: dt.datetime) -> list[ReportableTerm]:
    """The terms the provider may write an outcome report for on ``call_off`` at ``now``, oldest first.

    The terms :func:`save_report` accepts: each term that has started, during which the placement ran
    (:func:`ran_during`), and that has no report submitted or accepted; a term with a DRAFT or QUERIED
    report among ``reports`` (the call-off's) comes with that report. None unless the placement is ACTIVE,
    since reports are written only while it runs.
    """
    if st.call_off_status(call_off, now.date()) is not st.CallOffStatus.ACTIVE:
        return []
    by_term = {(report.academic_year, report.term): report for report in reports}
    found = []
    for term in started_terms(now, from_year=max(FIRST_YEAR, call_off.start_date.year - 1)):
        if not ran_during(call_off, term):
            continue
        report = by_term.get((term.academic_year, term.term))
        if report is None or st.report_status(report) in STILL_OPEN:
            found.append(ReportableTerm(dates=term, report=report))
    return found


async def terms_to_report_by_call_off(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, call_off_ids: Sequence[int]
) -> dict[int, list[ReportableTerm]]:
    """Each call-off's :func:`terms_to_report`, in two statements whatever their number.

    What a call-off's reports are is read under the outcome reports' own rule and scope, not the
    call-off's: a call-off whose reports ``actor`` may not read (the lead authority's view of another
    council's placement, a token without ``reports:read``) has none listed, since a term missing from
    the list would tell that its report was submitted.
    """
    c, r = m.CallOff, m.OutcomeReport
    call_offs = list(
        await session.scalars(
            select(c).where(c.id.in_(set(call_off_ids)), visible(c, actor, now), reports_readable(actor, now))
        )
    )
    if not call_offs:
        return {}
    reports = await rows_by_parent(
        session, actor=actor, now=now, model=r, column=r.call_off_id, keys=[row.id for row in call_offs]
    )
    return {row.id: terms_to_report(row, reports.get(row.id, []), now) for row in call_offs}


async def save_report(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, draft: ReportDraft
) -> tuple[m.OutcomeReport, bool]:
    """Create or change the provider's DRAFT (or QUERIED) report for a term; returns it and whether it is new.

    The values given replace those saved before. Changing an existing report
    needs the version read. Whose placement it is and whether it is running
    are settled first; then every input at fault is refused together, in
    input order (a report that may no longer change, or a stale version,
    refuses at once once the period is known).
    """
    provider_id = _provider_of(actor)
    call_off = (await rows_by_id(session, actor=actor, now=now, model=m.CallOff, ids=[draft.call_off_id])).get(
        draft.call_off_id
    )
    if call_off is None or call_off.provider_id != provider_id:
        raise NotFound("No call-off of your provider has this ID", field="input.callOff")
    _running(call_off, now, field="input.callOff")
    problems = Problems()
    term = _checked_period(problems, call_off, draft, now)
    label = period(draft.academic_year, draft.term)
    r = m.OutcomeReport
    report = None
    if term is not None:
        report = await session.scalar(
            select(r).where(r.call_off_id == call_off.id, r.academic_year == draft.academic_year, r.term == draft.term)
        )
    if report is not None:
        _in_status(
            report,
            (st.OutcomeReportStatus.DRAFT, st.OutcomeReportStatus.QUERIED),
            "only a draft or queried report can change",
            field=None,
        )
        if draft.version is None:
            raise StaleVersion(
                f"There is already a report for the {label} (version {report.version}): read it and send its version "
                "to change it",
                current_version=report.version,
            )
        expect_version(report, draft.version)
    narrative = problems.check(
        _text, draft.narrative, field="input.narrative", label="narrative", max_length=MAX_NARRATIVE, required=False
    )
    lot = await session.get(m.Lot, call_off.lot_id)
    assert lot is not None
    values = await _checked_values(session, problems, system_id=lot.system_id, term=draft.term, values=draft.values)
    problems.settle()
    assert term is not None and narrative is not None

    created = report is None
    before = None
    if report is None:
        report = r(
            call_off_id=call_off.id,
            academic_year=draft.academic_year,
            term=draft.term,
            due_at=term.due_at,
            narrative=narrative,
        )
        session.add(report)
        try:
            await session.flush()
        except IntegrityError as exc:  # a colleague created it at the same moment
            if "unique" not in str(exc.orig).lower():
                raise
            raise StaleVersion(
                f"A colleague has just started the report for the {label}: read it and retry", current_version=None
            ) from None
    else:
        before = await _report_snapshot(session, report)
        report.narrative = narrative
        _touch(report, now)  # one new version, also when only the values change
    kept = {row.measure_id: row for row in await _values(session, report.id)}
    for measure_id, row in kept.items():
        if measure_id not in values:
            await session.delete(row)
    for measure_id, (_measure_row, value) in values.items():
        if measure_id in kept:
            kept[measure_id].value = value
        else:
            session.add(m.OutcomeValue(report_id=report.id, measure_id=measure_id, value=value))
    await session.flush()
    after = await _report_snapshot(session, report)
    await _record(
        session,
        actor=actor,
        now=now,
        action="outcomeReport.created" if created else "outcomeReport.saved",
        report=report,
        diff={
            "callOff": call_off.id,
            "period": label,
            "before": before,
            "after": after,
        },
    )
    return report, created


async def submit_report(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, report_id: int, version: int | None
) -> m.OutcomeReport:
    """Submit a draft, or resubmit a queried report once the query is answered, for the authority's review.

    Everything that keeps the saved report from being submitted is said at
    once, in one refusal.
    """
    report, call_off = await _providers_report(session, actor=actor, now=now, report_id=report_id, version=version)
    status = _in_status(
        report,
        (st.OutcomeReportStatus.DRAFT, st.OutcomeReportStatus.QUERIED),
        "only a draft or queried report is submitted",
    )
    missing: list[str] = []
    if not report.narrative.strip():
        missing.append("write the narrative")
    values = await _values(session, report.id)
    if not values:
        missing.append("report at least one measure")
    retired = list(
        await session.scalars(
            select(m.OutcomeMeasure)
            .where(m.OutcomeMeasure.id.in_([v.measure_id for v in values]), m.OutcomeMeasure.retired_at.is_not(None))
            .order_by(m.OutcomeMeasure.code)
        )
    )
    if retired:
        names = listed([_measure_label(measure) for measure in retired])
        missing.append(
            f"save it without the value for {names}, retired since the report was saved"
            if len(retired) == 1
            else f"save it without the values for {names}, retired since the report was saved"
        )
    if status is st.OutcomeReportStatus.QUERIED:
        query = await _current_query(session, report)
        if query is not None and query.answered_at is None:
            missing.append("answer the authority's query")
    if missing:
        doing = "resubmitting" if status is st.OutcomeReportStatus.QUERIED else "submitting"
        raise InvalidTransition(f"Before {doing} the report, {listed(missing)}", field="input.report")
    before = await _report_snapshot(session, report)
    report.submitted_at = _after(report.queried_at, now)
    await session.flush()
    await _record(
        session,
        actor=actor,
        now=now,
        action="outcomeReport.resubmitted" if status is st.OutcomeReportStatus.QUERIED else "outcomeReport.submitted",
        report=report,
        diff={"before": {"status": before["status"]}, "after": {"status": st.report_status(report).value}},
    )
    await _tell(session, now=now, kind=Kind.REPORT_SUBMITTED, report=report, call_off=call_off)
    return report


async def _tell(
    session: AsyncSession, *, now: dt.datetime, kind: Kind, report: m.OutcomeReport, call_off: m.CallOff
) -> None:
    """Tell the other side of a report what became of it: the placing authority of a submission, else the provider.

    The narrative, the values, queries and answers are about the child: they stay in the portal.
    """
    lot = await session.get(m.Lot, call_off.lot_id)
    to = (
        notifications.To.authority(call_off.authority_id)
        if kind is Kind.REPORT_SUBMITTED
        else notifications.To.provider(call_off.provider_id)
    )
    await notifications.notify(
        session,
        now=now,
        kind=kind,
        to=to,
        subject_type="OutcomeReport",
        subject_id=report.id,
        payload={
            "callOff": call_off.reference,
            "callOffId": global_id("CallOff", call_off.id),
            "reportId": global_id("OutcomeReport", report.id),
            "lot": lot.code if lot else "",
            "period": period(report.academic_year, report.term),
        },
    )


async def answer_query(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, report_id: int, version: int | None, answer: str
) -> tuple[m.OutcomeReport, m.OutcomeReportQuery]:
    """Answer the authority's open query on a report; the report stays QUERIED until resubmitted."""
    report, _ = await _providers_report(session, actor=actor, now=now, report_id=report_id, version=version)
    _in_status(report, (st.OutcomeReportStatus.QUERIED,), "only a queried report has a query to answer")
    problems = Problems()
    text = problems.check(_text, answer, field="input.answer", label="answer", max_length=MAX_COMMENT, required=True)
    problems.settle()
    assert text is not None
    query = await _current_query(session, report)
    assert query is not None
    if query.answered_at is not None:
        raise InvalidTransition("The query is already answered: resubmit the report", field="input.report")
    query.answer, query.answered_at, query.answered_by = text, _after(query.asked_at, now), actor.reference
    _touch(report, now)
    await session.flush()
    await _record(
        session,
        actor=actor,
        now=now,
        action="outcomeReport.query_answered",
        report=report,
        diff={"query": query.id, "before": {"answered": False}, "after": {"answered": True, "answerLength": len(text)}},
    )
    return report, query


# -- reports: the authority's side -------------------------------------------------------------------


async def accept_report(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, report_id: int, version: int | None
) -> m.OutcomeReport:
    """Accept a submitted report on a placement of the commissioner's authority."""
    report, call_off = await _authoritys_report(session, actor=actor, now=now, report_id=report_id, version=version)
    _in_status(report, (st.OutcomeReportStatus.SUBMITTED,), "only a submitted report is accepted")
    report.accepted_at = _after(report.submitted_at, now)
    await session.flush()
    await _record(
        session,
        actor=actor,
        now=now,
        action="outcomeReport.accepted",
        report=report,
        diff={"before": {"status": "SUBMITTED"}, "after": {"status": "ACCEPTED", "acceptedAt": report.accepted_at}},
    )
    await _tell(session, now=now, kind=Kind.REPORT_ACCEPTED, report=report, call_off=call_off)
    return report


async def query_report(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, report_id: int, version: int | None, comment: str
) -> tuple[m.OutcomeReport, m.OutcomeReportQuery]:
    """Send a submitted report back to the provider with a question; it is QUERIED until resubmitted."""
    report, call_off = await _authoritys_report(session, actor=actor, now=now, report_id=report_id, version=version)
    _in_status(report, (st.OutcomeReportStatus.SUBMITTED,), "only a submitted report is queried")
    text = _text(comment, field="input.comment", label="query", max_length=MAX_COMMENT, required=True)
    asked = _after(report.submitted_at, now)
    if report.queried_at is not None and asked <= report.queried_at:
        asked = report.queried_at + _TICK
    query = m.OutcomeReportQuery(report_id=report.id, asked_at=asked, asked_by=actor.reference, comment=text)
    session.add(query)
    report.queried_at, report.query_comment = asked, text
    await session.flush()
    await _record(
        session,
        actor=actor,
        now=now,
        action="outcomeReport.queried",
        report=report,
        diff={
            "query": query.id,
            "before": {"status": "SUBMITTED"},
            "after": {"status": st.report_status(report).value, "commentLength": len(text)},
        },
    )
    await _tell(session, now=now, kind=Kind.REPORT_QUERIED, report=report, call_off=call_off)
    return report, query
