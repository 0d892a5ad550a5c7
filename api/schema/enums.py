"""Every enum of the schema, with a description for each value."""

from __future__ import annotations

import strawberry

from api.auth.actor import Role as _Role
from api.domain import attention as _attention
from api.domain import status as _status
from db import enums as _enums
from db.enums import DescribedEnum


def expose(enum_cls: type[DescribedEnum], description: str, *, name: str | None = None) -> type:
    """Register ``enum_cls`` with the schema, describing it and each value from its members."""
    strawberry.enum(enum_cls, description=description, name=name)
    for value in enum_cls.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = enum_cls[value.name].description
    return enum_cls


Role = expose(_Role, "What a person or machine client does in the purchasing system.", name="Role")
AuthorityRole = expose(_enums.AuthorityRole, "An authority's part in a purchasing system.")
ProviderStatus = expose(_enums.ProviderStatus, "Whether a provider may take part.")
IdentifierScheme = expose(_enums.IdentifierScheme, "An org-id.guide organisation identifier scheme.")
EstablishmentType = expose(_enums.EstablishmentType, "DfE Get Information about Schools establishment type.")
OfstedGrade = expose(_enums.OfstedGrade, "Ofsted overall effectiveness grade (legacy four-point scale).")
Inspectorate = expose(_enums.Inspectorate, "The body that inspected an establishment.")
InspectionFramework = expose(_enums.InspectionFramework, "The framework an inspection was made under.")
ReportCardArea = expose(_enums.ReportCardArea, "An evaluation area of Ofsted's report card.")
ReportCardGrade = expose(_enums.ReportCardGrade, "A report card's five-point grade of one evaluation area.")
Gender = expose(_enums.Gender, "A child's gender.")
GendersAdmitted = expose(_enums.GendersAdmitted, "Which genders an establishment admits.")
NeedCode = expose(_enums.NeedCode, "SEN2 / school census type of special educational need.")
Regime = expose(_enums.Regime, "The procurement regime a purchasing system runs under.")
AdmissionMode = expose(_enums.AdmissionMode, "How providers are admitted to a purchasing system.")
ExclusionList = expose(_enums.ExclusionList, "A list of suppliers excluded under the Procurement Act 2023.")
PlacementType = expose(_enums.PlacementType, "Whether a placement is day or residential.")
QuestionKind = expose(_enums.QuestionKind, "How a round question is assessed.")
PricingBand = expose(_enums.PricingBand, "A band of need that a pricing schedule or rate card prices.")
CostElement = expose(_enums.CostElement, "An element of a placement's weekly cost.")
LotDecision = expose(_enums.LotDecision, "The decision on a bid for one lot.")
ReferralMode = expose(_enums.ReferralMode, "How a referral is awarded.")
DirectAwardGround = expose(
    _enums.DirectAwardGround, "The ground of Schedule 5 to the Procurement Act 2023 a contract is awarded directly on."
)
CallOffType = expose(_enums.CallOffType, "The kind of contract called off.")
AmendmentReason = expose(_enums.AmendmentReason, "Why a call-off's fees changed.")
FundingStream = expose(_enums.FundingStream, "Which budget pays: an authority's education or social care, or health.")
UpliftOutcome = expose(_enums.UpliftOutcome, "What an authority decided on a fee-uplift request.")
InvoiceStatus = expose(_enums.InvoiceStatus, "Where an invoice stands: derived from its times.")
InvoiceUnit = expose(_enums.InvoiceUnit, "What an invoice line's quantity counts.")
FundingSplitStatus = expose(_enums.FundingSplitStatus, "Whether every funder has agreed its contributions.")
OutcomeDomain = expose(_enums.OutcomeDomain, "An area of the outcomes framework.")
MeasureScale = expose(_enums.MeasureScale, "The scale an outcome measure's values are on.")
MeasureDirection = expose(_enums.MeasureDirection, "Which way an outcome measure improves.")
MeasureFrequency = expose(_enums.MeasureFrequency, "How often an outcome measure is reported.")
Term = expose(_enums.Term, "A school term.")
Confidentiality = expose(_enums.Confidentiality, "Who may read a document.")
DocumentType = expose(_enums.DocumentType, "The kind of document.")

SystemStatus = expose(_status.SystemStatus, "A purchasing system's state.")
SpecificationStatus = expose(_status.SpecificationStatus, "A specification version's state.")
RoundStatus = expose(_status.RoundStatus, "An application round's state, derived from its dates and the clock.")
BidStatus = expose(_status.BidStatus, "A bid's state.")
MembershipStatus = expose(_status.MembershipStatus, "A lot membership's state.")
ReferralStatus = expose(_status.ReferralStatus, "A referral's state.")
OfferStatus = expose(_status.OfferStatus, "An offer's state.")
CallOffStatus = expose(_status.CallOffStatus, "A call-off's state, derived from its dates.")
OutcomeReportStatus = expose(_status.OutcomeReportStatus, "An outcome report's state.")
DocumentStatus = expose(_status.DocumentStatus, "A document's state.")

AttentionKind = expose(_attention.AttentionKind, "What needs the signed-in person's attention.")
