"""An establishment closing, or a provider leaving a lot: the placements it leaves to move, and where each could go.

- **Marking closing.** The lead authority (or the provider, for its own establishment) says when an establishment
  closes and why (:func:`mark_establishment_closing`): a date today or later, and a reason. Every authority with a
  placement there still running after that date is told (``establishment.closing``), with how many.
- **The placements affected** (:func:`affected_placements`) by a closing establishment, or by a lot membership
  removed (or ending): per placing authority, the placements there (or under that membership) still running after
  the day, each with when it would otherwise end. A placement still running is one not terminated whose end
  (:func:`api.domain.endings.ends_on`) is after the day, or not known.
- **Re-matching.** For each child, the referral's profile is matched again against today's market by the existing
  matching (:func:`api.domain.matching.candidates`): the child as they will be on the day they must move (their
  age at the start plus the whole years since), the eligible establishments only, leaving out the one they are at
  and any establishment marked closing by that day. Only the placing authority's people see a child's matches, as
  they alone see a referral's matches; the lead authority and auditors see every authority's placements without
  them, and a provider sees its own placements only, never another provider's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import AUTHORITY_ROLES, Actor, Role
from api.domain import audit, endings, matching, notifications
from api.domain.errors import Forbidden, NotFound, Problems, ValidationError
from api.domain.notification_kinds import Kind, global_id
from api.domain.queries import rows_by_id
from api.domain.rounds import clean_text
from api.domain.versions import expect_version
from api.domain.visibility import visible
from db import models as m

MAX_CLOSING_REASON = 2000


# -- marking an establishment closing ----------------------------------------------------------------


async def mark_establishment_closing(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    establishment_id: int,
    version: int | None,
    closing_on: dt.date,
    reason: str,
) -> m.Establishment:
    """Say when an establishment closes and why; the authorities with placements running past it are told."""
    establishment = (
        await rows_by_id(session, actor=actor, now=now, model=m.Establishment, ids=[establishment_id])
    ).get(establishment_id)
    if establishment is None:
        raise NotFound("No establishment has this ID", field="input.establishment")
    if not actor.has_role(Role.LEAD_ADMIN):
        if not actor.has_role(Role.PROVIDER_USER) or actor.provider_id is None:
            raise Forbidden("The lead authority, or the provider itself, says an establishment is closing")
        if establishment.provider_id != actor.provider_id:
            raise NotFound("No establishment of your organisation has this ID", field="input.establishment")
    expect_version(establishment, version)
    problems = Problems()
    if closing_on < now.date():
        problems.add("The closing date cannot be in the past", field="input.closingOn")
    why = problems.check(clean_text, reason, field="input.reason", label="reason", max_length=MAX_CLOSING_REASON)
    problems.settle()
    before = _closing(establishment)
    establishment.closing_on, establishment.closing_reason = closing_on, why
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="establishment.closing",
        entity_type="Establishment",
        entity_id=establishment.id,
        diff={"before": before, "after": _closing(establishment)},
    )
    running = await running_after(session, on=closing_on, today=now.date(), establishment_id=establishment.id)
    by_authority: dict[int, int] = {}
    for call_off, _ in running:
        by_authority[call_off.authority_id] = by_authority.get(call_off.authority_id, 0) + 1
    for authority_id, count in sorted(by_authority.items()):
        await notifications.notify(
            session,
            now=now,
            kind=Kind.ESTABLISHMENT_CLOSING,
            to=notifications.To.authority(authority_id),
            subject_type="Establishment",
            subject_id=establishment.id,
            payload={
                "establishment": establishment.name,
                "urn": establishment.urn,
                "closingOn": closing_on.isoformat(),
                "placements": f"{count} placement{'s' if count != 1 else ''}",
                "establishmentId": global_id("Establishment", establishment.id),
            },
        )
    return establishment


def _closing(row: m.Establishment) -> dict[str, str | None]:
    return {
        "closingOn": row.closing_on.isoformat() if row.closing_on else None,
        "closingReason": row.closing_reason,
    }


# -- the placements affected -------------------------------------------------------------------------


async def running_after(
    session: AsyncSession,
    *,
    on: dt.date,
    today: dt.date,
    establishment_id: int | None = None,
    provider_id: int | None = None,
    lot_id: int | None = None,
    condition: object | None = None,
) -> list[tuple[m.CallOff, endings.PhaseEnds]]:
    """The call-offs at an establishment (or of a provider on a lot) still running after ``on``, in authority and
    call-off order, with their planned ends; no tenancy check beyond ``condition``."""
    c = m.CallOff
    where = [c.terminated_at.is_(None), or_(c.end_date.is_(None), c.end_date > on)]
    if establishment_id is not None:
        where.append(c.establishment_id == establishment_id)
    if provider_id is not None:
        where.append(and_(c.provider_id == provider_id, c.lot_id == lot_id))
    if condition is not None:
        where.append(condition)
    rows = list(await session.scalars(select(c).where(*where).order_by(c.authority_id, c.id)))
    ends = await endings.planned_ends(session, [r.id for r in rows])
    kept = []
    for row in rows:
        phase = ends.get(row.id, endings.PhaseEnds((), None))
        last = endings.ends_on(row, phase.planned, today)
        if last is None or last > on:
            kept.append((row, phase))
    return kept


@dataclass(frozen=True)
class AffectedPlacement:
    """A placement to move, when it would otherwise end, and (for its placing authority) where the child could go:
    None where the caller may not see the child's matches."""

    call_off: m.CallOff
    ends_on: dt.date | None
    alternatives: list[matching.Match] | None


@dataclass(frozen=True)
class Affected:
    """What closes (an establishment or a membership), the day placements must move by, and the placements."""

    on: dt.date
    establishment_id: int | None
    membership_id: int | None
    placements: list[AffectedPlacement]


_READERS = (*AUTHORITY_ROLES, Role.LEAD_ADMIN, Role.AUDITOR, Role.PROVIDER_USER)


async def affected_placements(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    establishment_id: int | None = None,
    membership_id: int | None = None,
) -> Affected:
    """The placements a closing establishment, or a removed (or ending) lot membership, leaves to move: see the
    module. Only those ``actor`` may see: an authority its own, the lead authority and auditors every one, a
    provider its own (and only for its own establishment or membership)."""
    if (establishment_id is None) == (membership_id is None):
        raise ValidationError("Name an establishment or a lot membership, one of them", field="establishment")
    if not actor.has_role(*_READERS):
        raise Forbidden("Your role may not see the placements affected by a closure")
    own_provider = actor.provider_id if actor.has_role(Role.PROVIDER_USER) else None
    scope = visible(m.CallOff, actor, now)
    if establishment_id is not None:
        establishment = (
            await rows_by_id(session, actor=actor, now=now, model=m.Establishment, ids=[establishment_id])
        ).get(establishment_id)
        if establishment is None:
            raise NotFound("No establishment has this ID", field="establishment")
        if own_provider is not None and establishment.provider_id != own_provider:
            raise Forbidden("A provider sees the placements at its own establishments only", field="establishment")
        if establishment.closing_on is None:
            raise ValidationError("This establishment is not marked as closing", field="establishment")
        on = establishment.closing_on
        running = await running_after(
            session, on=on, today=now.date(), establishment_id=establishment_id, condition=scope
        )
    else:
        assert membership_id is not None
        membership = (await rows_by_id(session, actor=actor, now=now, model=m.LotMembership, ids=[membership_id])).get(
            membership_id
        )
        if membership is None:
            raise NotFound("No lot membership has this ID", field="membership")
        if own_provider is not None and membership.provider_id != own_provider:
            raise Forbidden("A provider sees the placements under its own memberships only", field="membership")
        if membership.removed_at is not None:
            on = membership.removed_at.date()
        elif membership.until is not None:
            on = membership.until
        else:
            raise ValidationError("This membership has not been removed, nor does it end", field="membership")
        running = await running_after(
            session,
            on=on,
            today=now.date(),
            provider_id=membership.provider_id,
            lot_id=membership.lot_id,
            condition=scope,
        )
    closing = await _closing_by(session, on)
    placements = []
    for call_off, phase in running:
        leave_out = {call_off.establishment_id, *closing}
        placements.append(
            AffectedPlacement(
                call_off,
                endings.ends_on(call_off, phase.planned, now.date()),
                await _alternatives(session, actor=actor, now=now, call_off=call_off, on=on, leave_out=leave_out),
            )
        )
    return Affected(on, establishment_id, membership_id, placements)


async def _closing_by(session: AsyncSession, on: dt.date) -> set[int]:
    """Establishments marked closing on or before ``on``: no child moves to one of them."""
    e = m.Establishment
    return set(await session.scalars(select(e.id).where(e.closing_on.is_not(None), e.closing_on <= on)))


def _age_on(referral: m.Referral, start: dt.date, day: dt.date) -> int:
    """The child's age on ``day``: their age at the start, plus the whole years since (at least that)."""
    years = day.year - start.year - ((day.month, day.day) < (start.month, start.day))
    return referral.age_at_start + max(years, 0)


async def _alternatives(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off: m.CallOff,
    on: dt.date,
    leave_out: Sequence[int] | set[int],
) -> list[matching.Match] | None:
    """The eligible establishments for the child, as they will be on ``on``, in today's market; None for a block
    contract, or where the caller may not see the referral's matches."""
    if call_off.referral_id is None:
        return None
    referral = (await rows_by_id(session, actor=actor, now=now, model=m.Referral, ids=[call_off.referral_id])).get(
        call_off.referral_id
    )
    if referral is None or not matching.sees_matches(actor, referral):
        return None
    profile = matching.Profile.of(referral)
    profile = replace(profile, age=_age_on(referral, call_off.start_date, max(on, now.date())))
    found = await matching.candidates(
        session, now=now, referral=referral, options=matching.Options(eligible_only=True), profile=profile
    )
    return [x for x in found if x.establishment_id not in leave_out]
