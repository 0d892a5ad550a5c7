"""Refusals a provider reads: every problem of a form at once, each naming its field, and in words, never codes.

A provider filling in an offer, an outcome report, a bid's lot or an
establishment's details learns everything wrong with it from one submission:
the ``ValidationError`` lists each value at fault in ``problems``, in input
order, and nothing was written. Every message a person reads says what a
status, band or cost element means ("has been withdrawn", "enhanced level of
need, education"), never its code ("WITHDRAWN", "ENHANCED EDUCATION").
Over the real HTTP app, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from typing import Any

import pytest
from sqlalchemy import text

from api.auth.actor import Role
from api.domain import status as st
from api.domain.errors import Problem, Problems, ValidationError
from api.domain.wording import STATES, WORDS, key_of, state, words
from api.schema import schema
from db import enums as db_enums
from db.engine import create_engine
from db.enums import CostElement, DescribedEnum, PricingBand
from tests.support import DEMO_NOW, WritableApi
from tests.test_bids import BANDS, World, gid, load_world
from tests.test_offers import ANSWERS, QUESTIONS, card, competing, demo_of, offer_input, pk, set_questions

CODE = re.compile(r"(?<![\w-])[A-Z]{2,}(?:_[A-Z0-9]+)*(?![\w-])")
"""A word in capitals, as an enum code is written: SUSPENDED, ENHANCED, ADDITIONAL_STAFFING (not L1, ATT1 or a
hyphenated reference such as NWFPS-CO-000012)."""
ACRONYMS = {"SEND", "SEN", "EHCP", "URN", "PDF", "NHS", "ICB", "UK", "GBP", "ID", "IDS"}


def codes_in(message: str) -> list[str]:
    """The enum-like codes a message shows a person; empty when it is all words and acronyms."""
    return [word for word in CODE.findall(message) if word not in ACRONYMS]


def mutate(api: WritableApi, name: str, given: dict[str, Any], token: str, selection: str = "__typename") -> Any:
    """One mutation; its payload with ``selection``, or its typed error with every problem."""
    union = schema._schema.mutation_type.fields[name].type.of_type  # type: ignore[union-attr]
    members = {t.name for t in union.types}
    payload = next(t for t in members if t.endswith("Payload"))
    problems = "... on ValidationError { problems { message field } }" if "ValidationError" in members else ""
    query = (
        f"mutation($input: {name[0].upper() + name[1:]}Input!) {{ {name}(input: $input) {{ __typename "
        f"... on MutationError {{ code message field }} {problems} ... on {payload} {{ {selection} }} }} }}"
    )
    return api.gql(query, {"input": given}, token=token)[name]


def problems_of(result: dict[str, Any]) -> list[tuple[str | None, str]]:
    """A ValidationError's problems as (field, message), checking the first is the error's own."""
    assert result["__typename"] == "ValidationError", result
    found = [(p["field"], p["message"]) for p in result["problems"]]
    assert found[0] == (result["field"], result["message"]), result
    return found


def rows(api: WritableApi, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """What the database holds, read past the API."""

    async def go() -> list[tuple[Any, ...]]:
        engine = create_engine(api.app.state.settings.database_url)
        try:
            async with engine.connect() as connection:
                return [tuple(r) for r in (await connection.execute(text(sql), params)).all()]
        finally:
            await engine.dispose()

    return asyncio.run(go())


def written(api: WritableApi) -> tuple[int, int, int, int, int, int]:
    """How many offers, reports, values, bid lots, pricing lines and audit events there are."""
    counts = rows(
        api,
        "SELECT (SELECT count(*) FROM offer), (SELECT count(*) FROM outcome_report), "
        "(SELECT count(*) FROM outcome_value), (SELECT count(*) FROM bid_lot), (SELECT count(*) FROM pricing_line), "
        "(SELECT count(*) FROM audit_event)",
    )[0]
    return tuple(int(c) for c in counts)  # type: ignore[return-value]


@pytest.fixture(scope="module")
def api(writable: WritableApi) -> WritableApi:
    writable.at(DEMO_NOW)
    return writable


@pytest.fixture(scope="module")
def world(api: WritableApi) -> World:
    """Round 2 and its would-be bidders, shared so that no two tests take the same bidder."""
    return load_world(api)


# -- the mechanism ----------------------------------------------------------------------------------


def test_an_error_raised_alone_is_its_own_only_problem_and_collected_ones_come_in_order() -> None:
    alone = ValidationError("Give the start date", field="input.startDate")
    assert [(p.message, p.field) for p in alone.problems] == [("Give the start date", "input.startDate")]

    def refuse(message: str, field: str) -> int:
        raise ValidationError(message, field=field)

    problems = Problems()
    problems.add("first", field="input.a")
    assert problems.check(refuse, "second", field="input.b") is None
    with problems.catching():
        raise ValidationError.of([Problem("third", "input.c"), Problem("fourth", None)])
    assert problems.check(lambda: 42) == 42
    with pytest.raises(ValidationError) as refused:
        problems.settle()
    assert (refused.value.message, refused.value.field) == ("first", "input.a")
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("input.a", "first"),
        ("input.b", "second"),
        ("input.c", "third"),
        (None, "fourth"),
    ]
    Problems().settle()  # nothing kept: nothing raised


def test_every_enum_value_has_words_and_every_status_a_state() -> None:
    enums = [
        value
        for module in (db_enums, st)
        for item in vars(module).values()
        if isinstance(item, type) and issubclass(item, DescribedEnum) and item is not DescribedEnum
        for value in item
    ]
    unworded = [v for v in enums if key_of(v) not in WORDS]
    assert enums and not unworded, unworded
    statuses = [v for v in enums if type(v).__module__ == st.__name__]
    assert not [v for v in statuses if key_of(v) not in STATES]
    # values of different enums that are equal as strings keep their own words
    assert words(db_enums.CostElement.HEALTH) == "health provision"
    assert words(db_enums.OutcomeDomain.HEALTH) == "good health"
    assert words(db_enums.FundingSplitStatus.PENDING) != words(st.CallOffStatus.PENDING)
    for value in enums:
        assert not codes_in(words(value)), value
    for value in statuses:
        assert not codes_in(state(value)), value
    # the check itself finds the codes of old messages
    assert codes_in("This offer is WITHDRAWN") == ["WITHDRAWN"]
    assert codes_in("ENHANCED EDUCATION, COMPLEX ADDITIONAL_STAFFING is missing") == [
        "ENHANCED",
        "EDUCATION",
        "COMPLEX",
        "ADDITIONAL_STAFFING",
    ]
    assert codes_in("The placement NWFPS-CO-000012 of lot L1: Attendance (ATT1), EHCP, a PDF, your URN") == []


# -- every problem at once ---------------------------------------------------------------------------


def test_an_offer_with_many_mistakes_is_refused_with_all_of_them_and_nothing_is_written(api: WritableApi) -> None:
    demo = demo_of(api)
    (referral,) = demo.pick(lambda r: competing(r) and r["lot"]["placementType"] == "DAY")
    set_questions(api, referral["id"], QUESTIONS)
    lot = referral["lot"]["id"]
    provider, elsewhere = next(
        (p["id"], outside[0])
        for p in referral["invitedProviders"]
        for x in [demo.membership(lot, p["id"])]
        for outside in [sorted(set(demo.establishments_of(p["id"])) - {e["id"] for e in x["establishments"]})]
        if outside and x["status"] == "ACTIVE"
    )
    token = demo.provider(provider)
    demo.clear(referral, provider)
    membership = demo.membership(lot, provider)
    therapies_card = card(membership).get("therapies", 0)
    terms = offer_input(
        referral,
        elsewhere,  # does not serve the lot
        {"education": 0, "care": 1_000, "therapies": 99_999_999},  # unpriced education, care on a day lot, too dear
        startDate=(DEMO_NOW.date() - dt.timedelta(days=1)).isoformat(),
        qualityAnswers=ANSWERS[:1],
        qualityStatement="   ",
    )
    assert 99_999_999 > therapies_card
    before = written(api)

    result = mutate(api, "submitOffer", terms, token)

    found = problems_of(result)
    assert [f for f, _ in found] == [
        "input.establishment",
        "input.weeklyFees.education",
        "input.weeklyFees.care",
        "input.weeklyFees.therapies",
        "input.startDate",
        "input.qualityAnswers",
        "input.qualityStatement",
        "input.justification",
    ]
    messages = dict(found)
    assert messages["input.justification"] == (
        "The offer is above your rate card's standard level of need for residential care and therapies: "
        "give a justification"
    )
    assert all(not codes_in(m) for _, m in found), found
    assert written(api) == before
    # once corrected, the same form is accepted
    establishment = membership["establishments"][0]["id"]
    within = {k: v for k, v in card(membership).items() if k != "care"}
    made = mutate(api, "submitOffer", offer_input(referral, establishment, within), token, "offer { id }")
    assert made["__typename"] == "SubmitOfferPayload", made


def test_an_outcome_report_with_many_mistakes_is_refused_with_all_of_them_and_nothing_is_written(
    api: WritableApi,
) -> None:
    auditor = api.token(Role.AUDITOR)
    placements = api.gql(
        """{ callOffs(first: 100, filter: {status: ACTIVE, type: INDIVIDUAL_PLACEMENT}) { nodes {
          id startDate provider { id } outcomeReports { academicYear term } } } }""",
        token=auditor,
    )["callOffs"]["nodes"]
    placement = next(
        p
        for p in placements
        if p["startDate"] <= "2026-03-01"
        and not any(r["academicYear"] == 2025 and r["term"] == "SPRING" for r in p["outcomeReports"])
    )
    token = api.token(Role.PROVIDER_USER, provider_id=pk(placement["provider"]["id"]))
    measures = {
        n["code"]: n["id"]
        for n in api.gql("{ outcomeMeasures(first: 100) { nodes { id code } } }")["outcomeMeasures"]["nodes"]
    }
    draft = {
        "callOff": placement["id"],
        "academicYear": 2025,
        "term": "SPRING",
        "narrative": "Settling well.\x07",
        "values": [
            {"measure": gid("OutcomeMeasure", 999_999), "value": 1},  # no such measure
            {"measure": measures["ATT1"], "value": 150},  # a percentage above 100
            {"measure": measures["ATT1"], "value": 50},  # the same measure twice
            {"measure": measures["EDU1"], "value": 7},  # a rating from 1 to 5
            {"measure": measures["EDU3"], "value": 1},  # reported once a year, in the summer term
            {"measure": measures["ATT2"], "value": 2},  # right
        ],
    }
    before = written(api)

    result = mutate(api, "saveOutcomeReport", draft, token)

    found = problems_of(result)
    assert [f for f, _ in found] == [
        "input.narrative",
        "input.values[0].measure",
        "input.values[1].value",
        "input.values[2].measure",
        "input.values[3].value",
        "input.values[4].measure",
    ]
    assert dict(found)["input.values[4].measure"].endswith("is reported once a year, in the summer term")
    assert all(not codes_in(m) for _, m in found), found
    assert written(api) == before

    # a year out of range and a blank narrative's bad characters, with the values right: both named
    wrong_year = {**draft, "academicYear": 1999, "values": [draft["values"][-1]]}
    assert [f for f, _ in problems_of(mutate(api, "saveOutcomeReport", wrong_year, token))] == [
        "input.academicYear",
        "input.narrative",
    ]
    assert written(api) == before


def test_a_bid_lot_with_many_mistakes_names_each_cell_in_words_and_nothing_is_written(
    api: WritableApi, world: World
) -> None:
    bidder = world.bidder(
        lambda b: any(lot["placementType"] == "DAY" and b.serving(lot) for lot in world.lots.values())
    )
    in_round = {x["code"] for x in world.round2["lots"]}
    lot = next(
        x for x in world.lots.values() if x["placementType"] == "DAY" and x["code"] in in_round and bidder.serving(x)
    )
    other = next(b for b in world.bidders if b.name != bidder.name and b.establishments)
    bid = mutate(api, "createBid", {"round": world.round2["id"]}, bidder.token, "bid { id version }")["bid"]
    own = bidder.serving(lot)[0]
    pricing = [
        {"band": "STANDARD", "element": "EDUCATION", "weeklyFee": 150_000},
        {"band": "STANDARD", "element": "CARE", "weeklyFee": 1_000},  # no care on a day lot
        {"band": "ENHANCED", "element": "EDUCATION", "weeklyFee": 99_999_999},  # above £100,000 a week
        {"band": "STANDARD", "element": "EDUCATION", "weeklyFee": 151_000},  # the same cell twice
        {"band": "STANDARD", "element": "ADDITIONAL_STAFFING", "weeklyFee": 1_000},
    ]
    given = {
        "bid": bid["id"],
        "lot": lot["id"],
        "establishments": [other.establishments[0]["id"], own, own],
        "pricing": pricing,
    }
    before = written(api)

    result = mutate(api, "setBidLot", given, bidder.token)

    found = problems_of(result)
    assert found == [
        ("input.establishments[0]", "This is not one of your organisation's establishments"),
        (
            "input.establishments[2]",
            f"{next(e['name'] for e in bidder.establishments if e['id'] == own)} is listed twice",
        ),
        (
            "input.pricing[1].element",
            "A day lot has no residential care: leave out the line for standard level of need, residential care",
        ),
        (
            "input.pricing[2].weeklyFee",
            "Enter a weekly fee for enhanced level of need, education of at most £100,000.00",
        ),
        (
            "input.pricing[3].element",
            "The weekly fee for standard level of need, education is given twice (also line 1): give it once",
        ),
        ("input.pricing", "Enter the weekly fee for complex level of need, education"),
        ("input.pricing", "Enter the weekly fee for enhanced level of need, additional staffing"),
        ("input.pricing", "Enter the weekly fee for complex level of need, additional staffing"),
    ]
    assert written(api) == before
    seen = api.gql(
        "query($id: ID!) { node(id: $id) { ... on Bid { version lots { id } } } }",
        {"id": bid["id"]},
        token=bidder.token,
    )
    assert seen["node"] == {"version": bid["version"], "lots": []}

    # the schedule completed, it is taken
    full = [
        {"band": band, "element": element, "weeklyFee": 150_000 + 1_000 * i}
        for i, band in enumerate(BANDS)
        for element in ("EDUCATION", "ADDITIONAL_STAFFING")
    ]
    taken = mutate(api, "setBidLot", {**given, "establishments": [own], "pricing": full}, bidder.token, "bid { id }")
    assert taken["__typename"] == "SetBidLotPayload", taken
    assert {
        (p.value, e.value) for p in PricingBand for e in (CostElement.EDUCATION, CostElement.ADDITIONAL_STAFFING)
    } == {(line["band"], line["element"]) for line in full}


ESTABLISHMENT = (
    "id version dayCapacity residentialCapacity dayVacancies residentialVacancies ofstedGrade ofstedDate ageMin ageMax "
    "needs provider { id }"
)


def _establishment(api: WritableApi) -> dict[str, Any]:
    found = api.gql(f"{{ establishments(first: 5) {{ nodes {{ {ESTABLISHMENT} }} }} }}")["establishments"]["nodes"]
    return next(e for e in found if e["ofstedGrade"] is not None and len(e["needs"]) >= 2)


def test_an_establishment_change_with_many_mistakes_is_refused_with_all_of_them(api: WritableApi) -> None:
    school = _establishment(api)
    owner = api.token(Role.PROVIDER_USER, provider_id=pk(school["provider"]["id"]))
    changes = {
        "id": school["id"],
        "version": school["version"],
        "dayCapacity": 6_000,  # more than any school
        "residentialVacancies": -1,
        "needs": ["ASD", "ASD"],
        "ageMin": 30,
    }
    before = written(api)

    result = mutate(api, "updateEstablishment", changes, owner)

    found = problems_of(result)
    assert [f for f, _ in found] == [
        "input.dayCapacity",
        "input.residentialVacancies",
        "input.needs",
        "input.ageMin",
    ]
    assert dict(found)["input.needs"] == "Name each need once: autistic spectrum disorder is named more than once"
    assert written(api) == before
    query = f"query($id: ID!) {{ node(id: $id) {{ ... on Establishment {{ {ESTABLISHMENT} }} }} }}"
    assert api.gql(query, {"id": school["id"]})["node"] == school


def test_what_an_establishment_change_leaves_out_stays_as_it_is(api: WritableApi) -> None:
    """Left out, or given as null, a value (the list of needs included) is kept as it is."""
    establishments = api.gql(f"{{ establishments(first: 20) {{ nodes {{ {ESTABLISHMENT} }} }} }}")
    school = [e for e in establishments["establishments"]["nodes"] if e["ofstedGrade"] and len(e["needs"]) >= 2][1]
    owner = api.token(Role.PROVIDER_USER, provider_id=pk(school["provider"]["id"]))
    for nulls in ({}, {"needs": None, "hostAuthority": None, "ageMin": None}):
        vacancies = 0 if school["dayVacancies"] else 1
        assert vacancies <= school["dayCapacity"]
        result = mutate(
            api,
            "updateEstablishment",
            {"id": school["id"], "version": school["version"], "dayVacancies": vacancies, **nulls},
            owner,
            f"establishment {{ {ESTABLISHMENT} }}",
        )
        assert result["__typename"] == "UpdateEstablishmentPayload", result
        after = result["establishment"]
        assert (after["dayVacancies"], after["version"]) == (vacancies, school["version"] + 1)
        kept = {k: v for k, v in after.items() if k not in ("dayVacancies", "version")}
        assert kept == {k: v for k, v in school.items() if k not in ("dayVacancies", "version")}
        school = after


# -- in words ----------------------------------------------------------------------------------------


def test_provider_refusals_say_states_bands_and_elements_in_words(api: WritableApi, world: World) -> None:
    """Drive the refusals a provider meets; none shows a code, and the ones that used to say how it reads."""
    seen: list[str] = []

    def read(result: dict[str, Any]) -> str:
        assert result["__typename"] not in ("", None) and not result["__typename"].endswith("Payload"), result
        seen.append(result["message"])
        seen.extend(p["message"] for p in result.get("problems") or [])
        return result["message"]

    demo = demo_of(api)
    # an offer above the enhanced band of the rate card, without a justification
    (referral,) = demo.pick(lambda r: competing(r) and r["lot"]["placementType"] == "DAY")
    set_questions(api, referral["id"], [])
    offered = demo.live_offers(referral)[0]
    provider = offered["provider"]["id"]
    token = demo.provider(provider)
    demo.clear(referral, provider)
    membership = demo.membership(referral["lot"]["id"], provider)
    establishment = membership["establishments"][0]["id"]
    enhanced = {k: v for k, v in card(membership, "ENHANCED").items() if k != "care"}
    above = {**enhanced, "education": enhanced["education"] + 1}
    terms = offer_input(referral, establishment, above, band="ENHANCED", qualityAnswers=[])
    assert read(mutate(api, "submitOffer", terms, token)) == (
        "The offer is above your rate card's enhanced level of need for education: give a justification"
    )
    # withdrawing an offer twice
    made = mutate(api, "submitOffer", {**terms, "justification": "Needed."}, token, "offer { id version }")["offer"]
    why = "Our place for this age group has gone."
    leave = {"offer": made["id"], "version": made["version"], "reason": why}
    gone = mutate(api, "withdrawOffer", leave, token, "offer { version }")
    again = mutate(api, "withdrawOffer", {**leave, "version": gone["offer"]["version"]}, token)
    assert read(again).startswith("This offer has been withdrawn")
    # an offer under a suspended membership
    suspended = mutate(api, "suspendMembership", {"membership": membership["id"], "reason": "A review."}, world.lead)
    assert suspended["__typename"] == "MembershipPayload", suspended
    assert read(mutate(api, "submitOffer", {**terms, "justification": "Needed."}, token)) == (
        "Your organisation's membership of this lot is suspended"
    )

    # bids: a suspended provider; an incomplete schedule, and a draft that cannot be submitted
    assert read(mutate(api, "createBid", {"round": world.round2["id"]}, world.suspended.token)) == (
        "This provider is suspended and may not bid"
    )
    bidder = world.bidder()
    lot = world.lot_for(bidder)
    bid = mutate(api, "createBid", {"round": world.round2["id"]}, bidder.token, "bid { id version }")["bid"]
    partial = [{"band": "STANDARD", "element": "THERAPIES", "weeklyFee": 1_000}]
    given = {"bid": bid["id"], "lot": lot["id"], "establishments": bidder.serving(lot)[:1], "pricing": partial}
    read(mutate(api, "setBidLot", given, bidder.token))
    assert "Enter the weekly fee for standard level of need, education" in seen
    assert read(mutate(api, "submitBid", {"bid": bid["id"], "version": bid["version"]}, bidder.token)).startswith(
        "This bid is not ready to submit"
    )
    blank = [{"question": world.round2["questions"][0]["id"], "answer": " "}]
    read(mutate(api, "answerQuestions", {"bid": bid["id"], "answers": blank}, bidder.token))
    leave = {"bid": bid["id"], "version": bid["version"], "reason": "Not applying this round."}
    withdrawn = mutate(api, "withdrawBid", leave, bidder.token, "bid { version }")
    read(mutate(api, "withdrawBid", {**leave, "version": withdrawn["bid"]["version"]}, bidder.token))

    # outcome reports: an ended placement, a report no longer a draft, a query where there is none
    auditor = api.token(Role.AUDITOR)
    ended = api.gql("{ callOffs(first: 5, filter: {status: ENDED}) { nodes { id provider { id } } } }", token=auditor)[
        "callOffs"
    ]["nodes"]
    placement = ended[0]
    owner = api.token(Role.PROVIDER_USER, provider_id=pk(placement["provider"]["id"]))
    message = read(
        mutate(
            api,
            "saveOutcomeReport",
            {"callOff": placement["id"], "academicYear": 2025, "term": "AUTUMN", "narrative": "x"},
            owner,
        )
    )
    assert "has ended: outcome reports are written while it is running" in message
    reports = api.gql(
        """{ outcomeReports(first: 100) { nodes { id version status callOff { status provider { id } } } } }""",
        token=auditor,
    )["outcomeReports"]["nodes"]
    accepted = next(r for r in reports if r["status"] == "ACCEPTED" and r["callOff"]["status"] == "ACTIVE")
    owner = api.token(Role.PROVIDER_USER, provider_id=pk(accepted["callOff"]["provider"]["id"]))
    assert (
        read(mutate(api, "submitOutcomeReport", {"report": accepted["id"], "version": accepted["version"]}, owner))
        == "The report has been accepted: only a draft or queried report is submitted"
    )
    read(
        mutate(
            api,
            "answerOutcomeReportQuery",
            {"report": accepted["id"], "version": accepted["version"], "answer": "Here."},
            owner,
        )
    )

    assert len(seen) >= 10
    leaking = {message: codes_in(message) for message in seen if codes_in(message)}
    assert not leaking, leaking
