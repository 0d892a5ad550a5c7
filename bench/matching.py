"""Benchmark: explained matching of one referral against a national market.

A deterministic generator builds a national-scale market in a scratch
PostgreSQL database: 153 authorities, one live purchasing system, 3,000
establishments across England run by 1,000 providers, every one a member of
lot N1 (and a third of them of lot N2 too) with a full rate card, each
establishment catering for two to five needs. The benchmark then times
:func:`api.domain.matching.match_referral` for one referral, after a warm-up,
and prints the median and 95th percentile, the SQL statements per match and
the machine. The scratch database is dropped afterwards.

Run ``python -m bench.matching --help``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import os
import platform
import random
import statistics
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
from sqlalchemy import event, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from api.auth.actor import Actor, Role
from api.domain import matching
from db import models as m
from db.engine import create_engine, session_factory
from db.enums import (
    AdmissionMode,
    AuthorityRole,
    CostElement,
    EstablishmentType,
    Gender,
    GendersAdmitted,
    NeedCode,
    OfstedGrade,
    PlacementType,
    PricingBand,
    ProviderStatus,
    ReferralMode,
    Regime,
)
from db.migrate import upgrade

SEED = 20260302
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432"

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


@dataclass(frozen=True)
class Scale:
    """How big the synthetic market is."""

    authorities: int = 153
    providers: int = 1000
    establishments_per_provider: int = 3


# -- the scratch database ------------------------------------------------------------


def _asyncpg_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _admin(server_url: str, sql: str) -> None:
    connection = await asyncpg.connect(_asyncpg_url(f"{server_url}/postgres"))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


# -- the generator -------------------------------------------------------------------


def _needs(rng: random.Random) -> list[NeedCode]:
    weights = [NEED_WEIGHTS.get(n, 1) for n in NEEDS]
    chosen: set[NeedCode] = set()
    target = rng.randint(2, 5)
    while len(chosen) < target:
        chosen.add(rng.choices(NEEDS, weights)[0])
    return sorted(chosen, key=NEEDS.index)


def _rate_card(rng: random.Random, membership_id: int, residential: bool) -> list[dict[str, Any]]:
    education = rng.randrange(120_000, 260_000, 500)
    lines = []
    for band, factor in ((PricingBand.STANDARD, 1.0), (PricingBand.ENHANCED, 1.3), (PricingBand.COMPLEX, 1.7)):
        fees = {
            CostElement.EDUCATION: education,
            CostElement.CARE: rng.randrange(80_000, 200_000, 500) if residential else 0,
            CostElement.HEALTH: rng.randrange(0, 20_000, 500),
            CostElement.THERAPIES: rng.randrange(10_000, 60_000, 500),
            CostElement.ADDITIONAL_STAFFING: rng.randrange(0, 40_000, 500),
        }
        lines += [
            {"membership_id": membership_id, "band": band, "element": e, "weekly_fee_pence": int(fee * factor)}
            for e, fee in fees.items()
        ]
    return lines


async def generate(engine: AsyncEngine, scale: Scale, seed: int = SEED) -> int:
    """Fill a migrated, empty database with the synthetic market; return the id of the benchmark referral."""
    rng = random.Random(seed)
    today = NOW.date()
    async with engine.begin() as c:
        authorities = [
            {
                "id": i + 1,
                "gss_code": f"E{6000000 + i + 1:08d}",
                "name": f"Authority {i + 1:03d}",
                "role": AuthorityRole.LEAD if i == 0 else AuthorityRole.MEMBER,
                "joined_on": dt.date(2021, 2, 1),
                "active": True,
            }
            for i in range(scale.authorities)
        ]
        await c.execute(insert(m.Authority), authorities)
        await c.execute(
            insert(m.PurchasingSystem),
            [
                {
                    "id": 1,
                    "title": "National SEND Dynamic Market (synthetic)",
                    "reference": "BENCH-0001",
                    "ocid": "ocds-bench1-0001",
                    "description": "Synthetic market for benchmarks.",
                    "regime": Regime.PA2023_DYNAMIC_MARKET,
                    "admission_mode": AdmissionMode.CONTINUOUS,
                    "term_start": dt.date(2025, 3, 1),
                    "term_end": dt.date(2030, 2, 28),
                    "lead_authority_id": 1,
                    "decision_period_days": 10,
                    "activated_at": dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
                }
            ],
        )
        await c.execute(
            insert(m.SystemMember),
            [{"system_id": 1, "authority_id": a["id"], "joined_on": dt.date(2025, 3, 1)} for a in authorities],
        )
        await c.execute(
            insert(m.Lot),
            [
                {
                    "id": 1,
                    "system_id": 1,
                    "code": "N1",
                    "title": "Day, ages 4 to 19",
                    "placement_type": PlacementType.DAY,
                    "weeks_per_year": 39,
                    "age_min": 4,
                    "age_max": 19,
                    "position": 1,
                },
                {
                    "id": 2,
                    "system_id": 1,
                    "code": "N2",
                    "title": "52-week residential, ages 8 to 19",
                    "placement_type": PlacementType.RESIDENTIAL,
                    "weeks_per_year": 52,
                    "age_min": 8,
                    "age_max": 19,
                    "position": 2,
                },
            ],
        )
        providers, establishments, needs, memberships, links, lines = [], [], [], [], [], []
        for p in range(1, scale.providers + 1):
            providers.append({"id": p, "legal_name": f"Provider {p:04d} Ltd", "status": ProviderStatus.ACTIVE})
            residential = p % 3 == 0
            own: list[int] = []
            for _ in range(scale.establishments_per_provider):
                eid = len(establishments) + 1
                own.append(eid)
                _town, lat, lon = rng.choice(TOWNS)
                low = rng.choice((4, 5, 7, 9, 11, 14))
                grade = rng.choices(GRADES, GRADE_WEIGHTS)[0]
                day = rng.randint(10, 120)
                boarding = rng.randint(6, 40) if residential else 0
                establishments.append(
                    {
                        "id": eid,
                        "provider_id": p,
                        "urn": f"{800000 + eid:06d}",
                        "name": f"Establishment {eid:04d}",
                        "type_code": rng.choice(tuple(EstablishmentType)),
                        "ofsted_grade": grade,
                        "ofsted_date": None if grade is None else dt.date(2024, rng.randint(1, 12), 15),
                        "postcode": "ZZ1 1ZZ",
                        "latitude": round(lat + rng.gauss(0, 0.25), 5),
                        "longitude": round(lon + rng.gauss(0, 0.35), 5),
                        "age_min": low,
                        "age_max": rng.randint(max(low + 3, 16), 19),
                        "genders": rng.choices(tuple(GendersAdmitted), (85, 8, 7))[0],
                        "day_capacity": day,
                        "residential_capacity": boarding,
                        "day_vacancies": rng.randint(0, min(day, 6)),
                        "residential_vacancies": rng.randint(0, min(boarding, 4)),
                    }
                )
                needs += [{"establishment_id": eid, "need_code": n} for n in _needs(rng)]
            for lot_id in (1, 2) if residential else (1,):
                mid = len(memberships) + 1
                card = _rate_card(rng, mid, residential=lot_id == 2)
                standard = m.standard_weekly_total((x["band"], x["weekly_fee_pence"]) for x in card)
                memberships.append(
                    {
                        "id": mid,
                        "provider_id": p,
                        "lot_id": lot_id,
                        "since": dt.date(2025, 4, 1),
                        "standard_weekly_fee_pence": standard,
                    }
                )
                links += [{"membership_id": mid, "establishment_id": eid} for eid in own]
                lines += card
        await c.execute(insert(m.Provider), providers)
        await c.execute(insert(m.Establishment), establishments)
        await c.execute(insert(m.EstablishmentNeed), needs)
        await c.execute(insert(m.LotMembership), memberships)
        await c.execute(insert(m.MembershipEstablishment), links)
        await c.execute(insert(m.RateCardLine), lines)
        result = await c.execute(
            insert(m.Referral).returning(m.Referral.id),
            [
                {
                    "authority_id": 15,
                    "lot_id": 1,
                    "child_reference": "BN-2026-0001",
                    "age_at_start": 11,
                    "nc_year_at_start": 6,
                    "gender": Gender.MALE,
                    "primary_need": NeedCode.ASD,
                    "secondary_need_1": NeedCode.SLCN,
                    "secondary_need_2": NeedCode.SEMH,
                    "home_postcode_district": "B15",
                    "home_latitude": 52.466,
                    "home_longitude": -1.930,
                    "needs_summary": "Synthetic referral for the matching benchmark.",
                    "start_by": today + dt.timedelta(days=60),
                    "offer_deadline": NOW + dt.timedelta(days=14),
                    "mode": ReferralMode.COMPETITION,
                    "quality_questions": [],
                    "quality_weight": 60,
                    "price_weight": 40,
                }
            ],
        )
        referral_id = int(result.scalar_one())
        for table in ("authority", "provider", "establishment", "lot_membership", "lot", "purchasing_system"):
            await c.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    async with engine.execution_options(isolation_level="AUTOCOMMIT").connect() as c:
        await c.exec_driver_sql("VACUUM ANALYZE")  # as autovacuum would leave a table loaded once
    return referral_id


# -- timing --------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """The figures of one benchmark case."""

    label: str
    runs: int
    median_ms: float
    p95_ms: float
    statements_per_match: float
    matches: int
    eligible: int


def _p95(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def time_case(
    engine: AsyncEngine,
    referral_id: int,
    options: matching.Options,
    *,
    explain: int | None,
    label: str,
    runs: int,
    warmup: int,
) -> Timing:
    """Time ``match_referral`` on one referral, a session per run as a request would have, and explain the first
    ``explain`` matches (all of them when None) inside the timing."""
    factory = session_factory(engine)
    async with factory() as session:
        referral = await session.get(m.Referral, referral_id)
        assert referral is not None
    actor = Actor(subject="bench", roles=frozenset({Role.AUTHORITY_COMMISSIONER}), authority_id=referral.authority_id)
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    samples: list[float] = []
    matches = eligible = 0
    for i in range(warmup + runs):
        async with factory() as session:
            if i == warmup:
                event.listen(engine.sync_engine, "before_cursor_execute", count)
            start = time.perf_counter()
            found = await matching.match_referral(session, actor=actor, now=NOW, referral=referral, options=options)
            for match in found[:explain]:
                match.reasons  # noqa: B018 -- worked out when read
            elapsed = time.perf_counter() - start
            if i == warmup:
                event.remove(engine.sync_engine, "before_cursor_execute", count)
            await session.rollback()
        matches, eligible = len(found), sum(1 for x in found if x.eligible)
        del found  # as a served request would, so that results do not outlive their run
        if i >= warmup:
            samples.append(elapsed * 1000)
    return Timing(
        label=label,
        runs=runs,
        median_ms=statistics.median(samples),
        p95_ms=_p95(samples),
        statements_per_match=float(len(statements)),
        matches=matches,
        eligible=eligible,
    )


def machine() -> str:
    """The machine the figures come from."""
    processor = platform.processor() or platform.machine()
    model = ""
    try:
        with open("/proc/cpuinfo") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        pass
    cpu = f"{model} ({processor})" if model else processor
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python {platform.python_version()}"


async def run(server_url: str, *, runs: int, warmup: int, scale: Scale, keep: bool, freeze_gc: bool) -> list[Timing]:
    name = f"nwsend_bench_{uuid.uuid4().hex[:10]}"
    await _admin(server_url, f'CREATE DATABASE "{name}"')
    engine = create_engine(f"{server_url}/{name}")
    try:
        await upgrade(engine)
        started = time.perf_counter()
        referral_id = await generate(engine, scale)
        async with session_factory(engine)() as session:
            server = await session.scalar(select(func.version()))
            total = await session.scalar(select(func.count()).select_from(m.Establishment))
        print(f"database   {name} on {server_url} ({str(server).split(',')[0]})")
        print(f"generated  {total} establishments in {time.perf_counter() - started:.1f} s")
        if freeze_gc:
            gc.collect()
            gc.freeze()  # what a server would do once started: full collections then skip the start-up heap
        nearest, cheapest = matching.Options(), matching.Options(sort_by=matching.MatchSort.COST)
        near = matching.Options(max_distance_km=50, eligible_only=True)
        cases = (
            ("all members, nearest first, 20 explained", nearest, 20),
            ("all members, cheapest first, 20 explained", cheapest, 20),
            ("all members, nearest first, all explained", nearest, None),
            ("eligible within 50 km, all explained", near, None),
        )
        return [
            await time_case(engine, referral_id, o, explain=n, label=label, runs=runs, warmup=warmup)
            for label, o, n in cases
        ]
    finally:
        await engine.dispose()
        if not keep:
            await _admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_SERVER),
        help="PostgreSQL server URL without a database name; a scratch database is created there and dropped "
        "(default: $BENCH_POSTGRES_URL or %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=200, help="timed runs per case (default: %(default)s)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed runs first (default: %(default)s)")
    parser.add_argument("--providers", type=int, default=1000, help="providers, 3 establishments each")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database for inspection")
    parser.add_argument(
        "--freeze-gc",
        action="store_true",
        help="call gc.freeze() after start-up, as a server may, so that full collections skip long-lived objects",
    )
    args = parser.parse_args(argv)
    scale = Scale(providers=args.providers)
    timings = asyncio.run(
        run(
            args.server.rstrip("/"),
            runs=args.runs,
            warmup=args.warmup,
            scale=scale,
            keep=args.keep,
            freeze_gc=args.freeze_gc,
        )
    )
    print(f"machine    {machine()}")
    print(f"gc         {'frozen after start-up' if args.freeze_gc else 'as is'}")
    print(f"load       {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5 and 15 min averages, after the runs)")
    print(f"{'case':<42} {'runs':>5} {'median ms':>10} {'p95 ms':>8} {'SQL/match':>10} {'matches':>8} {'eligible':>9}")
    for t in timings:
        print(
            f"{t.label:<42} {t.runs:>5} {t.median_ms:>10.2f} {t.p95_ms:>8.2f} "
            f"{t.statements_per_match:>10.0f} {t.matches:>8} {t.eligible:>9}"
        )


if __name__ == "__main__":
    main()
