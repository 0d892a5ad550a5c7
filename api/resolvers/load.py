"""Shorthands for resolvers that follow a relation through the request's loaders.

A relation resolver asks the loader at once, when it is called, and answers at
once when the loader already holds the row (the field then costs no more than a
plain one); otherwise it answers :class:`Pending`, which graphql-core awaits.
Lists prefetch the relations a query selects of their items
(:func:`prefetch`), so that a page's relation fields find their rows
loaded and execute without a coroutine or a task each. Mark such resolvers with
:func:`relation`.

Resolvers that combine several loads (a row, then the row it points to) are
``async`` and await :func:`one`, :func:`many` and :func:`children` instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator, Iterable, Sequence
from typing import Any, Generic, TypeVar

from strawberry.types import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

T = TypeVar("T")

PREFETCH = "prefetch_relation"
"""Set on a resolver function that may be called ahead, for every item of a list: see :func:`relation`."""


class Pending(Generic[T]):
    """What a relation field answers while its loader has not fetched the row yet."""

    __slots__ = ("future", "wrap")

    def __init__(self, future: asyncio.Future[Any], wrap: Callable[[Any], T]) -> None:
        self.future = future
        self.wrap = wrap

    def __await__(self) -> Generator[Any, None, T]:
        return self.wrap((yield from self.future.__await__()))


def then(future: Any, wrap: Callable[[Any], T]) -> T | Pending[T]:
    """``wrap`` of a loader's answer: at once when it is in, else :class:`Pending`."""
    if future.done():
        return wrap(future.result())
    return Pending(future, wrap)


def related(info: Info, model: type, pk: int | None, wrap: Callable[[Any], T]) -> T | Pending[T]:
    """``wrap`` of the visible row of ``model`` with primary key ``pk`` (None when absent, hidden or no ``pk``)."""
    if pk is None:
        return wrap(None)
    return then(info.context.loaders.by_id(model).load(pk), wrap)


def related_children(
    info: Info, model: type, column: Any, key: Any, wrap: Callable[[list[Any]], T], order_by: Sequence[Any] = ()
) -> T | Pending[T]:
    """``wrap`` of the visible rows of ``model`` whose ``column`` equals ``key``."""
    return then(info.context.loaders.children(model, column, order_by).load(key), wrap)


def relation(function: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a resolver ``(self, info)`` built on :func:`related` as safe to call ahead for a whole list."""
    setattr(function, PREFETCH, True)
    return function


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


def _item_selections(field: SelectedField, *paths: tuple[str, ...]) -> list[Selection]:
    """The selections under ``field`` reached by any of ``paths`` (e.g. ``("nodes",)``, ``("edges", "node")``)."""
    found: list[Selection] = []
    for path in paths:
        level = [field]
        for name in path:
            level = [child for parent in level for child in _fields(parent.selections) if child.name == name]
        found.extend(s for f in level for s in f.selections)
    return found


def _fields(selections: Iterable[Selection]) -> list[SelectedField]:
    """The fields among ``selections``, with those of fragments and inline fragments in their place."""
    out: list[SelectedField] = []
    for selection in selections:
        if isinstance(selection, FragmentSpread | InlineFragment):
            out.extend(_fields(selection.selections))
        elif isinstance(selection, SelectedField):
            out.append(selection)
    return out


async def prefetch(info: Info, items: Sequence[Any], *paths: tuple[str, ...]) -> None:
    """Fetch now the relations of ``items`` that the field being resolved selects of them.

    ``items`` are what the field answers: its list, or with ``paths`` the items
    of its connection (``("nodes",), ("edges", "node")``).
    """
    for selected in info.selected_fields:
        selections = _item_selections(selected, *paths) if paths else selected.selections
        await _prefetch_selected(info, items, selections)


async def _prefetch_selected(info: Info, items: Sequence[Any], selections: Iterable[Selection]) -> None:
    """Ask the loaders now for every relation of ``items`` that ``selections`` select, and wait for them.

    Only resolvers marked with :func:`relation` are called ahead; what they
    load is what the fields would load one by one, batched the same way.
    """
    if not items:
        return
    definition = type(items[0]).__strawberry_definition__
    names = {f.name for f in _fields(selections) if not f.arguments}
    waiting: list[asyncio.Future[Any]] = []
    for strawberry_field in definition.fields:
        resolver = strawberry_field.base_resolver
        if resolver is None or not getattr(resolver.wrapped_func, PREFETCH, False):
            continue
        if _graphql_name(info, strawberry_field) not in names:
            continue
        for item in items:
            answer = resolver.wrapped_func(item, info)
            if isinstance(answer, Pending):
                waiting.append(answer.future)
    if waiting:
        await asyncio.gather(*waiting)


def _graphql_name(info: Info, strawberry_field: Any) -> str:
    return info.schema.config.name_converter.get_graphql_name(strawberry_field)
