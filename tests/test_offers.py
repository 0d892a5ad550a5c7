"""Offers over HTTP: making and withdrawing them, the offer deadline, quality scores and the ranking.

The demo has about ten OPEN referrals at the demo time, each with invited
providers and SUBMITTED offers. The tests take different referrals, so they
do not depend on each other's order.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import update

from api.auth.actor import Role
from api.domain.offers import rank_offers
from api.schema import schema
from db import models as m
from db.engine import create_engine
from tests.support import DEMO_NOW, WritableApi

QUESTIONS = ["How will you support the child's communication?", "How will you work with the family?"]
ANSWERS = ["Daily speech and language sessions.", "Weekly calls and termly reviews at home."]
WHY = "We no longer have a place for this age group from the start date."
"""A reason for withdrawing an offer."""

REFERRALS = """{ referrals(last: 100) { edges { node {
  id mode status offerDeadline qualityWeight priceWeight version
  authority { id } lot { id code weeksPerYear placementType }
  invitedProviders { id }
  offers { id status version weeksPerYear startDate annualCost provider { id } establishment { id }
           weeklyFees { education care health therapies additionalStaffing total } }
} } } }"""
MEMBERSHIPS = """query($lot: ID!) { lotMemberships(first: 100, filter: {lot: $lot}) { edges { node {
  id status provider { id } establishments { id name dayCapacity residentialCapacity }
  rateCard { band element weeklyFee }
} } } }"""
OFFER = """query($id: ID!) { node(id: $id) { ... on Offer {
  id status version exceedsRateCard justification qualityAnswers qualityStatement qualityScore weeksPerYear annualCost
  weeklyFees { education care health therapies additionalStaffing total }
} } }"""
RANKING = """query($id: ID!) { node(id: $id) { ... on Referral { status ranking {
  mode qualityWeight priceWeight lowestAnnualCost complete working
  offers { rank label weeklyTotal weeksPerYear annualCost priceScore qualityScore weightedTotal working offer { id } }
} } } }"""


# -- helpers, also used by the call-off tests ---------------------------------------------------


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def mutation_text(name: str, selection: str = "__typename") -> str:
    """A mutation asking for the typed errors it declares and ``selection`` of its payload."""
    union = schema._schema.mutation_type.fields[name].type.of_type  # type: ignore[union-attr]
    members = {t.name for t in union.types}
    payload = next(t for t in members if t.endswith("Payload"))
    extras = {"DeadlinePassed": "deadline", "StaleVersion": "currentVersion"}
    spreads = " ".join(f"... on {t} {{ {f} }}" for t, f in extras.items() if t in members)
    return (
        f"mutation($input: {name[0].upper() + name[1:]}Input!) {{ {name}(input: $input) {{ __typename "
        f"... on MutationError {{ message code field }} {spreads} ... on {payload} {{ {selection} }} }} }}"
    )


def call(
    api: WritableApi, name: str, input: dict[str, Any], token: str, selection: str = "__typename"
) -> dict[str, Any]:
    """Run one mutation; return its result: a payload with ``selection``, or a typed error."""
    return api.gql(mutation_text(name, selection), {"input": input}, token=token)[name]


def ok(api: WritableApi, name: str, input: dict[str, Any], token: str, selection: str = "__typename") -> dict[str, Any]:
    result = call(api, name, input, token, selection)
    assert result["__typename"].endswith("Payload"), result
    return result


def refused(
    api: WritableApi, name: str, input: dict[str, Any], token: str, typename: str, path: str | None = None
) -> dict[str, Any]:
    """A refusal of ``typename``, naming the input ``path`` when given."""
    result = call(api, name, input, token)
    assert result["__typename"] == typename, result
    if path is not None:
        assert result["field"] == path, result
    return result


def in_database(api: WritableApi, statement: Any) -> None:
    """Set up a state no mutation of these modules reaches, straight in the test database."""

    async def go() -> None:
        engine = create_engine(api.app.state.settings.database_url)
        try:
            async with engine.begin() as connection:
                await connection.execute(statement)
        finally:
            await engine.dispose()

    asyncio.run(go())


def set_questions(api: WritableApi, referral: str, questions: list[str]) -> None:
    table = m.Referral.__table__
    in_database(api, update(table).where(table.c.id == pk(referral)).values(quality_questions=questions))


def node(api: WritableApi, query: str, id_: str, token: str) -> dict[str, Any]:
    return api.gql(query, {"id": id_}, token=token)["node"]


def fees(education: int, **others: int) -> dict[str, int]:
    return {"education": education, **others}


@dataclass
class Demo:
    """The demo as the tests see it: referrals, memberships and tokens."""

    api: WritableApi
    auditor: str
    referrals: list[dict[str, Any]] = field(default_factory=list)

    def refresh(self) -> None:
        edges = self.api.gql(REFERRALS, token=self.auditor)["referrals"]["edges"]
        self.referrals = [e["node"] for e in edges]

    def referral(self, referral_id: str) -> dict[str, Any]:
        self.refresh()
        return next(r for r in self.referrals if r["id"] == referral_id)

    def provider(self, provider_id: str) -> str:
        return self.api.token(Role.PROVIDER_USER, provider_id=pk(provider_id), subject=f"user-{pk(provider_id)}")

    def commissioner(self, referral: dict[str, Any], subject: str = "commissioner") -> str:
        return self.api.token(
            Role.AUTHORITY_COMMISSIONER, authority_id=pk(referral["authority"]["id"]), subject=subject
        )

    def memberships(self, lot: str) -> list[dict[str, Any]]:
        edges = self.api.gql(MEMBERSHIPS, {"lot": lot}, token=self.auditor)["lotMemberships"]["edges"]
        return [e["node"] for e in edges]

    def membership(self, lot: str, provider: str) -> dict[str, Any]:
        return next(x for x in self.memberships(lot) if x["provider"]["id"] == provider)

    def establishments_of(self, provider: str) -> list[str]:
        query = "query($p: ID!) { establishments(first: 100, filter: {provider: $p}) { edges { node { id } } } }"
        edges = self.api.gql(query, {"p": provider})["establishments"]["edges"]
        return [e["node"]["id"] for e in edges]

    def live_offers(self, referral: dict[str, Any], provider: str | None = None) -> list[dict[str, Any]]:
        return [
            o
            for o in referral["offers"]
            if o["status"] == "SUBMITTED" and (provider is None or o["provider"]["id"] == provider)
        ]

    def clear(self, referral: dict[str, Any], provider: str) -> None:
        """Withdraw the provider's live offers against the referral (while it is open)."""
        for offer in self.live_offers(referral, provider):
            ok(
                self.api,
                "withdrawOffer",
                {"offer": offer["id"], "version": offer["version"], "reason": WHY},
                self.provider(provider),
            )

    def taken(self) -> set[str]:
        return _TAKEN.setdefault(id(self.api), set())

    def pick(self, test: Any, *, count: int = 1) -> list[dict[str, Any]]:
        """Referrals no other test of the module has taken, for which ``test(referral)`` holds."""
        self.refresh()
        found = [r for r in self.referrals if r["id"] not in self.taken() and test(r)]
        assert len(found) >= count, "the demo has too few referrals of this kind"
        chosen = found[:count]
        self.taken().update(r["id"] for r in chosen)
        return chosen


_TAKEN: dict[int, set[str]] = {}


def demo_of(api: WritableApi) -> Demo:
    demo = Demo(api=api, auditor=api.token(Role.AUDITOR))
    demo.refresh()
    return demo


def competing(r: dict[str, Any]) -> bool:
    """An OPEN mini-competition with at least two invited providers that have offered."""
    offering = {o["provider"]["id"] for o in r["offers"] if o["status"] == "SUBMITTED"}
    return r["status"] == "OPEN" and r["mode"] == "COMPETITION" and len(offering) >= 2


def audit_actions(demo: Demo, entity: str) -> list[str]:
    query = "query($id: ID!) { auditEvents(first: 100, filter: {entity: $id}) { edges { node { action } } } }"
    edges = demo.api.gql(query, {"id": entity}, token=demo.auditor)["auditEvents"]["edges"]
    return [e["node"]["action"] for e in edges]


def card(membership: dict[str, Any], band: str = "STANDARD") -> dict[str, int]:
    """A member's rate card for a band, by input name."""
    names = {
        "EDUCATION": "education",
        "CARE": "care",
        "HEALTH": "health",
        "THERAPIES": "therapies",
        "ADDITIONAL_STAFFING": "additionalStaffing",
    }
    return {names[line["element"]]: line["weeklyFee"] for line in membership["rateCard"] if line["band"] == band}


# -- tests ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(writable: WritableApi) -> Demo:
    writable.at(DEMO_NOW)
    return demo_of(writable)


def offer_input(referral: dict[str, Any], establishment: str, weekly: dict[str, int], **extra: Any) -> dict[str, Any]:
    return {
        "referral": referral["id"],
        "establishment": establishment,
        "weeklyFees": weekly,
        "startDate": (DEMO_NOW.date() + dt.timedelta(days=30)).isoformat(),
        "qualityAnswers": ANSWERS,
        "qualityStatement": "A calm, structured day with a named key worker.",
        **extra,
    }


def test_offers_are_checked_and_refused_with_the_field_at_fault(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    (referral,) = demo.pick(lambda r: competing(r) and r["lot"]["placementType"] == "DAY")
    lot = referral["lot"]["id"]
    set_questions(api, referral["id"], QUESTIONS)
    # an invited member with an establishment that does not serve the lot
    provider, membership, elsewhere = next(
        (p["id"], x, outside[0])
        for p in referral["invitedProviders"]
        for x in [demo.membership(lot, p["id"])]
        for outside in [sorted(set(demo.establishments_of(p["id"])) - {e["id"] for e in x["establishments"]})]
        if outside
    )
    token = demo.provider(provider)
    demo.clear(referral, provider)
    assert membership["status"] == "ACTIVE"
    establishment = membership["establishments"][0]["id"]
    within = {k: v for k, v in card(membership).items() if k != "care"}

    # an uninvited member of the lot does not even see the referral
    invited = {p["id"] for p in referral["invitedProviders"]}
    outsider = next(x for x in demo.memberships(lot) if x["provider"]["id"] not in invited)
    refused(
        api,
        "submitOffer",
        offer_input(referral, outsider["establishments"][0]["id"], within),
        demo.provider(outsider["provider"]["id"]),
        "NotFound",
        "input.referral",
    )
    # another provider's establishment, or one of yours not serving the lot
    for wrong in (outsider["establishments"][0]["id"], elsewhere):
        refused(
            api, "submitOffer", offer_input(referral, wrong, within), token, "ValidationError", "input.establishment"
        )
    # fees: care on a day lot, education missing
    day_care = offer_input(referral, establishment, {**within, "care": 1000})
    refused(api, "submitOffer", day_care, token, "ValidationError", "input.weeklyFees.care")
    no_education = offer_input(referral, establishment, {**within, "education": 0})
    refused(api, "submitOffer", no_education, token, "ValidationError", "input.weeklyFees.education")
    # a start in the past
    past = offer_input(referral, establishment, within, startDate=(DEMO_NOW.date() - dt.timedelta(days=1)).isoformat())
    refused(api, "submitOffer", past, token, "ValidationError", "input.startDate")
    # one answer per quality question, none blank
    short = offer_input(referral, establishment, within, qualityAnswers=ANSWERS[:1])
    refused(api, "submitOffer", short, token, "ValidationError", "input.qualityAnswers")
    blank = offer_input(referral, establishment, within, qualityAnswers=[ANSWERS[0], "  "])
    refused(api, "submitOffer", blank, token, "ValidationError", "input.qualityAnswers[1]")
    no_statement = offer_input(referral, establishment, within, qualityStatement=" ")
    refused(api, "submitOffer", no_statement, token, "ValidationError", "input.qualityStatement")

    # exactly the STANDARD rate card: not flagged
    made = ok(api, "submitOffer", offer_input(referral, establishment, within), token, "offer { id version }")["offer"]
    seen = node(api, OFFER, made["id"], token)
    assert seen["status"] == "SUBMITTED" and seen["exceedsRateCard"] is False and seen["justification"] is None
    assert seen["qualityAnswers"] == ANSWERS
    assert seen["weeksPerYear"] == referral["lot"]["weeksPerYear"]  # the lot's, not the provider's
    assert seen["annualCost"] == sum(within.values()) * referral["lot"]["weeksPerYear"]
    # one live offer per establishment
    refused(api, "submitOffer", offer_input(referral, establishment, within), token, "InvalidTransition")
    ok(api, "withdrawOffer", {"offer": made["id"], "version": made["version"], "reason": WHY}, token)

    # above the card: refused without a justification, flagged with one
    above = {**within, "education": within["education"] + 1}
    refused(
        api, "submitOffer", offer_input(referral, establishment, above), token, "ValidationError", "input.justification"
    )
    why = "One-to-one support through the day is needed for the first term."
    flagged = ok(
        api,
        "submitOffer",
        offer_input(referral, establishment, above, justification=why),
        token,
        "offer { id version }",
    )["offer"]
    seen = node(api, OFFER, flagged["id"], token)
    assert seen["exceedsRateCard"] is True and seen["justification"] == why
    # a band named in the offer is the one compared
    ok(api, "withdrawOffer", {"offer": flagged["id"], "version": flagged["version"], "reason": WHY}, token)
    enhanced = {**within, "education": card(membership, "ENHANCED")["education"]}
    assert enhanced["education"] > within["education"]
    banded = ok(
        api,
        "submitOffer",
        offer_input(referral, establishment, enhanced, band="ENHANCED"),
        token,
        "offer { id exceedsRateCard }",
    )["offer"]
    assert banded["exceedsRateCard"] is False

    assert audit_actions(demo, made["id"]) == ["offer.submitted", "offer.withdrawn"]
    assert audit_actions(demo, flagged["id"]) == ["offer.submitted", "offer.withdrawn"]
    # the provider may not score, and a commissioner may not offer: both refused at the edge
    commissioner = demo.commissioner(referral)
    errors = api.errors(
        'mutation { submitOffer(input: {referral: "x", establishment: "x", weeklyFees: {education: 1}, '
        'startDate: "2030-01-01", qualityAnswers: [], qualityStatement: "x"}) { __typename } }',
        token=commissioner,
    )
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_offers_close_at_the_deadline_to_the_microsecond(demo: Demo) -> None:
    api = demo.api
    api.at(DEMO_NOW)
    (referral,) = demo.pick(lambda r: competing(r) and len(r["invitedProviders"]) >= 2)
    provider = demo.live_offers(referral)[0]["provider"]["id"]
    token = demo.provider(provider)
    demo.clear(referral, provider)
    membership = demo.membership(referral["lot"]["id"], provider)
    establishment = membership["establishments"][0]["id"]
    deadline = dt.datetime.fromisoformat(referral["offerDeadline"])
    weekly = {
        k: v for k, v in card(membership).items() if referral["lot"]["placementType"] == "RESIDENTIAL" or k != "care"
    }
    terms = offer_input(referral, establishment, weekly, qualityAnswers=[])

    api.at(deadline)
    late = refused(api, "submitOffer", terms, token, "DeadlinePassed", "input.referral")
    assert dt.datetime.fromisoformat(late["deadline"]) == deadline
    api.at(deadline - dt.timedelta(microseconds=1))
    made = ok(api, "submitOffer", terms, token, "offer { id version status }")["offer"]
    assert made["status"] == "SUBMITTED"

    # withdrawing: your own, at your version, before the deadline, once
    stranger = demo.provider(next(p["id"] for p in referral["invitedProviders"] if p["id"] != provider))
    leave = {"offer": made["id"], "version": made["version"], "reason": WHY}
    refused(api, "withdrawOffer", leave, stranger, "NotFound")
    stale = refused(api, "withdrawOffer", {**leave, "version": made["version"] + 5}, token, "StaleVersion")
    assert stale["currentVersion"] == made["version"]
    api.at(deadline)
    refused(api, "withdrawOffer", leave, token, "DeadlinePassed")
    api.at(deadline - dt.timedelta(microseconds=1))
    gone = ok(api, "withdrawOffer", leave, token, "offer { status }")
    assert gone["offer"]["status"] == "WITHDRAWN"
    refused(api, "withdrawOffer", {**leave, "version": made["version"] + 1}, token, "InvalidTransition")
    api.at(DEMO_NOW)


def test_offers_are_ranked_on_quality_and_price_with_the_working(demo: Demo) -> None:
    """Annual costs 7,600,000 and 9,500,000 pence score 100.00 and 80.00 on price; quality 70 and 90 at 60/40
    make 82.00 and 86.00, so the dearer, better offer ranks first."""
    api = demo.api
    api.at(DEMO_NOW)
    (referral,) = demo.pick(lambda r: competing(r) and r["lot"]["weeksPerYear"] == 38)
    assert (referral["qualityWeight"], referral["priceWeight"]) == (60, 40)
    first, second = sorted({o["provider"]["id"] for o in demo.live_offers(referral)})[:2]
    for provider in {o["provider"]["id"] for o in demo.live_offers(referral)}:
        demo.clear(referral, provider)
    why = "Priced for the child's needs."
    made = {}
    for provider, weekly in ((first, 200_000), (second, 250_000)):
        establishment = demo.membership(referral["lot"]["id"], provider)["establishments"][0]["id"]
        terms = offer_input(referral, establishment, fees(weekly), qualityAnswers=[], justification=why)
        made[provider] = ok(api, "submitOffer", terms, demo.provider(provider), "offer { id version }")["offer"]
    cheap, dear = made[first]["id"], made[second]["id"]
    commissioner = demo.commissioner(referral)

    # before the deadline: no ranking, no scoring
    assert node(api, RANKING, referral["id"], commissioner)["ranking"] is None
    refused(api, "scoreOfferQuality", {"offer": cheap, "score": 70}, commissioner, "InvalidTransition")

    api.at(dt.datetime.fromisoformat(referral["offerDeadline"]))
    refused(api, "scoreOfferQuality", {"offer": cheap, "score": 101}, commissioner, "ValidationError", "input.score")
    elsewhere = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(referral["authority"]["id"]) % 20 + 1)
    refused(api, "scoreOfferQuality", {"offer": cheap, "score": 70}, elsewhere, "NotFound", "input.offer")
    ok(api, "scoreOfferQuality", {"offer": cheap, "score": 70}, commissioner)

    # one offer scored: it is ranked, the other listed unranked
    partial = node(api, RANKING, referral["id"], commissioner)["ranking"]
    assert partial["complete"] is False
    assert [(o["offer"]["id"], o["rank"], o["weightedTotal"]) for o in partial["offers"]] == [
        (cheap, 1, "82.00"),
        (dear, None, None),
    ]

    ok(api, "scoreOfferQuality", {"offer": dear, "score": 90}, commissioner)
    ranking = node(api, RANKING, referral["id"], commissioner)["ranking"]
    assert ranking["complete"] is True and ranking["mode"] == "COMPETITION"
    assert ranking["lowestAnnualCost"] == 7_600_000
    rows = [
        (o["offer"]["id"], o["rank"], o["weeklyTotal"], o["annualCost"], o["priceScore"], o["qualityScore"])
        + (o["weightedTotal"],)
        for o in ranking["offers"]
    ]
    assert rows == [
        (dear, 1, 250_000, 9_500_000, "80.00", 90, "86.00"),
        (cheap, 2, 200_000, 7_600_000, "100.00", 70, "82.00"),
    ]
    assert ranking["offers"][0]["working"] == (
        "annual cost £95,000.00 = £2,500.00 a week × 38 weeks; price score 80.00 = £76,000.00 ÷ £95,000.00 × 100; "
        "weighted total 86.00 = quality 90 × 60% + price 80.00 × 40%; rank 1."
    )
    assert ranking["working"].startswith("Quality 60%, price 40%. Lowest annual cost of 2 live offers: £76,000.00.")

    # the providers see their own offers and scores, never the ranking
    assert node(api, RANKING, referral["id"], demo.provider(first))["ranking"] is None
    assert node(api, OFFER, cheap, demo.provider(first))["qualityScore"] == 70
    # scores may be revised until the award
    ok(api, "scoreOfferQuality", {"offer": cheap, "score": 71}, commissioner)
    assert audit_actions(demo, cheap) == ["offer.submitted", "offer.quality_scored", "offer.quality_scored"]
    api.at(DEMO_NOW)


def test_ties_go_to_the_lower_annual_cost_then_the_earlier_offer() -> None:
    referral = SimpleNamespace(id=1, quality_weight=50, price_weight=50, mode=SimpleNamespace(value="COMPETITION"))
    t0 = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)

    def offer(i: int, weekly: int, score: int | None, minutes: int) -> SimpleNamespace:
        return SimpleNamespace(
            id=i,
            referral_id=1,
            withdrawn_at=None,
            weeks_per_year=39,
            quality_score=score,
            submitted_at=t0 + dt.timedelta(minutes=minutes),
            education_weekly_pence=weekly,
            care_weekly_pence=0,
            health_weekly_pence=0,
            therapies_weekly_pence=0,
            additional_staffing_weekly_pence=0,
        )

    # 1: cheapest, quality 50 -> 50 + 50 = 100.00 ... 2: dearer at 100/125 -> 80.00 price, quality 70 -> 75.00
    offers = [
        offer(1, 125_000, 70, 0),  # price 80.00, total 75.00
        offer(2, 100_000, 50, 5),  # price 100.00, total 75.00: same total, lower cost wins
        offer(3, 100_000, 50, 1),  # same total and cost as 2, submitted earlier
        offer(4, 100_000, None, 2),  # not scored: listed last, unranked
        SimpleNamespace(**{**vars(offer(5, 1, 100, 0)), "withdrawn_at": t0}),  # withdrawn: left out
    ]
    ranking = rank_offers(referral, offers)  # type: ignore[arg-type]
    assert [(o.offer_id, o.rank, o.weighted_total) for o in ranking.offers] == [
        (3, 1, Decimal("75.00")),
        (2, 2, Decimal("75.00")),
        (1, 3, Decimal("75.00")),
        (4, None, None),
    ]
    assert ranking.lowest_annual_cost == 3_900_000 and not ranking.complete
    # half-up rounding: 100 / 3 × 100 = 33.333… and 200/3 = 66.666… -> 33.33 and 66.67
    thirds = rank_offers(referral, [offer(1, 100, 0, 0), offer(2, 300, 0, 1), offer(3, 150, 0, 2)])  # type: ignore[arg-type]
    assert {o.offer_id: o.price_score for o in thirds.offers} == {
        1: Decimal("100.00"),
        2: Decimal("33.33"),
        3: Decimal("66.67"),
    }
