"""Procurement Act 2023 notices as OCDS releases, with the fields of the UK extension Find a Tender reads.

Pure builders: they read only the rows they are given (:class:`Facts`, loaded beforehand by
:func:`api.domain.notices.issue`) and return one release dict per :class:`~db.enums.NoticeType`, ready to be
checked against the merged schema (:func:`api.domain.ocds_schema.problems`) and stored.

Processes and their ocids:

- A **dynamic market** (or an open framework) is one process with the system's ``ocid``: its dynamic market
  notices (UK13 intention, UK14 establishment, UK15 modification, UK16 cessation), a system-level tender notice
  (UK4, establishing an open framework) and its payments compliance notices (UK17).
- A **call-off** is its own process, linked to the system by ``relatedProcesses`` (``framework``): for one that
  began with a referral ``<system ocid>-<neutral reference>`` (``NWR-000123``: never the child's reference), for a
  block contract ``<system ocid>-<call-off reference>`` (:func:`api.domain.ocds.call_off_ocid`). Its notices:
  UK4 tender (a competition among members opens), UK5 transparency (a direct award), UK6 contract award (the
  award decision, ``pending``, with its standstill period), UK7 contract details (entered into), UK10 contract
  change (a fee amendment above the threshold), UK11 contract termination.

Each release names its Find a Tender notice type as ``documents[].noticeType`` (``"UK6"``) beside an OCDS
``documentType``, in the section the notice is about (``tender.documents``, ``awards[].documents``,
``contracts[].documents``), and carries ``tender.legalBasis`` (the Procurement Act 2023, from the regime's
policy), ``tender.specialRegime`` (``lightTouch``: education services) and the technique (a dynamic market as a
dynamic purchasing system, an open framework as a framework agreement with ``isOpenFrameworkScheme``).

Only public facts go in, as in the OCDS publication (:mod:`api.domain.ocds`): organisations, lots, dates,
statuses and money (the annual cost in pounds). Never a child's reference, needs, home or age, nothing a
council wrote about a placement (needs, reasons, notes, quality questions, an ending's reason), and never staff.
An amendment carries the fixed rationale of its reason code; a termination only its date.

Which tags Find a Tender gives UK13, UK14, UK16 and UK17 is not known (``/tmp/fts_research.md``); those chosen
here follow the sections each release fills.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from api.domain import regimes
from api.domain.children import neutral_reference
from api.domain.fees import WeeklyFees, annual_cost
from api.domain.ocds import (
    CPV_SPECIAL_EDUCATION,
    CURRENCY,
    IDENTIFIER_PREFERENCE,
    RATIONALE,
    _authority_party,
    _day_end,
    _day_start,
    _lot,
    _reference,
    call_off_ocid,
    stamp,
)
from db import models as m
from db.enums import CallOffType, DirectAwardGround, NoticeType, ReferralMode

Json = dict[str, Any]

FIND_A_TENDER_TYPES: dict[NoticeType, str] = {
    NoticeType.DYNAMIC_MARKET_INTENTION: "UK13",
    NoticeType.DYNAMIC_MARKET_ESTABLISHMENT: "UK14",
    NoticeType.DYNAMIC_MARKET_MODIFICATION: "UK15",
    NoticeType.DYNAMIC_MARKET_CESSATION: "UK16",
    NoticeType.TENDER: "UK4",
    NoticeType.TRANSPARENCY: "UK5",
    NoticeType.CONTRACT_AWARD: "UK6",
    NoticeType.CONTRACT_DETAILS: "UK7",
    NoticeType.PAYMENTS_COMPLIANCE: "UK17",
    NoticeType.CONTRACT_CHANGE: "UK10",
    NoticeType.CONTRACT_TERMINATION: "UK11",
}
"""How Find a Tender numbers each notice (``documents[].noticeType``)."""

TITLES: dict[NoticeType, str] = {
    NoticeType.DYNAMIC_MARKET_INTENTION: "Dynamic market notice: intention to establish",
    NoticeType.DYNAMIC_MARKET_ESTABLISHMENT: "Dynamic market notice: establishment",
    NoticeType.DYNAMIC_MARKET_MODIFICATION: "Dynamic market notice: modification",
    NoticeType.DYNAMIC_MARKET_CESSATION: "Dynamic market notice: cessation",
    NoticeType.TENDER: "Tender notice",
    NoticeType.TRANSPARENCY: "Transparency notice",
    NoticeType.CONTRACT_AWARD: "Contract award notice",
    NoticeType.CONTRACT_DETAILS: "Contract details notice",
    NoticeType.PAYMENTS_COMPLIANCE: "Payments compliance notice",
    NoticeType.CONTRACT_CHANGE: "Contract change notice",
    NoticeType.CONTRACT_TERMINATION: "Contract termination notice",
}

DOCUMENT_TYPES: dict[NoticeType, str] = {
    NoticeType.DYNAMIC_MARKET_INTENTION: "tenderNotice",
    NoticeType.DYNAMIC_MARKET_ESTABLISHMENT: "awardNotice",
    NoticeType.DYNAMIC_MARKET_MODIFICATION: "awardNotice",
    NoticeType.DYNAMIC_MARKET_CESSATION: "tenderNotice",
    NoticeType.TENDER: "tenderNotice",
    NoticeType.TRANSPARENCY: "awardNotice",
    NoticeType.CONTRACT_AWARD: "awardNotice",
    NoticeType.CONTRACT_DETAILS: "contractNotice",
    NoticeType.PAYMENTS_COMPLIANCE: "financialProgressReport",
    NoticeType.CONTRACT_CHANGE: "contractNotice",
    NoticeType.CONTRACT_TERMINATION: "contractTerminationNotice",
}
"""The OCDS ``documentType`` beside each notice's ``noticeType``."""

SYSTEM_NOTICES = frozenset(
    {
        NoticeType.DYNAMIC_MARKET_INTENTION,
        NoticeType.DYNAMIC_MARKET_ESTABLISHMENT,
        NoticeType.DYNAMIC_MARKET_MODIFICATION,
        NoticeType.DYNAMIC_MARKET_CESSATION,
        NoticeType.PAYMENTS_COMPLIANCE,
    }
)
"""Notices always about the system's own process. A tender notice is too when it names no referral or call-off."""

SPECIAL_REGIME = ["lightTouch"]
"""Education services are light-touch contracts under the Act."""

BUYER_CLASSIFICATION = {"scheme": "UK_CA_TYPE", "id": "publicAuthoritySubCentralGovernment"}
"""A council, in the UK extension's contracting authority types."""

LEGISLATION = "https://www.legislation.gov.uk/ukpga/2023/54"

DIRECT_AWARD_PARAGRAPHS: dict[DirectAwardGround, int] = {
    DirectAwardGround.USER_CHOICE: 15,
    DirectAwardGround.URGENCY: 13,
    DirectAwardGround.SINGLE_SUPPLIER: 5,
}
"""The paragraph of Schedule 5 each ground of direct award is."""

DIRECT_AWARD_RATIONALE: dict[DirectAwardGround, str] = {
    DirectAwardGround.USER_CHOICE: "User choice: the contract is awarded to the school chosen for the placement.",
    DirectAwardGround.URGENCY: "Extreme and unavoidable urgency.",
    DirectAwardGround.SINGLE_SUPPLIER: "Only one supplier can provide the services.",
}
"""The only words published about a direct award: one fixed sentence per ground (never the council's reason)."""

AMENDMENT_SCHEME = "NWSEND-AMENDMENT-REASON"
"""The scheme of an amendment's ``rationaleClassifications``: the system's own fee amendment reason codes."""


def find_a_tender_type(notice_type: NoticeType) -> str:
    """The number Find a Tender gives the notice: ``"UK4"`` for a tender notice, and so on."""
    return FIND_A_TENDER_TYPES[notice_type]


# -- what a notice is built from ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Supplier:
    """A provider and its organisation identifiers."""

    provider: m.Provider
    identifiers: Sequence[m.ProviderIdentifier] = ()


@dataclass(frozen=True)
class Admission:
    """A lot membership a dynamic market notice lists, with its supplier."""

    membership: m.LotMembership
    supplier: Supplier


@dataclass(frozen=True)
class PaymentFigures:
    """An authority's payment of the invoices of one period (a payments compliance notice)."""

    period_start: dt.date
    period_end: dt.date
    invoices_paid: int
    paid_within_terms: int
    """Paid on or before their due day (30 days from receipt)."""
    average_days: Decimal | None
    """Days from receipt to payment, on average; None when nothing was paid."""
    overdue_unpaid: int | None = None
    """Invoices unpaid past their due day at the end of the period (or now, if sooner)."""


@dataclass(frozen=True)
class Facts:
    """Everything one notice is built from, loaded beforehand; nothing else is read."""

    notice_type: NoticeType
    now: dt.datetime
    system: m.PurchasingSystem
    lead: m.Authority
    members: Sequence[m.Authority] = ()
    """The system's member authorities (the lead among them or not)."""
    lots: Sequence[m.Lot] = ()
    """The system's lots, in published order."""
    authority: m.Authority | None = None
    """The buyer of a call-off's process (the referral's or call-off's authority), or the authority whose payments a
    payments compliance notice reports; the lead authority when None."""
    lot: m.Lot | None = None
    """The referral's or call-off's lot."""
    referral: m.Referral | None = None
    call_off: m.CallOff | None = None
    supplier: Supplier | None = None
    """The call-off's provider, or before an award the one provider a direct award invites."""
    amendment: m.FeeAmendment | None = None
    """The fee amendment a contract change notice is about."""
    admissions: Sequence[Admission] = ()
    """The memberships a dynamic market notice lists: the members at its establishment, those a modification
    admits (or removes: ``removed_at`` set)."""
    payments: PaymentFigures | None = None
    sequence: int = 0
    """Set above 0 to tell apart two notices of one type about one entity at one moment."""


# -- identifiers ------------------------------------------------------------------------------------------


def is_system_notice(notice_type: NoticeType, *, referral: Any = None, call_off: Any = None) -> bool:
    """Whether a notice of ``notice_type`` naming these is about the system's own process."""
    return notice_type in SYSTEM_NOTICES or (referral is None and call_off is None)


def process_reference(referral: m.Referral | None, call_off: m.CallOff | None) -> str:
    """The public reference of a call-off's process: the referral's neutral reference, or the block contract's."""
    if referral is not None:
        return neutral_reference(referral)
    if call_off is not None:
        return call_off.reference
    raise ValueError("a call-off's process is named by its referral or its call-off")


def process_ocid(system: m.PurchasingSystem, *, referral: m.Referral | None, call_off: m.CallOff | None) -> str:
    """The ocid of a call-off's process: ``<system ocid>-<neutral reference>`` for one that began with a referral,
    ``<system ocid>-<call-off reference>`` for a block contract without one."""
    if referral is not None:
        return f"{system.ocid}-{neutral_reference(referral)}"
    if call_off is None:
        raise ValueError("a call-off's process is named by its referral or its call-off")
    if call_off.referral_id is not None:
        raise ValueError("the process of a call-off awarded on a referral is named by the referral: pass it")
    return call_off_ocid(system.ocid, call_off.reference)


def notice_ocid(facts: Facts) -> str:
    """The ocid of the process the notice belongs to."""
    if is_system_notice(facts.notice_type, referral=facts.referral, call_off=facts.call_off):
        return facts.system.ocid
    return process_ocid(facts.system, referral=facts.referral, call_off=facts.call_off)


def _compact(moment: dt.datetime) -> str:
    utc = moment.astimezone(dt.UTC)
    micro = f"{utc.microsecond:06d}" if utc.microsecond else ""
    return f"{utc:%Y%m%dT%H%M%S}{micro}Z"


def release_id(facts: Facts) -> str:
    """``<ocid>-<notice type>-<entity id>-<timestamp>``: unique per notice (``sequence`` apart)."""
    entity = facts.call_off or facts.referral
    if is_system_notice(facts.notice_type, referral=facts.referral, call_off=facts.call_off) or entity is None:
        entity_id = facts.system.id
    else:
        entity_id = entity.id
    kind = facts.notice_type.value.lower().replace("_", "-")
    text = f"{notice_ocid(facts)}-{kind}-{entity_id}-{_compact(facts.now)}"
    return f"{text}-{facts.sequence}" if facts.sequence else text


# -- parts ------------------------------------------------------------------------------------------------


def _amount(pence: int) -> int | float:
    """Pence as a JSON number of pounds: exact to the penny (a float's shortest form is the decimal)."""
    if pence % 100 == 0:
        return pence // 100
    return float(Decimal(pence) / 100)


def _value(pence: int) -> Json:
    return {"amount": _amount(pence), "currency": CURRENCY}


def _buyer_party(authority: m.Authority, roles: list[str]) -> Json:
    party = _authority_party(authority, roles)
    party["details"] = {"classifications": [dict(BUYER_CLASSIFICATION)]}
    return party


def _identifiers(supplier: Supplier) -> list[Json]:
    rank = {scheme: i for i, scheme in enumerate(IDENTIFIER_PREFERENCE)}
    rows = sorted(supplier.identifiers, key=lambda r: (rank.get(r.scheme, len(rank)), r.id or 0))
    name = supplier.provider.legal_name
    return [{"scheme": r.scheme.value, "id": r.identifier, "legalName": name} for r in rows]


def _supplier_party(supplier: Supplier, roles: list[str]) -> Json:
    """The provider as a party, identified as in the OCDS publication (its preferred identifier first)."""
    identifiers = _identifiers(supplier)
    if identifiers:
        party_id = f"{identifiers[0]['scheme']}-{identifiers[0]['id']}"
    else:
        party_id = f"nwsend-provider-{supplier.provider.id}"
    party: Json = {"id": party_id, "name": supplier.provider.legal_name}
    if identifiers:
        party["identifier"] = identifiers[0]
    if len(identifiers) > 1:
        party["additionalIdentifiers"] = identifiers[1:]
    party["roles"] = roles
    return party


def _policy(system: m.PurchasingSystem) -> regimes.RegimePolicy:
    policy = regimes.policy_of(system)
    if not policy.publishes_notices:
        raise ValueError(f"a system under {policy.title} gives no Procurement Act notices")
    return policy


def _techniques(system: m.PurchasingSystem, *, status: str | None = None) -> Json:
    """A dynamic market as a dynamic purchasing system; an open framework as a framework agreement."""
    if regimes.policy_of(system).reopens:
        return {
            "hasFrameworkAgreement": True,
            "frameworkAgreement": {
                "isOpenFrameworkScheme": True,
                "method": "withAndWithoutReopeningCompetition",
                "period": {"startDate": _day_start(system.term_start), "endDate": _day_end(system.term_end)},
                "openFrameworkSchemeEndDate": _day_end(system.term_end),
            },
        }
    market: Json = {"type": "open"}
    if status is not None:
        market["status"] = status
    return {"hasDynamicPurchasingSystem": True, "dynamicPurchasingSystem": market}


def _method_details(system: m.PurchasingSystem, how: str) -> str:
    kind = regimes.policy_of(system).arrangement
    return f"{how} {'an' if kind[0] in 'aeiou' else 'a'} {kind} under the Procurement Act 2023"


def _document(facts: Facts, rid: str, **extra: Any) -> Json:
    notice_type = facts.notice_type
    return {
        "id": rid,
        "documentType": DOCUMENT_TYPES[notice_type],
        "noticeType": find_a_tender_type(notice_type),
        "title": TITLES[notice_type],
        "datePublished": stamp(facts.now),
        "language": "en",
        **extra,
    }


def _items(lots: Sequence[m.Lot]) -> list[Json]:
    return [_item(lot) for lot in lots]


def _item(lot: m.Lot) -> Json:
    return {
        "id": lot.code,
        "description": lot.title,
        "classification": dict(CPV_SPECIAL_EDUCATION),
        "relatedLot": lot.code,
    }


def _related(system: m.PurchasingSystem) -> list[Json]:
    return [
        {
            "id": "framework",
            "relationship": ["framework"],
            "title": system.title,
            "scheme": "ocid",
            "identifier": system.ocid,
        }
    ]


def _release(facts: Facts, tags: list[str], **sections: Any) -> Json:
    data: Json = {
        "ocid": notice_ocid(facts),
        "id": release_id(facts),
        "date": stamp(facts.now),
        "tag": tags,
        "initiationType": "tender",
        "language": "en",
    }
    data.update({k: v for k, v in sections.items() if v is not None})
    return data


def _annual(fees: WeeklyFees, call_off: m.CallOff) -> int:
    return annual_cost(fees, weeks_per_year=call_off.weeks_per_year, places=call_off.places)


def _contract_period(call_off: m.CallOff) -> Json:
    period: Json = {"startDate": _day_start(call_off.start_date)}
    if call_off.end_date is not None:
        period["endDate"] = _day_end(call_off.end_date)
    return period


def _contract_title(call_off: m.CallOff) -> str:
    if call_off.type is CallOffType.BLOCK:
        return f"Block contract {call_off.reference} for {call_off.places} places"
    return f"Individual Placement Agreement {call_off.reference}"


# -- the system's own process -----------------------------------------------------------------------------


def _system_parties(facts: Facts) -> list[Json]:
    lead = facts.lead
    parties = [_buyer_party(lead, ["buyer", "procuringEntity"])]
    parties += [_buyer_party(a, ["buyer"]) for a in sorted(facts.members, key=lambda a: a.id) if a.id != lead.id]
    return parties


def _system_tender(facts: Facts, *, status: str, market_status: str | None) -> Json:
    system = facts.system
    policy = _policy(system)
    lead = _reference(_buyer_party(facts.lead, []))
    tender: Json = {
        "id": system.reference,
        "title": system.title,
        "status": status,
        "legalBasis": policy.legal_basis,
        "procuringEntity": lead,
        "items": _items(facts.lots),
        "procurementMethod": "open",
        "procurementMethodDetails": policy.procurement_method_details,
        "specialRegime": list(SPECIAL_REGIME),
        "mainProcurementCategory": "services",
        "contractPeriod": {"startDate": _day_start(system.term_start), "endDate": _day_end(system.term_end)},
        "lots": [_lot(lot) for lot in facts.lots],
        "techniques": _techniques(system, status=market_status),
    }
    if system.description:
        tender["description"] = system.description
    if not facts.lots:
        del tender["items"], tender["lots"]
    return tender


def _admission_awards(facts: Facts) -> tuple[list[Json], list[Json]]:
    """Each admission as an award naming its supplier (``cancelled`` once removed), and the suppliers' parties."""
    lots = {lot.id: lot for lot in facts.lots}
    awards: list[Json] = []
    parties: dict[str, Json] = {}
    for admission in sorted(facts.admissions, key=lambda a: a.membership.id):
        membership = admission.membership
        removed = membership.removed_at is not None
        party = _supplier_party(admission.supplier, ["removedSupplier"] if removed else ["supplier"])
        if party["id"] in parties:
            merged = parties[party["id"]]["roles"]
            merged += [r for r in party["roles"] if r not in merged]
        else:
            parties[party["id"]] = party
        lot = lots.get(membership.lot_id)
        award: Json = {
            "id": f"admission-{membership.id}",
            "title": f"Admission to lot {lot.code}: {lot.title}" if lot else "Admission to the dynamic market",
            "status": "cancelled" if removed else "active",
            "suppliers": [_reference(party)],
        }
        if lot is not None:
            award["relatedLots"] = [lot.code]
        if not removed:
            award["contractPeriod"] = {
                "startDate": _day_start(membership.since),
                "endDate": _day_end(membership.until or facts.system.term_end),
            }
        awards.append(award)
    return awards, list(parties.values())


def _dynamic_market(facts: Facts) -> Json:
    notice_type = facts.notice_type
    rid = release_id(facts)
    parties = _system_parties(facts)
    if notice_type is NoticeType.DYNAMIC_MARKET_INTENTION:
        tender = _system_tender(facts, status="active", market_status="pending")
        tender["documents"] = [_document(facts, rid)]
        return _release(facts, ["tender"], parties=parties, buyer=_reference(parties[0]), tender=tender)
    if notice_type is NoticeType.DYNAMIC_MARKET_CESSATION:
        tender = _system_tender(facts, status="complete", market_status="terminated")
        tender["documents"] = [_document(facts, rid)]
        return _release(facts, ["tenderUpdate"], parties=parties, buyer=_reference(parties[0]), tender=tender)
    tender = _system_tender(facts, status="active", market_status="active")
    tender["documents"] = [_document(facts, rid)]
    awards, suppliers = _admission_awards(facts)
    return _release(
        facts,
        ["tenderUpdate", "award"] if awards else ["tenderUpdate"],
        parties=parties + suppliers,
        buyer=_reference(parties[0]),
        tender=tender,
        awards=awards or None,
    )


def _system_tender_notice(facts: Facts) -> Json:
    """A tender notice of the system itself: an open framework established, or opened again for new members."""
    parties = _system_parties(facts)
    tender = _system_tender(facts, status="active", market_status="active")
    tender["documents"] = [_document(facts, release_id(facts))]
    return _release(facts, ["tender"], parties=parties, buyer=_reference(parties[0]), tender=tender)


def _payments_compliance(facts: Facts) -> Json:
    authority = facts.authority or facts.lead
    figures = facts.payments
    if figures is None:
        raise ValueError("a payments compliance notice reports payment figures")
    buyer = _buyer_party(authority, ["buyer"])
    first, last = figures.period_start, figures.period_end
    kind = regimes.policy_of(facts.system).arrangement
    said = (
        f"From {first.isoformat()} to {last.isoformat()}, {authority.name} paid {figures.invoices_paid} invoices "
        f"for its contracts, those under this {kind} among them, {figures.paid_within_terms} of them within 30 days "
        "of receipt"
    )
    if figures.average_days is not None:
        said += f"; on average {figures.average_days} days after receipt"
    if figures.overdue_unpaid is not None:
        said += f"; {figures.overdue_unpaid} invoices were unpaid past their due day at the end of the period"
    tender = {
        "id": facts.system.reference,
        "legalBasis": _policy(facts.system).legal_basis,
        "documents": [_document(facts, release_id(facts), description=said + ".")],
    }
    return _release(facts, ["tenderUpdate"], parties=[buyer], buyer=_reference(buyer), tender=tender)


# -- a call-off's process ---------------------------------------------------------------------------------


def _process_lot(facts: Facts) -> m.Lot:
    if facts.lot is not None:
        return facts.lot
    if facts.call_off is not None:
        wanted: int | None = facts.call_off.lot_id
    else:
        wanted = facts.referral.lot_id if facts.referral is not None else None
    found = next((lot for lot in facts.lots if lot.id == wanted), None)
    if found is None:
        raise ValueError("a call-off's notice names its lot")
    return found


def _process_tender(facts: Facts, *, status: str) -> Json:
    system, referral, call_off = facts.system, facts.referral, facts.call_off
    policy = _policy(system)
    lot = _process_lot(facts)
    reference = process_reference(referral, call_off)
    tender: Json = {
        "id": reference,
        "title": f"Call-off {reference} from {system.title}: {lot.title}",
        "status": status,
        "legalBasis": policy.legal_basis,
        "items": _items([lot]),
        "specialRegime": list(SPECIAL_REGIME),
        "mainProcurementCategory": "services",
        "lots": [_lot(lot)],
        "techniques": _techniques(system),
    }
    ground = _ground(facts)
    direct = (
        ground is not None
        or facts.notice_type is NoticeType.TRANSPARENCY
        or (referral is not None and referral.mode is ReferralMode.DIRECT_AWARD)
        or (call_off is not None and referral is None)  # a block contract is awarded directly to a member
    )
    if direct:
        tender.update(
            procurementMethod="direct",
            procurementMethodDetails=_method_details(system, "Direct award to a member of"),
        )
        if ground is not None:
            paragraph = DIRECT_AWARD_PARAGRAPHS[ground]
            tender["procurementMethodRationale"] = DIRECT_AWARD_RATIONALE[ground]
            tender["procurementMethodRationaleLegalBasis"] = {
                "scheme": "UKPGA",
                "id": f"2023/54/schedule/5/paragraph/{paragraph}",
                "description": f"Procurement Act 2023, Schedule 5, paragraph {paragraph}",
                "uri": f"{LEGISLATION}/schedule/5/paragraph/{paragraph}",
            }
    else:
        tender.update(
            procurementMethod="selective",
            procurementMethodDetails=_method_details(system, "Competition among the members of"),
        )
    return tender


def _ground(facts: Facts) -> DirectAwardGround | None:
    if facts.call_off is not None and facts.call_off.direct_award_ground is not None:
        return facts.call_off.direct_award_ground
    if facts.referral is not None:
        return facts.referral.direct_award_ground
    return None


def _process_parties(facts: Facts, *, supplier_roles: list[str] | None = None) -> tuple[Json, Json | None]:
    authority = facts.authority
    if authority is None:
        raise ValueError("a call-off's notice names its buyer (the referral's or call-off's authority)")
    buyer = _buyer_party(authority, ["buyer", "procuringEntity"])
    supplier = None
    if facts.supplier is not None and supplier_roles is not None:
        supplier = _supplier_party(facts.supplier, supplier_roles)
    return buyer, supplier


def _process_release(
    facts: Facts, tags: list[str], tender: Json, *, supplier_roles: list[str] | None = None, **sections: Any
) -> Json:
    buyer, supplier = _process_parties(facts, supplier_roles=supplier_roles)
    parties = [buyer] if supplier is None else [buyer, supplier]
    return _release(
        facts,
        tags,
        parties=parties,
        buyer=_reference(buyer),
        tender=tender,
        relatedProcesses=_related(facts.system),
        **sections,
    )


def _supplier_reference(facts: Facts) -> list[Json]:
    if facts.supplier is None:
        return []
    return [_reference(_supplier_party(facts.supplier, []))]


def _award(facts: Facts, *, status: str, rid: str | None = None) -> Json:
    """The award of a call-off's process (id: the process reference), documents when ``rid`` is given."""
    call_off, lot = facts.call_off, _process_lot(facts)
    award: Json = {
        "id": process_reference(facts.referral, call_off),
        "status": status,
        "relatedLots": [lot.code],
    }
    suppliers = _supplier_reference(facts)
    if suppliers:
        award["suppliers"] = suppliers
    if call_off is not None:
        award.update(
            title=_contract_title(call_off),
            date=stamp(call_off.awarded_at),
            value=_value(_annual(WeeklyFees.of(call_off), call_off)),
            contractPeriod=_contract_period(call_off),
        )
    if rid is not None:
        award["documents"] = [_document(facts, rid)]
    return award


def _contract(facts: Facts, *, status: str | None, rid: str | None = None, **fields: Any) -> Json:
    call_off = _require_call_off(facts)
    contract: Json = {"id": call_off.reference, "awardID": process_reference(facts.referral, call_off)}
    if status is not None:
        contract["status"] = status
    contract.update(fields)
    if rid is not None:
        contract["documents"] = [_document(facts, rid)]
    return contract


def _require_call_off(facts: Facts) -> m.CallOff:
    if facts.call_off is None:
        raise ValueError(f"a {TITLES[facts.notice_type].lower()} is about a call-off")
    return facts.call_off


def _tender_notice(facts: Facts) -> Json:
    """UK4: a competition among the members opens for one referral."""
    referral = facts.referral
    tender = _process_tender(facts, status="active")
    tender["documents"] = [_document(facts, release_id(facts))]
    if referral is not None:
        start = referral.opened_at or facts.now
        tender["tenderPeriod"] = {"startDate": stamp(start), "endDate": stamp(referral.offer_deadline)}
        tender["awardPeriod"] = {"startDate": stamp(referral.offer_deadline)}
        tender["awardCriteria"] = "ratedCriteria"
        tender["lots"][0]["awardCriteria"] = {
            "criteria": [
                {"type": "quality", "name": "Quality", "numbers": [_weight(referral.quality_weight)]},
                {"type": "price", "name": "Price (annual cost)", "numbers": [_weight(referral.price_weight)]},
            ]
        }
    return _process_release(facts, ["tender"], tender)


def _weight(percent: int) -> Json:
    return {"number": percent, "weight": "percentageExact"}


def _transparency_notice(facts: Facts) -> Json:
    """UK5: a contract is to be awarded directly, to the one member invited (and at its cost, once awarded)."""
    rid = release_id(facts)
    tender = _process_tender(facts, status="active")
    award = _award(facts, status="pending", rid=rid)
    sections: Json = {"awards": [award]}
    tags = ["award"]
    if facts.call_off is not None:
        sections["contracts"] = [
            _contract(facts, status="pending", title=_contract_title(facts.call_off), value=dict(award["value"]))
        ]
        tags = ["award", "contract"]
    return _process_release(facts, tags, tender, supplier_roles=["supplier"], **sections)


def _contract_award_notice(facts: Facts) -> Json:
    """UK6: the award decision, pending until the contract is entered into after its standstill."""
    call_off = _require_call_off(facts)
    rid = release_id(facts)
    tender = _process_tender(facts, status="complete")
    award = _award(facts, status="pending", rid=rid)
    standstill: Json = {"startDate": stamp(call_off.awarded_at)}
    if call_off.standstill_ends_at is not None:
        standstill["endDate"] = stamp(call_off.standstill_ends_at)
    award["standstillPeriod"] = standstill
    contract = _contract(
        facts,
        status="pending",
        title=_contract_title(call_off),
        value=dict(award["value"]),
        period=_contract_period(call_off),
    )
    return _process_release(
        facts, ["award", "contract"], tender, supplier_roles=["supplier"], awards=[award], contracts=[contract]
    )


def _contract_details_notice(facts: Facts) -> Json:
    """UK7: the contract was entered into."""
    call_off = _require_call_off(facts)
    rid = release_id(facts)
    award = _award(facts, status="active")
    contract = _contract(
        facts,
        status="active",
        rid=rid,
        title=_contract_title(call_off),
        value=dict(award["value"]),
        period=_contract_period(call_off),
        dateSigned=stamp(call_off.entered_into_at or call_off.awarded_at),
    )
    tender = _process_tender(facts, status="complete")
    return _process_release(
        facts, ["award", "contract"], tender, supplier_roles=["supplier"], awards=[award], contracts=[contract]
    )


def _contract_change_notice(facts: Facts) -> Json:
    """UK10: the fee amendment, with the fixed rationale of its reason and the new annual cost."""
    call_off = _require_call_off(facts)
    amendment = facts.amendment
    if amendment is None:
        raise ValueError("a contract change notice is about a fee amendment")
    rid = release_id(facts)
    after = _value(_annual(WeeklyFees.of(amendment, "after_"), call_off))
    change: Json = {
        "id": str(amendment.id),
        "date": stamp(amendment.agreed_at),
        "rationale": RATIONALE[amendment.reason],
        "rationaleClassifications": [
            {"scheme": AMENDMENT_SCHEME, "id": amendment.reason.value, "description": RATIONALE[amendment.reason]}
        ],
        "description": f"The new weekly fees apply from {amendment.effective_from.isoformat()}.",
        "value": after,
        "releaseID": rid,
    }
    contract = _contract(facts, status=None, rid=rid, value=dict(after), amendments=[change])
    tender = {"id": process_reference(facts.referral, call_off), "legalBasis": _policy(facts.system).legal_basis}
    return _process_release(facts, ["contractAmendment"], tender, contracts=[contract])


def _contract_termination_notice(facts: Facts) -> Json:
    """UK11: the contract was ended early; only its date is said, never why."""
    call_off = _require_call_off(facts)
    rid = release_id(facts)
    ended = call_off.terminated_at or facts.now
    contract = _contract(facts, status="terminated", rid=rid, period={"endDate": stamp(ended)})
    tender = {"id": process_reference(facts.referral, call_off), "legalBasis": _policy(facts.system).legal_basis}
    return _process_release(facts, ["contractTermination"], tender, contracts=[contract])


_CALL_OFF_BUILDERS: dict[NoticeType, Callable[[Facts], Json]] = {
    NoticeType.TENDER: _tender_notice,
    NoticeType.TRANSPARENCY: _transparency_notice,
    NoticeType.CONTRACT_AWARD: _contract_award_notice,
    NoticeType.CONTRACT_DETAILS: _contract_details_notice,
    NoticeType.CONTRACT_CHANGE: _contract_change_notice,
    NoticeType.CONTRACT_TERMINATION: _contract_termination_notice,
}


def build(facts: Facts) -> Json:
    """The OCDS release of the notice ``facts`` describe.

    Raises ValueError when the facts cannot make that notice (a contract notice without its call-off, a system
    whose regime gives no notices): a mistake of the caller's, not of the data.
    """
    notice_type = facts.notice_type
    if notice_type in (
        NoticeType.DYNAMIC_MARKET_INTENTION,
        NoticeType.DYNAMIC_MARKET_ESTABLISHMENT,
        NoticeType.DYNAMIC_MARKET_MODIFICATION,
        NoticeType.DYNAMIC_MARKET_CESSATION,
    ):
        return _dynamic_market(facts)
    if notice_type is NoticeType.PAYMENTS_COMPLIANCE:
        return _payments_compliance(facts)
    if notice_type is NoticeType.TENDER and facts.referral is None and facts.call_off is None:
        return _system_tender_notice(facts)
    if facts.referral is None and facts.call_off is None:
        raise ValueError(f"a {TITLES[notice_type].lower()} is about a referral or a call-off")
    return _CALL_OFF_BUILDERS[notice_type](facts)
