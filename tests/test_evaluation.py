"""Evaluation to membership over HTTP: evaluate, moderate, decide, publish together, conclude.

Round 2 of the demo is open at the demo time with five submitted bids; the
tests move the server clock past its close.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from api.auth.actor import Role
from db import models as m
from tests.documents_support import PDF, attach
from tests.support import WritableApi

ROUND = """{ applicationRounds(first: 5, filter: {status: OPEN}) { edges { node {
  id version closesAt standstillEndsAt questions { id kind weight number }
} } } }"""
BIDS = """query($round: ID!) { bids(first: 50, filter: {round: $round, status: SUBMITTED}) { edges { node {
  id provider { id } lots { id lot { code } pricingSchedule { band element weeklyFee } establishments { id } }
} } } }"""


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def outcome(api: WritableApi, mutation: str, input_: dict[str, Any], token: str) -> dict[str, Any]:
    name = mutation
    query = (
        f"mutation($input: {name[0].upper() + name[1:]}Input!) {{ {name}(input: $input) "
        "{ __typename ... on MutationError { message code field } } }"
    )
    return api.gql(query, {"input": input_}, token=token)[name]


def run(api: WritableApi, mutation: str, input_: dict[str, Any], token: str) -> None:
    result = outcome(api, mutation, input_, token)
    assert result["__typename"].endswith("Payload"), result


@pytest.fixture(scope="module")
def world(writable_with_people: WritableApi) -> dict[str, Any]:
    api = writable_with_people
    lead = api.token(Role.LEAD_ADMIN, authority_id=1, subject="lead.admin")
    round_ = api.gql(ROUND, token=lead)["applicationRounds"]["edges"][0]["node"]
    closes = dt.datetime.fromisoformat(round_["closesAt"])
    api.at(closes + dt.timedelta(hours=1))
    bids = [e["node"] for e in api.gql(BIDS, {"round": round_["id"]}, token=lead)["bids"]["edges"]]
    assert len(bids) >= 3
    return {"api": api, "lead": lead, "round": round_, "closes": closes, "bids": bids}


def marks(questions: list[dict[str, Any]], *, fail_selection: bool = False, score: int = 4) -> list[dict[str, Any]]:
    result = []
    for q in questions:
        if q["kind"] == "SELECTION":
            result.append({"question": q["id"], "passed": not (fail_selection and q["number"] == 2)})
        else:
            result.append({"question": q["id"], "score": score, "comment": "Evidence-based answer."})
    return result


def agreed(questions: list[dict[str, Any]], score: int) -> list[dict[str, Any]]:
    return [{"question": q["id"], "score": score} for q in questions if q["kind"] == "AWARD"]


def test_the_round_goes_from_evaluation_to_membership(world: dict[str, Any]) -> None:
    api, lead, round_, bids = world["api"], world["lead"], world["round"], world["bids"]
    questions = round_["questions"]
    evaluator = api.token(Role.EVALUATOR, subject="evaluator-1")
    run(api, "assignEvaluators", {"round": round_["id"], "evaluators": ["evaluator-1", "evaluator-2"]}, lead)

    failing, rejected, *admitted = bids
    lots = {bid["id"]: bid["lots"] for bid in bids}

    # unassigned evaluators and wrong marks are refused
    stranger = api.token(Role.EVALUATOR, subject="evaluator-5")
    first_lot = lots[admitted[0]["id"]][0]["id"]
    assert (
        outcome(api, "recordEvaluation", {"bidLot": first_lot, "marks": marks(questions)}, stranger)["__typename"]
        == "NotFound"  # an unassigned evaluator cannot even see the bid
    )
    incomplete = outcome(api, "recordEvaluation", {"bidLot": first_lot, "marks": marks(questions)[:-1]}, evaluator)
    assert (incomplete["__typename"], incomplete["field"]) == ("ValidationError", "input.marks")

    for bid in bids:
        fail = bid is failing
        for lot in lots[bid["id"]]:
            run(
                api,
                "recordEvaluation",
                {"bidLot": lot["id"], "marks": marks(questions, fail_selection=fail)},
                evaluator,
            )
            scores = [] if fail else agreed(questions, 2 if bid is rejected else 4)
            run(
                api,
                "moderateBidLot",
                {
                    "bidLot": lot["id"],
                    "passedSelection": not fail,
                    "scores": scores,
                    "rationale": "Agreed at moderation.",
                },
                lead,
            )
            decision = "ADMITTED" if bid in admitted else "REJECTED"
            no_report = outcome(
                api, "decideBidLot", {"bidLot": lot["id"], "decision": decision, "feedback": "ok"}, lead
            )
            assert no_report["__typename"] == "InvalidTransition" and "evaluation report" in no_report["message"]
            report = attach(api, lead, lot["id"], PDF, document_type="EVALUATION_REPORT", file_name="report.pdf")
            assert report["__typename"] == "ConfirmDocumentUploadPayload", report
            if fail:
                wrong = outcome(
                    api, "decideBidLot", {"bidLot": lot["id"], "decision": "ADMITTED", "feedback": "x"}, lead
                )
                assert wrong["__typename"] == "InvalidTransition"
            run(
                api,
                "decideBidLot",
                {"bidLot": lot["id"], "decision": decision, "feedback": f"{decision.title()} after moderation."},
                lead,
            )

    # decided but unpublished: the bidder sees nothing yet
    owner = api.token(Role.PROVIDER_USER, provider_id=pk(admitted[0]["provider"]["id"]))
    seen = "query($id: ID!) { node(id: $id) { ... on BidLot { decision feedback moderation { score } } } }"
    assert api.gql(seen, {"id": first_lot}, token=owner)["node"] == {
        "decision": None,
        "feedback": None,
        "moderation": None,
    }
    # nor by its ID: the moderation is hidden on every path until the decisions are published
    moderation = api.gql(
        "query($id: ID!) { node(id: $id) { ... on BidLot { moderation { id } } } }", {"id": first_lot}, token=lead
    )["node"]["moderation"]["id"]
    by_id = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Moderation { score scores { score } } } }"
    hidden = api.post(by_id, {"ids": [moderation]}, token=owner).json()
    assert hidden["data"]["nodes"] == [None] and hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    one = "query($id: ID!) { node(id: $id) { ... on Moderation { score } } }"
    assert api.errors(one, {"id": moderation}, token=owner)[0]["extensions"]["code"] == "NOT_FOUND"

    ends = world["closes"] + dt.timedelta(days=10)
    api.at(world["closes"] + dt.timedelta(days=2))
    run(api, "issueDecisions", {"round": round_["id"], "standstillEndsAt": ends.isoformat()}, lead)
    shown = api.gql(seen, {"id": first_lot}, token=owner)["node"]
    assert shown["decision"] == "ADMITTED" and shown["moderation"] == {"score": 80.0}
    assert api.gql(by_id, {"ids": [moderation]}, token=owner)["nodes"][0]["score"] == 80.0
    status = api.gql(
        "query($id: ID!) { node(id: $id) { ... on ApplicationRound { status } } }", {"id": round_["id"]}, token=lead
    )["node"]["status"]
    assert status == "STANDSTILL"

    early = outcome(api, "concludeRound", {"round": round_["id"]}, lead)
    assert early["__typename"] == "DeadlinePassed"
    api.at(ends + dt.timedelta(minutes=1))
    concluded = api.gql(
        """mutation($input: ConcludeRoundInput!) { concludeRound(input: $input) { __typename
          ... on ConcludeRoundPayload { round { status } memberships { status since provider { id } lot { code }
            rateCard { band element weeklyFee } establishments { id } } } } }""",
        {"input": {"round": round_["id"]}},
        token=lead,
    )["concludeRound"]
    assert concluded["round"]["status"] == "CONCLUDED"
    memberships = concluded["memberships"]
    expected = {(bid["provider"]["id"], lot["lot"]["code"]): lot for bid in admitted for lot in lots[bid["id"]]}
    assert {(ms["provider"]["id"], ms["lot"]["code"]) for ms in memberships} == set(expected)
    for ms in memberships:
        lot = expected[(ms["provider"]["id"], ms["lot"]["code"])]
        key = lambda line: (line["band"], line["element"])  # noqa: E731
        assert sorted(ms["rateCard"], key=key) == sorted(lot["pricingSchedule"], key=key)
        assert {e["id"] for e in ms["establishments"]} == {e["id"] for e in lot["establishments"]}
        assert ms["status"] == "ACTIVE"
    world["memberships"] = memberships


MEMBERSHIP = "{ lotMemberships(first: 1, filter: {status: ACTIVE}) { edges { node { id version status } } } }"


def _membership(api: WritableApi, lead: str) -> dict[str, Any]:
    return api.gql(MEMBERSHIP, token=lead)["lotMemberships"]["edges"][0]["node"]


def test_admitted_members_carry_their_rate_card_total(world: dict[str, Any]) -> None:
    import asyncio

    from db.engine import create_engine, session_factory
    from tests.support import membership_totals_that_disagree

    async def disagreeing() -> tuple[int, list[int]]:
        engine = create_engine(world["api"].app.state.settings.database_url)
        try:
            async with session_factory(engine)() as session:
                admitted = await session.scalar(
                    select(func.count()).select_from(m.LotMembership).where(m.LotMembership.bid_lot_id.is_not(None))
                )
                return int(admitted or 0), await membership_totals_that_disagree(session)
        finally:
            await engine.dispose()

    admitted, wrong = asyncio.run(disagreeing())
    assert admitted > 0 and wrong == []


def test_membership_transitions(world: dict[str, Any]) -> None:
    api, lead = world["api"], world["lead"]
    membership = _membership(api, lead)
    mid = membership["id"]
    table = [
        ("reinstateMembership", {"membership": mid}, "InvalidTransition"),
        ("suspendMembership", {"membership": mid, "reason": " "}, "ValidationError"),
        ("suspendMembership", {"membership": mid, "reason": "Safeguarding review", "version": 999}, "StaleVersion"),
        ("suspendMembership", {"membership": mid, "reason": "Safeguarding review"}, "MembershipPayload"),
        ("suspendMembership", {"membership": mid, "reason": "Again"}, "InvalidTransition"),
        ("reinstateMembership", {"membership": mid}, "MembershipPayload"),
        ("removeMembership", {"membership": mid, "reason": "Left the market"}, "MembershipPayload"),
        ("removeMembership", {"membership": mid, "reason": "Again"}, "InvalidTransition"),
        ("suspendMembership", {"membership": mid, "reason": "Too late"}, "InvalidTransition"),
        ("reinstateMembership", {"membership": mid}, "InvalidTransition"),
    ]
    for mutation, input_, expected in table:
        got = outcome(api, mutation, input_, lead)["__typename"]
        assert got == expected, (mutation, input_, got)
    events = api.gql(
        "query($e: ID!) { auditEvents(first: 20, filter: {entity: $e}) { edges { node { action } } } }",
        {"e": mid},
        token=lead,
    )["auditEvents"]["edges"]
    assert [e["node"]["action"] for e in events][-3:] == [
        "membership.suspended",
        "membership.reinstated",
        "membership.removed",
    ]


def test_excluding_a_provider_suspends_its_memberships(world: dict[str, Any]) -> None:
    api, lead = world["api"], world["lead"]
    query = (
        """{ lotMemberships(first: 100, filter: {status: ACTIVE}) { edges { node { provider { id version } } } } }"""
    )
    provider = api.gql(query, token=lead)["lotMemberships"]["edges"][0]["node"]["provider"]
    run(api, "excludeProvider", {"provider": provider["id"], "reason": "Mandatory exclusion ground"}, lead)
    mine = """query($p: ID!) { lotMemberships(first: 100, filter: {provider: $p}) { edges { node { id status } } } }"""
    statuses = {
        e["node"]["status"] for e in api.gql(mine, {"p": provider["id"]}, token=lead)["lotMemberships"]["edges"]
    }
    assert "ACTIVE" not in statuses and "SUSPENDED" in statuses
    suspended = next(
        e["node"]["id"]
        for e in api.gql(mine, {"p": provider["id"]}, token=lead)["lotMemberships"]["edges"]
        if e["node"]["status"] == "SUSPENDED"
    )
    assert outcome(api, "reinstateMembership", {"membership": suspended}, lead)["__typename"] == "InvalidTransition"
    again = outcome(api, "excludeProvider", {"provider": provider["id"], "reason": "again"}, lead)
    assert again["__typename"] == "InvalidTransition"


def test_every_change_is_audited_with_its_request_and_the_chain_holds(world: dict[str, Any]) -> None:
    import asyncio

    from api.domain.audit import verify_chain
    from db.engine import create_engine, session_factory

    api, lead = world["api"], world["lead"]
    membership = api.gql(
        "{ lotMemberships(first: 1, filter: {status: ACTIVE}) { edges { node { id } } } }", token=lead
    )["lotMemberships"]["edges"][0]["node"]["id"]
    query = "mutation($input: SuspendMembershipInput!) { suspendMembership(input: $input) { __typename } }"
    response = api.http.post(
        "/graphql",
        json={"query": query, "variables": {"input": {"membership": membership, "reason": "Audit check"}}},
        headers={"Authorization": f"Bearer {lead}", "X-Request-ID": "req-audit-42"},
    )
    assert response.json()["data"]["suspendMembership"]["__typename"] == "MembershipPayload"
    events = api.gql(
        "query($e: ID!) { auditEvents(first: 50, filter: {entity: $e}) "
        "{ edges { node { action actor requestId diff } } } }",
        {"e": membership},
        token=lead,
    )["auditEvents"]["edges"]
    last = events[-1]["node"]
    assert (last["action"], last["actor"], last["requestId"]) == ("membership.suspended", "lead.admin", "req-audit-42")
    assert last["diff"]["before"]["status"] == "ACTIVE" and last["diff"]["after"]["status"] == "SUSPENDED"

    async def verify() -> list[str]:
        engine = create_engine(api.app.state.settings.database_url)
        try:
            async with session_factory(engine)() as session:
                return await verify_chain(session)
        finally:
            await engine.dispose()

    assert asyncio.run(verify()) == []
