"""Analytics over HTTP: committed spend, fee benchmarks, outcome summaries and placement counts.

Figures are checked against values worked out here straight from the
database (day by day, with no SQL arithmetic), or by hand on call-offs this
module inserts; regional answers are checked for suppression.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

import pytest
from sqlalchemy import select

from api.auth.actor import Role
from api.domain.analytics import (
    COUNT_STEP,
    FEE_OFFSET,
    FEE_STEP,
    SPEND_STEP,
    STATISTIC_THRESHOLD,
    STATISTIC_WINDOW,
    SUPPRESSION_THRESHOLD,
    Tally,
    suppression,
)
from api.domain.fees import WeeklyFees, fees_in_force
from db import models as m
from db.engine import create_engine, session_factory
from db.enums import AmendmentReason, AuthorityRole, CallOffType, Gender, NeedCode, ReferralMode
from tests.support import DEMO_TODAY, Api, StatementCounter, WritableApi

T = TypeVar("T")
BOLTON = "E08000001"
CHESHIRE_EAST = "E06000049"
FY_2025 = (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
REFERENCE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""Regional figures at the demo's today (2 March 2026) are as at the start of its quarter."""
AS_AT_DAY = dt.date(2025, 12, 31)
"""The day regional states and fees are taken on: the last day of the last complete quarter."""


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


def gid(type_name: str, key: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def in_database(api: Api, work: Callable[[Any], Coroutine[Any, Any, T]]) -> T:
    """Run ``work(session)`` on the server's database, from the test's thread."""

    async def go() -> T:
        engine = create_engine(api.app.state.settings.database_url)
        try:
            async with session_factory(engine)() as session:
                result = await work(session)
                await session.commit()
                return result
        finally:
            await engine.dispose()

    return asyncio.run(go())


def half_up(value: Decimal | float | int) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_step(value: Decimal | float | int, step: Any) -> int:
    """A value rounded half-up to a whole number of steps."""
    return half_up(Decimal(str(value)) / Decimal(int(step))) * int(step)


def count(n: int) -> int:
    """A regional count: rounded half-up to a multiple of COUNT_STEP."""
    return to_step(n, COUNT_STEP)


def regional_figure(values: list[tuple[int, bool]], p: float) -> int | None:
    """A regional quartile by the documented rule, worked out here: (value, caller's own?) sorted by value.

    The mean of the STATISTIC_WINDOW values nearest position p(n - 1), rounded half-up to FEE_STEP, less
    FEE_OFFSET; None when any of them is the caller's own.
    """
    n = len(values)
    centre = int(Decimal(str(p)) * (n - 1) + Decimal("0.5"))
    start = min(max(centre - STATISTIC_WINDOW // 2, 0), n - STATISTIC_WINDOW)
    window = values[start : start + STATISTIC_WINDOW]
    if any(own for _, own in window):
        return None
    return to_step(Decimal(sum(v for v, _ in window)) / len(window), FEE_STEP) - FEE_OFFSET


# -- the demo, read straight from the database ------------------------------------------


@dataclass
class Placement:
    call_off: m.CallOff
    amendments: list[m.FeeAmendment]
    lot_code: str
    authority_code: str
    provider_id: int
    need: NeedCode | None
    child: str
    """Who it is for, to count children: the authority and the child's reference, or the block contract itself."""

    def terminated(self, reference: dt.datetime | None = None) -> bool:
        """Terminated (as at the reference moment: a termination recorded after it is not yet one)."""
        at = self.call_off.terminated_at
        return at is not None and (reference is None or at < reference)

    def recorded(self, reference: dt.datetime | None = None) -> bool:
        """Recorded by the reference moment: the demo's call-offs are recorded when awarded."""
        return reference is None or self.call_off.awarded_at < reference

    def ran(self, reference: dt.datetime | None = None) -> bool:
        c = self.call_off
        return not self.terminated(reference) or c.terminated_at.date() >= c.start_date

    def fee_on(self, day: dt.date, reference: dt.datetime | None = None) -> int:
        """The fee in force on a day, from the amendments agreed by the reference moment (all of them without)."""
        agreed = [a for a in self.amendments if reference is None or a.agreed_at < reference]
        if len(agreed) == len(self.amendments):
            return fees_in_force(WeeklyFees.of(self.call_off), self.amendments, day).total
        # the latest fees agreed then: the before fees of the first amendment agreed after it
        first_later = min((a for a in self.amendments if a not in agreed), key=lambda a: (a.effective_from, a.id))
        return fees_in_force(WeeklyFees.of(first_later, "before_"), agreed, day).total

    def spend_numerator(self, first: dt.date, last: dt.date, reference: dt.datetime | None = None) -> tuple[int, int]:
        """The days it runs from first to last, and Σ over them of the weekly fee × weeks × places.

        As at a reference moment: only if recorded by then, only the days before it, at the fees then agreed.
        """
        c = self.call_off
        if not self.ran(reference) or not self.recorded(reference):
            return 0, 0
        if reference is not None:
            last = min(last, reference.date() - dt.timedelta(days=1))
        day, days, total = max(first, c.start_date), 0, 0
        end = min(last, c.end_date or last)
        while day <= end:
            days, total = days + 1, total + self.fee_on(day, reference)
            day += dt.timedelta(days=1)
        return days, total * c.weeks_per_year * c.places

    def active_on(self, day: dt.date, reference: dt.datetime | None = None) -> bool:
        c = self.call_off
        return (
            self.recorded(reference)
            and not self.terminated(reference)
            and c.start_date <= day
            and (c.end_date is None or c.end_date >= day)
        )


@dataclass
class Demo:
    placements: list[Placement]
    authorities: dict[str, int]

    def spend(
        self, key: Callable[[Placement], Any], *, authority: str | None = None, reference: dt.datetime | None = None
    ) -> dict[Any, tuple[int, int]]:
        """Committed spend in 2025-26 and places, by key, worked out day by day (as at the reference moment)."""
        days = (FY_2025[1] - FY_2025[0]).days + 1
        numerators: dict[Any, int] = defaultdict(int)
        places: dict[Any, int] = defaultdict(int)
        for p in self.placements:
            if authority is not None and p.authority_code != authority:
                continue
            running, numerator = p.spend_numerator(*FY_2025, reference)
            if running:
                numerators[key(p)] += numerator
                places[key(p)] += p.call_off.places
        return {k: (places[k], half_up(Decimal(numerators[k]) / days)) for k in numerators}

    def exact_spend(self, key: Callable[[Placement], Any], reference: dt.datetime | None = None) -> dict[Any, Decimal]:
        """Committed spend in 2025-26 by key, in pence, unrounded (as at the reference moment)."""
        days = (FY_2025[1] - FY_2025[0]).days + 1
        numerators: dict[Any, int] = defaultdict(int)
        for p in self.placements:
            running, numerator = p.spend_numerator(*FY_2025, reference)
            if running:
                numerators[key(p)] += numerator
        return {k: Decimal(v) / days for k, v in numerators.items()}

    def children(
        self, key: Callable[[Placement], Any], *, authority: str | None = None, reference: dt.datetime | None = None
    ) -> dict[Any, int]:
        """Children (a block contract counting one) running in 2025-26, by key (as at the reference moment)."""
        found: dict[Any, set[str]] = defaultdict(set)
        for p in self.placements:
            if (authority is None or p.authority_code == authority) and p.spend_numerator(*FY_2025, reference)[0]:
                found[key(p)].add(p.child)
        return {k: len(v) for k, v in found.items()}


@pytest.fixture(scope="module")
def demo(api: Api) -> Demo:
    return load_demo(api)


def load_demo(api: Api) -> Demo:
    """Every call-off of the demo, with its amendments, lot, authority, provider, need and child."""

    async def load(session: Any) -> Demo:
        lots = {lot.id: lot.code for lot in await session.scalars(select(m.Lot))}
        authorities = {a.id: a.gss_code for a in await session.scalars(select(m.Authority))}
        referrals = {r.id: r for r in await session.scalars(select(m.Referral))}
        amendments: dict[int, list[m.FeeAmendment]] = defaultdict(list)
        for amendment in await session.scalars(select(m.FeeAmendment)):
            amendments[amendment.call_off_id].append(amendment)
        placements = [
            Placement(
                c,
                amendments[c.id],
                lots[c.lot_id],
                authorities[c.authority_id],
                c.provider_id,
                referrals[c.referral_id].primary_need if c.referral_id else None,
                (f"{c.authority_id} {referrals[c.referral_id].child_reference}" if c.referral_id else f"block {c.id}"),
            )
            for c in await session.scalars(select(m.CallOff))
        ]
        return Demo(placements, {code: key for key, code in authorities.items()})

    return in_database(api, load)


def analyst(api: Api, demo: Demo, code: str = BOLTON) -> str:
    return api.token(Role.AUTHORITY_ANALYST, authority_id=demo.authorities[code])


FIGURES = {"placements", "committedSpend", "callOffs", "medianDaysToAward", "median", "lowerQuartile"}


def assert_protected(answer: dict[str, Any], placements: str = "placements") -> None:
    """No suppressed group can be worked out from the total and the visible groups."""
    groups = answer["groups"]
    hidden = [g for g in groups if g["suppressed"]]
    for g in hidden:
        assert all(g[k] is None for k in FIGURES & g.keys()), g
    if not hidden or answer["total"]["suppressed"]:
        return
    assert len(hidden) >= 2
    shown = [g[placements] for g in groups if not g["suppressed"]]
    # regional counts are each rounded to COUNT_STEP, so the difference is known only to within their roundings
    slack = (len(shown) + 1) * (COUNT_STEP // 2)
    assert answer["total"][placements] - sum(shown) >= SUPPRESSION_THRESHOLD - slack


# -- the acceptance check ----------------------------------------------------------------

ACCEPTANCE = """{
  committedSpend(scope: OWN_AUTHORITY, groupBy: LOT, financialYear: 2025) {
    scope authority { code } financialYears { label startsOn endsOn days }
    groups { key label suppressed placements committedSpend lot { code } }
    total { suppressed placements committedSpend }
  }
  feeBenchmark(scope: REGION) {
    scope on asAt authority { code }
    groups { label suppressed placements lowerQuartile median upperQuartile lot { code } primaryNeed }
  }
}"""


def test_a_bolton_analyst_sees_bolton_spend_by_lot_and_the_regional_fee_benchmark(api: Api, demo: Demo) -> None:
    data = api.gql(ACCEPTANCE, token=analyst(api, demo))

    spend = data["committedSpend"]
    assert spend["authority"]["code"] == BOLTON and spend["scope"] == "OWN_AUTHORITY"
    assert spend["financialYears"] == [
        {"label": "2025-26", "startsOn": "2025-04-01", "endsOn": "2026-03-31", "days": 365}
    ]
    expected = demo.spend(lambda p: p.lot_code, authority=BOLTON)
    assert expected, "Bolton has placements in 2025-26"
    assert {g["lot"]["code"]: (g["placements"], g["committedSpend"]) for g in spend["groups"]} == expected
    assert not any(g["suppressed"] for g in spend["groups"])
    assert spend["total"] == {
        "suppressed": False,
        "placements": sum(p for p, _ in expected.values()),
        "committedSpend": sum(s for _, s in expected.values()),
    }

    # regional quartiles are no one's fee: each is the mean of the five fees nearest it, rounded to £50 less 1p, and
    # only for groups of at least ten children; the exact quartiles (a child's fee when the group is 5, 9 or 17)
    # are no longer shown, so these expectations are the rule's, worked out here from the database. Regional figures
    # are as at the start of the quarter: the placements active on its eve, at the fees agreed by then.
    benchmark = data["feeBenchmark"]
    assert benchmark["asAt"] == REFERENCE.isoformat()
    assert benchmark["on"] == AS_AT_DAY.isoformat() and benchmark["authority"] is None
    suppressed = [g for g in benchmark["groups"] if g["suppressed"]]
    shown = [g for g in benchmark["groups"] if not g["suppressed"]]
    assert suppressed and shown
    for group in suppressed:
        assert group["placements"] is group["lowerQuartile"] is group["median"] is group["upperQuartile"] is None
    costs: dict[tuple[str, str], list[tuple[int, bool]]] = defaultdict(list)
    children: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in demo.placements:
        if p.call_off.type is CallOffType.INDIVIDUAL_PLACEMENT and p.active_on(AS_AT_DAY, REFERENCE):
            assert p.need is not None
            costs[(p.lot_code, p.need.value)].append((p.fee_on(AS_AT_DAY, REFERENCE), p.authority_code == BOLTON))
            children[(p.lot_code, p.need.value)].add(p.child)
    listed = {(g["lot"]["code"], g["primaryNeed"]) for g in benchmark["groups"]}
    assert listed <= set(costs)
    for lot in {lot for lot, _ in set(costs) - listed}:  # a lot whose groups cannot be protected lists none
        assert not any(g["lot"]["code"] == lot for g in benchmark["groups"])
        assert sum(len(v) for (code, _), v in costs.items() if code == lot) < 2 * SUPPRESSION_THRESHOLD
    figures = 0
    for group in shown:
        values = sorted(costs[(group["lot"]["code"], group["primaryNeed"])], key=lambda v: (v[0], v[1]))
        lot_fees = {v for (code, _), vs in costs.items() if code == group["lot"]["code"] for v, _ in vs}
        # the children, each once, as suppression counts them; rounded to COUNT_STEP
        kids = len(children[(group["lot"]["code"], group["primaryNeed"])])
        assert group["placements"] == count(kids) and kids >= SUPPRESSION_THRESHOLD
        others = sum(1 for _, own in values if not own)
        for field, p in (("lowerQuartile", 0.25), ("median", 0.5), ("upperQuartile", 0.75)):
            if len(values) < STATISTIC_THRESHOLD or others < STATISTIC_THRESHOLD:
                assert group[field] is None, group
                continue
            expected = regional_figure(values, p)
            assert group[field] == (None if expected in lot_fees else expected), (group, field)
            figures += group[field] is not None
    assert figures >= 6, "the demo shows regional quartiles"
    for key, values in costs.items():
        if len(values) < SUPPRESSION_THRESHOLD and key in listed:
            assert next(g for g in benchmark["groups"] if (g["lot"]["code"], g["primaryNeed"]) == key)["suppressed"]


def test_filtering_the_benchmark_does_not_change_what_is_suppressed(api: Api, demo: Demo) -> None:
    query = """query($lot: ID, $need: NeedCode) { feeBenchmark(scope: REGION, lot: $lot, primaryNeed: $need) {
      groups { key suppressed placements median lot { id } primaryNeed } } }"""
    token = analyst(api, demo)
    everything = api.gql(query, token=token)["feeBenchmark"]["groups"]
    for group in everything:
        variables = {"lot": group["lot"]["id"], "need": group["primaryNeed"]}
        assert api.gql(query, variables, token=token)["feeBenchmark"]["groups"] == [group]
        by_lot = api.gql(query, {"lot": group["lot"]["id"]}, token=token)["feeBenchmark"]["groups"]
        assert by_lot == [g for g in everything if g["lot"]["id"] == group["lot"]["id"]]


# -- suppression ---------------------------------------------------------------------------


def test_one_small_group_takes_the_next_smallest_with_it() -> None:
    hidden, total = suppression([Tally(40, 40), Tally(2, 2), Tally(9, 9), Tally(7, 7)])
    assert hidden == {1, 3} and not total


def test_suppressed_groups_must_hold_enough_placements_between_them() -> None:
    hidden, total = suppression([Tally(1, 1), Tally(2, 2), Tally(6, 6), Tally(30, 30)])
    assert hidden == {0, 1, 2} and not total


def test_the_total_goes_when_nothing_is_left_to_protect_it() -> None:
    assert suppression([Tally(3, 3)]) == ({0}, True)
    assert suppression([Tally(2, 2), Tally(1, 1)]) == ({0, 1}, True)
    # a small group next to one big one: both go, and together they protect the total
    assert suppression([Tally(2, 2), Tally(20, 20)]) == ({0, 1}, False)


def test_the_callers_own_placements_do_not_protect_anyone() -> None:
    # the caller's own group (all 3 its own) and another authority's 2: the caller could subtract its own
    hidden, total = suppression([Tally(3, 0), Tally(2, 2), Tally(30, 30)])
    assert hidden == {0, 1, 2} and not total
    # a group of 6 of which 4 are the caller's own shows 2 other placements: suppressed
    hidden, _ = suppression([Tally(6, 2), Tally(30, 30), Tally(30, 30)])
    assert 0 in hidden
    # nothing to hide: all visible
    assert suppression([Tally(5, 5), Tally(8, 0)]) == (frozenset(), False)


SPEND = """query($scope: AnalyticsScope!, $by: SpendGrouping!) {
  committedSpend(scope: $scope, groupBy: $by) {
    groups { key label suppressed placements committedSpend provider { id } authority { code } primaryNeed }
    total { suppressed placements committedSpend }
  }
}"""


@pytest.mark.parametrize("by", ["AUTHORITY", "LOT", "PROVIDER", "PRIMARY_NEED", "FINANCIAL_YEAR"])
def test_regional_spend_is_suppressed_and_cannot_be_recovered_from_the_total(api: Api, demo: Demo, by: str) -> None:
    answer = api.gql(SPEND, {"scope": "REGION", "by": by}, token=analyst(api, demo))["committedSpend"]
    assert_protected(answer)
    assert not answer["total"]["suppressed"]
    if by == "FINANCIAL_YEAR":
        return
    key: Callable[[Placement], Any] = {
        "AUTHORITY": lambda p: p.authority_code,
        "LOT": lambda p: p.lot_code,
        "PROVIDER": lambda p: p.provider_id,
        "PRIMARY_NEED": lambda p: p.need,
    }[by]
    # regionally, as at the start of the quarter: the days before it, of the call-offs recorded by it
    groups = demo.spend(key, reference=REFERENCE)
    assert len(answer["groups"]) == len(groups)
    # regionally each group is rounded to £1,000 (so that its sum cannot be matched against the published
    # contract values), and the total is the sum of the groups so rounded; places are rounded to COUNT_STEP
    exact = demo.exact_spend(key, REFERENCE)
    expected = (count(sum(n for n, _ in groups.values())), sum(to_step(s, SPEND_STEP) for s in exact.values()))
    assert (answer["total"]["placements"], answer["total"]["committedSpend"]) == expected
    assert expected != (
        count(sum(n for n, _ in demo.spend(key).values())),
        sum(to_step(s, SPEND_STEP) for s in demo.exact_spend(key).values()),
    ), "the figures as at the reference moment are not today's"
    assert all(g["committedSpend"] % SPEND_STEP == 0 for g in answer["groups"] if not g["suppressed"])


def test_regional_spend_by_provider_matches_the_database_where_shown(api: Api, demo: Demo) -> None:
    answer = api.gql(SPEND, {"scope": "REGION", "by": "PROVIDER"}, token=analyst(api, demo))["committedSpend"]
    expected = demo.spend(lambda p: p.provider_id, reference=REFERENCE)
    exact = demo.exact_spend(lambda p: p.provider_id, REFERENCE)
    children = demo.children(lambda p: p.provider_id, reference=REFERENCE)
    bolton = demo.children(lambda p: p.provider_id, authority=BOLTON, reference=REFERENCE)
    hidden = [g for g in answer["groups"] if g["suppressed"]]
    assert hidden, "the demo has providers with fewer than five placements"
    for group in answer["groups"]:
        provider = pk(group["provider"]["id"])
        # groups are sized in children, a block contract counting one whatever its places
        others = children[provider] - bolton.get(provider, 0)
        if 0 < children[provider] < SUPPRESSION_THRESHOLD or 0 < others < SUPPRESSION_THRESHOLD:
            assert group["suppressed"] and group["committedSpend"] is None and group["placements"] is None
        if not group["suppressed"]:
            places, _ = expected[provider]
            assert (group["placements"], group["committedSpend"]) == (
                count(places),
                to_step(exact[provider], SPEND_STEP),
            )
    assert len(answer["groups"]) == len(expected)


def test_the_lead_authority_and_auditors_see_the_region_suppressed_and_not_their_own(api: Api, demo: Demo) -> None:
    ce = demo.authorities[CHESHIRE_EAST]
    for token in (api.token(Role.LEAD_ADMIN, authority_id=ce), api.token(Role.AUDITOR)):
        answer = api.gql(SPEND, {"scope": "REGION", "by": "AUTHORITY"}, token=token)["committedSpend"]
        assert any(g["suppressed"] for g in answer["groups"])
        assert_protected(answer)
        errors = api.errors(SPEND, {"scope": "OWN_AUTHORITY", "by": "LOT"}, token=token)
        assert errors[0]["extensions"] == {"code": "FORBIDDEN", "field": "scope"}


# -- tenancy -------------------------------------------------------------------------------


def test_an_analyst_sees_only_its_own_authority_in_full(api: Api, demo: Demo) -> None:
    token = analyst(api, demo)
    own = api.gql(SPEND, {"scope": "OWN_AUTHORITY", "by": "AUTHORITY"}, token=token)["committedSpend"]
    assert [g["authority"]["code"] for g in own["groups"]] == [BOLTON]
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=demo.authorities[CHESHIRE_EAST])
    theirs = api.gql(SPEND, {"scope": "OWN_AUTHORITY", "by": "AUTHORITY"}, token=commissioner)["committedSpend"]
    assert [g["authority"]["code"] for g in theirs["groups"]] == [CHESHIRE_EAST]
    expected = demo.spend(lambda p: p.authority_code, authority=CHESHIRE_EAST)[CHESHIRE_EAST]
    assert (theirs["total"]["placements"], theirs["total"]["committedSpend"]) == expected

    # in the regional view, Cheshire East's row is the region's figure, as at the start of the quarter, never
    # more detail than that
    region = api.gql(SPEND, {"scope": "REGION", "by": "AUTHORITY"}, token=token)["committedSpend"]
    ce_row = next(g for g in region["groups"] if g["authority"]["code"] == CHESHIRE_EAST)
    places, _ = demo.spend(lambda p: p.authority_code, authority=CHESHIRE_EAST, reference=REFERENCE)[CHESHIRE_EAST]
    exact = demo.exact_spend(lambda p: p.authority_code, REFERENCE)[CHESHIRE_EAST]
    assert not ce_row["suppressed"]
    assert (ce_row["placements"], ce_row["committedSpend"]) == (count(places), to_step(exact, SPEND_STEP))


POSITION = """query($callOff: ID!) {
  feeBenchmark(scope: REGION, callOff: $callOff) {
    position { callOff { id } on weeklyCost suppressed percentileRank differenceFromMedian quartile
      group { suppressed placements median lot { code } primaryNeed } }
  }
}"""


def test_an_analyst_places_its_own_call_off_but_not_another_authoritys(api: Api, demo: Demo) -> None:
    token = analyst(api, demo)
    foreign = next(p.call_off for p in demo.placements if p.authority_code == CHESHIRE_EAST and p.active_on(DEMO_TODAY))
    errors = api.errors(POSITION, {"callOff": gid("CallOff", foreign.id)}, token=token)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"

    own = [
        p
        for p in demo.placements
        if p.authority_code == BOLTON
        and p.active_on(DEMO_TODAY)
        and p.call_off.type is CallOffType.INDIVIDUAL_PLACEMENT
    ]
    assert own
    for placement in own:
        position = api.gql(POSITION, {"callOff": gid("CallOff", placement.call_off.id)}, token=token)["feeBenchmark"][
            "position"
        ]
        assert position["weeklyCost"] == placement.fee_on(DEMO_TODAY)
        assert position["group"]["lot"]["code"] == placement.lot_code
        if position["suppressed"]:
            assert position["percentileRank"] is position["differenceFromMedian"] is position["quartile"] is None
            continue
        group = sorted(
            q.fee_on(DEMO_TODAY)
            for q in demo.placements
            if q.lot_code == placement.lot_code
            and q.need == placement.need
            and q.active_on(DEMO_TODAY)
            and q.call_off.type is CallOffType.INDIVIDUAL_PLACEMENT
        )
        weekly = placement.fee_on(DEMO_TODAY)
        # regionally a placement is placed against the published figures only: counting the placements below it
        # would tell where other authorities' fees lie between the caller's own
        assert position["percentileRank"] is None
        median = position["group"]["median"]
        assert position["differenceFromMedian"] == (None if median is None else weekly - median)
        assert group, "its own placement is in its group"


DENIED = """{
  committedSpend(scope: REGION, groupBy: LOT) { total { suppressed } }
  feeBenchmark(scope: REGION) { on }
  outcomeSummary(scope: REGION, groupBy: LOT) { sinceAcademicYear }
  placementCounts(scope: REGION, groupBy: STATUS) { total { suppressed } }
}"""


@pytest.mark.parametrize("role", [Role.PROVIDER_USER, Role.EVALUATOR])
def test_providers_and_evaluators_see_no_analytics(api: Api, demo: Demo, role: Role) -> None:
    provider = demo.placements[0].provider_id if role is Role.PROVIDER_USER else None
    token = api.token(role, provider_id=provider, scopes=("analytics:read", "calloffs:read", "reports:read"))
    response = api.post(DENIED, token=token)
    body = response.json()
    assert body["data"] is None
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}


def test_a_token_without_the_analytics_scope_is_refused(api: Api, demo: Demo) -> None:
    token = api.token(Role.AUTHORITY_ANALYST, authority_id=demo.authorities[BOLTON], scopes=("calloffs:read",))
    errors = api.errors("{ feeBenchmark(scope: OWN_AUTHORITY) { on } }", token=token)
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_bad_years_are_named(api: Api, demo: Demo) -> None:
    token = analyst(api, demo)
    query = "query($y: Int, $s: Int, $by: SpendGrouping!) { committedSpend(scope: REGION, groupBy: $by, financialYear: $y, sinceFinancialYear: $s) { total { suppressed } } }"  # noqa: E501
    for variables, at_fault in (
        ({"y": 1999, "by": "LOT"}, "financialYear"),
        ({"s": 2024, "by": "LOT"}, "sinceFinancialYear"),
        ({"y": 2024, "s": 2025, "by": "FINANCIAL_YEAR"}, "sinceFinancialYear"),
        ({"y": 2050, "s": 2000, "by": "FINANCIAL_YEAR"}, "sinceFinancialYear"),
    ):
        errors = api.errors(query, variables, token=token)
        assert errors[0]["extensions"] == {"code": "VALIDATION_ERROR", "field": at_fault}


# -- outcomes and counts -----------------------------------------------------------------

OUTCOMES = """query($scope: AnalyticsScope!, $by: OutcomeGrouping!) {
  outcomeSummary(scope: $scope, groupBy: $by) {
    sinceAcademicYear
    groups { key label suppressed placements reportsDue reportsOnTime onTimePercent lot { code } provider { id }
      measures { measure { id code direction } suppressed placements latestMedian trendSuppressed
        latestTerm { academicYear term } latestTermMedian previousTerm { academicYear term } previousTermMedian
        change trend } }
  }
}"""


def _reports(api: Api, authority_id: int | None, since: int) -> list[tuple[str, int, int, Any, Any, Any, dict]]:
    """(lot code, call-off, provider, due, submitted, (year, term), values by measure) for reports from ``since``."""

    async def load(session: Any) -> list[Any]:
        c, r = m.CallOff, m.OutcomeReport
        stmt = select(r, c.lot_id, c.provider_id, c.authority_id).join(c, c.id == r.call_off_id)
        stmt = stmt.where(r.academic_year >= since)
        if authority_id is not None:
            stmt = stmt.where(c.authority_id == authority_id)
        lots = {lot.id: lot.code for lot in await session.scalars(select(m.Lot))}
        values: dict[int, dict[int, float]] = defaultdict(dict)
        for v in await session.scalars(select(m.OutcomeValue)):
            values[v.report_id][v.measure_id] = v.value
        return [
            (
                lots[lot_id],
                report.call_off_id,
                provider_id,
                report.due_at,
                report.submitted_at,
                (report.academic_year, ("AUTUMN", "SPRING", "SUMMER").index(report.term.value)),
                values[report.id],
            )
            for report, lot_id, provider_id, _ in (await session.execute(stmt)).all()
        ]

    return in_database(api, load)


def test_own_outcomes_by_lot_match_the_reports(api: Api, demo: Demo) -> None:
    token = analyst(api, demo)
    answer = api.gql(OUTCOMES, {"scope": "OWN_AUTHORITY", "by": "LOT"}, token=token)["outcomeSummary"]
    since = answer["sinceAcademicYear"]
    assert since == 2023
    reports = _reports(api, demo.authorities[BOLTON], since)
    assert {g["lot"]["code"] for g in answer["groups"]} == {lot for lot, *_ in reports}
    now = dt.datetime.combine(DEMO_TODAY, dt.time(12), tzinfo=dt.UTC)
    for group in answer["groups"]:
        mine = [x for x in reports if x[0] == group["lot"]["code"]]
        due = [x for x in mine if x[3] <= now]
        on_time = [x for x in due if x[4] is not None and x[4] <= x[3]]
        assert not group["suppressed"]
        assert group["placements"] == len({x[1] for x in mine})
        assert (group["reportsDue"], group["reportsOnTime"]) == (len(due), len(on_time))
        assert group["onTimePercent"] == (round(100 * len(on_time) / len(due), 1) if due else None)
        for summary in group["measures"]:
            measure = pk(summary["measure"]["id"])
            latest: dict[int, tuple[Any, float]] = {}
            for _, call_off, _, _, submitted, when, values in mine:
                if (
                    submitted is not None
                    and measure in values
                    and (call_off not in latest or latest[call_off][0] < when)
                ):
                    latest[call_off] = (when, values[measure])
            assert summary["placements"] == len(latest)
            assert summary["latestMedian"] == round(statistics.median(v for _, v in latest.values()), 2)
            by_term: dict[Any, list[float]] = defaultdict(list)
            for *_, submitted, when, values in mine:
                if submitted is not None and measure in values:
                    by_term[when].append(values[measure])
            terms = sorted(by_term)
            if len(terms) < 2:
                assert summary["trend"] is None
                continue
            last, previous = (round(statistics.median(by_term[t]), 2) for t in terms[-2:][::-1])
            assert (summary["latestTermMedian"], summary["previousTermMedian"]) == (last, previous)
            assert summary["latestTerm"]["academicYear"] == terms[-1][0]
            higher_is_better = summary["measure"]["direction"] == "HIGHER_IS_BETTER"
            better = last > previous if higher_is_better else last < previous
            assert summary["trend"] == ("STEADY" if last == previous else "IMPROVING" if better else "WORSENING")


def test_regional_outcomes_by_provider_are_suppressed(api: Api, demo: Demo) -> None:
    answer = api.gql(OUTCOMES, {"scope": "REGION", "by": "PROVIDER"}, token=analyst(api, demo))["outcomeSummary"]
    hidden = [g for g in answer["groups"] if g["suppressed"]]
    shown = [g for g in answer["groups"] if not g["suppressed"]]
    assert hidden and shown
    for g in hidden:
        assert g["placements"] is g["reportsDue"] is g["onTimePercent"] is None and g["measures"] == []
    by_lot = api.gql(OUTCOMES, {"scope": "REGION", "by": "LOT"}, token=analyst(api, demo))["outcomeSummary"]
    for g in shown + [g for g in by_lot["groups"] if not g["suppressed"]]:
        assert g["placements"] >= SUPPRESSION_THRESHOLD
        for summary in g["measures"]:
            # medians need ten children: the mean of the five middle values, rounded by the measure's scale
            assert summary["suppressed"] or summary["placements"] >= STATISTIC_THRESHOLD
            if summary["trend"] is not None:
                expected = summary["latestTermMedian"] - summary["previousTermMedian"]
                assert summary["change"] == pytest.approx(expected, abs=0.011)
    # as at the start of the quarter no provider has ten children reporting one measure; lots do
    assert any(not s["suppressed"] for g in by_lot["groups"] for s in g["measures"])
    assert any(s["trend"] for g in by_lot["groups"] for s in g["measures"])
    for g in shown + by_lot["groups"]:
        assert g["suppressed"] or g["placements"] % COUNT_STEP == g["reportsDue"] % COUNT_STEP == 0


COUNTS = """query($scope: AnalyticsScope!, $by: PlacementGrouping!) {
  placementCounts(scope: $scope, groupBy: $by) {
    groups { key label suppressed callOffs placements medianDaysToAward status lot { code } }
    total { suppressed callOffs placements medianDaysToAward }
  }
}"""


def test_placement_counts_by_state_and_days_to_award(api: Api, demo: Demo) -> None:
    from api.domain.status import call_off_status

    own = api.gql(COUNTS, {"scope": "OWN_AUTHORITY", "by": "STATUS"}, token=analyst(api, demo))["placementCounts"]
    bolton = [p for p in demo.placements if p.authority_code == BOLTON]
    by_status: dict[str, list[Placement]] = defaultdict(list)
    for p in bolton:
        by_status[call_off_status(p.call_off, DEMO_TODAY).value].append(p)
    assert {g["status"]: (g["callOffs"], g["placements"]) for g in own["groups"]} == {
        s: (len(ps), sum(p.call_off.places for p in ps)) for s, ps in by_status.items()
    }

    async def days(session: Any) -> list[float]:
        stmt = (
            select(m.Referral.opened_at, m.CallOff.awarded_at)
            .join(m.CallOff, m.CallOff.referral_id == m.Referral.id)
            .where(m.CallOff.authority_id == demo.authorities[BOLTON])
        )
        return [(awarded - opened).total_seconds() / 86400 for opened, awarded in (await session.execute(stmt)).all()]

    assert own["total"]["medianDaysToAward"] == round(statistics.median(in_database(api, days)), 1)
    assert own["total"]["callOffs"] == len(bolton)

    # regionally: the call-offs recorded by the start of the quarter, in their states on its eve, counts rounded
    region = api.gql(COUNTS, {"scope": "REGION", "by": "STATUS"}, token=analyst(api, demo))["placementCounts"]
    hidden = [g for g in region["groups"] if g["suppressed"]]
    assert hidden, "the demo terminates only four call-offs"
    assert all(g["callOffs"] is g["placements"] is g["medianDaysToAward"] is None for g in hidden)
    recorded = [p for p in demo.placements if p.recorded(REFERENCE)]
    assert len(recorded) < len(demo.placements), "the demo awards placements after the start of the quarter"
    assert region["total"]["callOffs"] == count(len(recorded))
    states: dict[str, list[Placement]] = defaultdict(list)
    for p in recorded:
        state = (
            "TERMINATED"
            if p.terminated(REFERENCE)
            else "PENDING"
            if p.call_off.start_date > AS_AT_DAY
            else "ENDED"
            if p.call_off.end_date is not None and p.call_off.end_date < AS_AT_DAY
            else "ACTIVE"
        )
        states[state].append(p)
    if len(hidden) == 1:  # one hidden group alone is protected only when it is all the caller's own
        assert all(p.authority_code == BOLTON for p in states[hidden[0]["status"]]), hidden
    for g in region["groups"]:
        if not g["suppressed"]:
            ps = states[g["status"]]
            assert (g["callOffs"], g["placements"]) == (count(len(ps)), count(sum(p.call_off.places for p in ps)))


# -- no N+1 ----------------------------------------------------------------------------------

FULL_SPEND = """query($scope: AnalyticsScope!) { committedSpend(scope: $scope, groupBy: PROVIDER) {
  total { committedSpend }
  groups { key label suppressed placements committedSpend provider { legalName } }
} }"""
FULL_BENCHMARK = """query($scope: AnalyticsScope!) { feeBenchmark(scope: $scope) {
  groups { label placements median lot { code title } primaryNeed }
} }"""
FULL_OUTCOMES = """query($scope: AnalyticsScope!) { outcomeSummary(scope: $scope, groupBy: PROVIDER) {
  groups { label placements onTimePercent provider { legalName } measures { measure { code name } latestMedian trend } }
} }"""
FULL_COUNTS = """query($scope: AnalyticsScope!) { placementCounts(scope: $scope, groupBy: PROVIDER) {
  groups { label placements medianDaysToAward provider { legalName } } total { placements }
} }"""


def _groups(data: dict[str, Any]) -> int:
    return len(next(iter(data.values()))["groups"])


@pytest.mark.parametrize("query", [FULL_SPEND, FULL_BENCHMARK, FULL_OUTCOMES, FULL_COUNTS])
def test_statement_counts_do_not_grow_with_the_groups(api: Api, demo: Demo, query: str) -> None:
    token = analyst(api, demo)
    api.gql(query, {"scope": "REGION"}, token=token)  # warm the pool
    counts = []
    for scope in ("OWN_AUTHORITY", "REGION"):
        with StatementCounter(api.app) as counter:
            data = api.gql(query, {"scope": scope}, token=token)
        counts.append((counter.count, _groups(data)))
    (own, own_groups), (region, region_groups) = counts
    assert region_groups > own_groups > 0
    assert own == region <= 6, counts


# -- financial-year boundaries, by hand ------------------------------------------------------


@dataclass
class Inserted:
    authority_id: int
    call_offs: dict[str, int]


@pytest.fixture(scope="module")
def hand_made(writable: WritableApi) -> Inserted:
    """A new authority with a handful of call-offs whose spend is worked out by hand in the test."""

    async def insert(session: Any) -> Inserted:
        authority = m.Authority(gss_code="E99999901", name="Test Borough", role=AuthorityRole.MEMBER, active=True)
        session.add(authority)
        lots = {lot.code: lot for lot in await session.scalars(select(m.Lot))}
        establishment = (await session.scalars(select(m.Establishment).order_by(m.Establishment.id))).first()
        await session.flush()
        awarded = dt.datetime(2023, 8, 1, 10, tzinfo=dt.UTC)

        def referral(lot: str, need: NeedCode, start: dt.date) -> m.Referral:
            return m.Referral(
                authority_id=authority.id,
                lot_id=lots[lot].id,
                child_reference=f"TB-{start.isoformat()}",
                age_at_start=10,
                gender=Gender.OTHER,
                primary_need=need,
                home_postcode_district="M1",
                home_latitude=53.48,
                home_longitude=-2.24,
                needs_summary="Hand-made for the spend arithmetic.",
                start_by=start,
                offer_deadline=awarded - dt.timedelta(days=3),
                mode=ReferralMode.DIRECT_AWARD,
                opened_at=awarded - dt.timedelta(days=10),
                awarded_at=awarded,
            )

        def call_off(name: str, lot: str, weekly: int, start: dt.date, end: dt.date | None, **kw: Any) -> m.CallOff:
            return m.CallOff(
                reference=f"TB-{name}",
                type=kw.pop("type", CallOffType.INDIVIDUAL_PLACEMENT),
                authority_id=authority.id,
                provider_id=establishment.provider_id,
                establishment_id=establishment.id,
                lot_id=lots[lot].id,
                places=kw.pop("places", 1),
                weeks_per_year=lots[lot].weeks_per_year,
                start_date=start,
                end_date=end,
                awarded_at=awarded,
                education_weekly_pence=weekly,
                **kw,
            )

        starts = {
            "A": ("L1", NeedCode.ASD, 100_000, dt.date(2025, 10, 1), None),  # starts mid-year, open-ended
            "C": ("L3", NeedCode.SEMH, 90_000, dt.date(2023, 9, 4), dt.date(2026, 7, 31)),  # two uplifts
            "D": ("L1", NeedCode.ASD, 100_000, dt.date(2025, 6, 2), None),  # terminated before it started
            "E": ("L1", NeedCode.ASD, 100_000, dt.date(2026, 3, 31), None),  # the year's last day
            "F": ("L1", NeedCode.SEMH, 73_000, dt.date(2024, 4, 1), dt.date(2025, 3, 31)),  # exactly 2024-25
        }
        referrals = {name: referral(lot, need, start) for name, (lot, need, _, start, _) in starts.items()}
        session.add_all(referrals.values())
        await session.flush()
        rows = {
            name: call_off(name, lot, weekly, start, end, referral_id=referrals[name].id)
            for name, (lot, _, weekly, start, end) in starts.items()
        }
        rows["D"].terminated_at = dt.datetime(2025, 5, 20, 12, tzinfo=dt.UTC)
        rows["D"].termination_reason = "The child's plan changed before the start."
        rows["B"] = call_off(
            "B", "L3", 50_000, dt.date(2024, 9, 2), dt.date(2025, 7, 31), type=CallOffType.BLOCK, places=3
        )
        session.add_all(rows.values())
        await session.flush()
        for effective, before, after in ((dt.date(2025, 10, 1), 80_000, 84_000), (dt.date(2026, 4, 1), 84_000, 90_000)):
            session.add(
                m.FeeAmendment(
                    call_off_id=rows["C"].id,
                    effective_from=effective,
                    reason=AmendmentReason.ANNUAL_UPLIFT,
                    note="Uplift.",
                    agreed_at=awarded,
                    before_education_weekly_pence=before,
                    after_education_weekly_pence=after,
                )
            )
        return Inserted(authority.id, {name: row.id for name, row in rows.items()})

    return in_database(writable, insert)


HAND_SPEND = """query($by: SpendGrouping!, $year: Int, $since: Int) {
  committedSpend(scope: OWN_AUTHORITY, groupBy: $by, financialYear: $year, sinceFinancialYear: $since) {
    financialYears { startYear days }
    groups { label suppressed placements committedSpend primaryNeed financialYear }
    total { suppressed placements committedSpend }
  }
}"""


def test_spend_follows_the_financial_year_pro_rata_by_hand(writable: WritableApi, hand_made: Inserted) -> None:
    token = writable.token(Role.AUTHORITY_COMMISSIONER, authority_id=hand_made.authority_id)

    # 2025-26 has 365 days. A runs 1 Oct-31 Mar: 182 days at £1,000 × 39 weeks; E runs its last day only;
    # D was terminated before it started. C is on £800 for 183 days and £840 for 182 (uplift on 1 October)
    # × 52 weeks. B (3 places, £500, 52 weeks) runs 1 April-31 July: 122 days.
    by_need = writable.gql(HAND_SPEND, {"by": "PRIMARY_NEED", "year": 2025}, token=token)["committedSpend"]
    assert by_need["financialYears"] == [{"startYear": 2025, "days": 365}]
    assert {g["primaryNeed"]: (g["placements"], g["committedSpend"]) for g in by_need["groups"]} == {
        "ASD": (2, 1_955_342),  # (100,000 × 39 × 182 + 100,000 × 39 × 1) ÷ 365 = 1,955,342.47
        "SEMH": (1, 4_263_715),  # (80,000 × 183 + 84,000 × 182) × 52 ÷ 365 = 4,263,715.07
        "NOT_RECORDED": (3, 2_607_123),  # 50,000 × 52 × 3 × 122 ÷ 365 = 2,607,123.29
    }
    assert by_need["groups"][-1]["label"] == "Not recorded"
    assert by_need["total"] == {"suppressed": False, "placements": 6, "committedSpend": 8_826_180}

    by_year = writable.gql(HAND_SPEND, {"by": "FINANCIAL_YEAR", "year": 2027, "since": 2024}, token=token)
    spend = by_year["committedSpend"]
    assert [(y["startYear"], y["days"]) for y in spend["financialYears"]] == [
        (2024, 365),
        (2025, 365),
        (2026, 365),
        (2027, 366),
    ]
    assert {g["financialYear"]: (g["placements"], g["committedSpend"]) for g in spend["groups"]} == {
        # B from 2 September: 211 days; C all year at £800; F exactly the whole year
        2024: (5, 11_516_041),  # (50,000×52×3×211 + 80,000×52×365 + 73,000×39×365) ÷ 365
        2025: (6, 8_826_181),  # every numerator of 2025-26 together ÷ 365, rounded once
        # A and E all year; C to 31 July (122 days) at the £900 agreed from 1 April 2026
        2026: (3, 9_364_274),  # (2 × 100,000×39×365 + 90,000×52×122) ÷ 365
        2027: (2, 7_800_000),  # a leap year of 366 days: a whole year is exactly the annual cost
    }
    assert spend["total"]["committedSpend"] == 11_516_041 + 8_826_181 + 9_364_274 + 7_800_000


def test_a_placement_is_compared_at_the_fee_in_force_today(writable: WritableApi, hand_made: Inserted) -> None:
    token = writable.token(Role.AUTHORITY_COMMISSIONER, authority_id=hand_made.authority_id)
    position = writable.gql(
        "query($c: ID!) { feeBenchmark(scope: OWN_AUTHORITY, callOff: $c) { groups { label placements median } "
        "position { weeklyCost percentileRank differenceFromMedian quartile suppressed group { median } } } }",
        {"c": gid("CallOff", hand_made.call_offs["C"])},
        token=token,
    )["feeBenchmark"]
    # C's current fees are the £900 agreed from 1 April 2026; today it is on £840
    assert position["position"] == {
        "weeklyCost": 84_000,
        "percentileRank": 50.0,
        "differenceFromMedian": 0,
        "quartile": 1,
        "suppressed": False,
        "group": {"median": 84_000},
    }
    assert sorted((g["placements"], g["median"]) for g in position["groups"]) == [(1, 84_000), (1, 100_000)]
