"""Password reset: a user's one-time reset link, kept as the SHA-256 of its token and when it expires.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("password_reset_token_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("password_reset_expires_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.create_unique_constraint(op.f("uq_user_account_password_reset_token_hash"), ["password_reset_token_hash"])


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.drop_constraint(op.f("uq_user_account_password_reset_token_hash"), type_="unique")
        batch.drop_column("password_reset_expires_at")
        batch.drop_column("password_reset_token_hash")
