"""Fee-uplift requests and decisions: providers ask, authorities (or the lead authority for the region) decide."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth.actor import AUTHORITY_ROLES
from api.auth.actor import Role as R
from api.domain import listings, uplifts
from api.domain.errors import Forbidden, InvalidTransition, NotFound, StaleVersion, ValidationError
from api.resolvers import load
from api.resolvers.relay import require_id
from api.schema import errors as e
from api.schema import filters as f
from api.schema.base import Node, Pence, RowBacked, field, node_type
from api.schema.enums import UpliftOutcome
from api.schema.lists import connection_field
from api.schema.market import Authority, Establishment, Lot, Provider
from api.schema.mutation import mutation, result
from api.schema.permissions import requires
from api.schema.placements import CallOff
from db import models as m
from db.enums import CostElement
from db.enums import UpliftOutcome as DbUpliftOutcome
from db.fees import FEE_ELEMENTS

ASK = requires("uplifts:write", R.PROVIDER_USER)
DECIDE = requires("uplifts:write", R.AUTHORITY_COMMISSIONER, R.LEAD_ADMIN)


@strawberry.type(description="An uplift per cost element, in percent.")
class FeePercents:
    education: Decimal = field("Education, in percent.")
    care: Decimal = field("Residential care, in percent.")
    health: Decimal = field("Health provision, in percent.")
    therapies: Decimal = field("Therapies, in percent.")
    additional_staffing: Decimal = field("Additional staffing, in percent.")

    @classmethod
    def of(cls, row: object) -> FeePercents:
        u = uplifts.Uplift.of(row)
        return cls(
            education=u.percent(CostElement.EDUCATION),
            care=u.percent(CostElement.CARE),
            health=u.percent(CostElement.HEALTH),
            therapies=u.percent(CostElement.THERAPIES),
            additional_staffing=u.percent(CostElement.ADDITIONAL_STAFFING),
        )


@strawberry.type(description="A new weekly fee per place per cost element, in pence; null where none is set.")
class FeeRates:
    education: Pence | None = field("Education.")
    care: Pence | None = field("Residential care.")
    health: Pence | None = field("Health provision.")
    therapies: Pence | None = field("Therapies.")
    additional_staffing: Pence | None = field("Additional staffing.")

    @classmethod
    def of(cls, row: object) -> FeeRates:
        u = uplifts.Uplift.of(row)

        def rate(e: CostElement) -> Pence | None:
            value = u.rate(e)
            return None if value is None else Pence(value)

        return cls(
            education=rate(CostElement.EDUCATION),
            care=rate(CostElement.CARE),
            health=rate(CostElement.HEALTH),
            therapies=rate(CostElement.THERAPIES),
            additional_staffing=rate(CostElement.ADDITIONAL_STAFFING),
        )


@node_type(m.UpliftDecision)
@strawberry.type(description="A decision on an uplift request: an authority's for its placements, or the region's.")
class UpliftDecision(Node, RowBacked):
    outcome: UpliftOutcome = field("ACCEPTED, ACCEPTED_IN_PART or REFUSED.")
    reason: str | None = field("Why, as the decision says; always given for a refusal.")
    decided_at: dt.datetime = field("When it was decided.")
    amended: int = field("How many placements' fees it amended.")

    @field("Whether it is the lead authority's, for the whole region.")
    def regional(self) -> bool:
        return self.row.authority_id is None

    @field("The authority deciding for its own placements; null for the region.")
    @load.relation
    def authority(self, info: Info) -> Authority | None:
        return load.related(info, m.Authority, self.row.authority_id, Authority.from_optional)

    @field("The uplift agreed per element, in percent: all 0 when refused, or where a new fee is agreed.")
    def uplift(self) -> FeePercents:
        return FeePercents.of(self.row)

    @field("The new weekly fees per place agreed, per element; null where agreed by percent.")
    def new_rates(self) -> FeeRates:
        return FeeRates.of(self.row)


@node_type(m.UpliftRequest)
@strawberry.type(
    description=(
        "A provider's request for higher fees at one establishment on one lot, from a date: a percentage per cost "
        "element, with its reasons and evidence documents. The provider sees its own; every authority, the lead "
        "authority and auditors see every request and every decision on it."
    )
)
class UpliftRequest(Node, RowBacked):
    effective_from: dt.date = field("The first day the uplift would apply.")
    reasons: str = field("The provider's reasons.")
    submitted_at: dt.datetime = field("When it was asked for.")
    version: int = field("The version, for optimistic locking: send it back with a decision.")

    @field("The uplift asked for per element, in percent; 0 where a new fee is asked for instead.")
    def uplift(self) -> FeePercents:
        return FeePercents.of(self.row)

    @field("The new weekly fees per place asked for, per element; null where asked by percent.")
    def new_rates(self) -> FeeRates:
        return FeeRates.of(self.row)

    @field("The provider asking.")
    @load.relation
    def provider(self, info: Info) -> Provider:
        return load.related(info, m.Provider, self.row.provider_id, Provider.from_row)

    @field("The establishment.")
    @load.relation
    def establishment(self, info: Info) -> Establishment:
        return load.related(info, m.Establishment, self.row.establishment_id, Establishment.from_row)

    @field("The lot.")
    @load.relation
    def lot(self, info: Info) -> Lot:
        return load.related(info, m.Lot, self.row.lot_id, Lot.from_row)

    @field("The decisions made on it: each authority's, or the one regional decision.")
    @load.relation
    def decisions(self, info: Info) -> list[UpliftDecision]:
        d = m.UpliftDecision
        return load.related_children(info, d, d.request_id, self.row.id, UpliftDecision.from_rows, (d.id,))

    @field(
        "The placements it would uplift that you may see: your own as the provider, or your authority's (every "
        "authority's for the lead authority and auditors)."
    )
    async def affected_call_offs(self, info: Info) -> list[CallOff]:
        rows = await info.context.loaders.uplift_affected().load(self.row.id)
        visible = {r.id for r in await load.many(info, m.CallOff, [r.id for r in rows])}
        return [CallOff.from_row(r) for r in rows if r.id in visible]

    @field("Whether your authority still has to decide it (null for anyone who does not decide for an authority).")
    async def yours_to_decide(self, info: Info) -> bool | None:
        actor = info.context.actor
        if not actor.has_role(R.AUTHORITY_COMMISSIONER) or actor.authority_id is None:
            return None
        decisions = await load.children(info, m.UpliftDecision, m.UpliftDecision.request_id, self.row.id)
        if any(d.authority_id in (None, actor.authority_id) for d in decisions):
            return False
        rows = await info.context.loaders.uplift_affected().load(self.row.id)
        return any(r.authority_id == actor.authority_id for r in rows)


@strawberry.type(description="Fee-uplift requests.")
class UpliftQueries:
    uplift_requests = connection_field(
        UpliftRequest,
        f.UpliftRequestFilter,
        listings.uplift_requests,
        description=(
            "Fee-uplift requests, oldest first, with their decisions: a provider's own; every one for the buying "
            "side, the regional view of how each authority decided on each establishment."
        ),
        access=requires(
            "calloffs:read", R.PROVIDER_USER, *AUTHORITY_ROLES, R.AUTHORITY_FINANCE, R.LEAD_ADMIN, R.AUDITOR
        ),
    )


@strawberry.input(description="An uplift per cost element, in percent to 2 places; 0 for none.")
class FeePercentsInput:
    education: Decimal = strawberry.field(default=Decimal(0), description="Education, in percent.")
    care: Decimal = strawberry.field(default=Decimal(0), description="Residential care, in percent.")
    health: Decimal = strawberry.field(default=Decimal(0), description="Health provision, in percent.")
    therapies: Decimal = strawberry.field(default=Decimal(0), description="Therapies, in percent.")
    additional_staffing: Decimal = strawberry.field(default=Decimal(0), description="Additional staffing, in percent.")

    def percents(self) -> dict[CostElement, Decimal]:
        return {e: getattr(self, e.value.lower()) for e in FEE_ELEMENTS}


@strawberry.input(description="A new weekly fee per place for some cost elements, in pence.")
class FeeRatesInput:
    education: Pence | None = strawberry.field(default=None, description="Education.")
    care: Pence | None = strawberry.field(default=None, description="Residential care.")
    health: Pence | None = strawberry.field(default=None, description="Health provision.")
    therapies: Pence | None = strawberry.field(default=None, description="Therapies.")
    additional_staffing: Pence | None = strawberry.field(default=None, description="Additional staffing.")

    def rates(self) -> dict[CostElement, int | None]:
        given = {e: getattr(self, e.value.lower()) for e in FEE_ELEMENTS}
        return {e: None if v is None else int(v) for e, v in given.items()}


def _uplift(percents: FeePercentsInput | None, rates: FeeRatesInput | None) -> uplifts.Uplift:
    none = uplifts.Uplift.none()
    return uplifts.Uplift(
        none.percents if percents is None else percents.percents(), none.rates if rates is None else rates.rates()
    )


@strawberry.input(description="A request for a fee uplift at one of your establishments.")
class RequestFeeUpliftInput:
    establishment: strawberry.ID = field("Your establishment.")
    lot: strawberry.ID = field("The lot its placements are under.")
    effective_from: dt.date = field(
        "The first day the uplift would apply: at least the purchasing system's notice (84 days unless set) away."
    )
    uplift: FeePercentsInput | None = strawberry.field(
        default=None, description="The uplift per element in percent, at most 10% each: an annual uplift's bound."
    )
    new_rates: FeeRatesInput | None = strawberry.field(
        default=None,
        description=(
            "Or, per element, the new weekly fee per place asked for: never below a placement's fee, nor more than "
            "10% above it."
        ),
    )
    reasons: str = field("Why: costs, pay awards, what changed. Up to 4,000 characters. Attach evidence after.")
    call_offs: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description="Only these placements at the establishment on the lot; leave out for all that run then.",
    )


@strawberry.input(description="A decision on a fee-uplift request.")
class DecideFeeUpliftInput:
    request: strawberry.ID = field("The request.")
    version: int = field("The request's version you read.")
    outcome: UpliftOutcome = field("ACCEPTED, ACCEPTED_IN_PART (give `uplift`) or REFUSED (give `reason`).")
    uplift: FeePercentsInput | None = strawberry.field(
        default=None, description="For ACCEPTED_IN_PART: the smaller uplift agreed, per element, in percent."
    )
    new_rates: FeeRatesInput | None = strawberry.field(
        default=None, description="For ACCEPTED_IN_PART: or the smaller new weekly fees agreed, per element."
    )
    reason: str | None = strawberry.field(default=None, description="Why; required to refuse. The provider reads it.")
    regional: bool = strawberry.field(
        default=False,
        description="The lead authority only: decide for every authority's placements, while none has decided.",
    )


@strawberry.type(description="The request.")
class UpliftRequestPayload:
    request: UpliftRequest = field("The request, with its decisions.")


RequestFeeUpliftResult = result(
    "RequestFeeUpliftResult",
    UpliftRequestPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    description="The request, or why not.",
)
DecideFeeUpliftResult = result(
    "DecideFeeUpliftResult",
    UpliftRequestPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The request with the decision, or why not.",
)


@strawberry.type(description="Ask for and decide fee uplifts.")
class UpliftMutations:
    @mutation(
        description=(
            "Ask for a fee uplift at one of your establishments on a lot, from a date, with your reasons: a "
            "percentage per element. Every authority with an affected placement is told."
        ),
        access=ASK,
        errors=(NotFound, Forbidden, ValidationError),
    )
    async def request_fee_uplift(
        self, info: Info, input: Annotated[RequestFeeUpliftInput, strawberry.argument(description="The request.")]
    ) -> RequestFeeUpliftResult:
        row = await info.context.run(
            uplifts.request_uplift,
            establishment_id=require_id(input.establishment, "Establishment", field="input.establishment"),
            lot_id=require_id(input.lot, "Lot", field="input.lot"),
            effective_from=input.effective_from,
            uplift=_uplift(input.uplift, input.new_rates),
            reasons=input.reasons,
            call_off_ids=[
                require_id(c, "CallOff", field=f"input.callOffs[{i}]") for i, c in enumerate(input.call_offs)
            ],
        )
        return UpliftRequestPayload(request=UpliftRequest.from_row(row))

    @mutation(
        description=(
            "Decide a fee-uplift request for your authority's placements, or (the lead authority, `regional`) for "
            "every authority's. Accepting, in full or in part, amends each placement's fees from the effective "
            "date (ANNUAL_UPLIFT), all in this one change; the provider is told."
        ),
        access=DECIDE,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion),
    )
    async def decide_fee_uplift(
        self, info: Info, input: Annotated[DecideFeeUpliftInput, strawberry.argument(description="The decision.")]
    ) -> DecideFeeUpliftResult:
        await info.context.run(
            uplifts.decide_uplift,
            request_id=require_id(input.request, "UpliftRequest", field="input.request"),
            version=input.version,
            regional=input.regional,
            decision=uplifts.Decision(
                DbUpliftOutcome(input.outcome),
                None if input.uplift is None and input.new_rates is None else _uplift(input.uplift, input.new_rates),
                input.reason,
            ),
        )
        row = await info.context.execute(
            lambda session: session.get(
                m.UpliftRequest, require_id(input.request, "UpliftRequest", field="input.request")
            )
        )
        return UpliftRequestPayload(request=UpliftRequest.from_row(row))
