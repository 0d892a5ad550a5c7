"""The market: authorities, purchasing systems, lots, specifications, providers and members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from api.domain import bids, providers, regimes
from api.domain import status as st
from api.domain.endings import DEFAULT_PHASE_END_AGES
from api.resolvers import load
from api.schema.base import Node, Pence, RowBacked, field, node_type
from api.schema.enums import (
    AdmissionMode,
    AuthorityRole,
    CostElement,
    EstablishmentType,
    GendersAdmitted,
    IdentifierScheme,
    MeasureDirection,
    MeasureFrequency,
    MeasureScale,
    MembershipStatus,
    NeedCode,
    OfstedGrade,
    OutcomeDomain,
    PlacementType,
    PricingBand,
    ProviderStatus,
    Regime,
    SpecificationStatus,
    SystemStatus,
)
from api.schema.records import AuditEvent
from db import models as m

if TYPE_CHECKING:
    from api.schema.inspections import Inspection
    from api.schema.notices import ProcurementNotice


@node_type(m.Authority)
@strawberry.type(description="A local authority with education duties, identified by its GSS code.")
class Authority(Node, RowBacked):
    sources = {"code": "gss_code"}

    code: str = field("The ONS GSS code, e.g. E06000049 for Cheshire East.")
    name: str = field("The authority's name.")
    role: AuthorityRole = field("LEAD runs the purchasing system; MEMBER buys through it.")
    joined_on: dt.date | None = field("When the authority's cabinet approved joining.")
    active: bool = field("Whether the authority currently buys through the system.")
    version: int = field("The version, for optimistic locking: send it back with changes.")
    review_interval_months: int = field(
        "Months between a child's EHC plan reviews (12 unless the authority sets fewer)."
    )
    review_report_days: int = field("Days before a review meeting the school's report is due (14 unless set).")
    review_decision_days: int = field("Days after a review meeting within which the authority decides (28 unless set).")
    plan_amendment_days: int = field(
        "Days after a decision to amend within which the amended plan follows (56 unless set)."
    )


@node_type(m.PurchasingSystem)
@strawberry.type(description="A flexible purchasing system, dynamic market or open framework run by a lead authority.")
class PurchasingSystem(Node, RowBacked):
    title: str = field("The system's title.")
    reference: str = field("The lead authority's procurement reference.")
    ocid: str = field("The Open Contracting ID of the system's contracting process.")
    description: str = field("What the system buys, in plain words.")
    regime: Regime = field("The procurement regime it runs under.")
    admission_mode: AdmissionMode = field("Whether providers join in rounds or at any time.")
    term_start: dt.date = field("First day of the system's term.")
    term_end: dt.date = field("Last day of the system's term.")
    activated_at: dt.datetime | None = field("When the system went live.")
    closed_at: dt.datetime | None = field("When the system closed.")
    version: int = field("The version, for optimistic locking.")
    decision_period_days: int = field("Days within which applications are decided in continuous admission.")
    uplift_notice_days: int = field(
        "The least notice of a fee uplift, in days, from the request to its effective date."
    )

    @field("DRAFT, ACTIVE or CLOSED, derived from the activation and closing times.")
    def status(self) -> SystemStatus:
        return st.system_status(self.row)

    @field("An open framework's reopening dates, when rounds admit new members; empty for other regimes.")
    def reopening_dates(self) -> list[dt.date]:
        return [dt.date.fromisoformat(day) for day in self.row.reopening_dates or ()]

    @field(
        "Working days of standstill between a call-off's award decision and entering into it: 8 under the "
        "Procurement Act 2023, 0 under PCR 2015."
    )
    def standstill_working_days(self) -> int:
        return regimes.policy_of(self.row).standstill_working_days

    @field(
        "Whether its lots and specification (the conditions of membership) are fixed: a dynamic market's, once it is "
        "established."
    )
    def conditions_fixed(self) -> bool:
        return regimes.policy_of(self.row).conditions_fixed_once_live and self.row.activated_at is not None

    @field("The authority that runs the system.")
    @load.relation
    def lead_authority(self, info: Info) -> Authority:
        return load.related(info, m.Authority, self.row.lead_authority_id, Authority.from_row)

    @field("The authorities that buy through the system.")
    async def member_authorities(self, info: Info) -> list[Authority]:
        members = await load.children(info, m.SystemMember, m.SystemMember.system_id, self.row.id)
        return Authority.from_rows(await load.many(info, m.Authority, [x.authority_id for x in members]))

    @field("The lots, in published order.")
    @load.relation
    def lots(self, info: Info) -> list[Lot]:
        return load.related_children(info, m.Lot, m.Lot.system_id, self.row.id, Lot.from_rows, (m.Lot.position,))

    @field("Every version of the service specification you may see, oldest first.")
    @load.relation
    def specifications(self, info: Info) -> list[Specification]:
        return load.related_children(
            info,
            m.Specification,
            m.Specification.system_id,
            self.row.id,
            Specification.from_rows,
            (m.Specification.version_number,),
        )

    @field("The current published specification, if any.")
    async def current_specification(self, info: Info) -> Specification | None:
        rows = await load.children(
            info, m.Specification, m.Specification.system_id, self.row.id, (m.Specification.version_number,)
        )
        current = [row for row in rows if st.specification_status(row) == SpecificationStatus.PUBLISHED]
        return Specification.from_row(current[-1]) if current else None

    @field(
        "The Procurement Act 2023 notices of the system's own process (dynamic market notices and the like), "
        "oldest first. Empty under the Public Contracts Regulations 2015."
    )
    @load.relation
    def notices(self, info: Info) -> list[Annotated[ProcurementNotice, strawberry.lazy("api.schema.notices")]]:
        from api.schema.notices import notices_of

        return notices_of(info, m.ProcurementNotice.system_id, self.row.id)

    @field("The outcomes framework: every measure, including retired ones.")
    @load.relation
    def outcome_measures(self, info: Info) -> list[OutcomeMeasure]:
        return load.related_children(
            info,
            m.OutcomeMeasure,
            m.OutcomeMeasure.system_id,
            self.row.id,
            OutcomeMeasure.from_rows,
            (m.OutcomeMeasure.code,),
        )


@node_type(m.Lot)
@strawberry.type(description="A lot: one kind of placement, with its age band and weeks per year.")
class Lot(Node, RowBacked):
    code: str = field("The lot's short code, unique within its system.")
    title: str = field("The lot's title.")
    placement_type: PlacementType = field("Day or residential.")
    weeks_per_year: int = field("Weeks per year a placement runs: 38, 39 or 52.")
    age_min: int = field("Youngest age served, in years.")
    age_max: int = field("Oldest age served, in years.")
    position: int = field("Where the lot is listed among the system's lots.")

    @field(
        "The ages at the end of whose academic year (31 August) its placements' agreements end: the end of a phase. "
        "11, 16 and 18 unless the lead authority sets others; a placement's commissioner may set its own."
    )
    def phase_end_ages(self) -> list[int]:
        return list(self.row.phase_end_ages or DEFAULT_PHASE_END_AGES)

    @field("The purchasing system the lot belongs to.")
    @load.relation
    def system(self, info: Info) -> PurchasingSystem:
        return load.related(info, m.PurchasingSystem, self.row.system_id, PurchasingSystem.from_row)

    @field(
        "Your establishments that can be offered for this lot in an application: with places of the lot's kind "
        "and ages that overlap the lot's, in name order. Empty if you are not a provider."
    )
    @load.relation
    def own_establishments(self, info: Info) -> list[Establishment]:
        # the provider's establishments are loaded once per request, whatever the number of lots
        provider_id = bids.bidder(info.context.actor)
        if provider_id is None:
            return []
        return load.related_children(
            info,
            m.Establishment,
            m.Establishment.provider_id,
            provider_id,
            lambda rows: Establishment.from_rows(bids.offerable(rows, self.row)),
        )


@node_type(m.Specification)
@strawberry.type(description="One version of a system's core service specification. Published versions never change.")
class Specification(Node, RowBacked):
    version_number: int = field("The specification's version: 1, 2, …")
    title: str = field("The specification's title.")
    body: str = field("The specification's text.")
    published_at: dt.datetime | None = field("When it was published.")
    superseded_at: dt.datetime | None = field("When a later version replaced it.")
    notice_period_weeks: int | None = field(
        "The notice either party gives to end a placement, in weeks; null means one term: to the end of the term "
        "after the one in which notice is given."
    )
    version: int = field("The version of this record, for optimistic locking: send it back with changes.")

    @field("DRAFT, PUBLISHED or SUPERSEDED.")
    def status(self) -> SpecificationStatus:
        return st.specification_status(self.row)

    @field("The purchasing system it specifies.")
    @load.relation
    def system(self, info: Info) -> PurchasingSystem:
        return load.related(info, m.PurchasingSystem, self.row.system_id, PurchasingSystem.from_row)


@node_type(m.OutcomeMeasure)
@strawberry.type(description="A measure of the outcomes framework that providers report against.")
class OutcomeMeasure(Node, RowBacked):
    code: str = field("The measure's short code, unique within its system.")
    name: str = field("The measure's name.")
    description: str = field("What is measured and how.")
    domain: OutcomeDomain = field("The area of the framework it belongs to.")
    scale: MeasureScale = field("The scale its values are on.")
    direction: MeasureDirection = field("Whether higher or lower values are better.")
    frequency: MeasureFrequency = field("How often it is reported.")
    retired_at: dt.datetime | None = field("When it was retired; retired measures are kept, never deleted.")
    version: int = field("The version, for optimistic locking: send it back with changes.")


@strawberry.type(description="An org-id.guide identifier of an organisation.")
class OrganisationIdentifier(RowBacked):
    row: strawberry.Private[object]
    scheme: IdentifierScheme = field("The identifier's scheme.")
    identifier: str = field("The identifier within its scheme.")


@node_type(m.Provider)
@strawberry.type(description="An organisation that runs independent or non-maintained special schools and colleges.")
class Provider(Node, RowBacked):
    legal_name: str = field("The provider's registered legal name.")
    status: ProviderStatus = field("Whether the provider may take part.")
    verified_at: dt.datetime | None = field("When the lead authority verified the registration.")
    version: int = field("The version, for optimistic locking: send it back with changes.")
    status_reason: str | None = field("Why the provider is suspended or excluded; null while ACTIVE.")

    @field("Whether the lead authority has verified the registration; only verified providers may bid.")
    def verified(self) -> bool:
        return self.row.verified_at is not None

    @field("Company, charity and PPON numbers.")
    @load.relation
    def identifiers(self, info: Info) -> list[OrganisationIdentifier]:
        return load.related_children(
            info, m.ProviderIdentifier, m.ProviderIdentifier.provider_id, self.row.id, OrganisationIdentifier.from_rows
        )

    @field("The schools and colleges the provider runs.")
    @load.relation
    def establishments(self, info: Info) -> list[Establishment]:
        return load.related_children(
            info, m.Establishment, m.Establishment.provider_id, self.row.id, Establishment.from_rows
        )

    @field("The provider's lot memberships.")
    @load.relation
    def memberships(self, info: Info) -> list[LotMembership]:
        return load.related_children(
            info, m.LotMembership, m.LotMembership.provider_id, self.row.id, LotMembership.from_rows
        )


@strawberry.type(description="An establishment's flag after an inspection that gave cause for concern.")
class EstablishmentConcern:
    since: dt.date = field("The date of the inspection that raised it.")
    reason: str = field(
        'What gave cause for concern, in words, e.g. "Ofsted report card, 3 December 2026: safeguarding not met".'
    )


@node_type(m.Establishment)
@strawberry.type(description="A school or college, identified by its DfE URN: its public profile.")
class Establishment(Node, RowBacked):
    sources = {"type": "type_code"}

    urn: str = field("The six-digit DfE unique reference number.")
    name: str = field("The establishment's name.")
    type: EstablishmentType = field("Its Get Information about Schools type.")
    postcode: str = field("Postcode of the site.")
    host_authority: str | None = field(
        "The local authority whose area the site is in, as Get Information about Schools names it; null if not given."
    )
    latitude: float = field("Latitude of the site (WGS84).")
    longitude: float = field("Longitude of the site (WGS84).")
    age_min: int = field("Youngest age admitted, in years.")
    age_max: int = field("Oldest age admitted, in years.")
    genders: GendersAdmitted = field("Which genders it admits.")
    day_capacity: int = field("Day places in total.")
    residential_capacity: int = field("Residential places in total.")
    day_vacancies: int = field("Day places free now.")
    residential_vacancies: int = field("Residential places free now.")
    version: int = field("The version, for optimistic locking.")
    closing_on: dt.date | None = field(
        "The day it closes, when the lead authority or its provider has said it is closing; null otherwise."
    )
    closing_reason: str | None = field("Why it is closing; null unless it is.")

    @field("The needs it caters for.")
    async def needs(self, info: Info) -> list[NeedCode]:
        rows = await load.children(info, m.EstablishmentNeed, m.EstablishmentNeed.establishment_id, self.row.id)
        return [row.need_code for row in rows]

    @field("Its inspections, newest first, each with its judgements: Ofsted, ISI and CQC, in every framework.")
    @load.relation
    def inspections(self, info: Info) -> list[Annotated[Inspection, strawberry.lazy("api.schema.inspections")]]:
        from api.schema.inspections import Inspection

        newest_first = (m.Inspection.inspected_on.desc(), m.Inspection.id.desc())
        return load.related_children(
            info, m.Inspection, m.Inspection.establishment_id, self.row.id, Inspection.from_rows, newest_first
        )

    @field(
        "Why it is flagged after an inspection that gave cause for concern, and since when; null when it is not. "
        "A flagged establishment is ruled out of matching unless the commissioner includes it for a referral."
    )
    def concern(self) -> EstablishmentConcern | None:
        if self.row.concern_since is None:
            return None
        return EstablishmentConcern(since=self.row.concern_since, reason=self.row.concern_reason)

    @field(
        "The overall effectiveness grade of its latest legacy-grade Ofsted inspection; null if it has none.",
        deprecation_reason="Use `inspections` (every framework, newest first) and `concern`.",
    )
    @load.relation
    def ofsted_grade(self, info: Info) -> OfstedGrade | None:
        return load.then(info.context.loaders.latest_legacy_grade().load(self.row.id), _grade_of)

    @field(
        "The date of its latest legacy-grade Ofsted inspection; null if it has none.",
        deprecation_reason="Use `inspections` (every framework, newest first) and `concern`.",
    )
    @load.relation
    def ofsted_date(self, info: Info) -> dt.date | None:
        return load.then(info.context.loaders.latest_legacy_grade().load(self.row.id), _date_of)

    @field("The provider that runs it.")
    @load.relation
    def provider(self, info: Info) -> Provider:
        return load.related(info, m.Provider, self.row.provider_id, Provider.from_row)

    @field(
        "Its history: the recorded changes to its details, newest first, each with before and after. "
        "Visible to the provider that runs it, and to the lead authority and auditors with `audit:read`; empty "
        "for anyone else."
    )
    async def changes(self, info: Info) -> list[AuditEvent]:
        return AuditEvent.from_rows(await _establishment_changes(info).load(self.row.id))


def _grade_of(inspection: m.Inspection | None) -> Any:
    return None if inspection is None else inspection.overall_grade


def _date_of(inspection: m.Inspection | None) -> dt.date | None:
    return None if inspection is None else inspection.inspected_on


def _establishment_changes(info: Info) -> DataLoader[int, list[Any]]:
    """The request's loader of establishments' audit events: one query, whatever the number of establishments."""
    ctx = info.context
    loader = getattr(ctx, "_establishment_changes", None)
    if loader is None:

        async def load_changes(ids: Sequence[int]) -> list[list[Any]]:
            grouped = await ctx.run(providers.establishment_changes, establishment_ids=ids)
            return [grouped.get(i, []) for i in ids]

        loader = DataLoader(load_fn=load_changes)
        ctx._establishment_changes = loader
    return loader


@strawberry.type(description="One weekly fee of a rate card or pricing schedule.")
class PriceLine(RowBacked):
    row: strawberry.Private[object]
    sources = {"weekly_fee": "weekly_fee_pence"}

    band: PricingBand = field("The band of need priced.")
    element: CostElement = field("The cost element priced.")
    weekly_fee: Pence = field("The weekly fee, in pence.")


@node_type(m.LotMembership)
@strawberry.type(description="A provider admitted to a lot, with the establishments it serves the lot through.")
class LotMembership(Node, RowBacked):
    since: dt.date = field("First day of membership.")
    until: dt.date | None = field("Last day of membership, if set.")
    suspended_at: dt.datetime | None = field("When the membership was suspended, while it is.")
    suspension_reason: str | None = field("Why it was suspended.")
    version: int = field("The version, for optimistic locking.")

    @field("ACTIVE, SUSPENDED, REMOVED or EXPIRED.")
    def status(self, info: Info) -> MembershipStatus:
        return st.membership_status(self.row, info.context.today)

    @field("The member provider.")
    @load.relation
    def provider(self, info: Info) -> Provider:
        return load.related(info, m.Provider, self.row.provider_id, Provider.from_row)

    @field("The lot.")
    @load.relation
    def lot(self, info: Info) -> Lot:
        return load.related(info, m.Lot, self.row.lot_id, Lot.from_row)

    @field("The establishments through which the member provides the lot.")
    async def establishments(self, info: Info) -> list[Establishment]:
        links = await load.children(
            info, m.MembershipEstablishment, m.MembershipEstablishment.membership_id, self.row.id
        )
        return Establishment.from_rows(await load.many(info, m.Establishment, [x.establishment_id for x in links]))

    @field(
        "The member's rate card. Visible to buying authorities, the lead authority and the member "
        "itself; empty for anyone else."
    )
    @load.relation
    def rate_card(self, info: Info) -> list[PriceLine]:
        return load.related_children(
            info,
            m.RateCardLine,
            m.RateCardLine.membership_id,
            self.row.id,
            PriceLine.from_rows,
            (m.RateCardLine.band, m.RateCardLine.element),
        )
