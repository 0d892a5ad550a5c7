"""The outcomes framework and outcome reports: mutations, inputs, payloads and the review conversation."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import outcomes
from api.domain.errors import DomainError, Forbidden, InvalidTransition, NotFound, StaleVersion, ValidationError
from api.domain.visibility import buying_side
from api.resolvers.relay import require_id
from api.schema.base import RowBacked, field
from api.schema.enums import MeasureDirection, MeasureFrequency, MeasureScale, OutcomeDomain, Term
from api.schema.errors import GRAPHQL_ERRORS
from api.schema.market import OutcomeMeasure
from api.schema.mutation import mutation, result
from api.schema.permissions import requires
from api.schema.placements import OutcomeReport

# --------------------------------------------------------------------------
# The review conversation, shown on OutcomeReport.queries
# --------------------------------------------------------------------------


@strawberry.type(description="One query of the placing authority about an outcome report, with the provider's answer.")
class OutcomeReportQuery(RowBacked):
    row: strawberry.Private[Any]
    asked_at: dt.datetime = field("When the authority asked.")
    comment: str = field("The authority's question or the correction it asks for.")
    answered_at: dt.datetime | None = field("When the provider answered; null while the query is open.")
    answer: str | None = field("The provider's answer; null while the query is open.")

    @field(
        "Who asked. Shown to the buying side only; null for providers, and for queries asked before the "
        "conversation was kept."
    )
    def asked_by(self, info: Info) -> str | None:
        return self.row.asked_by if buying_side(info.context.actor) else None

    @field("Who answered; null while the query is open, and for answers given before the conversation was kept.")
    def answered_by(self) -> str | None:
        return self.row.answered_by

    @field("Whether the query still awaits the provider's answer.")
    def open(self) -> bool:
        return self.row.answered_at is None


# --------------------------------------------------------------------------
# The outcomes framework
# --------------------------------------------------------------------------


@strawberry.input(description="A new measure of a purchasing system's outcomes framework.")
class CreateOutcomeMeasureInput:
    system: strawberry.ID = field("The purchasing system whose framework it joins.")
    code: str = field(
        "A short code, unique within the system, e.g. ATT3: capital letters, digits and hyphens. "
        "Fixed once a value is reported against the measure."
    )
    name: str = field("The measure's name.")
    domain: OutcomeDomain = field("The area of the framework; fixed once a value is reported against the measure.")
    scale: MeasureScale = field("The scale its values are on; fixed once a value is reported against the measure.")
    direction: MeasureDirection = field("Whether higher or lower values are better.")
    frequency: MeasureFrequency = field("How often it is reported: every term, or once a year in the summer term.")
    description: str = field("What is measured and how; at most 2,000 characters.", default="")


@strawberry.input(
    description=(
        "Changes to an outcome measure; leave out what stays. Once a value has been reported against it, "
        "its code, scale and domain are fixed."
    )
)
class UpdateOutcomeMeasureInput:
    id: strawberry.ID = field("The measure's ID.")
    version: int = field("The version you read; a stale version is refused.")
    code: str | None = field("A new code, unique within the system; only while nothing is reported.", default=None)
    name: str | None = field("A new name.", default=None)
    description: str | None = field("A new description; at most 2,000 characters.", default=None)
    domain: OutcomeDomain | None = field("A new area; only while nothing is reported.", default=None)
    scale: MeasureScale | None = field("A new scale; only while nothing is reported.", default=None)
    direction: MeasureDirection | None = field("Which way is better.", default=None)
    frequency: MeasureFrequency | None = field("How often it is reported.", default=None)


@strawberry.input(description="An outcome measure to retire.")
class RetireOutcomeMeasureInput:
    id: strawberry.ID = field("The measure's ID.")
    version: int = field("The version you read; a stale version is refused.")


@strawberry.input(description="A retired outcome measure to bring back.")
class ReinstateOutcomeMeasureInput:
    id: strawberry.ID = field("The measure's ID.")
    version: int = field("The version you read; a stale version is refused.")


@strawberry.type(description="The new measure.")
class CreateOutcomeMeasurePayload:
    measure: OutcomeMeasure = field("The new measure.")


@strawberry.type(description="The changed measure.")
class UpdateOutcomeMeasurePayload:
    measure: OutcomeMeasure = field("The measure as it is now.")


@strawberry.type(description="The retired measure.")
class RetireOutcomeMeasurePayload:
    measure: OutcomeMeasure = field("The measure, now retired: kept, with every value reported against it.")


@strawberry.type(description="The reinstated measure.")
class ReinstateOutcomeMeasurePayload:
    measure: OutcomeMeasure = field("The measure, in use again.")


# --------------------------------------------------------------------------
# Outcome reports
# --------------------------------------------------------------------------


@strawberry.input(description="A value of one outcome measure.")
class OutcomeValueInput:
    measure: strawberry.ID = field("The measure: a current measure of the placement's outcomes framework.")
    value: float = field(
        "The value on the measure's scale: PERCENT 0 to 100 (two decimal places at most), COUNT a whole number "
        "from 0, RATING_1_5 a whole number from 1 to 5, YES_NO 1 for yes and 0 for no."
    )


@strawberry.input(
    description=(
        "Your outcome report for one of your ACTIVE placements and one term, as a draft. Saving again replaces "
        "the narrative and the values."
    )
)
class SaveOutcomeReportInput:
    call_off: strawberry.ID = field("The call-off reported on: one of your provider's ACTIVE placements.")
    academic_year: int = field("The academic year, by the year it starts: 2025 means 2025/26.")
    term: Term = field("The term reported on; it must have started, and the placement before it ended.")
    narrative: str = field(
        "Your account of the child's progress, without names; at most 20,000 characters. Required to submit.",
        default="",
    )
    values: list[OutcomeValueInput] = field(
        "The values reported, at most one per measure; they replace those saved before. Annual measures are "
        "reported in the summer term.",
        default_factory=list,
    )
    version: int | None = field(
        "The version you read of the report; required to change a report that exists, left out to start one.",
        default=None,
    )


@strawberry.type(description="The saved report.")
class SaveOutcomeReportPayload:
    report: OutcomeReport = field("The report as it is now: DRAFT, or still QUERIED.")
    created: bool = field("Whether this save started the report.")


@strawberry.input(description="Your outcome report to submit for review.")
class SubmitOutcomeReportInput:
    report: strawberry.ID = field("Your DRAFT report, or your QUERIED report once you have answered the query.")
    version: int = field("The version you read; a stale version is refused.")


@strawberry.input(description="A submitted outcome report to accept.")
class AcceptOutcomeReportInput:
    report: strawberry.ID = field("A SUBMITTED report on a placement of your authority.")
    version: int = field("The version you read; a stale version is refused.")


@strawberry.type(description="The submitted report.")
class SubmitOutcomeReportPayload:
    report: OutcomeReport = field("The report, SUBMITTED for the placing authority's review.")


@strawberry.type(description="The accepted report.")
class AcceptOutcomeReportPayload:
    report: OutcomeReport = field("The report, ACCEPTED.")


@strawberry.input(description="A question about a submitted outcome report, sending it back to the provider.")
class QueryOutcomeReportInput:
    report: strawberry.ID = field("A SUBMITTED report on a placement of your authority.")
    version: int = field("The version you read; a stale version is refused.")
    comment: str = field("What you ask the provider to explain or correct; 1 to 5,000 characters.")


@strawberry.type(description="The queried report and the query.")
class QueryOutcomeReportPayload:
    report: OutcomeReport = field("The report, QUERIED until the provider answers and resubmits it.")
    query: OutcomeReportQuery = field("The query, open until the provider answers it.")


@strawberry.input(description="Your answer to the authority's open query on your outcome report.")
class AnswerOutcomeReportQueryInput:
    report: strawberry.ID = field("Your QUERIED report.")
    version: int = field("The version you read; a stale version is refused.")
    answer: str = field("Your answer; 1 to 5,000 characters. Correct the report if asked, then resubmit it.")


@strawberry.type(description="The answered query.")
class AnswerOutcomeReportQueryPayload:
    report: OutcomeReport = field("The report, still QUERIED until you resubmit it.")
    query: OutcomeReportQuery = field("The query with your answer.")


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------

CREATE_ERRORS = (NotFound, Forbidden, ValidationError, InvalidTransition)
CHANGE_ERRORS = (NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion)


def _result(name: str, payload: type, errors: tuple[type[DomainError], ...], description: str) -> Any:
    return result(name, payload, *(GRAPHQL_ERRORS[error] for error in errors), description=description)


CreateOutcomeMeasureResult = _result(
    "CreateOutcomeMeasureResult", CreateOutcomeMeasurePayload, CREATE_ERRORS, "The new measure, or why not."
)
UpdateOutcomeMeasureResult = _result(
    "UpdateOutcomeMeasureResult", UpdateOutcomeMeasurePayload, CHANGE_ERRORS, "The changed measure, or why not."
)
RetireOutcomeMeasureResult = _result(
    "RetireOutcomeMeasureResult", RetireOutcomeMeasurePayload, CHANGE_ERRORS, "The retired measure, or why not."
)
ReinstateOutcomeMeasureResult = _result(
    "ReinstateOutcomeMeasureResult",
    ReinstateOutcomeMeasurePayload,
    CHANGE_ERRORS,
    "The reinstated measure, or why not.",
)
SaveOutcomeReportResult = _result(
    "SaveOutcomeReportResult", SaveOutcomeReportPayload, CHANGE_ERRORS, "The saved report, or what to correct."
)
SubmitOutcomeReportResult = _result(
    "SubmitOutcomeReportResult", SubmitOutcomeReportPayload, CHANGE_ERRORS, "The submitted report, or why not."
)
AcceptOutcomeReportResult = _result(
    "AcceptOutcomeReportResult", AcceptOutcomeReportPayload, CHANGE_ERRORS, "The accepted report, or why not."
)
QueryOutcomeReportResult = _result(
    "QueryOutcomeReportResult", QueryOutcomeReportPayload, CHANGE_ERRORS, "The queried report, or why not."
)
AnswerOutcomeReportQueryResult = _result(
    "AnswerOutcomeReportQueryResult",
    AnswerOutcomeReportQueryPayload,
    CHANGE_ERRORS,
    "The answered query, or why not.",
)

MEASURES = requires("system:write", R.LEAD_ADMIN)
PROVIDER_REPORTS = requires("reports:write", R.PROVIDER_USER)
REVIEWS = requires("reports:write", R.AUTHORITY_COMMISSIONER)


def _measure_id(value: strawberry.ID) -> int:
    return require_id(value, "OutcomeMeasure", field="input.id")


def _report_id(value: strawberry.ID) -> int:
    return require_id(value, "OutcomeReport", field="input.report")


def _measure_details(input: CreateOutcomeMeasureInput | UpdateOutcomeMeasureInput) -> outcomes.MeasureDetails:
    return outcomes.MeasureDetails(
        code=input.code,
        name=input.name,
        description=input.description,
        domain=input.domain,
        scale=input.scale,
        direction=input.direction,
        frequency=input.frequency,
    )


@strawberry.type(description="Keep the outcomes framework, and write and review termly outcome reports.")
class OutcomeMutations:
    @mutation(
        description="Add a measure to a purchasing system's outcomes framework (the lead authority).",
        access=MEASURES,
        errors=CREATE_ERRORS,
    )
    async def create_outcome_measure(
        self, info: Info, input: Annotated[CreateOutcomeMeasureInput, strawberry.argument(description="The measure.")]
    ) -> CreateOutcomeMeasureResult:
        row = await info.context.run(
            outcomes.create_measure,
            system_id=require_id(input.system, "PurchasingSystem", field="input.system"),
            details=_measure_details(input),
        )
        return CreateOutcomeMeasurePayload(measure=OutcomeMeasure.from_row(row))

    @mutation(
        description=(
            "Change an outcome measure. Its name, description, direction and frequency may always change; its code, "
            "scale and domain only until a value is reported against it."
        ),
        access=MEASURES,
        errors=CHANGE_ERRORS,
    )
    async def update_outcome_measure(
        self, info: Info, input: Annotated[UpdateOutcomeMeasureInput, strawberry.argument(description="The changes.")]
    ) -> UpdateOutcomeMeasureResult:
        row = await info.context.run(
            outcomes.update_measure,
            measure_id=_measure_id(input.id),
            version=input.version,
            details=_measure_details(input),
        )
        return UpdateOutcomeMeasurePayload(measure=OutcomeMeasure.from_row(row))

    @mutation(
        description=(
            "Retire an outcome measure: no new values are reported against it. Measures are never deleted, so "
            "every value reported stays."
        ),
        access=MEASURES,
        errors=CHANGE_ERRORS,
    )
    async def retire_outcome_measure(
        self,
        info: Info,
        input: Annotated[RetireOutcomeMeasureInput, strawberry.argument(description="The measure.")],
    ) -> RetireOutcomeMeasureResult:
        row = await info.context.run(outcomes.retire_measure, measure_id=_measure_id(input.id), version=input.version)
        return RetireOutcomeMeasurePayload(measure=OutcomeMeasure.from_row(row))

    @mutation(
        description="Bring a retired outcome measure back into the framework.",
        access=MEASURES,
        errors=CHANGE_ERRORS,
    )
    async def reinstate_outcome_measure(
        self,
        info: Info,
        input: Annotated[ReinstateOutcomeMeasureInput, strawberry.argument(description="The measure.")],
    ) -> ReinstateOutcomeMeasureResult:
        row = await info.context.run(
            outcomes.reinstate_measure, measure_id=_measure_id(input.id), version=input.version
        )
        return ReinstateOutcomeMeasurePayload(measure=OutcomeMeasure.from_row(row))

    @mutation(
        description=(
            "Start or change your outcome report for one of your ACTIVE placements and a term, as a draft: the "
            "narrative and a value per measure, each checked against its measure's scale. A queried report may "
            "be corrected the same way before you resubmit it."
        ),
        access=PROVIDER_REPORTS,
        errors=CHANGE_ERRORS,
    )
    async def save_outcome_report(
        self, info: Info, input: Annotated[SaveOutcomeReportInput, strawberry.argument(description="The report.")]
    ) -> SaveOutcomeReportResult:
        draft = outcomes.ReportDraft(
            call_off_id=require_id(input.call_off, "CallOff", field="input.callOff"),
            academic_year=input.academic_year,
            term=input.term,
            narrative=input.narrative,
            values=[
                outcomes.ReportedValue(
                    measure_id=require_id(v.measure, "OutcomeMeasure", field=f"input.values[{i}].measure"),
                    value=v.value,
                )
                for i, v in enumerate(input.values)
            ],
            version=input.version,
        )
        row, created = await info.context.run(outcomes.save_report, draft=draft)
        return SaveOutcomeReportPayload(report=OutcomeReport.from_row(row), created=created)

    @mutation(
        description=(
            "Submit your draft report for the placing authority's review, or resubmit a queried one once you have "
            "answered the query. It needs a narrative and at least one value."
        ),
        access=PROVIDER_REPORTS,
        errors=CHANGE_ERRORS,
    )
    async def submit_outcome_report(
        self, info: Info, input: Annotated[SubmitOutcomeReportInput, strawberry.argument(description="The report.")]
    ) -> SubmitOutcomeReportResult:
        row = await info.context.run(outcomes.submit_report, report_id=_report_id(input.report), version=input.version)
        return SubmitOutcomeReportPayload(report=OutcomeReport.from_row(row))

    @mutation(
        description=(
            "Answer the placing authority's open query on your report; then correct it if asked and resubmit it."
        ),
        access=PROVIDER_REPORTS,
        errors=CHANGE_ERRORS,
    )
    async def answer_outcome_report_query(
        self,
        info: Info,
        input: Annotated[AnswerOutcomeReportQueryInput, strawberry.argument(description="The answer.")],
    ) -> AnswerOutcomeReportQueryResult:
        row, query = await info.context.run(
            outcomes.answer_query, report_id=_report_id(input.report), version=input.version, answer=input.answer
        )
        return AnswerOutcomeReportQueryPayload(
            report=OutcomeReport.from_row(row), query=OutcomeReportQuery.from_row(query)
        )

    @mutation(
        description="Accept a submitted outcome report on a placement of your authority.",
        access=REVIEWS,
        errors=CHANGE_ERRORS,
    )
    async def accept_outcome_report(
        self, info: Info, input: Annotated[AcceptOutcomeReportInput, strawberry.argument(description="The report.")]
    ) -> AcceptOutcomeReportResult:
        row = await info.context.run(outcomes.accept_report, report_id=_report_id(input.report), version=input.version)
        return AcceptOutcomeReportPayload(report=OutcomeReport.from_row(row))

    @mutation(
        description=(
            "Query a submitted outcome report on a placement of your authority: it goes back to the provider, "
            "QUERIED, until they answer and resubmit it. Every query and answer is kept."
        ),
        access=REVIEWS,
        errors=CHANGE_ERRORS,
    )
    async def query_outcome_report(
        self, info: Info, input: Annotated[QueryOutcomeReportInput, strawberry.argument(description="The query.")]
    ) -> QueryOutcomeReportResult:
        row, query = await info.context.run(
            outcomes.query_report, report_id=_report_id(input.report), version=input.version, comment=input.comment
        )
        return QueryOutcomeReportPayload(report=OutcomeReport.from_row(row), query=OutcomeReportQuery.from_row(query))
