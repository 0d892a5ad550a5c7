"""Sign-in throttling: failed sign-ins counted per account and per address, shared by every worker.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_in_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("locked_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('account', 'address')", name=op.f("ck_sign_in_throttle_kind")),
        sa.CheckConstraint("failures >= 0", name=op.f("ck_sign_in_throttle_failures_gte_0")),
        sa.CheckConstraint(
            "locked_at IS NULL OR kind = 'account'", name=op.f("ck_sign_in_throttle_only_accounts_lock")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_throttle")),
        sa.UniqueConstraint("key", name=op.f("uq_sign_in_throttle_key")),
    )
    op.create_index(op.f("ix_sign_in_throttle_last_failure_at"), "sign_in_throttle", ["last_failure_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_sign_in_throttle_last_failure_at"), table_name="sign_in_throttle")
    op.drop_table("sign_in_throttle")
