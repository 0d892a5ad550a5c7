"""document verification and audit chain

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 01:37:45.021540
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_event") as batch:
        batch.create_unique_constraint(op.f("uq_audit_event_previous_hash"), ["previous_hash"])
    with op.batch_alter_table("document") as batch:
        batch.add_column(sa.Column("upload_expires_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("rejected_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("rejection_reason", sa.Text(), nullable=True))
    op.execute("UPDATE document SET upload_expires_at = created_at")
    with op.batch_alter_table("document") as batch:
        batch.alter_column("upload_expires_at", existing_type=db.base.UTCDateTime(timezone=True), nullable=False)
        batch.create_check_constraint(op.f("ck_document_verified_or_rejected"), "uploaded_at IS NULL OR rejected_at IS NULL")
        batch.create_check_constraint(
            op.f("ck_document_rejection_has_reason"), "(rejected_at IS NULL) = (rejection_reason IS NULL)"
        )
        batch.create_check_constraint(
            op.f("ck_document_superseded_only_after_upload"), "superseded_at IS NULL OR uploaded_at IS NOT NULL"
        )
        batch.create_check_constraint(
            op.f("ck_document_not_its_own_version"), "version_of_id IS NULL OR version_of_id <> id"
        )
    op.create_index(
        "uq_document_one_successor",
        "document",
        ["version_of_id"],
        unique=True,
        sqlite_where=sa.text("rejected_at IS NULL"),
        postgresql_where=sa.text("rejected_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_document_one_successor", table_name="document")
    with op.batch_alter_table("document") as batch:
        batch.drop_constraint(op.f("ck_document_not_its_own_version"), type_="check")
        batch.drop_constraint(op.f("ck_document_superseded_only_after_upload"), type_="check")
        batch.drop_constraint(op.f("ck_document_rejection_has_reason"), type_="check")
        batch.drop_constraint(op.f("ck_document_verified_or_rejected"), type_="check")
        batch.drop_column("rejection_reason")
        batch.drop_column("rejected_at")
        batch.drop_column("upload_expires_at")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_constraint(op.f("uq_audit_event_previous_hash"), type_="unique")
