"""Notification delivery: users' e-mail addresses, and the outbox as one message to one addressee.

Notifications written before delivery existed were addressed to organisations, with nobody to send
them to: they are kept, marked skipped (``NO_RECIPIENT``), so that the relay does not pick them up.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ONE_OUTCOME = (
    "(CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END) + (CASE WHEN failed_at IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN skipped_at IS NULL THEN 0 ELSE 1 END) <= 1"
)


_VERIFIED = "email_verified_at IS NOT NULL"


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("email", sa.String(length=254), nullable=True))
        batch.add_column(sa.Column("email_verified_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("email_verification_token_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("email_verification_expires_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("muted_kinds", sa.JSON(), server_default="[]", nullable=False))
        batch.create_unique_constraint(
            op.f("uq_user_account_email_verification_token_hash"), ["email_verification_token_hash"]
        )
        batch.create_check_constraint(op.f("ck_user_account_email_lower_case"), "email = lower(email)")
        batch.create_check_constraint(
            op.f("ck_user_account_verified_email_exists"), "email_verified_at IS NULL OR email IS NOT NULL"
        )
    # An address is unique among verified accounts only (kept in lower case by the check above), so that
    # claiming someone's address, unverified, blocks nobody and says nothing about who has an account.
    op.create_index(
        "uq_user_account_verified_email",
        "user_account",
        ["email"],
        unique=True,
        sqlite_where=sa.text(_VERIFIED),
        postgresql_where=sa.text(_VERIFIED),
    )

    op.drop_index("ix_notification_pending", table_name="notification")
    with op.batch_alter_table("notification") as batch:
        batch.add_column(sa.Column("channel", sa.String(length=16), server_default="EMAIL", nullable=False))
        batch.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("next_attempt_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_error", sa.Text(), nullable=True))
        batch.add_column(sa.Column("provider_message_id", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("failed_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("skipped_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("skip_reason", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("read_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("dedupe_key", sa.String(length=200), nullable=True))
        batch.create_foreign_key(
            op.f("fk_notification_user_id_user_account"), "user_account", ["user_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_unique_constraint(op.f("uq_notification_dedupe_key"), ["dedupe_key"])
    op.execute("UPDATE notification SET skipped_at = created_at, skip_reason = 'NO_RECIPIENT' WHERE sent_at IS NULL")
    with op.batch_alter_table("notification") as batch:
        batch.create_check_constraint(op.f("ck_notification_channel"), "channel IN ('EMAIL', 'WEBHOOK')")
        batch.create_check_constraint(op.f("ck_notification_attempts_gte_0"), "attempts >= 0")
        batch.create_check_constraint(op.f("ck_notification_one_outcome"), _ONE_OUTCOME)
        batch.create_check_constraint(
            op.f("ck_notification_pending_until_settled"),
            "next_attempt_at IS NULL OR (sent_at IS NULL AND failed_at IS NULL AND skipped_at IS NULL)",
        )
        batch.create_check_constraint(
            op.f("ck_notification_skipped_with_reason"), "(skipped_at IS NULL) = (skip_reason IS NULL)"
        )
    op.create_index("ix_notification_due", "notification", ["next_attempt_at", "id"], unique=False)
    op.create_index("ix_notification_failed", "notification", ["failed_at", "id"], unique=False)
    op.create_index("ix_notification_subject", "notification", ["subject_type", "subject_id"], unique=False)
    op.create_index("ix_notification_recipient", "notification", ["recipient_type", "recipient_id"], unique=False)
    op.create_index(op.f("ix_notification_user_id"), "notification", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_notification_user_id"), table_name="notification")
    op.drop_index("ix_notification_recipient", table_name="notification")
    op.drop_index("ix_notification_subject", table_name="notification")
    op.drop_index("ix_notification_failed", table_name="notification")
    op.drop_index("ix_notification_due", table_name="notification")
    with op.batch_alter_table("notification") as batch:
        for name in ("skipped_with_reason", "pending_until_settled", "one_outcome", "attempts_gte_0", "channel"):
            batch.drop_constraint(op.f(f"ck_notification_{name}"), type_="check")
        batch.drop_constraint(op.f("uq_notification_dedupe_key"), type_="unique")
        batch.drop_constraint(op.f("fk_notification_user_id_user_account"), type_="foreignkey")
        for column in (
            "dedupe_key",
            "read_at",
            "skip_reason",
            "skipped_at",
            "failed_at",
            "provider_message_id",
            "last_error",
            "next_attempt_at",
            "user_id",
            "channel",
        ):
            batch.drop_column(column)
    op.create_index("ix_notification_pending", "notification", ["sent_at", "id"], unique=False)

    op.drop_index("uq_user_account_verified_email", table_name="user_account")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_constraint(op.f("ck_user_account_verified_email_exists"), type_="check")
        batch.drop_constraint(op.f("ck_user_account_email_lower_case"), type_="check")
        batch.drop_constraint(op.f("uq_user_account_email_verification_token_hash"), type_="unique")
        for column in (
            "muted_kinds",
            "email_verification_expires_at",
            "email_verification_token_hash",
            "email_verified_at",
            "email",
        ):
            batch.drop_column(column)
