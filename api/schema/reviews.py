"""EHC plan annual reviews: the school's report, the meeting, the decision, on the statutory clocks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.auth.actor import AUTHORITY_ROLES
from api.auth.actor import Role as R
from api.domain import review_clock as clock
from api.domain import reviews
from api.domain.errors import DomainError, Forbidden, InvalidTransition, NotFound, StaleVersion, ValidationError
from api.domain.visibility import reads_column
from api.resolvers import load
from api.resolvers.errors import ClientError, from_domain
from api.resolvers.relay import expect_id, require_id
from api.schema import errors as e
from api.schema.base import Node, RowBacked, field, node_type
from api.schema.enums import Term, expose
from api.schema.lists import connection_field
from api.schema.market import Authority, OutcomeMeasure
from api.schema.mutation import mutation, result
from api.schema.permissions import requires
from api.schema.placements import CallOff
from db import enums as db_enums
from db import models as m

ReviewDecision = expose(db_enums.ReviewDecision, "What the placing authority decided after an annual review meeting.")
ReviewAttendee = expose(db_enums.ReviewAttendee, "Who took part in an annual review meeting, by role: never by name.")
AnnualReviewStatus = expose(
    clock.ReviewStatus, "Where an annual review stands, derived from its dates.", name="AnnualReviewStatus"
)

READERS = (R.PROVIDER_USER, *AUTHORITY_ROLES, R.LEAD_ADMIN, R.AUDITOR)
READ = requires("reports:read", *READERS)
COMPLIANCE_READ = requires("reports:read", *AUTHORITY_ROLES, R.LEAD_ADMIN, R.AUDITOR)
PLAN_WRITE = requires("calloffs:write", R.AUTHORITY_COMMISSIONER)
REVIEW_WRITE = requires("reports:write", R.AUTHORITY_COMMISSIONER)
REPORT_WRITE = requires("reports:write", R.PROVIDER_USER)


@strawberry.type(description="What the school wrote about the child's progress towards one outcome of the framework.")
class ReviewOutcome:
    measure_id: strawberry.Private[int]
    narrative: str = field("The school's words on the child's progress towards it.")

    @field("The outcome measure written about.")
    @load.relation
    def measure(self, info: Info) -> OutcomeMeasure:
        return load.related(info, m.OutcomeMeasure, self.measure_id, OutcomeMeasure.from_row)


@strawberry.type(description="A measure's most recent value in the placement's outcome reports, and when it was.")
class LatestOutcome:
    measure_id: strawberry.Private[int]
    value: float = field("The value, on the measure's scale.")
    academic_year: int = field("The academic year of the report it is from, by its starting year.")
    term: Term = field("The term of the report it is from.")
    period: str = field("That term in words, e.g. '2025/26 spring term'.")

    @field("The measure.")
    @load.relation
    def measure(self, info: Info) -> OutcomeMeasure:
        return load.related(info, m.OutcomeMeasure, self.measure_id, OutcomeMeasure.from_row)

    @classmethod
    def of(cls, found: list[reviews.LatestOutcome]) -> list[LatestOutcome]:
        return [
            cls(
                measure_id=o.measure_id,
                value=o.value,
                academic_year=o.academic_year,
                term=o.term,
                period=o.period,
            )
            for o in found
        ]


@node_type(m.AnnualReview)
@strawberry.type(
    description=(
        "One annual review of a child's EHC plan at an individual placement (SEND Regulations 2014, regs 18-22): "
        "due every 12 months, the school's report 2 weeks before the meeting, the council's decision within 4 "
        "weeks of it, an amended plan within 8 weeks of a decision to amend (each authority may set its own "
        "periods). The placing authority's people and the provider read it; the decision note is for the "
        "authority's side only."
    )
)
class AnnualReview(Node, RowBacked):
    sequence: int = field("Which review of the placement it is: 1 for the first.")
    due_on: dt.date = field(
        "The day it is due by: 12 months after the plan's date (the placement's start while that is not known) "
        "for the first, after the last meeting held for the next."
    )
    meeting_on: dt.date | None = field("The day the meeting is scheduled for; null until it is.")
    report_submitted_at: dt.datetime | None = field("When the school last sent its report; null until it has.")
    report_narrative: str | None = field("The school's report: how the child is getting on. Null until sent.")
    attendance_percent: int | None = field("The child's attendance in the school's report, in percent.")
    held_on: dt.date | None = field("The day the meeting was held; null until it is recorded.")
    decided_on: dt.date | None = field("The day the council decided; null until it has.")
    amended_plan_issued_on: dt.date | None = field("The day the amended plan was issued, after a decision to amend.")
    version: int = field("The version, for optimistic locking: send it back with a change.")

    @field("Where the review stands, derived from its dates.")
    def status(self) -> AnnualReviewStatus:  # type: ignore[valid-type]
        return clock.review_status(self.row)

    @field("Who took part in the meeting, by role; null until the meeting is recorded.")
    def attendees(self) -> list[ReviewAttendee] | None:  # type: ignore[valid-type]
        if self.row.attendees is None:
            return None
        return [db_enums.ReviewAttendee(a) for a in self.row.attendees]

    @field("What the council decided: keep, amend or cease the plan; null until it has.")
    def decision(self) -> ReviewDecision | None:  # type: ignore[valid-type]
        return self.row.decision

    @field("The council's note of its decision. Shown to the authority's side only; null for providers.")
    def decision_note(self, info: Info) -> str | None:
        return self.row.decision_note if reads_column(m.AnnualReview, "decision_note", info.context.actor) else None

    @field("The school's progress towards each outcome written about in its report, in the order written.")
    def report_outcomes(self) -> list[ReviewOutcome]:
        saved = self.row.report_outcomes or []
        return [ReviewOutcome(measure_id=o["measure"], narrative=o["narrative"]) for o in saved]

    def _clocks(self, info: Info, wrap: Any) -> Any:
        return load.then(info.context.loaders.review_clocks().load(self.row.call_off_id), wrap)

    @field(
        "When the school's report is due: 2 weeks (the authority's report period) before the meeting scheduled, "
        "or before the due date while none is."
    )
    @load.relation
    def report_due_on(self, info: Info) -> dt.date:
        return self._clocks(info, lambda c: clock.report_due_on(self.row, c))

    @field(
        "When the council's decision is due: 4 weeks (the authority's decision period) after the meeting held, "
        "or scheduled; null before a meeting is."
    )
    @load.relation
    def decision_due_on(self, info: Info) -> dt.date | None:
        return self._clocks(info, lambda c: clock.decision_due_on(self.row, c))

    @field("When the amended plan is due: 8 weeks after a decision to amend; null for any other.")
    @load.relation
    def amended_plan_due_on(self, info: Info) -> dt.date | None:
        return self._clocks(info, lambda c: clock.amended_plan_due_on(self.row, c))

    @field(
        "The deadline of the step the review is at: its due date until the meeting is held, then the decision's, "
        "then the amended plan's; null once complete."
    )
    @load.relation
    def step_due_on(self, info: Info) -> dt.date | None:
        return self._clocks(info, lambda c: clock.step_due_on(self.row, c))

    @field("Whole days until that deadline (0 on the day); null once it has passed, or the review is complete.")
    @load.relation
    def days_until_due(self, info: Info) -> int | None:
        return self._clocks(info, lambda c: clock.days_until_due(self.row, c, info.context.today))

    @field("Whole days that deadline has passed; null when it has not, or the review is complete.")
    @load.relation
    def days_late(self, info: Info) -> int | None:
        return self._clocks(info, lambda c: clock.days_late(self.row, c, info.context.today))

    @field("Whole days the school's report is late: not sent, the meeting not held, past its due date; else null.")
    @load.relation
    def report_days_late(self, info: Info) -> int | None:
        return self._clocks(info, lambda c: clock.report_days_late(self.row, c, info.context.today))

    @field("Whole days the council's decision is overdue: the meeting held, undecided, past its due date; else null.")
    @load.relation
    def decision_days_late(self, info: Info) -> int | None:
        return self._clocks(info, lambda c: clock.decision_days_late(self.row, c, info.context.today))

    @field("The placement reviewed.")
    @load.relation
    def call_off(self, info: Info) -> CallOff | None:
        return load.related(info, m.CallOff, self.row.call_off_id, CallOff.from_optional)

    @field(
        "The placement's latest value of each outcome measure, from its outcome reports sent, to write the report "
        "from. Empty for anyone who may not read its outcome reports."
    )
    @load.relation
    def latest_outcomes(self, info: Info) -> list[LatestOutcome]:
        return load.then(info.context.loaders.latest_outcomes().load(self.row.call_off_id), LatestOutcome.of)

    @field("The outcome measures of the placement's framework a report may speak to: those in use.")
    @load.relation
    def measures(self, info: Info) -> list[OutcomeMeasure]:
        return load.then(info.context.loaders.review_measures().load(self.row.call_off_id), OutcomeMeasure.from_rows)


@strawberry.input(description="Filters for annual reviews.")
class AnnualReviewFilter:
    authority: strawberry.ID | None = strawberry.field(default=None, description="Only this authority's placements.")
    call_off: strawberry.ID | None = strawberry.field(default=None, description="Only this placement's reviews.")
    status: AnnualReviewStatus | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Only reviews in this state."
    )
    due_within_days: int | None = strawberry.field(
        default=None,
        description=(
            "Only reviews not yet held, of placements still running, due within this many days of today or past "
            "their due date already (0 to 366)."
        ),
    )
    report_late: bool | None = strawberry.field(
        default=None,
        description=(
            "Only reviews whose school report is late (true): not sent, the meeting not held, past its due date, "
            "the placement still running; or only the others (false)."
        ),
    )
    decision_overdue: bool | None = strawberry.field(
        default=None,
        description=(
            "Only reviews held whose decision is past the authority's decision period (true), or only the others."
        ),
    )

    def criteria(self) -> dict[str, Any]:
        if self.due_within_days is not None and not 0 <= self.due_within_days <= 366:
            raise ClientError(
                "filter.dueWithinDays: give 0 to 366 days", code="VALIDATION_ERROR", field="filter.dueWithinDays"
            )
        return {
            "authority_id": expect_id(self.authority, "Authority", field="filter.authority"),
            "call_off_id": expect_id(self.call_off, "CallOff", field="filter.callOff"),
            "status": self.status,
            "due_within_days": self.due_within_days,
            "report_late": self.report_late,
            "decision_overdue": self.decision_overdue,
        }


@strawberry.type(
    description=(
        "How an authority kept the annual review clocks, for the reviews due in a period. Shares are in percent "
        "to 1 place, null when there is nothing to share out."
    )
)
class ReviewCompliance:
    authority_id: strawberry.Private[int]
    first_day: dt.date = field("The period's first day.")
    last_day: dt.date = field("The period's last day.")
    reviews_due: int = field("Reviews due in the period.")
    held_by_due_date: int = field("Of those, held by their due date.")
    share_held_by_due_date: Decimal | None = field("That share of the reviews due.")
    reports_on_time: int = field("Of the reviews due, those whose school report came by its due date.")
    share_reports_on_time: Decimal | None = field("That share of the reviews due.")
    held: int = field("Of the reviews due, those held (on time or not).")
    decisions_on_time: int = field("Of those held, decided within the authority's decision period.")
    share_decisions_on_time: Decimal | None = field("That share of those held.")
    amend_decisions: int = field("Of those held, decisions to amend the plan.")
    amended_plans_on_time: int = field("Of those, amended plans issued within the authority's amendment period.")
    share_amended_plans_on_time: Decimal | None = field("That share of the decisions to amend.")

    @field("The authority.")
    @load.relation
    def authority(self, info: Info) -> Authority:
        return load.related(info, m.Authority, self.authority_id, Authority.from_row)

    @classmethod
    def of(cls, c: reviews.Compliance) -> ReviewCompliance:
        share = reviews.Compliance.share
        return cls(
            authority_id=c.authority_id,
            first_day=c.first_day,
            last_day=c.last_day,
            reviews_due=c.due,
            held_by_due_date=c.held_by_due_date,
            share_held_by_due_date=share(c.held_by_due_date, c.due),
            reports_on_time=c.reports_on_time,
            share_reports_on_time=share(c.reports_on_time, c.due),
            held=c.held,
            decisions_on_time=c.decisions_on_time,
            share_decisions_on_time=share(c.decisions_on_time, c.held),
            amend_decisions=c.amend_decisions,
            amended_plans_on_time=c.amended_plans_on_time,
            share_amended_plans_on_time=share(c.amended_plans_on_time, c.amend_decisions),
        )


@strawberry.type(description="EHC plan annual reviews.")
class ReviewQueries:
    annual_reviews = connection_field(
        AnnualReview,
        AnnualReviewFilter,
        reviews.annual_reviews,
        description=(
            "Annual reviews of EHC plans at individual placements, oldest first: the placing authority's people "
            "(the lead authority its own), the provider its own placements', auditors every one. Filter for those "
            "due soon, with a late school report, or a decision overdue."
        ),
        access=READ,
    )

    @strawberry.field(
        description=(
            "An authority's annual review figures for the reviews due in a period: held by their due date, school "
            "reports on time, decisions and amended plans within the authority's periods. An authority's "
            "commissioners and analysts read their own; the lead authority and auditors any authority's."
        ),
        extensions=[COMPLIANCE_READ],
    )
    async def review_compliance(
        self,
        info: Info,
        authority: Annotated[strawberry.ID, strawberry.argument(description="The authority.")],
        from_: Annotated[dt.date, strawberry.argument(name="from", description="The period's first day.")],
        to: Annotated[dt.date, strawberry.argument(description="The period's last day (included).")],
    ) -> ReviewCompliance:
        authority_id = require_id(authority, "Authority", field="authority")
        try:
            found = await info.context.run(reviews.compliance, authority_id=authority_id, first_day=from_, last_day=to)
        except DomainError as refusal:
            raise from_domain(refusal) from None
        return ReviewCompliance.of(found)


# -- mutations -----------------------------------------------------------------------------------------


@strawberry.input(
    description="Your authority's annual review clocks, each within what the SEND Regulations 2014 (regs 18-22) allow."
)
class SetReviewClocksInput:
    version: int = field("Your authority's version you read.")
    interval_months: int = field(
        "Months from the plan's date or the last meeting to the next review: 1 to 12. Applies to reviews opened "
        "from now on."
    )
    report_days: int = field("Days before the meeting the school's report is due: 14 to 60.")
    decision_days: int = field("Days after the meeting within which the authority decides: 1 to 28.")
    amendment_days: int = field("Days after a decision to amend within which the amended plan is issued: 1 to 56.")


@strawberry.type(description="The authority with its clocks.")
class SetReviewClocksPayload:
    authority: Authority = field("Your authority.")


@strawberry.input(description="When the child's EHC plan was issued.")
class SetPlanIssueDateInput:
    call_off: strawberry.ID = field("The individual placement.")
    version: int = field("The placement's version you read.")
    plan_issued_on: dt.date = field(
        "The day the plan was issued: not in the future, nor after a review meeting held. While no review has "
        "been held, the open review is then due 12 months (the authority's interval) after it."
    )


@strawberry.type(description="The placement and its open review.")
class SetPlanIssueDatePayload:
    call_off: CallOff = field("The placement.")
    review: AnnualReview | None = field("Its review not yet held, with its due date; null when it has none.")


@strawberry.input(description="The day of an annual review meeting.")
class ScheduleReviewMeetingInput:
    review: strawberry.ID = field("The AnnualReview.")
    version: int = field("The review's version you read.")
    meeting_on: dt.date = field("The day of the meeting: not before the plan's date, nor the last meeting held.")


@strawberry.input(description="The school's words on the child's progress towards one outcome.")
class ReviewOutcomeInput:
    measure: strawberry.ID = field("The OutcomeMeasure of the placement's framework.")
    narrative: str | None = strawberry.field(
        default=None,
        description="Progress towards it, up to 5,000 characters, without names. Leave out to say nothing of it.",
    )


@strawberry.input(description="The school's annual review report.")
class SubmitReviewReportInput:
    review: strawberry.ID = field("The AnnualReview.")
    version: int = field("The review's version you read.")
    narrative: str = field(
        "How the child is getting on: progress, what works, what the school recommends. Up to 20,000 characters, "
        "without names."
    )
    outcomes: list[ReviewOutcomeInput] = strawberry.field(
        default_factory=list, description="Progress towards outcomes of the placement's framework, each once."
    )
    attendance_percent: int = field("The child's attendance this school year, in percent (0 to 100).")


@strawberry.input(description="The annual review meeting held.")
class RecordReviewMeetingInput:
    review: strawberry.ID = field("The AnnualReview.")
    version: int = field("The review's version you read.")
    held_on: dt.date = field("The day it was held: not in the future, nor before the plan's date or the last meeting.")
    attendees: list[ReviewAttendee] = field("Who took part, by role: at least one.")  # type: ignore[valid-type]


@strawberry.input(description="The council's decision after the annual review meeting.")
class RecordReviewDecisionInput:
    review: strawberry.ID = field("The AnnualReview.")
    version: int = field("The review's version you read.")
    decision: ReviewDecision = field("KEEP, AMEND or CEASE the plan.")  # type: ignore[valid-type]
    decided_on: dt.date = field("The day it was decided: not in the future, nor before the meeting.")
    note: str | None = strawberry.field(
        default=None, description="A note of the decision, up to 5,000 characters. The provider does not read it."
    )


@strawberry.input(description="The amended plan issued.")
class RecordAmendedPlanIssuedInput:
    review: strawberry.ID = field("The AnnualReview whose decision was to amend the plan.")
    version: int = field("The review's version you read.")
    issued_on: dt.date = field("The day the amended plan was issued: not in the future, nor before the decision.")


@strawberry.type(description="The review.")
class AnnualReviewPayload:
    review: AnnualReview = field("The review, as it now stands.")


@strawberry.type(description="The review held, and the next one.")
class RecordReviewMeetingPayload:
    review: AnnualReview = field("The review held.")
    next_review: AnnualReview | None = field(
        "The next review, due 12 months (the authority's interval) after the meeting; null when the placement "
        "has ended."
    )


_REVIEW_ERRORS = (NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion)
_REVIEW_UNION = (e.NotFound, e.Forbidden, e.ValidationError, e.InvalidTransition, e.StaleVersion)

SetReviewClocksResult = result(
    "SetReviewClocksResult",
    SetReviewClocksPayload,
    e.Forbidden,
    e.ValidationError,
    e.StaleVersion,
    description="Your authority, or why not.",
)
SetPlanIssueDateResult = result(
    "SetPlanIssueDateResult", SetPlanIssueDatePayload, *_REVIEW_UNION, description="The placement, or why not."
)
ScheduleReviewMeetingResult = result(
    "ScheduleReviewMeetingResult", AnnualReviewPayload, *_REVIEW_UNION, description="The review, or why not."
)
SubmitReviewReportResult = result(
    "SubmitReviewReportResult", AnnualReviewPayload, *_REVIEW_UNION, description="The review, or why not."
)
RecordReviewMeetingResult = result(
    "RecordReviewMeetingResult", RecordReviewMeetingPayload, *_REVIEW_UNION, description="The review, or why not."
)
RecordReviewDecisionResult = result(
    "RecordReviewDecisionResult", AnnualReviewPayload, *_REVIEW_UNION, description="The review, or why not."
)
RecordAmendedPlanIssuedResult = result(
    "RecordAmendedPlanIssuedResult", AnnualReviewPayload, *_REVIEW_UNION, description="The review, or why not."
)


def _review_id(value: strawberry.ID) -> int:
    return require_id(value, "AnnualReview", field="input.review")


@strawberry.type(description="Annual reviews of EHC plans.")
class ReviewMutations:
    @mutation(
        description=(
            "Set your authority's annual review clocks: the interval between reviews, and the days for the "
            "school's report, the decision and an amended plan. Due dates derived from them change at once; each "
            "open review keeps the due date it was given."
        ),
        access=REVIEW_WRITE,
        errors=(Forbidden, ValidationError, StaleVersion),
    )
    async def set_review_clocks(
        self, info: Info, input: Annotated[SetReviewClocksInput, strawberry.argument(description="The clocks.")]
    ) -> SetReviewClocksResult:
        row = await info.context.run(
            reviews.set_clocks,
            version=input.version,
            clocks=clock.Clocks(
                interval_months=input.interval_months,
                report_days=input.report_days,
                decision_days=input.decision_days,
                amendment_days=input.amendment_days,
            ),
        )
        return SetReviewClocksPayload(authority=Authority.from_row(row))

    @mutation(
        description=(
            "Record when the child's EHC plan was issued, on an individual placement of your authority. While no "
            "review has been held, its open review is then due 12 months (your authority's interval) after it."
        ),
        access=PLAN_WRITE,
        errors=_REVIEW_ERRORS,
    )
    async def set_plan_issue_date(
        self, info: Info, input: Annotated[SetPlanIssueDateInput, strawberry.argument(description="The plan's date.")]
    ) -> SetPlanIssueDateResult:
        call_off, review = await info.context.run(
            reviews.set_plan_issue_date,
            call_off_id=require_id(input.call_off, "CallOff", field="input.callOff"),
            version=input.version,
            plan_issued_on=input.plan_issued_on,
        )
        return SetPlanIssueDatePayload(call_off=CallOff.from_row(call_off), review=AnnualReview.from_optional(review))

    @mutation(
        description=(
            "Schedule (or move) an annual review meeting of a placement of your authority. The provider is told "
            "that the school's report is wanted 2 weeks (your authority's period) before it."
        ),
        access=REVIEW_WRITE,
        errors=_REVIEW_ERRORS,
    )
    async def schedule_review_meeting(
        self, info: Info, input: Annotated[ScheduleReviewMeetingInput, strawberry.argument(description="The day.")]
    ) -> ScheduleReviewMeetingResult:
        row = await info.context.run(
            reviews.schedule_meeting,
            review_id=_review_id(input.review),
            version=input.version,
            meeting_on=input.meeting_on,
        )
        return AnnualReviewPayload(review=AnnualReview.from_row(row))

    @mutation(
        description=(
            "Send the school's annual review report for one of your placements: how the child is getting on, "
            "progress towards outcomes, attendance. Send it again to change it, until the meeting is held. Attach "
            "documents to the review (document type REVIEW_REPORT)."
        ),
        access=REPORT_WRITE,
        errors=_REVIEW_ERRORS,
    )
    async def submit_review_report(
        self, info: Info, input: Annotated[SubmitReviewReportInput, strawberry.argument(description="The report.")]
    ) -> SubmitReviewReportResult:
        outcomes = [
            reviews.ReviewOutcome(
                measure_id=require_id(o.measure, "OutcomeMeasure", field=f"input.outcomes[{i}].measure"),
                narrative=o.narrative,
            )
            for i, o in enumerate(input.outcomes)
        ]
        row = await info.context.run(
            reviews.submit_report,
            review_id=_review_id(input.review),
            version=input.version,
            report=reviews.ReviewReport(
                narrative=input.narrative, outcomes=outcomes, attendance_percent=input.attendance_percent
            ),
        )
        return AnnualReviewPayload(review=AnnualReview.from_row(row))

    @mutation(
        description=(
            "Record an annual review meeting held on a placement of your authority, and who took part by role. The "
            "next review opens, due 12 months (your authority's interval) after it."
        ),
        access=REVIEW_WRITE,
        errors=_REVIEW_ERRORS,
    )
    async def record_review_meeting(
        self, info: Info, input: Annotated[RecordReviewMeetingInput, strawberry.argument(description="The meeting.")]
    ) -> RecordReviewMeetingResult:
        row, following = await info.context.run(
            reviews.record_meeting,
            review_id=_review_id(input.review),
            version=input.version,
            held_on=input.held_on,
            attendees=list(input.attendees),
        )
        return RecordReviewMeetingPayload(
            review=AnnualReview.from_row(row), next_review=AnnualReview.from_optional(following)
        )

    @mutation(
        description=(
            "Record your authority's decision after an annual review meeting: keep, amend or cease the plan. It is "
            "due within 4 weeks (your authority's period) of the meeting."
        ),
        access=REVIEW_WRITE,
        errors=_REVIEW_ERRORS,
    )
    async def record_review_decision(
        self, info: Info, input: Annotated[RecordReviewDecisionInput, strawberry.argument(description="The decision.")]
    ) -> RecordReviewDecisionResult:
        row = await info.context.run(
            reviews.record_decision,
            review_id=_review_id(input.review),
            version=input.version,
            decision=db_enums.ReviewDecision(input.decision),
            decided_on=input.decided_on,
            note=input.note,
        )
        return AnnualReviewPayload(review=AnnualReview.from_row(row))

    @mutation(
        description=(
            "Record the day the amended plan was issued, after a decision to amend it. It is due within 8 weeks "
            "(your authority's period) of the decision."
        ),
        access=REVIEW_WRITE,
        errors=_REVIEW_ERRORS,
    )
    async def record_amended_plan_issued(
        self, info: Info, input: Annotated[RecordAmendedPlanIssuedInput, strawberry.argument(description="The day.")]
    ) -> RecordAmendedPlanIssuedResult:
        row = await info.context.run(
            reviews.record_amended_plan,
            review_id=_review_id(input.review),
            version=input.version,
            issued_on=input.issued_on,
        )
        return AnnualReviewPayload(review=AnnualReview.from_row(row))
