"""No N+1: the SQL statement count of a list does not grow with its length."""

from __future__ import annotations

from api.auth.actor import Role
from tests.support import Api, StatementCounter

CALL_OFFS = """query($n: Int!) { callOffs(first: $n) { edges { node {
  reference status annualCost weeklyFees { total }
  provider { legalName } establishment { name urn needs } lot { code title }
  authority { code name } latestOutcomeReport { period status values { value measure { code } } }
} } } }"""


def _count(api: Api, query: str, variables: dict[str, int], token: str) -> tuple[int, int]:
    with StatementCounter(api.app) as counter:
        data = api.gql(query, variables, token=token)
    rows = len(next(iter(data.values()))["edges"])
    return counter.count, rows


def test_listing_call_offs_costs_the_same_for_5_and_50(api: Api) -> None:
    token = api.token(Role.AUDITOR)
    api.gql(CALL_OFFS, {"n": 1}, token=token)  # warm the connection pool
    small, small_rows = _count(api, CALL_OFFS, {"n": 5}, token)
    large, large_rows = _count(api, CALL_OFFS, {"n": 50}, token)
    assert (small_rows, large_rows) == (5, 50)
    assert small == large
    assert large <= 12


def test_purchasing_system_tree_costs_a_fixed_number_of_statements(api: Api) -> None:
    query = """query($n: Int!) { establishments(first: $n) { edges { node {
      urn needs provider { legalName identifiers { scheme identifier } memberships { lot { code } } }
    } } } }"""
    api.gql(query, {"n": 1}, token=None)
    small, _ = _count(api, query, {"n": 5}, token=None)  # type: ignore[arg-type]
    large, rows = _count(api, query, {"n": 50}, token=None)  # type: ignore[arg-type]
    assert rows == 50
    assert small == large


RELATIONS = "reference provider { legalName } lot { code } latestOutcomeReport { period }"
NODES = "query($n: Int!) { callOffs(first: $n) { nodes { SELECTION } } }"
EDGES = "query($n: Int!) { callOffs(first: $n) { edges { node { SELECTION } } } }"


def test_relations_selected_through_fragments_and_edges_are_fetched_ahead_alike(api: Api) -> None:
    """However a query reaches a page's items, their relations are fetched together, before the fields run."""
    token = api.token(Role.AUDITOR)
    shapes = [
        NODES.replace("SELECTION", RELATIONS),
        EDGES.replace("SELECTION", RELATIONS),
        EDGES.replace("SELECTION", "...F") + " fragment F on CallOff { " + RELATIONS + " }",
        EDGES.replace("SELECTION", "... on CallOff { " + RELATIONS + " }"),
    ]
    answers, counts = [], []
    for query in shapes:
        api.gql(query, {"n": 1}, token=token)
        with StatementCounter(api.app) as counter:
            page = api.gql(query, {"n": 30}, token=token)["callOffs"]
        answers.append(page["nodes"] if "nodes" in page else [edge["node"] for edge in page["edges"]])
        counts.append(counter.count)
    assert len(answers[0]) == 30
    assert all(item["provider"]["legalName"] and item["lot"]["code"] for item in answers[0])
    assert all(answer == answers[0] for answer in answers)
    assert len(set(counts)) == 1


FUNDING = """query($n: Int!) { fundingSplits(first: $n) { edges { node {
  status effectiveFrom callOff { reference establishment { name } }
  contributions { agreed shares { education } weeklyAmounts { total }
                  funder { stream authority { name } integratedCareBoard { name } } }
} } } }"""
CALL_OFFS_FUNDED = """query($n: Int!) { callOffs(first: $n) { edges { node {
  reference fundingSplit { status contributions { weeklyAmounts { total } funder { integratedCareBoard { odsCode } } } }
  fundingSplits { effectiveFrom }
} } } }"""


def test_who_pays_costs_the_same_for_25_and_100(api: Api) -> None:
    """Pages large enough that each has splits funded by a board (a third of the demo's placements are)."""
    token = api.token(Role.AUDITOR)
    for query in (FUNDING, CALL_OFFS_FUNDED):
        api.gql(query, {"n": 1}, token=token)
        small, small_rows = _count(api, query, {"n": 25}, token)
        large, large_rows = _count(api, query, {"n": 100}, token)
        assert (small_rows, large_rows) == (25, 100)
        assert small == large <= 12, query


ENDING = """query($n: Int!) { placementsEnding(withinMonths: 36, first: $n) { edges { node {
  reference endsOn plannedEndOn plannedEndAge phaseEndAges phaseTransferDeadline daysToPhaseTransferDeadline
  notice { givenOn } endingKind lot { code phaseEndAges } authority { code }
} } } }"""


def test_placements_ending_with_their_planned_ends_cost_the_same_for_5_and_50(api: Api) -> None:
    """The planned end of every placement on a page is worked out from one query, however many there are."""
    token = api.token(Role.AUDITOR)
    api.gql(ENDING, {"n": 1}, token=token)
    small, small_rows = _count(api, ENDING, {"n": 5}, token)
    large, large_rows = _count(api, ENDING, {"n": 50}, token)
    assert (small_rows, large_rows) == (5, 50)
    assert small == large


REVIEWS = """query($n: Int!) { annualReviews(first: $n) { edges { node {
  dueOn status reportDueOn decisionDueOn daysLate callOff { reference } measures { code }
  latestOutcomes { value measure { code } }
} } } }"""


def test_annual_reviews_with_their_measures_and_outcomes_cost_the_same_for_5_and_20(api: Api) -> None:
    """Each review's clocks, measures and latest outcomes are read for the whole page at once."""
    token = api.token(Role.AUDITOR)
    api.gql(REVIEWS, {"n": 1}, token=token)
    small, small_rows = _count(api, REVIEWS, {"n": 5}, token)
    large, large_rows = _count(api, REVIEWS, {"n": 20}, token)
    assert (small_rows, large_rows) == (5, 20)
    assert small == large
