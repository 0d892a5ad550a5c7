"""The executor's shorter paths never bypass a declared permission."""

from __future__ import annotations

from graphql import GraphQLObjectType

from api.schema import build_schema
from api.schema.execution import MARK
from api.schema.permissions import declared_access


def _fields() -> list[tuple[str, object, object]]:
    schema = build_schema()._schema
    return [
        (f"{named.name}.{name}", field, (field.extensions or {}).get("strawberry-definition"))
        for named in schema.type_map.values()
        if isinstance(named, GraphQLObjectType) and not named.name.startswith("__")
        for name, field in named.fields.items()
    ]


def _is_direct(field: object) -> bool:
    return getattr(field, "resolve", None).__qualname__.startswith("direct_resolver.")  # type: ignore[union-attr]


def test_fields_that_declare_access_keep_strawberrys_path() -> None:
    fields = _fields()
    roots = [name for name, _, _ in fields if name.split(".")[0] in ("Query", "Mutation")]
    guarded = {name for name, _, definition in fields if getattr(definition, "extensions", None)}
    assert len(roots) > 50
    assert set(roots) <= guarded  # every root field and mutation declares its access (an extension)
    assert len([name for name, _, definition in fields if declared_access(definition)]) > 50
    bypassing = [name for name, field, _ in fields if name in guarded and (_is_direct(field) or hasattr(field, MARK))]
    assert bypassing == []


def test_relations_and_derived_fields_take_the_direct_path() -> None:
    direct = {name for name, field, _ in _fields() if _is_direct(field)}
    assert {"CallOff.provider", "CallOff.status", "CallOff.weeklyFees", "Bid.lots", "Match.establishment"} <= direct
    assert "Referral.matches" not in direct  # it takes arguments, which strawberry converts
