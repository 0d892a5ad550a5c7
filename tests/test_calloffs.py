"""Call-offs over HTTP: awards (competition, concurrent, direct), block contracts, fee amendments, the end.

Awards use the demo's open referrals with the clock moved past their
deadlines; block contracts buy places from the demo's lot members.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import httpx
import pytest

from api.auth.actor import Role
from api.domain.fees import MAX_ANNUAL_UPLIFT_PERCENT
from tests.support import DEMO_NOW, WritableApi
from tests.test_csv import export
from tests.test_offers import Demo, audit_actions, call, demo_of, mutation_text, node, ok, pk, refused

LATER = DEMO_NOW + dt.timedelta(days=20)  # every demo referral's offers have closed
TODAY = DEMO_NOW.date()

CALL_OFF = """
  id reference type status places weeksPerYear startDate endDate awardedAt awardedBy awardReason endReason
  terminatedAt terminationReason version annualCost weeklyTotal
  weeklyFees { education care health therapies additionalStaffing total }
  membership { id } referral { id } lot { id weeksPerYear } provider { id } establishment { id }
  awardWorking { mode complete working offers { rank offer { id } annualCost priceScore weightedTotal } }
  amendments { effectiveFrom reason note approvedBy scheduled
               before { education therapies total } after { education therapies total } }
"""
CALL_OFF_QUERY = f"query($id: ID!) {{ node(id: $id) {{ ... on CallOff {{ {CALL_OFF} }} }} }}"
REFERRAL = """query($id: ID!) { node(id: $id) { ... on Referral { status version callOff { id }
  offers { id status weeksPerYear startDate annualCost provider { id } establishment { id }
           weeklyFees { education care health therapies additionalStaffing total } }
  ranking { complete offers { rank offer { id } } } } } }"""


@pytest.fixture(scope="module")
def demo(writable: WritableApi) -> Demo:
    writable.at(DEMO_NOW)
    return demo_of(writable)


def offered(r: dict[str, Any], *, mode: str, least: int) -> bool:
    live = [o for o in r["offers"] if o["status"] == "SUBMITTED"]
    return r["status"] in ("OPEN", "CLOSED") and r["mode"] == mode and len(live) >= least


def score_all(demo: Demo, referral: dict[str, Any], token: str) -> list[str]:
    """Score every live offer (80, 60, 60, …) and return the offer IDs in rank order."""
    for i, offer in enumerate(demo.live_offers(referral)):
        ok(demo.api, "scoreOfferQuality", {"offer": offer["id"], "score": 80 if i == 0 else 60}, token)
    ranking = node(demo.api, REFERRAL, referral["id"], token)["ranking"]
    assert ranking["complete"]
    return [o["offer"]["id"] for o in ranking["offers"]]


def latest_number(demo: Demo) -> int:
    query = "{ callOffs(last: 1) { nodes { reference } } }"
    reference = demo.api.gql(query, token=demo.auditor)["callOffs"]["nodes"][0]["reference"]
    assert reference.startswith("NWFPS-CO-")
    return int(reference.removeprefix("NWFPS-CO-"))


def total_call_offs(demo: Demo) -> int:
    return demo.api.gql("{ callOffs(first: 1) { totalCount } }", token=demo.auditor)["callOffs"]["totalCount"]


# -- awards --------------------------------------------------------------------------------------


def test_a_mini_competition_is_awarded_to_the_offer_ranked_first(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    (referral,) = demo.pick(lambda r: offered(r, mode="COMPETITION", least=2) and r["status"] == "OPEN")
    commissioner = demo.commissioner(referral, subject="commissioner.awards")
    first = demo.live_offers(referral)[0]["id"]
    # while offers are open, and before every offer is scored, there is no award
    refused(api, "awardReferral", {"offer": first}, commissioner, "InvalidTransition")
    api.at(LATER)
    refused(api, "awardReferral", {"offer": first}, commissioner, "InvalidTransition", "input.offer")
    order = score_all(demo, referral, commissioner)
    top, runner_up = order[0], order[1]
    # another authority's commissioner cannot see the offer
    elsewhere = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(referral["authority"]["id"]) % 20 + 1)
    refused(api, "awardReferral", {"offer": top}, elsewhere, "NotFound", "input.offer")
    # the runner-up needs a reason
    refused(api, "awardReferral", {"offer": runner_up}, commissioner, "ValidationError", "input.reason")

    before = latest_number(demo)
    version = node(api, REFERRAL, referral["id"], commissioner)["version"]
    stale = refused(api, "awardReferral", {"offer": top, "version": version - 1}, commissioner, "StaleVersion")
    assert stale["currentVersion"] == version
    result = ok(
        api,
        "awardReferral",
        {"offer": top, "version": version},
        commissioner,
        "callOff { id reference } referral { status }",
    )
    assert result["referral"]["status"] == "AWARDED"
    assert result["callOff"]["reference"] == f"NWFPS-CO-{before + 1:06d}"

    seen = node(api, REFERRAL, referral["id"], commissioner)
    offer = next(o for o in seen["offers"] if o["id"] == top)
    call_off = node(api, CALL_OFF_QUERY, result["callOff"]["id"], commissioner)
    membership = demo.membership(referral["lot"]["id"], offer["provider"]["id"])
    assert seen["callOff"]["id"] == call_off["id"]
    assert call_off["type"] == "INDIVIDUAL_PLACEMENT" and call_off["places"] == 1
    assert call_off["weeklyFees"] == offer["weeklyFees"] and call_off["annualCost"] == offer["annualCost"]
    assert (call_off["weeksPerYear"], call_off["startDate"]) == (offer["weeksPerYear"], offer["startDate"])
    assert call_off["weeklyTotal"] == offer["weeklyFees"]["total"]
    assert call_off["provider"]["id"] == offer["provider"]["id"]
    assert call_off["establishment"]["id"] == offer["establishment"]["id"]
    assert call_off["referral"]["id"] == referral["id"] and call_off["membership"]["id"] == membership["id"]
    assert call_off["awardedBy"] == "commissioner.awards"
    assert call_off["awardReason"].startswith(f"Ranked first of {len(order)} offers")
    assert call_off["status"] in ("PENDING", "ACTIVE") and call_off["amendments"] == []
    working = call_off["awardWorking"]
    assert working["mode"] == "COMPETITION" and working["complete"]
    assert [o["offer"]["id"] for o in working["offers"]] == order and working["offers"][0]["rank"] == 1
    # the offer is accepted, every other live offer declined
    statuses = {o["id"]: o["status"] for o in seen["offers"] if o["id"] in order}
    assert statuses == {i: ("ACCEPTED" if i == top else "DECLINED") for i in order}
    # and only once
    refused(api, "awardReferral", {"offer": runner_up, "reason": "x"}, commissioner, "InvalidTransition")

    # the provider sees its call-off, not who awarded it nor the rivals' prices
    provider = demo.provider(offer["provider"]["id"])
    theirs = node(api, CALL_OFF_QUERY, call_off["id"], provider)
    assert theirs["awardedBy"] is None and theirs["awardWorking"] is None
    assert theirs["awardReason"] is None  # "ranked first of N offers" would tell how many competed
    assert audit_actions(demo, call_off["id"]) == ["callOff.awarded", "callOff.funding_split"]
    assert audit_actions(demo, referral["id"]) == ["referral.awarded"]
    assert audit_actions(demo, runner_up)[-1] == "offer.declined"


def test_another_offer_is_awarded_with_the_reason_recorded(demo: Demo) -> None:
    api = demo.api
    api.at(LATER)
    (referral,) = demo.pick(lambda r: offered(r, mode="COMPETITION", least=2))
    commissioner = demo.commissioner(referral)
    order = score_all(demo, referral, commissioner)
    why = "The first-ranked school cannot start until January; the child needs a place this term."
    result = ok(api, "awardReferral", {"offer": order[1], "reason": why}, commissioner, "callOff { id }")
    call_off = node(api, CALL_OFF_QUERY, result["callOff"]["id"], commissioner)
    assert call_off["awardReason"] == why
    assert [o["rank"] for o in call_off["awardWorking"]["offers"]][:2] == [1, 2]
    statuses = {o["id"]: o["status"] for o in node(api, REFERRAL, referral["id"], commissioner)["offers"]}
    assert statuses[order[1]] == "ACCEPTED" and statuses[order[0]] == "DECLINED"


def simultaneously(
    api: WritableApi, calls: list[tuple[str, dict[str, Any], str]], selection: str = "callOff { id reference }"
) -> list[dict[str, Any]]:
    """Send the calls at the same moment, each on its own connection; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def send(i: int, name: str, input: dict[str, Any], token: str) -> None:
        with httpx.Client(base_url=api.live.base_url, timeout=30) as client:
            barrier.wait()
            response = client.post(
                "/graphql",
                json={"query": mutation_text(name, selection), "variables": {"input": input}},
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


@pytest.mark.parametrize("same_offer", [True, False], ids=["same-offer", "rival-offers"])
def test_two_simultaneous_awards_make_exactly_one_call_off(demo: Demo, same_offer: bool) -> None:
    api = demo.api
    api.at(LATER)
    (referral,) = demo.pick(lambda r: offered(r, mode="COMPETITION", least=2))
    commissioner = demo.commissioner(referral)
    order = score_all(demo, referral, commissioner)
    version = node(api, REFERRAL, referral["id"], commissioner)["version"]
    first = {"offer": order[0], "version": version}
    second = first if same_offer else {"offer": order[1], "reason": "Nearer the child's home.", "version": version}
    count = total_call_offs(demo)
    results = simultaneously(api, [("awardReferral", first, commissioner), ("awardReferral", second, commissioner)])
    kinds = sorted(r["__typename"] for r in results)
    assert kinds[0] == "AwardReferralPayload" and kinds[1] in ("InvalidTransition", "StaleVersion"), results
    assert total_call_offs(demo) == count + 1
    seen = node(api, REFERRAL, referral["id"], commissioner)
    winner = next(r for r in results if r["__typename"] == "AwardReferralPayload")
    assert seen["status"] == "AWARDED" and seen["callOff"]["id"] == winner["callOff"]["id"]
    assert [o["status"] for o in seen["offers"]].count("ACCEPTED") == 1
    assert audit_actions(demo, referral["id"]) == ["referral.awarded"]


def test_a_direct_award_needs_a_reason_but_no_competition(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    (referral,) = demo.pick(lambda r: offered(r, mode="DIRECT_AWARD", least=1) and r["status"] == "OPEN")
    commissioner = demo.commissioner(referral)
    offer = demo.live_offers(referral)[0]
    refused(api, "awardReferral", {"offer": offer["id"]}, commissioner, "ValidationError", "input.reason")
    why = "The only school in reach that meets the plan; agreed at panel."
    result = ok(api, "awardReferral", {"offer": offer["id"], "reason": why}, commissioner, "callOff { id }")
    call_off = node(api, CALL_OFF_QUERY, result["callOff"]["id"], commissioner)
    assert call_off["awardReason"] == why and call_off["type"] == "INDIVIDUAL_PLACEMENT"
    assert call_off["membership"]["id"] == demo.membership(referral["lot"]["id"], offer["provider"]["id"])["id"]
    working = call_off["awardWorking"]
    assert working["mode"] == "DIRECT_AWARD" and [o["offer"]["id"] for o in working["offers"]] == [offer["id"]]
    assert working["offers"][0]["rank"] is None  # nobody scored it: no competition
    assert node(api, REFERRAL, referral["id"], commissioner)["status"] == "AWARDED"


# -- block contracts -----------------------------------------------------------------------------


def lot_by_code(demo: Demo, code: str) -> dict[str, Any]:
    systems = demo.api.gql("{ purchasingSystems(first: 5) { nodes { lots { id code weeksPerYear placementType } } } }")
    return next(lot for s in systems["purchasingSystems"]["nodes"] for lot in s["lots"] if lot["code"] == code)


def block_input(lot: dict[str, Any], establishment: str, **overrides: Any) -> dict[str, Any]:
    return {
        "lot": lot["id"],
        "establishment": establishment,
        "places": 1,
        "startDate": (TODAY + dt.timedelta(days=14)).isoformat(),
        "endDate": (TODAY + dt.timedelta(days=400)).isoformat(),
        "weeklyFees": {"education": 100_000},
        "reason": "Places for children returning to the area.",
        **overrides,
    }


def member_place(demo: Demo, lot: dict[str, Any], *, status: str = "ACTIVE", places: int = 2) -> tuple[str, int]:
    """An establishment of a member of the lot in ``status`` with at least ``places`` places, and its places."""
    kind = "residentialCapacity" if lot["placementType"] == "RESIDENTIAL" else "dayCapacity"
    for membership in demo.memberships(lot["id"]):
        for place in membership["establishments"]:
            if membership["status"] == status and place[kind] >= places:
                return place["id"], place[kind]
    raise AssertionError(f"no {status} member of {lot['code']} has {places} places")


def commissioner_of(demo: Demo, code: str = "E06000049", subject: str = "commissioner.blocks") -> str:
    authorities = demo.api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    authority = next(a["id"] for a in authorities if a["code"] == code)
    return demo.api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(authority), subject=subject)


def test_a_block_contract_buys_places_from_an_active_member(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner_of(demo)
    lot = lot_by_code(demo, "L2")
    establishment, capacity = member_place(demo, lot)
    create = "createBlockContract"
    refused(api, create, block_input(lot, establishment, places=0), token, "ValidationError", "input.places")
    refused(api, create, block_input(lot, establishment, places=capacity + 1), token, "ValidationError", "input.places")
    early_end = block_input(lot, establishment, endDate=TODAY.isoformat())
    refused(api, create, early_end, token, "ValidationError", "input.endDate")
    elsewhere, _ = member_place(demo, lot_by_code(demo, "L6"), places=1)
    refused(api, create, block_input(lot, elsewhere), token, "ValidationError", "input.establishment")
    day_lot = lot_by_code(demo, "L1")
    day_place, _ = member_place(demo, day_lot, places=1)
    with_care = block_input(day_lot, day_place, weeklyFees={"education": 90_000, "care": 1})
    refused(api, create, with_care, token, "ValidationError", "input.weeklyFees.care")
    suspended, _ = member_place(demo, day_lot, status="SUSPENDED", places=1)
    refused(api, create, block_input(day_lot, suspended), token, "InvalidTransition", "input.establishment")

    before = latest_number(demo)
    weekly = {"education": 150_000, "care": 100_000}
    made = ok(api, create, block_input(lot, establishment, places=2, weeklyFees=weekly), token, "callOff { id }")
    block = node(api, CALL_OFF_QUERY, made["callOff"]["id"], token)
    assert block["reference"] == f"NWFPS-CO-{before + 1:06d}"
    assert (block["type"], block["places"], block["referral"], block["status"]) == ("BLOCK", 2, None, "PENDING")
    assert block["weeksPerYear"] == lot["weeksPerYear"] == 38
    assert block["weeklyTotal"] == 500_000 and block["annualCost"] == 250_000 * 38 * 2 == 19_000_000
    assert block["establishment"]["id"] == establishment and block["membership"] is not None
    assert block["awardedBy"] == "commissioner.blocks" and block["awardWorking"] is None
    assert audit_actions(demo, block["id"]) == ["callOff.awarded", "callOff.funding_split"]


def test_block_contracts_made_at_the_same_moment_get_consecutive_references(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner_of(demo)
    lot = lot_by_code(demo, "L1")
    establishment, _ = member_place(demo, lot, places=1)
    before = latest_number(demo)
    made = simultaneously(api, [("createBlockContract", block_input(lot, establishment), token)] * 3)
    assert all(r["__typename"] == "CreateBlockContractPayload" for r in made), made
    numbers = sorted(int(r["callOff"]["reference"].removeprefix("NWFPS-CO-")) for r in made)
    assert numbers == [before + 1, before + 2, before + 3]


# -- fee amendments --------------------------------------------------------------------------------


def test_fee_uplifts_keep_their_history_and_the_cost_follows_the_dates(demo: Demo) -> None:
    """£1,200.00 a week, uplifted to £1,234.56 (× 38 = £46,913.28 exactly), then therapies added.

    Both amendments are scheduled: today's fees stay until each one's date, when the call-off's fees follow.
    """
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner_of(demo, subject="commissioner.fees")
    lot = lot_by_code(demo, "L2")
    establishment, _ = member_place(demo, lot, places=1)
    start = TODAY + dt.timedelta(days=7)
    made = ok(
        api,
        "createBlockContract",
        block_input(lot, establishment, startDate=start.isoformat(), weeklyFees={"education": 120_000}),
        token,
        "callOff { id version annualCost }",
    )["callOff"]
    assert made["annualCost"] == 4_560_000
    cid = made["id"]

    def amend(version: int, day: dt.date, weekly: dict[str, int], reason: str = "ANNUAL_UPLIFT") -> dict[str, Any]:
        return {
            "callOff": cid,
            "version": version,
            "effectiveFrom": day.isoformat(),
            "reason": reason,
            "note": "Agreed with the provider.",
            "weeklyFees": weekly,
        }

    uplift = {"education": 123_456}
    refused(
        api,
        "amendCallOffFees",
        amend(made["version"], start - dt.timedelta(days=1), uplift),
        token,
        "ValidationError",
        "input.effectiveFrom",
    )
    refused(api, "amendCallOffFees", amend(made["version"] + 1, start, uplift), token, "StaleVersion")
    refused(
        api,
        "amendCallOffFees",
        amend(made["version"], start, {"education": 120_000}),
        token,
        "ValidationError",
        "input.weeklyFees",
    )
    first_day = start + dt.timedelta(days=30)
    first = ok(
        api,
        "amendCallOffFees",
        amend(made["version"], first_day, uplift),
        token,
        "callOff { version annualCost weeklyFees { education } } amendment { approvedBy }",
    )
    # scheduled: today's fees stay until the effective date
    assert first["callOff"]["annualCost"] == 4_560_000
    assert first["callOff"]["weeklyFees"]["education"] == 120_000
    assert first["amendment"]["approvedBy"] == "commissioner.fees"
    version = first["callOff"]["version"]
    # not before the latest amendment
    earlier = amend(version, first_day - dt.timedelta(days=1), {"education": 130_000})
    refused(api, "amendCallOffFees", earlier, token, "ValidationError", "input.effectiveFrom")
    second_day = start + dt.timedelta(days=200)
    needs = {"education": 123_456, "therapies": 20_000}
    ok(api, "amendCallOffFees", amend(version, second_day, needs, "NEEDS_CHANGE"), token)

    call_off = node(api, CALL_OFF_QUERY, cid, token)
    history = call_off["amendments"]
    assert [(a["effectiveFrom"], a["reason"]) for a in history] == [
        (first_day.isoformat(), "ANNUAL_UPLIFT"),
        (second_day.isoformat(), "NEEDS_CHANGE"),
    ]
    assert [(a["before"]["total"], a["after"]["total"]) for a in history] == [(120_000, 123_456), (123_456, 143_456)]
    assert history[1]["before"] == history[0]["after"]  # the chain is unbroken
    assert call_off["weeklyFees"]["total"] == call_off["weeklyTotal"] == 120_000
    assert call_off["annualCost"] == 120_000 * 38

    on = (
        "query($id: ID!, $a: Date!, $b: Date!, $c: Date!, $d: Date!) { node(id: $id) { ... on CallOff { "
        "a: annualCostOn(date: $a) b: annualCostOn(date: $b) c: annualCostOn(date: $c) d: annualCostOn(date: $d) "
        "fees: weeklyFeesOn(date: $c) { education therapies total } } } }"
    )
    days = [start, first_day, second_day - dt.timedelta(days=1), second_day]
    costs = api.gql(on, {"id": cid, **{k: d.isoformat() for k, d in zip("abcd", days)}}, token=token)["node"]
    assert (costs["a"], costs["b"], costs["c"], costs["d"]) == (4_560_000, 4_691_328, 4_691_328, 5_451_328)
    assert costs["fees"] == {"education": 123_456, "therapies": 0, "total": 123_456}
    # on each effective date, the call-off's fees are the amendment's
    for day, weekly in ((first_day, {"education": 123_456, "therapies": 0}), (second_day, needs)):
        api.at(dt.datetime.combine(day, DEMO_NOW.timetz()))
        then = node(api, CALL_OFF_QUERY, cid, token)
        total = sum(weekly.values())
        assert {k: then["weeklyFees"][k] for k in weekly} == weekly
        assert then["weeklyTotal"] == total and then["annualCost"] == total * 38
    assert then["annualCost"] == 143_456 * 38 == 5_451_328  # £1,434.56 × 38
    api.at(DEMO_NOW)

    # the provider sees the history, not who approved it
    provider = api.gql(
        "query($id: ID!) { node(id: $id) { ... on CallOff { provider { id } } } }", {"id": cid}, token=token
    )["node"]["provider"]["id"]
    theirs = node(api, CALL_OFF_QUERY, cid, demo.provider(provider))["amendments"]
    assert len(theirs) == 2 and {a["approvedBy"] for a in theirs} == {None}
    assert audit_actions(demo, cid) == [
        "callOff.awarded",
        "callOff.funding_split",
        "callOff.fees_amended",
        "callOff.funding_split",
        "callOff.fees_amended",
        "callOff.funding_split",
    ]


def _running_block(demo: Demo, token: str, weekly: dict[str, int], places: int = 1) -> dict[str, Any]:
    """A block contract on lot L2 that started today, at ``weekly`` fees per place."""
    lot = lot_by_code(demo, "L2")
    establishment, _ = member_place(demo, lot, places=places)
    made = ok(
        demo.api,
        "createBlockContract",
        block_input(lot, establishment, places=places, startDate=TODAY.isoformat(), weeklyFees=weekly),
        token,
        "callOff { id reference version status }",
    )["callOff"]
    assert made["status"] == "ACTIVE"
    return made


def _amendment(call_off: dict[str, Any], day: dt.date, reason: str, weekly: dict[str, int]) -> dict[str, Any]:
    return {
        "callOff": call_off["id"],
        "version": call_off["version"],
        "effectiveFrom": day.isoformat(),
        "reason": reason,
        "note": "Agreed with the provider.",
        "weeklyFees": weekly,
    }


def test_a_scheduled_amendment_changes_no_fee_until_its_date(demo: Demo) -> None:
    """£4,232.62 a week for 2 places, uplifted by 3% from a month ahead: today's fees stay until then, CSV included."""
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner_of(demo, subject="commissioner.scheduled")
    auditor = api.token(Role.AUDITOR)
    block = _running_block(demo, token, {"education": 300_000, "care": 123_262}, places=2)
    day = TODAY + dt.timedelta(days=30)
    uplift = {"education": 309_000, "care": 126_960}
    selection = "callOff { weeklyTotal annualCost weeklyFees { education care total } } amendment { effectiveFrom }"
    made = ok(api, "amendCallOffFees", _amendment(block, day, "ANNUAL_UPLIFT", uplift), token, selection)
    today = {
        "weeklyTotal": 846_524,
        "annualCost": 423_262 * 38 * 2,
        "weeklyFees": {"education": 300_000, "care": 123_262, "total": 423_262},
    }
    assert made["callOff"] == today and made["amendment"]["effectiveFrom"] == day.isoformat()

    def seen() -> tuple[dict[str, Any], dict[str, str]]:
        call_off = node(api, CALL_OFF_QUERY, block["id"], token)
        listed = api.gql("{ callOffs(last: 5) { nodes { id weeklyTotal annualCost } } }", token=token)["callOffs"]
        in_list = next(c for c in listed["nodes"] if c["id"] == block["id"])
        assert (in_list["weeklyTotal"], in_list["annualCost"]) == (call_off["weeklyTotal"], call_off["annualCost"])
        row = next(r for r in export(api, "/exports/call-offs.csv", auditor) if r["reference"] == block["reference"])
        return call_off, row

    call_off, row = seen()
    assert (call_off["weeklyTotal"], call_off["annualCost"]) == (today["weeklyTotal"], today["annualCost"])
    assert call_off["weeklyFees"]["total"] == 423_262
    # the history shows the amendment as scheduled
    assert [(a["effectiveFrom"], a["after"]["total"], a["scheduled"]) for a in call_off["amendments"]] == [
        (day.isoformat(), 435_960, True)
    ]
    assert (row["weekly_education"], row["weekly_care"], row["weekly_total"]) == ("3000.00", "1232.62", "4232.62")
    assert row["annual_cost"] == "321679.12"  # £4,232.62 × 38 × 2
    assert (row["latest_amendment_date"], row["latest_amendment_reason"]) == ("", "")

    midnight = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    api.at(midnight - dt.timedelta(seconds=1))  # the last moment before the effective date
    call_off, row = seen()
    assert call_off["weeklyTotal"] == 846_524 and row["weekly_total"] == "4232.62"

    api.at(midnight)
    call_off, row = seen()
    assert call_off["weeklyFees"] == {**call_off["weeklyFees"], "education": 309_000, "total": 435_960}
    assert (call_off["weeklyTotal"], call_off["annualCost"]) == (871_920, 435_960 * 38 * 2)
    assert (row["weekly_education"], row["weekly_care"], row["weekly_total"]) == ("3090.00", "1269.60", "4359.60")
    assert row["annual_cost"] == "331329.60"
    assert (row["latest_amendment_date"], row["latest_amendment_reason"]) == (day.isoformat(), "ANNUAL_UPLIFT")
    assert [a["scheduled"] for a in call_off["amendments"]] == [False]
    api.at(DEMO_NOW)


def test_an_amendment_reason_must_fit_the_change(demo: Demo) -> None:
    """An annual uplift raises fees, by at most 10% an element; the other reasons admit any change."""
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner_of(demo, subject="commissioner.reasons")
    block = _running_block(demo, token, {"education": 300_000, "care": 123_262})
    day = TODAY + dt.timedelta(days=10)
    amend = "amendCallOffFees"
    for weekly in (
        {"education": 1},  # the cut from £4,232.62 to £0.01 a week
        {"education": 310_000, "care": 120_000},  # one element falls
        {"education": 330_001, "care": 123_262},  # more than 10%
        {"education": 300_000, "care": 123_262, "therapies": 5_000},  # a new element
    ):
        result = refused(api, amend, _amendment(block, day, "ANNUAL_UPLIFT", weekly), token, "ValidationError")
        assert result["field"] == "input.reason" and "annual uplift" in result["message"], result
        assert "choose the reason" in result["message"]
    cut = refused(api, amend, _amendment(block, day, "ANNUAL_UPLIFT", {"education": 1}), token, "ValidationError")
    assert "£3,000.00 to £0.01" in cut["message"], cut
    # exactly 10% is an uplift
    uplifted = ok(
        api,
        amend,
        _amendment(block, day, "ANNUAL_UPLIFT", {"education": 330_000, "care": 135_588}),
        token,
        "callOff { version }",
    )
    version = uplifted["callOff"]["version"]
    # a correction may cut a fee, a change of needs add an element
    corrected = ok(
        api,
        amend,
        _amendment({**block, "version": version}, day, "CORRECTION", {"education": 290_000}),
        token,
        "callOff { version }",
    )
    needs = {"education": 290_000, "therapies": 20_000}
    changed = {**block, "version": corrected["callOff"]["version"]}
    ok(api, amend, _amendment(changed, day + dt.timedelta(days=1), "NEEDS_CHANGE", needs), token)
    described = api.gql('{ __type(name: "AmendmentReason") { enumValues { name description } } }')
    uplift = next(v for v in described["__type"]["enumValues"] if v["name"] == "ANNUAL_UPLIFT")
    assert f"{MAX_ANNUAL_UPLIFT_PERCENT}%" in uplift["description"]


# -- ending and terminating ----------------------------------------------------------------------

OK, IT = "OK", "InvalidTransition"
ACTIONS = ("endCallOff", "terminateCallOff", "amendCallOffFees")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "PENDING": (OK, OK, OK),
    "ACTIVE": (OK, OK, OK),
    "ENDED": (IT, IT, IT),
    "TERMINATED": (IT, IT, IT),
}


def test_every_end_and_termination_transition(demo: Demo) -> None:
    api = demo.api
    t0 = DEMO_NOW + dt.timedelta(days=60)
    api.at(t0)
    token = commissioner_of(demo, subject="commissioner.ends")
    lot = lot_by_code(demo, "L1")
    establishment, _ = member_place(demo, lot, places=1)
    day0 = t0.date()
    periods = {
        "PENDING": (day0 + dt.timedelta(days=60), day0 + dt.timedelta(days=400)),
        "ACTIVE": (day0, day0 + dt.timedelta(days=400)),
        "ENDED": (day0, day0 + dt.timedelta(days=1)),
        "TERMINATED": (day0, day0 + dt.timedelta(days=400)),
    }
    cells: list[tuple[str, str, str, str, dt.date]] = []
    for state, outcomes in TRANSITIONS.items():
        start, end = periods[state]
        for action, expected in zip(ACTIONS, outcomes):
            terms = block_input(lot, establishment, startDate=start.isoformat(), endDate=end.isoformat())
            made = ok(api, "createBlockContract", terms, token, "callOff { id version }")["callOff"]
            if state == "TERMINATED":
                why = "The provider closed the unit."
                ok(api, "terminateCallOff", {"callOff": made["id"], "version": made["version"], "reason": why}, token)
            cells.append((state, action, expected, made["id"], start))

    api.at(t0 + dt.timedelta(days=5))
    today = day0 + dt.timedelta(days=5)
    status = "query($id: ID!) { node(id: $id) { ... on CallOff { status version } } }"
    outcomes: dict[tuple[str, str], str] = {}
    for state, action, _expected, cid, start in cells:
        current = api.gql(status, {"id": cid}, token=token)["node"]
        assert current["status"] == state
        inputs = {
            "endCallOff": {"endDate": (max(start, today) + dt.timedelta(days=30)).isoformat(), "reason": "Moving on."},
            "terminateCallOff": {"reason": "The placement broke down."},
            "amendCallOffFees": {
                "effectiveFrom": max(start, today).isoformat(),
                "reason": "CORRECTION",
                "note": "Corrected the education fee.",
                "weeklyFees": {"education": 101_000},
            },
        }
        result = call(api, action, {"callOff": cid, "version": current["version"], **inputs[action]}, token)
        outcomes[(state, action)] = OK if result["__typename"].endswith("Payload") else result["__typename"]
    assert outcomes == {(state, action): expected for state, action, expected, *_ in cells}


def test_an_end_date_takes_effect_once_past_and_a_termination_at_once(demo: Demo) -> None:
    api = demo.api
    t0 = DEMO_NOW + dt.timedelta(days=90)
    api.at(t0)
    token = commissioner_of(demo, subject="commissioner.ends")
    lot = lot_by_code(demo, "L1")
    establishment, _ = member_place(demo, lot, places=1)
    day0 = t0.date()
    terms = block_input(lot, establishment, startDate=day0.isoformat())
    ending = ok(api, "createBlockContract", terms, token, "callOff { id version }")["callOff"]
    target = {"callOff": ending["id"], "version": ending["version"], "reason": "The child moves to college."}
    past = {**target, "endDate": (day0 - dt.timedelta(days=1)).isoformat()}
    refused(api, "endCallOff", past, token, "ValidationError", "input.endDate")
    refused(
        api,
        "endCallOff",
        {**target, "endDate": day0.isoformat(), "reason": " "},
        token,
        "ValidationError",
        "input.reason",
    )
    last = day0 + dt.timedelta(days=10)
    ended = ok(
        api, "endCallOff", {**target, "endDate": last.isoformat()}, token, "callOff { status endDate endReason }"
    )
    assert ended["callOff"] == {
        "status": "ACTIVE",
        "endDate": last.isoformat(),
        "endReason": "The child moves to college.",
    }
    api.at(t0 + dt.timedelta(days=10))
    assert node(api, CALL_OFF_QUERY, ending["id"], token)["status"] == "ACTIVE"  # the last day still runs
    api.at(t0 + dt.timedelta(days=11))
    assert node(api, CALL_OFF_QUERY, ending["id"], token)["status"] == "ENDED"

    api.at(t0)
    running = ok(api, "createBlockContract", terms, token, "callOff { id version }")["callOff"]
    other = commissioner_of(demo, code="E08000001")
    stop = {"callOff": running["id"], "version": running["version"], "reason": "Safeguarding concerns."}
    refused(api, "terminateCallOff", stop, other, "NotFound", "input.callOff")
    done = ok(api, "terminateCallOff", stop, token, "callOff { status terminatedAt terminationReason endDate }")
    assert (
        done["callOff"]["status"] == "TERMINATED" and done["callOff"]["terminationReason"] == "Safeguarding concerns."
    )
    assert done["callOff"]["endDate"] == day0.isoformat()
    assert dt.datetime.fromisoformat(done["callOff"]["terminatedAt"]) == t0
    assert audit_actions(demo, ending["id"]) == ["callOff.awarded", "callOff.funding_split", "callOff.end_set"]
    assert audit_actions(demo, running["id"]) == ["callOff.awarded", "callOff.funding_split", "callOff.terminated"]
    api.at(DEMO_NOW)
