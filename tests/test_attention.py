"""``viewer.attention`` over HTTP: what needs a provider's attention, by deadline.

Each kind appears, and goes when it is dealt with: an offer made, a bid submitted, a report submitted or
resubmitted, a decision older than 30 days. The list is in deadline order, holds only the provider's own
records, and only those its token's scopes may read; it costs a fixed number of SQL statements.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import insert, select, update

from api.auth.actor import Role
from api.auth.scopes import scopes_for
from api.domain.attention import MAX_STATEMENTS
from db import models as m
from tests.support import DEMO_NOW, StatementCounter, WritableApi
from tests.test_offers import QUESTIONS, card, in_database, offer_input, ok, pk, set_questions

ATTENTION = (
    """{ viewer { attention { kind summary deadline at overdue academicYear term record { __typename id } } } }"""
)
DEEP = """{ viewer { attention { kind summary deadline at overdue record { __typename id
  ... on Referral { lot { code } invitedProviders { id } }
  ... on Bid { round { number } provider { id } }
  ... on BidLot { lot { code } bid { provider { id } } }
  ... on Offer { establishment { name } provider { id } }
  ... on CallOff { reference establishment { name } provider { id } }
  ... on OutcomeReport { period callOff { reference provider { id } } }
  ... on AnnualReview { dueOn callOff { reference provider { id } } }
} } } }"""
REFERRALS = """{ referrals(first: 100, filter: {status: OPEN}) { nodes {
  id offerDeadline child { reference } lot { id placementType }
  invitedProviders { id } offers { status provider { id } }
} } }"""
MEMBERSHIPS = """query($lot: ID!) { lotMemberships(first: 100, filter: {lot: $lot}) { nodes {
  status provider { id } establishments { id } rateCard { band element weeklyFee }
} } }"""
KINDS = (
    "REFERRAL_AWAITING_OFFER",
    "DRAFT_BID",
    "OUTCOME_REPORT_DUE",
    "OUTCOME_REPORT_QUERIED",
    "ANNUAL_REVIEW_REPORT_DUE",
    "DECISION_RECEIVED",
)
READ = ("bids:read", "referrals:read", "offers:read", "calloffs:read", "reports:read")
GUARDS = {
    "Referral": "referrals:read",
    "Bid": "bids:read",
    "BidLot": "bids:read",
    "Offer": "offers:read",
    "CallOff": "calloffs:read",
    "OutcomeReport": "reports:read",
    "AnnualReview": "reports:read",
}
ENUM_CODE = re.compile(
    r"\b[A-Z]{2,}(?:_[A-Z]+)+\b|\b(?:DRAFT|OPEN|SUBMITTED|QUERIED|ACCEPTED|DECLINED|AUTUMN|SPRING|SUMMER)\b"
)


def when(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def gid(type_name: str, key: int) -> str:
    import base64

    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def provider_token(api: WritableApi, provider: int, scopes: tuple[str, ...] | None = None) -> str:
    return api.token(Role.PROVIDER_USER, provider_id=provider, subject=f"attention-{provider}", scopes=scopes)


def attention(api: WritableApi, token: str, query: str = ATTENTION) -> list[dict[str, Any]]:
    """The caller's list, checked for what holds of every list: its order and its wording."""
    items = api.gql(query, token=token)["viewer"]["attention"]
    check_order(items)
    for item in items:
        assert item["kind"] in KINDS
        assert item["summary"] and not ENUM_CODE.search(item["summary"]), item["summary"]
        assert item["overdue"] == (item["deadline"] is not None and when(item["deadline"]) < api.clock.now())
        if item["kind"] == "DECISION_RECEIVED":
            assert item["deadline"] is None and item["at"] is not None
    return items


def check_order(items: list[dict[str, Any]]) -> None:
    """Deadlines first, soonest first; then queried reports, longest waiting first; then decisions, newest first."""
    groups = [0 if i["deadline"] else 1 if i["kind"] == "OUTCOME_REPORT_QUERIED" else 2 for i in items]
    assert groups == sorted(groups), [i["kind"] for i in items]
    deadlines = [when(i["deadline"]) for i in items if i["deadline"]]
    assert deadlines == sorted(deadlines)
    queried = [when(i["at"]) for i in items if not i["deadline"] and i["kind"] == "OUTCOME_REPORT_QUERIED"]
    assert queried == sorted(queried)
    decided = [when(i["at"]) for i in items if i["kind"] == "DECISION_RECEIVED"]
    assert decided == sorted(decided, reverse=True)


def about(items: list[dict[str, Any]], record: str, kind: str | None = None) -> list[dict[str, Any]]:
    return [i for i in items if i["record"]["id"] == record and (kind is None or i["kind"] == kind)]


def providers(api: WritableApi) -> list[int]:
    return [pk(p["id"]) for p in api.gql("{ providers(first: 100) { nodes { id } } }")["providers"]["nodes"]]


@pytest.fixture(autouse=True)
def _demo_time(writable: WritableApi) -> Iterator[None]:
    writable.at(DEMO_NOW)
    yield
    writable.at(DEMO_NOW)


@pytest.fixture(scope="module")
def auditor(writable: WritableApi) -> str:
    return writable.token(Role.AUDITOR)


# -- each kind appears, and goes when dealt with ---------------------------------------------------------


def test_a_referral_waits_for_an_offer_until_one_is_made(writable: WritableApi, auditor: str) -> None:
    api = writable
    open_referrals = api.gql(REFERRALS, token=auditor)["referrals"]["nodes"]
    referral, provider, membership = next(
        (r, p["id"], x)
        for r in open_referrals
        if r["lot"]["placementType"] == "DAY"
        for p in r["invitedProviders"]
        if not any(o["provider"]["id"] == p["id"] and o["status"] == "SUBMITTED" for o in r["offers"])
        for x in api.gql(MEMBERSHIPS, {"lot": r["lot"]["id"]}, token=auditor)["lotMemberships"]["nodes"]
        if x["provider"]["id"] == p["id"] and x["status"] == "ACTIVE" and x["establishments"]
    )
    token = provider_token(api, pk(provider))
    (item,) = about(attention(api, token), referral["id"])
    assert item["kind"] == "REFERRAL_AWAITING_OFFER" and item["record"]["__typename"] == "Referral"
    assert when(item["deadline"]) == when(referral["offerDeadline"]) and item["overdue"] is False
    assert item["at"] is not None and item["academicYear"] is None and item["term"] is None
    assert f"NWR-{pk(referral['id']):06d}" in item["summary"]
    assert referral["child"]["reference"] not in item["summary"]

    # an offer made removes it; withdrawn, it is back
    set_questions(api, referral["id"], QUESTIONS)
    weekly = {k: v for k, v in card(membership).items() if k != "care" and v > 0}
    made = ok(
        api,
        "submitOffer",
        offer_input(referral, membership["establishments"][0]["id"], weekly),
        token,
        "offer { id version }",
    )["offer"]
    assert about(attention(api, token), referral["id"]) == []
    ok(api, "withdrawOffer", {"offer": made["id"], "version": made["version"], "reason": "No place now."}, token)
    assert len(about(attention(api, token), referral["id"], "REFERRAL_AWAITING_OFFER")) == 1

    # an offer deadline today is the same item; at the deadline it goes
    deadline = when(referral["offerDeadline"])
    assert deadline is not None
    api.at(deadline - dt.timedelta(minutes=1))
    (today,) = about(attention(api, token), referral["id"])
    assert when(today["deadline"]).date() == api.clock.now().date()  # type: ignore[union-attr]
    api.at(deadline)
    assert about(attention(api, token), referral["id"]) == []


def test_a_draft_bid_waits_until_it_is_submitted(writable: WritableApi) -> None:
    from tests.test_bids import load_world, ready_bid, version_of

    api = writable
    world = load_world(api)
    bidder = world.bidder()
    before = attention(api, bidder.token)
    assert not [i for i in before if i["kind"] == "DRAFT_BID"]
    bid = ready_bid(world, bidder, world.round2)
    (item,) = about(attention(api, bidder.token), bid)
    assert item["kind"] == "DRAFT_BID" and item["record"]["__typename"] == "Bid"
    assert when(item["deadline"]) == when(world.round2["closesAt"]) and item["overdue"] is False
    assert "round 2" in item["summary"] and "draft" in item["summary"]

    ok(api, "submitBid", {"bid": bid, "version": version_of(world, bid, bidder.token)}, bidder.token)
    assert about(attention(api, bidder.token), bid) == []


def _not_started(api: WritableApi) -> tuple[int, dict[str, Any]]:
    """A provider with a report due and not started, and that item."""
    for provider in providers(api):
        for item in attention(api, provider_token(api, provider)):
            if item["kind"] == "OUTCOME_REPORT_DUE" and item["record"]["__typename"] == "CallOff":
                return provider, item
    raise AssertionError("the demo has no report due and not started")


VALUES = ("ATT1", 95.0), ("ATT2", 1), ("EDU1", 4)
REPORT = "report { id version status }"


def test_an_outcome_report_is_due_until_submitted_and_queried_until_resubmitted(
    writable: WritableApi, auditor: str
) -> None:
    api = writable
    provider, item = _not_started(api)
    token = provider_token(api, provider)
    call_off = item["record"]["id"]
    assert item["overdue"] is True and (item["academicYear"], item["term"]) == (2025, "AUTUMN")
    assert when(item["deadline"]) == dt.datetime(2026, 1, 15, 17, tzinfo=dt.UTC)
    assert "has not been started" in item["summary"] and "2025/26 autumn term" in item["summary"]

    # started, the item is about the report; still due, still overdue
    measures = {
        n["code"]: n["id"]
        for n in api.gql("{ outcomeMeasures(first: 100) { nodes { id code } } }")["outcomeMeasures"]["nodes"]
    }
    values = [{"measure": measures[code], "value": value} for code, value in VALUES]
    saved = ok(
        api,
        "saveOutcomeReport",
        {"callOff": call_off, "academicYear": 2025, "term": "AUTUMN", "narrative": "A settled term.", "values": values},
        token,
        REPORT,
    )["report"]
    items = attention(api, token)
    assert about(items, call_off, "OUTCOME_REPORT_DUE") == []
    (draft,) = about(items, saved["id"])
    assert draft["kind"] == "OUTCOME_REPORT_DUE" and draft["record"]["__typename"] == "OutcomeReport"
    assert (draft["deadline"], draft["overdue"]) == (item["deadline"], True) and "is a draft" in draft["summary"]

    # submitted, it goes
    submitted = ok(api, "submitOutcomeReport", {"report": saved["id"], "version": saved["version"]}, token, REPORT)
    items = attention(api, token)
    assert about(items, saved["id"]) == [] and about(items, call_off, "OUTCOME_REPORT_DUE") == []

    # queried, it is back as a query with no deadline; answered, it still waits for the resubmission
    api.at(DEMO_NOW + dt.timedelta(hours=1))
    authority = api.gql(
        "query($id: ID!) { node(id: $id) { ... on CallOff { authority { id } } } }", {"id": call_off}, token=auditor
    )["node"]["authority"]["id"]
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(authority), subject="attention.reviewer")
    queried = ok(
        api,
        "queryOutcomeReport",
        {"report": saved["id"], "version": submitted["report"]["version"], "comment": "Which sessions count?"},
        commissioner,
        REPORT + " query { askedAt }",
    )
    (asked,) = about(attention(api, token), saved["id"])
    assert asked["kind"] == "OUTCOME_REPORT_QUERIED" and asked["deadline"] is None and asked["overdue"] is False
    assert when(asked["at"]) == when(queried["query"]["askedAt"])
    assert "answer the query" in asked["summary"] and "Which sessions count" not in asked["summary"]
    answered = ok(
        api,
        "answerOutcomeReportQuery",
        {"report": saved["id"], "version": queried["report"]["version"], "answer": "Timetabled ones."},
        token,
        REPORT,
    )
    (waiting,) = about(attention(api, token), saved["id"])
    assert waiting["kind"] == "OUTCOME_REPORT_QUERIED" and "answer the query" not in waiting["summary"]
    ok(api, "submitOutcomeReport", {"report": saved["id"], "version": answered["report"]["version"]}, token)
    assert about(attention(api, token), saved["id"]) == []


def test_reports_are_listed_from_30_days_before_they_are_due(writable: WritableApi) -> None:
    api = writable
    spring_due = dt.datetime(2026, 4, 15, 17, tzinfo=dt.UTC)
    provider, item = _not_started(api)
    token = provider_token(api, provider)
    api.at(spring_due - dt.timedelta(days=31))
    assert not [i for i in attention(api, token) if i["term"] == "SPRING" and i["academicYear"] == 2025]
    api.at(spring_due - dt.timedelta(days=29))
    spring = [i for i in attention(api, token) if i["term"] == "SPRING" and i["academicYear"] == 2025]
    assert spring and all(i["kind"] == "OUTCOME_REPORT_DUE" and not i["overdue"] for i in spring)
    assert all(when(i["deadline"]) == spring_due and "is due soon" in i["summary"] for i in spring)


def test_decisions_of_the_last_30_days(writable: WritableApi, auditor: str) -> None:
    from tests.test_calloffs import LATER, offered, score_all
    from tests.test_offers import demo_of

    api = writable
    demo = demo_of(api)
    api.at(LATER)
    demo.refresh()
    referral = next(
        r
        for r in demo.referrals
        if offered(r, mode="COMPETITION", least=2)
        and len({o["provider"]["id"] for o in demo.live_offers(r)}) == len(demo.live_offers(r))
    )
    commissioner = demo.commissioner(referral, subject="attention.awards")
    order = score_all(demo, referral, commissioner)
    owners = {o["id"]: o["provider"]["id"] for o in demo.live_offers(referral)}
    awarded = ok(api, "awardReferral", {"offer": order[0]}, commissioner, "callOff { id awardedAt }")["callOff"]

    winner = provider_token(api, pk(owners[order[0]]))
    items = attention(api, winner)
    (told,) = about(items, awarded["id"])
    assert told["kind"] == "DECISION_RECEIVED" and told["record"]["__typename"] == "CallOff"
    assert when(told["at"]) == when(awarded["awardedAt"]) == LATER
    assert "awarded to you" in told["summary"]
    assert about(items, order[0]) == []  # the accepted offer is told by its call-off, once
    # a token that may read offers and not call-offs is told by the offer
    narrow = provider_token(
        api, pk(owners[order[0]]), tuple(s for s in scopes_for(Role.PROVIDER_USER) if s != "calloffs:read")
    )
    (accepted,) = about(attention(api, narrow), order[0])
    assert accepted["kind"] == "DECISION_RECEIVED" and "accepted" in accepted["summary"]

    loser = provider_token(api, pk(owners[order[1]]))
    (declined,) = about(attention(api, loser), order[1])
    assert declined["kind"] == "DECISION_RECEIVED" and declined["record"]["__typename"] == "Offer"
    assert when(declined["at"]) == LATER and "not successful" in declined["summary"]

    api.at(LATER + dt.timedelta(days=30, seconds=1))
    assert about(attention(api, winner), awarded["id"]) == []
    assert about(attention(api, loser), order[1]) == []


def test_a_bid_lots_decision_is_told_once_published(writable: WritableApi) -> None:
    """The demo's round 1 issued its decisions on 9 April 2021; here they were made a week before."""
    api = writable
    issued = dt.datetime(2021, 4, 9, 10, tzinfo=dt.UTC)
    decided = issued - dt.timedelta(days=7)
    provider = 1
    bid_lots = select(m.BidLot.id).join(m.Bid, m.Bid.id == m.BidLot.bid_id).where(m.Bid.provider_id == provider)
    table = m.BidLot.__table__
    in_database(
        api,
        update(table)
        .where(table.c.id.in_(bid_lots.scalar_subquery()), table.c.decided_at.is_not(None))
        .values(decided_at=decided),
    )
    token = provider_token(api, provider)

    api.at(decided + dt.timedelta(days=1))  # decided, not published
    assert not [i for i in attention(api, token) if i["record"]["__typename"] == "BidLot"]
    api.at(issued + dt.timedelta(days=1))
    told = [i for i in attention(api, token) if i["record"]["__typename"] == "BidLot"]
    assert told and all(i["kind"] == "DECISION_RECEIVED" and when(i["at"]) == issued for i in told)
    assert all("round 1" in i["summary"] and "admitted" in i["summary"] for i in told)
    api.at(issued + dt.timedelta(days=30, seconds=1))
    assert not [i for i in attention(api, token) if i["record"]["__typename"] == "BidLot"]


# -- order, tenancy and scopes ---------------------------------------------------------------------------


def test_items_come_by_deadline_then_queries_then_decisions(writable: WritableApi, auditor: str) -> None:
    api = writable
    wanted = {"OUTCOME_REPORT_DUE", "OUTCOME_REPORT_QUERIED", "DECISION_RECEIVED"}
    lists = {p: attention(api, provider_token(api, p)) for p in providers(api)}
    provider = next(
        p for p, items in lists.items() if wanted <= {i["kind"] for i in items} and any(i["overdue"] for i in items)
    )
    # invited to two open referrals besides, with deadlines after the overdue reports'
    own = gid("Provider", provider)
    referrals = api.gql(REFERRALS, token=auditor)["referrals"]["nodes"]
    by_deadline = {r["offerDeadline"]: r for r in referrals if own not in {p["id"] for p in r["invitedProviders"]}}
    later, sooner = (by_deadline[d] for d in sorted(by_deadline, reverse=True)[:2])
    invited = DEMO_NOW - dt.timedelta(days=1)
    rows = [{"referral_id": pk(r["id"]), "provider_id": provider, "invited_at": invited} for r in (later, sooner)]
    in_database(api, insert(m.ReferralInvitation.__table__).values(rows))

    items = attention(api, provider_token(api, provider))  # checks the order
    kinds = [i["kind"] for i in items]
    overdue = [i for i in items if i["overdue"]]
    assert overdue and items[: len(overdue)] == overdue  # overdue first
    assert [i["record"]["id"] for i in items if i["kind"] == "REFERRAL_AWAITING_OFFER"][-2:] == [
        sooner["id"],
        later["id"],
    ]
    assert kinds.index("OUTCOME_REPORT_QUERIED") > max(k for k, i in enumerate(items) if i["deadline"])
    assert kinds.index("DECISION_RECEIVED") > max(k for k, kind in enumerate(kinds) if kind == "OUTCOME_REPORT_QUERIED")


def test_another_providers_items_never_appear(writable: WritableApi) -> None:
    api = writable
    seen: dict[str, int] = {}
    for provider in providers(api):
        items = attention(api, provider_token(api, provider), DEEP)
        for item in items:  # a referral is shared by the providers invited; every other record is one provider's
            if item["record"]["__typename"] != "Referral":
                assert seen.setdefault(item["record"]["id"], provider) == provider, item
        own = gid("Provider", provider)
        for item in items:
            record = item["record"]
            owner = {
                "Referral": lambda r: [p["id"] for p in r["invitedProviders"]],  # never who else was invited
                "Bid": lambda r: [r["provider"]["id"]],
                "BidLot": lambda r: [r["bid"]["provider"]["id"]],
                "Offer": lambda r: [r["provider"]["id"]],
                "CallOff": lambda r: [r["provider"]["id"]],
                "OutcomeReport": lambda r: [r["callOff"]["provider"]["id"]],
                "AnnualReview": lambda r: [r["callOff"]["provider"]["id"]],
            }[record["__typename"]](record)
            assert owner == [own], (provider, item)


def test_a_token_without_a_records_scope_gets_no_such_item(writable: WritableApi, subtests: pytest.Subtests) -> None:
    """For each read scope, a subtest: the providers' full lists are read once (nothing is written meanwhile)."""
    api = writable
    every_list = {p: attention(api, provider_token(api, p)) for p in providers(api)}
    for scope in READ:
        with subtests.test(scope=scope):
            _without_scope(api, every_list, scope)


def _without_scope(api: WritableApi, every_list: dict[int, list[dict[str, Any]]], scope: str) -> None:
    guarded = {t for t, s in GUARDS.items() if s == scope}
    full_lists = every_list
    if scope == "bids:read":  # the demo's drafts are in the open round; a draft of a bidder's own
        full_lists = {p: items for p, items in full_lists.items() if any(i["kind"] == "DRAFT_BID" for i in items)}
    provider, full = next(
        (p, items) for p, items in full_lists.items() if any(i["record"]["__typename"] in guarded for i in items)
    )
    reduced_token = provider_token(api, provider, tuple(s for s in scopes_for(Role.PROVIDER_USER) if s != scope))
    reduced = attention(api, reduced_token)
    assert not [i for i in reduced if i["record"]["__typename"] in guarded]
    # what is left is what the full token read of the other kinds
    expected = [i for i in full if i["record"]["__typename"] not in guarded]
    if scope == "reports:read":
        expected = [i for i in expected if not i["kind"].startswith("OUTCOME_REPORT")]
    if scope == "calloffs:read":
        assert all("NWFPS-CO-" not in i["summary"] for i in reduced)  # no call-off named either
        assert {(i["kind"], i["record"]["id"]) for i in reduced} >= {(i["kind"], i["record"]["id"]) for i in expected}
        return
    assert [(i["kind"], i["record"]["id"]) for i in reduced] == [(i["kind"], i["record"]["id"]) for i in expected]


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r.value if r else "ANONYMOUS")
def test_who_may_ask(writable: WritableApi, role: Role | None) -> None:
    api = writable
    if role is None:
        response = api.post(ATTENTION)
        assert response.status_code == 401
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        return
    token = api.token(role, provider_id=1 if role is Role.PROVIDER_USER else None, authority_id=1)
    if role is Role.PROVIDER_USER:
        assert isinstance(attention(api, token), list)
        without_inbox = api.token(role, provider_id=1, scopes=tuple(s for s in scopes_for(role) if s != "inbox:read"))
        assert api.errors(ATTENTION, token=without_inbox)[0]["extensions"]["code"] == "FORBIDDEN"
        return
    assert api.errors(ATTENTION, token=token)[0]["extensions"]["code"] == "FORBIDDEN"


# -- bounded SQL -----------------------------------------------------------------------------------------


def _statements(api: WritableApi, token: str, query: str) -> tuple[int, int]:
    with StatementCounter(api.app) as counter:
        items = api.gql(query, token=token)["viewer"]["attention"]
    return counter.count, len(items)


def test_the_list_costs_a_fixed_number_of_statements(writable: WritableApi, auditor: str) -> None:
    api = writable
    lists = {p: attention(api, provider_token(api, p)) for p in providers(api)}
    provider = next(
        p for p, items in lists.items() if {i["kind"] for i in items} > {"REFERRAL_AWAITING_OFFER"}
    )  # invited to an open referral, and more
    token = provider_token(api, provider)
    api.gql(DEEP, token=token)  # warm the pool
    plain, small = _statements(api, token, ATTENTION)
    deep, _ = _statements(api, token, DEEP)
    assert plain == MAX_STATEMENTS  # one per kind of record: the request itself reads nothing else
    # invite the provider to every other open referral: many more items, with their relations
    own = gid("Provider", provider)
    referrals = api.gql(REFERRALS, token=auditor)["referrals"]["nodes"]
    others = [pk(r["id"]) for r in referrals if own not in {p["id"] for p in r["invitedProviders"]}]
    assert len(others) >= 3
    invited = DEMO_NOW - dt.timedelta(days=1)
    rows = [{"referral_id": r, "provider_id": provider, "invited_at": invited} for r in others]
    in_database(api, insert(m.ReferralInvitation.__table__).values(rows))
    assert _statements(api, token, ATTENTION) == (plain, small + len(others))
    assert _statements(api, token, DEEP) == (deep, small + len(others))
    assert deep <= MAX_STATEMENTS + 6  # and one per relation selected of the records listed
