"""Seed the demo data into an empty, migrated database.

Usage: ``python -m db.demo [--today YYYY-MM-DD]``. The database comes from
``DATABASE_URL`` (SQLite by default). A database that already holds data is
left alone.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import time

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.demo import database_is_empty, seed_demo
from db.engine import create_engine, session_factory
from db.models import (
    ApplicationRound,
    Authority,
    CallOff,
    Establishment,
    LotMembership,
    OutcomeReport,
    OutcomeValue,
    Provider,
    Referral,
)

SUMMARY = (
    ("authorities", Authority),
    ("providers", Provider),
    ("establishments", Establishment),
    ("rounds", ApplicationRound),
    ("lot memberships", LotMembership),
    ("referrals", Referral),
    ("call-offs", CallOff),
    ("outcome reports", OutcomeReport),
    ("outcome values", OutcomeValue),
)


def _parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m db.demo", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="the date the demo is seeded as of (default: today's date)",
    )
    return parser.parse_args(argv)


async def _summary(session: AsyncSession) -> str:
    parts = []
    for label, model in SUMMARY:
        count = await session.scalar(select(func.count()).select_from(model))
        parts.append(f"{count} {label}")
    return ", ".join(parts)


async def main(today: dt.date) -> str:
    """Seed when the database is empty; return the line to print."""
    engine = create_engine()
    try:
        async with session_factory(engine)() as session:
            if not await database_is_empty(session):
                return "Demo seed skipped: the database already holds data."
            started = time.perf_counter()
            await seed_demo(session, today=today)
            await session.commit()
            elapsed = time.perf_counter() - started
            return f"Demo data seeded as of {today.isoformat()} in {elapsed:.1f}s: {await _summary(session)}."
    finally:
        await engine.dispose()


if __name__ == "__main__":
    args = _parse_args()
    print(asyncio.run(main(args.today or dt.date.today())))
