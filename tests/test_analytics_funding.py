"""Committed spend by funder and by funding stream, over HTTP.

A funder's spend is a call-off's, worked out from its contribution in the funding split in force each day instead
of the weekly fee. Figures are checked against values worked out here day by day straight from the database, and
on call-offs this module inserts, by hand and from their splits as GraphQL gives them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from api.auth.actor import Role
from api.domain.analytics import SPEND_STEP, Tally, suppression
from api.domain.fees import WeeklyFees
from api.domain.funding import divide
from db import models as m
from db.enums import AmendmentReason, AuthorityRole, CallOffType, CostElement, FundingStream
from db.models.funding import SHARE_SCALE, share_column_name
from tests.support import Api, StatementCounter, WritableApi
from tests.test_analytics import (
    BOLTON,
    FY_2025,
    REFERENCE,
    Demo,
    Placement,
    analyst,
    count,
    gid,
    half_up,
    in_database,
    load_demo,
    pk,
    to_step,
)
from tests.test_offers import ok

FunderKey = tuple[str, int | None, int | None]
"""A funder as the tests key it: (stream, authority id, board id)."""

STREAM_WORDS = {"EDUCATION": "education", "SOCIAL_CARE": "social care", "HEALTH": "health"}

SPEND = """query($scope: AnalyticsScope!, $by: SpendGrouping!, $year: Int) {
  committedSpend(scope: $scope, groupBy: $by, financialYear: $year) {
    groups { key label suppressed placements committedSpend fundingStream
      authority { id code name } integratedCareBoard { id name } }
    total { key suppressed placements committedSpend }
  }
}"""


def funder_of(group: dict[str, Any]) -> FunderKey:
    authority, board = group["authority"], group["integratedCareBoard"]
    return (
        group["fundingStream"],
        None if authority is None else pk(authority["id"]),
        None if board is None else pk(board["id"]),
    )


# -- the splits, read straight from the database -------------------------------------------------


@dataclass
class Split:
    id: int
    effective_from: dt.date
    proposed_at: dt.datetime
    contributions: list[tuple[FunderKey, int]] = field(default_factory=list)
    """Each funder and its weekly pence per place."""


@dataclass
class Funding:
    splits: dict[int, list[Split]]
    """Each call-off's splits, by (effective_from, id)."""
    names: dict[tuple[str, int], str]

    def in_force(self, call_off_id: int, day: dt.date, reference: dt.datetime | None) -> Split | None:
        """The split in force on a day: the latest to have started (before any, the first), of those proposed by the
        reference moment."""
        known = [s for s in self.splits.get(call_off_id, []) if reference is None or s.proposed_at < reference]
        started = [s for s in known if s.effective_from <= day]
        return started[-1] if started else (known[0] if known else None)


def load_funding(api: Api) -> Funding:
    async def load(session: Any) -> Funding:
        splits: dict[int, Split] = {}
        for s in await session.scalars(select(m.FundingSplit).order_by(m.FundingSplit.id)):
            splits[s.id] = Split(s.id, s.effective_from, s.proposed_at)
        for c in await session.scalars(select(m.FundingContribution).order_by(m.FundingContribution.position)):
            funder = (c.stream.value, c.authority_id, c.integrated_care_board_id)
            splits[c.split_id].contributions.append((funder, WeeklyFees.of(c).total))
        by_call_off: dict[int, list[Split]] = defaultdict(list)
        for s in await session.scalars(select(m.FundingSplit)):
            by_call_off[s.call_off_id].append(splits[s.id])
        names = {("Authority", a.id): a.name for a in await session.scalars(select(m.Authority))}
        names |= {("Board", b.id): b.name for b in await session.scalars(select(m.IntegratedCareBoard))}
        return Funding({k: sorted(v, key=lambda s: (s.effective_from, s.id)) for k, v in by_call_off.items()}, names)

    return in_database(api, load)


@pytest.fixture(scope="module")
def demo(api: Api) -> Demo:
    return load_demo(api)


@pytest.fixture(scope="module")
def funding(api: Api) -> Funding:
    return load_funding(api)


@dataclass
class Expected:
    """One group's figures in 2025-26, worked out day by day."""

    numerator: int = 0
    call_offs: dict[int, int] = field(default_factory=dict)
    """Its call-offs and their places."""
    children: set[str] = field(default_factory=set)
    own_children: set[str] = field(default_factory=set)

    @property
    def places(self) -> int:
        return sum(self.call_offs.values())

    @property
    def exact(self) -> Decimal:
        return Decimal(self.numerator) / ((FY_2025[1] - FY_2025[0]).days + 1)

    @property
    def tally(self) -> Tally:
        return Tally(len(self.children), len(self.children) - len(self.own_children))


def by_funder(
    demo: Demo, funding: Funding, *, authority: str | None = None, reference: dt.datetime | None = None
) -> dict[FunderKey, Expected]:
    """Each funder's spend and places in 2025-26, day by day, from the split in force each day.

    Checks on the way that each day's contributions add up to the weekly fee then in force.
    """
    found: dict[FunderKey, Expected] = defaultdict(Expected)
    for p in demo.placements:
        if authority is not None and p.authority_code != authority:
            continue
        for day in running_days(p, reference):
            split = funding.in_force(p.call_off.id, day, reference)
            assert split is not None, "every demo call-off has a split from its start"
            assert sum(w for _, w in split.contributions) == p.fee_on(day, reference), (p.call_off.id, day)
            for funder, weekly in split.contributions:
                group = found[funder]
                group.numerator += weekly * p.call_off.weeks_per_year * p.call_off.places
                group.call_offs[p.call_off.id] = p.call_off.places
                group.children.add(p.child)
                if p.authority_code == BOLTON:
                    group.own_children.add(p.child)
    return found


def running_days(p: Placement, reference: dt.datetime | None) -> list[dt.date]:
    """The days of 2025-26 a placement runs (as at the reference moment: recorded by then, the days before it)."""
    c = p.call_off
    if not p.ran(reference) or not p.recorded(reference):
        return []
    last = FY_2025[1] if reference is None else min(FY_2025[1], reference.date() - dt.timedelta(days=1))
    day, end = max(FY_2025[0], c.start_date), min(last, c.end_date or last)
    return [day + dt.timedelta(days=i) for i in range((end - day).days + 1)]


def by_stream(funders: dict[FunderKey, Expected]) -> dict[str, Expected]:
    streams: dict[str, Expected] = defaultdict(Expected)
    for (stream, _, _), e in funders.items():
        s = streams[stream]
        s.numerator += e.numerator
        s.call_offs |= e.call_offs
        s.children |= e.children
        s.own_children |= e.own_children
    return streams


def funder_label(funding: Funding, key: FunderKey) -> str:
    stream, authority, board = key
    name = funding.names[("Board", board)] if board is not None else funding.names[("Authority", authority or 0)]
    return f"{name} – {STREAM_WORDS[stream]}"


def funder_key(key: FunderKey) -> str:
    stream, authority, board = key
    return f"{gid('Authority', authority) if board is None else gid('IntegratedCareBoard', board)}/{stream}"


# -- own authority: in full ---------------------------------------------------------------------


def test_own_spend_by_funder_and_by_stream_adds_up_to_the_authoritys(api: Api, demo: Demo, funding: Funding) -> None:
    token = analyst(api, demo)

    def ask(by: str) -> dict[str, Any]:
        return api.gql(SPEND, {"scope": "OWN_AUTHORITY", "by": by, "year": 2025}, token=token)["committedSpend"]

    whole = ask("AUTHORITY")["total"]
    streams, funders = ask("FUNDING_STREAM"), ask("FUNDER")

    # a split's contributions add up to the weekly fee to the penny: each group is rounded on its own, so the
    # groups add up to the authority's spend to within a penny a group
    for answer in (streams, funders):
        groups = answer["groups"]
        assert not any(g["suppressed"] for g in groups) and not answer["total"]["suppressed"]
        assert abs(sum(g["committedSpend"] for g in groups) - whole["committedSpend"]) <= len(groups)
        assert answer["total"]["committedSpend"] == sum(g["committedSpend"] for g in groups)
        # a call-off paid for by several funders counts once in the total's places
        assert answer["total"]["placements"] == whole["placements"]
        assert answer["total"]["key"] == "TOTAL"
    assert [g["fundingStream"] for g in streams["groups"]] == ["EDUCATION", "SOCIAL_CARE", "HEALTH"]
    assert [g["label"] for g in streams["groups"]] == ["Education", "Social care", "Health"]
    assert [g["key"] for g in streams["groups"]] == ["EDUCATION", "SOCIAL_CARE", "HEALTH"]
    assert sum(g["placements"] for g in streams["groups"]) > whole["placements"], "some call-offs are shared"

    # the caller's own authority's two budgets and the boards paying for its placements' health needs
    own = [g for g in funders["groups"] if g["authority"] is not None]
    boards = [g for g in funders["groups"] if g["integratedCareBoard"] is not None]
    assert {g["authority"]["code"] for g in own} == {BOLTON} and len(own) == 2
    assert boards and all(g["fundingStream"] == "HEALTH" and g["authority"] is None for g in boards)
    assert len(own) + len(boards) == len(funders["groups"])
    assert abs(sum(g["committedSpend"] for g in own + boards) - whole["committedSpend"]) <= len(own + boards)

    # each funder's figures, worked out day by day from the split in force each day
    expected = by_funder(demo, funding, authority=BOLTON)
    assert {funder_of(g): (g["placements"], g["committedSpend"]) for g in funders["groups"]} == {
        k: (e.places, half_up(e.exact)) for k, e in expected.items()
    }
    for g in funders["groups"]:
        assert g["label"] == funder_label(funding, funder_of(g))
        assert g["key"] == funder_key(funder_of(g))
    assert [g["label"] for g in own] == ["Bolton – education", "Bolton – social care"]
    assert {g["fundingStream"]: (g["placements"], g["committedSpend"]) for g in streams["groups"]} == {
        k: (e.places, half_up(e.exact)) for k, e in by_stream(expected).items()
    }


# -- the region: suppressed -----------------------------------------------------------------------


@pytest.mark.parametrize("by", ["FUNDER", "FUNDING_STREAM"])
def test_regional_spend_by_funder_is_suppressed_like_any_other(api: Api, demo: Demo, funding: Funding, by: str) -> None:
    token = analyst(api, demo)
    answer = api.gql(SPEND, {"scope": "REGION", "by": by, "year": 2025}, token=token)["committedSpend"]
    assert not answer["total"]["suppressed"]
    # a call-off shared by several funders is in each of their groups, so the groups' places add up to more than the
    # total's, and no group's can be had by taking the others from it; its spend is the sum of the rounded groups,
    # and never leaves one suppressed group to be worked out alone
    assert len([g for g in answer["groups"] if g["suppressed"]]) != 1

    # as at the start of the quarter: the days before it, the splits proposed by it, the call-offs recorded by it
    funders = by_funder(demo, funding, reference=REFERENCE)
    expected: dict[Any, Expected] = dict(funders) if by == "FUNDER" else dict(by_stream(funders))
    groups = answer["groups"]
    keys = [funder_of(g) if by == "FUNDER" else g["fundingStream"] for g in groups]
    assert sorted(map(str, keys)) == sorted(map(str, expected)), "every funder is listed, in a fixed order"

    # the one rule, on the groups' children (a child once however many call-offs; Bolton's own do not protect)
    hidden, total_hidden = suppression([expected[k].tally for k in keys])
    assert not total_hidden
    assert {i for i, g in enumerate(groups) if g["suppressed"]} == hidden
    if by == "FUNDER":
        assert hidden, "the demo has funders of fewer than five children"
    for key, g in zip(keys, groups, strict=True):
        if g["suppressed"]:
            assert g["placements"] is g["committedSpend"] is None
            continue
        e = expected[key]
        assert e.tally.placements >= 5 and not 0 < e.tally.others < 5
        assert (g["placements"], g["committedSpend"]) == (count(e.places), to_step(e.exact, SPEND_STEP))
    assert answer["total"]["committedSpend"] == sum(to_step(e.exact, SPEND_STEP) for e in expected.values())

    # the total counts each call-off once: as many places as the region by authority
    by_authority = api.gql(SPEND, {"scope": "REGION", "by": "AUTHORITY", "year": 2025}, token=token)
    assert answer["total"]["placements"] == by_authority["committedSpend"]["total"]["placements"]
    places = {c: n for e in expected.values() for c, n in e.call_offs.items()}
    assert answer["total"]["placements"] == count(sum(places.values()))


# -- who may see ------------------------------------------------------------------------------------


def test_an_integrated_care_board_sees_no_analytics(api: Api, funding: Funding) -> None:
    board = next(key for kind, key in funding.names if kind == "Board")
    for scopes in (None, ("analytics:read", "funding:read")):
        token = api.token(Role.ICB_COMMISSIONER, board_id=board, scopes=scopes)
        for scope in ("REGION", "OWN_AUTHORITY"):
            errors = api.errors(SPEND, {"scope": scope, "by": "FUNDER"}, token=token)
            assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_spend_by_funder_takes_as_many_statements_however_many_funders(api: Api, demo: Demo) -> None:
    token = analyst(api, demo)
    api.gql(SPEND, {"scope": "REGION", "by": "FUNDER"}, token=token)  # warm the pool
    counts = []
    for scope in ("OWN_AUTHORITY", "REGION"):
        with StatementCounter(api.app) as counter:
            data = api.gql(SPEND, {"scope": scope, "by": "FUNDER"}, token=token)
        counts.append((counter.count, len(data["committedSpend"]["groups"])))
    (own, own_groups), (region, region_groups) = counts
    assert region_groups > own_groups > 0
    assert own == region <= 6, counts


# -- by hand ------------------------------------------------------------------------------------------


@dataclass
class HandMade:
    authority_id: int
    bolton_id: int
    board_id: int
    shared: int
    """A three-way placement: 1 April 2025, open-ended, 52 weeks; its health fee uplifted from 1 October."""
    unsplit: int
    """A call-off with no funding split: 1 September to 31 December 2025."""


THREE_WAY = {
    "education": {CostElement.EDUCATION: SHARE_SCALE, CostElement.THERAPIES: SHARE_SCALE // 2},
    "social care": {CostElement.CARE: SHARE_SCALE},
    "health": {CostElement.HEALTH: SHARE_SCALE, CostElement.THERAPIES: SHARE_SCALE // 2},
}


@pytest.fixture(scope="module")
def hand_made(writable: WritableApi) -> HandMade:
    async def insert(session: Any) -> HandMade:
        authority = m.Authority(gss_code="E99999902", name="Funding Borough", role=AuthorityRole.MEMBER, active=True)
        session.add(authority)
        lot = await session.scalar(select(m.Lot).where(m.Lot.code == "L3"))
        establishment = (await session.scalars(select(m.Establishment).order_by(m.Establishment.id))).first()
        bolton = await session.scalar(select(m.Authority).where(m.Authority.gss_code == BOLTON))
        board = await session.scalar(
            select(m.IntegratedCareBoard).where(m.IntegratedCareBoard.name.contains("Greater Manchester"))
        )
        await session.flush()
        awarded = dt.datetime(2025, 3, 3, 10, tzinfo=dt.UTC)

        def call_off(name: str, start: dt.date, end: dt.date | None, fees: dict[CostElement, int]) -> m.CallOff:
            return m.CallOff(
                reference=f"FB-{name}",
                type=CallOffType.BLOCK,
                authority_id=authority.id,
                provider_id=establishment.provider_id,
                establishment_id=establishment.id,
                lot_id=lot.id,
                places=1,
                weeks_per_year=lot.weeks_per_year,
                start_date=start,
                end_date=end,
                awarded_at=awarded,
                **WeeklyFees(fees).columns(),
            )

        first = {CostElement.EDUCATION: 60_000, CostElement.CARE: 30_000, CostElement.HEALTH: 10_000}
        first[CostElement.THERAPIES] = 5_001  # an odd penny: the first funder listed gets it
        uplifted = {**first, CostElement.HEALTH: 12_000}
        shared = call_off("SHARED", dt.date(2025, 4, 1), None, uplifted)
        unsplit = call_off("UNSPLIT", dt.date(2025, 9, 1), dt.date(2025, 12, 31), {CostElement.EDUCATION: 50_000})
        session.add_all([shared, unsplit])
        await session.flush()
        uplift_agreed = dt.datetime(2025, 9, 15, 9, tzinfo=dt.UTC)
        session.add(
            m.FeeAmendment(
                call_off_id=shared.id,
                effective_from=dt.date(2025, 10, 1),
                reason=AmendmentReason.ANNUAL_UPLIFT,
                note="Health uplift.",
                agreed_at=uplift_agreed,
                **WeeklyFees(first).columns("before_"),
                **WeeklyFees(uplifted).columns("after_"),
            )
        )
        funders = [
            (FundingStream.EDUCATION, authority.id, None),
            (FundingStream.SOCIAL_CARE, authority.id, None),
            (FundingStream.HEALTH, None, board.id),
        ]
        for effective_from, proposed_at, fees in (
            (shared.start_date, awarded, first),
            (dt.date(2025, 10, 1), uplift_agreed, uplifted),
        ):
            split = m.FundingSplit(
                call_off_id=shared.id, effective_from=effective_from, proposed_at=proposed_at, proposed_by="test"
            )
            session.add(split)
            await session.flush()
            pence = divide(WeeklyFees(fees), list(THREE_WAY.values()))
            for position, ((stream, authority_id, board_id), shares, amounts) in enumerate(
                zip(funders, THREE_WAY.values(), pence, strict=True)
            ):
                session.add(
                    m.FundingContribution(
                        split_id=split.id,
                        position=position,
                        stream=stream,
                        authority_id=authority_id,
                        integrated_care_board_id=board_id,
                        agreed_at=proposed_at,
                        agreed_by="test",
                        **{share_column_name(e): shares.get(e, 0) for e in CostElement},
                        **amounts.columns(),
                    )
                )
        return HandMade(authority.id, bolton.id, board.id, shared.id, unsplit.id)

    return in_database(writable, insert)


SPLITS = """query($id: ID!) { node(id: $id) { ... on CallOff { version places weeksPerYear startDate endDate
  fundingSplits { effectiveFrom contributions { funder { stream authority { id } integratedCareBoard { id } }
    weeklyAmounts { total } } } } } }"""


def from_the_splits(call_off: dict[str, Any]) -> dict[FunderKey, Decimal]:
    """Each funder's spend in 2025-26 from a call-off's splits as GraphQL gives them: Σ over the days each split is in
    force of its weekly pence × weeks per year × places, ÷ 365."""
    splits = call_off["fundingSplits"]
    starts = [dt.date.fromisoformat(s["effectiveFrom"]) for s in splits]
    ends = [*starts[1:], FY_2025[1] + dt.timedelta(days=1)]
    if call_off["endDate"]:
        ends = [min(e, dt.date.fromisoformat(call_off["endDate"]) + dt.timedelta(days=1)) for e in ends]
    spend: dict[FunderKey, Decimal] = defaultdict(Decimal)
    for split, start, end in zip(splits, starts, ends, strict=True):
        days = (min(end, FY_2025[1] + dt.timedelta(days=1)) - max(start, FY_2025[0])).days
        for c in split["contributions"]:
            funder = c["funder"]
            key = (
                funder["stream"],
                pk(funder["authority"]["id"]) if funder["authority"] else None,
                pk(funder["integratedCareBoard"]["id"]) if funder["integratedCareBoard"] else None,
            )
            weekly = c["weeklyAmounts"]["total"]
            spend[key] += Decimal(weekly * max(days, 0) * call_off["weeksPerYear"] * call_off["places"]) / 365
    return spend


def test_a_shared_placement_is_split_between_its_funders_by_hand(writable: WritableApi, hand_made: HandMade) -> None:
    api, h = writable, hand_made
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=h.authority_id)
    bolton = api.token(Role.AUTHORITY_ANALYST, authority_id=h.bolton_id)
    own = {"scope": "OWN_AUTHORITY", "year": 2025}
    regional_before = {
        by: api.gql(SPEND, {"scope": "REGION", "by": by}, token=bolton) for by in ("FUNDER", "FUNDING_STREAM")
    }

    # from 5 January 2026 Bolton's social care budget takes the residential care, and the board all the therapies
    shared = api.gql(SPLITS, {"id": gid("CallOff", h.shared)}, token=commissioner)["node"]
    ok(
        api,
        "changeFundingSplit",
        {
            "callOff": gid("CallOff", h.shared),
            "version": shared["version"],
            "effectiveFrom": "2026-01-05",
            "fundingSplit": {
                "contributions": [
                    {"stream": "EDUCATION", "education": "100"},
                    {"stream": "SOCIAL_CARE", "authority": gid("Authority", h.bolton_id), "care": "100"},
                    {
                        "stream": "HEALTH",
                        "integratedCareBoard": gid("IntegratedCareBoard", h.board_id),
                        "health": "100",
                        "therapies": "100",
                    },
                ]
            },
        },
        commissioner,
    )

    funders = api.gql(SPEND, {**own, "by": "FUNDER"}, token=commissioner)["committedSpend"]
    figures = {funder_of(g): (g["label"], g["placements"], g["committedSpend"]) for g in funders["groups"]}
    own_education = ("EDUCATION", h.authority_id, None)
    own_care = ("SOCIAL_CARE", h.authority_id, None)
    bolton_care = ("SOCIAL_CARE", h.bolton_id, None)
    health = ("HEALTH", None, h.board_id)
    not_recorded = (None, None, None)
    # 2025-26: the first split 1 April-30 September (183 days), the uplift's 1 October-4 January (96 days), the
    # change 5 January-31 March (86 days); 52 weeks, one place. Therapies £50.01 split half and half: the
    # education budget, listed first, gets the odd penny (£25.01), the board £25.00.
    assert figures == {
        # (62,501 × 183 + 62,501 × 96 + 60,000 × 86) × 52 ÷ 365 = 3,219,409.61
        own_education: ("Funding Borough – education", 1, 3_219_410),
        # 30,000 × (183 + 96) × 52 ÷ 365 = 1,192,438.36
        own_care: ("Funding Borough – social care", 1, 1_192_438),
        # 30,000 × 86 × 52 ÷ 365 = 367,561.64: another authority's budget, paying for the caller's placement
        bolton_care: ("Bolton – social care", 1, 367_562),
        # (12,500 × 183 + 14,500 × 96 + 17,001 × 86) × 52 ÷ 365 = 732,499.92
        health: (f"{board_name(api, h.board_id)} – health", 1, 732_500),
        # no split: 50,000 × 122 days (1 September-31 December) × 52 ÷ 365 = 869,041.10
        not_recorded: ("No funding split recorded", 1, 869_041),
    }
    assert [funder_of(g) for g in funders["groups"]] == [bolton_care, own_education, own_care, health, not_recorded]
    assert funders["groups"][-1]["key"] == "NOT_RECORDED"
    assert funders["total"]["placements"] == 2, "each call-off once, however many funders"

    # the same from the call-off's splits as GraphQL gives them
    shared = api.gql(SPLITS, {"id": gid("CallOff", h.shared)}, token=commissioner)["node"]
    assert len(shared["fundingSplits"]) == 3
    worked = from_the_splits(shared)
    assert {k: half_up(v) for k, v in worked.items()} == {
        k: pence for k, (_, _, pence) in figures.items() if k != not_recorded
    }

    # together, the call-offs' spend to within a penny a group
    whole = api.gql(SPEND, {**own, "by": "AUTHORITY"}, token=commissioner)["committedSpend"]["total"]
    assert abs(sum(pence for *_, pence in figures.values()) - whole["committedSpend"]) <= len(figures)
    assert whole["placements"] == 2

    streams = api.gql(SPEND, {**own, "by": "FUNDING_STREAM"}, token=commissioner)["committedSpend"]
    assert [(g["label"], g["fundingStream"], g["placements"], g["committedSpend"]) for g in streams["groups"]] == [
        ("Education", "EDUCATION", 1, 3_219_410),
        # two social care budgets, one placement: (30,000 × 365) × 52 ÷ 365 = 1,560,000 exactly
        ("Social care", "SOCIAL_CARE", 1, 1_560_000),
        ("Health", "HEALTH", 1, 732_500),
        ("No funding split recorded", None, 1, 869_041),
    ]
    assert streams["total"] == {"key": "TOTAL", "suppressed": False, "placements": 2, "committedSpend": 6_380_951}

    # the change was proposed after the start of the quarter: the region does not move
    for by, before in regional_before.items():
        assert api.gql(SPEND, {"scope": "REGION", "by": by}, token=bolton) == before, by


def board_name(api: WritableApi, board_id: int) -> str:
    async def load(session: Any) -> str:
        return (await session.get(m.IntegratedCareBoard, board_id)).name

    return in_database(api, load)
