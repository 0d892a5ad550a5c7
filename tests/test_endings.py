"""The life of a placement, its end: planned ends at phase ages, notice, placement stability, a provider closing.

Over HTTP on the demo (its own database): individual placements are made by referral, offer and direct award at
chosen ages and dates, then ended by notice, by an end date or a termination, with the clock moved as needed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import update

from api.auth.actor import Role
from db import models as m
from tests.notification_support import sql
from tests.support import DEMO_NOW, WritableApi
from tests.test_calloffs import block_input, lot_by_code, member_place
from tests.test_offers import Demo, audit_actions, card, demo_of, in_database, node, ok, pk, refused

DAY = dt.timedelta(days=1)
TODAY = DEMO_NOW.date()  # Monday 2 March 2026: spring term of 2025/26
CE, BOLTON = "E06000049", "E08000001"

ENDING = """
  id version status startDate endDate type phaseEndAges ownPhaseEndAges plannedEndOn plannedEndAge endsOn
  phaseTransferDeadline daysToPhaseTransferDeadline endingKind endingReason endReason
  notice { givenOn givenBy reason kind }
"""
ENDING_QUERY = f"query($id: ID!) {{ node(id: $id) {{ ... on CallOff {{ {ENDING} }} }} }}"
MATCHES = """query($id: ID!) { node(id: $id) { ... on Referral { matches(eligibleOnly: true) {
  establishment { id dayVacancies } provider { id } membership { id }
} } } }"""


@pytest.fixture(scope="module")
def demo(writable: WritableApi) -> Demo:
    writable.at(DEMO_NOW)
    return demo_of(writable)


# -- helpers -----------------------------------------------------------------------------------------


def authorities(demo: Demo) -> dict[str, str]:
    found = demo.api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    return {a["code"]: a["id"] for a in found}


def commissioner(demo: Demo, code: str = CE) -> str:
    return demo.api.token(
        Role.AUTHORITY_COMMISSIONER, authority_id=pk(authorities(demo)[code]), subject=f"commissioner.{code}"
    )


def analyst(demo: Demo, code: str = BOLTON) -> str:
    return demo.api.token(Role.AUTHORITY_ANALYST, authority_id=pk(authorities(demo)[code]))


def lead(demo: Demo) -> str:
    return demo.api.token(Role.LEAD_ADMIN, authority_id=pk(authorities(demo)[CE]), subject="lead.admin")


def now_of(demo: Demo) -> dt.datetime:
    return demo.api.app.state.clock.now()


def calls(demo: Demo, call_off: str, token: str | None = None) -> dict[str, Any]:
    return node(demo.api, ENDING_QUERY, call_off, token or demo.auditor)


def child(reference: str, age: int, nc_year: int | None = None) -> dict[str, Any]:
    return {
        "reference": reference,
        "ageAtStart": age,
        **({} if nc_year is None else {"ncYearAtStart": nc_year}),
        "gender": "MALE",
        "primaryNeed": "ASD",
        "homePostcodeDistrict": "CW1",
        "homeLatitude": 53.09,
        "homeLongitude": -2.44,
        "needsSummary": "Needs a calm environment, small classes and speech and language therapy.",
    }


def referral(demo: Demo, token: str, lot: str, profile: dict[str, Any], start: dt.date) -> str:
    at = now_of(demo)
    made = ok(
        demo.api,
        "createReferral",
        {
            "lot": lot,
            "child": profile,
            "startBy": max(start, at.date() + 2 * DAY).isoformat(),
            "offerDeadline": (at + DAY).isoformat(),
            "mode": "DIRECT_AWARD",
        },
        token,
        "... on CreateReferralPayload { referral { id } }",
    )
    return made["referral"]["id"]


def fresh(demo: Demo, referral_id: str, token: str, lot: str, *, pair: bool) -> dict[str, Any]:
    """An eligible match at an establishment with no call-off; with ``pair``, of a provider with none on the lot."""
    query = """query($e: ID, $p: ID, $l: ID) { callOffs(first: 1, filter: {establishment: $e, provider: $p, lot: $l})
      { totalCount } }"""
    for match in demo.api.gql(MATCHES, {"id": referral_id}, token=token)["node"]["matches"]:
        if match["establishment"]["dayVacancies"] < 4:
            continue
        wanted = [{"e": match["establishment"]["id"]}, *([{"p": match["provider"]["id"], "l": lot}] if pair else [])]
        if all(demo.api.gql(query, f, token=demo.auditor)["callOffs"]["totalCount"] == 0 for f in wanted):
            return match
    raise AssertionError("no establishment without placements is eligible")


def place(
    demo: Demo,
    token: str,
    *,
    lot: str,
    profile: dict[str, Any],
    start: dt.date,
    at: dict[str, Any] | None = None,
    fresh_place: bool = False,
    fresh_pair: bool = False,
) -> tuple[str, dict[str, Any]]:
    """An individual placement by direct award: the child's referral, an offer at the rate card from ``start``, the
    award. At the match ``at`` (the same establishment), a fresh one, or the nearest eligible. Returns the call-off
    and the match."""
    api = demo.api
    made = referral(demo, token, lot, profile, start)
    if at is None:
        at = (
            fresh(demo, made, token, lot, pair=fresh_pair)
            if fresh_place or fresh_pair
            else api.gql(MATCHES, {"id": made}, token=token)["node"]["matches"][0]
        )
    provider = at["provider"]["id"]
    ok(api, "openReferral", {"referral": made, "providers": [provider]}, token)
    membership = node(
        api,
        "query($id: ID!) { node(id: $id) { ... on LotMembership { rateCard { band element weeklyFee } } } }",
        at["membership"]["id"],
        demo.auditor,
    )
    offer = ok(
        api,
        "submitOffer",
        {
            "referral": made,
            "establishment": at["establishment"]["id"],
            "weeklyFees": card(membership),
            "startDate": start.isoformat(),
            "qualityAnswers": [],
            "qualityStatement": "A place in a small class with daily speech and language therapy.",
        },
        demo.provider(provider),
        "offer { id }",
    )["offer"]["id"]
    awarded = ok(api, "awardReferral", {"offer": offer, "reason": "The only suitable place."}, token, "callOff { id }")
    return awarded["callOff"]["id"], at


def outbox(demo: Demo, kind: str, subject_type: str, subject_id: int) -> list[Any]:
    return sql(
        demo.api.app.state.settings.database_url,
        "SELECT recipient_type, recipient_id, payload FROM notification "
        "WHERE kind = :kind AND subject_type = :type AND subject_id = :id ORDER BY id",
        kind=kind,
        type=subject_type,
        id=subject_id,
    )


def payload(row: Any) -> dict[str, Any]:
    return row.payload if isinstance(row.payload, dict) else json.loads(row.payload)


# -- the planned end ------------------------------------------------------------------------------------


def test_the_planned_end_is_the_end_of_the_academic_year_of_the_phase_age(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner(demo)
    lots = {code: lot_by_code(demo, code)["id"] for code in ("L1", "L4")}
    september = dt.date(2026, 9, 1)
    cases = [
        # (lot, age, NC year, start) -> (age, planned end, deadline)
        (("L1", 10, None, september), (11, "2027-08-31", "2027-02-15")),  # 1 Sep 2027 − 1 day is in 2026/27
        (("L1", 10, 6, september), (11, "2027-08-31", "2027-02-15")),  # Year 6 children turn 11
        (("L1", 10, 5, september), (11, "2028-08-31", "2028-02-15")),  # Year 5: 11 in Year 6, a year on
        (("L1", 14, None, september), (16, "2028-08-31", "2028-03-31")),  # into post-16: 31 March
        (("L1", 10, 6, dt.date(2026, 4, 20)), (11, "2026-08-31", "2026-02-15")),  # started in Year 6: this summer
        (("L1", 10, None, dt.date(2026, 4, 20)), (11, "2027-08-31", "2027-02-15")),  # 19 April 2027 is in 2026/27
        (("L4", 16, None, september), (18, "2028-08-31", None)),  # at 18: no deadline
    ]
    made = {}
    for i, ((code, age, nc_year, start), expected) in enumerate(cases):
        call_off, _ = place(demo, token, lot=lots[code], profile=child(f"CE-END-{i:04d}", age, nc_year), start=start)
        seen = calls(demo, call_off, token)
        age_at_end, end, deadline = expected
        assert (seen["plannedEndAge"], seen["plannedEndOn"], seen["phaseTransferDeadline"]) == expected, (i, seen)
        assert seen["phaseEndAges"] == [11, 16, 18] and not seen["ownPhaseEndAges"]
        assert seen["endsOn"] == end and seen["endDate"] is None
        if deadline is not None:
            assert seen["daysToPhaseTransferDeadline"] == (dt.date.fromisoformat(deadline) - TODAY).days
        made[i] = call_off

    # a placement of its own: ages 12 and 16, so the child of 10 stays a year longer
    ten = made[0]
    version = calls(demo, ten, token)["version"]
    changed = ok(
        api,
        "setPhaseEndAges",
        {"callOff": ten, "ages": [12, 16], "version": version},
        token,
        f"callOff {{ {ENDING} }}",
    )["callOff"]
    assert changed["phaseEndAges"] == [12, 16] and changed["ownPhaseEndAges"]
    assert (changed["plannedEndAge"], changed["plannedEndOn"], changed["phaseTransferDeadline"]) == (
        12,
        "2028-08-31",
        "2028-02-15",
    )
    assert audit_actions(demo, ten)[-1] == "callOff.phase_end_ages_set"

    # a lot's ages: the lead authority's; a placement with its own keeps them
    lot = lots["L1"]
    lead_token = lead(demo)
    ok(api, "setPhaseEndAges", {"lot": lot, "ages": [12, 16, 19]}, lead_token, "lot { phaseEndAges }")
    assert api.gql("query($id: ID!) { node(id: $id) { ... on Lot { phaseEndAges } } }", {"id": lot})["node"] == {
        "phaseEndAges": [12, 16, 19]
    }
    assert calls(demo, made[1], token)["plannedEndOn"] == "2028-08-31"  # Year 6 at 10: 12 in Year 7
    assert calls(demo, made[3], token)["plannedEndAge"] == 16  # 19 is beyond the lot's band, 4 to 16
    assert calls(demo, ten, token)["phaseEndAges"] == [12, 16]
    ok(api, "setPhaseEndAges", {"lot": lot, "ages": None}, lead_token)
    assert audit_actions(demo, lot)[-2:] == ["lot.phase_end_ages_set", "lot.phase_end_ages_set"]
    assert calls(demo, made[1], token)["plannedEndOn"] == "2027-08-31"

    # bad ages, each named; nothing written
    version = calls(demo, ten, token)["version"]
    for ages, path in (
        ([0], "input.ages[0]"),
        ([11, 26], "input.ages[1]"),
        ([16, 11], "input.ages[1]"),
        ([11, 11], "input.ages[1]"),
        ([], "input.ages"),
    ):
        refused(
            api, "setPhaseEndAges", {"callOff": ten, "ages": ages, "version": version}, token, "ValidationError", path
        )
    refused(api, "setPhaseEndAges", {"ages": [11]}, token, "ValidationError", "input.lot")
    refused(api, "setPhaseEndAges", {"lot": lot, "callOff": ten, "ages": [11]}, token, "ValidationError", "input.lot")
    refused(api, "setPhaseEndAges", {"callOff": ten, "ages": [11], "version": version - 1}, token, "StaleVersion")
    refused(api, "setPhaseEndAges", {"lot": lot, "ages": [11]}, token, "Forbidden", "input.lot")
    refused(api, "setPhaseEndAges", {"callOff": ten, "ages": [11]}, lead_token, "Forbidden")
    refused(api, "setPhaseEndAges", {"callOff": ten, "ages": [11]}, commissioner(demo, BOLTON), "NotFound")
    assert calls(demo, ten, token)["phaseEndAges"] == [12, 16]
    # a block contract buys places: it has no phase
    l1 = lot_by_code(demo, "L1")
    establishment, _ = member_place(demo, l1, places=1)
    block = ok(api, "createBlockContract", block_input(l1, establishment), token, "callOff { id version }")["callOff"]
    assert calls(demo, block["id"], token)["plannedEndOn"] is None
    refused(
        api,
        "setPhaseEndAges",
        {"callOff": block["id"], "ages": [11], "version": block["version"]},
        token,
        "ValidationError",
        "input.callOff",
    )


def test_placements_ending_within_months_with_the_deadline_and_days_to_it(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner(demo)
    lot = lot_by_code(demo, "L1")["id"]
    soon, _ = place(demo, token, lot=lot, profile=child("CE-SOON-0001", 10, 6), start=dt.date(2026, 4, 20))
    later, _ = place(demo, token, lot=lot, profile=child("CE-LATER-0001", 10), start=dt.date(2026, 9, 1))
    listing = """query($m: Int!) { placementsEnding(withinMonths: $m, first: 100) { totalCount nodes {
      id authority { code } endsOn phaseTransferDeadline daysToPhaseTransferDeadline } } }"""

    def ending(months: int, who: str) -> dict[str, dict[str, Any]]:
        page = api.gql(listing, {"m": months}, token=who)["placementsEnding"]
        assert page["totalCount"] == len(page["nodes"]) or page["totalCount"] > 100
        return {n["id"]: n for n in page["nodes"]}

    six = ending(6, token)
    assert six[soon] == {
        "id": soon,
        "authority": {"code": CE},
        "endsOn": "2026-08-31",
        "phaseTransferDeadline": "2026-02-15",
        "daysToPhaseTransferDeadline": -15,  # passed: 15 February, a fortnight before 2 March
    }
    assert later not in six and all(n["authority"]["code"] == CE for n in six.values())
    assert all(TODAY.isoformat() <= n["endsOn"] <= "2026-09-02" for n in six.values())
    assert later in ending(18, token)
    # Bolton's analyst sees Bolton's only; the lead authority and auditors every authority's
    bolton = ending(6, analyst(demo))
    assert soon not in bolton and all(n["authority"]["code"] == BOLTON for n in bolton.values())
    everyone = ending(6, demo.auditor)
    assert soon in everyone and {n["authority"]["code"] for n in everyone.values()} > {CE}
    assert set(ending(6, lead(demo))) == set(everyone)
    # a set end date within the window lists it; the deadline no longer applies
    version = calls(demo, later, token)["version"]
    end = {"callOff": later, "version": version, "endDate": "2026-12-18", "reason": "Moving to a school nearer home."}
    ok(api, "endCallOff", end, token)
    seen = ending(12, token)[later]
    assert (seen["endsOn"], seen["phaseTransferDeadline"], seen["daysToPhaseTransferDeadline"]) == (
        "2026-12-18",
        None,
        None,
    )
    # ending at the end of the summer term, after the deadline, it still applies; and it lists the placement
    # while the deadline is ahead, though the end is not yet within the window
    version = calls(demo, later, token)["version"]
    ok(api, "endCallOff", {**end, "version": version, "endDate": "2027-07-23"}, token)
    seen = ending(12, token)[later]
    assert (seen["endsOn"], seen["phaseTransferDeadline"]) == ("2027-07-23", "2027-02-15")
    assert later in ending(12, token) and later not in ending(11, token)
    for months in (0, 37):
        errors = api.errors(f"{{ placementsEnding(withinMonths: {months}) {{ totalCount }} }}", token=token)
        assert (
            errors[0]["extensions"]["code"] == "VALIDATION_ERROR" and errors[0]["extensions"]["field"] == "withinMonths"
        )
    provider = demo.provider(_provider_of(demo, soon))
    errors = api.errors("{ placementsEnding { totalCount } }", token=provider)
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_the_demo_has_a_cheshire_east_placement_on_notice_ending_within_six_months(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    query = """{ placementsEnding(first: 100) { nodes {
      id endsOn endDate endingKind notice { givenOn givenBy reason } } } }"""
    nodes = api.gql(query, token=commissioner(demo))["placementsEnding"]["nodes"]
    (noticed,) = [n for n in nodes if n["notice"] and n["notice"]["givenOn"] < TODAY.isoformat()]  # the demo's
    assert noticed["notice"]["givenBy"] == "PROVIDER" and noticed["endingKind"] == "UNPLANNED"
    assert noticed["notice"]["givenOn"] < TODAY.isoformat() < noticed["endsOn"] == noticed["endDate"] <= "2026-09-02"


def _provider_of(demo: Demo, call_off: str) -> str:
    query = "query($id: ID!) { node(id: $id) { ... on CallOff { provider { id } } } }"
    return node(demo.api, query, call_off, demo.auditor)["provider"]["id"]


# -- notice --------------------------------------------------------------------------------------------


def _last_day_of_summer(demo: Demo, academic_year: int) -> str:
    periods = demo.api.gql(f"{{ termDates(academicYear: {academic_year}) {{ name firstDay lastDay }} }}")["termDates"]
    return max(p["lastDay"] for p in periods if "summer" in p["name"].lower())


def test_notice_from_the_provider_runs_to_the_end_of_the_next_term(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner(demo)
    lot = lot_by_code(demo, "L1")["id"]
    call_off, _ = place(demo, token, lot=lot, profile=child("CE-NOTICE-0001", 12), start=dt.date(2026, 3, 16))
    provider_id = _provider_of(demo, call_off)
    provider = demo.provider(provider_id)
    # 2 March is in the spring term of 2025/26: a term's notice runs to the end of the summer term
    end_of_summer = _last_day_of_summer(demo, 2025)
    version = calls(demo, call_off, provider)["version"]
    notice = {"callOff": call_off, "version": version, "reason": "NEEDS_CHANGED"}
    note = "We can no longer meet the sensory needs described in the last review."
    # bad input, each named, nothing written
    refused(
        api, "giveNotice", {**notice, "endOn": (TODAY - DAY).isoformat()}, provider, "ValidationError", "input.endOn"
    )
    early = (dt.date.fromisoformat(end_of_summer) - DAY).isoformat()
    too_soon = refused(api, "giveNotice", {**notice, "endOn": early}, provider, "ValidationError", "input.endOn")
    assert end_of_summer in too_soon["message"] and "term" in too_soon["message"]
    refused(api, "giveNotice", {**notice, "version": version - 1}, provider, "StaleVersion")
    stranger = demo.api.token(Role.PROVIDER_USER, provider_id=pk(provider_id) % 40 + 1)
    if pk(provider_id) % 40 + 1 != pk(provider_id):
        refused(api, "giveNotice", notice, stranger, "NotFound", "input.callOff")
    refused(api, "giveNotice", notice, commissioner(demo, BOLTON), "NotFound", "input.callOff")
    for role in (Role.AUTHORITY_ANALYST, Role.LEAD_ADMIN, Role.AUDITOR):
        body = api.post(
            "mutation($i: GiveNoticeInput!) { giveNotice(input: $i) { __typename } }",
            {"i": notice},
            token=api.token(role, authority_id=pk(authorities(demo)[CE])),
        ).json()
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", (role, body)
    before = calls(demo, call_off, token)
    assert (before["endDate"], before["notice"], before["endingKind"], before["version"]) == (None, None, None, version)
    assert not outbox(demo, "call_off.notice_from_provider", "CallOff", pk(call_off))

    given = ok(api, "giveNotice", {**notice, "note": note}, provider, f"callOff {{ {ENDING} }}")["callOff"]
    assert given["endDate"] == end_of_summer and given["endReason"] == note
    assert given["notice"] == {
        "givenOn": TODAY.isoformat(),
        "givenBy": "PROVIDER",
        "reason": "NEEDS_CHANGED",
        "kind": "UNPLANNED",
    }
    assert (given["endingKind"], given["endingReason"]) == ("UNPLANNED", "NEEDS_CHANGED")
    assert audit_actions(demo, call_off)[-1] == "callOff.notice_given"
    # the placing authority is told, without the note
    (told,) = outbox(demo, "call_off.notice_from_provider", "CallOff", pk(call_off))
    assert (told.recipient_type, told.recipient_id) == ("Authority", pk(authorities(demo)[CE]))
    assert payload(told)["endOn"] == end_of_summer and note not in json.dumps(payload(told))
    assert "CE-NOTICE" not in json.dumps(payload(told))
    # the parties read the notice; another authority, or the lead authority for another's, does not
    assert calls(demo, call_off, token)["notice"]["givenBy"] == "PROVIDER"
    other = demo.api.token(Role.AUTHORITY_FINANCE, authority_id=pk(authorities(demo)[BOLTON]))
    body = api.post(ENDING_QUERY, {"id": call_off}, token=other).json()
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    # notice once
    again = {**notice, "version": given["version"]}
    refused(api, "giveNotice", again, token, "InvalidTransition", "input.callOff")


def test_notice_from_the_authority_on_a_later_day_and_the_period_without_term_dates(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner(demo)
    lot = lot_by_code(demo, "L1")["id"]
    first, _ = place(demo, token, lot=lot, profile=child("CE-NOTICE-0002", 13), start=dt.date(2026, 3, 16))
    second, _ = place(demo, token, lot=lot, profile=child("CE-NOTICE-0003", 13), start=dt.date(2026, 3, 16))
    third, _ = place(demo, token, lot=lot, profile=child("CE-NOTICE-0004", 13), start=dt.date(2026, 3, 16))
    later = "2026-08-31"
    made = ok(
        api,
        "giveNotice",
        {"callOff": first, "version": calls(demo, first)["version"], "reason": "PHASE_TRANSFER", "endOn": later},
        token,
        f"callOff {{ {ENDING} }}",
    )["callOff"]
    assert made["endDate"] == later and made["notice"]["givenBy"] == "AUTHORITY"
    assert (made["endingKind"], made["endingReason"]) == ("PLANNED", "PHASE_TRANSFER")
    assert made["endReason"] == "Notice given by the placing authority: a move for the next phase."
    (told,) = outbox(demo, "call_off.notice_from_authority", "CallOff", pk(first))
    assert (told.recipient_type, told.recipient_id) == ("Provider", pk(_provider_of(demo, first)))
    assert payload(told)["endOn"] == later

    # the specification in force says 6 weeks
    spec = m.Specification.__table__
    six_weeks = update(spec).where(spec.c.published_at.is_not(None), spec.c.superseded_at.is_(None))
    in_database(api, six_weeks.values(notice_period_weeks=6))
    weeks = ok(
        api,
        "giveNotice",
        {"callOff": second, "version": calls(demo, second)["version"], "reason": "MOVED_AWAY"},
        token,
        "callOff { endDate }",
    )["callOff"]
    assert weeks["endDate"] == (TODAY + dt.timedelta(weeks=6)).isoformat()
    in_database(api, six_weeks.values(notice_period_weeks=None))

    # one term, with no term dates after the current term: 13 weeks
    api.at(dt.datetime(2026, 5, 4, 12, tzinfo=dt.UTC))  # the summer term of 2025/26
    ok(api, "setTermDates", {"academicYear": 2026, "periods": []}, lead(demo))
    weeks = ok(
        api,
        "giveNotice",
        {"callOff": third, "version": calls(demo, third)["version"], "reason": "FAMILY_CHOICE"},
        token,
        "callOff { endDate endingKind }",
    )["callOff"]
    assert weeks == {"endDate": (dt.date(2026, 5, 4) + dt.timedelta(weeks=13)).isoformat(), "endingKind": "UNPLANNED"}
    api.at(DEMO_NOW)


def test_every_ending_is_recorded_planned_or_unplanned(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner(demo)
    l1 = lot_by_code(demo, "L1")
    establishment, _ = member_place(demo, l1, places=1)
    start = block_input(l1, establishment, startDate=TODAY.isoformat())

    def block() -> dict[str, Any]:
        return ok(api, "createBlockContract", start, token, "callOff { id version }")["callOff"]

    ended = [block() for _ in range(2)]
    terminated = [block() for _ in range(3)]
    end = {"endDate": "2026-07-31", "reason": "The block is no longer needed."}
    plain = ok(
        api,
        "endCallOff",
        {"callOff": ended[0]["id"], "version": ended[0]["version"], **end},
        token,
        "callOff { endingKind endingReason }",
    )
    assert plain["callOff"] == {"endingKind": "PLANNED", "endingReason": "OTHER"}
    moved = {"callOff": ended[1]["id"], "version": ended[1]["version"], **end, "endingReason": "PROVIDER_CLOSING"}
    assert ok(api, "endCallOff", moved, token, "callOff { endingKind endingReason }")["callOff"] == {
        "endingKind": "UNPLANNED",
        "endingReason": "PROVIDER_CLOSING",
    }
    why = {"reason": "The school closed the unit."}
    for row, extra, expected in zip(
        terminated,
        ({}, {"endingReason": "PLAN_CEASED"}, {"endingReason": "SAFEGUARDING", "endingKind": "PLANNED"}),
        (("UNPLANNED", "OTHER"), ("PLANNED", "PLAN_CEASED"), ("PLANNED", "SAFEGUARDING")),
    ):
        done = ok(
            api,
            "terminateCallOff",
            {"callOff": row["id"], "version": row["version"], **why, **extra},
            token,
            "callOff { status endingKind endingReason version }",
        )["callOff"]
        assert (done["status"], done["endingKind"], done["endingReason"]) == ("TERMINATED", *expected)
    # an ended or terminated placement takes no notice
    refused(
        api,
        "giveNotice",
        {"callOff": terminated[0]["id"], "version": done["version"], "reason": "OTHER"},
        token,
        "InvalidTransition",
        "input.callOff",
    )


# -- placement stability ----------------------------------------------------------------------------------


STABILITY = """query($f: PlacementStabilityFilter, $s: AnalyticsScope) { placementStability(filter: $f, scope: $s) {
  scope from lastDay asAt authority { code } provider { id }
  groups { provider { id } lot { code } suppressed placements children placementYears unplannedEndings
           unplannedEndingsPer100PlacementYears placementsPerChild } } }"""


def test_stability_of_a_provider_on_a_lot_worked_by_hand(demo: Demo) -> None:
    """Three placements of one provider on lot L1 for two Cheshire East children, from 1 April 2026 to 31 March 2027:

    - child A's first, 1 April to 30 September 2026 (terminated: the placement broke down): 183 days;
    - child A's second, from 1 October 2026, running: 1 October 2026 to 31 March 2027, 182 days;
    - child B's, 1 April to 31 August 2026 (ended at the end of the phase): 153 days.

    518 days ÷ 365.25 = 1.418 placement-years (1.42); one unplanned ending: 100 × 365.25 ÷ 518 = 70.5 per 100
    placement-years; 3 placements ÷ 2 children = 1.50 placements per child.
    """
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner(demo)
    lot = lot_by_code(demo, "L1")["id"]
    april = dt.date(2026, 4, 1)
    first_a, at = place(demo, token, lot=lot, profile=child("CE-STAB-0001", 10), start=april, fresh_pair=True)
    only_b, _ = place(demo, token, lot=lot, profile=child("CE-STAB-0002", 10), start=april, at=at)
    provider = at["provider"]["id"]

    api.at(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
    ending = {"endDate": "2026-08-31", "reason": "Moves on at the end of the phase.", "endingReason": "PHASE_END"}
    ok(api, "endCallOff", {"callOff": only_b, "version": calls(demo, only_b)["version"], **ending}, token)
    api.at(dt.datetime(2026, 9, 30, 12, tzinfo=dt.UTC))
    stop = {"reason": "The placement broke down.", "endingReason": "PLACEMENT_BREAKDOWN"}
    ok(api, "terminateCallOff", {"callOff": first_a, "version": calls(demo, first_a)["version"], **stop}, token)
    second_a, _ = place(demo, token, lot=lot, profile=child("CE-STAB-0001", 11), start=dt.date(2026, 10, 1), at=at)
    assert calls(demo, second_a)["status"] == "PENDING"

    api.at(dt.datetime(2027, 4, 1, 12, tzinfo=dt.UTC))
    period = {"provider": provider, "lot": lot, "from": "2026-04-01", "to": "2027-03-31"}
    worked = {
        "provider": {"id": provider},
        "lot": {"code": "L1"},
        "suppressed": False,
        "placements": 3,
        "children": 2,
        "placementYears": "1.42",
        "unplannedEndings": 1,
        "unplannedEndingsPer100PlacementYears": "70.5",
        "placementsPerChild": "1.50",
    }
    own = api.gql(STABILITY, {"f": period, "s": "OWN_AUTHORITY"}, token=token)["placementStability"]
    assert own["groups"] == [worked]
    assert (own["scope"], own["from"], own["lastDay"], own["authority"]) == (
        "OWN_AUTHORITY",
        "2026-04-01",
        "2027-03-31",
        {"code": CE},
    )
    # the provider sees its own placements, the same
    mine = api.gql(
        STABILITY, {"f": {k: v for k, v in period.items() if k != "provider"}}, token=demo.provider(provider)
    )
    assert mine["placementStability"]["groups"] == [worked] and mine["placementStability"]["scope"] is None
    assert mine["placementStability"]["provider"] == {"id": provider}
    # a period ending later stops today; one from its second placement's start has no unplanned ending
    later = api.gql(
        STABILITY, {"f": {**period, "from": "2026-10-01", "to": "2027-12-31"}, "s": "OWN_AUTHORITY"}, token=token
    )
    (group,) = later["placementStability"]["groups"]
    assert later["placementStability"]["lastDay"] == "2027-04-01"
    assert (group["placements"], group["unplannedEndings"], group["placementYears"]) == (1, 0, "0.50")  # 183 days
    # regionally, two children are too few: suppressed, figures null, never zero
    region = api.gql(STABILITY, {"f": period}, token=token)["placementStability"]
    assert region["scope"] == "REGION" and region["asAt"].startswith("2027-04-01T00:00:00")
    (hidden,) = region["groups"]
    assert (
        hidden["suppressed"] and hidden["placements"] is None and hidden["unplannedEndingsPer100PlacementYears"] is None
    )
    # Bolton's placements there: none
    bolton = api.gql(STABILITY, {"f": period, "s": "OWN_AUTHORITY"}, token=analyst(demo))["placementStability"]
    assert bolton["groups"] == [] and bolton["authority"] == {"code": BOLTON}
    # denials and bad periods
    stranger = demo.api.token(Role.PROVIDER_USER, provider_id=pk(provider) % 40 + 1)
    errors = api.errors(STABILITY, {"f": period}, token=stranger)
    assert (errors[0]["extensions"]["code"], errors[0]["extensions"]["field"]) == ("FORBIDDEN", "filter.provider")
    for role in (Role.ICB_COMMISSIONER, Role.EVALUATOR, Role.AUTHORITY_FINANCE):
        errors = api.errors(STABILITY, {"f": period}, token=api.token(role, authority_id=1, board_id=1))
        assert errors[0]["extensions"]["code"] == "FORBIDDEN", role
    errors = api.errors(STABILITY, {"f": {**period, "from": "2027-01-01", "to": "2026-01-01"}}, token=token)
    assert (errors[0]["extensions"]["code"], errors[0]["extensions"]["field"]) == ("VALIDATION_ERROR", "filter.to")
    errors = api.errors(STABILITY, {"s": "OWN_AUTHORITY"}, token=demo.auditor)
    assert (errors[0]["extensions"]["code"], errors[0]["extensions"]["field"]) == ("FORBIDDEN", "scope")
    api.at(DEMO_NOW)


# -- an establishment closing --------------------------------------------------------------------------------


AFFECTED = """query($e: ID, $m: ID) { affectedPlacements(establishment: $e, membership: $m) {
  moveBy placements establishment { id closingOn closingReason } membership { id }
  authorities { authority { code } placements { endsOn eligibleAlternatives
    callOff { id authority { code } establishment { id } }
    alternatives { eligible establishment { id } } } } } }"""


def test_a_closing_establishment_lists_each_authoritys_placements_and_where_each_child_could_go(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    ce, bolton = commissioner(demo), commissioner(demo, BOLTON)
    lot = lot_by_code(demo, "L1")["id"]
    april = dt.date(2026, 4, 1)
    ours, at = place(demo, ce, lot=lot, profile=child("CE-CLOSE-0001", 9), start=april, fresh_place=True)
    ours_too, _ = place(demo, ce, lot=lot, profile=child("CE-CLOSE-0002", 9), start=april, at=at)
    leaving, _ = place(demo, ce, lot=lot, profile=child("CE-CLOSE-0003", 9), start=april, at=at)
    theirs, _ = place(demo, bolton, lot=lot, profile=child("BO-CLOSE-0001", 9), start=april, at=at)
    end = {"callOff": leaving, "version": calls(demo, leaving)["version"], "endDate": "2026-07-17", "reason": "Moves."}
    ok(api, "endCallOff", end, ce)
    school = at["establishment"]["id"]
    provider = demo.provider(at["provider"]["id"])
    version = api.gql("query($id: ID!) { node(id: $id) { ... on Establishment { version } } }", {"id": school})["node"][
        "version"
    ]
    closing = {
        "establishment": school,
        "version": version,
        "closingOn": "2026-12-18",
        "reason": "The trust is closing it.",
    }
    # not closing yet: nothing to list
    errors = api.errors(AFFECTED, {"e": school}, token=ce)
    assert (errors[0]["extensions"]["code"], errors[0]["extensions"]["field"]) == ("VALIDATION_ERROR", "establishment")
    # bad input, each named; nothing written
    refused(
        api,
        "markEstablishmentClosing",
        {**closing, "closingOn": "2026-03-01"},
        lead(demo),
        "ValidationError",
        "input.closingOn",
    )
    refused(api, "markEstablishmentClosing", {**closing, "reason": " "}, lead(demo), "ValidationError", "input.reason")
    refused(api, "markEstablishmentClosing", {**closing, "version": version - 1}, lead(demo), "StaleVersion")
    stranger = demo.api.token(Role.PROVIDER_USER, provider_id=pk(at["provider"]["id"]) % 40 + 1)
    refused(api, "markEstablishmentClosing", closing, stranger, "NotFound", "input.establishment")
    body = api.post(
        "mutation($i: MarkEstablishmentClosingInput!) { markEstablishmentClosing(input: $i) { __typename } }",
        {"i": closing},
        token=ce,
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert api.gql("query($id: ID!) { node(id: $id) { ... on Establishment { closingOn } } }", {"id": school})[
        "node"
    ] == {"closingOn": None}

    marked = ok(
        api, "markEstablishmentClosing", closing, lead(demo), "establishment { closingOn closingReason version }"
    )
    assert marked["establishment"]["closingOn"] == "2026-12-18"
    assert audit_actions(demo, school)[-1] == "establishment.closing"
    # each authority with a placement running past the day is told how many, once
    told = {
        (r.recipient_type, r.recipient_id): payload(r)
        for r in outbox(demo, "establishment.closing", "Establishment", pk(school))
    }
    ids = authorities(demo)
    assert set(told) == {("Authority", pk(ids[CE])), ("Authority", pk(ids[BOLTON]))}
    assert told[("Authority", pk(ids[CE]))]["placements"] == "2 placements"
    assert told[("Authority", pk(ids[BOLTON]))]["placements"] == "1 placement"
    # the provider, for its own establishment, may move the date
    moved = {**closing, "version": marked["establishment"]["version"], "closingOn": "2026-12-31"}
    ok(api, "markEstablishmentClosing", moved, provider)

    # another establishment closing by then is no alternative either
    alternatives = api.gql(AFFECTED, {"e": school}, token=ce)["affectedPlacements"]["authorities"][0]["placements"][0]
    other = alternatives["alternatives"][0]["establishment"]["id"]
    other_version = api.gql("query($id: ID!) { node(id: $id) { ... on Establishment { version } } }", {"id": other})[
        "node"
    ]["version"]
    ok(
        api,
        "markEstablishmentClosing",
        {"establishment": other, "version": other_version, "closingOn": "2026-11-30", "reason": "Merging."},
        lead(demo),
    )

    seen = api.gql(AFFECTED, {"e": school}, token=ce)["affectedPlacements"]
    assert seen["moveBy"] == "2026-12-31" and seen["placements"] == 2
    assert seen["establishment"] == {
        "id": school,
        "closingOn": "2026-12-31",
        "closingReason": "The trust is closing it.",
    }
    (authority,) = seen["authorities"]
    assert authority["authority"] == {"code": CE}
    assert [p["callOff"]["id"] for p in authority["placements"]] == sorted([ours, ours_too], key=pk)
    for placement in authority["placements"]:
        found = {a["establishment"]["id"] for a in placement["alternatives"]}
        assert school not in found and other not in found and found
        assert all(a["eligible"] for a in placement["alternatives"])
        assert placement["eligibleAlternatives"] == len(found)
        # the child's referral matched again against today's market: the same eligible places, but those two
        referral_id = api.gql(
            "query($id: ID!) { node(id: $id) { ... on CallOff { referral { id } } } }",
            {"id": placement["callOff"]["id"]},
            token=ce,
        )["node"]["referral"]["id"]
        today = {m["establishment"]["id"] for m in api.gql(MATCHES, {"id": referral_id}, token=ce)["node"]["matches"]}
        assert found == today - {school, other}
        assert placement["endsOn"] == "2028-08-31"  # 9 on 1 April 2026: 11 by 31 March 2028, in 2027/28

    # Bolton sees its own; the lead authority every authority's, matches for its own; auditors without matches
    (only,) = api.gql(AFFECTED, {"e": school}, token=analyst(demo))["affectedPlacements"]["authorities"]
    assert only["authority"] == {"code": BOLTON} and [p["callOff"]["id"] for p in only["placements"]] == [theirs]
    assert only["placements"][0]["alternatives"]
    for who, matched in ((lead(demo), {CE}), (demo.auditor, set())):
        listed = api.gql(AFFECTED, {"e": school}, token=who)["affectedPlacements"]
        assert [a["authority"]["code"] for a in listed["authorities"]] == sorted([CE, BOLTON], key=lambda c: pk(ids[c]))
        assert listed["placements"] == 3
        for group in listed["authorities"]:
            for placement in group["placements"]:
                assert (placement["alternatives"] is not None) == (group["authority"]["code"] in matched)
                assert (placement["eligibleAlternatives"] is None) == (group["authority"]["code"] not in matched)
    # the provider sees its own placements there, never where the children could go
    own = api.gql(AFFECTED, {"e": school}, token=provider)["affectedPlacements"]
    assert own["placements"] == 3 and all(
        p["alternatives"] is None for a in own["authorities"] for p in a["placements"]
    )
    # denials: another provider, roles without the list, and every other path to another authority's placement
    errors = api.errors(AFFECTED, {"e": school}, token=stranger)
    assert (errors[0]["extensions"]["code"], errors[0]["extensions"]["field"]) == ("FORBIDDEN", "establishment")
    for role in (Role.ICB_COMMISSIONER, Role.EVALUATOR, Role.AUTHORITY_FINANCE):
        errors = api.errors(AFFECTED, {"e": school}, token=api.token(role, authority_id=1, board_id=1))
        assert errors[0]["extensions"]["code"] == "FORBIDDEN", role
    errors = api.errors(AFFECTED, {"e": school, "m": at["membership"]["id"]}, token=ce)
    assert errors[0]["extensions"]["code"] == "VALIDATION_ERROR"
    for global_id in (theirs,):
        errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": global_id}, token=ce)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"
        nested = api.gql(
            "query($id: ID!) { node(id: $id) { ... on Establishment { closingOn } } }", {"id": school}, token=ce
        )
        assert nested["node"] == {"closingOn": "2026-12-31"}
    errors = api.errors("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [theirs]}, token=ce)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"

    # a membership removed: the provider's placements on the lot still running after the day it was removed
    errors = api.errors(AFFECTED, {"m": at["membership"]["id"]}, token=ce)
    assert errors[0]["extensions"]["code"] == "VALIDATION_ERROR"
    ok(api, "removeMembership", {"membership": at["membership"]["id"], "reason": "Left the system."}, lead(demo))
    removed = api.gql(AFFECTED, {"m": at["membership"]["id"]}, token=ce)["affectedPlacements"]
    assert removed["moveBy"] == TODAY.isoformat() and removed["membership"] == {"id": at["membership"]["id"]}
    listed = {p["callOff"]["id"] for a in removed["authorities"] for p in a["placements"]}
    assert {ours, ours_too, leaving} <= listed and theirs not in listed
    for group in removed["authorities"]:
        for placement in group["placements"]:
            assert placement["callOff"]["authority"]["code"] == CE
            assert school not in {a["establishment"]["id"] for a in placement["alternatives"]}
