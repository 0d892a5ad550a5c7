"""Schema hygiene: committed SDL, descriptions everywhere, declared access on every root field."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
)

from api.schema import schema
from api.schema.permissions import declared_access

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_matches_the_code() -> None:
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == str(schema) + "\n", "schema.graphql drifted: run `make schema` and commit it"


def _undescribed(gql: GraphQLSchema) -> list[str]:
    missing: list[str] = []
    for name, type_ in gql.type_map.items():
        if name.startswith("__"):
            continue
        if not type_.description:
            missing.append(name)
        if isinstance(type_, (GraphQLObjectType, GraphQLInterfaceType)):
            for field_name, f in type_.fields.items():
                if not f.description:
                    missing.append(f"{name}.{field_name}")
                missing += [f"{name}.{field_name}({a})" for a, arg in f.args.items() if not arg.description]
        elif isinstance(type_, GraphQLInputObjectType):
            missing += [f"{name}.{f}" for f, v in type_.fields.items() if not v.description]
        elif isinstance(type_, GraphQLEnumType):
            missing += [f"{name}.{v}" for v, value in type_.values.items() if not value.description]
    for directive in gql.directives:
        if not directive.description:
            missing.append(f"@{directive.name}")
        missing += [f"@{directive.name}({a})" for a, arg in directive.args.items() if not arg.description]
    return missing


def test_everything_has_a_description() -> None:
    assert _undescribed(schema._schema) == []


def test_the_description_check_can_fail() -> None:
    from graphql import build_schema

    bare = build_schema('"Root." type Query { "Described." a(x: Int): String b: Int } enum E { X }')
    assert set(_undescribed(bare)) == {"Query.a(x)", "Query.b", "E", "E.X"}


def _root_fields() -> list[object]:
    roots = [schema.query, schema.mutation]
    return [f for root in roots if root is not None for f in root.__strawberry_definition__.fields]


def test_every_root_field_declares_its_access() -> None:
    undeclared = [f.python_name for f in _root_fields() if declared_access(f) is None]
    assert undeclared == []


def _declaration(sdl: str, returns: str) -> str:
    return next(line for line in sdl.splitlines() if line.lstrip().startswith(f"): {returns}"))


def test_access_is_printed_in_the_sdl() -> None:
    sdl = str(schema)
    assert '@access(public: false, scope: "calloffs:read"' in _declaration(sdl, "CallOffConnection!")
    assert "@access(public: true" in _declaration(sdl, "AuthorityConnection!")


def test_every_mutation_declares_its_errors_and_returns_them_as_data() -> None:
    from api.schema.mutation import declared_errors, graphql_error_types

    mutations = schema.mutation.__strawberry_definition__.fields  # type: ignore[union-attr]
    assert mutations
    gql = schema._schema.mutation_type
    for f in mutations:
        errors = declared_errors(f)
        assert errors, f"{f.python_name} declares no errors"
        union = gql.fields[f.graphql_name or schema.config.name_converter.get_graphql_name(f)].type.of_type
        members = {t.name for t in union.types}
        expected = {t.__strawberry_definition__.name for t in graphql_error_types(errors)}
        payloads = members - expected
        assert expected <= members and len(payloads) == 1, (f.python_name, members)
        assert next(iter(payloads)).endswith("Payload")
