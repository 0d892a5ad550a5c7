"""Referrals over HTTP: raise, change, send and cancel, with every refusal, on the demo market.

A commissioner of Cheshire East raises referrals under lot L1 (0-16 day) for a
child living in Crewe; the demo's members of L1 are the candidates.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import text

from api.auth.actor import Role
from db.engine import create_engine
from tests.support import DEMO_NOW, WritableApi

CHESHIRE_EAST = 1
NOW = DEMO_NOW
CHILD = {
    "reference": "CE-2026-0901",
    "ageAtStart": 10,
    "ncYearAtStart": 5,
    "gender": "MALE",
    "primaryNeed": "ASD",
    "secondaryNeeds": ["SLCN"],
    "homePostcodeDistrict": "CW1",
    "homeLatitude": 53.0977,
    "homeLongitude": -2.4407,
    "needsSummary": "Needs a small, calm setting with speech and language therapy on site.",
}
REFERRAL = """id version status startBy offerDeadline mode qualityWeight priceWeight qualityQuestions ncYearAtStart
  cancelReason openedAt lot { code }
  child { reference pseudonymised ageAtStart gender primaryNeed secondaryNeeds homePostcodeDistrict homeLatitude
          homeLongitude needsSummary }"""
MATCHES = """query($id: ID!) { node(id: $id) { ... on Referral {
  matches(eligibleOnly: true) { provider { id } establishment { id } } } } }"""


def gid(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def call(api: WritableApi, name: str, input_: dict[str, Any], token: str, selection: str = "") -> dict[str, Any]:
    """Run a mutation; return its result, a payload or an error as data."""
    payload = name[0].upper() + name[1:] + "Payload"
    query = (
        f"mutation($input: {name[0].upper() + name[1:]}Input!) {{ {name}(input: $input) {{ __typename "
        f"... on MutationError {{ message code field }} {f'... on {payload} {{ {selection} }}' if selection else ''}"
        " } }"
    )
    return api.gql(query, {"input": input_}, token=token)[name]


def refused(api: WritableApi, name: str, input_: dict[str, Any], token: str, typename: str, field: Any = ...) -> None:
    result = call(api, name, input_, token)
    assert result["__typename"] == typename, (input_, result)
    if field is not ...:
        assert result["field"] == field, (input_, result)


def run_sql(api: WritableApi, statement: str, **params: Any) -> list[Any]:
    """Read the test database directly: what the API does not expose, such as the outbox."""

    async def go() -> list[Any]:
        engine = create_engine(api.app.state.settings.database_url)
        try:
            async with engine.begin() as connection:
                result = await connection.execute(text(statement), params)
                return list(result.all()) if result.returns_rows else []
        finally:
            await engine.dispose()

    return asyncio.run(go())


@pytest.fixture(scope="module")
def world(writable: WritableApi) -> dict[str, Any]:
    api = writable
    lots = api.gql("{ purchasingSystems(first: 1) { edges { node { lots { id code } } } } }")
    by_code = {lot["code"]: lot["id"] for lot in lots["purchasingSystems"]["edges"][0]["node"]["lots"]}
    authorities = api.gql("{ authorities(first: 50) { edges { node { id code } } } }")["authorities"]["edges"]
    bolton = next(pk(e["node"]["id"]) for e in authorities if e["node"]["code"] == "E08000001")
    return {
        "api": api,
        "lots": by_code,
        "commissioner": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=CHESHIRE_EAST),
        "bolton": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=bolton),
        "auditor": api.token(Role.AUDITOR),
    }


def new_referral(world: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The input of a valid referral under L1, with ``changes``."""
    return {
        "lot": world["lots"]["L1"],
        "child": dict(CHILD),
        "startBy": (NOW + dt.timedelta(days=45)).date().isoformat(),
        "offerDeadline": (NOW + dt.timedelta(days=10)).isoformat(),
        "mode": "COMPETITION",
        "qualityQuestions": ["How will you support transition into your school?"],
        **changes,
    }


def create(world: dict[str, Any], **changes: Any) -> dict[str, Any]:
    result = call(
        world["api"],
        "createReferral",
        {**new_referral(world), **changes},
        world["commissioner"],
        f"referral {{ {REFERRAL} }}",
    )
    assert result["__typename"] == "CreateReferralPayload", result
    return result["referral"]


def audit(world: dict[str, Any], referral_id: str) -> list[dict[str, Any]]:
    query = "query($e: ID!) { auditEvents(first: 50, filter: {entity: $e}) { edges { node { action actor diff } } } }"
    edges = world["api"].gql(query, {"e": referral_id}, token=world["auditor"])["auditEvents"]["edges"]
    return [e["node"] for e in edges]


# -- creating ---------------------------------------------------------------------------


def test_a_commissioner_raises_a_draft(world: dict[str, Any]) -> None:
    referral = create(world)
    assert referral["status"] == "DRAFT" and referral["openedAt"] is None
    assert (referral["qualityWeight"], referral["priceWeight"]) == (60, 40)  # the published default
    assert referral["lot"]["code"] == "L1" and referral["mode"] == "COMPETITION"
    assert referral["qualityQuestions"] == ["How will you support transition into your school?"]
    assert referral["ncYearAtStart"] == 5
    child = referral["child"]
    assert child["reference"] == "CE-2026-0901" and not child["pseudonymised"]
    assert (child["primaryNeed"], child["secondaryNeeds"]) == ("ASD", ["SLCN"])
    assert (child["homePostcodeDistrict"], child["homeLatitude"]) == ("CW1", 53.0977)

    [event] = audit(world, referral["id"])
    assert event["action"] == "referral.created" and event["actor"] == "test-authority_commissioner"
    after = event["diff"]["after"]
    assert after["ageAtStart"] == 10 and after["primaryNeed"] == "ASD" and after["lotId"] == pk(world["lots"]["L1"])
    assert after["childReference"] == "(withheld)" and after["needsSummary"] == "(withheld)"  # read beyond the LA


def test_the_postcode_district_is_normalised(world: dict[str, Any]) -> None:
    referral = create(world, child={**CHILD, "homePostcodeDistrict": " m14 "})
    assert referral["child"]["homePostcodeDistrict"] == "M14"


def test_only_commissioners_raise_referrals(world: dict[str, Any]) -> None:
    api = world["api"]
    query = "mutation($input: CreateReferralInput!) { createReferral(input: $input) { __typename } }"
    for role, extra in (
        (Role.PROVIDER_USER, {"provider_id": 1}),
        (Role.AUTHORITY_ANALYST, {"authority_id": CHESHIRE_EAST}),
        (Role.LEAD_ADMIN, {"authority_id": CHESHIRE_EAST}),
        (Role.AUDITOR, {}),
    ):
        errors = api.errors(query, {"input": new_referral(world)}, token=api.token(role, **extra))
        assert errors[0]["extensions"]["code"] == "FORBIDDEN", role
    no_scope = api.token(
        Role.AUTHORITY_COMMISSIONER, authority_id=CHESHIRE_EAST, scopes=("referrals:read", "offers:read")
    )
    errors = api.errors(query, {"input": new_referral(world)}, token=no_scope)
    assert "referrals:write" in errors[0]["message"]
    assert api.post(query, {"input": new_referral(world)}).status_code == 401


BAD_INPUT = [
    ("a name, not a reference", {"child": {**CHILD, "reference": "John Smith"}}, "input.child.reference"),
    ("a reference without digits", {"child": {**CHILD, "reference": "JohnSmith"}}, "input.child.reference"),
    ("age outside the lot band", {"child": {**CHILD, "ageAtStart": 17}}, "input.child.ageAtStart"),
    ("NC year far from the age", {"child": {**CHILD, "ncYearAtStart": 11}}, "input.child.ncYearAtStart"),
    (
        "secondary need repeats the primary",
        {"child": {**CHILD, "secondaryNeeds": ["ASD"]}},
        "input.child.secondaryNeeds[0]",
    ),
    (
        "secondary needs repeat each other",
        {"child": {**CHILD, "secondaryNeeds": ["SLCN", "SLCN"]}},
        "input.child.secondaryNeeds[1]",
    ),
    (
        "three secondary needs",
        {"child": {**CHILD, "secondaryNeeds": ["SLCN", "MLD", "SEMH"]}},
        "input.child.secondaryNeeds",
    ),
    (
        "a full postcode",
        {"child": {**CHILD, "homePostcodeDistrict": "CW1 2AB"}},
        "input.child.homePostcodeDistrict",
    ),
    ("a home abroad", {"child": {**CHILD, "homeLatitude": 40.4}}, "input.child.homeLatitude"),
    ("a blank summary", {"child": {**CHILD, "needsSummary": "  "}}, "input.child.needsSummary"),
    ("a past deadline", {"offerDeadline": (NOW - dt.timedelta(hours=1)).isoformat()}, "input.offerDeadline"),
    ("a deadline now", {"offerDeadline": NOW.isoformat()}, "input.offerDeadline"),
    ("a start before the deadline", {"startBy": NOW.date().isoformat()}, "input.startBy"),
    ("weights summing to 110", {"qualityWeight": 70, "priceWeight": 40}, "input.priceWeight"),
    ("weights summing to 90", {"qualityWeight": 50, "priceWeight": 40}, "input.priceWeight"),
    ("a negative weight", {"qualityWeight": 120, "priceWeight": -20}, "input.qualityWeight"),
    ("a blank quality question", {"qualityQuestions": ["Fine", " "]}, "input.qualityQuestions[1]"),
    ("a malformed lot ID", {"lot": "not-an-id"}, "input.lot"),
    ("the ID of something else", {"lot": gid("Provider", 1)}, "input.lot"),
]


@pytest.mark.parametrize("case", BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_refused_with_its_field(world: dict[str, Any], case: tuple[str, dict[str, Any], str]) -> None:
    _, changes, field = case
    refused(
        world["api"], "createReferral", new_referral(world, **changes), world["commissioner"], "ValidationError", field
    )


def test_refusals_write_nothing(world: dict[str, Any]) -> None:
    api, auditor = world["api"], world["auditor"]
    count = "{ referrals(first: 1) { totalCount } }"
    before = api.gql(count, token=auditor)["referrals"]["totalCount"]
    for _, changes, _field in BAD_INPUT:
        call(api, "createReferral", new_referral(world, **changes), world["commissioner"])
    refused(
        api,
        "createReferral",
        new_referral(world, lot=gid("Lot", 999999)),
        world["commissioner"],
        "NotFound",
        "input.lot",
    )
    assert api.gql(count, token=auditor)["referrals"]["totalCount"] == before


# -- changing ---------------------------------------------------------------------------


def test_a_draft_changes_with_its_version(world: dict[str, Any]) -> None:
    api, commissioner = world["api"], world["commissioner"]
    referral = create(world)
    changed = call(
        api,
        "updateReferral",
        {
            "referral": referral["id"],
            "version": referral["version"],
            "child": {**CHILD, "ageAtStart": 11, "ncYearAtStart": 6, "reference": "CE-2026-0902"},
            "qualityWeight": 70,
            "priceWeight": 30,
            "mode": "DIRECT_AWARD",
        },
        commissioner,
        f"referral {{ {REFERRAL} }}",
    )
    assert changed["__typename"] == "UpdateReferralPayload", changed
    now = changed["referral"]
    assert now["version"] == referral["version"] + 1
    assert (now["qualityWeight"], now["priceWeight"], now["mode"]) == (70, 30, "DIRECT_AWARD")
    assert (now["child"]["ageAtStart"], now["child"]["reference"]) == (11, "CE-2026-0902")

    # the stale version is refused, and so is a change the other weight no longer adds up with
    refused(
        api,
        "updateReferral",
        {"referral": referral["id"], "version": referral["version"], "mode": "COMPETITION"},
        commissioner,
        "StaleVersion",
        "input.version",
    )
    refused(
        api,
        "updateReferral",
        {"referral": referral["id"], "version": now["version"], "priceWeight": 40},
        commissioner,
        "ValidationError",
        "input.priceWeight",
    )
    refused(
        api,
        "updateReferral",
        {"referral": referral["id"], "version": now["version"], "child": {**CHILD, "ageAtStart": 3}},
        commissioner,
        "ValidationError",
        "input.child.ageAtStart",
    )

    events = audit(world, referral["id"])
    updated = next(e for e in events if e["action"] == "referral.updated")
    assert updated["diff"]["before"]["qualityWeight"] == 60 and updated["diff"]["after"]["qualityWeight"] == 70
    assert updated["diff"]["after"]["childReference"] == "(withheld)"  # it changed; what to is not in the trail
    assert "needsSummary" not in updated["diff"]["after"]  # unchanged values are not repeated


def test_another_authority_cannot_touch_the_referral(world: dict[str, Any]) -> None:
    api, bolton = world["api"], world["bolton"]
    referral = create(world)
    refused(
        api,
        "updateReferral",
        {"referral": referral["id"], "version": 1, "mode": "DIRECT_AWARD"},
        bolton,
        "NotFound",
        "input.referral",
    )
    refused(api, "cancelReferral", {"referral": referral["id"], "reason": "Not ours"}, bolton, "NotFound")
    refused(api, "openReferral", {"referral": referral["id"]}, bolton, "NotFound")
    errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": referral["id"]}, token=bolton)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_cancelling_needs_a_reason(world: dict[str, Any]) -> None:
    api, commissioner = world["api"], world["commissioner"]
    referral = create(world)
    refused(
        api,
        "cancelReferral",
        {"referral": referral["id"], "reason": " "},
        commissioner,
        "ValidationError",
        "input.reason",
    )
    refused(
        api, "cancelReferral", {"referral": referral["id"], "reason": "x", "version": 99}, commissioner, "StaleVersion"
    )
    done = call(
        api,
        "cancelReferral",
        {"referral": referral["id"], "reason": "Placed in a maintained school."},
        commissioner,
        "referral { status cancelReason }",
    )
    assert done["referral"] == {"status": "CANCELLED", "cancelReason": "Placed in a maintained school."}
    assert [e["action"] for e in audit(world, referral["id"])] == ["referral.created", "referral.cancelled"]


def test_an_awarded_referral_cannot_be_cancelled(world: dict[str, Any]) -> None:
    api, commissioner = world["api"], world["commissioner"]
    awarded = api.gql(
        "{ referrals(first: 1, filter: {status: AWARDED}) { edges { node { id version } } } }", token=commissioner
    )["referrals"]["edges"][0]["node"]
    refused(api, "cancelReferral", {"referral": awarded["id"], "reason": "Too late"}, commissioner, "InvalidTransition")
    refused(
        api,
        "updateReferral",
        {"referral": awarded["id"], "version": awarded["version"], "mode": "COMPETITION"},
        commissioner,
        "InvalidTransition",
    )


# -- states ---------------------------------------------------------------------------------


def in_state(world: dict[str, Any], state: str) -> dict[str, Any]:
    """A fresh referral in ``state``; CLOSED means opened and past its offer deadline."""
    api, commissioner = world["api"], world["commissioner"]
    referral = create(world)
    if state in ("OPEN", "CLOSED"):
        opened = call(api, "openReferral", {"referral": referral["id"]}, commissioner, "referral { version }")
        assert opened["__typename"] == "OpenReferralPayload", opened
        referral["version"] = opened["referral"]["version"]
    if state == "CANCELLED":
        done = call(
            api,
            "cancelReferral",
            {"referral": referral["id"], "reason": "No longer needed."},
            commissioner,
            "referral { version }",
        )
        referral["version"] = done["referral"]["version"]
    return referral


TRANSITIONS = {
    # state: {action: expected result}
    "DRAFT": {"update": "UpdateReferralPayload", "open": "OpenReferralPayload", "cancel": "CancelReferralPayload"},
    "OPEN": {"update": "InvalidTransition", "open": "InvalidTransition", "cancel": "CancelReferralPayload"},
    "CLOSED": {"update": "InvalidTransition", "open": "InvalidTransition", "cancel": "CancelReferralPayload"},
    "CANCELLED": {"update": "InvalidTransition", "open": "InvalidTransition", "cancel": "InvalidTransition"},
}
AFTER = {"UpdateReferralPayload": None, "OpenReferralPayload": "OPEN", "CancelReferralPayload": "CANCELLED"}


@pytest.mark.parametrize(("state", "action"), [(s, a) for s, actions in TRANSITIONS.items() for a in actions])
def test_transitions(world: dict[str, Any], state: str, action: str) -> None:
    api, commissioner = world["api"], world["commissioner"]
    referral = in_state(world, state)  # created as a DRAFT: the only state creating leads to
    read = "query($id: ID!) { node(id: $id) { ... on Referral { status version } } }"
    try:
        if state == "CLOSED":
            api.at(NOW + dt.timedelta(days=11))  # past the offer deadline
        assert api.gql(read, {"id": referral["id"]}, token=commissioner)["node"]["status"] == state
        inputs = {
            "update": ("updateReferral", {"version": referral["version"], "mode": "DIRECT_AWARD"}),
            "open": ("openReferral", {}),
            "cancel": ("cancelReferral", {"reason": "Needs reviewed at annual review."}),
        }
        name, extra = inputs[action]
        result = call(api, name, {"referral": referral["id"], **extra}, commissioner)
        expected = TRANSITIONS[state][action]
        assert result["__typename"] == expected, result
        now = api.gql(read, {"id": referral["id"]}, token=commissioner)["node"]["status"]
        assert now == (AFTER.get(expected) or state)
    finally:
        api.at(NOW)


def test_opening_after_the_deadline_is_refused(world: dict[str, Any]) -> None:
    api, commissioner = world["api"], world["commissioner"]
    referral = create(
        world,
        offerDeadline=(NOW + dt.timedelta(hours=2)).isoformat(),
        startBy=(NOW + dt.timedelta(days=30)).date().isoformat(),
    )
    try:
        api.at(NOW + dt.timedelta(hours=3))
        result = call(api, "openReferral", {"referral": referral["id"]}, commissioner)
        assert result["__typename"] == "DeadlinePassed" and result["code"] == "DEADLINE_PASSED"
    finally:
        api.at(NOW)


# -- sending to providers -------------------------------------------------------------------

OPEN = "referral { status openedAt version } invitations { invitedAt provider { id } }"


def eligible_providers(world: dict[str, Any], referral_id: str) -> dict[str, set[str]]:
    """Each provider with an eligible match, and its eligible establishments, as the commissioner sees them."""
    found = world["api"].gql(MATCHES, {"id": referral_id}, token=world["commissioner"])["node"]["matches"]
    providers: dict[str, set[str]] = {}
    for match in found:
        providers.setdefault(match["provider"]["id"], set()).add(match["establishment"]["id"])
    return providers


def outbox(world: dict[str, Any], referral_id: str) -> list[Any]:
    return run_sql(
        world["api"],
        "SELECT kind, recipient_type, recipient_id, user_id, subject_type, payload, sent_at, attempts, skip_reason "
        "FROM notification "
        "WHERE subject_type = 'Referral' AND subject_id = :id ORDER BY recipient_id",
        id=pk(referral_id),
    )


def test_opening_invites_every_provider_with_an_eligible_match(world: dict[str, Any]) -> None:
    api, commissioner = world["api"], world["commissioner"]
    referral = create(world)
    eligible = eligible_providers(world, referral["id"])
    assert len(eligible) >= 2, "the demo has several eligible members of L1 for this child"
    result = call(api, "openReferral", {"referral": referral["id"], "version": referral["version"]}, commissioner, OPEN)
    assert result["__typename"] == "OpenReferralPayload", result
    assert result["referral"]["status"] == "OPEN" and result["referral"]["openedAt"] == NOW.isoformat()
    invited = {i["provider"]["id"] for i in result["invitations"]}
    assert invited == set(eligible)

    # a notification for each invited provider, in the outbox, naming the referral but not the child; this
    # database has no users, so each provider's is one row marked as reaching nobody (tests/test_notifications.py
    # follows rows to each user of a provider and through the relay)
    rows = outbox(world, referral["id"])
    assert sorted(r.recipient_id for r in rows) == sorted(pk(p) for p in invited)
    for row in rows:
        payload = row.payload if isinstance(row.payload, dict) else json.loads(row.payload)
        assert (row.kind, row.recipient_type, row.subject_type) == ("referral.invited", "Provider", "Referral")
        assert row.sent_at is None and row.attempts == 0
        assert row.user_id is None and row.skip_reason == "NO_RECIPIENT"
        assert payload["referral"] == f"NWR-{pk(referral['id']):06d}" and payload["lot"] == "L1"
        provider = gid("Provider", row.recipient_id)
        assert {gid("Establishment", e) for e in payload["establishments"]} == eligible[provider]
        assert CHILD["reference"] not in json.dumps(payload)
    opened = next(e for e in audit(world, referral["id"]) if e["action"] == "referral.opened")
    assert sorted(opened["diff"]["after"]["invitedProviders"]) == sorted(pk(p) for p in invited)


def test_opening_invites_a_chosen_few(world: dict[str, Any]) -> None:
    api, commissioner = world["api"], world["commissioner"]
    referral = create(world)
    eligible = sorted(eligible_providers(world, referral["id"]))
    members = api.gql("{ lotMemberships(first: 100) { edges { node { provider { id } lot { code } } } } }")[
        "lotMemberships"
    ]["edges"]
    on_lot = {e["node"]["provider"]["id"] for e in members if e["node"]["lot"]["code"] == "L1"}
    ineligible = sorted(on_lot - set(eligible))[0]
    stranger = gid("Provider", 999999)

    for providers, field in (
        ([eligible[0], ineligible], "input.providers[1]"),
        ([eligible[0], stranger], "input.providers[1]"),
        ([eligible[0], eligible[0]], "input.providers[1]"),
        ([], "input.providers"),
        ([gid("Lot", 1)], "input.providers[0]"),
    ):
        refused(
            api,
            "openReferral",
            {"referral": referral["id"], "providers": providers},
            commissioner,
            "ValidationError",
            field,
        )
    assert outbox(world, referral["id"]) == []  # refusals write nothing

    chosen = eligible[:2]
    result = call(api, "openReferral", {"referral": referral["id"], "providers": chosen}, commissioner, OPEN)
    assert result["__typename"] == "OpenReferralPayload", result
    assert sorted(i["provider"]["id"] for i in result["invitations"]) == chosen
    assert sorted(r.recipient_id for r in outbox(world, referral["id"])) == sorted(pk(p) for p in chosen)


def test_a_direct_award_invites_exactly_one(world: dict[str, Any]) -> None:
    api, commissioner = world["api"], world["commissioner"]
    referral = create(world, mode="DIRECT_AWARD")
    eligible = sorted(eligible_providers(world, referral["id"]))
    refused(api, "openReferral", {"referral": referral["id"]}, commissioner, "ValidationError", "input.providers")
    result = call(api, "openReferral", {"referral": referral["id"], "providers": eligible[:1]}, commissioner, OPEN)
    assert [i["provider"]["id"] for i in result["invitations"]] == eligible[:1]


def test_no_eligible_member_within_the_distance_means_nothing_to_send(world: dict[str, Any]) -> None:
    api, commissioner = world["api"], world["commissioner"]
    rural = {**CHILD, "homePostcodeDistrict": "CW6", "homeLatitude": 53.2, "homeLongitude": -2.6}
    referral = create(world, child=rural)
    refused(api, "openReferral", {"referral": referral["id"], "maxDistanceKm": 1}, commissioner, "InvalidTransition")
    refused(
        api,
        "openReferral",
        {"referral": referral["id"], "maxDistanceKm": -1},
        commissioner,
        "ValidationError",
        "input.maxDistanceKm",
    )
    assert outbox(world, referral["id"]) == []


# -- who sees what ----------------------------------------------------------------------------


def test_invited_providers_see_the_referral_pseudonymised_and_others_nothing(world: dict[str, Any]) -> None:
    api, commissioner = world["api"], world["commissioner"]
    referral = create(world, child={**CHILD, "reference": "CE-2026-0999"})
    eligible = sorted(eligible_providers(world, referral["id"]))
    invited, uninvited, competitor = eligible[0], eligible[1], eligible[2]
    query = """query($id: ID!) { node(id: $id) { ... on Referral { id status authority { code name }
      child { reference pseudonymised ageAtStart primaryNeed homePostcodeDistrict homeLatitude homeLongitude }
      invitations { provider { id } } matches { eligible provider { id } } } } }"""
    invited_token = api.token(Role.PROVIDER_USER, provider_id=pk(invited))
    uninvited_token = api.token(Role.PROVIDER_USER, provider_id=pk(uninvited))

    # a draft is the authority's alone
    for token in (invited_token, uninvited_token):
        assert api.errors(query, {"id": referral["id"]}, token=token)[0]["extensions"]["code"] == "NOT_FOUND"

    call(api, "openReferral", {"referral": referral["id"], "providers": [invited, competitor]}, commissioner, OPEN)
    response = api.post(query, {"id": referral["id"]}, token=invited_token)
    seen = response.json()["data"]["node"]
    assert seen["status"] == "OPEN" and seen["authority"]["code"] == "E06000049"
    child = seen["child"]
    assert child["pseudonymised"] and child["reference"] == f"NWR-{pk(referral['id']):06d}"
    assert (child["ageAtStart"], child["primaryNeed"], child["homePostcodeDistrict"]) == (10, "ASD", "CW1")
    # where the child lives is the postcode district alone: no coordinates, not even coarsened ones
    assert (child["homeLatitude"], child["homeLongitude"]) == (None, None)
    assert "53.1" not in response.text and "-2.44" not in response.text
    # nor who else was invited: a provider sees its own invitation only
    assert [x["provider"]["id"] for x in seen["invitations"]] == [invited]
    assert competitor not in response.text
    # who else matched is the authority's business: the provider sees its own establishments only
    assert seen["matches"] and {x["provider"]["id"] for x in seen["matches"]} == {invited}
    assert "CE-2026-0999" not in response.text and "test-authority_commissioner" not in response.text

    errors = api.errors(query, {"id": referral["id"]}, token=uninvited_token)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    listed = api.gql("{ referrals(first: 100) { edges { node { id } } } }", token=uninvited_token)
    assert referral["id"] not in {e["node"]["id"] for e in listed["referrals"]["edges"]}
    listed = api.gql("{ referrals(first: 100) { edges { node { id } } } }", token=invited_token)
    assert referral["id"] in {e["node"]["id"] for e in listed["referrals"]["edges"]}


def test_cancelling_an_open_referral_tells_the_invited(world: dict[str, Any]) -> None:
    api, commissioner = world["api"], world["commissioner"]
    referral = create(world)
    opened = call(api, "openReferral", {"referral": referral["id"]}, commissioner, OPEN)
    call(api, "cancelReferral", {"referral": referral["id"], "reason": "Family moved away."}, commissioner)
    rows = outbox(world, referral["id"])
    cancelled = [r for r in rows if r.kind == "referral.cancelled"]
    assert sorted(r.recipient_id for r in cancelled) == sorted(pk(i["provider"]["id"]) for i in opened["invitations"])
