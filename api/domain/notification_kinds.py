"""Every kind of notification: what it is for, whether a user may turn it off, and what it says.

One registry, :data:`KINDS`, keyed by :class:`Kind`. Each :class:`KindSpec` has

- a description (for administrators and for the Notify templates' owners);
- ``optional``: a user may turn it off (reminders); the ones the procedure requires (invitations,
  decisions, awards, cancellations, the address's own verification) cannot be;
- ``to_unverified``: sent to an address not yet verified (only the verification message is);
- a subject line and a plain-English body, as :meth:`str.format` templates over the payload
  (plus ``link``, the full URL built from ``link`` and the public URL);
- ``link``: the path into the portal (or the API) the message carries, a template too;
- ``fields``: the personalisation a GOV.UK Notify template of this kind may use;
- ``secret``: payload fields erased from the row once it is settled (sent, failed or skipped),
  such as a one-time token inside a link;
- ``emailed``: False for a kind that goes to another service, never to a person (a procurement
  notice for Find a Tender): it is in no inbox, no e-mail preference and no webhook subscription.

A payload is personalisation only: the referral's neutral ``NWR-…`` reference, lot, deadline, link
IDs. Never a child's reference, needs, postcode district or a commissioner's free text.

**Adding a kind**: add a member to :class:`Kind` and its :class:`KindSpec` to :data:`KINDS`, call
:func:`api.domain.notifications.notify` with it where its cause is written (in the same
transaction), and add its Notify template id to ``NOTIFY_TEMPLATES`` where Notify is used.
``tests/test_notifications.py::test_every_kind_renders_without_child_data`` renders each one.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from api.domain.wording import moment


class Kind(str, enum.Enum):
    """The kinds of message, as stored in ``notification.kind``."""

    REFERRAL_INVITED = "referral.invited"
    REFERRAL_CANCELLED = "referral.cancelled"
    EMAIL_VERIFICATION = "email.verification"
    OFFER_DEADLINE_REMINDER = "referral.offer_deadline_reminder"
    OFFER_RECEIVED = "offer.received"
    OFFER_WITHDRAWN = "offer.withdrawn"
    OFFER_AWARDED = "offer.awarded"
    OFFER_DECLINED = "offer.declined"
    ROUND_SCHEDULED = "round.scheduled"
    ROUND_OPENED = "round.opened"
    CLARIFICATION_ANSWERED = "round.clarification_answered"
    ROUND_CLOSING_REMINDER = "round.closing_reminder"
    DECISIONS_ISSUED = "round.decisions_issued"
    REPORT_DUE_REMINDER = "outcome_report.due_reminder"
    REPORT_OVERDUE_REMINDER = "outcome_report.overdue_reminder"
    REPORT_SUBMITTED = "outcome_report.submitted"
    REPORT_QUERIED = "outcome_report.queried"
    REPORT_ACCEPTED = "outcome_report.accepted"
    FEES_AMENDED = "call_off.fees_amended"
    FUNDING_AGREEMENT_REQUESTED = "funding_split.agreement_requested"
    FUNDING_AGREED = "funding_split.agreed"
    INVOICE_SUBMITTED = "invoice.submitted"
    INVOICE_APPROVED = "invoice.approved"
    INVOICE_DISPUTED = "invoice.disputed"
    INVOICE_PAID = "invoice.paid"
    UPLIFT_REQUESTED = "uplift.requested"
    UPLIFT_DECIDED = "uplift.decided"
    NOTICE_FROM_PROVIDER = "call_off.notice_from_provider"
    NOTICE_FROM_AUTHORITY = "call_off.notice_from_authority"
    ESTABLISHMENT_CLOSING = "establishment.closing"
    REVIEW_REPORT_REQUESTED = "annual_review.report_requested"
    REVIEW_REPORT_DUE_REMINDER = "annual_review.report_due_reminder"
    REVIEW_REPORT_OVERDUE_REMINDER = "annual_review.report_overdue_reminder"
    REVIEW_MEETING_TO_ARRANGE_REMINDER = "annual_review.meeting_to_arrange_reminder"
    REVIEW_DECISION_OVERDUE_REMINDER = "annual_review.decision_overdue_reminder"
    INSPECTION_CONCERN = "establishment.inspection_concern"
    MEMBERSHIP_SUSPENDED = "membership.suspended"
    MEMBERSHIP_REINSTATED = "membership.reinstated"
    MEMBERSHIP_REMOVED = "membership.removed"
    COLLEAGUE_INVITED = "user.invited"
    PASSWORD_RESET = "user.password_reset"
    ACCOUNT_LOCKED = "user.locked"
    NOTICE_TO_FIND_A_TENDER = "procurement_notice.to_find_a_tender"


@dataclass(frozen=True)
class KindSpec:
    """How one kind of message is addressed and worded."""

    description: str
    subject: str
    body: str
    link: str
    fields: tuple[str, ...]
    optional: bool = False
    to_unverified: bool = False
    secret: tuple[str, ...] = ()
    emailed: bool = True


_SIGN_OFF = (
    "\n\nThis is an automatic message from the North West SEND purchasing system. Do not reply to it.\n"
    "Sign in to the provider portal to see the details: this e-mail never carries a child's details."
)

KINDS: dict[Kind, KindSpec] = {
    Kind.REFERRAL_INVITED: KindSpec(
        description="A commissioner has invited the provider to offer a placement for a referral.",
        subject="New referral {referral} under lot {lot}: offers by {deadline}",
        body=(
            "Your organisation has been invited to offer a placement for referral {referral} under lot {lot}.\n\n"
            "Offers close at {deadline}. The placement would start by {startBy}.\n\n"
            "Read the referral and make an offer in the provider portal:\n{link}" + _SIGN_OFF
        ),
        link="/portal/Referral/{referralId}",
        fields=("referral", "lot", "deadline", "startBy", "link"),
    ),
    Kind.REFERRAL_CANCELLED: KindSpec(
        description="A referral the provider was invited to has been cancelled by its commissioner.",
        subject="Referral {referral} has been cancelled",
        body=(
            "Referral {referral} under lot {lot}, which your organisation was invited to, has been cancelled "
            "by the commissioner. No offer is needed, and any offer made will not be considered.\n\n"
            "The referral, and the reason given, are in the provider portal:\n{link}" + _SIGN_OFF
        ),
        link="/portal/Referral/{referralId}",
        fields=("referral", "lot", "link"),
    ),
    Kind.EMAIL_VERIFICATION: KindSpec(
        description="Confirms that a user's e-mail address is theirs before anything else is sent to it.",
        subject="Confirm your e-mail address for the North West SEND purchasing system",
        body=(
            "Hello {name},\n\nThis address was given for your account {username} on the North West SEND "
            "purchasing system. To confirm it is yours, open this link within 7 days:\n{link}\n\n"
            "Until you do, no other message is sent to it. If you did not expect this, ignore it."
        ),
        link="/verify-email/{token}",
        fields=("name", "username", "link"),
        to_unverified=True,
        secret=("token",),
    ),
    Kind.COLLEAGUE_INVITED: KindSpec(
        description="A provider's administrator has invited a colleague: the one-time link to choose a password.",
        subject="You have been invited to the North West SEND purchasing system",
        body=(
            "Hello {name},\n\n{inviter} has invited you to join {provider} on the North West SEND purchasing "
            "system, with the username {username}.\n\nTo accept, choose your password within 7 days at:\n{link}\n\n"
            "The link works once. Accepting it also confirms that this e-mail address is yours. "
            "If you did not expect this invitation, ignore this message."
        ),
        link="/invitations/{token}",
        fields=("name", "inviter", "provider", "username", "link"),
        to_unverified=True,  # the invitee's address: following the link proves it
        secret=("token",),
    ),
    Kind.PASSWORD_RESET: KindSpec(
        description="Someone asked to reset the user's password: the one-time link, valid 30 minutes.",
        subject="Reset your password for the North West SEND purchasing system",
        body=(
            "Hello {name},\n\nSomeone asked to reset the password of your account {username} on the North West "
            "SEND purchasing system. To choose a new password, open this link within 30 minutes:\n{link}\n\n"
            "The link works once. Choosing a new password signs your account out everywhere else within the hour.\n\n"
            "If you did not ask for this, ignore this message: your password has not changed."
        ),
        link="/password-reset/{token}",
        fields=("name", "username", "link"),
        secret=("token",),
    ),
    Kind.ACCOUNT_LOCKED: KindSpec(
        description=(
            "The user's account was locked after too many wrong passwords: when the lock ends, and how to "
            "unlock it at once by choosing a new password."
        ),
        subject="Your account on the North West SEND purchasing system is locked",
        body=(
            "Hello {name},\n\nYour account {username} has been locked after too many wrong passwords. It "
            "unlocks by itself at {unlocksAt}.\n\nIf it was you, you can unlock it now by choosing a new "
            "password:\n{link}\n\nIf it was not you, someone may be trying to guess your password: choose a "
            "new one, and tell your administrator."
        ),
        link="/password-reset",
        fields=("name", "username", "unlocksAt", "link"),
    ),
}

# -- what the procedure sends: referrals, offers, rounds, decisions, reports, fees, memberships -------

_SIGN_OFF_BUYER = (
    "\n\nThis is an automatic message from the North West SEND purchasing system. Do not reply to it.\n"
    "Sign in to the North West SEND portal to see the details: this e-mail never carries a child's details."
)
_REMINDER = "\n\nThis is a reminder: each user may turn reminders of this kind off in the portal."

KINDS.update(
    {
        Kind.OFFER_DEADLINE_REMINDER: KindSpec(
            description="Reminder, 24 hours before an offer deadline, to an invited provider with no live offer.",
            subject="Reminder: offers for referral {referral} close at {deadline}",
            body=(
                "Offers for referral {referral} under lot {lot}, which your organisation was invited to, close at "
                "{deadline}. Your organisation has no live offer against it.\n\n"
                "If you mean to offer a placement, do it before the deadline in the provider portal:\n{link}"
                + _REMINDER
                + _SIGN_OFF
            ),
            link="/portal/Referral/{referralId}",
            fields=("referral", "lot", "deadline", "link"),
            optional=True,
        ),
        Kind.OFFER_RECEIVED: KindSpec(
            description="A provider has made an offer against one of the authority's referrals.",
            subject="Offer received for referral {referral}",
            body=(
                "An offer has been made against referral {referral} under lot {lot}. Offers close at {deadline}; "
                "from then on you can score each offer's quality and award the referral.\n\n"
                "The offer is in the portal:\n{link}" + _SIGN_OFF_BUYER
            ),
            link="/portal/Offer/{offerId}",
            fields=("referral", "lot", "deadline", "link"),
        ),
        Kind.OFFER_WITHDRAWN: KindSpec(
            description="A provider has withdrawn its offer against one of the authority's referrals.",
            subject="Offer withdrawn for referral {referral}",
            body=(
                "An offer against referral {referral} under lot {lot} has been withdrawn by the provider. "
                "Offers close at {deadline}.\n\nThe referral and its offers are in the portal:\n{link}"
                + _SIGN_OFF_BUYER
            ),
            link="/portal/Referral/{referralId}",
            fields=("referral", "lot", "deadline", "link"),
        ),
        Kind.OFFER_AWARDED: KindSpec(
            description="The provider's offer has been accepted: the referral is awarded to it and a call-off made.",
            subject="Referral {referral} awarded to your organisation: placement {callOff}",
            body=(
                "Your offer against referral {referral} under lot {lot} has been accepted. The placement is awarded "
                "to your organisation as placement {callOff}, starting on {startDate}.\n\n"
                "The placement, its terms and what happens next are in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/CallOff/{callOffId}",
            fields=("referral", "lot", "callOff", "startDate", "link"),
        ),
        Kind.OFFER_DECLINED: KindSpec(
            description="The referral the provider offered against has been awarded on another offer.",
            subject="Referral {referral}: your offer was not successful",
            body=(
                "Referral {referral} under lot {lot} has been awarded, and not on your organisation's offer. "
                "Thank you for offering.\n\nYour offer and the referral are in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/Referral/{referralId}",
            fields=("referral", "lot", "link"),
        ),
        Kind.ROUND_SCHEDULED: KindSpec(
            description="The lead authority has scheduled an application round of a purchasing system.",
            subject="Application round {round} of {system} scheduled: opens at {opensAt}",
            body=(
                "Application round {round} of the purchasing system {system} ({systemReference}) has been "
                "scheduled for lots {lots}. It opens at {opensAt} and closes at {closesAt}.\n\n"
                "The round, its lots and its questions are in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/ApplicationRound/{roundId}",
            fields=("round", "system", "systemReference", "lots", "opensAt", "closesAt", "link"),
        ),
        Kind.ROUND_OPENED: KindSpec(
            description="An application round has opened for bids (written when its opening time comes).",
            subject="Application round {round} of {system} is open: bids by {closesAt}",
            body=(
                "Application round {round} of the purchasing system {system} ({systemReference}) is now open for "
                "bids on lots {lots}. It closes at {closesAt}.\n\nStart a bid in the provider portal:\n{link}"
                + _SIGN_OFF
            ),
            link="/portal/ApplicationRound/{roundId}",
            fields=("round", "system", "systemReference", "lots", "closesAt", "link"),
        ),
        Kind.CLARIFICATION_ANSWERED: KindSpec(
            description="The lead authority has published the answer to a clarification question about a round.",
            subject="Application round {round} of {system}: a clarification has been published",
            body=(
                "The lead authority has answered a clarification question about application round {round} of the "
                "purchasing system {system}. The answer is published to every provider, without the asker's name. "
                "The round closes at {closesAt}.\n\nRead it in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/ApplicationRound/{roundId}",
            fields=("round", "system", "closesAt", "link"),
        ),
        Kind.ROUND_CLOSING_REMINDER: KindSpec(
            description="Reminder, 3 days before an open application round closes.",
            subject="Reminder: application round {round} of {system} closes at {closesAt}",
            body=(
                "Application round {round} of the purchasing system {system} ({systemReference}) closes at "
                "{closesAt}. A bid must be submitted before then; a draft is not considered.\n\n"
                "The round is in the provider portal:\n{link}" + _REMINDER + _SIGN_OFF
            ),
            link="/portal/ApplicationRound/{roundId}",
            fields=("round", "system", "systemReference", "closesAt", "link"),
            optional=True,
        ),
        Kind.DECISIONS_ISSUED: KindSpec(
            description="The decisions on a bid have been issued: each bidder is told its own outcome on each lot.",
            subject="Application round {round} of {system}: the decisions on your bid",
            body=(
                "The decisions on your organisation's bid in application round {round} of the purchasing system "
                "{system} have been issued:\n\n{outcomes}\n\n{standstill}"
                "The feedback on each lot is in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/Bid/{bidId}",
            fields=("round", "system", "outcomes", "standstill", "link"),
        ),
        Kind.REPORT_DUE_REMINDER: KindSpec(
            description="Reminder, 14 days before an outcome report is due, while it is not submitted.",
            subject="Reminder: outcome report for placement {callOff} due at {dueAt}",
            body=(
                "The outcome report for the {period} on placement {callOff} (lot {lot}) is due at {dueAt}, and has "
                "not been submitted yet.\n\nWrite and submit it in the provider portal:\n{link}" + _REMINDER + _SIGN_OFF
            ),
            link="/portal/CallOff/{callOffId}",
            fields=("callOff", "lot", "period", "dueAt", "link"),
            optional=True,
        ),
        Kind.REPORT_OVERDUE_REMINDER: KindSpec(
            description="Reminder that an outcome report is overdue: its due time has passed and it is not submitted.",
            subject="Overdue: outcome report for placement {callOff} was due at {dueAt}",
            body=(
                "The outcome report for the {period} on placement {callOff} (lot {lot}) was due at {dueAt}, and has "
                "not been submitted.\n\nSubmit it as soon as you can in the provider portal:\n{link}"
                + _REMINDER
                + _SIGN_OFF
            ),
            link="/portal/CallOff/{callOffId}",
            fields=("callOff", "lot", "period", "dueAt", "link"),
            optional=True,
        ),
        Kind.REPORT_SUBMITTED: KindSpec(
            description="A provider has submitted (or resubmitted) an outcome report on an authority's call-off.",
            subject="Outcome report submitted for call-off {callOff}",
            body=(
                "The provider has submitted its outcome report for the {period} on call-off {callOff} (lot {lot}). "
                "Accept it, or query it with the provider.\n\nThe report is in the portal:\n{link}" + _SIGN_OFF_BUYER
            ),
            link="/portal/OutcomeReport/{reportId}",
            fields=("callOff", "lot", "period", "link"),
        ),
        Kind.REPORT_QUERIED: KindSpec(
            description="The placing authority has queried the provider's outcome report.",
            subject="Outcome report for placement {callOff} queried",
            body=(
                "The placing authority has a query about your outcome report for the {period} on placement "
                "{callOff} (lot {lot}). Answer it and resubmit the report.\n\n"
                "The query is in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/OutcomeReport/{reportId}",
            fields=("callOff", "lot", "period", "link"),
        ),
        Kind.REPORT_ACCEPTED: KindSpec(
            description="The placing authority has accepted the provider's outcome report.",
            subject="Outcome report for placement {callOff} accepted",
            body=(
                "The placing authority has accepted your outcome report for the {period} on placement {callOff} "
                "(lot {lot}). Nothing more is needed for this term.\n\n"
                "The report is in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/OutcomeReport/{reportId}",
            fields=("callOff", "lot", "period", "link"),
        ),
        Kind.FEES_AMENDED: KindSpec(
            description="The weekly fees of one of the provider's call-offs have been amended.",
            subject="Fees of placement {callOff} amended from {effectiveFrom}",
            body=(
                "The weekly fees of placement {callOff} (lot {lot}) have been amended, with effect from "
                "{effectiveFrom} (reason: {reason}).\n\nThe fees before and after are in the provider portal:\n{link}"
                + _SIGN_OFF
            ),
            link="/portal/CallOff/{callOffId}",
            fields=("callOff", "lot", "effectiveFrom", "reason", "link"),
        ),
        Kind.FUNDING_AGREEMENT_REQUESTED: KindSpec(
            description="A placement's cost is shared with the funder, which is asked to agree its contribution.",
            subject="Agree your contribution to placement {callOff}",
            body=(
                "{authority} has asked your organisation to contribute to the weekly cost of placement {callOff}, "
                "from {effectiveFrom}. The shares of each cost element, and what they come to each week, are in "
                "the portal, where you can agree them:\n{link}" + _SIGN_OFF_BUYER
            ),
            link="/portal/FundingSplit/{fundingSplitId}",
            fields=("callOff", "authority", "effectiveFrom", "link"),
        ),
        Kind.FUNDING_AGREED: KindSpec(
            description="Every funder of a placement has agreed its contribution: the funding split is agreed.",
            subject="Funding of placement {callOff} agreed",
            body=(
                "Every funder has agreed its contribution to placement {callOff}, from {effectiveFrom}. The "
                "funding split is in the portal:\n{link}" + _SIGN_OFF_BUYER
            ),
            link="/portal/FundingSplit/{fundingSplitId}",
            fields=("callOff", "effectiveFrom", "link"),
        ),
        Kind.INVOICE_SUBMITTED: KindSpec(
            description="A provider has invoiced one of the authority's placements.",
            subject="Invoice received for placement {callOff}: {total}",
            body=(
                "A provider has invoiced placement {callOff} for {total}. Payment is due by {dueOn}. The invoice, "
                "line by line against what the agreement says is due, is in the portal:\n{link}" + _SIGN_OFF_BUYER
            ),
            link="/portal/Invoice/{invoiceId}",
            fields=("callOff", "total", "dueOn", "link"),
        ),
        Kind.INVOICE_APPROVED: KindSpec(
            description="The placing authority has approved the provider's invoice.",
            subject="Invoice {invoice} approved",
            body=(
                "Your invoice {invoice} for placement {callOff} has been approved for payment.\n\nIt is in the "
                "provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/Invoice/{invoiceId}",
            fields=("invoice", "callOff", "link"),
        ),
        Kind.INVOICE_DISPUTED: KindSpec(
            description="The placing authority disputes the provider's invoice, with a reason per line.",
            subject="Invoice {invoice} disputed",
            body=(
                "The council disputes your invoice {invoice} for placement {callOff}. The reason for each line it "
                "disputes is in the provider portal; send a corrected invoice with a new reference:\n{link}" + _SIGN_OFF
            ),
            link="/portal/Invoice/{invoiceId}",
            fields=("invoice", "callOff", "link"),
        ),
        Kind.INVOICE_PAID: KindSpec(
            description="The placing authority has recorded paying the provider's invoice.",
            subject="Invoice {invoice} paid",
            body=(
                "The council has paid your invoice {invoice} for placement {callOff}. The day paid and the payment "
                "reference are in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/Invoice/{invoiceId}",
            fields=("invoice", "callOff", "link"),
        ),
        Kind.UPLIFT_REQUESTED: KindSpec(
            description="A provider asks for a fee uplift at an establishment where the authority has placements.",
            subject="Fee uplift asked for at {establishment} from {effectiveFrom}",
            body=(
                "The provider of {establishment} (lot {lot}) asks for an uplift of its fees from {effectiveFrom}. "
                "Its reasons and evidence, your placements affected, and how other authorities have decided are "
                "in the portal:\n{link}" + _SIGN_OFF_BUYER
            ),
            link="/portal/UpliftRequest/{requestId}",
            fields=("establishment", "lot", "effectiveFrom", "link"),
        ),
        Kind.UPLIFT_DECIDED: KindSpec(
            description="An authority, or the lead authority for the region, has decided on the provider's uplift.",
            subject="Decision on your fee uplift from {effectiveFrom}",
            body=(
                "A decision has been made on your request for a fee uplift from {effectiveFrom}: {outcome}. The "
                "decision, and the placements whose fees change, are in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/UpliftRequest/{requestId}",
            fields=("outcome", "effectiveFrom", "link"),
        ),
        Kind.MEMBERSHIP_SUSPENDED: KindSpec(
            description="The lead authority has suspended the provider's membership of a lot.",
            subject="Your membership of lot {lot} has been suspended",
            body=(
                "The lead authority has suspended your organisation's membership of lot {lot} of the purchasing "
                "system {system}, {until}. While it is suspended your organisation is not invited to new "
                "referrals under the lot; placements already made are unaffected.\n\n"
                "The reason is in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/LotMembership/{membershipId}",
            fields=("lot", "system", "until", "link"),
        ),
        Kind.MEMBERSHIP_REINSTATED: KindSpec(
            description="The lead authority has lifted the suspension of the provider's membership of a lot.",
            subject="Your membership of lot {lot} has been reinstated",
            body=(
                "The lead authority has lifted the suspension of your organisation's membership of lot {lot} of "
                "the purchasing system {system}. Your organisation may be invited to referrals under the lot "
                "again.\n\nThe membership is in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/LotMembership/{membershipId}",
            fields=("lot", "system", "link"),
        ),
        Kind.MEMBERSHIP_REMOVED: KindSpec(
            description="The lead authority has ended the provider's membership of a lot, for good.",
            subject="Your membership of lot {lot} has been ended",
            body=(
                "The lead authority has ended your organisation's membership of lot {lot} of the purchasing "
                "system {system}. Your organisation will not be invited to new referrals under the lot; "
                "placements already made are unaffected.\n\nThe reason is in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/LotMembership/{membershipId}",
            fields=("lot", "system", "link"),
        ),
    }
)


# -- planned endings, notice and closing establishments (api/domain/endings.py, api/domain/closures.py) ------

KINDS.update(
    {
        Kind.NOTICE_FROM_PROVIDER: KindSpec(
            description="A provider has given notice to end one of the authority's placements.",
            subject="Notice given on placement {callOff}: it ends on {endOn}",
            body=(
                "The provider has given notice to end placement {callOff} (lot {lot}). Its last day is {endOn}.\n\n"
                "The reason, the provider's note and the placement are in the portal:\n{link}" + _SIGN_OFF_BUYER
            ),
            link="/portal/CallOff/{callOffId}",
            fields=("callOff", "lot", "endOn", "link"),
        ),
        Kind.NOTICE_FROM_AUTHORITY: KindSpec(
            description="The placing authority has given notice to end one of the provider's placements.",
            subject="Notice given on placement {callOff}: it ends on {endOn}",
            body=(
                "The placing authority has given notice to end placement {callOff} (lot {lot}). Its last day is "
                "{endOn}.\n\nThe reason and the placement are in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/CallOff/{callOffId}",
            fields=("callOff", "lot", "endOn", "link"),
        ),
        Kind.ESTABLISHMENT_CLOSING: KindSpec(
            description=(
                "An establishment where the authority has placements running past the date is closing: each child "
                "needs another place by then."
            ),
            subject="{establishment} is closing on {closingOn}",
            body=(
                "{establishment} (URN {urn}) is closing on {closingOn}. Your authority has {placements} there "
                "running past that date.\n\nThe placements affected, and where each child could go instead, are "
                "in the portal:\n{link}" + _SIGN_OFF_BUYER
            ),
            link="/portal/Establishment/{establishmentId}",
            fields=("establishment", "urn", "closingOn", "placements", "link"),
        ),
    }
)


# -- EHC plan annual reviews (api/domain/reviews.py): the school's report, the meeting, the decision ---------

KINDS.update(
    {
        Kind.REVIEW_REPORT_REQUESTED: KindSpec(
            description=(
                "The placing authority has scheduled the annual review meeting of a child's EHC plan at the "
                "provider's school: the school's report is wanted 2 weeks before it."
            ),
            subject="Annual review of placement {callOff}: meeting on {meetingOn}, your report by {reportDueOn}",
            body=(
                "The annual review meeting for placement {callOff} at {establishment} is on {meetingOn}. Please "
                "send the school's annual review report by {reportDueOn}, so that it can be shared before the "
                "meeting.\n\nWrite and send it in the provider portal:\n{link}" + _SIGN_OFF
            ),
            link="/portal/AnnualReview/{reviewId}",
            fields=("callOff", "establishment", "meetingOn", "reportDueOn", "link"),
        ),
        Kind.REVIEW_REPORT_DUE_REMINDER: KindSpec(
            description="Reminder, 14 days before an annual review report is due, while it is not sent.",
            subject="Reminder: annual review report for placement {callOff} due on {reportDueOn}",
            body=(
                "The school's annual review report for placement {callOff} at {establishment} is due on "
                "{reportDueOn}, and has not been sent yet.\n\nWrite and send it in the provider portal:\n{link}"
                + _REMINDER
                + _SIGN_OFF
            ),
            link="/portal/AnnualReview/{reviewId}",
            fields=("callOff", "establishment", "reportDueOn", "link"),
            optional=True,
        ),
        Kind.REVIEW_REPORT_OVERDUE_REMINDER: KindSpec(
            description="Reminder that an annual review report is late: its due date has passed and it is not sent.",
            subject="Late: annual review report for placement {callOff} was due on {reportDueOn}",
            body=(
                "The school's annual review report for placement {callOff} at {establishment} was due on "
                "{reportDueOn}, and has not been sent.\n\nSend it as soon as you can in the provider portal:\n"
                "{link}" + _REMINDER + _SIGN_OFF
            ),
            link="/portal/AnnualReview/{reviewId}",
            fields=("callOff", "establishment", "reportDueOn", "link"),
            optional=True,
        ),
        Kind.REVIEW_MEETING_TO_ARRANGE_REMINDER: KindSpec(
            description=(
                "Reminder to the placing authority: an annual review is due within 60 days and no meeting is set."
            ),
            subject="Annual review of placement {callOff} due by {dueOn}: no meeting scheduled",
            body=(
                "The annual review of the EHC plan for placement {callOff} at {establishment} is due by {dueOn}, "
                "and no meeting has been scheduled. The school's report is wanted 2 weeks before the meeting.\n\n"
                "The review is in the portal:\n{link}" + _REMINDER + _SIGN_OFF_BUYER
            ),
            link="/portal/AnnualReview/{reviewId}",
            fields=("callOff", "establishment", "dueOn", "link"),
            optional=True,
        ),
        Kind.REVIEW_DECISION_OVERDUE_REMINDER: KindSpec(
            description=(
                "Reminder to the placing authority: an annual review meeting was held and the decision (keep, "
                "amend or cease the plan) is past its 4-week deadline."
            ),
            subject="Overdue: decision on the annual review of placement {callOff}, due {decisionDueOn}",
            body=(
                "The annual review meeting for placement {callOff} at {establishment} was held on {heldOn}. The "
                "decision to keep, amend or cease the plan was due by {decisionDueOn}, and has not been "
                "recorded.\n\nThe review is in the portal:\n{link}" + _REMINDER + _SIGN_OFF_BUYER
            ),
            link="/portal/AnnualReview/{reviewId}",
            fields=("callOff", "establishment", "heldOn", "decisionDueOn", "link"),
            optional=True,
        ),
    }
)


# -- inspections (api/domain/inspections.py): a concern at an establishment where the authority places ------

KINDS.update(
    {
        Kind.INSPECTION_CONCERN: KindSpec(
            description=(
                "An inspection gave cause for concern at an establishment where the authority has placements "
                "running or about to start (inadequate, urgent improvement, safeguarding or standards not met). "
                "Sent to the authority's commissioners."
            ),
            subject="Inspection concern at {establishment} (URN {urn})",
            body=(
                "An inspection of {establishment} (URN {urn}) on {inspectedOn} gives cause for concern.\n\n"
                "{reason}.\n\n"
                "Your authority has {placements} place(s) there, running or about to start. The establishment "
                "is flagged, and left out of matching unless a commissioner includes it for a referral. Its "
                "inspections are in the portal:\n{link}" + _SIGN_OFF_BUYER
            ),
            link="/portal/Establishment/{establishmentId}",
            fields=("establishment", "urn", "inspectedOn", "framework", "reason", "placements", "link"),
        ),
    }
)


# -- Procurement Act 2023 notices (api/domain/notices.py): the outbox row that publishes one on Find a Tender ---

KINDS.update(
    {
        Kind.NOTICE_TO_FIND_A_TENDER: KindSpec(
            description=(
                "A Procurement Act 2023 notice queued for Find a Tender: the relay sends its OCDS release to the "
                "service and records the notice's id there, or the service's reason for refusing it. Never e-mailed."
            ),
            subject="Notice {releaseId} ({noticeType}) for Find a Tender",
            body=(
                "Procurement notice {releaseId} ({noticeType}) is queued to be published on Find a Tender.\n\n"
                "The contracting processes this system publishes are at:\n{link}"
            ),
            link="/ocds/releases",
            fields=("noticeType", "releaseId"),
            emailed=False,
        ),
    }
)


def spec(kind: str | Kind) -> KindSpec:
    """The registry entry of a stored kind; KeyError for a kind no longer known."""
    return KINDS[Kind(kind)]


def global_id(type_name: str, pk: int) -> str:
    """The opaque ID the API and the portal use for a row (as ``api.resolvers.relay.to_global_id``)."""
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def when(value: str) -> str:
    """An ISO timestamp from a payload, in words and UK time: ``midday on Thursday 12 March 2026``."""
    return moment(dt.datetime.fromisoformat(value))


def day(value: str) -> str:
    """An ISO date from a payload, in words: ``Thursday 12 March 2026``."""
    date = dt.date.fromisoformat(value)
    return f"{date:%A} {date.day} {date:%B %Y}"


_TIMES = ("opensAt", "closesAt", "dueAt", "unlocksAt")
"""Payload fields holding an ISO timestamp, written in words in a message."""
_DAYS = (
    "startDate",
    "startBy",
    "effectiveFrom",
    "dueOn",
    "meetingOn",
    "reportDueOn",
    "heldOn",
    "decisionDueOn",
    "endOn",
    "closingOn",
    "inspectedOn",
)
"""Payload fields holding an ISO date, written in words in a message."""


@dataclass(frozen=True)
class Rendered:
    """A message in words, and the personalisation a Notify template gets."""

    subject: str
    body: str
    personalisation: dict[str, str]


def render(kind: str | Kind, payload: Mapping[str, Any], *, public_url: str) -> Rendered:
    """Fill the kind's templates from the payload; the link is made absolute with ``public_url``."""
    entry = spec(kind)
    values: dict[str, Any] = {str(k): v for k, v in payload.items()}
    if "offerDeadline" in values:
        values["deadline"] = when(values["offerDeadline"])
    for name in _TIMES:
        if values.get(name):
            values[name] = when(values[name])
    for name in _DAYS:
        if values.get(name):
            values[name] = day(values[name])
    values["link"] = public_url.rstrip("/") + entry.link.format(**values)
    personalisation = {name: str(values.get(name, "")) for name in entry.fields}
    return Rendered(
        subject=entry.subject.format(**values), body=entry.body.format(**values), personalisation=personalisation
    )
