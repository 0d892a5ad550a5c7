"""Building blocks of the schema: Node, connections, money, and row-backed types."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ClassVar, Generic, NewType, TypeVar

import strawberry
from strawberry.types import Info

from api.domain.visibility import read_scope
from api.resolvers.relay import PageResult, to_global_id
from api.schema.permissions import ReadScopeDirective

N = TypeVar("N")


def field(description: str, **kwargs: Any) -> Any:
    """A schema field; every field has a description."""
    return strawberry.field(description=description, **kwargs)


Pence = NewType("Pence", int)
"""Money in whole pence; see :data:`PENCE_SCALAR`."""


def _parse_pence(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("Pence must be a non-negative whole number of pence")
    return value


PENCE_SCALAR = strawberry.scalar(
    name="Pence",
    description=(
        "An amount of money in whole pence sterling (GBP), never a float. "
        "Serialised as a JSON integer; may exceed 32 bits."
    ),
    serialize=int,
    parse_value=_parse_pence,
)

PenceDifference = NewType("PenceDifference", int)
"""A difference of money in whole pence, negative when below; see :data:`PENCE_DIFFERENCE_SCALAR`."""

PENCE_DIFFERENCE_SCALAR = strawberry.scalar(
    name="PenceDifference",
    description=(
        "A difference between two amounts of money in whole pence sterling: positive when above, negative when "
        "below. Serialised as a JSON integer; may exceed 32 bits."
    ),
    serialize=int,
    parse_value=int,
)

SCALARS = {Pence: PENCE_SCALAR, PenceDifference: PENCE_DIFFERENCE_SCALAR}


NODE_TYPES: dict[str, tuple[type, type]] = {}
"""GraphQL type name -> (model, strawberry type), for ``node`` lookups."""


@strawberry.interface(description="An object with a globally unique, opaque ID (Relay Node).")
class Node:
    id: strawberry.ID = field("The globally unique, opaque ID of this object.")
    """Worked out when the object is built from its row (:meth:`RowBacked.from_row`), so it is a plain field."""
    row: strawberry.Private[Any]


class RowBacked:
    """A schema type built from a database row.

    Plain fields are copied from the row attribute of the same name, or from
    the attribute named in ``sources``; fields with resolvers read ``self.row``.
    """

    model: ClassVar[type]
    sources: ClassVar[dict[str, str | Callable[[Any], Any]]] = {}

    @classmethod
    def from_row(cls, row: Any) -> Any:
        values: dict[str, Any] = {}
        for name, source in _copied_fields(cls):
            values[name] = source(row) if callable(source) else getattr(row, source)
        if issubclass(cls, Node):
            values["id"] = strawberry.ID(to_global_id(cls.__strawberry_definition__.name, row.id))  # type: ignore[attr-defined]
        return cls(row=row, **values)  # type: ignore[call-arg]

    @classmethod
    def from_optional(cls, row: Any) -> Any:
        return None if row is None else cls.from_row(row)

    @classmethod
    def from_rows(cls, rows: list[Any]) -> list[Any]:
        return [cls.from_row(row) for row in rows]


@functools.cache
def _copied_fields(cls: type) -> tuple[tuple[str, str | Callable[[Any], Any]], ...]:
    """The plain fields of a row-backed type and where each comes from: worked out once per type, not per row."""
    return tuple(
        (f.python_name, cls.sources.get(f.python_name, f.python_name))  # type: ignore[attr-defined]
        for f in cls.__strawberry_definition__.fields  # type: ignore[attr-defined]
        if f.base_resolver is None and f.python_name != "row" and not (f.python_name == "id" and issubclass(cls, Node))
    )


def node_type(model: type) -> Callable[[type], type]:
    """Register a row-backed Node type so that ``node(id:)`` can find it.

    Where reading its rows needs an OAuth scope (:data:`api.domain.visibility.READ_SCOPES`), the type
    says so in the schema with ``@readScope``.
    """

    def register(cls: type) -> type:
        cls.model = model  # type: ignore[attr-defined]
        definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
        NODE_TYPES[definition.name] = (model, cls)
        scope = read_scope(model)
        if scope is not None:
            definition.directives = (*(definition.directives or ()), ReadScopeDirective(scope=scope))
        return cls

    return register


@strawberry.type(description="Where a page sits in its list, for fetching the next or previous page.")
class PageInfo:
    has_next_page: bool = field("Whether more items follow this page.")
    has_previous_page: bool = field("Whether items precede this page.")
    start_cursor: str | None = field("The cursor of the first item of this page.")
    end_cursor: str | None = field("The cursor of the last item of this page.")


@strawberry.type(description="One item of a page, with the cursor to page on from it.")
class Edge(Generic[N]):
    node: N = field("The item.")
    cursor: str = field("An opaque cursor: pass it as `after` or `before` to page on.")


@strawberry.type(description="A page of a list, in stable order, with Relay cursors and the total count.")
class Connection(Generic[N]):
    edges: list[Edge[N]] = field("The items of this page.")
    page_info: PageInfo = field("How to fetch the next or previous page.")
    result: strawberry.Private[PageResult]

    @strawberry.field(description="How many items match the filters, across all pages.")
    async def total_count(self) -> int:
        return await self.result.total_count()

    @strawberry.field(description="The items of this page, without cursors.")
    def nodes(self) -> list[N]:
        return [edge.node for edge in self.edges]


def connection_from(result: PageResult, node_cls: Any) -> Any:
    """Wrap a page of rows as a connection of ``node_cls``."""
    edges = [Edge(node=node_cls.from_row(row), cursor=c) for row, c in zip(result.rows, result.cursors)]
    info = PageInfo(
        has_next_page=result.has_next,
        has_previous_page=result.has_previous,
        start_cursor=result.cursors[0] if result.cursors else None,
        end_cursor=result.cursors[-1] if result.cursors else None,
    )
    return Connection(edges=edges, page_info=info, result=result)


def context(info: Info) -> Any:
    """The request context (typed loosely to keep modules free of cycles)."""
    return info.context
