"""The load test's workload, for locust (run by tests/test_load.py; not collected by pytest).

Providers draft, price, answer, submit and withdraw bids, and make and withdraw
offers; commissioners read their call-offs, referrals, matches and rankings;
analysts read the regional aggregates. Each provider is driven by one user
only, so that user knows exactly what the API acknowledged; everything
acknowledged is written to ``LOAD_RESULT`` at the end, for the test to find
in the database.

A typed error returned as data is an outcome; the workload asks for some on
purpose (a stale version). A GraphQL error, a non-200 answer or an
unexpected typed error is a failure.

``LOAD_CONFIG`` names a JSON file with the tokens and the demo's IDs.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import random
import threading
from collections import Counter
from typing import Any

from locust import HttpUser, between, events, task

CONFIG: dict[str, Any] = json.loads(open(os.environ["LOAD_CONFIG"]).read())
RESULT = os.environ["LOAD_RESULT"]

_next = {kind: itertools.count() for kind in ("providers", "commissioners", "analysts")}
_lock = threading.Lock()

acknowledged: Counter[str] = Counter()
"""Acknowledged writes, by the audit action each must have recorded."""
expected_refusals: Counter[str] = Counter()
bids: dict[int, dict[str, Any]] = {}
offers: dict[int, dict[str, Any]] = {}
in_flight: dict[int, dict[str, Any]] = {}
"""Writes sent and not yet answered: when the run ends, their outcome is unknown."""
_write_ids = itertools.count()
reads: Counter[str] = Counter()
failures: list[str] = []


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def _take(kind: str) -> dict[str, Any]:
    pool = CONFIG[kind]
    with _lock:
        return pool[next(_next[kind]) % len(pool)]


MUTATION = (
    "mutation($input: {input}!) {{ {name}(input: $input) {{ __typename "
    "... on MutationError {{ code message field }} {stale} ... on {payload} {{ {selection} }} }} }}"
)
WITHOUT_VERSION = {"createBid", "submitOffer"}
"""Mutations that take no version, and so never answer StaleVersion."""
BID_WITHDRAWN = "Withdrawn under load, to apply again with a new bid."
OFFER_WITHDRAWN = "Withdrawn under load, to offer again."
"""The reasons the load test gives for withdrawing."""

SELECTIONS = {
    "createBid": "bid { id status version }",
    "setBidLot": "bid { id version } bidLot { pricingSchedule { weeklyFee } }",
    "answerQuestions": "bid { id version }",
    "submitBid": "bid { id status version }",
    "withdrawBid": "bid { id status version }",
    "submitOffer": "offer { id status version }",
    "withdrawOffer": "offer { id status version }",
}


class GraphQLUser(HttpUser):
    abstract = True
    token = ""

    def query(self, name: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """A read that must succeed."""
        with self.client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {self.token}"},
            name=name,
            catch_response=True,
        ) as response:
            body = _body(response)
            if body is None or body.get("errors") or body.get("data") is None:
                response.failure(f"{name}: {response.status_code} {response.text[:300]}")
                failures.append(f"{name}: {response.status_code} {response.text[:300]}")
                return None
            reads[name] += 1
            return body["data"]

    def mutate(self, name: str, input: dict[str, Any], *, allowed: tuple[str, ...] = ()) -> dict[str, Any] | None:
        """A write: its payload, or a typed error named in ``allowed``; anything else is a failure.

        A write still in flight when the run ends stays in ``in_flight``: its outcome is unknown.
        """
        cap = name[0].upper() + name[1:]
        stale = "" if name in WITHOUT_VERSION else "... on StaleVersion { currentVersion }"
        text = MUTATION.format(
            input=f"{cap}Input", name=name, payload=f"{cap}Payload", selection=SELECTIONS[name], stale=stale
        )
        key = next(_write_ids)
        with _lock:
            in_flight[key] = {"name": name, "input": input}
        with self.client.post(
            "/graphql",
            json={"query": text, "variables": {"input": input}},
            headers={"Authorization": f"Bearer {self.token}"},
            name=name,
            catch_response=True,
        ) as response:
            body = _body(response)
            result = None if body is None or body.get("errors") else (body.get("data") or {}).get(name)
            problem = None
            if result is None:
                problem = f"{name}: {response.status_code} {response.text[:300]}"
            elif not result["__typename"].endswith("Payload") and result["__typename"] not in allowed:
                problem = f"{name}: unexpected {result['__typename']}: {result}"
            if problem:
                response.failure(problem)
                failures.append(problem)
                result = None
        with _lock:
            del in_flight[key]
        return result


def _body(response: Any) -> dict[str, Any] | None:
    if response.status_code != 200:
        return None
    try:
        return response.json()
    except ValueError:
        return None


class Provider(GraphQLUser):
    """One provider: bids in the open round, and offers against a referral it is invited to."""

    fixed_count = int(os.environ.get("LOAD_PROVIDERS", "8"))
    wait_time = between(0.05, 0.25)

    def on_start(self) -> None:
        self.me = _take("providers")
        self.token = self.me["token"]
        self.bid: dict[str, Any] | None = None
        self.offer: dict[str, Any] | None = None

    @task(4)
    def work_on_the_bid(self) -> None:
        plan = self.me.get("bid")
        if not plan:
            return
        bid = self.bid
        if bid is None or bid["status"] == "WITHDRAWN":
            made = self.mutate("createBid", {"round": plan["round"]})
            if made:
                self.bid = {"id": made["bid"]["id"], "version": made["bid"]["version"], "status": "DRAFT", "step": 0}
                self._record_bid("bid.created", lines=0)
            return
        if bid["status"] == "SUBMITTED":
            done = self.mutate("withdrawBid", {"bid": bid["id"], "version": bid["version"], "reason": BID_WITHDRAWN})
            if done:
                bid.update(status="WITHDRAWN", version=done["bid"]["version"])
                self._record_bid("bid.withdrawn")
            return
        if bid["step"] == 0:
            pricing = [
                {**line, "weeklyFee": line["weeklyFee"] + random.randrange(0, 5_000)} for line in plan["pricing"]
            ]
            done = self.mutate(
                "setBidLot",
                {"bid": bid["id"], "lot": plan["lot"], "establishments": plan["establishments"], "pricing": pricing},
            )
            if done:
                bid.update(version=done["bid"]["version"], step=1)
                self._record_bid("bid.lot_set", lines=len(done["bidLot"]["pricingSchedule"]))
            return
        if bid["step"] == 1:
            done = self.mutate("answerQuestions", {"bid": bid["id"], "answers": plan["answers"]})
            if done:
                bid.update(version=done["bid"]["version"], step=2)
                self._record_bid("bid.answers_saved")
            return
        if random.random() < 0.25:  # a submission based on an old read: refused, and nothing changes
            stale = self.mutate(
                "submitBid", {"bid": bid["id"], "version": bid["version"] - 1}, allowed=("StaleVersion",)
            )
            if stale and stale["__typename"] != "StaleVersion":
                failures.append(f"submitBid: a stale version was accepted: {stale}")
            elif stale and stale["currentVersion"] != bid["version"]:
                failures.append(
                    f"submitBid: StaleVersion names version {stale['currentVersion']}, not {bid['version']}"
                )
            elif stale:
                with _lock:
                    expected_refusals["StaleVersion"] += 1
            return
        done = self.mutate("submitBid", {"bid": bid["id"], "version": bid["version"]})
        if done:
            bid.update(status="SUBMITTED", version=done["bid"]["version"])
            self._record_bid("bid.submitted")

    def _record_bid(self, action: str, *, lines: int | None = None) -> None:
        bid = self.bid or {}
        with _lock:
            acknowledged[action] += 1
            seen = bids.setdefault(pk(bid["id"]), {"provider": self.me["provider"], "lines": 0})
            seen.update(status=bid["status"], version=bid["version"])
            if lines is not None:
                seen["lines"] = lines

    @task(2)
    def make_or_withdraw_an_offer(self) -> None:
        plan = self.me.get("offer")
        if not plan:
            return
        if self.offer is None:
            made = self.mutate("submitOffer", plan)
            if made:
                self.offer = made["offer"]
                self._record_offer("offer.submitted")
        else:
            leave = {"offer": self.offer["id"], "version": self.offer["version"], "reason": OFFER_WITHDRAWN}
            done = self.mutate("withdrawOffer", leave)
            if done:
                self.offer = done["offer"]
                self._record_offer("offer.withdrawn")
                self.offer = None

    def _record_offer(self, action: str) -> None:
        offer = self.offer or {}
        with _lock:
            acknowledged[action] += 1
            offers[pk(offer["id"])] = {"status": offer["status"], "provider": self.me["provider"]}

    @task(2)
    def read_my_bids_and_offers(self) -> None:
        self.query(
            "my bids and offers",
            "{ bids(first: 20) { totalCount nodes { id status version lots { pricingSchedule { weeklyFee } } } } "
            "offers(first: 20) { totalCount nodes { id status annualCost } } }",
        )


class Commissioner(GraphQLUser):
    """Reads the authority's call-offs, referrals, matches and rankings."""

    fixed_count = int(os.environ.get("LOAD_COMMISSIONERS", "2"))
    wait_time = between(0.05, 0.25)

    def on_start(self) -> None:
        self.me = _take("commissioners")
        self.token = self.me["token"]

    @task(2)
    def call_offs(self) -> None:
        self.query(
            "call-offs",
            "{ callOffs(first: 50) { totalCount nodes { id reference status annualCost weeklyTotal "
            "provider { id legalName } establishment { name } amendments { effectiveFrom } } } }",
        )

    @task(2)
    def matches(self) -> None:
        referral = random.choice(self.me["referrals"])
        self.query(
            "matches",
            "query($id: ID!) { node(id: $id) { ... on Referral { status matches(sortBy: DISTANCE) "
            "{ eligible distanceKm weeklyStandardFee reasonsFor { criterion } reasonsAgainst { criterion blocking } "
            "establishment { name } } } } }",
            {"id": referral},
        )

    @task(1)
    def referrals_and_rankings(self) -> None:
        self.query(
            "referrals",
            "{ referrals(first: 50) { totalCount nodes { id status offerDeadline offers { id status annualCost } "
            "ranking { complete offers { rank annualCost } } } } }",
        )


class Analyst(GraphQLUser):
    """Reads the regional and own-authority aggregates."""

    fixed_count = int(os.environ.get("LOAD_ANALYSTS", "2"))
    wait_time = between(0.05, 0.25)

    def on_start(self) -> None:
        self.me = _take("analysts")
        self.token = self.me["token"]

    @task
    def spend(self) -> None:
        scope = random.choice(["OWN_AUTHORITY", "REGION"])
        grouping = random.choice(["AUTHORITY", "LOT", "PROVIDER", "PRIMARY_NEED"])
        self.query(
            "committed spend",
            "query($s: AnalyticsScope!, $g: SpendGrouping!) { committedSpend(scope: $s, groupBy: $g) "
            "{ groups { key label suppressed } total { suppressed } } }",
            {"s": scope, "g": grouping},
        )

    @task
    def placements(self) -> None:
        self.query(
            "placement counts",
            "query($s: AnalyticsScope!) { placementCounts(scope: $s, groupBy: LOT) "
            "{ groups { key label suppressed } total { suppressed } } }",
            {"s": random.choice(["OWN_AUTHORITY", "REGION"])},
        )

    @task
    def fees(self) -> None:
        self.query(
            "fee benchmark",
            "query($s: AnalyticsScope!) { feeBenchmark(scope: $s) { on groups { key label suppressed } } }",
            {"s": random.choice(["OWN_AUTHORITY", "REGION"])},
        )


@events.quitting.add_listener
def _write_result(**_: Any) -> None:
    with open(RESULT, "w") as out:
        json.dump(
            {
                "acknowledged": acknowledged,
                "expected_refusals": expected_refusals,
                "bids": bids,
                "offers": offers,
                "in_flight": list(in_flight.values()),
                "reads": reads,
                "failures": failures[:50],
            },
            out,
            indent=1,
        )
