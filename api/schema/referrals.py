"""Referrals: raising, changing, sending and cancelling them, and the explained matches behind them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import matching, referrals
from api.domain.errors import (
    DeadlinePassed,
    DomainError,
    Forbidden,
    InvalidTransition,
    NotFound,
    StaleVersion,
    ValidationError,
)
from api.domain.visibility import read_scope
from api.resolvers import load
from api.resolvers.errors import from_domain
from api.resolvers.relay import expect_id
from api.schema import errors as e
from api.schema.base import Pence, RowBacked, field
from api.schema.enums import DirectAwardGround, Gender, NeedCode, ReferralMode, expose
from api.schema.market import Establishment, LotMembership, Provider
from api.schema.mutation import mutation, result
from api.schema.permissions import requires
from api.schema.placements import Referral
from db import models as m

COMMISSIONER = requires("referrals:write", R.AUTHORITY_COMMISSIONER)

MatchCriterion = expose(matching.MatchCriterion, "What a match was judged on.")


# -- matches -------------------------------------------------------------------------


@strawberry.type(description="One judgement about a match: the criterion, what was found, and whether it rules it out.")
class MatchReason:
    criterion: MatchCriterion = field("The criterion judged.")
    blocking: bool = field("Whether this reason alone makes the establishment ineligible.")
    explanation: str = field("What was found, in words a commissioner can check.")

    @classmethod
    def of(cls, reason: matching.Reason) -> MatchReason:
        return cls(criterion=reason.criterion, blocking=reason.blocking, explanation=reason.explanation)


@strawberry.type(
    description=(
        "An establishment of an active lot member, judged against a referral: eligible or not, with the "
        "reasons for and against."
    )
)
class Match:
    match: strawberry.Private[matching.Match]
    eligible: bool = field("Whether no reason against rules it out.")
    distance_km: float = field("Great-circle distance from the child's home to the establishment, in km (1 decimal).")
    weekly_standard_fee: Pence | None = field(
        "The member's weekly rate-card fee for the STANDARD band, summed over its cost elements, in pence: the "
        "basis of sorting by COST. Null when its rate card has no STANDARD band, or when your token may not read "
        "rate cards (`calloffs:read`)."
    )
    reasons_for: list[MatchReason] = field("What speaks for it, each naming its criterion.")
    reasons_against: list[MatchReason] = field(
        "What speaks against it, each naming its criterion; blocking ones make it ineligible, the others are noted."
    )

    @classmethod
    def of(
        cls, found: matching.Match, reasons: dict[matching.Reason, MatchReason], *, fees_shown: bool = True
    ) -> Match:
        """The match for the schema; ``reasons`` shares one object per distinct reason across matches, and
        ``fees_shown`` says whether the caller may read the rate cards the fee comes from."""

        def shared(reason: matching.Reason) -> MatchReason:
            made = reasons.get(reason)
            if made is None:
                made = reasons[reason] = MatchReason.of(reason)
            return made

        return cls(
            match=found,
            eligible=found.eligible,
            distance_km=found.distance_km,
            weekly_standard_fee=found.weekly_cost_pence if fees_shown else None,
            reasons_for=[shared(r) for r in found.reasons_for],
            reasons_against=[shared(r) for r in found.reasons_against],
        )

    @field("The establishment.")
    @load.relation
    def establishment(self, info: Info) -> Establishment:
        return load.related(info, m.Establishment, self.match.establishment_id, Establishment.from_row)

    @field("The provider that runs it.")
    @load.relation
    def provider(self, info: Info) -> Provider:
        return load.related(info, m.Provider, self.match.provider_id, Provider.from_row)

    @field("The lot membership it is offered through.")
    @load.relation
    def membership(self, info: Info) -> LotMembership:
        return load.related(info, m.LotMembership, self.match.membership_id, LotMembership.from_row)


async def resolve_matches(
    info: Info,
    referral: m.Referral,
    *,
    max_distance_km: float | None,
    sort_by: matching.MatchSort,
    eligible_only: bool,
    allow_inadequate: bool,
) -> list[Match]:
    """The explained matches of a referral, for the ``Referral.matches`` field."""
    options = matching.Options(
        max_distance_km=max_distance_km,
        sort_by=sort_by,
        eligible_only=eligible_only,
        allow_inadequate=allow_inadequate,
    )
    try:
        found = await info.context.run(matching.match_referral, referral=referral, options=options)
    except DomainError as refusal:
        raise from_domain(refusal) from None
    reasons: dict[matching.Reason, MatchReason] = {}
    fees_shown = info.context.actor.has_scope(read_scope(m.RateCardLine))  # the fee is a rate card's total
    matches = [Match.of(x, reasons, fees_shown=fees_shown) for x in found]
    await load.prefetch(info, matches)
    return matches


@strawberry.type(description="A provider invited to offer against a referral.")
class ReferralInvitation(RowBacked):
    row: strawberry.Private[object]
    invited_at: dt.datetime = field("When the provider was invited.")

    @field("The invited provider.")
    @load.relation
    def provider(self, info: Info) -> Provider:
        return load.related(info, m.Provider, self.row.provider_id, Provider.from_row)  # type: ignore[attr-defined]


# -- inputs and payloads -------------------------------------------------------------


@strawberry.input(description="The referred child, as your authority describes it. Never a name.")
class ChildProfileInput:
    reference: str = field(
        "Your authority's own reference for the child, e.g. CE-2026-0147: letters, digits and - / _ . with at "
        "least one digit. Never the child's name."
    )
    age_at_start: int = field("The child's age in years at the intended start; within the lot's age band.")
    gender: Gender = field("The child's gender.")
    primary_need: NeedCode = field("The primary type of need.")
    home_postcode_district: str = field("The outward code of the home postcode only, e.g. CW1.")
    home_latitude: float = field("Approximate latitude of the home (WGS84), for distances.")
    home_longitude: float = field("Approximate longitude of the home (WGS84), for distances.")
    needs_summary: str = field("A summary of needs and required provision, without names.")
    secondary_needs: list[NeedCode] = field(
        "Up to two secondary types of need, in rank order; each differs from the primary need and the other.",
        default_factory=list,
    )
    nc_year_at_start: int | None = field(
        "The national curriculum year at the intended start, -2 to 14, if known.", default=None
    )

    def to_domain(self) -> referrals.ChildProfile:
        return referrals.ChildProfile(
            reference=self.reference,
            age_at_start=self.age_at_start,
            nc_year_at_start=self.nc_year_at_start,
            gender=self.gender,
            primary_need=self.primary_need,
            secondary_needs=list(self.secondary_needs),
            home_postcode_district=self.home_postcode_district,
            home_latitude=self.home_latitude,
            home_longitude=self.home_longitude,
            needs_summary=self.needs_summary,
        )


@strawberry.input(description="A new referral: a DRAFT until you send it to providers.")
class CreateReferralInput:
    lot: strawberry.ID = field("The lot the placement is sought under.")
    child: ChildProfileInput = field("The child's profile.")
    start_by: dt.date = field("The date the placement should start by; not before the offer deadline.")
    offer_deadline: dt.datetime = field("Offers are accepted until this time; in the future.")
    mode: ReferralMode = field("DIRECT_AWARD to one provider, or COMPETITION between several.")
    quality_questions: list[str] = field(
        "Questions every offer answers, scored for quality; at most 10.", default_factory=list
    )
    quality_weight: int = field("Weight of quality in ranking offers, in percent.", default=60)
    price_weight: int = field("Weight of price in ranking offers, in percent; the two add up to 100.", default=40)


@strawberry.input(description="New values for a draft referral; leave out what stays.")
class UpdateReferralInput:
    referral: strawberry.ID = field("The draft referral.")
    version: int = field("The version you read; a stale version is refused.")
    lot: strawberry.ID | None = field("The lot the placement is sought under.", default=None)
    child: ChildProfileInput | None = field("The child's whole profile, replacing the one recorded.", default=None)
    start_by: dt.date | None = field("The date the placement should start by.", default=None)
    offer_deadline: dt.datetime | None = field("Offers are accepted until this time; in the future.", default=None)
    mode: ReferralMode | None = field("DIRECT_AWARD or COMPETITION.", default=None)
    quality_questions: list[str] | None = field("The quality questions; replaces the list.", default=None)
    quality_weight: int | None = field("Weight of quality, in percent.", default=None)
    price_weight: int | None = field("Weight of price, in percent; the two add up to 100.", default=None)


@strawberry.input(description="Send a draft referral to providers.")
class OpenReferralInput:
    referral: strawberry.ID = field("The draft referral.")
    providers: list[strawberry.ID] | None = field(
        "The providers to invite, each with an eligible match. Leave out to invite every provider with one. "
        "A direct award invites exactly one.",
        default=None,
    )
    max_distance_km: float | None = field(
        "When inviting every eligible provider, only those with an eligible establishment this near the home.",
        default=None,
    )
    version: int | None = field("The referral's version as you read it.", default=None)
    direct_award_ground: DirectAwardGround | None = field(
        "For a direct award under the Procurement Act 2023 (required there): the Schedule 5 ground it is made on. "
        "Its transparency notice names it. Leave out for a competition.",
        default=None,
    )


@strawberry.input(description="Cancel a referral that has not been decided.")
class CancelReferralInput:
    referral: strawberry.ID = field("The referral.")
    reason: str = field("Why; recorded, and sent to invited providers.")
    version: int | None = field("The referral's version as you read it.", default=None)


@strawberry.type(description="The new draft referral.")
class CreateReferralPayload:
    referral: Referral = field("The referral, in DRAFT.")


@strawberry.type(description="The changed draft referral.")
class UpdateReferralPayload:
    referral: Referral = field("The referral as it is now.")


@strawberry.type(description="The referral, sent to the invited providers.")
class OpenReferralPayload:
    referral: Referral = field("The referral, now OPEN.")
    invitations: list[ReferralInvitation] = field("One invitation per provider; each was notified.")


@strawberry.type(description="The cancelled referral.")
class CancelReferralPayload:
    referral: Referral = field("The referral, now CANCELLED.")


CreateReferralResult = result(
    "CreateReferralResult",
    CreateReferralPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    description="The draft referral, or what to correct.",
)
UpdateReferralResult = result(
    "UpdateReferralResult",
    UpdateReferralPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The changed referral, or why not.",
)
OpenReferralResult = result(
    "OpenReferralResult",
    OpenReferralPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.DeadlinePassed,
    e.StaleVersion,
    description="The opened referral and its invitations, or why not.",
)
CancelReferralResult = result(
    "CancelReferralResult",
    CancelReferralPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The cancelled referral, or why not.",
)


def _pk(value: strawberry.ID | None, type_name: str, path: str) -> int | None:
    return expect_id(value, type_name, field=path)


@strawberry.type(description="Raise, change, send and cancel referrals.")
class ReferralMutations:
    @mutation(
        description="Raise a DRAFT referral for a child: the lot, the child's profile, dates, mode and weights.",
        access=COMMISSIONER,
        errors=(NotFound, Forbidden, ValidationError),
    )
    async def create_referral(
        self, info: Info, input: Annotated[CreateReferralInput, strawberry.argument(description="The referral.")]
    ) -> CreateReferralResult:
        details = referrals.ReferralDetails(
            lot_id=_pk(input.lot, "Lot", "input.lot") or 0,
            child=input.child.to_domain(),
            start_by=input.start_by,
            offer_deadline=input.offer_deadline,
            mode=input.mode,
            quality_questions=list(input.quality_questions),
            quality_weight=input.quality_weight,
            price_weight=input.price_weight,
        )
        row = await info.context.run(referrals.create_referral, details=details)
        return CreateReferralPayload(referral=Referral.from_row(row))

    @mutation(
        description="Change a DRAFT referral. The values it would have are checked together, as at creation.",
        access=COMMISSIONER,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion),
    )
    async def update_referral(
        self, info: Info, input: Annotated[UpdateReferralInput, strawberry.argument(description="The changes.")]
    ) -> UpdateReferralResult:
        changes = referrals.ReferralChanges(
            lot_id=_pk(input.lot, "Lot", "input.lot"),
            child=input.child.to_domain() if input.child is not None else None,
            start_by=input.start_by,
            offer_deadline=input.offer_deadline,
            mode=input.mode,
            quality_questions=list(input.quality_questions) if input.quality_questions is not None else None,
            quality_weight=input.quality_weight,
            price_weight=input.price_weight,
        )
        row = await info.context.run(
            referrals.update_referral,
            referral_id=_pk(input.referral, "Referral", "input.referral") or 0,
            version=input.version,
            changes=changes,
        )
        return UpdateReferralPayload(referral=Referral.from_row(row))

    @mutation(
        description=(
            "Send a DRAFT referral to providers: every provider with an eligible match, or the ones you name. "
            "Each invited provider is notified and may then see the referral, with the child pseudonymised."
        ),
        access=COMMISSIONER,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, DeadlinePassed, StaleVersion),
    )
    async def open_referral(
        self, info: Info, input: Annotated[OpenReferralInput, strawberry.argument(description="The referral.")]
    ) -> OpenReferralResult:
        chosen = None
        if input.providers is not None:
            chosen = [_pk(p, "Provider", f"input.providers[{i}]") or 0 for i, p in enumerate(input.providers)]
        row, invitations = await info.context.run(
            referrals.open_referral,
            referral_id=_pk(input.referral, "Referral", "input.referral") or 0,
            provider_ids=chosen,
            max_distance_km=input.max_distance_km,
            version=input.version,
            direct_award_ground=input.direct_award_ground,
        )
        return OpenReferralPayload(
            referral=Referral.from_row(row), invitations=ReferralInvitation.from_rows(invitations)
        )

    @mutation(
        description="Cancel a referral, with a reason, until it is awarded. Invited providers are notified.",
        access=COMMISSIONER,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion),
    )
    async def cancel_referral(
        self, info: Info, input: Annotated[CancelReferralInput, strawberry.argument(description="The cancellation.")]
    ) -> CancelReferralResult:
        row = await info.context.run(
            referrals.cancel_referral,
            referral_id=_pk(input.referral, "Referral", "input.referral") or 0,
            reason=input.reason,
            version=input.version,
        )
        return CancelReferralPayload(referral=Referral.from_row(row))
