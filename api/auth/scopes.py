"""OAuth scopes: coarse ``resource:action`` pairs, and the default grant per role."""

from __future__ import annotations

from api.auth.actor import Role

READ_SCOPES = (
    "bids:read",
    "referrals:read",
    "offers:read",
    "calloffs:read",
    "reports:read",
    "documents:read",
    "audit:read",
    "analytics:read",
)

DEFAULT_SCOPES: dict[Role, tuple[str, ...]] = {
    Role.LEAD_ADMIN: (
        *READ_SCOPES,
        "documents:write",
        "system:write",
        "providers:write",
        "rounds:write",
        "clarifications:write",
        "evaluations:write",
        "memberships:write",
    ),
    Role.EVALUATOR: ("bids:read", "documents:read", "evaluations:write"),
    Role.AUTHORITY_COMMISSIONER: (
        "referrals:read",
        "referrals:write",
        "offers:read",
        "calloffs:read",
        "calloffs:write",
        "reports:read",
        "reports:write",
        "documents:read",
        "documents:write",
        "analytics:read",
    ),
    Role.AUTHORITY_ANALYST: (
        "referrals:read",
        "offers:read",
        "calloffs:read",
        "reports:read",
        "documents:read",
        "analytics:read",
    ),
    Role.PROVIDER_USER: (
        "bids:read",
        "referrals:read",
        "offers:read",
        "calloffs:read",
        "reports:read",
        "documents:read",
        "documents:write",
        "providers:write",
        "bids:write",
        "offers:write",
        "clarifications:write",
        "reports:write",
    ),
    Role.AUDITOR: READ_SCOPES,
}


ALL_SCOPES: tuple[str, ...] = tuple(sorted({scope for scopes in DEFAULT_SCOPES.values() for scope in scopes}))


def scopes_for(role: Role) -> tuple[str, ...]:
    """The scopes a token for ``role`` carries by default."""
    return DEFAULT_SCOPES[role]
