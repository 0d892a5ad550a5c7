"""Managing lot memberships and excluding providers (lead authority only)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit, notices, notifications, regimes
from api.domain import status as st
from api.domain.errors import Forbidden, InvalidTransition, NotFound, ValidationError
from api.domain.notification_kinds import Kind, day, global_id
from api.domain.queries import rows_by_id, system_of_lot
from api.domain.versions import expect_version
from db import models as m
from db.enums import NoticeType, ProviderStatus


def _lead(actor: Actor) -> None:
    if not actor.has_role(Role.LEAD_ADMIN):
        raise Forbidden("Only the lead authority manages memberships")


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError("Give a reason; it is recorded and shown to the provider", field="input.reason")
    return reason.strip()


async def _membership(session: AsyncSession, *, actor: Actor, now: dt.datetime, membership_id: int) -> m.LotMembership:
    found = (await rows_by_id(session, actor=actor, now=now, model=m.LotMembership, ids=[membership_id])).get(
        membership_id
    )
    if found is None:
        raise NotFound("No lot membership with this ID exists", field="input.membership")
    return found


def _snapshot(row: m.LotMembership, today: dt.date) -> dict[str, object]:
    return {
        "status": st.membership_status(row, today).value,
        "suspensionReason": row.suspension_reason,
        "suspendedUntil": row.suspended_until,
        "removalReason": row.removal_reason,
    }


async def _record(
    session: AsyncSession, actor: Actor, now: dt.datetime, action: str, row: m.LotMembership, before: dict[str, object]
) -> None:
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action=action,
        entity_type="LotMembership",
        entity_id=row.id,
        diff={"before": before, "after": _snapshot(row, now.date())},
    )
    await _tell(session, now=now, action=action, row=row)
    if action == "membership.removed":
        await _market_modified(session, now=now, row=row)


async def _market_modified(session: AsyncSession, *, now: dt.datetime, row: m.LotMembership) -> None:
    """A supplier removed from a dynamic market: its modification notice."""
    system = await system_of_lot(session, row.lot_id)
    notice_type = regimes.policy_of(system).market_notice(NoticeType.DYNAMIC_MARKET_MODIFICATION)
    if notice_type is not None:
        await notices.issue(session, now=now, notice_type=notice_type, system=system, memberships=[row])


_KINDS = {
    "membership.suspended": Kind.MEMBERSHIP_SUSPENDED,
    "membership.reinstated": Kind.MEMBERSHIP_REINSTATED,
    "membership.removed": Kind.MEMBERSHIP_REMOVED,
}


async def _tell(session: AsyncSession, *, now: dt.datetime, action: str, row: m.LotMembership) -> None:
    """Tell the provider its membership changed; the reason is read in the portal."""
    lot = await session.get(m.Lot, row.lot_id)
    assert lot is not None
    system = await session.get(m.PurchasingSystem, lot.system_id)
    until = f"until {day(row.suspended_until.isoformat())}" if row.suspended_until else "until further notice"
    await notifications.notify(
        session,
        now=now,
        kind=_KINDS[action],
        to=notifications.To.provider(row.provider_id),
        subject_type="LotMembership",
        subject_id=row.id,
        payload={
            "lot": lot.code,
            "system": system.title if system else "",
            "membershipId": global_id("LotMembership", row.id),
            "until": until,
        },
    )


async def suspend(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    membership_id: int,
    reason: str,
    until: dt.date | None,
    version: int | None,
) -> m.LotMembership:
    """Bar a member from new referrals on the lot, with a reason and optionally an end date."""
    _lead(actor)
    row = await _membership(session, actor=actor, now=now, membership_id=membership_id)
    expect_version(row, version)
    if st.membership_status(row, now.date()) is not st.MembershipStatus.ACTIVE:
        raise InvalidTransition("Only an active membership can be suspended")
    if until is not None and until <= now.date():
        raise ValidationError("The suspension must end after today", field="input.until")
    before = _snapshot(row, now.date())
    row.suspended_at, row.suspension_reason, row.suspended_until = now, _reason(reason), until
    await _record(session, actor, now, "membership.suspended", row, before)
    return row


async def reinstate(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, membership_id: int, version: int | None
) -> m.LotMembership:
    """Lift a suspension; an excluded provider's memberships stay suspended."""
    _lead(actor)
    row = await _membership(session, actor=actor, now=now, membership_id=membership_id)
    expect_version(row, version)
    if st.membership_status(row, now.date()) is not st.MembershipStatus.SUSPENDED:
        raise InvalidTransition("Only a suspended membership can be reinstated")
    provider = await session.get(m.Provider, row.provider_id)
    if provider is not None and provider.status is ProviderStatus.EXCLUDED:
        raise InvalidTransition("The provider is excluded; its memberships cannot be reinstated")
    before = _snapshot(row, now.date())
    row.suspended_at = row.suspension_reason = row.suspended_until = None
    await _record(session, actor, now, "membership.reinstated", row, before)
    return row


async def remove(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, membership_id: int, reason: str, version: int | None
) -> m.LotMembership:
    """End a membership for good, with a reason. Call-offs already made are unaffected."""
    _lead(actor)
    row = await _membership(session, actor=actor, now=now, membership_id=membership_id)
    expect_version(row, version)
    if row.removed_at is not None:
        raise InvalidTransition("The membership was already removed")
    before = _snapshot(row, now.date())
    row.removed_at, row.removal_reason = now, _reason(reason)
    await _record(session, actor, now, "membership.removed", row, before)
    return row


async def remove_for_exclusion(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, row: m.LotMembership, reason: str
) -> None:
    """Remove a current membership of a provider on an excluded-supplier list (:mod:`api.domain.exclusions`),
    with ``reason``: audited and told to the provider as :func:`remove` is."""
    before = _snapshot(row, now.date())
    row.removed_at, row.removal_reason = now, reason
    await _record(session, actor, now, "membership.removed", row, before)


async def exclude_provider(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, provider_id: int, reason: str, version: int | None
) -> m.Provider:
    """Exclude a provider under procurement law: every current membership is suspended."""
    _lead(actor)
    provider = (await rows_by_id(session, actor=actor, now=now, model=m.Provider, ids=[provider_id])).get(provider_id)
    if provider is None:
        raise NotFound("No provider with this ID exists", field="input.provider")
    expect_version(provider, version)
    if provider.status is ProviderStatus.EXCLUDED:
        raise InvalidTransition("The provider is already excluded")
    why = _reason(reason)
    before = {"status": provider.status.value, "statusReason": provider.status_reason}
    provider.status, provider.status_reason = ProviderStatus.EXCLUDED, why
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="provider.excluded",
        entity_type="Provider",
        entity_id=provider.id,
        diff={"before": before, "after": {"status": "EXCLUDED", "statusReason": why}},
    )
    current = await session.scalars(
        select(m.LotMembership).where(m.LotMembership.provider_id == provider_id, m.LotMembership.removed_at.is_(None))
    )
    for row in current:
        if st.membership_status(row, now.date()) is st.MembershipStatus.ACTIVE:
            before_row = _snapshot(row, now.date())
            row.suspended_at, row.suspension_reason = now, f"Provider excluded: {why}"
            await _record(session, actor, now, "membership.suspended", row, before_row)
    return provider
