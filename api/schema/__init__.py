"""The one GraphQL schema of the purchasing system."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import strawberry
from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import MaskErrors, MaxTokensLimiter, ParserCache, SchemaExtension
from strawberry.schema.config import StrawberryConfig

from api.domain.errors import DomainError
from api.resolvers.errors import ClientError
from api.schema import admission, market, placements, records  # noqa: F401  (registers node types)
from api.schema.base import SCALARS
from api.schema.bidding import BidMutations, RoundMutations
from api.schema.calloffs import CallOffMutations, OfferMutations
from api.schema.cost import variable_cost
from api.schema.endings import EndingMutations
from api.schema.evaluation import EvaluationMutations
from api.schema.exclusions import ExclusionMutations
from api.schema.execution import PlainLeafExecutionContext, mark_direct_resolvers, mark_plain_leaves
from api.schema.funding import FundingMutations
from api.schema.input_errors import code_input_errors
from api.schema.inspections import InspectionMutations
from api.schema.invoices import InvoiceMutations
from api.schema.mutation import OutcomeUnknown
from api.schema.notices import NoticeMutations
from api.schema.notifications import NotificationMutations
from api.schema.outcomes import OutcomeMutations
from api.schema.query import Query
from api.schema.records import DocumentMutations
from api.schema.referrals import ReferralMutations
from api.schema.reviews import ReviewMutations
from api.schema.setup import SetupMutations
from api.schema.terms import TermMutations
from api.schema.text import RefuseNulCharacters
from api.schema.uplifts import UpliftMutations
from api.schema.validation import CACHE_SIZE, TOO_COMPLEX, cached_validation, document_rules
from api.schema.webhooks import WebhookMutations
from db.engine import unavailable_cause

log = logging.getLogger("api.errors")

MAX_ALIASES = 30
"""Aliased fields in one document, at most."""
MAX_TOKENS = 2000
"""Tokens (names, punctuation, values) in one document, at most; a longer one is not even parsed."""


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
_SAVED = (
    "The change was saved, but the database connection was lost while its answer was being read. "
    "Do not retry it: read it again to see it."
)
_THIS_NOT_SAVED = (
    "The database is unavailable or the connection to it was lost. This change was not saved (the changes "
    "before it in this request were); try it again."
)


def _database_lost(error: BaseException | None) -> BaseException | None:
    """The lost, refused or silent database connection behind ``error``, if that is what it is."""
    return unavailable_cause(error)


def _unavailable_message(error: GraphQLError, context: Any) -> str:
    """Say what was saved: only "nothing was saved" when that is true."""
    committed = getattr(context, "committed", None) or set()
    if error.path and error.path[0] in committed:
        return _SAVED  # its mutation committed; a nested field of its answer failed
    if isinstance(error.original_error, OutcomeUnknown):
        return _SAVE_UNKNOWN
    return _THIS_NOT_SAVED if committed else _NOT_SAVED


class MaskUnexpectedErrors(MaskErrors):
    """Replaces unexpected errors by a generic one carrying the request id, and logs the original.

    A value the request got wrong (the query's or a variable's) is given its code and field on the way
    (:mod:`api.schema.input_errors`).
    """

    def __init__(self) -> None:
        super().__init__(should_mask_error=_should_mask, error_message="Unexpected error. It has been logged.")

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        context = self.execution_context
        document = getattr(context, "graphql_document", None)
        schema = getattr(getattr(context, "schema", None), "_schema", None)
        variables = getattr(context, "variables", None)
        processed = super()._process_errors(errors)
        return code_input_errors(processed, schema=schema, document=document, variables=variables)

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
            return GraphQLError(
                _unavailable_message(error, context),
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
    FundingMutations,
    InvoiceMutations,
    OutcomeMutations,
    NotificationMutations,
    TermMutations,
    UpliftMutations,
    ReviewMutations,
    EndingMutations,
    InspectionMutations,
    ExclusionMutations,
    WebhookMutations,
    NoticeMutations,
):
    pass


class LimitedParserCache(ParserCache):
    """Strawberry's parser cache, refusing a document over the token limit with ``QUERY_TOO_COMPLEX``."""

    def __init__(self, *, max_tokens: int, maxsize: int) -> None:
        super().__init__(maxsize=maxsize)
        self.max_tokens = max_tokens

    def on_parse(self) -> Iterator[None]:
        try:
            yield from super().on_parse()
        except GraphQLSyntaxError as error:
            if f"more than {self.max_tokens} tokens" not in error.message:
                raise
            raise GraphQLError(
                f"The query has more than {self.max_tokens} tokens, the limit: ask for less in one query.",
                extensions={"code": TOO_COMPLEX, "limit": self.max_tokens},
            ) from error


class Schema(strawberry.Schema):
    """The schema, logging only unexpected errors (the masking hook logs those)."""

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        return None


def build_schema(*, introspection: bool = True, max_depth: int = 12, max_cost: int = 20000) -> strawberry.Schema:
    """Build the schema with its limits. Production turns introspection off."""
    # Depth, aliases, cost and introspection are validation rules of the document alone: they are
    # checked with GraphQL's own rules once per distinct query text (see api/schema/validation.py).
    # Page sizes given by variables are costed per request, with their values (see api/schema/cost.py).
    rules = document_rules(max_depth=max_depth, max_aliases=MAX_ALIASES, max_cost=max_cost, introspection=introspection)
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: LimitedParserCache(max_tokens=MAX_TOKENS, maxsize=CACHE_SIZE),
        cached_validation(rules),
        variable_cost(max_cost),
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
