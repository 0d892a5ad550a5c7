"""Every model, imported so that ``Base.metadata`` is complete."""

from db.models.audit import AuditEvent
from db.models.authority import Authority
from db.models.bid import (
    Bid,
    BidAnswer,
    BidLot,
    BidLotEstablishment,
    CriterionScore,
    Evaluation,
    ModeratedScore,
    Moderation,
    PricingLine,
)
from db.models.calloff import CallOff, FeeAmendment
from db.models.document import Document
from db.models.funding import FundingContribution, FundingSplit, IntegratedCareBoard
from db.models.identity import AuthorizationCode, OAuthClient, RefreshToken, SignInThrottle, User
from db.models.inspection import Inspection, InspectionJudgement, ReferralMatchOverride
from db.models.invoice import Invoice, InvoiceLine, InvoiceShare
from db.models.membership import LotMembership, MembershipEstablishment, RateCardLine, standard_weekly_total
from db.models.notice import ExcludedSupplier, ProcurementNotice
from db.models.notification import Notification
from db.models.outcome import OutcomeMeasure, OutcomeReport, OutcomeReportQuery, OutcomeValue
from db.models.provider import Establishment, EstablishmentNeed, Provider, ProviderIdentifier
from db.models.referral import Offer, Referral, ReferralInvitation
from db.models.review import AnnualReview
from db.models.round import (
    ApplicationRound,
    RoundClarification,
    RoundEvaluator,
    RoundLot,
    RoundQuestion,
    RoundScheduleChange,
)
from db.models.specification import Specification
from db.models.system import Lot, PurchasingSystem, SystemMember
from db.models.terms import TermPeriod
from db.models.uplift import UpliftDecision, UpliftRequest, UpliftRequestCallOff
from db.models.webhook import WebhookDelivery, WebhookEndpoint

__all__ = [
    "AnnualReview",
    "ApplicationRound",
    "AuditEvent",
    "Authority",
    "AuthorizationCode",
    "Bid",
    "BidAnswer",
    "BidLot",
    "BidLotEstablishment",
    "CallOff",
    "CriterionScore",
    "Document",
    "Establishment",
    "ExcludedSupplier",
    "EstablishmentNeed",
    "Evaluation",
    "FeeAmendment",
    "FundingContribution",
    "FundingSplit",
    "IntegratedCareBoard",
    "Inspection",
    "InspectionJudgement",
    "Invoice",
    "InvoiceLine",
    "InvoiceShare",
    "Lot",
    "LotMembership",
    "MembershipEstablishment",
    "Notification",
    "ModeratedScore",
    "Moderation",
    "OAuthClient",
    "Offer",
    "OutcomeMeasure",
    "OutcomeReport",
    "OutcomeReportQuery",
    "OutcomeValue",
    "PricingLine",
    "ProcurementNotice",
    "Provider",
    "ProviderIdentifier",
    "PurchasingSystem",
    "RateCardLine",
    "Referral",
    "ReferralInvitation",
    "ReferralMatchOverride",
    "RefreshToken",
    "SignInThrottle",
    "RoundClarification",
    "RoundEvaluator",
    "RoundLot",
    "RoundQuestion",
    "RoundScheduleChange",
    "Specification",
    "SystemMember",
    "TermPeriod",
    "UpliftDecision",
    "UpliftRequest",
    "UpliftRequestCallOff",
    "User",
    "WebhookDelivery",
    "WebhookEndpoint",
    "standard_weekly_total",
]
