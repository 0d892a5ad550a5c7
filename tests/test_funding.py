"""Funding splits over HTTP: a three-way split at award, agreement by the board, on the board's behalf, the
re-split of an amendment, a new split, bad splits refused whole, and every path closed to those who may not
read who pays. The rounding rule is checked as a property first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.auth.actor import Role
from api.domain.exports import CENSUS_COLUMNS, pounds_cell
from api.domain.fees import WeeklyFees
from api.domain.funding import divide
from db.enums import CostElement, NeedCode
from db.fees import FEE_ELEMENTS
from db.models.funding import SHARE_SCALE, share_out
from tests.support import DEMO_NOW, WritableApi
from tests.test_calloffs import score_all
from tests.test_csv import export
from tests.test_offers import Demo, audit_actions, call, demo_of, mutation_text, node, ok, pk, refused
from tests.test_round_end_to_end import signed_in

LATER = DEMO_NOW + dt.timedelta(days=20)

SPLIT = """
  id status effectiveFrom version
  callOff { id reference }
  contributions { id position agreed agreedAt agreedBy onBehalfReason yoursToAgree
    funder { stream authority { id } integratedCareBoard { id odsCode } }
    shares { education care health therapies additionalStaffing }
    weeklyAmounts { education care health therapies additionalStaffing total } }
"""
SPLIT_QUERY = f"query($id: ID!) {{ node(id: $id) {{ ... on FundingSplit {{ {SPLIT} }} }} }}"
CALL_OFF_FUNDING = f"""query($id: ID!) {{ node(id: $id) {{ ... on CallOff {{
  id version weeklyFees {{ education care health therapies additionalStaffing total }}
  referral {{ id }} fundingSplit {{ {SPLIT} }} fundingSplits {{ id effectiveFrom status }} }} }} }}"""
SPLITS = """query($filter: FundingSplitFilter) { fundingSplits(first: 100, filter: $filter) {
  totalCount nodes { id status callOff { id } } } }"""


# -- the rounding rule, as a property -------------------------------------------------------------


@st.composite
def _shares(draw: Any) -> list[int]:
    """2 to 5 shares in basis points summing to 100%."""
    cuts = sorted(draw(st.lists(st.integers(0, SHARE_SCALE), min_size=1, max_size=4)))
    bounds = [0, *cuts, SHARE_SCALE]
    return [b - a for a, b in zip(bounds, bounds[1:])]


@settings(max_examples=400, deadline=None)
@given(fee=st.integers(0, 10_000_000), shares=_shares())
def test_a_split_sums_to_the_penny_and_no_share_is_a_penny_out(fee: int, shares: list[int]) -> None:
    parts = share_out(fee, shares)
    assert sum(parts) == fee
    for part, share in zip(parts, shares):
        exact = Decimal(fee) * share / SHARE_SCALE
        assert abs(part - exact) < 1
    assert share_out(fee, shares) == parts  # one answer, always


def test_the_rounding_rule_on_awkward_amounts_worked_by_hand() -> None:
    # £1,000.01 in thirds (33.33%, 33.33%, 33.34%): exact 33,330.3333, 33,330.3333, 33,340.3334 pence.
    # Rounded down: 33,330 + 33,330 + 33,340 = 99,999... +1: 100,000; one penny is left, and the third lost most.
    assert share_out(100_001, [3333, 3333, 3334]) == [33_330, 33_330, 33_341]
    # 1p shared equally: it goes to the first of the tied.
    assert share_out(1, [5000, 5000]) == [1, 0]
    # 5p by 40/30/30: exact 2, 1.5, 1.5: the left-over penny to the first of the two that lost half a penny.
    assert share_out(5, [4000, 3000, 3000]) == [2, 2, 1]
    # nobody was given a share (an element unpriced at the time): the first funder pays it all
    assert share_out(7_500, [0, 0]) == [7_500, 0]
    fees = WeeklyFees(dict.fromkeys(FEE_ELEMENTS, 333_33))
    split = divide(
        fees, [{e: 3333 for e in FEE_ELEMENTS}, {e: 3333 for e in FEE_ELEMENTS}, {e: 3334 for e in FEE_ELEMENTS}]
    )
    assert [s.by_element[CostElement.EDUCATION] for s in split] == [11_110, 11_110, 11_113]
    assert sum(s.total for s in split) == fees.total


# -- the demo -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(writable_with_people: WritableApi) -> Demo:
    writable_with_people.at(DEMO_NOW)
    return demo_of(writable_with_people)


def boards(api: WritableApi) -> dict[str, str]:
    found = api.gql("{ integratedCareBoards(first: 10) { nodes { id odsCode name } } }")  # public
    return {b["odsCode"]: b["id"] for b in found["integratedCareBoards"]["nodes"]}


def three_way(board: str, staffing: tuple[str, str, str] = ("33.33", "33.33", "33.34")) -> dict[str, Any]:
    """Education from the placing authority, care from its social care, health from ``board``; additional
    staffing and therapies shared."""
    return {
        "contributions": [
            {"stream": "EDUCATION", "education": "100", "therapies": "50", "additionalStaffing": staffing[0]},
            {"stream": "SOCIAL_CARE", "care": "100", "additionalStaffing": staffing[1]},
            {
                "stream": "HEALTH",
                "integratedCareBoard": board,
                "health": "100",
                "therapies": "50",
                "additionalStaffing": staffing[2],
            },
        ]
    }


def ready_to_award(demo: Demo) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """A referral with offers that may be awarded now (a mini-competition after its deadline, its offers scored),
    its commissioner, and the award's input but for the funding split."""
    api = demo.api
    api.at(DEMO_NOW)
    (referral,) = demo.pick(lambda r: r["status"] in ("OPEN", "CLOSED") and bool(demo.live_offers(r)))
    commissioner = demo.commissioner(referral, subject="commissioner.funding")
    input_: dict[str, Any] = {"reason": "The one school that meets the plan."}
    if referral["mode"] == "COMPETITION":
        api.at(LATER)
        input_["offer"] = score_all(demo, referral, commissioner)[0]
    else:
        input_["offer"] = demo.live_offers(referral)[0]["id"]
    return referral, commissioner, input_


def award_with(demo: Demo, funding: dict[str, Any] | None) -> tuple[dict[str, Any], str, str]:
    """Award a referral with ``funding``; return the call-off (with its funding), the commissioner and the offer."""
    _, commissioner, input_ = ready_to_award(demo)
    if funding is not None:
        input_["fundingSplit"] = funding
    result = ok(demo.api, "awardReferral", input_, commissioner, "callOff { id }")
    return node(demo.api, CALL_OFF_FUNDING, result["callOff"]["id"], commissioner), commissioner, input_["offer"]


def authority_of(demo: Demo, call_off: str) -> str:
    query = "query($id: ID!) { node(id: $id) { ... on CallOff { authority { id } } } }"
    return demo.api.gql(query, {"id": call_off}, token=demo.auditor)["node"]["authority"]["id"]


def unseen(api: WritableApi, query: str, id_: str, token: str) -> bool:
    """Whether ``node(id:)`` answers as for a row that does not exist: null, with NOT_FOUND."""
    body = api.post(query, {"id": id_}, token=token).json()
    return body["data"]["node"] is None and body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def inbox_kinds(api: WritableApi, token: str) -> list[str]:
    found = api.gql("{ viewer { notifications(first: 50) { nodes { kind link } } } }", token=token)
    return [n["kind"] for n in found["viewer"]["notifications"]["nodes"]]


def test_a_three_way_split_at_award_waits_for_the_board_and_the_board_agrees(demo: Demo) -> None:
    api = demo.api
    qyg = boards(api)["QYG"]
    call_off, commissioner, _ = award_with(demo, three_way(qyg))
    split = call_off["fundingSplit"]
    assert split["status"] == "PENDING" and split["effectiveFrom"] == call_off["fundingSplits"][0]["effectiveFrom"]
    education, social_care, health = split["contributions"]
    # the commissioner speaks for their own authority's budgets; the board has to agree its own part
    assert education["agreed"] and social_care["agreed"] and not health["agreed"]
    assert health["funder"]["integratedCareBoard"]["odsCode"] == "QYG" and health["funder"]["authority"] is None
    fees = call_off["weeklyFees"]
    for element in ("education", "care", "health", "therapies", "additionalStaffing"):
        assert sum(c["weeklyAmounts"][element] for c in split["contributions"]) == fees[element]
    assert sum(c["weeklyAmounts"]["total"] for c in split["contributions"]) == fees["total"]
    assert education["weeklyAmounts"]["education"] == fees["education"]
    assert health["weeklyAmounts"]["health"] == fees["health"]
    assert Decimal(str(health["shares"]["additionalStaffing"])) == Decimal("33.34")

    # the board's person, signed in for real, is told, finds it waiting, and reads the placement it pays for
    board_user = signed_in(api, "icb.commissioner", "demo-password")
    assert "FUNDING_AGREEMENT_REQUESTED" in inbox_kinds(api, board_user)
    waiting = api.gql(SPLITS, {"filter": {"yoursToAgree": True}}, token=board_user)["fundingSplits"]["nodes"]
    assert split["id"] in {s["id"] for s in waiting}
    seen = node(api, CALL_OFF_FUNDING, call_off["id"], board_user)
    assert seen["fundingSplit"]["id"] == split["id"]
    assert seen["referral"] is None  # the contract it pays towards, never the child's referral
    assert [c["yoursToAgree"] for c in seen["fundingSplit"]["contributions"]] == [False, False, True]

    refused(
        api,
        "agreeFundingContribution",
        {"contribution": education["id"], "version": split["version"]},
        board_user,
        "Forbidden",
        "input.contribution",
    )
    agreed = ok(
        api,
        "agreeFundingContribution",
        {"contribution": health["id"], "version": split["version"]},
        board_user,
        f"fundingSplit {{ {SPLIT} }}",
    )["fundingSplit"]
    assert agreed["status"] == "AGREED" and agreed["contributions"][2]["agreedBy"] == "icb.commissioner"
    refused(
        api,
        "agreeFundingContribution",
        {"contribution": health["id"], "version": agreed["version"]},
        board_user,
        "InvalidTransition",
        "input.contribution",
    )
    told = api.gql(
        '{ notifications(last: 20, kind: "funding_split.agreed") { nodes { recipientType recipient } } }',
        token=api.token(Role.LEAD_ADMIN),
    )["notifications"]["nodes"]
    assert {"recipientType": "Authority", "recipient": authority_of(demo, call_off["id"])} in told
    assert audit_actions(demo, call_off["id"])[-1] == "callOff.funding_agreed"
    left = api.gql(SPLITS, {"filter": {"yoursToAgree": True}}, token=board_user)["fundingSplits"]["nodes"]
    assert split["id"] not in {s["id"] for s in left}


def test_the_placing_authority_agrees_on_a_funders_behalf_only_with_a_reason(demo: Demo) -> None:
    api = demo.api
    call_off, commissioner, _ = award_with(demo, three_way(boards(api)["QOP"]))
    split = call_off["fundingSplit"]
    health = split["contributions"][2]
    mine = api.gql(SPLITS, {"filter": {"yoursToAgree": True, "status": "PENDING"}}, token=commissioner)
    assert split["id"] in {s["id"] for s in mine["fundingSplits"]["nodes"]}
    refused(
        api,
        "agreeFundingContribution",
        {"contribution": health["id"], "version": split["version"]},
        commissioner,
        "ValidationError",
        "input.onBehalfReason",
    )
    why = "Agreed by the ICB's continuing care panel on 24 February; minutes on file."
    agreed = ok(
        api,
        "agreeFundingContribution",
        {"contribution": health["id"], "version": split["version"], "onBehalfReason": why},
        commissioner,
        f"fundingSplit {{ {SPLIT} }}",
    )["fundingSplit"]
    assert agreed["status"] == "AGREED" and agreed["contributions"][2]["onBehalfReason"] == why
    # a stale version is refused, and nothing changes
    other, commissioner2, _ = award_with(demo, three_way(boards(api)["QOP"]))
    stale = refused(
        api,
        "agreeFundingContribution",
        {"contribution": other["fundingSplit"]["contributions"][2]["id"], "version": 99, "onBehalfReason": why},
        commissioner2,
        "StaleVersion",
    )
    assert stale["currentVersion"] == other["fundingSplit"]["version"]


def test_without_a_split_the_placing_authority_pays_all_and_it_is_agreed(demo: Demo) -> None:
    call_off, _, _ = award_with(demo, None)
    split = call_off["fundingSplit"]
    assert split["status"] == "AGREED"
    streams = [c["funder"]["stream"] for c in split["contributions"]]
    assert streams[0] == "EDUCATION" and set(streams) <= {"EDUCATION", "SOCIAL_CARE"}
    assert sum(c["weeklyAmounts"]["total"] for c in split["contributions"]) == call_off["weeklyFees"]["total"]


def test_an_amendment_re_splits_by_the_same_shares_and_a_new_split_asks_again(demo: Demo) -> None:
    api = demo.api
    qyg = boards(api)["QYG"]
    call_off, commissioner, _ = award_with(demo, three_way(qyg))
    health = call_off["fundingSplit"]["contributions"][2]
    board_user = api.token(Role.ICB_COMMISSIONER, board_id=pk(qyg), subject="icb.person")
    ok(
        api,
        "agreeFundingContribution",
        {"contribution": health["id"], "version": call_off["fundingSplit"]["version"]},
        board_user,
    )
    fees = call_off["weeklyFees"]
    raised = {k: (v * 103 // 100 if v else 0) for k, v in fees.items() if k != "total"}
    start = dt.date.fromisoformat(call_off["fundingSplit"]["effectiveFrom"])
    april = max(start, DEMO_NOW.date()) + dt.timedelta(days=30)
    version = node(api, CALL_OFF_FUNDING, call_off["id"], commissioner)["version"]
    amend = {
        "callOff": call_off["id"],
        "version": version,
        "effectiveFrom": april.isoformat(),
        "reason": "ANNUAL_UPLIFT",
        "note": "Regional uplift, 3%.",
        "weeklyFees": raised,
    }
    ok(api, "amendCallOffFees", amend, commissioner)
    after = node(api, CALL_OFF_FUNDING, call_off["id"], commissioner)
    assert [s["effectiveFrom"] for s in after["fundingSplits"]] == [start.isoformat(), april.isoformat()]
    assert [s["status"] for s in after["fundingSplits"]] == ["AGREED", "AGREED"]  # the same shares, agreed
    assert after["fundingSplit"]["id"] == call_off["fundingSplit"]["id"]  # today's split: the amendment is ahead
    api.at(dt.datetime.combine(april, dt.time(12), tzinfo=dt.UTC))
    try:
        from_april = node(api, CALL_OFF_FUNDING, call_off["id"], commissioner)["fundingSplit"]
        assert from_april["effectiveFrom"] == april.isoformat()
        for element, value in raised.items():
            assert sum(c["weeklyAmounts"][element] for c in from_april["contributions"]) == value
        # a new split from a later date, without a fee change: the board is asked again
        version = node(api, CALL_OFF_FUNDING, call_off["id"], commissioner)["version"]
        later = april + dt.timedelta(days=7)
        refused(
            api,
            "changeFundingSplit",
            {
                "callOff": call_off["id"],
                "version": version,
                "effectiveFrom": (april - dt.timedelta(days=1)).isoformat(),
                "fundingSplit": three_way(qyg, ("50", "0", "50")),
            },
            commissioner,
            "ValidationError",
            "input.effectiveFrom",
        )
        changed = ok(
            api,
            "changeFundingSplit",
            {
                "callOff": call_off["id"],
                "version": version,
                "effectiveFrom": later.isoformat(),
                "fundingSplit": three_way(qyg, ("50", "0", "50")),
            },
            commissioner,
            f"fundingSplit {{ {SPLIT} }}",
        )
        assert changed["fundingSplit"]["status"] == "PENDING"
        assert changed["fundingSplit"]["contributions"][1]["weeklyAmounts"]["additionalStaffing"] == 0
    finally:
        api.at(DEMO_NOW)


def test_a_bad_split_is_refused_whole_naming_each_field_and_nothing_is_awarded(demo: Demo) -> None:
    api = demo.api
    referral, commissioner, base = ready_to_award(demo)
    short = three_way(boards(api)["QYG"], ("30", "30", "30"))
    result = call(api, "awardReferral", {**base, "fundingSplit": short}, commissioner)
    assert result["__typename"] == "ValidationError" and result["field"] == "input.fundingSplit.contributions"
    assert "90%" in result["message"]
    not_a_board = three_way(demo.api.gql("{ authorities(first: 1) { nodes { id } } }")["authorities"]["nodes"][0]["id"])
    refused(
        api,
        "awardReferral",
        {**base, "fundingSplit": not_a_board},
        commissioner,
        "ValidationError",
        "input.fundingSplit.contributions[2].integratedCareBoard",
    )
    fine = three_way(boards(api)["QYG"], ("33.333", "33.333", "33.334"))
    refused(
        api,
        "awardReferral",
        {**base, "fundingSplit": fine},
        commissioner,
        "ValidationError",
        "input.fundingSplit.contributions[0].additionalStaffing",
    )
    twice = three_way(boards(api)["QYG"])
    twice["contributions"].append(
        dict(twice["contributions"][0], education="0", therapies="0", additionalStaffing="0", care="0", health="0")
    )
    result = call(api, "awardReferral", {**base, "fundingSplit": twice}, commissioner)
    assert result["__typename"] == "ValidationError"
    assert demo.referral(referral["id"])["status"] in ("OPEN", "CLOSED")  # nothing was awarded, nor half-written


def test_who_pays_is_closed_to_everyone_else_on_every_path(demo: Demo) -> None:
    api = demo.api
    qyg, qop = boards(api)["QYG"], boards(api)["QOP"]
    call_off, commissioner, offer = award_with(demo, three_way(qyg))
    split = call_off["fundingSplit"]
    contribution = split["contributions"][2]["id"]
    provider_id = api.gql(
        "query($id: ID!) { node(id: $id) { ... on Offer { provider { id } } } }", {"id": offer}, token=demo.auditor
    )["node"]["provider"]["id"]
    outsiders = {
        "provider": demo.provider(provider_id),
        "another board": api.token(Role.ICB_COMMISSIONER, board_id=pk(qop), subject="icb.other"),
        "another authority": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=999_999, subject="nobody"),
        "no funding scope": api.token(
            Role.AUTHORITY_COMMISSIONER,
            authority_id=pk(authority_of(demo, call_off["id"])),
            scopes=("calloffs:read", "funding:write"),
            subject="commissioner.noscope",
        ),
    }
    for who, token in outsiders.items():
        assert unseen(api, SPLIT_QUERY, split["id"], token), who
        assert unseen(api, SPLIT_QUERY, contribution, token), who
        body = api.post(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [split["id"], contribution]}, token=token
        ).json()
        assert body["data"]["nodes"] == [None, None], who
        assert {e["extensions"]["code"] for e in body["errors"]} == {"NOT_FOUND"}, who
        seen = api.post(CALL_OFF_FUNDING, {"id": call_off["id"]}, token=token).json()["data"]["node"]
        if seen is not None:  # the provider, and the placing authority without the scope, read the call-off
            assert seen["fundingSplit"] is None and seen["fundingSplits"] == [], who
        listed = api.post(SPLITS, {"filter": {}}, token=token).json()
        if listed.get("data"):
            assert split["id"] not in {s["id"] for s in listed["data"]["fundingSplits"]["nodes"]}, who
        else:
            assert listed["errors"][0]["extensions"]["code"] == "FORBIDDEN", who
        attempt = {"contribution": contribution, "version": split["version"], "onBehalfReason": "Because."}
        body = api.post(mutation_text("agreeFundingContribution"), {"input": attempt}, token=token).json()
        if body.get("errors"):  # no funding:write, or a role that never agrees
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", who
        else:
            assert body["data"]["agreeFundingContribution"]["__typename"] in ("NotFound", "Forbidden"), who
    # another board cannot read the call-off it does not fund either
    assert unseen(api, CALL_OFF_FUNDING, call_off["id"], outsiders["another board"])
    # the placing authority's analyst reads, but may not agree
    analyst = api.token(Role.AUTHORITY_ANALYST, authority_id=pk(authority_of(demo, call_off["id"])))
    assert node(api, SPLIT_QUERY, split["id"], analyst)["id"] == split["id"]
    denied = api.post(
        "mutation($i: AgreeFundingContributionInput!) { agreeFundingContribution(input: $i) { __typename } }",
        {"i": {"contribution": contribution, "version": split["version"]}},
        token=analyst,
    ).json()
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_the_census_and_the_call_off_export_carry_the_three_contributions(demo: Demo) -> None:
    """The placement awarded with a three-way split, agreed by the board, is in its authority's census with its
    three contributions, which add up to its total weekly cost; the call-offs export carries them too."""
    api = demo.api
    call_off, commissioner, _ = award_with(demo, three_way(boards(api)["QYG"]))
    split = call_off["fundingSplit"]
    board_user = api.token(Role.ICB_COMMISSIONER, board_id=pk(boards(api)["QYG"]), subject="icb.census")
    ok(
        api,
        "agreeFundingContribution",
        {"contribution": split["contributions"][2]["id"], "version": split["version"]},
        board_user,
    )
    start = dt.date.fromisoformat(split["effectiveFrom"])
    day = max(start, api.clock.now().date())
    reference = node(
        api,
        "query($id: ID!) { node(id: $id) { ... on CallOff { referral { child { reference } } "
        "establishment { urn hostAuthority } authority { name } } } }",
        call_off["id"],
        commissioner,
    )
    rows = export(api, f"/exports/placements-census.csv?date={day.isoformat()}", commissioner)
    assert rows and set(rows[0]) == set(CENSUS_COLUMNS)
    assert {r["Placing Authority"] for r in rows} == {reference["authority"]["name"]}  # its own authority only
    (row,) = [r for r in rows if r["Identifier"] == reference["referral"]["child"]["reference"]]
    amounts = [c["weeklyAmounts"]["total"] for c in split["contributions"]]  # education, social care, health
    assert row["Contribution from Education"] == pounds_cell(amounts[0])
    assert row["Contribution from Social Care"] == pounds_cell(amounts[1])
    assert row["Contribution from Health"] == pounds_cell(amounts[2]) and amounts[2] > 0
    assert row["Total weekly cost"] == pounds_cell(call_off["weeklyFees"]["total"]) == pounds_cell(sum(amounts))
    assert row["How the placement was sourced"] == "NW Contract - SEND FPS"
    assert row["Establishment registration URN"] == reference["establishment"]["urn"]
    assert row["Host Authority"] == reference["establishment"]["hostAuthority"] != ""
    assert row["Placement start date"] == start.strftime("%d/%m/%Y")
    assert row["Primary SEND need"] in {n.value for n in NeedCode}
    # every row's contributions add up to its weekly cost
    for r in rows:
        parts = (r[f"Contribution from {x}"] for x in ("Social Care", "Education", "Health"))
        assert sum(Decimal(p) for p in parts) == Decimal(r["Total weekly cost"]), r

    listed = {r["reference"]: r for r in export(api, "/exports/call-offs.csv", commissioner)}
    mine = listed[split["callOff"]["reference"]]
    assert mine["funding_status"] == "AGREED"
    assert mine["weekly_contribution_health"] == pounds_cell(amounts[2])
    # a provider exports its call-offs, never who pays for them
    provider = demo.provider(
        node(
            api,
            "query($id: ID!) { node(id: $id) { ... on CallOff { provider { id } } } }",
            call_off["id"],
            demo.auditor,
        )["provider"]["id"]
    )
    theirs = export(api, "/exports/call-offs.csv", provider)
    assert theirs and all(r["funding_status"] == r["weekly_contribution_health"] == "" for r in theirs)
    # the census is the authority's own: not the provider's, nor the board's, nor without funding:read
    for token in (
        provider,
        board_user,
        api.token(Role.AUDITOR),
        api.token(
            Role.AUTHORITY_ANALYST, authority_id=pk(authority_of(demo, call_off["id"])), scopes=("calloffs:read",)
        ),
    ):
        assert (
            api.http.get("/exports/placements-census.csv", headers={"Authorization": f"Bearer {token}"}).status_code
            == 403
        )
    bad = api.http.get(
        "/exports/placements-census.csv?date=31/03/2026", headers={"Authorization": f"Bearer {commissioner}"}
    )
    assert bad.status_code == 400 and bad.json()["field"] == "date"
