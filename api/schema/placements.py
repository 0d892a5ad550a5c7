"""Placements: referrals, offers, call-offs, fee amendments and outcome reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from api.domain import matching, outcomes
from api.domain import status as st
from api.domain.children import child_view
from api.domain.fees import WeeklyFees, annual_cost, fees_in_force
from api.domain.funding import split_on
from api.domain.offers import offer_reference
from api.domain.visibility import reads_column
from api.resolvers import load
from api.schema.base import Node, Pence, RowBacked, field, node_type
from api.schema.call_off_endings import CallOffEndings
from api.schema.enums import (
    AmendmentReason,
    CallOffStatus,
    CallOffType,
    DirectAwardGround,
    Gender,
    NeedCode,
    OfferStatus,
    OutcomeReportStatus,
    ReferralMode,
    ReferralStatus,
    Term,
    expose,
)
from api.schema.market import Authority, Establishment, Lot, LotMembership, OutcomeMeasure, Provider
from db import models as m
from db.enums import CostElement

if TYPE_CHECKING:
    from api.schema.calloffs import OfferRanking
    from api.schema.funding import FundingSplit
    from api.schema.notices import ProcurementNotice
    from api.schema.outcomes import OutcomeReportQuery
    from api.schema.referrals import Match, ReferralInvitation
    from api.schema.reviews import AnnualReview
    from api.schema.terms import AmountDue

MatchSort = expose(matching.MatchSort, "The order of a referral's matches.")


def _column(row: Any, column: str, info: Info) -> Any:
    """``row``'s ``column`` where the caller may read it (:func:`api.domain.visibility.reads_column`); else null."""
    return getattr(row, column) if reads_column(type(row), column, info.context.actor) else None


@strawberry.type(description="A weekly fee broken down by cost element, in pence. Never one opaque number.")
class FeeBreakdown:
    education: Pence = field("Weekly education fee.")
    care: Pence = field("Weekly residential care fee.")
    health: Pence = field("Weekly health provision fee.")
    therapies: Pence = field("Weekly therapies fee: speech and language, occupational, physio, psychology.")
    additional_staffing: Pence = field("Weekly fee for additional 1:1 or 2:1 staffing.")
    total: Pence = field("The sum of the elements: the weekly fee.")

    @classmethod
    def of(cls, fees: WeeklyFees) -> FeeBreakdown:
        e = fees.by_element
        return cls(
            education=e[CostElement.EDUCATION],
            care=e[CostElement.CARE],
            health=e[CostElement.HEALTH],
            therapies=e[CostElement.THERAPIES],
            additional_staffing=e[CostElement.ADDITIONAL_STAFFING],
            total=fees.total,
        )


@strawberry.type(
    description=(
        "The profile of a referred child. No name is ever stored. The referring authority sees it as "
        "recorded; invited providers see it pseudonymised."
    )
)
class ChildProfile:
    reference: str = field(
        "The referring authority's own reference for the child; for anyone else, the referral's neutral reference."
    )
    pseudonymised: bool = field("Whether this profile has been pseudonymised for you.")
    age_at_start: int = field("The child's age in years at the intended start.")
    gender: Gender = field("The child's gender.")
    primary_need: NeedCode = field("The primary type of need.")
    secondary_needs: list[NeedCode] = field("Up to two secondary types of need, in rank order.")
    home_postcode_district: str = field("The outward code of the home postcode, e.g. CW1.")
    home_latitude: float | None = field(
        "Approximate latitude of the home (WGS84). Only the referring authority's own people see it; for anyone "
        "else it is null and the postcode district is all that is shown."
    )
    home_longitude: float | None = field(
        "Approximate longitude of the home (WGS84). Only the referring authority's own people see it; for anyone "
        "else it is null and the postcode district is all that is shown."
    )
    needs_summary: str = field("A summary of needs and required provision, without names.")


@node_type(m.Referral)
@strawberry.type(description="An authority's pseudonymised request for a placement for one child.")
class Referral(Node, RowBacked):
    start_by: dt.date = field("The date the placement should start by.")
    offer_deadline: dt.datetime = field("Offers are accepted until this time.")
    mode: ReferralMode = field("DIRECT_AWARD or COMPETITION.")
    quality_weight: int = field("Weight of quality in ranking offers, in percent.")
    price_weight: int = field("Weight of price in ranking offers, in percent.")
    opened_at: dt.datetime | None = field("When the referral was sent to providers.")
    cancelled_at: dt.datetime | None = field("When the authority cancelled the referral.")
    cancel_reason: str | None = field("Why the referral was cancelled.")
    version: int = field("The version, for optimistic locking.")

    @field("The referral's state.")
    def status(self, info: Info) -> ReferralStatus:
        return st.referral_status(self.row, info.context.now)

    @field("The child's profile, as you may see it.")
    def child(self, info: Info) -> ChildProfile:
        return ChildProfile(**vars(child_view(self.row, info.context.actor)))

    @field("The referring authority.")
    @load.relation
    def authority(self, info: Info) -> Authority:
        return load.related(info, m.Authority, self.row.authority_id, Authority.from_row)

    @field("The lot the placement is sought under.")
    @load.relation
    def lot(self, info: Info) -> Lot:
        return load.related(info, m.Lot, self.row.lot_id, Lot.from_row)

    @field("The providers invited to offer.")
    async def invited_providers(self, info: Info) -> list[Provider]:
        links = await load.children(info, m.ReferralInvitation, m.ReferralInvitation.referral_id, self.row.id)
        return Provider.from_rows(await load.many(info, m.Provider, [x.provider_id for x in links]))

    @field("The offers made, where you may see them.")
    @load.relation
    def offers(self, info: Info) -> list[Offer]:
        return load.related_children(info, m.Offer, m.Offer.referral_id, self.row.id, Offer.from_rows)

    @field("The call-off awarded on this referral, if any.")
    async def call_off(self, info: Info) -> CallOff | None:
        rows = await load.children(info, m.CallOff, m.CallOff.referral_id, self.row.id)
        return CallOff.from_optional(rows[0] if rows else None)

    @field("The child's national curriculum year at the intended start, if the authority gave it.")
    def nc_year_at_start(self) -> int | None:
        return self.row.nc_year_at_start

    @field("The questions every offer answers, scored for quality.")
    def quality_questions(self) -> list[str]:
        return list(self.row.quality_questions or [])

    @field("The invitations sent: which providers were invited, and when.")
    async def invitations(
        self, info: Info
    ) -> list[Annotated[ReferralInvitation, strawberry.lazy("api.schema.referrals")]]:
        from api.schema.referrals import ReferralInvitation

        rows = await load.children(info, m.ReferralInvitation, m.ReferralInvitation.referral_id, self.row.id)
        return ReferralInvitation.from_rows(rows)

    @field(
        "Every establishment through which an ACTIVE member provides the referral's lot, judged against the "
        "child: eligible or not, with the reasons for and against. The referring authority sees every match; "
        "an invited provider sees its own establishments only, judged on the child's profile as shown to it (the "
        "home located only to a cell of about 11 by 7 km, so its distances are approximate, to within a few km); "
        "for anyone else the list is empty. `weeklyStandardFee` is shown to those who may read rate cards."
    )
    async def matches(
        self,
        info: Info,
        max_distance_km: Annotated[
            float | None, strawberry.argument(description="Only establishments this near the child's home, in km.")
        ] = None,
        sort_by: Annotated[
            MatchSort,
            strawberry.argument(description="The order: nearest first, or lowest STANDARD-band weekly fee first."),
        ] = matching.MatchSort.DISTANCE,
        eligible_only: Annotated[bool, strawberry.argument(description="Leave out ineligible establishments.")] = False,
        allow_inadequate: Annotated[
            bool,
            strawberry.argument(
                description=("Do not rule out establishments flagged after an inspection; they stay noted against.")
            ),
        ] = False,
    ) -> list[Annotated[Match, strawberry.lazy("api.schema.referrals")]]:
        from api.schema.referrals import resolve_matches

        return await resolve_matches(
            info,
            self.row,
            max_distance_km=max_distance_km,
            sort_by=sort_by,
            eligible_only=eligible_only,
            allow_inadequate=allow_inadequate,
        )

    @field(
        "The live offers ranked on the published quality and price weights, with the working. Only the referring "
        "authority sees it, once offers have closed; null otherwise."
    )
    async def ranking(self, info: Info) -> Annotated[OfferRanking, strawberry.lazy("api.schema.calloffs")] | None:
        from api.schema.calloffs import resolve_ranking

        return await resolve_ranking(info, self.row)


@node_type(m.Offer)
@strawberry.type(description="A provider's time-boxed offer of a place at one establishment.")
class Offer(Node, RowBacked):
    weeks_per_year: int = field("Weeks per year the placement runs.")
    start_date: dt.date = field("The date the provider can start.")
    quality_statement: str = field("How the provider will meet the child's needs.")
    submitted_at: dt.datetime = field("When the offer was made.")
    withdrawn_at: dt.datetime | None = field("When the provider withdrew it.")
    withdrawal_reason: str | None = field(
        "Why the provider withdrew it, in its own words. Read wherever the offer is: by the provider, and by the "
        "referring authority and auditors. Null while the offer is not withdrawn, and for an offer withdrawn "
        "before reasons were asked for."
    )
    accepted_at: dt.datetime | None = field("When the authority accepted it.")
    declined_at: dt.datetime | None = field("When the authority declined it.")
    version: int = field("The version, for optimistic locking.")

    @field("The offer's neutral reference, e.g. NWO-000123: quote it to the council.")
    def reference(self) -> str:
        return offer_reference(self.row)

    @field("SUBMITTED, WITHDRAWN, ACCEPTED or DECLINED.")
    def status(self) -> OfferStatus:
        return st.offer_status(self.row)

    @field("The weekly fee breakdown offered.")
    def weekly_fees(self) -> FeeBreakdown:
        return FeeBreakdown.of(WeeklyFees.of(self.row))

    @field("The annual cost offered: weekly total × weeks per year.")
    def annual_cost(self) -> Pence:
        return annual_cost(WeeklyFees.of(self.row), weeks_per_year=self.row.weeks_per_year)

    @field("The referral offered against, where you may see it.")
    @load.relation
    def referral(self, info: Info) -> Referral | None:
        return load.related(info, m.Referral, self.row.referral_id, Referral.from_optional)

    @field("The offering provider.")
    @load.relation
    def provider(self, info: Info) -> Provider:
        return load.related(info, m.Provider, self.row.provider_id, Provider.from_row)

    @field("The establishment offered.")
    @load.relation
    def establishment(self, info: Info) -> Establishment:
        return load.related(info, m.Establishment, self.row.establishment_id, Establishment.from_row)

    @field("Whether any element is above the provider's rate card; such an offer carries a justification.")
    def exceeds_rate_card(self) -> bool:
        return self.row.exceeds_rate_card

    @field("Why the fees exceed the rate card, when the provider gave a reason.")
    def justification(self) -> str | None:
        return self.row.justification

    @field("The answers to the referral's quality questions, in the questions' order.")
    def quality_answers(self) -> list[str]:
        return list(self.row.quality_answers or [])

    @field("The referring authority's quality score, 0 to 100; null until scored.")
    def quality_score(self) -> int | None:
        return self.row.quality_score

    @field("When the quality score was last given.")
    def quality_scored_at(self) -> dt.datetime | None:
        return self.row.quality_scored_at


@node_type(m.CallOff)
@strawberry.type(description="A contract called off the system: an Individual Placement Agreement or a block contract.")
class CallOff(CallOffEndings, Node, RowBacked):
    reference: str = field("The call-off's reference.")
    type: CallOffType = field("INDIVIDUAL_PLACEMENT or BLOCK.")
    places: int = field("Places bought: 1 for an individual placement.")
    weeks_per_year: int = field("Weeks per year the placement runs.")
    start_date: dt.date = field("First day of the placement.")
    end_date: dt.date | None = field("Last day of the placement, if fixed.")
    awarded_at: dt.datetime = field("When the call-off was awarded.")
    standstill_ends_at: dt.datetime | None = field(
        "Under the Procurement Act 2023: when the standstill after the award decision ends (8 working days in "
        "England and Wales, beginning with the day of the award), after which the call-off may be entered into. "
        "Null where the regime has no standstill."
    )
    entered_into_at: dt.datetime | None = field(
        "When the contract was entered into: at the award under PCR 2015; under the Procurement Act 2023 when its "
        "commissioner entered into it after the standstill (`enterIntoCallOff`). Null while awarded, not yet "
        "entered into."
    )
    direct_award_ground: DirectAwardGround | None = field(
        "The Schedule 5 ground a direct award under the Procurement Act 2023 was made on; null otherwise."
    )
    terminated_at: dt.datetime | None = field("When it was terminated early.")
    termination_reason: str | None = field("Why it was terminated.")
    version: int = field("The version, for optimistic locking.")

    @field("PENDING, ACTIVE, ENDED or TERMINATED, derived from the dates.")
    def status(self, info: Info) -> CallOffStatus:
        return st.call_off_status(self.row, info.context.today)

    @field(
        "The weekly fee breakdown per place in force today. An amendment scheduled for a later date changes it "
        "from that date; `amendments` lists it now."
    )
    @load.relation
    def weekly_fees(self, info: Info) -> FeeBreakdown:
        return self._fees_today(info, FeeBreakdown.of)

    @field("The committed annual cost at today's fees: weekly total × weeks per year × places.")
    @load.relation
    def annual_cost(self, info: Info) -> Pence:
        r = self.row
        return self._fees_today(
            info, lambda fees: Pence(annual_cost(fees, weeks_per_year=r.weeks_per_year, places=r.places))
        )

    def _fees_today(self, info: Info, wrap: Callable[[WeeklyFees], Any]) -> Any:
        """``wrap`` of the weekly fees per place in force on the request's date, from the amendment history."""
        today = info.context.today
        return load.related_children(
            info,
            m.FeeAmendment,
            m.FeeAmendment.call_off_id,
            self.row.id,
            lambda rows: wrap(fees_in_force(WeeklyFees.of(self.row), rows, today)),
            (m.FeeAmendment.effective_from,),
        )

    @field("The authority that called it off.")
    @load.relation
    def authority(self, info: Info) -> Authority:
        return load.related(info, m.Authority, self.row.authority_id, Authority.from_row)

    @field("The provider contracted.")
    @load.relation
    def provider(self, info: Info) -> Provider:
        return load.related(info, m.Provider, self.row.provider_id, Provider.from_row)

    @field("The establishment the placement is at.")
    @load.relation
    def establishment(self, info: Info) -> Establishment:
        return load.related(info, m.Establishment, self.row.establishment_id, Establishment.from_row)

    @field("The lot called off.")
    @load.relation
    def lot(self, info: Info) -> Lot:
        return load.related(info, m.Lot, self.row.lot_id, Lot.from_row)

    @field("The referral it was awarded on, where you may see it. Block contracts have none.")
    @load.relation
    def referral(self, info: Info) -> Referral | None:
        return load.related(info, m.Referral, self.row.referral_id, Referral.from_optional)

    @field("Every change to the fees, oldest first.")
    @load.relation
    def amendments(self, info: Info) -> list[FeeAmendment]:
        return load.related_children(
            info,
            m.FeeAmendment,
            m.FeeAmendment.call_off_id,
            self.row.id,
            FeeAmendment.from_rows,
            (m.FeeAmendment.effective_from,),
        )

    @field(
        "The Procurement Act 2023 notices of this call-off (tender, transparency, award, details, change, "
        "termination), oldest first, where you may see them. Empty under the Public Contracts Regulations 2015."
    )
    @load.relation
    def notices(self, info: Info) -> list[Annotated[ProcurementNotice, strawberry.lazy("api.schema.notices")]]:
        from api.schema.notices import notices_of

        return notices_of(info, m.ProcurementNotice.call_off_id, self.row.id)

    @field("Outcome reports, oldest first, where you may see them.")
    @load.relation
    def outcome_reports(self, info: Info) -> list[OutcomeReport]:
        return load.related_children(
            info,
            m.OutcomeReport,
            m.OutcomeReport.call_off_id,
            self.row.id,
            OutcomeReport.from_rows,
            (m.OutcomeReport.academic_year, m.OutcomeReport.due_at),
        )

    @field("The most recent outcome report, where you may see it.")
    @load.relation
    def latest_outcome_report(self, info: Info) -> OutcomeReport | None:
        return load.then(info.context.loaders.latest_report().load(self.row.id), OutcomeReport.from_optional)

    @field(
        "The terms an outcome report can be written for on this placement now, oldest first: each term that has "
        "started, during which the placement was running, and that has no report submitted or accepted yet. A term "
        "whose report is a draft, or was queried, is listed with that report. Empty unless the placement is ACTIVE "
        "(reports are written only while it runs), and for anyone who may not read its outcome reports."
    )
    @load.relation
    def terms_to_report(self, info: Info) -> list[TermToReport]:
        return load.then(info.context.loaders.terms_to_report().load(self.row.id), TermToReport.from_terms)

    @field("The weekly cost of the call-off today: the weekly fee per place in force today × places.")
    @load.relation
    def weekly_total(self, info: Info) -> Pence:
        return self._fees_today(info, lambda fees: Pence(fees.total * self.row.places))

    @field("The weekly fees per place in force on a date, from the amendment history.")
    async def weekly_fees_on(
        self, info: Info, date: Annotated[dt.date, strawberry.argument(description="The day.")]
    ) -> FeeBreakdown:
        return FeeBreakdown.of(await self._fees_on(info, date))

    @field(
        "What the agreement says is due for the days from `start` to `end` (both included, at most 400 days), "
        "per cost element, with the working: see `AmountDue` for the rule."
    )
    async def amount_due(
        self,
        info: Info,
        start: Annotated[dt.date, strawberry.argument(description="The first day.")],
        end: Annotated[dt.date, strawberry.argument(description="The last day.")],
    ) -> Annotated[AmountDue, strawberry.lazy("api.schema.terms")]:
        from api.schema.terms import amount_due

        return await amount_due(info, self.row, start, end)

    @field("The annual cost at the fees in force on a date: weekly total × weeks per year × places.")
    async def annual_cost_on(
        self, info: Info, date: Annotated[dt.date, strawberry.argument(description="The day.")]
    ) -> Pence:
        fees = await self._fees_on(info, date)
        return Pence(annual_cost(fees, weeks_per_year=self.row.weeks_per_year, places=self.row.places))

    async def _fees_on(self, info: Info, date: dt.date) -> WeeklyFees:
        rows = await load.children(
            info, m.FeeAmendment, m.FeeAmendment.call_off_id, self.row.id, (m.FeeAmendment.effective_from,)
        )
        return fees_in_force(WeeklyFees.of(self.row), rows, date)

    @field(
        "Why the call-off was awarded to this provider: the commissioner's reason, or for an award to the offer "
        "ranked first the ranking's summary (how many offers were ranked). Shown to the buying side only; null for "
        "providers, who never learn how many competed or what was said of the other offers."
    )
    def award_reason(self, info: Info) -> str | None:
        return _column(self.row, "award_reason", info)

    @field("Who awarded it. Shown to the buying side only; null for providers.")
    def awarded_by(self, info: Info) -> str | None:
        return _column(self.row, "awarded_by", info)

    @field(
        "The ranking of the offers as it stood at the award, with the working. Shown to the buying side only, "
        "and only to those who may read every offer ranked (the referring authority and auditors); null for "
        "anyone else and for block contracts."
    )
    async def award_working(self, info: Info) -> Annotated[OfferRanking, strawberry.lazy("api.schema.calloffs")] | None:
        from api.schema.calloffs import award_working

        return await award_working(info, self.row)

    @field(
        "Who pays the weekly fee today: the funding split in force (before the start, the first). Null for anyone "
        "who may not read funding (providers among them)."
    )
    @load.relation
    def funding_split(self, info: Info) -> Annotated[FundingSplit, strawberry.lazy("api.schema.funding")] | None:
        from api.schema.funding import FundingSplit

        today = info.context.today
        return self._splits(info, lambda rows: FundingSplit.from_optional(split_on(rows, today)))

    @field("Every funding split, oldest first: who paid what, and from when. Empty for anyone who may not read them.")
    @load.relation
    def funding_splits(self, info: Info) -> list[Annotated[FundingSplit, strawberry.lazy("api.schema.funding")]]:
        from api.schema.funding import FundingSplit

        return self._splits(info, FundingSplit.from_rows)

    def _splits(self, info: Info, wrap: Callable[[list[Any]], Any]) -> Any:
        s = m.FundingSplit
        return load.related_children(info, s, s.call_off_id, self.row.id, wrap, (s.effective_from, s.id))

    @field("The lot membership the call-off was made under.")
    @load.relation
    def membership(self, info: Info) -> LotMembership | None:
        return load.related(info, m.LotMembership, self.row.membership_id, LotMembership.from_optional)

    @field("Why the call-off ends on its end date, when one was set.")
    def end_reason(self) -> str | None:
        return self.row.end_reason

    @field("The day the child's EHC plan was issued, when recorded: the first annual review is due a year after it.")
    def plan_issued_on(self) -> dt.date | None:
        return self.row.plan_issued_on

    @field(
        "The annual reviews of the child's EHC plan at this placement, oldest first: those held and the one to come. "
        "Empty for a block contract, and for anyone who may not read them."
    )
    @load.relation
    def reviews(self, info: Info) -> list[Annotated[AnnualReview, strawberry.lazy("api.schema.reviews")]]:
        from api.schema.reviews import AnnualReview

        return self._reviews(info, AnnualReview.from_rows)

    @field("The annual review not yet held, with its due date; null when there is none, or you may not read it.")
    @load.relation
    def next_review(self, info: Info) -> Annotated[AnnualReview, strawberry.lazy("api.schema.reviews")] | None:
        from api.schema.reviews import AnnualReview

        return self._reviews(
            info, lambda rows: AnnualReview.from_optional(next((r for r in rows if r.held_on is None), None))
        )

    def _reviews(self, info: Info, wrap: Callable[[list[Any]], Any]) -> Any:
        r = m.AnnualReview
        return load.related_children(info, r, r.call_off_id, self.row.id, wrap, (r.sequence,))


@node_type(m.FeeAmendment)
@strawberry.type(description="A dated change to a call-off's weekly fees, with the breakdown before and after.")
class FeeAmendment(Node, RowBacked):
    effective_from: dt.date = field("The first day the new fees apply.")
    reason: AmendmentReason = field("Why the fees changed.")
    note: str = field("Details of the change.")
    agreed_at: dt.datetime = field("When the change was agreed.")

    @field("The weekly fees before the change.")
    def before(self) -> FeeBreakdown:
        return FeeBreakdown.of(WeeklyFees.of(self.row, "before_"))

    @field("The weekly fees from the effective date.")
    def after(self) -> FeeBreakdown:
        return FeeBreakdown.of(WeeklyFees.of(self.row, "after_"))

    @field("Whether the change is scheduled: its effective date is after today, so the fees before it still apply.")
    def scheduled(self, info: Info) -> bool:
        return self.row.effective_from > info.context.today

    @field("Who approved the change. Shown to the buying side only; null for providers.")
    def approved_by(self, info: Info) -> str | None:
        return _column(self.row, "approved_by", info)


@node_type(m.OutcomeReport)
@strawberry.type(description="A provider's termly report of outcomes for one call-off.")
class OutcomeReport(Node, RowBacked):
    academic_year: int = field("The academic year, by its starting year: 2024 means 2024/25.")
    term: Term = field("The term reported on.")
    narrative: str = field("The provider's account of progress, without names.")
    due_at: dt.datetime = field("When the report is due.")
    submitted_at: dt.datetime | None = field("When it was last submitted.")
    accepted_at: dt.datetime | None = field("When the authority accepted it.")
    queried_at: dt.datetime | None = field("When the authority last queried it.")
    query_comment: str | None = field("The authority's query.")
    version: int = field("The version, for optimistic locking.")

    @field("DRAFT, SUBMITTED, ACCEPTED or QUERIED.")
    def status(self) -> OutcomeReportStatus:
        return st.report_status(self.row)

    @field("The period in words, e.g. '2024/25 autumn term'.")
    def period(self) -> str:
        year = self.row.academic_year
        return f"{year}/{(year + 1) % 100:02d} {self.row.term.value.lower()} term"

    @field("Whether the report is past due and not yet submitted.")
    def overdue(self, info: Info) -> bool:
        return st.report_overdue(self.row, info.context.now)

    @field("The values reported, one per measure.")
    @load.relation
    def values(self, info: Info) -> list[OutcomeValue]:
        return load.related_children(
            info, m.OutcomeValue, m.OutcomeValue.report_id, self.row.id, OutcomeValue.from_rows
        )

    @field("The call-off reported on.")
    @load.relation
    def call_off(self, info: Info) -> CallOff | None:
        return load.related(info, m.CallOff, self.row.call_off_id, CallOff.from_optional)

    @field("The placing authority's queries about the report and the provider's answers, oldest first.")
    async def queries(self, info: Info) -> list[Annotated[OutcomeReportQuery, strawberry.lazy("api.schema.outcomes")]]:
        from api.schema.outcomes import OutcomeReportQuery

        rows = await load.children(info, m.OutcomeReportQuery, m.OutcomeReportQuery.report_id, self.row.id)
        return OutcomeReportQuery.from_rows(outcomes.conversation(self.row, rows))


@strawberry.type(description="A reported value of one outcome measure.")
class OutcomeValue(RowBacked):
    row: strawberry.Private[object]
    value: float = field("The value, on the measure's scale.")

    @field("The measure reported.")
    @load.relation
    def measure(self, info: Info) -> OutcomeMeasure:
        return load.related(info, m.OutcomeMeasure, self.row.measure_id, OutcomeMeasure.from_row)


@strawberry.type(
    description=(
        "A term an outcome report can be written for on a placement now, with the report when it has been started."
    )
)
class TermToReport:
    academic_year: int = field("The academic year, by the year it starts: 2025 means 2025/26.")
    term: Term = field("The term.")
    period: str = field("The term in words, e.g. '2025/26 spring term'.")
    due_at: dt.datetime = field("When the term's report is due.")
    report: OutcomeReport | None = field(
        "The term's report while it is a draft or queried, to carry on with; null when it has not been started."
    )

    @classmethod
    def from_terms(cls, found: list[outcomes.ReportableTerm]) -> list[TermToReport]:
        return [
            cls(
                academic_year=item.dates.academic_year,
                term=item.dates.term,
                period=outcomes.period(item.dates.academic_year, item.dates.term),
                due_at=item.dates.due_at,
                report=OutcomeReport.from_optional(item.report),
            )
            for item in found
        ]
