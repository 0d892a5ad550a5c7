"""Tenancy: which rows an actor may see, as SQL conditions.

Every read in the domain goes through :func:`visible`, so a provider never
sees another provider's bids or prices, and an authority sees only its own
children's referrals, placements and reports. Public procurement information
is visible to everyone, without a token.

A mini-competition is the referring authority's: an invited provider reads its
own invitation (the ``ReferralInvitation`` rule) and its own offers (the
``Offer`` rule) and nothing derived from the others, so no path (``invitations``,
``invitedProviders``, ``offers``, the ``offers`` list, ``node``/``nodes``, counts,
rankings) tells it who else was invited or offered, how many, or at what price.
Columns of a row a provider does read that belong to the buying side (who
awarded a call-off, and why) are declared in :data:`BUYERS_ONLY`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true

from api.auth.actor import AUTHORITY_ROLES, Actor, Role
from db import models as m
from db.enums import AdmissionMode, DescribedEnum

Rule = Callable[[Actor, dt.datetime], ColumnElement[bool]]


def _public(_actor: Actor, _now: dt.datetime) -> ColumnElement[bool]:
    return true()


def _auditor(actor: Actor) -> bool:
    return actor.has_role(Role.AUDITOR)


def _by_tenant(authority_col: Any, provider_col: Any, *, lead_admin_sees_all: bool, finance: bool = False) -> Rule:
    """Rows owned by an authority and a provider: each side sees its own (an authority's finance users too, where
    ``finance``: the contracts and money, never a child's referral or reports)."""
    roles = (*AUTHORITY_ROLES, Role.LEAD_ADMIN, *((Role.AUTHORITY_FINANCE,) if finance else ()))

    def rule(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
        if _auditor(actor) or (lead_admin_sees_all and actor.has_role(Role.LEAD_ADMIN)):
            return true()
        conditions = []
        if actor.has_role(*roles) and actor.authority_id is not None:
            conditions.append(authority_col == actor.authority_id)
        if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
            conditions.append(provider_col == actor.provider_id)
        return _any(conditions)

    return rule


def _any(conditions: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    if not conditions:
        return false()
    return conditions[0] if len(conditions) == 1 else or_(*conditions)


_parties = _by_tenant(m.CallOff.authority_id, m.CallOff.provider_id, lead_admin_sees_all=True, finance=True)
# Invoices: the provider that sent them, the placing authority's people (its finance users among them)
_invoice = _by_tenant(m.Invoice.authority_id, m.Invoice.provider_id, lead_admin_sees_all=True, finance=True)


def _call_off(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """Contracts: the placing authority and the provider see their own, the lead authority every call-off (as it
    publishes them), and a funder (an integrated care board, another authority) the call-offs it is named in a
    funding split of: the contract it pays towards, never the referral behind it nor its outcome reports."""
    # what a funder reads tells who pays: only with the scope that reads funding
    funded = _funded_call_offs(actor) if actor.has_scope("funding:read") else None
    parties = _parties(actor, now)
    return parties if funded is None else _any([parties, m.CallOff.id.in_(funded)])


def _funded_call_offs(actor: Actor) -> Any:
    """The call-offs ``actor``'s organisation is named a funder of, as a subquery; None for other roles."""
    c, s = m.FundingContribution, m.FundingSplit
    if actor.has_role(Role.ICB_COMMISSIONER) and actor.board_id is not None:
        funder = c.integrated_care_board_id == actor.board_id
    elif actor.has_role(*AUTHORITY_ROLES) and actor.authority_id is not None:
        funder = c.authority_id == actor.authority_id
    else:
        return None
    return select(s.call_off_id).join(c, c.split_id == s.id).where(funder)


# Reports about a child: only the placing authority and the provider.
_placement = _by_tenant(m.CallOff.authority_id, m.CallOff.provider_id, lead_admin_sees_all=False)


def _call_off_child(column: Any, parent_rule: Rule) -> Rule:
    """Rows hanging off a call-off: visible where the call-off is."""

    def rule(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
        return column.in_(select(m.CallOff.id).where(parent_rule(actor, now)))

    return rule


_report = _call_off_child(m.OutcomeReport.call_off_id, _placement)
# EHC plan annual reviews: about the child too, so the placing authority (the lead authority for its own) and the
# provider, as outcome reports; the decision note is the buying side's (BUYERS_ONLY)
_review = _call_off_child(m.AnnualReview.call_off_id, _placement)


def _specification(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    if _auditor(actor) or actor.has_role(Role.LEAD_ADMIN):
        return true()
    return m.Specification.published_at.is_not(None)


def _unsealed(now: dt.datetime) -> ColumnElement[bool]:
    """Bids whose round's deadline has passed; in continuous admission, where there is
    no deadline to seal them against, applications once submitted."""
    closed = select(m.ApplicationRound.id).where(m.ApplicationRound.closes_at <= now)
    continuous = (
        select(m.ApplicationRound.id)
        .join(m.PurchasingSystem, m.PurchasingSystem.id == m.ApplicationRound.system_id)
        .where(m.PurchasingSystem.admission_mode == AdmissionMode.CONTINUOUS)
    )
    return or_(m.Bid.round_id.in_(closed), and_(m.Bid.round_id.in_(continuous), m.Bid.submitted_at.is_not(None)))


def _bid(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """Bids are sealed: until the round closes only the bidding provider sees its bid.

    After the deadline the lead authority and auditors see every bid of the
    round, and the round's assigned evaluators its submitted bids.
    """
    conditions = []
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
        conditions.append(m.Bid.provider_id == actor.provider_id)
    if _auditor(actor) or actor.has_role(Role.LEAD_ADMIN):
        conditions.append(_unsealed(now))
    if actor.has_role(Role.EVALUATOR) and actor.subject is not None:
        assigned = select(m.RoundEvaluator.round_id).where(m.RoundEvaluator.evaluator_ref == actor.subject)
        conditions.append(
            and_(
                m.Bid.round_id.in_(assigned),
                _unsealed(now),
                m.Bid.submitted_at.is_not(None),
                m.Bid.withdrawn_at.is_(None),
            )
        )
    return _any(conditions)


def _bid_child(column: Any) -> Rule:
    def rule(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
        return column.in_(select(m.Bid.id).where(_bid(actor, now)))

    return rule


def _bid_lot_child(column: Any) -> Rule:
    def rule(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
        return column.in_(select(m.BidLot.id).join(m.Bid, m.Bid.id == m.BidLot.bid_id).where(_bid(actor, now)))

    return rule


def _decisions_published() -> Any:
    """Ids of bid lots whose decision the bidder may see: decided, and published with the rest of the
    round's when it entered standstill (in continuous admission, each decision on its own).

    The SQL twin of :func:`api.domain.evaluation.decision_published`.
    """
    bl, bid, rnd, system = m.BidLot, m.Bid, m.ApplicationRound, m.PurchasingSystem
    return (
        select(bl.id)
        .join(bid, bid.id == bl.bid_id)
        .join(rnd, rnd.id == bid.round_id)
        .join(system, system.id == rnd.system_id)
        .where(
            bl.decided_at.is_not(None),
            or_(system.admission_mode == AdmissionMode.CONTINUOUS, rnd.decisions_issued_at.is_not(None)),
        )
    )


def _moderation(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """A bid lot's moderated result: to buyers who may read the bid, and to the bidder once its decision is
    published, never before (whatever path reaches it: the bid lot, ``node`` or ``nodes``)."""
    lots = select(m.BidLot.id).join(m.Bid, m.Bid.id == m.BidLot.bid_id).where(_bid(actor, now))
    if not (_auditor(actor) or actor.has_role(Role.LEAD_ADMIN, Role.EVALUATOR)):
        lots = lots.where(m.BidLot.id.in_(_decisions_published()))
    return m.Moderation.bid_lot_id.in_(lots)


def _evaluation(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    if _auditor(actor) or actor.has_role(Role.LEAD_ADMIN):
        return true()
    if actor.has_role(Role.EVALUATOR) and actor.subject is not None:
        return m.Evaluation.evaluator_ref == actor.subject
    return false()


def _rate_card(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    if _auditor(actor) or actor.has_role(Role.LEAD_ADMIN, *AUTHORITY_ROLES):
        return true()
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
        return m.RateCardLine.membership_id.in_(
            select(m.LotMembership.id).where(m.LotMembership.provider_id == actor.provider_id)
        )
    return false()


def _referral(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    if _auditor(actor):
        return true()
    conditions = []
    if actor.has_role(*AUTHORITY_ROLES, Role.LEAD_ADMIN) and actor.authority_id is not None:
        conditions.append(m.Referral.authority_id == actor.authority_id)
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
        invited = exists().where(
            and_(
                m.ReferralInvitation.referral_id == m.Referral.id,
                m.ReferralInvitation.provider_id == actor.provider_id,
            )
        )
        conditions.append(and_(m.Referral.opened_at.is_not(None), invited))
    return _any(conditions)


def _invitation(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """Who was invited to offer: the referring authority (and auditors) see every invitation; an invited
    provider sees its own only, never its competitors."""
    i = m.ReferralInvitation
    if _auditor(actor):
        return true()
    conditions = []
    if actor.has_role(*AUTHORITY_ROLES, Role.LEAD_ADMIN) and actor.authority_id is not None:
        conditions.append(i.referral_id.in_(select(m.Referral.id).where(m.Referral.authority_id == actor.authority_id)))
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
        opened = select(m.Referral.id).where(m.Referral.opened_at.is_not(None))
        conditions.append(and_(i.provider_id == actor.provider_id, i.referral_id.in_(opened)))
    return _any(conditions)


def _offer(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    if _auditor(actor):
        return true()
    conditions = []
    if actor.has_role(*AUTHORITY_ROLES, Role.LEAD_ADMIN) and actor.authority_id is not None:
        conditions.append(
            m.Offer.referral_id.in_(select(m.Referral.id).where(m.Referral.authority_id == actor.authority_id))
        )
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
        conditions.append(m.Offer.provider_id == actor.provider_id)
    return _any(conditions)


def _bids_open_to_buyers(actor: Actor, now: dt.datetime) -> Any:
    """Ids of bids whose documents ``actor`` may read as a buyer: submitted and unsealed (:func:`_unsealed`: the
    round closed, or in continuous admission once submitted), for an evaluator only in rounds assigned to them."""
    bids = select(m.Bid.id).where(_unsealed(now), m.Bid.submitted_at.is_not(None))
    if not (_auditor(actor) or actor.has_role(Role.LEAD_ADMIN)):
        if not (actor.has_role(Role.EVALUATOR) and actor.subject is not None):
            return None
        assigned = select(m.RoundEvaluator.round_id).where(m.RoundEvaluator.evaluator_ref == actor.subject)
        bids = bids.where(m.Bid.round_id.in_(assigned))
    return bids


DOCUMENTS_SCOPE = "documents:read"
"""Documents other than published specifications' need it, besides the right to read their owner."""


def _document(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """Documents follow their owner, and bid documents stay sealed until the round closes.

    Specifications' documents are public once published; the rest need a
    reader of the owning record: the provider for its own bids, offers,
    reports and profile; the placing authority for its call-offs and reports;
    buyers for providers' documents and offers against their referrals.
    """
    d = m.Document
    provider = actor.provider_id if actor.has_role(Role.PROVIDER_USER) else None

    def owned(owner_type: str, ids: Any) -> ColumnElement[bool]:
        return and_(d.owner_type == owner_type, d.owner_id.in_(ids))

    published = select(m.Specification.id).where(m.Specification.published_at.is_not(None))
    if not actor.has_scope(DOCUMENTS_SCOPE):
        return owned("Specification", published)
    conditions: list[ColumnElement[bool]] = [owned("Specification", published)]
    if _auditor(actor) or actor.has_role(Role.LEAD_ADMIN):
        conditions.append(d.owner_type == "Specification")
    if provider is not None:
        conditions += [
            owned("Bid", select(m.Bid.id).where(m.Bid.provider_id == provider)),
            and_(d.owner_type == "Provider", d.owner_id == provider),
        ]
    buyer_bids = _bids_open_to_buyers(actor, now)
    if buyer_bids is not None:
        conditions.append(owned("Bid", buyer_bids))
        conditions.append(owned("BidLot", select(m.BidLot.id).where(m.BidLot.bid_id.in_(buyer_bids))))
    if _auditor(actor) or actor.has_role(Role.LEAD_ADMIN, Role.EVALUATOR, *AUTHORITY_ROLES):
        conditions.append(d.owner_type == "Provider")
    conditions += [
        owned("Offer", select(m.Offer.id).where(_offer(actor, now))),
        owned("CallOff", select(m.CallOff.id).where(_placement(actor, now))),
        owned("Invoice", select(m.Invoice.id).where(_invoice(actor, now))),
        owned("UpliftRequest", select(m.UpliftRequest.id).where(_uplift_request(actor, now))),
        owned(
            "OutcomeReport",
            select(m.OutcomeReport.id).where(_report(actor, now)),
        ),
        owned("AnnualReview", select(m.AnnualReview.id).where(_review(actor, now))),
    ]
    return _any([c for c in conditions if c is not None])


def _funding_split(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """Who pays for a placement: the placing authority's people, each funder's people (another authority's, an
    integrated care board's) for the splits they are named in, the lead authority and auditors. Never a
    provider: it is paid by the placing authority, however the cost is shared behind it."""
    if _auditor(actor) or actor.has_role(Role.LEAD_ADMIN):
        return true()
    c, s = m.FundingContribution, m.FundingSplit
    conditions = []
    if actor.has_role(*AUTHORITY_ROLES, Role.AUTHORITY_FINANCE) and actor.authority_id is not None:
        placing = select(m.CallOff.id).where(m.CallOff.authority_id == actor.authority_id)
        conditions.append(s.call_off_id.in_(placing))
        conditions.append(exists().where(c.split_id == s.id, c.authority_id == actor.authority_id))
    if actor.has_role(Role.ICB_COMMISSIONER) and actor.board_id is not None:
        conditions.append(exists().where(c.split_id == s.id, c.integrated_care_board_id == actor.board_id))
    return _any(conditions)


def _funding_readers(actor: Actor) -> ColumnElement[bool]:
    """Who pays what of an invoice is for the buying side, never the provider."""
    return false() if actor.has_role(Role.PROVIDER_USER) else true()


def _uplift_request(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """Fee-uplift requests: the provider's own; every one for the buying side, so that each authority sees how
    the others decided on the same establishment."""
    if buying_side(actor):
        return true()
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
        return m.UpliftRequest.provider_id == actor.provider_id
    return false()


def _round_evaluator(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    if _auditor(actor) or actor.has_role(Role.LEAD_ADMIN):
        return true()
    if actor.has_role(Role.EVALUATOR) and actor.subject is not None:
        return m.RoundEvaluator.evaluator_ref == actor.subject
    return false()


AUDIT_SCOPE = "audit:read"
"""The scope a token needs to read the trail beyond a provider's own establishments."""

AUDITED: dict[str, type] = {
    "Authority": m.Authority,
    "PurchasingSystem": m.PurchasingSystem,
    "Lot": m.Lot,
    "Specification": m.Specification,
    "OutcomeMeasure": m.OutcomeMeasure,
    "Provider": m.Provider,
    "Establishment": m.Establishment,
    "ApplicationRound": m.ApplicationRound,
    "RoundClarification": m.RoundClarification,
    "LotMembership": m.LotMembership,
    "Bid": m.Bid,
    "BidLot": m.BidLot,
    "Referral": m.Referral,
    "Offer": m.Offer,
    "CallOff": m.CallOff,
    "OutcomeReport": m.OutcomeReport,
    "AnnualReview": m.AnnualReview,
    "Invoice": m.Invoice,
    "UpliftRequest": m.UpliftRequest,
    "Document": m.Document,
    "ProcurementNotice": m.ProcurementNotice,
}
"""The entities audit events describe (``entity_type``), each read under its own model's rule."""

ACCOUNTS = "User"
"""Events about user accounts: who they are and for whom, never a secret; for those who administer them."""

_TRUE, _FALSE = type(true()), type(false())


def _audit(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """An event is read only where the entity it describes is, under that entity's own rule.

    Who reads the trail at all: auditors and the lead authority (with ``audit:read``), each the events
    about what they may read directly (so a sealed bid's history stays sealed until the round closes, and
    another council's referrals and offers stay with that council); the lead authority and auditors also
    read account events. A provider reads the history of its own establishments. Anyone else reads none.
    An event about an entity type not listed in :data:`AUDITED` is read by nobody.
    """
    e = m.AuditEvent
    conditions: list[ColumnElement[bool]] = []
    if actor.has_role(Role.AUDITOR, Role.LEAD_ADMIN) and actor.has_scope(AUDIT_SCOPE):
        whole = [ACCOUNTS]
        for name, model in AUDITED.items():
            rule = visible(model, actor, now)
            if isinstance(rule, _TRUE):
                whole.append(name)
            elif not isinstance(rule, _FALSE):
                conditions.append(and_(e.entity_type == name, e.entity_id.in_(select(model.id).where(rule))))
        conditions.append(e.entity_type.in_(whole))
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
        own = select(m.Establishment.id).where(m.Establishment.provider_id == actor.provider_id)
        conditions.append(and_(e.entity_type == "Establishment", e.entity_id.in_(own)))
    return _any(conditions)


def _clarification(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """Answered questions are published to all; the lead authority, auditors and the asker see unanswered ones."""
    if _auditor(actor) or actor.has_role(Role.LEAD_ADMIN):
        return true()
    conditions = [m.RoundClarification.answered_at.is_not(None)]
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
        conditions.append(m.RoundClarification.provider_id == actor.provider_id)
    return _any(conditions)


def _webhook_endpoint(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """An organisation's own endpoints, for those who manage them: its commissioners, or a provider's
    administrators (signed in as themselves); nobody else, auditors and the lead authority included."""
    w, u = m.WebhookEndpoint, m.User
    conditions = []
    if actor.has_role(Role.AUTHORITY_COMMISSIONER) and actor.authority_id is not None:
        conditions.append(w.authority_id == actor.authority_id)
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None and actor.subject is not None:
        administrator = exists().where(
            u.username == actor.subject, u.provider_id == actor.provider_id, u.is_provider_admin, u.active
        )
        conditions.append(and_(w.provider_id == actor.provider_id, administrator))
    return _any(conditions)


def _procurement_notice(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """A Procurement Act notice: where its system is, and where it names a referral or a call-off, where those are
    too (each under its own rule and scope). Auditors read every notice."""
    n = m.ProcurementNotice
    if _auditor(actor):
        return true()
    conditions = []
    for column, model in (
        (n.system_id, m.PurchasingSystem),
        (n.referral_id, m.Referral),
        (n.call_off_id, m.CallOff),
    ):
        rule = visible(model, actor, now)
        if isinstance(rule, _TRUE):
            continue
        named = None if column is n.system_id else column.is_(None)
        seen = None if isinstance(rule, _FALSE) else column.in_(select(model.id).where(rule))  # type: ignore[attr-defined]
        either = [c for c in (named, seen) if c is not None]
        conditions.append(or_(*either) if len(either) > 1 else either[0] if either else false())
    return and_(*conditions) if conditions else true()


RULES: dict[type, Rule] = {
    m.Authority: _public,
    m.PurchasingSystem: _public,
    m.SystemMember: _public,
    m.Lot: _public,
    m.Specification: _specification,
    m.OutcomeMeasure: _public,
    m.Provider: _public,
    m.ProviderIdentifier: _public,
    m.Establishment: _public,
    m.EstablishmentNeed: _public,
    m.Inspection: _public,
    m.InspectionJudgement: _public,
    m.ApplicationRound: _public,
    m.RoundLot: _public,
    m.RoundQuestion: _public,
    m.RoundEvaluator: _round_evaluator,
    m.LotMembership: _public,
    m.MembershipEstablishment: _public,
    m.RateCardLine: _rate_card,
    m.Bid: _bid,
    m.BidLot: _bid_child(m.BidLot.bid_id),
    m.BidAnswer: _bid_child(m.BidAnswer.bid_id),
    m.BidLotEstablishment: _bid_lot_child(m.BidLotEstablishment.bid_lot_id),
    m.PricingLine: _bid_lot_child(m.PricingLine.bid_lot_id),
    m.Evaluation: _evaluation,
    m.Moderation: _moderation,
    m.ModeratedScore: lambda actor, now: m.ModeratedScore.moderation_id.in_(
        select(m.Moderation.id).where(_moderation(actor, now))
    ),
    m.CriterionScore: lambda actor, now: m.CriterionScore.evaluation_id.in_(
        select(m.Evaluation.id).where(_evaluation(actor, now))
    ),
    m.Referral: _referral,
    m.ReferralInvitation: _invitation,
    m.Offer: _offer,
    m.CallOff: _call_off,
    m.FeeAmendment: _call_off_child(m.FeeAmendment.call_off_id, _call_off),
    m.IntegratedCareBoard: _public,
    m.FundingSplit: _funding_split,
    m.FundingContribution: lambda actor, now: m.FundingContribution.split_id.in_(
        select(m.FundingSplit.id).where(_funding_split(actor, now))
    ),
    m.Invoice: _invoice,
    m.InvoiceLine: lambda actor, now: m.InvoiceLine.invoice_id.in_(select(m.Invoice.id).where(_invoice(actor, now))),
    m.InvoiceShare: lambda actor, now: m.InvoiceShare.invoice_id.in_(
        select(m.Invoice.id).where(_invoice(actor, now), _funding_readers(actor))
    ),
    m.UpliftRequest: _uplift_request,
    m.UpliftDecision: lambda actor, now: m.UpliftDecision.request_id.in_(
        select(m.UpliftRequest.id).where(_uplift_request(actor, now))
    ),
    m.UpliftRequestCallOff: lambda actor, now: m.UpliftRequestCallOff.request_id.in_(
        select(m.UpliftRequest.id).where(_uplift_request(actor, now))
    ),
    m.OutcomeReport: _report,
    m.OutcomeValue: lambda actor, now: m.OutcomeValue.report_id.in_(
        select(m.OutcomeReport.id).where(_report(actor, now))
    ),
    m.OutcomeReportQuery: lambda actor, now: m.OutcomeReportQuery.report_id.in_(
        select(m.OutcomeReport.id).where(_report(actor, now))
    ),
    m.AnnualReview: _review,
    m.Document: _document,
    m.AuditEvent: _audit,
    m.RoundClarification: _clarification,
    m.RoundScheduleChange: _public,
    m.WebhookEndpoint: _webhook_endpoint,
    m.ProcurementNotice: _procurement_notice,
    m.WebhookDelivery: lambda actor, now: m.WebhookDelivery.endpoint_id.in_(
        select(m.WebhookEndpoint.id).where(_webhook_endpoint(actor, now))
    ),
}


READ_SCOPES: dict[type, str] = {
    **dict.fromkeys(
        (
            m.Bid,
            m.BidLot,
            m.BidAnswer,
            m.BidLotEstablishment,
            m.PricingLine,
            m.RoundEvaluator,
            m.Evaluation,
            m.CriterionScore,
            m.Moderation,
            m.ModeratedScore,
        ),
        "bids:read",
    ),
    **dict.fromkeys((m.Referral, m.ReferralInvitation), "referrals:read"),
    m.Offer: "offers:read",
    **dict.fromkeys((m.CallOff, m.FeeAmendment, m.RateCardLine), "calloffs:read"),
    **dict.fromkeys((m.FundingSplit, m.FundingContribution, m.InvoiceShare), "funding:read"),
    **dict.fromkeys((m.Invoice, m.InvoiceLine), "invoices:read"),
    **dict.fromkeys((m.UpliftRequest, m.UpliftDecision, m.UpliftRequestCallOff), "calloffs:read"),
    **dict.fromkeys((m.OutcomeReport, m.OutcomeValue, m.OutcomeReportQuery), "reports:read"),
    m.AnnualReview: "reports:read",
    **dict.fromkeys((m.WebhookEndpoint, m.WebhookDelivery), "webhooks:read"),
}
"""The OAuth scope a token needs to read any row of a model, however the row is reached: a root
list, ``node``/``nodes``, a nested field or a view derived from it. Declared once per model here;
models not listed need no scope (public records, or rules that check their own scopes)."""


def read_scope(model: type) -> str | None:
    """The scope a token needs to read rows of ``model``, if any."""
    return READ_SCOPES.get(model)


def reports_readable(actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """The call-offs whose outcome reports ``actor`` may read, as a condition on ``CallOff``.

    The ``OutcomeReport`` rule and its scope, said of the call-off rather than of a report row, for views
    of which reports a call-off has or lacks: they follow the reports' rule, which is narrower than the
    call-off's (the lead authority reads every call-off, but only its own authority's reports).
    """
    if not actor.has_scope(READ_SCOPES[m.OutcomeReport]):
        return false()
    return _placement(actor, now)


def visible(model: type, actor: Actor, now: dt.datetime) -> ColumnElement[bool]:
    """The SQL condition selecting the rows of ``model`` that ``actor`` may see at ``now``.

    A model without a rule is visible to nobody, so a new table is closed by
    default. A model that needs a scope (:data:`READ_SCOPES`) is visible to
    nobody whose token lacks it.
    """
    rule = RULES.get(model)
    if rule is None:
        return false()
    scope = READ_SCOPES.get(model)
    if scope is not None and not actor.has_scope(scope):
        return false()
    return rule(actor, now)


# -- columns of a visible row that not every reader of the row may read ------------------------------


def buying_side(actor: Actor) -> bool:
    """Whether ``actor`` is on the buying side: an authority's people (its finance users among them), the lead
    authority or an auditor.

    Never a provider (nor an evaluator), even one reading its own call-off: providers never see council
    staff, nor anything of the competition they were in (who else was invited or offered, how many, at
    what price: DESIGN §4 and §8).
    """
    return actor.has_role(Role.LEAD_ADMIN, Role.AUDITOR, Role.AUTHORITY_FINANCE, *AUTHORITY_ROLES)


BUYERS_ONLY: dict[type, frozenset[str]] = {
    m.CallOff: frozenset({"awarded_by", "award_reason"}),
    m.FeeAmendment: frozenset({"approved_by"}),
    m.Invoice: frozenset({"approved_by"}),
    m.AnnualReview: frozenset({"decision_note"}),
}
"""Columns that only the buying side (:func:`buying_side`) reads, on rows others may read: the provider
reads its own call-offs and their amendments, but not who awarded or approved them (council staff), nor
why a call-off was awarded (the commissioner's words about the other offers, or the summary of the
ranking, "Ranked first of 3 offers …", which would tell the winner how many competed). Declared once
here; the schema reads these columns through :func:`reads_column` on every path (``node``, ``nodes``,
lists, nested fields, mutation payloads), answering null to anyone else."""


def reads_column(model: type, column: str, actor: Actor) -> bool:
    """Whether ``actor``, who may read a row of ``model``, may also read its ``column``."""
    return column not in BUYERS_ONLY.get(model, frozenset()) or buying_side(actor)


class AnalyticsScope(DescribedEnum):
    OWN_AUTHORITY = "OWN_AUTHORITY", "Your own authority's placements, in full."
    REGION = (
        "REGION",
        "Every authority's placements together, protected: groups of fewer than five children suppressed, "
        "medians and quartiles from at least ten and rounded, counts rounded to fives; all as at the start of the "
        "current calendar quarter, so that figures change once a quarter, never with one award.",
    )


@dataclass(frozen=True)
class AnalyticsReach:
    """Whose call-offs an actor's figures cover, and whether small groups are suppressed."""

    authority_id: int | None
    """Only this authority's call-offs; None for every authority's."""
    suppressed: bool
    """Whether small groups are suppressed."""
    own_authority_id: int | None
    """The authority whose placements the actor sees in full anyway, so that suppression never relies on them."""


def analytics_reach(actor: Actor, scope: AnalyticsScope) -> AnalyticsReach | None:
    """What ``actor`` may aggregate at ``scope``; None when it may not.

    An authority's commissioners and analysts see their own authority in
    full, and the region suppressed. The lead authority and auditors see the
    region, suppressed like everyone else: regional figures are made to be
    shared. Providers and evaluators see no analytics.
    """
    own = actor.authority_id if actor.has_role(*AUTHORITY_ROLES) else None
    if scope is AnalyticsScope.OWN_AUTHORITY:
        return None if own is None else AnalyticsReach(own, suppressed=False, own_authority_id=own)
    if own is not None or actor.has_role(Role.LEAD_ADMIN, Role.AUDITOR):
        return AnalyticsReach(None, suppressed=True, own_authority_id=own)
    return None
