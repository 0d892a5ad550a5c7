"""Enumerations shared by the models and the schema.

Each member carries a description so that the GraphQL schema can document
every value without a second list.
"""

from __future__ import annotations

import enum


class DescribedEnum(str, enum.Enum):
    """A string enum whose members carry a human description."""

    description: str

    def __new__(cls, value: str, description: str) -> DescribedEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    def __str__(self) -> str:
        return self.value


class AuthorityRole(DescribedEnum):
    LEAD = "LEAD", "Runs the purchasing system on behalf of the member authorities."
    MEMBER = "MEMBER", "Has opted in to buy placements through the purchasing system."


class ProviderStatus(DescribedEnum):
    ACTIVE = "ACTIVE", "May bid, hold memberships and receive referrals."
    SUSPENDED = "SUSPENDED", "Temporarily barred from new referrals and bids."
    EXCLUDED = "EXCLUDED", "Excluded under procurement law; may not take part."


class IdentifierScheme(DescribedEnum):
    GB_COH = "GB-COH", "Companies House company number."
    GB_CHC = "GB-CHC", "Charity Commission registered charity number."
    GB_PPON = "GB-PPON", "Procurement Act 2023 Public Procurement Organisation Number."


class EstablishmentType(DescribedEnum):
    NON_MAINTAINED_SPECIAL = "08", "Non-maintained special school (GIAS type 08)."
    INDEPENDENT_SPECIAL = "10", "Other independent special school (GIAS type 10)."
    INDEPENDENT = "11", "Other independent school (GIAS type 11)."
    SPECIAL_POST_16 = "32", "Special post-16 institution (GIAS type 32)."


class OfstedGrade(DescribedEnum):
    OUTSTANDING = "1", "Grade 1: outstanding."
    GOOD = "2", "Grade 2: good."
    REQUIRES_IMPROVEMENT = "3", "Grade 3: requires improvement."
    INADEQUATE = "4", "Grade 4: inadequate. Placing authorities must be alerted."


class Gender(DescribedEnum):
    MALE = "MALE", "Male."
    FEMALE = "FEMALE", "Female."
    OTHER = "OTHER", "Another gender, or not stated."


class GendersAdmitted(DescribedEnum):
    MIXED = "MIXED", "Admits all genders."
    BOYS = "BOYS", "Admits boys only."
    GIRLS = "GIRLS", "Admits girls only."


class NeedCode(DescribedEnum):
    SPLD = "SPLD", "Specific learning difficulty."
    MLD = "MLD", "Moderate learning difficulty."
    SLD = "SLD", "Severe learning difficulty."
    PMLD = "PMLD", "Profound and multiple learning difficulty."
    SEMH = "SEMH", "Social, emotional and mental health."
    SLCN = "SLCN", "Speech, language and communication needs."
    HI = "HI", "Hearing impairment."
    VI = "VI", "Visual impairment."
    MSI = "MSI", "Multi-sensory impairment."
    PD = "PD", "Physical disability."
    ASD = "ASD", "Autistic spectrum disorder."
    OTH = "OTH", "Other difficulty or disability."
    NSA = "NSA", "SEN support but no specialist assessment of type of need."


class Regime(DescribedEnum):
    PCR2015_LIGHT_TOUCH = "PCR2015_LIGHT_TOUCH", "Public Contracts Regulations 2015, light-touch regime."
    PA2023_DYNAMIC_MARKET = "PA2023_DYNAMIC_MARKET", "Procurement Act 2023 dynamic market."
    PA2023_OPEN_FRAMEWORK = "PA2023_OPEN_FRAMEWORK", "Procurement Act 2023 open framework."


class AdmissionMode(DescribedEnum):
    ROUNDS = "ROUNDS", "Providers are admitted in windowed application rounds."
    CONTINUOUS = "CONTINUOUS", "Providers may apply for admission at any time."


class PlacementType(DescribedEnum):
    DAY = "DAY", "Day placement."
    RESIDENTIAL = "RESIDENTIAL", "Residential placement."


class QuestionKind(DescribedEnum):
    SELECTION = "SELECTION", "Pass/fail selection question."
    AWARD = "AWARD", "Scored award question carrying a weight."


class PricingBand(DescribedEnum):
    STANDARD = "STANDARD", "Standard level of need."
    ENHANCED = "ENHANCED", "Enhanced level of need."
    COMPLEX = "COMPLEX", "Complex level of need."


class CostElement(DescribedEnum):
    EDUCATION = "EDUCATION", "Education."
    CARE = "CARE", "Residential care."
    HEALTH = "HEALTH", "Health provision."
    THERAPIES = "THERAPIES", "Therapies: speech and language, occupational, physio, psychology."
    ADDITIONAL_STAFFING = "ADDITIONAL_STAFFING", "Additional 1:1 or 2:1 staffing."


class LotDecision(DescribedEnum):
    ADMITTED = "ADMITTED", "The provider was admitted to the lot."
    REJECTED = "REJECTED", "The provider was not admitted to the lot."


class ReferralMode(DescribedEnum):
    DIRECT_AWARD = "DIRECT_AWARD", "Direct award to a single invited provider."
    COMPETITION = "COMPETITION", "Mini-competition between invited providers."


class CallOffType(DescribedEnum):
    INDIVIDUAL_PLACEMENT = "INDIVIDUAL_PLACEMENT", "An Individual Placement Agreement for one child."
    BLOCK = "BLOCK", "A block contract for a number of places."


class AmendmentReason(DescribedEnum):
    ANNUAL_UPLIFT = (
        "ANNUAL_UPLIFT",
        "The negotiated annual uplift: the weekly fee rises, no element falls or is priced for the first time, "
        "and none rises by more than 10%.",
    )
    NEEDS_CHANGE = "NEEDS_CHANGE", "The child's needs changed: any element may rise, fall, start or stop."
    PROVISION_CHANGE = (
        "PROVISION_CHANGE",
        "The provision in the plan changed: any element may rise, fall, start or stop.",
    )
    CORRECTION = "CORRECTION", "A correction of an earlier error: any element may rise or fall."


class FundingStream(DescribedEnum):
    EDUCATION = (
        "EDUCATION",
        "An authority's education budget: the High Needs block of the Dedicated Schools Grant.",
    )
    SOCIAL_CARE = "SOCIAL_CARE", "An authority's children's social care budget."
    HEALTH = "HEALTH", "An NHS integrated care board, for health needs."


class FundingSplitStatus(DescribedEnum):
    PENDING = "PENDING", "At least one funder has not yet agreed its contributions."
    AGREED = "AGREED", "Every funder has agreed its contributions."


class UpliftOutcome(DescribedEnum):
    ACCEPTED = "ACCEPTED", "The uplift asked for is agreed."
    ACCEPTED_IN_PART = "ACCEPTED_IN_PART", "A smaller uplift is agreed: the decision gives it."
    REFUSED = "REFUSED", "No uplift: the decision says why."


class InvoiceStatus(DescribedEnum):
    SUBMITTED = "SUBMITTED", "Received from the provider and waiting for the authority's decision."
    APPROVED = "APPROVED", "The authority agrees it is due: to be paid within 30 days of receipt."
    DISPUTED = "DISPUTED", "The authority disputes it, with a reason per line: the provider sends a corrected one."
    PAID = "PAID", "The authority has paid it."


class InvoiceUnit(DescribedEnum):
    DAY = "DAY", "The line's quantity is days."
    WEEK = "WEEK", "The line's quantity is weeks."


class OutcomeDomain(DescribedEnum):
    EDUCATION = "EDUCATION", "Educational progress and attainment."
    ATTENDANCE = "ATTENDANCE", "Attendance."
    EMPLOYMENT = "EMPLOYMENT", "Preparation for adulthood: employment."
    INDEPENDENT_LIVING = "INDEPENDENT_LIVING", "Preparation for adulthood: independent living."
    COMMUNITY = "COMMUNITY", "Preparation for adulthood: friends, relationships and community."
    HEALTH = "HEALTH", "Preparation for adulthood: good health."
    WELLBEING = "WELLBEING", "Wellbeing."


class MeasureScale(DescribedEnum):
    PERCENT = "PERCENT", "A percentage from 0 to 100."
    COUNT = "COUNT", "A non-negative count."
    RATING_1_5 = "RATING_1_5", "A rating from 1 to 5."
    YES_NO = "YES_NO", "Yes (1) or no (0)."


class MeasureDirection(DescribedEnum):
    HIGHER_IS_BETTER = "HIGHER_IS_BETTER", "A higher value is a better outcome."
    LOWER_IS_BETTER = "LOWER_IS_BETTER", "A lower value is a better outcome."


class MeasureFrequency(DescribedEnum):
    TERMLY = "TERMLY", "Reported every term."
    ANNUALLY = "ANNUALLY", "Reported once a year, in the summer term."


class Term(DescribedEnum):
    AUTUMN = "AUTUMN", "Autumn term (September to December)."
    SPRING = "SPRING", "Spring term (January to March)."
    SUMMER = "SUMMER", "Summer term (April to July)."


class Confidentiality(DescribedEnum):
    PUBLIC = "PUBLIC", "Anyone may read it."
    BUYER_ONLY = "BUYER_ONLY", "Only the buying authorities and the owner may read it."
    PERSONAL = "PERSONAL", "Concerns a child: only the owning authority and the placing provider."


class DocumentType(DescribedEnum):
    SPECIFICATION = "SPECIFICATION", "Service specification."
    INSURANCE = "INSURANCE", "Insurance certificate."
    SAFEGUARDING_POLICY = "SAFEGUARDING_POLICY", "Safeguarding policy."
    OFSTED_REPORT = "OFSTED_REPORT", "Ofsted inspection report."
    EVALUATION_REPORT = "EVALUATION_REPORT", "Evaluation report."
    SIGNED_IPA = "SIGNED_IPA", "Signed Individual Placement Agreement."
    OUTCOME_EVIDENCE = "OUTCOME_EVIDENCE", "Evidence supporting an outcome report."
    INVOICE = "INVOICE", "A provider's invoice, as sent (a PDF)."
    UPLIFT_EVIDENCE = "UPLIFT_EVIDENCE", "Evidence for a fee-uplift request: costs, pay awards, accounts."
    REVIEW_REPORT = "REVIEW_REPORT", "The school's report or evidence for a child's EHC plan annual review."
    OTHER = "OTHER", "Any other document."


class ReviewDecision(DescribedEnum):
    """What the authority decides after an EHC plan's annual review meeting (SEND Regulations 2014, reg 20)."""

    KEEP = "KEEP", "Keep the plan as it is."
    AMEND = "AMEND", "Amend the plan: the amended plan is issued within 8 weeks of the proposal."
    CEASE = "CEASE", "Cease to maintain the plan."


class ReviewAttendee(DescribedEnum):
    """Who took part in an annual review meeting, by role: never by name."""

    CHILD_OR_YOUNG_PERSON = "CHILD_OR_YOUNG_PERSON", "The child or young person."
    PARENT_OR_CARER = "PARENT_OR_CARER", "A parent or carer."
    SCHOOL = "SCHOOL", "The school or college."
    AUTHORITY_SEND_OFFICER = "AUTHORITY_SEND_OFFICER", "The local authority's SEND officer."
    SOCIAL_CARE = "SOCIAL_CARE", "A social worker or other social care professional."
    HEALTH = "HEALTH", "A health professional."
    EDUCATIONAL_PSYCHOLOGIST = "EDUCATIONAL_PSYCHOLOGIST", "An educational psychologist."
    OTHER = "OTHER", "Anyone else the child, family or authority invited."


class NoticeParty(DescribedEnum):
    PROVIDER = "PROVIDER", "The provider gave notice to end the placement."
    AUTHORITY = "AUTHORITY", "The placing authority gave notice to end the placement."


class EndingKind(DescribedEnum):
    PLANNED = "PLANNED", "A planned ending: the end of a phase, a move planned at review, the plan ceasing."
    UNPLANNED = "UNPLANNED", "An unplanned ending: the placement broke down or could not go on."


class EndingReason(DescribedEnum):
    PHASE_END = "PHASE_END", "The end of the phase: the agreement's end at a phase age."
    PHASE_TRANSFER = "PHASE_TRANSFER", "A move to another school or college for the next phase."
    PLAN_CEASED = "PLAN_CEASED", "The EHC plan ceased."
    NEEDS_CHANGED = "NEEDS_CHANGED", "The child's needs changed and the school could no longer meet them."
    MOVED_AWAY = "MOVED_AWAY", "The family moved away or the child moved to another authority's care."
    FAMILY_CHOICE = "FAMILY_CHOICE", "The child or family chose to leave."
    PLACEMENT_BREAKDOWN = "PLACEMENT_BREAKDOWN", "The placement broke down."
    SAFEGUARDING = "SAFEGUARDING", "A safeguarding concern."
    INSPECTION = "INSPECTION", "An inspection judged the establishment inadequate or unsafe."
    PROVIDER_CLOSING = "PROVIDER_CLOSING", "The establishment closed or the provider left the purchasing system."
    OTHER = "OTHER", "Another reason, given in the note."


class Inspectorate(DescribedEnum):
    OFSTED = "OFSTED", "Ofsted."
    ISI = "ISI", "The Independent Schools Inspectorate, for association independent schools."
    CQC = "CQC", "The Care Quality Commission, for registered health and care services."


class InspectionFramework(DescribedEnum):
    LEGACY_GRADE = "LEGACY_GRADE", "Ofsted's single-word overall effectiveness grade, used until November 2025."
    REPORT_CARD = (
        "REPORT_CARD",
        "Ofsted's report card from November 2025: each evaluation area on a five-point scale, and safeguarding "
        "met or not met.",
    )
    SOCIAL_CARE = (
        "SOCIAL_CARE",
        "The social care judgement of residential provision (Ofsted's SCCIF), on the four-point scale.",
    )
    STANDARDS = (
        "STANDARDS",
        "An inspection of the independent school standards (ISI, or CQC's registration): met or not met.",
    )


class ReportCardArea(DescribedEnum):
    INCLUSION = "INCLUSION", "Inclusion."
    CURRICULUM_AND_TEACHING = "CURRICULUM_AND_TEACHING", "Curriculum and teaching."
    ACHIEVEMENT = "ACHIEVEMENT", "Achievement."
    ATTENDANCE_AND_BEHAVIOUR = "ATTENDANCE_AND_BEHAVIOUR", "Attendance and behaviour."
    PERSONAL_DEVELOPMENT = "PERSONAL_DEVELOPMENT", "Personal development and well-being."
    LEADERSHIP_AND_GOVERNANCE = "LEADERSHIP_AND_GOVERNANCE", "Leadership and governance."
    EARLY_YEARS = "EARLY_YEARS", "Early years, where the school has them."
    SIXTH_FORM = "SIXTH_FORM", "Sixth form, where the school has one."


class ReportCardGrade(DescribedEnum):
    EXCEPTIONAL = "EXCEPTIONAL", "Exceptional."
    STRONG = "STRONG", "Strong standard."
    EXPECTED = "EXPECTED", "Expected standard."
    NEEDS_ATTENTION = "NEEDS_ATTENTION", "Needs attention."
    URGENT_IMPROVEMENT = "URGENT_IMPROVEMENT", "Urgent improvement: placing authorities are alerted."


class NoticeType(DescribedEnum):
    """A Procurement Act 2023 notice, as Find a Tender numbers it (``noticeType`` ``UK4`` and so on)."""

    DYNAMIC_MARKET_INTENTION = "DYNAMIC_MARKET_INTENTION", "Dynamic market notice (UK13): a market is intended."
    DYNAMIC_MARKET_ESTABLISHMENT = "DYNAMIC_MARKET_ESTABLISHMENT", "Dynamic market notice (UK14): it is established."
    DYNAMIC_MARKET_MODIFICATION = "DYNAMIC_MARKET_MODIFICATION", "Dynamic market notice (UK15): it is modified."
    DYNAMIC_MARKET_CESSATION = "DYNAMIC_MARKET_CESSATION", "Dynamic market notice (UK16): it ceases."
    TENDER = "TENDER", "Tender notice (UK4): a competition among the members opens."
    TRANSPARENCY = "TRANSPARENCY", "Transparency notice (UK5): a contract is to be awarded directly."
    CONTRACT_AWARD = "CONTRACT_AWARD", "Contract award notice (UK6): the award decision, and its standstill."
    CONTRACT_DETAILS = "CONTRACT_DETAILS", "Contract details notice (UK7): the contract was entered into."
    PAYMENTS_COMPLIANCE = "PAYMENTS_COMPLIANCE", "Payments compliance notice (UK17): six months' payment figures."
    CONTRACT_CHANGE = "CONTRACT_CHANGE", "Contract change notice (UK10): a change above the Act's threshold."
    CONTRACT_TERMINATION = "CONTRACT_TERMINATION", "Contract termination notice (UK11): the contract ended early."


class NoticeStatus(DescribedEnum):
    """Where a Procurement Act notice stands, derived from its times."""

    DRAFT = "DRAFT", "Not sent: it does not validate yet (its problems say why), or it was never queued."
    QUEUED = "QUEUED", "Valid, and waiting to be sent to Find a Tender."
    PUBLISHED = "PUBLISHED", "Published on Find a Tender, under its notice number there."
    FAILED = "FAILED", "Find a Tender refused it, or could not be reached; its last error says why. Send it again."


class ExclusionList(DescribedEnum):
    DEBARMENT = "DEBARMENT", "The debarment list kept by the Minister under the Procurement Act 2023 (s.62)."
    EXCLUDED_SUPPLIERS = "EXCLUDED_SUPPLIERS", "The lead authority's own list of suppliers found excluded (s.57)."


class DirectAwardGround(DescribedEnum):
    """The grounds of Schedule 5 to the Procurement Act 2023 a placement may be awarded directly on."""

    USER_CHOICE = "USER_CHOICE", "User choice: the child's or family's preference for a particular school (para 15)."
    URGENCY = "URGENCY", "Extreme and unavoidable urgency (para 13)."
    SINGLE_SUPPLIER = "SINGLE_SUPPLIER", "Only one school can meet the child's needs (para 5)."


class UserRole(DescribedEnum):
    """The roles of built-in users and machine clients; the same names as the API's roles."""

    LEAD_ADMIN = "LEAD_ADMIN", "The lead authority's procurement team: runs the system, rounds and evaluation."
    EVALUATOR = "EVALUATOR", "Scores the bids of rounds they are assigned to, after the round closes."
    AUTHORITY_COMMISSIONER = (
        "AUTHORITY_COMMISSIONER",
        "Places children for one authority: referrals, call-offs and reviews.",
    )
    AUTHORITY_ANALYST = "AUTHORITY_ANALYST", "Reads one authority's data and the suppressed regional aggregates."
    PROVIDER_USER = "PROVIDER_USER", "Works for one provider: establishments, bids, offers and outcome reports."
    AUDITOR = "AUDITOR", "Reads everything, including the audit trail, and changes nothing."
    AUTHORITY_FINANCE = (
        "AUTHORITY_FINANCE",
        "Pays one authority's placements: checks providers' invoices against the agreements, approves, disputes "
        "and records payment.",
    )
    ICB_COMMISSIONER = (
        "ICB_COMMISSIONER",
        "Works for one NHS integrated care board: reads and agrees the health contributions it is asked to fund.",
    )
