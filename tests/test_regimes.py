"""Both legal regimes: each rule of the Procurement Act 2023 allowed and refused, PCR 2015 as before.

Systems are set up over HTTP by the lead authority (see ``tests.test_setup``). The rules come from one
policy per regime (``api.domain.regimes``), the only module that reads a system's ``regime``: the last test
holds that.
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest

from api.domain import working_days
from tests.support import DEMO_NOW, WritableApi
from tests.test_setup import Setup, mutate, refusal, setup_of

ROOT = Path(__file__).resolve().parent.parent
START = dt.date(2026, 4, 1)
_serial = itertools.count(1)


@pytest.fixture(scope="module")
def setup(writable: WritableApi) -> Setup:
    writable.at(DEMO_NOW)
    return setup_of(writable)


def _created(setup: Setup, **given: Any) -> dict[str, Any]:
    n = next(_serial)
    base = {
        "title": f"Regime test {n}",
        "reference": f"NW-RT-{n}",
        "ocid": f"ocds-h6vhtk-rt{n}",
        "termStart": START.isoformat(),
        "termEnd": "2030-03-31",
    }
    return mutate(setup.api, "createPurchasingSystem", base | given, setup.lead)


def _live(setup: Setup, system: dict[str, Any]) -> dict[str, Any]:
    setup.lot(system)
    setup.publish(setup.draft(system))
    fresh = setup.read(system)
    result = mutate(setup.api, "activatePurchasingSystem", {"id": fresh["id"], "version": fresh["version"]}, setup.lead)
    assert result["__typename"] == "ActivatePurchasingSystemPayload", result
    return result["system"]


# -- setting up ----------------------------------------------------------------------------------


def test_a_dynamic_market_admits_at_any_time_and_decides_within_30_days_by_default(setup: Setup) -> None:
    market = _created(setup, regime="PA2023_DYNAMIC_MARKET")
    assert market["__typename"] == "CreatePurchasingSystemPayload", market
    assert market["system"]["decisionPeriodDays"] == 30
    seen = setup.api.gql(
        "query($id: ID!) { node(id: $id) { ... on PurchasingSystem { admissionMode standstillWorkingDays "
        "conditionsFixed reopeningDates } } }",
        {"id": market["system"]["id"]},
        token=setup.lead,
    )["node"]
    assert seen == {
        "admissionMode": "CONTINUOUS",
        "standstillWorkingDays": 8,
        "conditionsFixed": False,
        "reopeningDates": [],
    }
    # rounds are never a dynamic market's way of admitting
    refusal(
        _created(setup, regime="PA2023_DYNAMIC_MARKET", admissionMode="ROUNDS"),
        "ValidationError",
        "input.admissionMode",
    )
    # its own decision period is kept
    own = _created(setup, regime="PA2023_DYNAMIC_MARKET", decisionPeriodDays=21)
    assert own["system"]["decisionPeriodDays"] == 21


def test_pcr_2015_keeps_its_choice_of_admission_and_has_no_standstill(setup: Setup) -> None:
    rounds = _created(setup, regime="PCR2015_LIGHT_TOUCH", admissionMode="ROUNDS")
    assert rounds["__typename"] == "CreatePurchasingSystemPayload", rounds
    assert rounds["system"]["decisionPeriodDays"] == 10
    seen = setup.api.gql(
        "query($id: ID!) { node(id: $id) { ... on PurchasingSystem { admissionMode standstillWorkingDays } } }",
        {"id": rounds["system"]["id"]},
        token=setup.lead,
    )["node"]
    assert seen == {"admissionMode": "ROUNDS", "standstillWorkingDays": 0}
    refusal(
        _created(setup, regime="PCR2015_LIGHT_TOUCH", reopeningDates=["2027-04-01"]),
        "ValidationError",
        "input.reopeningDates",
    )


@pytest.mark.parametrize(
    ("given", "field"),
    [
        (
            {"termEnd": "2034-04-01", "reopeningDates": ["2028-04-01", "2032-04-01"]},
            "input.termEnd",
        ),  # 8 years and a day
        ({"reopeningDates": []}, "input.reopeningDates"),
        ({"reopeningDates": ["2029-04-02"]}, "input.reopeningDates"),  # first reopening after 3 years
        ({"termEnd": "2034-03-31", "reopeningDates": ["2027-04-01"]}, "input.reopeningDates"),  # then 5+ years
        ({"reopeningDates": ["2031-01-01"]}, "input.reopeningDates"),  # after the term
        ({"admissionMode": "CONTINUOUS", "reopeningDates": ["2027-04-01"]}, "input.admissionMode"),
    ],
)
def test_an_open_framework_reopens_within_3_years_then_every_5_for_8_years_at_most(
    setup: Setup, given: dict[str, Any], field: str
) -> None:
    refusal(_created(setup, regime="PA2023_OPEN_FRAMEWORK", **given), "ValidationError", field)


def test_an_open_framework_of_exactly_8_years_is_set_up(setup: Setup) -> None:
    given = {"termEnd": "2034-03-31", "reopeningDates": ["2028-04-01", "2032-04-01"]}
    created = _created(setup, regime="PA2023_OPEN_FRAMEWORK", **given)
    assert created["__typename"] == "CreatePurchasingSystemPayload", created


def test_an_open_framework_admits_only_at_its_reopening_dates_once_it_starts(setup: Setup) -> None:
    created = _created(
        setup,
        regime="PA2023_OPEN_FRAMEWORK",
        termEnd="2034-03-31",
        reopeningDates=["2028-09-01", "2027-09-01", "2032-09-01"],
    )
    assert created["__typename"] == "CreatePurchasingSystemPayload", created
    framework = created["system"]
    seen = setup.api.gql(
        "query($id: ID!) { node(id: $id) { ... on PurchasingSystem { admissionMode reopeningDates } } }",
        {"id": framework["id"]},
        token=setup.lead,
    )["node"]
    assert seen == {"admissionMode": "ROUNDS", "reopeningDates": ["2027-09-01", "2028-09-01", "2032-09-01"]}
    live = _live(setup, framework)
    lots = [lot["id"] for lot in live["lots"]]

    def schedule(opens: str, closes: str) -> dict[str, Any]:
        query = (
            "mutation($input: ScheduleRoundInput!) { scheduleRound(input: $input) { __typename "
            "... on MutationError { code field message } } }"
        )
        given = {
            "system": live["id"],
            "opensAt": opens,
            "closesAt": closes,
            "lots": lots,
            "questions": [
                {"text": "Are you registered?", "kind": "SELECTION"},
                {"text": "How will you meet the outcomes?", "kind": "AWARD", "weight": 100},
            ],
        }
        return setup.api.gql(query, {"input": given}, token=setup.lead)["scheduleRound"]

    refused = schedule("2027-06-01T09:00:00Z", "2027-07-01T12:00:00Z")
    assert refused["__typename"] == "InvalidTransition", refused
    assert "2027-09-01" in refused["message"]
    allowed = schedule("2027-09-01T09:00:00Z", "2027-10-01T12:00:00Z")
    assert allowed["__typename"] == "ScheduleRoundPayload", allowed


def test_a_dynamic_markets_conditions_are_fixed_once_it_is_established(setup: Setup) -> None:
    market = _created(setup, regime="PA2023_DYNAMIC_MARKET")["system"]
    # before it is established, they change freely
    lot = setup.lot(market, code="DM1")
    assert mutate(setup.api, "updateLot", {"id": lot["id"], "title": "Day, 5 to 18"}, setup.lead)["__typename"] == (
        "UpdateLotPayload"
    )
    live = _live(setup, market)
    assert setup.api.gql(
        "query($id: ID!) { node(id: $id) { ... on PurchasingSystem { conditionsFixed } } }",
        {"id": live["id"]},
        token=setup.lead,
    )["node"] == {"conditionsFixed": True}
    given = {"system": live["id"], "code": "DM2", "title": "Another", "placementType": "DAY", "ageMin": 5, "ageMax": 9}
    refusal(mutate(setup.api, "addLot", given, setup.lead), "ConditionsFixed", "input.system")
    refusal(mutate(setup.api, "updateLot", {"id": lot["id"], "ageMax": 19}, setup.lead), "ConditionsFixed", "input.id")
    draft = {"system": live["id"], "title": "Version 2", "body": "Changed."}
    refusal(mutate(setup.api, "createSpecificationDraft", draft, setup.lead), "ConditionsFixed", "input.system")


def test_a_live_pcr_system_still_takes_new_lots_and_versions(setup: Setup) -> None:
    system = _live(setup, _created(setup, regime="PCR2015_LIGHT_TOUCH", admissionMode="ROUNDS")["system"])
    setup.lot(system, code="PCR2")
    assert setup.draft(system, title="Version 2")["versionNumber"] == 2


# -- working days ----------------------------------------------------------------------------------


def _uk(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=working_days.UK)


@pytest.mark.parametrize(
    ("decided", "last_day"),
    [
        # Christmas 2026: the 25th a Friday, Boxing Day a Saturday (Monday 28th off), New Year's Day a Friday
        ("2026-12-21", "2027-01-04"),
        ("2026-12-24", "2027-01-07"),
        # Easter 2027: Good Friday 26 March, Easter Monday 29 March
        ("2027-03-24", "2027-04-06"),
        # a decision on a Saturday: the period begins with the Monday
        ("2027-03-06", "2027-03-17"),
        ("2026-06-01", "2026-06-10"),
    ],
)
def test_the_standstill_is_8_working_days_beginning_with_the_day_of_the_decision(decided: str, last_day: str) -> None:
    ends = working_days.end_of_working_days(_uk(decided), 8)
    last = dt.date.fromisoformat(last_day)
    assert ends.astimezone(working_days.UK) == dt.datetime.combine(
        last + dt.timedelta(days=1), dt.time(), tzinfo=working_days.UK
    )
    assert working_days.last_of_working_days(dt.date.fromisoformat(decided), 8) == last


# -- one place reads the regime --------------------------------------------------------------------

_ALLOWED = {
    "api/domain/regimes.py": "the policy itself",
    "api/domain/systems.py": "stores the regime a new system is set up under",
    "api/domain/wording.py": "words for each enum value",
    "api/schema/setup.py": "passes the input's regime to the domain",
}


def test_only_the_regime_policy_reads_a_systems_regime() -> None:
    """Every ``.regime`` read and every ``Regime.<member>`` outside the policy is a rule in the wrong place."""
    found: list[str] = []
    for path in sorted((ROOT / "api").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            reads_regime = isinstance(node, ast.Attribute) and node.attr == "regime"
            names_member = (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Attribute | ast.Name)
                and getattr(node.value, "attr", getattr(node.value, "id", None)) == "Regime"
                and node.attr.isupper()
            )
            if (reads_regime or names_member) and relative not in _ALLOWED:
                found.append(f"{relative}:{node.lineno}")
    assert not found, f"read the regime through api.domain.regimes instead: {found}"
    # and the allowed ones do no more than their reason says
    systems = (ROOT / "api/domain/systems.py").read_text(encoding="utf-8")
    assert systems.count(".regime") == 2  # regimes.policy(details.regime), and the stored row's regime=
