"""Shorter paths through the executor for plain scalar fields and plain resolvers.

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

A field with a resolver of its own is given a direct resolver when nothing need
sit between graphql-core and that function: no field extensions (permissions
are extensions, so every field that declares access keeps strawberry's path),
no arguments to convert, and a function asking for nothing but ``self`` and
``info`` (the schema declares no exception handlers). Strawberry would convert
no arguments and run no extensions there, only call the function through a few
layers of wrappers; the direct resolver calls it with the same ``self`` and the
same ``Info``, and graphql-core handles what it returns as before (awaiting an
awaitable). Middleware of schema extensions still wraps it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    Undefined,
    get_nullable_type,
    is_leaf_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField
from strawberry.types.info import Info

MARK = "plain_leaf"
"""The attribute set on a marked ``GraphQLField``: (Python attribute name, leaf type)."""


def _object_fields(schema: GraphQLSchema) -> Iterator[tuple[GraphQLField, Any]]:
    """Every field of every object type of ours (not introspection's), with strawberry's definition of it."""
    for named in schema.type_map.values():
        if isinstance(named, GraphQLObjectType) and not named.name.startswith("__"):
            for field in named.fields.values():
                yield field, (field.extensions or {}).get("strawberry-definition")


def mark_plain_leaves(schema: GraphQLSchema) -> int:
    """Mark the plain scalar and enum fields of every object type; return how many."""
    marked = 0
    for field, definition in _object_fields(schema):
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


def direct_resolver(definition: StrawberryField, info_class: type[Info] = Info) -> Callable[..., Any] | None:
    """A resolver calling the field's own function as strawberry would; None when strawberry must mediate."""
    resolver = definition.base_resolver
    if (
        resolver is None
        or definition.extensions
        or definition.arguments
        or resolver.parent_parameter is not None
        or resolver.root_parameter is not None
    ):
        return None
    function = resolver.wrapped_func
    takes_self = resolver.self_parameter is not None
    info_name = resolver.info_parameter.name if resolver.info_parameter is not None else None

    if info_name is None:

        def resolve_plain(source: Any, info: GraphQLResolveInfo) -> Any:
            return function(source) if takes_self else function()

        return resolve_plain

    def resolve(source: Any, info: GraphQLResolveInfo) -> Any:
        kwargs = {info_name: info_class(_raw_info=info, _field=definition)}
        return function(source, **kwargs) if takes_self else function(**kwargs)

    return resolve


def mark_direct_resolvers(schema: GraphQLSchema, *, info_class: type[Info] = Info) -> int:
    """Give every field whose function strawberry need not mediate a direct resolver; return how many."""
    marked = 0
    for field, definition in _object_fields(schema):
        if isinstance(definition, StrawberryField) and not field.args:
            direct = direct_resolver(definition, info_class)
            if direct is not None:
                field.resolve = direct
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
