"""Bids end to end over HTTP: drafting, pricing, answering, submitting, withdrawing, sealing.

Each backend gets its own demo database. At the demo time round 2 is open;
most tests bid in it with providers that have no bid there yet, and some
schedule rounds of their own.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from api.auth.actor import Role
from api.schema import schema
from db.demo import data
from db.engine import create_engine
from tests.support import DEMO_NOW, WritableApi

MICROSECOND = dt.timedelta(microseconds=1)
WHY = "We have decided not to apply for this lot this round."
"""A reason for withdrawing a bid."""
BANDS = ("STANDARD", "ENHANCED", "COMPLEX")

PAYLOADS = {
    "scheduleRound": "round { id number status version lots { id code } questions { id number kind weight } }",
    "rescheduleRound": "round { id status version opensAt closesAt clarificationDeadline standstillEndsAt }",
    "cancelRound": "round { id status version cancelReason }",
    "askClarification": "clarification { id question answer askedByYou }",
    "answerClarification": "clarification { id question answer answeredAt }",
    "createBid": "bid { id status version }",
    "setBidLot": (
        "bid { id version } bidLot { id lot { code } establishments { id } pricingSchedule { band element weeklyFee } }"
    ),
    "removeBidLot": "bid { id version lots { id } }",
    "answerQuestions": "bid { id version answers { answer question { number } } }",
    "submitBid": "bid { id status version submittedAt }",
    "withdrawBid": "bid { id status version withdrawnAt }",
}


def gid(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def at(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def mutation_text(name: str) -> str:
    """The mutation with its payload's fields and every error it declares."""
    input_type = name[0].upper() + name[1:] + "Input"
    payload = name[0].upper() + name[1:] + "Payload"
    members = {t.name for t in schema._schema.mutation_type.fields[name].type.of_type.types}  # type: ignore[union-attr]
    extra = {"DeadlinePassed": "deadline", "StaleVersion": "currentVersion"}
    errors = " ".join(f"... on {t} {{ {f} }}" for t, f in extra.items() if t in members)
    return (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ __typename "
        f"... on MutationError {{ code message field }} {errors} ... on {payload} {{ {PAYLOADS[name]} }} }} }}"
    )


def call(api: WritableApi, name: str, input: dict[str, Any], token: str) -> dict[str, Any]:
    """Run one mutation; return its result (a payload or a typed error)."""
    return api.gql(mutation_text(name), {"input": input}, token=token)[name]


def ok(api: WritableApi, name: str, input: dict[str, Any], token: str) -> dict[str, Any]:
    result = call(api, name, input, token)
    assert result["__typename"].endswith("Payload"), result
    return result


def refused(api: WritableApi, name: str, input: dict[str, Any], token: str, typename: str) -> dict[str, Any]:
    result = call(api, name, input, token)
    assert result["__typename"] == typename, result
    return result


def run_sql(api: WritableApi, statement: str, **params: Any) -> None:
    """Set up a state no mutation of this module reaches, straight in the test database."""

    async def go() -> None:
        engine = create_engine(api.app.state.settings.database_url)
        try:
            async with engine.begin() as connection:
                await connection.execute(text(statement), params)
        finally:
            await engine.dispose()

    asyncio.run(go())


# -- the demo, as the tests see it ----------------------------------------------------


@dataclass
class Bidder:
    """A provider, its token, and its establishments' public profiles."""

    name: str
    provider: str
    token: str
    establishments: list[dict[str, Any]]

    def serving(self, lot: dict[str, Any]) -> list[str]:
        """Its establishments with places of the lot's kind and ages in its band."""
        kind = "residentialCapacity" if lot["placementType"] == "RESIDENTIAL" else "dayCapacity"
        return [
            e["id"]
            for e in self.establishments
            if e[kind] > 0 and e["ageMin"] <= lot["ageMax"] and e["ageMax"] >= lot["ageMin"]
        ]


@dataclass
class World:
    api: WritableApi
    system: str
    lead: str
    lead_authority: int
    auditor: str
    lots: dict[str, dict[str, Any]]
    round2: dict[str, Any]
    bidders: list[Bidder]
    suspended: Bidder
    used: set[str] = field(default_factory=set)
    unverified: set[str] = field(default_factory=set)

    def bidder(self, where: Any = None) -> Bidder:
        """A verified, active provider without a bid in round 2 and not used by another test."""
        chosen = next(b for b in self.bidders if b.name not in self.used and (where is None or where(b)))
        self.used.add(chosen.name)
        return chosen

    def any_bidders(self) -> list[Bidder]:
        """Every verified, active provider, used or not: for rounds of a test's own."""
        return [b for b in self.bidders if b.name not in self.unverified]

    def lot_for(self, bidder: Bidder, *, placement: str | None = None) -> dict[str, Any]:
        return next(
            lot
            for lot in self.lots.values()
            if bidder.serving(lot) and (placement is None or lot["placementType"] == placement)
        )


WORLD_QUERY = """{
  purchasingSystems(first: 5) { edges { node { id leadAuthority { id }
    lots { id code placementType ageMin ageMax } } } }
  applicationRounds(first: 10) { edges { node { id number status closesAt version
    questions { id number kind } lots { id code } } } }
}"""

PROVIDERS_QUERY = """{ providers(first: 100) { edges { node { id legalName status verified
  establishments { id name dayCapacity residentialCapacity ageMin ageMax } } } } }"""


def load_world(api: WritableApi) -> World:
    api.at(DEMO_NOW)
    found = api.gql(WORLD_QUERY)
    system = found["purchasingSystems"]["edges"][0]["node"]
    rounds = {e["node"]["number"]: e["node"] for e in found["applicationRounds"]["edges"]}
    lead_authority = pk(system["leadAuthority"]["id"])
    in_round_two = {p.legal_name for p in data.PROVIDERS if p.round_two is not None}
    bidders: list[Bidder] = []
    suspended = None
    for edge in api.gql(PROVIDERS_QUERY)["providers"]["edges"]:
        node = edge["node"]
        bidder = Bidder(
            name=node["legalName"],
            provider=node["id"],
            token=api.token(Role.PROVIDER_USER, provider_id=pk(node["id"]), subject=f"user-of-{pk(node['id'])}"),
            establishments=node["establishments"],
        )
        if node["status"] != "ACTIVE":
            suspended = bidder
        elif node["verified"] and node["legalName"] not in in_round_two and node["establishments"]:
            bidders.append(bidder)
    assert suspended is not None and len(bidders) > 30
    return World(
        api=api,
        system=system["id"],
        lead=api.token(Role.LEAD_ADMIN, authority_id=lead_authority),
        lead_authority=lead_authority,
        auditor=api.token(Role.AUDITOR),
        lots={lot["code"]: lot for lot in system["lots"]},
        round2=rounds[2],
        bidders=bidders,
        suspended=suspended,
    )


def full_pricing(lot: dict[str, Any], base: int = 150_000) -> list[dict[str, Any]]:
    """A full schedule: education, therapies and (for residential lots) care, in every band."""
    elements = ["EDUCATION", "THERAPIES"] + (["CARE"] if lot["placementType"] == "RESIDENTIAL" else [])
    return [
        {"band": band, "element": element, "weeklyFee": base + 10_000 * i + 1_000 * j}
        for i, band in enumerate(BANDS)
        for j, element in enumerate(elements)
    ]


def all_answers(round_: dict[str, Any], prefix: str = "Our answer") -> list[dict[str, str]]:
    return [{"question": q["id"], "answer": f"{prefix} to question {q['number']}."} for q in round_["questions"]]


def ready_bid(world: World, bidder: Bidder, round_: dict[str, Any], *, lot: dict[str, Any] | None = None) -> str:
    """A complete draft of ``bidder`` in ``round_``: one lot priced and every question answered."""
    api = world.api
    bid = ok(api, "createBid", {"round": round_["id"]}, bidder.token)["bid"]
    lot = lot or next(world.lots[x["code"]] for x in round_["lots"] if bidder.serving(world.lots[x["code"]]))
    ok(
        api,
        "setBidLot",
        {"bid": bid["id"], "lot": lot["id"], "establishments": bidder.serving(lot)[:1], "pricing": full_pricing(lot)},
        bidder.token,
    )
    ok(api, "answerQuestions", {"bid": bid["id"], "answers": all_answers(round_)}, bidder.token)
    return bid["id"]


def version_of(world: World, bid: str, token: str) -> int:
    found = world.api.gql("query($id: ID!) { node(id: $id) { ... on Bid { version } } }", {"id": bid}, token=token)
    return found["node"]["version"]


STANDARD_QUESTIONS = [
    {"kind": "SELECTION", "text": "Confirm your registrations."},
    {"kind": "AWARD", "text": "Describe your curriculum.", "weight": 60},
    {"kind": "AWARD", "text": "Describe your outcomes.", "weight": 40},
]


def schedule_round(
    world: World,
    *,
    opens: dt.datetime,
    closes: dt.datetime,
    clarification: dt.datetime | None = None,
    standstill: dt.datetime | None = None,
    lots: list[str] | None = None,
) -> dict[str, Any]:
    """Schedule a round of the demo system with every lot and three questions; the clock must be before ``opens``."""
    result = ok(
        world.api,
        "scheduleRound",
        {
            "system": world.system,
            "opensAt": at(opens),
            "closesAt": at(closes),
            "clarificationDeadline": clarification and at(clarification),
            "standstillEndsAt": standstill and at(standstill),
            "lots": [world.lots[code]["id"] for code in (lots or list(world.lots))],
            "questions": STANDARD_QUESTIONS,
        },
        world.lead,
    )
    return result["round"]


@pytest.fixture(scope="module")
def world(writable: WritableApi) -> Iterator[World]:
    yield load_world(writable)
    writable.at(DEMO_NOW)


@pytest.fixture(autouse=True)
def _demo_time(writable: WritableApi) -> Iterator[None]:
    writable.at(DEMO_NOW)
    yield
    writable.at(DEMO_NOW)


# -- drafting and submitting -------------------------------------------------------------


def test_a_provider_drafts_prices_answers_and_submits_a_bid(world: World) -> None:
    api, bidder, round2 = world.api, world.bidder(), world.round2
    lot = world.lot_for(bidder, placement="DAY")
    bid = ok(api, "createBid", {"round": round2["id"]}, bidder.token)["bid"]
    assert bid["status"] == "DRAFT"

    pricing = full_pricing(lot)
    chosen = ok(
        api,
        "setBidLot",
        {"bid": bid["id"], "lot": lot["id"], "establishments": bidder.serving(lot), "pricing": pricing},
        bidder.token,
    )
    assert chosen["bidLot"]["lot"]["code"] == lot["code"]
    assert {(p["band"], p["element"], p["weeklyFee"]) for p in chosen["bidLot"]["pricingSchedule"]} == {
        (p["band"], p["element"], p["weeklyFee"]) for p in pricing
    }
    assert chosen["bid"]["version"] > bid["version"]

    answered = ok(api, "answerQuestions", {"bid": bid["id"], "answers": all_answers(round2)}, bidder.token)
    assert len(answered["bid"]["answers"]) == len(round2["questions"])

    version = answered["bid"]["version"]
    submitted = ok(api, "submitBid", {"bid": bid["id"], "version": version}, bidder.token)["bid"]
    assert submitted["status"] == "SUBMITTED"
    assert dt.datetime.fromisoformat(submitted["submittedAt"]) == DEMO_NOW
    assert submitted["version"] == version + 1

    mine = api.gql(
        "query($id: ID!) { node(id: $id) { ... on Bid { status provider { id } round { id } "
        "lots { lot { code } establishments { id } pricingSchedule { weeklyFee } } answers { answer } } } }",
        {"id": bid["id"]},
        token=bidder.token,
    )["node"]
    assert mine["status"] == "SUBMITTED" and mine["provider"]["id"] == bidder.provider
    assert len(mine["lots"][0]["pricingSchedule"]) == len(pricing)


def test_every_change_is_audited_without_revealing_sealed_content(world: World) -> None:
    api, bidder = world.api, world.bidder()
    bid = ready_bid(world, bidder, world.round2)
    ok(api, "submitBid", {"bid": bid, "version": version_of(world, bid, bidder.token)}, bidder.token)
    query = "query($id: ID!) { auditEvents(first: 50, filter: {entity: $id}) { edges { node { action actor diff } } } }"
    # the bid's history is sealed with the bid: no one reads it before the round closes
    for token in (world.lead, world.auditor):
        assert api.gql(query, {"id": bid}, token=token)["auditEvents"]["edges"] == []
    try:
        api.at(dt.datetime.fromisoformat(world.round2["closesAt"]))
        events = api.gql(query, {"id": bid}, token=world.lead)["auditEvents"]["edges"]
    finally:
        api.at(DEMO_NOW)
    actions = [e["node"]["action"] for e in events]
    assert actions == ["bid.created", "bid.lot_set", "bid.answers_saved", "bid.submitted"]
    for event in events:
        diff = event["node"]["diff"]
        assert set(diff) >= {"before", "after"}, diff
        assert event["node"]["actor"] == f"user-of-{pk(bidder.provider)}"
    lot_set = events[1]["node"]["diff"]
    assert lot_set["before"] is None and lot_set["after"]["pricingLines"] > 0 and len(lot_set["after"]["digest"]) == 64
    submitted = events[3]["node"]["diff"]
    assert submitted["before"]["status"] == "DRAFT" and submitted["after"]["status"] == "SUBMITTED"
    text_of_events = str([e["node"]["diff"] for e in events])
    assert "150000" not in text_of_events and "Our answer" not in text_of_events


def test_one_live_bid_per_provider_per_round(world: World) -> None:
    api, bidder, round2 = world.api, world.bidder(), world.round2
    first = ok(api, "createBid", {"round": round2["id"]}, bidder.token)["bid"]
    second = refused(api, "createBid", {"round": round2["id"]}, bidder.token, "InvalidTransition")
    assert second["field"] == "input.round"
    ok(api, "withdrawBid", {"bid": first["id"], "version": first["version"], "reason": WHY}, bidder.token)
    again = ok(api, "createBid", {"round": round2["id"]}, bidder.token)["bid"]
    assert again["id"] != first["id"] and again["status"] == "DRAFT"


def test_two_simultaneous_drafts_make_one_bid_not_an_error(world: World) -> None:
    api, bidder = world.api, world.bidder()
    results = simultaneously(api, [("createBid", {"round": world.round2["id"]}, bidder.token)] * 2)
    kinds = sorted(r["__typename"] for r in results)
    assert kinds == ["CreateBidPayload", "InvalidTransition"], results
    mine = api.gql(
        "query($r: ID!) { bids(first: 10, filter: {round: $r}) { totalCount } }",
        {"r": world.round2["id"]},
        token=bidder.token,
    )
    assert mine["bids"]["totalCount"] == 1


def test_a_submitted_bid_is_withdrawn_and_resubmitted_as_a_new_bid(world: World) -> None:
    api, bidder, round2 = world.api, world.bidder(), world.round2
    bid = ready_bid(world, bidder, round2)
    submitted = ok(api, "submitBid", {"bid": bid, "version": version_of(world, bid, bidder.token)}, bidder.token)
    leave = {"bid": bid, "version": submitted["bid"]["version"], "reason": WHY}
    withdrawn = ok(api, "withdrawBid", leave, bidder.token)["bid"]
    assert withdrawn["status"] == "WITHDRAWN"
    # the withdrawn bid stays withdrawn: it is the record of what was withdrawn
    refused(api, "submitBid", {"bid": bid, "version": withdrawn["version"]}, bidder.token, "InvalidTransition")
    # a new draft, copied from it, carries its lots, prices and answers
    copy = ok(api, "createBid", {"round": round2["id"], "copyFrom": bid}, bidder.token)["bid"]
    copied = api.gql(
        "query($id: ID!) { node(id: $id) { ... on Bid { lots { pricingSchedule { weeklyFee } } "
        "answers { answer } } } }",
        {"id": copy["id"]},
        token=bidder.token,
    )["node"]
    assert copied["lots"][0]["pricingSchedule"] and len(copied["answers"]) == len(round2["questions"])
    resubmitted = ok(api, "submitBid", {"bid": copy["id"], "version": copy["version"]}, bidder.token)["bid"]
    assert resubmitted["status"] == "SUBMITTED"
    statuses = api.gql(
        "query($r: ID!) { bids(first: 10, filter: {round: $r}) { edges { node { id status } } } }",
        {"r": round2["id"]},
        token=bidder.token,
    )["bids"]["edges"]
    assert sorted(e["node"]["status"] for e in statuses) == ["SUBMITTED", "WITHDRAWN"]


def test_copying_needs_a_withdrawn_bid_of_your_own(world: World) -> None:
    api, bidder, other = world.api, world.bidder(), world.bidder()
    live = ok(api, "createBid", {"round": world.round2["id"]}, bidder.token)["bid"]
    foreign = ok(api, "createBid", {"round": world.round2["id"]}, other.token)["bid"]
    ok(api, "withdrawBid", {"bid": foreign["id"], "version": foreign["version"], "reason": WHY}, other.token)
    ok(api, "withdrawBid", {"bid": live["id"], "version": live["version"], "reason": WHY}, bidder.token)
    result = refused(
        api, "createBid", {"round": world.round2["id"], "copyFrom": foreign["id"]}, bidder.token, "NotFound"
    )
    assert result["field"] == "input.copyFrom"


def test_only_verified_active_providers_bid(world: World) -> None:
    api = world.api
    result = refused(api, "createBid", {"round": world.round2["id"]}, world.suspended.token, "InvalidTransition")
    assert "is suspended" in result["message"]
    unverified = world.bidder()
    world.unverified.add(unverified.name)
    run_sql(api, "UPDATE provider SET verified_at = NULL WHERE id = :id", id=pk(unverified.provider))
    result = refused(api, "createBid", {"round": world.round2["id"]}, unverified.token, "InvalidTransition")
    assert "verify" in result["message"]


def test_a_provider_cannot_touch_another_providers_bid(world: World) -> None:
    api, owner, other = world.api, world.bidder(), world.bidder()
    bid = ok(api, "createBid", {"round": world.round2["id"]}, owner.token)["bid"]
    lot = world.lot_for(owner)
    attempts = {
        "setBidLot": {"bid": bid["id"], "lot": lot["id"], "establishments": [], "pricing": []},
        "removeBidLot": {"bid": bid["id"], "lot": lot["id"]},
        "answerQuestions": {"bid": bid["id"], "answers": []},
        "submitBid": {"bid": bid["id"], "version": bid["version"]},
        "withdrawBid": {"bid": bid["id"], "version": bid["version"], "reason": WHY},
    }
    for name, input in attempts.items():
        result = refused(api, name, input, other.token, "NotFound")
        assert result["field"] == "input.bid", (name, result)


# -- the lot, its establishments and pricing schedule --------------------------------------


def test_set_bid_lot_replaces_what_the_bid_offers_for_the_lot(world: World) -> None:
    api, lot = world.api, world.lots["L1"]
    bidder = world.bidder(lambda b: len(b.serving(lot)) >= 2)
    bid = ok(api, "createBid", {"round": world.round2["id"]}, bidder.token)["bid"]
    two = bidder.serving(lot)[:2]
    ok(
        api,
        "setBidLot",
        {"bid": bid["id"], "lot": lot["id"], "establishments": two, "pricing": full_pricing(lot)},
        bidder.token,
    )
    again = ok(
        api,
        "setBidLot",
        {"bid": bid["id"], "lot": lot["id"], "establishments": two[:1], "pricing": full_pricing(lot, base=90_000)},
        bidder.token,
    )["bidLot"]
    assert [e["id"] for e in again["establishments"]] == two[:1]
    assert min(p["weeklyFee"] for p in again["pricingSchedule"]) == 90_000
    assert len(again["pricingSchedule"]) == 6

    removed = ok(api, "removeBidLot", {"bid": bid["id"], "lot": lot["id"]}, bidder.token)["bid"]
    assert removed["lots"] == []
    result = refused(api, "removeBidLot", {"bid": bid["id"], "lot": lot["id"]}, bidder.token, "NotFound")
    assert result["field"] == "input.lot"


def _bad_lot_inputs(world: World, bidder: Bidder, other: Bidder) -> list[tuple[str, Any, str, str]]:
    """(case, change to a good setBidLot input, error type, field)."""
    day, residential = world.lots["L1"], world.lots["L3"]
    good = full_pricing(day)
    day_only = next(
        e["id"] for e in bidder.establishments if e["residentialCapacity"] == 0 and e["id"] in bidder.serving(day)
    )
    return [
        ("a lot of no round", {"lot": gid("Lot", 9999)}, "ValidationError", "input.lot"),
        ("not a lot ID", {"lot": world.round2["id"]}, "ValidationError", "input.lot"),
        ("a malformed bid ID", {"bid": "not-an-id"}, "ValidationError", "input.bid"),
        ("no establishments", {"establishments": []}, "ValidationError", "input.establishments"),
        (
            "another provider's establishment",
            {"establishments": [other.establishments[0]["id"]]},
            "ValidationError",
            "input.establishments[0]",
        ),
        (
            "an establishment twice",
            {"establishments": [day_only, day_only]},
            "ValidationError",
            "input.establishments[1]",
        ),
        (
            "a day school for a residential lot",
            {"lot": residential["id"], "establishments": [day_only], "pricing": full_pricing(residential)},
            "ValidationError",
            "input.establishments[0]",
        ),
        ("no pricing", {"pricing": []}, "ValidationError", "input.pricing"),
        ("a line twice", {"pricing": [*good, good[3]]}, "ValidationError", f"input.pricing[{len(good)}].element"),
        (
            "care on a day lot",
            {"pricing": [*good, {"band": "STANDARD", "element": "CARE", "weeklyFee": 1}]},
            "ValidationError",
            f"input.pricing[{len(good)}].element",
        ),
        ("a band missing", {"pricing": good[:-1]}, "ValidationError", "input.pricing"),
        (
            "no education",
            {"pricing": [p for p in good if p["element"] != "EDUCATION"]},
            "ValidationError",
            "input.pricing",
        ),
        (
            "an absurd fee",
            {"pricing": [{**good[0], "weeklyFee": 10_000_001}, *good[1:]]},
            "ValidationError",
            "input.pricing[0].weeklyFee",
        ),
    ]


def test_set_bid_lot_refuses_bad_input_with_field_paths(world: World) -> None:
    api, day = world.api, world.lots["L1"]
    bidder = world.bidder(
        lambda b: any(e["residentialCapacity"] == 0 and e["id"] in b.serving(day) for e in b.establishments)
    )
    other = world.bidder()
    bid = ok(api, "createBid", {"round": world.round2["id"]}, bidder.token)["bid"]
    good = {
        "bid": bid["id"],
        "lot": day["id"],
        "establishments": bidder.serving(day)[:1],
        "pricing": full_pricing(day),
    }
    for case, change, typename, path in _bad_lot_inputs(world, bidder, other):
        result = refused(api, "setBidLot", {**good, **change}, bidder.token, typename)
        assert result["field"] == path, (case, result)
        assert result["message"], case
    # nothing half-written: the bid still has no lots, and its version is unchanged
    assert version_of(world, bid["id"], bidder.token) == bid["version"]
    # a negative fee is refused by the Pence scalar itself
    negative = {**good, "pricing": [{**good["pricing"][0], "weeklyFee": -1}, *good["pricing"][1:]]}
    errors = api.errors(mutation_text("setBidLot"), {"input": negative}, token=bidder.token)
    assert "Pence" in errors[0]["message"] or "pence" in errors[0]["message"]


def test_answers_one_per_question_of_the_round(world: World) -> None:
    api, bidder, round2 = world.api, world.bidder(), world.round2
    bid = ok(api, "createBid", {"round": round2["id"]}, bidder.token)["bid"]
    q1, q2 = round2["questions"][0]["id"], round2["questions"][1]["id"]
    round1_question = next(
        e["node"]["questions"][0]["id"]
        for e in api.gql(WORLD_QUERY)["applicationRounds"]["edges"]
        if e["node"]["number"] == 1
    )
    cases = [
        ([], "input.answers"),
        ([{"question": q1, "answer": "a"}, {"question": q1, "answer": "b"}], "input.answers[1].question"),
        ([{"question": round1_question, "answer": "a"}], "input.answers[0].question"),
        ([{"question": q1, "answer": "   "}], "input.answers[0].answer"),
        ([{"question": world.round2["id"], "answer": "a"}], "input.answers[0].question"),
    ]
    for answers, path in cases:
        result = refused(
            api, "answerQuestions", {"bid": bid["id"], "answers": answers}, bidder.token, "ValidationError"
        )
        assert result["field"] == path, (answers, result)
    ok(api, "answerQuestions", {"bid": bid["id"], "answers": [{"question": q1, "answer": "First."}]}, bidder.token)
    saved = ok(
        api,
        "answerQuestions",
        {"bid": bid["id"], "answers": [{"question": q1, "answer": "Better."}, {"question": q2, "answer": "Two."}]},
        bidder.token,
    )["bid"]["answers"]
    assert sorted((a["question"]["number"], a["answer"]) for a in saved) == [(1, "Better."), (2, "Two.")]


def test_submission_needs_a_lot_with_pricing_and_every_answer(world: World) -> None:
    api, bidder, round2 = world.api, world.bidder(), world.round2
    bid = ok(api, "createBid", {"round": round2["id"]}, bidder.token)["bid"]
    empty = refused(api, "submitBid", {"bid": bid["id"], "version": bid["version"]}, bidder.token, "InvalidTransition")
    assert "lot" in empty["message"] and "answer questions 1, 2" in empty["message"]
    lot = world.lot_for(bidder)
    ok(
        api,
        "setBidLot",
        {"bid": bid["id"], "lot": lot["id"], "establishments": bidder.serving(lot)[:1], "pricing": full_pricing(lot)},
        bidder.token,
    )
    ok(api, "answerQuestions", {"bid": bid["id"], "answers": all_answers(round2)[:-1]}, bidder.token)
    version = version_of(world, bid["id"], bidder.token)
    missing = refused(api, "submitBid", {"bid": bid["id"], "version": version}, bidder.token, "InvalidTransition")
    last = round2["questions"][-1]["number"]
    assert missing["message"].endswith(f"answer question {last}")
    stale = refused(api, "submitBid", {"bid": bid["id"], "version": version - 1}, bidder.token, "StaleVersion")
    assert stale["currentVersion"] == version


def test_a_demo_draft_with_a_partial_schedule_cannot_be_submitted_until_completed(world: World) -> None:
    """Round 2's demo drafts priced only the STANDARD band."""
    api = world.api
    name = next(p.legal_name for p in data.PROVIDERS if p.round_two == "DRAFT")
    provider = next(
        e["node"]["id"] for e in api.gql(PROVIDERS_QUERY)["providers"]["edges"] if e["node"]["legalName"] == name
    )
    token = api.token(Role.PROVIDER_USER, provider_id=pk(provider))
    draft = api.gql(
        "query($r: ID!) { bids(first: 5, filter: {round: $r}) { edges { node { id version } } } }",
        {"r": world.round2["id"]},
        token=token,
    )["bids"]["edges"][0]["node"]
    result = refused(api, "submitBid", {"bid": draft["id"], "version": draft["version"]}, token, "InvalidTransition")
    assert "complete the pricing schedule for lot" in result["message"]
    assert "enhanced level of need, education" in result["message"]


def test_a_submitted_bid_never_changes(world: World) -> None:
    api, bidder, round2 = world.api, world.bidder(), world.round2
    bid = ready_bid(world, bidder, round2)
    version = ok(api, "submitBid", {"bid": bid, "version": version_of(world, bid, bidder.token)}, bidder.token)["bid"][
        "version"
    ]
    lot = world.lot_for(bidder)
    edits = {
        "setBidLot": {
            "bid": bid,
            "lot": lot["id"],
            "establishments": bidder.serving(lot)[:1],
            "pricing": full_pricing(lot, base=1),
        },
        "removeBidLot": {"bid": bid, "lot": lot["id"]},
        "answerQuestions": {"bid": bid, "answers": all_answers(round2, "Changed")},
        "submitBid": {"bid": bid, "version": version},
    }
    for name, input in edits.items():
        refused(api, name, input, bidder.token, "InvalidTransition")
    assert version_of(world, bid, bidder.token) == version


# -- the deadline -----------------------------------------------------------------------


def test_submission_deadline_is_exact_to_the_microsecond(world: World) -> None:
    api, round2 = world.api, world.round2
    closes = dt.datetime.fromisoformat(round2["closesAt"])
    early, late = world.bidder(), world.bidder()
    early_bid, late_bid = ready_bid(world, early, round2), ready_bid(world, late, round2)
    early_version = version_of(world, early_bid, early.token)
    late_version = version_of(world, late_bid, late.token)

    api.at(closes - MICROSECOND)
    accepted = ok(api, "submitBid", {"bid": early_bid, "version": early_version}, early.token)["bid"]
    assert accepted["status"] == "SUBMITTED"

    api.at(closes)
    result = refused(api, "submitBid", {"bid": late_bid, "version": late_version}, late.token, "DeadlinePassed")
    assert dt.datetime.fromisoformat(result["deadline"]) == closes
    # nothing changes after close, whatever the bid's state
    leave = {"bid": early_bid, "version": accepted["version"], "reason": WHY}
    refused(api, "withdrawBid", leave, early.token, "DeadlinePassed")
    refused(api, "answerQuestions", {"bid": late_bid, "answers": all_answers(round2)}, late.token, "DeadlinePassed")
    refused(api, "createBid", {"round": round2["id"]}, world.bidder().token, "DeadlinePassed")


# -- sealing ---------------------------------------------------------------------------------

LISTING_QUERY = "query($r: ID!) { bids(first: 100, filter: {round: $r}) { totalCount edges { node { id } } } }"
NODE_QUERY = "query($id: ID!) { node(id: $id) { id } }"


def test_bids_are_sealed_until_the_round_closes(world: World) -> None:
    api = world.api
    closes = dt.datetime.fromisoformat(world.round2["closesAt"])
    bidder, rival = world.bidder(), world.bidder()
    bid = ready_bid(world, bidder, world.round2)
    ok(api, "submitBid", {"bid": bid, "version": version_of(world, bid, bidder.token)}, bidder.token)
    bid_lot = api.gql(
        "query($id: ID!) { node(id: $id) { ... on Bid { lots { id } } } }", {"id": bid}, token=bidder.token
    )["node"]["lots"][0]["id"]
    evaluator = api.token(Role.EVALUATOR, subject="evaluator-1")
    outsiders = {
        "lead admin": world.lead,
        "auditor": world.auditor,
        "assigned evaluator": evaluator,
        "another provider": rival.token,
    }

    def listing(token: str) -> dict[str, Any]:
        return api.gql(LISTING_QUERY, {"r": world.round2["id"]}, token=token)["bids"]

    def sees(token: str) -> bool:
        """The bid in the round's list and by its ID agree."""
        listed = bid in {e["node"]["id"] for e in listing(token)["edges"]}
        response = api.post(NODE_QUERY, {"id": bid}, token=token).json()
        found = (response["data"] or {}).get("node") is not None
        if not found:
            assert response["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        assert listed == found, response
        return found

    def sees_nested(token: str) -> bool:
        """The bid lot by ID, and through it the pricing schedule, establishments and the bid."""
        response = api.post(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on BidLot { pricingSchedule { weeklyFee } "
            "establishments { id } bid { id answers { answer } } } } }",
            {"ids": [bid_lot, bid]},
            token=token,
        ).json()
        return response["data"]["nodes"] != [None, None]

    for who, token in outsiders.items():
        assert not sees(token), who
        assert not sees_nested(token), who
    assert sees(bidder.token) and sees_nested(bidder.token)
    # an outsider's list of the round's bids is empty
    for who, token in outsiders.items():
        assert listing(token)["totalCount"] == 0, who

    api.at(closes)
    assert sees(world.lead) and sees(world.auditor) and sees(evaluator)
    assert sees_nested(world.lead) and sees_nested(evaluator)
    assert not sees(rival.token) and not sees_nested(rival.token)
    unassigned = api.token(Role.EVALUATOR, subject="evaluator-99")
    assert not sees(unassigned)


# -- concurrency -------------------------------------------------------------------------------


def simultaneously(api: WritableApi, calls: list[tuple[str, dict[str, Any], str]]) -> list[dict[str, Any]]:
    """Send the calls at the same moment, each on its own connection; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def send(i: int, name: str, input: dict[str, Any], token: str) -> None:
        with httpx.Client(base_url=api.live.base_url, timeout=30) as client:
            barrier.wait()
            response = client.post(
                "/graphql",
                json={"query": mutation_text(name), "variables": {"input": input}},
                headers={"Authorization": f"Bearer {token}"},
            )
        results[i] = (response.status_code, response.json())

    threads = [threading.Thread(target=send, args=(i, *c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    out = []
    for (name, _, _), (status, body) in zip(calls, results):
        assert status == 200 and not body.get("errors"), body
        out.append(body["data"][name])
    return out


@pytest.mark.parametrize("attempt", range(3))
def test_two_simultaneous_submissions_make_exactly_one(world: World, attempt: int) -> None:
    api, bidder = world.api, world.bidder()
    bid = ready_bid(world, bidder, world.round2)
    version = version_of(world, bid, bidder.token)
    submit = ("submitBid", {"bid": bid, "version": version}, bidder.token)
    results = simultaneously(api, [submit, submit])
    kinds = sorted(r["__typename"] for r in results)
    assert kinds[0] in ("InvalidTransition", "StaleVersion") and kinds[1] == "SubmitBidPayload", results
    assert version_of(world, bid, bidder.token) == version + 1
    try:
        api.at(dt.datetime.fromisoformat(world.round2["closesAt"]))  # its history is sealed with it until then
        events = api.gql(
            "query($id: ID!) { auditEvents(first: 50, filter: {entity: $id}) { edges { node { action } } } }",
            {"id": bid},
            token=world.auditor,
        )["auditEvents"]["edges"]
    finally:
        api.at(DEMO_NOW)
    assert [e["node"]["action"] for e in events].count("bid.submitted") == 1


# -- every transition ------------------------------------------------------------------------

OK = "OK"
IT, DP = "InvalidTransition", "DeadlinePassed"
ACTIONS = ("setBidLot", "removeBidLot", "answerQuestions", "submitBid", "withdrawBid", "createBid")

# (bid state, round state) -> the outcome of each action, in ACTIONS order
BID_TRANSITIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("DRAFT", "OPEN"): (OK, OK, OK, OK, OK, IT),
    ("SUBMITTED", "OPEN"): (IT, IT, IT, IT, OK, IT),
    ("WITHDRAWN", "OPEN"): (IT, IT, IT, IT, IT, OK),
    ("DRAFT", "CLOSED"): (DP, DP, DP, DP, DP, DP),
    ("SUBMITTED", "CLOSED"): (DP, DP, DP, DP, DP, DP),
    ("WITHDRAWN", "CLOSED"): (DP, DP, DP, DP, DP, DP),
    ("DRAFT", "CANCELLED"): (IT, IT, IT, IT, IT, IT),
    ("SUBMITTED", "CANCELLED"): (IT, IT, IT, IT, IT, IT),
}


def test_every_bid_transition(world: World) -> None:
    """Each (bid state, round state, action) gets its own provider and bid, in one of three rounds."""
    api = world.api
    start = DEMO_NOW + dt.timedelta(days=400)
    api.at(start)
    rounds = {
        "OPEN": schedule_round(world, opens=start + dt.timedelta(hours=1), closes=start + dt.timedelta(days=30)),
        "CLOSED": schedule_round(world, opens=start + dt.timedelta(hours=1), closes=start + dt.timedelta(hours=3)),
        "CANCELLED": schedule_round(world, opens=start + dt.timedelta(hours=1), closes=start + dt.timedelta(days=30)),
    }
    api.at(start + dt.timedelta(hours=2))
    pool = world.any_bidders()
    cells: list[tuple[str, str, str, str, Bidder, str, dict[str, Any]]] = []
    for (bid_state, round_state), outcomes in BID_TRANSITIONS.items():
        round_ = rounds[round_state]
        for action, expected in zip(ACTIONS, outcomes):
            bidder = pool[len([c for c in cells if c[1] == round_state])]
            lot = world.lot_for(bidder)
            bid = ready_bid(world, bidder, round_, lot=lot)
            if bid_state in ("SUBMITTED", "WITHDRAWN"):
                ok(api, "submitBid", {"bid": bid, "version": version_of(world, bid, bidder.token)}, bidder.token)
            if bid_state == "WITHDRAWN":
                leave = {"bid": bid, "version": version_of(world, bid, bidder.token), "reason": WHY}
                ok(api, "withdrawBid", leave, bidder.token)
            cells.append((bid_state, round_state, action, expected, bidder, bid, lot))
    cancelled = rounds["CANCELLED"]
    ok(api, "cancelRound", {"round": cancelled["id"], "version": cancelled["version"], "reason": "Re-run."}, world.lead)

    api.at(start + dt.timedelta(hours=4))
    outcomes: dict[tuple[str, str, str], str] = {}
    for bid_state, round_state, action, _expected, bidder, bid, lot in cells:
        round_ = rounds[round_state]
        version = version_of(world, bid, bidder.token)
        inputs = {
            "setBidLot": {
                "bid": bid,
                "lot": lot["id"],
                "establishments": bidder.serving(lot)[:1],
                "pricing": full_pricing(lot, base=99_000),
            },
            "removeBidLot": {"bid": bid, "lot": lot["id"]},
            "answerQuestions": {"bid": bid, "answers": all_answers(round_, "Revised")},
            "submitBid": {"bid": bid, "version": version},
            "withdrawBid": {"bid": bid, "version": version, "reason": WHY},
            "createBid": {"round": round_["id"]},
        }
        result = call(api, action, inputs[action], bidder.token)
        outcomes[(bid_state, round_state, action)] = (
            OK if result["__typename"].endswith("Payload") else result["__typename"]
        )
    expected = {(b, r, a): e for b, r, a, e, *_ in cells}
    assert outcomes == expected
