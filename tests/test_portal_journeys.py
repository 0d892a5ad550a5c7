"""``portal/journeys.yaml`` is checked against the schema, and what it declares reaches the manifest.

The file arranges the generated portal (navigation, actions by state, question pages, the task
list, prefilled forms, the pricing table); every name in it must exist in the schema, and a field
added to an input still reaches a journey's pages without editing the file.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from graphql import build_schema, parse, validate

from portal.generator import generate
from portal.generator.journeys import JourneyError, load

ROOT = Path(__file__).resolve().parent.parent
SDL = (ROOT / "schema.graphql").read_text()


def manifest(sdl: str = SDL, arrangement: dict[str, Any] | None = None) -> dict[str, Any]:
    text = generate(sdl, arrangement=arrangement)["manifest.js"]
    return json.loads(text[text.index("export default ") + len("export default ") : text.rindex(";")])


@pytest.fixture(scope="module")
def journeys() -> dict[str, Any]:
    return manifest()["journeys"]


def documents(value: Any) -> list[str]:
    """Every GraphQL document in a manifest entry."""
    if isinstance(value, dict):
        return [d for v in value.values() for d in documents(v)]
    if isinstance(value, list):
        return [d for v in value for d in documents(v)]
    if isinstance(value, str) and value.lstrip().startswith(("query ", "mutation ")):
        return [value]
    return []


def test_every_document_the_arrangement_adds_is_valid_against_the_schema(journeys: dict[str, Any]) -> None:
    schema = build_schema(SDL)
    found = documents(journeys)
    assert len(found) >= 10  # states, prefills, the pricing table's lot, the check page, the home page
    for document in found:
        errors = validate(schema, parse(document))
        assert not errors, (document, errors)


def test_navigation_actions_and_journeys_are_as_declared(journeys: dict[str, Any]) -> None:
    assert [e["title"] for e in journeys["navigation"]][:5] == [
        "Referrals",
        "Offers",
        "Placements",
        "Applications",
        "Application rounds",
    ]
    offer = journeys["actions"]["Offer"]
    assert offer == [
        {
            "operation": "withdrawOffer",
            "title": "Withdraw this offer",
            "journey": None,
            "when": {"status": ["SUBMITTED"], "referral.status": ["OPEN"]},  # only until the offer deadline
            "unless": {},
            "roles": ["PROVIDER_USER"],  # the roles whose @access admits it
        }
    ]
    assert journeys["actions"]["Provider"] == [] and journeys["actions"]["Specification"] == []  # nothing to do there
    assert journeys["operations"]["withdrawOffer"]["warning"]
    pages = journeys["journeys"]["submitOffer"]["pages"]
    assert [p["slug"] for p in pages] == ["establishment", "start-date", "fees", "quality", "justification"]
    # a subset journey asks only its own fields
    assert journeys["journeys"]["updateVacancies"]["pages"][0]["fields"] == ["dayVacancies", "residentialVacancies"]
    assert journeys["attention"] and "attention" in journeys["attention"]


def test_actions_follow_the_state_of_the_record_and_its_relations(journeys: dict[str, Any]) -> None:
    report = {a["title"]: a for a in journeys["actions"]["OutcomeReport"]}
    assert report["Answer the council's query"]["when"] == {"status": ["QUERIED"], "queries.answeredAt": [None]}
    assert report["Send the report again"]["unless"] == {"queries.answeredAt": [None]}
    assert journeys["actions"]["Bid"][0]["when"]["round.status"] == ["OPEN"]
    assert journeys["actions"]["BidLot"][0]["via"] == "bid"  # removing a lot is the bid's form, lot chosen
    state = journeys["stateDocuments"]["OutcomeReport"]
    assert "answeredAt" in state and "callOff" in state


def test_each_role_has_its_service_and_home(journeys: dict[str, Any]) -> None:
    roles = journeys["roles"]
    assert roles["PROVIDER_USER"]["service"] == "Provider portal" and roles["PROVIDER_USER"]["attention"] == "viewer"
    board = roles["ICB_COMMISSIONER"]
    assert board["service"] == "Agree funding for SEND placements"
    assert board["attention"]["list"] == "fundingSplits" and board["attention"]["filter"] == {"yoursToAgree": True}
    services = [s for s in journeys["services"] if "ICB_COMMISSIONER" in s["roles"]]
    assert [s["title"] for s in services] == ["All funding you are named in"]


def test_a_board_agrees_its_contribution_on_the_splits_page(journeys: dict[str, Any]) -> None:
    [agree] = journeys["actions"]["FundingSplit"]
    assert agree["operation"] == "agreeFundingContribution" and agree["roles"] == ["ICB_COMMISSIONER"]
    assert agree["when"] == {"status": ["PENDING"]}  # nothing once every funder has agreed
    assert (agree["for"], agree["where"], agree["param"]) == ("contributions", {"yoursToAgree": [True]}, "contribution")
    assert agree["version"] is True  # the split's version goes with the contribution
    state = journeys["stateDocuments"]["FundingSplit"]
    assert "yoursToAgree" in state and "version" in state
    assert journeys["actions"]["FundingContribution"] == []  # agreed from its split's page only
    words = journeys["operations"]["agreeFundingContribution"]
    assert words["confirmation"]["reference"] == {"field": "callOff.reference", "label": "Placement reference"}
    assert words["shows"] == ["shares"] and "tell the council" in words["hint"]
    # every action and link says which roles it is for
    assert all(a["roles"] for actions in journeys["actions"].values() for a in actions)


def test_a_field_added_to_an_input_reaches_the_last_page_of_its_journey() -> None:
    anchor = "input SubmitOfferInput {\n"
    changed = SDL.replace(anchor, anchor + '  """How many visits before the start."""\n  visits: Int = null\n', 1)
    pages = manifest(changed)["journeys"]["journeys"]["submitOffer"]["pages"]
    assert pages[-1]["fields"][-1] == "visits"
    assert all("visits" not in p["fields"] for p in pages[:-1])


def test_forms_start_from_what_is_saved(journeys: dict[str, Any]) -> None:
    operations = journeys["operations"]
    assert operations["setBidLot"]["prefill"]["fields"] == {
        "establishments": "establishments",
        "pricing": "pricingSchedule",
    }
    assert operations["setBidLot"]["prefill"]["key"] == "lot"
    assert "needs" in operations["updateEstablishment"]["prefill"]["fields"]
    assert operations["answerQuestions"]["prefill"]["fields"] == {"answers": "answers"}
    grid = operations["setBidLot"]["grid"]
    assert (grid["rows"], grid["columns"], grid["required"]) == ("band", "element", ["EDUCATION"])
    assert "placementType" in grid["only"]["CARE"]["document"]


def test_questions_asked_only_when_they_apply(journeys: dict[str, Any]) -> None:
    offer = journeys["operations"]["submitOffer"]
    assert offer["asks"]["when"] == {"weeklyFees.care": {"lot.placementType": ["RESIDENTIAL"]}}
    justification = journeys["journeys"]["submitOffer"]["pages"][-1]
    assert justification["slug"] == "justification"
    assert "rateCard" in justification["above"]["document"] and "weeklyFee" in justification["above"]["document"]
    report = journeys["operations"]["saveOutcomeReport"]["choices"]["academicYear"]
    assert report["answers"] == ["academicYear", "term"] and "termsToReport" in report["document"]
    assert "ownEstablishments" in journeys["operations"]["setBidLot"]["choices"]["establishments"]["document"]
    assert journeys["actions"]["ApplicationRound"][0] == {
        "open": "ownBid",
        "title": "Continue your application",
        "when": {},
        "unless": {},
        "roles": ["PROVIDER_USER"],  # who may read an application
    }


def test_the_task_list_knows_what_it_needs(journeys: dict[str, Any]) -> None:
    bid = journeys["taskLists"]["Bid"]
    assert bid["when"] == {"status": ["DRAFT"]}
    state = journeys["stateDocuments"]["Bid"]
    assert "closesAt" in state and "questions" in state and "answers" in state
    assert set(bid["check"]["specs"]) == {"lots", "answers"}


MISTAKES = [
    (("operations", "submitOffer", "title"), None, ("operations", "noSuchOperation"), "no operation 'noSuchOperation'"),
    (("actions", "Offer", 0, "when"), {"status": ["GONE"]}, None, "OfferStatus has no value ['GONE']"),
    (("actions", "Offer", 0, "operation"), "submitOffer", None, "submitOffer does not act on a Offer"),
    (("journeys", "submitOffer", "pages", 0, "fields"), ["nothing"], None, "submitOffer asks no field 'nothing'"),
    (("taskLists", "Bid", "deadline", "field"), "round.closingTime", None, "has no field 'closingTime'"),
    (("operations", "setBidLot", "grid", "required"), ["FOOD"], None, "CostElement has no value ['FOOD']"),
    (("operations", "submitOffer", "asks"), {"weeklyFees.food": {}}, None, "input has no 'weeklyFees.food'"),
    (("operations", "submitOffer", "asks", "weeklyFees.care"), {"lot.kind": ["X"]}, None, "Lot has no field 'kind'"),
    (("journeys", "submitOffer", "pages", 4, "above", "card"), "membership.prices", None, "no field 'prices'"),
    (("operations", "setBidLot", "choices", "establishments", "of"), "pricing", None, "names no one record type"),
    (("operations", "saveOutcomeReport", "choices", "academicYear", "answers"), ["year"], None, "asks no field 'year'"),
    (("operations", "answerOutcomeReportQuery", "about", "text"), "question", None, "has no field 'question'"),
    (("actions", "ApplicationRound", 0, "open"), "lots", None, "'lots' is not one record"),
    (("operations", "requestDocumentUpload", "choices", "documentType", "values"), "viewer", None, "no query 'viewer'"),
    (("actions", "FundingSplit", 0, "for"), "callOff", None, "'callOff' is not a list"),
    (("actions", "FundingSplit", 0, "where"), {"yoursToAgree": ["yes"]}, None, "is true or false"),
    (("navigation", 5, "roles"), ["PROVIDER_USER"], None, "may not use what it leads to"),
    (("roles", "ICB_COMMISSIONER", "attention", "filter"), {"mine": True}, None, "cannot be filtered by 'mine'"),
    (("operations", "agreeFundingContribution", "shows"), ["colour"], None, "FundingContribution has no"),
    (("operations", "agreeFundingContribution", "confirmation", "reference", "field"), "nothing", None, "not a value"),
]


@pytest.mark.parametrize(("path", "value", "move", "message"), MISTAKES)
def test_a_name_the_schema_does_not_have_fails_generation(
    path: tuple[Any, ...], value: Any, move: tuple[str, str] | None, message: str
) -> None:
    arrangement = copy.deepcopy(load())
    if move:
        section, name = move
        arrangement[section][name] = {"title": "Anything"}
    else:
        target = arrangement
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    with pytest.raises(JourneyError, match=message.replace("[", r"\[").replace("]", r"\]")):
        manifest(arrangement=arrangement)
