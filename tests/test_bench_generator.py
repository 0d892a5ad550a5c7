"""The benchmark's data generator, at a very small scale: deterministic, consistent, and loadable.

The benchmark itself never runs in the test suite (see bench/README.md).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import asyncpg
import pytest

from bench.generate import Scale, asyncpg_url, build, generate
from db.engine import create_engine
from db.migrate import upgrade
from tests.support import fresh_database, postgres_available

TINY = Scale.national(0.002)  # 10 providers, 200 call-offs


def _rows(scale: Scale) -> dict[str, list[tuple[object, ...]]]:
    tables, _ = build(scale)
    return {name: rows for name, (_columns, rows) in tables.rows.items()}


def test_the_same_seed_gives_the_same_data() -> None:
    assert _rows(TINY) == _rows(TINY)


def test_the_data_hangs_together() -> None:
    rows = _rows(TINY)
    assert len(rows["authority"]) == 153
    assert len(rows["call_off"]) == 200
    assert len(rows["establishment"]) == 30
    providers_of = {e[0]: e[1] for e in rows["establishment"]}
    # each call-off is at an establishment of its provider, and each placement has its own referral
    assert all(providers_of[c[5]] == c[4] for c in rows["call_off"])
    placed = [c[7] for c in rows["call_off"] if c[2] == "INDIVIDUAL_PLACEMENT"]
    assert None not in placed and len(placed) == len(set(placed))
    # at most one report per call-off and term, and values only for reports that exist
    assert max(Counter((r[1], r[2], r[3]) for r in rows["outcome_report"]).values()) == 1
    assert {v[0] for v in rows["outcome_value"]} <= {r[0] for r in rows["outcome_report"]}
    assert rows["bid"] and rows["bid_lot"] and rows["fee_amendment"]


@pytest.mark.skipif(not postgres_available(), reason="PostgreSQL is not reachable")
def test_it_loads_into_a_migrated_postgresql_database(tmp_path: Path) -> None:
    with fresh_database("postgresql", tmp_path) as url:

        async def load() -> dict[str, int]:
            engine = create_engine(url)
            try:
                await upgrade(engine)
            finally:
                await engine.dispose()
            generated = await generate(url, TINY)
            connection = await asyncpg.connect(asyncpg_url(url))
            try:
                counts = {
                    table: await connection.fetchval(f"SELECT count(*) FROM {table}") for table in generated.counts
                }
                # sequences moved past the generated ids: the next insert gets a fresh one
                next_id = await connection.fetchval("SELECT nextval(pg_get_serial_sequence('call_off', 'id'))")
            finally:
                await connection.close()
            assert next_id == counts["call_off"] + 1
            assert counts == generated.counts
            return counts

        counts = asyncio.run(load())
        assert counts["call_off"] == 200
