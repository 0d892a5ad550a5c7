"""Offers, their ranking, awards, block contracts, fee amendments and the end of call-offs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import calloffs, offers
from api.domain import funding as splits
from api.domain.errors import (
    DeadlinePassed,
    Forbidden,
    InvalidTransition,
    NotFound,
    StaleVersion,
    SupplierExcluded,
    ValidationError,
)
from api.domain.fees import WeeklyFees
from api.domain.visibility import buying_side
from api.resolvers import load
from api.resolvers.relay import require_id
from api.schema import errors as e
from api.schema.base import Pence, field
from api.schema.call_off_endings import EndingKind, EndingReason
from api.schema.enums import AmendmentReason, DirectAwardGround, PricingBand, ReferralMode
from api.schema.funding import FundingSplitInput
from api.schema.mutation import mutation, result
from api.schema.permissions import requires
from api.schema.placements import CallOff, FeeAmendment, Offer, Referral
from db import models as m
from db.enums import CostElement

OFFERS = requires("offers:write", R.PROVIDER_USER)
CALL_OFFS = requires("calloffs:write", R.AUTHORITY_COMMISSIONER)


# -- the ranking ---------------------------------------------------------------------------------


@strawberry.type(description="One live offer's place in a referral's ranking, with the arithmetic shown.")
class RankedOffer:
    rank: int | None = field("1 is the best; null while the offer's quality is not scored.")
    label: str = field("The establishment offered.")
    weekly_total: Pence = field("The offer's weekly fee: the sum of its elements.")
    weeks_per_year: int = field("Weeks per year, from the lot.")
    annual_cost: Pence = field("Weekly total × weeks per year, in pence.")
    price_score: Decimal = field(
        "Lowest annual cost among the live offers ÷ this offer's annual cost × 100, rounded half-up to 2 places."
    )
    quality_score: int | None = field("The authority's quality score, 0 to 100; null until scored.")
    weighted_total: Decimal | None = field(
        "Quality score × quality weight/100 + price score × price weight/100, rounded half-up to 2 places."
    )
    submitted_at: dt.datetime = field("When the offer was made; the second tie-break.")
    working: str = field("The working for this offer, in words.")
    offer_id: strawberry.Private[int]

    @field("The offer, where you may see it.")
    @load.relation
    def offer(self, info: Info) -> Offer | None:
        return load.related(info, m.Offer, self.offer_id, Offer.from_optional)

    @classmethod
    def of(cls, entry: offers.RankedOffer) -> RankedOffer:
        return cls(
            rank=entry.rank,
            label=entry.label,
            weekly_total=Pence(entry.weekly_total),
            weeks_per_year=entry.weeks_per_year,
            annual_cost=Pence(entry.annual_cost),
            price_score=entry.price_score,
            quality_score=entry.quality_score,
            weighted_total=entry.weighted_total,
            submitted_at=entry.submitted_at,
            working=entry.working,
            offer_id=entry.offer_id,
        )


@strawberry.type(
    description=(
        "A referral's live offers ranked on published quality and price weights. Ties go to the lower annual "
        "cost, then the earlier submission. Offers not yet scored for quality are listed last, unranked."
    )
)
class OfferRanking:
    mode: ReferralMode = field("DIRECT_AWARD or COMPETITION.")
    quality_weight: int = field("Weight of quality, in percent.")
    price_weight: int = field("Weight of price, in percent.")
    lowest_annual_cost: Pence | None = field("The lowest annual cost among the live offers; null with none.")
    complete: bool = field("Whether every live offer is scored, so that the ranking is final.")
    working: str = field("The whole working, one line per offer.")
    offers: list[RankedOffer] = field("The live offers, best first; unscored offers last.")

    @classmethod
    def of(cls, ranking: offers.Ranking) -> OfferRanking:
        return cls(
            mode=ReferralMode(ranking.mode),
            quality_weight=ranking.quality_weight,
            price_weight=ranking.price_weight,
            lowest_annual_cost=None if ranking.lowest_annual_cost is None else Pence(ranking.lowest_annual_cost),
            complete=ranking.complete,
            working=ranking.working,
            offers=[RankedOffer.of(entry) for entry in ranking.offers],
        )


async def resolve_ranking(info: Info, referral: m.Referral) -> OfferRanking | None:
    """The live ranking of a referral, for the referring authority once offers have closed."""
    ctx = info.context
    if not offers.may_see_ranking(ctx.actor, referral, ctx.now):
        return None
    rows = await load.children(info, m.Offer, m.Offer.referral_id, referral.id)
    places = await load.many(info, m.Establishment, sorted({row.establishment_id for row in rows}))
    names = {place.id: place.name for place in places}
    labels = {row.id: names.get(row.establishment_id, f"Offer {row.id}") for row in rows}
    return OfferRanking.of(offers.rank_offers(referral, rows, labels))


async def award_working(info: Info, call_off: m.CallOff) -> OfferRanking | None:
    """The ranking as it stood at the award, for the buying side, where the caller may read every offer ranked.

    The working is derived from the offers (their prices, providers and establishments), so it follows their
    rule: whoever cannot read one of them (the lead authority, for another council's referral) gets null,
    never a losing offer's price.
    """
    if call_off.award_working is None or not buying_side(info.context.actor):
        return None
    ranking = offers.Ranking.from_snapshot(call_off.award_working)
    ranked = [entry.offer_id for entry in ranking.offers]
    if len(await load.many(info, m.Offer, ranked)) != len(ranked):
        return None
    return OfferRanking.of(ranking)


# -- inputs and payloads -------------------------------------------------------------------------


@strawberry.input(description="A weekly fee broken down by cost element, in pence.")
class FeeBreakdownInput:
    education: Pence = field("Weekly education fee; always more than 0.")
    care: Pence = strawberry.field(default=Pence(0), description="Weekly residential care fee; 0 on day lots.")
    health: Pence = strawberry.field(default=Pence(0), description="Weekly health provision fee.")
    therapies: Pence = strawberry.field(
        default=Pence(0), description="Weekly therapies fee: speech and language, occupational, physio, psychology."
    )
    additional_staffing: Pence = strawberry.field(
        default=Pence(0), description="Weekly fee for additional 1:1 or 2:1 staffing."
    )

    def fees(self) -> WeeklyFees:
        return WeeklyFees(
            {
                CostElement.EDUCATION: int(self.education),
                CostElement.CARE: int(self.care),
                CostElement.HEALTH: int(self.health),
                CostElement.THERAPIES: int(self.therapies),
                CostElement.ADDITIONAL_STAFFING: int(self.additional_staffing),
            }
        )


@strawberry.input(description="An offer of a place against a referral you are invited to.")
class SubmitOfferInput:
    referral: strawberry.ID = field("The OPEN referral.")
    establishment: strawberry.ID = field(
        "One of your establishments through which your ACTIVE membership provides the referral's lot."
    )
    weekly_fees: FeeBreakdownInput = field("The weekly fees offered, per cost element.")
    start_date: dt.date = field("The date you can start: today or later.")
    quality_answers: list[str] = field("One answer to each of the referral's quality questions, in order.")
    quality_statement: str = field("How you will meet the child's needs.")
    band: PricingBand = strawberry.field(
        default=PricingBand.STANDARD, description="The band of your rate card the fees are compared with."
    )
    justification: str | None = strawberry.field(
        default=None, description="Why the fees exceed your rate card; required when any element does."
    )


@strawberry.type(description="The offer made.")
class SubmitOfferPayload:
    offer: Offer = field("The offer, SUBMITTED.")


@strawberry.input(description="An offer to withdraw before the offer deadline, and why.")
class WithdrawOfferInput:
    offer: strawberry.ID = field("Your SUBMITTED offer.")
    version: int = field("The offer's version you read.")
    reason: str = field(
        "Why you are withdrawing: the council reads this in the portal. Do not name the child. Up to 2,000 characters."
    )


@strawberry.type(description="The withdrawn offer.")
class WithdrawOfferPayload:
    offer: Offer = field("The offer, WITHDRAWN.")


@strawberry.input(description="The quality score of one offer, after the offer deadline.")
class ScoreOfferQualityInput:
    offer: strawberry.ID = field("A SUBMITTED offer against one of your authority's referrals.")
    score: int = field("The quality score, a whole number from 0 to 100; replaces any earlier score.")
    version: int | None = strawberry.field(
        default=None, description="The offer's version you read; if given, the change is refused when it moved on."
    )


@strawberry.type(description="The scored offer.")
class ScoreOfferQualityPayload:
    offer: Offer = field("The offer, with its quality score.")


@strawberry.input(description="Award a referral on one offer.")
class AwardReferralInput:
    offer: strawberry.ID = field("The SUBMITTED offer awarded.")
    reason: str | None = strawberry.field(
        default=None,
        description=(
            "Why this offer: required for a direct award and for any offer but the one ranked first; recorded."
        ),
    )
    version: int | None = strawberry.field(
        default=None, description="The referral's version you read; if given, the award is refused when it moved on."
    )
    funding_split: FundingSplitInput | None = strawberry.field(
        default=None,
        description=(
            "Who pays which share of each cost element. If omitted: residential care from your authority's social "
            "care budget, everything else from its education budget."
        ),
    )


@strawberry.type(description="The call-off awarded and the referral.")
class AwardReferralPayload:
    call_off: CallOff = field("The new Individual Placement Agreement.")
    referral: Referral = field("The referral, now AWARDED.")


@strawberry.input(description="A block contract: places at one establishment for a period.")
class CreateBlockContractInput:
    lot: strawberry.ID = field("The lot called off.")
    establishment: strawberry.ID = field("An establishment through which an ACTIVE member provides the lot.")
    places: int = field("Places bought: at least 1, at most the establishment's places of the lot's kind.")
    start_date: dt.date = field("First day of the contract.")
    end_date: dt.date = field("Last day of the contract.")
    weekly_fees: FeeBreakdownInput = field("The weekly fees per place.")
    reason: str | None = strawberry.field(default=None, description="Why the block was bought; recorded.")
    funding_split: FundingSplitInput | None = strawberry.field(
        default=None,
        description=(
            "Who pays which share of each cost element. If omitted: residential care from your authority's social "
            "care budget, everything else from its education budget."
        ),
    )
    direct_award_ground: DirectAwardGround | None = strawberry.field(  # type: ignore[valid-type]
        default=None,
        description=(
            "Under the Procurement Act 2023 (required there): the Schedule 5 ground the block is awarded directly on."
        ),
    )


@strawberry.type(description="The block contract.")
class CreateBlockContractPayload:
    call_off: CallOff = field("The new block contract.")


@strawberry.input(description="A dated change to a call-off's weekly fees.")
class AmendCallOffFeesInput:
    call_off: strawberry.ID = field("The call-off, PENDING or ACTIVE.")
    version: int = field("The call-off's version you read.")
    effective_from: dt.date = field(
        "The first day the new fees apply: not before the call-off starts, nor before the latest amendment."
    )
    reason: AmendmentReason = field(
        "Why the fees change; it must fit the change (an ANNUAL_UPLIFT raises fees by at most 10%)."
    )
    note: str = field("Details of the change and what was agreed.")
    weekly_fees: FeeBreakdownInput = field("The new weekly fees per place.")
    funding_split: FundingSplitInput | None = strawberry.field(
        default=None,
        description="A new split of the new fees from the same date; if omitted, the same shares, already agreed.",
    )


@strawberry.type(description="The amended call-off and the amendment.")
class AmendCallOffFeesPayload:
    call_off: CallOff = field(
        "The call-off. Its `weeklyFees` are today's: the new fees once the amendment's effective date has come."
    )
    amendment: FeeAmendment = field("The amendment, with the fees before and after; you are its approver.")


@strawberry.input(description="The last day of a call-off.")
class EndCallOffInput:
    call_off: strawberry.ID = field("The call-off, PENDING or ACTIVE.")
    version: int = field("The call-off's version you read.")
    end_date: dt.date = field("The last day: today or later, not before the start.")
    reason: str = field("Why the call-off ends; recorded.")
    ending_reason: EndingReason | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Why, as a category, for the figures on placement stability; OTHER if left out."
    )
    ending_kind: EndingKind | None = strawberry.field(  # type: ignore[valid-type]
        default=None,
        description=(
            "PLANNED or UNPLANNED. Left out: PLANNED for the end of a phase, a move for the next phase, a plan "
            "ceasing and OTHER; UNPLANNED for any other reason."
        ),
    )


@strawberry.input(description="Enter into a call-off awarded under the Procurement Act 2023, after its standstill.")
class EnterIntoCallOffInput:
    call_off: strawberry.ID = field("The call-off, awarded and not yet entered into.")
    version: int = field("The call-off's version you read.")


@strawberry.input(description="Terminate a call-off at once.")
class TerminateCallOffInput:
    call_off: strawberry.ID = field("The call-off, PENDING or ACTIVE.")
    version: int = field("The call-off's version you read.")
    reason: str = field("Why the call-off is terminated; recorded and shown to the provider.")
    ending_reason: EndingReason | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Why, as a category, for the figures on placement stability; OTHER if left out."
    )
    ending_kind: EndingKind | None = strawberry.field(  # type: ignore[valid-type]
        default=None,
        description=(
            "PLANNED or UNPLANNED. Left out: PLANNED for the end of a phase, a move for the next phase or a plan "
            "ceasing; UNPLANNED for any other reason, OTHER included."
        ),
    )


@strawberry.type(description="The changed call-off.")
class CallOffPayload:
    call_off: CallOff = field("The call-off.")


SubmitOfferResult = result(
    "SubmitOfferResult",
    SubmitOfferPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.DeadlinePassed,
    description="The offer, or why not.",
)
WithdrawOfferResult = result(
    "WithdrawOfferResult",
    WithdrawOfferPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.DeadlinePassed,
    e.StaleVersion,
    description="The withdrawn offer, or why not.",
)
ScoreOfferQualityResult = result(
    "ScoreOfferQualityResult",
    ScoreOfferQualityPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The scored offer, or why not.",
)
AwardReferralResult = result(
    "AwardReferralResult",
    AwardReferralPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    e.SupplierExcluded,
    description="The call-off, or why not.",
)
CreateBlockContractResult = result(
    "CreateBlockContractResult",
    CreateBlockContractPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.SupplierExcluded,
    description="The block contract, or why not.",
)
AmendCallOffFeesResult = result(
    "AmendCallOffFeesResult",
    AmendCallOffFeesPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The amended call-off, or why not.",
)
EndCallOffResult = result(
    "EndCallOffResult",
    CallOffPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The call-off with its end date, or why not.",
)
EnterIntoCallOffResult = result(
    "EnterIntoCallOffResult",
    CallOffPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.DeadlinePassed,
    e.StaleVersion,
    description="The call-off, now entered into, or why not.",
)
TerminateCallOffResult = result(
    "TerminateCallOffResult",
    CallOffPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The terminated call-off, or why not.",
)


def _split(info: Info, given: FundingSplitInput | None) -> list[splits.Contribution] | None:
    """The funding split given in an input, its budgets the caller's authority's unless it names another."""
    return None if given is None else given.terms(placing_authority_id=info.context.actor.authority_id)


CHANGE_ERRORS = (NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion)


@strawberry.type(description="Make and withdraw offers against referrals.")
class OfferMutations:
    @mutation(
        description=(
            "Offer a place against an OPEN referral your organisation is invited to, before its offer deadline. "
            "Fees above your rate card need a justification and are flagged. One live offer per establishment."
        ),
        access=OFFERS,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, DeadlinePassed),
    )
    async def submit_offer(
        self, info: Info, input: Annotated[SubmitOfferInput, strawberry.argument(description="The offer.")]
    ) -> SubmitOfferResult:
        terms = offers.OfferTerms(
            establishment_id=require_id(input.establishment, "Establishment", field="input.establishment"),
            weekly_fees=input.weekly_fees.fees(),
            start_date=input.start_date,
            quality_answers=input.quality_answers,
            quality_statement=input.quality_statement,
            band=input.band,
            justification=input.justification,
        )
        row = await info.context.run(
            offers.submit_offer, referral_id=require_id(input.referral, "Referral", field="input.referral"), terms=terms
        )
        return SubmitOfferPayload(offer=Offer.from_row(row))

    @mutation(
        description=(
            "Withdraw a SUBMITTED offer before the offer deadline, saying why. It stays withdrawn. The referring "
            "authority's commissioners are told, and read your reason on the offer."
        ),
        access=OFFERS,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, DeadlinePassed, StaleVersion),
    )
    async def withdraw_offer(
        self,
        info: Info,
        input: Annotated[WithdrawOfferInput, strawberry.argument(description="The offer, and why you withdraw it.")],
    ) -> WithdrawOfferResult:
        row = await info.context.run(
            offers.withdraw_offer,
            offer_id=require_id(input.offer, "Offer", field="input.offer"),
            version=input.version,
            reason=input.reason,
        )
        return WithdrawOfferPayload(offer=Offer.from_row(row))


@strawberry.type(description="Score and award offers; buy blocks; amend, end and terminate call-offs.")
class CallOffMutations:
    @mutation(
        description="Score the quality of an offer against your authority's referral, 0 to 100, after the deadline.",
        access=CALL_OFFS,
        errors=CHANGE_ERRORS,
    )
    async def score_offer_quality(
        self, info: Info, input: Annotated[ScoreOfferQualityInput, strawberry.argument(description="The score.")]
    ) -> ScoreOfferQualityResult:
        row = await info.context.run(
            offers.score_quality,
            offer_id=require_id(input.offer, "Offer", field="input.offer"),
            score=input.score,
            version=input.version,
        )
        return ScoreOfferQualityPayload(offer=Offer.from_row(row))

    @mutation(
        description=(
            "Award a referral on one offer: an Individual Placement Agreement on the offer's terms. The offer is "
            "accepted and every other live offer declined. A mini-competition is awarded after the deadline with "
            "every offer scored, normally to the offer ranked first; a direct award needs a reason."
        ),
        access=CALL_OFFS,
        errors=(*CHANGE_ERRORS, SupplierExcluded),
    )
    async def award_referral(
        self, info: Info, input: Annotated[AwardReferralInput, strawberry.argument(description="The award.")]
    ) -> AwardReferralResult:
        row = await info.context.run(
            calloffs.award_referral,
            offer_id=require_id(input.offer, "Offer", field="input.offer"),
            reason=input.reason,
            version=input.version,
            split=_split(info, input.funding_split),
        )
        referral = await info.context.execute(lambda s: s.get(m.Referral, row.referral_id))
        return AwardReferralPayload(call_off=CallOff.from_row(row), referral=Referral.from_row(referral))

    @mutation(
        description="Buy a block of places at an establishment of an ACTIVE lot member, for a period.",
        access=CALL_OFFS,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, SupplierExcluded),
    )
    async def create_block_contract(
        self,
        info: Info,
        input: Annotated[CreateBlockContractInput, strawberry.argument(description="The block contract.")],
    ) -> CreateBlockContractResult:
        terms = calloffs.BlockTerms(
            lot_id=require_id(input.lot, "Lot", field="input.lot"),
            establishment_id=require_id(input.establishment, "Establishment", field="input.establishment"),
            places=input.places,
            start_date=input.start_date,
            end_date=input.end_date,
            weekly_fees=input.weekly_fees.fees(),
            reason=input.reason,
            split=_split(info, input.funding_split),
            direct_award_ground=input.direct_award_ground,
        )
        row = await info.context.run(calloffs.create_block_contract, terms=terms)
        return CreateBlockContractPayload(call_off=CallOff.from_row(row))

    @mutation(
        description=(
            "Change a call-off's weekly fees from a date, keeping the fees before and after. Today's fees stay in "
            "force until that date. The reason must fit the change. You are recorded as the approver."
        ),
        access=CALL_OFFS,
        errors=CHANGE_ERRORS,
    )
    async def amend_call_off_fees(
        self, info: Info, input: Annotated[AmendCallOffFeesInput, strawberry.argument(description="The change.")]
    ) -> AmendCallOffFeesResult:
        row, amendment = await info.context.run(
            calloffs.amend_fees,
            call_off_id=require_id(input.call_off, "CallOff", field="input.callOff"),
            version=input.version,
            effective_from=input.effective_from,
            reason=input.reason,
            note=input.note,
            weekly_fees=input.weekly_fees.fees(),
            split=_split(info, input.funding_split),
        )
        return AmendCallOffFeesPayload(call_off=CallOff.from_row(row), amendment=FeeAmendment.from_row(amendment))

    @mutation(
        description="Set the last day of a call-off, with the reason. It is ENDED once that day has passed.",
        access=CALL_OFFS,
        errors=CHANGE_ERRORS,
    )
    async def end_call_off(
        self, info: Info, input: Annotated[EndCallOffInput, strawberry.argument(description="The end.")]
    ) -> EndCallOffResult:
        row = await info.context.run(
            calloffs.end_call_off,
            call_off_id=require_id(input.call_off, "CallOff", field="input.callOff"),
            version=input.version,
            end_date=input.end_date,
            reason=input.reason,
            ending_kind=input.ending_kind,
            ending_reason=input.ending_reason,
        )
        return CallOffPayload(call_off=CallOff.from_row(row))

    @mutation(
        description=(
            "Enter into a call-off awarded under the Procurement Act 2023, once the standstill after its award "
            "decision has ended (`standstillEndsAt`); refused with DeadlinePassed before then. Its contract details "
            "notice is generated and queued for Find a Tender."
        ),
        access=CALL_OFFS,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, DeadlinePassed, StaleVersion),
    )
    async def enter_into_call_off(
        self, info: Info, input: Annotated[EnterIntoCallOffInput, strawberry.argument(description="The call-off.")]
    ) -> EnterIntoCallOffResult:
        row = await info.context.run(
            calloffs.enter_into_call_off,
            call_off_id=require_id(input.call_off, "CallOff", field="input.callOff"),
            version=input.version,
        )
        return CallOffPayload(call_off=CallOff.from_row(row))

    @mutation(
        description="Terminate a call-off at once, with the reason. It is TERMINATED from now.",
        access=CALL_OFFS,
        errors=CHANGE_ERRORS,
    )
    async def terminate_call_off(
        self, info: Info, input: Annotated[TerminateCallOffInput, strawberry.argument(description="The termination.")]
    ) -> TerminateCallOffResult:
        row = await info.context.run(
            calloffs.terminate_call_off,
            call_off_id=require_id(input.call_off, "CallOff", field="input.callOff"),
            version=input.version,
            reason=input.reason,
            ending_kind=input.ending_kind,
            ending_reason=input.ending_reason,
        )
        return CallOffPayload(call_off=CallOff.from_row(row))
