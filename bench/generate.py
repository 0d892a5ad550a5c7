"""The one deterministic generator of national-scale synthetic data for every benchmark.

At scale 1.0 it builds, in a migrated and empty PostgreSQL database:

* the **market**: 153 authorities, one live purchasing system run in rounds with
  a day lot (N1) and a residential lot (N2), 1,000 providers running 3,000
  establishments clustered around 33 towns across England, each catering for
  two to five needs; every provider is a member of N1 through its three
  establishments and a third also of N2, each membership with a full rate card
  (three bands x five cost elements);
* the **admission history**: ten yearly application rounds, each concluded,
  with questions; about 2,500 bids with their lots, establishments, pricing
  schedules, answers and published decisions;
* the **placements of a decade**: 100,000 call-offs (2% block contracts, the
  rest individual placements each on its own awarded referral), about 150,000
  annual fee uplifts, an outcomes framework of eight measures, about 150,000
  termly outcome reports and 1,000,000 outcome values;
* the **benchmark referral**: an 11-year-old boy in Birmingham (B15) with autism,
  raised by authority 15, for the matching benchmark.

Rows are written with COPY (asyncpg ``copy_records_to_table``), then the
sequences are moved past the ids used and the database is analysed. The same
seed gives the same data; ``Scale.national(factor)`` scales providers,
establishments, bids and placements (the 153 authorities stay).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import random
import time
import uuid
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from db import models as m
from db.engine import create_engine
from db.enums import (
    AdmissionMode,
    AmendmentReason,
    AuthorityRole,
    CallOffType,
    CostElement,
    EstablishmentType,
    Gender,
    GendersAdmitted,
    LotDecision,
    MeasureDirection,
    MeasureFrequency,
    MeasureScale,
    NeedCode,
    OfstedGrade,
    OutcomeDomain,
    PlacementType,
    PricingBand,
    ProviderStatus,
    QuestionKind,
    ReferralMode,
    Regime,
    Term,
)
from db.migrate import upgrade

DEFAULT_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
"""The PostgreSQL server, without a database name: ``$BENCH_POSTGRES_URL`` or the local one."""
SEED = 20260302
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
UTC = dt.UTC

# Towns spread over England (name, latitude, longitude): establishments cluster around them.
TOWNS: tuple[tuple[str, float, float], ...] = (
    ("Newcastle", 54.978, -1.618),
    ("Carlisle", 54.892, -2.934),
    ("Middlesbrough", 54.574, -1.235),
    ("Lancaster", 54.047, -2.801),
    ("Leeds", 53.801, -1.549),
    ("York", 53.960, -1.087),
    ("Hull", 53.745, -0.336),
    ("Manchester", 53.481, -2.242),
    ("Liverpool", 53.408, -2.992),
    ("Sheffield", 53.381, -1.470),
    ("Crewe", 53.098, -2.441),
    ("Lincoln", 53.230, -0.540),
    ("Nottingham", 52.954, -1.158),
    ("Stoke", 53.003, -2.180),
    ("Birmingham", 52.486, -1.890),
    ("Leicester", 52.637, -1.134),
    ("Norwich", 52.630, 1.297),
    ("Shrewsbury", 52.707, -2.754),
    ("Cambridge", 52.205, 0.122),
    ("Coventry", 52.406, -1.520),
    ("Worcester", 52.192, -2.220),
    ("Oxford", 51.752, -1.258),
    ("Gloucester", 51.864, -2.244),
    ("Ipswich", 52.056, 1.148),
    ("Bristol", 51.454, -2.588),
    ("London", 51.507, -0.128),
    ("Reading", 51.454, -0.973),
    ("Canterbury", 51.280, 1.080),
    ("Southampton", 50.910, -1.404),
    ("Brighton", 50.823, -0.137),
    ("Exeter", 50.718, -3.534),
    ("Plymouth", 50.376, -4.143),
    ("Truro", 50.263, -5.051),
)
NEEDS = tuple(NeedCode)
NEED_WEIGHTS = {NeedCode.ASD: 8, NeedCode.SEMH: 8, NeedCode.SLCN: 5, NeedCode.MLD: 4, NeedCode.SLD: 3}
GRADES = (OfstedGrade.OUTSTANDING, OfstedGrade.GOOD, OfstedGrade.REQUIRES_IMPROVEMENT, OfstedGrade.INADEQUATE, None)
GRADE_WEIGHTS = (20, 60, 14, 2, 4)
BANDS = ((PricingBand.STANDARD, 1.0), (PricingBand.ENHANCED, 1.3), (PricingBand.COMPLEX, 1.7))
FEE_COLUMNS = [
    "education_weekly_pence",
    "care_weekly_pence",
    "health_weekly_pence",
    "therapies_weekly_pence",
    "additional_staffing_weekly_pence",
]
FIRST_ROUND_YEAR = 2016
"""The system went live in 2016: a decade of rounds and placements up to the benchmark's day."""
REPORTS_SINCE = 2024
"""Outcome reports are kept from this academic year on (about 1,000,000 values at scale 1.0)."""
MEASURES: tuple[tuple[str, str, OutcomeDomain, MeasureScale, MeasureDirection, MeasureFrequency], ...] = (
    ("ATT", "Attendance", OutcomeDomain.ATTENDANCE, MeasureScale.PERCENT, MeasureDirection.HIGHER_IS_BETTER,
     MeasureFrequency.TERMLY),
    ("EXC", "Suspensions", OutcomeDomain.ATTENDANCE, MeasureScale.COUNT, MeasureDirection.LOWER_IS_BETTER,
     MeasureFrequency.TERMLY),
    ("EHCP", "EHCP outcomes on track", OutcomeDomain.EDUCATION, MeasureScale.PERCENT,
     MeasureDirection.HIGHER_IS_BETTER, MeasureFrequency.TERMLY),
    ("COMM", "Communication", OutcomeDomain.EDUCATION, MeasureScale.RATING_1_5, MeasureDirection.HIGHER_IS_BETTER,
     MeasureFrequency.TERMLY),
    ("WELL", "Wellbeing", OutcomeDomain.WELLBEING, MeasureScale.RATING_1_5, MeasureDirection.HIGHER_IS_BETTER,
     MeasureFrequency.TERMLY),
    ("INC", "Incidents", OutcomeDomain.HEALTH, MeasureScale.COUNT, MeasureDirection.LOWER_IS_BETTER,
     MeasureFrequency.TERMLY),
    ("WORK", "Work experience", OutcomeDomain.EMPLOYMENT, MeasureScale.YES_NO, MeasureDirection.HIGHER_IS_BETTER,
     MeasureFrequency.ANNUALLY),
    ("LIVE", "Independent living skills", OutcomeDomain.INDEPENDENT_LIVING, MeasureScale.RATING_1_5,
     MeasureDirection.HIGHER_IS_BETTER, MeasureFrequency.ANNUALLY),
)  # fmt: skip


@dataclass(frozen=True)
class Scale:
    """How big the synthetic data is. The default is the market alone (the matching benchmark's)."""

    authorities: int = 153
    providers: int = 1000
    establishments_per_provider: int = 3
    rounds: int = 10
    call_offs: int = 0
    """0 for the market alone: no rounds, bids, referrals beyond the benchmark one, call-offs or reports."""

    @classmethod
    def national(cls, factor: float = 1.0) -> Scale:
        """The national data set, ``factor`` times its size: 1,000 providers and 100,000 call-offs at 1.0."""
        if factor <= 0:
            raise ValueError("the scale factor must be positive")
        return cls(providers=max(10, round(1000 * factor)), call_offs=max(100, round(100_000 * factor)))

    def market_only(self) -> Scale:
        return replace(self, call_offs=0)


@dataclass
class Generated:
    """What was generated, and the ids the benchmarks act on."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    referral_id: int = 0
    """The benchmark referral (authority 15, lot N1, B15) to match."""
    commissioner_authority_id: int = 15
    bidding_provider_id: int = 0
    """A provider with bids in several rounds."""


def asyncpg_url(url: str) -> str:
    """A plain ``postgresql://`` URL for asyncpg from any SQLAlchemy PostgreSQL URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def admin(server_url: str, sql: str) -> None:
    """Run one statement on the server's ``postgres`` database (CREATE or DROP DATABASE)."""
    connection = await asyncpg.connect(asyncpg_url(f"{server_url}/postgres"))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@contextlib.asynccontextmanager
async def scratch_database(server_url: str, *, keep: bool = False) -> AsyncIterator[str]:
    """A new, empty database ``nwsend_bench_<random>`` on the server, migrated to head; its URL.

    Dropped afterwards unless ``keep``.
    """
    name = f"nwsend_bench_{uuid.uuid4().hex[:10]}"
    await admin(server_url, f'CREATE DATABASE "{name}"')
    url = f"{server_url}/{name}"
    try:
        engine = create_engine(url)
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()
        yield url
    finally:
        if not keep:
            await admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- the market --------------------------------------------------------------------------


def _needs(rng: random.Random) -> list[NeedCode]:
    weights = [NEED_WEIGHTS.get(n, 1) for n in NEEDS]
    chosen: set[NeedCode] = set()
    target = rng.randint(2, 5)
    while len(chosen) < target:
        chosen.add(rng.choices(NEEDS, weights)[0])
    return sorted(chosen, key=NEEDS.index)


def _rate_card(rng: random.Random, residential: bool) -> list[tuple[PricingBand, CostElement, int]]:
    """Fifteen (band, element, weekly pence) lines."""
    education = rng.randrange(120_000, 260_000, 500)
    lines = []
    for band, factor in BANDS:
        fees = {
            CostElement.EDUCATION: education,
            CostElement.CARE: rng.randrange(80_000, 200_000, 500) if residential else 0,
            CostElement.HEALTH: rng.randrange(0, 20_000, 500),
            CostElement.THERAPIES: rng.randrange(10_000, 60_000, 500),
            CostElement.ADDITIONAL_STAFFING: rng.randrange(0, 40_000, 500),
        }
        lines += [(band, e, int(fee * factor)) for e, fee in fees.items()]
    return lines


@dataclass
class _Tables:
    """Rows per table, in column order, for COPY."""

    rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = field(default_factory=dict)

    def add(self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
        cols, existing = self.rows.setdefault(table, (list(columns), []))
        assert cols == list(columns), table
        existing.extend(rows)


@dataclass
class _Market:
    providers: list[dict[str, Any]]
    """id, residential, establishments: [(id, lat, lon, needs)], memberships: {lot_id: (membership id, card)}"""
    lot_weeks: dict[int, int]


def _round_dates(number: int) -> dict[str, dt.datetime]:
    year = FIRST_ROUND_YEAR + number - 1
    return {
        "opens_at": dt.datetime(year, 1, 10, 9, tzinfo=UTC),
        "clarification_deadline": dt.datetime(year, 1, 31, 17, tzinfo=UTC),
        "closes_at": dt.datetime(year, 2, 10, 12, tzinfo=UTC),
        "evaluation_started_at": dt.datetime(year, 2, 11, 9, tzinfo=UTC),
        "decisions_issued_at": dt.datetime(year, 2, 20, 9, tzinfo=UTC),
        "standstill_ends_at": dt.datetime(year, 3, 2, 9, tzinfo=UTC),
        "concluded_at": dt.datetime(year, 3, 3, 9, tzinfo=UTC),
    }


def _market(t: _Tables, scale: Scale, rng: random.Random) -> _Market:
    """Authorities, the system and its lots, providers, establishments, memberships and rate cards.

    The random draws are those of the matching benchmark's first generator, so its market is unchanged.
    """
    t.add(
        "authority",
        ["id", "gss_code", "name", "role", "joined_on", "active"],
        [
            (
                i,
                f"E{6000000 + i:08d}",
                f"Authority {i:03d}",
                (AuthorityRole.LEAD if i == 1 else AuthorityRole.MEMBER).value,
                dt.date(FIRST_ROUND_YEAR - 1, 11, 1),
                True,
            )
            for i in range(1, scale.authorities + 1)
        ],
    )
    t.add(
        "purchasing_system",
        [
            "id", "title", "reference", "ocid", "description", "regime", "admission_mode", "term_start", "term_end",
            "lead_authority_id", "decision_period_days", "activated_at",
        ],
        [
            (
                1, "National SEND Flexible Purchasing System (synthetic)", "BENCH-0001", "ocds-bench1-0001",
                "Synthetic market for benchmarks.", Regime.PCR2015_LIGHT_TOUCH.value, AdmissionMode.ROUNDS.value,
                dt.date(FIRST_ROUND_YEAR, 1, 1), dt.date(FIRST_ROUND_YEAR + 15, 12, 31), 1, 10,
                dt.datetime(FIRST_ROUND_YEAR, 1, 4, 9, tzinfo=UTC),
            )
        ],
    )  # fmt: skip
    t.add(
        "system_member",
        ["system_id", "authority_id", "joined_on"],
        [(1, a, dt.date(FIRST_ROUND_YEAR, 1, 4)) for a in range(1, scale.authorities + 1)],
    )
    t.add(
        "lot",
        ["id", "system_id", "code", "title", "placement_type", "weeks_per_year", "age_min", "age_max", "position"],
        [
            (1, 1, "N1", "Day, ages 4 to 19", PlacementType.DAY.value, 39, 4, 19, 1),
            (2, 1, "N2", "52-week residential, ages 8 to 19", PlacementType.RESIDENTIAL.value, 52, 8, 19, 2),
        ],
    )
    providers: list[dict[str, Any]] = []
    establishments, needs, memberships, links, lines = [], [], [], [], []
    inspections: list[tuple[Any, ...]] = []
    membership_id = 0
    for p in range(1, scale.providers + 1):
        residential = p % 3 == 0
        own: list[tuple[int, list[NeedCode]]] = []
        for _ in range(scale.establishments_per_provider):
            eid = len(establishments) + 1
            _town, lat, lon = rng.choice(TOWNS)
            low = rng.choice((4, 5, 7, 9, 11, 14))
            grade = rng.choices(GRADES, GRADE_WEIGHTS)[0]
            inspected = None if grade is None else dt.date(2024, rng.randint(1, 12), 15)
            if grade is not None:
                inspections.append((len(inspections) + 1, eid, "OFSTED", "LEGACY_GRADE", inspected, grade.value, NOW))
            flagged = grade is OfstedGrade.INADEQUATE
            day = rng.randint(10, 120)
            boarding = rng.randint(6, 40) if residential else 0
            establishments.append(
                (
                    eid,
                    p,
                    f"{800000 + eid:06d}",
                    f"Establishment {eid:04d}",
                    rng.choice(tuple(EstablishmentType)).value,
                    inspected if flagged else None,
                    f"Ofsted graded inspection, {inspected:%-d %B %Y}: judged inadequate" if flagged else None,
                    "ZZ1 1ZZ",
                    round(lat + rng.gauss(0, 0.25), 5),
                    round(lon + rng.gauss(0, 0.35), 5),
                    low,
                    rng.randint(max(low + 3, 16), 19),
                    rng.choices(tuple(GendersAdmitted), (85, 8, 7))[0].value,
                    day,
                    boarding,
                    rng.randint(0, min(day, 6)),
                    rng.randint(0, min(boarding, 4)),
                )
            )
            chosen = _needs(rng)
            needs += [(eid, n.value) for n in chosen]
            own.append((eid, chosen))
        cards: dict[int, tuple[int, list[tuple[PricingBand, CostElement, int]]]] = {}
        joined = _admitting_round(p, scale)
        for lot_id in (1, 2) if residential else (1,):
            membership_id += 1
            card = _rate_card(rng, residential=lot_id == 2)
            cards[lot_id] = (membership_id, card)
            standard = m.standard_weekly_total((band, fee) for band, _e, fee in card)
            memberships.append((membership_id, p, lot_id, _round_dates(joined)["concluded_at"].date(), standard))
            links += [(membership_id, eid) for eid, _ in own]
            lines += [(membership_id, band.value, e.value, fee) for band, e, fee in card]
        providers.append({"id": p, "residential": residential, "establishments": own, "cards": cards})
    t.add(
        "provider",
        ["id", "legal_name", "status", "verified_at"],
        [
            (p["id"], f"Provider {p['id']:04d} Ltd", ProviderStatus.ACTIVE.value, dt.datetime(2015, 12, 1, tzinfo=UTC))
            for p in providers
        ],
    )
    t.add(
        "establishment",
        [
            "id", "provider_id", "urn", "name", "type_code", "concern_since", "concern_reason", "postcode", "latitude",
            "longitude", "age_min", "age_max", "genders", "day_capacity", "residential_capacity", "day_vacancies",
            "residential_vacancies",
        ],
        establishments,
    )  # fmt: skip
    t.add(
        "inspection",
        ["id", "establishment_id", "inspectorate", "framework", "inspected_on", "overall_grade", "recorded_at"],
        inspections,
    )
    t.add("establishment_need", ["establishment_id", "need_code"], needs)
    t.add("lot_membership", ["id", "provider_id", "lot_id", "since", "standard_weekly_fee_pence"], memberships)
    t.add("membership_establishment", ["membership_id", "establishment_id"], links)
    t.add("rate_card_line", ["membership_id", "band", "element", "weekly_fee_pence"], lines)
    return _Market(providers=providers, lot_weeks={1: 39, 2: 52})


def _admitting_round(provider_id: int, scale: Scale) -> int:
    """The round (1..rounds) that admitted a provider: most joined in the first rounds."""
    return 1 + (provider_id * 7) % min(4, scale.rounds) if provider_id % 5 else 1 + provider_id % scale.rounds


_REFERRAL_COLUMNS = [
    "id", "authority_id", "lot_id", "child_reference", "age_at_start", "nc_year_at_start", "gender", "primary_need",
    "secondary_need_1", "secondary_need_2", "home_postcode_district", "home_latitude", "home_longitude",
    "needs_summary", "start_by", "offer_deadline", "mode", "quality_questions", "quality_weight", "price_weight",
    "opened_at", "awarded_at",
]  # fmt: skip


def _benchmark_referral(referral_id: int) -> tuple[Any, ...]:
    return (
        referral_id, 15, 1, "BN-2026-0001", 11, 6, Gender.MALE.value, NeedCode.ASD.value, NeedCode.SLCN.value,
        NeedCode.SEMH.value, "B15", 52.466, -1.930, "Synthetic referral for the matching benchmark.",
        TODAY + dt.timedelta(days=60), NOW + dt.timedelta(days=14), ReferralMode.COMPETITION.value, "[]", 60, 40,
        None, None,
    )  # fmt: skip


# -- admission history -------------------------------------------------------------------


def _rounds_and_bids(t: _Tables, scale: Scale, market: _Market, rng: random.Random) -> int:
    """Concluded yearly rounds with questions, and every provider's bids: rejected ones first, then the admitting
    one. Returns a provider with bids in several rounds."""
    rounds, round_lots, questions = [], [], []
    for n in range(1, scale.rounds + 1):
        d = _round_dates(n)
        rounds.append(
            (n, 1, n, d["opens_at"], d["clarification_deadline"], d["closes_at"], d["standstill_ends_at"],
             d["evaluation_started_at"], d["decisions_issued_at"], d["concluded_at"])
        )  # fmt: skip
        round_lots += [(n, 1), (n, 2)]
        questions += [
            (2 * n - 1, n, 1, QuestionKind.SELECTION.value, "Do you hold the required registrations?", None),
            (2 * n, n, 2, QuestionKind.AWARD.value, "How will you meet children's outcomes?", 100),
        ]
    t.add(
        "application_round",
        ["id", "system_id", "number", "opens_at", "clarification_deadline", "closes_at", "standstill_ends_at",
         "evaluation_started_at", "decisions_issued_at", "concluded_at"],
        rounds,
    )  # fmt: skip
    t.add("round_lot", ["round_id", "lot_id"], round_lots)
    t.add("round_question", ["id", "round_id", "number", "kind", "text", "weight"], questions)

    bids, bid_lots, bid_lot_est, pricing, answers = [], [], [], [], []
    busiest, most = 0, 0
    for p in market.providers:
        admitted = _admitting_round(p["id"], scale)
        # a few earlier, rejected attempts, then the admitting bid
        earlier = sorted(rng.sample(range(1, admitted), k=min(admitted - 1, rng.choice((0, 0, 1, 2, 3)))))
        for n in [*earlier, admitted]:
            bid_id = len(bids) + 1
            d = _round_dates(n)
            submitted = d["opens_at"] + dt.timedelta(days=rng.randint(3, 28))
            bids.append((bid_id, n, p["id"], submitted))
            answers += [
                (bid_id, 2 * n - 1, "Yes: registered with Ofsted and the DfE."),
                (bid_id, 2 * n, "We set and review outcomes with each child, family and authority every term."),
            ]
            won = n == admitted
            for lot_id, (_membership, card) in p["cards"].items():
                bid_lot_id = len(bid_lots) + 1
                decision = LotDecision.ADMITTED if won else LotDecision.REJECTED
                feedback = "Admitted to the lot." if won else "Below the quality threshold on question 2."
                bid_lots.append((bid_lot_id, bid_id, lot_id, decision.value, d["decisions_issued_at"], feedback))
                bid_lot_est += [(bid_lot_id, eid) for eid, _ in p["establishments"]]
                pricing += [(bid_lot_id, band.value, e.value, fee) for band, e, fee in card]
        if len(earlier) + 1 > most:
            busiest, most = p["id"], len(earlier) + 1
    t.add("bid", ["id", "round_id", "provider_id", "submitted_at"], bids)
    t.add("bid_answer", ["bid_id", "question_id", "answer"], answers)
    t.add("bid_lot", ["id", "bid_id", "lot_id", "decision", "decided_at", "feedback"], bid_lots)
    t.add("bid_lot_establishment", ["bid_lot_id", "establishment_id"], bid_lot_est)
    t.add("pricing_line", ["bid_lot_id", "band", "element", "weekly_fee_pence"], pricing)
    return busiest


# -- placements of a decade --------------------------------------------------------------


def _terms(year: int) -> list[tuple[Term, dt.date, dt.date, dt.datetime]]:
    """An academic year's terms: (term, first day, last day, report due)."""
    return [
        (Term.AUTUMN, dt.date(year, 9, 1), dt.date(year, 12, 20), dt.datetime(year + 1, 1, 15, 17, tzinfo=UTC)),
        (Term.SPRING, dt.date(year + 1, 1, 5), dt.date(year + 1, 3, 31), dt.datetime(year + 1, 4, 30, 17, tzinfo=UTC)),
        (Term.SUMMER, dt.date(year + 1, 4, 15), dt.date(year + 1, 7, 20), dt.datetime(year + 1, 9, 15, 17, tzinfo=UTC)),
    ]


def _pool(rng: random.Random, scale: MeasureScale, size: int = 4096) -> list[float]:
    """Plausible values of a measure on its scale; reports draw from the pool, which is quicker than drawing each."""
    if scale is MeasureScale.PERCENT:
        return [round(min(100.0, max(0.0, rng.gauss(88, 9))), 2) for _ in range(size)]
    if scale is MeasureScale.COUNT:
        return [float(min(20, int(rng.expovariate(0.8)))) for _ in range(size)]
    if scale is MeasureScale.RATING_1_5:
        return [float(x) for x in rng.choices((1, 2, 3, 4, 5), (5, 15, 35, 30, 15), k=size)]
    return [float(rng.random() < 0.6) for _ in range(size)]


def _weighted(values: Sequence[Any], weights: Sequence[int]) -> list[Any]:
    """``values`` repeated by weight: a uniform pick from it is a weighted pick, without ``random.choices``."""
    return [v for v, w in zip(values, weights) for _ in range(w)]


def _placements(t: _Tables, scale: Scale, market: _Market, rng: random.Random, first_referral: int) -> None:
    """Call-offs (each individual placement on its awarded referral), annual uplifts, measures and reports."""
    a = scale.authorities
    # authorities differ in size: weights 1..4
    authorities = _weighted(range(1, a + 1), [1 + (i * 37) % 4 for i in range(1, a + 1)])
    bands = _weighted([b for b, _ in BANDS], (6, 3, 1))
    durations = _weighted((1, 2, 3, 4, 5), (4, 6, 5, 3, 2))
    needs = _weighted([n.value for n in NEEDS], [NEED_WEIGHTS.get(n, 1) for n in NEEDS])
    uplifts = (1.02, 1.025, 1.03, 1.035)
    random_ = rng.random
    by_lot = {
        lot: [(p, eid) for p in market.providers if lot in p["cards"] for eid, _n in p["establishments"]]
        for lot in (1, 2)
    }
    start_span = (TODAY - dt.date(FIRST_ROUND_YEAR, 4, 1)).days
    referrals, call_offs, amendments = [], [], []
    live: list[tuple[int, dt.date, dt.date | None, dt.datetime | None]] = []
    referral_id = first_referral
    for i in range(1, scale.call_offs + 1):
        authority = authorities[int(random_() * len(authorities))]
        lot = 2 if random_() < 0.25 else 1
        candidates = by_lot[lot]
        provider, eid = candidates[int(random_() * len(candidates))]
        membership_id, card = provider["cards"][lot]
        band = bands[int(random_() * 10)]
        fees = [fee for b, _e, fee in card if b is band]
        block = random_() < 0.02
        places = 2 + int(random_() * 5) if block else 1
        start = dt.date(FIRST_ROUND_YEAR, 4, 1) + dt.timedelta(days=int(start_span * random_() ** 0.8))
        # spread over the decade, a little denser lately; one to five years, a few open-ended
        years = durations[int(random_() * 20)]
        end = None if random_() < 0.05 else start + dt.timedelta(days=365 * years - 1)
        terminated = None
        if random_() < 0.03:
            stop = start + dt.timedelta(days=30 + int(random_() * 370))
            if stop < TODAY:
                terminated = dt.datetime.combine(stop, dt.time(12), UTC)
        awarded = dt.datetime.combine(start - dt.timedelta(days=14 + int(random_() * 46)), dt.time(10), UTC)
        ref = None
        if not block:
            referral_id += 1
            ref = referral_id
            _town, lat, lon = TOWNS[int(random_() * len(TOWNS))]
            age = (5 + int(random_() * 13)) if lot == 1 else (9 + int(random_() * 9))
            opened = awarded - dt.timedelta(days=28)
            referrals.append(
                (
                    ref, authority, lot, f"CH-{authority:03d}-{i:06d}", age, max(-2, min(14, age - 5)),
                    "FEMALE" if random_() < 0.33 else "MALE", needs[int(random_() * len(needs))], None, None, "ZZ1",
                    round(lat, 3), round(lon, 3), "Synthetic placed child.", start, opened + dt.timedelta(days=14),
                    ReferralMode.COMPETITION.value, "[]", 60, 40, opened, awarded,
                )
            )  # fmt: skip
        # annual uplifts every 1 April while it runs, up to today
        last_day = min(x for x in (end, terminated and terminated.date(), TODAY) if x is not None)
        uplift_on = dt.date(start.year + (start.month >= 4), 4, 1)
        while uplift_on <= last_day:
            before = fees
            factor = uplifts[int(random_() * 4)]
            fees = [round(f * factor / 100) * 100 for f in fees]
            amendments.append(
                (i, uplift_on, AmendmentReason.ANNUAL_UPLIFT.value, "Annual uplift.",
                 dt.datetime.combine(uplift_on - dt.timedelta(days=20), dt.time(12), UTC), "bench-commissioner",
                 *before, *fees)
            )  # fmt: skip
            uplift_on = dt.date(uplift_on.year + 1, 4, 1)
        call_offs.append(
            (
                i, f"CO-{i:07d}", (CallOffType.BLOCK if block else CallOffType.INDIVIDUAL_PLACEMENT).value, authority,
                provider["id"], eid, lot, ref, places, market.lot_weeks[lot], start, end, awarded,
                "bench-commissioner", "Best value on the published weights.", membership_id,
                "Fixed term." if end else None, terminated, "Placement breakdown." if terminated else None, *fees,
            )
        )  # fmt: skip
        live.append((i, start, end, terminated))
    t.add("referral", _REFERRAL_COLUMNS, referrals)
    t.add(
        "call_off",
        [
            "id", "reference", "type", "authority_id", "provider_id", "establishment_id", "lot_id", "referral_id",
            "places", "weeks_per_year", "start_date", "end_date", "awarded_at", "awarded_by", "award_reason",
            "membership_id", "end_reason", "terminated_at", "termination_reason", *FEE_COLUMNS,
        ],
        call_offs,
    )  # fmt: skip
    t.add(
        "fee_amendment",
        [
            "call_off_id", "effective_from", "reason", "note", "agreed_at", "approved_by",
            *(f"before_{c}" for c in FEE_COLUMNS), *(f"after_{c}" for c in FEE_COLUMNS),
        ],
        amendments,
    )  # fmt: skip

    t.add(
        "outcome_measure",
        ["id", "system_id", "code", "name", "description", "domain", "scale", "direction", "frequency"],
        [
            (k, 1, code, name, f"{name}, as the framework defines it.", d.value, s.value, di.value, f.value)
            for k, (code, name, d, s, di, f) in enumerate(MEASURES, start=1)
        ],
    )
    reports, values = [], []
    terms = [
        (term.value, first, last, due, first.year if term is Term.AUTUMN else first.year - 1, term is Term.SUMMER)
        for year in range(REPORTS_SINCE, TODAY.year + 1)
        for term, first, last, due in _terms(year)
        if first <= TODAY
    ]
    pools = [(k, _pool(rng, s), f is MeasureFrequency.TERMLY) for k, (_c, _n, _d, s, _di, f) in enumerate(MEASURES, 1)]
    days = [dt.timedelta(days=d) for d in range(-30, 31)]
    drawn = 0
    for call_off_id, start, end, terminated in live:
        stop = terminated.date() if terminated else end
        for term, first, last, due, year, summer in terms:
            if start > last or (stop is not None and stop < first):
                continue
            report_id = len(reports) + 1
            if due > NOW:  # the current term: a draft at most
                reports.append((report_id, call_off_id, year, term, "", due, None, None))
                continue
            submitted = due + days[20 + int(random_() * 31)]  # from 10 days late to 20 days early
            accepted = submitted + days[33 + int(random_() * 28)]  # 3 to 30 days later
            reports.append(
                (report_id, call_off_id, year, term, "Progress as planned.", due, submitted,
                 accepted if accepted < NOW else None)
            )  # fmt: skip
            for k, pool, termly in pools:
                if termly or summer:
                    drawn += 1
                    values.append((report_id, k, pool[(drawn * 2654435761) % 4096]))
    t.add(
        "outcome_report",
        ["id", "call_off_id", "academic_year", "term", "narrative", "due_at", "submitted_at", "accepted_at"],
        reports,
    )
    t.add("outcome_value", ["report_id", "measure_id", "value"], values)


# -- loading -----------------------------------------------------------------------------


def build(scale: Scale, seed: int = SEED) -> tuple[_Tables, Generated]:
    """Every row, in memory, deterministically from ``seed``."""
    t = _Tables()
    generated = Generated()
    collecting = gc.isenabled()
    gc.disable()  # millions of tuples that all live to the end: collections would only walk them again
    try:
        market = _market(t, scale, random.Random(seed))
        generated.referral_id = 1
        t.add("referral", _REFERRAL_COLUMNS, [_benchmark_referral(1)])
        if scale.call_offs:
            history = random.Random(seed + 1)
            generated.bidding_provider_id = _rounds_and_bids(t, scale, market, history)
            _placements(t, scale, market, history, first_referral=1)
    finally:
        if collecting:
            gc.enable()
    generated.counts = {table: len(rows) for table, (_cols, rows) in t.rows.items()}
    return t, generated


SEQUENCED = [
    "authority", "purchasing_system", "lot", "provider", "establishment", "inspection", "lot_membership",
    "rate_card_line",
    "application_round", "round_question", "bid", "bid_lot", "bid_answer", "pricing_line", "referral", "call_off",
    "fee_amendment", "outcome_measure", "outcome_report", "outcome_value",
]  # fmt: skip


async def generate(database_url: str, scale: Scale, seed: int = SEED) -> Generated:
    """Fill a migrated, empty PostgreSQL database with the synthetic data, then analyse it."""
    started = time.perf_counter()
    tables, generated = build(scale, seed)
    connection = await asyncpg.connect(asyncpg_url(database_url))
    try:
        async with connection.transaction():
            # The rows are consistent by construction: skip the per-row foreign key triggers while loading
            # (a superuser setting, as pg_restore uses; the checks stay in force for every later write).
            await connection.execute("SET LOCAL session_replication_role = replica")
            for table, (columns, rows) in tables.rows.items():
                if rows:
                    await connection.copy_records_to_table(table, records=rows, columns=columns)
            for table in SEQUENCED:
                await connection.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                )
        await connection.execute("VACUUM ANALYZE")  # as autovacuum would leave tables loaded once
    finally:
        await connection.close()
    generated.seconds = time.perf_counter() - started
    return generated
