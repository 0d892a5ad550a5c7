"""Statuses derived from timestamps and the clock, never stored.

Each ``*_status`` function gives one row's status; each ``*_is`` function
gives the equivalent SQL condition, so lists can be filtered by status. A
test checks the two agree on every demo row.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, or_

from db import models as m
from db.enums import DescribedEnum


class SystemStatus(DescribedEnum):
    DRAFT = "DRAFT", "Being set up; not yet open to providers or buyers."
    ACTIVE = "ACTIVE", "Live: admitting providers and open for call-offs."
    CLOSED = "CLOSED", "Closed: no new admissions or call-offs."


class SpecificationStatus(DescribedEnum):
    DRAFT = "DRAFT", "Being written; may still change."
    PUBLISHED = "PUBLISHED", "The current published version; immutable."
    SUPERSEDED = "SUPERSEDED", "Replaced by a later published version; immutable."


class RoundStatus(DescribedEnum):
    SCHEDULED = "SCHEDULED", "Announced; not yet open for bids."
    OPEN = "OPEN", "Open: providers may prepare and submit bids."
    CLOSED = "CLOSED", "Past the deadline; bids are unsealed, evaluation not yet started."
    EVALUATING = "EVALUATING", "Bids are being evaluated and moderated."
    STANDSTILL = "STANDSTILL", "Decisions issued; the standstill period is running."
    CONCLUDED = "CONCLUDED", "Decisions are final and admitted providers are lot members."
    CANCELLED = "CANCELLED", "Cancelled, with a recorded reason."


class BidStatus(DescribedEnum):
    DRAFT = "DRAFT", "Being prepared by the provider; editable while the round is open."
    SUBMITTED = "SUBMITTED", "Submitted and sealed until the round closes."
    WITHDRAWN = "WITHDRAWN", "Withdrawn by the provider."


class MembershipStatus(DescribedEnum):
    ACTIVE = "ACTIVE", "Admitted and able to receive referrals."
    SUSPENDED = "SUSPENDED", "Temporarily barred from new referrals."
    REMOVED = "REMOVED", "Removed from the lot."
    EXPIRED = "EXPIRED", "The membership period has ended."


class ReferralStatus(DescribedEnum):
    DRAFT = "DRAFT", "Being prepared by the authority; not yet sent to providers."
    OPEN = "OPEN", "Sent to providers; offers may be made until the deadline."
    CLOSED = "CLOSED", "Past the offer deadline; offers are being considered."
    AWARDED = "AWARDED", "A call-off was awarded."
    UNSUCCESSFUL = "UNSUCCESSFUL", "Closed without an award."
    CANCELLED = "CANCELLED", "Cancelled by the authority."


class OfferStatus(DescribedEnum):
    SUBMITTED = "SUBMITTED", "Made and awaiting the authority's decision."
    WITHDRAWN = "WITHDRAWN", "Withdrawn by the provider."
    ACCEPTED = "ACCEPTED", "Accepted: the placement was awarded on this offer."
    DECLINED = "DECLINED", "Declined by the authority."


class CallOffStatus(DescribedEnum):
    PENDING = "PENDING", "Awarded; the placement has not started yet."
    ACTIVE = "ACTIVE", "The placement is running."
    ENDED = "ENDED", "The placement reached its end date."
    TERMINATED = "TERMINATED", "Ended early, with a recorded reason."


class OutcomeReportStatus(DescribedEnum):
    DRAFT = "DRAFT", "Being written by the provider."
    SUBMITTED = "SUBMITTED", "Submitted and awaiting the authority's review."
    ACCEPTED = "ACCEPTED", "Accepted by the authority."
    QUERIED = "QUERIED", "Queried by the authority; awaiting the provider's answer."


class DocumentStatus(DescribedEnum):
    PENDING_UPLOAD = "PENDING_UPLOAD", "Announced; the file has not been uploaded and verified yet."
    AVAILABLE = "AVAILABLE", "Uploaded, verified and available."
    REJECTED = "REJECTED", "The file failed verification (size, SHA-256 or type) and was deleted."
    SUPERSEDED = "SUPERSEDED", "Replaced by a newer version."


def system_status(row: m.PurchasingSystem) -> SystemStatus:
    if row.closed_at is not None:
        return SystemStatus.CLOSED
    if row.activated_at is not None:
        return SystemStatus.ACTIVE
    return SystemStatus.DRAFT


def system_is(status: SystemStatus) -> ColumnElement[bool]:
    t = m.PurchasingSystem
    return {
        SystemStatus.CLOSED: t.closed_at.is_not(None),
        SystemStatus.ACTIVE: and_(t.closed_at.is_(None), t.activated_at.is_not(None)),
        SystemStatus.DRAFT: t.activated_at.is_(None),
    }[status]


def specification_status(row: m.Specification) -> SpecificationStatus:
    if row.superseded_at is not None:
        return SpecificationStatus.SUPERSEDED
    if row.published_at is not None:
        return SpecificationStatus.PUBLISHED
    return SpecificationStatus.DRAFT


def round_status(row: m.ApplicationRound, now: dt.datetime) -> RoundStatus:
    if row.cancelled_at is not None:
        return RoundStatus.CANCELLED
    if row.concluded_at is not None:
        return RoundStatus.CONCLUDED
    if now < row.opens_at:
        return RoundStatus.SCHEDULED
    if now < row.closes_at:
        return RoundStatus.OPEN
    if row.decisions_issued_at is not None:
        if row.standstill_ends_at is not None and now < row.standstill_ends_at:
            return RoundStatus.STANDSTILL
        return RoundStatus.CONCLUDED
    if row.evaluation_started_at is not None:
        return RoundStatus.EVALUATING
    return RoundStatus.CLOSED


def round_is(status: RoundStatus, now: dt.datetime) -> ColumnElement[bool]:
    t = m.ApplicationRound
    live = and_(t.cancelled_at.is_(None), t.concluded_at.is_(None))
    closed = and_(live, t.closes_at <= now)
    in_standstill = and_(t.standstill_ends_at.is_not(None), t.standstill_ends_at > now)
    return {
        RoundStatus.CANCELLED: t.cancelled_at.is_not(None),
        RoundStatus.CONCLUDED: or_(
            and_(t.cancelled_at.is_(None), t.concluded_at.is_not(None)),
            and_(closed, t.decisions_issued_at.is_not(None), ~in_standstill),
        ),
        RoundStatus.SCHEDULED: and_(live, t.opens_at > now),
        RoundStatus.OPEN: and_(live, t.opens_at <= now, t.closes_at > now),
        RoundStatus.STANDSTILL: and_(closed, t.decisions_issued_at.is_not(None), in_standstill),
        RoundStatus.EVALUATING: and_(closed, t.decisions_issued_at.is_(None), t.evaluation_started_at.is_not(None)),
        RoundStatus.CLOSED: and_(closed, t.decisions_issued_at.is_(None), t.evaluation_started_at.is_(None)),
    }[status]


def bid_status(row: m.Bid) -> BidStatus:
    if row.withdrawn_at is not None:
        return BidStatus.WITHDRAWN
    if row.submitted_at is not None:
        return BidStatus.SUBMITTED
    return BidStatus.DRAFT


def bid_is(status: BidStatus) -> ColumnElement[bool]:
    t = m.Bid
    return {
        BidStatus.WITHDRAWN: t.withdrawn_at.is_not(None),
        BidStatus.SUBMITTED: and_(t.withdrawn_at.is_(None), t.submitted_at.is_not(None)),
        BidStatus.DRAFT: and_(t.withdrawn_at.is_(None), t.submitted_at.is_(None)),
    }[status]


def membership_status(row: m.LotMembership, today: dt.date) -> MembershipStatus:
    if row.removed_at is not None:
        return MembershipStatus.REMOVED
    if row.until is not None and row.until < today:
        return MembershipStatus.EXPIRED
    if row.suspended_at is not None and (row.suspended_until is None or today <= row.suspended_until):
        return MembershipStatus.SUSPENDED
    return MembershipStatus.ACTIVE


def membership_is(status: MembershipStatus, today: dt.date) -> ColumnElement[bool]:
    t = m.LotMembership
    current = and_(t.removed_at.is_(None), or_(t.until.is_(None), t.until >= today))
    suspended = and_(t.suspended_at.is_not(None), or_(t.suspended_until.is_(None), t.suspended_until >= today))
    return {
        MembershipStatus.REMOVED: t.removed_at.is_not(None),
        MembershipStatus.EXPIRED: and_(t.removed_at.is_(None), t.until < today),
        MembershipStatus.SUSPENDED: and_(current, suspended),
        MembershipStatus.ACTIVE: and_(current, ~suspended),
    }[status]


def referral_status(row: m.Referral, now: dt.datetime) -> ReferralStatus:
    if row.cancelled_at is not None:
        return ReferralStatus.CANCELLED
    if row.awarded_at is not None:
        return ReferralStatus.AWARDED
    if row.closed_unsuccessful_at is not None:
        return ReferralStatus.UNSUCCESSFUL
    if row.opened_at is None:
        return ReferralStatus.DRAFT
    if now >= row.offer_deadline:
        return ReferralStatus.CLOSED
    return ReferralStatus.OPEN


def referral_is(status: ReferralStatus, now: dt.datetime) -> ColumnElement[bool]:
    t = m.Referral
    undecided = and_(t.cancelled_at.is_(None), t.awarded_at.is_(None), t.closed_unsuccessful_at.is_(None))
    return {
        ReferralStatus.CANCELLED: t.cancelled_at.is_not(None),
        ReferralStatus.AWARDED: and_(t.cancelled_at.is_(None), t.awarded_at.is_not(None)),
        ReferralStatus.UNSUCCESSFUL: and_(
            t.cancelled_at.is_(None), t.awarded_at.is_(None), t.closed_unsuccessful_at.is_not(None)
        ),
        ReferralStatus.DRAFT: and_(undecided, t.opened_at.is_(None)),
        ReferralStatus.CLOSED: and_(undecided, t.opened_at.is_not(None), t.offer_deadline <= now),
        ReferralStatus.OPEN: and_(undecided, t.opened_at.is_not(None), t.offer_deadline > now),
    }[status]


def offer_status(row: m.Offer) -> OfferStatus:
    if row.withdrawn_at is not None:
        return OfferStatus.WITHDRAWN
    if row.accepted_at is not None:
        return OfferStatus.ACCEPTED
    if row.declined_at is not None:
        return OfferStatus.DECLINED
    return OfferStatus.SUBMITTED


def offer_is(status: OfferStatus) -> ColumnElement[bool]:
    t = m.Offer
    return {
        OfferStatus.WITHDRAWN: t.withdrawn_at.is_not(None),
        OfferStatus.ACCEPTED: t.accepted_at.is_not(None),
        OfferStatus.DECLINED: t.declined_at.is_not(None),
        OfferStatus.SUBMITTED: and_(t.withdrawn_at.is_(None), t.accepted_at.is_(None), t.declined_at.is_(None)),
    }[status]


def call_off_status(row: m.CallOff, today: dt.date) -> CallOffStatus:
    if row.terminated_at is not None:
        return CallOffStatus.TERMINATED
    if today < row.start_date:
        return CallOffStatus.PENDING
    if row.end_date is not None and row.end_date < today:
        return CallOffStatus.ENDED
    return CallOffStatus.ACTIVE


def call_off_is(status: CallOffStatus, today: dt.date) -> ColumnElement[bool]:
    t = m.CallOff
    running = and_(t.terminated_at.is_(None), t.start_date <= today)
    return {
        CallOffStatus.TERMINATED: t.terminated_at.is_not(None),
        CallOffStatus.PENDING: and_(t.terminated_at.is_(None), t.start_date > today),
        CallOffStatus.ENDED: and_(running, t.end_date.is_not(None), t.end_date < today),
        CallOffStatus.ACTIVE: and_(running, or_(t.end_date.is_(None), t.end_date >= today)),
    }[status]


def report_status(row: m.OutcomeReport) -> OutcomeReportStatus:
    if row.accepted_at is not None:
        return OutcomeReportStatus.ACCEPTED
    if row.queried_at is not None and (row.submitted_at is None or row.queried_at > row.submitted_at):
        return OutcomeReportStatus.QUERIED
    if row.submitted_at is not None:
        return OutcomeReportStatus.SUBMITTED
    return OutcomeReportStatus.DRAFT


def report_is(status: OutcomeReportStatus) -> ColumnElement[bool]:
    t = m.OutcomeReport
    open_query = and_(t.queried_at.is_not(None), or_(t.submitted_at.is_(None), t.queried_at > t.submitted_at))
    return {
        OutcomeReportStatus.ACCEPTED: t.accepted_at.is_not(None),
        OutcomeReportStatus.QUERIED: and_(t.accepted_at.is_(None), open_query),
        OutcomeReportStatus.SUBMITTED: and_(t.accepted_at.is_(None), ~open_query, t.submitted_at.is_not(None)),
        OutcomeReportStatus.DRAFT: and_(t.accepted_at.is_(None), ~open_query, t.submitted_at.is_(None)),
    }[status]


def report_overdue(row: m.OutcomeReport, now: dt.datetime) -> bool:
    """Past its due time and never submitted. A queried report was submitted, so it is not overdue."""
    return row.submitted_at is None and row.due_at < now


def report_overdue_is(overdue: bool, now: dt.datetime) -> ColumnElement[bool]:
    """The SQL condition of :func:`report_overdue` (``overdue=False``: its negation)."""
    t = m.OutcomeReport
    condition = and_(t.submitted_at.is_(None), t.due_at < now)
    return condition if overdue else ~condition


def document_status(row: m.Document) -> DocumentStatus:
    if row.rejected_at is not None:
        return DocumentStatus.REJECTED
    if row.superseded_at is not None:
        return DocumentStatus.SUPERSEDED
    if row.uploaded_at is not None:
        return DocumentStatus.AVAILABLE
    return DocumentStatus.PENDING_UPLOAD
