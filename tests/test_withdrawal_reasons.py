"""A withdrawal says why: offers and bids are withdrawn with the provider's reason, over the real HTTP app.

A provider withdrawing an offer or a bid gives a reason (``input.reason``): required, not blank, at most
2,000 characters, printable. A refusal names the field, lists every problem and writes nothing: not the
withdrawal, not an audit event, not a message. The reason is stored, shown wherever the record is read
(the provider, and the referring authority for an offer; the lead authority once the round closes for a
bid), recorded in the audit event's diff (``after.withdrawalReason``) and, for an offer, carried in the
message the referring authority's commissioners receive (its e-mail, its inbox entry and its webhook
event's data). On SQLite and PostgreSQL; the migration on both too.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import create_async_engine

from api.auth.actor import Role
from api.domain.notification_kinds import Kind, render
from db.demo import data, seed_demo
from db.engine import create_engine, database_url, session_factory
from db.migrate import downgrade, head_revision, upgrade
from tests.notification_support import sql
from tests.support import DEMO_NOW, DEMO_TODAY, WritableApi
from tests.test_bids import World, load_world, ready_bid, version_of
from tests.test_notification_kinds import CHESHIRE_EAST, PUBLIC, commissioners, offer, open_referral, outbox
from tests.test_referrals import pk
from tests.test_refusals_in_words import mutate, problems_of

WHY_OFFER = "Our last day place for this age group has been taken by a placement agreed with another council."
WHY_BID = "We have decided not to apply for this lot this round: our new building is not ready."
TOO_LONG = "Give the reason for withdrawing in 1 to 2,000 characters"
UNSHOWABLE = "The reason for withdrawing contains characters that cannot be shown"

OFFER_NODE = """query($id: ID!) { node(id: $id) { ... on Offer { id status withdrawnAt withdrawalReason version } } }"""
BID_NODE = """query($id: ID!) { node(id: $id) { ... on Bid { id status withdrawnAt withdrawalReason version } } }"""
AUDIT = """query($id: ID!) { auditEvents(first: 20, filter: {entity: $id}) { edges { node { action diff } } } }"""
INBOX = """{ viewer { notifications(first: 50) { edges { node { kind subject body about } } } } }"""


@pytest.fixture(scope="module")
def world(writable_with_people: WritableApi) -> Iterator[dict[str, Any]]:
    api = writable_with_people
    api.at(DEMO_NOW)
    system = api.gql("{ purchasingSystems(first: 1) { nodes { id lots { id code } } } }")["purchasingSystems"]
    lots = {x["code"]: x["id"] for x in system["nodes"][0]["lots"]}
    yield {
        "api": api,
        "url": api.app.state.settings.database_url,
        "lots": lots,
        # the demo's Cheshire East commissioner, signed in as themselves: their inbox is theirs
        "commissioner": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=CHESHIRE_EAST, subject="ce.commissioner"),
        "auditor": api.token(Role.AUDITOR),
        "bids": load_world(api),
    }
    api.at(DEMO_NOW)


@pytest.fixture(autouse=True)
def _demo_time(writable_with_people: WritableApi) -> Iterator[None]:
    writable_with_people.at(DEMO_NOW)
    yield
    writable_with_people.at(DEMO_NOW)


def node(world: dict[str, Any], query: str, id_: str, token: str) -> dict[str, Any] | None:
    return world["api"].gql(query, {"id": id_}, token=token)["node"]


def offer_state(world: dict[str, Any], offer_id: str) -> tuple[Any, ...]:
    """What a refused withdrawal must leave as it was: the offer's row, its events and its messages."""
    row = sql(
        world["url"], "SELECT withdrawn_at, withdrawal_reason, version FROM offer WHERE id = :id", id=pk(offer_id)
    )[0]
    events = sql(
        world["url"],
        "SELECT count(*) FROM audit_event WHERE entity_type = 'Offer' AND entity_id = :id",
        id=pk(offer_id),
    )[0][0]
    messages = len(outbox(world, Kind.OFFER_WITHDRAWN, "Offer", pk(offer_id)))
    return (*row, events, messages)


def bid_state(world: dict[str, Any], bid_id: str) -> tuple[Any, ...]:
    row = sql(world["url"], "SELECT withdrawn_at, withdrawal_reason, version FROM bid WHERE id = :id", id=pk(bid_id))
    events = sql(
        world["url"], "SELECT count(*) FROM audit_event WHERE entity_type = 'Bid' AND entity_id = :id", id=pk(bid_id)
    )
    return (*row[0], events[0][0])


def refusals(
    world: dict[str, Any], name: str, given: dict[str, Any], token: str, state: Any
) -> list[list[tuple[str | None, str]]]:
    """Each bad reason refused, naming ``input.reason`` with every problem; nothing written by any of them."""
    api = world["api"]
    before = state()
    found = []
    for reason in ("", "   \n\t ", "x" * 2_001, "  " + "x" * 2_001 + "  ", "Our place \x07 has gone.", "x\x1b" * 1_001):
        result = mutate(api, name, {**given, "reason": reason}, token)
        found.append(problems_of(result))
        assert result["code"] == "VALIDATION_ERROR" and result["field"] == "input.reason", (reason, result)
        assert state() == before, reason
    # no reason at all: GraphQL refuses the request before anything runs, naming the field
    query = f"mutation($input: {name[0].upper() + name[1:]}Input!) {{ {name}(input: $input) {{ __typename }} }}"
    errors = api.errors(query, {"input": given}, token=token)
    assert errors[0]["extensions"]["code"] == "VALIDATION_ERROR", errors
    assert errors[0]["extensions"]["field"] == "input.reason", errors
    literal = ", ".join(f"{k}: {v!r}".replace("'", '"') for k, v in given.items())
    errors = api.errors(f"mutation {{ {name}(input: {{{literal}}}) {{ __typename }} }}", token=token)
    assert errors[0]["extensions"] == {"code": "VALIDATION_ERROR", "field": "input.reason"}, errors
    # a NUL character (which PostgreSQL cannot store) is refused before anything runs too
    errors = api.errors(query, {"input": {**given, "reason": "Our place\x00 has gone."}}, token=token)
    assert errors[0]["extensions"]["code"] == "VALIDATION_ERROR", errors
    assert errors[0]["extensions"]["field"].endswith("input.reason"), errors
    assert state() == before
    return found


EXPECTED_PROBLEMS = [
    [("input.reason", TOO_LONG)],  # empty
    [("input.reason", TOO_LONG)],  # blank
    [("input.reason", TOO_LONG)],  # 2,001 characters
    [("input.reason", TOO_LONG)],  # 2,001 characters, however padded
    [("input.reason", UNSHOWABLE)],  # a control character
    [("input.reason", TOO_LONG)],  # too long comes first
]


# -- offers ----------------------------------------------------------------------------------------


def made_offer(world: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A new Cheshire East referral, opened, and an offer against it: (referral, offer with its token)."""
    referral, invited = open_referral(world)
    return referral, offer(world, referral, invited[0])


def test_an_offer_is_withdrawn_only_with_a_reason_and_a_refusal_writes_nothing(world: dict[str, Any]) -> None:
    api = world["api"]
    _, made = made_offer(world)
    given = {"offer": made["id"], "version": made["version"]}
    found = refusals(world, "withdrawOffer", given, made["token"], lambda: offer_state(world, made["id"]))
    assert found == EXPECTED_PROBLEMS
    still = node(world, OFFER_NODE, made["id"], made["token"])
    assert still is not None and still["status"] == "SUBMITTED" and still["withdrawalReason"] is None

    # a reason of exactly 2,000 characters, once trimmed, is taken as given
    longest = "  " + "Our place has been taken. " * 76 + "x" * 24 + " \n"
    assert len(longest.strip()) == 2_000
    gone = mutate(
        api, "withdrawOffer", {**given, "reason": longest}, made["token"], "offer { status withdrawalReason }"
    )
    assert gone["__typename"] == "WithdrawOfferPayload", gone
    assert gone["offer"] == {"status": "WITHDRAWN", "withdrawalReason": longest.strip()}
    # withdrawn once: a second withdrawal is refused for the offer's state, whatever its reason
    again = mutate(api, "withdrawOffer", {**given, "version": made["version"] + 1, "reason": WHY_OFFER}, made["token"])
    assert again["__typename"] == "InvalidTransition", again
    assert node(world, OFFER_NODE, made["id"], made["token"])["withdrawalReason"] == longest.strip()  # type: ignore[index]


@pytest.fixture(scope="module")
def withdrawn_offer(world: dict[str, Any]) -> dict[str, Any]:
    """An offer withdrawn with ``WHY_OFFER`` (given with spaces and a line break around it)."""
    world["api"].at(DEMO_NOW)
    referral, made = made_offer(world)
    given = {"offer": made["id"], "version": made["version"], "reason": f"  {WHY_OFFER}\n"}
    gone = mutate(world["api"], "withdrawOffer", given, made["token"], "offer { id status withdrawalReason }")
    assert gone["__typename"] == "WithdrawOfferPayload", gone
    assert gone["offer"]["withdrawalReason"] == WHY_OFFER and gone["offer"]["status"] == "WITHDRAWN"
    return {**made, "referral": referral}


def test_the_reason_is_stored_and_read_by_the_provider_and_the_council_only(
    world: dict[str, Any], withdrawn_offer: dict[str, Any]
) -> None:
    api, offer_id = world["api"], withdrawn_offer["id"]
    stored = sql(world["url"], "SELECT withdrawal_reason FROM offer WHERE id = :id", id=pk(offer_id))
    assert stored[0][0] == WHY_OFFER
    # the provider, the referring council (its commissioner and its analyst) and auditors read it
    analyst = api.token(Role.AUTHORITY_ANALYST, authority_id=CHESHIRE_EAST)
    for token in (withdrawn_offer["token"], world["commissioner"], analyst, world["auditor"]):
        seen = node(world, OFFER_NODE, offer_id, token)
        assert seen is not None and seen["status"] == "WITHDRAWN" and seen["withdrawalReason"] == WHY_OFFER
    # on the referral's offers too, for the council
    listed = api.gql(
        "query($id: ID!) { node(id: $id) { ... on Referral { offers { id withdrawalReason } } } }",
        {"id": withdrawn_offer["referral"]["id"]},
        token=world["commissioner"],
    )["node"]["offers"]
    assert {"id": offer_id, "withdrawalReason": WHY_OFFER} in listed
    # nobody else reads the offer at all: another provider, another council
    stranger = api.token(Role.PROVIDER_USER, provider_id=withdrawn_offer["provider"] % 30 + 1)
    elsewhere = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=CHESHIRE_EAST + 1)
    for token in (stranger, elsewhere):
        errors = api.errors(OFFER_NODE, {"id": offer_id}, token=token)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND", errors


def test_the_reason_is_in_the_audit_event_and_on_the_offer_never_in_a_message(
    world: dict[str, Any], withdrawn_offer: dict[str, Any]
) -> None:
    api, offer_id = world["api"], withdrawn_offer["id"]
    events = api.gql(AUDIT, {"id": offer_id}, token=world["auditor"])["auditEvents"]["edges"]
    [withdrawal] = [e["node"] for e in events if e["node"]["action"] == "offer.withdrawn"]
    assert withdrawal["diff"] == {
        "before": {"status": "SUBMITTED"},
        "after": {"status": "WITHDRAWN", "withdrawalReason": WHY_OFFER},
    }

    # the message: one row per Cheshire East commissioner; free text never leaves the portal, so the
    # reason is not in it, nor in the webhook event's data
    rows = outbox(world, Kind.OFFER_WITHDRAWN, "Offer", pk(offer_id))
    assert {r.user_id for r in rows} == commissioners(world, CHESHIRE_EAST) != set()
    for row in rows:
        rendered = render(Kind.OFFER_WITHDRAWN, _payload(row), public_url=PUBLIC)
        assert WHY_OFFER not in rendered.body and WHY_OFFER not in str(rendered.personalisation)
    # the commissioner reads it on the offer
    seen = api.gql(OFFER_NODE, {"id": offer_id}, token=world["commissioner"])["node"]
    assert seen["withdrawalReason"] == WHY_OFFER
    # the provider is told nothing: the message is the council's
    every = sql(world["url"], "SELECT recipient_type FROM notification WHERE subject_type = 'Offer'")
    assert {r.recipient_type for r in every} == {"Authority"}


def _payload(row: Any) -> dict[str, Any]:
    import json

    return row.payload if isinstance(row.payload, dict) else json.loads(row.payload)


def test_the_demos_withdrawn_offers_carry_a_reason(world: dict[str, Any]) -> None:
    query = "{ offers(first: 100, filter: {status: WITHDRAWN}) { nodes { id withdrawalReason } } }"
    withdrawn = world["api"].gql(query, token=world["auditor"])["offers"]["nodes"]
    seeded = [o for o in withdrawn if o["withdrawalReason"] in data.OFFER_WITHDRAWAL_REASONS]
    assert seeded, "the demo should have a withdrawn offer"
    assert all(o["withdrawalReason"] for o in withdrawn), withdrawn


# -- bids ------------------------------------------------------------------------------------------


def test_a_bid_is_withdrawn_only_with_a_reason_and_a_refusal_writes_nothing(world: dict[str, Any]) -> None:
    bids: World = world["bids"]
    api, bidder = world["api"], bids.bidder()
    bid = ready_bid(bids, bidder, bids.round2)
    submitted = mutate(api, "submitBid", {"bid": bid, "version": version_of(bids, bid, bidder.token)}, bidder.token)
    assert submitted["__typename"] == "SubmitBidPayload", submitted
    given = {"bid": bid, "version": version_of(bids, bid, bidder.token)}
    found = refusals(world, "withdrawBid", given, bidder.token, lambda: bid_state(world, bid))
    assert found == EXPECTED_PROBLEMS
    assert node(world, BID_NODE, bid, bidder.token)["status"] == "SUBMITTED"  # type: ignore[index]

    gone = mutate(api, "withdrawBid", {**given, "reason": WHY_BID}, bidder.token, "bid { status withdrawalReason }")
    assert gone["__typename"] == "WithdrawBidPayload", gone
    assert gone["bid"] == {"status": "WITHDRAWN", "withdrawalReason": WHY_BID}
    stored = sql(world["url"], "SELECT withdrawal_reason FROM bid WHERE id = :id", id=pk(bid))
    assert stored[0][0] == WHY_BID


def test_a_bids_reason_is_read_where_the_bid_is_and_recorded_in_its_audit_event(world: dict[str, Any]) -> None:
    bids: World = world["bids"]
    api, bidder, other = world["api"], bids.bidder(), bids.bidder()
    draft = mutate(api, "createBid", {"round": bids.round2["id"]}, bidder.token, "bid { id version }")["bid"]
    longest = "x" * 2_000
    gone = mutate(
        api, "withdrawBid", {"bid": draft["id"], "version": draft["version"], "reason": f" {longest} "}, bidder.token
    )
    assert gone["__typename"] == "WithdrawBidPayload", gone
    # sealed while the round is open: the bidder reads its reason, nobody else reads the bid
    assert node(world, BID_NODE, draft["id"], bidder.token)["withdrawalReason"] == longest  # type: ignore[index]
    for token in (bids.lead, other.token):
        errors = api.errors(BID_NODE, {"id": draft["id"]}, token=token)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND", errors

    # once the round has closed, the lead authority and auditors read the bid, its reason and its history
    api.at(dt.datetime.fromisoformat(bids.round2["closesAt"]))
    for token in (bids.lead, bids.auditor):
        seen = node(world, BID_NODE, draft["id"], token)
        assert seen is not None and seen["status"] == "WITHDRAWN" and seen["withdrawalReason"] == longest
    events = api.gql(AUDIT, {"id": draft["id"]}, token=bids.auditor)["auditEvents"]["edges"]
    [withdrawal] = [e["node"] for e in events if e["node"]["action"] == "bid.withdrawn"]
    assert withdrawal["diff"] == {
        "before": {"status": "DRAFT"},
        "after": {"status": "WITHDRAWN", "withdrawalReason": longest},
    }
    # another provider never reads it
    errors = api.errors(BID_NODE, {"id": draft["id"]}, token=other.token)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND", errors


# -- the column and its rule, from a database that had withdrawals before reasons ----------------


async def _migrate_to(url: str, revision: str, *, down: bool = False, seed: bool = False, plain: bool = False) -> None:
    """Migrate to ``revision`` (seeding the demo after, if asked) on the project's engine, or on a ``plain`` one,
    which on SQLite does not enforce foreign keys: the way to take the demo's rows down to 0014 there."""
    engine = create_async_engine(database_url(url)) if plain else create_engine(url)
    try:
        await (downgrade(engine, revision) if down else upgrade(engine, revision))
        if seed:
            async with session_factory(engine)() as session:
                await seed_demo(session, today=DEMO_TODAY)
                await session.commit()
    finally:
        await engine.dispose()


def test_withdrawals_made_before_reasons_survive_the_migration_and_the_rule_holds(empty_database: str) -> None:
    """The demo's withdrawn offers taken down to 0014 lose their reasons, as rows withdrawn before reasons were
    asked for: 0015 upgrades them as they are, and from then on a reason belongs only to a withdrawal."""
    url = empty_database
    asyncio.run(_migrate_to(url, "head", seed=True))
    count = "SELECT count(*) FROM offer WHERE withdrawn_at IS NOT NULL"
    withdrawn = sql(url, count)[0][0]
    assert withdrawn > 0
    if url.startswith("sqlite"):  # down there rebuilds the tables: refused while rows refer to them, unchanged
        with pytest.raises(RuntimeError, match="Nothing was changed"):
            asyncio.run(_migrate_to(url, "0014", down=True))
        assert sql(url, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%alembic_tmp%'")[0][0] == 0
        # the whole way down is one transaction: refused at 0015, nothing of the later revisions came down either
        assert sql(url, "SELECT version_num FROM alembic_version")[0][0] == head_revision()
    asyncio.run(_migrate_to(url, "0014", down=True, plain=True))
    assert sql(url, count)[0][0] == withdrawn
    # up again as the API does it, foreign keys enforced: bid lots and call-offs refer to these rows
    asyncio.run(_migrate_to(url, "head"))
    assert sql(url, count)[0][0] == withdrawn
    assert sql(url, "SELECT count(*) FROM offer WHERE withdrawal_reason IS NOT NULL")[0][0] == 0

    # a withdrawn offer or bid may be given a reason; a live one may not
    (live_offer,) = sql(url, "SELECT min(id) FROM offer WHERE withdrawn_at IS NULL")[0]
    (old_offer,) = sql(url, "SELECT min(id) FROM offer WHERE withdrawn_at IS NOT NULL")[0]
    sql(url, "UPDATE offer SET withdrawal_reason = 'Full.' WHERE id = :id", id=old_offer)
    with pytest.raises(IntegrityError, match="withdrawal_reason_withdrawn"):
        sql(url, "UPDATE offer SET withdrawal_reason = 'Full.' WHERE id = :id", id=live_offer)
    (live_bid,) = sql(url, "SELECT min(id) FROM bid WHERE withdrawn_at IS NULL")[0]
    with pytest.raises(IntegrityError, match="withdrawal_reason_withdrawn"):
        sql(url, "UPDATE bid SET withdrawal_reason = 'Not applying.' WHERE id = :id", id=live_bid)
    assert Path(__file__).name == "test_withdrawal_reasons.py"
