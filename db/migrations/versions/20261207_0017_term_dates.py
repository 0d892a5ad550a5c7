"""Term dates: the stretches of term time of each academic year, regional, an authority's or a school's.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "term_period",
        sa.Column("academic_year", sa.Integer(), nullable=False),
        sa.Column("authority_id", sa.Integer(), nullable=True),
        sa.Column("establishment_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("set_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("set_by", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("authority_id IS NULL OR establishment_id IS NULL", name=op.f("ck_term_period_one_owner")),
        sa.CheckConstraint("first_day <= last_day", name=op.f("ck_term_period_days_ordered")),
        sa.ForeignKeyConstraint(
            ["authority_id"], ["authority.id"], name=op.f("fk_term_period_authority_id_authority"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishment.id"],
            name=op.f("fk_term_period_establishment_id_establishment"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term_period")),
    )
    with op.batch_alter_table("term_period", schema=None) as batch_op:
        batch_op.create_index(
            "ix_term_period_calendar", ["academic_year", "authority_id", "establishment_id", "first_day"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("term_period", schema=None) as batch_op:
        batch_op.drop_index("ix_term_period_calendar")

    op.drop_table("term_period")
