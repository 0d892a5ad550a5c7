"""Regional figures stand still within a quarter: the differencing attack of issue 15, played over HTTP.

Regional figures are read beside the public contracts, which publish every
award, ending and fee amendment at once. Were the figures current, asking
again after one award would show which group moved, and so the primary need
of the child just placed. So every regional figure is as at the start of the
current calendar quarter: this module reads them all as Bolton's commissioner,
lets another council award a placement, end one, amend a fee (back-dated
before the quarter began) and import a placement that started long ago, and
reads them again: nothing moved. Once the clock passes the next quarter's
start, the figures include all of it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from api.auth.actor import Role
from db import models as m
from tests.support import DEMO_NOW, WritableApi
from tests.test_analytics import FY_2025, Placement, count, gid, in_database, pk, to_step
from tests.test_csv import csv_text, place, post, row
from tests.test_offers import demo_of, ok

BOLTON = "E08000001"
CHESHIRE_EAST = "E06000049"
REFERENCE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
NEXT_REFERENCE = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)

GROUP = "suppressed key label"
SPEND = f"""query($by: SpendGrouping!) {{ committedSpend(scope: REGION, groupBy: $by) {{
  asAt financialYears {{ startYear }} groups {{ {GROUP} placements committedSpend }}
  total {{ {GROUP} placements committedSpend }} }} }}"""
COUNTS = f"""query($by: PlacementGrouping!) {{ placementCounts(scope: REGION, groupBy: $by) {{
  asAt groups {{ {GROUP} callOffs placements medianDaysToAward }}
  total {{ {GROUP} callOffs placements medianDaysToAward }} }} }}"""
BENCHMARK = f"""{{ feeBenchmark(scope: REGION) {{
  asAt on groups {{ {GROUP} placements lowerQuartile median upperQuartile }} }} }}"""
OUTCOMES = f"""query($by: OutcomeGrouping!) {{ outcomeSummary(scope: REGION, groupBy: $by) {{
  asAt sinceAcademicYear groups {{ {GROUP} placements reportsDue reportsOnTime onTimePercent
    measures {{ measure {{ code }} suppressed placements latestMedian trendSuppressed latestTermMedian
      previousTermMedian change trend }} }} }} }}"""

GROUPINGS = ("AUTHORITY", "LOT", "PROVIDER", "PRIMARY_NEED")
EVERY_FIGURE: dict[str, tuple[str, dict[str, Any]]] = {
    **{f"committedSpend by {by}": (SPEND, {"by": by}) for by in (*GROUPINGS, "FINANCIAL_YEAR")},
    **{f"placementCounts by {by}": (COUNTS, {"by": by}) for by in (*GROUPINGS, "STATUS")},
    "feeBenchmark": (BENCHMARK, {}),
    **{f"outcomeSummary by {by}": (OUTCOMES, {"by": by}) for by in ("PROVIDER", "LOT")},
}


def every_regional_figure(api: WritableApi, token: str) -> dict[str, Any]:
    answers = {}
    for name, (query, variables) in EVERY_FIGURE.items():
        answers[name] = next(iter(api.gql(query, variables, token=token).values()))
    return answers


def authority_ids(api: WritableApi) -> dict[str, int]:
    async def load(session: Any) -> dict[str, int]:
        return {a.gss_code: a.id for a in await session.scalars(select(m.Authority))}

    return in_database(api, load)


def placements_of(api: WritableApi, authority_id: int | None = None) -> list[Placement]:
    """An authority's call-offs (everyone's without one) as they are in the database now, with their amendments."""

    async def load(session: Any) -> list[Placement]:
        amendments: dict[int, list[m.FeeAmendment]] = defaultdict(list)
        for amendment in await session.scalars(select(m.FeeAmendment)):
            amendments[amendment.call_off_id].append(amendment)
        stmt = select(m.CallOff)
        if authority_id is not None:
            stmt = stmt.where(m.CallOff.authority_id == authority_id)
        rows = await session.scalars(stmt)
        return [Placement(c, amendments[c.id], "", "", c.provider_id, None, str(c.id)) for c in rows]

    return in_database(api, load)


@dataclass
class Unamended(Placement):
    """A placement seen without the fee amendment agreed at the demo's today."""

    def fee_on(self, day: dt.date, reference: dt.datetime | None = None) -> int:
        return super().fee_on(day, DEMO_NOW)


def regional_spend(placements: list[Placement], reference: dt.datetime) -> int:
    """Regional spend in 2025-26 as at the reference moment, worked out day by day, rounded as one group."""
    days = (FY_2025[1] - FY_2025[0]).days + 1
    numerator = sum(p.spend_numerator(*FY_2025, reference)[1] for p in placements)
    return to_step(numerator / days, 100_000)


def test_no_regional_figure_moves_with_one_award_ending_amendment_or_import(writable: WritableApi) -> None:
    api = writable
    api.at(DEMO_NOW)
    ids = authority_ids(api)
    bolton = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=ids[BOLTON], subject="bolton.commissioner")
    before = every_regional_figure(api, bolton)
    assert {answer["asAt"] for answer in before.values()} == {REFERENCE.isoformat()}
    assert before["feeBenchmark"]["on"] == "2025-12-31"

    # another council awards a placement: the public contracts publish it at once
    demo = demo_of(api)
    (referral,) = demo.pick(
        lambda r: (
            r["status"] == "OPEN"
            and r["mode"] == "DIRECT_AWARD"
            and bool(demo.live_offers(r))
            and r["authority"]["id"] != gid("Authority", ids[BOLTON])
        )
    )
    council = pk(referral["authority"]["id"])
    commissioner = demo.commissioner(referral, subject="other.commissioner")
    own = """{ placementCounts(scope: OWN_AUTHORITY, groupBy: STATUS) { asAt total { callOffs } }
      committedSpend(scope: OWN_AUTHORITY, groupBy: AUTHORITY) { total { committedSpend } } }"""
    own_before = api.gql(own, token=commissioner)
    assert own_before["placementCounts"]["asAt"] == DEMO_NOW.isoformat(), "own figures are current"
    offer = demo.live_offers(referral)[0]
    why = "The only school in reach that meets the plan; agreed at panel."
    ok(api, "awardReferral", {"offer": offer["id"], "reason": why}, commissioner, "callOff { id }")

    # ... ends one of its placements and amends another's fees, back-dated to before the quarter began
    query = """query($a: ID!) { callOffs(first: 100, filter: {authority: $a, type: INDIVIDUAL_PLACEMENT,
      status: ACTIVE}) { nodes { id version startDate endDate amendments { effectiveFrom } } } }"""
    running = api.gql(query, {"a": referral["authority"]["id"]}, token=commissioner)["callOffs"]["nodes"]

    def latest_change(c: dict[str, Any]) -> str:
        return max((a["effectiveFrom"] for a in c["amendments"]), default=c["startDate"])

    ending = next(
        c for c in running if (c["endDate"] is None or c["endDate"] > "2026-03-31") and latest_change(c) <= "2026-03-20"
    )
    ok(
        api,
        "endCallOff",
        {"callOff": ending["id"], "version": ending["version"], "endDate": "2026-03-20", "reason": "Moving on."},
        commissioner,
    )
    amended = next(
        c
        for c in running
        if c["id"] != ending["id"]
        and c["startDate"] < "2025-11-01"
        and latest_change(c) <= "2025-12-01"
        and (c["endDate"] is None or c["endDate"] >= "2026-03-31")
    )
    made = ok(
        api,
        "amendCallOffFees",
        {
            "callOff": amended["id"],
            "version": amended["version"],
            "effectiveFrom": "2025-12-01",
            "reason": "CORRECTION",
            "note": "The education fee was agreed higher from December.",
            "weeklyFees": {"education": 400_000},
        },
        commissioner,
        "amendment { effectiveFrom }",
    )
    assert made["amendment"]["effectiveFrom"] == "2025-12-01"

    # ... and Cheshire East imports a placement that started in 2024: awarded on its start date, recorded today
    importer = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=ids[CHESHIRE_EAST], subject="ce.importer")
    imported = post(api, csv_text([row(place(api), "CE-AS-AT-00001")]), importer)
    assert imported.status_code == 200 and imported.json()["written"] is True, imported.text

    own_after = api.gql(own, token=commissioner)
    assert own_after["placementCounts"]["total"]["callOffs"] > own_before["placementCounts"]["total"]["callOffs"]
    assert own_after["committedSpend"] != own_before["committedSpend"], "the council's own figures moved at once"

    # asked again, no regional figure has moved: nothing tells which group the new placement joined
    after = every_regional_figure(api, bolton)
    for name in EVERY_FIGURE:
        assert after[name] == before[name], f"{name} moved within the quarter"

    # once the next quarter has begun, the figures are as at its start, and include all of it
    api.at(NEXT_REFERENCE + dt.timedelta(seconds=1))
    try:
        later = every_regional_figure(api, bolton)
        assert {answer["asAt"] for answer in later.values()} == {NEXT_REFERENCE.isoformat()}
        assert later["feeBenchmark"]["on"] == "2026-03-31"
        placements = placements_of(api)
        by_year = {g["key"]: g for g in later["committedSpend by FINANCIAL_YEAR"]["groups"]}
        # 2025-26 to 31 March: the award, the end on 20 March and the £4,000 a week from 1 December all count
        assert by_year["2025"]["committedSpend"] == regional_spend(placements, NEXT_REFERENCE)
        unamended = [Unamended(**vars(p)) if p.call_off.id == pk(amended["id"]) else p for p in placements]
        assert regional_spend(unamended, NEXT_REFERENCE) != by_year["2025"]["committedSpend"], "the amendment counts"
        # every call-off is counted, the award and the import with them
        assert later["placementCounts by STATUS"]["total"]["callOffs"] == count(len(placements))
        counts = {g["key"]: g for g in later["placementCounts by AUTHORITY"]["groups"]}
        for authority in (council, ids[CHESHIRE_EAST]):
            group = counts[gid("Authority", authority)]
            assert group["suppressed"] or group["callOffs"] == count(len(placements_of(api, authority)))
        for name in EVERY_FIGURE:
            assert later[name] != before[name], f"{name} did not move at the quarter's start"
    finally:
        api.at(DEMO_NOW)
