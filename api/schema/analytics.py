"""Analytics: committed spend, fee benchmarks, outcome summaries and placement counts, with suppression."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.types import Info

from api.auth.actor import AUTHORITY_ROLES
from api.auth.actor import Role as R
from api.domain import analytics as a
from api.domain import visibility
from api.domain.errors import DomainError
from api.resolvers import load
from api.resolvers.errors import from_domain
from api.resolvers.relay import expect_id, to_global_id
from api.schema.base import Pence, field
from api.schema.enums import CallOffStatus, FundingStream, NeedCode, Term, expose
from api.schema.funding import IntegratedCareBoard
from api.schema.market import Authority, Lot, OutcomeMeasure, Provider
from api.schema.permissions import requires
from api.schema.placements import CallOff
from db import models as m

T = TypeVar("T")

ANALYSTS = (R.LEAD_ADMIN, *AUTHORITY_ROLES, R.AUDITOR)
SCOPE = "analytics:read"

AnalyticsScope = expose(
    visibility.AnalyticsScope,
    "Whose placements analytics cover: your own authority's in full, or the region's protected: small groups "
    "suppressed, statistics from enough children and rounded.",
)
SpendGrouping = expose(a.SpendGrouping, "How committed spend is grouped.")
PlacementGrouping = expose(a.PlacementGrouping, "How placements are counted.")
OutcomeGrouping = expose(a.OutcomeGrouping, "How outcome reports are summarised.")
OutcomeTrend = expose(a.OutcomeTrend, "Which way a measure moved from one term to the next, given its direction.")
PrimaryNeedGroup = expose(
    a.PrimaryNeedGroup, "A child's primary type of need, or NOT_RECORDED where a call-off has no referral."
)

SUPPRESSION = (
    "Regional figures (scope REGION) are protected so that, even beside the public contracts (every call-off's "
    "lot, buyer, dates and annual value are published in OCDS), none tells one child's placement apart. Groups "
    "are sized in children: a child once however many call-offs are theirs, a block contract once whatever its "
    f"places. A group of fewer than {a.SUPPRESSION_THRESHOLD} children, or of fewer than "
    f"{a.SUPPRESSION_THRESHOLD} of authorities other than yours (you could take out your own), is listed, marked "
    "`suppressed`, with its figures null (never zero). Where groups are by the child's primary need, which is not "
    f"public, a group must also leave at least {a.SUPPRESSION_THRESHOLD} children outside it, or it would tell "
    "every one of them. So that no suppressed group can be worked out by subtracting the others from the total, "
    "further groups are suppressed, smallest first, until the suppressed groups are at least two and hold at least "
    f"{a.SUPPRESSION_THRESHOLD} other authorities' children between them; where that cannot be done the total is "
    "suppressed instead, and groups by need are then not listed at all (their names alone would say that a child "
    f"has that need). Medians and quartiles need at least {a.STATISTIC_THRESHOLD} children ({a.STATISTIC_THRESHOLD} "
    f"of other authorities'); each is the mean of the {a.STATISTIC_WINDOW} values nearest its position, never one "
    "child's own value, rounded to a coarse step (weekly fees to £50 less 1p, days to whole days, outcomes by their "
    f"scale), and null when any of those {a.STATISTIC_WINDOW} is your own placement. Committed spend is rounded to "
    "£1,000 per group, so that it cannot be matched against the published contract values. Counts (children, "
    f"call-offs, places, reports) are rounded half-up to a multiple of {a.COUNT_STEP}. Every regional figure is as at "
    "the start of the current calendar quarter (see `asAt`), so it changes once a quarter, never with one award. "
    "Groups are listed by name, code or year, never by size. Your own authority's figures (scope OWN_AUTHORITY) are "
    "exact, current and never suppressed."
)

SPEND_DEFINITION = (
    "Committed annual spend, in pence: for each call-off running on any day of the financial year (1 April to "
    "31 March), every day it runs in that year (from its start date to its end date, or to the year's end when "
    "open-ended) costs the weekly fee per place in force that day (from its fee amendments) × its weeks per year "
    "× its places ÷ the days in the financial year (365, or 366 with a 29 February). A call-off running all year "
    "at one fee counts exactly its annual cost; one starting or ending within the year counts pro rata by calendar "
    "days; one terminated before it started counts nothing. Includes the committed remainder of the current year. "
    "Each group is rounded half-up to whole pence; the total is the sum of the groups. By funder or funding "
    "stream, a funder's spend is worked out the same way from its contributions: every day costs the weekly "
    "pence per place of its contribution in the funding split in force that day (the split with the latest start "
    "on or before it) instead of the weekly fee. A split's contributions add up to the weekly fee to the penny, so "
    "a call-off's funders together count exactly its spend (before each group is rounded). Call-offs without a "
    "funding split are counted apart, as not recorded."
)


AS_AT = (
    "The moment the figures describe. For scope OWN_AUTHORITY: the moment of your request; the figures are "
    "current. For scope REGION: the start of the current calendar quarter, 00:00 UTC on 1 January, April, July or "
    "October (the end of the last complete quarter). Regional figures are the region as it stood then: the "
    "call-offs awarded and imported before it, in their states on the day before it, at the fees agreed by it "
    "(split between funders by the funding splits proposed by it), and spend for the days before it. They change "
    "only when a new quarter begins, so that no one award, ending or fee change (each published in the public "
    "contracts) can be told apart by asking again. Show it, e.g. 'Region as at 1 April 2026'; the next change "
    "comes three months later."
)

REGIONAL_FEE = (
    "Exact for your own authority. Regionally: the mean of the "
    f"{a.STATISTIC_WINDOW} weekly costs nearest it, rounded half-up to £{int(a.FEE_STEP) // 100} and then "
    f"{a.FEE_OFFSET}p less (149999 for £1,500: show it rounded to whole pounds), so that it is never a "
    "placement's fee; null when suppressed, when the group has fewer than "
    f"{a.STATISTIC_THRESHOLD} children, when one of those {a.STATISTIC_WINDOW} is your own placement, or when the "
    "rounded figure is exactly the weekly fee of an active placement of its lot (it could be read as theirs)."
)


# --------------------------------------------------------------------------
# Groups
# --------------------------------------------------------------------------


def _key(group: a.Group) -> str:
    if group == a.TOTAL:
        return "TOTAL"
    parts: list[str] = []
    if group.authority_id is not None:
        parts.append(to_global_id("Authority", group.authority_id))
    if group.lot_id is not None:
        parts.append(to_global_id("Lot", group.lot_id))
    if group.provider_id is not None:
        parts.append(to_global_id("Provider", group.provider_id))
    if group.primary_need is not None:
        parts.append(group.primary_need.value)
    if group.financial_year is not None:
        parts.append(str(group.financial_year))
    if group.status is not None:
        parts.append(group.status.value)
    if group.integrated_care_board_id is not None:
        parts.append(to_global_id("IntegratedCareBoard", group.integrated_care_board_id))
    if group.funding_stream is not None:
        parts.append(group.funding_stream.value)
    if group.funding_not_recorded:
        parts.append("NOT_RECORDED")
    return "/".join(parts)


@strawberry.interface(
    description=(
        "A group of placements in an analytics answer: what it is keyed on, and whether its figures are suppressed. "
        "Only the fields of the grouping asked for are set; the total has none."
    )
)
class AnalyticsGroup:
    group: strawberry.Private[a.Group]
    suppressed: bool = field(
        "Whether the group's figures are withheld because it is too small to publish (regional figures only). "
        "Its figures are then null, never zero."
    )

    @field(
        "A stable key for joining answers: the global IDs of the authority, lot, provider or integrated care board, "
        "the need code, the financial year, the state or the funding stream, joined by '/' (a funder is its "
        "authority's or board's ID and its stream, e.g. '<authority ID>/EDUCATION'); NOT_RECORDED for the call-offs "
        "without a funding split; TOTAL for the total."
    )
    def key(self) -> str:
        return _key(self.group)

    @field("The group in words, e.g. 'L1 0-16 day' or '2025-26'.")
    def label(self) -> str:
        return self.group.label

    @field(
        "The buying authority, when grouped by authority; the authority whose education or social care budget pays, "
        "when grouped by funder."
    )
    @load.relation
    def authority(self, info: Info) -> Authority | None:
        return load.related(info, m.Authority, self.group.authority_id, Authority.from_optional)

    @field("The lot, when grouped by lot.")
    @load.relation
    def lot(self, info: Info) -> Lot | None:
        return load.related(info, m.Lot, self.group.lot_id, Lot.from_optional)

    @field("The provider, when grouped by provider.")
    @load.relation
    def provider(self, info: Info) -> Provider | None:
        return load.related(info, m.Provider, self.group.provider_id, Provider.from_optional)

    @field("The children's primary need, when grouped by need; NOT_RECORDED for call-offs without a referral.")
    def primary_need(self) -> PrimaryNeedGroup | None:
        return self.group.primary_need

    @field("The financial year by its starting year (2025 means 2025-26), when grouped by financial year.")
    def financial_year(self) -> int | None:
        return self.group.financial_year

    @field("The call-offs' state on the day the figures are taken on (see `asAt`), when grouped by state.")
    def status(self) -> CallOffStatus | None:
        return self.group.status

    @field(
        "The funding stream, when grouped by funder or by funding stream: EDUCATION or SOCIAL_CARE of an authority "
        "(see `authority`), HEALTH of an integrated care board (see `integratedCareBoard`). Null for the call-offs "
        "without a funding split."
    )
    def funding_stream(self) -> FundingStream | None:
        return self.group.funding_stream

    @field("The integrated care board that pays, when grouped by funder and the funder is one (stream HEALTH).")
    @load.relation
    def integrated_care_board(self, info: Info) -> IntegratedCareBoard | None:
        return load.related(
            info, m.IntegratedCareBoard, self.group.integrated_care_board_id, IntegratedCareBoard.from_optional
        )


@strawberry.type(description="One financial year: 1 April to 31 March.")
class FinancialYear:
    start_year: int = field("The year it starts in: 2025 means 2025-26.")
    label: str = field("The year in words, e.g. 2025-26.")
    starts_on: dt.date = field("Its first day, 1 April.")
    ends_on: dt.date = field("Its last day, 31 March.")
    days: int = field("Its days: 365, or 366 with a 29 February.")

    @classmethod
    def of(cls, year: int) -> FinancialYear:
        return cls(
            start_year=year,
            label=a.financial_year_label(year),
            starts_on=a.financial_year_first_day(year),
            ends_on=a.financial_year_last_day(year),
            days=a.financial_year_days(year),
        )


async def _authority(info: Info, authority_id: int | None) -> Authority | None:
    return Authority.from_optional(await load.one(info, m.Authority, authority_id))


# --------------------------------------------------------------------------
# Committed spend
# --------------------------------------------------------------------------


@strawberry.type(description="One group's committed annual spend.")
class SpendGroup(AnalyticsGroup):
    placements: int | None = field(
        "Places in the call-offs running during the year: one per individual placement, a block contract's places. "
        "Over several years a placement counts once in each. By funder or funding stream, the places of the "
        "call-offs it pays towards in the year: a call-off shared by several funders counts in each of their groups, "
        "and once in the total. Regionally rounded half-up to a multiple of "
        f"{a.COUNT_STEP}. Null when suppressed (which counts children, a block contract as one)."
    )
    committed_spend: Pence | None = field(
        "Committed spend in the period, in pence; regionally only the days before `asAt`, rounded half-up to £1,000. "
        "Null when suppressed."
    )

    @classmethod
    def of(cls, figures: a.SpendFigures) -> SpendGroup:
        return cls(
            group=figures.group,
            suppressed=figures.suppressed,
            placements=figures.placements,
            committed_spend=None if figures.committed_pence is None else Pence(figures.committed_pence),
        )


@strawberry.type(description=f"Committed annual spend by group. {SPEND_DEFINITION}")
class CommittedSpend:
    scope: AnalyticsScope = field("Whose placements are counted.")
    group_by: SpendGrouping = field("How the spend is grouped.")
    financial_years: list[FinancialYear] = field("The financial years covered, oldest first.")
    groups: list[SpendGroup] = field("The groups with spend, in a fixed order (never by size).")
    total: SpendGroup = field(
        "Every group together (regionally the sum of the rounded groups); its placements count each call-off once, "
        "also where several funders share it. Suppressed only where the groups could not protect it."
    )
    suppression_threshold: int = field("The smallest number of children a regional group may show.")
    as_at: dt.datetime = field(AS_AT)
    authority_id: strawberry.Private[int | None]

    @field("The authority whose placements are counted; null for the region.")
    async def authority(self, info: Info) -> Authority | None:
        return await _authority(info, self.authority_id)


# --------------------------------------------------------------------------
# Fee benchmark
# --------------------------------------------------------------------------


@strawberry.type(description="Weekly costs of the active individual placements of one lot and primary need.")
class FeeBenchmarkGroup(AnalyticsGroup):
    placements: int | None = field(
        "Children in the group's active individual placements, each once (as suppression counts them); regionally "
        f"rounded half-up to a multiple of {a.COUNT_STEP}. Null when suppressed."
    )
    lower_quartile: Pence | None = field(
        f"The lower quartile of the weekly cost per placement, in pence. {REGIONAL_FEE}"
    )
    median: Pence | None = field(f"The median weekly cost per placement, in pence. {REGIONAL_FEE}")
    upper_quartile: Pence | None = field(
        f"The upper quartile of the weekly cost per placement, in pence. {REGIONAL_FEE}"
    )

    @classmethod
    def of(cls, g: a.BenchmarkGroup) -> FeeBenchmarkGroup:
        return cls(
            group=g.group,
            suppressed=g.suppressed,
            placements=g.placements,
            lower_quartile=None if g.lower_quartile is None else Pence(g.lower_quartile),
            median=None if g.median is None else Pence(g.median),
            upper_quartile=None if g.upper_quartile is None else Pence(g.upper_quartile),
        )


@strawberry.type(description="Where one placement's weekly cost sits against the placements of its lot and need.")
class FeePosition:
    call_off: CallOff = field("The placement compared.")
    on: dt.date = field("The day its weekly cost is taken on: today, or its last or first day if not running.")
    weekly_cost: Pence = field("Its weekly cost that day, from the amendment history, in pence.")
    group: FeeBenchmarkGroup | None = field(
        "Its lot and primary need group; null when no active placement shares them."
    )
    suppressed: bool = field("Whether the comparison is withheld because its group is suppressed.")
    percentile_rank: float | None = field(
        "The share of the group's placements costing less, counting equal costs as half, in percent (one decimal). "
        "Own authority only: null regionally, where counting the placements below yours would say where other "
        "authorities' fees lie between your own."
    )
    difference_from_median: int | None = field(
        "Its weekly cost minus the group's median as shown, in pence: negative when cheaper. Null when the median is."
    )
    quartile: int | None = field(
        "Which quarter of the group it falls in, against the quartiles as shown: 1 is the cheapest, 4 the dearest. "
        "Null when a quartile is."
    )

    @classmethod
    def of(cls, p: a.FeePosition) -> FeePosition:
        return cls(
            call_off=CallOff.from_row(p.call_off),
            on=p.on,
            weekly_cost=Pence(p.weekly_pence),
            group=None if p.benchmark is None else FeeBenchmarkGroup.of(p.benchmark),
            suppressed=p.suppressed,
            percentile_rank=p.percentile_rank,
            difference_from_median=p.difference_from_median,
            quartile=p.quartile,
        )


@strawberry.type(
    description=(
        "Quartiles of the weekly cost of active individual placements by lot and primary need: the weekly fee per "
        "place in force today, from the amendment history. For your own authority, quartiles interpolate linearly "
        "between placements (the inclusive method) and are rounded half-up to whole pence; regional ones are "
        "protected as each quartile says, as at the start of the current quarter (see `asAt`). Counts are protected "
        "within each lot, whose active placements are public."
    )
)
class FeeBenchmark:
    scope: AnalyticsScope = field("Whose placements are compared.")
    on: dt.date = field(
        "The day the weekly costs are taken on: today for your own authority; regionally the day before `asAt`, the "
        "last day of the last complete quarter."
    )
    groups: list[FeeBenchmarkGroup] = field("One group per lot and primary need with active placements.")
    position: FeePosition | None = field("Where the call-off asked about sits; null when none was asked about.")
    suppression_threshold: int = field("The smallest number of children a regional group may show.")
    as_at: dt.datetime = field(AS_AT)
    authority_id: strawberry.Private[int | None]

    @field("The authority whose placements are compared; null for the region.")
    async def authority(self, info: Info) -> Authority | None:
        return await _authority(info, self.authority_id)


# --------------------------------------------------------------------------
# Outcome summaries
# --------------------------------------------------------------------------


@strawberry.type(description="An academic year's term.")
class ReportingTerm:
    academic_year: int = field("The academic year by its starting year: 2025 means 2025/26.")
    term: Term = field("The term.")
    label: str = field("The term in words, e.g. '2025/26 autumn term'.")

    @classmethod
    def of(cls, ref: a.TermRef | None) -> ReportingTerm | None:
        if ref is None:
            return None
        return cls(academic_year=ref.academic_year, term=ref.term, label=ref.label)


@strawberry.type(description="One outcome measure across a group's placements, from submitted reports.")
class MeasureOutcomeSummary:
    measure_id: strawberry.Private[int]
    suppressed: bool = field(
        f"Whether the measure's figures are withheld. Regionally: fewer than {a.STATISTIC_THRESHOLD} children "
        "reported it, or its median would include one of your own."
    )
    placements: int | None = field(
        f"Placements with a value for the measure; regionally rounded half-up to a multiple of {a.COUNT_STEP}."
    )
    latest_median: float | None = field(
        "The median of each placement's latest value. Regionally the mean of the "
        f"{a.STATISTIC_WINDOW} middle values, rounded by the measure's scale (percent to 1, count to 0.5, rating and "
        "yes/no to 0.1)."
    )
    trend_suppressed: bool = field(
        "Whether the term-on-term figures are withheld: too few children in a term, or (regionally) a median would "
        "include one of your own."
    )
    latest_term: ReportingTerm | None = field("The latest term with values for the measure.")
    latest_term_median: float | None = field("The median of the values reported for the latest term.")
    previous_term: ReportingTerm | None = field("The term with values before the latest.")
    previous_term_median: float | None = field("The median of the values reported for the previous term.")
    change: float | None = field("The latest term's median minus the previous term's.")
    trend: OutcomeTrend | None = field("Whether the change is an improvement, given the measure's direction.")

    @field("The measure.")
    @load.relation
    def measure(self, info: Info) -> OutcomeMeasure:
        return load.related(info, m.OutcomeMeasure, self.measure_id, OutcomeMeasure.from_row)

    @classmethod
    def of(cls, s: a.MeasureSummary) -> MeasureOutcomeSummary:
        return cls(
            measure_id=s.measure_id,
            suppressed=s.suppressed,
            placements=s.placements,
            latest_median=s.latest_median,
            trend_suppressed=s.trend_suppressed,
            latest_term=ReportingTerm.of(s.latest_term),
            latest_term_median=s.latest_term_median,
            previous_term=ReportingTerm.of(s.previous_term),
            previous_term_median=s.previous_term_median,
            change=s.change,
            trend=s.trend,
        )


@strawberry.type(description="Outcome reports of one group of placements.")
class OutcomeSummaryGroup(AnalyticsGroup):
    placements: int | None = field(
        f"Placements with reports in the period; regionally rounded half-up to a multiple of {a.COUNT_STEP}. Null "
        "when suppressed."
    )
    reports_due: int | None = field(
        f"Reports due by `asAt`; regionally rounded half-up to a multiple of {a.COUNT_STEP}."
    )
    reports_on_time: int | None = field(
        "Reports due by `asAt` that were submitted by their due time; regionally rounded half-up to a multiple of "
        f"{a.COUNT_STEP}."
    )
    on_time_percent: float | None = field(
        "Reports submitted on time as a percentage of those due (one decimal), from the counts before rounding."
    )
    measures: list[MeasureOutcomeSummary] = field("Each measure reported, by code; empty when suppressed.")

    @classmethod
    def of(cls, g: a.OutcomeGroupSummary) -> OutcomeSummaryGroup:
        return cls(
            group=g.group,
            suppressed=g.suppressed,
            placements=g.placements,
            reports_due=g.reports_due,
            reports_on_time=g.reports_on_time,
            on_time_percent=g.on_time_percent,
            measures=[MeasureOutcomeSummary.of(s) for s in g.measures],
        )


@strawberry.type(
    description=(
        "Outcome reports summarised by group, from an academic year on: timeliness (submitted by the due time), "
        "each placement's latest value per measure, and the latest term against the previous one."
    )
)
class OutcomeSummary:
    scope: AnalyticsScope = field("Whose placements are summarised.")
    group_by: OutcomeGrouping = field("How the reports are grouped.")
    since_academic_year: int = field("Reports of this academic year and later are summarised.")
    groups: list[OutcomeSummaryGroup] = field("The groups with reports, in a fixed order (never by size).")
    suppression_threshold: int = field("The smallest number of children a regional group may show.")
    as_at: dt.datetime = field(AS_AT)
    authority_id: strawberry.Private[int | None]

    @field("The authority whose placements are summarised; null for the region.")
    async def authority(self, info: Info) -> Authority | None:
        return await _authority(info, self.authority_id)


# --------------------------------------------------------------------------
# Placement counts
# --------------------------------------------------------------------------


@strawberry.type(description="One group's call-offs and places, and how long awards took.")
class PlacementCountGroup(AnalyticsGroup):
    call_offs: int | None = field(
        f"Call-offs in the group; regionally rounded half-up to a multiple of {a.COUNT_STEP}. Null when suppressed."
    )
    placements: int | None = field(
        "Places: one per individual placement, a block contract's places; regionally rounded half-up to a multiple "
        f"of {a.COUNT_STEP}. Null when suppressed."
    )
    median_days_to_award: float | None = field(
        "The median days from a referral being sent to providers to the call-off's award, for individual "
        "placements (one decimal). Regionally the mean of the "
        f"{a.STATISTIC_WINDOW} middle values rounded to whole days, from at least {a.STATISTIC_THRESHOLD} children. "
        "Null when suppressed or too few."
    )

    @classmethod
    def of(cls, g: a.PlacementCount) -> PlacementCountGroup:
        return cls(
            group=g.group,
            suppressed=g.suppressed,
            call_offs=g.call_offs,
            placements=g.placements,
            median_days_to_award=g.median_days_to_award,
        )


@strawberry.type(description="Call-offs and places by group, with the median days from referral to award.")
class PlacementCounts:
    scope: AnalyticsScope = field("Whose placements are counted.")
    group_by: PlacementGrouping = field("How the placements are grouped.")
    groups: list[PlacementCountGroup] = field("The groups with call-offs, in a fixed order (never by size).")
    total: PlacementCountGroup = field(
        "Every group together (regionally its own counts rounded, not the sum of the rounded groups); suppressed only "
        "where the groups could not protect it."
    )
    suppression_threshold: int = field("The smallest number of children a regional group may show.")
    as_at: dt.datetime = field(AS_AT)
    authority_id: strawberry.Private[int | None]

    @field("The authority whose placements are counted; null for the region.")
    async def authority(self, info: Info) -> Authority | None:
        return await _authority(info, self.authority_id)


# --------------------------------------------------------------------------
# Root fields
# --------------------------------------------------------------------------

ScopeArg = Annotated[
    AnalyticsScope,
    strawberry.argument(
        description=(
            "OWN_AUTHORITY: your authority's placements in full, current. REGION: every authority's, suppressed and "
            "rounded, as at the start of the current quarter."
        )
    ),
]


async def _run(info: Info, fn: Callable[..., Awaitable[T]], **kwargs: Any) -> T:
    """Call an analytics function; its refusals become GraphQL errors with their code and field."""
    try:
        return await info.context.run(fn, **kwargs)
    except DomainError as refusal:
        raise from_domain(refusal) from None


@strawberry.type(description="Analytics for authorities.")
class AnalyticsQueries:
    @strawberry.field(
        description=(
            "Committed annual spend by authority, lot, provider, primary need, financial year, funder or funding "
            f"stream. {SPEND_DEFINITION} {SUPPRESSION} Commissioners and analysts see their authority or the region "
            "(by funder, their own placements include those other authorities and integrated care boards pay "
            "towards); the lead authority and auditors the region."
        ),
        extensions=[requires(SCOPE, *ANALYSTS)],
    )
    async def committed_spend(
        self,
        info: Info,
        scope: ScopeArg,
        group_by: Annotated[SpendGrouping, strawberry.argument(description="How to group the spend.")],
        financial_year: Annotated[
            int | None,
            strawberry.argument(
                description=(
                    "The financial year by its starting year: 2025 means 1 April 2025 to 31 March 2026. The "
                    "latest year when grouping by FINANCIAL_YEAR. Defaults to the current financial year."
                )
            ),
        ] = None,
        since_financial_year: Annotated[
            int | None,
            strawberry.argument(
                description=(
                    "When grouping by FINANCIAL_YEAR only: the first year, so one group per year from it to "
                    f"financialYear (at most {a.MAX_FINANCIAL_YEARS}). Defaults to four years before financialYear."
                )
            ),
        ] = None,
    ) -> CommittedSpend:
        report: a.SpendReport = await _run(
            info,
            a.committed_spend,
            scope=scope,
            grouping=group_by,
            financial_year=financial_year,
            since_financial_year=since_financial_year,
        )
        return CommittedSpend(
            scope=report.scope,
            group_by=report.grouping,
            financial_years=[FinancialYear.of(y) for y in report.financial_years],
            groups=[SpendGroup.of(g) for g in report.groups],
            total=SpendGroup.of(report.total),
            suppression_threshold=a.SUPPRESSION_THRESHOLD,
            as_at=report.as_at.moment,
            authority_id=report.authority_id,
        )

    @strawberry.field(
        description=(
            "The lower quartile, median and upper quartile of the weekly cost of active individual placements by "
            "lot and the child's primary need, and where one placement sits against its group. "
            f"{SUPPRESSION} Commissioners and analysts see their authority or the region; the lead authority and "
            "auditors the region."
        ),
        extensions=[requires(SCOPE, *ANALYSTS)],
    )
    async def fee_benchmark(
        self,
        info: Info,
        scope: ScopeArg,
        lot: Annotated[strawberry.ID | None, strawberry.argument(description="Only this lot.")] = None,
        primary_need: Annotated[
            NeedCode | None, strawberry.argument(description="Only this need's groups, chosen after suppression.")
        ] = None,
        call_off: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "An individual placement of your own to place against its group: see `position`. With `lot`, "
                    "only a placement of that lot has a group."
                )
            ),
        ] = None,
    ) -> FeeBenchmark:
        report: a.FeeBenchmark = await _run(
            info,
            a.fee_benchmark,
            scope=scope,
            lot_id=expect_id(lot, "Lot", field="lot"),
            primary_need=primary_need,
            call_off_id=expect_id(call_off, "CallOff", field="callOff"),
        )
        return FeeBenchmark(
            scope=report.scope,
            on=report.on,
            groups=[FeeBenchmarkGroup.of(g) for g in report.groups],
            position=None if report.position is None else FeePosition.of(report.position),
            suppression_threshold=a.SUPPRESSION_THRESHOLD,
            as_at=report.as_at.moment,
            authority_id=report.authority_id,
        )

    @strawberry.field(
        description=(
            "Outcome reports summarised by provider or by lot: the share of reports submitted on time, and for each "
            "measure the median of each placement's latest value and the latest term against the previous one. "
            f"{SUPPRESSION} Commissioners and analysts see their authority or the region; the lead authority and "
            "auditors the region."
        ),
        extensions=[requires(SCOPE, *ANALYSTS)],
    )
    async def outcome_summary(
        self,
        info: Info,
        scope: ScopeArg,
        group_by: Annotated[OutcomeGrouping, strawberry.argument(description="How to group the reports.")],
        since_academic_year: Annotated[
            int | None,
            strawberry.argument(
                description=(
                    "Summarise reports of this academic year (by its starting year) and later. Defaults to two "
                    "years before the current one, so that annual measures have a previous year."
                )
            ),
        ] = None,
    ) -> OutcomeSummary:
        report: a.OutcomeSummary = await _run(
            info, a.outcome_summary, scope=scope, grouping=group_by, since_academic_year=since_academic_year
        )
        return OutcomeSummary(
            scope=report.scope,
            group_by=report.grouping,
            since_academic_year=report.since_academic_year,
            groups=[OutcomeSummaryGroup.of(g) for g in report.groups],
            suppression_threshold=a.SUPPRESSION_THRESHOLD,
            as_at=report.as_at.moment,
            authority_id=report.authority_id,
        )

    @strawberry.field(
        description=(
            "Call-offs and places by state, lot, authority, provider or primary need, with the median days from "
            f"referral to award. {SUPPRESSION} Commissioners and analysts see their authority or the region; the lead "
            "authority and auditors the region."
        ),
        extensions=[requires(SCOPE, *ANALYSTS)],
    )
    async def placement_counts(
        self,
        info: Info,
        scope: ScopeArg,
        group_by: Annotated[PlacementGrouping, strawberry.argument(description="How to group the placements.")],
    ) -> PlacementCounts:
        report: a.PlacementCounts = await _run(info, a.placement_counts, scope=scope, grouping=group_by)
        return PlacementCounts(
            scope=report.scope,
            group_by=report.grouping,
            groups=[PlacementCountGroup.of(g) for g in report.groups],
            total=PlacementCountGroup.of(report.total),
            suppression_threshold=a.SUPPRESSION_THRESHOLD,
            as_at=report.as_at.moment,
            authority_id=report.authority_id,
        )
