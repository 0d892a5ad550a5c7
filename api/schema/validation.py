"""Validation once per distinct query: the rules that read only the document are cached.

Validating a document against the schema (GraphQL's own rules, and our depth,
alias, cost and introspection limits) costs more CPU than executing a small
query, and gives the same answer every time the same text comes back, as it
does from every real client. So the answer is kept, per parsed document, in a
bounded LRU cache; with strawberry's ``ParserCache`` the same text gives the same
document object, so a hit costs one dictionary lookup.

Rules that also read the request (such as the NUL-character rule, which checks
the variables) are added to the execution context per request; they still run
on every request, after the cached ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    ValidationContext,
    specified_rules,
    validate,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter, SchemaExtension

from api.schema.cost import cost_rule

STANDARD_RULES = frozenset(specified_rules)
CACHE_SIZE = 256
"""Distinct documents kept: a client sends a few dozen; an attacker's unique texts only evict each other."""

TOO_COMPLEX = "QUERY_TOO_COMPLEX"
"""The code of a query refused for its depth, its aliases or its length in tokens (cost has its own)."""


def document_rules(
    *, max_depth: int, max_aliases: int, max_cost: int, introspection: bool
) -> tuple[type[ASTValidationRule], ...]:
    """GraphQL's rules and our limits: everything that depends on the document alone."""
    rules: list[type[ASTValidationRule]] = [
        *specified_rules,
        *(coded(r, TOO_COMPLEX, limit=max_depth) for r in QueryDepthLimiter(max_depth=max_depth).validation_rules),
        *(
            coded(r, TOO_COMPLEX, limit=max_aliases)
            for r in MaxAliasesLimiter(max_alias_count=max_aliases).validation_rules
        ),
        cost_rule(max_cost),
    ]
    if not introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


def coded(rule: type[ASTValidationRule], code: str, **extensions: Any) -> type[ASTValidationRule]:
    """``rule``, its errors carrying ``extensions.code`` (and ``extensions``).

    Strawberry's depth and alias limiters check the whole document when they
    are made, and report through the validation context; while they are made,
    what they report is given the code.
    """

    class Coded(rule):  # type: ignore[misc, valid-type]
        def __init__(self, context: ValidationContext) -> None:
            report = context.report_error

            def report_coded(error: GraphQLError) -> None:
                error.extensions = {**(error.extensions or {}), "code": code, **extensions}
                report(error)

            context.report_error = report_coded  # type: ignore[method-assign]
            try:
                super().__init__(context)
            finally:
                del context.report_error

    Coded.__name__ = Coded.__qualname__ = f"Coded{rule.__name__}"
    return Coded


def cached_validation(rules: Sequence[type[ASTValidationRule]]) -> type[SchemaExtension]:
    """A schema extension validating each document against ``rules`` once, then by lookup."""
    fixed = tuple(rules)

    @lru_cache(maxsize=CACHE_SIZE)
    def errors_of(schema: GraphQLSchema, document: DocumentNode) -> tuple[GraphQLError, ...]:
        return tuple(validate(schema, document, fixed))

    class CachedValidation(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            context = self.execution_context
            schema, document = context.schema._schema, context.graphql_document
            assert document is not None
            errors = list(errors_of(schema, document))
            per_request = tuple(r for r in context.validation_rules if r not in STANDARD_RULES)
            if per_request:
                errors += validate(schema, document, per_request)
            context.pre_execution_errors = errors
            yield

    return CachedValidation
