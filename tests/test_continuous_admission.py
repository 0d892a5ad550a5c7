"""Continuous admission (dynamic market): applications decided one by one, each within its decision period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import update

from api.auth.actor import Role
from db import models as m
from db.engine import create_engine
from db.enums import AdmissionMode
from tests.conftest import _migrate_seed_and_people
from tests.documents_support import PDF, attach
from tests.support import DEMO_NOW, WritableApi, writable_api
from tests.test_evaluation import agreed, marks, run

OVERDUE = "{ overdueApplications { dueAt bid { id submittedAt } } }"


async def _continuous(url: str) -> None:
    """The demo, with its system switched to continuous admission and a 10-day decision period."""
    await _migrate_seed_and_people(url)
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                update(m.PurchasingSystem).values(admission_mode=AdmissionMode.CONTINUOUS, decision_period_days=10)
            )
    finally:
        await engine.dispose()


@pytest.fixture(scope="module")
def market(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WritableApi]:
    with writable_api(backend, tmp_path_factory.mktemp(f"continuous-{backend}"), seed=_continuous) as api:
        yield api


def test_overdue_applications_are_listed_and_decisions_take_effect_at_once(market: WritableApi) -> None:
    api = market
    lead = api.token(Role.LEAD_ADMIN, authority_id=1, subject="lead.admin")
    assert api.gql(OVERDUE, token=lead)["overdueApplications"] == []

    api.at(DEMO_NOW + dt.timedelta(days=30))
    overdue = api.gql(OVERDUE, token=lead)["overdueApplications"]
    assert overdue, "submitted applications undecided for 30 days are overdue"
    for item in overdue:
        submitted = dt.datetime.fromisoformat(item["bid"]["submittedAt"])
        assert dt.datetime.fromisoformat(item["dueAt"]) == submitted + dt.timedelta(days=10)
    dues = [item["dueAt"] for item in overdue]
    assert dues == sorted(dues)

    bid_id = overdue[0]["bid"]["id"]
    bid = api.gql(
        """query($id: ID!) { node(id: $id) { ... on Bid {
          provider { id } round { id questions { id kind weight number } } lots { id }
        } } }""",
        {"id": bid_id},
        token=lead,
    )["node"]
    questions = bid["round"]["questions"]
    run(api, "assignEvaluators", {"round": bid["round"]["id"], "evaluators": ["evaluator-1"]}, lead)
    evaluator = api.token(Role.EVALUATOR, subject="evaluator-1")
    for lot in bid["lots"]:
        run(api, "recordEvaluation", {"bidLot": lot["id"], "marks": marks(questions)}, evaluator)
        run(
            api,
            "moderateBidLot",
            {"bidLot": lot["id"], "passedSelection": True, "scores": agreed(questions, 4), "rationale": "Agreed."},
            lead,
        )
        attach(api, lead, lot["id"], PDF, document_type="EVALUATION_REPORT", file_name="report.pdf")
        run(api, "decideBidLot", {"bidLot": lot["id"], "decision": "ADMITTED", "feedback": "Admitted."}, lead)

    # decided one by one: the bidder sees it at once, the membership exists at once, it is no longer overdue
    owner = api.token(Role.PROVIDER_USER, provider_id=_pk(bid["provider"]["id"]))
    seen = api.gql(
        "query($id: ID!) { node(id: $id) { ... on BidLot { decision } } }", {"id": bid["lots"][0]["id"]}, token=owner
    )["node"]
    assert seen == {"decision": "ADMITTED"}
    mine = api.gql(
        "query($p: ID!) { lotMemberships(first: 50, filter: {provider: $p, status: ACTIVE}) "
        "{ edges { node { since } } } }",
        {"p": bid["provider"]["id"]},
        token=lead,
    )["lotMemberships"]["edges"]
    assert any(e["node"]["since"] == (DEMO_NOW + dt.timedelta(days=30)).date().isoformat() for e in mine)
    assert bid_id not in {item["bid"]["id"] for item in api.gql(OVERDUE, token=lead)["overdueApplications"]}


def _pk(global_id: str) -> int:
    import base64

    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def test_only_the_lead_sees_overdue_applications(market: WritableApi) -> None:
    errors = market.errors(OVERDUE, token=market.token(Role.AUDITOR))
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
