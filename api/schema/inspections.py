"""Inspections of establishments: the history, recording and importing them, and including a flagged one."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import inspections
from api.domain.errors import Duplicate, Forbidden, InvalidTransition, NotFound, ValidationError
from api.resolvers import load
from api.resolvers.relay import require_id
from api.schema import errors as e
from api.schema.base import Node, RowBacked, field, node_type
from api.schema.enums import InspectionFramework, Inspectorate, OfstedGrade, ReportCardArea, ReportCardGrade
from api.schema.market import Establishment
from api.schema.mutation import mutation, result
from api.schema.permissions import requires
from api.schema.placements import Referral
from db import models as m

LEAD = requires("providers:write", R.LEAD_ADMIN)
"""The lead authority records inspections, with the scope it keeps the market's establishments with."""
COMMISSIONER = requires("referrals:write", R.AUTHORITY_COMMISSIONER)


@strawberry.type(description="A report card's grade for one evaluation area.")
class InspectionJudgement(RowBacked):
    row: strawberry.Private[object]
    area: ReportCardArea = field("The evaluation area.")
    grade: ReportCardGrade = field("Its grade.")


def _judgements(rows: list[m.InspectionJudgement]) -> list[InspectionJudgement]:
    order = list(inspections.AREA_COLUMNS)
    return InspectionJudgement.from_rows(sorted(rows, key=lambda row: order.index(row.area)))


@node_type(m.Inspection)
@strawberry.type(
    description=(
        "One inspection of an establishment, in the framework it was made under, as the lead authority recorded it."
    )
)
class Inspection(Node, RowBacked):
    inspectorate: Inspectorate = field("Who inspected: Ofsted, ISI or CQC.")
    framework: InspectionFramework = field("The framework it was made under.")
    inspected_on: dt.date = field("The first day of the inspection.")
    published_on: dt.date | None = field("When its report was published; null if not recorded.")
    report_url: str | None = field("The report's https link; null if not recorded.")
    overall_grade: OfstedGrade | None = field(
        "A legacy grade's or a social care judgement's grade on the four-point scale; null for other frameworks."
    )
    safeguarding_met: bool | None = field("Whether safeguarding was found met; null where not judged.")
    standards_met: bool | None = field("A standards inspection's finding: whether the standards were met.")
    recorded_at: dt.datetime = field("When the lead authority recorded it.")

    @field("A report card's grade for each evaluation area it judged; empty for other frameworks.")
    @load.relation
    def judgements(self, info: Info) -> list[InspectionJudgement]:
        return load.related_children(
            info, m.InspectionJudgement, m.InspectionJudgement.inspection_id, self.row.id, _judgements
        )

    @field(
        'What in it gives cause for concern, in words (e.g. "Ofsted report card, 3 December 2026: safeguarding '
        'not met"); null when nothing does: inadequate, urgent improvement in an area, safeguarding or standards '
        "not met."
    )
    async def concern(self, info: Info) -> str | None:
        rows = await load.children(info, m.InspectionJudgement, m.InspectionJudgement.inspection_id, self.row.id)
        return inspections.concern_reason(self.row, [inspections.Judgement(r.area, r.grade) for r in rows])


# -- recording ---------------------------------------------------------------------------------------


@strawberry.input(description="A report card's grade for one evaluation area.")
class InspectionJudgementInput:
    area: ReportCardArea = field("The evaluation area; each at most once.")
    grade: ReportCardGrade = field("Its grade.")


@strawberry.input(description="An inspection of an establishment, as published.")
class RecordInspectionInput:
    establishment: strawberry.ID = field("The establishment inspected.")
    inspectorate: Inspectorate = field("Who inspected. Only Ofsted inspects under its own three frameworks.")
    framework: InspectionFramework = field("The framework it was made under.")
    inspected_on: dt.date = field("The first day of the inspection; not in the future.")
    published_on: dt.date | None = field(
        "When the report was published: on or after the inspection, not in the future.", default=None
    )
    report_url: str | None = field("The report's https link.", default=None)
    overall_grade: OfstedGrade | None = field(
        "The overall grade: required for LEGACY_GRADE and SOCIAL_CARE, refused for the others.", default=None
    )
    judgements: list[InspectionJudgementInput] = strawberry.field(
        default_factory=list,
        description="REPORT_CARD only, and required: the grade of each area judged, no area twice.",
    )
    safeguarding_met: bool | None = field(
        "Whether safeguarding was found met: required for a REPORT_CARD.", default=None
    )
    standards_met: bool | None = field(
        "Whether the standards were found met: required for STANDARDS, refused for the others.", default=None
    )


@strawberry.type(description="The inspection recorded, and the establishment with its flag recomputed.")
class RecordInspectionPayload:
    inspection: Inspection = field("The inspection.")
    establishment: Establishment = field("The establishment, with its `concern` as it is now.")


@strawberry.input(
    description=(
        "Inspections in the layout of Ofsted's published management information, as CSV text: a header row, then "
        "one row per inspection. The columns are described in docs/inspections.md."
    )
)
class ImportInspectionsInput:
    csv: str = field(
        "The file's text (UTF-8). Headings: URN, Inspectorate, Inspection type, Inspection start date, Publication "
        "date, Overall effectiveness, Safeguarding, Standards met, one per report card area (Inclusion, Curriculum "
        "and teaching, Achievement, Attendance and behaviour, Personal development and well-being, Leadership and "
        "governance, Early years, Sixth form), Web link."
    )


@strawberry.type(description="The inspections imported.")
class ImportInspectionsPayload:
    count: int = field("How many inspections were recorded: one per row.")
    inspections: list[Inspection] = field("The inspections, in the file's order.")
    establishments: list[Establishment] = field("Each establishment inspected, with its `concern` as it is now.")


@strawberry.input(description="An establishment flagged after an inspection to include among a referral's matches.")
class IncludeFlaggedEstablishmentInput:
    referral: strawberry.ID = field("Your authority's referral: DRAFT, OPEN or CLOSED.")
    establishment: strawberry.ID = field("The flagged establishment.")
    reason: str = field("Why it is considered despite the concern: 1 to 2,000 characters. Shown with its matches.")


@strawberry.type(description="The referral, whose matches now show the establishment eligible with your reason.")
class IncludeFlaggedEstablishmentPayload:
    referral: Referral = field("The referral.")
    establishment: Establishment = field("The establishment included.")
    reason: str = field("The reason recorded.")


RecordInspectionResult = result(
    "RecordInspectionResult",
    RecordInspectionPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.Duplicate,
    description="The inspection, or why not.",
)
ImportInspectionsResult = result(
    "ImportInspectionsResult",
    ImportInspectionsPayload,
    e.Forbidden,
    e.ValidationError,
    description=(
        "The inspections, or every problem: a ValidationError whose problems each name the row (the header is row "
        "1) and column, with `field` input.csv[row].column. Nothing is written unless every row is right."
    ),
)
IncludeFlaggedEstablishmentResult = result(
    "IncludeFlaggedEstablishmentResult",
    IncludeFlaggedEstablishmentPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.Duplicate,
    description="The referral with the establishment included, or why not.",
)


@strawberry.type(description="Record inspections; include a flagged establishment for a referral.")
class InspectionMutations:
    @mutation(
        description=(
            "The lead authority records an inspection of an establishment. Its flag is recomputed from the latest "
            "inspection of each line; an inspection that gives cause for concern alerts every authority with a "
            "placement there running or about to start."
        ),
        access=LEAD,
        errors=(NotFound, Forbidden, ValidationError, Duplicate),
    )
    async def record_inspection(
        self, info: Info, input: Annotated[RecordInspectionInput, strawberry.argument(description="The inspection.")]
    ) -> RecordInspectionResult:
        given = inspections.NewInspection(
            establishment_id=require_id(input.establishment, "Establishment", field="input.establishment"),
            inspectorate=input.inspectorate,
            framework=input.framework,
            inspected_on=input.inspected_on,
            published_on=input.published_on,
            report_url=input.report_url,
            overall_grade=input.overall_grade,
            judgements=[inspections.Judgement(j.area, j.grade) for j in input.judgements],
            safeguarding_met=input.safeguarding_met,
            standards_met=input.standards_met,
        )
        inspection, establishment = await info.context.run(inspections.record_inspection, given=given)
        return RecordInspectionPayload(
            inspection=Inspection.from_row(inspection), establishment=Establishment.from_row(establishment)
        )

    @mutation(
        description=(
            "The lead authority imports inspections from Ofsted's published management information (CSV), all or "
            "nothing: every bad row is reported with its row and column, and then nothing is written. Flags and "
            "alerts as for recordInspection."
        ),
        access=LEAD,
        errors=(Forbidden, ValidationError),
    )
    async def import_inspections(
        self, info: Info, input: Annotated[ImportInspectionsInput, strawberry.argument(description="The file.")]
    ) -> ImportInspectionsResult:
        done = await info.context.run(inspections.import_inspections, text=input.csv)
        return ImportInspectionsPayload(
            count=done.rows,
            inspections=Inspection.from_rows(done.inspections),
            establishments=Establishment.from_rows(done.establishments),
        )

    @mutation(
        description=(
            "Include, for your referral, an establishment flagged after an inspection, recording why: that "
            "referral's matches show it eligible with your reason. Other referrals are unaffected."
        ),
        access=COMMISSIONER,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, Duplicate),
    )
    async def include_flagged_establishment(
        self,
        info: Info,
        input: Annotated[IncludeFlaggedEstablishmentInput, strawberry.argument(description="The inclusion.")],
    ) -> IncludeFlaggedEstablishmentResult:
        referral, establishment, override = await info.context.run(
            inspections.include_flagged_establishment,
            referral_id=require_id(input.referral, "Referral", field="input.referral"),
            establishment_id=require_id(input.establishment, "Establishment", field="input.establishment"),
            reason=input.reason,
        )
        return IncludeFlaggedEstablishmentPayload(
            referral=Referral.from_row(referral),
            establishment=Establishment.from_row(establishment),
            reason=override.reason,
        )
