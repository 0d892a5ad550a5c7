"""The demo's Procurement Act 2023 successor: a dynamic market to follow the flexible purchasing system.

The North West SEND FPS runs under PCR 2015 until 31 January 2030. Its successor, a dynamic market under the
Procurement Act 2023 from 1 February 2030, is set up beside it as a DRAFT: the same lead authority, member
authorities and lots, its specification published, ready for the lead authority to establish it
(``activatePurchasingSystem``). Admission is continuous, with a 30-day decision period. Deterministic.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.demo import data
from db.enums import AdmissionMode, Regime
from db.models import Lot, PurchasingSystem, Specification, SystemMember

TITLE = "North West SEND Dynamic Market 2030"
REFERENCE = "NW-SEND-DM-2030"
OCID = "ocds-h6vhtk-nwsenddm2030"
TERM = (dt.date(2030, 2, 1), dt.date(2038, 1, 31))
DESCRIPTION = (
    "The successor to the North West SEND Flexible Purchasing System under the Procurement Act 2023: a dynamic "
    "market for placements in independent and non-maintained special schools (day, 38-week and 52-week "
    "residential), open to new members at any time. Applications are decided within 30 days."
)


async def seed_successor(session: AsyncSession, *, predecessor: PurchasingSystem, today: dt.date) -> PurchasingSystem:
    """The DRAFT dynamic market succeeding ``predecessor``, with its members, lots and published specification."""
    market = PurchasingSystem(
        title=TITLE,
        reference=REFERENCE,
        ocid=OCID,
        description=DESCRIPTION,
        regime=Regime.PA2023_DYNAMIC_MARKET,
        admission_mode=AdmissionMode.CONTINUOUS,
        term_start=TERM[0],
        term_end=TERM[1],
        lead_authority_id=predecessor.lead_authority_id,
        decision_period_days=30,
    )
    session.add(market)
    await session.flush()
    members = await session.scalars(select(SystemMember).where(SystemMember.system_id == predecessor.id))
    session.add_all(
        SystemMember(system_id=market.id, authority_id=row.authority_id, joined_on=today) for row in members
    )
    lots = await session.scalars(select(Lot).where(Lot.system_id == predecessor.id).order_by(Lot.position))
    session.add_all(
        Lot(
            system_id=market.id,
            code=lot.code,
            title=lot.title,
            placement_type=lot.placement_type,
            weeks_per_year=lot.weeks_per_year,
            age_min=lot.age_min,
            age_max=lot.age_max,
            position=lot.position,
        )
        for lot in lots
    )
    published = dt.datetime.combine(today - dt.timedelta(days=14), dt.time(9), tzinfo=dt.UTC)
    session.add(
        Specification(
            system_id=market.id,
            version_number=1,
            title=data.SPECIFICATION_TITLE,
            body=data.SPECIFICATION_V2,
            published_at=published,
        )
    )
    await session.flush()
    return market
