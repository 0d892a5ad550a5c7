"""EHC plan annual reviews over HTTP: the statutory clocks (a year boundary, a leap day), the school's report, the
meeting, the decision and the amended plan, the lists of what is late, the compliance figures against a hand-worked
example, refusals naming their field and writing nothing, who sees what on every path, version conflicts, the
reminders written once and the provider's home page. On SQLite and PostgreSQL.

The demo (db/demo/reviews.py) gives every running individual placement its review history; Cheshire East has a
school report a week late (its meeting next week) and a decision 12 days overdue (its meeting held 40 days ago).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import insert, text, update

from api.auth.actor import Role
from api.domain import reminders
from api.domain.notification_kinds import Kind
from api.domain.review_clock import STATUTORY, Clocks, add_months, first_due, report_due_on
from db import models as m
from db.engine import create_engine, session_factory
from tests.support import DEMO_NOW, WritableApi
from tests.test_calloffs import block_input, commissioner_of, lot_by_code, member_place
from tests.test_offers import Demo, call, demo_of, in_database, node, ok, pk, refused

TODAY = DEMO_NOW.date()
CHESHIRE_EAST, BOLTON = "E06000049", "E08000001"
REVIEW = """
  id sequence status dueOn meetingOn reportDueOn reportSubmittedAt reportNarrative attendancePercent heldOn
  attendees decision decidedOn decisionNote decisionDueOn amendedPlanDueOn amendedPlanIssuedOn stepDueOn
  daysUntilDue daysLate reportDaysLate decisionDaysLate version
  reportOutcomes { narrative measure { id code } }
  callOff { id reference authority { code } provider { id } }
"""
REVIEW_QUERY = f"query($id: ID!) {{ node(id: $id) {{ ... on AnnualReview {{ {REVIEW} }} }} }}"
CALL_OFF_REVIEWS = f"""query($id: ID!) {{ node(id: $id) {{ ... on CallOff {{
  id version startDate endDate status planIssuedOn reviews {{ {REVIEW} }} nextReview {{ {REVIEW} }} }} }} }}"""
LIST = f"""query($filter: AnnualReviewFilter) {{ annualReviews(first: 100, filter: $filter) {{
  totalCount nodes {{ {REVIEW} }} }} }}"""


@pytest.fixture(scope="module")
def demo(writable: WritableApi) -> Demo:
    writable.at(DEMO_NOW)
    return demo_of(writable)


def authorities(demo: Demo) -> dict[str, str]:
    found = demo.api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    return {a["code"]: a["id"] for a in found}


def commissioner(demo: Demo, code: str = CHESHIRE_EAST) -> str:
    return commissioner_of(demo, code, subject=f"reviews.{code}")


def listed(demo: Demo, token: str, **filters: Any) -> list[dict[str, Any]]:
    page = demo.api.gql(LIST, {"filter": filters or None}, token=token)["annualReviews"]
    assert page["totalCount"] == len(page["nodes"]) <= 100, page["totalCount"]
    return page["nodes"]


def review(demo: Demo, review_id: str, token: str | None = None) -> dict[str, Any]:
    return node(demo.api, REVIEW_QUERY, review_id, token or demo.auditor)


def rows(demo: Demo, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """What the database holds, read past the API."""

    async def go() -> list[tuple[Any, ...]]:
        engine = create_engine(demo.api.app.state.settings.database_url)
        try:
            async with engine.connect() as connection:
                return [tuple(r) for r in (await connection.execute(text(sql), params)).all()]
        finally:
            await engine.dispose()

    return asyncio.run(go())


def written(demo: Demo) -> tuple[int, ...]:
    """How many reviews, audit events and notifications there are, and the sum of the reviews' versions."""
    (found,) = rows(
        demo,
        "SELECT (SELECT count(*) FROM annual_review), (SELECT count(*) FROM audit_event), "
        "(SELECT count(*) FROM notification), (SELECT sum(version) FROM annual_review), "
        "(SELECT sum(version) FROM call_off)",
    )
    return tuple(int(x) for x in found)


_TAKEN: dict[int, set[str]] = {}


def fresh_first_review(demo: Demo, code: str | None = None, *, until: str = "2027-06-30") -> dict[str, Any]:
    """A running individual placement (of ``code``, else of any authority, Cheshire East's first) whose only
    review is its first, no meeting scheduled, running past ``until``, that no other test has taken; with its
    reviews."""
    taken = _TAKEN.setdefault(id(demo.api), set())
    codes = authorities(demo)
    order = [code] if code else [CHESHIRE_EAST, *sorted(set(codes) - {CHESHIRE_EAST, BOLTON})]
    for authority in order:
        found = demo.api.gql(
            "query($a: ID!) { callOffs(first: 100, filter: {authority: $a, type: INDIVIDUAL_PLACEMENT, "
            "status: ACTIVE}) { nodes { id endDate } } }",
            {"a": codes[authority]},
            token=demo.auditor,
        )["callOffs"]["nodes"]
        for candidate in found:
            if candidate["id"] in taken or (candidate["endDate"] and candidate["endDate"] < until):
                continue
            seen = node(demo.api, CALL_OFF_REVIEWS, candidate["id"], demo.auditor)
            only = seen["reviews"][0] if len(seen["reviews"]) == 1 else {}
            if only and only["heldOn"] is None and only["meetingOn"] is None:
                taken.add(candidate["id"])
                return seen
    raise AssertionError("no running placement has only its first review")


def placing(demo: Demo, placement: dict[str, Any]) -> str:
    """A commissioner of the placement's authority."""
    return commissioner(demo, placement["reviews"][0]["callOff"]["authority"]["code"])


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


# -- the clocks, worked out alone ----------------------------------------------------------------------


def test_months_are_calendar_months_and_the_clocks_follow_the_authority() -> None:
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 2, 29), 48) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 12, 15), 12) == dt.date(2026, 12, 15)
    assert add_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)
    assert first_due(None, dt.date(2025, 9, 1), STATUTORY) == dt.date(2026, 9, 1)
    assert first_due(dt.date(2024, 2, 29), dt.date(2025, 9, 1), STATUTORY) == dt.date(2025, 2, 28)
    six_monthly = Clocks(interval_months=6, report_days=10, decision_days=20, amendment_days=40)
    assert first_due(dt.date(2025, 8, 31), dt.date(2025, 9, 1), six_monthly) == dt.date(2026, 2, 28)

    class Row:
        due_on, meeting_on = dt.date(2027, 1, 20), dt.date(2027, 1, 5)

    assert report_due_on(Row, STATUTORY) == dt.date(2026, 12, 22)  # across the year boundary
    assert report_due_on(Row, six_monthly) == dt.date(2026, 12, 26)


# -- opening reviews ------------------------------------------------------------------------------------


def test_an_award_opens_the_first_review_and_a_block_contract_has_none(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    (referral,) = demo.pick(
        lambda r: r["mode"] == "DIRECT_AWARD" and r["status"] == "OPEN" and any(demo.live_offers(r))
    )
    offer = demo.live_offers(referral)[0]
    awarded = ok(
        api,
        "awardReferral",
        {"offer": offer["id"], "reason": "The only school in reach that meets the plan."},
        demo.commissioner(referral),
        "callOff { id startDate reviews { sequence dueOn status heldOn } nextReview { id dueOn } }",
    )["callOff"]
    start = dt.date.fromisoformat(awarded["startDate"])
    due = add_months(start, 12).isoformat()
    assert awarded["reviews"] == [{"sequence": 1, "dueOn": due, "status": "MEETING_TO_ARRANGE", "heldOn": None}]
    assert awarded["nextReview"]["dueOn"] == due

    lot = lot_by_code(demo, "L2")
    establishment, _ = member_place(demo, lot, places=1)
    block = ok(
        api,
        "createBlockContract",
        block_input(lot, establishment),
        commissioner(demo),
        "callOff { id reviews { id } nextReview { id } }",
    )["callOff"]
    assert block["reviews"] == [] and block["nextReview"] is None


# -- the clocks over HTTP --------------------------------------------------------------------------------


def test_a_plan_issued_on_a_leap_day_is_reviewed_on_28_february(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    placement = fresh_first_review(demo)
    token = placing(demo, placement)
    result = ok(
        api,
        "setPlanIssueDate",
        {"callOff": placement["id"], "version": placement["version"], "planIssuedOn": "2024-02-29"},
        token,
        f"callOff {{ id version }} review {{ {REVIEW} }}",
    )
    first = result["review"]
    assert first["sequence"] == 1 and first["dueOn"] == "2025-02-28"
    assert first["reportDueOn"] == "2025-02-14" and first["status"] == "MEETING_TO_ARRANGE"
    assert first["daysLate"] == (TODAY - dt.date(2025, 2, 28)).days == 367 and first["daysUntilDue"] is None
    assert first["reportDaysLate"] == (TODAY - dt.date(2025, 2, 14)).days
    # the placement's version moved: a second change from the old read is stale
    stale = refused(
        api,
        "setPlanIssueDate",
        {"callOff": placement["id"], "version": placement["version"], "planIssuedOn": "2024-03-01"},
        token,
        "StaleVersion",
        "input.version",
    )
    assert "version" in stale["message"]
    actions = [
        e["node"]["action"]
        for entity in (placement["id"], first["id"])
        for e in api.gql(
            "query($id: ID!) { auditEvents(first: 50, filter: {entity: $id}) { edges { node { action } } } }",
            {"id": entity},
            token=demo.auditor,
        )["auditEvents"]["edges"]
    ]
    assert "callOff.plan_issue_date_set" in actions and "annualReview.due_date_moved" in actions


def test_a_placement_without_a_review_has_its_first_opened_by_its_plans_date(demo: Demo) -> None:
    """As a placement imported from CSV: no review until its commissioner records the plan's date."""
    api = demo.api
    api.at(DEMO_NOW)
    placement = fresh_first_review(demo)
    table = m.AnnualReview.__table__
    in_database(api, table.delete().where(table.c.id == pk(placement["reviews"][0]["id"])))
    assert node(api, CALL_OFF_REVIEWS, placement["id"], demo.auditor)["reviews"] == []
    opened = ok(
        api,
        "setPlanIssueDate",
        {"callOff": placement["id"], "version": placement["version"], "planIssuedOn": "2025-10-31"},
        placing(demo, placement),
        "callOff { planIssuedOn nextReview { id } } review { id sequence dueOn status }",
    )
    assert opened["review"]["sequence"] == 1 and opened["review"]["dueOn"] == "2026-10-31"
    assert opened["callOff"] == {"planIssuedOn": "2025-10-31", "nextReview": {"id": opened["review"]["id"]}}


def test_the_clocks_run_across_a_year_boundary_from_plan_to_amended_plan(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    placement = fresh_first_review(demo)
    token = placing(demo, placement)
    first = ok(
        api,
        "setPlanIssueDate",
        {"callOff": placement["id"], "version": placement["version"], "planIssuedOn": "2025-12-15"},
        token,
        "review { id version dueOn reportDueOn }",
    )["review"]
    assert (first["dueOn"], first["reportDueOn"]) == ("2026-12-15", "2026-12-01")
    scheduled = ok(
        api,
        "scheduleReviewMeeting",
        {"review": first["id"], "version": first["version"], "meetingOn": "2027-01-05"},
        token,
        f"review {{ {REVIEW} }}",
    )["review"]
    assert (scheduled["status"], scheduled["reportDueOn"]) == ("MEETING_ARRANGED", "2026-12-22")
    assert scheduled["decisionDueOn"] == "2027-02-02"
    # a week before the report is due, the review is due in 265 days' time, nothing late
    api.at(dt.datetime(2026, 12, 15, 9, tzinfo=dt.UTC))
    seen = review(demo, first["id"], token)
    assert (seen["daysUntilDue"], seen["daysLate"], seen["reportDaysLate"]) == (0, None, None)
    # past the new year: the report is late, and the meeting held on the day opens the next review
    api.at(dt.datetime(2027, 1, 6, 9, tzinfo=dt.UTC))
    seen = review(demo, first["id"], token)
    assert seen["reportDaysLate"] == 15  # 22 December to 6 January
    late = {r["id"]: r for r in listed(demo, token, reportLate=True)}
    assert late[first["id"]]["reportDaysLate"] == 15
    twice = {"review": first["id"], "version": seen["version"], "heldOn": "2027-01-05"}
    twice["attendees"] = ["PARENT_OR_CARER", "SCHOOL", "AUTHORITY_SEND_OFFICER", "SCHOOL"]
    refused(api, "recordReviewMeeting", twice, token, "ValidationError", "input.attendees")
    held = ok(
        api,
        "recordReviewMeeting",
        {
            "review": first["id"],
            "version": seen["version"],
            "heldOn": "2027-01-05",
            "attendees": ["PARENT_OR_CARER", "SCHOOL", "AUTHORITY_SEND_OFFICER"],
        },
        token,
        f"review {{ {REVIEW} }} nextReview {{ {REVIEW} }}",
    )
    assert held["review"]["status"] == "DECISION_DUE" and held["review"]["reportDaysLate"] is None
    assert held["review"]["attendees"] == ["PARENT_OR_CARER", "SCHOOL", "AUTHORITY_SEND_OFFICER"]
    assert (held["review"]["decisionDueOn"], held["review"]["stepDueOn"]) == ("2027-02-02", "2027-02-02")
    following = held["nextReview"]
    assert (following["sequence"], following["dueOn"], following["status"]) == (2, "2028-01-05", "MEETING_TO_ARRANGE")
    assert first["id"] not in {r["id"] for r in listed(demo, token, reportLate=True)}
    # the decision a week overdue
    api.at(dt.datetime(2027, 2, 9, 9, tzinfo=dt.UTC))
    overdue = {r["id"]: r for r in listed(demo, token, decisionOverdue=True)}
    assert (overdue[first["id"]]["decisionDaysLate"], overdue[first["id"]]["daysLate"]) == (7, 7)
    decided = ok(
        api,
        "recordReviewDecision",
        {
            "review": first["id"],
            "version": held["review"]["version"],
            "decision": "AMEND",
            "decidedOn": "2027-02-09",
            "note": "Communication targets met; new targets to be written.",
        },
        token,
        f"review {{ {REVIEW} }}",
    )["review"]
    assert (decided["status"], decided["amendedPlanDueOn"]) == ("AMENDED_PLAN_DUE", "2027-04-06")
    assert first["id"] not in {r["id"] for r in listed(demo, token, decisionOverdue=True)}
    api.at(dt.datetime(2027, 4, 2, 9, tzinfo=dt.UTC))
    done = ok(
        api,
        "recordAmendedPlanIssued",
        {"review": first["id"], "version": decided["version"], "issuedOn": "2027-04-01"},
        token,
        f"review {{ {REVIEW} }}",
    )["review"]
    assert (done["status"], done["amendedPlanIssuedOn"], done["daysLate"], done["stepDueOn"]) == (
        "COMPLETE",
        "2027-04-01",
        None,
        None,
    )
    history = node(api, CALL_OFF_REVIEWS, placement["id"], token)
    assert [r["sequence"] for r in history["reviews"]] == [1, 2]
    assert history["nextReview"]["id"] == following["id"]
    api.at(DEMO_NOW)


def test_an_authoritys_own_clocks_set_its_report_and_decision_days(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    placement = fresh_first_review(demo, BOLTON)
    token = commissioner(demo, BOLTON)
    bolton = authorities(demo)[BOLTON]
    read = "query($id: ID!) { node(id: $id) { ... on Authority { version reviewReportDays reviewDecisionDays } } }"
    version = api.gql(read, {"id": bolton}, token=token)["node"]["version"]
    clocks = {"intervalMonths": 12, "reportDays": 21, "decisionDays": 20, "amendmentDays": 56}
    # each clock within what the regulations leave an authority, every problem at once, nothing written
    bad = {"version": version, "intervalMonths": 13, "reportDays": 10, "decisionDays": 29, "amendmentDays": 0}
    refusal = api.gql(
        "mutation($input: SetReviewClocksInput!) { setReviewClocks(input: $input) { __typename "
        "... on ValidationError { problems { field message } } } }",
        {"input": bad},
        token=token,
    )["setReviewClocks"]
    assert [p["field"] for p in refusal["problems"]] == [
        "input.intervalMonths",
        "input.reportDays",
        "input.decisionDays",
        "input.amendmentDays",
    ]
    assert "at least 2 weeks" in refusal["problems"][1]["message"]
    refused(api, "setReviewClocks", {**clocks, "version": version + 1}, token, "StaleVersion")
    set_ = ok(api, "setReviewClocks", {**clocks, "version": version}, token, "authority { version reviewReportDays }")
    assert set_["authority"]["reviewReportDays"] == 21
    try:
        first = placement["reviews"][0]
        seen = review(demo, first["id"])
        due = dt.date.fromisoformat(seen["dueOn"])
        assert seen["reportDueOn"] == (due - dt.timedelta(days=21)).isoformat()
        scheduled = ok(
            api,
            "scheduleReviewMeeting",
            {"review": first["id"], "version": seen["version"], "meetingOn": day(30)},
            token,
            "review { reportDueOn decisionDueOn }",
        )["review"]
        assert scheduled == {"reportDueOn": day(9), "decisionDueOn": day(50)}
    finally:
        statutory = {"intervalMonths": 12, "reportDays": 14, "decisionDays": 28, "amendmentDays": 56}
        ok(api, "setReviewClocks", {**statutory, "version": set_["authority"]["version"]}, token)


# -- the lists of what is due, late and overdue -----------------------------------------------------------


def test_late_reports_and_overdue_decisions_are_listed_with_their_day_counts(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    token = commissioner(demo)
    everything = listed(demo, token)
    assert everything and all(r["callOff"]["authority"]["code"] == CHESHIRE_EAST for r in everything)

    late = listed(demo, token, reportLate=True)
    assert late and all(r["reportDaysLate"] and r["reportSubmittedAt"] is None and r["heldOn"] is None for r in late)
    for r in late:
        assert r["reportDaysLate"] == (TODAY - dt.date.fromisoformat(r["reportDueOn"])).days
    (next_week,) = [r for r in late if r["meetingOn"] == day(7)]
    assert (next_week["reportDueOn"], next_week["reportDaysLate"], next_week["daysLate"]) == (day(-7), 7, None)
    assert not {r["id"] for r in late} & {r["id"] for r in listed(demo, token, reportLate=False)}

    overdue = listed(demo, token, decisionOverdue=True)
    (held,) = [r for r in overdue if r["heldOn"] == day(-40)]
    assert (held["status"], held["decisionDueOn"], held["decisionDaysLate"], held["daysLate"]) == (
        "DECISION_DUE",
        day(-12),
        12,
        12,
    )
    assert held["decisionNote"] is None and held["reportSubmittedAt"]

    soon = listed(demo, token, dueWithinDays=60)
    to_arrange = [r for r in soon if r["status"] == "MEETING_TO_ARRANGE"]
    assert len(to_arrange) >= 2 and all(r["dueOn"] <= day(60) and r["heldOn"] is None for r in soon)
    for r in soon:
        due = dt.date.fromisoformat(r["dueOn"])
        assert r["daysUntilDue"] == ((due - TODAY).days if due >= TODAY else None)
    arranged = listed(demo, token, status="MEETING_ARRANGED")
    assert arranged and all(r["meetingOn"] and r["heldOn"] is None for r in arranged)

    # Bolton's analyst: Bolton's only; the authority filter does not reach another's
    analyst = api.token(Role.AUTHORITY_ANALYST, authority_id=pk(authorities(demo)[BOLTON]))
    assert all(r["callOff"]["authority"]["code"] == BOLTON for r in listed(demo, analyst))
    assert listed(demo, analyst, authority=authorities(demo)[CHESHIRE_EAST]) == []
    errors = api.errors(LIST, {"filter": {"dueWithinDays": 400}}, token=token)
    assert errors[0]["extensions"] == {"code": "VALIDATION_ERROR", "field": "filter.dueWithinDays"}


# -- the compliance figures ---------------------------------------------------------------------------------


COMPLIANCE = """query($a: ID!, $from: Date!, $to: Date!) { reviewCompliance(authority: $a, from: $from, to: $to) {
  firstDay lastDay reviewsDue heldByDueDate shareHeldByDueDate reportsOnTime shareReportsOnTime held
  decisionsOnTime shareDecisionsOnTime amendDecisions amendedPlansOnTime shareAmendedPlansOnTime
  authority { code } } }"""


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=12, tzinfo=dt.UTC)


def test_compliance_figures_match_a_hand_worked_example(demo: Demo) -> None:
    """Bolton, with a 10-day report clock, in 2035 (no demo review is due then): four reviews due in the year.

    | review | due        | meeting    | held       | report     | report due | decided    | decision  | plan       |
    |--------|------------|------------|------------|------------|------------|------------|-----------|------------|
    | 1      | 2035-03-10 | 2035-03-01 | 2035-03-01 | 2035-02-18 | 02-19 ok   | 03-20 ok   | KEEP      |            |
    | 2      | 2035-05-15 | -          | 05-20 late | 2035-05-10 | 05-05 late | 06-30 late | AMEND     | 08-01 ok   |
    | 3      | 2035-07-01 | 2035-06-25 | 2035-06-25 | 2035-06-15 | 06-15 ok   | 07-20 ok   | AMEND     | 09-20 late |
    | 4      | 2035-11-30 | -          | -          | -          | 11-20 -    |            |           |            |

    Decisions are due 28 days after the meeting (03-29, 06-17, 07-23), amended plans 56 after the decision (08-25,
    09-14). Reviews due 2034-12-31 and 2036-01-10 are outside the year. So: 4 due; held by their due date 2 (50.0%);
    reports on time 2 (50.0%); 3 held, 2 decided on time (66.7%); 2 decisions to amend, 1 plan on time (50.0%).
    """
    api = demo.api
    api.at(DEMO_NOW)
    codes = authorities(demo)
    bolton = pk(codes[BOLTON])
    placements = api.gql(
        "query($a: ID!) { callOffs(first: 100, filter: {authority: $a, type: INDIVIDUAL_PLACEMENT}) "
        "{ nodes { id status nextReview { id } } } }",
        {"a": codes[BOLTON]},
        token=demo.auditor,
    )["callOffs"]["nodes"]
    running = pk(next(p["id"] for p in placements if p["status"] == "ACTIVE"))
    without_open = pk(next(p["id"] for p in placements if p["nextReview"] is None))  # ended or terminated
    authority = m.Authority.__table__
    in_database(api, update(authority).where(authority.c.id == bolton).values(review_report_days=10))

    def held(sequence: int, due: str, meeting: str | None, on: str, report: str, decided: str, **more: Any) -> dict:
        return {
            "call_off_id": running,
            "sequence": 90 + sequence,
            "due_on": dt.date.fromisoformat(due),
            "meeting_on": dt.date.fromisoformat(meeting) if meeting else None,
            "held_on": dt.date.fromisoformat(on),
            "attendees": ["SCHOOL"],
            "report_submitted_at": _at(report),
            "report_narrative": "A report.",
            "decided_on": dt.date.fromisoformat(decided),
            "decision": more.get("decision", "KEEP"),
            "amended_plan_issued_on": dt.date.fromisoformat(more["plan"]) if "plan" in more else None,
        }

    table = m.AnnualReview.__table__
    in_database(
        api,
        insert(table).values(
            [
                held(0, "2034-12-31", "2034-12-20", "2034-12-20", "2034-12-01", "2035-01-05"),
                held(1, "2035-03-10", "2035-03-01", "2035-03-01", "2035-02-18", "2035-03-20"),
                held(
                    2, "2035-05-15", None, "2035-05-20", "2035-05-10", "2035-06-30", decision="AMEND", plan="2035-08-01"
                ),
                held(
                    3,
                    "2035-07-01",
                    "2035-06-25",
                    "2035-06-25",
                    "2035-06-15",
                    "2035-07-20",
                    decision="AMEND",
                    plan="2035-09-20",
                ),
                held(5, "2036-01-10", "2036-01-05", "2036-01-05", "2035-12-20", "2036-01-06"),
            ]
        ),
    )
    in_database(api, insert(table).values(call_off_id=without_open, sequence=94, due_on=dt.date(2035, 11, 30)))
    try:
        analyst = api.token(Role.AUTHORITY_ANALYST, authority_id=bolton)
        variables = {"a": codes[BOLTON], "from": "2035-01-01", "to": "2035-12-31"}
        figures = api.gql(COMPLIANCE, variables, token=analyst)["reviewCompliance"]
        assert figures == {
            "firstDay": "2035-01-01",
            "lastDay": "2035-12-31",
            "reviewsDue": 4,
            "heldByDueDate": 2,
            "shareHeldByDueDate": "50.0",
            "reportsOnTime": 2,
            "shareReportsOnTime": "50.0",
            "held": 3,
            "decisionsOnTime": 2,
            "shareDecisionsOnTime": "66.7",
            "amendDecisions": 2,
            "amendedPlansOnTime": 1,
            "shareAmendedPlansOnTime": "50.0",
            "authority": {"code": BOLTON},
        }
        # the lead authority and auditors read any authority's; another authority's people, and providers, none
        for token in (api.token(Role.LEAD_ADMIN, authority_id=pk(codes[CHESHIRE_EAST])), demo.auditor):
            assert api.gql(COMPLIANCE, variables, token=token)["reviewCompliance"] == figures
        (error,) = api.errors(COMPLIANCE, variables, token=commissioner(demo))
        assert error["extensions"] == {"code": "FORBIDDEN", "field": "authority"}
        provider = api.token(Role.PROVIDER_USER, provider_id=1)
        assert api.errors(COMPLIANCE, variables, token=provider)[0]["extensions"]["code"] == "FORBIDDEN"
        empty = api.gql(COMPLIANCE, {**variables, "from": "2040-01-01", "to": "2040-12-31"}, token=analyst)
        assert empty["reviewCompliance"]["reviewsDue"] == 0 and empty["reviewCompliance"]["shareHeldByDueDate"] is None
        (backwards,) = api.errors(COMPLIANCE, {**variables, "to": "2034-12-31"}, token=analyst)
        assert backwards["extensions"] == {"code": "VALIDATION_ERROR", "field": "to"}
    finally:
        in_database(api, table.delete().where(table.c.sequence >= 90))
        in_database(api, update(authority).where(authority.c.id == bolton).values(review_report_days=14))


# -- refusals ---------------------------------------------------------------------------------------------


def test_bad_inputs_are_refused_each_naming_its_field_and_nothing_is_written(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    placement = fresh_first_review(demo)
    token = placing(demo, placement)
    plan = ok(
        api,
        "setPlanIssueDate",
        {"callOff": placement["id"], "version": placement["version"], "planIssuedOn": "2025-06-01"},
        token,
        "callOff { id version } review { id version }",
    )
    first = plan["review"]
    before = written(demo)

    def refusal(name: str, given: dict[str, Any], path: str, typename: str = "ValidationError") -> str:
        return refused(api, name, given, token, typename, path)["message"]

    on = {"review": first["id"], "version": first["version"]}
    assert "future" in refusal(
        "setPlanIssueDate",
        {"callOff": placement["id"], "version": plan["callOff"]["version"], "planIssuedOn": day(1)},
        "input.planIssuedOn",
    )
    assert "plan's date" in refusal("scheduleReviewMeeting", {**on, "meetingOn": "2025-05-31"}, "input.meetingOn")
    assert "two years" in refusal("scheduleReviewMeeting", {**on, "meetingOn": "2029-03-02"}, "input.meetingOn")
    assert "2000" in refusal(
        "recordReviewMeeting", {**on, "heldOn": "1999-12-31", "attendees": ["SCHOOL"]}, "input.heldOn"
    )
    assert "future" in refusal("recordReviewMeeting", {**on, "heldOn": day(1), "attendees": ["SCHOOL"]}, "input.heldOn")
    assert "plan's date" in refusal(
        "recordReviewMeeting", {**on, "heldOn": "2025-05-01", "attendees": ["SCHOOL"]}, "input.heldOn"
    )
    refusal("recordReviewMeeting", {**on, "heldOn": day(-1), "attendees": []}, "input.attendees")
    assert "meeting" in refusal(
        "recordReviewDecision", {**on, "decision": "KEEP", "decidedOn": day(-1)}, "input.decision"
    )
    assert "amend" in refusal("recordAmendedPlanIssued", {**on, "issuedOn": day(-1)}, "input.issuedOn")
    # every problem of one input at once
    result = call(
        api,
        "recordReviewMeeting",
        {**on, "heldOn": "2025-05-01", "attendees": []},
        token,
        "__typename",
    )
    assert result["__typename"] == "ValidationError" and result["field"] == "input.heldOn"

    # a held review: no decision before the meeting, nor in the future
    token = commissioner(demo)  # Cheshire East's, whose decision is overdue
    (held,) = [r for r in listed(demo, token, decisionOverdue=True) if r["heldOn"] == day(-40)]
    on_held = {"review": held["id"], "version": held["version"]}
    assert "before the meeting" in refusal(
        "recordReviewDecision", {**on_held, "decision": "KEEP", "decidedOn": day(-41)}, "input.decidedOn"
    )
    refusal("recordReviewDecision", {**on_held, "decision": "CEASE", "decidedOn": day(1)}, "input.decidedOn")
    refusal("recordReviewDecision", {**on_held, "decision": "KEEP", "decidedOn": day(-1), "note": "\x07"}, "input.note")
    refusal("scheduleReviewMeeting", {**on_held, "meetingOn": day(5)}, "input.review", typename="InvalidTransition")

    # the school's report: every problem at once
    provider = demo.provider(placement["reviews"][0]["callOff"]["provider"]["id"])
    measures = review_measures(demo, first["id"], provider)
    report = call(
        api,
        "submitReviewReport",
        {
            **on,
            "narrative": "   ",
            "outcomes": [
                {"measure": "T3V0Y29tZU1lYXN1cmU6OTk5OTk", "narrative": "x"},
                {"measure": measures[0], "narrative": "Good progress."},
                {"measure": measures[0], "narrative": "Again."},
            ],
            "attendancePercent": 120,
        },
        provider,
        "__typename",
    )
    assert report["__typename"] == "ValidationError"
    problems = api.gql(
        "mutation($input: SubmitReviewReportInput!) { submitReviewReport(input: $input) { "
        "... on ValidationError { problems { field } } } }",
        {
            "input": {
                **on,
                "narrative": "   ",
                "outcomes": [
                    {"measure": "T3V0Y29tZU1lYXN1cmU6OTk5OTk", "narrative": "x"},
                    {"measure": measures[0], "narrative": "Good progress."},
                    {"measure": measures[0], "narrative": "Again."},
                ],
                "attendancePercent": 120,
            }
        },
        token=provider,
    )["submitReviewReport"]["problems"]
    assert [p["field"] for p in problems] == [
        "input.narrative",
        "input.outcomes[0].measure",
        "input.outcomes[2].measure",
        "input.attendancePercent",
    ]
    assert written(demo) == before


def review_measures(demo: Demo, review_id: str, token: str) -> list[str]:
    found = node(
        demo.api, "query($id: ID!) { node(id: $id) { ... on AnnualReview { measures { id } } } }", review_id, token
    )
    return [x["id"] for x in found["measures"]]


# -- the school's report, the meeting -------------------------------------------------------------------


NOTIFICATIONS = (
    "SELECT kind, recipient_type, recipient_id, payload, dedupe_key FROM notification "
    "WHERE subject_type = 'AnnualReview' AND subject_id = :id ORDER BY id"
)


def test_the_provider_sends_its_report_again_until_the_meeting_is_held(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    placement = fresh_first_review(demo)
    token = placing(demo, placement)
    first = review(demo, placement["reviews"][0]["id"], token)
    provider_id = first["callOff"]["provider"]["id"]
    provider = demo.provider(provider_id)
    scheduled = ok(
        api,
        "scheduleReviewMeeting",
        {"review": first["id"], "version": first["version"], "meetingOn": day(20)},
        token,
        "review { id version reportDueOn }",
    )["review"]
    assert scheduled["reportDueOn"] == day(6)
    ((kind, to, to_id, payload, key),) = rows(demo, NOTIFICATIONS, id=pk(first["id"]))
    assert (kind, to, to_id, key) == (Kind.REVIEW_REPORT_REQUESTED.value, "Provider", pk(provider_id), None)
    payload = payload if isinstance(payload, dict) else __import__("json").loads(payload)
    assert payload["reportDueOn"] == day(6) and payload["meetingOn"] == day(20)
    assert payload["callOff"] == first["callOff"]["reference"] and "narrative" not in str(payload).lower()

    measures = review_measures(demo, first["id"], provider)
    assert len(measures) >= 2
    sent = ok(
        api,
        "submitReviewReport",
        {
            "review": first["id"],
            "version": scheduled["version"],
            "narrative": "Settled and making good progress in reading.",
            "outcomes": [
                {"measure": measures[0], "narrative": "Reads short books on her own."},
                {"measure": measures[1], "narrative": "  "},  # nothing to say: left out
            ],
            "attendancePercent": 93,
        },
        provider,
        f"review {{ {REVIEW} latestOutcomes {{ value period measure {{ id }} }} }}",
    )["review"]
    assert sent["reportNarrative"] == "Settled and making good progress in reading." and sent["attendancePercent"] == 93
    assert [(o["measure"]["id"], o["narrative"]) for o in sent["reportOutcomes"]] == [
        (measures[0], "Reads short books on her own.")
    ]
    assert sent["reportDaysLate"] is None and sent["reportSubmittedAt"]
    assert all(o["period"] for o in sent["latestOutcomes"])
    # the authority reads it; the audit trail records its length, not its words
    assert review(demo, first["id"], token)["reportNarrative"] == sent["reportNarrative"]
    diffs = rows(
        demo,
        "SELECT action, diff FROM audit_event WHERE entity_type = 'AnnualReview' AND entity_id = :id ORDER BY id",
        id=pk(first["id"]),
    )
    assert [a for a, _ in diffs][-1] == "annualReview.report_submitted"
    assert "reading" not in str(diffs) and "Reads short books" not in str(diffs)
    again = ok(
        api,
        "submitReviewReport",
        {
            "review": first["id"],
            "version": sent["version"],
            "narrative": "Updated: good progress.",
            "attendancePercent": 94,
        },
        provider,
        f"review {{ {REVIEW} }}",
    )["review"]
    assert again["reportOutcomes"] == [] and again["attendancePercent"] == 94
    refused(
        api,
        "submitReviewReport",
        {"review": first["id"], "version": sent["version"], "narrative": "Stale.", "attendancePercent": 90},
        provider,
        "StaleVersion",
        "input.version",
    )
    held = ok(
        api,
        "recordReviewMeeting",
        {"review": first["id"], "version": again["version"], "heldOn": day(0), "attendees": ["SCHOOL"]},
        token,
        "review { version status } nextReview { id sequence dueOn }",
    )
    assert held["nextReview"]["dueOn"] == add_months(TODAY, 12).isoformat()
    refused(
        api,
        "submitReviewReport",
        {"review": first["id"], "version": held["review"]["version"], "narrative": "Late.", "attendancePercent": 90},
        provider,
        "InvalidTransition",
        "input.review",
    )
    # a second meeting record, or a decision twice, is refused as a transition
    refused(
        api,
        "recordReviewMeeting",
        {"review": first["id"], "version": held["review"]["version"], "heldOn": day(0), "attendees": ["SCHOOL"]},
        token,
        "InvalidTransition",
    )


def test_two_changes_from_one_read_leave_the_second_stale(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    placement = fresh_first_review(demo)
    token, first = placing(demo, placement), placement["reviews"][0]
    given = {"review": first["id"], "version": first["version"], "meetingOn": day(30)}
    ok(api, "scheduleReviewMeeting", given, token)
    stale = refused(
        api, "scheduleReviewMeeting", {**given, "meetingOn": day(31)}, token, "StaleVersion", "input.version"
    )
    assert "version" in stale["message"]
    assert review(demo, first["id"])["meetingOn"] == day(30)


# -- who sees what --------------------------------------------------------------------------------------------


def test_a_provider_sees_its_own_reviews_and_no_one_else_reads_them_by_any_path(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    codes = authorities(demo)
    ce = commissioner(demo)
    # a Cheshire East review held and decided, with its note
    decided = next(r for r in listed(demo, ce, status="COMPLETE") if r["decisionNote"])
    provider_id = decided["callOff"]["provider"]["id"]
    provider = demo.provider(provider_id)
    own = listed(demo, provider)
    assert own and all(r["callOff"]["provider"]["id"] == provider_id for r in own)
    assert decided["id"] in {r["id"] for r in own}
    mine = review(demo, decided["id"], provider)
    assert mine["decision"] == decided["decision"] and mine["decisionNote"] is None  # the council's words: not theirs
    assert review(demo, decided["id"], demo.auditor)["decisionNote"] == decided["decisionNote"]

    other = next(
        p["id"]
        for p in api.gql("{ providers(first: 100) { nodes { id } } }")["providers"]["nodes"]
        if p["id"] != provider_id
    )
    outsiders = {
        "another provider": demo.provider(other),
        "Bolton's commissioner": commissioner(demo, BOLTON),
        "Bolton's analyst": api.token(Role.AUTHORITY_ANALYST, authority_id=pk(codes[BOLTON])),
        "Cheshire East's finance user": api.token(Role.AUTHORITY_FINANCE, authority_id=pk(codes[CHESHIRE_EAST])),
        "an evaluator": api.token(Role.EVALUATOR, subject="evaluator-1"),
        "a board": api.token(Role.ICB_COMMISSIONER, board_id=1),
        "a token without reports:read": api.token(
            Role.AUTHORITY_COMMISSIONER, authority_id=pk(codes[CHESHIRE_EAST]), scopes=("calloffs:read",)
        ),
    }
    for who, token in outsiders.items():
        errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": decided["id"]}, token=token)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND", who
        nodes = api.post("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [decided["id"]]}, token=token)
        assert nodes.json()["data"]["nodes"] == [None], who
        response = api.post(LIST, {"filter": None}, token=token).json()
        if response.get("errors"):
            assert response["errors"][0]["extensions"]["code"] == "FORBIDDEN", who
        else:
            assert decided["id"] not in {r["id"] for r in response["data"]["annualReviews"]["nodes"]}, who
        # nested: whoever reads the call-off (finance, the lead authority) reads no review of it
        nested = api.post(
            "query($id: ID!) { node(id: $id) { ... on CallOff { reviews { id } nextReview { id } } } }",
            {"id": decided["callOff"]["id"]},
            token=token,
        ).json()
        if not nested.get("errors"):
            assert nested["data"]["node"] == {"reviews": [], "nextReview": None}, who
    # the lead authority (Cheshire East's) reads every call-off but only its own authority's reviews
    lead = api.token(Role.LEAD_ADMIN, authority_id=pk(codes[CHESHIRE_EAST]))
    theirs = listed(demo, commissioner(demo, BOLTON))
    assert theirs
    seen = node(
        api,
        "query($id: ID!) { node(id: $id) { ... on CallOff { id reviews { id } nextReview { id } } } }",
        theirs[0]["callOff"]["id"],
        lead,
    )
    assert seen["reviews"] == [] and seen["nextReview"] is None
    assert all(r["callOff"]["authority"]["code"] == CHESHIRE_EAST for r in listed(demo, lead))
    # the audit trail: the lead authority reads its own authority's reviews' events, not Bolton's; providers none
    events = "query($id: ID!) { auditEvents(first: 20, filter: {entity: $id}) { totalCount } }"
    for code, reader in ((BOLTON, commissioner(demo, BOLTON)), (CHESHIRE_EAST, ce)):
        target = next(r for r in listed(demo, reader) if r["heldOn"] is None and r["meetingOn"] is None)
        ok(
            api,
            "scheduleReviewMeeting",
            {"review": target["id"], "version": target["version"], "meetingOn": day(40)},
            reader,
        )
        assert api.gql(events, {"id": target["id"]}, token=demo.auditor)["auditEvents"]["totalCount"] == 1
        seen_by_lead = api.gql(events, {"id": target["id"]}, token=lead)["auditEvents"]["totalCount"]
        assert seen_by_lead == (1 if code == CHESHIRE_EAST else 0), code
        assert api.errors(events, {"id": target["id"]}, token=provider)[0]["extensions"]["code"] == "FORBIDDEN"
    # changes: another authority or provider finds nothing; a provider cannot act for the council
    refused(
        api,
        "scheduleReviewMeeting",
        {"review": decided["id"], "version": 1, "meetingOn": day(3)},
        commissioner(demo, BOLTON),
        "NotFound",
        "input.review",
    )
    refused(
        api,
        "submitReviewReport",
        {"review": decided["id"], "version": 1, "narrative": "x", "attendancePercent": 90},
        demo.provider(other),
        "NotFound",
        "input.review",
    )
    denied = api.post(
        'mutation { scheduleReviewMeeting(input: {review: "x", version: 1, meetingOn: "2026-04-01"}) { __typename } }',
        token=provider,
    ).json()
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # documents: the provider may attach a review report to its own review; another provider finds no review
    kinds = api.gql("query($o: ID!) { documentTypes(owner: $o) }", {"o": decided["id"]})["documentTypes"]
    assert kinds == ["REVIEW_REPORT"]
    upload = {
        "owner": decided["id"],
        "documentType": "REVIEW_REPORT",
        "fileName": "review.pdf",
        "mediaType": "application/pdf",
        "size": 10,
        "sha256": "0" * 64,
    }
    refused(api, "requestDocumentUpload", upload, demo.provider(other), "NotFound", "input.owner")
    refused(api, "requestDocumentUpload", upload, provider, "InvalidTransition")  # held: the report is settled


# -- reminders, and the provider's home page ---------------------------------------------------------------


def scan(demo: Demo, at: dt.datetime) -> int:
    demo.api.at(at)

    async def go() -> int:
        engine = create_engine(demo.api.app.state.settings.database_url)
        try:
            return await reminders.write_due(session_factory(engine), now=at)
        finally:
            await engine.dispose()

    return asyncio.run(go())


REMINDED = (
    "SELECT subject_id, kind, recipient_type, recipient_id, dedupe_key FROM notification "
    "WHERE kind LIKE 'annual_review.%' AND dedupe_key IS NOT NULL ORDER BY id"
)


def test_review_reminders_are_written_once(demo: Demo) -> None:
    api = demo.api
    token = commissioner(demo)
    scan(demo, DEMO_NOW)
    first = [r for r in rows(demo, REMINDED)]
    assert scan(demo, DEMO_NOW) == 0 and rows(demo, REMINDED) == first
    by_kind: dict[str, set[int]] = {}
    for subject, kind, _to, _id, _key in first:
        by_kind.setdefault(kind, set()).add(subject)
    api.at(DEMO_NOW)
    # each late or overdue up to 90 days (the reminders' look-back)
    late = {pk(r["id"]) for r in listed(demo, token, reportLate=True) if r["reportDaysLate"] <= 90}
    overdue = {pk(r["id"]) for r in listed(demo, token, decisionOverdue=True) if r["decisionDaysLate"] <= 90}
    to_arrange = {
        pk(r["id"])
        for r in listed(demo, token, dueWithinDays=60)
        if r["meetingOn"] is None and (r["daysLate"] or 0) <= 90
    }
    assert late and late <= by_kind[Kind.REVIEW_REPORT_OVERDUE_REMINDER.value]
    assert overdue and overdue <= by_kind[Kind.REVIEW_DECISION_OVERDUE_REMINDER.value]
    assert to_arrange and to_arrange <= by_kind[Kind.REVIEW_MEETING_TO_ARRANGE_REMINDER.value]
    for subject, kind, to, _id, _key in first:
        expected = "Provider" if "report" in kind else "Authority"
        assert to == expected, (subject, kind)
    # a report wanted within 14 days: reminded once, and not again when the clock moves on a day
    due_soon = [r for r in listed(demo, token) if r["heldOn"] is None and r["reportSubmittedAt"] is None]
    soon = {
        pk(r["id"])
        for r in due_soon
        if TODAY <= dt.date.fromisoformat(r["reportDueOn"]) <= TODAY + dt.timedelta(days=14)
    }
    assert soon <= by_kind.get(Kind.REVIEW_REPORT_DUE_REMINDER.value, set())
    tomorrow = DEMO_NOW + dt.timedelta(days=1)
    scan(demo, tomorrow)
    again = rows(demo, REMINDED)
    assert len({(r[0], r[1], r[4]) for r in again}) == len(again)
    api.at(DEMO_NOW)


def test_the_provider_home_page_lists_its_review_reports_to_write(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    placement = fresh_first_review(demo)
    token = placing(demo, placement)
    first = review(demo, placement["reviews"][0]["id"], token)
    scheduled = ok(
        api,
        "scheduleReviewMeeting",
        {"review": first["id"], "version": first["version"], "meetingOn": day(25)},
        token,
        "review { version }",
    )["review"]
    provider = demo.provider(first["callOff"]["provider"]["id"])
    attention = "{ viewer { attention { kind summary deadline overdue daysLeft record { __typename id } } } }"
    items = [i for i in api.gql(attention, token=provider)["viewer"]["attention"] if i["record"]["id"] == first["id"]]
    assert [(i["kind"], i["record"]["__typename"], i["overdue"], i["daysLeft"]) for i in items] == [
        ("ANNUAL_REVIEW_REPORT_DUE", "AnnualReview", False, 11)
    ]
    assert first["callOff"]["reference"] in items[0]["summary"] and "is due by" in items[0]["summary"]
    ok(
        api,
        "submitReviewReport",
        {"review": first["id"], "version": scheduled["version"], "narrative": "Doing well.", "attendancePercent": 97},
        provider,
    )
    after = api.gql(attention, token=provider)["viewer"]["attention"]
    assert first["id"] not in {i["record"]["id"] for i in after}


def test_the_status_filter_agrees_with_each_reviews_status(demo: Demo) -> None:
    """The SQL twin of the derived status picks exactly the reviews whose status it names, on every demo row."""
    api = demo.api
    api.at(DEMO_NOW)
    query = """query($after: String, $status: AnnualReviewStatus) {
      annualReviews(first: 100, after: $after, filter: {status: $status}) {
        pageInfo { hasNextPage endCursor } nodes { id status } } }"""

    def every(status: str | None) -> dict[str, str]:
        found, after = {}, None
        while True:
            page = api.gql(query, {"after": after, "status": status}, token=demo.auditor)["annualReviews"]
            found.update({n["id"]: n["status"] for n in page["nodes"]})
            if not page["pageInfo"]["hasNextPage"]:
                return found
            after = page["pageInfo"]["endCursor"]

    everything = every(None)
    statuses = ("MEETING_TO_ARRANGE", "MEETING_ARRANGED", "DECISION_DUE", "AMENDED_PLAN_DUE", "COMPLETE")
    assert set(everything.values()) <= set(statuses) and len(set(everything.values())) >= 4
    for status in statuses:
        assert every(status) == {i: s for i, s in everything.items() if s == status}, status


def test_without_a_plan_date_no_meeting_is_before_the_placement_and_none_is_scheduled_in_the_past(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    placement = fresh_first_review(demo)
    assert placement["planIssuedOn"] is None
    token = placing(demo, placement)
    first = placement["reviews"][0]
    on = {"review": first["id"], "version": first["version"]}
    start = dt.date.fromisoformat(placement["startDate"])
    before_start = (start - dt.timedelta(days=1)).isoformat()
    message = refused(
        api, "recordReviewMeeting", {**on, "heldOn": before_start, "attendees": ["SCHOOL"]}, token, "ValidationError"
    )["message"]
    assert "placement's start" in message and placement["startDate"] in message
    assert (
        "today or later"
        in refused(
            api, "scheduleReviewMeeting", {**on, "meetingOn": day(-1)}, token, "ValidationError", "input.meetingOn"
        )["message"]
    )
    assert review(demo, first["id"], token)["version"] == first["version"]  # nothing written
