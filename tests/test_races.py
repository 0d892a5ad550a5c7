"""Races on PostgreSQL, with requests really in flight together, over many rounds.

- submissions at the round's deadline, which falls between the requests;
- two commissioners of one authority awarding the same referral at once;
- concurrent fee amendments of one call-off;
- a lot membership suspended while its member makes an offer;
- a direct award, a new offer and a withdrawal on one referral at once.

The two-request races of one kind already in tests/test_bids.py and
tests/test_calloffs.py (one commissioner awarding twice, one provider
submitting twice) are not repeated here.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.conftest import _migrate_and_seed
from tests.reliability import CHAIN_LOCK, POSTGRES_ONLY, sql, value
from tests.support import DEMO_NOW, WritableApi, fresh_database, serve
from tests.test_bids import World, gid, load_world, ready_bid, schedule_round, version_of
from tests.test_calloffs import LATER, REFERRAL, block_input, commissioner_of, lot_by_code, member_place, score_all
from tests.test_offers import Demo, call, card, demo_of, mutation_text, node, offer_input, ok, pk

pytestmark = POSTGRES_ONLY


class RunningClock:
    """A clock set to a moment, from which it runs on in real time: a deadline can fall between two requests."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    @property
    def at(self) -> dt.datetime:
        return self._at

    @at.setter
    def at(self, moment: dt.datetime) -> None:
        self._at, self._set = moment, time.monotonic()

    def now(self) -> dt.datetime:
        return self._at + dt.timedelta(seconds=time.monotonic() - self._set)


@dataclass
class Race:
    api: WritableApi
    url: str
    world: World
    demo: Demo


@pytest.fixture(scope="module")
def race(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Race]:
    directory = tmp_path_factory.mktemp("races")
    with fresh_database(backend, directory) as url:
        asyncio.run(_migrate_and_seed(url))
        clock = RunningClock(DEMO_NOW)
        live = serve(url, directory, clock=clock)
        try:
            with httpx.Client(base_url=live.base_url, timeout=60) as http:
                api = WritableApi(live=live, http=http, backend=backend, clock=clock)  # type: ignore[arg-type]
                yield Race(api=api, url=url, world=load_world(api), demo=demo_of(api))
        finally:
            live.stop()


def together(
    api: WritableApi,
    calls: list[tuple[str, dict[str, Any], str]],
    *,
    selection: str,
    spread: float = 0.0,
    ready: Any = None,
) -> list[dict[str, Any]]:
    """Send the calls at once (or the i-th ``spread × i / n`` seconds after the first), each on its own connection;
    ``ready()`` runs when every connection is ready to send.

    Every answer must be a 200 with data: a typed error is an outcome, anything else a failure.
    """
    barrier = threading.Barrier(len(calls), action=ready)
    answers: list[Any] = [None] * len(calls)

    def send(i: int, name: str, input: dict[str, Any], token: str) -> None:
        with httpx.Client(base_url=api.live.base_url, timeout=60) as client:
            barrier.wait()
            if spread:
                time.sleep(spread * i / len(calls))
            response = client.post(
                "/graphql",
                json={"query": mutation_text(name, selection), "variables": {"input": input}},
                headers={"Authorization": f"Bearer {token}"},
            )
        answers[i] = (response.status_code, response.json())

    threads = [threading.Thread(target=send, args=(i, *c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    results = []
    for (name, _, _), (status, body) in zip(calls, answers):
        assert status == 200 and not body.get("errors"), body
        results.append(body["data"][name])
    return results


def events(url: str, entity_type: str, entity_id: int) -> list[tuple[int, str]]:
    rows = sql(
        url,
        "SELECT id, action FROM audit_event WHERE entity_type = $1 AND entity_id = $2 ORDER BY id",
        entity_type,
        entity_id,
    )
    return [(r["id"], r["action"]) for r in rows]


# -- submissions at the deadline --------------------------------------------------------------------------


@pytest.mark.parametrize("attempt", range(3))
def test_submissions_at_the_deadline_are_in_or_out_never_between(race: Race, attempt: int) -> None:
    api, world = race.api, race.world
    start = DEMO_NOW + dt.timedelta(days=400 + 10 * attempt)
    api.at(start)
    closes = start + dt.timedelta(days=2)
    round_ = schedule_round(world, opens=start + dt.timedelta(hours=1), closes=closes)
    api.at(start + dt.timedelta(hours=2))
    bidders = world.any_bidders()[:8]
    bids = [ready_bid(world, bidder, round_) for bidder in bidders]
    versions = [version_of(world, bid, bidder.token) for bid, bidder in zip(bids, bidders)]
    submissions = [
        ("submitBid", {"bid": bid, "version": version}, bidder.token)
        for bid, version, bidder in zip(bids, versions, bidders)
    ]
    # sent over 2.4 s, the deadline falling 1.2 s after the first: the last ones are late whatever the latency
    results = together(
        api,
        submissions,
        selection="bid { status submittedAt version }",
        spread=2.4,
        ready=lambda: api.at(closes - dt.timedelta(seconds=1.2)),
    )
    api.at(start + dt.timedelta(hours=2))

    kinds = [r["__typename"] for r in results]
    assert set(kinds) == {"SubmitBidPayload", "DeadlinePassed"}, kinds  # both sides of the deadline were reached
    for bid, version, result in zip(bids, versions, results):
        row = sql(race.url, "SELECT submitted_at, version FROM bid WHERE id = $1", pk(bid))[0]
        submitted = [a for _, a in events(race.url, "Bid", pk(bid))].count("bid.submitted")
        if result["__typename"] == "SubmitBidPayload":
            at = dt.datetime.fromisoformat(result["bid"]["submittedAt"])
            assert at < closes and row["submitted_at"] == at, (result, row)
            assert row["version"] == version + 1 and submitted == 1
        else:
            assert dt.datetime.fromisoformat(result["deadline"]) == closes
            assert row["submitted_at"] is None and row["version"] == version and submitted == 0


# -- two commissioners award one referral at once ----------------------------------------------------------


def _awardable(referral: dict[str, Any]) -> bool:
    live = [o for o in referral["offers"] if o["status"] == "SUBMITTED"]
    return referral["status"] in ("OPEN", "CLOSED") and len(live) >= (2 if referral["mode"] == "COMPETITION" else 1)


def test_two_commissioners_awarding_one_referral_make_one_call_off(race: Race) -> None:
    api, demo = race.api, race.demo
    api.at(LATER)
    referrals = demo.pick(_awardable, count=4)
    for referral in referrals:
        first = demo.commissioner(referral, subject="commissioner.one")
        second = demo.commissioner(referral, subject="commissioner.two")
        if referral["mode"] == "COMPETITION":
            order = score_all(demo, referral, first)
            rival = {"offer": order[1], "reason": "Nearer the child's home."}
            top = {"offer": order[0]}
        else:
            offers = demo.live_offers(referral)
            top = {"offer": offers[0]["id"], "reason": "The only school in reach; agreed at panel."}
            rival = {"offer": offers[-1]["id"], "reason": "Agreed at panel."}
        version = node(api, REFERRAL, referral["id"], first)["version"]
        before = value(race.url, "SELECT count(*) FROM call_off")
        results = together(
            api,
            [
                ("awardReferral", {**top, "version": version}, first),
                ("awardReferral", {**rival, "version": version}, second),
            ],
            selection="callOff { id awardedBy }",
        )
        kinds = sorted(r["__typename"] for r in results)
        assert kinds[0] == "AwardReferralPayload" and kinds[1] in ("InvalidTransition", "StaleVersion"), results
        winner = next(r for r in results if r["__typename"] == "AwardReferralPayload")["callOff"]
        assert value(race.url, "SELECT count(*) FROM call_off") == before + 1
        rows = sql(race.url, "SELECT id, awarded_by FROM call_off WHERE referral_id = $1", pk(referral["id"]))
        assert [(r["id"], r["awarded_by"]) for r in rows] == [(pk(winner["id"]), winner["awardedBy"])]
        seen = node(api, REFERRAL, referral["id"], first)
        assert seen["status"] == "AWARDED" and [o["status"] for o in seen["offers"]].count("ACCEPTED") == 1
        assert [a for _, a in events(race.url, "Referral", pk(referral["id"]))] == ["referral.awarded"]
    api.at(DEMO_NOW)


# -- concurrent fee amendments ----------------------------------------------------------------------------

AMENDED = "callOff { version weeklyFees { education total } } amendment { id }"
AMENDMENTS = (
    "SELECT id, before_education_weekly_pence AS before, after_education_weekly_pence AS after FROM fee_amendment "
    "WHERE call_off_id = $1 ORDER BY effective_from, id"
)


def test_concurrent_fee_amendments_lose_no_update(race: Race) -> None:
    api, demo = race.api, race.demo
    api.at(DEMO_NOW)
    commissioners = [commissioner_of(demo, subject=f"commissioner.fees.{i}") for i in range(4)]
    lot = lot_by_code(demo, "L2")
    establishment, _ = member_place(demo, lot, places=1)
    start = DEMO_NOW.date() + dt.timedelta(days=7)
    made = ok(
        api,
        "createBlockContract",
        block_input(lot, establishment, startDate=start.isoformat(), weeklyFees={"education": 100_000}),
        commissioners[0],
        "callOff { id version }",
    )["callOff"]
    call_off, version, fee = made["id"], made["version"], 100_000
    for round_ in range(5):
        attempted = [fee + 1_000 * (round_ * 10 + i + 1) for i in range(len(commissioners))]
        calls = [
            (
                "amendCallOffFees",
                {
                    "callOff": call_off,
                    "version": version,
                    "effectiveFrom": (start + dt.timedelta(days=30 * (round_ + 1))).isoformat(),
                    "reason": "NEEDS_CHANGE",
                    "note": f"Round {round_}, by commissioner {i}.",
                    "weeklyFees": {"education": pence},
                },
                token,
            )
            for i, (pence, token) in enumerate(zip(attempted, commissioners))
        ]
        results = together(api, calls, selection=AMENDED)
        won = [r for r in results if r["__typename"] == "AmendCallOffFeesPayload"]
        lost = [r for r in results if r["__typename"] != "AmendCallOffFeesPayload"]
        assert {r["__typename"] for r in lost} <= {"StaleVersion"}, results
        assert len(won) == 1, results  # one wins; the others based theirs on a version that is gone
        chain = sql(race.url, AMENDMENTS, pk(call_off))
        fees = [fee] + [row["after"] for row in chain[-len(won) :]]
        # no lost update: each amendment starts from the fee the one before it left
        assert [row["before"] for row in chain[-len(won) :]] == fees[:-1]
        assert set(fees[1:]) <= set(attempted) and len(set(fees[1:])) == len(won)
        current = sql(race.url, "SELECT education_weekly_pence, version FROM call_off WHERE id = $1", pk(call_off))[0]
        assert current["education_weekly_pence"] == fees[-1]
        fee, version = fees[-1], current["version"]
        assert max(w["callOff"]["version"] for w in won) == version
    chain = sql(race.url, AMENDMENTS, pk(call_off))
    assert all(a["after"] == b["before"] for a, b in zip(chain, chain[1:]))
    audited = [a for _, a in events(race.url, "CallOff", pk(call_off))].count("callOff.fees_amended")
    assert audited == len(chain)


# -- a membership suspended while its member makes an offer -----------------------------------------------

MEMBERSHIP = "query($id: ID!) { node(id: $id) { ... on LotMembership { status version } } }"


def test_an_offer_made_as_the_membership_is_suspended_is_refused_or_came_first(race: Race) -> None:
    api, demo, world = race.api, race.demo, race.world
    api.at(DEMO_NOW)
    (referral,) = demo.pick(
        lambda r: (
            r["status"] == "OPEN"
            and r["invitedProviders"]
            and dt.datetime.fromisoformat(r["offerDeadline"]) > DEMO_NOW + dt.timedelta(days=1)
        )
    )
    provider = referral["invitedProviders"][0]["id"]
    token = demo.provider(provider)
    membership = demo.membership(referral["lot"]["id"], provider)
    assert membership["status"] == "ACTIVE"
    establishment = membership["establishments"][0]["id"]
    weekly = {
        k: v for k, v in card(membership).items() if referral["lot"]["placementType"] == "RESIDENTIAL" or k != "care"
    }
    outcomes = []
    for attempt in range(8):
        demo.clear(demo.referral(referral["id"]), provider)
        version = node(api, MEMBERSHIP, membership["id"], world.lead)["version"]
        suspend = {"membership": membership["id"], "reason": f"Inspection, round {attempt}.", "version": version}
        terms = offer_input(referral, establishment, weekly, qualityAnswers=[])
        suspended, offered = together(
            api,
            [("suspendMembership", suspend, world.lead), ("submitOffer", terms, token)],
            selection="__typename",
        )
        assert suspended["__typename"] == "MembershipPayload", suspended
        trail = sql(
            race.url,
            "SELECT id, action, entity_id FROM audit_event WHERE (entity_type = 'LotMembership' AND entity_id = $1) "
            "OR (entity_type = 'Offer' AND action = 'offer.submitted') ORDER BY id DESC LIMIT 2",
            pk(membership["id"]),
        )
        suspension = next(r["id"] for r in trail if r["action"] == "membership.suspended")
        if offered["__typename"] == "SubmitOfferPayload":
            offer_event = next(r["id"] for r in trail if r["action"] == "offer.submitted")
            # accepted: so it was made, and recorded, before the suspension
            assert offer_event < suspension, trail
            outcomes.append("offered first")
        else:
            assert offered["__typename"] == "InvalidTransition" and "is suspended" in offered["message"], offered
            live = value(
                race.url,
                "SELECT count(*) FROM offer WHERE referral_id = $1 AND establishment_id = $2 AND withdrawn_at IS NULL",
                pk(referral["id"]),
                pk(establishment),
            )
            assert live == 0
            outcomes.append("refused")
        version = node(api, MEMBERSHIP, membership["id"], world.lead)["version"]
        back = call(api, "reinstateMembership", {"membership": membership["id"], "version": version}, world.lead)
        assert back["__typename"] == "MembershipPayload", back
    assert len(outcomes) == 8


# -- an award, an offer and a withdrawal on one referral at once ------------------------------------------

RACING_REFERRAL = """query($id: ID!) { node(id: $id) { ... on Referral { matches(sortBy: DISTANCE) {
  eligible establishment { id } provider { id } } } } }"""
LIVE_OFFERS = (
    "SELECT count(*) FROM offer WHERE referral_id = $1 "
    "AND withdrawn_at IS NULL AND accepted_at IS NULL AND declined_at IS NULL"
)


def _direct_referral(race: Race, commissioner: str, lot: str, attempt: int) -> str:
    child = {
        "reference": f"CE-RACE-{attempt:03d}",
        "ageAtStart": 10,
        "gender": "MALE",
        "primaryNeed": "ASD",
        "secondaryNeeds": [],
        "homePostcodeDistrict": "CW1",
        "homeLatitude": 53.09,
        "homeLongitude": -2.44,
        "needsSummary": "Needs a calm environment and small classes.",
    }
    made = ok(
        race.api,
        "createReferral",
        {
            "lot": lot,
            "child": child,
            "startBy": (DEMO_NOW.date() + dt.timedelta(days=40)).isoformat(),
            "offerDeadline": (DEMO_NOW + dt.timedelta(days=7)).isoformat(),
            "mode": "DIRECT_AWARD",
            "qualityQuestions": [],
        },
        commissioner,
        "referral { id }",
    )
    return made["referral"]["id"]


def _offer(referral: str, establishment: str) -> dict[str, Any]:
    return {
        "referral": referral,
        "establishment": establishment,
        "weeklyFees": {"education": 150_000},
        "startDate": (DEMO_NOW.date() + dt.timedelta(days=30)).isoformat(),
        "qualityAnswers": [],
        "qualityStatement": "A calm, structured day with a named key worker.",
        "justification": "Speech and language therapy twice a week.",
    }


def _offer_of(race: Race, referral: str, establishment: str) -> int:
    return value(
        race.url,
        "SELECT id FROM offer WHERE referral_id = $1 AND establishment_id = $2 ORDER BY id DESC LIMIT 1",
        pk(referral),
        pk(establishment),
    )


@dataclass
class DirectAward:
    """A DIRECT_AWARD referral's set-up: the commissioner, the lot, and one invited provider's two schools."""

    commissioner: str
    lot: str
    provider: str
    token: str
    first: str
    second: str


def _direct_award(race: Race, subject: str, offset: int) -> DirectAward:
    """A provider with two eligible establishments for the racing referrals of Cheshire East on lot L1."""
    commissioner = commissioner_of(race.demo, subject=subject)
    lot = lot_by_code(race.demo, "L1")["id"]
    probe = _direct_referral(race, commissioner, lot, offset)
    places: dict[str, list[str]] = {}
    for match in node(race.api, RACING_REFERRAL, probe, commissioner)["matches"]:
        if match["eligible"]:
            places.setdefault(match["provider"]["id"], []).append(match["establishment"]["id"])
    provider, (first, second) = next((p, e[:2]) for p, e in places.items() if len(e) >= 2)
    return DirectAward(commissioner, lot, provider, race.demo.provider(provider), first, second)


def _opened(race: Race, setup: DirectAward, attempt: int) -> tuple[str, int]:
    """A new DIRECT_AWARD referral opened to the provider, with an offer from its first school."""
    referral = _direct_referral(race, setup.commissioner, setup.lot, attempt)
    ok(race.api, "openReferral", {"referral": referral, "providers": [setup.provider]}, setup.commissioner)
    ok(race.api, "submitOffer", _offer(referral, setup.first), setup.token)
    return referral, _offer_of(race, referral, setup.first)


AWARD_REASON = "The only school in reach; agreed at panel."


def test_an_offer_made_as_the_referral_is_awarded_is_declined_or_refused(race: Race) -> None:
    """An award and a second offer sent together, 30 times: the offer came first and is declined, or is refused.

    Never both accepted with the new offer left SUBMITTED on the awarded referral.
    """
    api = race.api
    api.at(DEMO_NOW)
    setup = _direct_award(race, "commissioner.race.offers", 100)
    outcomes = []
    for attempt in range(101, 131):
        referral, winner = _opened(race, setup, attempt)
        awarded, offered = together(
            api,
            [
                ("awardReferral", {"offer": gid("Offer", winner), "reason": AWARD_REASON}, setup.commissioner),
                ("submitOffer", _offer(referral, setup.second), setup.token),
            ],
            selection="__typename",
        )
        assert awarded["__typename"] == "AwardReferralPayload", awarded
        assert value(race.url, LIVE_OFFERS, pk(referral)) == 0, (attempt, offered)
        award_event = next(i for i, a in events(race.url, "Referral", pk(referral)) if a == "referral.awarded")
        newest = _offer_of(race, referral, setup.second)
        if offered["__typename"] == "SubmitOfferPayload":
            trail = events(race.url, "Offer", newest)
            assert [a for _, a in trail] == ["offer.submitted", "offer.declined"], trail
            assert trail[0][0] < award_event
            outcomes.append("offered first")
        else:
            assert offered["__typename"] == "InvalidTransition" and "has been awarded" in offered["message"], offered
            assert newest is None
            outcomes.append("refused")
    assert len(outcomes) == 30


class HeldChain:
    """The audit chain's lock held from outside: each change that reaches its audit event waits there, with
    what it has read and written so far, until :meth:`release`."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.held = threading.Event()
        self.free = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._hold()), daemon=True)

    async def _hold(self) -> None:
        import asyncpg

        connection = await asyncpg.connect(self.url)
        try:
            await connection.execute("SELECT pg_advisory_lock($1)", CHAIN_LOCK)
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self.free.wait, 30)
            await connection.execute("SELECT pg_advisory_unlock($1)", CHAIN_LOCK)
        finally:
            await connection.close()

    def __enter__(self) -> HeldChain:
        self.thread.start()
        assert self.held.wait(10)
        return self

    def release_after(self, seconds: float) -> None:
        threading.Timer(seconds, self.free.set).start()

    def __exit__(self, *exc: Any) -> None:
        self.free.set()
        self.thread.join(10)


@pytest.mark.parametrize("first", ["award", "offer"])
def test_an_offer_held_up_in_the_middle_of_an_award_is_settled_against_it(race: Race, first: str) -> None:
    """The interleaving forced, not hoped for: the award and the offer each stop at their audit event, having
    read and written all they would, while the chain's lock is held; then both finish. Whichever started first
    wins: an award first refuses the offer; an offer first is declined by the award. Without the lock on the
    referral the award would have read the offers before the new one, and left it live on an awarded referral."""
    api = race.api
    api.at(DEMO_NOW)
    setup = _direct_award(race, f"commissioner.race.held.{first}", 300 if first == "award" else 310)
    referral, winner = _opened(race, setup, 301 if first == "award" else 311)
    calls = [
        ("awardReferral", {"offer": gid("Offer", winner), "reason": AWARD_REASON}, setup.commissioner),
        ("submitOffer", _offer(referral, setup.second), setup.token),
    ]
    with HeldChain(race.url) as chain:
        chain.release_after(1.5)
        answers = together(api, calls if first == "award" else calls[::-1], selection="__typename", spread=0.6)
    awarded, offered = answers if first == "award" else answers[::-1]
    assert awarded["__typename"] == "AwardReferralPayload", awarded
    assert value(race.url, LIVE_OFFERS, pk(referral)) == 0
    if first == "award":
        assert offered["__typename"] == "InvalidTransition" and "has been awarded" in offered["message"], offered
    else:
        assert offered["__typename"] == "SubmitOfferPayload", offered
        trail = events(race.url, "Offer", _offer_of(race, referral, setup.second))
        assert [a for _, a in trail] == ["offer.submitted", "offer.declined"], trail


def test_a_withdrawal_made_as_the_referral_is_awarded_stands_or_is_refused(race: Race) -> None:
    """An award and the withdrawal of another offer sent together, 10 times: one is settled before the other."""
    api = race.api
    api.at(DEMO_NOW)
    setup = _direct_award(race, "commissioner.race.withdrawals", 200)
    for attempt in range(201, 211):
        referral, winner = _opened(race, setup, attempt)
        ok(api, "submitOffer", _offer(referral, setup.second), setup.token)
        leaving = _offer_of(race, referral, setup.second)
        version = value(race.url, "SELECT version FROM offer WHERE id = $1", leaving)
        awarded, withdrawn = together(
            api,
            [
                ("awardReferral", {"offer": gid("Offer", winner), "reason": AWARD_REASON}, setup.commissioner),
                (
                    "withdrawOffer",
                    {"offer": gid("Offer", leaving), "version": version, "reason": "Our place was taken."},
                    setup.token,
                ),
            ],
            selection="__typename",
        )
        assert awarded["__typename"] == "AwardReferralPayload", awarded
        assert value(race.url, LIVE_OFFERS, pk(referral)) == 0, (attempt, withdrawn)
        award_event = next(i for i, a in events(race.url, "Referral", pk(referral)) if a == "referral.awarded")
        trail = events(race.url, "Offer", leaving)
        if withdrawn["__typename"] == "WithdrawOfferPayload":
            assert [a for _, a in trail] == ["offer.submitted", "offer.withdrawn"] and trail[-1][0] < award_event
        else:
            assert withdrawn["__typename"] == "InvalidTransition", withdrawn
            assert "has been declined" in withdrawn["message"], withdrawn
            assert [a for _, a in trail] == ["offer.submitted", "offer.declined"], trail
