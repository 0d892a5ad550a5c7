"""A referral from creation to award through the HTTP API, with tokens from the built-in sign-in.

A Cheshire East commissioner raises a referral, reads the explained matches,
invites two providers (a third, uninvited, sees nothing), the invited ones
offer and a late offer is refused, the offers are ranked on published
weights, two simultaneous awards make one call-off, and its fees are uplifted
twice. A block contract and a direct award run too.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from api.auth.passwords import hash_password
from db import models as m
from db.engine import create_engine, session_factory
from db.enums import UserRole
from tests.conftest import _migrate_seed_and_people
from tests.support import DEMO_NOW, DEMO_TODAY, WritableApi, writable_api
from tests.test_round_end_to_end import call, ok, signed_in

PASSWORD = "a long enough password"
DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def api(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WritableApi]:
    with writable_api(backend, tmp_path_factory.mktemp(f"referral-{backend}"), seed=_migrate_seed_and_people) as live:
        yield live


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def add_user(api: WritableApi, username: str, provider_gid: str) -> str:
    """A built-in user for a provider (set-up), who then signs in for real."""

    async def add() -> None:
        engine = create_engine(api.app.state.settings.database_url)
        try:
            async with session_factory(engine)() as session:
                session.add(
                    m.User(
                        username=username,
                        display_name=username,
                        password_hash=hash_password(PASSWORD),
                        role=UserRole.PROVIDER_USER,
                        provider_id=pk(provider_gid),
                        is_provider_admin=True,
                    )
                )
                await session.commit()
        finally:
            await engine.dispose()

    asyncio.run(add())
    return signed_in(api, username, PASSWORD)


def fees(education: int) -> dict[str, int]:
    return {"education": education}


MATCHES = """query($id: ID!) { node(id: $id) { ... on Referral { matches(sortBy: DISTANCE) {
  eligible distanceKm establishment { id version dayVacancies } provider { id }
  reasonsFor { criterion } reasonsAgainst { criterion blocking }
} } } }"""


def referral_input(lot: str, reference: str, mode: str) -> dict[str, Any]:
    return {
        "lot": lot,
        "child": {
            "reference": reference,
            "ageAtStart": 10,
            "gender": "MALE",
            "primaryNeed": "ASD",
            "secondaryNeeds": [],
            "homePostcodeDistrict": "CW1",
            "homeLatitude": 53.09,
            "homeLongitude": -2.44,
            "needsSummary": "Needs a calm environment, small classes and speech and language therapy.",
        },
        "startBy": (DEMO_TODAY + 40 * DAY).isoformat(),
        "offerDeadline": (DEMO_NOW + 7 * DAY).isoformat(),
        "mode": mode,
        "qualityQuestions": ["How will you support the move to your school?"],
    }


def test_a_referral_from_creation_to_award(api: WritableApi) -> None:
    api.at(DEMO_NOW)
    commissioner = signed_in(api, "ce.commissioner", "demo-password")
    lots = api.gql("{ purchasingSystems(first: 1) { edges { node { lots { id code } } } } }")["purchasingSystems"][
        "edges"
    ][0]["node"]["lots"]
    lot = next(x["id"] for x in lots if x["code"] == "L1")
    referral = ok(
        api,
        "createReferral",
        referral_input(lot, "CE-2026-9001", "COMPETITION"),
        commissioner,
        "... on CreateReferralPayload { referral { id status } }",
    )["referral"]
    assert referral["status"] == "DRAFT"

    # explained matches; pick two eligible providers and one to stay uninvited
    matches = api.gql(MATCHES, {"id": referral["id"]}, token=commissioner)["node"]["matches"]
    assert matches == sorted(matches, key=lambda x: x["distanceKm"])
    eligible = [x for x in matches if x["eligible"]]
    for match in matches:
        against = {r["criterion"] for r in match["reasonsAgainst"] if r["blocking"]}
        assert match["eligible"] == (not against)
    providers: list[str] = []
    chosen: dict[str, dict[str, Any]] = {}
    for match in eligible:
        if match["provider"]["id"] not in providers:
            providers.append(match["provider"]["id"])
            chosen[match["provider"]["id"]] = match
    a, b, late = providers[:3]
    outsider = next(x for x in matches if x["provider"]["id"] not in (a, b, late))
    tokens = {p: add_user(api, f"user-{pk(p)}@example.test", p) for p in (a, b, late, outsider["provider"]["id"])}

    # crafted: the outsider's establishment fills its day places, and the match says why
    school = outsider["establishment"]
    ok(
        api,
        "updateEstablishment",
        {"id": school["id"], "version": school["version"], "dayVacancies": 0},
        tokens[outsider["provider"]["id"]],
    )
    after = next(
        x
        for x in api.gql(MATCHES, {"id": referral["id"]}, token=commissioner)["node"]["matches"]
        if x["establishment"]["id"] == school["id"]
    )
    assert not after["eligible"]
    assert {"criterion": "VACANCIES", "blocking": True} in after["reasonsAgainst"]

    # invite three; the outsider sees nothing
    opened = ok(
        api,
        "openReferral",
        {"referral": referral["id"], "providers": [a, b, late]},
        commissioner,
        "... on OpenReferralPayload { invitations { provider { id } } }",
    )
    assert {i["provider"]["id"] for i in opened["invitations"]} == {a, b, late}
    hidden = api.errors(
        "query($id: ID!) { node(id: $id) { id } }", {"id": referral["id"]}, token=tokens[outsider["provider"]["id"]]
    )
    assert hidden[0]["extensions"]["code"] == "NOT_FOUND"

    # offers: two in time, one at the deadline
    def offer(provider: str, education: int) -> dict[str, Any]:
        return call(
            api,
            "submitOffer",
            {
                "referral": referral["id"],
                "establishment": chosen[provider]["establishment"]["id"],
                "weeklyFees": fees(education),
                "startDate": (DEMO_TODAY + 30 * DAY).isoformat(),
                "qualityAnswers": ["A phased start over three weeks with a key worker."],
                "qualityStatement": "Our autism team will build the plan with the family.",
                "justification": "Speech and language therapy twice a week beyond the core offer.",
            },
            tokens[provider],
            "... on SubmitOfferPayload { offer { id } }",
        )

    made = [offer(a, 150_000), offer(b, 200_000)]
    assert all(x["__typename"] == "SubmitOfferPayload" for x in made), made
    offer_a, offer_b = (x["offer"]["id"] for x in made)
    api.at(DEMO_NOW + 7 * DAY)
    too_late = offer(late, 120_000)
    assert too_late["__typename"] == "DeadlinePassed", too_late

    # ranking on the published 60/40 weights
    api.at(DEMO_NOW + 8 * DAY)
    ok(api, "scoreOfferQuality", {"offer": offer_a, "score": 60}, commissioner)
    ok(api, "scoreOfferQuality", {"offer": offer_b, "score": 90}, commissioner)
    ranking = api.gql(
        """query($id: ID!) { node(id: $id) { ... on Referral { ranking { complete lowestAnnualCost
             offers { rank annualCost priceScore qualityScore weightedTotal offer { id } } } } } }""",
        {"id": referral["id"]},
        token=commissioner,
    )["node"]["ranking"]
    rows = {r["offer"]["id"]: r for r in ranking["offers"]}
    assert ranking["complete"] and ranking["lowestAnnualCost"] == 150_000 * 39
    assert (rows[offer_a]["annualCost"], rows[offer_b]["annualCost"]) == (5_850_000, 7_800_000)
    assert (rows[offer_a]["priceScore"], rows[offer_b]["priceScore"]) == ("100.00", "75.00")
    assert (rows[offer_a]["weightedTotal"], rows[offer_b]["weightedTotal"]) == ("76.00", "84.00")
    assert (rows[offer_a]["rank"], rows[offer_b]["rank"]) == (2, 1)

    # two simultaneous awards: one call-off
    award = {"offer": offer_b, "reason": "Highest weighted total."}
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: call(api, "awardReferral", award, commissioner), range(2)))
    assert sorted(r["__typename"] for r in results) in (
        ["AwardReferralPayload", "StaleVersion"],
        ["AwardReferralPayload", "InvalidTransition"],
    )
    call_off = api.gql(
        "query($id: ID!) { node(id: $id) { ... on Referral { status callOff { id version weeksPerYear } } } }",
        {"id": referral["id"]},
        token=commissioner,
    )["node"]
    assert call_off["status"] == "AWARDED"
    placement = call_off["callOff"]

    # two uplifts, with history
    start = DEMO_TODAY + 30 * DAY
    version = placement["version"]
    for effective, education in ((start + 30 * DAY, 206_000), (start + 60 * DAY, 212_180)):
        amended = ok(
            api,
            "amendCallOffFees",
            {
                "callOff": placement["id"],
                "version": version,
                "effectiveFrom": effective.isoformat(),
                "reason": "ANNUAL_UPLIFT",
                "note": "Agreed uplift.",
                "weeklyFees": fees(education),
            },
            commissioner,
            "... on AmendCallOffFeesPayload { callOff { version } }",
        )
        version = amended["callOff"]["version"]
    history = api.gql(
        """query($id: ID!) { node(id: $id) { ... on CallOff { annualCost weeklyFees { total }
             amendments { effectiveFrom reason before { total } after { total } } } } }""",
        {"id": placement["id"]},
        token=commissioner,
    )["node"]
    assert [(x["before"]["total"], x["after"]["total"]) for x in history["amendments"]] == [
        (200_000, 206_000),
        (206_000, 212_180),
    ]
    # both scheduled: today's fees stay until the first takes effect
    assert history["weeklyFees"]["total"] == 200_000
    assert history["annualCost"] == 200_000 * placement["weeksPerYear"]
    api.at(dt.datetime.combine(start + 60 * DAY, DEMO_NOW.timetz()))
    later = api.gql(
        "query($id: ID!) { node(id: $id) { ... on CallOff { annualCost weeklyFees { total } } } }",
        {"id": placement["id"]},
        token=commissioner,
    )["node"]
    assert later["weeklyFees"]["total"] == 212_180
    assert later["annualCost"] == 212_180 * placement["weeksPerYear"]
    api.at(DEMO_NOW)


def test_a_block_contract_and_a_direct_award(api: WritableApi) -> None:
    api.at(DEMO_NOW)
    commissioner = signed_in(api, "ce.commissioner", "demo-password")
    lots = api.gql("{ purchasingSystems(first: 1) { edges { node { lots { id code } } } } }")["purchasingSystems"][
        "edges"
    ][0]["node"]["lots"]
    lot = next(x["id"] for x in lots if x["code"] == "L1")
    referral = ok(
        api,
        "createReferral",
        referral_input(lot, "CE-2026-9002", "DIRECT_AWARD"),
        commissioner,
        "... on CreateReferralPayload { referral { id } }",
    )["referral"]["id"]
    match = next(x for x in api.gql(MATCHES, {"id": referral}, token=commissioner)["node"]["matches"] if x["eligible"])
    provider = match["provider"]["id"]
    token = add_user(api, f"direct-{pk(provider)}@example.test", provider)
    ok(api, "openReferral", {"referral": referral, "providers": [provider]}, commissioner)
    offered = ok(
        api,
        "submitOffer",
        {
            "referral": referral,
            "establishment": match["establishment"]["id"],
            "weeklyFees": fees(180_000),
            "startDate": (DEMO_TODAY + 20 * DAY).isoformat(),
            "qualityAnswers": ["A phased start."],
            "qualityStatement": "We know this child's needs well.",
            "justification": "One-to-one support for the first term.",
        },
        token,
        "... on SubmitOfferPayload { offer { id } }",
    )["offer"]["id"]
    assert call(api, "awardReferral", {"offer": offered}, commissioner)["__typename"] == "ValidationError"
    awarded = ok(
        api,
        "awardReferral",
        {"offer": offered, "reason": "The only suitable school within reach."},
        commissioner,
        "... on AwardReferralPayload { callOff { type awardReason membership { id } } }",
    )
    assert awarded["callOff"]["type"] == "INDIVIDUAL_PLACEMENT"
    assert awarded["callOff"]["awardReason"] == "The only suitable school within reach."
    assert awarded["callOff"]["membership"] is not None

    block = ok(
        api,
        "createBlockContract",
        {
            "lot": lot,
            "establishment": match["establishment"]["id"],
            "places": 2,
            "startDate": (DEMO_TODAY + 10 * DAY).isoformat(),
            "endDate": (DEMO_TODAY + 375 * DAY).isoformat(),
            "weeklyFees": fees(250_000),
            "reason": "Guaranteed places for the autumn term.",
        },
        commissioner,
        "... on CreateBlockContractPayload { callOff { type places status annualCost } }",
    )["callOff"]
    assert (block["type"], block["places"], block["status"]) == ("BLOCK", 2, "PENDING")
    assert block["annualCost"] == 250_000 * 39 * 2
