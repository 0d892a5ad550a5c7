"""The root Query: public procurement information, tenancy-scoped records, and Relay nodes."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth.actor import AUTHORITY_ROLES
from api.auth.actor import Role as R
from api.domain import documents, evaluation, listings
from api.resolvers import load
from api.resolvers.errors import ClientError
from api.resolvers.relay import expect_id, from_global_id
from api.schema import filters as f
from api.schema.admission import ApplicationRound, Bid
from api.schema.analytics import AnalyticsQueries
from api.schema.attention import ViewerAttention
from api.schema.base import NODE_TYPES, Node, field
from api.schema.endings import EndingQueries
from api.schema.enums import DocumentType, Role
from api.schema.evaluation import OverdueApplication
from api.schema.exclusions import ExclusionQueries
from api.schema.funding import FundingQueries, IntegratedCareBoard
from api.schema.invoices import InvoiceQueries
from api.schema.lists import connection_field
from api.schema.market import (
    Authority,
    Establishment,
    LotMembership,
    OutcomeMeasure,
    Provider,
    PurchasingSystem,
)
from api.schema.notices import NoticeQueries
from api.schema.notifications import NotificationQueries, ViewerInbox
from api.schema.permissions import public, requires
from api.schema.placements import CallOff, Offer, OutcomeReport, Referral
from api.schema.records import AuditEvent, Document
from api.schema.reviews import ReviewQueries
from api.schema.terms import TermQueries
from api.schema.uplifts import UpliftQueries
from api.schema.webhooks import WebhookQueries

EVERY_ROLE = tuple(R)
BUYERS = (R.LEAD_ADMIN, *AUTHORITY_ROLES, R.AUDITOR)


@strawberry.type(
    description=(
        "The caller, as the access token describes them; a person's own messages, and what needs their attention, too."
    )
)
class Viewer(ViewerAttention, ViewerInbox):
    subject: str | None = field("The token's subject; null when no token was sent.")
    roles: list[Role] = field("The caller's roles.")
    scopes: list[str] = field("The OAuth scopes the token carries.")
    authority_id: strawberry.Private[int | None]
    provider_id: strawberry.Private[int | None]
    board_id: strawberry.Private[int | None] = None

    @field("The authority the caller acts for, if any.")
    @load.relation
    def authority(self, info: Info) -> Authority | None:
        return load.related(info, Authority.model, self.authority_id, Authority.from_optional)

    @field("The provider the caller acts for, if any.")
    @load.relation
    def provider(self, info: Info) -> Provider | None:
        return load.related(info, Provider.model, self.provider_id, Provider.from_optional)

    @field("The integrated care board the caller acts for, if any.")
    @load.relation
    def integrated_care_board(self, info: Info) -> IntegratedCareBoard | None:
        return load.related(info, IntegratedCareBoard.model, self.board_id, IntegratedCareBoard.from_optional)


async def _resolve_node(info: Info, value: str) -> Node:
    type_name, pk = from_global_id(value)
    found = NODE_TYPES.get(type_name)
    if found is None:
        raise ClientError(f"id: '{value}' is not the ID of any object", code="NOT_FOUND", field="id")
    model, node_cls = found
    row = await load.one(info, model, pk)
    if row is None:
        raise ClientError(
            f"id: no {type_name} with this ID exists, or you may not see it", code="NOT_FOUND", field="id"
        )
    return node_cls.from_row(row)


IdArg = Annotated[strawberry.ID, strawberry.argument(description="A global ID.")]
IdsArg = Annotated[list[strawberry.ID], strawberry.argument(description="Global IDs, at most 100.")]


@strawberry.type(description="Read the purchasing system. Public procurement information needs no token.")
class Query(
    AnalyticsQueries,
    FundingQueries,
    InvoiceQueries,
    NotificationQueries,
    TermQueries,
    UpliftQueries,
    ReviewQueries,
    EndingQueries,
    WebhookQueries,
    ExclusionQueries,
    NoticeQueries,
):
    authorities = connection_field(
        Authority,
        f.AuthorityFilter,
        listings.authorities,
        description="Local authorities. Public.",
        access=public(),
    )
    purchasing_systems = connection_field(
        PurchasingSystem,
        f.PurchasingSystemFilter,
        listings.purchasing_systems,
        description="Purchasing systems with their lots, specifications and outcomes framework. Public.",
        access=public(),
    )
    outcome_measures = connection_field(
        OutcomeMeasure,
        f.OutcomeMeasureFilter,
        listings.outcome_measures,
        description="Measures of the outcomes frameworks. Public.",
        access=public(),
    )
    providers = connection_field(
        Provider,
        f.ProviderFilter,
        listings.providers,
        description="Providers' public profiles. Public.",
        access=public(),
    )
    establishments = connection_field(
        Establishment,
        f.EstablishmentFilter,
        listings.establishments,
        description="Establishments' public profiles. Public.",
        access=public(),
    )
    lot_memberships = connection_field(
        LotMembership,
        f.LotMembershipFilter,
        listings.lot_memberships,
        description="Lot members. Public; rate cards only for buyers and the member itself.",
        access=public(),
    )
    application_rounds = connection_field(
        ApplicationRound,
        f.ApplicationRoundFilter,
        listings.application_rounds,
        description="Application rounds with their lots and questions. Public.",
        access=public(),
    )
    bids = connection_field(
        Bid,
        f.BidFilter,
        listings.bids,
        description="Bids: a provider sees its own; the lead authority and auditors see all.",
        access=requires("bids:read", R.PROVIDER_USER, R.LEAD_ADMIN, R.EVALUATOR, R.AUDITOR),
    )
    referrals = connection_field(
        Referral,
        f.ReferralFilter,
        listings.referrals,
        description="Referrals: an authority sees its own; a provider those it is invited to.",
        access=requires("referrals:read", R.PROVIDER_USER, *BUYERS),
    )
    offers = connection_field(
        Offer,
        f.OfferFilter,
        listings.offers,
        description="Offers: a provider sees its own; an authority those against its referrals.",
        access=requires("offers:read", R.PROVIDER_USER, *BUYERS),
    )
    call_offs = connection_field(
        CallOff,
        f.CallOffFilter,
        listings.call_offs,
        description="Call-offs: an authority sees its own; a provider its own; the lead authority all.",
        access=requires("calloffs:read", R.PROVIDER_USER, *BUYERS),
    )
    outcome_reports = connection_field(
        OutcomeReport,
        f.OutcomeReportFilter,
        listings.outcome_reports,
        description="Outcome reports: the placing authority and the provider see them.",
        access=requires("reports:read", R.PROVIDER_USER, *BUYERS),
    )
    documents = connection_field(
        Document,
        f.DocumentFilter,
        listings.documents,
        description="Document metadata you may read.",
        access=requires("documents:read", *EVERY_ROLE),
    )
    audit_events = connection_field(
        AuditEvent,
        f.AuditEventFilter,
        listings.audit_events,
        description="The audit trail, oldest first.",
        access=requires("audit:read", R.AUDITOR, R.LEAD_ADMIN),
    )

    @strawberry.field(
        description=(
            "Applications to continuous-admission systems still undecided past their decision date, "
            "oldest first. The lead authority only."
        ),
        extensions=[requires("bids:read", R.LEAD_ADMIN)],
    )
    async def overdue_applications(
        self,
        info: Info,
        system: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this purchasing system's applications.")
        ] = None,
    ) -> list[OverdueApplication]:
        system_id = expect_id(system, "PurchasingSystem", field="system")
        rows = await info.context.run(evaluation.overdue_applications, system_id=system_id)
        return [OverdueApplication(bid=Bid.from_row(bid), due_at=due) for bid, due in rows]

    @strawberry.field(
        description=(
            "The kinds of document that can be attached to the record with this global ID, in the order of "
            "`DocumentType`; empty for a record that takes none. It depends only on the kind of record, never "
            "on the record itself, so it says nothing of whether one exists. Public."
        ),
        extensions=[public()],
    )
    def document_types(
        self, owner: Annotated[strawberry.ID, strawberry.argument(description="The record's global ID.")]
    ) -> list[DocumentType]:
        type_name, _ = from_global_id(owner, field="owner")
        return documents.types_for(type_name)

    @strawberry.field(description="The caller, as their access token describes them. Public.", extensions=[public()])
    def viewer(self, info: Info) -> Viewer:
        actor = info.context.actor
        return Viewer(
            subject=actor.subject,
            roles=sorted(actor.roles, key=lambda r: r.value),
            scopes=sorted(actor.scopes),
            authority_id=actor.authority_id,
            provider_id=actor.provider_id,
            board_id=actor.board_id,
        )

    @strawberry.field(
        description=(
            "Fetch any object by its global ID. An object that does not exist, or that you may not see, is null, "
            "with a NOT_FOUND error at `node`; the rest of the response stands."
        ),
        extensions=[public()],
    )
    async def node(self, info: Info, id: IdArg) -> Node | None:
        return await _resolve_node(info, id)

    @strawberry.field(
        description=(
            "Fetch objects by global ID, in the order given. Each one you may not see is an error at its index."
        ),
        extensions=[public()],
    )
    def nodes(self, info: Info, ids: IdsArg) -> list[Node | None]:
        if len(ids) > 100:
            raise ClientError("ids: at most 100 IDs at once", code="VALIDATION_ERROR", field="ids")
        # Awaitables, completed together so that the loaders batch them; an
        # error at one index leaves the others intact.
        return [_resolve_node(info, value) for value in ids]  # type: ignore[misc]
