"""Derived statuses: the Python rule and the SQL filter agree on every demo row."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from api.domain import status as st
from db import models as m
from db.engine import create_engine, session_factory
from tests.support import DEMO_NOW

MOMENTS = [DEMO_NOW - dt.timedelta(days=900), DEMO_NOW, DEMO_NOW + dt.timedelta(days=40)]

CASES: list[tuple[type, type, Callable[[Any, dt.datetime], Any], Callable[[Any, dt.datetime], Any]]] = [
    (
        m.CallOff,
        st.CallOffStatus,
        lambda r, now: st.call_off_status(r, now.date()),
        lambda s, now: st.call_off_is(s, now.date()),
    ),
    (m.Referral, st.ReferralStatus, st.referral_status, st.referral_is),
    (m.ApplicationRound, st.RoundStatus, st.round_status, st.round_is),
    (
        m.LotMembership,
        st.MembershipStatus,
        lambda r, now: st.membership_status(r, now.date()),
        lambda s, now: st.membership_is(s, now.date()),
    ),
    (m.Bid, st.BidStatus, lambda r, now: st.bid_status(r), lambda s, now: st.bid_is(s)),
    (m.Offer, st.OfferStatus, lambda r, now: st.offer_status(r), lambda s, now: st.offer_is(s)),
    (m.OutcomeReport, st.OutcomeReportStatus, lambda r, now: st.report_status(r), lambda s, now: st.report_is(s)),
    (m.PurchasingSystem, st.SystemStatus, lambda r, now: st.system_status(r), lambda s, now: st.system_is(s)),
]


async def _compare(url: str, model: type, enum: type, in_python: Any, in_sql: Any) -> set[Any]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            rows = list(await session.scalars(select(model)))
            seen: set[Any] = set()
            for now in MOMENTS:
                expected = {row.id: in_python(row, now) for row in rows}
                seen |= set(expected.values())
                for status in enum:
                    ids = set(await session.scalars(select(model.id).where(in_sql(status, now))))
                    assert ids == {i for i, s in expected.items() if s == status}, (model.__name__, status, now)
            return seen
    finally:
        await engine.dispose()


@pytest.mark.parametrize(("model", "enum", "in_python", "in_sql"), CASES, ids=[c[0].__name__ for c in CASES])
def test_python_and_sql_statuses_agree(
    demo_database: str, model: type, enum: type, in_python: Any, in_sql: Any
) -> None:
    seen = asyncio.run(_compare(demo_database, model, enum, in_python, in_sql))
    if model is not m.PurchasingSystem:  # the demo has one system, always active
        assert len(seen) >= 2, f"the demo should exercise several {model.__name__} states"
