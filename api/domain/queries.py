"""Tenancy-scoped reads: rows by id, children by parent, and keyset pages.

Every function applies :func:`api.domain.visibility.visible`, so callers cannot
forget the tenancy filter.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor
from api.domain.visibility import visible
from db import models as m

Row = TypeVar("Row")

MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Page(Generic[Row]):
    """One keyset page of rows in id order."""

    rows: list[Row]
    has_next: bool
    has_previous: bool


def scoped(model: type[Row], actor: Actor, now: dt.datetime) -> Select[tuple[Row]]:
    """``SELECT model`` restricted to what ``actor`` may see at ``now``."""
    return select(model).where(visible(model, actor, now))


async def rows_by_id(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, model: type[Row], ids: Sequence[int]
) -> dict[int, Row]:
    """The visible rows among ``ids``, keyed by id; invisible ones are absent."""
    if not ids:
        return {}
    result = await session.scalars(scoped(model, actor, now).where(model.id.in_(set(ids))))  # type: ignore[attr-defined]
    return {row.id: row for row in result}  # type: ignore[attr-defined]


async def rows_by_parent(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    model: type[Row],
    column: Any,
    keys: Sequence[Any],
    order_by: Sequence[Any] = (),
) -> dict[Any, list[Row]]:
    """The visible rows whose ``column`` is among ``keys``, grouped by that key."""
    grouped: dict[Any, list[Row]] = defaultdict(list)
    if not keys:
        return grouped
    stmt = scoped(model, actor, now).where(column.in_(set(keys))).order_by(*order_by, *model.__mapper__.primary_key)  # type: ignore[attr-defined]
    for row in await session.scalars(stmt):
        grouped[getattr(row, column.key)].append(row)
    return grouped


async def count(session: AsyncSession, stmt: Select[Any]) -> int:
    """How many rows ``stmt`` selects."""
    return int(await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)


async def keyset_page(
    session: AsyncSession,
    stmt: Select[tuple[Row]],
    *,
    id_column: Any,
    first: int | None = None,
    after: int | None = None,
    last: int | None = None,
    before: int | None = None,
) -> Page[Row]:
    """A page of ``stmt`` in ``id_column`` order, Relay style.

    ``first``/``after`` page forwards, ``last``/``before`` backwards. The page
    costs one query whatever its position; one extra row tells whether
    there is more.
    """
    if after is not None:
        stmt = stmt.where(id_column > after)
    if before is not None:
        stmt = stmt.where(id_column < before)
    if last is not None and first is None:
        result = list(await session.scalars(stmt.order_by(id_column.desc()).limit(last + 1)))
        has_more = len(result) > last
        rows = list(reversed(result[:last]))
        return Page(rows=rows, has_next=before is not None, has_previous=has_more)
    size = first if first is not None else MAX_PAGE_SIZE
    result = list(await session.scalars(stmt.order_by(id_column).limit(size + 1)))
    rows = result[:size]
    if last is not None:
        rows = rows[-last:]
    return Page(rows=rows, has_next=len(result) > size, has_previous=after is not None)


async def latest_reports(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, call_off_ids: Sequence[int]
) -> dict[int, m.OutcomeReport]:
    """Each call-off's most recent visible outcome report, in one query."""
    r = m.OutcomeReport
    ranked = (
        select(
            r.id,
            func.row_number()
            .over(partition_by=r.call_off_id, order_by=(r.academic_year.desc(), r.due_at.desc()))
            .label("rank"),
        )
        .where(r.call_off_id.in_(set(call_off_ids)), visible(r, actor, now))
        .subquery()
    )
    stmt = select(r).join(ranked, ranked.c.id == r.id).where(ranked.c.rank == 1)
    return {row.call_off_id: row for row in await session.scalars(stmt)}


async def system_of_lot(session: AsyncSession, lot_id: int) -> m.PurchasingSystem:
    """The purchasing system a lot belongs to."""
    system = await session.scalar(
        select(m.PurchasingSystem).join(m.Lot, m.Lot.system_id == m.PurchasingSystem.id).where(m.Lot.id == lot_id)
    )
    assert system is not None
    return system
