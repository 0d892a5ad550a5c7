"""Term dates kept by the lead authority, and what a placement's agreement says is due, over HTTP.

The 38-week example is worked by hand below: a block of two places over a February half term and the
Easter holidays, with an annual uplift taking effect in the middle of the stretch asked about.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from api.auth.actor import Role
from tests.support import DEMO_NOW, WritableApi
from tests.test_calloffs import block_input, commissioner_of, lot_by_code, member_place
from tests.test_offers import Demo, demo_of, node, ok, refused

SCHOOL_2026_27 = [
    {"name": "Autumn 1", "firstDay": "2026-09-02", "lastDay": "2026-10-23"},
    {"name": "Autumn 2", "firstDay": "2026-11-02", "lastDay": "2026-12-18"},
    {"name": "Spring 1", "firstDay": "2027-01-04", "lastDay": "2027-02-12"},
    {"name": "Spring 2", "firstDay": "2027-02-22", "lastDay": "2027-03-26"},
    {"name": "Summer 1", "firstDay": "2027-04-12", "lastDay": "2027-05-28"},
    {"name": "Summer 2", "firstDay": "2027-06-07", "lastDay": "2027-07-21"},
]
DUE = """query($id: ID!, $start: Date!, $end: Date!) { node(id: $id) { ... on CallOff {
  amountDue(start: $start, end: $end) { start end basis daysCounted weeks complete missingAcademicYears calendars
    working amounts { education care health therapies additionalStaffing total } } } } }"""


@pytest.fixture(scope="module")
def demo(writable: WritableApi) -> Demo:
    writable.at(DEMO_NOW)
    return demo_of(writable)


def due(api: WritableApi, call_off: str, start: str, end: str, token: str) -> dict[str, Any]:
    return api.gql(DUE, {"id": call_off, "start": start, "end": end}, token=token)["node"]["amountDue"]


def test_a_38_week_block_is_due_for_term_time_only_at_the_fees_of_each_day(demo: Demo) -> None:
    """Two places, education £1,234.57 and therapies £250.00 a week, uplifted by 3% from Monday 19 April 2027
    to £1,271.61 and £257.50; the school's own term dates; asked from Wednesday 3 February to Friday 30 April 2027.

    School days counted, each a fifth of the weekly fee:
    - 3 to 12 February (Spring 1): 8 (the half term, 15 to 19 February, is a holiday);
    - 22 February to 26 March (Spring 2): 25 (the Easter holidays, 27 March to 11 April, count nothing,
      Easter Monday among them);
    - 12 to 16 April (Summer 1), before the uplift: 5; 19 to 30 April, after it: 10.
    So 38 days at the old fees and 10 at the new.
    Education: (38 × 123,457 + 10 × 127,161) ÷ 5 = 5,962,976 ÷ 5 = 1,192,595.2p a place; × 2 = 2,385,190.4p,
    rounded half-up once: £23,851.90. Therapies: (38 × 25,000 + 10 × 25,750) ÷ 5 = 241,500p a place; × 2 = £4,830.00.
    """
    api = demo.api
    api.at(DEMO_NOW)
    lead = api.token(Role.LEAD_ADMIN)
    commissioner = commissioner_of(demo, subject="commissioner.terms")
    lot = lot_by_code(demo, "L2")
    assert lot["weeksPerYear"] == 38
    establishment, _ = member_place(demo, lot, places=2)
    made = ok(
        api,
        "createBlockContract",
        block_input(
            lot,
            establishment,
            places=2,
            startDate="2026-09-01",
            endDate="2027-12-31",
            weeklyFees={"education": 123_457, "therapies": 25_000},
        ),
        commissioner,
        "callOff { id version }",
    )["callOff"]
    ok(
        api,
        "amendCallOffFees",
        {
            "callOff": made["id"],
            "version": made["version"],
            "effectiveFrom": "2027-04-19",
            "reason": "ANNUAL_UPLIFT",
            "note": "Regional uplift, 3%.",
            "weeklyFees": {"education": 127_161, "therapies": 25_750},
        },
        commissioner,
    )
    set_ = {"academicYear": 2026, "establishment": establishment, "periods": SCHOOL_2026_27}
    ok(api, "setTermDates", set_, lead, "periods { name firstDay lastDay }")
    seen = api.gql(
        "query($e: ID!) { termDates(academicYear: 2026, establishment: $e) { name firstDay lastDay } }",
        {"e": establishment},
    )["termDates"]  # public: no token
    assert seen == SCHOOL_2026_27

    answer = due(api, made["id"], "2027-02-03", "2027-04-30", commissioner)
    assert answer["daysCounted"] == 48 and answer["weeks"] == "9.60" and answer["complete"]
    assert answer["amounts"]["education"] == 2_385_190
    assert answer["amounts"]["therapies"] == 483_000
    assert answer["amounts"]["care"] == answer["amounts"]["health"] == 0
    assert answer["amounts"]["total"] == 2_868_190
    assert answer["calendars"] == ["the school's term dates for 2026/27"]
    assert answer["working"] == [
        "3 February 2027 to 12 February 2027 (Spring 1): 8 school days at £1,484.57 a week, a fifth of it a day "
        "for each of 2 places",
        "22 February 2027 to 26 March 2027 (Spring 2): 25 school days at £1,484.57 a week, a fifth of it a day "
        "for each of 2 places",
        "12 April 2027 to 16 April 2027 (Summer 1): 5 school days at £1,484.57 a week, a fifth of it a day "
        "for each of 2 places",
        "19 April 2027 to 30 April 2027 (Summer 1): 10 school days at £1,529.11 a week, a fifth of it a day "
        "for each of 2 places",
    ]
    # the provider of the block reads the same answer: it is what it bills
    provider_id = node(
        api, "query($id: ID!) { node(id: $id) { ... on CallOff { provider { id } } } }", made["id"], demo.auditor
    )["provider"]["id"]
    assert due(api, made["id"], "2027-02-03", "2027-04-30", demo.provider(provider_id)) == answer

    # a year no calendar covers counts nothing, and says so
    later = due(api, made["id"], "2027-09-01", "2027-12-31", commissioner)
    assert later["complete"] is False and later["missingAcademicYears"] == ["2027/28"]
    assert later["daysCounted"] == 0 and later["amounts"]["total"] == 0

    # removing the school's own dates falls back to the regional ones
    ok(api, "setTermDates", {**set_, "periods": []}, lead)
    regional = due(api, made["id"], "2027-02-03", "2027-04-30", commissioner)
    assert regional["calendars"] == ["the regional term dates for 2026/27"]


def test_a_52_week_placement_is_due_every_day() -> None:
    """Pure arithmetic: 14 days of a 52-week placement are two weekly fees, uplift or not."""
    from api.domain.fees import WeeklyFees
    from api.domain.terms import amount_due
    from db.enums import CostElement

    fees = WeeklyFees({CostElement.EDUCATION: 100_001, CostElement.CARE: 200_000})
    answer = amount_due(
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 1, 14),
        runs_from=dt.date(2026, 9, 1),
        runs_until=dt.date(2027, 1, 10),  # it ends on the 10th: 10 days, not 14
        weeks_per_year=52,
        places=1,
        latest=fees,
        amendments=[],
        calendars={},
    )
    assert answer.days == 10 and answer.complete
    # 10 × 100,001 ÷ 7 = 142,858.57… → 142,859; 10 × 200,000 ÷ 7 = 285,714.28… → 285,714
    assert answer.by_element[CostElement.EDUCATION] == 142_859
    assert answer.by_element[CostElement.CARE] == 285_714


def test_term_dates_are_checked_whole_and_kept_by_the_lead_authority_only(demo: Demo) -> None:
    api = demo.api
    lead = api.token(Role.LEAD_ADMIN)
    bad = [
        {"name": "Autumn", "firstDay": "2026-09-02", "lastDay": "2026-12-18"},
        {"name": "Spring", "firstDay": "2026-12-01", "lastDay": "2027-03-26"},  # overlaps autumn
        {"name": "", "firstDay": "2027-04-12", "lastDay": "2027-04-01"},  # no name, ends before it starts
        {"name": "Next year", "firstDay": "2027-09-01", "lastDay": "2027-09-30"},  # outside 2026/27
    ]
    result = api.gql(
        """mutation($i: SetTermDatesInput!) { setTermDates(input: $i) { __typename
          ... on ValidationError { field problems { field } } } }""",
        {"i": {"academicYear": 2026, "periods": bad}},
        token=lead,
    )["setTermDates"]
    assert result["__typename"] == "ValidationError"
    assert [p["field"] for p in result["problems"]] == [
        "input.periods[1].firstDay",
        "input.periods[2].name",
        "input.periods[2].lastDay",
        "input.periods[3].firstDay",
    ]
    regional = api.gql("{ termDates(academicYear: 2026) { name } }")["termDates"]
    assert [p["name"] for p in regional] == ["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"]
    for role in (Role.AUTHORITY_COMMISSIONER, Role.PROVIDER_USER, Role.AUDITOR, Role.ICB_COMMISSIONER):
        body = api.post(
            "mutation($i: SetTermDatesInput!) { setTermDates(input: $i) { __typename } }",
            {"i": {"academicYear": 2026, "periods": []}},
            token=api.token(role),
        ).json()
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", role
    refused(
        api,
        "setTermDates",
        {"academicYear": 2026, "periods": [], "authority": "QXV0aG9yaXR5Ojk5OTk5OQ"},
        lead,
        "NotFound",
        "input.authority",
    )
