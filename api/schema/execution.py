"""A shorter path through the executor for plain scalar fields.

Most fields of a page are plain values read off an object: a reference, a date, a
fee in pence. graphql-core resolves each through the general path anyway: it
builds a resolve-info object, calls strawberry's resolver wrapper, checks for an
awaitable and dispatches on the return type, about ten Python calls for one
``getattr``. For a page of 50 call-offs that is over a thousand fields.

At schema build, each field that strawberry resolves by plain attribute access
(no resolver, no field extensions, no arguments) and whose type is a scalar or an
enum is marked with the attribute it reads. The executor answers a marked field by
reading the attribute and coercing it with the field's own type, exactly as the
general path would. Anything else (a null, a value the type refuses, an attribute
that raises) goes through the general path, which reports it as before.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema, Undefined, get_nullable_type, is_leaf_type
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

MARK = "plain_leaf"
"""The attribute set on a marked ``GraphQLField``: (Python attribute name, leaf type)."""


def mark_plain_leaves(schema: GraphQLSchema) -> int:
    """Mark the plain scalar and enum fields of every object type; return how many."""
    marked = 0
    for named in schema.type_map.values():
        if not isinstance(named, GraphQLObjectType) or named.name.startswith("__"):
            continue
        for field in named.fields.values():
            definition = (field.extensions or {}).get("strawberry-definition")
            leaf = get_nullable_type(field.type)
            if (
                definition is not None
                and definition.is_basic_field
                and definition.default_resolver is getattr
                and not field.args
                and getattr(field.resolve, "_is_default", False)
                and is_leaf_type(leaf)
            ):
                setattr(field, MARK, (definition.python_name, leaf))
                marked += 1
    return marked


class PlainLeafExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, answering marked fields without the general path."""

    def execute_field(  # type: ignore[override]
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any,
    ) -> Any:
        node = field_details_list[0].node
        field_def = self.schema.get_field(parent_type, node.name.value)
        plain = getattr(field_def, MARK, None)
        if plain is not None and not node.arguments:
            attribute, leaf = plain
            try:
                value = getattr(source, attribute)
                if value is not None:
                    coerced = leaf.coerce_output_value(value)
                    if coerced is not None and coerced is not Undefined:
                        return coerced
            except Exception:  # noqa: BLE001, S110 - the general path below reports it as it always has
                pass
        return super().execute_field(parent_type, source, field_details_list, path, position_context)
