"""One way to declare a paginated, filtered root list.

This module deliberately does not use postponed annotations: the resolver's
argument and return types are built from the arguments of
:func:`connection_field` and must be real objects.
"""

from collections.abc import Callable
from typing import Annotated, Any, Optional

import strawberry
from strawberry.permission import PermissionExtension
from strawberry.types import Info

from api.resolvers import load
from api.resolvers.relay import page
from api.schema.base import Connection, connection_from

First = Annotated[
    Optional[int], strawberry.argument(description="Return the first N items (at most 100), after `after`.")
]
After = Annotated[Optional[str], strawberry.argument(description="Start after the item with this cursor.")]
Last = Annotated[
    Optional[int], strawberry.argument(description="Return the last N items (at most 100), before `before`.")
]
Before = Annotated[Optional[str], strawberry.argument(description="End before the item with this cursor.")]


def connection_field(
    node_cls: type,
    filter_cls: type,
    listing: Callable[..., Any],
    *,
    description: str,
    access: PermissionExtension,
) -> Any:
    """A root field listing ``node_cls`` rows, filtered by ``filter_cls`` and paged by keyset.

    ``listing`` is the domain function building the tenancy-scoped query.
    """
    FilterArg = Annotated[
        Optional[filter_cls], strawberry.argument(description="Only items matching every given filter.")
    ]

    async def resolve(
        info: Info,
        filter: FilterArg = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[node_cls]:  # type: ignore[valid-type]
        ctx = info.context
        criteria = (filter or filter_cls()).criteria()
        statement = listing(ctx.actor, now=ctx.now, **criteria)
        result = await page(
            ctx, statement, id_column=node_cls.model.id, first=first, after=after, last=last, before=before
        )
        connection = connection_from(result, node_cls)
        await load.prefetch(info, [edge.node for edge in connection.edges], ("nodes",), ("edges", "node"))
        return connection

    return strawberry.field(resolver=resolve, description=description, extensions=[access])
