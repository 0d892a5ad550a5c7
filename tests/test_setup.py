"""Setting up a purchasing system over HTTP: the system, its members, lots and specification versions.

Each mutation is tried by the lead authority, by another authority's lead
team (wrong tenant) and by roles that may not use it, with bad input named by
field, invalid transitions and stale versions. Two tables walk every allowed
and forbidden transition of a system and of a specification version.
"""

from __future__ import annotations

import base64
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from api.auth.actor import Role
from tests.support import DEMO_NOW, WritableApi

INPUT_TYPES = {
    "activatePurchasingSystem": "PurchasingSystemTransitionInput",
    "closePurchasingSystem": "PurchasingSystemTransitionInput",
}
SYSTEM = (
    "id status version title reference ocid decisionPeriodDays activatedAt closedAt leadAuthority { code } "
    "memberAuthorities { code } lots { id code title weeksPerYear ageMin ageMax position } "
    "specifications { id versionNumber status version title body publishedAt supersededAt } "
    "currentSpecification { versionNumber }"
)
SELECTIONS = {
    "createPurchasingSystem": f"system {{ {SYSTEM} }}",
    "activatePurchasingSystem": f"system {{ {SYSTEM} }}",
    "closePurchasingSystem": f"system {{ {SYSTEM} }}",
    "addSystemMember": f"system {{ {SYSTEM} }} authority {{ code }}",
    "removeSystemMember": f"system {{ {SYSTEM} }} authority {{ code }}",
    "addLot": "lot { id code title placementType weeksPerYear ageMin ageMax position system { id } }",
    "updateLot": "lot { id code title placementType weeksPerYear ageMin ageMax position }",
    "createSpecificationDraft": "specification { id versionNumber status version title body noticePeriodWeeks }",
    "updateSpecificationDraft": "specification { id versionNumber status version title body noticePeriodWeeks }",
    "publishSpecification": (
        "specification { id versionNumber status version publishedAt } superseded { id versionNumber status }"
    ),
}
VERSIONED = {"activatePurchasingSystem", "closePurchasingSystem", "updateSpecificationDraft", "publishSpecification"}
_serial = itertools.count(1)


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def gid(type_name: str, key: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def mutate(api: WritableApi, name: str, given: dict[str, Any], token: str | None) -> dict[str, Any]:
    """Run one mutation that must reach its resolver; its payload or its typed error."""
    input_type = INPUT_TYPES.get(name, name[0].upper() + name[1:] + "Input")
    payload = name[0].upper() + name[1:] + "Payload"
    stale = "... on StaleVersion { currentVersion }" if name in VERSIONED else ""
    query = (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ __typename "
        f"... on MutationError {{ code field message }} {stale} ... on {payload} {{ {SELECTIONS[name]} }} }} }}"
    )
    return api.gql(query, {"input": given}, token=token)[name]


def refused_at_edge(api: WritableApi, name: str, given: dict[str, Any], token: str | None) -> str:
    """The code of a call the edge refuses before any business rule runs."""
    input_type = INPUT_TYPES.get(name, name[0].upper() + name[1:] + "Input")
    query = f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ __typename }} }}"
    errors = api.errors(query, {"input": given}, token=token)
    return errors[0]["extensions"]["code"]


def refusal(result: dict[str, Any], typename: str, field: str | None = None) -> None:
    assert result["__typename"] == typename, result
    if field is not None:
        assert result["field"] == field, result


def actions(api: WritableApi, entity: str) -> list[str]:
    """The audit trail of one object, oldest first, as the auditor sees it."""
    query = "query($e: ID!) { auditEvents(first: 100, filter: {entity: $e}) { nodes { action diff } } }"
    return [n["action"] for n in api.gql(query, {"e": entity}, token=api.token(Role.AUDITOR))["auditEvents"]["nodes"]]


@dataclass
class Setup:
    api: WritableApi
    lead: str
    other_lead: str
    commissioner: str
    provider: str
    authorities: dict[str, str]
    demo_system: dict[str, Any]

    def system(self, **overrides: Any) -> dict[str, Any]:
        """A new DRAFT system led by Cheshire East."""
        n = next(_serial)
        given = {
            "title": f"Short breaks purchasing system {n}",
            "reference": f"NW-SB-{n:04d}",
            "ocid": f"ocds-h6vhtk-nwsb{n:04d}",
            "description": "Short breaks and holiday provision.",
            "regime": "PCR2015_LIGHT_TOUCH",
            "admissionMode": "CONTINUOUS",
            "termStart": "2026-04-01",
            "termEnd": "2030-03-31",
            "decisionPeriodDays": 15,
        } | overrides
        result = mutate(self.api, "createPurchasingSystem", given, self.lead)
        assert result["__typename"] == "CreatePurchasingSystemPayload", result
        return result["system"]

    def lot(self, system: dict[str, Any], code: str = "SB1", **overrides: Any) -> dict[str, Any]:
        given = {
            "system": system["id"],
            "code": code,
            "title": "Short breaks, day",
            "placementType": "DAY",
            "ageMin": 5,
            "ageMax": 18,
        } | overrides
        result = mutate(self.api, "addLot", given, self.lead)
        assert result["__typename"] == "AddLotPayload", result
        return result["lot"]

    def draft(self, system: dict[str, Any], **overrides: Any) -> dict[str, Any]:
        given = {"system": system["id"], "title": "Short breaks specification", "body": "1. Purpose"} | overrides
        result = mutate(self.api, "createSpecificationDraft", given, self.lead)
        assert result["__typename"] == "CreateSpecificationDraftPayload", result
        return result["specification"]

    def publish(self, spec: dict[str, Any]) -> dict[str, Any]:
        result = mutate(self.api, "publishSpecification", {"id": spec["id"], "version": spec["version"]}, self.lead)
        assert result["__typename"] == "PublishSpecificationPayload", result
        return result

    def read(self, system: dict[str, Any]) -> dict[str, Any]:
        query = f"query($id: ID!) {{ node(id: $id) {{ ... on PurchasingSystem {{ {SYSTEM} }} }} }}"
        return self.api.gql(query, {"id": system["id"]}, token=self.lead)["node"]

    def in_state(self, state: str) -> dict[str, Any]:
        """A system in DRAFT, ACTIVE or CLOSED, ready to go live."""
        system = self.system()
        self.lot(system)
        self.publish(self.draft(system))
        system = self.read(system)
        for step in {"DRAFT": [], "ACTIVE": ["activate"], "CLOSED": ["activate", "close"]}[state]:
            result = mutate(
                self.api, f"{step}PurchasingSystem", {"id": system["id"], "version": system["version"]}, self.lead
            )
            system = result["system"]
        assert system["status"] == state
        return system


@pytest.fixture(scope="module")
def setup(writable: WritableApi) -> Setup:
    return setup_of(writable)


def setup_of(api: WritableApi) -> Setup:
    """Tokens and names for setting up systems on ``api``."""
    authorities = api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    by_code = {a["code"]: a["id"] for a in authorities}
    provider = api.gql("{ providers(first: 1) { nodes { id } } }")["providers"]["nodes"][0]["id"]
    lead = api.token(Role.LEAD_ADMIN, authority_id=pk(by_code["E06000049"]))
    systems = api.gql(f"{{ purchasingSystems(first: 1) {{ nodes {{ {SYSTEM} }} }} }}", token=lead)
    return Setup(
        api=api,
        lead=lead,
        other_lead=api.token(Role.LEAD_ADMIN, authority_id=pk(by_code["E08000001"])),
        commissioner=api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(by_code["E06000049"])),
        provider=api.token(Role.PROVIDER_USER, provider_id=pk(provider)),
        authorities=by_code,
        demo_system=systems["purchasingSystems"]["nodes"][0],
    )


@pytest.fixture(autouse=True)
def _clock_back(writable: WritableApi) -> Iterator[None]:
    yield
    writable.at(DEMO_NOW)


# --------------------------------------------------------------------------
# The system
# --------------------------------------------------------------------------


def test_the_lead_authority_sets_up_a_draft_system_it_leads(setup: Setup) -> None:
    system = setup.system(title="  North West short breaks  ")
    assert system["status"] == "DRAFT" and system["version"] == 1
    assert system["title"] == "North West short breaks"
    assert system["decisionPeriodDays"] == 15
    assert system["leadAuthority"] == {"code": "E06000049"}
    assert system["memberAuthorities"] == [{"code": "E06000049"}]
    assert system["lots"] == [] and system["specifications"] == [] and system["activatedAt"] is None
    assert actions(setup.api, system["id"]) == ["system.created"]
    listed = setup.api.gql("{ purchasingSystems(first: 50) { nodes { reference } } }")["purchasingSystems"]["nodes"]
    assert {"reference": system["reference"]} in listed


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "   "}, "input.title"),
        ({"title": "x" * 201}, "input.title"),
        ({"reference": "NW-SEND-FPS-2021"}, "input.reference"),
        ({"ocid": "ocds-h6vhtk-nwsendfps2021"}, "input.ocid"),
        ({"ocid": "not-an-ocid"}, "input.ocid"),
        ({"termStart": "2026-04-01", "termEnd": "2026-03-31"}, "input.termEnd"),
        ({"decisionPeriodDays": 0}, "input.decisionPeriodDays"),
        ({"decisionPeriodDays": 91}, "input.decisionPeriodDays"),
    ],
)
def test_a_bad_system_is_refused_by_field(setup: Setup, overrides: dict[str, Any], field: str) -> None:
    n = next(_serial)
    given = {
        "title": "Refused",
        "reference": f"REFUSED-{n}",
        "ocid": f"ocds-h6vhtk-refused{n}",
        "regime": "PCR2015_LIGHT_TOUCH",
        "admissionMode": "ROUNDS",
        "termStart": "2026-04-01",
        "termEnd": "2027-03-31",
    } | overrides
    refusal(mutate(setup.api, "createPurchasingSystem", given, setup.lead), "ValidationError", field)


def test_only_the_lead_team_sets_up_a_system(setup: Setup) -> None:
    given = {
        "title": "x",
        "reference": "x",
        "ocid": "ocds-h6vhtk-x",
        "regime": "PCR2015_LIGHT_TOUCH",
        "admissionMode": "ROUNDS",
        "termStart": "2026-04-01",
        "termEnd": "2027-03-31",
    }
    assert refused_at_edge(setup.api, "createPurchasingSystem", given, setup.commissioner) == "FORBIDDEN"
    assert refused_at_edge(setup.api, "createPurchasingSystem", given, setup.provider) == "FORBIDDEN"
    assert refused_at_edge(setup.api, "createPurchasingSystem", given, None) == "UNAUTHENTICATED"
    no_authority = setup.api.token(Role.LEAD_ADMIN)
    refusal(mutate(setup.api, "createPurchasingSystem", given, no_authority), "Forbidden")


# every (state, action): the status after it, or None when it is refused as InvalidTransition
SYSTEM_TRANSITIONS = {
    ("DRAFT", "activate"): "ACTIVE",
    ("DRAFT", "close"): None,
    ("ACTIVE", "activate"): None,
    ("ACTIVE", "close"): "CLOSED",
    ("CLOSED", "activate"): None,
    ("CLOSED", "close"): None,
}


@pytest.mark.parametrize(("state", "action"), sorted(SYSTEM_TRANSITIONS))
def test_system_transitions(setup: Setup, state: str, action: str) -> None:
    system = setup.in_state(state)
    before = actions(setup.api, system["id"])
    given = {"id": system["id"], "version": system["version"]}
    result = mutate(setup.api, f"{action}PurchasingSystem", given, setup.lead)
    expected = SYSTEM_TRANSITIONS[(state, action)]
    if expected is None:
        refusal(result, "InvalidTransition")
        assert setup.read(system)["status"] == state and setup.read(system)["version"] == system["version"]
        assert actions(setup.api, system["id"]) == before
    else:
        assert result["system"]["status"] == expected, result
        assert result["system"]["version"] == system["version"] + 1
        stamp = "activatedAt" if action == "activate" else "closedAt"
        assert result["system"][stamp] == DEMO_NOW.isoformat()
        assert actions(setup.api, system["id"]) == [*before, f"system.{action}d"]


def test_a_system_goes_live_only_with_a_lot_and_a_published_specification(setup: Setup) -> None:
    system = setup.system()
    go = {"id": system["id"], "version": 1}
    no_lot = mutate(setup.api, "activatePurchasingSystem", go, setup.lead)
    refusal(no_lot, "InvalidTransition")
    assert "lot" in no_lot["message"]
    setup.lot(system)
    draft = setup.draft(system)
    no_spec = mutate(setup.api, "activatePurchasingSystem", go, setup.lead)
    refusal(no_spec, "InvalidTransition")
    assert "specification" in no_spec["message"]
    setup.publish(draft)
    assert mutate(setup.api, "activatePurchasingSystem", go, setup.lead)["system"]["status"] == "ACTIVE"


def test_system_changes_need_the_current_version_and_the_right_lead_authority(setup: Setup) -> None:
    system = setup.in_state("DRAFT")
    stale = mutate(setup.api, "activatePurchasingSystem", {"id": system["id"], "version": 99}, setup.lead)
    refusal(stale, "StaleVersion", "input.version")
    assert stale["currentVersion"] == system["version"]
    given = {"id": system["id"], "version": system["version"]}
    refusal(mutate(setup.api, "activatePurchasingSystem", given, setup.other_lead), "Forbidden")
    assert refused_at_edge(setup.api, "activatePurchasingSystem", given, setup.commissioner) == "FORBIDDEN"
    missing = {"id": gid("PurchasingSystem", 999_999), "version": 1}
    refusal(mutate(setup.api, "closePurchasingSystem", missing, setup.lead), "NotFound", "input.id")
    wrong_type = {"id": setup.authorities["E08000001"], "version": 1}
    refusal(mutate(setup.api, "closePurchasingSystem", wrong_type, setup.lead), "ValidationError", "input.id")
    assert setup.read(system)["status"] == "DRAFT"


# --------------------------------------------------------------------------
# Member authorities
# --------------------------------------------------------------------------


def test_member_authorities_join_and_leave(setup: Setup) -> None:
    system = setup.system()
    bolton = setup.authorities["E08000001"]
    joined = mutate(
        setup.api,
        "addSystemMember",
        {"system": system["id"], "authority": bolton, "joinedOn": "2026-02-10"},
        setup.lead,
    )
    assert joined["authority"] == {"code": "E08000001"}, joined
    assert {"code": "E08000001"} in joined["system"]["memberAuthorities"]
    again = mutate(setup.api, "addSystemMember", {"system": system["id"], "authority": bolton}, setup.lead)
    refusal(again, "ValidationError", "input.authority")

    left = mutate(setup.api, "removeSystemMember", {"system": system["id"], "authority": bolton}, setup.lead)
    assert left["system"]["memberAuthorities"] == [{"code": "E06000049"}], left
    gone = mutate(setup.api, "removeSystemMember", {"system": system["id"], "authority": bolton}, setup.lead)
    refusal(gone, "NotFound", "input.authority")
    lead = mutate(
        setup.api,
        "removeSystemMember",
        {"system": system["id"], "authority": setup.authorities["E06000049"]},
        setup.lead,
    )
    refusal(lead, "InvalidTransition")
    assert actions(setup.api, system["id"]) == ["system.created", "system.member_added", "system.member_removed"]


def test_an_authority_with_call_offs_stays_a_member(setup: Setup) -> None:
    call_offs = setup.api.gql(
        "{ callOffs(first: 100) { nodes { authority { id code } } } }", token=setup.api.token(Role.AUDITOR)
    )["callOffs"]["nodes"]
    placing = next(c["authority"] for c in call_offs if c["authority"]["code"] != "E06000049")
    result = mutate(
        setup.api, "removeSystemMember", {"system": setup.demo_system["id"], "authority": placing["id"]}, setup.lead
    )
    refusal(result, "InvalidTransition")
    assert "call-off" in result["message"]
    members = setup.read(setup.demo_system)["memberAuthorities"]
    assert {"code": placing["code"]} in members


def test_members_change_only_through_the_lead_authority_of_an_open_system(setup: Setup) -> None:
    system = setup.in_state("CLOSED")
    bolton = setup.authorities["E08000001"]
    given = {"system": system["id"], "authority": bolton}
    refusal(mutate(setup.api, "addSystemMember", given, setup.lead), "InvalidTransition")
    draft = setup.system()
    given = {"system": draft["id"], "authority": bolton}
    refusal(mutate(setup.api, "addSystemMember", given, setup.other_lead), "Forbidden")
    assert refused_at_edge(setup.api, "addSystemMember", given, setup.commissioner) == "FORBIDDEN"
    missing = {"system": draft["id"], "authority": gid("Authority", 999_999)}
    refusal(mutate(setup.api, "addSystemMember", missing, setup.lead), "NotFound", "input.authority")
    assert setup.read(draft)["memberAuthorities"] == [{"code": "E06000049"}]


# --------------------------------------------------------------------------
# Lots
# --------------------------------------------------------------------------


def test_lots_are_added_with_the_weeks_of_their_placement_type(setup: Setup) -> None:
    system = setup.system()
    day = setup.lot(system, "SB1")
    assert (day["weeksPerYear"], day["position"], day["system"]["id"]) == (39, 1, system["id"])
    residential = setup.lot(system, "sb2", placementType="RESIDENTIAL", title="Short breaks, residential")
    assert (residential["code"], residential["weeksPerYear"], residential["position"]) == ("SB2", 52, 2)
    assert [lot["code"] for lot in setup.read(system)["lots"]] == ["SB1", "SB2"]
    assert actions(setup.api, day["id"]) == ["lot.added"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"code": "SB1"}, "input.code"),
        ({"code": "bad code!"}, "input.code"),
        ({"title": ""}, "input.title"),
        ({"weeksPerYear": 40}, "input.weeksPerYear"),
        ({"placementType": "RESIDENTIAL", "weeksPerYear": 39}, "input.weeksPerYear"),
        ({"ageMin": 12, "ageMax": 11}, "input.ageMax"),
        ({"ageMin": -1}, "input.ageMin"),
        ({"ageMax": 26}, "input.ageMax"),
    ],
)
def test_a_bad_lot_is_refused_by_field(setup: Setup, overrides: dict[str, Any], field: str) -> None:
    system = setup.system()
    setup.lot(system, "SB1")
    given = {
        "system": system["id"],
        "code": "SB9",
        "title": "x",
        "placementType": "DAY",
        "ageMin": 5,
        "ageMax": 18,
    } | overrides
    refusal(mutate(setup.api, "addLot", given, setup.lead), "ValidationError", field)
    assert len(setup.read(system)["lots"]) == 1


def test_a_draft_systems_lots_change_freely(setup: Setup) -> None:
    system = setup.system()
    lot = setup.lot(system, "SB1")
    setup.lot(system, "SB2")
    changed = mutate(
        setup.api, "updateLot", {"id": lot["id"], "code": "SB3", "ageMax": 19, "weeksPerYear": 38}, setup.lead
    )
    assert (changed["lot"]["code"], changed["lot"]["ageMax"], changed["lot"]["weeksPerYear"]) == ("SB3", 19, 38)
    taken = mutate(setup.api, "updateLot", {"id": lot["id"], "code": "SB2"}, setup.lead)
    refusal(taken, "ValidationError", "input.code")
    refusal(
        mutate(setup.api, "updateLot", {"id": lot["id"], "ageMin": 20}, setup.lead), "ValidationError", "input.ageMax"
    )
    refusal(mutate(setup.api, "updateLot", {"id": lot["id"], "title": "x"}, setup.other_lead), "Forbidden")
    assert refused_at_edge(setup.api, "updateLot", {"id": lot["id"]}, setup.commissioner) == "FORBIDDEN"
    refusal(mutate(setup.api, "updateLot", {"id": gid("Lot", 999_999)}, setup.lead), "NotFound", "input.id")
    events = setup.api.gql(
        "query($e: ID!) { auditEvents(first: 10, filter: {entity: $e}) { nodes { action diff } } }",
        {"e": lot["id"]},
        token=setup.api.token(Role.AUDITOR),
    )["auditEvents"]["nodes"]
    assert [e["action"] for e in events] == ["lot.added", "lot.updated"]
    assert events[1]["diff"] == {
        "before": {"code": "SB1", "weeksPerYear": 39, "ageMax": 18},
        "after": {"code": "SB3", "weeksPerYear": 38, "ageMax": 19},
    }


def test_a_live_system_takes_new_lots_but_keeps_its_lot_codes(setup: Setup) -> None:
    system = setup.in_state("ACTIVE")
    lot = system["lots"][0]
    renamed = mutate(setup.api, "updateLot", {"id": lot["id"], "code": "SB7"}, setup.lead)
    refusal(renamed, "InvalidTransition", "input.code")
    retitled = mutate(setup.api, "updateLot", {"id": lot["id"], "title": "Short breaks (day)"}, setup.lead)
    assert retitled["lot"]["title"] == "Short breaks (day)" and retitled["lot"]["code"] == lot["code"]
    assert setup.lot(system, "SB2")["code"] == "SB2"
    demo_lot = setup.demo_system["lots"][0]
    refusal(mutate(setup.api, "updateLot", {"id": demo_lot["id"], "code": "LX"}, setup.lead), "InvalidTransition")


def test_a_closed_systems_lots_never_change(setup: Setup) -> None:
    system = setup.in_state("CLOSED")
    lot = system["lots"][0]
    refusal(mutate(setup.api, "updateLot", {"id": lot["id"], "title": "x"}, setup.lead), "InvalidTransition")
    given = {"system": system["id"], "code": "SB5", "title": "x", "placementType": "DAY", "ageMin": 5, "ageMax": 9}
    refusal(mutate(setup.api, "addLot", given, setup.lead), "InvalidTransition")
    assert setup.read(system)["lots"] == system["lots"]


# --------------------------------------------------------------------------
# Specifications
# --------------------------------------------------------------------------


def test_a_specification_sets_the_notice_to_end_a_placement(setup: Setup) -> None:
    system = setup.system()
    first = setup.draft(system)
    assert first["noticePeriodWeeks"] is None  # one term, by the term dates
    given = {"id": first["id"], "version": first["version"], "noticePeriodWeeks": 53}
    refusal(
        mutate(setup.api, "updateSpecificationDraft", given, setup.lead), "ValidationError", "input.noticePeriodWeeks"
    )
    six = mutate(setup.api, "updateSpecificationDraft", {**given, "noticePeriodWeeks": 6}, setup.lead)["specification"]
    assert six["noticePeriodWeeks"] == 6
    setup.publish(six)
    second = setup.draft(system, title=None, body=None)
    assert second["noticePeriodWeeks"] == 6  # carried from the version before
    back = {"id": second["id"], "version": second["version"], "noticePeriodWeeks": 0}
    assert mutate(setup.api, "updateSpecificationDraft", back, setup.lead)["specification"]["noticePeriodWeeks"] is None


def test_drafts_take_the_next_version_number_and_start_from_the_latest(setup: Setup) -> None:
    system = setup.system()
    missing_body = mutate(setup.api, "createSpecificationDraft", {"system": system["id"], "title": "x"}, setup.lead)
    refusal(missing_body, "ValidationError", "input.body")
    first = setup.draft(system, title="Short breaks", body="1. Purpose\nShort breaks for families.")
    assert (first["versionNumber"], first["status"], first["version"]) == (1, "DRAFT", 1)
    second_while_draft = mutate(setup.api, "createSpecificationDraft", {"system": system["id"]}, setup.lead)
    refusal(second_while_draft, "InvalidTransition")
    setup.publish(first)
    second = setup.draft(system, title=None, body=None)
    assert (second["versionNumber"], second["title"], second["body"]) == (2, "Short breaks", first["body"])
    assert actions(setup.api, second["id"]) == ["specification.drafted"]


def test_a_draft_is_edited_with_its_version_and_published_over_the_current_one(setup: Setup) -> None:
    api, system = setup.api, setup.demo_system
    v1, v2 = system["specifications"]
    assert (v1["status"], v2["status"]) == ("PUBLISHED", "DRAFT")

    stale = mutate(api, "updateSpecificationDraft", {"id": v2["id"], "version": 7, "title": "x"}, setup.lead)
    refusal(stale, "StaleVersion", "input.version")
    refusal(
        mutate(api, "updateSpecificationDraft", {"id": v2["id"], "version": 1, "body": " "}, setup.lead),
        "ValidationError",
        "input.body",
    )
    refusal(
        mutate(api, "updateSpecificationDraft", {"id": v2["id"], "version": 1, "title": "x"}, setup.other_lead),
        "Forbidden",
    )
    edited = mutate(
        api,
        "updateSpecificationDraft",
        {"id": v2["id"], "version": v2["version"], "title": "Core Service Specification 2026"},
        setup.lead,
    )["specification"]
    assert edited["title"] == "Core Service Specification 2026" and edited["version"] == v2["version"] + 1
    refusal(mutate(api, "publishSpecification", {"id": v2["id"], "version": v2["version"]}, setup.lead), "StaleVersion")

    published = setup.publish(edited)
    assert published["specification"]["status"] == "PUBLISHED"
    assert published["specification"]["publishedAt"] == DEMO_NOW.isoformat()
    assert published["superseded"] == {"id": v1["id"], "versionNumber": 1, "status": "SUPERSEDED"}
    now = setup.read(system)
    assert now["currentSpecification"] == {"versionNumber": 2}
    assert [(s["versionNumber"], s["status"]) for s in now["specifications"]] == [(1, "SUPERSEDED"), (2, "PUBLISHED")]
    assert now["specifications"][0]["supersededAt"] == DEMO_NOW.isoformat()
    assert actions(api, v1["id"])[-1] == "specification.superseded"
    assert actions(api, v2["id"])[-2:] == ["specification.updated", "specification.published"]
    # the public sees the published versions only, and the superseded one is still there
    public = api.gql(
        "query($id: ID!) { node(id: $id) { ... on PurchasingSystem { specifications { versionNumber status } } } }",
        {"id": system["id"]},
    )["node"]["specifications"]
    assert public == [{"versionNumber": 1, "status": "SUPERSEDED"}, {"versionNumber": 2, "status": "PUBLISHED"}]


def test_specification_changes_are_refused_to_other_roles(setup: Setup) -> None:
    system = setup.system()
    draft = setup.draft(system)
    given = {"id": draft["id"], "version": draft["version"]}
    for token in (setup.commissioner, setup.provider):
        assert refused_at_edge(setup.api, "publishSpecification", given, token) == "FORBIDDEN"
    assert refused_at_edge(setup.api, "publishSpecification", given, None) == "UNAUTHENTICATED"
    missing = {"id": gid("Specification", 999_999), "version": 1}
    refusal(mutate(setup.api, "publishSpecification", missing, setup.lead), "NotFound", "input.id")
    refusal(mutate(setup.api, "publishSpecification", given, setup.other_lead), "Forbidden")
    closed = setup.in_state("CLOSED")
    refusal(mutate(setup.api, "createSpecificationDraft", {"system": closed["id"]}, setup.lead), "InvalidTransition")


def _spec_in(setup: Setup, state: str) -> dict[str, Any]:
    """A specification version in DRAFT, PUBLISHED or SUPERSEDED, of a system of its own."""
    system = setup.system()
    first = setup.draft(system)
    if state == "DRAFT":
        return first
    published = setup.publish(first)["specification"]
    if state == "PUBLISHED":
        return published
    setup.publish(setup.draft(system))
    return next(s for s in setup.read(system)["specifications"] if s["id"] == first["id"])


SPEC_ACTIONS: dict[str, Callable[[dict[str, Any]], tuple[str, dict[str, Any]]]] = {
    "update": lambda s: ("updateSpecificationDraft", {"id": s["id"], "version": s["version"], "body": "2. Changed"}),
    "publish": lambda s: ("publishSpecification", {"id": s["id"], "version": s["version"]}),
}
# every (state, action): the status after it, or None when it is refused as InvalidTransition
SPEC_TRANSITIONS = {
    ("DRAFT", "update"): "DRAFT",
    ("DRAFT", "publish"): "PUBLISHED",
    ("PUBLISHED", "update"): None,
    ("PUBLISHED", "publish"): None,
    ("SUPERSEDED", "update"): None,
    ("SUPERSEDED", "publish"): None,
}


@pytest.mark.parametrize(("state", "action"), sorted(SPEC_TRANSITIONS))
def test_specification_transitions(setup: Setup, state: str, action: str) -> None:
    spec = _spec_in(setup, state)
    assert spec["status"] == state
    name, given = SPEC_ACTIONS[action](spec)
    result = mutate(setup.api, name, given, setup.lead)
    expected = SPEC_TRANSITIONS[(state, action)]
    if expected is None:
        refusal(result, "InvalidTransition")
        assert "never changes" in result["message"]
    else:
        assert result["specification"]["status"] == expected, result
        assert result["specification"]["version"] == spec["version"] + 1
