"""Explained matching over HTTP, on a crafted lot whose every establishment tests one criterion.

The test database gets a lot of its own (TST, day, ages 4 to 18) and members
whose establishments lie due north of a child's home in Crewe at known
distances, each differing from the ideal one in one respect: needs, age
range, gender, vacancies, a flag after an inspection, provider status. A suspended member
and a member of another lot are there too, and must not be candidates.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Role
from api.auth.scopes import scopes_for
from api.domain.matching import EARTH_RADIUS_KM, haversine_km
from db import models as m
from db.engine import create_engine, session_factory
from db.enums import (
    CostElement,
    EstablishmentType,
    GendersAdmitted,
    NeedCode,
    PlacementType,
    PricingBand,
    ProviderStatus,
)
from tests.support import DEMO_NOW, StatementCounter, WritableApi

HOME = (53.0977, -2.4407)  # Crewe, CW1
INADEQUATE = "Ofsted graded inspection, 1 May 2025: judged inadequate"
KM_PER_DEGREE = EARTH_RADIUS_KM * 3.141592653589793 / 180  # along a meridian
CHESHIRE_EAST = 1


@dataclass(frozen=True)
class Site:
    """A crafted establishment: who runs it, how far north of the home it is, and what it offers."""

    key: str
    provider: str
    km: float
    needs: tuple[NeedCode, ...] = (NeedCode.ASD,)
    ages: tuple[int, int] = (5, 16)
    genders: GendersAdmitted = GendersAdmitted.MIXED
    day: int = 2
    residential: int = 0
    concern: str | None = None  # flagged after an inspection, for this reason
    lot: str = "TST"


SITES = (
    Site("A", "PA", 5, needs=(NeedCode.ASD, NeedCode.SLCN)),  # the ideal
    Site("B", "PA", 20, ages=(7, 18), genders=GendersAdmitted.BOYS, day=1),
    Site("C", "PC", 10, needs=(NeedCode.SEMH, NeedCode.MLD), day=3),
    Site("D", "PD", 12, ages=(11, 19)),
    Site("E", "PD", 14, genders=GendersAdmitted.GIRLS),
    Site("F", "PF", 16, day=0, residential=3),
    Site("G", "PG", 8, concern=INADEQUATE),
    Site("H", "PH", 150),
    Site("K", "PK", 6, needs=(NeedCode.ASD, NeedCode.SLCN)),  # its provider is suspended
    Site("S", "PS", 3),  # its membership is suspended
    Site("J", "PJ", 4, lot="TSR"),  # a member of another lot only
)
STANDARD_FEES = {"PA": 300_000, "PC": 200_000, "PD": 280_000, "PF": 260_000, "PG": 150_000, "PH": 250_000}
STANDARD_FEES |= {"PK": 100_000, "PS": 90_000, "PJ": 80_000}

# key -> (eligible, criteria against that rule it out, criteria noted against)
VERDICTS = {
    "A": (True, set(), set()),
    "B": (True, set(), {"SECONDARY_NEEDS"}),
    "C": (False, {"NEEDS"}, {"SECONDARY_NEEDS"}),
    "D": (False, {"AGE"}, {"SECONDARY_NEEDS"}),
    "E": (False, {"GENDER"}, {"SECONDARY_NEEDS"}),
    "F": (False, {"VACANCIES"}, {"SECONDARY_NEEDS"}),
    "G": (False, {"OFSTED"}, {"SECONDARY_NEEDS"}),
    "H": (True, set(), {"SECONDARY_NEEDS"}),
    "K": (False, {"PROVIDER"}, set()),
}
BY_DISTANCE = ["A", "K", "G", "C", "D", "E", "F", "B", "H"]
BY_COST = ["K", "G", "C", "H", "F", "D", "E", "A", "B"]  # equal fees: nearest first


def gid(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def in_database(api: WritableApi, build: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
    """Run ``build`` in one transaction on the test database: the crafted market is set up straight in SQL."""

    async def go() -> Any:
        engine = create_engine(api.app.state.settings.database_url)
        try:
            async with session_factory(engine)() as session:
                result = await build(session)
                await session.commit()
                return result
        finally:
            await engine.dispose()

    return asyncio.run(go())


def _establishment(provider: m.Provider, site: Site, urn: int) -> m.Establishment:
    return m.Establishment(
        provider_id=provider.id,
        urn=f"{urn:06d}",
        name=f"Crafted School {site.key}",
        type_code=EstablishmentType.INDEPENDENT_SPECIAL,
        concern_since=None if site.concern is None else dt.date(2025, 5, 1),
        concern_reason=site.concern,
        postcode="CW1 2AA",
        latitude=HOME[0] + site.km / KM_PER_DEGREE,
        longitude=HOME[1],
        age_min=site.ages[0],
        age_max=site.ages[1],
        genders=site.genders,
        day_capacity=10,
        residential_capacity=5,
        day_vacancies=site.day,
        residential_vacancies=site.residential,
    )


def _rate_card(membership: m.LotMembership, standard: int) -> list[m.RateCardLine]:
    split = {CostElement.EDUCATION: standard // 2, CostElement.THERAPIES: standard // 4}
    split[CostElement.ADDITIONAL_STAFFING] = standard - sum(split.values())
    lines = [
        m.RateCardLine(membership_id=membership.id, band=PricingBand.STANDARD, element=e, weekly_fee_pence=fee)
        for e, fee in split.items()
    ]
    lines.append(  # other bands never count towards the cost
        m.RateCardLine(
            membership_id=membership.id,
            band=PricingBand.ENHANCED,
            element=CostElement.EDUCATION,
            weekly_fee_pence=standard * 2,
        )
    )
    return lines


async def _build_market(session: AsyncSession) -> dict[str, Any]:
    lots = {
        code: m.Lot(
            system_id=1,
            code=code,
            title=title,
            placement_type=kind,
            weeks_per_year=weeks,
            age_min=4,
            age_max=18,
            position=90 + i,
        )
        for i, (code, title, kind, weeks) in enumerate(
            (
                ("TST", "Crafted day lot", PlacementType.DAY, 39),
                ("TSR", "Crafted residential lot", PlacementType.RESIDENTIAL, 52),
            )
        )
    }
    session.add_all(lots.values())
    providers: dict[str, m.Provider] = {}
    for name in dict.fromkeys(site.provider for site in SITES):
        suspended = name == "PK"
        providers[name] = m.Provider(
            legal_name=f"Crafted Provider {name} Ltd",
            status=ProviderStatus.SUSPENDED if suspended else ProviderStatus.ACTIVE,
            status_reason="Safeguarding review" if suspended else None,
            verified_at=DEMO_NOW,
        )
    session.add_all(providers.values())
    await session.flush()
    sites = {site.key: _establishment(providers[site.provider], site, 990100 + i) for i, site in enumerate(SITES)}
    session.add_all(sites.values())
    await session.flush()
    session.add_all(
        m.EstablishmentNeed(establishment_id=sites[site.key].id, need_code=need)
        for site in SITES
        for need in site.needs
    )
    memberships: dict[str, m.LotMembership] = {}
    for site in SITES:
        if site.provider not in memberships:
            held = m.LotMembership(
                provider_id=providers[site.provider].id, lot_id=lots[site.lot].id, since=dt.date(2025, 4, 1)
            )
            if site.provider == "PS":
                held.suspended_at, held.suspension_reason = DEMO_NOW - dt.timedelta(days=3), "Under review"
            memberships[site.provider] = held
    session.add_all(memberships.values())
    await session.flush()
    session.add_all(
        m.MembershipEstablishment(membership_id=memberships[site.provider].id, establishment_id=sites[site.key].id)
        for site in SITES
    )
    for name, held in memberships.items():
        card = _rate_card(held, STANDARD_FEES[name])
        held.standard_weekly_fee_pence = m.standard_weekly_total((x.band, x.weekly_fee_pence) for x in card)
        session.add_all(card)
    return {
        "lots": {code: gid("Lot", lot.id) for code, lot in lots.items()},
        "providers": {name: gid("Provider", p.id) for name, p in providers.items()},
        "sites": {key: gid("Establishment", e.id) for key, e in sites.items()},
        "membership": {name: held.id for name, held in memberships.items()},
        "provider_ids": {name: p.id for name, p in providers.items()},
    }


@pytest.fixture(scope="module")
def market(writable: WritableApi) -> dict[str, Any]:
    api = writable
    crafted = in_database(api, _build_market)
    commissioner = api.token(Role.AUTHORITY_COMMISSIONER, authority_id=CHESHIRE_EAST)
    created = api.gql(
        """mutation($input: CreateReferralInput!) { createReferral(input: $input) {
          __typename ... on CreateReferralPayload { referral { id } } ... on MutationError { message field } } }""",
        {
            "input": {
                "lot": crafted["lots"]["TST"],
                "child": {
                    "reference": "CE-2026-0777",
                    "ageAtStart": 9,
                    "gender": "MALE",
                    "primaryNeed": "ASD",
                    "secondaryNeeds": ["SLCN"],
                    "homePostcodeDistrict": "CW1",
                    "homeLatitude": HOME[0],
                    "homeLongitude": HOME[1],
                    "needsSummary": "Autism with speech and language needs; needs a small day setting.",
                },
                "startBy": "2026-04-20",
                "offerDeadline": "2026-03-16T17:00:00Z",
                "mode": "COMPETITION",
            }
        },
        token=commissioner,
    )["createReferral"]
    assert created["__typename"] == "CreateReferralPayload", created
    by_id = {v: k for k, v in crafted["sites"].items()}
    return {**crafted, "api": api, "commissioner": commissioner, "referral": created["referral"]["id"], "by_id": by_id}


MATCHES = """query($id: ID!, $max: Float, $sort: MatchSort!, $eligible: Boolean!, $inadequate: Boolean!) {
  node(id: $id) { ... on Referral { matches(maxDistanceKm: $max, sortBy: $sort, eligibleOnly: $eligible,
    allowInadequate: $inadequate) {
      eligible distanceKm weeklyStandardFee establishment { id name } provider { id legalName }
      membership { id status }
      reasonsFor { criterion blocking explanation } reasonsAgainst { criterion blocking explanation }
} } } }"""


def matches(
    market: dict[str, Any],
    *,
    token: str | None = None,
    max_km: float | None = None,
    sort: str = "DISTANCE",
    eligible_only: bool = False,
    allow_inadequate: bool = False,
) -> list[dict[str, Any]]:
    variables = {
        "id": market["referral"],
        "max": max_km,
        "sort": sort,
        "eligible": eligible_only,
        "inadequate": allow_inadequate,
    }
    node = market["api"].gql(MATCHES, variables, token=token or market["commissioner"])["node"]
    return node["matches"]


def keys(market: dict[str, Any], found: list[dict[str, Any]]) -> list[str]:
    return [market["by_id"][x["establishment"]["id"]] for x in found]


def test_every_candidate_is_judged_with_its_reasons(market: dict[str, Any]) -> None:
    found = {market["by_id"][x["establishment"]["id"]]: x for x in matches(market)}
    assert set(found) == set(VERDICTS)  # not the suspended member, not the other lot's member
    for key, (eligible, blocking, noted) in VERDICTS.items():
        match = found[key]
        against = match["reasonsAgainst"]
        assert match["eligible"] is eligible, key
        assert eligible is not any(r["blocking"] for r in against), key  # the statement and the reasons agree
        assert {r["criterion"] for r in against if r["blocking"]} == blocking, (key, against)
        assert {r["criterion"] for r in against if not r["blocking"]} == noted, (key, against)
        assert not any(r["blocking"] for r in match["reasonsFor"])
        judged = {r["criterion"] for r in match["reasonsFor"] + against}
        assert {"NEEDS", "SECONDARY_NEEDS", "AGE", "GENDER", "VACANCIES", "DISTANCE"} <= judged, key
        assert ("OFSTED" in judged) is (key == "G"), key  # only a flagged establishment has an inspection reason
        assert match["provider"]["id"] == market["providers"][next(s.provider for s in SITES if s.key == key)]
        assert match["membership"]["status"] == "ACTIVE"

    def said(key: str, criterion: str) -> str:
        reasons = found[key]["reasonsFor"] + found[key]["reasonsAgainst"]
        return next(r["explanation"] for r in reasons if r["criterion"] == criterion)

    assert said("A", "NEEDS") == "Caters for the primary need, autistic spectrum disorder"
    assert said("A", "SECONDARY_NEEDS") == "Also caters for speech, language and communication needs (secondary)"
    assert said("A", "AGE") == "Admits ages 5 to 16; the child is 9"
    assert said("A", "GENDER") == "Mixed: admits all genders"
    assert said("A", "VACANCIES") == "2 day places free"
    assert said("A", "DISTANCE") == "5.0 km from CW1"
    assert said("B", "GENDER") == "Admits boys"
    assert said("B", "VACANCIES") == "1 day place free"
    assert (
        said("B", "SECONDARY_NEEDS")
        == "Does not list speech, language and communication needs (secondary); check how it would be met"
    )
    assert said("C", "NEEDS") == "Does not cater for the primary need, autistic spectrum disorder"
    assert said("D", "AGE") == "Admits ages 11 to 19; the child is 9"
    assert said("E", "GENDER") == "Admits girls only"
    assert said("F", "VACANCIES") == "No day places free"  # residential places do not count on a day lot
    assert said("G", "OFSTED") == f"Flagged after inspection since 1 May 2025: {INADEQUATE}"
    assert said("K", "PROVIDER") == "The provider is suspended"


def test_distances_and_the_cost_basis(market: dict[str, Any]) -> None:
    found = {market["by_id"][x["establishment"]["id"]]: x for x in matches(market)}
    for site in SITES:
        if site.key in found:
            assert found[site.key]["distanceKm"] == site.km, site.key
            assert found[site.key]["weeklyStandardFee"] == STANDARD_FEES[site.provider], site.key
    assert haversine_km(51.5074, -0.1278, 53.4808, -2.2426) == pytest.approx(262.0, abs=0.5)  # London-Manchester


def test_sorting_and_filtering(market: dict[str, Any]) -> None:
    assert keys(market, matches(market)) == BY_DISTANCE  # nearest first by default
    assert keys(market, matches(market, sort="COST")) == BY_COST
    assert keys(market, matches(market, max_km=15)) == ["A", "K", "G", "C", "D", "E"]
    assert keys(market, matches(market, max_km=5)) == ["A"]  # the limit is inclusive
    assert keys(market, matches(market, eligible_only=True)) == ["A", "B", "H"]
    assert keys(market, matches(market, eligible_only=True, sort="COST")) == ["H", "A", "B"]
    assert keys(market, matches(market, eligible_only=True, max_km=100)) == ["A", "B"]
    errors = market["api"].errors(
        MATCHES,
        {"id": market["referral"], "max": -1, "sort": "DISTANCE", "eligible": False, "inadequate": False},
        token=market["commissioner"],
    )
    assert errors[0]["extensions"]["code"] == "VALIDATION_ERROR"


def test_a_flag_after_an_inspection_blocks_unless_allowed(market: dict[str, Any]) -> None:
    found = {market["by_id"][x["establishment"]["id"]]: x for x in matches(market, allow_inadequate=True)}
    g = found["G"]
    assert g["eligible"]
    assert [(r["criterion"], r["blocking"]) for r in g["reasonsAgainst"]] == [
        ("SECONDARY_NEEDS", False),
        ("OFSTED", False),
    ]
    assert keys(market, matches(market, eligible_only=True, allow_inadequate=True)) == ["A", "G", "B", "H"]


def test_only_the_referring_authority_sees_matches(market: dict[str, Any]) -> None:
    """Who else matched is the authority's business: anyone else who may read the referral gets an empty list."""
    api = market["api"]
    analyst = api.token(Role.AUTHORITY_ANALYST, authority_id=CHESHIRE_EAST)
    assert len(matches(market, token=analyst)) == len(VERDICTS)
    assert matches(market, token=api.token(Role.AUDITOR)) == []
    elsewhere = api.token(Role.AUTHORITY_ANALYST, authority_id=CHESHIRE_EAST + 1)
    errors = api.errors(
        MATCHES,
        {"id": market["referral"], "max": None, "sort": "DISTANCE", "eligible": False, "inadequate": False},
        token=elsewhere,
    )
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_statement_count_does_not_grow_with_the_establishments(market: dict[str, Any]) -> None:
    api = market["api"]
    variables = {"id": market["referral"], "max": None, "sort": "DISTANCE", "eligible": False, "inadequate": False}
    api.gql(MATCHES, variables, token=market["commissioner"])  # warm the pool
    with StatementCounter(api.app) as before:
        few = api.gql(MATCHES, variables, token=market["commissioner"])["node"]["matches"]

    async def more(session: AsyncSession) -> None:
        provider = await session.get(m.Provider, market["provider_ids"]["PA"])
        assert provider is not None
        extra = [_establishment(provider, Site(f"X{i}", "PA", 30 + i), 990500 + i) for i in range(12)]
        session.add_all(extra)
        await session.flush()
        session.add_all(m.EstablishmentNeed(establishment_id=e.id, need_code=NeedCode.ASD) for e in extra)
        session.add_all(
            m.MembershipEstablishment(membership_id=market["membership"]["PA"], establishment_id=e.id) for e in extra
        )

    in_database(api, more)
    with StatementCounter(api.app) as after:
        many = api.gql(MATCHES, variables, token=market["commissioner"])["node"]["matches"]
    assert len(many) == len(few) + 12
    assert after.count == before.count, (before.statements, after.statements)
    matching = [s for s in after.statements if "establishment_need" in s]
    assert len(matching) == 1  # one statement fetches the candidates, their needs and costs


def test_opening_invites_the_providers_of_eligible_matches(market: dict[str, Any]) -> None:
    api = market["api"]
    query = """mutation($input: OpenReferralInput!) { openReferral(input: $input) { __typename
      ... on OpenReferralPayload { invitations { provider { id } } }
      ... on MutationError { field } } }"""
    refused = api.gql(
        query,
        {
            "input": {
                "referral": market["referral"],
                "providers": [market["providers"]["PH"], market["providers"]["PC"]],
            }
        },
        token=market["commissioner"],
    )["openReferral"]
    assert refused == {"__typename": "ValidationError", "field": "input.providers[1]"}  # C is not eligible
    refused = api.gql(
        query,
        {"input": {"referral": market["referral"], "providers": [market["providers"]["PG"]]}},
        token=market["commissioner"],
    )["openReferral"]
    assert refused["field"] == "input.providers[0]"  # inadequate: not eligible for invitation

    opened = api.gql(query, {"input": {"referral": market["referral"]}}, token=market["commissioner"])["openReferral"]
    invited = {i["provider"]["id"] for i in opened["invitations"]}
    assert invited == {market["providers"]["PA"], market["providers"]["PH"]}


def test_an_invited_provider_sees_its_own_establishments_judged(market: dict[str, Any]) -> None:
    """After opening, PA is invited: it sees how its own establishments were judged, and nobody else's."""
    api = market["api"]
    variables = {"id": market["referral"], "max": None, "sort": "DISTANCE", "eligible": False, "inadequate": False}
    everyone = {x["establishment"]["id"]: x for x in matches(market)}
    invited = api.token(Role.PROVIDER_USER, provider_id=market["provider_ids"]["PA"])
    own = api.gql(MATCHES, variables, token=invited)["node"]["matches"]
    pa = {key for key, x in everyone.items() if x["provider"]["id"] == market["providers"]["PA"]}
    assert {x["establishment"]["id"] for x in own} == pa and len(pa) < len(everyone)
    for match in own:
        seen_by_authority = everyone[match["establishment"]["id"]]
        assert match["eligible"] == seen_by_authority["eligible"]
        assert match["reasonsAgainst"] == seen_by_authority["reasonsAgainst"]
        assert abs(match["distanceKm"] - seen_by_authority["distanceKm"]) <= 1.5  # from the coarsened home
    uninvited = api.token(Role.PROVIDER_USER, provider_id=market["provider_ids"]["PC"])
    errors = api.errors(MATCHES, variables, token=uninvited)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_a_providers_distances_place_the_home_no_finer_than_a_wide_cell(market: dict[str, Any]) -> None:
    """Distances to two or three establishments would place the home by triangulation: a provider's are worked
    out from the home rounded to a cell of about 11 by 7 km, so two homes 6 km apart in one cell look the same."""
    api, commissioner = market["api"], market["commissioner"]
    nearby = (53.13, -2.37)  # about 6 km from HOME, in the same 0.1-degree cell
    created = api.gql(
        """mutation($input: CreateReferralInput!) { createReferral(input: $input) {
          ... on CreateReferralPayload { referral { id } } } }""",
        {
            "input": {
                "lot": market["lots"]["TST"],
                "child": {
                    "reference": "CE-2026-0778",
                    "ageAtStart": 9,
                    "gender": "MALE",
                    "primaryNeed": "ASD",
                    "secondaryNeeds": ["SLCN"],
                    "homePostcodeDistrict": "CW1",
                    "homeLatitude": nearby[0],
                    "homeLongitude": nearby[1],
                    "needsSummary": "Autism; needs a small day setting.",
                },
                "startBy": "2026-04-20",
                "offerDeadline": "2026-03-16T17:00:00Z",
                "mode": "COMPETITION",
            }
        },
        token=commissioner,
    )["createReferral"]["referral"]["id"]
    opened = api.gql(
        """mutation($input: OpenReferralInput!) { openReferral(input: $input) { __typename } }""",
        {"input": {"referral": created, "providers": [market["providers"]["PA"]]}},
        token=commissioner,
    )["openReferral"]
    assert opened["__typename"] == "OpenReferralPayload", opened
    invited = api.token(Role.PROVIDER_USER, provider_id=market["provider_ids"]["PA"])

    def distances(referral: str, token: str) -> dict[str, float]:
        variables = {"id": referral, "max": None, "sort": "DISTANCE", "eligible": False, "inadequate": False}
        found = api.gql(MATCHES, variables, token=token)["node"]["matches"]
        return {x["establishment"]["id"]: x["distanceKm"] for x in found}

    # the authority sees the homes apart; the provider cannot tell them apart by any distance
    for_authority = distances(created, commissioner), distances(market["referral"], commissioner)
    own = distances(created, invited)
    assert own and own == distances(market["referral"], invited)
    assert any(abs(for_authority[0][e] - for_authority[1][e]) >= 1 for e in own)
    for match in api.gql(
        MATCHES,
        {"id": created, "max": None, "sort": "DISTANCE", "eligible": False, "inadequate": False},
        token=invited,
    )["node"]["matches"]:
        assert match["weeklyStandardFee"] is None or match["provider"]["id"] == market["providers"]["PA"]


def test_a_token_that_may_not_read_rate_cards_gets_no_rate_card_totals(market: dict[str, Any]) -> None:
    """The STANDARD-band total is a rate card's sum: without the rate cards' scope it is not shown."""
    api = market["api"]
    variables = {"id": market["referral"], "max": None, "sort": "DISTANCE", "eligible": False, "inadequate": False}
    full = api.gql(MATCHES, variables, token=market["commissioner"])["node"]["matches"]
    assert any(x["weeklyStandardFee"] for x in full)
    narrow = api.token(
        Role.AUTHORITY_COMMISSIONER,
        authority_id=CHESHIRE_EAST,
        scopes=tuple(s for s in scopes_for(Role.AUTHORITY_COMMISSIONER) if s != "calloffs:read"),
    )
    assert all(x["weeklyStandardFee"] is None for x in api.gql(MATCHES, variables, token=narrow)["node"]["matches"])
