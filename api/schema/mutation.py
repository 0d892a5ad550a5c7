"""One way to declare a mutation: its access, its errors, one transaction.

``@mutation(...)`` wraps a resolver so that it runs in one transaction:
committed when it returns, rolled back when it refuses. A refusal it declared
comes back as data in its result union; anything else is a bug, rolled back
and masked.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Union

import strawberry
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError
from strawberry.permission import PermissionExtension
from strawberry.types import Info

from api.domain.errors import DomainError, StaleVersion
from api.domain.errors import ValidationError as DomainValidationError
from api.resolvers.errors import ClientError
from api.schema.errors import GRAPHQL_ERRORS, as_data

Resolver = Callable[..., Awaitable[Any]]


def mutation(
    *,
    description: str,
    access: PermissionExtension,
    errors: tuple[type[DomainError], ...],
) -> Callable[[Resolver], Any]:
    """Declare a mutation resolver. Its return annotation must be the union of its payload and ``errors``."""

    def wrap(resolver: Resolver) -> Any:
        @functools.wraps(resolver)
        async def run(self: Any, info: Info, input: Any) -> Any:
            ctx = info.context
            try:
                try:
                    result = await resolver(self, info, input)
                except ClientError as bad_input:  # a malformed ID in the input
                    raise DomainValidationError(bad_input.message, field=bad_input.extensions.get("field")) from None
            except DomainError as refusal:
                if type(refusal) not in errors:
                    await ctx.execute(lambda session: session.rollback())
                    raise
                keep = refusal.keeps_changes
                await ctx.execute(lambda session: session.commit() if keep else session.rollback())
                return as_data(refusal)
            except StaleDataError:
                await ctx.execute(lambda session: session.rollback())
                return _stale(errors)
            except BaseException:
                await ctx.execute(lambda session: session.rollback())
                raise
            try:
                await ctx.execute(lambda session: session.commit())
            except StaleDataError:
                await ctx.execute(lambda session: session.rollback())
                return _stale(errors)
            except DBAPIError as lost:
                if not lost.connection_invalidated:
                    raise
                raise OutcomeUnknown("the database connection was lost during COMMIT") from lost
            ctx.committed.add(info.path.key)
            return result

        run.__declared_errors__ = errors  # type: ignore[attr-defined]
        return strawberry.mutation(resolver=run, description=description, extensions=[access])

    return wrap


class OutcomeUnknown(Exception):
    """The connection was lost while the transaction was being committed: it may or may not have been saved."""


def result(name: str, payload: type, *errors: type, description: str) -> Any:
    """A mutation's result type: its payload or one of the GraphQL errors it declares."""
    return Annotated[Union[(payload, *errors)], strawberry.union(name, description=description)]  # noqa: UP007


def _stale(errors: tuple[type[DomainError], ...]) -> Any:
    """A concurrent writer got there first: the optimistic version check failed."""
    refusal = StaleVersion("Someone else changed this while you were working on it. Read it again and retry.")
    if StaleVersion not in errors:
        raise refusal
    return as_data(refusal)


def declared_errors(field: Any) -> tuple[type[DomainError], ...]:
    """The domain errors a mutation field declared."""
    resolver = getattr(getattr(field, "base_resolver", None), "wrapped_func", None)
    return getattr(resolver, "__declared_errors__", ())


def union_members(field: Any) -> set[type]:
    """The GraphQL types a mutation field's result union is made of."""
    union = field.type
    return {t for t in getattr(union, "types", ())}


def graphql_error_types(errors: tuple[type[DomainError], ...]) -> set[type]:
    return {GRAPHQL_ERRORS[e] for e in errors}


__all__ = ["OutcomeUnknown", "declared_errors", "graphql_error_types", "mutation", "union_members"]
