"""Filtered, tenancy-scoped list queries, one per listable entity.

Each returns a ``Select`` that :func:`api.domain.queries.keyset_page` pages.
A filter left as ``None`` does not restrict.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, and_, exists, select

from api.auth.actor import Actor
from api.domain import funding, uplifts
from api.domain import invoices as invoice_rules
from api.domain import status as st
from api.domain.queries import scoped
from db import models as m
from db.enums import (
    AuthorityRole,
    CallOffType,
    EstablishmentType,
    FundingSplitStatus,
    InvoiceStatus,
    NeedCode,
    OutcomeDomain,
    ProviderStatus,
    Term,
)


def _where(stmt: Select[Any], *conditions: Any) -> Select[Any]:
    kept = [c for c in conditions if c is not None]
    return stmt.where(*kept) if kept else stmt


def _eq(column: Any, value: Any) -> Any:
    return None if value is None else column == value


def authorities(
    actor: Actor, *, now: dt.datetime, role: AuthorityRole | None = None, active: bool | None = None
) -> Select[Any]:
    t = m.Authority
    return _where(scoped(t, actor, now), _eq(t.role, role), _eq(t.active, active))


def purchasing_systems(actor: Actor, *, now: dt.datetime, status: st.SystemStatus | None = None) -> Select[Any]:
    return _where(scoped(m.PurchasingSystem, actor, now), status and st.system_is(status))


def providers(
    actor: Actor, *, now: dt.datetime, status: ProviderStatus | None = None, name_contains: str | None = None
) -> Select[Any]:
    t = m.Provider
    return _where(
        scoped(t, actor, now),
        _eq(t.status, status),
        t.legal_name.ilike(f"%{name_contains}%") if name_contains else None,
    )


def establishments(
    actor: Actor,
    *,
    now: dt.datetime,
    need: NeedCode | None = None,
    lot_id: int | None = None,
    flagged: bool | None = None,
    provider_id: int | None = None,
    type_code: EstablishmentType | None = None,
) -> Select[Any]:
    t = m.Establishment
    caters = None
    if need is not None:
        caters = exists().where(
            and_(m.EstablishmentNeed.establishment_id == t.id, m.EstablishmentNeed.need_code == need)
        )
    member = None
    if lot_id is not None:
        member = t.id.in_(
            select(m.MembershipEstablishment.establishment_id)
            .join(m.LotMembership, m.LotMembership.id == m.MembershipEstablishment.membership_id)
            .where(
                m.LotMembership.lot_id == lot_id,
                st.membership_is(st.MembershipStatus.ACTIVE, now.date()),
            )
        )
    return _where(
        scoped(t, actor, now),
        caters,
        member,
        None if flagged is None else t.concern_since.is_not(None) if flagged else t.concern_since.is_(None),
        _eq(t.provider_id, provider_id),
        _eq(t.type_code, type_code),
    )


def lot_memberships(
    actor: Actor,
    *,
    now: dt.datetime,
    lot_id: int | None = None,
    provider_id: int | None = None,
    status: st.MembershipStatus | None = None,
) -> Select[Any]:
    t = m.LotMembership
    return _where(
        scoped(t, actor, now),
        _eq(t.lot_id, lot_id),
        _eq(t.provider_id, provider_id),
        status and st.membership_is(status, now.date()),
    )


def application_rounds(
    actor: Actor,
    *,
    now: dt.datetime,
    system_id: int | None = None,
    status: st.RoundStatus | None = None,
) -> Select[Any]:
    t = m.ApplicationRound
    return _where(scoped(t, actor, now), _eq(t.system_id, system_id), status and st.round_is(status, now))


def bids(
    actor: Actor,
    *,
    now: dt.datetime,
    round_id: int | None = None,
    provider_id: int | None = None,
    status: st.BidStatus | None = None,
) -> Select[Any]:
    t = m.Bid
    return _where(
        scoped(t, actor, now), _eq(t.round_id, round_id), _eq(t.provider_id, provider_id), status and st.bid_is(status)
    )


def referrals(
    actor: Actor,
    *,
    now: dt.datetime,
    authority_id: int | None = None,
    lot_id: int | None = None,
    status: st.ReferralStatus | None = None,
) -> Select[Any]:
    t = m.Referral
    return _where(
        scoped(t, actor, now),
        _eq(t.authority_id, authority_id),
        _eq(t.lot_id, lot_id),
        status and st.referral_is(status, now),
    )


def offers(
    actor: Actor,
    *,
    now: dt.datetime,
    referral_id: int | None = None,
    provider_id: int | None = None,
    status: st.OfferStatus | None = None,
) -> Select[Any]:
    t = m.Offer
    return _where(
        scoped(t, actor, now),
        _eq(t.referral_id, referral_id),
        _eq(t.provider_id, provider_id),
        status and st.offer_is(status),
    )


def call_offs(
    actor: Actor,
    *,
    now: dt.datetime,
    authority_id: int | None = None,
    lot_id: int | None = None,
    provider_id: int | None = None,
    establishment_id: int | None = None,
    type: CallOffType | None = None,
    status: st.CallOffStatus | None = None,
    start_from: dt.date | None = None,
    start_to: dt.date | None = None,
) -> Select[Any]:
    t = m.CallOff
    return _where(
        scoped(t, actor, now),
        _eq(t.authority_id, authority_id),
        _eq(t.lot_id, lot_id),
        _eq(t.provider_id, provider_id),
        _eq(t.establishment_id, establishment_id),
        _eq(t.type, type),
        status and st.call_off_is(status, now.date()),
        None if start_from is None else t.start_date >= start_from,
        None if start_to is None else t.start_date <= start_to,
    )


def outcome_reports(
    actor: Actor,
    *,
    now: dt.datetime,
    call_off_id: int | None = None,
    status: st.OutcomeReportStatus | None = None,
    academic_year: int | None = None,
    term: Term | None = None,
    overdue: bool | None = None,
) -> Select[Any]:
    t = m.OutcomeReport
    return _where(
        scoped(t, actor, now),
        _eq(t.call_off_id, call_off_id),
        status and st.report_is(status),
        _eq(t.academic_year, academic_year),
        _eq(t.term, term),
        None if overdue is None else st.report_overdue_is(overdue, now),
    )


def outcome_measures(
    actor: Actor,
    *,
    now: dt.datetime,
    system_id: int | None = None,
    domain: OutcomeDomain | None = None,
    include_retired: bool = False,
) -> Select[Any]:
    t = m.OutcomeMeasure
    return _where(
        scoped(t, actor, now),
        _eq(t.system_id, system_id),
        _eq(t.domain, domain),
        None if include_retired else t.retired_at.is_(None),
    )


def documents(
    actor: Actor, *, now: dt.datetime, owner_type: str | None = None, owner_id: int | None = None
) -> Select[Any]:
    t = m.Document
    return _where(scoped(t, actor, now), _eq(t.owner_type, owner_type), _eq(t.owner_id, owner_id))


def audit_events(
    actor: Actor, *, now: dt.datetime, entity_type: str | None = None, entity_id: int | None = None
) -> Select[Any]:
    t = m.AuditEvent
    return _where(scoped(t, actor, now), _eq(t.entity_type, entity_type), _eq(t.entity_id, entity_id))


def integrated_care_boards(actor: Actor, *, now: dt.datetime, active: bool | None = None) -> Select[Any]:
    t = m.IntegratedCareBoard
    return _where(scoped(t, actor, now), _eq(t.active, active))


def funding_splits(
    actor: Actor,
    *,
    now: dt.datetime,
    call_off_id: int | None = None,
    status: FundingSplitStatus | None = None,
    current: bool | None = None,
    yours_to_agree: bool | None = None,
) -> Select[Any]:
    t = m.FundingSplit
    pending = funding.pending()
    in_force = funding.current(now.date())
    return _where(
        scoped(t, actor, now),
        _eq(t.call_off_id, call_off_id),
        None if status is None else (pending if status is FundingSplitStatus.PENDING else ~pending),
        None if current is None else (in_force if current else ~in_force),
        None
        if yours_to_agree is None
        else (funding.for_actor_to_agree(actor) if yours_to_agree else ~funding.for_actor_to_agree(actor)),
    )


def invoices(
    actor: Actor,
    *,
    now: dt.datetime,
    call_off_id: int | None = None,
    status: InvoiceStatus | None = None,
    overdue: bool | None = None,
    paid_late: bool | None = None,
) -> Select[Any]:
    t = m.Invoice
    late = invoice_rules.overdue(now.date())
    paid_after = invoice_rules.paid_late()
    return _where(
        scoped(t, actor, now),
        _eq(t.call_off_id, call_off_id),
        status and invoice_rules.status_is(status),
        None if overdue is None else (late if overdue else ~late),
        None if paid_late is None else (paid_after if paid_late else ~paid_after),
    )


def uplift_requests(
    actor: Actor,
    *,
    now: dt.datetime,
    establishment_id: int | None = None,
    lot_id: int | None = None,
    provider_id: int | None = None,
    yours_to_decide: bool | None = None,
) -> Select[Any]:
    t = m.UpliftRequest
    undecided = uplifts.yours_to_decide(actor)
    return _where(
        scoped(t, actor, now),
        _eq(t.establishment_id, establishment_id),
        _eq(t.lot_id, lot_id),
        _eq(t.provider_id, provider_id),
        None if yours_to_decide is None else (undecided if yours_to_decide else ~undecided),
    )
