"""Regional analytics against the public contracts: the attack of issue 15, played over HTTP.

Anyone may read the OCDS publication: every call-off's lot, buyer, dates,
places and annual value, at award and after each amendment. Dividing by the
weeks a year of its lot and its places gives each placement's weekly fee at
every moment. This module does that as an anonymous caller, then asks every
regional analytics question as Bolton's commissioner (who also knows its own
placements in full) and as the lead authority, and checks that no figure can
be matched to a placement: no quartile or median is the fee of any placement
that could be in its group, no count tells a child's need apart from the
published population, and a block contract counts as one, not as its places.

Regional figures are as at the start of the current quarter (1 January 2026
at the demo's today), so the publication is read as it stood then: the
call-offs awarded before it, running on its eve, at the fees in force at the
reference moment (amendments published before it).
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from api.auth.actor import Role
from api.domain.analytics import (
    COUNT_STEP,
    DAYS_STEP,
    FEE_OFFSET,
    FEE_STEP,
    SPEND_STEP,
    STATISTIC_THRESHOLD,
    SUPPRESSION_THRESHOLD,
    Tally,
    suppression,
)
from db import models as m
from db.engine import create_engine, session_factory
from db.enums import AuthorityRole, CallOffType
from tests.support import DEMO_TODAY, Api, WritableApi

BOLTON = "E08000001"
CHESHIRE_EAST = "E06000049"
FEE_FIGURES = ("lowerQuartile", "median", "upperQuartile")
REFERENCE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""The moment regional figures describe at the demo's today: the start of its quarter."""
AS_AT_DAY = REFERENCE.date() - dt.timedelta(days=1)
ROUNDING = COUNT_STEP // 2
"""The most a regional count is away from the count it was rounded from."""


# -- what the public contracts give away ----------------------------------------------------


@dataclass
class PublicCallOff:
    """One call-off as anyone can read it from the OCDS releases."""

    ocid: str
    buyer: str
    lot: str
    individual: bool
    places: int
    starts: dt.date
    awarded: dt.datetime
    ended: dt.datetime | None = None
    """When its contractTermination was published: terminated, or its end date passed."""
    fees: list[tuple[dt.date, int, dt.datetime]] = field(default_factory=list)
    """(from, weekly fee per place in pence, published): at award from its start, then after each amendment."""

    def fee_on(self, day: dt.date, reference: dt.datetime) -> int:
        """The fee in force on a day as published by the reference moment: the award's, then each amendment's."""
        known = [(since, fee) for since, fee, published in self.fees if published < reference]
        ordered = sorted(known, key=lambda f: f[0])
        in_force = [fee for since, fee in ordered if since <= day]
        return in_force[-1] if in_force else ordered[0][1]

    def running_on(self, day: dt.date, reference: dt.datetime) -> bool:
        """Awarded before the reference moment, started by the day and not ended by the moment."""
        return self.awarded < reference and self.starts <= day and (self.ended is None or self.ended >= reference)


@dataclass
class Public:
    call_offs: dict[str, PublicCallOff]
    every_fee: set[int]
    """Every weekly fee per place the publication gives, at any time, of any call-off."""

    def running(self, lot: str) -> list[PublicCallOff]:
        """The lot's individual placements running as at the reference moment."""
        return [
            c for c in self.call_offs.values() if c.lot == lot and c.individual and c.running_on(AS_AT_DAY, REFERENCE)
        ]

    def recorded(self) -> list[PublicCallOff]:
        """Every call-off awarded before the reference moment."""
        return [c for c in self.call_offs.values() if c.awarded < REFERENCE]

    def lots(self) -> set[str]:
        return {c.lot for c in self.call_offs.values()}


def _day(stamp: str) -> dt.date:
    return dt.date.fromisoformat(stamp[:10])


def _moment(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _weekly(amount: Any, weeks: int, places: int) -> int:
    pence = Decimal(str(amount)) * 100
    fee = pence / (weeks * places)
    assert fee == fee.to_integral_value(), "an annual value is weekly fees × weeks × places, exactly"
    return int(fee)


def read_the_publication(api: Api) -> Public:
    """Every release, as an anonymous caller, page after page; and every fee they give away."""
    releases: list[dict[str, Any]] = []
    url: str | None = "/ocds/releases?limit=1000"
    while url:
        response = api.http.get(url)
        assert response.status_code == 200, response.text
        package = response.json()
        releases += package["releases"]
        following = package.get("links", {}).get("next")
        url = following[following.index("/ocds/") :] if following else None
    weeks: dict[str, int] = {}
    for release in releases:
        for lot in release.get("tender", {}).get("lots", []):
            found = re.search(r"(\d+) weeks a year", lot.get("description", ""))
            if found:
                weeks[lot["id"]] = int(found.group(1))
    call_offs: dict[str, PublicCallOff] = {}
    every_fee: set[int] = set()
    for release in sorted(releases, key=lambda r: r["date"]):
        if not release.get("contracts"):
            continue
        ocid = release["ocid"]
        if "award" in release["tag"]:
            award = release["awards"][0]
            block = re.search(r"for (\d+) places", award["title"])
            places = int(block.group(1)) if block else 1
            buyer = next(p["identifier"]["id"] for p in release["parties"] if "buyer" in p["roles"])
            lot = award["relatedLots"][0]
            starts = _day(award["contractPeriod"]["startDate"])
            fee = _weekly(award["value"]["amount"], weeks[lot], places)
            published = _moment(release["date"])
            call_offs[ocid] = PublicCallOff(
                ocid, buyer, lot, block is None, places, starts, published, fees=[(starts, fee, published)]
            )
            every_fee.add(fee)
        call_off = call_offs[ocid]
        contract = release["contracts"][0]
        if "contractAmendment" in release["tag"]:
            since = re.search(r"apply from (\d{4}-\d{2}-\d{2})", contract["amendments"][-1]["description"])
            assert since is not None
            fee = _weekly(contract["value"]["amount"], weeks[call_off.lot], call_off.places)
            call_off.fees.append((dt.date.fromisoformat(since.group(1)), fee, _moment(release["date"])))
            every_fee.add(fee)
        if "contractTermination" in release["tag"]:
            call_off.ended = _moment(release["date"])
    assert call_offs and every_fee
    return Public(call_offs, every_fee)


@pytest.fixture(scope="module")
def public(api: Api) -> Public:
    return read_the_publication(api)


# -- the regional figures ------------------------------------------------------------------

BENCHMARK = """query($scope: AnalyticsScope!) { feeBenchmark(scope: $scope) { asAt on
  groups { suppressed placements lowerQuartile median upperQuartile lot { code } primaryNeed } } }"""
SPEND = """query($by: SpendGrouping!) { committedSpend(scope: REGION, groupBy: $by) {
  groups { suppressed placements committedSpend primaryNeed } total { suppressed placements committedSpend } } }"""
COUNTS = """query($by: PlacementGrouping!) { placementCounts(scope: REGION, groupBy: $by) {
  groups { suppressed callOffs placements medianDaysToAward primaryNeed }
  total { suppressed callOffs placements medianDaysToAward } } }"""
OUTCOMES = """query($by: OutcomeGrouping!) { outcomeSummary(scope: REGION, groupBy: $by) {
  groups { suppressed placements measures { suppressed placements latestMedian latestTermMedian
    previousTermMedian change } } } }"""


def callers(api: Api) -> dict[str, tuple[str, str | None]]:
    """Bolton's commissioner (who sees its own placements in full) and the lead authority: token, own authority."""

    async def ids(session: Any) -> dict[str, int]:
        return {a.gss_code: a.id for a in await session.scalars(select(m.Authority))}

    authorities = _in_database(api, ids)
    return {
        "Bolton's commissioner": (
            api.token(Role.AUTHORITY_COMMISSIONER, authority_id=authorities[BOLTON]),
            BOLTON,
        ),
        "the lead authority": (api.token(Role.LEAD_ADMIN, authority_id=authorities[CHESHIRE_EAST]), None),
    }


def _in_database(api: Api, work: Any) -> Any:
    async def go() -> Any:
        engine = create_engine(api.app.state.settings.database_url)
        try:
            async with session_factory(engine)() as session:
                result = await work(session)
                await session.commit()
                return result
        finally:
            await engine.dispose()

    return asyncio.run(go())


def test_no_regional_fee_figure_is_a_placements_fee(api: Api, public: Public) -> None:
    """The attack of the issue: match every quartile and median against every fee the publication gives."""
    shown = 0
    for who, (token, _own) in callers(api).items():
        benchmark = api.gql(BENCHMARK, {"scope": "REGION"}, token=token)["feeBenchmark"]
        assert (benchmark["asAt"], benchmark["on"]) == (REFERENCE.isoformat(), AS_AT_DAY.isoformat())
        groups = benchmark["groups"]
        assert groups, who
        for group in groups:
            # the fees of every placement that could be in the group: its lot's, running at the reference moment,
            # any authority's, at the fees in force then (and today's too: a figure must be neither)
            running = public.running(group["lot"]["code"])
            could_be = {c.fee_on(AS_AT_DAY, REFERENCE) for c in running} | {
                c.fee_on(DEMO_TODAY, _moment("2100-01-01T00:00:00Z")) for c in running
            }
            for name in FEE_FIGURES:
                figure = group[name]
                if figure is None:
                    continue
                shown += 1
                assert figure not in could_be, f"{who}: {group} {name} is a placement's fee"
                # nor any fee the publication gives, at any time, of any call-off: a figure is a £50 step less 1p,
                # so never a round fee, and the rest are all but never on that grid
                assert figure not in public.every_fee, f"{who}: {group} {name} is a published fee"
                assert figure % FEE_STEP == FEE_STEP - FEE_OFFSET, (who, group, name)
                assert group["placements"] >= STATISTIC_THRESHOLD - ROUNDING, (who, group)
    assert shown >= 6, "the demo shows regional fee figures"


def _own_as_at(api: Api, authority: str) -> dict[tuple[str, str], int]:
    """What the caller knows of its own placements: its children running as at the reference moment, by lot and need."""

    async def load(session: Any) -> dict[tuple[str, str], int]:
        c, r = m.CallOff, m.Referral
        stmt = (
            select(m.Lot.code, r.primary_need, r.child_reference, c)
            .join(r, r.id == c.referral_id)
            .join(m.Lot, m.Lot.id == c.lot_id)
            .join(m.Authority, m.Authority.id == c.authority_id)
            .where(m.Authority.gss_code == authority, c.awarded_at < REFERENCE)
        )
        children: dict[tuple[str, str], set[str]] = defaultdict(set)
        for lot, need, child, call_off in (await session.execute(stmt)).all():
            terminated = call_off.terminated_at is not None and call_off.terminated_at < REFERENCE
            running = call_off.start_date <= AS_AT_DAY and (call_off.end_date is None or call_off.end_date >= AS_AT_DAY)
            if running and not terminated:
                children[(lot, need.value)].add(child)
        return {key: len(v) for key, v in children.items()}

    return _in_database(api, load)


def test_no_regional_count_tells_a_childs_need_apart(api: Api, public: Public) -> None:
    """Counts by need against the published population: what is left outside a group, or hidden, is never small.

    The population is the publication as at the reference moment. Regional counts are rounded to COUNT_STEP, so
    what they leave is known only to within ROUNDING of each: that is all an attacker can work out.
    """
    for who, (token, own) in callers(api).items():
        region = api.gql(BENCHMARK, {"scope": "REGION"}, token=token)["feeBenchmark"]["groups"]
        # the commissioner knows its own placements in full and can take them out
        mine: dict[tuple[str, str], int] = defaultdict(int, _own_as_at(api, own) if own is not None else {})
        for lot in public.lots():
            running = public.running(lot)
            listed = [g for g in region if g["lot"]["code"] == lot]
            if not running:
                assert not listed
                continue
            others = sum(1 for c in running if c.buyer != own)
            # a lot whose groups are listed names at least two needs: one alone would be every child's
            assert len(listed) != 1, f"{who}: lot {lot} names one need for all its {len(running)} placements"
            shown = [g for g in listed if not g["suppressed"]]
            for g in shown:
                assert g["placements"] % COUNT_STEP == 0 and g["placements"] >= SUPPRESSION_THRESHOLD, (who, g)
            hidden_count = len(running) - sum(g["placements"] for g in shown)
            if listed and len(shown) < len(listed):
                assert hidden_count >= SUPPRESSION_THRESHOLD - ROUNDING * len(shown), (who, lot, listed)
                assert len(listed) - len(shown) >= 2, (who, lot, listed)
            for g in shown:
                rest = len(running) - g["placements"]
                rest_of_others = others - (g["placements"] - mine[(lot, g["primaryNeed"])])
                assert rest >= SUPPRESSION_THRESHOLD - ROUNDING, f"{who}: {g} leaves {rest} of lot {lot}"
                assert rest_of_others >= SUPPRESSION_THRESHOLD - ROUNDING or rest_of_others <= ROUNDING, (
                    who,
                    g,
                    rest_of_others,
                )
                assert g["placements"] - mine[(lot, g["primaryNeed"])] >= SUPPRESSION_THRESHOLD - ROUNDING, (who, g)

        # counts by need against every call-off published by the reference moment
        answer = api.gql(COUNTS, {"by": "PRIMARY_NEED"}, token=token)["placementCounts"]
        recorded = public.recorded()
        population = len(recorded)
        assert answer["total"]["callOffs"] == to_count(population), "every call-off is published"
        assert population < len(public.call_offs), "the demo awards call-offs after the reference moment"
        blocks = sum(1 for c in recorded if not c.individual)
        for g in answer["groups"]:
            if g["suppressed"]:
                continue
            if g["primaryNeed"] == "NOT_RECORDED":  # block contracts: public anyway
                assert g["callOffs"] == to_count(blocks)
                continue
            assert population - blocks - g["callOffs"] >= SUPPRESSION_THRESHOLD - ROUNDING, (who, g)


def to_count(n: int) -> int:
    """A regional count: n rounded half-up to a multiple of COUNT_STEP."""
    return (2 * n + COUNT_STEP) // (2 * COUNT_STEP) * COUNT_STEP


def test_every_regional_statistic_comes_from_enough_children_and_is_rounded(api: Api) -> None:
    for who, (token, _own) in callers(api).items():
        for by in ("AUTHORITY", "LOT", "PROVIDER", "PRIMARY_NEED", "FINANCIAL_YEAR"):
            answer = api.gql(SPEND, {"by": by}, token=token)["committedSpend"]
            for g in [*answer["groups"], answer["total"]]:
                assert g["suppressed"] or g["committedSpend"] % SPEND_STEP == 0, (who, by, g)
        for by in ("STATUS", "LOT", "AUTHORITY", "PROVIDER", "PRIMARY_NEED"):
            answer = api.gql(COUNTS, {"by": by}, token=token)["placementCounts"]
            for g in [*answer["groups"], answer["total"]]:
                days = g["medianDaysToAward"]
                if days is not None:
                    assert days % DAYS_STEP == 0, (who, by, g)
                    assert g["callOffs"] >= STATISTIC_THRESHOLD - ROUNDING, (who, by, g)
        for by in ("PROVIDER", "LOT"):
            for g in api.gql(OUTCOMES, {"by": by}, token=token)["outcomeSummary"]["groups"]:
                for s in g["measures"]:
                    if s["latestMedian"] is not None:
                        assert s["placements"] >= STATISTIC_THRESHOLD - ROUNDING, (who, by, s)
                    if s["latestTermMedian"] is not None:
                        assert s["placements"] >= STATISTIC_THRESHOLD - ROUNDING, (who, by, s)


# -- a block contract is one, not its places ------------------------------------------------


def test_a_block_contract_counts_as_one_not_as_its_places(writable: WritableApi) -> None:
    """A new authority's only call-off is a block contract of six places: regionally it is a group of one."""

    async def insert(session: Any) -> int:
        authority = m.Authority(gss_code="E99999902", name="Block Borough", role=AuthorityRole.MEMBER, active=True)
        session.add(authority)
        template = (
            await session.scalars(
                select(m.CallOff).where(m.CallOff.type == CallOffType.BLOCK).order_by(m.CallOff.id).limit(1)
            )
        ).one()
        await session.flush()
        session.add(
            m.CallOff(
                reference="BB-BLOCK-1",
                type=CallOffType.BLOCK,
                authority_id=authority.id,
                provider_id=template.provider_id,
                establishment_id=template.establishment_id,
                lot_id=template.lot_id,
                places=6,
                weeks_per_year=template.weeks_per_year,
                start_date=dt.date(2025, 9, 1),
                end_date=dt.date(2027, 7, 31),
                awarded_at=dt.datetime(2025, 7, 1, 10, tzinfo=dt.UTC),
                education_weekly_pence=150_000,
            )
        )
        return authority.id

    authority_id = _in_database(writable, insert)
    token = writable.token(Role.LEAD_ADMIN)
    spend = writable.gql(
        "{ committedSpend(scope: REGION, groupBy: AUTHORITY) { groups { suppressed placements authority { id } } } }",
        token=token,
    )["committedSpend"]["groups"]
    counts = writable.gql(
        "{ placementCounts(scope: REGION, groupBy: AUTHORITY) { groups { suppressed callOffs authority { id } } } }",
        token=token,
    )["placementCounts"]["groups"]
    for groups in (spend, counts):
        row = next(g for g in groups if g["authority"]["id"] == _global_id("Authority", authority_id))
        assert row["suppressed"], "six places of one block contract are one contract, not six children"
    own = writable.gql(
        "{ committedSpend(scope: OWN_AUTHORITY, groupBy: AUTHORITY) { groups { suppressed placements } } }",
        token=writable.token(Role.AUTHORITY_COMMISSIONER, authority_id=authority_id),
    )["committedSpend"]["groups"]
    assert own == [{"suppressed": False, "placements": 6}], "its own authority sees its places in full"


def _global_id(type_name: str, key: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


# -- the rule itself -------------------------------------------------------------------------


def test_a_group_that_is_nearly_all_of_a_public_population_is_suppressed() -> None:
    # every child of a lot has one need: naming it would tell each child's; and nothing can protect it
    assert suppression([Tally(12, 12)], private=True) == ({0}, True)
    # 12 of 14 have one need: the other two are suppressed, and so is it, or the two would be 14 - 12
    hidden, total = suppression([Tally(12, 12), Tally(2, 2)], private=True)
    assert hidden == {0, 1} and not total
    # 20 and 6: each leaves enough outside it
    assert suppression([Tally(20, 20), Tally(6, 6)], private=True) == (frozenset(), False)
    # a public grouping (by provider, say) may be nearly everything
    assert suppression([Tally(20, 20), Tally(6, 6)]) == (frozenset(), False)
    assert suppression([Tally(12, 12)]) == (frozenset(), False)
