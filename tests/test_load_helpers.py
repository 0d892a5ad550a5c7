"""The relation helpers answer at once when a loader holds the row, and an awaitable otherwise."""

from __future__ import annotations

import asyncio

import pytest

from api.resolvers.load import Pending, then


async def test_a_loaded_row_is_answered_at_once() -> None:
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    future.set_result(41)
    assert then(future, lambda row: row + 1) == 42


async def test_a_row_not_yet_loaded_is_answered_when_it_arrives() -> None:
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    answer = then(future, lambda row: row + 1)
    assert isinstance(answer, Pending)
    asyncio.get_running_loop().call_soon(future.set_result, 41)
    assert await answer == 42


async def test_a_failed_load_raises_where_the_field_awaits_it() -> None:
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    answer = then(future, lambda row: row + 1)
    future.set_exception(LookupError("gone"))
    with pytest.raises(LookupError, match="gone"):
        await answer
