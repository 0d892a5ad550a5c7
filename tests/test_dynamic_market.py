"""The demo's Procurement Act 2023 dynamic market, end to end over HTTP, beside the PCR 2015 system.

The lead authority establishes the draft market the demo sets up to succeed the FPS; two providers apply and
are admitted within its decision period; a commissioner runs a competition among its members and awards; the
call-off stands still for 8 working days and is then entered into. Each step's notice appears on its process,
validates against OCDS with the UK extension, and is published to Find a Tender (the stand-in) by the relay. The
PCR 2015 system beside it behaves as before: no notices, no standstill.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest

from api.auth.actor import Role
from api.domain import ocds_schema
from api.domain.clock import UK
from api.domain.wording import on_day
from tests.documents_support import PDF, attach
from tests.find_a_tender_standin import find_a_tender
from tests.support import DEMO_NOW, WritableApi
from tests.test_evaluation import agreed, marks
from tests.test_exclusions import Bidder, _draft, _scheme, _submit
from tests.test_find_a_tender import _relay, settings
from tests.test_offers import call, ok, pk
from tests.test_setup import mutate

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
SYSTEMS = """{ purchasingSystems(first: 10) { nodes { id regime status version standstillWorkingDays
  lots { id code placementType ageMin ageMax } notices { noticeType status } } } }"""
NOTICES = """query($system: ID) { procurementNotices(first: 50, filter: {system: $system}) { nodes {
  id noticeType findATenderType status ocid releaseId release problems findATenderNoticeId lastError } } }"""
CALL_OFF = """query($id: ID!) { node(id: $id) { ... on CallOff { id version status awardedAt standstillEndsAt
  enteredIntoAt notices { noticeType findATenderType status } } } }"""
NEEDS_SUMMARY = "Needs a calm room, visual timetables and daily speech and language therapy."
CHILD_REFERENCE = "CE-DM-2026-0042"


@dataclass
class Walk:
    """What each step of the walk left behind, for the tests that read it."""

    api: WritableApi
    lead: str
    commissioner: str
    auditor: str
    market: dict[str, Any]
    pcr: dict[str, Any]
    bidders: list[Bidder]
    call_off: str
    standstill_ends: dt.datetime
    early: dict[str, Any]
    notices_before_publishing: list[dict[str, Any]]
    published: list[dict[str, Any]]
    sent: list[dict[str, Any]]
    overdue: list[Any]


def _authority(api: WritableApi, code: str) -> int:
    found = api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    return pk(next(a["id"] for a in found if a["code"] == code))


def _systems(api: WritableApi, token: str) -> dict[str, dict[str, Any]]:
    return {s["regime"]: s for s in api.gql(SYSTEMS, token=token)["purchasingSystems"]["nodes"]}


def _schools(api: WritableApi, token: str, lot: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Verified providers, each with a day school taking the lot's ages and a common need, not in the market."""
    query = """{ providers(first: 100) { nodes { id legalName status verified identifiers { scheme identifier }
      establishments { id dayCapacity dayVacancies ageMin ageMax needs genders latitude longitude } } } }"""
    found = []
    for p in api.gql(query, token=token)["providers"]["nodes"]:
        if not (p["status"] == "ACTIVE" and p["verified"] and p["identifiers"]):
            continue
        for e in p["establishments"]:
            if e["dayCapacity"] and e["dayVacancies"] and "ASD" in e["needs"] and e["genders"] in ("MIXED", "BOYS"):
                if e["ageMin"] <= 12 <= e["ageMax"] and lot["ageMin"] <= 12 <= lot["ageMax"]:
                    found.append((p, e))
                    break
    return found


def _evaluate(api: WritableApi, lead: str, bidder: Bidder, questions: list[dict[str, Any]]) -> None:
    evaluator = api.token(Role.EVALUATOR, subject="evaluator-1")
    ok(api, "recordEvaluation", {"bidLot": bidder.bid_lot, "marks": marks(questions)}, evaluator)
    moderation = {"bidLot": bidder.bid_lot, "passedSelection": True, "scores": agreed(questions, 4), "rationale": "Ok."}
    ok(api, "moderateBidLot", moderation, lead)
    # the round stays open for the market's life: the lead authority reads its own report at once
    report = attach(api, lead, bidder.bid_lot, PDF, document_type="EVALUATION_REPORT", file_name="report.pdf")
    assert report["__typename"] == "ConfirmDocumentUploadPayload", report


@pytest.fixture(scope="module")
def walk(writable_with_people: WritableApi) -> Walk:
    api = writable_with_people
    api.at(DEMO_NOW)
    ce = _authority(api, "E06000049")
    lead = api.token(Role.LEAD_ADMIN, authority_id=ce, subject="lead.admin")
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=ce, subject="ce.commissioner")
    auditor = api.token(Role.AUDITOR)
    systems = _systems(api, lead)
    market, pcr = systems["PA2023_DYNAMIC_MARKET"], systems["PCR2015_LIGHT_TOUCH"]
    assert market["status"] == "DRAFT" and market["notices"] == []

    # 1. the lead authority establishes the market
    established = mutate(api, "activatePurchasingSystem", {"id": market["id"], "version": market["version"]}, lead)
    assert established["system"]["status"] == "ACTIVE", established
    lot = next(x for x in market["lots"] if x["placementType"] == "DAY" and x["ageMin"] <= 12 <= x["ageMax"])

    # 2. continuous admission: one window for the market's life
    questions = [
        {"kind": "SELECTION", "text": "Confirm your DfE registration."},
        {"kind": "AWARD", "text": "How do you meet complex needs?", "weight": 100},
    ]
    scheduled = ok(
        api,
        "scheduleRound",
        {
            "system": market["id"],
            "opensAt": (DEMO_NOW + HOUR).isoformat(),
            "closesAt": "2037-12-31T12:00:00+00:00",
            "lots": [lot["id"]],
            "questions": questions,
        },
        lead,
        "round { id questions { id kind number } }",
    )["round"]
    api.at(DEMO_NOW + 2 * HOUR)

    # 3. two providers apply, and are admitted within the decision period
    bidders = []
    for provider, school in _schools(api, lead, lot)[:2]:
        named = provider["identifiers"][0]
        token = api.token(Role.PROVIDER_USER, provider_id=pk(provider["id"]), subject=f"user-{pk(provider['id'])}")
        bidder = Bidder(provider["id"], provider["legalName"], token, _scheme(named["scheme"]), named["identifier"])
        _draft(api, bidder, scheduled["id"], lot["id"], school["id"], scheduled["questions"])
        assert _submit(api, bidder)["__typename"] == "SubmitBidPayload"
        bidders.append(bidder)
    assert len(bidders) == 2
    ok(api, "assignEvaluators", {"round": scheduled["id"], "evaluators": ["evaluator-1"]}, lead)
    api.at(DEMO_NOW + 5 * DAY)
    for bidder in bidders:
        _evaluate(api, lead, bidder, scheduled["questions"])
        given = {"bidLot": bidder.bid_lot, "decision": "ADMITTED", "feedback": "Admitted."}
        decided = call(api, "decideBidLot", given, lead, "bidLot { decision }")
        assert decided["__typename"] == "DecideBidLotPayload", decided
    overdue = api.gql("{ overdueApplications { bid { id } } }", token=lead)["overdueApplications"]

    # 4. a commissioner runs a competition among the members
    api.at(DEMO_NOW + 6 * DAY)
    now = DEMO_NOW + 6 * DAY
    referral = ok(
        api,
        "createReferral",
        {
            "lot": lot["id"],
            "child": {
                "reference": CHILD_REFERENCE,
                "ageAtStart": 12,
                "gender": "MALE",
                "primaryNeed": "ASD",
                "homePostcodeDistrict": "CW1",
                "homeLatitude": 53.09,
                "homeLongitude": -2.44,
                "needsSummary": NEEDS_SUMMARY,
            },
            "startBy": (now + 40 * DAY).date().isoformat(),
            "offerDeadline": (now + 3 * DAY).isoformat(),
            "mode": "COMPETITION",
        },
        commissioner,
        "referral { id }",
    )["referral"]["id"]
    ok(api, "openReferral", {"referral": referral, "providers": [b.id for b in bidders]}, commissioner)
    offers = []
    for bidder in bidders:
        schools = api.gql(
            "query($id: ID!) { node(id: $id) { ... on Referral { matches { eligible establishment { id } "
            "provider { id } } } } }",
            {"id": referral},
            token=commissioner,
        )["node"]["matches"]
        school = next(mt["establishment"]["id"] for mt in schools if mt["provider"]["id"] == bidder.id)
        offers.append(
            ok(
                api,
                "submitOffer",
                {
                    "referral": referral,
                    "establishment": school,
                    "weeklyFees": {"education": 150_000},
                    "startDate": (now + 40 * DAY).date().isoformat(),
                    "qualityAnswers": [],
                    "qualityStatement": "A small class with daily speech and language therapy.",
                },
                bidder.token,
                "offer { id }",
            )["offer"]["id"]
        )
    api.at(now + 4 * DAY)
    for i, offer in enumerate(offers):
        ok(api, "scoreOfferQuality", {"offer": offer, "score": 80 - 10 * i}, commissioner)
    awarded = ok(api, "awardReferral", {"offer": offers[0]}, commissioner, "callOff { id standstillEndsAt }")
    call_off = awarded["callOff"]["id"]
    standstill_ends = dt.datetime.fromisoformat(awarded["callOff"]["standstillEndsAt"])

    # 5. entered into only after the standstill
    seen = api.gql(CALL_OFF, {"id": call_off}, token=commissioner)["node"]
    early = call(api, "enterIntoCallOff", {"callOff": call_off, "version": seen["version"]}, commissioner)
    api.at(standstill_ends)
    entered = call(
        api, "enterIntoCallOff", {"callOff": call_off, "version": seen["version"]}, commissioner, "callOff { id }"
    )
    assert entered["__typename"] == "CallOffPayload", entered

    # 6. every notice queued, then published by the relay to Find a Tender (the stand-in)
    before = api.gql(NOTICES, {"system": market["id"]}, token=auditor)["procurementNotices"]["nodes"]
    url = api.app.state.settings.database_url
    with find_a_tender() as standin:
        asyncio.run(_relay(url, settings(standin), passes=3))
        sent = standin.releases()
    after = api.gql(NOTICES, {"system": market["id"]}, token=auditor)["procurementNotices"]["nodes"]
    return Walk(
        api=api,
        lead=lead,
        commissioner=commissioner,
        auditor=auditor,
        market=market,
        pcr=pcr,
        bidders=bidders,
        call_off=call_off,
        standstill_ends=standstill_ends,
        early=early,
        notices_before_publishing=before,
        published=after,
        sent=sent,
        overdue=overdue,
    )


def test_the_market_admits_within_its_decision_period(walk: Walk) -> None:
    assert walk.overdue == []
    query = "query($id: ID!) { node(id: $id) { ... on Provider { memberships { status lot { system { id } } } } } }"
    for bidder in walk.bidders:
        memberships = walk.api.gql(query, {"id": bidder.id}, token=walk.lead)["node"]["memberships"]
        assert {"status": "ACTIVE", "lot": {"system": {"id": walk.market["id"]}}} in memberships


def test_the_call_off_stands_still_for_8_working_days_then_is_entered_into(walk: Walk) -> None:
    assert walk.early["__typename"] == "DeadlinePassed", walk.early
    # the last day of the standstill, and the first the call-off may be entered into, in words
    last = (walk.standstill_ends.astimezone(UK) - DAY).date()
    assert f"to the end of {on_day(last)}" in walk.early["message"]
    assert f"entered into from {on_day(last + DAY)}" in walk.early["message"]
    seen = walk.api.gql(CALL_OFF, {"id": walk.call_off}, token=walk.commissioner)["node"]
    awarded = dt.datetime.fromisoformat(seen["awardedAt"])
    assert seen["standstillEndsAt"] == walk.standstill_ends.isoformat()
    assert dt.datetime.fromisoformat(seen["enteredIntoAt"]) == walk.standstill_ends > awarded
    working = [
        awarded.date() + dt.timedelta(days=n)
        for n in range((walk.standstill_ends.date() - awarded.date()).days)
        if (awarded.date() + dt.timedelta(days=n)).weekday() < 5
    ]
    assert len(working) == 8  # no bank holiday falls in March 2026's standstill


def test_each_step_gives_its_notice_on_its_process(walk: Walk) -> None:
    kinds = [(n["noticeType"], n["findATenderType"]) for n in walk.notices_before_publishing]
    assert ("DYNAMIC_MARKET_ESTABLISHMENT", "UK14") in kinds
    assert kinds.count(("DYNAMIC_MARKET_MODIFICATION", "UK15")) == 2  # each supplier added
    for expected in (("TENDER", "UK4"), ("CONTRACT_AWARD", "UK6"), ("CONTRACT_DETAILS", "UK7")):
        assert expected in kinds
    assert {n["status"] for n in walk.notices_before_publishing} == {"QUEUED"}
    on_call_off = walk.api.gql(CALL_OFF, {"id": walk.call_off}, token=walk.commissioner)["node"]["notices"]
    assert [n["findATenderType"] for n in on_call_off] == ["UK6", "UK7"]
    for notice in walk.notices_before_publishing:
        assert notice["problems"] == []
        assert ocds_schema.problems(notice["release"]) == []
        assert {"scheme": "UKPGA", "id": "2023/54"} == notice["release"]["tender"]["legalBasis"]


def test_every_notice_is_published_to_find_a_tender_with_its_id(walk: Walk) -> None:
    assert walk.published and {n["status"] for n in walk.published} == {"PUBLISHED"}
    assert all(n["findATenderNoticeId"] and n["lastError"] is None for n in walk.published)
    assert sorted(r["id"] for r in walk.sent) == sorted(n["releaseId"] for n in walk.published)
    for release in walk.sent:
        assert ocds_schema.problems(release) == []


def test_no_notice_carries_child_data(walk: Walk) -> None:
    text = json.dumps(walk.sent)
    for secret in (CHILD_REFERENCE, NEEDS_SUMMARY, "CW1", "53.09", "-2.44"):
        assert secret not in text


def test_the_pcr_system_beside_it_behaves_as_before(walk: Walk) -> None:
    pcr = _systems(walk.api, walk.lead)["PCR2015_LIGHT_TOUCH"]
    assert pcr["notices"] == [] and pcr["standstillWorkingDays"] == 0
    query = """{ callOffs(first: 20) { nodes { awardedAt enteredIntoAt standstillEndsAt notices { noticeType }
      lot { system { regime } } } } }"""
    for c in walk.api.gql(query, token=walk.auditor)["callOffs"]["nodes"]:
        if c["lot"]["system"]["regime"] == "PCR2015_LIGHT_TOUCH":
            assert c["enteredIntoAt"] == c["awardedAt"] and c["standstillEndsAt"] is None and c["notices"] == []
    # and a direct award under it names no Schedule 5 ground
    l1 = next(lot for lot in pcr["lots"] if lot["code"] == "L1")
    now = walk.api.app.state.clock.now()
    referral = ok(
        walk.api,
        "createReferral",
        {
            "lot": l1["id"],
            "child": {
                "reference": "CE-PCR-2026-0044",
                "ageAtStart": 12,
                "gender": "MALE",
                "primaryNeed": "ASD",
                "homePostcodeDistrict": "CW1",
                "homeLatitude": 53.09,
                "homeLongitude": -2.44,
                "needsSummary": NEEDS_SUMMARY,
            },
            "startBy": (now + 30 * DAY).date().isoformat(),
            "offerDeadline": (now + 2 * DAY).isoformat(),
            "mode": "DIRECT_AWARD",
        },
        walk.commissioner,
        "referral { id }",
    )["referral"]["id"]
    matches = walk.api.gql(
        "query($id: ID!) { node(id: $id) { ... on Referral { matches { eligible provider { id } } } } }",
        {"id": referral},
        token=walk.commissioner,
    )["node"]["matches"]
    provider = next(mt["provider"]["id"] for mt in matches if mt["eligible"])
    given = {"referral": referral, "providers": [provider], "directAwardGround": "URGENCY"}
    refused = call(walk.api, "openReferral", given, walk.commissioner)
    assert (refused["__typename"], refused["field"]) == ("ValidationError", "input.directAwardGround")


def test_the_lead_authority_gives_its_payments_compliance_notice_once_a_half_year(walk: Walk) -> None:
    api = walk.api
    selection = "notice { noticeType findATenderType status release }"
    given = call(api, "issuePaymentsComplianceNotice", {"system": walk.market["id"]}, walk.lead, selection)
    notice = given["notice"]
    assert (notice["noticeType"], notice["findATenderType"], notice["status"]) == (
        "PAYMENTS_COMPLIANCE",
        "UK17",
        "QUEUED",
    )
    assert ocds_schema.problems(notice["release"]) == []
    again = call(api, "issuePaymentsComplianceNotice", {"system": walk.market["id"]}, walk.lead)
    assert (again["__typename"], again["field"]) == ("Duplicate", "input.system")
    pcr = call(api, "issuePaymentsComplianceNotice", {"system": walk.pcr["id"]}, walk.lead)
    assert pcr["__typename"] == "InvalidTransition"
    other = api.token(Role.LEAD_ADMIN, authority_id=_authority(api, "E08000001"))
    assert call(api, "issuePaymentsComplianceNotice", {"system": walk.market["id"]}, other)["__typename"] == "Forbidden"


def _notices_of(walk: Walk, **filter_: str) -> list[dict[str, Any]]:
    query = """query($f: ProcurementNoticeFilter) { procurementNotices(first: 100, filter: $f) { nodes {
      noticeType findATenderType status release problems } } }"""
    return walk.api.gql(query, {"f": filter_}, token=walk.auditor)["procurementNotices"]["nodes"]


def test_the_rest_of_the_notices_come_from_the_rest_of_the_workflow(walk: Walk) -> None:
    """A change above the threshold (UK10), a termination (UK11), a direct award (UK5, UK6), a market intended
    (UK13) and one that ceases (UK16): each generated over HTTP, each valid."""
    api, commissioner = walk.api, walk.commissioner
    seen = api.gql(CALL_OFF, {"id": walk.call_off}, token=commissioner)["node"]
    start = api.gql(
        "query($id: ID!) { node(id: $id) { ... on CallOff { startDate } } }", {"id": walk.call_off}, token=commissioner
    )["node"]["startDate"]
    # a change of 12% of the annual cost: a contract change notice; one of 5% gives none
    small = call(
        api,
        "amendCallOffFees",
        {
            "callOff": walk.call_off,
            "version": seen["version"],
            "effectiveFrom": start,
            "reason": "PROVISION_CHANGE",
            "note": "Less therapy.",
            "weeklyFees": {"education": 142_500},
        },
        commissioner,
        "callOff { version }",
    )
    big = call(
        api,
        "amendCallOffFees",
        {
            "callOff": walk.call_off,
            "version": small["callOff"]["version"],
            "effectiveFrom": start,
            "reason": "PROVISION_CHANGE",
            "note": "More therapy.",
            "weeklyFees": {"education": 168_000},
        },
        commissioner,
        "callOff { version }",
    )
    ended = call(
        api,
        "terminateCallOff",
        {"callOff": walk.call_off, "version": big["callOff"]["version"], "reason": "The family moved away."},
        commissioner,
        "callOff { status }",
    )
    assert ended["callOff"]["status"] == "TERMINATED", ended
    on_call_off = [n["findATenderType"] for n in _notices_of(walk, callOff=walk.call_off)]
    assert on_call_off == ["UK6", "UK7", "UK10", "UK11"]

    # a direct award names its Schedule 5 ground, and opens with a transparency notice
    lot = next(x for x in walk.market["lots"] if x["placementType"] == "DAY" and x["ageMin"] <= 12 <= x["ageMax"])
    now = api.app.state.clock.now()
    referral = ok(
        api,
        "createReferral",
        {
            "lot": lot["id"],
            "child": {
                "reference": "CE-DM-2026-0043",
                "ageAtStart": 12,
                "gender": "MALE",
                "primaryNeed": "ASD",
                "homePostcodeDistrict": "CW2",
                "homeLatitude": 53.08,
                "homeLongitude": -2.43,
                "needsSummary": NEEDS_SUMMARY,
            },
            "startBy": (now + 30 * DAY).date().isoformat(),
            "offerDeadline": (now + 2 * DAY).isoformat(),
            "mode": "DIRECT_AWARD",
        },
        commissioner,
        "referral { id }",
    )["referral"]["id"]
    refused = call(api, "openReferral", {"referral": referral, "providers": [walk.bidders[1].id]}, commissioner)
    assert (refused["__typename"], refused["field"]) == ("ValidationError", "input.directAwardGround")
    ok(
        api,
        "openReferral",
        {"referral": referral, "providers": [walk.bidders[1].id], "directAwardGround": "USER_CHOICE"},
        commissioner,
    )
    assert [n["findATenderType"] for n in _notices_of(walk, system=walk.market["id"]) if n["findATenderType"] == "UK5"]

    # another market intended, and this one ceasing
    intended = mutate(
        api,
        "createPurchasingSystem",
        {
            "title": "North West SEND Dynamic Market, post-16",
            "reference": "NW-SEND-DM-P16",
            "ocid": "ocds-h6vhtk-nwsenddmp16",
            "regime": "PA2023_DYNAMIC_MARKET",
            "termStart": "2030-02-01",
            "termEnd": "2036-01-31",
        },
        walk.lead,
    )["system"]
    assert [n["findATenderType"] for n in _notices_of(walk, system=intended["id"])] == ["UK13"]
    version = api.gql(
        "query($id: ID!) { node(id: $id) { ... on PurchasingSystem { version } } }",
        {"id": walk.market["id"]},
        token=walk.lead,
    )["node"]["version"]
    closed = mutate(api, "closePurchasingSystem", {"id": walk.market["id"], "version": version}, walk.lead)
    assert closed["system"]["status"] == "CLOSED", closed
    kinds = [n["findATenderType"] for n in _notices_of(walk, system=walk.market["id"])]
    assert kinds[-1] == "UK16"

    every = _notices_of(walk)
    assert {"UK4", "UK5", "UK6", "UK7", "UK10", "UK11", "UK13", "UK14", "UK15", "UK16", "UK17"} <= {
        n["findATenderType"] for n in every
    }
    for notice in every:
        assert notice["problems"] == [] and ocds_schema.problems(notice["release"]) == []
    text = json.dumps([n["release"] for n in every])
    for secret in (CHILD_REFERENCE, "CE-DM-2026-0043", NEEDS_SUMMARY, "CW1", "CW2"):
        assert secret not in text


def test_the_public_ocds_publication_carries_both_systems(walk: Walk) -> None:
    releases = walk.api.http.get("/ocds/releases", params={"limit": 20}).json()["releases"]
    tenders = {r["ocid"]: r["tender"] for r in releases if "tender" in r["tag"]}
    pcr = next(r for r in releases if r["ocid"] == "ocds-h6vhtk-nwsendfps2021")
    assert "Public Contracts Regulations 2015" in pcr["tender"]["procurementMethodDetails"]
    market = tenders["ocds-h6vhtk-nwsenddm2030"]
    assert "Procurement Act 2023 dynamic market" in market["procurementMethodDetails"]
    assert market["techniques"]["hasDynamicPurchasingSystem"] is True
