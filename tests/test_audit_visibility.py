"""Who reads what of the audit trail, and of the award working: no more than a direct read would give them.

One writable demo per backend. At the demo time round 2 is open; the module makes:

- a sealed bid in round 2 (drafted, priced, answered and submitted),
- a Bolton referral with a child profile,
- another council's mini-competition, with an offer of our own among the others, scored and awarded
  (so that its call-off keeps the working with every losing offer's price),
- a change to an establishment of each of two providers.

Then the lead authority (Cheshire East's LEAD_ADMIN), an auditor and providers read the trail through
``auditEvents`` and ``nodes``, and the award working through the call-off.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from api.auth.actor import Role
from api.auth.scopes import scopes_for
from api.auth.tokens import issue_access_token
from api.domain import audit
from db import models as m
from db.engine import create_engine
from tests.support import DEMO_NOW, WritableApi
from tests.test_bids import Bidder, load_world, ok, ready_bid, version_of
from tests.test_offers import card, competing, demo_of, node, offer_input, set_questions

LATER = DEMO_NOW + dt.timedelta(days=20)  # every demo referral's offers have closed
QUESTIONS = ["How will you support the child's communication?", "How will you work with the family?"]
CHILD = {
    "reference": "BOL-2026-0417",
    "ageAtStart": 10,
    "ncYearAtStart": 5,
    "gender": "MALE",
    "primaryNeed": "ASD",
    "secondaryNeeds": ["SLCN"],
    "homePostcodeDistrict": "BL3",
    "homeLatitude": 53.5683,
    "homeLongitude": -2.4452,
    "needsSummary": "Needs a nurturing setting with therapeutic support through the day.",
}
# the types whose rows ``node`` reads: an event about one of them is checked against a direct read
NODE_TYPES = {
    "Authority",
    "PurchasingSystem",
    "Lot",
    "Specification",
    "OutcomeMeasure",
    "Provider",
    "Establishment",
    "LotMembership",
    "Document",
    "ApplicationRound",
    "Bid",
    "BidLot",
    "RoundClarification",
    "Referral",
    "Offer",
    "CallOff",
    "OutcomeReport",
}
EVENTS = """query($after: String) { auditEvents(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor } edges { node { id entityType entityId action diff } } } }"""
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on AuditEvent { entityType entityId action diff } } }"
WORKING = """query($id: ID!) { node(id: $id) { ... on CallOff { id awardWorking {
  lowestAnnualCost working offers { rank label weeklyTotal annualCost priceScore working offer { id } } } } } }"""


def gid(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


@dataclass
class Trail:
    api: WritableApi
    lead_authority: str
    lead: str
    auditor: str
    round_closes: dt.datetime
    bid: str
    bidder: Bidder
    bolton_referral: str
    invited: list[str]
    referral: str
    referring: str
    offers: list[str]
    our_offer: str
    our_fees: dict[str, int]
    call_off: str
    providers: list[Bidder]
    changed: dict[str, str]
    """Each provider's changed establishment, by provider ID."""

    def stored(self) -> list[dict[str, Any]]:
        """Every event as stored, read straight from the database."""

        async def go() -> list[dict[str, Any]]:
            engine = create_engine(self.api.app.state.settings.database_url)
            try:
                async with engine.connect() as connection:
                    table = m.AuditEvent.__table__
                    rows = await connection.execute(select(table).order_by(table.c.id))
                    return [dict(row._mapping) for row in rows]
            finally:
                await engine.dispose()

        return asyncio.run(go())

    def events(self, token: str) -> list[dict[str, Any]]:
        """The whole trail as ``token`` reads it through ``auditEvents``."""
        found: list[dict[str, Any]] = []
        after = None
        while True:
            page = self.api.gql(EVENTS, {"after": after}, token=token)["auditEvents"]
            found += [edge["node"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                return found
            after = page["pageInfo"]["endCursor"]

    def nodes(self, token: str, ids: list[str]) -> tuple[list[dict[str, Any] | None], str]:
        """What ``nodes`` gives ``token`` for ``ids``, and the responses' text."""
        seen: list[dict[str, Any] | None] = []
        text = ""
        for start in range(0, len(ids), 100):
            response = self.api.post(NODES, {"ids": ids[start : start + 100]}, token=token)
            assert response.status_code == 200, response.text
            seen += response.json()["data"]["nodes"]
            text += response.text
        return seen, text

    def readable(self, token: str, events: list[dict[str, Any]]) -> dict[str, bool]:
        """For each entity the events describe (of a type ``node`` reads), whether ``token`` reads it directly."""
        ids = sorted({gid(e["entityType"], e["entityId"]) for e in events if e["entityType"] in NODE_TYPES})
        seen, _ = self.nodes(token, ids)
        return {i: found is not None for i, found in zip(ids, seen)}


def _bolton_referral(api: WritableApi, lots: dict[str, Any]) -> tuple[str, list[str]]:
    """Bolton's referral, sent to every eligible provider; and the providers invited."""
    authorities = api.gql("{ authorities(first: 50) { edges { node { id code } } } }")["authorities"]["edges"]
    bolton = next(pk(e["node"]["id"]) for e in authorities if e["node"]["code"] == "E08000001")
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=bolton, subject="bolton.commissioner")
    referral = ok_referral(
        api,
        {
            "lot": lots["L1"]["id"],
            "child": CHILD,
            "startBy": (DEMO_NOW + dt.timedelta(days=45)).date().isoformat(),
            "offerDeadline": (DEMO_NOW + dt.timedelta(days=10)).isoformat(),
            "mode": "COMPETITION",
            "qualityQuestions": ["How will you support transition into your school?"],
        },
        commissioner,
    )
    opened = _mutate(api, "openReferral", {"referral": referral}, commissioner, "invitations { provider { id } }")
    return referral, [x["provider"]["id"] for x in opened["invitations"]]


def ok_referral(api: WritableApi, input_: dict[str, Any], token: str) -> str:
    query = """mutation($input: CreateReferralInput!) { createReferral(input: $input) { __typename
      ... on MutationError { message field } ... on CreateReferralPayload { referral { id } } } }"""
    result = api.gql(query, {"input": input_}, token=token)["createReferral"]
    assert result["__typename"] == "CreateReferralPayload", result
    return result["referral"]["id"]


def _mutate(api: WritableApi, name: str, input_: dict[str, Any], token: str, selection: str) -> dict[str, Any]:
    payload = name[0].upper() + name[1:] + "Payload"
    query = (
        f"mutation($input: {name[0].upper() + name[1:]}Input!) {{ {name}(input: $input) {{ __typename "
        f"... on MutationError {{ message field }} ... on {payload} {{ {selection} }} }} }}"
    )
    result = api.gql(query, {"input": input_}, token=token)[name]
    assert result["__typename"] == payload, result
    return result


@pytest.fixture(scope="module")
def trail(writable: WritableApi) -> Trail:
    api = writable
    world = load_world(api)  # at the demo time: round 2 is open
    lead_authority = world.lead_authority
    # a sealed bid in round 2
    bidder = world.bidder()
    bid = ready_bid(world, bidder, world.round2)
    ok(api, "submitBid", {"bid": bid, "version": version_of(world, bid, bidder.token)}, bidder.token)
    # Bolton's referral, with its child's profile
    bolton_referral, invited = _bolton_referral(api, world.lots)
    # another council's mini-competition: withdraw one provider's offer and make ours instead
    demo = demo_of(api)
    (referral,) = demo.pick(
        lambda r: competing(r) and r["lot"]["placementType"] == "DAY" and pk(r["authority"]["id"]) != lead_authority
    )
    set_questions(api, referral["id"], QUESTIONS)
    ours = demo.live_offers(referral)[-1]["provider"]["id"]
    demo.clear(referral, ours)
    membership = demo.membership(referral["lot"]["id"], ours)
    our_fees = {k: v - 7 for k, v in card(membership).items() if k != "care" and v > 7}
    made = _mutate(
        api,
        "submitOffer",
        offer_input(referral, membership["establishments"][0]["id"], our_fees),
        demo.provider(ours),
        "offer { id }",
    )
    our_offer = made["offer"]["id"]
    # two providers each change one of their establishments
    providers = [world.bidder(), world.bidder()]
    changed: dict[str, str] = {}
    for provider in providers:
        place = provider.establishments[0]["id"]
        version = api.gql(
            "query($id: ID!) { node(id: $id) { ... on Establishment { version dayCapacity } } }",
            {"id": place},
        )["node"]
        _mutate(
            api,
            "updateEstablishment",
            {"id": place, "version": version["version"], "dayVacancies": 0},
            provider.token,
            "establishment { id }",
        )
        changed[provider.provider] = place
    # offers close: the referring authority scores them (ours last) and awards the best
    api.at(LATER)
    referring = demo.commissioner(referral, subject="referring.commissioner")
    live = demo.live_offers(demo.referral(referral["id"]))
    assert len(live) >= 2 and our_offer in {o["id"] for o in live}
    others = [o["id"] for o in live if o["id"] != our_offer]
    for offer, score in [(our_offer, 5), *((o, 90 - i) for i, o in enumerate(others))]:
        _mutate(api, "scoreOfferQuality", {"offer": offer, "score": score}, referring, "offer { id }")
    version = node(api, "query($id: ID!) { node(id: $id) { ... on Referral { version } } }", referral["id"], referring)
    awarded = _mutate(
        api,
        "awardReferral",
        {"offer": others[0], "version": version["version"]},
        referring,
        "callOff { id }",
    )
    api.at(DEMO_NOW)
    return Trail(
        api=api,
        lead_authority=gid("Authority", lead_authority),
        lead=api.token(Role.LEAD_ADMIN, authority_id=lead_authority, subject="lead.admin"),
        auditor=api.token(Role.AUDITOR, subject="auditor"),
        round_closes=dt.datetime.fromisoformat(world.round2["closesAt"]),
        bid=bid,
        bidder=bidder,
        bolton_referral=bolton_referral,
        invited=invited,
        referral=referral["id"],
        referring=referring,
        offers=[o["id"] for o in live],
        our_offer=our_offer,
        our_fees=our_fees,
        call_off=awarded["callOff"]["id"],
        providers=providers,
        changed=changed,
    )


@pytest.fixture()
def now(trail: Trail) -> Any:
    """The clock at the demo time (round 2 open) for the test, and put back afterwards."""
    trail.api.at(DEMO_NOW)
    yield trail.api
    trail.api.at(DEMO_NOW)


def _about(events: list[dict[str, Any]], entity: str) -> list[dict[str, Any]]:
    return [e for e in events if gid(e["entityType"], e["entityId"]) == entity]


def _event_ids(stored: list[dict[str, Any]], entity: str | None = None) -> list[str]:
    return [
        gid("AuditEvent", e["id"]) for e in stored if entity is None or gid(e["entity_type"], e["entity_id"]) == entity
    ]


# -- the lead authority -----------------------------------------------------------------------------


def test_the_lead_authority_reads_no_other_councils_offers_or_fees_in_the_trail(trail: Trail, now: Any) -> None:
    stored = trail.stored()
    offer_events = [i for offer in trail.offers for i in _event_ids(stored, offer)]
    assert offer_events, "the offers made and scored are in the trail"
    # they are not the lead authority's offers: it cannot read them directly...
    assert not any(
        trail.readable(trail.lead, [{"entityType": "Offer", "entityId": pk(o)} for o in trail.offers]).values()
    )
    # ...nor their history, in the list or by ID
    events = trail.events(trail.lead)
    assert not [e for o in trail.offers for e in _about(events, o)]
    seen, text = trail.nodes(trail.lead, offer_events)
    assert seen == [None] * len(offer_events)
    # fees it reads in the trail are a call-off's, which it may read directly
    assert {e["entityType"] for e in events if "weeklyFees" in json.dumps(e["diff"])} <= {"CallOff"}
    listed = json.dumps(events)
    # the losing offer we made: its fees are nowhere in what the lead authority reads of the trail
    ours = trail.our_fees["education"]
    assert str(ours) not in listed and str(ours) not in text


def test_the_lead_authority_reads_no_child_of_another_councils_referral(trail: Trail, now: Any) -> None:
    stored = trail.stored()
    about = _event_ids(stored, trail.bolton_referral)
    assert about, "creating the referral is in the trail"
    created = next(e for e in stored if gid(e["entity_type"], e["entity_id"]) == trail.bolton_referral)
    assert created["diff"]["after"]["homePostcodeDistrict"] == "BL3"  # stored as recorded: filtered on read
    events = trail.events(trail.lead)
    assert _about(events, trail.bolton_referral) == []
    seen, text = trail.nodes(trail.lead, about)
    assert seen == [None] * len(about)
    listed = json.dumps(events)
    for body in (listed, text):
        assert '"BL3"' not in body and '"primaryNeed"' not in body and "BOL-2026-0417" not in body


def test_a_reader_of_a_referral_who_may_not_see_its_child_reads_its_history_without_the_child(
    trail: Trail, now: Any
) -> None:
    """Someone from the lead authority who also works for a provider invited to Bolton's referral reads the
    referral (pseudonymised) and so its history; but the child's profile in the diffs is withheld, field by
    field, as it is not shown to them as recorded."""
    api = trail.api
    settings = api.app.state.settings
    roles = [Role.LEAD_ADMIN, Role.PROVIDER_USER]
    both = issue_access_token(
        api.app.state.signing_key,
        issuer=settings.oauth_issuer,
        audience=settings.oauth_audience,
        subject="lead-and-provider",
        client_id="tests",
        roles=roles,
        scopes=tuple(sorted({s for role in roles for s in scopes_for(role)})),
        authority_id=pk(trail.lead_authority),
        provider_id=pk(trail.invited[0]),
    )
    child = api.gql(
        "query($id: ID!) { node(id: $id) { ... on Referral { child { pseudonymised primaryNeed } } } }",
        {"id": trail.bolton_referral},
        token=both,
    )["node"]["child"]
    assert child["pseudonymised"] is True
    events = _about(trail.events(both), trail.bolton_referral)
    assert [e["action"] for e in events] == ["referral.created", "referral.opened"]
    created = events[0]["diff"]["after"]
    for name in ("ageAtStart", "gender", "primaryNeed", "secondaryNeed1", "homePostcodeDistrict", "childReference"):
        assert created[name] == "(withheld)", (name, created)
    assert created["startBy"] and created["mode"] == "COMPETITION"  # what is not the child's is shown
    seen, text = trail.nodes(both, [e["id"] for e in events])
    assert [s["diff"] for s in seen if s] == [e["diff"] for e in events]
    assert '"BL3"' not in text and "BOL-2026-0417" not in text


def test_the_lead_authority_reads_no_sealed_bid_in_the_trail(trail: Trail, now: Any) -> None:
    stored = trail.stored()
    about = _event_ids(stored, trail.bid)
    digests = [
        e["diff"]["after"]["digest"]
        for e in stored
        if e["id"] in {pk(i) for i in about} and e["diff"]["after"] and e["diff"]["after"].get("digest")
    ]
    assert len(about) >= 4 and digests
    for token in (trail.lead, trail.auditor):  # sealed from both until the round closes
        events = trail.events(token)
        assert _about(events, trail.bid) == []
        assert not [e for e in events if e["entityType"] in ("Bid", "BidLot")]
        seen, text = trail.nodes(token, about)
        assert seen == [None] * len(about)
        listed = json.dumps(events)
        for digest in digests:
            assert digest not in listed and digest not in text


def test_once_the_round_closes_the_bid_history_is_read_with_keyed_digests(trail: Trail, now: Any) -> None:
    api = trail.api
    api.at(trail.round_closes + dt.timedelta(seconds=1))
    bid = api.gql(
        """query($id: ID!) { node(id: $id) { ... on Bid { lots { lot { id }
          establishments { id } pricingSchedule { band element weeklyFee } } } } }""",
        {"id": trail.bid},
        token=trail.lead,
    )["node"]
    (lot,) = bid["lots"]
    events = _about(trail.events(trail.lead), trail.bid)
    assert [e["action"] for e in events] == ["bid.created", "bid.lot_set", "bid.answers_saved", "bid.submitted"]
    digest = events[1]["diff"]["after"]["digest"]
    assert len(digest) == 64
    # the lot as the trail digests it: what anyone who read or guessed the prices could work out...
    content = {
        "lot": pk(lot["lot"]["id"]),
        "establishments": sorted(pk(e["id"]) for e in lot["establishments"]),
        "pricing": sorted([p["band"], p["element"], p["weeklyFee"]] for p in lot["pricingSchedule"]),
    }
    body = json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
    # ...does not give the digest: it is keyed with a secret of the server's
    assert digest != hashlib.sha256(body).hexdigest()
    key = audit.digest_key(api.app.state.signing_key.as_pem(private=True))
    assert digest == hmac.new(key, body, hashlib.sha256).hexdigest()


def test_every_event_the_lead_authority_reads_is_about_what_it_may_read(trail: Trail, now: Any) -> None:
    events = trail.events(trail.lead)
    assert events
    readable = trail.readable(trail.lead, events)
    unreadable = [e for e in events if not readable.get(gid(e["entityType"], e["entityId"]), True)]
    assert unreadable == []
    # and through ``nodes``: every event it may not read is null
    stored = trail.stored()
    shown = {e["id"] for e in events}
    seen, _ = trail.nodes(trail.lead, _event_ids(stored))
    assert {s["id"] for s in seen if s is not None} == shown


# -- auditors --------------------------------------------------------------------------------------


def test_an_auditor_reads_only_events_about_what_it_may_read(trail: Trail, now: Any) -> None:
    events = trail.events(trail.auditor)
    readable = trail.readable(trail.auditor, events)
    assert [e for e in events if not readable.get(gid(e["entityType"], e["entityId"]), True)] == []
    stored = trail.stored()
    assert len(events) < len(stored)  # the sealed bid's events are not among them
    seen, _ = trail.nodes(trail.auditor, _event_ids(stored))
    assert {s["id"] for s in seen if s is not None} == {e["id"] for e in events}
    # what auditors may read, they read in full: the offers, their fees and Bolton's referral
    assert _about(events, trail.our_offer) and _about(events, trail.bolton_referral)
    submitted = _about(events, trail.our_offer)[0]["diff"]["after"]
    assert submitted["weeklyFees"]["education"] == trail.our_fees["education"]


# -- providers -------------------------------------------------------------------------------------


def test_a_provider_reads_only_its_own_establishments_history(trail: Trail, now: Any) -> None:
    stored = trail.stored()
    everything = _event_ids(stored)
    for provider in trail.providers:
        assert trail.api.errors("{ auditEvents(first: 1) { totalCount } }", token=provider.token)
        seen, text = trail.nodes(provider.token, everything)
        mine = [s for s in seen if s is not None]
        assert mine and all(gid(s["entityType"], s["entityId"]) == trail.changed[provider.provider] for s in mine)
        others = [p for p in trail.changed if p != provider.provider]
        assert all(trail.changed[p] not in text for p in others)
    # nor the bidder, its bid's history or anyone's offers
    seen, _ = trail.nodes(trail.bidder.token, everything)
    assert [s for s in seen if s is not None] == []


# -- the award working -----------------------------------------------------------------------------


def test_the_award_working_shows_no_losing_offers_price_to_those_who_may_not_read_them(trail: Trail, now: Any) -> None:
    api = trail.api
    # the referring authority and auditors read every offer ranked, and the working with them
    for token in (trail.referring, trail.auditor):
        working = node(api, WORKING, trail.call_off, token)["awardWorking"]
        assert working is not None and len(working["offers"]) == len(trail.offers)
        ours = next(o for o in working["offers"] if o["offer"]["id"] == trail.our_offer)
        assert ours["weeklyTotal"] == sum(trail.our_fees.values())
    # the lead authority sees the call-off (it publishes them), but cannot read the offers it derives from
    response = api.post(WORKING, {"id": trail.call_off}, token=trail.lead)
    call_off = response.json()["data"]["node"]
    assert call_off is not None and call_off["id"] == trail.call_off
    for offer in trail.offers:
        direct = api.post("query($id: ID!) { node(id: $id) { id } }", {"id": offer}, token=trail.lead).json()
        assert (direct.get("data") or {}).get("node") is None
    working = call_off["awardWorking"]
    assert working is None
    assert str(sum(trail.our_fees.values())) not in response.text
    # the same through the list
    listed = api.post(
        "{ callOffs(last: 5) { nodes { id awardWorking { offers { weeklyTotal annualCost } } } } }", token=trail.lead
    )
    mine = next(n for n in listed.json()["data"]["callOffs"]["nodes"] if n["id"] == trail.call_off)
    assert mine["awardWorking"] is None


def test_chain_hashes_are_shown_to_auditors_only(trail: Trail, now: Any) -> None:
    """A hash is over the whole stored event: whoever may not read every field of it must not have it, or they
    could test guesses of a withheld field offline."""
    query = "{ auditEvents(last: 20) { nodes { id hash previousHash } } }"
    for_lead = trail.api.gql(query, token=trail.lead)["auditEvents"]["nodes"]
    assert for_lead and all(e["hash"] is None and e["previousHash"] is None for e in for_lead)
    for_auditor = trail.api.gql(query, token=trail.auditor)["auditEvents"]["nodes"]
    assert for_auditor and all(len(e["hash"]) == 64 for e in for_auditor)
