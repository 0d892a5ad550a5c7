"""What needs the signed-in provider's attention, by deadline: ``viewer.attention``.

The list is worked out by :func:`api.domain.attention.attention`; this module only shows it.
"""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import attention as domain
from api.schema.admission import Bid, BidLot
from api.schema.base import Node, field
from api.schema.enums import AttentionKind, Term
from api.schema.permissions import requires
from api.schema.placements import CallOff, Offer, OutcomeReport, Referral
from api.schema.reviews import AnnualReview

RECORD_TYPES = {t.model: t for t in (Referral, Bid, BidLot, Offer, CallOff, OutcomeReport, AnnualReview)}
"""The schema type of each kind of row an item may be about."""

ATTENTION_READ = requires("inbox:read", R.PROVIDER_USER)
"""Like the inbox: the person's own list. Each item also needs the read scope of its record's type."""


@strawberry.type(
    description=(
        "One thing that needs your attention: what it is, the record it is about, and its deadline (or, for a "
        "decision or a query, when it happened). It carries no child's details."
    )
)
class AttentionItem:
    kind: AttentionKind = field("What needs attention.")
    summary: str = field(
        "What needs doing, in a sentence of plain English, e.g. 'Referral NWR-000123 under lot L2 is waiting for "
        "your offer. Offers close at midday on Thursday 12 March 2026.' It names no child."
    )
    deadline: dt.datetime | None = field(
        "When it must be done by: the offer deadline, the round's closing time, the report's due time. Null for "
        "decisions and queried reports, which have none. A deadline today is an item whose deadline is today."
    )
    at: dt.datetime | None = field(
        "When it happened: the decision (as it reached you), the query, or your invitation to the referral. Null "
        "for a draft bid or a report due."
    )
    overdue: bool = field("Whether the deadline has passed and it is still not done: only reports can be overdue.")
    days_left: int | None = field(
        "Whole days left until the deadline, counted in UK dates: 0 when it is due today, 1 tomorrow. Null when "
        "there is no deadline or it has passed."
    )
    academic_year: int | None = field(
        "For outcome reports: the academic year reported on, by its starting year (2025 means 2025/26). Null "
        "for other kinds."
    )
    term: Term | None = field(
        "For outcome reports: the term reported on. With `academicYear` and the call-off, it is what starting a "
        "report not yet started (`saveOutcomeReport`) needs. Null for other kinds."
    )
    record: Node = field(
        "The record it is about: the Referral, the Bid, the OutcomeReport (or, for a report not yet started, "
        "the CallOff it is due on), the AnnualReview whose report is wanted, and for decisions the BidLot, the "
        "Offer or the CallOff awarded."
    )

    @classmethod
    def of(cls, item: domain.AttentionItem) -> AttentionItem:
        return cls(
            kind=item.kind,
            summary=item.summary,
            deadline=item.deadline,
            at=item.at,
            overdue=item.overdue,
            days_left=item.days_left,
            academic_year=item.academic_year,
            term=item.term,
            record=RECORD_TYPES[type(item.record)].from_row(item.record),
        )


@strawberry.type
class ViewerAttention:
    """What needs the caller's attention, as a field of ``viewer``."""

    @strawberry.field(
        description=(
            "What needs your attention, by deadline: referrals waiting for your offer, draft bids in open rounds, "
            "outcome reports due within 30 days or overdue, reports the placing authority has queried, annual "
            "review reports wanted, and the decisions about you of the last 30 days. Items with a deadline come "
            "first, soonest first (so overdue ones lead); then queried reports, longest waiting first; then "
            "decisions, newest first. Each item is there only if your token may read its record (`@readScope` of "
            "its type). Provider users only, for now."
        ),
        extensions=[ATTENTION_READ],
    )
    async def attention(self, info: Info) -> list[AttentionItem]:
        ctx = info.context
        items = await ctx.execute(lambda session: domain.attention(session=session, actor=ctx.actor, now=ctx.now))
        return [AttentionItem.of(item) for item in items]
