"""Application rounds end to end over HTTP: scheduling, rescheduling, cancelling and clarifications.

Each backend gets its own demo database. Rounds scheduled here open after the
demo time; the server clock is moved to put them in each state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from api.auth.actor import Role
from api.schema import schema
from tests.support import DEMO_NOW, WritableApi
from tests.test_bids import (
    STANDARD_QUESTIONS,
    World,
    at,
    call,
    gid,
    load_world,
    ok,
    pk,
    refused,
    run_sql,
    schedule_round,
)

DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)

ROUND_QUERY = """query($id: ID!) { node(id: $id) { ... on ApplicationRound {
  id number status version opensAt closesAt clarificationDeadline standstillEndsAt cancelledAt cancelReason
  lots { code } questions { number kind weight text }
  scheduleChanges { changedAt reason before { opensAt closesAt clarificationDeadline standstillEndsAt }
    after { opensAt closesAt clarificationDeadline standstillEndsAt } }
  clarifications { id question answer answeredAt askedByYou } } } }"""


@pytest.fixture(scope="module")
def world(writable: WritableApi) -> Iterator[World]:
    yield load_world(writable)
    writable.at(DEMO_NOW)


@pytest.fixture(autouse=True)
def _demo_time(writable: WritableApi) -> Iterator[None]:
    writable.at(DEMO_NOW)
    yield
    writable.at(DEMO_NOW)


def read_round(world: World, round_id: str, token: str | None = None) -> dict[str, Any]:
    return world.api.gql(ROUND_QUERY, {"id": round_id}, token=token)["node"]


def audit_of(world: World, entity: str) -> list[dict[str, Any]]:
    edges = world.api.gql(
        "query($id: ID!) { auditEvents(first: 50, filter: {entity: $id}) { edges { node { action diff } } } }",
        {"id": entity},
        token=world.auditor,
    )["auditEvents"]["edges"]
    return [e["node"] for e in edges]


class Dates:
    """A round's dates around a start time: opens a day later, clarifications close on day 3,
    bids on day 10, the standstill ends on day 20."""

    def __init__(self, start: dt.datetime) -> None:
        self.start = start
        self.opens = start + DAY
        self.clarification = start + 3 * DAY
        self.closes = start + 10 * DAY
        self.standstill = start + 20 * DAY

    def schedule(self, world: World) -> dict[str, Any]:
        world.api.at(self.start)
        return schedule_round(
            world, opens=self.opens, closes=self.closes, clarification=self.clarification, standstill=self.standstill
        )

    def input(self, round_: dict[str, Any], **changes: Any) -> dict[str, Any]:
        values = {
            "round": round_["id"],
            "version": round_["version"],
            "opensAt": at(self.opens),
            "closesAt": at(self.closes),
            "clarificationDeadline": at(self.clarification),
            "standstillEndsAt": at(self.standstill),
        }
        return {**values, **changes}


# -- scheduling --------------------------------------------------------------------------


def test_the_lead_authority_schedules_a_round(world: World) -> None:
    dates = Dates(DEMO_NOW + 30 * DAY)
    round_ = dates.schedule(world)
    assert round_["number"] == 3 and round_["status"] == "SCHEDULED"
    assert [q["weight"] for q in round_["questions"]] == [None, 60, 40]
    assert {lot["code"] for lot in round_["lots"]} == set(world.lots)
    public = read_round(world, round_["id"])
    assert dt.datetime.fromisoformat(public["opensAt"]) == dates.opens
    assert dt.datetime.fromisoformat(public["clarificationDeadline"]) == dates.clarification
    [event] = audit_of(world, round_["id"])
    assert event["action"] == "round.scheduled"
    assert event["diff"]["before"] is None and event["diff"]["after"]["status"] == "SCHEDULED"
    world.api.at(dates.opens)
    assert read_round(world, round_["id"])["status"] == "OPEN"
    world.api.at(dates.closes)
    assert read_round(world, round_["id"])["status"] == "CLOSED"


def _schedule_input(world: World, **changes: Any) -> dict[str, Any]:
    start = DEMO_NOW + 60 * DAY
    values = {
        "system": world.system,
        "opensAt": at(start + DAY),
        "closesAt": at(start + 10 * DAY),
        "clarificationDeadline": at(start + 3 * DAY),
        "standstillEndsAt": at(start + 20 * DAY),
        "lots": [world.lots["L1"]["id"], world.lots["L2"]["id"]],
        "questions": STANDARD_QUESTIONS,
    }
    return {**values, **changes}


def test_scheduling_refuses_bad_input_with_field_paths(world: World) -> None:
    start = DEMO_NOW + 60 * DAY
    l1 = world.lots["L1"]["id"]
    selection = {"kind": "SELECTION", "text": "Confirm your insurance."}
    cases: list[tuple[str, dict[str, Any], str, str | None]] = [
        ("closes before it opens", {"closesAt": at(start)}, "ValidationError", "input.closesAt"),
        ("closes when it opens", {"closesAt": at(start + DAY)}, "ValidationError", "input.closesAt"),
        ("opens in the past", {"opensAt": at(DEMO_NOW - HOUR)}, "ValidationError", "input.opensAt"),
        ("a time without a zone", {"opensAt": "2026-05-01T09:00:00"}, "ValidationError", "input.opensAt"),
        (
            "clarifications after close",
            {"clarificationDeadline": at(start + 11 * DAY)},
            "ValidationError",
            "input.clarificationDeadline",
        ),
        (
            "clarifications before opening",
            {"clarificationDeadline": at(start)},
            "ValidationError",
            "input.clarificationDeadline",
        ),
        (
            "standstill before close",
            {"standstillEndsAt": at(start + 9 * DAY)},
            "ValidationError",
            "input.standstillEndsAt",
        ),
        (
            "after the system's term",
            {"closesAt": "2030-06-01T12:00:00Z", "standstillEndsAt": None},
            "ValidationError",
            "input.closesAt",
        ),
        ("no lots", {"lots": []}, "ValidationError", "input.lots"),
        ("a lot twice", {"lots": [l1, l1]}, "ValidationError", "input.lots[1]"),
        ("an unknown lot", {"lots": [l1, gid("Lot", 9999)]}, "ValidationError", "input.lots[1]"),
        ("not a lot ID", {"lots": [world.system]}, "ValidationError", "input.lots[0]"),
        ("no questions", {"questions": []}, "ValidationError", "input.questions"),
        (
            "weights of 95",
            {"questions": [selection, {"kind": "AWARD", "text": "A", "weight": 95}]},
            "ValidationError",
            "input.questions",
        ),
        (
            "no AWARD question",
            {"questions": [selection]},
            "ValidationError",
            "input.questions",
        ),
        (
            "a weighted SELECTION question",
            {
                "questions": [
                    {"kind": "AWARD", "text": "A", "weight": 50},
                    {"kind": "AWARD", "text": "B", "weight": 50},
                    {**selection, "weight": 10},
                ]
            },
            "ValidationError",
            "input.questions[2].weight",
        ),
        (
            "an AWARD question without weight",
            {"questions": [selection, {"kind": "AWARD", "text": "A"}]},
            "ValidationError",
            "input.questions[1].weight",
        ),
        (
            "a weight over 100",
            {"questions": [{"kind": "AWARD", "text": "A", "weight": 101}]},
            "ValidationError",
            "input.questions[0].weight",
        ),
        (
            "a blank question",
            {"questions": [{"kind": "AWARD", "text": "  ", "weight": 100}]},
            "ValidationError",
            "input.questions[0].text",
        ),
        ("an unknown system", {"system": gid("PurchasingSystem", 9999)}, "NotFound", "input.system"),
    ]
    before = _round_count(world)
    for case, change, typename, path in cases:
        result = refused(world.api, "scheduleRound", _schedule_input(world, **change), world.lead, typename)
        assert result["field"] == path, (case, result)
    assert _round_count(world) == before


def _round_count(world: World) -> int:
    return world.api.gql("{ applicationRounds(first: 1) { totalCount } }")["applicationRounds"]["totalCount"]


def test_only_the_systems_lead_authority_runs_its_rounds(world: World) -> None:
    other_lead = world.api.token(Role.LEAD_ADMIN, authority_id=world.lead_authority + 1)
    refused(world.api, "scheduleRound", _schedule_input(world), other_lead, "Forbidden")
    round2 = world.round2
    result = refused(
        world.api,
        "cancelRound",
        {"round": round2["id"], "version": round2["version"], "reason": "x"},
        other_lead,
        "Forbidden",
    )
    assert result["field"] == "input.round"


# -- rescheduling and cancelling -------------------------------------------------------------


def test_before_opening_any_change_is_free(world: World) -> None:
    dates = Dates(DEMO_NOW + 40 * DAY)
    round_ = dates.schedule(world)
    later = dates.input(round_, opensAt=at(dates.opens + 2 * DAY), clarificationDeadline=None)
    moved = ok(world.api, "rescheduleRound", later, world.lead)["round"]
    assert dt.datetime.fromisoformat(moved["opensAt"]) == dates.opens + 2 * DAY
    assert moved["clarificationDeadline"] is None and moved["version"] == round_["version"] + 1
    assert read_round(world, round_["id"])["scheduleChanges"] == []
    event = audit_of(world, round_["id"])[-1]
    assert event["action"] == "round.rescheduled"
    assert event["diff"]["before"]["opensAt"] != event["diff"]["after"]["opensAt"]
    stale = refused(world.api, "rescheduleRound", later, world.lead, "StaleVersion")
    assert stale["currentVersion"] == moved["version"]
    same = dates.input(moved, opensAt=at(dates.opens + 2 * DAY), clarificationDeadline=None)
    refused(world.api, "rescheduleRound", same, world.lead, "ValidationError")


def test_after_opening_changes_need_a_reason_and_are_published(world: World) -> None:
    dates = Dates(DEMO_NOW + 50 * DAY)
    round_ = dates.schedule(world)
    world.api.at(dates.opens + HOUR)
    extended = dates.input(round_, closesAt=at(dates.closes + 7 * DAY), standstillEndsAt=at(dates.standstill + 7 * DAY))
    result = refused(world.api, "rescheduleRound", extended, world.lead, "ValidationError")
    assert result["field"] == "input.reason"
    refused(world.api, "rescheduleRound", {**extended, "reason": "   "}, world.lead, "ValidationError")
    moved_opening = {**extended, "opensAt": at(dates.opens + 2 * HOUR), "reason": "Later start."}
    assert (
        refused(world.api, "rescheduleRound", moved_opening, world.lead, "ValidationError")["field"] == "input.opensAt"
    )
    into_the_past = {
        **extended,
        "closesAt": at(dates.opens + HOUR / 2),
        "reason": "Close now.",
        "standstillEndsAt": None,
    }
    assert (
        refused(world.api, "rescheduleRound", into_the_past, world.lead, "ValidationError")["field"] == "input.closesAt"
    )

    reason = "Extended by a week at providers' request after the specification was clarified."
    ok(world.api, "rescheduleRound", {**extended, "reason": reason}, world.lead)
    public = read_round(world, round_["id"])  # no token: the change is public
    [change] = public["scheduleChanges"]
    assert change["reason"] == reason
    assert dt.datetime.fromisoformat(change["before"]["closesAt"]) == dates.closes
    assert dt.datetime.fromisoformat(change["after"]["closesAt"]) == dates.closes + 7 * DAY
    assert dt.datetime.fromisoformat(change["after"]["opensAt"]) == dates.opens
    event = audit_of(world, round_["id"])[-1]
    assert event["diff"]["reason"] == reason and event["diff"]["before"]["status"] == "OPEN"

    world.api.at(dates.closes + 7 * DAY)
    closed = dates.input(read_round(world, round_["id"]), closesAt=at(dates.closes + 9 * DAY), reason="Too late.")
    result = refused(world.api, "rescheduleRound", closed, world.lead, "DeadlinePassed")
    assert dt.datetime.fromisoformat(result["deadline"]) == dates.closes + 7 * DAY


def test_cancelling_needs_a_reason_and_is_public(world: World) -> None:
    dates = Dates(DEMO_NOW + 70 * DAY)
    round_ = dates.schedule(world)
    blank = {"round": round_["id"], "version": round_["version"], "reason": " "}
    assert refused(world.api, "cancelRound", blank, world.lead, "ValidationError")["field"] == "input.reason"
    reason = "The lots are being redrawn after the regional review."
    cancelled = ok(world.api, "cancelRound", {**blank, "reason": reason}, world.lead)["round"]
    assert cancelled["status"] == "CANCELLED" and cancelled["cancelReason"] == reason
    assert read_round(world, round_["id"])["cancelReason"] == reason
    event = audit_of(world, round_["id"])[-1]
    assert event["action"] == "round.cancelled"
    assert event["diff"]["before"]["status"] == "SCHEDULED" and event["diff"]["after"]["status"] == "CANCELLED"


# -- clarifications -------------------------------------------------------------------------


def test_answers_are_published_to_every_bidder_without_the_asker(world: World) -> None:
    api = world.api
    dates = Dates(DEMO_NOW + 80 * DAY)
    round_ = dates.schedule(world)
    asker, other = world.bidder(), world.bidder()
    question = "May a provider offer one establishment under two lots?"

    api.at(dates.start + HOUR)
    early = refused(
        api, "askClarification", {"round": round_["id"], "question": question}, asker.token, "InvalidTransition"
    )
    assert "not open" in early["message"]

    api.at(dates.opens + HOUR)
    blank = refused(api, "askClarification", {"round": round_["id"], "question": " "}, asker.token, "ValidationError")
    assert blank["field"] == "input.question"
    asked = ok(api, "askClarification", {"round": round_["id"], "question": question}, asker.token)["clarification"]
    assert asked["askedByYou"] and asked["answer"] is None

    def clarifications(token: str | None) -> list[dict[str, Any]]:
        return read_round(world, round_["id"], token)["clarifications"]

    assert clarifications(None) == [] and clarifications(other.token) == []
    assert [c["question"] for c in clarifications(asker.token)] == [question]
    assert [c["askedByYou"] for c in clarifications(world.lead)] == [False]

    answer = "Yes, if it meets each lot's requirements."
    answered = ok(api, "answerClarification", {"clarification": asked["id"], "answer": answer}, world.lead)[
        "clarification"
    ]
    assert answered["answer"] == answer and answered["answeredAt"]
    for token in (None, other.token, world.auditor):
        [published] = clarifications(token)
        assert published == {
            "id": asked["id"],
            "question": question,
            "answer": answer,
            "answeredAt": answered["answeredAt"],
            "askedByYou": False,
        }
    assert clarifications(asker.token)[0]["askedByYou"] is True
    again = refused(
        api, "answerClarification", {"clarification": asked["id"], "answer": "No."}, world.lead, "InvalidTransition"
    )
    assert "already" in again["message"]
    actions = [e["action"] for e in audit_of(world, asked["id"])]
    assert actions == ["clarification.asked", "clarification.answered"]

    api.at(dates.clarification)
    late = refused(
        api, "askClarification", {"round": round_["id"], "question": question}, other.token, "DeadlinePassed"
    )
    assert dt.datetime.fromisoformat(late["deadline"]) == dates.clarification


def test_the_asker_is_not_part_of_the_schema() -> None:
    clarification = schema._schema.type_map["RoundClarification"]
    assert set(clarification.fields) == {"id", "question", "answer", "answeredAt", "askedByYou"}  # type: ignore[attr-defined]


def test_only_providers_ask_and_only_the_lead_answers(world: World) -> None:
    response = world.api.post(
        'mutation { askClarification(input: {round: "x", question: "q"}) { __typename } }', token=world.lead
    ).json()
    assert response["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    provider = world.bidder()
    response = world.api.post(
        'mutation { answerClarification(input: {clarification: "x", answer: "a"}) { __typename } }',
        token=provider.token,
    ).json()
    assert response["errors"][0]["extensions"]["code"] == "FORBIDDEN"


# -- every transition -----------------------------------------------------------------------

OK = "OK"
VE, IT, DP = "ValidationError", "InvalidTransition", "DeadlinePassed"
ACTIONS = ("reschedule", "rescheduleWithReason", "cancelRound", "askClarification", "answerClarification", "createBid")
NA = None  # no question can have been asked before the round opened

# round state -> the outcome of each action, in ACTIONS order
ROUND_TRANSITIONS: dict[str, tuple[str | None, ...]] = {
    "SCHEDULED": (OK, OK, OK, IT, NA, IT),
    "OPEN": (VE, OK, OK, OK, OK, OK),
    "OPEN_AFTER_CLARIFICATIONS": (VE, OK, OK, DP, OK, OK),
    "CLOSED": (DP, DP, OK, DP, DP, DP),
    "EVALUATING": (DP, DP, OK, DP, DP, DP),
    "STANDSTILL": (DP, DP, IT, DP, DP, DP),
    "CONCLUDED": (DP, DP, IT, DP, DP, DP),
    "CANCELLED": (IT, IT, IT, IT, IT, IT),
}

# round state -> (the status the API shows, days after the start of the clock, timestamps set by the decision steps)
STATES: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "SCHEDULED": ("SCHEDULED", 0.5, ()),
    "OPEN": ("OPEN", 2, ()),
    "OPEN_AFTER_CLARIFICATIONS": ("OPEN", 5, ()),
    "CLOSED": ("CLOSED", 11, ()),
    "EVALUATING": ("EVALUATING", 11, ("evaluation_started_at",)),
    "STANDSTILL": ("STANDSTILL", 15, ("evaluation_started_at", "decisions_issued_at")),
    "CONCLUDED": ("CONCLUDED", 21, ("evaluation_started_at", "decisions_issued_at", "concluded_at")),
    "CANCELLED": ("CANCELLED", 2, ()),
}


def _act(world: World, action: str, round_: dict[str, Any], dates: Dates, clarification: str | None) -> dict[str, Any]:
    later = {"closesAt": at(dates.closes + DAY), "standstillEndsAt": at(dates.standstill + DAY)}
    provider = world.any_bidders()[0]
    if action == "reschedule":
        return call(world.api, "rescheduleRound", dates.input(round_, **later), world.lead)
    if action == "rescheduleWithReason":
        return call(world.api, "rescheduleRound", dates.input(round_, **later, reason="More time."), world.lead)
    if action == "cancelRound":
        return call(
            world.api, "cancelRound", {"round": round_["id"], "version": round_["version"], "reason": "R."}, world.lead
        )
    if action == "askClarification":
        return call(world.api, "askClarification", {"round": round_["id"], "question": "Q?"}, provider.token)
    if action == "answerClarification":
        assert clarification is not None
        return call(world.api, "answerClarification", {"clarification": clarification, "answer": "A."}, world.lead)
    return call(world.api, "createBid", {"round": round_["id"]}, provider.token)


def test_every_round_transition(world: World) -> None:
    """Each (round state, action) gets a round of its own, put in that state by the clock and the decision steps."""
    api = world.api
    start = DEMO_NOW + 200 * DAY
    outcomes: dict[tuple[str, str], str | None] = {}
    for state, expected in ROUND_TRANSITIONS.items():
        status, day, stamps = STATES[state]
        for action, outcome in zip(ACTIONS, expected):
            dates = Dates(start)
            round_ = dates.schedule(world)
            clarification = None
            if outcome is not NA and action == "answerClarification":
                api.at(dates.opens + HOUR)
                asker = world.any_bidders()[1]
                clarification = ok(api, "askClarification", {"round": round_["id"], "question": "Q?"}, asker.token)[
                    "clarification"
                ]["id"]
            for n, stamp in enumerate(stamps):
                run_sql(
                    api,
                    f"UPDATE application_round SET {stamp} = :at WHERE id = :id",
                    at=dates.closes + (n + 1) * HOUR,
                    id=pk(round_["id"]),
                )
            if state == "CANCELLED":
                api.at(dates.opens + HOUR)
                ok(
                    api,
                    "cancelRound",
                    {"round": round_["id"], "version": round_["version"], "reason": "Void."},
                    world.lead,
                )
            api.at(dates.start + day * DAY)
            current = read_round(world, round_["id"])
            assert current["status"] == status, (state, current)
            if outcome is NA:
                outcomes[(state, action)] = NA
                continue
            result = _act(world, action, current, dates, clarification)
            outcomes[(state, action)] = OK if result["__typename"].endswith("Payload") else result["__typename"]
    expected_table = {(s, a): o for s, row in ROUND_TRANSITIONS.items() for a, o in zip(ACTIONS, row)}
    assert outcomes == expected_table
