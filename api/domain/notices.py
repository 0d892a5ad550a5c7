"""Procurement Act 2023 notices: generated from what happens, validated, queued, and sent to Find a Tender.

A notice is an OCDS release of the contracting process it belongs to (a dynamic market, or a call-off's own
process), with the UK extension's fields, stored as :class:`db.models.ProcurementNotice`. :func:`issue` is the
one entry point: the domain calls it, in the transaction of the event, when the regime policy
(:mod:`api.domain.regimes`) says a notice is due.

Queueing writes the notice's outbox row (:func:`queue`): a ``FIND_A_TENDER`` notification whose subject is the
notice, which the relay hands to the Find a Tender publisher (:mod:`api.delivery.find_a_tender`).

The release is built by :mod:`api.domain.notice_releases` from rows loaded here in a few statements, and checked
against the OCDS schema merged with the UK extension (:mod:`api.domain.ocds_schema`). A notice that does not
validate stays DRAFT with its problems; :func:`publish_again` sends a draft once it validates, or a notice Find a
Tender refused (FAILED), again: the lead authority for the system's own notices, the buying authority's
commissioner for a call-off's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit, notice_releases, ocds_schema, regimes
from api.domain.clock import UK
from api.domain.errors import Duplicate, Forbidden, InvalidTransition, NotFound, Problem, ValidationError
from api.domain.notice_releases import Admission, Facts, PaymentFigures, Supplier
from api.domain.notification_kinds import Kind
from api.domain.queries import scoped
from api.domain.visibility import visible
from api.domain.wording import state
from db import models as m
from db.enums import NoticeStatus, NoticeType

FIND_A_TENDER = "FIND_A_TENDER"
"""The outbox channel of notices."""


async def queue(session: AsyncSession, *, now: dt.datetime, notice: m.ProcurementNotice) -> m.Notification:
    """Mark ``notice`` QUEUED and write its outbox row, due now."""
    notice.queued_at = now
    notice.failed_at = None
    row = m.Notification(
        created_at=now,
        kind=Kind.NOTICE_TO_FIND_A_TENDER.value,
        channel=FIND_A_TENDER,
        recipient_type="FindATender",
        recipient_id=0,
        user_id=None,
        subject_type="ProcurementNotice",
        subject_id=notice.id,
        payload={"noticeType": notice.notice_type.value, "releaseId": notice.release_id},
        attempts=0,
        next_attempt_at=now,
    )
    session.add(row)
    await session.flush()
    return row


async def issue(
    session: AsyncSession,
    *,
    now: dt.datetime,
    notice_type: NoticeType,
    system: m.PurchasingSystem,
    referral: m.Referral | None = None,
    call_off: m.CallOff | None = None,
    amendment: m.FeeAmendment | None = None,
    memberships: Sequence[m.LotMembership] | None = None,
    authority: m.Authority | None = None,
    half_year: tuple[int, int] | None = None,
) -> m.ProcurementNotice:
    """Generate the notice of ``notice_type`` for the process named, validate it, store it, and queue it if valid.

    A notice that does not validate stays DRAFT with its ``problems``; nothing is sent.

    The process is the system's own for dynamic market notices, payments compliance notices and a tender notice
    naming no referral or call-off; otherwise the call-off's (the referral's, before an award). Optional, where
    the notice is about one of them:

    - ``amendment``: the fee amendment of a contract change notice (default: the call-off's latest);
    - ``memberships``: the memberships a dynamic market notice lists (default: the current members for an
      establishment; for a modification, those admitted or removed since the system's last UK14 or UK15);
    - ``authority`` and ``half_year`` (its first year, and 1 for April to September or 2 for October to March):
      whose payments a payments compliance notice reports (:func:`api.domain.invoices.payment_performance`), and
      for which half year (default: the lead authority, the last half year ended before ``now``).
    """
    if referral is None and call_off is not None and call_off.referral_id is not None:
        referral = await session.get(m.Referral, call_off.referral_id)
    facts = await _facts(
        session,
        now=now,
        notice_type=notice_type,
        system=system,
        referral=referral,
        call_off=call_off,
        amendment=amendment,
        memberships=memberships,
        authority=authority,
        half_year=half_year,
    )
    facts = replace(facts, sequence=await _free_sequence(session, notice_releases.release_id(facts)))
    release = notice_releases.build(facts)
    found = ocds_schema.problems(release)
    notice = m.ProcurementNotice(
        notice_type=notice_type,
        system_id=system.id,
        referral_id=referral.id if referral is not None else None,
        call_off_id=call_off.id if call_off is not None else None,
        ocid=release["ocid"],
        release_id=release["id"],
        release=release,
        problems=found or None,
        created_at=now,
    )
    session.add(notice)
    await session.flush()
    if not found:
        await queue(session, now=now, notice=notice)
    return notice


async def _free_sequence(session: AsyncSession, base: str) -> int:
    """0 if no notice has the release id ``base`` yet; else the next free ``-n`` after it."""
    pattern = base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%"
    rows = await session.scalars(
        select(m.ProcurementNotice.release_id).where(
            or_(m.ProcurementNotice.release_id == base, m.ProcurementNotice.release_id.like(pattern, escape="\\"))
        )
    )
    taken = set(rows)
    if base not in taken:
        return 0
    used = {int(rid[len(base) + 1 :]) for rid in taken if rid[len(base) + 1 :].isdigit()}
    return max(used, default=0) + 1


async def _facts(
    session: AsyncSession,
    *,
    now: dt.datetime,
    notice_type: NoticeType,
    system: m.PurchasingSystem,
    referral: m.Referral | None,
    call_off: m.CallOff | None,
    amendment: m.FeeAmendment | None,
    memberships: Sequence[m.LotMembership] | None,
    authority: m.Authority | None,
    half_year: tuple[int, int] | None,
) -> Facts:
    """Every row the notice is built from, each kind in one statement."""
    of_system = notice_releases.is_system_notice(notice_type, referral=referral, call_off=call_off)
    # authorities: the lead, the buyer, and for the system's own notices its members
    buyer_id = (
        authority.id
        if authority is not None
        else call_off.authority_id
        if call_off is not None
        else referral.authority_id
        if referral is not None
        else system.lead_authority_id
    )
    wanted = m.Authority.id.in_({system.lead_authority_id, buyer_id})
    if of_system:
        members = select(m.SystemMember.authority_id).where(m.SystemMember.system_id == system.id)
        wanted = or_(wanted, m.Authority.id.in_(members))
        member_ids = set(await session.scalars(members))
    else:
        member_ids = set()
    authorities = {a.id: a for a in await session.scalars(select(m.Authority).where(wanted))}
    lots = list(
        await session.scalars(select(m.Lot).where(m.Lot.system_id == system.id).order_by(m.Lot.position, m.Lot.id))
    )
    lot_id = call_off.lot_id if call_off is not None else referral.lot_id if referral is not None else None
    lot = next((x for x in lots if x.id == lot_id), None)
    admissions_of: list[m.LotMembership] = []
    if notice_type in (NoticeType.DYNAMIC_MARKET_ESTABLISHMENT, NoticeType.DYNAMIC_MARKET_MODIFICATION):
        admissions_of = (
            list(memberships)
            if memberships is not None
            else await _changed_memberships(session, system=system, notice_type=notice_type)
        )
    provider_ids = {x.provider_id for x in admissions_of}
    if call_off is not None and notice_type in _WITH_SUPPLIER:
        provider_ids.add(call_off.provider_id)
    elif referral is not None and notice_type is NoticeType.TRANSPARENCY:
        invited = list(
            await session.scalars(
                select(m.ReferralInvitation.provider_id).where(m.ReferralInvitation.referral_id == referral.id)
            )
        )
        if len(invited) == 1:  # a direct award invites exactly one provider
            provider_ids.add(invited[0])
    suppliers = await _suppliers(session, provider_ids)
    supplier = None
    if call_off is not None and notice_type in _WITH_SUPPLIER:
        supplier = suppliers.get(call_off.provider_id)
    elif provider_ids and not admissions_of:
        supplier = suppliers.get(next(iter(provider_ids)))
    if notice_type is NoticeType.CONTRACT_CHANGE and amendment is None and call_off is not None:
        amendment = await session.scalar(
            select(m.FeeAmendment)
            .where(m.FeeAmendment.call_off_id == call_off.id)
            .order_by(m.FeeAmendment.agreed_at.desc(), m.FeeAmendment.id.desc())
            .limit(1)
        )
    payments = None
    if notice_type is NoticeType.PAYMENTS_COMPLIANCE:
        payments = await _payment_figures(session, now=now, authority_id=buyer_id, half_year=half_year)
    return Facts(
        notice_type=notice_type,
        now=now,
        system=system,
        lead=authorities[system.lead_authority_id],
        members=[authorities[i] for i in sorted(member_ids) if i in authorities],
        lots=lots,
        authority=authorities.get(buyer_id),
        lot=lot,
        referral=referral,
        call_off=call_off,
        supplier=supplier,
        amendment=amendment,
        admissions=[Admission(x, suppliers[x.provider_id]) for x in admissions_of],
        payments=payments,
    )


_WITH_SUPPLIER = frozenset({NoticeType.TRANSPARENCY, NoticeType.CONTRACT_AWARD, NoticeType.CONTRACT_DETAILS})
"""The call-off notices that name the supplier."""


async def _suppliers(session: AsyncSession, provider_ids: set[int]) -> dict[int, Supplier]:
    if not provider_ids:
        return {}
    providers = list(await session.scalars(select(m.Provider).where(m.Provider.id.in_(provider_ids))))
    identifiers: dict[int, list[m.ProviderIdentifier]] = {p.id: [] for p in providers}
    stmt = select(m.ProviderIdentifier).where(m.ProviderIdentifier.provider_id.in_(provider_ids))
    for row in await session.scalars(stmt.order_by(m.ProviderIdentifier.id)):
        identifiers[row.provider_id].append(row)
    return {p.id: Supplier(p, identifiers[p.id]) for p in providers}


async def _changed_memberships(
    session: AsyncSession, *, system: m.PurchasingSystem, notice_type: NoticeType
) -> list[m.LotMembership]:
    """The current members (an establishment); the members admitted or removed since the last UK14 or UK15
    (a modification)."""
    ms = m.LotMembership
    of_system = ms.lot_id.in_(select(m.Lot.id).where(m.Lot.system_id == system.id))
    if notice_type is NoticeType.DYNAMIC_MARKET_ESTABLISHMENT:
        return list(await session.scalars(select(ms).where(of_system, ms.removed_at.is_(None)).order_by(ms.id)))
    n = m.ProcurementNotice
    last = await session.scalar(
        select(n.created_at)
        .where(
            n.system_id == system.id,
            n.notice_type.in_((NoticeType.DYNAMIC_MARKET_ESTABLISHMENT, NoticeType.DYNAMIC_MARKET_MODIFICATION)),
        )
        .order_by(n.created_at.desc(), n.id.desc())
        .limit(1)
    )
    stmt = select(ms).where(of_system)
    if last is not None:
        stmt = stmt.where(or_(ms.since >= last.date(), ms.removed_at >= last))
    return list(await session.scalars(stmt.order_by(ms.id)))


def last_half_year(today: dt.date) -> tuple[int, int]:
    """The half year (first year, half) that ended last before ``today``: April to September is 1, October to
    March 2."""
    if today.month >= 10:
        return today.year, 1
    if today.month >= 4:
        return today.year - 1, 2
    return today.year - 1, 1


async def _payment_figures(
    session: AsyncSession, *, now: dt.datetime, authority_id: int, half_year: tuple[int, int] | None
) -> PaymentFigures:
    """The authority's payment of its invoices in the half year, as :mod:`api.domain.invoices` works it out."""
    from api.domain import invoices  # here: invoices reaches modules that issue notices

    first_year, half = half_year or last_half_year(now.astimezone(UK).date())
    found = await invoices.payment_performance(
        session, now=now, authority_id=authority_id, first_year=first_year, half=half
    )
    return PaymentFigures(
        period_start=found.first_day,
        period_end=found.last_day,
        invoices_paid=found.invoices_paid,
        paid_within_terms=found.paid_within_30_days,
        average_days=found.average_days,
        overdue_unpaid=found.overdue_unpaid,
    )


# -- reading ------------------------------------------------------------------------------------------


def status(notice: m.ProcurementNotice) -> NoticeStatus:
    """DRAFT until queued; then QUEUED, PUBLISHED once Find a Tender published it, FAILED once it refused it."""
    if notice.published_at is not None:
        return NoticeStatus.PUBLISHED
    if notice.failed_at is not None:
        return NoticeStatus.FAILED
    if notice.queued_at is not None:
        return NoticeStatus.QUEUED
    return NoticeStatus.DRAFT


def find_a_tender_type(notice_type: NoticeType) -> str:
    """The number Find a Tender gives a notice of ``notice_type``: ``"UK4"``, ``"UK6"`` …"""
    return notice_releases.find_a_tender_type(notice_type)


# -- lists ---------------------------------------------------------------------------------------------


def _status_is(status: NoticeStatus) -> Any:
    n = m.ProcurementNotice
    if status is NoticeStatus.DRAFT:
        return n.queued_at.is_(None)
    if status is NoticeStatus.PUBLISHED:
        return n.published_at.is_not(None)
    if status is NoticeStatus.FAILED:
        return n.failed_at.is_not(None)
    return and_(n.queued_at.is_not(None), n.published_at.is_(None), n.failed_at.is_(None))


def listing(
    actor: Actor,
    *,
    now: dt.datetime,
    system_id: int | None = None,
    call_off_id: int | None = None,
    notice_type: NoticeType | None = None,
    status: NoticeStatus | None = None,
) -> Select[Any]:
    """The notices ``actor`` may see, filtered."""
    n = m.ProcurementNotice
    stmt = scoped(n, actor, now)
    if system_id is not None:
        stmt = stmt.where(n.system_id == system_id)
    if call_off_id is not None:
        stmt = stmt.where(n.call_off_id == call_off_id)
    if notice_type is not None:
        stmt = stmt.where(n.notice_type == notice_type)
    if status is not None:
        stmt = stmt.where(_status_is(status))
    return stmt


# -- sending again ------------------------------------------------------------------------------------


async def publish_again(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, notice_id: int
) -> m.ProcurementNotice:
    """Queue a DRAFT notice once its release validates, or a FAILED one again.

    The system's own notices are the lead authority's; a call-off's (or referral's) are its buying authority's
    commissioner's. A draft that still does not validate is refused with its problems; a notice queued or
    published already cannot be sent again.
    """
    notice = await session.scalar(
        select(m.ProcurementNotice)
        .where(m.ProcurementNotice.id == notice_id, visible(m.ProcurementNotice, actor, now))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if notice is None:
        raise NotFound("No such notice, or you may not see it", field="input.notice")
    await _ensure_sender(session, actor=actor, notice=notice)
    before = status(notice)
    if before in (NoticeStatus.QUEUED, NoticeStatus.PUBLISHED):
        raise InvalidTransition(
            f"This notice {state(before)}; only a draft or a notice Find a Tender did not accept is sent again",
            field="input.notice",
        )
    if before is NoticeStatus.DRAFT:
        found = ocds_schema.problems(notice.release)
        if found:
            raise ValidationError(
                f"This notice does not validate against the OCDS schema with the UK extension: {len(found)} problem(s)",
                field="input.notice",
                problems=[Problem(text, "input.notice") for text in found],
            )
        notice.problems = None
    await queue(session, now=now, notice=notice)
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="procurementNotice.queued",
        entity_type="ProcurementNotice",
        entity_id=notice.id,
        diff={
            "before": {"status": before.value},
            "after": {"status": NoticeStatus.QUEUED.value, "queuedAt": now},
        },
    )
    return notice


async def _ensure_sender(session: AsyncSession, *, actor: Actor, notice: m.ProcurementNotice) -> None:
    """The lead authority sends the system's own notices; the buying authority's commissioner a call-off's."""
    if notice.call_off_id is None and notice.referral_id is None:
        lead = await session.scalar(
            select(m.PurchasingSystem.lead_authority_id).where(m.PurchasingSystem.id == notice.system_id)
        )
        if actor.has_role(Role.LEAD_ADMIN) and actor.authority_id is not None and actor.authority_id == lead:
            return
        raise Forbidden("Only the lead authority sends the system's notices", field="input.notice")
    if notice.call_off_id is not None:
        buyer = await session.scalar(select(m.CallOff.authority_id).where(m.CallOff.id == notice.call_off_id))
    else:
        buyer = await session.scalar(select(m.Referral.authority_id).where(m.Referral.id == notice.referral_id))
    if actor.has_role(Role.AUTHORITY_COMMISSIONER) and actor.authority_id is not None and actor.authority_id == buyer:
        return
    raise Forbidden("Only a commissioner of the buying authority sends a call-off's notices", field="input.notice")


async def issue_payments_compliance(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, system_id: int
) -> m.ProcurementNotice:
    """The lead authority's payments compliance notice (UK17) for the half year that ended last, on its system.

    Once per half year and system: a second is refused as a duplicate. Under a regime that publishes no notices
    there is none to give.
    """
    system = await session.scalar(
        select(m.PurchasingSystem)
        .where(m.PurchasingSystem.id == system_id, visible(m.PurchasingSystem, actor, now))
        .with_for_update()
    )
    if system is None:
        raise NotFound("No purchasing system with this ID exists", field="input.system")
    if not actor.has_role(Role.LEAD_ADMIN) or actor.authority_id != system.lead_authority_id:
        raise Forbidden("Only the lead authority of this purchasing system gives its notices", field="input.system")
    if not regimes.policy_of(system).publishes_notices:
        raise InvalidTransition(
            "This purchasing system runs under a regime that gives no Procurement Act notices", field="input.system"
        )
    today = now.astimezone(UK).date()
    first_year, half = last_half_year(today)
    period_ended = dt.date(first_year, 9, 30) if half == 1 else dt.date(first_year + 1, 3, 31)
    ended_at = dt.datetime.combine(period_ended + dt.timedelta(days=1), dt.time(), tzinfo=UK)
    given = await session.scalar(
        select(m.ProcurementNotice.id).where(
            m.ProcurementNotice.system_id == system.id,
            m.ProcurementNotice.notice_type == NoticeType.PAYMENTS_COMPLIANCE,
            m.ProcurementNotice.created_at >= ended_at,
        )
    )
    if given is not None:
        raise Duplicate(
            f"The payments compliance notice for the half year to {period_ended.isoformat()} was given already",
            field="input.system",
        )
    notice = await issue(
        session, now=now, notice_type=NoticeType.PAYMENTS_COMPLIANCE, system=system, half_year=(first_year, half)
    )
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="procurementNotice.issued",
        entity_type="ProcurementNotice",
        entity_id=notice.id,
        diff={"after": {"noticeType": notice.notice_type.value, "status": status(notice).value}},
    )
    return notice


async def announce_intended_markets(session: AsyncSession, *, now: dt.datetime) -> list[m.ProcurementNotice]:
    """The intention notice (UK13) of each draft system whose regime gives market notices and that has no notice
    yet: a market set up other than through ``createPurchasingSystem``, as the demo's is."""
    drafts = await session.scalars(
        select(m.PurchasingSystem)
        .where(
            m.PurchasingSystem.activated_at.is_(None),
            ~select(m.ProcurementNotice.id).where(m.ProcurementNotice.system_id == m.PurchasingSystem.id).exists(),
        )
        .order_by(m.PurchasingSystem.id)
    )
    given = []
    for system in list(drafts):
        notice_type = regimes.policy_of(system).market_notice(NoticeType.DYNAMIC_MARKET_INTENTION)
        if notice_type is not None:
            given.append(await issue(session, now=now, notice_type=notice_type, system=system))
    return given
