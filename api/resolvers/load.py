"""Shorthands for resolvers that follow a relation through the request's loaders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strawberry.types import Info


async def one(info: Info, model: type, pk: int | None) -> Any:
    """The visible row of ``model`` with primary key ``pk``, or None."""
    if pk is None:
        return None
    return await info.context.loaders.by_id(model).load(pk)


async def many(info: Info, model: type, pks: Sequence[int]) -> list[Any]:
    """The visible rows among ``pks``, in that order."""
    rows = await info.context.loaders.by_id(model).load_many(list(pks))
    return [row for row in rows if row is not None]


async def children(info: Info, model: type, column: Any, key: Any, order_by: Sequence[Any] = ()) -> list[Any]:
    """The visible rows of ``model`` whose ``column`` equals ``key``."""
    return await info.context.loaders.children(model, column, order_by).load(key)
