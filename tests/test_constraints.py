"""Invariants held by the database itself, on both backends."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from db import models as m
from db.engine import create_engine, session_factory
from db.enums import (
    AdmissionMode,
    AuthorityRole,
    EstablishmentType,
    Gender,
    GendersAdmitted,
    NeedCode,
    PlacementType,
    ProviderStatus,
    ReferralMode,
    Regime,
)
from db.migrate import upgrade
from tests.support import fresh_database

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 2, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def migrated(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fresh_database(backend, tmp_path_factory.mktemp("constraints")) as url:
        asyncio.run(_upgrade(url))
        yield url


async def _upgrade(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def run(url: str, work: Callable[[Any], Awaitable[Any]]) -> Any:
    """Run ``work(sessions)`` against the database; ``sessions()`` opens a session."""

    async def main() -> Any:
        engine = create_engine(url)
        try:
            return await work(session_factory(engine))
        finally:
            await engine.dispose()

    return asyncio.run(main())


def _code() -> str:
    return "E9" + uuid.uuid4().hex[:7].upper()


def _urn() -> str:
    return str(uuid.uuid4().int % 900000 + 100000)


async def _world(session: AsyncSession) -> dict[str, Any]:
    """A minimal valid authority, system, lot, round and provider with an establishment."""
    authority = m.Authority(gss_code=_code(), name="Test Authority", role=AuthorityRole.LEAD)
    session.add(authority)
    await session.flush()
    system = m.PurchasingSystem(
        title="Test system",
        reference=uuid.uuid4().hex[:20],
        ocid=f"ocds-test-{uuid.uuid4().hex[:12]}",
        regime=Regime.PCR2015_LIGHT_TOUCH,
        admission_mode=AdmissionMode.ROUNDS,
        term_start=dt.date(2021, 2, 1),
        term_end=dt.date(2030, 1, 31),
        lead_authority_id=authority.id,
    )
    provider = m.Provider(legal_name="Test Provider Ltd", status=ProviderStatus.ACTIVE)
    session.add_all([system, provider])
    await session.flush()
    lot = m.Lot(
        system_id=system.id,
        code="L1",
        title="Day",
        placement_type=PlacementType.DAY,
        weeks_per_year=39,
        age_min=4,
        age_max=16,
    )
    round_ = m.ApplicationRound(system_id=system.id, number=1, opens_at=NOW, closes_at=NOW + dt.timedelta(days=30))
    establishment = m.Establishment(
        provider_id=provider.id,
        urn=_urn(),
        name="Test School",
        type_code=EstablishmentType.INDEPENDENT_SPECIAL,
        postcode="CW1 3JT",
        latitude=53.1,
        longitude=-2.44,
        age_min=5,
        age_max=16,
        genders=GendersAdmitted.MIXED,
        day_capacity=40,
        residential_capacity=0,
        day_vacancies=3,
        residential_vacancies=0,
    )
    session.add_all([lot, round_, establishment])
    await session.flush()
    return {
        "authority": authority,
        "system": system,
        "provider": provider,
        "lot": lot,
        "round": round_,
        "establishment": establishment,
    }


def _refused(url: str, build: Callable[[AsyncSession, dict[str, Any]], Any], error: type = IntegrityError) -> None:
    async def work(sessions: Any) -> None:
        async with sessions() as session:
            world = await _world(session)
            with pytest.raises(error):
                build(session, world)
                await session.flush()
            await session.rollback()

    run(url, work)


def test_gss_codes_are_unique(migrated: str) -> None:
    _refused(
        migrated,
        lambda s, w: s.add(m.Authority(gss_code=w["authority"].gss_code, name="Again", role=AuthorityRole.MEMBER)),
    )


def test_urns_are_unique(migrated: str) -> None:
    def build(s: AsyncSession, w: dict[str, Any]) -> None:
        e = w["establishment"]
        s.add(
            m.Establishment(
                provider_id=e.provider_id,
                urn=e.urn,
                name="Copy",
                type_code=e.type_code,
                postcode=e.postcode,
                latitude=e.latitude,
                longitude=e.longitude,
                age_min=5,
                age_max=11,
                genders=e.genders,
            )
        )

    _refused(migrated, build)


def test_one_live_bid_per_provider_per_round(migrated: str) -> None:
    async def work(sessions: Any) -> None:
        async with sessions() as session:
            w = await _world(session)
            first = m.Bid(round_id=w["round"].id, provider_id=w["provider"].id, withdrawn_at=NOW)
            second = m.Bid(round_id=w["round"].id, provider_id=w["provider"].id)
            session.add_all([first, second])
            await session.flush()  # a withdrawn bid and a live one may coexist
            session.add(m.Bid(round_id=w["round"].id, provider_id=w["provider"].id))
            with pytest.raises(IntegrityError):
                await session.flush()
            await session.rollback()

    run(migrated, work)


def test_money_cannot_be_negative(migrated: str) -> None:
    def build(s: AsyncSession, w: dict[str, Any]) -> None:
        s.add(
            m.CallOff(
                reference=uuid.uuid4().hex[:12],
                type="BLOCK",
                authority_id=w["authority"].id,
                provider_id=w["provider"].id,
                establishment_id=w["establishment"].id,
                lot_id=w["lot"].id,
                places=2,
                weeks_per_year=39,
                start_date=dt.date(2026, 4, 1),
                awarded_at=NOW,
                education_weekly_pence=-1,
            )
        )

    _refused(migrated, build)


def test_referral_weights_sum_to_100(migrated: str) -> None:
    def build(s: AsyncSession, w: dict[str, Any]) -> None:
        s.add(
            m.Referral(
                authority_id=w["authority"].id,
                lot_id=w["lot"].id,
                child_reference="T-1",
                age_at_start=9,
                gender=Gender.FEMALE,
                primary_need=NeedCode.ASD,
                home_postcode_district="CW1",
                home_latitude=53.1,
                home_longitude=-2.4,
                needs_summary="",
                start_by=dt.date(2026, 9, 1),
                offer_deadline=NOW,
                mode=ReferralMode.COMPETITION,
                quality_weight=70,
                price_weight=40,
            )
        )

    _refused(migrated, build)


def test_naive_timestamps_are_refused(migrated: str) -> None:
    def build(s: AsyncSession, w: dict[str, Any]) -> None:
        w["round"].closes_at = dt.datetime(2026, 5, 1, 12, 0)

    _refused(migrated, build, StatementError)


def test_timestamps_come_back_in_utc(migrated: str) -> None:
    async def work(sessions: Any) -> dt.datetime:
        async with sessions() as session:
            w = await _world(session)
            local = dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
            w["round"].closes_at = local
            await session.commit()
            round_id = w["round"].id
        async with sessions() as session:
            return await session.scalar(select(m.ApplicationRound.closes_at).where(m.ApplicationRound.id == round_id))

    closes_at = run(migrated, work)
    assert closes_at == dt.datetime(2026, 6, 1, 8, 30, tzinfo=UTC)
    assert closes_at.utcoffset() == dt.timedelta(0)


def test_procurement_records_are_never_cascade_deleted(migrated: str) -> None:
    async def work(sessions: Any) -> None:
        async with sessions() as session:
            w = await _world(session)
            await session.commit()
        async with sessions() as session:
            with pytest.raises(IntegrityError):
                await session.execute(delete(m.Provider).where(m.Provider.id == w["provider"].id))
            await session.rollback()

    run(migrated, work)


def test_a_stale_write_is_rejected(migrated: str) -> None:
    async def work(sessions: Any) -> tuple[int, str]:
        async with sessions() as session:
            w = await _world(session)
            await session.commit()
            authority_id = w["authority"].id
        async with sessions() as first, sessions() as second:
            mine = await first.get(m.Authority, authority_id)
            theirs = await second.get(m.Authority, authority_id)
            mine.name = "Renamed by the first writer"
            await first.commit()
            theirs.name = "Renamed by the second writer"
            with pytest.raises(StaleDataError):
                await second.commit()
        async with sessions() as session:
            row = await session.get(m.Authority, authority_id)
            return row.version, row.name

    version, name = run(migrated, work)
    assert (version, name) == (2, "Renamed by the first writer")
