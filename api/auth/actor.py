"""Who is asking: the actor behind a request, with roles, scopes and tenancy."""

from __future__ import annotations

from dataclasses import dataclass, field

from db.enums import UserRole

Role = UserRole
"""What a person or machine client does in the purchasing system (one list, kept in ``db.enums``)."""

AUTHORITY_ROLES = frozenset({Role.AUTHORITY_COMMISSIONER, Role.AUTHORITY_ANALYST})


@dataclass(frozen=True)
class Actor:
    """The caller of one request. Anonymous callers have no subject and no roles."""

    subject: str | None = None
    roles: frozenset[Role] = field(default_factory=frozenset)
    scopes: frozenset[str] = field(default_factory=frozenset)
    authority_id: int | None = None
    provider_id: int | None = None
    board_id: int | None = None
    """The integrated care board an ``ICB_COMMISSIONER`` acts for."""
    client_id: str | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.subject is not None

    def has_role(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def reference(self) -> str:
        """How the actor is named in audit records."""
        return self.subject or "anonymous"


ANONYMOUS = Actor()
