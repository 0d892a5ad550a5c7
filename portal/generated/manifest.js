// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "role": "PROVIDER_USER",
 "scopes": [
  "bids:read",
  "bids:write",
  "calloffs:read",
  "clarifications:write",
  "documents:read",
  "documents:write",
  "inbox:read",
  "inbox:write",
  "offers:read",
  "offers:write",
  "providers:write",
  "referrals:read",
  "reports:read",
  "reports:write",
  "webhooks:read",
  "webhooks:write"
 ],
 "lists": [
  {
   "name": "webhookEndpoints",
   "title": "Webhook endpoints",
   "description": "Your organisation's webhook endpoints, oldest first, each with its delivery log. For an authority's commissioners and a provider's administrators; nobody sees another organisation's.",
   "type": "WebhookEndpoint",
   "public": false,
   "nav": true
  },
  {
   "name": "authorities",
   "title": "Authorities",
   "description": "Local authorities. Public.",
   "type": "Authority",
   "public": true,
   "nav": false
  },
  {
   "name": "purchasingSystems",
   "title": "Purchasing systems",
   "description": "Purchasing systems with their lots, specifications and outcomes framework. Public.",
   "type": "PurchasingSystem",
   "public": true,
   "nav": false
  },
  {
   "name": "outcomeMeasures",
   "title": "Outcome measures",
   "description": "Measures of the outcomes frameworks. Public.",
   "type": "OutcomeMeasure",
   "public": true,
   "nav": false
  },
  {
   "name": "providers",
   "title": "Providers",
   "description": "Providers' public profiles. Public.",
   "type": "Provider",
   "public": true,
   "nav": false
  },
  {
   "name": "establishments",
   "title": "Establishments",
   "description": "Establishments' public profiles. Public.",
   "type": "Establishment",
   "public": true,
   "nav": false
  },
  {
   "name": "lotMemberships",
   "title": "Lot memberships",
   "description": "Lot members. Public; rate cards only for buyers and the member itself.",
   "type": "LotMembership",
   "public": true,
   "nav": false
  },
  {
   "name": "applicationRounds",
   "title": "Application rounds",
   "description": "Application rounds with their lots and questions. Public.",
   "type": "ApplicationRound",
   "public": true,
   "nav": true
  },
  {
   "name": "bids",
   "title": "Bids",
   "description": "Bids: a provider sees its own; the lead authority and auditors see all.",
   "type": "Bid",
   "public": false,
   "nav": true
  },
  {
   "name": "referrals",
   "title": "Referrals",
   "description": "Referrals: an authority sees its own; a provider those it is invited to.",
   "type": "Referral",
   "public": false,
   "nav": true
  },
  {
   "name": "offers",
   "title": "Offers",
   "description": "Offers: a provider sees its own; an authority those against its referrals.",
   "type": "Offer",
   "public": false,
   "nav": true
  },
  {
   "name": "callOffs",
   "title": "Call offs",
   "description": "Call-offs: an authority sees its own; a provider its own; the lead authority all.",
   "type": "CallOff",
   "public": false,
   "nav": true
  },
  {
   "name": "outcomeReports",
   "title": "Outcome reports",
   "description": "Outcome reports: the placing authority and the provider see them.",
   "type": "OutcomeReport",
   "public": false,
   "nav": true
  },
  {
   "name": "documents",
   "title": "Documents",
   "description": "Document metadata you may read.",
   "type": "Document",
   "public": false,
   "nav": true
  }
 ],
 "records": [
  "ApplicationRound",
  "AuditEvent",
  "Authority",
  "Bid",
  "BidLot",
  "CallOff",
  "Document",
  "Establishment",
  "Evaluation",
  "FeeAmendment",
  "Lot",
  "LotMembership",
  "Moderation",
  "Offer",
  "OutcomeMeasure",
  "OutcomeReport",
  "Provider",
  "PurchasingSystem",
  "Referral",
  "RoundClarification",
  "RoundQuestion",
  "Specification",
  "WebhookEndpoint"
 ],
 "forms": [
  "answerOutcomeReportQuery",
  "answerQuestions",
  "askClarification",
  "confirmDocumentUpload",
  "createBid",
  "createWebhookEndpoint",
  "disableWebhookEndpoint",
  "inviteProviderUser",
  "markNotificationsRead",
  "registerProvider",
  "removeBidLot",
  "requestDocumentUpload",
  "requestEmailVerification",
  "rotateWebhookEndpointSecret",
  "saveOutcomeReport",
  "setBidLot",
  "setNotificationPreferences",
  "submitBid",
  "submitOffer",
  "submitOutcomeReport",
  "updateEstablishment",
  "withdrawBid",
  "withdrawOffer"
 ],
 "topActions": [
  {
   "operation": "createWebhookEndpoint",
   "title": "Create webhook endpoint",
   "description": "Register a URL to receive your organisation's events of the kinds chosen, signed per Standard Webhooks. The URL is checked, never called, now. The signing secret is returned once."
  },
  {
   "operation": "inviteProviderUser",
   "title": "Invite provider user",
   "description": "Invite a colleague to your provider (administrators only). They are e-mailed a one-time link, valid for 7 days, where they choose a password; it is never shown to you."
  },
  {
   "operation": "markNotificationsRead",
   "title": "Mark notifications read",
   "description": "Mark your messages read: the ones named, or all. Marking one already read changes nothing. Only your own: another person's message is NOT_FOUND."
  },
  {
   "operation": "registerProvider",
   "title": "Register provider",
   "description": "Register a provider with its identifiers, establishments and first administrator. Open to anyone; the lead authority verifies the registration before the provider may bid."
  },
  {
   "operation": "requestEmailVerification",
   "title": "Request email verification",
   "description": "Send a new link to confirm your own e-mail address, e.g. when the first one has expired. Earlier links stop working. INVALID_TRANSITION when you have no address or it is already verified."
  },
  {
   "operation": "setNotificationPreferences",
   "title": "Set notification preferences",
   "description": "Choose which kinds of message are not e-mailed to you. Only optional kinds (reminders) may be turned off; those the procedure requires (invitations, decisions, awards) cannot. Turned-off messages still arrive in your messages."
  }
 ],
 "labels": {
  "ApplicationRound": {
   "title": "Application round",
   "prefix": "number",
   "main": null,
   "via": null
  },
  "AuditEvent": {
   "title": "Audit event",
   "prefix": null,
   "main": null,
   "via": null
  },
  "Authority": {
   "title": "Authority",
   "prefix": "code",
   "main": "name",
   "via": null
  },
  "Bid": {
   "title": "Bid",
   "prefix": null,
   "main": null,
   "via": "round"
  },
  "BidLot": {
   "title": "Bid lot",
   "prefix": null,
   "main": null,
   "via": "lot"
  },
  "CallOff": {
   "title": "Call off",
   "prefix": "reference",
   "main": null,
   "via": null
  },
  "Document": {
   "title": "Document",
   "prefix": null,
   "main": "fileName",
   "via": null
  },
  "Establishment": {
   "title": "Establishment",
   "prefix": null,
   "main": "name",
   "via": null
  },
  "Evaluation": {
   "title": "Evaluation",
   "prefix": null,
   "main": null,
   "via": null
  },
  "FeeAmendment": {
   "title": "Fee amendment",
   "prefix": null,
   "main": null,
   "via": null
  },
  "Lot": {
   "title": "Lot",
   "prefix": "code",
   "main": "title",
   "via": null
  },
  "LotMembership": {
   "title": "Lot membership",
   "prefix": null,
   "main": null,
   "via": "provider"
  },
  "Moderation": {
   "title": "Moderation",
   "prefix": null,
   "main": null,
   "via": null
  },
  "Offer": {
   "title": "Offer",
   "prefix": null,
   "main": null,
   "via": "provider"
  },
  "OutcomeMeasure": {
   "title": "Outcome measure",
   "prefix": "code",
   "main": "name",
   "via": null
  },
  "OutcomeReport": {
   "title": "Outcome report",
   "prefix": null,
   "main": "period",
   "via": null
  },
  "Provider": {
   "title": "Provider",
   "prefix": null,
   "main": "legalName",
   "via": null
  },
  "PurchasingSystem": {
   "title": "Purchasing system",
   "prefix": "reference",
   "main": "title",
   "via": null
  },
  "Referral": {
   "title": "Referral",
   "prefix": null,
   "main": null,
   "via": "authority"
  },
  "RoundClarification": {
   "title": "Round clarification",
   "prefix": null,
   "main": null,
   "via": null
  },
  "RoundQuestion": {
   "title": "Round question",
   "prefix": "number",
   "main": "text",
   "via": null
  },
  "Specification": {
   "title": "Specification",
   "prefix": null,
   "main": "title",
   "via": null
  },
  "WebhookEndpoint": {
   "title": "Webhook endpoint",
   "prefix": null,
   "main": null,
   "via": null
  }
 },
 "enums": {
  "AdmissionMode": {
   "ROUNDS": "Providers are admitted in windowed application rounds",
   "CONTINUOUS": "Providers may apply for admission at any time"
  },
  "AmendmentReason": {
   "ANNUAL_UPLIFT": "Annual uplift",
   "NEEDS_CHANGE": "Needs change",
   "PROVISION_CHANGE": "Provision change",
   "CORRECTION": "Correction"
  },
  "AnalyticsScope": {
   "OWN_AUTHORITY": "Your own authority's placements, in full",
   "REGION": "Region"
  },
  "AuthorityRole": {
   "LEAD": "Lead",
   "MEMBER": "Has opted in to buy placements through the purchasing system"
  },
  "BidStatus": {
   "DRAFT": "Draft",
   "SUBMITTED": "Submitted and sealed until the round closes",
   "WITHDRAWN": "Withdrawn by the provider"
  },
  "CallOffStatus": {
   "PENDING": "Awarded; the placement has not started yet",
   "ACTIVE": "The placement is running",
   "ENDED": "The placement reached its end date",
   "TERMINATED": "Ended early, with a recorded reason"
  },
  "CallOffType": {
   "INDIVIDUAL_PLACEMENT": "An Individual Placement Agreement for one child",
   "BLOCK": "A block contract for a number of places"
  },
  "Confidentiality": {
   "PUBLIC": "Anyone may read it",
   "BUYER_ONLY": "Only the buying authorities and the owner may read it",
   "PERSONAL": "Personal"
  },
  "CostElement": {
   "EDUCATION": "Education",
   "CARE": "Residential care",
   "HEALTH": "Health provision",
   "THERAPIES": "Therapies",
   "ADDITIONAL_STAFFING": "Additional 1:1 or 2:1 staffing"
  },
  "DocumentStatus": {
   "PENDING_UPLOAD": "Announced; the file has not been uploaded and verified yet",
   "AVAILABLE": "Uploaded, verified and available",
   "REJECTED": "Rejected",
   "SUPERSEDED": "Replaced by a newer version"
  },
  "DocumentType": {
   "SPECIFICATION": "Service specification",
   "INSURANCE": "Insurance certificate",
   "SAFEGUARDING_POLICY": "Safeguarding policy",
   "OFSTED_REPORT": "Ofsted inspection report",
   "EVALUATION_REPORT": "Evaluation report",
   "SIGNED_IPA": "Signed Individual Placement Agreement",
   "OUTCOME_EVIDENCE": "Evidence supporting an outcome report",
   "OTHER": "Any other document"
  },
  "EstablishmentType": {
   "NON_MAINTAINED_SPECIAL": "Non-maintained special school (GIAS type 08)",
   "INDEPENDENT_SPECIAL": "Other independent special school (GIAS type 10)",
   "INDEPENDENT": "Other independent school (GIAS type 11)",
   "SPECIAL_POST_16": "Special post-16 institution (GIAS type 32)"
  },
  "Gender": {
   "MALE": "Male",
   "FEMALE": "Female",
   "OTHER": "Another gender, or not stated"
  },
  "GendersAdmitted": {
   "MIXED": "Admits all genders",
   "BOYS": "Admits boys only",
   "GIRLS": "Admits girls only"
  },
  "IdentifierScheme": {
   "GB_COH": "Companies House company number",
   "GB_CHC": "Charity Commission registered charity number",
   "GB_PPON": "Procurement Act 2023 Public Procurement Organisation Number"
  },
  "LotDecision": {
   "ADMITTED": "The provider was admitted to the lot",
   "REJECTED": "The provider was not admitted to the lot"
  },
  "MatchCriterion": {
   "NEEDS": "Needs",
   "SECONDARY_NEEDS": "Secondary needs",
   "AGE": "Age",
   "GENDER": "The establishment must be mixed, or admit the child's gender",
   "VACANCIES": "Vacancies",
   "OFSTED": "Ofsted",
   "PROVIDER": "The provider must be ACTIVE: not suspended or excluded",
   "DISTANCE": "The distance from the child's home, for information"
  },
  "MatchSort": {
   "DISTANCE": "Nearest to the child's home first",
   "COST": "Cost"
  },
  "MeasureDirection": {
   "HIGHER_IS_BETTER": "A higher value is a better outcome",
   "LOWER_IS_BETTER": "A lower value is a better outcome"
  },
  "MeasureFrequency": {
   "TERMLY": "Reported every term",
   "ANNUALLY": "Reported once a year, in the summer term"
  },
  "MeasureScale": {
   "PERCENT": "A percentage from 0 to 100",
   "COUNT": "A non-negative count",
   "RATING_1_5": "A rating from 1 to 5",
   "YES_NO": "Yes (1) or no (0)"
  },
  "MembershipStatus": {
   "ACTIVE": "Admitted and able to receive referrals",
   "SUSPENDED": "Temporarily barred from new referrals",
   "REMOVED": "Removed from the lot",
   "EXPIRED": "The membership period has ended"
  },
  "NeedCode": {
   "SPLD": "Specific learning difficulty",
   "MLD": "Moderate learning difficulty",
   "SLD": "Severe learning difficulty",
   "PMLD": "Profound and multiple learning difficulty",
   "SEMH": "Social, emotional and mental health",
   "SLCN": "Speech, language and communication needs",
   "HI": "Hearing impairment",
   "VI": "Visual impairment",
   "MSI": "Multi-sensory impairment",
   "PD": "Physical disability",
   "ASD": "Autistic spectrum disorder",
   "OTH": "Other difficulty or disability",
   "NSA": "SEN support but no specialist assessment of type of need"
  },
  "NotificationKind": {
   "REFERRAL_INVITED": "Referral invited",
   "REFERRAL_CANCELLED": "Referral cancelled",
   "EMAIL_VERIFICATION": "Email verification",
   "OFFER_DEADLINE_REMINDER": "Offer deadline reminder",
   "OFFER_RECEIVED": "Offer received",
   "OFFER_WITHDRAWN": "Offer withdrawn",
   "OFFER_AWARDED": "Offer awarded",
   "OFFER_DECLINED": "Offer declined",
   "ROUND_SCHEDULED": "Round scheduled",
   "ROUND_OPENED": "Round opened",
   "CLARIFICATION_ANSWERED": "Clarification answered",
   "ROUND_CLOSING_REMINDER": "Reminder, 3 days before an open application round closes",
   "DECISIONS_ISSUED": "Decisions issued",
   "REPORT_DUE_REMINDER": "Report due reminder",
   "REPORT_OVERDUE_REMINDER": "Report overdue reminder",
   "REPORT_SUBMITTED": "Report submitted",
   "REPORT_QUERIED": "Report queried",
   "REPORT_ACCEPTED": "Report accepted",
   "FEES_AMENDED": "Fees amended",
   "MEMBERSHIP_SUSPENDED": "Membership suspended",
   "MEMBERSHIP_REINSTATED": "Membership reinstated",
   "MEMBERSHIP_REMOVED": "Membership removed",
   "COLLEAGUE_INVITED": "Colleague invited",
   "PASSWORD_RESET": "Password reset",
   "ACCOUNT_LOCKED": "Account locked"
  },
  "NotificationStatus": {
   "PENDING": "Waiting for its first or next attempt",
   "SENT": "Handed to the channel (Notify, the SMTP server, a file)",
   "FAILED": "Failed",
   "SKIPPED": "Skipped"
  },
  "OfferStatus": {
   "SUBMITTED": "Made and awaiting the authority's decision",
   "WITHDRAWN": "Withdrawn by the provider",
   "ACCEPTED": "Accepted: the placement was awarded on this offer",
   "DECLINED": "Declined by the authority"
  },
  "OfstedGrade": {
   "OUTSTANDING": "Grade 1: outstanding",
   "GOOD": "Grade 2: good",
   "REQUIRES_IMPROVEMENT": "Grade 3: requires improvement",
   "INADEQUATE": "Grade 4: inadequate"
  },
  "OutcomeDomain": {
   "EDUCATION": "Educational progress and attainment",
   "ATTENDANCE": "Attendance",
   "EMPLOYMENT": "Preparation for adulthood: employment",
   "INDEPENDENT_LIVING": "Preparation for adulthood: independent living",
   "COMMUNITY": "Community",
   "HEALTH": "Preparation for adulthood: good health",
   "WELLBEING": "Wellbeing"
  },
  "OutcomeGrouping": {
   "PROVIDER": "One group per provider",
   "LOT": "One group per lot"
  },
  "OutcomeReportStatus": {
   "DRAFT": "Being written by the provider",
   "SUBMITTED": "Submitted and awaiting the authority's review",
   "ACCEPTED": "Accepted by the authority",
   "QUERIED": "Queried by the authority; awaiting the provider's answer"
  },
  "OutcomeTrend": {
   "IMPROVING": "The latest term's median is better than the previous term's",
   "WORSENING": "The latest term's median is worse than the previous term's",
   "STEADY": "The latest term's median equals the previous term's"
  },
  "PlacementGrouping": {
   "STATUS": "Status",
   "LOT": "One group per lot",
   "AUTHORITY": "One group per buying authority",
   "PROVIDER": "One group per provider",
   "PRIMARY_NEED": "Primary need"
  },
  "PlacementType": {
   "DAY": "Day placement",
   "RESIDENTIAL": "Residential placement"
  },
  "PricingBand": {
   "STANDARD": "Standard level of need",
   "ENHANCED": "Enhanced level of need",
   "COMPLEX": "Complex level of need"
  },
  "PrimaryNeedGroup": {
   "SPLD": "Specific learning difficulty",
   "MLD": "Moderate learning difficulty",
   "SLD": "Severe learning difficulty",
   "PMLD": "Profound and multiple learning difficulty",
   "SEMH": "Social, emotional and mental health",
   "SLCN": "Speech, language and communication needs",
   "HI": "Hearing impairment",
   "VI": "Visual impairment",
   "MSI": "Multi-sensory impairment",
   "PD": "Physical disability",
   "ASD": "Autistic spectrum disorder",
   "OTH": "Other difficulty or disability",
   "NSA": "SEN support but no specialist assessment of type of need",
   "NOT_RECORDED": "Not recorded"
  },
  "ProviderStatus": {
   "ACTIVE": "May bid, hold memberships and receive referrals",
   "SUSPENDED": "Temporarily barred from new referrals and bids",
   "EXCLUDED": "Excluded under procurement law; may not take part"
  },
  "QuestionKind": {
   "SELECTION": "Pass/fail selection question",
   "AWARD": "Scored award question carrying a weight"
  },
  "ReferralMode": {
   "DIRECT_AWARD": "Direct award to a single invited provider",
   "COMPETITION": "Mini-competition between invited providers"
  },
  "ReferralStatus": {
   "DRAFT": "Being prepared by the authority; not yet sent to providers",
   "OPEN": "Sent to providers; offers may be made until the deadline",
   "CLOSED": "Past the offer deadline; offers are being considered",
   "AWARDED": "A call-off was awarded",
   "UNSUCCESSFUL": "Closed without an award",
   "CANCELLED": "Cancelled by the authority"
  },
  "Regime": {
   "PCR2015_LIGHT_TOUCH": "Public Contracts Regulations 2015, light-touch regime",
   "PA2023_DYNAMIC_MARKET": "Procurement Act 2023 dynamic market",
   "PA2023_OPEN_FRAMEWORK": "Procurement Act 2023 open framework"
  },
  "Role": {
   "LEAD_ADMIN": "Lead admin",
   "EVALUATOR": "Evaluator",
   "AUTHORITY_COMMISSIONER": "Authority commissioner",
   "AUTHORITY_ANALYST": "Authority analyst",
   "PROVIDER_USER": "Provider user",
   "AUDITOR": "Auditor"
  },
  "RoundStatus": {
   "SCHEDULED": "Announced; not yet open for bids",
   "OPEN": "Open: providers may prepare and submit bids",
   "CLOSED": "Closed",
   "EVALUATING": "Bids are being evaluated and moderated",
   "STANDSTILL": "Decisions issued; the standstill period is running",
   "CONCLUDED": "Decisions are final and admitted providers are lot members",
   "CANCELLED": "Cancelled, with a recorded reason"
  },
  "SpecificationStatus": {
   "DRAFT": "Being written; may still change",
   "PUBLISHED": "The current published version; immutable",
   "SUPERSEDED": "Replaced by a later published version; immutable"
  },
  "SpendGrouping": {
   "AUTHORITY": "One group per buying authority",
   "LOT": "One group per lot",
   "PROVIDER": "One group per provider",
   "PRIMARY_NEED": "Primary need",
   "FINANCIAL_YEAR": "One group per financial year (1 April to 31 March)"
  },
  "SystemStatus": {
   "DRAFT": "Being set up; not yet open to providers or buyers",
   "ACTIVE": "Live: admitting providers and open for call-offs",
   "CLOSED": "Closed: no new admissions or call-offs"
  },
  "Term": {
   "AUTUMN": "Autumn term (September to December)",
   "SPRING": "Spring term (January to March)",
   "SUMMER": "Summer term (April to July)"
  }
 },
 "errorTypes": [
  "DeadlinePassed",
  "Forbidden",
  "InvalidTransition",
  "NotFound",
  "StaleVersion",
  "StorageUnavailable",
  "UploadRejected",
  "ValidationError"
 ],
 "inputs": [
  "AcceptOutcomeReportInput",
  "AddLotInput",
  "AddSystemMemberInput",
  "AmendCallOffFeesInput",
  "AnswerClarificationInput",
  "AnswerOutcomeReportQueryInput",
  "AnswerQuestionsInput",
  "ApplicationRoundFilter",
  "AskClarificationInput",
  "AssignEvaluatorsInput",
  "AuditEventFilter",
  "AuthorityFilter",
  "AwardReferralInput",
  "BidAnswerInput",
  "BidFilter",
  "CallOffFilter",
  "CancelReferralInput",
  "CancelRoundInput",
  "ChildProfileInput",
  "ConcludeRoundInput",
  "ConfirmDocumentUploadInput",
  "CreateBidInput",
  "CreateBlockContractInput",
  "CreateOutcomeMeasureInput",
  "CreatePurchasingSystemInput",
  "CreateReferralInput",
  "CreateSpecificationDraftInput",
  "CreateWebhookEndpointInput",
  "DecideBidLotInput",
  "DisableWebhookEndpointInput",
  "DocumentFilter",
  "EndCallOffInput",
  "EstablishmentFilter",
  "ExcludeProviderInput",
  "FeeBreakdownInput",
  "InviteProviderUserInput",
  "IssueDecisionsInput",
  "LotMembershipFilter",
  "MarkInput",
  "MarkNotificationsReadInput",
  "ModerateBidLotInput",
  "NewEstablishmentInput",
  "OfferFilter",
  "OpenReferralInput",
  "OrganisationIdentifierInput",
  "OutcomeMeasureFilter",
  "OutcomeReportFilter",
  "OutcomeValueInput",
  "PriceLineInput",
  "ProviderAdministratorInput",
  "ProviderFilter",
  "PublishSpecificationInput",
  "PurchasingSystemFilter",
  "PurchasingSystemTransitionInput",
  "QueryOutcomeReportInput",
  "RecordEvaluationInput",
  "ReferralFilter",
  "RegisterProviderInput",
  "ReinstateMembershipInput",
  "ReinstateOutcomeMeasureInput",
  "RemoveBidLotInput",
  "RemoveMembershipInput",
  "RemoveSystemMemberInput",
  "RequestDocumentUploadInput",
  "RequestEmailVerificationInput",
  "RescheduleRoundInput",
  "RetireOutcomeMeasureInput",
  "RotateWebhookEndpointSecretInput",
  "RoundQuestionInput",
  "SaveOutcomeReportInput",
  "ScheduleRoundInput",
  "ScoreOfferQualityInput",
  "SetBidLotInput",
  "SetNotificationPreferencesInput",
  "SubmitBidInput",
  "SubmitOfferInput",
  "SubmitOutcomeReportInput",
  "SuspendMembershipInput",
  "TerminateCallOffInput",
  "UpdateEstablishmentInput",
  "UpdateLotInput",
  "UpdateOutcomeMeasureInput",
  "UpdateReferralInput",
  "UpdateSpecificationDraftInput",
  "VerifyProviderInput",
  "WithdrawBidInput",
  "WithdrawOfferInput"
 ]
};
