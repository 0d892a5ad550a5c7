"""Procurement Act 2023 notices: the OCDS releases sent to Find a Tender, where they stand, and sending one again."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import notices
from api.domain.errors import Duplicate, Forbidden, InvalidTransition, NotFound, ValidationError
from api.resolvers import load
from api.resolvers.relay import expect_id, require_id
from api.schema import errors as e
from api.schema.base import Node, RowBacked, field, node_type
from api.schema.enums import expose
from api.schema.lists import connection_field
from api.schema.market import PurchasingSystem
from api.schema.mutation import mutation, result
from api.schema.permissions import public, requires
from db import enums as _enums
from db import models as m

NoticeType = expose(
    _enums.NoticeType, "A Procurement Act 2023 notice, as Find a Tender numbers it (UK4 tender notice, and so on)."
)
NoticeStatus = expose(_enums.NoticeStatus, "Where a Procurement Act 2023 notice stands, derived from its times.")

SEND = requires("calloffs:write", R.LEAD_ADMIN, R.AUTHORITY_COMMISSIONER)
"""The lead authority sends the system's own notices again; a commissioner its authority's call-offs'."""


@node_type(m.ProcurementNotice)
@strawberry.type(
    description=(
        "A Procurement Act 2023 notice: one OCDS release of a contracting process (a dynamic market's, or a "
        "call-off's), with the UK extension's fields, generated as things happen and sent to Find a Tender. "
        "Seen where its purchasing system is, and its call-off or referral, where it names one. It links to its "
        "system only: a call-off lists its own notices (`CallOff.notices`), so the public graph has no path from "
        "a notice to a placement."
    )
)
class ProcurementNotice(Node, RowBacked):
    sources = {"find_a_tender_notice_id": "fts_notice_id"}

    notice_type: NoticeType = field("The kind of notice.")  # type: ignore[valid-type]
    ocid: str = field("The Open Contracting ID of the process the notice belongs to.")
    release_id: str = field("The release's id: unique to this notice.")
    created_at: dt.datetime = field("When the notice was generated.")
    queued_at: dt.datetime | None = field("When it was last queued to be sent; null while it is a draft.")
    published_at: dt.datetime | None = field("When Find a Tender published it.")
    failed_at: dt.datetime | None = field("When Find a Tender last refused it, or could not be reached.")
    find_a_tender_notice_id: str | None = field("The notice's number on Find a Tender, once published.")
    last_error: str | None = field("What Find a Tender said when it last refused the notice.")

    @field('The number Find a Tender gives this kind of notice: "UK4", "UK6" …')
    def find_a_tender_type(self) -> str:
        return notices.find_a_tender_type(self.row.notice_type)

    @field("DRAFT, QUEUED, PUBLISHED or FAILED, derived from the times.")
    def status(self) -> NoticeStatus:  # type: ignore[valid-type]
        return notices.status(self.row)

    @field(
        "The OCDS release, as sent: its `documents[].noticeType` names the Find a Tender notice. Never holds a "
        "child's details or anything written about a placement."
    )
    def release(self) -> JSON:
        return self.row.release

    @field(
        "What stops the release validating against the OCDS schema with the UK extension, each as "
        '"path: message"; empty for a valid notice. A draft with problems is not sent.'
    )
    def problems(self) -> list[str]:
        return list(self.row.problems or [])

    @field("The purchasing system whose process it is, or whose call-off's.")
    @load.relation
    def system(self, info: Info) -> PurchasingSystem:
        return load.related(info, m.PurchasingSystem, self.row.system_id, PurchasingSystem.from_row)


def notices_of(info: Info, column: Any, key: int) -> Any:
    """The visible notices whose ``column`` is ``key``, oldest first, through the request's loader."""
    n = m.ProcurementNotice
    return load.related_children(info, n, column, key, ProcurementNotice.from_rows, (n.created_at,))


# -- the root list -------------------------------------------------------------------------------------


@strawberry.input(description="Filters for Procurement Act notices.")
class ProcurementNoticeFilter:
    system: strawberry.ID | None = strawberry.field(description="Only this purchasing system's notices.", default=None)
    call_off: strawberry.ID | None = strawberry.field(description="Only this call-off's notices.", default=None)
    notice_type: NoticeType | None = strawberry.field(  # type: ignore[valid-type]
        description="Only notices of this kind.", default=None
    )
    status: NoticeStatus | None = strawberry.field(  # type: ignore[valid-type]
        description="Only notices in this state.", default=None
    )

    def criteria(self) -> dict[str, Any]:
        return {
            "system_id": expect_id(self.system, "PurchasingSystem", field="filter.system"),
            "call_off_id": expect_id(self.call_off, "CallOff", field="filter.callOff"),
            "notice_type": self.notice_type,
            "status": self.status,
        }


@strawberry.type
class NoticeQueries:
    procurement_notices = connection_field(
        ProcurementNotice,
        ProcurementNoticeFilter,
        notices.listing,
        description=(
            "Procurement Act 2023 notices, oldest first: a system's own for everyone, a call-off's where you may "
            "see the call-off (and its referral)."
        ),
        access=public(),
    )


# -- sending again -------------------------------------------------------------------------------------


@strawberry.input(description="A notice to send to Find a Tender again.")
class PublishNoticeInput:
    notice: strawberry.ID = field(
        "The notice: a DRAFT whose release now validates, or one Find a Tender did not accept (FAILED)."
    )


@strawberry.type(description="The notice, queued to be sent to Find a Tender.")
class PublishNoticePayload:
    notice: ProcurementNotice = field("The notice, now QUEUED.")


PublishNoticeResult = result(
    "PublishNoticeResult",
    PublishNoticePayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    description=(
        "The notice queued, or why not: a draft that still does not validate comes back as a ValidationError "
        "listing each problem."
    ),
)


@strawberry.input(description="The purchasing system whose payments compliance notice to give.")
class IssuePaymentsComplianceNoticeInput:
    system: strawberry.ID = field("A purchasing system your authority leads, under the Procurement Act 2023.")


IssuePaymentsComplianceNoticeResult = result(
    "IssuePaymentsComplianceNoticeResult",
    PublishNoticePayload,
    e.NotFound,
    e.Forbidden,
    e.InvalidTransition,
    e.Duplicate,
    description="The payments compliance notice, queued (or a DRAFT with its problems), or why not.",
)


@strawberry.type(description="Send Procurement Act 2023 notices to Find a Tender.")
class NoticeMutations:
    @mutation(
        description=(
            "Send a notice to Find a Tender again: a DRAFT once its release validates, or a notice it did not "
            "accept (FAILED). The lead authority sends the system's own notices; a commissioner of the buying "
            "authority a call-off's. A notice queued or published already is not sent twice."
        ),
        access=SEND,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition),
    )
    async def publish_notice(
        self, info: Info, input: Annotated[PublishNoticeInput, strawberry.argument(description="The notice.")]
    ) -> PublishNoticeResult:  # type: ignore[valid-type]
        notice = await info.context.run(
            notices.publish_again, notice_id=require_id(input.notice, "ProcurementNotice", field="input.notice")
        )
        return PublishNoticePayload(notice=ProcurementNotice.from_row(notice))

    @mutation(
        description=(
            "Give your authority's payments compliance notice (UK17) for the half year that ended last (April to "
            "September, or October to March): how many invoices it paid, how many within 30 days, the average days "
            "to pay and how many are overdue, from the invoices' payment figures. Once per half year and system."
        ),
        access=requires("calloffs:write", R.LEAD_ADMIN),
        errors=(NotFound, Forbidden, InvalidTransition, Duplicate),
    )
    async def issue_payments_compliance_notice(
        self,
        info: Info,
        input: Annotated[IssuePaymentsComplianceNoticeInput, strawberry.argument(description="The system.")],
    ) -> IssuePaymentsComplianceNoticeResult:  # type: ignore[valid-type]
        notice = await info.context.run(
            notices.issue_payments_compliance,
            system_id=require_id(input.system, "PurchasingSystem", field="input.system"),
        )
        return PublishNoticePayload(notice=ProcurementNotice.from_row(notice))
