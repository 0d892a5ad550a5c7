"""The demo seed: realistic North West data as the issue describes it, deterministic, and nameless."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from api.domain import status as st
from db import models as m
from db.base import Base
from db.engine import create_engine, session_factory
from db.enums import AuthorityRole
from tests.conftest import _migrate_and_seed
from tests.support import DEMO_NOW, membership_totals_that_disagree


async def _facts(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as s:

            async def n(model: type, *where: Any) -> int:
                return int(await s.scalar(select(func.count()).select_from(model).where(*where)) or 0)

            rounds = list(await s.scalars(select(m.ApplicationRound)))
            open_round = next(r for r in rounds if st.round_status(r, DEMO_NOW) == st.RoundStatus.OPEN)
            specs = list(await s.scalars(select(m.Specification).order_by(m.Specification.version_number)))
            return {
                "authorities": await n(m.Authority),
                "lead": await s.scalar(select(m.Authority.gss_code).where(m.Authority.role == AuthorityRole.LEAD)),
                "systems": [
                    (x.reference, x.regime.value, st.system_status(x).value)
                    for x in await s.scalars(select(m.PurchasingSystem).order_by(m.PurchasingSystem.id))
                ],
                "lots": await n(m.Lot, m.Lot.system_id == 1),
                "successor_lots": await n(m.Lot, m.Lot.system_id == 2),
                "specs": [(x.version_number, st.specification_status(x)) for x in specs if x.system_id == 1],
                "successor_specs": [(x.version_number, st.specification_status(x)) for x in specs if x.system_id == 2],
                "measure_domains": set(await s.scalars(select(m.OutcomeMeasure.domain))),
                "measures": await n(m.OutcomeMeasure),
                "providers": await n(m.Provider),
                "establishments": await n(m.Establishment),
                "round_states": {st.round_status(r, DEMO_NOW) for r in rounds},
                "open_round_bids": {
                    st.bid_status(b) for b in await s.scalars(select(m.Bid).where(m.Bid.round_id == open_round.id))
                },
                "rate_card_lines": await n(m.RateCardLine),
                "memberships": await n(m.LotMembership),
                "totals_that_disagree": await membership_totals_that_disagree(s),
                "call_offs": await n(m.CallOff),
                "amendments": await n(m.FeeAmendment),
                "reports": await n(m.OutcomeReport),
                "references": list(await s.scalars(select(m.Referral.child_reference))),
            }
    finally:
        await engine.dispose()


def test_the_demo_is_the_north_west_as_described(demo_database: str) -> None:
    facts = asyncio.run(_facts(demo_database))
    assert facts["authorities"] == 24
    assert facts["lead"] == "E06000049"
    # the PCR 2015 FPS, live, and its Procurement Act 2023 successor, a draft dynamic market with the same lots
    assert facts["systems"] == [
        ("NW-SEND-FPS-2021", "PCR2015_LIGHT_TOUCH", "ACTIVE"),
        ("NW-SEND-DM-2030", "PA2023_DYNAMIC_MARKET", "DRAFT"),
    ]
    assert facts["lots"] == facts["successor_lots"] == 7
    assert facts["specs"] == [(1, st.SpecificationStatus.PUBLISHED), (2, st.SpecificationStatus.DRAFT)]
    assert facts["successor_specs"] == [(1, st.SpecificationStatus.PUBLISHED)]
    assert facts["measures"] >= 12 and len(facts["measure_domains"]) == 7
    assert facts["providers"] >= 40 and facts["establishments"] >= 60
    assert {st.RoundStatus.CONCLUDED, st.RoundStatus.OPEN} <= facts["round_states"]
    assert {st.BidStatus.DRAFT, st.BidStatus.SUBMITTED} <= facts["open_round_bids"]
    assert facts["rate_card_lines"] > 0
    assert facts["memberships"] > 0 and facts["totals_that_disagree"] == []  # each kept total is its rate card's
    assert facts["call_offs"] >= 200
    assert facts["amendments"] > 0 and facts["reports"] > 0


def test_children_are_known_only_by_pseudonymous_references(demo_database: str) -> None:
    references = asyncio.run(_facts(demo_database))["references"]
    assert len(references) >= 200
    assert all(re.fullmatch(r"[A-Z]{2,4}-\d{4}-\d{4}", r) for r in references), references[:5]
    assert len(set(references)) == len(references)


async def _dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            dump = {}
            for table in Base.metadata.sorted_tables:
                columns = [c for c in table.c if c.name not in ("created_at", "updated_at")]
                rows = await connection.execute(select(*columns).order_by(*table.primary_key.columns))
                dump[table.name] = [tuple(r) for r in rows]
            return dump
    finally:
        await engine.dispose()


def test_the_seed_is_deterministic(tmp_path: Path) -> None:
    first, second = (f"sqlite:///{tmp_path / name}" for name in ("first.sqlite3", "second.sqlite3"))
    for url in (first, second):
        asyncio.run(_migrate_and_seed(url))
    dump = asyncio.run(_dump(first))
    assert len(dump["call_off"]) >= 200
    assert asyncio.run(_dump(second)) == dump
