"""A query cost limit: each field costs one, times the size of the lists around it.

A connection multiplies what is under it by its ``first``/``last``: the value
written in the query, or the value of the variable given there (else the
variable's default); without either, the page size it will get, the maximum
(:data:`~api.domain.queries.MAX_PAGE_SIZE`). Other lists multiply by a small
estimate. Fragments are expanded, so they cannot hide cost.

The cost of a document that gives no page size through a variable is the same
for every request: it is checked once per distinct document with the other
document rules (:func:`cost_rule`, see :mod:`api.schema.validation`). A
document whose page sizes come from variables would cost too much only with
large values: that is checked for each request, with its variables
(:class:`VariableCost`), and only when the largest page sizes would exceed the
limit, so a cheap document costs nothing more per request.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    VariableNode,
    get_named_type,
)
from strawberry.extensions import SchemaExtension

from api.domain.queries import MAX_PAGE_SIZE

LIST_ESTIMATE = 5
PAGE_FIELDS = frozenset({"edges", "nodes"})
PAGE_ARGUMENTS = ("first", "last")
CACHE_SIZE = 256
"""Distinct documents whose largest cost is kept, as for validation (:mod:`api.schema.validation`)."""


@dataclass(frozen=True)
class Cost:
    """An operation's cost, and whether a variable gave any page size counted in it."""

    value: int
    from_variables: bool


def cost_rule(max_cost: int) -> type[ValidationRule]:
    """A rule of the document alone refusing operations that cost more than ``max_cost``.

    Page sizes given by variables count at their largest here; an operation
    that costs too much only because of them is left to :class:`VariableCost`.
    """

    class QueryCost(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            cost = operation_cost(self.context.schema, self.context.document, node, None)
            if cost is not None and cost.value > max_cost and not cost.from_variables:
                self.report_error(too_costly(node, cost.value, max_cost))

    return QueryCost


def variable_cost(max_cost: int) -> type[SchemaExtension]:
    """A schema extension checking, per request, the cost of operations whose page sizes are variables."""

    class VariableCost(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            context = self.execution_context
            rule = _variable_rule(max_cost, context.variables or {})
            context.validation_rules = (*context.validation_rules, rule)
            yield

    return VariableCost


def _variable_rule(max_cost: int, variables: Mapping[str, Any]) -> type[ValidationRule]:
    class QueryCostWithVariables(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            if not node.variable_definitions:
                return  # its cost is the document's, checked once
            schema, document = self.context.schema, self.context.document
            index = next(i for i, definition in enumerate(document.definitions) if definition is node)
            worst = _largest_costs(schema, _Same(document))[index]
            if worst is None or worst.value <= max_cost or not worst.from_variables:
                return  # within the limit whatever the variables, or already refused by the document rule
            cost = operation_cost(schema, document, node, variables)
            if cost is not None and cost.value > max_cost:
                self.report_error(too_costly(node, cost.value, max_cost))

    return QueryCostWithVariables


class _Same:
    """A document as a cache key by identity: the parser cache gives the same text the same document object."""

    __slots__ = ("document",)

    def __init__(self, document: DocumentNode) -> None:
        self.document = document

    def __hash__(self) -> int:
        return id(self.document)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.document is self.document


@lru_cache(maxsize=CACHE_SIZE)
def _largest_costs(schema: GraphQLSchema, key: _Same) -> tuple[Cost | None, ...]:
    """Each definition's cost with every variable page size at its largest (None for fragments)."""
    document = key.document
    return tuple(
        operation_cost(schema, document, d, None) if isinstance(d, OperationDefinitionNode) else None
        for d in document.definitions
    )


def too_costly(node: OperationDefinitionNode, cost: int, max_cost: int) -> GraphQLError:
    return GraphQLError(
        f"The query costs {cost}, more than the limit of {max_cost}. "
        "Ask for smaller pages with `first`/`last`, or fewer nested lists.",
        node,
        extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "limit": max_cost},
    )


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None,
) -> Cost | None:
    """The cost of one operation; ``variables`` None counts every variable page size at its largest."""
    root = schema.get_root_type(operation.operation)
    if root is None:
        return None
    defaults = {
        d.variable.name.value: int(d.default_value.value)
        for d in operation.variable_definitions or ()
        if isinstance(d.default_value, IntValueNode)
    }
    walk = _Walk(schema, _fragments(document), variables, defaults)
    value = walk.cost(operation.selection_set, root, frozenset())
    return Cost(value, walk.from_variables)


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


class _Walk:
    """One walk over an operation, counting its cost."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any] | None,
        defaults: Mapping[str, int],
    ) -> None:
        self.schema, self.fragments, self.variables, self.defaults = schema, fragments, variables, defaults
        self.from_variables = False

    def cost(self, selections: SelectionSetNode | None, parent: Any, seen: frozenset[str]) -> int:
        if selections is None or not isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)):
            return 0
        total = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                field = parent.fields.get(selection.name.value)
                if field is None:
                    continue  # unknown fields are reported by the standard rules
                child = get_named_type(field.type)
                total += 1 + self.multiplier(selection, field) * self.cost(selection.selection_set, child, seen)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.cost(selection.selection_set, target, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue  # cycles are reported by the standard rules
                target = self.schema.get_type(fragment.type_condition.name.value)
                total += self.cost(fragment.selection_set, target, seen | {name})
        return total

    def multiplier(self, node: FieldNode, field: Any) -> int:
        if any(name in field.args for name in PAGE_ARGUMENTS):
            sizes = [self.size(arg.value) for arg in node.arguments or () if arg.name.value in PAGE_ARGUMENTS]
            given = [size for size in sizes if size is not None]
            return max(given) if given else MAX_PAGE_SIZE
        field_type = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
        if isinstance(field_type, GraphQLList) and node.name.value not in PAGE_FIELDS:
            return LIST_ESTIMATE
        return 1

    def size(self, value: Any) -> int | None:
        """A page size written in the query or given by a variable; None when there is none (the default size)."""
        if isinstance(value, IntValueNode):
            return _page_size(int(value.value))
        if not isinstance(value, VariableNode):
            return None
        self.from_variables = True
        name = value.name.value
        if self.variables is None:
            return MAX_PAGE_SIZE
        given = self.variables.get(name, self.defaults.get(name))
        if isinstance(given, bool) or not isinstance(given, int):
            return None  # null or absent: the default page size; any other value is refused before execution
        return _page_size(given)


def _page_size(value: int) -> int:
    """A page size as it costs: outside 0 to the maximum it is refused when the field runs, before any item."""
    return min(max(value, 0), MAX_PAGE_SIZE)
