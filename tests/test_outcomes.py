"""Outcomes over HTTP: the framework's measures, providers' termly reports, their review, and overdue reports.

At the demo time (2 March 2026) the spring term 2025/26 is running and no
report for it exists yet, so each test starts a fresh report on an ACTIVE
placement of its own; the demo's older reports serve the overdue lists and
the queries asked before the conversation was kept.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import delete, func, inspect, select

from api.auth.actor import Role
from api.domain import outcomes
from api.domain import status as st
from api.schema import schema
from db import models as m
from db.base import Base
from db.demo import seed_demo
from db.engine import create_engine, session_factory
from db.enums import Term
from db.migrate import upgrade
from tests.support import DEMO_NOW, DEMO_TODAY, StatementCounter, WritableApi, fresh_database
from tests.test_offers import call, in_database, node, ok, pk, refused

LATER = DEMO_NOW + dt.timedelta(days=1)
SPRING = {"academicYear": 2025, "term": "SPRING"}  # 5 January to 31 March 2026, due 15 April 2026
SPRING_DUE = dt.datetime(2026, 4, 15, 17, 0, tzinfo=dt.UTC)

REPORT = """id status version academicYear term period narrative dueAt submittedAt acceptedAt queriedAt queryComment
  overdue values { value measure { id code } }
  queries { askedAt askedBy comment answeredAt answeredBy answer open }
  callOff { id }"""
REPORT_QUERY = f"query($id: ID!) {{ node(id: $id) {{ ... on OutcomeReport {{ {REPORT} }} }} }}"
MEASURE = "id code name description domain scale direction frequency retiredAt version"
PLACEMENTS = """{ callOffs(first: 100, filter: {status: ACTIVE, type: INDIVIDUAL_PLACEMENT}) { edges { node {
  id reference startDate provider { id } authority { id code }
  outcomeReports { id academicYear term status }
} } } }"""
AUDIT = "query($id: ID!) { auditEvents(first: 100, filter: {entity: $id}) { edges { node { action actor diff } } } }"


@dataclass
class World:
    """The demo as these tests see it: the system, its measures, ACTIVE placements and tokens."""

    api: WritableApi
    auditor: str
    lead: str
    lead_authority: int
    system: str
    measures: dict[str, dict[str, Any]]
    placements: list[dict[str, Any]]
    used_providers: set[str] = field(default_factory=set)

    def take(self) -> dict[str, Any]:
        """An ACTIVE placement of a provider no earlier test took, with no spring report yet."""
        for placement in self.placements:
            if placement["provider"]["id"] not in self.used_providers:
                self.used_providers.add(placement["provider"]["id"])
                return placement
        raise AssertionError("the demo has run out of placements of distinct providers")

    def provider(self, placement: dict[str, Any]) -> str:
        provider = pk(placement["provider"]["id"])
        return self.api.token(Role.PROVIDER_USER, provider_id=provider, subject=f"provider-user-{provider}")

    def commissioner(self, placement: dict[str, Any]) -> str:
        authority = pk(placement["authority"]["id"])
        return self.api.token(
            Role.AUTHORITY_COMMISSIONER,
            authority_id=authority,
            subject=f"commissioner-{placement['authority']['code']}",
        )

    def refresh_measures(self) -> None:
        query = f"{{ outcomeMeasures(first: 100, filter: {{includeRetired: true}}) {{ nodes {{ {MEASURE} }} }} }}"
        self.measures = {n["code"]: n for n in self.api.gql(query)["outcomeMeasures"]["nodes"]}

    def report(self, report_id: str, token: str | None = None) -> dict[str, Any]:
        return node(self.api, REPORT_QUERY, report_id, token or self.auditor)

    def value(self, code: str, value: float) -> dict[str, Any]:
        return {"measure": self.measures[code]["id"], "value": value}


@pytest.fixture(scope="module")
def world(writable: WritableApi) -> World:
    api = writable
    api.at(DEMO_NOW)
    auditor = api.token(Role.AUDITOR)
    systems = api.gql("{ purchasingSystems(first: 5) { nodes { id leadAuthority { id } } } }")
    system = systems["purchasingSystems"]["nodes"][0]
    lead = api.token(Role.LEAD_ADMIN, authority_id=pk(system["leadAuthority"]["id"]), subject="lead.admin")
    edges = api.gql(PLACEMENTS, token=auditor)["callOffs"]["edges"]
    placements = [
        e["node"]
        for e in edges
        if e["node"]["startDate"] <= "2026-03-01"
        and not any(r["academicYear"] == 2025 and r["term"] == "SPRING" for r in e["node"]["outcomeReports"])
    ]
    found = World(api, auditor, lead, pk(system["leadAuthority"]["id"]), system["id"], {}, placements)
    found.refresh_measures()
    # a termly yes/no measure, which the demo framework lacks
    ok(
        api,
        "createOutcomeMeasure",
        {
            "system": system["id"],
            "code": "WEL3",
            "name": "Felt safe at school this term",
            "domain": "WELLBEING",
            "scale": "YES_NO",
            "direction": "HIGHER_IS_BETTER",
            "frequency": "TERMLY",
        },
        lead,
    )
    found.refresh_measures()
    return found


def save(world: World, placement: dict[str, Any], token: str, **input: Any) -> dict[str, Any]:
    return call(
        world.api,
        "saveOutcomeReport",
        {"callOff": placement["id"], **SPRING, **input},
        token,
        f"report {{ {REPORT} }} created",
    )


def audit_actions(world: World, entity: str) -> list[str]:
    edges = world.api.gql(AUDIT, {"id": entity}, token=world.auditor)["auditEvents"]["edges"]
    return [e["node"]["action"] for e in edges]


def good_values(world: World) -> list[dict[str, Any]]:
    return [world.value("ATT1", 93.5), world.value("ATT2", 0), world.value("EDU1", 3), world.value("WEL3", 1)]


# -- the due-date rule --------------------------------------------------------------------------------


def test_due_dates_follow_one_rule(world: World) -> None:
    assert outcomes.report_due_at(2025, Term.AUTUMN) == dt.datetime(2026, 1, 15, 17, tzinfo=dt.UTC)
    assert outcomes.report_due_at(2025, Term.SPRING) == SPRING_DUE
    assert outcomes.report_due_at(2025, Term.SUMMER) == dt.datetime(2026, 7, 31, 17, tzinfo=dt.UTC)
    for year in (2021, 2025):
        dates = [outcomes.term_dates(year, term) for term in Term]
        assert all(d.starts < d.ends < d.due_at.date() for d in dates)
        assert all(a.ends < b.starts for a, b in zip(dates, dates[1:]))
    # every demo report was given its due time by the same rule
    query = """query($after: String) { outcomeReports(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor } nodes { academicYear term dueAt } } }"""
    after, seen = None, 0
    while True:
        page = world.api.gql(query, {"after": after}, token=world.auditor)["outcomeReports"]
        for r in page["nodes"]:
            expected = outcomes.report_due_at(r["academicYear"], Term(r["term"]))
            assert dt.datetime.fromisoformat(r["dueAt"]) == expected, r
            seen += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen > 100


# -- the outcomes framework ------------------------------------------------------------------------------


def test_the_lead_authority_keeps_the_framework_and_retires_measures_in_use(world: World) -> None:
    api, lead = world.api, world.lead
    api.at(DEMO_NOW)
    created = ok(
        api,
        "createOutcomeMeasure",
        {
            "system": world.system,
            "code": " ind3 ",
            "name": "Travels independently",
            "description": "Travels to school without staff support.\nAgreed with the family.",
            "domain": "INDEPENDENT_LIVING",
            "scale": "PERCENT",
            "direction": "HIGHER_IS_BETTER",
            "frequency": "TERMLY",
        },
        lead,
        f"measure {{ {MEASURE} }}",
    )["measure"]
    assert created["code"] == "IND3" and created["retiredAt"] is None and created["version"] == 1
    # it is public at once, like the rest of the framework
    listed = api.gql("{ outcomeMeasures(first: 100) { nodes { code } } }")["outcomeMeasures"]["nodes"]
    assert "IND3" in {n["code"] for n in listed}

    base = {"system": world.system, "name": "x", "domain": "HEALTH", "scale": "COUNT"}
    more = {"direction": "LOWER_IS_BETTER", "frequency": "TERMLY"}
    for code in ("ind3", "ATT1"):
        refused(api, "createOutcomeMeasure", {**base, **more, "code": code}, lead, "ValidationError", "input.code")
    refused(api, "createOutcomeMeasure", {**base, **more, "code": "NO SPACES"}, lead, "ValidationError", "input.code")
    refused(
        api, "createOutcomeMeasure", {**base, **more, "code": "H9", "name": " "}, lead, "ValidationError", "input.name"
    )
    # only the lead authority of the system keeps its framework
    member = next(p["authority"]["id"] for p in world.placements if pk(p["authority"]["id"]) != world.lead_authority)
    elsewhere = api.token(Role.LEAD_ADMIN, authority_id=pk(member))
    refused(api, "createOutcomeMeasure", {**base, **more, "code": "H9"}, elsewhere, "Forbidden")
    refused(api, "retireOutcomeMeasure", {"id": created["id"], "version": 1}, elsewhere, "Forbidden")

    # before any value is reported against it, everything may change
    changed = ok(
        api,
        "updateOutcomeMeasure",
        {"id": created["id"], "version": 1, "scale": "RATING_1_5", "code": "IND4", "domain": "COMMUNITY"},
        lead,
        f"measure {{ {MEASURE} }}",
    )["measure"]
    assert (changed["code"], changed["scale"], changed["domain"], changed["version"]) == (
        "IND4",
        "RATING_1_5",
        "COMMUNITY",
        2,
    )
    stale = refused(api, "updateOutcomeMeasure", {"id": created["id"], "version": 1, "name": "y"}, lead, "StaleVersion")
    assert stale["currentVersion"] == 2
    refused(
        api,
        "updateOutcomeMeasure",
        {"id": created["id"], "version": 2, "code": "ATT2"},
        lead,
        "ValidationError",
        "input.code",
    )

    # a provider reports against it
    world.refresh_measures()
    placement = world.take()
    provider = world.provider(placement)
    saved = save(world, placement, provider, narrative="Settling well.", values=[world.value("IND4", 4)])
    assert saved["__typename"] == "SaveOutcomeReportPayload", saved
    report = saved["report"]

    # now its code, scale and domain are fixed; its name, description, direction and frequency are not
    for name, value in (("scale", "COUNT"), ("code", "IND5"), ("domain", "HEALTH")):
        refused(
            api,
            "updateOutcomeMeasure",
            {"id": created["id"], "version": 2, name: value},
            lead,
            "InvalidTransition",
            f"input.{name}",
        )
    same = ok(
        api,
        "updateOutcomeMeasure",
        {"id": created["id"], "version": 2, "code": "ind4", "scale": "RATING_1_5"},
        lead,
        "measure { version }",
    )
    assert same["measure"]["version"] == 2  # naming the current code and scale again changes nothing
    renamed = ok(
        api,
        "updateOutcomeMeasure",
        {
            "id": created["id"],
            "version": 2,
            "name": "Travels independently to school",
            "description": "",
            "direction": "LOWER_IS_BETTER",
            "frequency": "ANNUALLY",
        },
        lead,
        f"measure {{ {MEASURE} }}",
    )["measure"]
    assert renamed["name"] == "Travels independently to school" and renamed["frequency"] == "ANNUALLY"
    assert renamed["version"] == 3
    ok(api, "updateOutcomeMeasure", {"id": created["id"], "version": 3, "frequency": "TERMLY"}, lead)

    # retired, never deleted
    assert not [f for f in schema._schema.mutation_type.fields if f.lower().startswith("delete")]  # type: ignore[union-attr]
    refused(api, "retireOutcomeMeasure", {"id": created["id"], "version": 3}, lead, "StaleVersion")
    retired = ok(api, "retireOutcomeMeasure", {"id": created["id"], "version": 4}, lead, f"measure {{ {MEASURE} }}")
    assert retired["measure"]["retiredAt"] is not None
    refused(api, "retireOutcomeMeasure", {"id": created["id"], "version": 5}, lead, "InvalidTransition")
    current = {
        n["code"] for n in api.gql("{ outcomeMeasures(first: 100) { nodes { code } } }")["outcomeMeasures"]["nodes"]
    }
    assert "IND4" not in current
    world.refresh_measures()
    assert world.measures["IND4"]["retiredAt"] is not None
    # no new value against it, and what was reported stays
    again = save(
        world,
        placement,
        provider,
        narrative="Settling well.",
        values=[world.value("IND4", 5)],
        version=report["version"],
    )
    assert (again["__typename"], again["field"]) == ("ValidationError", "input.values[0].measure")
    assert "retired" in again["message"]
    assert [v["measure"]["code"] for v in world.report(report["id"])["values"]] == ["IND4"]
    # and a report still holding it cannot be submitted until saved without it
    refused(
        api,
        "submitOutcomeReport",
        {"report": report["id"], "version": report["version"]},
        provider,
        "InvalidTransition",
    )
    # the database refuses to delete a measure in use, whatever the API offers
    with pytest.raises(Exception, match="(?i)foreign key|constraint"):
        in_database(api, delete(m.OutcomeMeasure.__table__).where(m.OutcomeMeasure.__table__.c.id == pk(created["id"])))

    back = ok(api, "reinstateOutcomeMeasure", {"id": created["id"], "version": 5}, lead, f"measure {{ {MEASURE} }}")
    assert back["measure"]["retiredAt"] is None and back["measure"]["version"] == 6
    refused(api, "reinstateOutcomeMeasure", {"id": created["id"], "version": 6}, lead, "InvalidTransition")
    assert audit_actions(world, created["id"]) == [
        "outcomeMeasure.created",
        "outcomeMeasure.updated",
        "outcomeMeasure.updated",
        "outcomeMeasure.updated",
        "outcomeMeasure.retired",
        "outcomeMeasure.reinstated",
    ]
    world.refresh_measures()


# -- values and what a save leaves behind ----------------------------------------------------------------

BAD_VALUES = [
    ("ATT1", 100.5, "value"),
    ("ATT1", -1, "value"),
    ("ATT1", 33.333, "value"),
    ("ATT2", 2.5, "value"),
    ("ATT2", -1, "value"),
    ("EDU1", 0, "value"),
    ("EDU1", 6, "value"),
    ("EDU1", 3.5, "value"),
    ("WEL3", 2, "value"),
    ("WEL3", 0.5, "value"),
    ("EDU3", 1, "measure"),  # reported once a year, in the summer term
    ("EDU2", 3, "measure"),  # the same measure twice
]


def test_each_value_is_checked_against_its_scale_and_nothing_is_half_written(world: World) -> None:
    api = world.api
    api.at(DEMO_NOW)
    placement = world.take()
    provider = world.provider(placement)
    events_before = api.gql("{ auditEvents(first: 1) { totalCount } }", token=world.auditor)["auditEvents"][
        "totalCount"
    ]

    # a first save that fails leaves no report behind
    for code, value, part in BAD_VALUES:
        values = [world.value("EDU2", 4), world.value("COM1", 3), world.value(code, value)]
        result = save(world, placement, provider, narrative="Good term.", values=values)
        assert result["__typename"] == "ValidationError", (code, value, result)
        assert result["field"] == f"input.values[2].{part}", (code, value, result)
    query = "query($id: ID!) { node(id: $id) { ... on CallOff { outcomeReports { id academicYear term } } } }"
    reports = node(api, query, placement["id"], world.auditor)["outcomeReports"]
    assert not [r for r in reports if (r["academicYear"], r["term"]) == (2025, "SPRING")]
    # an ID that is no measure's
    result = save(world, placement, provider, values=[world.value("ATT1", 1), {"measure": placement["id"], "value": 1}])
    assert (result["__typename"], result["field"]) == ("ValidationError", "input.values[1].measure")
    result = save(world, placement, provider, narrative="Bell\x07 rang")
    assert (result["__typename"], result["field"]) == ("ValidationError", "input.narrative")
    events_after = api.gql("{ auditEvents(first: 1) { totalCount } }", token=world.auditor)["auditEvents"]["totalCount"]
    assert events_after == events_before

    # the term must have started, and the year be sensible
    result = save(world, placement, provider, academicYear=2025, term="SUMMER")
    assert (result["__typename"], result["field"]) == ("ValidationError", "input.term")
    result = save(world, placement, provider, academicYear=1999)
    assert (result["__typename"], result["field"]) == ("ValidationError", "input.academicYear")

    saved = save(world, placement, provider, narrative="A settled term.", values=good_values(world))
    assert saved["created"] is True
    report = saved["report"]
    assert (report["status"], report["version"], report["overdue"]) == ("DRAFT", 1, False)
    assert dt.datetime.fromisoformat(report["dueAt"]) == SPRING_DUE and report["period"] == "2025/26 spring term"
    assert {v["measure"]["code"]: v["value"] for v in report["values"]} == {
        "ATT1": 93.5,
        "ATT2": 0,
        "EDU1": 3,
        "WEL3": 1,
    }

    # a bad value in a later save changes nothing either
    bad = save(
        world,
        placement,
        provider,
        narrative="Rewritten.",
        values=[world.value("ATT1", 50), world.value("EDU1", 9)],
        version=1,
    )
    assert (bad["__typename"], bad["field"]) == ("ValidationError", "input.values[1].value")
    kept = world.report(report["id"])
    assert kept["narrative"] == "A settled term." and kept["version"] == 1
    assert {v["measure"]["code"]: v["value"] for v in kept["values"]} == {"ATT1": 93.5, "ATT2": 0, "EDU1": 3, "WEL3": 1}

    # the values given replace those saved before
    changed = save(world, placement, provider, narrative="Rewritten.", values=[world.value("EDU1", 4)], version=1)
    assert changed["created"] is False and changed["report"]["version"] == 2
    assert [(v["measure"]["code"], v["value"]) for v in changed["report"]["values"]] == [("EDU1", 4)]
    assert audit_actions(world, report["id"]) == ["outcomeReport.created", "outcomeReport.saved"]


# -- the review conversation -----------------------------------------------------------------------------


def test_submit_query_answer_resubmit_accept(world: World) -> None:
    api = world.api
    api.at(DEMO_NOW)
    placement = world.take()
    provider, commissioner = world.provider(placement), world.commissioner(placement)

    report = save(world, placement, provider)["report"]  # an empty draft
    rid = report["id"]
    # saving over an existing report needs the version read
    stale = save(world, placement, provider, narrative="Hello")
    assert (stale["__typename"], stale["currentVersion"]) == ("StaleVersion", 1)
    refused(api, "submitOutcomeReport", {"report": rid, "version": 1}, provider, "InvalidTransition", "input.report")
    report = save(world, placement, provider, narrative="A good term overall.", version=1)["report"]
    refused(api, "submitOutcomeReport", {"report": rid, "version": 2}, provider, "InvalidTransition", "input.report")
    report = save(world, placement, provider, narrative="A good term overall.", values=good_values(world), version=2)[
        "report"
    ]
    assert report["version"] == 3
    # the authority reviews only what was submitted
    refused(api, "acceptOutcomeReport", {"report": rid, "version": 3}, commissioner, "InvalidTransition")

    stale = refused(api, "submitOutcomeReport", {"report": rid, "version": 2}, provider, "StaleVersion")
    assert stale["currentVersion"] == 3
    submitted = ok(api, "submitOutcomeReport", {"report": rid, "version": 3}, provider, f"report {{ {REPORT} }}")[
        "report"
    ]
    assert submitted["status"] == "SUBMITTED" and submitted["submittedAt"] is not None
    again = save(world, placement, provider, narrative="Changed my mind.", version=submitted["version"])
    assert (again["__typename"], again["field"]) == ("InvalidTransition", None)

    api.at(LATER)
    refused(
        api,
        "queryOutcomeReport",
        {"report": rid, "version": submitted["version"], "comment": "  "},
        commissioner,
        "ValidationError",
        "input.comment",
    )
    refused(api, "queryOutcomeReport", {"report": rid, "version": 1, "comment": "Why?"}, commissioner, "StaleVersion")
    asked = ok(
        api,
        "queryOutcomeReport",
        {"report": rid, "version": submitted["version"], "comment": "Attendance looks high: which sessions count?"},
        commissioner,
        f"report {{ {REPORT} }} query {{ comment askedBy open }}",
    )
    queried = asked["report"]
    assert queried["status"] == "QUERIED" and queried["queryComment"].startswith("Attendance looks high")
    assert asked["query"] == {
        "comment": queried["queryComment"],
        "askedBy": commissioner_subject(placement),
        "open": True,
    }
    # the provider sees the query, but not who at the council asked it
    seen = world.report(rid, provider)["queries"]
    assert [(q["comment"], q["askedBy"], q["open"]) for q in seen] == [(queried["queryComment"], None, True)]
    # nothing more from the authority until the provider resubmits
    refused(
        api, "acceptOutcomeReport", {"report": rid, "version": queried["version"]}, commissioner, "InvalidTransition"
    )

    api.at(LATER + dt.timedelta(hours=2))
    refused(api, "submitOutcomeReport", {"report": rid, "version": queried["version"]}, provider, "InvalidTransition")
    refused(
        api,
        "answerOutcomeReportQuery",
        {"report": rid, "version": queried["version"], "answer": ""},
        provider,
        "ValidationError",
        "input.answer",
    )
    answered = ok(
        api,
        "answerOutcomeReportQuery",
        {"report": rid, "version": queried["version"], "answer": "Only taught sessions; two were counted twice."},
        provider,
        f"report {{ {REPORT} }} query {{ answer answeredBy open }}",
    )
    assert answered["report"]["status"] == "QUERIED" and answered["report"]["version"] > queried["version"]
    assert answered["query"]["open"] is False and answered["query"]["answeredBy"] == provider_subject(placement)
    refused(
        api,
        "answerOutcomeReportQuery",
        {"report": rid, "version": answered["report"]["version"], "answer": "More"},
        provider,
        "InvalidTransition",
    )
    # a queried report may be corrected before it goes back
    corrected = save(
        world,
        placement,
        provider,
        narrative="A good term overall. Attendance corrected.",
        values=[world.value("ATT1", 91), world.value("EDU1", 3)],
        version=answered["report"]["version"],
    )["report"]
    assert corrected["status"] == "QUERIED"
    resubmitted = ok(
        api, "submitOutcomeReport", {"report": rid, "version": corrected["version"]}, provider, f"report {{ {REPORT} }}"
    )["report"]
    assert resubmitted["status"] == "SUBMITTED"

    # a second round, then acceptance
    api.at(LATER + dt.timedelta(days=2))
    second = ok(
        api,
        "queryOutcomeReport",
        {"report": rid, "version": resubmitted["version"], "comment": "And EDU1?"},
        commissioner,
        f"report {{ {REPORT} }}",
    )["report"]
    third = ok(
        api,
        "answerOutcomeReportQuery",
        {"report": rid, "version": second["version"], "answer": "Unchanged."},
        provider,
        "report { version }",
    )["report"]
    final = ok(
        api, "submitOutcomeReport", {"report": rid, "version": third["version"]}, provider, "report { version status }"
    )["report"]
    refused(api, "acceptOutcomeReport", {"report": rid, "version": third["version"]}, commissioner, "StaleVersion")
    accepted = ok(
        api, "acceptOutcomeReport", {"report": rid, "version": final["version"]}, commissioner, f"report {{ {REPORT} }}"
    )["report"]
    assert accepted["status"] == "ACCEPTED" and accepted["acceptedAt"] is not None
    refused(
        api, "acceptOutcomeReport", {"report": rid, "version": accepted["version"]}, commissioner, "InvalidTransition"
    )
    refused(
        api,
        "queryOutcomeReport",
        {"report": rid, "version": accepted["version"], "comment": "x"},
        commissioner,
        "InvalidTransition",
    )

    history = accepted["queries"]
    assert [(q["comment"], q["answer"]) for q in history] == [
        ("Attendance looks high: which sessions count?", "Only taught sessions; two were counted twice."),
        ("And EDU1?", "Unchanged."),
    ]
    assert all(q["askedBy"] == commissioner_subject(placement) for q in history)
    assert accepted["queryComment"] == "And EDU1?"  # the report keeps its latest query
    assert audit_actions(world, rid) == [
        "outcomeReport.created",
        "outcomeReport.saved",
        "outcomeReport.saved",
        "outcomeReport.submitted",
        "outcomeReport.queried",
        "outcomeReport.query_answered",
        "outcomeReport.saved",
        "outcomeReport.resubmitted",
        "outcomeReport.queried",
        "outcomeReport.query_answered",
        "outcomeReport.resubmitted",
        "outcomeReport.accepted",
    ]
    # the trail says what changed, never the child's narrative or values
    diffs = " ".join(
        str(e["node"]["diff"]) for e in api.gql(AUDIT, {"id": rid}, token=world.auditor)["auditEvents"]["edges"]
    )
    assert "Attendance corrected" not in diffs and "Only taught sessions" not in diffs and "93.5" not in diffs
    api.at(DEMO_NOW)


def commissioner_subject(placement: dict[str, Any]) -> str:
    return f"commissioner-{placement['authority']['code']}"


def provider_subject(placement: dict[str, Any]) -> str:
    return f"provider-user-{pk(placement['provider']['id'])}"


def test_each_side_is_kept_to_its_own_reports(world: World) -> None:
    api = world.api
    api.at(DEMO_NOW)
    placement = world.take()
    provider, commissioner = world.provider(placement), world.commissioner(placement)
    report = save(world, placement, provider, narrative="Fine.", values=[world.value("EDU1", 3)])["report"]
    rid = report["id"]

    other_provider = world.provider(
        next(p for p in world.placements if p["provider"]["id"] != placement["provider"]["id"])
    )
    result = save(world, placement, other_provider, narrative="Not mine.")
    assert (result["__typename"], result["field"]) == ("NotFound", "input.callOff")
    for name, extra in (("submitOutcomeReport", {}), ("answerOutcomeReportQuery", {"answer": "x"})):
        refused(api, name, {"report": rid, "version": 1, **extra}, other_provider, "NotFound", "input.report")
    with pytest.raises(AssertionError):  # not even readable
        world.report(rid, other_provider)

    submitted = ok(api, "submitOutcomeReport", {"report": rid, "version": 1}, provider, "report { version }")["report"]
    elsewhere = next(p for p in world.placements if p["authority"]["id"] != placement["authority"]["id"])
    other_commissioner = world.commissioner(elsewhere)
    for name, extra in (("acceptOutcomeReport", {}), ("queryOutcomeReport", {"comment": "x"})):
        refused(
            api,
            name,
            {"report": rid, "version": submitted["version"], **extra},
            other_commissioner,
            "NotFound",
            "input.report",
        )
    # the lead authority and analysts do not review reports, nor do providers
    for role, token in (
        (Role.LEAD_ADMIN, world.lead),
        (Role.AUTHORITY_ANALYST, api.token(Role.AUTHORITY_ANALYST, authority_id=pk(placement["authority"]["id"]))),
        (Role.PROVIDER_USER, provider),
    ):
        body = api.post(
            "mutation($r: ID!) { acceptOutcomeReport(input: {report: $r, version: 2}) { __typename } }",
            {"r": rid},
            token=token,
        ).json()
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", role
    # a commissioner token without the scope is refused too
    scoped = api.token(
        Role.AUTHORITY_COMMISSIONER, authority_id=pk(placement["authority"]["id"]), scopes=("reports:read",)
    )
    body = api.post(
        "mutation($r: ID!) { acceptOutcomeReport(input: {report: $r, version: 2}) { __typename } }",
        {"r": rid},
        token=scoped,
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert world.report(rid)["status"] == "SUBMITTED"
    ok(api, "acceptOutcomeReport", {"report": rid, "version": submitted["version"]}, commissioner)


def test_placements_that_are_not_active_take_no_reports(world: World) -> None:
    api = world.api
    api.at(DEMO_NOW)
    query = "{ callOffs(first: 100, filter: {status: ENDED}) { nodes { id provider { id } authority { id code } } } }"
    ended = api.gql(query, token=world.auditor)["callOffs"]["nodes"][0]
    result = save(world, ended, world.provider(ended), narrative="After the end.")
    assert (result["__typename"], result["field"]) == ("InvalidTransition", "input.callOff")


def test_a_query_asked_before_the_conversation_was_kept_can_be_answered(world: World) -> None:
    """The demo's queried reports predate the history table: the latest query shows, and is answered."""
    api = world.api
    api.at(DEMO_NOW)
    active = {p["id"]: p for p in world.placements}
    query = (
        "{ outcomeReports(first: 100, filter: {status: QUERIED}) { nodes { id version queryComment callOff { id } } } }"
    )
    queried = api.gql(query, token=world.auditor)["outcomeReports"]["nodes"]
    report, placement = next(
        (r, active[r["callOff"]["id"]])
        for r in queried
        if r["callOff"]["id"] in active and active[r["callOff"]["id"]]["provider"]["id"] not in world.used_providers
    )
    world.used_providers.add(placement["provider"]["id"])
    provider = world.provider(placement)
    before = world.report(report["id"], provider)["queries"]
    assert [(q["comment"], q["askedBy"], q["open"]) for q in before] == [(report["queryComment"], None, True)]
    answered = ok(
        api,
        "answerOutcomeReportQuery",
        {"report": report["id"], "version": report["version"], "answer": "Checked: correct."},
        provider,
        "report { version status queries { answer open } }",
    )["report"]
    assert answered["status"] == "QUERIED"
    assert [(q["answer"], q["open"]) for q in answered["queries"]] == [("Checked: correct.", False)]
    resubmitted = ok(
        api,
        "submitOutcomeReport",
        {"report": report["id"], "version": answered["version"]},
        provider,
        "report { status }",
    )
    assert resubmitted["report"]["status"] == "SUBMITTED"


# -- overdue reports ----------------------------------------------------------------------------------------

OVERDUE = """query($n: Int!, $overdue: Boolean) { outcomeReports(first: $n, filter: {overdue: $overdue}) {
  totalCount edges { node { id overdue status dueAt submittedAt
    callOff { reference provider { id legalName } authority { id code } lot { code } }
    values { value measure { code scale } } queries { comment askedBy } } } } }"""


def _overdue(world: World, token: str, n: int = 100, overdue: bool | None = True) -> tuple[int, list[dict[str, Any]]]:
    page = world.api.gql(OVERDUE, {"n": n, "overdue": overdue}, token=token)["outcomeReports"]
    return page["totalCount"], [e["node"] for e in page["edges"]]


def test_overdue_reports_for_each_side_at_a_fixed_statement_count(world: World) -> None:
    api = world.api
    api.at(DEMO_NOW)
    total = api.gql("{ outcomeReports(first: 1) { totalCount } }", token=world.auditor)["outcomeReports"]["totalCount"]
    count, overdue = _overdue(world, world.auditor)
    late_count, _ = _overdue(world, world.auditor, overdue=False)
    assert count > 0 and count + late_count == total
    now = DEMO_NOW
    for r in overdue:
        assert r["overdue"] is True and r["submittedAt"] is None and dt.datetime.fromisoformat(r["dueAt"]) < now

    # a provider sees its own overdue reports; an authority its own
    sample = overdue[0]
    provider = api.token(Role.PROVIDER_USER, provider_id=pk(sample["callOff"]["provider"]["id"]))
    mine, rows = _overdue(world, provider)
    assert mine >= 1 and all(r["callOff"]["provider"]["id"] == sample["callOff"]["provider"]["id"] for r in rows)
    assert sample["id"] in {r["id"] for r in rows}
    authority = sample["callOff"]["authority"]
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(authority["id"]))
    ours, rows = _overdue(world, commissioner)
    assert ours >= 1 and all(r["callOff"]["authority"]["id"] == authority["id"] for r in rows)
    assert ours < count or len({r["callOff"]["authority"]["id"] for r in overdue}) == 1
    analyst = api.token(Role.AUTHORITY_ANALYST, authority_id=pk(authority["id"]))
    assert _overdue(world, analyst)[0] == ours

    # a draft becomes overdue when its due time passes, and stops being overdue when submitted
    placement = world.take()
    own = world.provider(placement)
    report = save(world, placement, own, narrative="Late but complete.", values=[world.value("EDU1", 2)])["report"]
    before, _ = _overdue(world, own)
    api.at(SPRING_DUE + dt.timedelta(minutes=1))
    try:
        after, rows = _overdue(world, own)
        assert after == before + 1 and report["id"] in {r["id"] for r in rows}
        assert world.report(report["id"], own)["overdue"] is True
        ok(api, "submitOutcomeReport", {"report": report["id"], "version": report["version"]}, own)
        assert world.report(report["id"], own)["overdue"] is False
        assert _overdue(world, own)[0] == before
    finally:
        api.at(DEMO_NOW)

    # the statement count does not grow with the rows listed
    with StatementCounter(api.app) as one:
        _, rows_one = _overdue(world, world.auditor, n=1)
    with StatementCounter(api.app) as many:
        _, rows_many = _overdue(world, world.auditor, n=100)
    assert len(rows_one) == 1 and len(rows_many) == count > 1
    assert one.count == many.count
    with StatementCounter(api.app) as few:
        _overdue(world, world.auditor, n=5, overdue=False)
    with StatementCounter(api.app) as lots:
        _, rows = _overdue(world, world.auditor, n=60, overdue=False)
    assert len(rows) == 60 and few.count == lots.count


async def _overdue_agree(url: str) -> int:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            rows = list(await session.scalars(select(m.OutcomeReport)))
            overdue_somewhere = 0
            for now in (DEMO_NOW - dt.timedelta(days=400), DEMO_NOW, SPRING_DUE + dt.timedelta(days=200)):
                expected = {r.id for r in rows if st.report_overdue(r, now)}
                for flag in (True, False):
                    ids = set(await session.scalars(select(m.OutcomeReport.id).where(st.report_overdue_is(flag, now))))
                    assert ids == (expected if flag else {r.id for r in rows} - expected), (flag, now)
                overdue_somewhere += len(expected)
            return overdue_somewhere
    finally:
        await engine.dispose()


def test_overdue_in_python_and_in_sql_agree(demo_database: str) -> None:
    assert asyncio.run(_overdue_agree(demo_database)) > 0


# -- migration 0008 ---------------------------------------------------------------------------------------


async def _columns_added_since(engine: Any) -> list[tuple[str, str, str]]:
    """The (table, column, type) that today's models map and the database, at an older revision, lacks: the ORM
    writes every column it maps."""

    def missing(connection: Any) -> list[tuple[str, str, str]]:
        inspector = inspect(connection)
        found = []
        for table in Base.metadata.sorted_tables:
            if inspector.has_table(table.name):
                present = {c["name"] for c in inspector.get_columns(table.name)}
                for column in table.columns:
                    if column.name not in present:
                        found.append((table.name, column.name, column.type.compile(connection.dialect)))
        return found

    async with engine.connect() as connection:
        return await connection.run_sync(missing)


async def _seed_at_old_revision(engine: Any) -> None:
    """The demo, seeded with today's models into a database at an older revision: the ORM writes every column and
    table it maps, so those later revisions add are there for the seed, then dropped for those revisions to add."""
    added = await _columns_added_since(engine)

    def tables_missing(connection: Any) -> list[Any]:
        inspector = inspect(connection)
        return [t for t in Base.metadata.sorted_tables if not inspector.has_table(t.name)]

    async with engine.begin() as connection:
        tables = await connection.run_sync(tables_missing)
        for table, column, type_ in added:
            await connection.exec_driver_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {type_}')
        await connection.run_sync(lambda sync: Base.metadata.create_all(sync, tables=tables))
    async with session_factory(engine)() as session:
        await seed_demo(session, today=DEMO_TODAY)
        await session.commit()
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: Base.metadata.drop_all(sync, tables=tables))
        for table, column, _ in added:
            await connection.exec_driver_sql(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')


async def _backfill(url: str) -> tuple[int, int, int, int, int]:
    engine = create_engine(url)
    try:
        await upgrade(engine, "0007")
        await _seed_at_old_revision(engine)
        await upgrade(engine)
        async with session_factory(engine)() as session:
            reports = list(await session.scalars(select(m.OutcomeReport)))
            history = list(await session.scalars(select(m.OutcomeReportQuery)))
            queried = [r for r in reports if r.queried_at is not None]
            still_open = [r for r in reports if st.report_status(r) is st.OutcomeReportStatus.QUERIED]
            by_report = {q.report_id: q for q in history}
            consistent = sum(
                1
                for r in queried
                if by_report[r.id].comment == r.query_comment
                and by_report[r.id].asked_at == r.queried_at
                and (by_report[r.id].answered_at is None) == (st.report_status(r) is st.OutcomeReportStatus.QUERIED)
            )
            open_rows = await session.scalar(
                select(func.count()).select_from(m.OutcomeReportQuery).where(m.OutcomeReportQuery.answered_at.is_(None))
            )
            return len(queried), len(history), len(still_open), int(open_rows or 0), consistent
    finally:
        await engine.dispose()


def test_migration_0008_keeps_the_queries_already_asked(backend: str, tmp_path: Any) -> None:
    with fresh_database(backend, tmp_path) as url:
        queried, history, still_open, open_rows, consistent = asyncio.run(_backfill(url))
    assert queried > 0 and history == queried == consistent
    assert still_open > 0 and open_rows == still_open
