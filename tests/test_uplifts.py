"""Fee-uplift requests over HTTP: a regional decision applied to 12 call-offs of 4 authorities in one
transaction (or to none), authorities deciding for their own, refusals with reasons, the bounds of an annual
uplift and the notice asked, and who sees what."""

from __future__ import annotations

from typing import Any

import pytest

from api.auth.actor import Role
from tests.support import DEMO_NOW, StatementCounter, WritableApi
from tests.test_calloffs import block_input, lot_by_code, member_place
from tests.test_offers import Demo, call, demo_of, node, ok, pk, refused

AUTHORITIES = ("E06000049", "E08000001", "E08000003", "E06000050")  # Cheshire East, Bolton, Manchester, CWAC
REQUEST = """
  id effectiveFrom version uplift { education care }
  decisions { outcome reason regional amended authority { code } uplift { education care } }
  affectedCallOffs { id }
"""
REQUEST_QUERY = f"query($id: ID!) {{ node(id: $id) {{ ... on UpliftRequest {{ {REQUEST} }} }} }}"
FEES = """query($id: ID!) { node(id: $id) { ... on CallOff {
  weeklyFeesOn(date: "2026-10-15") { education care total } amendments { effectiveFrom reason } } } }"""


@pytest.fixture(scope="module")
def demo(writable: WritableApi) -> Demo:
    writable.at(DEMO_NOW)
    return demo_of(writable)


def commissioners(demo: Demo) -> dict[str, str]:
    found = demo.api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    ids = {a["code"]: a["id"] for a in found}
    return {
        code: demo.api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(ids[code]), subject=f"commissioner.{code}")
        for code in AUTHORITIES
    }


def blocks(demo: Demo, tokens: dict[str, str], *, each: int, **overrides: Any) -> tuple[str, str, list[str]]:
    """``each`` block contracts of one place per authority at one establishment of lot L2 (£1,500 education and
    £1,000 care a week); returns the lot, the establishment and the call-offs, authority by authority."""
    lot = lot_by_code(demo, "L2")
    establishment, _ = member_place(demo, lot, places=1)
    made = []
    for token in tokens.values():
        for _ in range(each):
            fees = {"education": 150_000, "care": 100_000}
            made.append(
                ok(
                    demo.api,
                    "createBlockContract",
                    block_input(lot, establishment, weeklyFees=fees, **overrides),
                    token,
                    "callOff { id }",
                )["callOff"]["id"]
            )
    return lot["id"], establishment, made


def provider_of(demo: Demo, call_off: str) -> str:
    query = "query($id: ID!) { node(id: $id) { ... on CallOff { provider { id } } } }"
    return demo.provider(node(demo.api, query, call_off, demo.auditor)["provider"]["id"])


def ask(demo: Demo, provider: str, lot: str, establishment: str, call_offs: list[str], **uplift: str) -> dict[str, Any]:
    return ok(
        demo.api,
        "requestFeeUplift",
        {
            "establishment": establishment,
            "lot": lot,
            "effectiveFrom": "2026-09-01",
            "uplift": uplift or {"education": "4.5", "care": "3"},
            "reasons": "Teachers' pay award of 4.5% from September and the National Living Wage for care staff.",
            "callOffs": call_offs,
        },
        provider,
        f"request {{ {REQUEST} }}",
    )["request"]


def test_a_regional_decision_uplifts_12_call_offs_of_4_authorities_in_one_transaction(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    tokens = commissioners(demo)
    lot, establishment, made = blocks(demo, tokens, each=3)
    assert len(made) == 12
    provider = provider_of(demo, made[0])
    # one more, ending before the uplift would apply: a decision including it changes nothing at all
    _, _, (ending,) = blocks(demo, {"E06000049": tokens["E06000049"]}, each=1, endDate="2026-08-31")
    with_ending = ask(demo, provider, lot, establishment, [*made, ending])
    lead = api.token(Role.LEAD_ADMIN)
    decision = {
        "request": with_ending["id"],
        "version": with_ending["version"],
        "outcome": "ACCEPTED",
        "regional": True,
    }
    refusal = refused(api, "decideFeeUplift", decision, lead, "InvalidTransition", "input.request")
    assert "ends on 2026-08-31" in refusal["message"]
    for call_off in made:
        assert node(api, FEES, call_off, demo.auditor)["amendments"] == []

    request = ask(demo, provider, lot, establishment, made)
    assert len(request["affectedCallOffs"]) == 12
    for code, token in tokens.items():  # every authority with an affected placement sees it waiting
        waiting = api.gql("{ upliftRequests(first: 50, filter: {yoursToDecide: true}) { nodes { id } } }", token=token)
        assert request["id"] in {n["id"] for n in waiting["upliftRequests"]["nodes"]}, code
    decided = ok(
        api,
        "decideFeeUplift",
        {"request": request["id"], "version": request["version"], "outcome": "ACCEPTED", "regional": True},
        lead,
        f"request {{ {REQUEST} }}",
    )["request"]
    (regional,) = decided["decisions"]
    assert regional["regional"] and regional["amended"] == 12 and regional["authority"] is None
    for call_off in made:
        seen = node(api, FEES, call_off, demo.auditor)
        assert seen["amendments"] == [{"effectiveFrom": "2026-09-01", "reason": "ANNUAL_UPLIFT"}]
        # £1,500 × 1.045 = £1,567.50; £1,000 × 1.03 = £1,030.00
        assert seen["weeklyFeesOn"] == {"education": 156_750, "care": 103_000, "total": 259_750}
    # nobody decides again, for the region or for their own
    for token in tokens.values():
        refused(
            api,
            "decideFeeUplift",
            {"request": request["id"], "version": decided["version"], "outcome": "REFUSED", "reason": "No."},
            token,
            "InvalidTransition",
        )


def test_each_authority_decides_its_own_in_part_or_refusing_with_a_reason(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    tokens = commissioners(demo)
    first, second = list(tokens)[:2]
    lot, establishment, made = blocks(demo, {c: tokens[c] for c in (first, second)}, each=2)
    provider = provider_of(demo, made[0])
    request = ask(demo, provider, lot, establishment, made)
    version = request["version"]
    waiting = "{ upliftRequests(first: 100, filter: {yoursToDecide: true}) { nodes { id yoursToDecide } } }"
    for code, token in tokens.items():  # waiting for the two with placements there, not for the others
        nodes = api.gql(waiting, token=token)["upliftRequests"]["nodes"]
        assert (request["id"] in {n["id"] for n in nodes}) == (code in (first, second)), code
        assert all(n["yoursToDecide"] for n in nodes), code
    # accepting in part agrees less than was asked, never more, and never exactly it
    for uplift, path in (
        ({"education": "5"}, "input.uplift.education"),
        ({"education": "4.5", "care": "3"}, "input.uplift"),
    ):
        refused(
            api,
            "decideFeeUplift",
            {"request": request["id"], "version": version, "outcome": "ACCEPTED_IN_PART", "uplift": uplift},
            tokens[first],
            "ValidationError",
            path,
        )
    refused(
        api,
        "decideFeeUplift",
        {"request": request["id"], "version": version, "outcome": "REFUSED"},
        tokens[second],
        "ValidationError",
        "input.reason",
    )
    part = ok(
        api,
        "decideFeeUplift",
        {
            "request": request["id"],
            "version": version,
            "outcome": "ACCEPTED_IN_PART",
            "uplift": {"education": "2"},
            "reason": "Our budget allows 2% this year.",
        },
        tokens[first],
        f"request {{ {REQUEST} }}",
    )["request"]
    why = "Fees at this school rose 6% last year; we will review again in April."
    both = ok(
        api,
        "decideFeeUplift",
        {"request": request["id"], "version": part["version"], "outcome": "REFUSED", "reason": why},
        tokens[second],
        f"request {{ {REQUEST} }}",
    )["request"]
    outcomes = {d["authority"]["code"]: (d["outcome"], d["amended"], d["reason"]) for d in both["decisions"]}
    assert outcomes == {first: ("ACCEPTED_IN_PART", 2, "Our budget allows 2% this year."), second: ("REFUSED", 0, why)}
    firsts, seconds = made[:2], made[2:]
    for call_off in firsts:  # £1,500 × 1.02 = £1,530.00; care unchanged
        assert node(api, FEES, call_off, demo.auditor)["weeklyFeesOn"] == {
            "education": 153_000,
            "care": 100_000,
            "total": 253_000,
        }
    for call_off in seconds:
        assert node(api, FEES, call_off, demo.auditor)["amendments"] == []
    # the regional decision is no longer open; the provider reads both decisions
    refused(
        api,
        "decideFeeUplift",
        {"request": request["id"], "version": both["version"], "outcome": "ACCEPTED", "regional": True},
        api.token(Role.LEAD_ADMIN),
        "InvalidTransition",
    )
    theirs = node(api, REQUEST_QUERY, request["id"], provider)
    assert {d["outcome"] for d in theirs["decisions"]} == {"ACCEPTED_IN_PART", "REFUSED"}


def test_an_uplift_is_within_an_annual_uplifts_bounds_and_the_notice(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    tokens = commissioners(demo)
    lot, establishment, made = blocks(demo, {"E06000049": tokens["E06000049"]}, each=1)
    provider = provider_of(demo, made[0])
    base = {"establishment": establishment, "lot": lot, "reasons": "Costs.", "callOffs": made}
    cases = [
        ({"effectiveFrom": "2026-04-01", "uplift": {"education": "3"}}, "input.effectiveFrom"),  # under 84 days
        ({"effectiveFrom": "2026-09-01", "uplift": {"education": "12"}}, "input.uplift.education"),
        ({"effectiveFrom": "2026-09-01", "uplift": {"care": "-2"}}, "input.uplift.care"),
        ({"effectiveFrom": "2026-09-01", "uplift": {"education": "2.555"}}, "input.uplift.education"),
        ({"effectiveFrom": "2026-09-01", "uplift": {}}, "input.uplift"),
    ]
    for given, path in cases:
        result = call(api, "requestFeeUplift", {**base, **given}, provider)
        assert result["__typename"] == "ValidationError" and result["field"] == path, (given, result)
    # a provider asks only for its own establishments, and sees only its own requests
    request = ask(demo, provider, lot, establishment, made)
    query = "query($id: ID!) { node(id: $id) { ... on CallOff { provider { id } } } }"
    own = node(api, query, made[0], demo.auditor)["provider"]["id"]
    others = api.gql("{ providers(first: 50) { nodes { id } } }")["providers"]["nodes"]
    stranger = demo.provider(next(p["id"] for p in others if p["id"] != own))
    assert api.post(REQUEST_QUERY, {"id": request["id"]}, token=stranger).json()["data"]["node"] is None
    refused(
        api,
        "requestFeeUplift",
        {**base, "effectiveFrom": "2026-09-01", "uplift": {"education": "3"}},
        stranger,
        "NotFound",
        "input.establishment",
    )
    # the buying side sees every request; a board sees none
    analyst = api.token(Role.AUTHORITY_ANALYST, authority_id=1)
    assert node(api, REQUEST_QUERY, request["id"], analyst)["id"] == request["id"]
    assert (
        api.post(REQUEST_QUERY, {"id": request["id"]}, token=api.token(Role.ICB_COMMISSIONER, board_id=1)).json()[
            "data"
        ]["node"]
        is None
    )


def test_listing_requests_costs_the_same_for_1_and_all(demo: Demo) -> None:
    api = demo.api
    tokens = commissioners(demo)
    lot, establishment, made = blocks(demo, {c: tokens[c] for c in list(tokens)[:2]}, each=1)
    provider = provider_of(demo, made[0])
    for _ in range(3):
        ask(demo, provider, lot, establishment, made)
    query = """query($n: Int!) { upliftRequests(first: $n) { edges { node {
      uplift { education } establishment { name } lot { code } provider { legalName } yoursToDecide
      decisions { outcome authority { code } } affectedCallOffs { reference authority { code } }
    } } } }"""
    token = tokens[list(tokens)[0]]
    counts = []
    for n in (1, 3):
        with StatementCounter(api.app) as counter:
            assert len(api.gql(query, {"n": n}, token=token)["upliftRequests"]["edges"]) == n
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_an_uplift_may_ask_for_new_weekly_fees_never_below_a_placements_fee(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    tokens = commissioners(demo)
    code = list(tokens)[0]
    lot, establishment, made = blocks(demo, {code: tokens[code]}, each=2)
    provider = provider_of(demo, made[0])
    base = {
        "establishment": establishment,
        "lot": lot,
        "effectiveFrom": "2026-09-01",
        "reasons": "New rate card.",
        "callOffs": made,
    }
    lower = call(api, "requestFeeUplift", {**base, "newRates": {"care": 99_000}}, provider)
    assert lower["__typename"] == "ValidationError" and lower["field"] == "input.newRates", lower
    assert "care would fall from £1,000.00 to £990.00" in lower["message"]
    both = call(api, "requestFeeUplift", {**base, "uplift": {"care": "2"}, "newRates": {"care": 105_000}}, provider)
    assert both["__typename"] == "ValidationError" and both["field"] == "input.newRates.care", both
    asked = ok(
        api,
        "requestFeeUplift",
        {**base, "newRates": {"care": 105_000}, "uplift": {"education": "2"}},
        provider,
        "request { id version newRates { care education } uplift { education care } }",
    )["request"]
    assert asked["newRates"] == {"care": 105_000, "education": None}
    part = {
        "request": asked["id"],
        "version": asked["version"],
        "outcome": "ACCEPTED_IN_PART",
        "newRates": {"care": 110_000},
    }
    refused(api, "decideFeeUplift", part, tokens[code], "ValidationError", "input.uplift.care")  # more than asked
    ok(
        api,
        "decideFeeUplift",
        {
            **part,
            "newRates": {"care": 103_000},
            "uplift": {"education": "2"},
            "reason": "Care at £1,030.00, as the region agreed.",
        },
        tokens[code],
    )
    for call_off in made:  # education £1,500 × 1.02 = £1,530.00; care £1,030.00
        assert node(api, FEES, call_off, demo.auditor)["weeklyFeesOn"] == {
            "education": 153_000,
            "care": 103_000,
            "total": 256_000,
        }
