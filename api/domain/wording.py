"""Words for enum values, in the messages people read.

A refusal or a message says "your membership is suspended", never "your
ACTIVE membership"; "the weekly fee for enhanced level of need, education",
never "ENHANCED EDUCATION". This is the one place that gives each value its
words: :func:`words` names a value ("enhanced level of need", "withdrawn"),
:func:`state` says what a status means of the thing that has it ("has been
withdrawn", "is suspended"). Machine codes (an error's ``code``, enum values
in the schema, audit diffs) stay as they are.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence

from api.domain import status as st
from api.domain.clock import UK
from api.domain.review_clock import ReviewStatus
from db import enums as e


def moment(at: dt.datetime) -> str:
    """A time as people in the UK read it, in UK time: ``midday on Thursday 12 March 2026``, ``5:30pm on …``."""
    local = at.astimezone(UK)
    if (local.hour, local.minute) == (12, 0):
        clock = "midday"
    elif (local.hour, local.minute) == (0, 0):
        clock = "midnight"
    else:
        minutes = f":{local.minute:02d}" if local.minute else ""
        clock = f"{local.hour % 12 or 12}{minutes}{'am' if local.hour < 12 else 'pm'}"
    return f"{clock} on {local:%A} {local.day} {local:%B %Y}"


def on_day(day: dt.date) -> str:
    """A day as people in the UK read it: ``Thursday 17 December 2026``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


_WORDS: tuple[tuple[enum.Enum, str], ...] = (
    # the parts of a price
    (e.PricingBand.STANDARD, "standard level of need"),
    (e.PricingBand.ENHANCED, "enhanced level of need"),
    (e.PricingBand.COMPLEX, "complex level of need"),
    (e.CostElement.EDUCATION, "education"),
    (e.CostElement.CARE, "residential care"),
    (e.CostElement.HEALTH, "health provision"),
    (e.CostElement.THERAPIES, "therapies"),
    (e.CostElement.ADDITIONAL_STAFFING, "additional staffing"),
    (e.AmendmentReason.ANNUAL_UPLIFT, "annual uplift"),
    (e.AmendmentReason.NEEDS_CHANGE, "change of needs"),
    (e.AmendmentReason.PROVISION_CHANGE, "change of provision"),
    (e.AmendmentReason.CORRECTION, "correction"),
    (e.PlacementType.DAY, "day"),
    (e.PlacementType.RESIDENTIAL, "residential"),
    # organisations and schools
    (e.ProviderStatus.ACTIVE, "active"),
    (e.ProviderStatus.SUSPENDED, "suspended"),
    (e.ProviderStatus.EXCLUDED, "excluded"),
    (e.IdentifierScheme.GB_COH, "Companies House number"),
    (e.IdentifierScheme.GB_CHC, "Charity Commission number"),
    (e.IdentifierScheme.GB_PPON, "Public Procurement Organisation Number"),
    (e.EstablishmentType.NON_MAINTAINED_SPECIAL, "non-maintained special school"),
    (e.EstablishmentType.INDEPENDENT_SPECIAL, "independent special school"),
    (e.EstablishmentType.INDEPENDENT, "independent school"),
    (e.EstablishmentType.SPECIAL_POST_16, "special post-16 institution"),
    (e.OfstedGrade.OUTSTANDING, "outstanding"),
    (e.OfstedGrade.GOOD, "good"),
    (e.OfstedGrade.REQUIRES_IMPROVEMENT, "requires improvement"),
    (e.OfstedGrade.INADEQUATE, "inadequate"),
    (e.Inspectorate.OFSTED, "Ofsted"),
    (e.Inspectorate.ISI, "Independent Schools Inspectorate"),
    (e.Inspectorate.CQC, "Care Quality Commission"),
    (e.InspectionFramework.LEGACY_GRADE, "graded inspection"),
    (e.InspectionFramework.REPORT_CARD, "report card"),
    (e.InspectionFramework.SOCIAL_CARE, "social care inspection"),
    (e.InspectionFramework.STANDARDS, "standards inspection"),
    (e.ReportCardArea.INCLUSION, "inclusion"),
    (e.ReportCardArea.CURRICULUM_AND_TEACHING, "curriculum and teaching"),
    (e.ReportCardArea.ACHIEVEMENT, "achievement"),
    (e.ReportCardArea.ATTENDANCE_AND_BEHAVIOUR, "attendance and behaviour"),
    (e.ReportCardArea.PERSONAL_DEVELOPMENT, "personal development and well-being"),
    (e.ReportCardArea.LEADERSHIP_AND_GOVERNANCE, "leadership and governance"),
    (e.ReportCardArea.EARLY_YEARS, "early years"),
    (e.ReportCardArea.SIXTH_FORM, "sixth form"),
    (e.ReportCardGrade.EXCEPTIONAL, "exceptional"),
    (e.ReportCardGrade.STRONG, "strong standard"),
    (e.ReportCardGrade.EXPECTED, "expected standard"),
    (e.ReportCardGrade.NEEDS_ATTENTION, "needs attention"),
    (e.ReportCardGrade.URGENT_IMPROVEMENT, "urgent improvement"),
    (e.GendersAdmitted.MIXED, "mixed"),
    (e.GendersAdmitted.BOYS, "boys only"),
    (e.GendersAdmitted.GIRLS, "girls only"),
    (e.Gender.MALE, "male"),
    (e.Gender.FEMALE, "female"),
    (e.Gender.OTHER, "another gender, or not stated"),
    (e.NeedCode.SPLD, "specific learning difficulty"),
    (e.NeedCode.MLD, "moderate learning difficulty"),
    (e.NeedCode.SLD, "severe learning difficulty"),
    (e.NeedCode.PMLD, "profound and multiple learning difficulty"),
    (e.NeedCode.SEMH, "social, emotional and mental health"),
    (e.NeedCode.SLCN, "speech, language and communication needs"),
    (e.NeedCode.HI, "hearing impairment"),
    (e.NeedCode.VI, "visual impairment"),
    (e.NeedCode.MSI, "multi-sensory impairment"),
    (e.NeedCode.PD, "physical disability"),
    (e.NeedCode.ASD, "autistic spectrum disorder"),
    (e.NeedCode.OTH, "other difficulty or disability"),
    (e.NeedCode.NSA, "SEN support without a specialist assessment of need"),
    # rounds, referrals and the framework
    (e.QuestionKind.SELECTION, "selection (pass or fail)"),
    (e.QuestionKind.AWARD, "award (scored)"),
    (e.ReferralMode.DIRECT_AWARD, "direct award"),
    (e.ReferralMode.COMPETITION, "mini-competition"),
    (e.CallOffType.INDIVIDUAL_PLACEMENT, "Individual Placement Agreement"),
    (e.CallOffType.BLOCK, "block contract"),
    (e.LotDecision.ADMITTED, "admitted"),
    (e.LotDecision.REJECTED, "not admitted"),
    (e.Regime.PCR2015_LIGHT_TOUCH, "Public Contracts Regulations 2015, light-touch regime"),
    (e.Regime.PA2023_DYNAMIC_MARKET, "Procurement Act 2023 dynamic market"),
    (e.Regime.PA2023_OPEN_FRAMEWORK, "Procurement Act 2023 open framework"),
    (e.AdmissionMode.ROUNDS, "application rounds"),
    (e.AdmissionMode.CONTINUOUS, "continuous admission"),
    # Procurement Act 2023 notices and direct awards
    (e.NoticeType.DYNAMIC_MARKET_INTENTION, "dynamic market notice of intention (UK13)"),
    (e.NoticeType.DYNAMIC_MARKET_ESTABLISHMENT, "dynamic market notice of establishment (UK14)"),
    (e.NoticeType.DYNAMIC_MARKET_MODIFICATION, "dynamic market notice of modification (UK15)"),
    (e.NoticeType.DYNAMIC_MARKET_CESSATION, "dynamic market notice of cessation (UK16)"),
    (e.NoticeType.TENDER, "tender notice (UK4)"),
    (e.NoticeType.TRANSPARENCY, "transparency notice (UK5)"),
    (e.NoticeType.CONTRACT_AWARD, "contract award notice (UK6)"),
    (e.NoticeType.CONTRACT_DETAILS, "contract details notice (UK7)"),
    (e.NoticeType.PAYMENTS_COMPLIANCE, "payments compliance notice (UK17)"),
    (e.NoticeType.CONTRACT_CHANGE, "contract change notice (UK10)"),
    (e.NoticeType.CONTRACT_TERMINATION, "contract termination notice (UK11)"),
    (e.NoticeStatus.DRAFT, "draft"),
    (e.NoticeStatus.QUEUED, "waiting to be sent"),
    (e.NoticeStatus.PUBLISHED, "published"),
    (e.NoticeStatus.FAILED, "not accepted by Find a Tender"),
    (e.DirectAwardGround.USER_CHOICE, "user choice"),
    (e.DirectAwardGround.URGENCY, "extreme and unavoidable urgency"),
    (e.DirectAwardGround.SINGLE_SUPPLIER, "only one supplier can provide it"),
    (e.ExclusionList.DEBARMENT, "debarment list"),
    (e.ExclusionList.EXCLUDED_SUPPLIERS, "lead authority's excluded-supplier list"),
    (e.AuthorityRole.LEAD, "lead authority"),
    (e.AuthorityRole.MEMBER, "member authority"),
    (e.OutcomeDomain.EDUCATION, "education"),
    (e.OutcomeDomain.ATTENDANCE, "attendance"),
    (e.OutcomeDomain.EMPLOYMENT, "employment"),
    (e.OutcomeDomain.INDEPENDENT_LIVING, "independent living"),
    (e.OutcomeDomain.COMMUNITY, "community"),
    (e.OutcomeDomain.HEALTH, "good health"),
    (e.OutcomeDomain.WELLBEING, "wellbeing"),
    (e.MeasureScale.PERCENT, "percentage"),
    (e.MeasureScale.COUNT, "count"),
    (e.MeasureScale.RATING_1_5, "rating from 1 to 5"),
    (e.MeasureScale.YES_NO, "yes or no"),
    (e.MeasureDirection.HIGHER_IS_BETTER, "higher is better"),
    (e.MeasureDirection.LOWER_IS_BETTER, "lower is better"),
    (e.MeasureFrequency.TERMLY, "every term"),
    (e.MeasureFrequency.ANNUALLY, "once a year"),
    (e.Term.AUTUMN, "autumn term"),
    (e.Term.SPRING, "spring term"),
    (e.Term.SUMMER, "summer term"),
    (e.Confidentiality.PUBLIC, "public"),
    (e.Confidentiality.BUYER_ONLY, "buyers only"),
    (e.Confidentiality.PERSONAL, "personal"),
    (e.DocumentType.SPECIFICATION, "service specification"),
    (e.DocumentType.INSURANCE, "insurance certificate"),
    (e.DocumentType.SAFEGUARDING_POLICY, "safeguarding policy"),
    (e.DocumentType.OFSTED_REPORT, "Ofsted inspection report"),
    (e.DocumentType.EVALUATION_REPORT, "evaluation report"),
    (e.DocumentType.SIGNED_IPA, "signed Individual Placement Agreement"),
    (e.DocumentType.OUTCOME_EVIDENCE, "outcome evidence"),
    (e.DocumentType.INVOICE, "invoice"),
    (e.DocumentType.UPLIFT_EVIDENCE, "evidence for a fee uplift"),
    (e.DocumentType.REVIEW_REPORT, "annual review report"),
    (e.DocumentType.OTHER, "other document"),
    (e.UserRole.LEAD_ADMIN, "lead authority administrator"),
    (e.UserRole.EVALUATOR, "evaluator"),
    (e.UserRole.AUTHORITY_COMMISSIONER, "commissioner"),
    (e.UserRole.AUTHORITY_ANALYST, "analyst"),
    (e.UserRole.PROVIDER_USER, "provider user"),
    (e.UserRole.AUDITOR, "auditor"),
    (e.UserRole.AUTHORITY_FINANCE, "finance user"),
    (e.UserRole.ICB_COMMISSIONER, "integrated care board commissioner"),
    # money after award
    (e.FundingStream.EDUCATION, "education budget"),
    (e.FundingStream.SOCIAL_CARE, "social care budget"),
    (e.FundingStream.HEALTH, "health"),
    (e.FundingSplitStatus.PENDING, "waiting for agreement"),
    (e.FundingSplitStatus.AGREED, "agreed"),
    (e.InvoiceStatus.SUBMITTED, "submitted"),
    (e.InvoiceStatus.APPROVED, "approved"),
    (e.InvoiceStatus.DISPUTED, "disputed"),
    (e.InvoiceStatus.PAID, "paid"),
    (e.InvoiceUnit.DAY, "days"),
    (e.InvoiceUnit.WEEK, "weeks"),
    (e.UpliftOutcome.ACCEPTED, "accepted"),
    (e.UpliftOutcome.ACCEPTED_IN_PART, "accepted in part"),
    (e.UpliftOutcome.REFUSED, "refused"),
    # the end of a placement
    (e.NoticeParty.PROVIDER, "the provider"),
    (e.NoticeParty.AUTHORITY, "the placing authority"),
    (e.EndingKind.PLANNED, "planned ending"),
    (e.EndingKind.UNPLANNED, "unplanned ending"),
    (e.EndingReason.PHASE_END, "the end of the phase"),
    (e.EndingReason.PHASE_TRANSFER, "a move for the next phase"),
    (e.EndingReason.PLAN_CEASED, "the plan ceased"),
    (e.EndingReason.NEEDS_CHANGED, "needs changed beyond what the school can meet"),
    (e.EndingReason.MOVED_AWAY, "a move away"),
    (e.EndingReason.FAMILY_CHOICE, "the family's choice"),
    (e.EndingReason.PLACEMENT_BREAKDOWN, "the placement broke down"),
    (e.EndingReason.SAFEGUARDING, "a safeguarding concern"),
    (e.EndingReason.INSPECTION, "an inspection"),
    (e.EndingReason.PROVIDER_CLOSING, "the establishment closing or the provider leaving"),
    (e.EndingReason.OTHER, "another reason"),
    # EHC plan annual reviews
    (e.ReviewDecision.KEEP, "keep the plan as it is"),
    (e.ReviewDecision.AMEND, "amend the plan"),
    (e.ReviewDecision.CEASE, "cease the plan"),
    (e.ReviewAttendee.CHILD_OR_YOUNG_PERSON, "the child or young person"),
    (e.ReviewAttendee.PARENT_OR_CARER, "a parent or carer"),
    (e.ReviewAttendee.SCHOOL, "the school or college"),
    (e.ReviewAttendee.AUTHORITY_SEND_OFFICER, "the council's SEND officer"),
    (e.ReviewAttendee.SOCIAL_CARE, "social care"),
    (e.ReviewAttendee.HEALTH, "health"),
    (e.ReviewAttendee.EDUCATIONAL_PSYCHOLOGIST, "an educational psychologist"),
    (e.ReviewAttendee.OTHER, "someone else"),
    (ReviewStatus.MEETING_TO_ARRANGE, "meeting to arrange"),
    (ReviewStatus.MEETING_ARRANGED, "meeting arranged"),
    (ReviewStatus.DECISION_DUE, "waiting for the council's decision"),
    (ReviewStatus.AMENDED_PLAN_DUE, "waiting for the amended plan"),
    (ReviewStatus.COMPLETE, "complete"),
    # statuses, as adjectives
    (st.SystemStatus.DRAFT, "draft"),
    (st.SystemStatus.ACTIVE, "live"),
    (st.SystemStatus.CLOSED, "closed"),
    (st.SpecificationStatus.DRAFT, "draft"),
    (st.SpecificationStatus.PUBLISHED, "published"),
    (st.SpecificationStatus.SUPERSEDED, "superseded"),
    (st.RoundStatus.SCHEDULED, "scheduled"),
    (st.RoundStatus.OPEN, "open"),
    (st.RoundStatus.CLOSED, "closed"),
    (st.RoundStatus.EVALUATING, "being evaluated"),
    (st.RoundStatus.STANDSTILL, "in its standstill period"),
    (st.RoundStatus.CONCLUDED, "concluded"),
    (st.RoundStatus.CANCELLED, "cancelled"),
    (st.BidStatus.DRAFT, "draft"),
    (st.BidStatus.SUBMITTED, "submitted"),
    (st.BidStatus.WITHDRAWN, "withdrawn"),
    (st.MembershipStatus.ACTIVE, "active"),
    (st.MembershipStatus.SUSPENDED, "suspended"),
    (st.MembershipStatus.REMOVED, "removed"),
    (st.MembershipStatus.EXPIRED, "expired"),
    (st.ReferralStatus.DRAFT, "draft"),
    (st.ReferralStatus.OPEN, "open"),
    (st.ReferralStatus.CLOSED, "closed"),
    (st.ReferralStatus.AWARDED, "awarded"),
    (st.ReferralStatus.UNSUCCESSFUL, "closed without an award"),
    (st.ReferralStatus.CANCELLED, "cancelled"),
    (st.OfferStatus.SUBMITTED, "submitted"),
    (st.OfferStatus.WITHDRAWN, "withdrawn"),
    (st.OfferStatus.ACCEPTED, "accepted"),
    (st.OfferStatus.DECLINED, "declined"),
    (st.CallOffStatus.PENDING, "yet to start"),
    (st.CallOffStatus.ACTIVE, "running"),
    (st.CallOffStatus.ENDED, "ended"),
    (st.CallOffStatus.TERMINATED, "terminated"),
    (st.OutcomeReportStatus.DRAFT, "draft"),
    (st.OutcomeReportStatus.SUBMITTED, "submitted"),
    (st.OutcomeReportStatus.ACCEPTED, "accepted"),
    (st.OutcomeReportStatus.QUERIED, "queried"),
    (st.DocumentStatus.PENDING_UPLOAD, "waiting for its upload"),
    (st.DocumentStatus.AVAILABLE, "available"),
    (st.DocumentStatus.REJECTED, "rejected"),
    (st.DocumentStatus.SUPERSEDED, "superseded"),
)
"""Each value's words, lower case unless a proper name; used inside sentences."""

Key = tuple[type, str]


def key_of(value: enum.Enum) -> Key:
    """A value's key: its enum and its value. String enums of different kinds with one value (the cost element
    HEALTH, the outcome domain HEALTH) are equal as strings, so a dict keyed by the values would mix them up."""
    return type(value), str(value.value)


WORDS: dict[Key, str] = {key_of(value): text for value, text in _WORDS}

_STATES: tuple[tuple[enum.Enum, str], ...] = (
    (st.SystemStatus.DRAFT, "is still being set up"),
    (st.SystemStatus.ACTIVE, "is live"),
    (st.SystemStatus.CLOSED, "has closed"),
    (st.SpecificationStatus.DRAFT, "is a draft"),
    (st.SpecificationStatus.PUBLISHED, "is published"),
    (st.SpecificationStatus.SUPERSEDED, "has been superseded"),
    (st.RoundStatus.SCHEDULED, "has not opened yet"),
    (st.RoundStatus.OPEN, "is open"),
    (st.RoundStatus.CLOSED, "has closed"),
    (st.RoundStatus.EVALUATING, "is being evaluated"),
    (st.RoundStatus.STANDSTILL, "is in its standstill period"),
    (st.RoundStatus.CONCLUDED, "has concluded"),
    (st.RoundStatus.CANCELLED, "has been cancelled"),
    (st.BidStatus.DRAFT, "is a draft"),
    (st.BidStatus.SUBMITTED, "has been submitted"),
    (st.BidStatus.WITHDRAWN, "has been withdrawn"),
    (st.MembershipStatus.ACTIVE, "is active"),
    (st.MembershipStatus.SUSPENDED, "is suspended"),
    (st.MembershipStatus.REMOVED, "has been removed"),
    (st.MembershipStatus.EXPIRED, "has expired"),
    (st.ReferralStatus.DRAFT, "has not been sent to providers yet"),
    (st.ReferralStatus.OPEN, "is open for offers"),
    (st.ReferralStatus.CLOSED, "has closed for offers"),
    (st.ReferralStatus.AWARDED, "has been awarded"),
    (st.ReferralStatus.UNSUCCESSFUL, "closed without an award"),
    (st.ReferralStatus.CANCELLED, "has been cancelled"),
    (st.OfferStatus.SUBMITTED, "is awaiting the authority's decision"),
    (st.OfferStatus.WITHDRAWN, "has been withdrawn"),
    (st.OfferStatus.ACCEPTED, "has been accepted"),
    (st.OfferStatus.DECLINED, "has been declined"),
    (st.CallOffStatus.PENDING, "has not started yet"),
    (st.CallOffStatus.ACTIVE, "is running"),
    (st.CallOffStatus.ENDED, "has ended"),
    (st.CallOffStatus.TERMINATED, "has been terminated"),
    (st.OutcomeReportStatus.DRAFT, "is a draft"),
    (st.OutcomeReportStatus.SUBMITTED, "has been submitted"),
    (st.OutcomeReportStatus.ACCEPTED, "has been accepted"),
    (st.OutcomeReportStatus.QUERIED, "has been queried"),
    (st.DocumentStatus.PENDING_UPLOAD, "is waiting for its upload"),
    (st.DocumentStatus.AVAILABLE, "has been uploaded"),
    (st.DocumentStatus.REJECTED, "was rejected"),
    (st.DocumentStatus.SUPERSEDED, "has been superseded"),
    (e.ProviderStatus.ACTIVE, "is active"),
    (e.ProviderStatus.SUSPENDED, "is suspended"),
    (e.ProviderStatus.EXCLUDED, "has been excluded"),
    (e.NoticeStatus.DRAFT, "is a draft"),
    (e.NoticeStatus.QUEUED, "is waiting to be sent to Find a Tender"),
    (e.NoticeStatus.PUBLISHED, "has been published on Find a Tender"),
    (e.NoticeStatus.FAILED, "was not accepted by Find a Tender"),
    (ReviewStatus.MEETING_TO_ARRANGE, "has no meeting arranged yet"),
    (ReviewStatus.MEETING_ARRANGED, "has its meeting arranged"),
    (ReviewStatus.DECISION_DUE, "has been held and waits for the council's decision"),
    (ReviewStatus.AMENDED_PLAN_DUE, "waits for the amended plan"),
    (ReviewStatus.COMPLETE, "is complete"),
)
"""What each status says of the thing in it, after its name: "This offer has been withdrawn"."""

STATES: dict[Key, str] = {key_of(value): text for value, text in _STATES}


def words(value: enum.Enum) -> str:
    """The value in words, e.g. "enhanced level of need" for ``PricingBand.ENHANCED``."""
    found = WORDS.get(key_of(value))
    if found is not None:
        return found
    return str(value.value).replace("_", " ").lower()  # never the code itself, should a value be added unworded


def state(status: enum.Enum) -> str:
    """What a status says of its holder, e.g. "has been withdrawn" for ``OfferStatus.WITHDRAWN``."""
    return STATES.get(key_of(status)) or f"is {words(status)}"


def listed(values: Sequence[str]) -> str:
    """``["a", "b", "c"]`` as "a, b and c"."""
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} and {values[-1]}"


def cell(band: e.PricingBand, element: e.CostElement) -> str:
    """One cell of a pricing schedule in words: "enhanced level of need, education"."""
    return f"{words(band)}, {words(element)}"
