"""Benchmark: explained matching of one referral against a national market.

The shared generator (:mod:`bench.generate`) builds a national-scale market in a
scratch PostgreSQL database: 153 authorities, one live purchasing system, 3,000
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
import gc
import os
import platform
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from api.auth.actor import Actor, Role
from api.domain import matching
from bench.generate import DEFAULT_SERVER, NOW, Scale, generate, scratch_database
from db import models as m
from db.engine import create_engine, session_factory

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
    async with scratch_database(server_url, keep=keep) as url:
        generated = await generate(url, scale)
        engine = create_engine(url)
        try:
            async with session_factory(engine)() as session:
                server = await session.scalar(select(func.version()))
                total = await session.scalar(select(func.count()).select_from(m.Establishment))
            print(f"database   {url.rsplit('/', 1)[1]} on {server_url} ({str(server).split(',')[0]})")
            print(f"generated  {total} establishments in {generated.seconds:.1f} s")
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
                await time_case(engine, generated.referral_id, o, explain=n, label=label, runs=runs, warmup=warmup)
                for label, o, n in cases
            ]
        finally:
            await engine.dispose()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--server",
        default=DEFAULT_SERVER,
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
