"""A query cost limit: each field costs one, times the size of the lists around it.

A connection multiplies what is under it by its ``first``/``last`` (the
maximum page size when not given as a literal); other lists by a small
estimate. Fragments are expanded, so they cannot hide cost. Depth, aliases
and tokens are limited by strawberry's own extensions.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
)

from api.domain.queries import MAX_PAGE_SIZE

LIST_ESTIMATE = 5
PAGE_FIELDS = frozenset({"edges", "nodes"})


def cost_rule(max_cost: int) -> type[ValidationRule]:
    """A validation rule refusing operations that cost more than ``max_cost``."""

    class QueryCost(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            root = self.context.schema.get_root_type(node.operation)
            if root is None:
                return
            cost = _cost(self.context, node.selection_set, root, set())
            if cost > max_cost:
                self.report_error(
                    GraphQLError(
                        f"The query costs {cost}, more than the limit of {max_cost}. "
                        "Ask for smaller pages with `first`/`last`, or fewer nested lists.",
                        node,
                        extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "limit": max_cost},
                    )
                )

    return QueryCost


def _cost(context: ValidationContext, selections: SelectionSetNode | None, parent: Any, seen: set[str]) -> int:
    if selections is None or not isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)):
        return 0
    total = 0
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            field = parent.fields.get(selection.name.value)
            if field is None:
                continue  # unknown fields are reported by the standard rules
            child = get_named_type(field.type)
            total += 1 + _multiplier(selection, field) * _cost(context, selection.selection_set, child, seen)
        elif isinstance(selection, InlineFragmentNode):
            target = _type(context, selection.type_condition.name.value) if selection.type_condition else parent
            total += _cost(context, selection.selection_set, target, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = context.get_fragment(name)
            if fragment is None or name in seen:
                continue  # cycles are reported by the standard rules
            target = _type(context, fragment.type_condition.name.value)
            total += _cost(context, fragment.selection_set, target, seen | {name})
    return total


def _type(context: ValidationContext, name: str) -> GraphQLNamedType | None:
    return context.schema.get_type(name)


def _multiplier(node: FieldNode, field: Any) -> int:
    if "first" in field.args or "last" in field.args:
        sizes = [
            int(arg.value.value)
            for arg in node.arguments or ()
            if arg.name.value in ("first", "last") and isinstance(arg.value, IntValueNode)
        ]
        return max(sizes) if sizes else MAX_PAGE_SIZE
    field_type = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    if isinstance(field_type, GraphQLList) and node.name.value not in PAGE_FIELDS:
        return LIST_ESTIMATE
    return 1
