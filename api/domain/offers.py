"""Offers against referrals, their quality scores, and the ranking of offers.

- A provider invited to an open referral offers a place at one of the
  establishments of its active membership of the referral's lot: a weekly fee
  breakdown, a start date, an answer to each of the referral's quality
  questions and a quality statement. The weeks per year are the lot's.
- Each element is compared with the member's rate card (the standard level of
  need unless the offer names another band). An offer above the card is
  allowed, but only with a justification, and it is flagged.
- Offers are made and withdrawn until the offer deadline; from the deadline
  on, the referring authority scores each offer's quality from 0 to 100. A
  provider withdrawing an offer says why: the referring authority reads the
  reason on the offer and in the message telling it of the withdrawal.
- The ranking puts every live offer's annual cost, price score and weighted
  total side by side, with the working shown.
- Offers, withdrawals, scores and awards on one referral each lock the
  referral first (:func:`locked_referral`), so they are settled one after
  the other: an offer made as the referral is awarded either came first, and
  is declined with the others, or finds the referral AWARDED and is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import AUTHORITY_ROLES, Actor, Role
from api.domain import audit, notifications
from api.domain import status as st
from api.domain.children import neutral_reference
from api.domain.errors import DeadlinePassed, Forbidden, InvalidTransition, NotFound, Problems, ValidationError
from api.domain.fees import (
    INPUT_NAMES,
    WeeklyFees,
    annual_cost,
    check_weekly_fees,
    pounds,
    price_score,
    weighted_total,
)
from api.domain.notification_kinds import Kind, global_id
from api.domain.queries import rows_by_id
from api.domain.rounds import clean_text, withdrawal_reason
from api.domain.versions import expect_version
from api.domain.wording import listed, state, words
from db import models as m
from db.enums import CostElement, PricingBand, ProviderStatus

MAX_ANSWER = 20_000
MAX_REASON = 5_000


@dataclass(frozen=True)
class OfferTerms:
    """What a provider offers: where, at what weekly fees, from when, and how it meets the child's needs."""

    establishment_id: int
    weekly_fees: WeeklyFees
    start_date: dt.date
    quality_answers: Sequence[str]
    quality_statement: str
    band: PricingBand = PricingBand.STANDARD
    justification: str | None = None


def offer_reference(offer: m.Offer) -> str:
    """The reference an offer is quoted by, e.g. NWO-000123. Made like a referral's neutral reference
    (``NWR-…``, :func:`api.domain.children.neutral_reference`), it reveals nothing of the child, the
    provider or the price."""
    return f"NWO-{offer.id:06d}"


# -- shared with call-offs ----------------------------------------------------------------------


def commissioner_of(actor: Actor) -> int:
    """The authority a commissioner acts for; nobody else awards or manages call-offs."""
    if not actor.has_role(Role.AUTHORITY_COMMISSIONER) or actor.authority_id is None:
        raise Forbidden("Only a commissioner of the placing authority does this")
    return actor.authority_id


async def current_membership(session: AsyncSession, *, provider_id: int, lot_id: int) -> m.LotMembership | None:
    """The provider's current (not removed) membership of a lot, whatever its state, locked FOR SHARE.

    Work done under the membership (an offer, an award, a block contract)
    holds the lock until it commits, so a suspension or removal made at the
    same moment waits for it, and is recorded after it; or, having committed
    first, is what the work reads here, and the work is refused.
    """
    return await session.scalar(
        select(m.LotMembership)
        .where(
            m.LotMembership.provider_id == provider_id,
            m.LotMembership.lot_id == lot_id,
            m.LotMembership.removed_at.is_(None),
        )
        .with_for_update(read=True)
        .execution_options(populate_existing=True)
    )


def ensure_active(
    membership: m.LotMembership, today: dt.date, *, field: str | None = None, whose: str = "The provider's"
) -> None:
    """Refuse work under a membership that is not ACTIVE today."""
    status = st.membership_status(membership, today)
    if status is not st.MembershipStatus.ACTIVE:
        raise InvalidTransition(f"{whose} membership of this lot {state(status)}", field=field)


async def serves_lot(session: AsyncSession, membership: m.LotMembership, establishment_id: int) -> bool:
    """Whether the member provides the lot through this establishment."""
    return await session.get(m.MembershipEstablishment, (membership.id, establishment_id)) is not None


def fee_problems(problems: Problems, found: Sequence[tuple[str, str]]) -> None:
    """Keep the fee problems found (as (field, message) pairs), in the order of the breakdown's inputs."""
    order = {INPUT_NAMES[element]: i for i, element in enumerate(CostElement)}
    for path, message in sorted(found, key=lambda problem: order.get(problem[0].rsplit(".", 1)[-1], len(order))):
        problems.add(message, field=path)


def refuse_fee_problems(found: Sequence[tuple[str, str]]) -> None:
    """Raise every fee problem found at once, each naming its field."""
    problems = Problems()
    fee_problems(problems, found)
    problems.settle()


# -- loading ----------------------------------------------------------------------------------------


def _provider_of(actor: Actor) -> int:
    if not actor.has_role(Role.PROVIDER_USER) or actor.provider_id is None:
        raise Forbidden("Only a provider's users make its offers")
    return actor.provider_id


async def visible_referral(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, referral_id: int, field: str = "input.referral"
) -> m.Referral:
    found = (await rows_by_id(session, actor=actor, now=now, model=m.Referral, ids=[referral_id])).get(referral_id)
    if found is None:
        raise NotFound("No referral with this ID exists, or you may not see it", field=field)
    return found


async def locked_referral(session: AsyncSession, referral: m.Referral) -> m.Referral:
    """``referral`` read again as it stands now, locked FOR UPDATE until the transaction ends.

    Everything that changes a referral's offers (making, withdrawing and
    scoring them, and the award that accepts one and declines the rest) takes
    this lock before it reads what it decides on, so two of them on one
    referral never interleave: the second waits for the first to commit and
    then sees what it did. SQLite has one writer at a time and no row locks.
    """
    locked = await session.scalar(
        select(m.Referral)
        .where(m.Referral.id == referral.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert locked is not None
    return locked


async def fresh_offer(session: AsyncSession, offer: m.Offer) -> m.Offer:
    """``offer`` read again as it stands now, after its referral was locked."""
    found = await session.scalar(
        select(m.Offer).where(m.Offer.id == offer.id).execution_options(populate_existing=True)
    )
    assert found is not None
    return found


async def visible_offer(session: AsyncSession, *, actor: Actor, now: dt.datetime, offer_id: int) -> m.Offer:
    found = (await rows_by_id(session, actor=actor, now=now, model=m.Offer, ids=[offer_id])).get(offer_id)
    if found is None:
        raise NotFound("No offer with this ID exists, or you may not see it", field="input.offer")
    return found


def _taking_offers(referral: m.Referral, now: dt.datetime, *, field: str = "input.referral") -> None:
    """Offers are made and withdrawn only while the referral is OPEN, strictly before the deadline."""
    status = st.referral_status(referral, now)
    if status is st.ReferralStatus.CLOSED:
        raise DeadlinePassed("Offers closed at the offer deadline", deadline=referral.offer_deadline, field=field)
    if status is not st.ReferralStatus.OPEN:
        raise InvalidTransition(f"The referral {state(status)}; offers can no longer change", field=field)


async def _record(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, action: str, offer: m.Offer, diff: dict[str, Any]
) -> None:
    await audit.record(session, actor=actor, now=now, action=action, entity_type="Offer", entity_id=offer.id, diff=diff)


# -- making and withdrawing offers ----------------------------------------------------------------


async def submit_offer(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, referral_id: int, terms: OfferTerms
) -> m.Offer:
    """Offer a place against an OPEN referral the provider is invited to.

    Who may offer, and the referral's and membership's state, are settled
    first, each refusing at once. Then every term offered is checked and
    all that is wrong refused together, in the order of the input, so that a
    provider corrects the whole form from one answer.
    """
    provider_id = _provider_of(actor)
    referral = await visible_referral(session, actor=actor, now=now, referral_id=referral_id)
    invited = await session.get(m.ReferralInvitation, (referral.id, provider_id))
    if invited is None:
        raise NotFound("Your organisation is not invited to offer against this referral", field="input.referral")
    referral = await locked_referral(session, referral)
    _taking_offers(referral, now)
    provider = await session.get(m.Provider, provider_id)
    if provider is None or provider.status is not ProviderStatus.ACTIVE:
        status = provider.status if provider is not None else ProviderStatus.EXCLUDED
        raise InvalidTransition(f"Your organisation {state(status)} and may not make offers")
    lot = await session.get(m.Lot, referral.lot_id)
    assert lot is not None
    membership = await _membership_offering(session, provider_id=provider_id, lot=lot, today=now.date())
    problems = Problems()
    establishment = await problems.check_async(
        _offered_establishment(session, provider_id=provider_id, lot=lot, membership=membership, terms=terms)
    )
    fee_problems(problems, check_weekly_fees(terms.weekly_fees, lot.placement_type, field="input.weeklyFees"))
    if terms.start_date < now.date():
        problems.add("The start date cannot be in the past", field="input.startDate")
    answers = _answers(problems, referral, terms.quality_answers)
    statement = problems.check(
        clean_text,
        terms.quality_statement,
        field="input.qualityStatement",
        label="quality statement",
        max_length=MAX_ANSWER,
    )
    over = await _above_rate_card(session, membership, terms.band, terms.weekly_fees)
    justification = problems.check(_justification, terms, over)
    problems.settle()
    assert establishment is not None and statement is not None
    await _no_live_offer(session, referral.id, establishment.id)
    offer = m.Offer(
        referral_id=referral.id,
        provider_id=provider_id,
        establishment_id=establishment.id,
        weeks_per_year=lot.weeks_per_year,
        start_date=terms.start_date,
        quality_statement=statement,
        quality_answers=answers,
        exceeds_rate_card=bool(over),
        justification=justification,
        submitted_at=now,
        **terms.weekly_fees.columns(),
    )
    session.add(offer)
    try:
        await session.flush()
    except IntegrityError as exc:  # the same establishment offered at the same moment
        if "unique" not in str(exc.orig).lower():
            raise
        raise InvalidTransition(_LIVE_OFFER, field="input.establishment") from None
    await _record(
        session,
        actor=actor,
        now=now,
        action="offer.submitted",
        offer=offer,
        diff={
            "before": None,
            "after": {
                "status": st.OfferStatus.SUBMITTED.value,
                "referral": referral.id,
                "establishment": establishment.id,
                "weeklyFees": terms.weekly_fees.as_dict(),
                "weeksPerYear": lot.weeks_per_year,
                "startDate": terms.start_date.isoformat(),
                "band": terms.band.value,
                "exceedsRateCard": bool(over),
                "exceeds": [INPUT_NAMES[e] for e in over],
            },
        },
    )
    await tell_commissioners(session, now=now, kind=Kind.OFFER_RECEIVED, referral=referral, lot=lot, offer=offer)
    return offer


async def tell_commissioners(
    session: AsyncSession,
    *,
    now: dt.datetime,
    kind: Kind,
    referral: m.Referral,
    lot: m.Lot,
    offer: m.Offer,
) -> None:
    """Tell the referring authority's commissioners of an offer made or withdrawn: no provider, no price.

    No free text: a withdrawal's reason is read in the portal (``Offer.withdrawalReason``), never e-mailed.
    """
    await notifications.notify(
        session,
        now=now,
        kind=kind,
        to=notifications.To.authority(referral.authority_id),
        subject_type="Offer",
        subject_id=offer.id,
        payload={
            "referral": neutral_reference(referral),
            "referralId": global_id("Referral", referral.id),
            "offerId": global_id("Offer", offer.id),
            "lot": lot.code,
            "offerDeadline": referral.offer_deadline.astimezone(dt.UTC).isoformat(),
        },
    )


_LIVE_OFFER = "This establishment already has a live offer against the referral: withdraw that offer first"


async def _membership_offering(
    session: AsyncSession, *, provider_id: int, lot: m.Lot, today: dt.date
) -> m.LotMembership:
    """The provider's membership of the lot, which must be ACTIVE."""
    membership = await current_membership(session, provider_id=provider_id, lot_id=lot.id)
    if membership is None:
        raise InvalidTransition(f"Your organisation is not a member of lot {lot.code}", field="input.referral")
    ensure_active(membership, today, field="input.referral", whose="Your organisation's")
    return membership


async def _offered_establishment(
    session: AsyncSession, *, provider_id: int, lot: m.Lot, membership: m.LotMembership, terms: OfferTerms
) -> m.Establishment:
    """The provider's establishment offered, which must serve the lot under its membership."""
    establishment = await session.get(m.Establishment, terms.establishment_id)
    if establishment is None or establishment.provider_id != provider_id:
        raise ValidationError("This is not one of your organisation's establishments", field="input.establishment")
    if not await serves_lot(session, membership, establishment.id):
        raise ValidationError(
            f"{establishment.name} is not one of the establishments through which you provide lot {lot.code}",
            field="input.establishment",
        )
    return establishment


def _justification(terms: OfferTerms, over: Sequence[CostElement]) -> str | None:
    """The justification, required when any element is above the rate card."""
    given = (terms.justification or "").strip()
    if over and not given:
        raise ValidationError(
            f"The offer is above your rate card's {words(terms.band)} for {listed([words(e) for e in over])}: "
            "give a justification",
            field="input.justification",
        )
    if not given:
        return None
    return clean_text(given, field="input.justification", label="justification", max_length=MAX_ANSWER)


async def _no_live_offer(session: AsyncSession, referral_id: int, establishment_id: int) -> None:
    live = await session.scalar(
        select(m.Offer.id).where(
            m.Offer.referral_id == referral_id,
            m.Offer.establishment_id == establishment_id,
            m.Offer.withdrawn_at.is_(None),
        )
    )
    if live is not None:
        raise InvalidTransition(_LIVE_OFFER, field="input.establishment")


def _answers(problems: Problems, referral: m.Referral, answers: Sequence[str]) -> list[str]:
    """One answer per quality question, in the referral's order; what is wrong is kept in ``problems``."""
    questions = list(referral.quality_questions or [])
    if len(answers) != len(questions):
        problems.add(
            f"Answer each of the referral's {len(questions)} quality questions, one answer each, in order "
            f"(you gave {len(answers)})",
            field="input.qualityAnswers",
        )
        return []
    checked = [
        problems.check(clean_text, answer, field=f"input.qualityAnswers[{i}]", label="answer", max_length=MAX_ANSWER)
        for i, answer in enumerate(answers)
    ]
    return [answer or "" for answer in checked]


async def _above_rate_card(
    session: AsyncSession, membership: m.LotMembership, band: PricingBand, fees: WeeklyFees
) -> list[CostElement]:
    """The elements priced above the member's rate card for ``band``; an element not on the card counts as 0."""
    card = {
        line.element: line.weekly_fee_pence
        for line in await session.scalars(
            select(m.RateCardLine).where(m.RateCardLine.membership_id == membership.id, m.RateCardLine.band == band)
        )
    }
    return [e for e, pence in fees.by_element.items() if pence > card.get(e, 0)]


async def withdraw_offer(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, offer_id: int, version: int | None, reason: str
) -> m.Offer:
    """Withdraw a SUBMITTED offer before the offer deadline, saying why. It stays withdrawn.

    Who may withdraw, the offer's and the referral's state and the version
    are settled first, each refusing at once; then the reason is checked
    (``input.reason``). The referring authority's commissioners are told,
    with the reason.
    """
    provider_id = _provider_of(actor)
    offer = await visible_offer(session, actor=actor, now=now, offer_id=offer_id)
    if offer.provider_id != provider_id:
        raise NotFound("No offer of yours with this ID exists", field="input.offer")
    referral = await session.get(m.Referral, offer.referral_id)
    assert referral is not None
    referral = await locked_referral(session, referral)
    offer = await fresh_offer(session, offer)
    before = st.offer_status(offer)
    if before is not st.OfferStatus.SUBMITTED:
        raise InvalidTransition(
            f"This offer {state(before)}; only an offer awaiting a decision can be withdrawn", field="input.offer"
        )
    _taking_offers(referral, now, field="input.offer")
    expect_version(offer, version)
    problems = Problems()
    why = withdrawal_reason(problems, reason)
    problems.settle()
    assert why is not None
    offer.withdrawn_at, offer.withdrawal_reason = now, why
    await session.flush()
    await _record(
        session,
        actor=actor,
        now=now,
        action="offer.withdrawn",
        offer=offer,
        diff={
            "before": {"status": before.value},
            "after": {"status": st.OfferStatus.WITHDRAWN.value, "withdrawalReason": why},
        },
    )
    lot = await session.get(m.Lot, referral.lot_id)
    assert lot is not None
    await tell_commissioners(session, now=now, kind=Kind.OFFER_WITHDRAWN, referral=referral, lot=lot, offer=offer)
    return offer


# -- scoring -------------------------------------------------------------------------------------


async def score_quality(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, offer_id: int, score: int, version: int | None
) -> m.Offer:
    """The referring authority's quality score for one offer, 0 to 100, once offers have closed."""
    authority_id = commissioner_of(actor)
    offer = await visible_offer(session, actor=actor, now=now, offer_id=offer_id)
    referral = await visible_referral(session, actor=actor, now=now, referral_id=offer.referral_id, field="input.offer")
    if referral.authority_id != authority_id:
        raise Forbidden("Only the referring authority scores its offers", field="input.offer")
    referral = await locked_referral(session, referral)
    offer = await fresh_offer(session, offer)
    if not 0 <= score <= 100:
        raise ValidationError("A quality score is a whole number from 0 to 100", field="input.score")
    status = st.referral_status(referral, now)
    if status is st.ReferralStatus.OPEN:
        raise InvalidTransition(
            f"Offers are open until {referral.offer_deadline.isoformat()}; score them after the deadline",
            field="input.offer",
        )
    if status is not st.ReferralStatus.CLOSED:
        raise InvalidTransition(f"The referral {state(status)}; its offers are no longer scored")
    offer_status = st.offer_status(offer)
    if offer_status is not st.OfferStatus.SUBMITTED:
        raise InvalidTransition(f"This offer {state(offer_status)}; it is not scored", field="input.offer")
    expect_version(offer, version)
    before = offer.quality_score
    offer.quality_score, offer.quality_scored_at, offer.quality_scored_by = score, now, actor.reference
    await session.flush()
    await _record(
        session,
        actor=actor,
        now=now,
        action="offer.quality_scored",
        offer=offer,
        diff={"before": {"qualityScore": before}, "after": {"qualityScore": score}},
    )
    return offer


# -- ranking -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankedOffer:
    """One live offer's place in a ranking, with the arithmetic behind it."""

    offer_id: int
    label: str
    weekly_total: int
    weeks_per_year: int
    annual_cost: int
    price_score: Decimal
    quality_score: int | None
    weighted_total: Decimal | None
    rank: int | None
    submitted_at: dt.datetime
    working: str


@dataclass(frozen=True)
class Ranking:
    """Every live offer of a referral, best first; unscored offers follow, unranked."""

    mode: str
    quality_weight: int
    price_weight: int
    lowest_annual_cost: int | None
    offers: tuple[RankedOffer, ...] = field(default_factory=tuple)

    @property
    def complete(self) -> bool:
        """Whether there are offers and every one is scored."""
        return bool(self.offers) and all(o.rank is not None for o in self.offers)

    @property
    def winner(self) -> RankedOffer | None:
        return next((o for o in self.offers if o.rank == 1), None)

    @property
    def working(self) -> str:
        """The whole working, one line per offer."""
        head = f"Quality {self.quality_weight}%, price {self.price_weight}%. "
        if self.lowest_annual_cost is None:
            return head + "No live offers."
        lines = [
            head + f"Lowest annual cost of {len(self.offers)} live offer{'s' if len(self.offers) != 1 else ''}: "
            f"{pounds(self.lowest_annual_cost)}."
        ]
        for o in self.offers:
            lines.append(f"{o.rank if o.rank is not None else 'Not ranked'}. {o.label}: {o.working}")
        return "\n".join(lines)

    def snapshot(self) -> dict[str, Any]:
        """The ranking as JSON, kept with the call-off as the award working."""
        return {
            "mode": self.mode,
            "qualityWeight": self.quality_weight,
            "priceWeight": self.price_weight,
            "lowestAnnualCost": self.lowest_annual_cost,
            "text": self.working,
            "offers": [
                {
                    "offer": o.offer_id,
                    "label": o.label,
                    "weeklyTotal": o.weekly_total,
                    "weeksPerYear": o.weeks_per_year,
                    "annualCost": o.annual_cost,
                    "priceScore": str(o.price_score),
                    "qualityScore": o.quality_score,
                    "weightedTotal": None if o.weighted_total is None else str(o.weighted_total),
                    "rank": o.rank,
                    "submittedAt": o.submitted_at.isoformat(),
                    "working": o.working,
                }
                for o in self.offers
            ],
        }

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> Ranking:
        return cls(
            mode=data["mode"],
            quality_weight=data["qualityWeight"],
            price_weight=data["priceWeight"],
            lowest_annual_cost=data["lowestAnnualCost"],
            offers=tuple(
                RankedOffer(
                    offer_id=o["offer"],
                    label=o["label"],
                    weekly_total=o["weeklyTotal"],
                    weeks_per_year=o["weeksPerYear"],
                    annual_cost=o["annualCost"],
                    price_score=Decimal(o["priceScore"]),
                    quality_score=o["qualityScore"],
                    weighted_total=None if o["weightedTotal"] is None else Decimal(o["weightedTotal"]),
                    rank=o["rank"],
                    submitted_at=dt.datetime.fromisoformat(o["submittedAt"]),
                    working=o["working"],
                )
                for o in data["offers"]
            ),
        )


def rank_offers(referral: m.Referral, offers: Sequence[m.Offer], labels: Mapping[int, str] | None = None) -> Ranking:
    """Rank the live (not withdrawn) offers of a referral.

    Annual cost = weekly total × weeks per year, in pence. Price score =
    lowest annual cost ÷ this annual cost × 100. Weighted total = quality ×
    quality weight/100 + price score × price weight/100. Both are rounded
    half-up to two places. Rank 1 is the highest total; ties go to the lower
    annual cost, then the earlier submission. Unscored offers are not ranked.
    """
    live = [o for o in offers if o.referral_id == referral.id and o.withdrawn_at is None]
    qw, pw = referral.quality_weight, referral.price_weight
    costs = {o.id: annual_cost(WeeklyFees.of(o), weeks_per_year=o.weeks_per_year) for o in live}
    lowest = min(costs.values()) if costs else None
    scored: list[tuple[m.Offer, Decimal, Decimal | None]] = []
    for o in live:
        assert lowest is not None
        price = price_score(lowest, costs[o.id])
        total = None
        if o.quality_score is not None:
            total = weighted_total(o.quality_score, price, quality_weight=qw, price_weight=pw)
        scored.append((o, price, total))
    ranked = sorted(
        (s for s in scored if s[2] is not None),
        key=lambda s: (-(s[2] or Decimal(0)), costs[s[0].id], s[0].submitted_at, s[0].id),
    )
    unranked = sorted((s for s in scored if s[2] is None), key=lambda s: (costs[s[0].id], s[0].submitted_at, s[0].id))
    entries = []
    for position, (o, price, total) in enumerate([*ranked, *unranked], start=1):
        rank = position if total is not None else None
        weekly = WeeklyFees.of(o).total
        assert lowest is not None
        working = (
            f"annual cost {pounds(costs[o.id])} = {pounds(weekly)} a week × {o.weeks_per_year} weeks; "
            f"price score {price} = {pounds(lowest)} ÷ {pounds(costs[o.id])} × 100; "
        )
        if total is None:
            working += "quality not scored yet, so not ranked."
        else:
            working += (
                f"weighted total {total} = quality {o.quality_score} × {qw}% + price {price} × {pw}%; rank {rank}."
            )
        entries.append(
            RankedOffer(
                offer_id=o.id,
                label=(labels or {}).get(o.id, f"Offer {o.id}"),
                weekly_total=weekly,
                weeks_per_year=o.weeks_per_year,
                annual_cost=costs[o.id],
                price_score=price,
                quality_score=o.quality_score,
                weighted_total=total,
                rank=rank,
                submitted_at=o.submitted_at,
                working=working,
            )
        )
    return Ranking(
        mode=referral.mode.value, quality_weight=qw, price_weight=pw, lowest_annual_cost=lowest, offers=tuple(entries)
    )


def may_see_ranking(actor: Actor, referral: m.Referral, now: dt.datetime) -> bool:
    """The referring authority (and auditors) see the ranking, once offers can no longer change."""
    if st.referral_status(referral, now) in (st.ReferralStatus.DRAFT, st.ReferralStatus.OPEN):
        return False
    if actor.has_role(Role.AUDITOR):
        return True
    return actor.has_role(*AUTHORITY_ROLES) and actor.authority_id == referral.authority_id


async def offers_of(session: AsyncSession, referral: m.Referral) -> list[m.Offer]:
    """Every offer made against a referral, withdrawn ones included, as they stand now."""
    return list(
        await session.scalars(
            select(m.Offer)
            .where(m.Offer.referral_id == referral.id)
            .order_by(m.Offer.id)
            .execution_options(populate_existing=True)
        )
    )


async def ranking_of(session: AsyncSession, referral: m.Referral, offers: Sequence[m.Offer]) -> Ranking:
    """The ranking of a referral's live offers, labelled by establishment."""
    names = dict(
        (
            await session.execute(
                select(m.Establishment.id, m.Establishment.name).where(
                    m.Establishment.id.in_({o.establishment_id for o in offers})
                )
            )
        ).all()
    )
    return rank_offers(referral, offers, {o.id: names.get(o.establishment_id, f"Offer {o.id}") for o in offers})
