"""Setting up a purchasing system: its term, member authorities, lots and versioned specification.

Only the system's lead authority changes it. A system is DRAFT until it goes
live (ACTIVE) and CLOSED from then on; nothing about a closed system changes.
Once live, a lot's code is fixed, because call-offs and notices cite it. A
published specification never changes: a new version is drafted, and
publishing it supersedes the one before in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit, notices, regimes
from api.domain import status as st
from api.domain.errors import Forbidden, InvalidTransition, NotFound, Problems, ValidationError
from api.domain.queries import rows_by_id
from api.domain.versions import expect_version
from db import models as m
from db.enums import AdmissionMode, NoticeType, PlacementType, Regime

_OCID = re.compile(r"^ocds-[a-z0-9]{6}-[A-Za-z0-9._/-]{1,67}$")
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,19}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
WEEKS_BY_PLACEMENT: dict[PlacementType, tuple[int, ...]] = {
    PlacementType.DAY: (38, 39),
    PlacementType.RESIDENTIAL: (38, 52),
}
DEFAULT_WEEKS: dict[PlacementType, int] = {PlacementType.DAY: 39, PlacementType.RESIDENTIAL: 52}
MAX_AGE = 25


# -- shared checks -----------------------------------------------------------


def checked_text(value: str, *, field: str, label: str, max_length: int, multiline: bool = False) -> str:
    """``value`` trimmed, if it is 1 to ``max_length`` characters of printable text."""
    cleaned = value.strip()
    if not cleaned or len(cleaned) > max_length:
        raise ValidationError(f"Give the {label} in 1 to {max_length} characters", field=field)
    if _CONTROL.search(cleaned) or (not multiline and ("\n" in cleaned or "\r" in cleaned)):
        raise ValidationError(f"The {label} contains characters that cannot be shown", field=field)
    return cleaned


def snapshot(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The named attributes of ``row``."""
    return {name: getattr(row, name) for name in names}


def camel(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` keyed by the API's camelCase names, as audit diffs are."""
    return {_camel(k): v for k, v in values.items()}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The before/after audit diff of the values that differ, keyed by camelCase names."""
    keys = [k for k in after if before.get(k) != after[k]]
    return {"before": camel({k: before.get(k) for k in keys}), "after": camel({k: after[k] for k in keys})}


# -- loading and tenancy -------------------------------------------------------


async def _system(session: AsyncSession, *, actor: Actor, now: dt.datetime, system_id: int, field: str) -> Any:
    found = (await rows_by_id(session, actor=actor, now=now, model=m.PurchasingSystem, ids=[system_id])).get(system_id)
    if found is None:
        raise NotFound("No purchasing system with this ID exists", field=field)
    return found


def _lead_of(actor: Actor, system: m.PurchasingSystem, field: str | None = None) -> None:
    """Only the procurement team of the system's lead authority changes it."""
    if not actor.has_role(Role.LEAD_ADMIN) or actor.authority_id != system.lead_authority_id:
        raise Forbidden("Only the lead authority of this purchasing system may change it", field=field)


async def led_system(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    system_id: int,
    field: str,
    changing: str | None = None,
) -> m.PurchasingSystem:
    """The purchasing system, if the caller is its lead authority's procurement team.

    With ``changing`` (what is about to change, in words), a closed system is refused too.
    """
    system: m.PurchasingSystem = await _system(session, actor=actor, now=now, system_id=system_id, field=field)
    _lead_of(actor, system, field)
    if changing is not None:
        _not_closed(system, changing)
    return system


def _not_closed(system: m.PurchasingSystem, what: str) -> None:
    if system.closed_at is not None:
        raise InvalidTransition(f"This purchasing system is closed: {what} can no longer change")


# -- the system ----------------------------------------------------------------

SYSTEM_FIELDS = (
    "title",
    "reference",
    "ocid",
    "description",
    "regime",
    "admission_mode",
    "term_start",
    "term_end",
    "decision_period_days",
    "uplift_notice_days",
    "lead_authority_id",
    "reopening_dates",
)


@dataclass(frozen=True)
class SystemDetails:
    """What the lead authority states when it sets up a purchasing system."""

    title: str
    reference: str
    ocid: str
    description: str
    regime: Regime
    admission_mode: AdmissionMode | None
    term_start: dt.date
    term_end: dt.date
    decision_period_days: int | None = None
    uplift_notice_days: int = 84
    reopening_dates: tuple[dt.date, ...] = ()


async def create_system(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, details: SystemDetails
) -> m.PurchasingSystem:
    """A new DRAFT system led by the caller's authority, which is its first member."""
    if not actor.has_role(Role.LEAD_ADMIN) or actor.authority_id is None:
        raise Forbidden("Only a lead authority's procurement team sets up a purchasing system")
    title = checked_text(details.title, field="input.title", label="title", max_length=200)
    reference = checked_text(details.reference, field="input.reference", label="reference", max_length=60)
    ocid = details.ocid.strip()
    if not _OCID.match(ocid):
        raise ValidationError(
            "Give the Open Contracting ID as ocds-, the six-character publisher prefix, a hyphen and the "
            "process identifier, e.g. ocds-h6vhtk-nwsendfps2026",
            field="input.ocid",
        )
    description = details.description.strip()
    if len(description) > 10_000 or _CONTROL.search(description):
        raise ValidationError("Give a description of at most 10,000 characters of text", field="input.description")
    rules = regimes.policy(details.regime)
    admission_mode = rules.admission_mode(details.admission_mode)
    if details.term_end < details.term_start:
        raise ValidationError("The term must end on or after the day it starts", field="input.termEnd")
    problems = Problems()
    reopening = rules.check_term(
        problems, term_start=details.term_start, term_end=details.term_end, reopening_dates=details.reopening_dates
    )
    problems.settle()
    decision_period_days = details.decision_period_days
    if decision_period_days is None:
        decision_period_days = rules.default_decision_period_days
    if not 1 <= decision_period_days <= 90:
        raise ValidationError("The decision period is between 1 and 90 days", field="input.decisionPeriodDays")
    if not 0 <= details.uplift_notice_days <= 365:
        raise ValidationError("The notice of a fee uplift is between 0 and 365 days", field="input.upliftNoticeDays")
    if await session.scalar(select(m.PurchasingSystem.id).where(m.PurchasingSystem.reference == reference)):
        raise ValidationError(
            f"Another purchasing system already has the reference {reference}", field="input.reference"
        )
    if await session.scalar(select(m.PurchasingSystem.id).where(m.PurchasingSystem.ocid == ocid)):
        raise ValidationError(f"Another purchasing system already has the ocid {ocid}", field="input.ocid")
    system = m.PurchasingSystem(
        title=title,
        reference=reference,
        ocid=ocid,
        description=description,
        regime=details.regime,
        admission_mode=admission_mode,
        term_start=details.term_start,
        term_end=details.term_end,
        decision_period_days=decision_period_days,
        uplift_notice_days=details.uplift_notice_days,
        lead_authority_id=actor.authority_id,
        reopening_dates=None if reopening is None else [day.isoformat() for day in reopening],
    )
    session.add(system)
    await session.flush()
    session.add(m.SystemMember(system_id=system.id, authority_id=actor.authority_id, joined_on=now.date()))
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="system.created",
        entity_type="PurchasingSystem",
        entity_id=system.id,
        diff={"before": None, "after": {**camel(snapshot(system, SYSTEM_FIELDS)), "members": [actor.authority_id]}},
    )
    await _market_notice(session, now=now, system=system, event=NoticeType.DYNAMIC_MARKET_INTENTION)
    return system


async def _market_notice(
    session: AsyncSession, *, now: dt.datetime, system: m.PurchasingSystem, event: NoticeType
) -> None:
    """The notice of ``event`` (intended, established, modified, ceased), where the system's regime gives one."""
    notice_type = regimes.policy_of(system).market_notice(event)
    if notice_type is not None:
        await notices.issue(session, now=now, notice_type=notice_type, system=system)


async def activate_system(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, system_id: int, version: int | None
) -> m.PurchasingSystem:
    """DRAFT to ACTIVE: the system goes live, with at least one lot and a published specification."""
    system = await _system(session, actor=actor, now=now, system_id=system_id, field="input.id")
    _lead_of(actor, system)
    expect_version(system, version)
    status = st.system_status(system)
    if status is not st.SystemStatus.DRAFT:
        raise InvalidTransition(f"Only a DRAFT system can go live; this one is {status.value}")
    if not await session.scalar(select(m.Lot.id).where(m.Lot.system_id == system.id).limit(1)):
        raise InvalidTransition("Add at least one lot before the system goes live")
    if await _current_specification(session, system.id) is None:
        raise InvalidTransition("Publish the service specification before the system goes live")
    system.activated_at = now
    await session.flush()
    await _record_status(session, actor=actor, now=now, system=system, before=status, action="system.activated")
    await _market_notice(session, now=now, system=system, event=NoticeType.DYNAMIC_MARKET_ESTABLISHMENT)
    return system


async def close_system(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, system_id: int, version: int | None
) -> m.PurchasingSystem:
    """ACTIVE to CLOSED: no new admissions or call-offs. A draft is never closed; it never went live."""
    system = await _system(session, actor=actor, now=now, system_id=system_id, field="input.id")
    _lead_of(actor, system)
    expect_version(system, version)
    status = st.system_status(system)
    if status is not st.SystemStatus.ACTIVE:
        raise InvalidTransition(f"Only an ACTIVE system can close; this one is {status.value}")
    system.closed_at = now
    await session.flush()
    await _record_status(session, actor=actor, now=now, system=system, before=status, action="system.closed")
    await _market_notice(session, now=now, system=system, event=NoticeType.DYNAMIC_MARKET_CESSATION)
    return system


async def _record_status(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    system: m.PurchasingSystem,
    before: st.SystemStatus,
    action: str,
) -> None:
    await audit.record(
        session,
        actor=actor,
        now=now,
        action=action,
        entity_type="PurchasingSystem",
        entity_id=system.id,
        diff={"before": {"status": before.value}, "after": {"status": st.system_status(system).value, "at": now}},
    )


# -- member authorities --------------------------------------------------------


async def _authority(session: AsyncSession, *, actor: Actor, now: dt.datetime, authority_id: int) -> m.Authority:
    found = (await rows_by_id(session, actor=actor, now=now, model=m.Authority, ids=[authority_id])).get(authority_id)
    if found is None:
        raise NotFound("No authority with this ID exists", field="input.authority")
    return found


async def add_member(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    system_id: int,
    authority_id: int,
    joined_on: dt.date | None,
) -> tuple[m.PurchasingSystem, m.Authority]:
    """An authority opts in to buy through the system, from ``joined_on`` (today by default)."""
    system = await _system(session, actor=actor, now=now, system_id=system_id, field="input.system")
    _lead_of(actor, system)
    _not_closed(system, "its member authorities")
    authority = await _authority(session, actor=actor, now=now, authority_id=authority_id)
    if not authority.active:
        raise ValidationError(f"{authority.name} no longer buys placements", field="input.authority")
    if await session.get(m.SystemMember, (system.id, authority.id)) is not None:
        raise ValidationError(f"{authority.name} is already a member of this system", field="input.authority")
    joined = joined_on or now.date()
    session.add(m.SystemMember(system_id=system.id, authority_id=authority.id, joined_on=joined))
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="system.member_added",
        entity_type="PurchasingSystem",
        entity_id=system.id,
        diff={"authority": authority.gss_code, "before": None, "after": {"member": True, "joinedOn": joined}},
    )
    return system, authority


async def remove_member(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, system_id: int, authority_id: int
) -> tuple[m.PurchasingSystem, m.Authority]:
    """An authority leaves the system; only while it has called nothing off it."""
    system = await _system(session, actor=actor, now=now, system_id=system_id, field="input.system")
    _lead_of(actor, system)
    _not_closed(system, "its member authorities")
    authority = await _authority(session, actor=actor, now=now, authority_id=authority_id)
    member = await session.get(m.SystemMember, (system.id, authority.id))
    if member is None:
        raise NotFound(f"{authority.name} is not a member of this system", field="input.authority")
    if authority.id == system.lead_authority_id:
        raise InvalidTransition("The lead authority runs the system and cannot leave it")
    call_offs = await session.scalar(
        select(func.count())
        .select_from(m.CallOff)
        .join(m.Lot, m.Lot.id == m.CallOff.lot_id)
        .where(m.Lot.system_id == system.id, m.CallOff.authority_id == authority.id)
    )
    if call_offs:
        raise InvalidTransition(
            f"{authority.name} has {call_offs} call-off(s) on this system, so it stays a member while they run"
        )
    joined = member.joined_on
    await session.delete(member)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="system.member_removed",
        entity_type="PurchasingSystem",
        entity_id=system.id,
        diff={"authority": authority.gss_code, "before": {"member": True, "joinedOn": joined}, "after": None},
    )
    return system, authority


# -- lots ------------------------------------------------------------------------

LOT_FIELDS = ("code", "title", "placement_type", "weeks_per_year", "age_min", "age_max", "position")


@dataclass(frozen=True)
class LotDetails:
    """A lot as the lead authority describes it; ``None`` leaves a value as it is (or defaults it)."""

    code: str | None = None
    title: str | None = None
    placement_type: PlacementType | None = None
    weeks_per_year: int | None = None
    age_min: int | None = None
    age_max: int | None = None
    position: int | None = None


async def add_lot(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, system_id: int, details: LotDetails
) -> m.Lot:
    """A new lot; also while the system is live, never once it is closed."""
    system = await _system(session, actor=actor, now=now, system_id=system_id, field="input.system")
    _lead_of(actor, system)
    _not_closed(system, "its lots")
    regimes.policy_of(system).ensure_conditions_open(system, "its lots", field="input.system")
    if details.code is None or details.title is None or details.placement_type is None:
        raise ValidationError("A lot needs a code, a title and a placement type", field="input.code")
    if details.age_min is None or details.age_max is None:
        raise ValidationError("A lot needs an age band", field="input.ageMin")
    last = await session.scalar(select(func.max(m.Lot.position)).where(m.Lot.system_id == system.id))
    lot = m.Lot(system_id=system.id, position=(last or 0) + 1 if details.position is None else details.position)
    after = camel(await _apply_lot(session, lot, details, system_id=system.id))
    session.add(lot)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="lot.added",
        entity_type="Lot",
        entity_id=lot.id,
        diff={"system": system.id, "before": None, "after": after},
    )
    return lot


async def update_lot(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, lot_id: int, details: LotDetails
) -> m.Lot:
    """Change a lot. Its code is fixed once the system is live; a closed system's lots never change."""
    lot = (await rows_by_id(session, actor=actor, now=now, model=m.Lot, ids=[lot_id])).get(lot_id)
    if lot is None:
        raise NotFound("No lot with this ID exists", field="input.id")
    system = await session.get(m.PurchasingSystem, lot.system_id)
    assert system is not None
    _lead_of(actor, system)
    _not_closed(system, "its lots")
    regimes.policy_of(system).ensure_conditions_open(system, "its lots", field="input.id")
    if details.code is not None and details.code.strip().upper() != lot.code and system.activated_at is not None:
        raise InvalidTransition(
            "The system is live: a lot's code is fixed, as notices and call-offs cite it", field="input.code"
        )
    before = snapshot(lot, LOT_FIELDS)
    after = await _apply_lot(session, lot, details, system_id=system.id)
    diff = changed(before, after)
    if not diff["after"]:
        return lot
    await session.flush()
    await audit.record(
        session, actor=actor, now=now, action="lot.updated", entity_type="Lot", entity_id=lot.id, diff=diff
    )
    return lot


async def _apply_lot(session: AsyncSession, lot: m.Lot, details: LotDetails, *, system_id: int) -> dict[str, Any]:
    """Check ``details`` against the lot as it would become, set them, and return the lot's new values."""
    code = lot.code
    if details.code is not None:
        code = details.code.strip().upper()
        if not _CODE.match(code):
            raise ValidationError(
                "A lot code is 1 to 20 capital letters, digits or hyphens, e.g. L8", field="input.code"
            )
        taken = await session.scalar(
            select(m.Lot.id).where(m.Lot.system_id == system_id, m.Lot.code == code, m.Lot.id != lot.id)
        )
        if taken is not None:
            raise ValidationError(f"This system already has a lot {code}", field="input.code")
    title = lot.title
    if details.title is not None:
        title = checked_text(details.title, field="input.title", label="lot title", max_length=200)
    placement = details.placement_type or lot.placement_type
    weeks = details.weeks_per_year
    if weeks is None:
        weeks = lot.weeks_per_year if lot.weeks_per_year is not None else DEFAULT_WEEKS[placement]
    if weeks not in WEEKS_BY_PLACEMENT[placement]:
        allowed = " or ".join(str(w) for w in WEEKS_BY_PLACEMENT[placement])
        raise ValidationError(
            f"A {placement.value.lower()} lot runs {allowed} weeks a year", field="input.weeksPerYear"
        )
    age_min = lot.age_min if details.age_min is None else details.age_min
    age_max = lot.age_max if details.age_max is None else details.age_max
    if not 0 <= age_min <= MAX_AGE:
        raise ValidationError(f"The youngest age is between 0 and {MAX_AGE}", field="input.ageMin")
    if not 0 <= age_max <= MAX_AGE:
        raise ValidationError(f"The oldest age is between 0 and {MAX_AGE}", field="input.ageMax")
    if age_min > age_max:
        raise ValidationError("The oldest age must not be below the youngest", field="input.ageMax")
    position = lot.position if details.position is None else details.position
    if not 0 <= position <= 1000:
        raise ValidationError("The position is between 0 and 1000", field="input.position")
    lot.code, lot.title, lot.placement_type, lot.weeks_per_year = code, title, placement, weeks
    lot.age_min, lot.age_max, lot.position = age_min, age_max, position
    return snapshot(lot, LOT_FIELDS)


# -- specifications ----------------------------------------------------------------


async def _current_specification(session: AsyncSession, system_id: int) -> m.Specification | None:
    s = m.Specification
    return await session.scalar(
        select(s).where(s.system_id == system_id, s.published_at.is_not(None), s.superseded_at.is_(None))
    )


async def _specification(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, specification_id: int
) -> tuple[m.Specification, m.PurchasingSystem]:
    spec = (await rows_by_id(session, actor=actor, now=now, model=m.Specification, ids=[specification_id])).get(
        specification_id
    )
    if spec is None:
        raise NotFound("No specification with this ID exists, or you may not see it", field="input.id")
    system = await session.get(m.PurchasingSystem, spec.system_id)
    assert system is not None
    _lead_of(actor, system)
    return spec, system


def _still_draft(spec: m.Specification, what: str) -> None:
    status = st.specification_status(spec)
    if status is not st.SpecificationStatus.DRAFT:
        raise InvalidTransition(
            f"Version {spec.version_number} is {status.value} and never changes: {what} a new draft instead"
        )


async def create_specification_draft(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    system_id: int,
    title: str | None,
    body: str | None,
    notice_period_weeks: int | None = None,
) -> m.Specification:
    """The next version, as a draft; title, body and notice period start as the latest version's unless given."""
    system = await _system(session, actor=actor, now=now, system_id=system_id, field="input.system")
    _lead_of(actor, system)
    _not_closed(system, "its specification")
    regimes.policy_of(system).ensure_conditions_open(system, "its specification", field="input.system")
    s = m.Specification
    latest = await session.scalar(select(s).where(s.system_id == system.id).order_by(s.version_number.desc()).limit(1))
    if latest is not None and latest.published_at is None:
        raise InvalidTransition(
            f"Version {latest.version_number} is still a draft: edit or publish it first", field="input.system"
        )
    new_title = _spec_title(title) if title is not None else latest.title if latest is not None else None
    new_body = _spec_body(body) if body is not None else latest.body if latest is not None else None
    if new_title is None:
        raise ValidationError("Give the first version a title", field="input.title")
    if new_body is None:
        raise ValidationError("Give the first version a body", field="input.body")
    spec = s(
        system_id=system.id,
        version_number=(latest.version_number if latest else 0) + 1,
        title=new_title,
        body=new_body,
        notice_period_weeks=(
            _notice_weeks(notice_period_weeks)
            if notice_period_weeks is not None
            else latest.notice_period_weeks
            if latest is not None
            else None
        ),
    )
    session.add(spec)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="specification.drafted",
        entity_type="Specification",
        entity_id=spec.id,
        diff={
            "system": system.id,
            "before": None,
            "after": {"versionNumber": spec.version_number, "title": spec.title, "bodyLength": len(spec.body)},
        },
    )
    return spec


MAX_NOTICE_WEEKS = 52


def _notice_weeks(weeks: int) -> int | None:
    """The notice either party gives to end a placement, in weeks; 0 for one term (the default)."""
    if not 0 <= weeks <= MAX_NOTICE_WEEKS:
        raise ValidationError(
            f"Give the notice in weeks, 1 to {MAX_NOTICE_WEEKS}, or 0 for one term", field="input.noticePeriodWeeks"
        )
    return weeks or None


async def update_specification_draft(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    specification_id: int,
    version: int | None,
    title: str | None,
    body: str | None,
    notice_period_weeks: int | None = None,
) -> m.Specification:
    """Edit a draft; a published or superseded version is refused."""
    spec, _ = await _specification(session, actor=actor, now=now, specification_id=specification_id)
    _still_draft(spec, "write")
    expect_version(spec, version)
    kept = ("title", "body", "notice_period_weeks")
    before = snapshot(spec, kept)
    if title is not None:
        spec.title = _spec_title(title)
    if body is not None:
        spec.body = _spec_body(body)
    if notice_period_weeks is not None:
        spec.notice_period_weeks = _notice_weeks(notice_period_weeks)
    diff = changed(before, snapshot(spec, kept))
    if not diff["after"]:
        return spec
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="specification.updated",
        entity_type="Specification",
        entity_id=spec.id,
        diff=diff,
    )
    return spec


async def publish_specification(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, specification_id: int, version: int | None
) -> tuple[m.Specification, m.Specification | None]:
    """Publish a draft: it becomes current, and the version it replaces is superseded at the same moment."""
    spec, system = await _specification(session, actor=actor, now=now, specification_id=specification_id)
    _still_draft(spec, "publish")
    _not_closed(system, "its specification")
    regimes.policy_of(system).ensure_conditions_open(system, "its specification", field="input.id")
    expect_version(spec, version)
    previous = await _current_specification(session, system.id)
    if previous is not None:
        previous.superseded_at = now
        await session.flush()
        await audit.record(
            session,
            actor=actor,
            now=now,
            action="specification.superseded",
            entity_type="Specification",
            entity_id=previous.id,
            diff={"before": {"status": "PUBLISHED"}, "after": {"status": "SUPERSEDED", "by": spec.version_number}},
        )
    spec.published_at = now
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="specification.published",
        entity_type="Specification",
        entity_id=spec.id,
        diff={
            "before": {"status": "DRAFT"},
            "after": {
                "status": "PUBLISHED",
                "publishedAt": now,
                "supersedes": previous.version_number if previous else None,
            },
        },
    )
    return spec, previous


def _spec_title(value: str) -> str:
    return checked_text(value, field="input.title", label="specification title", max_length=200)


def _spec_body(value: str) -> str:
    return checked_text(value, field="input.body", label="specification text", max_length=200_000, multiline=True)
