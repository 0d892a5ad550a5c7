"""Excluded suppliers over HTTP: the lead authority loads the debarment list and its own excluded-supplier list from
CSV (all or nothing, every bad row named by row and column); under a Procurement Act 2023 dynamic market a listed
applicant's bid is not submitted, its bid lot not admitted, and a listed member is removed with the reason recorded
and told; under the PCR 2015 (the demo's system) the same provider is untouched."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest

from api.auth.actor import Role
from api.domain.exclusions import normalised
from tests.documents_support import PDF, attach
from tests.notification_support import sql
from tests.support import DEMO_NOW, WritableApi
from tests.test_evaluation import agreed, marks
from tests.test_offers import call, ok, pk
from tests.test_setup import mutate

TODAY = DEMO_NOW.date()
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
HEADER = "scheme,identifier,name,reason,listed_on,ends_on"
ENTRY = "list scheme identifier name reason listedOn endsOn inForce authority { code }"
LIST = f"query($list: ExclusionList) {{ excludedSuppliers(list: $list) {{ {ENTRY} }} }}"
PROVIDERS = """{ providers(first: 100) { nodes { id legalName status verified identifiers { scheme identifier }
  establishments { id dayCapacity ageMin ageMax }
  memberships { id status lot { code system { id regime } } } } } }"""
MEMBERSHIP = "query($id: ID!) { node(id: $id) { ... on LotMembership { status provider { id } lot { code } } } }"
IMPORT = """mutation($input: ImportExcludedSuppliersInput!) { importExcludedSuppliers(input: $input) { __typename
  ... on ImportExcludedSuppliersPayload { list entries replaced membershipsRemoved }
  ... on ValidationError { problems { field message } }
  ... on MutationError { code field message } } }"""


@dataclass
class Bidder:
    """A demo provider bidding in the dynamic market: its token, identifier and bid."""

    id: str
    name: str
    token: str
    scheme: str
    identifier: str
    bid: str = ""
    bid_lot: str = ""


@dataclass
class Market:
    """A Procurement Act 2023 dynamic market with continuous admission, led by Cheshire East, and its bidders:
    ``applicant`` and ``member`` have submitted (``member`` was admitted), ``drafter`` and ``other`` have drafts."""

    api: WritableApi
    lead: str
    other_lead: str
    auditor: str
    system: str
    lot: str
    round: str
    questions: list[dict[str, Any]]
    applicant: Bidder
    member: Bidder
    drafter: Bidder
    other: Bidder
    membership: str


def import_list(market: Market, list_: str, rows: list[str], token: str | None = None) -> dict[str, Any]:
    return import_csv(market, list_, "\n".join([HEADER, *rows]) + "\n", token)


def import_csv(market: Market, list_: str, text: str, token: str | None = None) -> dict[str, Any]:
    return market.api.gql(IMPORT, {"input": {"list": list_, "csv": text}}, token=token or market.lead)[
        "importExcludedSuppliers"
    ]


def entries(market: Market, list_: str | None = None, token: str | None = None) -> list[dict[str, Any]]:
    return market.api.gql(LIST, {"list": list_}, token=token or market.lead)["excludedSuppliers"]


def row(
    bidder: Bidder, reason: str, *, identifier: str | None = None, listed: str = "2026-01-05", ends: str = ""
) -> str:
    name = f'"{bidder.name} (as listed)"'
    return f"{bidder.scheme},{identifier or bidder.identifier},{name},{reason},{listed},{ends}"


def _scheme(value: str) -> str:
    return value.replace("_", "-")


def _authority(api: WritableApi, code: str) -> int:
    found = api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    return pk(next(a["id"] for a in found if a["code"] == code))


def _bid_version(api: WritableApi, bid: str, token: str) -> int:
    return api.gql("query($id: ID!) { node(id: $id) { ... on Bid { version } } }", {"id": bid}, token=token)["node"][
        "version"
    ]


def pricing() -> list[dict[str, Any]]:
    return [
        {"band": band, "element": "EDUCATION", "weeklyFee": fee}
        for band, fee in (("STANDARD", 150_000), ("ENHANCED", 180_000), ("COMPLEX", 210_000))
    ]


def _draft(
    api: WritableApi, bidder: Bidder, round_: str, lot: str, school: str, questions: list[dict[str, Any]]
) -> None:
    created = ok(api, "createBid", {"round": round_}, bidder.token, "bid { id }")
    bidder.bid = created["bid"]["id"]
    ok(
        api,
        "setBidLot",
        {"bid": bidder.bid, "lot": lot, "establishments": [school], "pricing": pricing()},
        bidder.token,
    )
    answers = [{"question": q["id"], "answer": f"Answer {q['number']}."} for q in questions]
    ok(api, "answerQuestions", {"bid": bidder.bid, "answers": answers}, bidder.token)
    lots = "query($id: ID!) { node(id: $id) { ... on Bid { lots { id } } } }"
    bidder.bid_lot = api.gql(lots, {"id": bidder.bid}, token=bidder.token)["node"]["lots"][0]["id"]


def _submit(api: WritableApi, bidder: Bidder) -> dict[str, Any]:
    version = _bid_version(api, bidder.bid, bidder.token)
    return call(api, "submitBid", {"bid": bidder.bid, "version": version}, bidder.token, "bid { status }")


def _evaluate(market: Market, bidder: Bidder) -> None:
    """Marked, moderated and reported: ready to be decided."""
    api = market.api
    evaluator = api.token(Role.EVALUATOR, subject="evaluator-1")
    ok(api, "recordEvaluation", {"bidLot": bidder.bid_lot, "marks": marks(market.questions)}, evaluator)
    moderation = {
        "bidLot": bidder.bid_lot,
        "passedSelection": True,
        "scores": agreed(market.questions, 4),
        "rationale": "Agreed.",
    }
    ok(api, "moderateBidLot", moderation, market.lead)
    report = attach(api, market.lead, bidder.bid_lot, PDF, document_type="EVALUATION_REPORT", file_name="report.pdf")
    assert report["__typename"] == "ConfirmDocumentUploadPayload", report


def decide(market: Market, bidder: Bidder, decision: str) -> dict[str, Any]:
    given = {"bidLot": bidder.bid_lot, "decision": decision, "feedback": "Decided."}
    return call(market.api, "decideBidLot", given, market.lead, "bidLot { decision }")


def _schedule(
    api: WritableApi, lead: str, system: str, lot: str, opens: dt.datetime, closes: dt.datetime
) -> dict[str, Any]:
    given = {
        "system": system,
        "opensAt": opens.isoformat(),
        "closesAt": closes.isoformat(),
        "lots": [lot],
        "questions": [
            {"kind": "SELECTION", "text": "Confirm your DfE registration."},
            {"kind": "AWARD", "text": "How do you meet complex needs?", "weight": 100},
        ],
    }
    return ok(api, "scheduleRound", given, lead, "round { id questions { id kind number } }")["round"]


@pytest.fixture(scope="module")
def market(writable_with_people: WritableApi) -> Market:
    api = writable_with_people
    api.at(DEMO_NOW)
    lead = api.token(Role.LEAD_ADMIN, authority_id=_authority(api, "E06000049"), subject="lead.exclusions")
    other_lead = api.token(Role.LEAD_ADMIN, authority_id=_authority(api, "E08000001"), subject="lead.bolton")

    # a dynamic market: a lot, a published specification, live
    system = mutate(
        api,
        "createPurchasingSystem",
        {
            "title": "Short breaks dynamic market",
            "reference": "NW-DM-EXCL",
            "ocid": "ocds-h6vhtk-nwdmexcl",
            "description": "Short breaks.",
            "regime": "PA2023_DYNAMIC_MARKET",
            "admissionMode": "CONTINUOUS",
            "termStart": "2026-04-01",
            "termEnd": "2030-03-31",
        },
        lead,
    )["system"]
    lot = mutate(
        api,
        "addLot",
        {"system": system["id"], "code": "DM1", "title": "Day", "placementType": "DAY", "ageMin": 5, "ageMax": 18},
        lead,
    )["lot"]
    spec = mutate(api, "createSpecificationDraft", {"system": system["id"], "title": "Spec", "body": "1."}, lead)
    spec = spec["specification"]
    mutate(api, "publishSpecification", {"id": spec["id"], "version": spec["version"]}, lead)
    version = api.gql(
        "query($id: ID!) { node(id: $id) { ... on PurchasingSystem { version } } }", {"id": system["id"]}, token=lead
    )["node"]["version"]
    live = mutate(api, "activatePurchasingSystem", {"id": system["id"], "version": version}, lead)
    assert live["system"]["status"] == "ACTIVE", live

    # continuous admission, in two windows: the first has closed, the second is open
    first = _schedule(api, lead, system["id"], lot["id"], DEMO_NOW + HOUR, DEMO_NOW + DAY)
    second = _schedule(api, lead, system["id"], lot["id"], DEMO_NOW + DAY + HOUR, DEMO_NOW + 300 * DAY)
    api.at(DEMO_NOW + 2 * HOUR)

    # four verified providers with a day school and an identifier; the member is a member under the PCR 2015 too
    providers = api.gql(PROVIDERS, token=lead)["providers"]["nodes"]
    usable = []
    for p in providers:
        schools = [e["id"] for e in p["establishments"] if e["dayCapacity"] > 0 and e["ageMax"] >= 5]
        if p["status"] == "ACTIVE" and p["verified"] and p["identifiers"] and schools:
            pcr = [ms for ms in p["memberships"] if ms["lot"]["system"]["regime"] == "PCR2015_LIGHT_TOUCH"]
            usable.append((p, schools[0], pcr))
    members = [u for u in usable if any(ms["status"] == "ACTIVE" for ms in u[2])]
    assert members and len(usable) >= 4
    chosen = [members[0], *[u for u in usable if u is not members[0]][:3]]
    bidders = []
    for p, _school, _pcr in chosen:
        named = p["identifiers"][0]
        token = api.token(Role.PROVIDER_USER, provider_id=pk(p["id"]), subject=f"user-{pk(p['id'])}")
        bidders.append(Bidder(p["id"], p["legalName"], token, _scheme(named["scheme"]), named["identifier"]))
    member, applicant, drafter, other = bidders
    schools = [school for _p, school, _pcr in chosen]
    for bidder, school in zip((member, applicant), schools[:2], strict=True):
        _draft(api, bidder, first["id"], lot["id"], school, first["questions"])
        assert _submit(api, bidder)["__typename"] == "SubmitBidPayload"
    api.at(DEMO_NOW + DAY + 2 * HOUR)
    for bidder, school in zip((drafter, other), schools[2:], strict=True):
        _draft(api, bidder, second["id"], lot["id"], school, second["questions"])
    ok(api, "assignEvaluators", {"round": first["id"], "evaluators": ["evaluator-1"]}, lead)

    found = Market(
        api=api,
        lead=lead,
        other_lead=other_lead,
        auditor=api.token(Role.AUDITOR),
        system=system["id"],
        lot=lot["id"],
        round=first["id"],
        questions=first["questions"],
        applicant=applicant,
        member=member,
        drafter=drafter,
        other=other,
        membership="",
    )
    # the member is admitted at once (continuous admission); the applicant is evaluated but not yet decided
    _evaluate(found, member)
    admitted = decide(found, member, "ADMITTED")
    assert admitted["__typename"] == "DecideBidLotPayload", admitted
    _evaluate(found, applicant)
    memberships = api.gql(
        "query($lot: ID!) { lotMemberships(first: 10, filter: {lot: $lot}) { nodes { id status provider { id } } } }",
        {"lot": lot["id"]},
    )["lotMemberships"]["nodes"]
    assert [(ms["provider"]["id"], ms["status"]) for ms in memberships] == [(member.id, "ACTIVE")]
    found.membership = memberships[0]["id"]
    return found


def _pcr_memberships(market: Market, provider: str) -> list[tuple[str, str]]:
    nodes = market.api.gql(PROVIDERS, token=market.lead)["providers"]["nodes"]
    mine = next(p for p in nodes if p["id"] == provider)
    return sorted(
        (ms["id"], ms["status"]) for ms in mine["memberships"] if ms["lot"]["system"]["regime"] == "PCR2015_LIGHT_TOUCH"
    )


# -- the file ---------------------------------------------------------------------------------------


def test_bad_rows_are_each_named_by_row_and_column_and_nothing_is_written(market: Market) -> None:
    before = entries(market)
    rows = [
        row(market.member, "Fraud conviction."),  # row 2: good
        "GB-XYZ,123,Someone,A reason,2026-01-05,",  # row 3: no such scheme
        "GB-COH,,Someone,A reason,2026-01-05,",  # row 4: no identifier
        "GB-CHC,1234567,Someone,,05/13/2026,",  # row 5: no reason; not a date
        "GB-PPON,PABC-1234,Someone,A reason,2026-02-01,2026-01-01",  # row 6: ends before it is listed
        row(market.member, "Again.", identifier=market.member.identifier.lower()),  # row 7: the same supplier again
    ]
    refusal = import_list(market, "DEBARMENT", rows)
    assert refusal["__typename"] == "ValidationError", refusal
    assert [p["field"] for p in refusal["problems"]] == [
        "input.csv[3].scheme",
        "input.csv[4].identifier",
        "input.csv[5].reason",
        "input.csv[5].listed_on",
        "input.csv[6].ends_on",
        "input.csv[7].identifier",
    ]
    assert refusal["problems"][0]["message"] == "Row 3, scheme: 'GB-XYZ' is not GB-COH, GB-CHC or GB-PPON"
    assert (
        refusal["problems"][5]["message"]
        == "Row 7, identifier: This supplier is listed already, in row 2: one row each"
    )
    assert entries(market) == before

    header = import_csv(market, "DEBARMENT", "scheme,identifier,name,listed_on\n")
    assert [p["field"] for p in header["problems"]] == ["input.csv[1].reason"]
    empty = import_csv(market, "DEBARMENT", "")
    assert (empty["__typename"], empty["field"]) == ("ValidationError", "input.csv")
    assert entries(market) == before


def test_only_the_lead_authority_loads_a_list_and_only_it_and_auditors_read_them(market: Market) -> None:
    api = market.api
    given = {"list": "DEBARMENT", "csv": HEADER + "\n"}
    mutation = (
        "mutation($input: ImportExcludedSuppliersInput!) { importExcludedSuppliers(input: $input) { __typename } }"
    )
    others = {
        "commissioner": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=_authority(api, "E06000049")),
        "provider": market.applicant.token,
        "auditor": market.auditor,
        "evaluator": api.token(Role.EVALUATOR, subject="evaluator-1"),
    }
    for who, token in others.items():
        body = api.post(mutation, {"input": given}, token=token).json()
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", (who, body)
    assert api.post(mutation, {"input": given}).status_code == 401
    for who in ("commissioner", "provider", "evaluator"):
        body = api.post(LIST, {"list": None}, token=others[who]).json()
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", (who, body)
    assert entries(market, token=market.auditor) is not None


# -- the debarment list -----------------------------------------------------------------------------


def test_a_debarred_member_is_removed_and_told_and_its_pcr_memberships_stand(market: Market) -> None:
    api = market.api
    url = api.app.state.settings.database_url
    member = market.member
    pcr_before = _pcr_memberships(market, member.id)
    assert pcr_before and any(status == "ACTIVE" for _, status in pcr_before)

    spaced = f" {member.identifier[:2].lower()} {member.identifier[2:]} "  # compared upper-case, without spaces
    rows = [
        row(member, "Convicted of fraud (s.62).", identifier=spaced),
        row(market.applicant, "Professional misconduct."),
        row(market.drafter, "Failure to pay tax."),
        row(market.other, "Listed in error: ended.", ends="2026-02-01"),  # no longer in force
    ]
    done = import_list(market, "DEBARMENT", rows)
    assert done == {
        "__typename": "ImportExcludedSuppliersPayload",
        "list": "DEBARMENT",
        "entries": 4,
        "replaced": 0,
        "membershipsRemoved": 1,
    }

    # the member's place in the dynamic market is removed, with the reason recorded
    assert api.gql(MEMBERSHIP, {"id": market.membership})["node"]["status"] == "REMOVED"
    removed = sql(url, "SELECT removal_reason FROM lot_membership WHERE id = :id", id=pk(market.membership))
    assert removed[0].removal_reason == "Excluded: debarment list: Convicted of fraud (s.62)."
    events = api.gql(
        "query($e: ID!) { auditEvents(first: 20, filter: {entity: $e}) { nodes { action diff } } }",
        {"e": market.membership},
        token=market.auditor,
    )["auditEvents"]["nodes"]
    assert events[-1]["action"] == "membership.removed"

    # and the provider is told, without anyone else's details
    told = sql(
        url,
        "SELECT recipient_type, recipient_id, payload FROM notification WHERE kind = 'membership.removed' "
        "AND subject_type = 'LotMembership' AND subject_id = :id",
        id=pk(market.membership),
    )
    assert told and {(r.recipient_type, r.recipient_id) for r in told} == {("Provider", pk(member.id))}
    payload = told[0].payload if isinstance(told[0].payload, dict) else json.loads(told[0].payload)
    assert payload["lot"] == "DM1" and payload["system"] == "Short breaks dynamic market"

    # under the PCR 2015 nothing changes for the same provider
    assert _pcr_memberships(market, member.id) == pcr_before

    # the list as the lead authority reads it, identifiers as compared
    listed = entries(market, "DEBARMENT")
    assert {(e["identifier"], e["inForce"], e["authority"]) for e in listed} == {
        (normalised(member.identifier), True, None),
        (normalised(market.applicant.identifier), True, None),
        (normalised(market.drafter.identifier), True, None),
        (normalised(market.other.identifier), False, None),
    }

    # the import itself is audited, with counts only
    authority = api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    ce = next(a["id"] for a in authority if a["code"] == "E06000049")
    imports = [
        event
        for event in api.gql(
            "query($e: ID!) { auditEvents(last: 20, filter: {entity: $e}) { nodes { action diff } } }",
            {"e": ce},
            token=market.auditor,
        )["auditEvents"]["nodes"]
        if event["action"] == "excluded_suppliers.imported"
    ]
    diff = imports[-1]["diff"]
    diff = json.loads(diff) if isinstance(diff, str) else diff
    assert diff == {"list": "DEBARMENT", "before": {"entries": 0}, "after": {"entries": 4}, "membershipsRemoved": 1}


def test_a_debarred_applicant_cannot_submit_its_bid(market: Market) -> None:
    refused = _submit(market.api, market.drafter)
    assert (refused["__typename"], refused["code"], refused["field"]) == (
        "SupplierExcluded",
        "SUPPLIER_EXCLUDED",
        "input.bid",
    )
    assert refused["message"].startswith(f"{market.drafter.name} is on the debarment list: Failure to pay tax.")


def test_a_debarred_applicant_is_not_admitted_but_may_be_rejected(market: Market) -> None:
    refused = decide(market, market.applicant, "ADMITTED")
    assert (refused["__typename"], refused["field"]) == ("SupplierExcluded", "input.bidLot"), refused
    assert "Professional misconduct." in refused["message"]
    status = "query($id: ID!) { node(id: $id) { ... on BidLot { decision } } }"
    assert market.api.gql(status, {"id": market.applicant.bid_lot}, token=market.lead)["node"]["decision"] is None
    assert decide(market, market.applicant, "REJECTED")["__typename"] == "DecideBidLotPayload"


def test_an_entry_no_longer_in_force_excludes_nobody(market: Market) -> None:
    other = market.other
    # listed only until 1 February 2026: it may still submit
    assert _submit(market.api, other)["__typename"] == "SubmitBidPayload"


# -- a lead authority's own list --------------------------------------------------------------------


def test_the_lead_authoritys_own_list_applies_to_the_systems_it_leads_and_is_replaced_whole(market: Market) -> None:
    api, drafter = market.api, market.drafter
    # the national list no longer names the drafter
    kept = [row(market.member, "Convicted of fraud (s.62)."), row(market.applicant, "Professional misconduct.")]
    reloaded = import_list(market, "DEBARMENT", kept)
    assert (reloaded["entries"], reloaded["replaced"], reloaded["membershipsRemoved"]) == (2, 4, 0)

    # Bolton's own list names it: Cheshire East's market is not Bolton's
    bolton = import_list(market, "EXCLUDED_SUPPLIERS", [row(drafter, "Bolton found it excluded.")], market.other_lead)
    assert (bolton["entries"], bolton["membershipsRemoved"]) == (1, 0)
    # Cheshire East's own list names it: refused, naming that list
    own = import_list(market, "EXCLUDED_SUPPLIERS", [row(drafter, "Poor performance (s.57).")])
    assert (own["entries"], own["replaced"]) == (1, 0)
    refused = _submit(api, drafter)
    assert refused["__typename"] == "SupplierExcluded", refused
    assert "lead authority's excluded-supplier list: Poor performance (s.57)." in refused["message"]

    # each lead authority reads the national list and its own; an auditor reads every list
    ce = entries(market, "EXCLUDED_SUPPLIERS")
    assert [(e["authority"]["code"], e["reason"]) for e in ce] == [("E06000049", "Poor performance (s.57).")]
    every = entries(market, "EXCLUDED_SUPPLIERS", market.auditor)
    assert sorted(e["authority"]["code"] for e in every) == ["E06000049", "E08000001"]
    assert {e["list"] for e in entries(market)} == {"DEBARMENT", "EXCLUDED_SUPPLIERS"}

    # the header alone empties Cheshire East's list, and Bolton's does not reach its market
    emptied = import_list(market, "EXCLUDED_SUPPLIERS", [])
    assert (emptied["entries"], emptied["replaced"]) == (0, 1)
    assert _submit(api, drafter)["__typename"] == "SubmitBidPayload"
    assert len(entries(market, "EXCLUDED_SUPPLIERS", market.auditor)) == 1
