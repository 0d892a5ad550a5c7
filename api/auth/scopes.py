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
    "notifications:read",
    "funding:read",
    "invoices:read",
)

INBOX_SCOPES = ("inbox:read", "inbox:write")
"""A person's own messages and which kinds are e-mailed to them: every role that has people has them."""

WEBHOOK_SCOPES = ("webhooks:read", "webhooks:write")
"""An organisation's webhook endpoints: its commissioners, or a provider's administrators."""

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
        "uplifts:write",
        "calloffs:write",  # a lot's phase ages (setPhaseEndAges); every other call-off change is a commissioner's
        *INBOX_SCOPES,
    ),
    Role.EVALUATOR: ("bids:read", "documents:read", "evaluations:write", *INBOX_SCOPES),
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
        "funding:read",
        "funding:write",
        "invoices:read",
        "invoices:write",
        "uplifts:write",
        *INBOX_SCOPES,
        *WEBHOOK_SCOPES,
    ),
    Role.AUTHORITY_ANALYST: (
        "referrals:read",
        "offers:read",
        "calloffs:read",
        "reports:read",
        "documents:read",
        "analytics:read",
        "funding:read",
        "invoices:read",
        *INBOX_SCOPES,
    ),
    Role.AUTHORITY_FINANCE: (
        "calloffs:read",
        "funding:read",
        "invoices:read",
        "invoices:write",
        "documents:read",
        *INBOX_SCOPES,
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
        "invoices:read",
        "invoices:write",
        "uplifts:write",
        "calloffs:write",  # notice to end its own placements (giveNotice); every other call-off change is the council's
        *INBOX_SCOPES,
        *WEBHOOK_SCOPES,  # used by the provider's administrators only (checked against the user)
    ),
    Role.AUDITOR: (*READ_SCOPES, *INBOX_SCOPES),  # notifications:read included, with the lead admin's
    Role.ICB_COMMISSIONER: ("calloffs:read", "funding:read", "funding:write", *INBOX_SCOPES),
}


ALL_SCOPES: tuple[str, ...] = tuple(sorted({scope for scopes in DEFAULT_SCOPES.values() for scope in scopes}))


def scopes_for(role: Role) -> tuple[str, ...]:
    """The scopes a token for ``role`` carries by default."""
    return DEFAULT_SCOPES[role]
