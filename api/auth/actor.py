"""Who is asking: the actor behind a request, with roles, scopes and tenancy."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Role(str, enum.Enum):
    """What a person or machine client does in the purchasing system."""

    LEAD_ADMIN = "LEAD_ADMIN"
    EVALUATOR = "EVALUATOR"
    AUTHORITY_COMMISSIONER = "AUTHORITY_COMMISSIONER"
    AUTHORITY_ANALYST = "AUTHORITY_ANALYST"
    PROVIDER_USER = "PROVIDER_USER"
    AUDITOR = "AUDITOR"


ROLE_DESCRIPTIONS: dict[Role, str] = {
    Role.LEAD_ADMIN: "The lead authority's procurement team: runs the system, rounds and evaluation.",
    Role.EVALUATOR: "Scores the bids of rounds they are assigned to, after the round closes.",
    Role.AUTHORITY_COMMISSIONER: "Places children for one authority: referrals, call-offs and reviews.",
    Role.AUTHORITY_ANALYST: "Reads one authority's data and the suppressed regional aggregates.",
    Role.PROVIDER_USER: "Works for one provider: establishments, bids, offers and outcome reports.",
    Role.AUDITOR: "Reads everything, including the audit trail, and changes nothing.",
}

AUTHORITY_ROLES = frozenset({Role.AUTHORITY_COMMISSIONER, Role.AUTHORITY_ANALYST})


@dataclass(frozen=True)
class Actor:
    """The caller of one request. Anonymous callers have no subject and no roles."""

    subject: str | None = None
    roles: frozenset[Role] = field(default_factory=frozenset)
    scopes: frozenset[str] = field(default_factory=frozenset)
    authority_id: int | None = None
    provider_id: int | None = None
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
