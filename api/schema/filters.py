"""Filter inputs of the root lists. Every given filter must match.

Each input turns itself into keyword criteria for the matching function in
``api.domain.listings``; IDs are checked to be of the right type, and text
to be at most :data:`MAX_FILTER_TEXT` characters, before anything reaches the
database. A refusal is a ``VALIDATION_ERROR`` naming the field, e.g.
``filter.nameContains``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from api.resolvers.errors import ClientError
from api.resolvers.relay import expect_id, from_global_id
from api.schema.enums import (
    AuthorityRole,
    BidStatus,
    CallOffStatus,
    CallOffType,
    EstablishmentType,
    FundingSplitStatus,
    InvoiceStatus,
    MembershipStatus,
    NeedCode,
    OfferStatus,
    OutcomeDomain,
    OutcomeReportStatus,
    ProviderStatus,
    ReferralStatus,
    RoundStatus,
    SystemStatus,
    Term,
)


def _in(description: str) -> Any:
    return strawberry.field(description=description, default=None)


MAX_FILTER_TEXT = 200
"""The most characters a text filter takes: as long as the longest name it can match."""


def _id(value: strawberry.ID | None, type_name: str, name: str) -> int | None:
    return expect_id(value, type_name, field=f"filter.{name}")


def _text(value: str | None, name: str) -> str | None:
    """A text filter, refused when longer than :data:`MAX_FILTER_TEXT` characters."""
    if value is not None and len(value) > MAX_FILTER_TEXT:
        raise ClientError(
            f"filter.{name}: give at most {MAX_FILTER_TEXT} characters",
            code="VALIDATION_ERROR",
            field=f"filter.{name}",
        )
    return value


@strawberry.input(description="Filters for authorities.")
class AuthorityFilter:
    role: AuthorityRole | None = _in("Only authorities with this role.")
    active: bool | None = _in("Only active (true) or inactive (false) authorities.")

    def criteria(self) -> dict[str, Any]:
        return {"role": self.role, "active": self.active}


@strawberry.input(description="Filters for purchasing systems.")
class PurchasingSystemFilter:
    status: SystemStatus | None = _in("Only systems in this state.")

    def criteria(self) -> dict[str, Any]:
        return {"status": self.status}


@strawberry.input(description="Filters for providers.")
class ProviderFilter:
    status: ProviderStatus | None = _in("Only providers in this state.")
    name_contains: str | None = _in(
        f"Only providers whose legal name contains this text (any case); at most {MAX_FILTER_TEXT} characters."
    )

    def criteria(self) -> dict[str, Any]:
        return {"status": self.status, "name_contains": _text(self.name_contains, "nameContains")}


@strawberry.input(description="Filters for establishments.")
class EstablishmentFilter:
    need: NeedCode | None = _in("Only establishments catering for this need.")
    lot: strawberry.ID | None = _in("Only establishments an active member provides this lot through.")
    flagged: bool | None = _in(
        "True: only establishments flagged after an inspection that gave cause for concern; false: only those not "
        "flagged."
    )
    provider: strawberry.ID | None = _in("Only this provider's establishments.")
    type: EstablishmentType | None = _in("Only establishments of this type.")

    def criteria(self) -> dict[str, Any]:
        return {
            "need": self.need,
            "lot_id": _id(self.lot, "Lot", "lot"),
            "flagged": self.flagged,
            "provider_id": _id(self.provider, "Provider", "provider"),
            "type_code": self.type,
        }


@strawberry.input(description="Filters for lot memberships.")
class LotMembershipFilter:
    lot: strawberry.ID | None = _in("Only memberships of this lot.")
    provider: strawberry.ID | None = _in("Only this provider's memberships.")
    status: MembershipStatus | None = _in("Only memberships in this state.")

    def criteria(self) -> dict[str, Any]:
        return {
            "lot_id": _id(self.lot, "Lot", "lot"),
            "provider_id": _id(self.provider, "Provider", "provider"),
            "status": self.status,
        }


@strawberry.input(description="Filters for application rounds.")
class ApplicationRoundFilter:
    system: strawberry.ID | None = _in("Only rounds of this purchasing system.")
    status: RoundStatus | None = _in("Only rounds in this state now.")

    def criteria(self) -> dict[str, Any]:
        return {
            "system_id": _id(self.system, "PurchasingSystem", "system"),
            "status": self.status,
        }


@strawberry.input(description="Filters for bids.")
class BidFilter:
    round: strawberry.ID | None = _in("Only bids in this round.")
    provider: strawberry.ID | None = _in("Only this provider's bids.")
    status: BidStatus | None = _in("Only bids in this state.")

    def criteria(self) -> dict[str, Any]:
        return {
            "round_id": _id(self.round, "ApplicationRound", "round"),
            "provider_id": _id(self.provider, "Provider", "provider"),
            "status": self.status,
        }


@strawberry.input(description="Filters for referrals.")
class ReferralFilter:
    authority: strawberry.ID | None = _in("Only this authority's referrals.")
    lot: strawberry.ID | None = _in("Only referrals under this lot.")
    status: ReferralStatus | None = _in("Only referrals in this state now.")

    def criteria(self) -> dict[str, Any]:
        return {
            "authority_id": _id(self.authority, "Authority", "authority"),
            "lot_id": _id(self.lot, "Lot", "lot"),
            "status": self.status,
        }


@strawberry.input(description="Filters for offers.")
class OfferFilter:
    referral: strawberry.ID | None = _in("Only offers against this referral.")
    provider: strawberry.ID | None = _in("Only this provider's offers.")
    status: OfferStatus | None = _in("Only offers in this state.")

    def criteria(self) -> dict[str, Any]:
        return {
            "referral_id": _id(self.referral, "Referral", "referral"),
            "provider_id": _id(self.provider, "Provider", "provider"),
            "status": self.status,
        }


@strawberry.input(description="Filters for call-offs.")
class CallOffFilter:
    authority: strawberry.ID | None = _in("Only this authority's call-offs.")
    lot: strawberry.ID | None = _in("Only call-offs under this lot.")
    provider: strawberry.ID | None = _in("Only call-offs with this provider.")
    establishment: strawberry.ID | None = _in("Only placements at this establishment.")
    type: CallOffType | None = _in("Only call-offs of this type.")
    status: CallOffStatus | None = _in("Only call-offs in this state today.")
    start_from: dt.date | None = _in("Only call-offs starting on or after this date.")
    start_to: dt.date | None = _in("Only call-offs starting on or before this date.")

    def criteria(self) -> dict[str, Any]:
        return {
            "authority_id": _id(self.authority, "Authority", "authority"),
            "lot_id": _id(self.lot, "Lot", "lot"),
            "provider_id": _id(self.provider, "Provider", "provider"),
            "establishment_id": _id(self.establishment, "Establishment", "establishment"),
            "type": self.type,
            "status": self.status,
            "start_from": self.start_from,
            "start_to": self.start_to,
        }


@strawberry.input(description="Filters for integrated care boards.")
class IntegratedCareBoardFilter:
    active: bool | None = _in("Only active (true) or inactive (false) boards.")

    def criteria(self) -> dict[str, Any]:
        return {"active": self.active}


@strawberry.input(description="Filters for funding splits.")
class FundingSplitFilter:
    call_off: strawberry.ID | None = _in("Only this call-off's splits.")
    status: FundingSplitStatus | None = _in("Only splits in this state.")
    current: bool | None = _in(
        "Only splits in force today or to come (true), or only those a later split has replaced (false)."
    )
    yours_to_agree: bool | None = _in(
        "Only splits with a contribution waiting for you (true): your funder's, or, as the placing authority's "
        "commissioner, any funder's."
    )

    def criteria(self) -> dict[str, Any]:
        return {
            "call_off_id": _id(self.call_off, "CallOff", "callOff"),
            "status": self.status,
            "current": self.current,
            "yours_to_agree": self.yours_to_agree,
        }


@strawberry.input(description="Filters for fee-uplift requests.")
class UpliftRequestFilter:
    establishment: strawberry.ID | None = _in("Only requests about this establishment.")
    lot: strawberry.ID | None = _in("Only requests under this lot.")
    provider: strawberry.ID | None = _in("Only this provider's requests.")
    yours_to_decide: bool | None = _in(
        "Only requests your authority has yet to decide and no regional decision settles (true), or the others."
    )

    def criteria(self) -> dict[str, Any]:
        return {
            "establishment_id": _id(self.establishment, "Establishment", "establishment"),
            "lot_id": _id(self.lot, "Lot", "lot"),
            "provider_id": _id(self.provider, "Provider", "provider"),
            "yours_to_decide": self.yours_to_decide,
        }


@strawberry.input(description="Filters for invoices.")
class InvoiceFilter:
    call_off: strawberry.ID | None = _in("Only this placement's invoices.")
    status: InvoiceStatus | None = _in("Only invoices in this state.")
    overdue: bool | None = _in("Only invoices past due and not paid nor disputed (true), or only the others (false).")
    paid_late: bool | None = _in("Only invoices paid after the day they were due (true), or only the others (false).")

    def criteria(self) -> dict[str, Any]:
        return {
            "call_off_id": _id(self.call_off, "CallOff", "callOff"),
            "status": self.status,
            "overdue": self.overdue,
            "paid_late": self.paid_late,
        }


@strawberry.input(description="Filters for outcome reports.")
class OutcomeReportFilter:
    call_off: strawberry.ID | None = _in("Only reports for this call-off.")
    status: OutcomeReportStatus | None = _in("Only reports in this state.")
    academic_year: int | None = _in("Only reports for this academic year (its starting year).")
    term: Term | None = _in("Only reports for this term.")
    overdue: bool | None = _in(
        "Only reports past their due time and never submitted (true), or only the others (false)."
    )

    def criteria(self) -> dict[str, Any]:
        return {
            "call_off_id": _id(self.call_off, "CallOff", "callOff"),
            "status": self.status,
            "academic_year": self.academic_year,
            "term": self.term,
            "overdue": self.overdue,
        }


@strawberry.input(description="Filters for outcome measures.")
class OutcomeMeasureFilter:
    system: strawberry.ID | None = _in("Only measures of this purchasing system's framework.")
    domain: OutcomeDomain | None = _in("Only measures in this area.")
    include_retired: bool = strawberry.field(default=False, description="Include retired measures.")

    def criteria(self) -> dict[str, Any]:
        return {
            "system_id": _id(self.system, "PurchasingSystem", "system"),
            "domain": self.domain,
            "include_retired": self.include_retired,
        }


@strawberry.input(description="Filters for documents.")
class DocumentFilter:
    owner: strawberry.ID | None = _in("Only documents owned by this object.")

    def criteria(self) -> dict[str, Any]:
        if self.owner is None:
            return {}
        owner_type, owner_id = from_global_id(self.owner, field="filter.owner")
        return {"owner_type": owner_type, "owner_id": owner_id}


@strawberry.input(description="Filters for audit events.")
class AuditEventFilter:
    entity: strawberry.ID | None = _in("Only events about this object.")

    def criteria(self) -> dict[str, Any]:
        if self.entity is None:
            return {}
        entity_type, entity_id = from_global_id(self.entity, field="filter.entity")
        return {"entity_type": entity_type, "entity_id": entity_id}
