"""Fields the provider portal reads, over HTTP: ``Offer.reference``, ``CallOff.termsToReport``,
``ApplicationRound.ownBid``, ``Lot.ownEstablishments`` and ``AttentionItem.daysLeft``.

At the demo time (2 March 2026) round 2 is open, with some providers' bids submitted, some drafts and some
providers without a bid; round 1 is closed, its bids unsealed. The 2025/26 spring term is running. The
terms tests give placements of the module's own database the dates they need, and start their reports
afresh.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, select, update

from api.auth.actor import Role
from api.auth.scopes import scopes_for
from api.domain.notification_kinds import global_id
from db import models as m
from db.demo import data
from tests.support import DEMO_NOW, Api, StatementCounter, WritableApi
from tests.test_bids import full_pricing
from tests.test_offers import in_database, ok, pk, refused

LEAD_AUTHORITY = "E06000049"  # Cheshire East, which reads every call-off but only its own placements' reports
AUTUMN = {"academicYear": 2025, "term": "AUTUMN", "period": "2025/26 autumn term", "dueAt": "2026-01-15T17:00:00"}
SPRING = {"academicYear": 2025, "term": "SPRING", "period": "2025/26 spring term", "dueAt": "2026-04-15T17:00:00"}
SUMMER = {"academicYear": 2025, "term": "SUMMER", "period": "2025/26 summer term", "dueAt": "2026-07-31T17:00:00"}
VALUES = ("ATT1", 95.0), ("ATT2", 1), ("EDU1", 4)


def not_providers(api: Api, authority: int) -> list[str | None]:
    """Tokens of every role but a provider's (for ``authority`` where a role needs one), and no token."""
    return [
        api.token(Role.LEAD_ADMIN, authority_id=authority),
        api.token(Role.AUTHORITY_COMMISSIONER, authority_id=authority),
        api.token(Role.AUTHORITY_ANALYST, authority_id=authority),
        api.token(Role.EVALUATOR, subject="evaluator-1"),
        api.token(Role.AUDITOR),
        None,
    ]


def without(role: Role, scope: str) -> tuple[str, ...]:
    return tuple(s for s in scopes_for(role) if s != scope)


# -- Offer.reference ----------------------------------------------------------------------------------

OFFERS = "{ offers(first: 100) { nodes { id reference provider { id } referral { authority { id } } } } }"


def test_an_offer_is_quoted_by_its_neutral_reference_on_every_path(api: Api) -> None:
    offers = api.gql(OFFERS, token=api.token(Role.AUDITOR))["offers"]["nodes"]
    assert offers
    for offer in offers:
        assert re.fullmatch(r"NWO-\d{6}", offer["reference"]), offer
        assert offer["reference"] == f"NWO-{pk(offer['id']):06d}"
    assert len({o["reference"] for o in offers}) == len(offers)

    # the provider that made it and the referring authority quote the same reference
    offer = offers[0]
    provider = api.token(Role.PROVIDER_USER, provider_id=pk(offer["provider"]["id"]))
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(offer["referral"]["authority"]["id"]))
    by_id = "query($id: ID!) { node(id: $id) { ... on Offer { reference } } }"
    nested = "query($id: ID!) { node(id: $id) { ... on Offer { referral { offers { id reference } } } } }"
    for token in (provider, commissioner):
        assert api.gql(by_id, {"id": offer["id"]}, token=token)["node"]["reference"] == offer["reference"]
        listed = api.gql(nested, {"id": offer["id"]}, token=token)["node"]["referral"]["offers"]
        assert {o["id"]: o["reference"] for o in listed}[offer["id"]] == offer["reference"]
    own = api.gql(OFFERS, token=provider)["offers"]["nodes"]
    assert own and all(o["reference"] == f"NWO-{pk(o['id']):06d}" for o in own)


# -- ApplicationRound.ownBid ----------------------------------------------------------------------------

ROUNDS = "{ applicationRounds(first: 100) { nodes { id number status ownBid { id status provider { id } } } } }"
OWN_BIDS = "{ bids(first: 100) { nodes { id status round { id } } } }"


def provider_ids(api: Api) -> dict[str, int]:
    nodes = api.gql("{ providers(first: 100) { nodes { id legalName } } }")["providers"]["nodes"]
    return {n["legalName"]: pk(n["id"]) for n in nodes}


def bidder_token(api: Api, provider: int, **extra: Any) -> str:
    return api.token(Role.PROVIDER_USER, provider_id=provider, subject=f"bidder-{provider}", **extra)


def own_bids(api: Api, token: str) -> dict[str, dict[str, Any]]:
    """Round id -> the round's ownBid, as the token reads it."""
    return {r["id"]: r["ownBid"] for r in api.gql(ROUNDS, token=token)["applicationRounds"]["nodes"]}


def round_two(api: Api) -> str:
    rounds = api.gql(ROUNDS)["applicationRounds"]["nodes"]
    return next(r["id"] for r in rounds if r["status"] == "OPEN")


def test_own_bid_is_the_providers_live_bid_in_each_round(api: Api) -> None:
    by_name = provider_ids(api)
    open_round = round_two(api)
    seen: dict[str | None, set[str]] = {}
    for definition in data.PROVIDERS:
        provider = by_name[definition.legal_name]
        token = bidder_token(api, provider)
        listed = api.gql(OWN_BIDS, token=token)["bids"]["nodes"]
        live = {b["round"]["id"]: b for b in listed if b["status"] != "WITHDRAWN"}
        for round_id, own in own_bids(api, token).items():
            if round_id not in live:
                assert own is None, (definition.legal_name, round_id)
                continue
            assert own["id"] == live[round_id]["id"] and own["status"] == live[round_id]["status"]
            assert pk(own["provider"]["id"]) == provider
        bid = own_bids(api, token)[open_round]
        assert (bid and bid["status"]) == (definition.round_two or None), definition.legal_name
        seen.setdefault(definition.round_two, set()).add(bid["id"] if bid else "none")
    # submitted, draft and no bid are all in the open round, each provider with its own
    assert {"SUBMITTED", "DRAFT", None} <= set(seen)
    assert seen[None] == {"none"}
    submitters = sum(d.round_two == "SUBMITTED" for d in data.PROVIDERS)
    assert len(seen["SUBMITTED"]) == submitters > 1


def test_own_bid_is_null_for_everyone_but_the_bidder(api: Api) -> None:
    by_name = provider_ids(api)
    open_round = round_two(api)
    submitted = by_name[next(d.legal_name for d in data.PROVIDERS if d.round_two == "SUBMITTED")]
    idle = by_name[next(d.legal_name for d in data.PROVIDERS if d.round_two is None)]
    theirs = own_bids(api, bidder_token(api, submitted))[open_round]
    assert theirs["status"] == "SUBMITTED"

    # another provider with no bid in the sealed round learns nothing of the first's, not even that it exists
    assert own_bids(api, bidder_token(api, idle))[open_round] is None
    # the bidder itself, with a token that may not read bids
    assert set(
        own_bids(api, bidder_token(api, submitted, scopes=without(Role.PROVIDER_USER, "bids:read"))).values()
    ) == {None}
    # nobody else has a bid of their own: authorities, evaluators and auditors, even where they read the bids
    # of a closed round; and callers without a token
    authority = pk(api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"][0]["id"])
    others = not_providers(api, authority)
    for token in others:
        assert set(own_bids(api, token).values()) == {None}
    unsealed = api.gql(OWN_BIDS, token=api.token(Role.AUDITOR))["bids"]["nodes"]
    assert unsealed  # the auditor reads round 1's bids, and still has none of its own


def test_own_bid_costs_a_fixed_number_of_statements_for_every_round(api: Api) -> None:
    by_name = provider_ids(api)
    token = bidder_token(api, by_name[next(d.legal_name for d in data.PROVIDERS if d.round_two == "DRAFT")])
    plain = "{ applicationRounds(first: 100) { nodes { id number status } } }"
    api.gql(ROUNDS, token=token)  # warm the pool
    with StatementCounter(api.app) as without_field:
        rounds = api.gql(plain, token=token)["applicationRounds"]["nodes"]
    with StatementCounter(api.app) as with_field:
        api.gql(ROUNDS, token=token)
    assert len(rounds) >= 2
    assert with_field.count == without_field.count + 2  # the bids, then their providers


def test_own_bid_follows_a_withdrawal_and_a_new_draft(writable: WritableApi) -> None:
    api = writable
    api.at(DEMO_NOW)
    by_name = provider_ids(api)
    open_round = round_two(api)
    name = [d.legal_name for d in data.PROVIDERS if d.round_two == "SUBMITTED"][-1]
    token = bidder_token(api, by_name[name])
    bid = api.gql("{ bids(first: 100) { nodes { id version status round { id } } } }", token=token)
    (submitted,) = [b for b in bid["bids"]["nodes"] if b["round"]["id"] == open_round and b["status"] == "SUBMITTED"]
    assert own_bids(api, token)[open_round]["id"] == submitted["id"]

    ok(api, "withdrawBid", {"bid": submitted["id"], "version": submitted["version"], "reason": "A new bid."}, token)
    assert own_bids(api, token)[open_round] is None
    draft = ok(api, "createBid", {"round": open_round, "copyFrom": submitted["id"]}, token, "bid { id status }")
    own = own_bids(api, token)[open_round]
    assert own["id"] == draft["bid"]["id"] != submitted["id"] and own["status"] == "DRAFT"


# -- CallOff.termsToReport ------------------------------------------------------------------------------

PLACEMENTS = """{ callOffs(first: 100, filter: {status: ACTIVE, type: INDIVIDUAL_PLACEMENT}) { nodes {
  id reference provider { id } authority { id code }
} } }"""
TERMS = """query($id: ID!) { node(id: $id) { ... on CallOff { id status
  termsToReport { academicYear term period dueAt report { id status version } }
} } }"""
REPORT = "report { id status version }"

_TAKEN: dict[int, set[str]] = {}


def placement(api: WritableApi, *, start: dt.date, end: dt.date | None = None) -> dict[str, Any]:
    """An ACTIVE placement of another council than the lead's, that no other test took, given these dates
    and no report."""
    taken = _TAKEN.setdefault(id(api), set())
    nodes = api.gql(PLACEMENTS, token=api.token(Role.AUDITOR))["callOffs"]["nodes"]
    found = next(n for n in nodes if n["authority"]["code"] != LEAD_AUTHORITY and n["id"] not in taken)
    taken.add(found["id"])
    key = pk(found["id"])
    reports = m.OutcomeReport.__table__
    mine = select(reports.c.id).where(reports.c.call_off_id == key)
    in_database(api, delete(m.OutcomeValue.__table__).where(m.OutcomeValue.__table__.c.report_id.in_(mine)))
    in_database(api, delete(m.OutcomeReportQuery.__table__).where(m.OutcomeReportQuery.__table__.c.report_id.in_(mine)))
    in_database(api, delete(reports).where(reports.c.call_off_id == key))
    call_offs = m.CallOff.__table__
    in_database(api, update(call_offs).where(call_offs.c.id == key).values(start_date=start, end_date=end))
    return found


def provider_of(api: WritableApi, found: dict[str, Any], **extra: Any) -> str:
    provider = pk(found["provider"]["id"])
    return api.token(Role.PROVIDER_USER, provider_id=provider, subject=f"reporter-{provider}", **extra)


def commissioner_of(api: WritableApi, found: dict[str, Any]) -> str:
    return api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(found["authority"]["id"]), subject="reviewer")


def terms(api: WritableApi, found: dict[str, Any], token: str) -> list[dict[str, Any]]:
    return api.gql(TERMS, {"id": found["id"]}, token=token)["node"]["termsToReport"]


def plain(listed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The terms as compared here: the due time as a naive UTC timestamp, the report's status."""
    return [
        {
            **{k: v for k, v in t.items() if k != "report"},
            "dueAt": dt.datetime.fromisoformat(t["dueAt"]).astimezone(dt.UTC).replace(tzinfo=None).isoformat(),
            "report": t["report"] and t["report"]["status"],
        }
        for t in listed
    ]


def values(api: WritableApi) -> list[dict[str, Any]]:
    measures = api.gql("{ outcomeMeasures(first: 100) { nodes { id code } } }")["outcomeMeasures"]["nodes"]
    ids = {n["code"]: n["id"] for n in measures}
    return [{"measure": ids[code], "value": value} for code, value in VALUES]


@pytest.fixture(autouse=True)
def _demo_time(request: pytest.FixtureRequest) -> Iterator[None]:
    if "writable" not in request.fixturenames:
        yield
        return
    writable = request.getfixturevalue("writable")
    writable.at(DEMO_NOW)
    yield
    writable.at(DEMO_NOW)


def test_terms_to_report_are_the_started_terms_without_a_submitted_report(writable: WritableApi) -> None:
    api = writable
    found = placement(api, start=dt.date(2025, 10, 1))
    provider = provider_of(api, found)
    assert plain(terms(api, found, provider)) == [{**AUTUMN, "report": None}, {**SPRING, "report": None}]

    # a draft's term stays listed, with the draft
    spring = {"callOff": found["id"], "academicYear": 2025, "term": "SPRING", "narrative": "Settling in."}
    draft = ok(api, "saveOutcomeReport", spring, provider, REPORT)["report"]
    listed = terms(api, found, provider)
    assert plain(listed) == [{**AUTUMN, "report": None}, {**SPRING, "report": "DRAFT"}]
    assert listed[1]["report"]["id"] == draft["id"]

    # a submitted term is not listed; queried, it is back with the report; resubmitted or accepted, gone again
    autumn = {"callOff": found["id"], "academicYear": 2025, "term": "AUTUMN", "narrative": "A good term."}
    saved = ok(api, "saveOutcomeReport", {**autumn, "values": values(api)}, provider, REPORT)["report"]
    sent = ok(api, "submitOutcomeReport", {"report": saved["id"], "version": saved["version"]}, provider, REPORT)
    assert plain(terms(api, found, provider)) == [{**SPRING, "report": "DRAFT"}]
    api.at(DEMO_NOW + dt.timedelta(hours=1))
    commissioner = commissioner_of(api, found)
    question = {"report": saved["id"], "version": sent["report"]["version"], "comment": "Which sessions count?"}
    queried = ok(api, "queryOutcomeReport", question, commissioner, REPORT)["report"]
    listed = terms(api, found, provider)
    assert plain(listed) == [{**AUTUMN, "report": "QUERIED"}, {**SPRING, "report": "DRAFT"}]
    assert listed[0]["report"]["id"] == saved["id"]
    answer = {"report": saved["id"], "version": queried["version"], "answer": "Timetabled ones."}
    answered = ok(api, "answerOutcomeReportQuery", answer, provider, REPORT)["report"]
    again = ok(api, "submitOutcomeReport", {"report": saved["id"], "version": answered["version"]}, provider, REPORT)
    assert plain(terms(api, found, provider)) == [{**SPRING, "report": "DRAFT"}]
    ok(api, "acceptOutcomeReport", {"report": saved["id"], "version": again["report"]["version"]}, commissioner)
    assert plain(terms(api, found, provider)) == [{**SPRING, "report": "DRAFT"}]

    # once the summer term starts, it is listed too
    api.at(dt.datetime(2026, 4, 15, 9, tzinfo=dt.UTC))
    assert plain(terms(api, found, provider)) == [{**SPRING, "report": "DRAFT"}, {**SUMMER, "report": None}]


def test_terms_to_report_are_those_the_placement_ran_in(writable: WritableApi) -> None:
    api = writable
    # started after the autumn term ended: the spring term only, as saving a report agrees
    late = placement(api, start=dt.date(2026, 1, 10))
    provider = provider_of(api, late)
    assert plain(terms(api, late, provider)) == [{**SPRING, "report": None}]
    autumn = {"callOff": late["id"], "academicYear": 2025, "term": "AUTUMN", "narrative": ""}
    refused(api, "saveOutcomeReport", autumn, provider, "ValidationError", "input.term")
    ok(api, "saveOutcomeReport", {**autumn, "term": "SPRING"}, provider)

    # ended in the summer holiday, before any term of its own started: nothing
    holiday = placement(api, start=dt.date(2025, 7, 22), end=dt.date(2025, 8, 31))
    token = provider_of(api, holiday)
    node = api.gql(TERMS, {"id": holiday["id"]}, token=token)["node"]
    assert node["status"] == "ENDED" and node["termsToReport"] == []
    # nor once the placement has ended, since reports are written only while it runs
    ended = placement(api, start=dt.date(2025, 10, 1), end=dt.date(2026, 2, 27))
    node = api.gql(TERMS, {"id": ended["id"]}, token=provider_of(api, ended))["node"]
    assert node["status"] == "ENDED" and node["termsToReport"] == []


def test_terms_to_report_follow_the_reports_rule(writable: WritableApi) -> None:
    api = writable
    found = placement(api, start=dt.date(2025, 10, 1))
    expected = [{**AUTUMN, "report": None}, {**SPRING, "report": None}]
    # those who read the call-off and its reports: its provider, the placing authority, auditors
    readers = [provider_of(api, found), commissioner_of(api, found), api.token(Role.AUDITOR)]
    for token in readers:
        assert plain(terms(api, found, token)) == expected
    # the lead authority reads another council's call-off, but not its reports: so no term either
    lead = api.token(Role.LEAD_ADMIN, authority_id=lead_authority(api), subject="lead.admin")
    node = api.gql(TERMS, {"id": found["id"]}, token=lead)["node"]
    assert node["id"] == found["id"] and node["termsToReport"] == []
    # a token that may read the call-off but not outcome reports
    narrow = provider_of(api, found, scopes=without(Role.PROVIDER_USER, "reports:read"))
    assert api.gql(TERMS, {"id": found["id"]}, token=narrow)["node"]["termsToReport"] == []
    # another provider does not read the call-off at all
    other = next(
        pk(p["id"])
        for p in api.gql("{ providers(first: 100) { nodes { id } } }")["providers"]["nodes"]
        if p["id"] != found["provider"]["id"]
    )
    errors = api.errors(TERMS, {"id": found["id"]}, token=api.token(Role.PROVIDER_USER, provider_id=other))
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def lead_authority(api: Api) -> int:
    nodes = api.gql("{ authorities(first: 50) { nodes { id code } } }")["authorities"]["nodes"]
    return next(pk(n["id"]) for n in nodes if n["code"] == LEAD_AUTHORITY)


LIST = """query($n: Int!) { callOffs(first: $n) { nodes {
  reference termsToReport { academicYear term period dueAt report { id status period } }
} } }"""


def test_terms_to_report_cost_the_same_for_5_and_50_call_offs(api: Api) -> None:
    token = api.token(Role.AUDITOR)
    api.gql(LIST, {"n": 1}, token=token)  # warm the pool
    counts, listed = [], []
    for n in (5, 50):
        with StatementCounter(api.app) as counter:
            nodes = api.gql(LIST, {"n": n}, token=token)["callOffs"]["nodes"]
        counts.append(counter.count)
        listed.append(nodes)
    assert [len(nodes) for nodes in listed] == [5, 50]
    assert any(node["termsToReport"] for node in listed[1])
    assert counts[0] == counts[1]


# -- Lot.ownEstablishments ------------------------------------------------------------------------------

LOT_FIELDS = "id code placementType ageMin ageMax"
OWN = f"{{ purchasingSystems(first: 10) {{ nodes {{ lots {{ {LOT_FIELDS} ownEstablishments {{ id name }} }} }} }} }}"
ROUND_LOTS = f"""{{ applicationRounds(first: 100) {{ nodes {{ id status
  lots {{ {LOT_FIELDS} ownEstablishments {{ id name }} }}
}} }} }}"""
PROVIDERS = """{ providers(first: 100) { nodes { id legalName status verified
  establishments { id name version dayCapacity residentialCapacity ageMin ageMax }
} } }"""


def fits(establishment: dict[str, Any], lot: dict[str, Any]) -> bool:
    """The rule as the portal explains it: places of the lot's kind, and ages overlapping the lot's."""
    residential = lot["placementType"] == "RESIDENTIAL"
    places = establishment["residentialCapacity"] if residential else establishment["dayCapacity"]
    return places > 0 and establishment["ageMin"] <= lot["ageMax"] and establishment["ageMax"] >= lot["ageMin"]


def expected(establishments: list[dict[str, Any]], lot: dict[str, Any]) -> list[dict[str, Any]]:
    """The establishments that fit the lot, in name order."""
    return sorted(({"id": e["id"], "name": e["name"]} for e in establishments if fits(e, lot)), key=lambda e: e["name"])


def lots_of(api: Api, token: str | None) -> list[dict[str, Any]]:
    systems = api.gql(OWN, token=token)["purchasingSystems"]["nodes"]
    return [lot for system in systems for lot in system["lots"]]


def test_own_establishments_are_those_the_provider_may_offer_for_each_lot(api: Api) -> None:
    providers = api.gql(PROVIDERS)["providers"]["nodes"]
    assert len(providers) > 10
    left_out = 0
    for provider in providers:
        token = api.token(Role.PROVIDER_USER, provider_id=pk(provider["id"]), subject=f"offering-{pk(provider['id'])}")
        own = provider["establishments"]
        lots = lots_of(api, token)
        assert len(lots) > 1
        for lot in lots:
            # its own establishments only, never another provider's, each fitting the lot
            assert lot["ownEstablishments"] == expected(own, lot), (provider["legalName"], lot["code"])
            assert {e["id"] for e in lot["ownEstablishments"]} <= {e["id"] for e in own}
            left_out += len(own) - len(lot["ownEstablishments"])
    assert left_out > 0  # day schools are left out of residential lots (and Bleasdale Farm out of day lots)


def test_own_establishments_are_empty_for_anyone_but_a_provider(api: Api) -> None:
    provider = pk(api.gql(PROVIDERS)["providers"]["nodes"][0]["id"])
    authority = lead_authority(api)
    others = [
        *not_providers(api, authority),
        api.token(Role.PROVIDER_USER),  # a provider's role without a provider
    ]
    for token in others:
        lots = lots_of(api, token)
        assert lots and all(lot["ownEstablishments"] == [] for lot in lots)
        rounds = api.gql(ROUND_LOTS, token=token)["applicationRounds"]["nodes"]
        assert all(lot["ownEstablishments"] == [] for r in rounds for lot in r["lots"])
    # establishments are public profiles that need no scope to be read: a provider's token with no read
    # scope at all still lists its own, as `viewer.provider.establishments` does
    bare = api.token(Role.PROVIDER_USER, provider_id=provider, scopes=("inbox:read",))
    full = api.token(Role.PROVIDER_USER, provider_id=provider)
    assert lots_of(api, bare) == lots_of(api, full)
    assert any(lot["ownEstablishments"] for lot in lots_of(api, bare))
    mine = "{ viewer { provider { establishments { id } } } }"
    assert api.gql(mine, token=bare)["viewer"]["provider"]["establishments"]


def test_own_establishments_cost_one_statement_for_every_lot_of_every_round(api: Api) -> None:
    provider = pk(api.gql(PROVIDERS)["providers"]["nodes"][0]["id"])
    token = api.token(Role.PROVIDER_USER, provider_id=provider, subject="rounds-page")
    plain = ROUND_LOTS.replace(" ownEstablishments { id name }", "")
    api.gql(ROUND_LOTS, token=token)  # warm the pool
    counts = {}
    for name, query, caller in (
        ("plain", plain, token),
        ("provider", ROUND_LOTS, token),
        ("anonymous", ROUND_LOTS, None),
    ):
        with StatementCounter(api.app) as counter:
            rounds = api.gql(query, token=caller)["applicationRounds"]["nodes"]
        counts[name] = counter.count
    assert sum(len(r["lots"]) for r in rounds) > 5
    assert counts["provider"] == counts["plain"] + 1  # the provider's establishments, once for every lot
    assert counts["anonymous"] == counts["plain"]


def update_ages(api: WritableApi, token: str, establishment: str, ages: tuple[int, int]) -> None:
    current = api.gql("query($id: ID!) { node(id: $id) { ... on Establishment { version } } }", {"id": establishment})
    change = {"id": establishment, "version": current["node"]["version"], "ageMin": ages[0], "ageMax": ages[1]}
    ok(api, "updateEstablishment", change, token)


def test_own_establishments_are_exactly_those_a_bid_accepts_for_the_lot(writable: WritableApi) -> None:
    api = writable
    idle = {d.legal_name for d in data.PROVIDERS if d.round_two is None}
    provider = next(
        p
        for p in api.gql(PROVIDERS)["providers"]["nodes"]
        if p["legalName"] in idle
        and p["status"] == "ACTIVE"
        and p["verified"]
        and any(e["residentialCapacity"] == 0 for e in p["establishments"])
        and any(e["residentialCapacity"] > 0 and e["dayCapacity"] > 0 for e in p["establishments"])
    )
    token = api.token(Role.PROVIDER_USER, provider_id=pk(provider["id"]), subject=f"applicant-{pk(provider['id'])}")
    day_only = next(e for e in provider["establishments"] if e["residentialCapacity"] == 0)
    both = next(e for e in provider["establishments"] if e["residentialCapacity"] > 0 and e["dayCapacity"] > 0)
    open_round = round_two(api)
    bid = ok(api, "createBid", {"round": open_round}, token, "bid { id }")["bid"]["id"]

    def offered(ages: tuple[int, int]) -> dict[str, list[str]]:
        """Lot code -> the names listed, once ``both`` takes ``ages``; each checked against setBidLot."""
        update_ages(api, token, both["id"], ages)
        establishments = api.gql(PROVIDERS)["providers"]["nodes"]
        own = next(p for p in establishments if p["id"] == provider["id"])["establishments"]
        rounds = api.gql(ROUND_LOTS, token=token)["applicationRounds"]["nodes"]
        lots = next(r for r in rounds if r["id"] == open_round)["lots"]
        assert len(lots) > 3
        for lot in lots:
            assert lot["ownEstablishments"] == expected(own, lot), lot["code"]
            listed = {e["id"] for e in lot["ownEstablishments"]}
            for establishment in own:
                given = {"bid": bid, "lot": lot["id"], "establishments": [establishment["id"]]}
                given["pricing"] = full_pricing(lot)
                if establishment["id"] in listed:
                    ok(api, "setBidLot", given, token)
                    continue
                why = refused(api, "setBidLot", given, token, "ValidationError", "input.establishments[0]")
                assert establishment["name"] in why["message"], why
        return {lot["code"]: [e["name"] for e in lot["ownEstablishments"]] for lot in lots}

    # ages 17 to 25: out of the lots for 4 to 16 year olds, in those for 16 to 25
    older = offered((17, 25))
    assert both["name"] not in older["L1"] and day_only["name"] in older["L1"]
    assert older["L2"] == [] and older["L3"] == []  # the day school has no residential places
    assert both["name"] in older["L4"] and older["L5"] == [both["name"]]
    # ages meeting the lot's band at one year overlap it
    assert both["name"] in offered((16, 25))["L1"]


# -- AttentionItem.daysLeft --------------------------------------------------------------------------------

UK = ZoneInfo("Europe/London")
ATTENTION = """{ viewer { attention {
  kind deadline overdue daysLeft academicYear term record { __typename id }
} } }"""
OPEN_REFERRALS = """{ referrals(first: 100, filter: {status: OPEN}) { nodes {
  id offerDeadline invitedProviders { id } offers { status provider { id } }
} } }"""


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)  # type: ignore[misc]


def items(api: WritableApi, token: str) -> list[dict[str, Any]]:
    """The caller's attention list, each item's daysLeft checked against its deadline in UK dates."""
    found = api.gql(ATTENTION, token=token)["viewer"]["attention"]
    now = api.clock.now()
    for item in found:
        deadline = item["deadline"] and dt.datetime.fromisoformat(item["deadline"])
        if deadline is None or deadline < now:
            assert item["daysLeft"] is None, item
        else:
            assert item["daysLeft"] == (deadline.astimezone(UK).date() - now.astimezone(UK).date()).days, item
    return found


def awaiting(api: WritableApi) -> tuple[dict[str, Any], int]:
    """An open referral, and an invited provider with no live offer against it."""
    auditor = api.token(Role.AUDITOR)
    return next(
        (referral, pk(provider["id"]))
        for referral in api.gql(OPEN_REFERRALS, token=auditor)["referrals"]["nodes"]
        for provider in referral["invitedProviders"]
        if not any(
            o["provider"]["id"] == provider["id"] and o["status"] in ("SUBMITTED", "ACCEPTED")
            for o in referral["offers"]
        )
    )


def test_days_left_counts_uk_dates_to_the_deadline(writable: WritableApi) -> None:
    api = writable
    referral, provider = awaiting(api)
    token = api.token(Role.PROVIDER_USER, provider_id=provider, subject=f"deadlines-{provider}")
    table = m.Referral.__table__

    def days_left(deadline: dt.datetime, now: dt.datetime) -> int | None:
        in_database(api, update(table).where(table.c.id == pk(referral["id"])).values(offer_deadline=deadline))
        api.at(now)
        (item,) = [i for i in items(api, token) if i["record"]["id"] == referral["id"]]
        assert item["kind"] == "REFERRAL_AWAITING_OFFER"
        return item["daysLeft"]

    try:
        # 17:00 BST on Wednesday 10 June 2026 (16:00 UTC)
        ten_june = utc(2026, 6, 10, 16)
        assert days_left(ten_june, utc(2026, 6, 10, 15, 59, 59)) == 0  # a second before
        assert days_left(ten_june, utc(2026, 6, 10, 9)) == 0
        assert days_left(ten_june, utc(2026, 6, 9, 23, 30)) == 0  # 00:30 BST on 10 June, still 9 June in UTC
        assert days_left(ten_june, utc(2026, 6, 9, 22, 59)) == 1  # 23:59 BST on 9 June
        assert days_left(ten_june, utc(2026, 6, 9, 6)) == 1
        assert days_left(ten_june, utc(2026, 6, 3, 12)) == 7
        # due at 23:59 BST on 10 June (22:59 UTC): late that evening it is still due today
        assert days_left(utc(2026, 6, 10, 22, 59), utc(2026, 6, 10, 22, 30)) == 0
        assert days_left(utc(2026, 6, 10, 22, 59), utc(2026, 6, 9, 23, 1)) == 0
        # across the change to BST (01:00 UTC on Sunday 29 March 2026): due 00:30 BST on Monday 30 March,
        # 23:30 UTC on the Sunday; counted from Saturday noon that is two UK days, though one in UTC
        monday = utc(2026, 3, 29, 23, 30)
        assert days_left(monday, utc(2026, 3, 28, 12)) == 2
        assert days_left(monday, utc(2026, 3, 29, 22, 59)) == 1  # 23:59 BST on the Sunday
        assert days_left(monday, utc(2026, 3, 29, 23)) == 0  # midnight BST: Monday
        # across the change back to GMT (01:00 UTC on Sunday 25 October 2026): due 00:30 on Monday 26 October;
        # from 00:30 BST on the Sunday (23:30 UTC on the Saturday) that is one UK day, the 25-hour Sunday
        assert days_left(utc(2026, 10, 26, 0, 30), utc(2026, 10, 24, 23, 30)) == 1
        assert days_left(utc(2026, 10, 26, 0, 30), utc(2026, 10, 25, 23, 59)) == 1  # 23:59 GMT on the Sunday
        assert days_left(utc(2026, 10, 26, 0, 30), utc(2026, 10, 26, 0, 0)) == 0
    finally:
        deadline = dt.datetime.fromisoformat(referral["offerDeadline"])
        in_database(api, update(table).where(table.c.id == pk(referral["id"])).values(offer_deadline=deadline))


def test_days_left_is_null_without_a_deadline_or_once_it_has_passed(writable: WritableApi) -> None:
    api = writable
    running = api.gql(PLACEMENTS, token=api.token(Role.AUDITOR))["callOffs"]["nodes"]
    providers = list(dict.fromkeys(pk(n["provider"]["id"]) for n in running))

    def spring_reports(token: str) -> list[dict[str, Any]]:
        return [
            i
            for i in items(api, token)
            if i["kind"] == "OUTCOME_REPORT_DUE" and (i["academicYear"], i["term"]) == (2025, "SPRING")
        ]

    # the spring term's reports are due at 17:00 UTC on 15 April 2026, 18:00 BST
    api.at(utc(2026, 4, 15, 16, 59))
    token, due = next(
        (t, found)
        for t in (api.token(Role.PROVIDER_USER, provider_id=p, subject=f"reports-{p}") for p in providers)
        if (found := spring_reports(t))
    )
    assert all(i["daysLeft"] == 0 and not i["overdue"] for i in due)
    api.at(utc(2026, 4, 14, 23, 30))  # 00:30 BST on 15 April: due today, though 14 April in UTC
    assert {i["daysLeft"] for i in spring_reports(token)} == {0}
    api.at(utc(2026, 4, 14, 22, 59))  # 23:59 BST on 14 April
    assert {i["daysLeft"] for i in spring_reports(token)} == {1}
    # a minute after the deadline the same reports are overdue, still listed, with no days left
    api.at(utc(2026, 4, 15, 17, 1))
    late = spring_reports(token)
    assert {(i["record"]["id"], i["term"]) for i in late} == {(i["record"]["id"], i["term"]) for i in due}
    assert all(i["overdue"] and i["daysLeft"] is None for i in late)

    # decisions and queried reports have no deadline, and no days left
    api.at(DEMO_NOW)
    seen = [i for p in providers for i in items(api, api.token(Role.PROVIDER_USER, provider_id=p, subject=f"r-{p}"))]
    undated = [i for i in seen if i["deadline"] is None]
    assert undated and all(i["daysLeft"] is None for i in undated)
    assert any(i["daysLeft"] is not None and i["daysLeft"] > 0 for i in seen)


def test_the_kinds_of_document_a_record_takes_are_known_from_its_id_alone(api: Api) -> None:
    """The portal offers only the document types the upload would accept; the answer needs no token and says
    nothing of whether the record exists."""
    gid = global_id
    query = "query($owner: ID!) { documentTypes(owner: $owner) }"
    kinds = {name: api.gql(query, {"owner": gid(name, 1)})["documentTypes"] for name in ("Bid", "OutcomeReport")}
    assert kinds == {
        "Bid": ["INSURANCE", "SAFEGUARDING_POLICY", "OFSTED_REPORT", "OTHER"],
        "OutcomeReport": ["OUTCOME_EVIDENCE"],
    }
    assert api.gql(query, {"owner": gid("Bid", 999_999_999)})["documentTypes"] == kinds["Bid"]  # no such bid
    assert api.gql(query, {"owner": gid("Referral", 1)})["documentTypes"] == []
    token = api.token(Role.PROVIDER_USER, provider_id=1)
    assert api.gql(query, {"owner": gid("Bid", 1)}, token=token)["documentTypes"] == kinds["Bid"]
    refused = api.errors(query, {"owner": "not-an-id"})
    assert refused[0]["extensions"]["code"] == "INVALID_ID", refused
