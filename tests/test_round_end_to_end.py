"""A whole application round through the HTTP API, with tokens from the built-in sign-in.

Three providers register and are verified; the lead authority schedules a
round; it opens; a clarification is asked and answered; the three bid and one
is refused for submitting at the deadline; the round closes; an evaluator
marks the bids; the lead authority moderates, decides and publishes the
decisions; after the standstill the round concludes and the admitted bidder
is a lot member with its pricing as its rate card.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import _migrate_seed_and_people
from tests.documents_support import PDF, attach
from tests.support import DEMO_NOW, WritableApi, writable_api
from tests.test_oauth import code_from, exchange, pkce, sign_in

DEMO_PASSWORD = "demo-password"
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def api(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WritableApi]:
    with writable_api(backend, tmp_path_factory.mktemp(f"round-{backend}"), seed=_migrate_seed_and_people) as live:
        yield live


def signed_in(api: WritableApi, username: str, password: str) -> str:
    """An access token got the way the portal gets one: sign-in page, code, PKCE exchange."""
    with httpx.Client(base_url=api.live.base_url, timeout=30, follow_redirects=False) as browser:
        verifier, challenge = pkce()
        code = code_from(sign_in(browser, username, password, challenge))
        response = exchange(browser, code, verifier)
        assert response.status_code == 200, response.text
        return response.json()["access_token"]


def call(api: WritableApi, name: str, input_: dict[str, Any], token: str | None, select: str = "") -> dict[str, Any]:
    """Run a mutation; return its result (payload or error as data)."""
    type_name = name[0].upper() + name[1:]
    query = (
        f"mutation($input: {type_name}Input!) {{ {name}(input: $input) {{ __typename {select} "
        "... on MutationError { message code field } } }"
    )
    return api.gql(query, {"input": input_}, token=token)[name]


def ok(api: WritableApi, name: str, input_: dict[str, Any], token: str | None, select: str = "") -> dict[str, Any]:
    result = call(api, name, input_, token, select)
    assert result["__typename"].endswith("Payload"), (name, result)
    return result


def register(api: WritableApi, n: int) -> tuple[str, str]:
    """A provider with one day school registers itself; returns its ID and its administrator's username."""
    username = f"admin{n}@provider{n}.example"
    result = ok(
        api,
        "registerProvider",
        {
            "legalName": f"Round Test Schools {n} Ltd",
            "identifiers": [{"scheme": "GB_COH", "identifier": f"RT{n:06d}"}],
            "establishments": [
                {
                    "urn": f"99{n:04d}",
                    "name": f"Round Test School {n}",
                    "type": "INDEPENDENT_SPECIAL",
                    "postcode": "CW1 3JT",
                    "latitude": 53.1,
                    "longitude": -2.44,
                    "ageMin": 5,
                    "ageMax": 16,
                    "genders": "MIXED",
                    "needs": ["ASD", "SEMH"],
                    "dayCapacity": 40,
                    "dayVacancies": 4,
                }
            ],
            "administrator": {"username": username, "displayName": f"Admin {n}", "password": DEMO_PASSWORD * 2},
        },
        None,
        "... on RegisterProviderPayload { provider { id version establishments { id } } }",
    )
    return result["provider"]["id"], username


def pricing(base: int) -> list[dict[str, Any]]:
    return [
        {"band": band, "element": element, "weeklyFee": base * factor + extra}
        for band, factor in (("STANDARD", 1), ("ENHANCED", 2), ("COMPLEX", 3))
        for element, extra in (("EDUCATION", 0), ("THERAPIES", 5000))
    ]


def test_a_whole_round(api: WritableApi) -> None:
    lead = signed_in(api, "lead.admin", DEMO_PASSWORD)
    system = api.gql("{ purchasingSystems(first: 1) { edges { node { id lots { id code } } } } }")["purchasingSystems"][
        "edges"
    ][0]["node"]
    day_lot = next(lot["id"] for lot in system["lots"] if lot["code"] == "L1")

    # three providers register and are verified
    providers = [register(api, n) for n in range(3)]
    for provider_id, _ in providers:
        version = api.gql(
            "query($id: ID!) { node(id: $id) { ... on Provider { version } } }", {"id": provider_id}, token=lead
        )["node"]["version"]
        ok(api, "verifyProvider", {"id": provider_id, "version": version}, lead)
    tokens = [signed_in(api, username, DEMO_PASSWORD * 2) for _, username in providers]
    schools = [
        api.gql("query($id: ID!) { node(id: $id) { ... on Provider { establishments { id } } } }", {"id": pid})["node"][
            "establishments"
        ][0]["id"]
        for pid, _ in providers
    ]

    # schedule; it opens by the clock
    opens, closes = DEMO_NOW + DAY, DEMO_NOW + 15 * DAY
    scheduled = ok(
        api,
        "scheduleRound",
        {
            "system": system["id"],
            "opensAt": opens.isoformat(),
            "closesAt": closes.isoformat(),
            "clarificationDeadline": (DEMO_NOW + 8 * DAY).isoformat(),
            "standstillEndsAt": (DEMO_NOW + 30 * DAY).isoformat(),
            "lots": [day_lot],
            "questions": [
                {"kind": "SELECTION", "text": "Confirm your DfE registration."},
                {"kind": "AWARD", "text": "How do you meet complex needs?", "weight": 60},
                {"kind": "AWARD", "text": "How do you measure outcomes?", "weight": 40},
            ],
        },
        lead,
        "... on ScheduleRoundPayload { round { id status questions { id kind number } } }",
    )["round"]
    assert scheduled["status"] == "SCHEDULED"
    round_id, questions = scheduled["id"], scheduled["questions"]
    api.at(opens + HOUR)
    status = "query($id: ID!) { node(id: $id) { ... on ApplicationRound { status version } } }"
    assert api.gql(status, {"id": round_id})["node"]["status"] == "OPEN"

    # a clarification, answered to everyone without naming the asker
    asked = ok(
        api,
        "askClarification",
        {"round": round_id, "question": "Can we bid for part of the lot?"},
        tokens[0],
        "... on AskClarificationPayload { clarification { id } }",
    )["clarification"]["id"]
    ok(api, "answerClarification", {"clarification": asked, "answer": "No: bid for the whole lot."}, lead)
    published = api.gql(
        "query($id: ID!) { node(id: $id) { ... on ApplicationRound { clarifications { question answer } } } }",
        {"id": round_id},
        token=tokens[1],
    )["node"]["clarifications"]
    assert published == [{"question": "Can we bid for part of the lot?", "answer": "No: bid for the whole lot."}]

    # three providers bid
    bids = []
    for n, token in enumerate(tokens):
        bid = ok(api, "createBid", {"round": round_id}, token, "... on CreateBidPayload { bid { id } }")["bid"]["id"]
        ok(
            api,
            "setBidLot",
            {"bid": bid, "lot": day_lot, "establishments": [schools[n]], "pricing": pricing(150_000 + n * 10_000)},
            token,
        )
        answers = [{"question": q["id"], "answer": f"Answer {q['number']} from provider {n}."} for q in questions]
        ok(api, "answerQuestions", {"bid": bid, "answers": answers}, token)
        bids.append(bid)

    def version(bid: str, token: str) -> int:
        return api.gql("query($id: ID!) { node(id: $id) { ... on Bid { version } } }", {"id": bid}, token=token)[
            "node"
        ]["version"]

    for n in (0, 1):
        ok(api, "submitBid", {"bid": bids[n], "version": version(bids[n], tokens[n])}, tokens[n])
    # the third is too late: at the deadline exactly
    late_version = version(bids[2], tokens[2])
    api.at(closes)
    late = call(api, "submitBid", {"bid": bids[2], "version": late_version}, tokens[2])
    assert late["__typename"] == "DeadlinePassed", late

    # closed: evaluated by an assigned evaluator who signs in
    api.at(closes + HOUR)
    assert api.gql(status, {"id": round_id})["node"]["status"] == "CLOSED"
    ok(api, "assignEvaluators", {"round": round_id, "evaluators": ["evaluator-1", "evaluator-2"]}, lead)
    evaluator = signed_in(api, "evaluator-1", DEMO_PASSWORD)
    lots_of = "query($id: ID!) { node(id: $id) { ... on Bid { lots { id } } } }"
    bid_lots = [api.gql(lots_of, {"id": bid}, token=lead)["node"]["lots"][0]["id"] for bid in bids[:2]]
    for n, bid_lot in enumerate(bid_lots):
        marks = [
            {"question": q["id"], "passed": True}
            if q["kind"] == "SELECTION"
            else {"question": q["id"], "score": 4 - 2 * n}
            for q in questions
        ]
        ok(api, "recordEvaluation", {"bidLot": bid_lot, "marks": marks}, evaluator)
    assert api.gql(status, {"id": round_id})["node"]["status"] == "EVALUATING"

    # moderated, reported, decided; published together
    for n, bid_lot in enumerate(bid_lots):
        agreed = [{"question": q["id"], "score": 4 - 2 * n} for q in questions if q["kind"] == "AWARD"]
        ok(
            api,
            "moderateBidLot",
            {"bidLot": bid_lot, "passedSelection": True, "scores": agreed, "rationale": "Marks agreed at moderation."},
            lead,
        )
        attach(api, lead, bid_lot, PDF, document_type="EVALUATION_REPORT", file_name="evaluation.pdf")
        ok(
            api,
            "decideBidLot",
            {
                "bidLot": bid_lot,
                "decision": ("ADMITTED", "REJECTED")[n],
                "feedback": ("Strong, evidenced answers.", "Below the quality threshold.")[n],
            },
            lead,
        )
    decision = "query($id: ID!) { node(id: $id) { ... on BidLot { decision feedback } } }"
    assert api.gql(decision, {"id": bid_lots[1]}, token=tokens[1])["node"] == {"decision": None, "feedback": None}
    api.at(closes + 3 * DAY)
    ok(api, "issueDecisions", {"round": round_id}, lead)
    assert api.gql(status, {"id": round_id})["node"]["status"] == "STANDSTILL"
    assert api.gql(decision, {"id": bid_lots[1]}, token=tokens[1])["node"] == {
        "decision": "REJECTED",
        "feedback": "Below the quality threshold.",
    }

    # after the standstill: admitted
    api.at(DEMO_NOW + 30 * DAY + HOUR)
    concluded = ok(
        api,
        "concludeRound",
        {"round": round_id},
        lead,
        "... on ConcludeRoundPayload { memberships { provider { id } lot { code } status "
        "rateCard { band element weeklyFee } establishments { id } } }",
    )
    memberships = concluded["memberships"]
    assert [(ms["provider"]["id"], ms["lot"]["code"], ms["status"]) for ms in memberships] == [
        (providers[0][0], "L1", "ACTIVE")
    ]
    card = {(line["band"], line["element"]): line["weeklyFee"] for line in memberships[0]["rateCard"]}
    assert card == {(p["band"], p["element"]): p["weeklyFee"] for p in pricing(150_000)}
    assert memberships[0]["establishments"] == [{"id": schools[0]}]
    assert api.gql(status, {"id": round_id})["node"]["status"] == "CONCLUDED"
