"""The one GraphQL schema of the purchasing system."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import strawberry
from graphql import GraphQLError
from sqlalchemy.exc import DBAPIError
from strawberry.extensions import MaskErrors, MaxTokensLimiter, ParserCache, SchemaExtension
from strawberry.schema.config import StrawberryConfig

from api.domain.errors import DomainError
from api.resolvers.errors import ClientError
from api.schema import admission, market, placements, records  # noqa: F401  (registers node types)
from api.schema.base import SCALARS
from api.schema.bidding import BidMutations, RoundMutations
from api.schema.calloffs import CallOffMutations, OfferMutations
from api.schema.evaluation import EvaluationMutations
from api.schema.execution import PlainLeafExecutionContext, mark_direct_resolvers, mark_plain_leaves
from api.schema.mutation import OutcomeUnknown
from api.schema.outcomes import OutcomeMutations
from api.schema.query import Query
from api.schema.records import DocumentMutations
from api.schema.referrals import ReferralMutations
from api.schema.setup import SetupMutations
from api.schema.text import RefuseNulCharacters
from api.schema.validation import CACHE_SIZE, cached_validation, document_rules

log = logging.getLogger("api.errors")


def _should_mask(error: GraphQLError) -> bool:
    """Mask unexpected errors raised while resolving; keep the caller's own mistakes."""
    original = error.original_error
    if original is None or isinstance(original, (ClientError, DomainError)):
        return False
    # argument and variable coercion errors have no path; their message names the input
    return error.path is not None


_NOT_SAVED = "The database is unavailable or the connection to it was lost. Nothing was saved; try again."
_SAVE_UNKNOWN = (
    "The database connection was lost while the change was being saved: it may or may not have been saved. "
    "Read it again before retrying."
)


def _database_lost(error: BaseException | None) -> BaseException | None:
    """The lost or refused database connection behind ``error``, if that is what it is."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return error
        if isinstance(error, ConnectionError):
            return error
        error = error.__cause__ or error.__context__
    return None


class MaskUnexpectedErrors(MaskErrors):
    """Replaces unexpected errors by a generic one carrying the request id, and logs the original."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=_should_mask, error_message="Unexpected error. It has been logged.")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        context = getattr(self.execution_context, "context", None)
        request_id = getattr(context, "request_id", None)
        lost = _database_lost(error.original_error)
        if lost is not None:
            log.warning(
                "database unavailable at %s (request %s): %s",
                ".".join(map(str, error.path or [])),
                request_id,
                lost,
                exc_info=error.original_error,
            )
            unknown = isinstance(error.original_error, OutcomeUnknown)
            return GraphQLError(
                _SAVE_UNKNOWN if unknown else _NOT_SAVED,
                nodes=error.nodes,
                path=error.path,
                extensions={"code": "SERVICE_UNAVAILABLE", "requestId": request_id},
            )
        log.error(
            "unexpected error at %s (request %s)",
            ".".join(map(str, error.path or [])),
            request_id,
            exc_info=error.original_error,
        )
        masked = super().anonymise_error(error)
        masked.extensions = {"code": "INTERNAL_ERROR", "requestId": request_id}
        return masked


@strawberry.type(
    description="Change the purchasing system. Each mutation is one transaction and returns its errors as data."
)
class Mutation(
    DocumentMutations,
    EvaluationMutations,
    SetupMutations,
    RoundMutations,
    BidMutations,
    ReferralMutations,
    OfferMutations,
    CallOffMutations,
    OutcomeMutations,
):
    pass


class Schema(strawberry.Schema):
    """The schema, logging only unexpected errors (the masking hook logs those)."""

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        return None


def build_schema(*, introspection: bool = True, max_depth: int = 12, max_cost: int = 20000) -> strawberry.Schema:
    """Build the schema with its limits. Production turns introspection off."""
    # Depth, aliases, cost and introspection are validation rules of the document alone: they are
    # checked with GraphQL's own rules once per distinct query text (see api/schema/validation.py).
    rules = document_rules(max_depth=max_depth, max_aliases=30, max_cost=max_cost, introspection=introspection)
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=2000),
        lambda: ParserCache(maxsize=CACHE_SIZE),
        cached_validation(rules),
        RefuseNulCharacters,
        MaskUnexpectedErrors,
    ]
    built = Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        types=_node_types(),
        config=StrawberryConfig(scalar_map=SCALARS),
        execution_context_class=PlainLeafExecutionContext,
    )
    mark_plain_leaves(built._schema)
    mark_direct_resolvers(built._schema, info_class=built.config.info_class)
    _describe_directive_arguments(built)
    return built


def _describe_directive_arguments(built: strawberry.Schema) -> None:
    """Copy argument descriptions of our schema directives into the schema.

    Strawberry keeps them on the directive's fields but does not pass them on.
    """
    for directive in built._schema.directives:
        definition = (directive.extensions or {}).get("strawberry-definition")
        for f in getattr(definition, "fields", []):
            argument = directive.args.get(built.config.name_converter.get_graphql_name(f))
            if argument is not None and f.description:
                argument.description = f.description


def _node_types() -> list[Any]:
    from api.schema.base import NODE_TYPES

    return [cls for _model, cls in NODE_TYPES.values()]


schema = build_schema()
