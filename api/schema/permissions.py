"""Declared access for every root field: who may call it, visible in the SDL.

Each root query field and mutation declares an :class:`Access`: public, or
the scope and roles it needs. The declaration is printed in the schema as
``@access(...)`` so that clients and the portal generator can read it. A
test fails if a root field has none.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.schema_directive import Location
from strawberry.types import Info

from api.resolvers.errors import ClientError
from api.schema.enums import Role


@strawberry.schema_directive(
    locations=[Location.FIELD_DEFINITION],
    name="access",
    description="Who may use this field. Rows are further limited to the caller's tenancy.",
)
class AccessDirective:
    public: bool = strawberry.field(description="Anyone may use it, without a token.")
    scope: str | None = strawberry.field(description="The OAuth scope the token must carry.")
    roles: list[Role] = strawberry.field(description="The roles that may use it; any one suffices.")


@strawberry.schema_directive(
    locations=[Location.OBJECT],
    name="readScope",
    description=(
        "Objects of this type are given only to access tokens carrying this OAuth scope, however they are "
        "reached: root lists, `node`, `nodes`, nested fields and views derived from them. Rows are further "
        "limited to the caller's tenancy."
    ),
)
class ReadScopeDirective:
    scope: str = strawberry.field(description="The OAuth scope the token must carry.")


class Access(BasePermission):
    """Grants a field to everyone, or to tokens with a scope and one of some roles."""

    def __init__(self, *, public: bool = False, scope: str | None = None, roles: frozenset[Role] = frozenset()) -> None:
        if not public and (scope is None or not roles):
            raise ValueError("a non-public field must declare a scope and at least one role")
        self.public = public
        self.scope = scope
        self.roles = frozenset(roles)
        self._schema_directive = AccessDirective(
            public=public, scope=scope, roles=sorted(self.roles, key=lambda r: r.value)
        )

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if self.public:
            return True
        actor = info.context.actor
        if not actor.is_authenticated:
            info.context.challenge("this field needs an access token")
            raise ClientError("Sign in: this field needs an access token", code="UNAUTHENTICATED")
        if self.scope not in actor.scopes:
            raise ClientError(f"The access token lacks the scope {self.scope}", code="FORBIDDEN")
        if not actor.has_role(*self.roles):
            raise ClientError("Your role may not use this field", code="FORBIDDEN")
        return True


def public() -> PermissionExtension:
    """Open to everyone: procurement transparency."""
    return PermissionExtension(permissions=[Access(public=True)])


def requires(scope: str, *roles: Role) -> PermissionExtension:
    """Needs a token with ``scope`` and one of ``roles``."""
    return PermissionExtension(permissions=[Access(scope=scope, roles=frozenset(roles))])


def declared_access(field: Any) -> Access | None:
    """The access a schema field declares, if any."""
    for extension in getattr(field, "extensions", []) or []:
        if isinstance(extension, PermissionExtension):
            for permission in extension.permissions:
                if isinstance(permission, Access):
                    return permission
    return None
