"""Built-in identities: users, OAuth clients, authorization codes, refresh tokens and sign-in throttling.

Secrets are never stored in the clear: passwords and client secrets as
argon2 hashes, authorization codes and refresh tokens as SHA-256 hashes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Integer, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, Identified, enum_type, unique_where
from db.enums import UserRole

_AUTHORITY_ROLES = "'AUTHORITY_COMMISSIONER', 'AUTHORITY_ANALYST', 'AUTHORITY_FINANCE'"


def _tenancy_checks() -> tuple[CheckConstraint, ...]:
    """Who a role acts for: authority roles need an authority, provider users a provider."""
    return (
        CheckConstraint(
            f"role NOT IN ({_AUTHORITY_ROLES}) OR authority_id IS NOT NULL", name="authority_role_has_authority"
        ),
        CheckConstraint("role <> 'PROVIDER_USER' OR provider_id IS NOT NULL", name="provider_user_has_provider"),
        CheckConstraint("provider_id IS NULL OR role = 'PROVIDER_USER'", name="provider_only_for_provider_users"),
        CheckConstraint("authority_id IS NULL OR provider_id IS NULL", name="single_tenancy"),
    )


def _board_checks() -> tuple[CheckConstraint, ...]:
    """An integrated care board's people act for their board, and for no authority or provider."""
    return (
        CheckConstraint(
            "(role = 'ICB_COMMISSIONER') = (integrated_care_board_id IS NOT NULL)", name="board_role_has_board"
        ),
        CheckConstraint(
            "role <> 'ICB_COMMISSIONER' OR (authority_id IS NULL AND provider_id IS NULL)", name="board_only"
        ),
    )


class User(Aggregate, Base):
    """A person who signs in to the built-in authorization server.

    The role and tenancy become the claims of the access tokens issued to them.
    """

    __tablename__ = "user_account"
    __table_args__ = (
        *_tenancy_checks(),
        *_board_checks(),
        CheckConstraint(
            "password_hash IS NOT NULL OR invitation_token_hash IS NOT NULL", name="password_or_invitation"
        ),
        CheckConstraint("NOT is_provider_admin OR role = 'PROVIDER_USER'", name="provider_admins_are_provider_users"),
        CheckConstraint("email = lower(email)", name="email_lower_case"),
        CheckConstraint("email_verified_at IS NULL OR email IS NOT NULL", name="verified_email_exists"),
        # An address belongs to the one account that proved it: unverified copies do not block anyone.
        unique_where("uq_user_account_verified_email", "email", where="email_verified_at IS NOT NULL"),
    )

    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    is_provider_admin: Mapped[bool] = mapped_column(Boolean, server_default=false(), default=False)
    invitation_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    invitation_expires_at: Mapped[dt.datetime | None]
    invited_by: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[UserRole] = mapped_column(enum_type(UserRole))
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id", ondelete="RESTRICT"), index=True)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"), index=True)
    integrated_care_board_id: Mapped[int | None] = mapped_column(
        ForeignKey("integrated_care_board.id", ondelete="RESTRICT"), index=True
    )
    active: Mapped[bool] = mapped_column(Boolean, server_default=true(), default=True)
    # Where notifications go (api/domain/notifications.py): kept in lower case. Unique, whatever its case,
    # among verified addresses only: several accounts may claim it, and the first to follow its link owns it.
    # Nothing but the verification message is sent to it until ``email_verified_at`` is set.
    email: Mapped[str | None] = mapped_column(String(254))
    email_verified_at: Mapped[dt.datetime | None]
    email_verification_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    email_verification_expires_at: Mapped[dt.datetime | None]
    # A password reset link (api/auth/password_reset.py): only the SHA-256 of its token, and when it dies.
    password_reset_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    password_reset_expires_at: Mapped[dt.datetime | None]
    # Optional kinds of notification (reminders) the user has turned off; required ones cannot be.
    muted_kinds: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")


class OAuthClient(Aggregate, Base):
    """An application registered with the authorization server.

    Public clients (the portal) have no secret and sign users in with PKCE.
    Machine clients use client credentials and act with the role and tenancy
    stored here.
    """

    __tablename__ = "oauth_client"
    __table_args__ = (
        *_tenancy_checks(),
        CheckConstraint("is_public = (client_secret_hash IS NULL)", name="secret_unless_public"),
        CheckConstraint("role IS NULL OR NOT is_public", name="machine_clients_are_confidential"),
        CheckConstraint(
            "role IS NOT NULL OR (authority_id IS NULL AND provider_id IS NULL)", name="tenancy_needs_role"
        ),
    )

    client_id: Mapped[str] = mapped_column(String(100), unique=True)
    client_secret_hash: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    is_public: Mapped[bool] = mapped_column(Boolean, server_default=false(), default=False)
    redirect_uris: Mapped[list[str]] = mapped_column(JSON, default=list)
    grant_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    scope: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[UserRole | None] = mapped_column(enum_type(UserRole))
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id", ondelete="RESTRICT"), index=True)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"), index=True)


class AuthorizationCode(Identified, Base):
    """A single-use authorization code, bound to a client, a user, a redirect URI and a PKCE challenge."""

    __tablename__ = "oauth_authorization_code"
    __table_args__ = (
        CheckConstraint("code_challenge_method = 'S256'", name="pkce_s256"),
        CheckConstraint("auth_time < expires_at", name="expires_after_issue"),
    )

    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("oauth_client.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    redirect_uri: Mapped[str | None] = mapped_column(String(500))
    scope: Mapped[str] = mapped_column(Text)
    code_challenge: Mapped[str] = mapped_column(String(128))
    code_challenge_method: Mapped[str] = mapped_column(String(10))
    nonce: Mapped[str | None] = mapped_column(String(255))
    family: Mapped[str] = mapped_column(String(32))
    auth_time: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]


class RefreshToken(Identified, Base):
    """A refresh token, rotated on use.

    Tokens descending from one sign-in share a ``family``: presenting a
    revoked token, or reusing a code, revokes the whole family.
    """

    __tablename__ = "oauth_refresh_token"
    __table_args__ = (CheckConstraint("issued_at < expires_at", name="expires_after_issue"),)

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("oauth_client.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(Text)
    family: Mapped[str] = mapped_column(String(32), index=True)
    issued_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]


class SignInThrottle(Identified, Base):
    """Failed sign-ins, counted per account and per address, in the database every worker shares.

    ``key`` is the SHA-256 of ``account:<username>`` or ``address:<ip>``: a username that
    belongs to no one is counted exactly like a real one, and nothing typed into the
    username field (often a password, by mistake) is kept in the clear. ``blocked_until``
    is when the next attempt may be made (the back-off, or a lock); ``locked_at`` is set
    while an account is locked.
    """

    __tablename__ = "sign_in_throttle"
    __table_args__ = (
        CheckConstraint("kind IN ('account', 'address')", name="kind"),
        CheckConstraint("failures >= 0", name="failures_gte_0"),
        CheckConstraint("locked_at IS NULL OR kind = 'account'", name="only_accounts_lock"),
    )

    key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    failures: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[dt.datetime] = mapped_column(index=True)
    blocked_until: Mapped[dt.datetime | None]
    locked_at: Mapped[dt.datetime | None]
