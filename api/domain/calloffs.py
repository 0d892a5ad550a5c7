"""Call-offs: awarding a referral, block contracts, fee amendments, ending and terminating.

- A referral is awarded on one SUBMITTED offer. In a mini-competition that
  needs the deadline passed and every live offer scored, and normally the
  offer ranked first: awarding another needs the reason, which is recorded.
  A direct award needs neither, but always a reason. The award creates an
  Individual Placement Agreement from the offer, accepts the offer, declines
  the other live offers and marks the referral AWARDED, in one transaction.
- A block contract buys a number of places at an establishment of an ACTIVE
  member, for a period, at weekly fees per place.
- Fees change only through a dated amendment that keeps the fees before and
  after, for a reason that fits the change (an annual uplift only raises
  them, within a bound: :func:`api.domain.fees.check_amendment_reason`). The
  call-off holds the latest fees, a scheduled amendment's included; the fees
  in force on a day, today's among them, come from the amendments
  (:func:`api.domain.fees.fees_in_force`), so an amendment changes nothing
  until its effective date.
- A call-off is given an end date (ENDED once it has passed) or terminated
  at once; ENDED and TERMINATED are final. Every ending is recorded PLANNED or
  UNPLANNED, with its reason (:func:`ending_kind_of`); notice
  (:mod:`api.domain.endings`) sets the end through the same
  :func:`set_end`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import false, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor
from api.domain import audit, notices, notifications, regimes, reviews
from api.domain import funding as splits
from api.domain import status as st
from api.domain.children import neutral_reference
from api.domain.clock import UK
from api.domain.errors import DeadlinePassed, Forbidden, InvalidTransition, NotFound, ValidationError
from api.domain.exclusions import ensure_not_excluded
from api.domain.fees import WeeklyFees, annual_cost, check_amendment_reason, check_weekly_fees, fees_in_force
from api.domain.notification_kinds import Kind, global_id
from api.domain.offers import (
    MAX_REASON,
    Ranking,
    commissioner_of,
    current_membership,
    ensure_active,
    locked_referral,
    offers_of,
    ranking_of,
    refuse_fee_problems,
    serves_lot,
    visible_offer,
    visible_referral,
)
from api.domain.queries import rows_by_id, system_of_lot
from api.domain.rounds import clean_text
from api.domain.versions import expect_version
from api.domain.wording import on_day, state, words
from db import models as m
from db.enums import (
    AmendmentReason,
    CallOffType,
    DirectAwardGround,
    EndingKind,
    EndingReason,
    NoticeParty,
    NoticeType,
    PlacementType,
    ReferralMode,
)

REFERENCE_PREFIX = "NWFPS-CO-"
_REFERENCE_LOCK = 72_430_002


# -- references ---------------------------------------------------------------------------------


async def _hold_reference_numbers(session: AsyncSession) -> None:
    """Make this transaction the only one numbering call-offs until it ends.

    PostgreSQL takes a transaction-scoped advisory lock; SQLite takes its one
    write lock with an UPDATE that matches no row.
    """
    if session.bind.dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _REFERENCE_LOCK})
    else:
        table = m.CallOff.__table__
        await session.execute(update(table).where(false()).values(reference=table.c.reference))


async def next_reference(session: AsyncSession) -> str:
    """The next call-off reference, e.g. ``NWFPS-CO-000243``, under the numbering lock."""
    await _hold_reference_numbers(session)
    latest = await session.scalar(
        select(m.CallOff.reference)
        .where(m.CallOff.reference.like(f"{REFERENCE_PREFIX}%"))
        .order_by(func.length(m.CallOff.reference).desc(), m.CallOff.reference.desc())
        .limit(1)
    )
    number = int(latest.removeprefix(REFERENCE_PREFIX)) if latest and latest[len(REFERENCE_PREFIX) :].isdigit() else 0
    return f"{REFERENCE_PREFIX}{number + 1:06d}"


# -- snapshots for the audit trail -------------------------------------------------------------


def _snapshot(row: m.CallOff, today: dt.date, amendments: list[m.FeeAmendment] | None = None) -> dict[str, Any]:
    """The call-off as the audit trail records it, with the fees in force today and the latest fees."""
    latest = WeeklyFees.of(row)
    fees = fees_in_force(latest, amendments or [], today)
    return {
        "status": st.call_off_status(row, today).value,
        "startDate": row.start_date.isoformat(),
        "endDate": row.end_date.isoformat() if row.end_date else None,
        "endReason": row.end_reason,
        "terminatedAt": row.terminated_at.isoformat() if row.terminated_at else None,
        "terminationReason": row.termination_reason,
        "weeklyFees": fees.as_dict(),
        "annualCost": annual_cost(fees, weeks_per_year=row.weeks_per_year, places=row.places),
        **({} if fees == latest else {"latestWeeklyFees": latest.as_dict()}),
        **({} if row.ending_kind is None else {"endingKind": row.ending_kind.value}),
        **({} if row.ending_reason is None else {"endingReason": row.ending_reason.value}),
        **({} if row.notice_given_on is None else {"noticeGivenOn": row.notice_given_on.isoformat()}),
        **({} if row.notice_given_by is None else {"noticeGivenBy": row.notice_given_by.value}),
        **({} if not row.phase_end_ages else {"phaseEndAges": list(row.phase_end_ages)}),
        **({} if row.standstill_ends_at is None else {"standstillEndsAt": row.standstill_ends_at.isoformat()}),
        **({} if row.direct_award_ground is None else {"directAwardGround": row.direct_award_ground.value}),
    }


def _reason(value: str | None, *, required: str | None = None) -> str | None:
    """A cleaned reason; ``required`` is the message when one must be given."""
    if value is None or not value.strip():
        if required is not None:
            raise ValidationError(required, field="input.reason")
        return None
    return clean_text(value, field="input.reason", label="reason", max_length=MAX_REASON)


# -- awarding a referral -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Award:
    """An award that passed its checks, with what it is based on."""

    referral: m.Referral
    before: st.ReferralStatus
    offer: m.Offer
    offers: list[m.Offer]
    ranking: Ranking
    reason: str | None
    membership: m.LotMembership
    system: m.PurchasingSystem


async def _checked_award(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, offer_id: int, reason: str | None, version: int | None
) -> _Award:
    authority_id = commissioner_of(actor)
    offer = await visible_offer(session, actor=actor, now=now, offer_id=offer_id)
    referral = await visible_referral(session, actor=actor, now=now, referral_id=offer.referral_id, field="input.offer")
    if referral.authority_id != authority_id:
        raise Forbidden("Only the referring authority awards its referrals", field="input.offer")
    # Locked, then read again with its offers: an offer made or withdrawn at this moment is settled first or after.
    referral = await locked_referral(session, referral)
    offers = await offers_of(session, referral)
    expect_version(referral, version)
    status = st.referral_status(referral, now)
    if status not in (st.ReferralStatus.OPEN, st.ReferralStatus.CLOSED):
        raise InvalidTransition(f"The referral {state(status)}; it cannot be awarded", field="input.offer")
    offer_status = st.offer_status(offer)
    if offer_status is not st.OfferStatus.SUBMITTED:
        raise InvalidTransition(
            f"This offer {state(offer_status)}; only an offer awaiting a decision is awarded", field="input.offer"
        )
    ranking = await ranking_of(session, referral, offers)
    if referral.mode is ReferralMode.COMPETITION:
        why = _competition_reason(referral, ranking, offer, status, reason)
    else:
        why = _reason(reason, required="Give the reason for the direct award; it is recorded with the call-off")
    membership = await current_membership(session, provider_id=offer.provider_id, lot_id=referral.lot_id)
    if membership is None:
        raise InvalidTransition("The provider is no longer a member of the referral's lot", field="input.offer")
    ensure_active(membership, now.date(), field="input.offer")
    system = await system_of_lot(session, referral.lot_id)
    await ensure_not_excluded(
        session, system=system, provider_id=offer.provider_id, today=now.date(), field="input.offer"
    )
    return _Award(referral, status, offer, offers, ranking, why, membership, system)


async def award_referral(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    offer_id: int,
    reason: str | None,
    version: int | None,
    split: Sequence[splits.Contribution] | None = None,
) -> m.CallOff:
    """Award a referral on one offer: an Individual Placement Agreement on the offer's terms, funded by
    ``split`` (or the default split of :func:`api.domain.funding.default_split`)."""
    award = await _checked_award(session, actor=actor, now=now, offer_id=offer_id, reason=reason, version=version)
    referral, offer = award.referral, award.offer
    # The referral first: its version check stops a second award made at the same moment.
    referral.awarded_at = now
    await session.flush()
    call_off = m.CallOff(
        reference=await next_reference(session),
        type=CallOffType.INDIVIDUAL_PLACEMENT,
        authority_id=referral.authority_id,
        provider_id=offer.provider_id,
        establishment_id=offer.establishment_id,
        lot_id=referral.lot_id,
        referral_id=referral.id,
        offer_id=offer.id,
        places=1,
        weeks_per_year=offer.weeks_per_year,
        start_date=offer.start_date,
        awarded_at=now,
        awarded_by=actor.reference,
        award_reason=award.reason,
        award_working=award.ranking.snapshot(),
        membership_id=award.membership.id,
        direct_award_ground=referral.direct_award_ground,
        **WeeklyFees.of(offer).columns(),
    )
    system = award.system
    _stand_still(call_off, system, now)
    session.add(call_off)
    offer.accepted_at = now
    declined = [o for o in award.offers if o.id != offer.id and st.offer_status(o) is st.OfferStatus.SUBMITTED]
    for other in declined:
        other.declined_at = now
    try:
        await session.flush()
    except IntegrityError as exc:  # a call-off for this referral or offer was made at the same moment
        if "unique" not in str(exc.orig).lower():
            raise
        raise InvalidTransition("This referral has just been awarded by someone else", field="input.offer") from None
    await _record_award(session, actor=actor, now=now, award=award, call_off=call_off, declined=declined)
    await _first_split(session, actor=actor, now=now, call_off=call_off, split=split)
    await reviews.open_first_review(session, actor=actor, now=now, call_off=call_off)
    await _tell_bidders(session, now=now, award=award, call_off=call_off)
    await _notice(session, now=now, system=system, call_off=call_off, notice_type=NoticeType.CONTRACT_AWARD)
    return call_off


def _stand_still(call_off: m.CallOff, system: m.PurchasingSystem, now: dt.datetime) -> None:
    """A call-off awarded now is entered into at once, or after the standstill its regime sets."""
    call_off.standstill_ends_at = regimes.policy_of(system).standstill_ends_at(now)
    call_off.entered_into_at = now if call_off.standstill_ends_at is None else None


async def _notice(
    session: AsyncSession, *, now: dt.datetime, system: m.PurchasingSystem, call_off: m.CallOff, notice_type: NoticeType
) -> None:
    """The call-off's notice of ``notice_type``, where its system's regime publishes notices."""
    if not regimes.policy_of(system).publishes_notices:
        return
    referral = await session.get(m.Referral, call_off.referral_id) if call_off.referral_id is not None else None
    await notices.issue(session, now=now, notice_type=notice_type, system=system, referral=referral, call_off=call_off)


async def enter_into_call_off(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, call_off_id: int, version: int | None
) -> m.CallOff:
    """Enter into a call-off awarded under the Procurement Act 2023, once its standstill has ended; its contract
    details notice follows."""
    call_off = await _own_call_off(session, actor=actor, now=now, call_off_id=call_off_id, version=version)
    if call_off.entered_into_at is not None:
        raise InvalidTransition("This call-off has already been entered into", field="input.callOff")
    assert call_off.standstill_ends_at is not None
    if now < call_off.standstill_ends_at:
        last_day = (call_off.standstill_ends_at.astimezone(UK) - dt.timedelta(days=1)).date()
        raise DeadlinePassed(
            f"The standstill runs to the end of {on_day(last_day)}: the call-off may be entered into from "
            f"{on_day(last_day + dt.timedelta(days=1))}",
            deadline=call_off.standstill_ends_at,
            field="input.callOff",
        )
    call_off.entered_into_at = now
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="callOff.entered_into",
        entity_type="CallOff",
        entity_id=call_off.id,
        diff={"before": {"enteredIntoAt": None}, "after": {"enteredIntoAt": now}},
    )
    system = await system_of_lot(session, call_off.lot_id)
    await _notice(session, now=now, system=system, call_off=call_off, notice_type=NoticeType.CONTRACT_DETAILS)
    return call_off


async def _tell_bidders(session: AsyncSession, *, now: dt.datetime, award: _Award, call_off: m.CallOff) -> None:
    """The winner is told it is awarded; each other provider that offered, only that it was not."""
    referral, winner = award.referral, award.offer.provider_id
    lot = await session.get(m.Lot, referral.lot_id)
    common = {
        "referral": neutral_reference(referral),
        "referralId": global_id("Referral", referral.id),
        "lot": lot.code if lot else "",
    }
    await notifications.notify(
        session,
        now=now,
        kind=Kind.OFFER_AWARDED,
        to=notifications.To.provider(winner),
        subject_type="Referral",
        subject_id=referral.id,
        payload={
            **common,
            "callOff": call_off.reference,
            "callOffId": global_id("CallOff", call_off.id),
            "startDate": call_off.start_date.isoformat(),
        },
    )
    others = sorted({o.provider_id for o in award.offers} - {winner})
    if others:
        await notifications.notify(
            session,
            now=now,
            kind=Kind.OFFER_DECLINED,
            to=[notifications.To.provider(pid) for pid in others],
            subject_type="Referral",
            subject_id=referral.id,
            payload=common,
        )


async def _record_award(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    award: _Award,
    call_off: m.CallOff,
    declined: list[m.Offer],
) -> None:
    """One event for the referral, one per offer decided, one for the new call-off."""
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="referral.awarded",
        entity_type="Referral",
        entity_id=award.referral.id,
        diff={"before": {"status": award.before.value}, "after": {"status": "AWARDED", "offer": award.offer.id}},
    )
    for row, after in ((award.offer, st.OfferStatus.ACCEPTED), *((o, st.OfferStatus.DECLINED) for o in declined)):
        await audit.record(
            session,
            actor=actor,
            now=now,
            action=f"offer.{after.value.lower()}",
            entity_type="Offer",
            entity_id=row.id,
            diff={"before": {"status": "SUBMITTED"}, "after": {"status": after.value}},
        )
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="callOff.awarded",
        entity_type="CallOff",
        entity_id=call_off.id,
        diff={
            "before": None,
            "after": {
                "reference": call_off.reference,
                "type": CallOffType.INDIVIDUAL_PLACEMENT.value,
                "referral": award.referral.id,
                "offer": award.offer.id,
                "membership": award.membership.id,
                "awardReason": award.reason,
                **_snapshot(call_off, now.date()),
            },
        },
    )


def _competition_reason(
    referral: m.Referral, ranking: Ranking, offer: m.Offer, status: st.ReferralStatus, reason: str | None
) -> str | None:
    """A mini-competition is awarded after the deadline, every offer scored, normally to the first ranked."""
    if status is st.ReferralStatus.OPEN:
        raise InvalidTransition(
            f"Offers are open until {referral.offer_deadline.isoformat()}; award after the deadline",
            field="input.offer",
        )
    if not ranking.complete:
        unscored = sum(1 for o in ranking.offers if o.rank is None)
        raise InvalidTransition(
            f"Score the quality of every live offer before awarding: {unscored} not scored", field="input.offer"
        )
    winner = ranking.winner
    placed = next(o for o in ranking.offers if o.offer_id == offer.id)
    if winner is not None and winner.offer_id != offer.id:
        return _reason(
            reason,
            required=f"This offer is ranked {placed.rank}, not first: give the reason for awarding it instead",
        )
    given = _reason(reason)
    count = len(ranking.offers)
    return given or (
        f"Ranked first of {count} offer{'s' if count != 1 else ''} on quality ({ranking.quality_weight}%) "
        f"and price ({ranking.price_weight}%)."
    )


async def _first_split(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off: m.CallOff,
    split: Sequence[splits.Contribution] | None,
) -> None:
    """A new call-off's funding split, from its start: the one proposed, or the default."""
    fees = WeeklyFees.of(call_off)
    contributions = (
        splits.default_split(call_off.authority_id, fees)
        if split is None
        else await splits.checked_split(session, contributions=split, fees=fees, field="input.fundingSplit")
    )
    await splits.make_split(
        session,
        actor=actor,
        now=now,
        call_off=call_off,
        contributions=contributions,
        effective_from=call_off.start_date,
    )


# -- block contracts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BlockTerms:
    """A block contract: places at one establishment on a lot, for a period, at weekly fees per place."""

    lot_id: int
    establishment_id: int
    places: int
    start_date: dt.date
    end_date: dt.date
    weekly_fees: WeeklyFees
    reason: str | None = None
    split: Sequence[splits.Contribution] | None = None
    direct_award_ground: DirectAwardGround | None = None


async def create_block_contract(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, terms: BlockTerms
) -> m.CallOff:
    """Buy a block of places at an establishment of an ACTIVE member of a lot."""
    authority_id = commissioner_of(actor)
    lot = (await rows_by_id(session, actor=actor, now=now, model=m.Lot, ids=[terms.lot_id])).get(terms.lot_id)
    if lot is None:
        raise NotFound("No lot with this ID exists", field="input.lot")
    establishment = (
        await rows_by_id(session, actor=actor, now=now, model=m.Establishment, ids=[terms.establishment_id])
    ).get(terms.establishment_id)
    if establishment is None:
        raise NotFound("No establishment with this ID exists", field="input.establishment")
    if await session.get(m.SystemMember, (lot.system_id, authority_id)) is None:
        raise Forbidden("Your authority does not buy through this lot's purchasing system", field="input.lot")
    system = await session.get(m.PurchasingSystem, lot.system_id)
    assert system is not None
    if st.system_status(system) is not st.SystemStatus.ACTIVE:
        raise InvalidTransition("The lot's purchasing system is not live", field="input.lot")
    membership = await current_membership(session, provider_id=establishment.provider_id, lot_id=lot.id)
    if membership is None or not await serves_lot(session, membership, establishment.id):
        raise ValidationError(
            f"{establishment.name} is not an establishment of a member of lot {lot.code}", field="input.establishment"
        )
    ensure_active(membership, now.date(), field="input.establishment")
    await ensure_not_excluded(
        session, system=system, provider_id=establishment.provider_id, today=now.date(), field="input.establishment"
    )
    residential = lot.placement_type is PlacementType.RESIDENTIAL
    capacity = establishment.residential_capacity if residential else establishment.day_capacity
    if not 1 <= terms.places <= capacity:
        kind = "residential" if residential else "day"
        raise ValidationError(
            f"Buy from 1 to {capacity} places: {establishment.name} has {capacity} {kind} places",
            field="input.places",
        )
    if terms.end_date < terms.start_date:
        raise ValidationError("The end date cannot be before the start date", field="input.endDate")
    refuse_fee_problems(check_weekly_fees(terms.weekly_fees, lot.placement_type, field="input.weeklyFees"))
    why = _reason(terms.reason)
    reference = await next_reference(session)
    call_off = m.CallOff(
        reference=reference,
        type=CallOffType.BLOCK,
        authority_id=authority_id,
        provider_id=establishment.provider_id,
        establishment_id=establishment.id,
        lot_id=lot.id,
        places=terms.places,
        weeks_per_year=lot.weeks_per_year,
        start_date=terms.start_date,
        end_date=terms.end_date,
        awarded_at=now,
        awarded_by=actor.reference,
        award_reason=why,
        membership_id=membership.id,
        direct_award_ground=regimes.policy_of(system).direct_award_ground(terms.direct_award_ground, direct=True),
        **terms.weekly_fees.columns(),
    )
    _stand_still(call_off, system, now)
    session.add(call_off)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="callOff.awarded",
        entity_type="CallOff",
        entity_id=call_off.id,
        diff={
            "before": None,
            "after": {
                "reference": reference,
                "type": CallOffType.BLOCK.value,
                "places": terms.places,
                "membership": membership.id,
                "awardReason": why,
                **_snapshot(call_off, now.date()),
            },
        },
    )
    await _first_split(session, actor=actor, now=now, call_off=call_off, split=terms.split)
    for notice_type in (NoticeType.TRANSPARENCY, NoticeType.CONTRACT_AWARD):
        await _notice(session, now=now, system=system, call_off=call_off, notice_type=notice_type)
    return call_off


# -- changing a call-off ----------------------------------------------------------------------


async def _own_call_off(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, call_off_id: int, version: int | None
) -> m.CallOff:
    """A call-off of the commissioner's authority that is still running or yet to start."""
    authority_id = commissioner_of(actor)
    row = (await rows_by_id(session, actor=actor, now=now, model=m.CallOff, ids=[call_off_id])).get(call_off_id)
    if row is None or row.authority_id != authority_id:
        raise NotFound("No call-off of your authority has this ID", field="input.callOff")
    status = st.call_off_status(row, now.date())
    if status in (st.CallOffStatus.ENDED, st.CallOffStatus.TERMINATED):
        raise InvalidTransition(f"This call-off {state(status)}; it can no longer change", field="input.callOff")
    expect_version(row, version)
    return row


own_call_off = _own_call_off
"""A call-off of the commissioner's authority that is still running or yet to start, at the version read."""


async def _amendments(session: AsyncSession, call_off_id: int) -> list[m.FeeAmendment]:
    return list(
        await session.scalars(
            select(m.FeeAmendment)
            .where(m.FeeAmendment.call_off_id == call_off_id)
            .order_by(m.FeeAmendment.effective_from, m.FeeAmendment.id)
        )
    )


async def amend_fees(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off_id: int,
    version: int | None,
    effective_from: dt.date,
    reason: AmendmentReason,
    note: str,
    weekly_fees: WeeklyFees,
    split: Sequence[splits.Contribution] | None = None,
) -> tuple[m.CallOff, m.FeeAmendment]:
    """Change a call-off's weekly fees from a date, keeping the fees before and after; the caller approves it.

    The new fees are split between the funders by the same shares from that date, or by ``split`` if given.
    """
    call_off = await _own_call_off(session, actor=actor, now=now, call_off_id=call_off_id, version=version)
    amendment = await apply_amendment(
        session,
        actor=actor,
        now=now,
        call_off=call_off,
        effective_from=effective_from,
        reason=reason,
        note=note,
        weekly_fees=weekly_fees,
        split=split,
    )
    return call_off, amendment


async def apply_amendment(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off: m.CallOff,
    effective_from: dt.date,
    reason: AmendmentReason,
    note: str,
    weekly_fees: WeeklyFees,
    split: Sequence[splits.Contribution] | None = None,
) -> m.FeeAmendment:
    """Amend a running or pending call-off the caller may amend (checked by the caller): see :func:`amend_fees`."""
    lot = await session.get(m.Lot, call_off.lot_id)
    assert lot is not None
    refuse_fee_problems(check_weekly_fees(weekly_fees, lot.placement_type, field="input.weeklyFees"))
    if effective_from < call_off.start_date:
        raise ValidationError(
            f"The change cannot take effect before the call-off starts on {call_off.start_date.isoformat()}",
            field="input.effectiveFrom",
        )
    history = await _amendments(session, call_off.id)
    if history and effective_from < history[-1].effective_from:
        raise ValidationError(
            f"The change cannot take effect before the latest amendment, effective from "
            f"{history[-1].effective_from.isoformat()}",
            field="input.effectiveFrom",
        )
    if call_off.end_date is not None and effective_from > call_off.end_date:
        raise ValidationError(
            f"The call-off ends on {call_off.end_date.isoformat()}, before this change would take effect",
            field="input.effectiveFrom",
        )
    latest_split = await splits.latest_split(session, call_off.id)
    if latest_split is not None and effective_from < latest_split.effective_from:
        raise ValidationError(
            f"The change cannot take effect before the latest funding split, from "
            f"{latest_split.effective_from.isoformat()}",
            field="input.effectiveFrom",
        )
    before = WeeklyFees.of(call_off)
    annual_before = annual_cost(before, weeks_per_year=call_off.weeks_per_year, places=call_off.places)
    if before.columns() == weekly_fees.columns():
        raise ValidationError("These are the latest fees: nothing would change", field="input.weeklyFees")
    refuse_fee_problems(check_amendment_reason(reason, before, weekly_fees, field="input.reason"))
    cleaned_note = clean_text(note, field="input.note", label="note", max_length=MAX_REASON)
    snapshot = _snapshot(call_off, now.date(), history)
    amendment = m.FeeAmendment(
        call_off_id=call_off.id,
        effective_from=effective_from,
        reason=reason,
        note=cleaned_note,
        agreed_at=now,
        approved_by=actor.reference,
        **before.columns("before_"),
        **weekly_fees.columns("after_"),
    )
    session.add(amendment)
    weekly_fees.write_to(call_off)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="callOff.fees_amended",
        entity_type="CallOff",
        entity_id=call_off.id,
        diff={
            "before": snapshot,
            "after": _snapshot(call_off, now.date(), [*history, amendment]),
            "amendment": {
                "id": amendment.id,
                "effectiveFrom": effective_from.isoformat(),
                "reason": reason.value,
                "note": cleaned_note,
            },
        },
    )
    if split is None:
        await splits.resplit(
            session, actor=actor, now=now, call_off=call_off, effective_from=effective_from, amendment_id=amendment.id
        )
    else:
        checked = await splits.checked_split(session, contributions=split, fees=weekly_fees, field="input.fundingSplit")
        await splits.make_split(
            session,
            actor=actor,
            now=now,
            call_off=call_off,
            contributions=checked,
            effective_from=effective_from,
            amendment_id=amendment.id,
        )
    # the note is the authority's free text, and may be about the child: it stays in the portal
    await notifications.notify(
        session,
        now=now,
        kind=Kind.FEES_AMENDED,
        to=notifications.To.provider(call_off.provider_id),
        subject_type="CallOff",
        subject_id=call_off.id,
        payload={
            "callOff": call_off.reference,
            "callOffId": global_id("CallOff", call_off.id),
            "lot": lot.code,
            "effectiveFrom": effective_from.isoformat(),
            "reason": words(reason),
        },
    )
    system = await system_of_lot(session, call_off.lot_id)
    annual_after = annual_cost(weekly_fees, weeks_per_year=call_off.weeks_per_year, places=call_off.places)
    if call_off.entered_into_at is not None and regimes.policy_of(system).change_needs_notice(
        annual_before, annual_after
    ):
        await _notice(session, now=now, system=system, call_off=call_off, notice_type=NoticeType.CONTRACT_CHANGE)
    return amendment


PLANNED_REASONS = frozenset({EndingReason.PHASE_END, EndingReason.PHASE_TRANSFER, EndingReason.PLAN_CEASED})
"""Reasons that make an ending planned: the end of a phase, a move planned for the next one, the plan ceasing."""


def ending_kind_of(reason: EndingReason, *, otherwise: EndingKind) -> EndingKind:
    """Whether an ending for ``reason`` is planned: the one rule every ending is recorded by.

    The end of a phase, a move to the next phase and a plan ceasing are PLANNED; OTHER is ``otherwise`` (what the
    action means by default: setting an end date plans it, terminating or giving notice early does not); every
    other reason (needs changed, a breakdown, safeguarding, an inspection, the provider closing, …) is UNPLANNED.
    """
    if reason in PLANNED_REASONS:
        return EndingKind.PLANNED
    if reason is EndingReason.OTHER:
        return otherwise
    return EndingKind.UNPLANNED


def decided_ending(
    reason: EndingReason | None, kind: EndingKind | None, *, otherwise: EndingKind
) -> tuple[EndingKind, EndingReason]:
    """The kind and reason an ending is recorded with: the kind given, else :func:`ending_kind_of` its reason
    (OTHER when none is given)."""
    why = EndingReason.OTHER if reason is None else reason
    return (kind or ending_kind_of(why, otherwise=otherwise)), why


async def set_end(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off: m.CallOff,
    end_date: dt.date,
    reason: str,
    ending: tuple[EndingKind, EndingReason],
    action: str = "callOff.end_set",
    field: str = "input.endDate",
    notice: tuple[dt.date, NoticeParty] | None = None,
) -> m.CallOff:
    """Set the last day of a call-off the caller may end (checked by the caller), with the reason in words and
    whether the ending is planned, and (for a notice) who gave it and when; audited as ``action``."""
    if end_date < call_off.start_date:
        raise ValidationError(
            f"The end date cannot be before the start date, {call_off.start_date.isoformat()}", field=field
        )
    if end_date < now.date():
        raise ValidationError("The end date cannot be in the past", field=field)
    history = await _amendments(session, call_off.id)
    if history and end_date < history[-1].effective_from:
        raise ValidationError(
            f"A fee amendment takes effect on {history[-1].effective_from.isoformat()}, after this end date",
            field=field,
        )
    before = _snapshot(call_off, now.date(), history)
    call_off.end_date, call_off.end_reason = end_date, reason
    call_off.ending_kind, call_off.ending_reason = ending
    if notice is not None:
        call_off.notice_given_on, call_off.notice_given_by = notice
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action=action,
        entity_type="CallOff",
        entity_id=call_off.id,
        diff={"before": before, "after": _snapshot(call_off, now.date(), history)},
    )
    return call_off


async def end_call_off(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off_id: int,
    version: int | None,
    end_date: dt.date,
    reason: str,
    ending_kind: EndingKind | None = None,
    ending_reason: EndingReason | None = None,
) -> m.CallOff:
    """Set the last day of a call-off, with the reason; it is ENDED once that day has passed. The ending is
    recorded PLANNED, for OTHER reasons, unless said otherwise (:func:`ending_kind_of`)."""
    call_off = await _own_call_off(session, actor=actor, now=now, call_off_id=call_off_id, version=version)
    why = _reason(reason, required="Give the reason the call-off ends")
    assert why is not None
    ending = decided_ending(ending_reason, ending_kind, otherwise=EndingKind.PLANNED)
    return await set_end(session, actor=actor, now=now, call_off=call_off, end_date=end_date, reason=why, ending=ending)


async def terminate_call_off(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off_id: int,
    version: int | None,
    reason: str,
    ending_kind: EndingKind | None = None,
    ending_reason: EndingReason | None = None,
) -> m.CallOff:
    """End a call-off at once, with the reason. A running placement's last day becomes today. The ending is
    recorded UNPLANNED, for OTHER reasons, unless said otherwise (:func:`ending_kind_of`)."""
    call_off = await _own_call_off(session, actor=actor, now=now, call_off_id=call_off_id, version=version)
    why = _reason(reason, required="Give the reason for terminating the call-off")
    today = now.date()
    history = await _amendments(session, call_off.id)
    before = _snapshot(call_off, today, history)
    call_off.terminated_at, call_off.termination_reason = now, why
    call_off.ending_kind, call_off.ending_reason = decided_ending(
        ending_reason, ending_kind, otherwise=EndingKind.UNPLANNED
    )
    if call_off.start_date <= today and (call_off.end_date is None or call_off.end_date > today):
        call_off.end_date = today
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="callOff.terminated",
        entity_type="CallOff",
        entity_id=call_off.id,
        diff={"before": before, "after": _snapshot(call_off, today, history)},
    )
    if call_off.entered_into_at is not None:
        system = await system_of_lot(session, call_off.lot_id)
        await _notice(session, now=now, system=system, call_off=call_off, notice_type=NoticeType.CONTRACT_TERMINATION)
    return call_off


async def change_funding_split(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off_id: int,
    version: int | None,
    effective_from: dt.date,
    split: Sequence[splits.Contribution],
) -> m.FundingSplit:
    """Split a call-off of the commissioner's authority between funders differently from a date."""
    call_off = await _own_call_off(session, actor=actor, now=now, call_off_id=call_off_id, version=version)
    row = await splits.change_split(
        session,
        actor=actor,
        now=now,
        call_off=call_off,
        contributions=split,
        effective_from=effective_from,
        field="input.fundingSplit",
    )
    call_off.updated_at = now  # the call-off's version moves: a change based on an older read is refused
    await session.flush()
    return row
