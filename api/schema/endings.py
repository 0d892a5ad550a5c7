"""The end of placements: phase ages, notice, placements ending soon, stability, and establishments closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import strawberry
from strawberry.types import Info

from api.auth.actor import AUTHORITY_ROLES
from api.auth.actor import Role as R
from api.domain import analytics, closures, endings
from api.domain.errors import DomainError, Forbidden, InvalidTransition, NotFound, StaleVersion, ValidationError
from api.domain.queries import scoped
from api.domain.visibility import read_scope
from api.resolvers import load
from api.resolvers.errors import from_domain
from api.resolvers.relay import expect_id, page, require_id
from api.schema import errors as e
from api.schema.analytics import AnalyticsScope
from api.schema.base import Connection, connection_from, field
from api.schema.call_off_endings import DEADLINE_RULE, PLANNED_END_RULE, EndingKind, EndingReason
from api.schema.lists import After, Before, First, Last
from api.schema.market import Authority, Establishment, Lot, LotMembership, Provider
from api.schema.mutation import mutation, result
from api.schema.permissions import requires
from api.schema.placements import CallOff
from db import models as m

if TYPE_CHECKING:
    from api.schema.referrals import Match

T = TypeVar("T")

PHASE_AGES = requires("calloffs:write", R.LEAD_ADMIN, R.AUTHORITY_COMMISSIONER)
NOTICE = requires("calloffs:write", R.PROVIDER_USER, R.AUTHORITY_COMMISSIONER)
CLOSING = requires("providers:write", R.LEAD_ADMIN, R.PROVIDER_USER)
BUYERS = (*AUTHORITY_ROLES, R.LEAD_ADMIN, R.AUDITOR)


async def _run(info: Info, fn: Callable[..., Awaitable[T]], **kwargs: Any) -> T:
    """Call a domain function for a query; its refusals become GraphQL errors with their code and field."""
    try:
        return await info.context.run(fn, **kwargs)
    except DomainError as refusal:
        raise from_domain(refusal) from None


# -- placement stability -------------------------------------------------------------------------------


@strawberry.type(description="How stable one provider's placements on one lot were over the period.")
class StabilityGroup:
    provider_id: strawberry.Private[int]
    lot_id: strawberry.Private[int]
    suppressed: bool = field("Whether the group is too small to show (regional figures): its figures are then null.")
    placements: int | None = field("Individual placements that ran on at least one day of the period.")
    children: int | None = field(
        "The children they were for: each placing authority's child references, each child once."
    )
    placement_years: Decimal | None = field(
        "The days the placements ran within the period, added up, ÷ 365.25; to 2 decimal places."
    )
    unplanned_endings: int | None = field(
        "Placements whose last day fell in the period with an UNPLANNED ending (a termination recorded before "
        "endings were classed counts as unplanned)."
    )
    unplanned_endings_per_100_placement_years: Decimal | None = field(
        "Unplanned endings × 100 ÷ placement-years, to 1 decimal place; null with no placement-years."
    )
    placements_per_child: Decimal | None = field("Placements ÷ children, to 2 decimal places.")

    @field("The provider.")
    @load.relation
    def provider(self, info: Info) -> Provider:
        return load.related(info, m.Provider, self.provider_id, Provider.from_row)

    @field("The lot.")
    @load.relation
    def lot(self, info: Info) -> Lot:
        return load.related(info, m.Lot, self.lot_id, Lot.from_row)

    @classmethod
    def of(cls, group: endings.StabilityGroup) -> StabilityGroup:
        return cls(
            provider_id=group.provider_id,
            lot_id=group.lot_id,
            suppressed=group.suppressed,
            placements=group.placements,
            children=group.children,
            placement_years=group.placement_years,
            unplanned_endings=group.unplanned_endings,
            unplanned_endings_per_100_placement_years=group.unplanned_per_100_years,
            placements_per_child=group.placements_per_child,
        )


@strawberry.type(
    description=(
        "How stable placements were, per provider and lot, over a period: individual placements only. A provider "
        "sees its own placements, exact and current. The buying side sees them as its analytics: its own "
        "authority's exact and current (scope OWN_AUTHORITY), or the region's protected (REGION): groups of fewer "
        f"than {analytics.SUPPRESSION_THRESHOLD} children, or of fewer than that of other authorities', suppressed "
        f"(and more, so that none can be worked out from the others); counts rounded to multiples of "
        f"{analytics.COUNT_STEP}, with the rates worked out from the rounded counts; as at the start of the current "
        "quarter, so the period ends by the day before it."
    )
)
class PlacementStability:
    scope: AnalyticsScope | None = field(  # type: ignore[valid-type]
        "OWN_AUTHORITY or REGION for the buying side; null for a provider, which sees its own."
    )
    first_day: dt.date = field("The first day of the period.", name="from")
    last_day: dt.date = field(
        "The last day of the period: the day asked for, or today (regionally the day before `asAt`), if earlier."
    )
    as_at: dt.datetime = field("The moment the figures describe: now, or regionally the start of the quarter.")
    suppression_threshold: int = field("Regional groups of fewer children than this are suppressed.")
    groups: list[StabilityGroup] = field(
        "One group per provider and lot with placements in the period, by the provider's name and the lot's place."
    )
    authority_id: strawberry.Private[int | None]
    provider_id: strawberry.Private[int | None]

    @field("Your authority, whose placements the figures cover in full (scope OWN_AUTHORITY); null otherwise.")
    async def authority(self, info: Info) -> Authority | None:
        return Authority.from_optional(await load.one(info, m.Authority, self.authority_id))

    @field("Your organisation, whose placements the figures cover (a provider); null otherwise.")
    async def provider(self, info: Info) -> Provider | None:
        return Provider.from_optional(await load.one(info, m.Provider, self.provider_id))


@strawberry.input(description="Which placements' stability, over which period.")
class PlacementStabilityFilter:
    provider: strawberry.ID | None = strawberry.field(default=None, description="Only this provider's placements.")
    lot: strawberry.ID | None = strawberry.field(default=None, description="Only placements on this lot.")
    first_day: dt.date | None = strawberry.field(
        default=None, name="from", description="The first day of the period; a year before `to` if left out."
    )
    last_day: dt.date | None = strawberry.field(
        default=None,
        name="to",
        description="The last day of the period; today (regionally the day before the quarter began) if later.",
    )


# -- placements affected by a closure ---------------------------------------------------------------------


@strawberry.type(description="A placement that must move, and where the child could go.")
class AffectedPlacement:
    found: strawberry.Private[closures.AffectedPlacement]
    ends_on: dt.date | None = field(
        "When it would otherwise end: as `CallOff.endsOn`; null with neither an end date nor a planned end."
    )

    @field("The placement.")
    @load.relation
    def call_off(self, info: Info) -> CallOff:
        return load.related(info, m.CallOff, self.found.call_off.id, CallOff.from_row)

    @field(
        "How many establishments the child could move to: see `alternatives`. Null where you may not see the "
        "child's matches."
    )
    def eligible_alternatives(self) -> int | None:
        found = self.found.alternatives
        return None if found is None else len(found)

    @field(
        "The establishments the child is eligible for in today's market, nearest first: the child's referral "
        "matched again as they will be on the day they must move (their age at the start plus the whole years "
        "since), leaving out the establishment they are at and any marked closing by that day. Only the placing "
        "authority's people see them, as only they see a referral's matches; null for anyone else."
    )
    async def alternatives(self, info: Info) -> list[Annotated[Match, strawberry.lazy("api.schema.referrals")]] | None:
        from api.schema.referrals import Match, MatchReason

        found = self.found.alternatives
        if found is None:
            return None
        reasons: dict[Any, MatchReason] = {}
        fees_shown = info.context.actor.has_scope(read_scope(m.RateCardLine))
        matches = [Match.of(x, reasons, fees_shown=fees_shown) for x in found]
        await load.prefetch(info, matches)
        return matches


@strawberry.type(description="One authority's placements affected.")
class AffectedAuthority:
    authority_id: strawberry.Private[int]
    placements: list[AffectedPlacement] = field("Its placements that must move, in call-off order.")

    @field("The placing authority.")
    @load.relation
    def authority(self, info: Info) -> Authority:
        return load.related(info, m.Authority, self.authority_id, Authority.from_row)


@strawberry.type(
    description=(
        "The placements an establishment closing, or a provider leaving a lot, leaves to move: per placing "
        "authority, those still running after the day (not terminated, and due to end after it or with no end)."
    )
)
class AffectedPlacements:
    move_by: dt.date = field(
        "The day: the establishment's closing date, or the day the membership was removed (or ends)."
    )
    authorities: list[AffectedAuthority] = field(
        "Per placing authority you may see (your own; every one for the lead authority and auditors), in order."
    )
    establishment_id: strawberry.Private[int | None]
    membership_id: strawberry.Private[int | None]

    @field("The closing establishment; null for a membership.")
    async def establishment(self, info: Info) -> Establishment | None:
        return Establishment.from_optional(await load.one(info, m.Establishment, self.establishment_id))

    @field("The membership removed; null for an establishment.")
    async def membership(self, info: Info) -> LotMembership | None:
        return LotMembership.from_optional(await load.one(info, m.LotMembership, self.membership_id))

    @field("How many placements must move, across the authorities listed.")
    def placements(self) -> int:
        return sum(len(a.placements) for a in self.authorities)

    @classmethod
    def of(cls, found: closures.Affected) -> AffectedPlacements:
        by_authority: dict[int, list[AffectedPlacement]] = {}
        for item in found.placements:
            by_authority.setdefault(item.call_off.authority_id, []).append(
                AffectedPlacement(found=item, ends_on=item.ends_on)
            )
        return cls(
            move_by=found.on,
            authorities=[AffectedAuthority(authority_id=a, placements=p) for a, p in sorted(by_authority.items())],
            establishment_id=found.establishment_id,
            membership_id=found.membership_id,
        )


@strawberry.type(description="When placements end, and what happens when a provider closes.")
class EndingQueries:
    @strawberry.field(
        description=(
            "Placements due to end (`endsOn`: the earlier of the end date and the planned end still to come), or "
            "whose phase-transfer deadline falls, from today to `withinMonths` months on, in call-off order; so a "
            "placement ending with its phase is listed while its deadline is ahead. Each gives its "
            "`phaseTransferDeadline`, the "
            "deadline for amending the plan that applies to it, and the days until it. Your authority's placements "
            "for its commissioners and analysts; every authority's for the lead authority and auditors. "
            f"Planned end: {PLANNED_END_RULE} Deadline: {DEADLINE_RULE}"
        ),
        extensions=[requires("calloffs:read", *BUYERS)],
    )
    async def placements_ending(
        self,
        info: Info,
        within_months: Annotated[
            int, strawberry.argument(description=f"How far ahead, in months: 1 to {endings.MAX_WINDOW_MONTHS}.")
        ] = 6,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[CallOff]:
        ctx = info.context
        ids = await _run(info, endings.placements_ending, within_months=within_months)
        statement = listing_by_ids(ctx.actor, ctx.now, ids)
        found = await page(ctx, statement, id_column=m.CallOff.id, first=first, after=after, last=last, before=before)
        connection = connection_from(found, CallOff)
        await load.prefetch(info, [edge.node for edge in connection.edges], ("nodes",), ("edges", "node"))
        return connection

    @strawberry.field(
        description=(
            "How stable placements were over a period, per provider and lot: placements, children, placement-years, "
            "unplanned endings and their rate per 100 placement-years, and placements per child. See "
            "`PlacementStability` for who sees what."
        ),
        extensions=[requires("calloffs:read", R.PROVIDER_USER, *BUYERS)],
    )
    async def placement_stability(
        self,
        info: Info,
        filter: Annotated[
            PlacementStabilityFilter | None, strawberry.argument(description="Which placements, over which period.")
        ] = None,
        scope: Annotated[
            AnalyticsScope | None,  # type: ignore[valid-type]
            strawberry.argument(
                description="For the buying side: OWN_AUTHORITY or REGION (the default). A provider sees its own."
            ),
        ] = None,
    ) -> PlacementStability:
        given = filter or PlacementStabilityFilter()
        report = await _run(
            info,
            endings.placement_stability,
            scope=scope,
            provider_id=expect_id(given.provider, "Provider", field="filter.provider"),
            lot_id=expect_id(given.lot, "Lot", field="filter.lot"),
            first=given.first_day,
            last=given.last_day,
        )
        return PlacementStability(
            scope=report.scope,
            first_day=report.first,
            last_day=report.last,
            as_at=report.as_at.moment,
            suppression_threshold=analytics.SUPPRESSION_THRESHOLD,
            groups=[StabilityGroup.of(g) for g in report.groups],
            authority_id=report.authority_id,
            provider_id=report.provider_id,
        )

    @strawberry.field(
        description=(
            "The placements an establishment marked closing, or a lot membership removed (or ending), leaves to move, "
            "per placing authority, each child matched again against today's market. Give one of `establishment` "
            "and `membership`. An authority's commissioners and analysts see its own placements; the lead authority "
            "and auditors every authority's; a provider its own, at its own establishment or under its own "
            "membership."
        ),
        extensions=[requires("calloffs:read", R.PROVIDER_USER, *BUYERS)],
    )
    async def affected_placements(
        self,
        info: Info,
        establishment: Annotated[
            strawberry.ID | None, strawberry.argument(description="An establishment marked closing.")
        ] = None,
        membership: Annotated[
            strawberry.ID | None, strawberry.argument(description="A lot membership removed, or with an end date.")
        ] = None,
    ) -> AffectedPlacements:
        found = await _run(
            info,
            closures.affected_placements,
            establishment_id=expect_id(establishment, "Establishment", field="establishment"),
            membership_id=expect_id(membership, "LotMembership", field="membership"),
        )
        return AffectedPlacements.of(found)


def listing_by_ids(actor: Any, now: dt.datetime, ids: list[int]) -> Any:
    """The call-offs ``ids`` the actor may see, to page by keyset."""
    c = m.CallOff
    return scoped(c, actor, now).where(c.id.in_(ids)) if ids else scoped(c, actor, now).where(c.id.is_(None))


# -- mutations --------------------------------------------------------------------------------------------


@strawberry.input(description="The phase ages of a lot, or of one placement.")
class SetPhaseEndAgesInput:
    lot: strawberry.ID | None = strawberry.field(
        default=None, description="A lot of a purchasing system your authority leads: the lead authority only."
    )
    call_off: strawberry.ID | None = strawberry.field(
        default=None, description="An individual placement of your authority's, PENDING or ACTIVE: its commissioners."
    )
    ages: list[int] | None = strawberry.field(
        default=None,
        description=(
            "Ages from 1 to 25, ascending, each once (at most 10): each ends an agreement at the end of the academic "
            "year the child reaches it. Null: follow the lot's (for a lot, 11, 16 and 18)."
        ),
    )
    version: int | None = strawberry.field(
        default=None, description="The call-off's version you read (lots carry no version)."
    )


@strawberry.type(description="The lot or placement, with its phase ages.")
class SetPhaseEndAgesPayload:
    lot: Lot | None = field("The lot, when a lot's ages were set.")
    call_off: CallOff | None = field("The placement, with its planned end, when its ages were set.")


@strawberry.input(description="Notice to end a placement.")
class GiveNoticeInput:
    call_off: strawberry.ID = field("The placement, PENDING or ACTIVE: your organisation's, or your authority's.")
    version: int = field("The call-off's version you read.")
    reason: EndingReason = field("Why the placement is to end.")  # type: ignore[valid-type]
    note: str | None = strawberry.field(
        default=None,
        description="More about why, for the other party in the portal (not sent by e-mail). Up to 2000 characters.",
    )
    end_on: dt.date | None = strawberry.field(
        default=None,
        description=(
            "The last day of the placement: no earlier than the notice period allows (the specification's notice, "
            "else one term: to the end of the term after this one, or 13 weeks without term dates). Left out: the "
            "earliest it allows."
        ),
    )
    ending_kind: EndingKind | None = strawberry.field(  # type: ignore[valid-type]
        default=None,
        description=(
            "PLANNED or UNPLANNED. Left out: PLANNED for the end of a phase, a move for the next phase or a plan "
            "ceasing; UNPLANNED otherwise."
        ),
    )


@strawberry.type(description="The placement, with the notice and its last day.")
class GiveNoticePayload:
    call_off: CallOff = field("The placement: `notice` says who gave it, `endDate` its last day.")


@strawberry.input(description="An establishment closing.")
class MarkEstablishmentClosingInput:
    establishment: strawberry.ID = field("The establishment: any, for the lead authority; your own, for a provider.")
    version: int = field("The establishment's version you read.")
    closing_on: dt.date = field("The day it closes: today or later.")
    reason: str = field("Why it closes, in words; public with the establishment. Up to 2000 characters.")


@strawberry.type(description="The establishment, marked closing.")
class MarkEstablishmentClosingPayload:
    establishment: Establishment = field("The establishment, with `closingOn` and `closingReason`.")


CHANGE = (NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion)
_ERRORS = (e.NotFound, e.Forbidden, e.ValidationError, e.InvalidTransition, e.StaleVersion)

SetPhaseEndAgesResult = result(
    "SetPhaseEndAgesResult", SetPhaseEndAgesPayload, *_ERRORS, description="The phase ages set, or why not."
)
GiveNoticeResult = result("GiveNoticeResult", GiveNoticePayload, *_ERRORS, description="The notice, or why not.")
MarkEstablishmentClosingResult = result(
    "MarkEstablishmentClosingResult",
    MarkEstablishmentClosingPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.StaleVersion,
    description="The establishment marked closing, or why not.",
)


@strawberry.type(description="Phase ages, notice and closing establishments.")
class EndingMutations:
    @mutation(
        description=(
            "Set the ages at the end of whose academic year placements' agreements end: a lot's (its lead "
            "authority) or one placement's (its commissioners). Give one of `lot` and `callOff`."
        ),
        access=PHASE_AGES,
        errors=CHANGE,
    )
    async def set_phase_end_ages(
        self, info: Info, input: Annotated[SetPhaseEndAgesInput, strawberry.argument(description="The ages.")]
    ) -> SetPhaseEndAgesResult:
        row = await info.context.run(
            endings.set_phase_end_ages,
            lot_id=expect_id(input.lot, "Lot", field="input.lot"),
            call_off_id=expect_id(input.call_off, "CallOff", field="input.callOff"),
            ages=input.ages,
            version=input.version,
        )
        if isinstance(row, m.Lot):
            return SetPhaseEndAgesPayload(lot=Lot.from_row(row), call_off=None)
        return SetPhaseEndAgesPayload(lot=None, call_off=CallOff.from_row(row))

    @mutation(
        description=(
            "Give notice to end a placement: as its provider, or as a commissioner of the placing authority (who you "
            "are says which party gives it). Its last day is the earliest the notice period allows, or the later "
            "day given; the ending is recorded planned or not, and the other party is told."
        ),
        access=NOTICE,
        errors=CHANGE,
    )
    async def give_notice(
        self, info: Info, input: Annotated[GiveNoticeInput, strawberry.argument(description="The notice.")]
    ) -> GiveNoticeResult:
        row = await info.context.run(
            endings.give_notice,
            call_off_id=require_id(input.call_off, "CallOff", field="input.callOff"),
            version=input.version,
            reason=input.reason,
            note=input.note,
            end_on=input.end_on,
            kind=input.ending_kind,
        )
        return GiveNoticePayload(call_off=CallOff.from_row(row))

    @mutation(
        description=(
            "Say that an establishment is closing, when and why: the lead authority, or the provider for its own. "
            "Every authority with a placement there running past that day is told; `affectedPlacements` lists them."
        ),
        access=CLOSING,
        errors=(NotFound, Forbidden, ValidationError, StaleVersion),
    )
    async def mark_establishment_closing(
        self,
        info: Info,
        input: Annotated[MarkEstablishmentClosingInput, strawberry.argument(description="The closing.")],
    ) -> MarkEstablishmentClosingResult:
        row = await info.context.run(
            closures.mark_establishment_closing,
            establishment_id=require_id(input.establishment, "Establishment", field="input.establishment"),
            version=input.version,
            closing_on=input.closing_on,
            reason=input.reason,
        )
        return MarkEstablishmentClosingPayload(establishment=Establishment.from_row(row))
