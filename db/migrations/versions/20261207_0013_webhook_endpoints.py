"""Webhook endpoints: organisations' URLs for signed events, the log of each delivery attempt, and the outbox's link.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "webhook_endpoint",
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("authority_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=True),
        sa.Column("kinds", sa.JSON(), nullable=False),
        sa.Column("secret_encrypted", sa.Text(), nullable=False),
        sa.Column("previous_secret_encrypted", sa.Text(), nullable=True),
        sa.Column("previous_secret_expires_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("secret_rotated_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("disabled_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("disabled_by", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(provider_id IS NULL) <> (authority_id IS NULL)", name=op.f("ck_webhook_endpoint_one_owner")
        ),
        sa.ForeignKeyConstraint(
            ["authority_id"],
            ["authority.id"],
            name=op.f("fk_webhook_endpoint_authority_id_authority"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["provider.id"], name=op.f("fk_webhook_endpoint_provider_id_provider"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoint")),
    )
    op.create_index("ix_webhook_endpoint_authority", "webhook_endpoint", ["authority_id", "id"], unique=False)
    op.create_index("ix_webhook_endpoint_provider", "webhook_endpoint", ["provider_id", "id"], unique=False)

    with op.batch_alter_table("notification") as batch:
        batch.add_column(sa.Column("webhook_endpoint_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_notification_webhook_endpoint_id_webhook_endpoint"),
            "webhook_endpoint",
            ["webhook_endpoint_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.create_index(op.f("ix_notification_webhook_endpoint_id"), "notification", ["webhook_endpoint_id"], unique=False)

    op.create_table(
        "webhook_delivery",
        sa.Column("endpoint_id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("attempted_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("outcome IN ('DELIVERED', 'RETRYING', 'FAILED')", name=op.f("ck_webhook_delivery_outcome")),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["webhook_endpoint.id"],
            name=op.f("fk_webhook_delivery_endpoint_id_webhook_endpoint"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notification.id"],
            name=op.f("fk_webhook_delivery_notification_id_notification"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_delivery")),
    )
    op.create_index(
        "ix_webhook_delivery_endpoint", "webhook_delivery", ["endpoint_id", "attempted_at", "id"], unique=False
    )
    op.create_index(op.f("ix_webhook_delivery_notification_id"), "webhook_delivery", ["notification_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_webhook_delivery_notification_id"), table_name="webhook_delivery")
    op.drop_index("ix_webhook_delivery_endpoint", table_name="webhook_delivery")
    op.drop_table("webhook_delivery")
    op.drop_index(op.f("ix_notification_webhook_endpoint_id"), table_name="notification")
    with op.batch_alter_table("notification") as batch:
        batch.drop_constraint(op.f("fk_notification_webhook_endpoint_id_webhook_endpoint"), type_="foreignkey")
        batch.drop_column("webhook_endpoint_id")
    op.drop_index("ix_webhook_endpoint_provider", table_name="webhook_endpoint")
    op.drop_index("ix_webhook_endpoint_authority", table_name="webhook_endpoint")
    op.drop_table("webhook_endpoint")
