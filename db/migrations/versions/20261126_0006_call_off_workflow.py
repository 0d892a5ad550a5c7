"""call-off workflow

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 02:27:49.789195
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('recipient_type', sa.String(length=40), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('subject_type', sa.String(length=40), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('sent_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification'))
    )
    op.create_index('ix_notification_pending', 'notification', ['sent_at', 'id'], unique=False)
    with op.batch_alter_table("call_off") as batch:
        batch.add_column(sa.Column("awarded_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("award_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("award_working", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("membership_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("end_reason", sa.Text(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_call_off_membership_id_lot_membership"),
            "lot_membership",
            ["membership_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    with op.batch_alter_table("fee_amendment") as batch:
        batch.add_column(sa.Column("approved_by", sa.String(length=100), nullable=True))
    with op.batch_alter_table("offer") as batch:
        batch.add_column(sa.Column("quality_answers", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("exceeds_rate_card", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("justification", sa.Text(), nullable=True))
        batch.add_column(sa.Column("quality_score", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("quality_scored_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("quality_scored_by", sa.String(length=100), nullable=True))
    op.execute("UPDATE offer SET quality_answers = '[]'")
    with op.batch_alter_table("offer") as batch:
        batch.alter_column("quality_answers", existing_type=sa.JSON(), nullable=False)
        batch.create_check_constraint(
            op.f("ck_offer_excess_is_justified"), "NOT exceeds_rate_card OR justification IS NOT NULL"
        )
        batch.create_check_constraint(
            op.f("ck_offer_quality_score_range"), "quality_score IS NULL OR quality_score BETWEEN 0 AND 100"
        )
        batch.create_check_constraint(
            op.f("ck_offer_quality_score_dated"), "(quality_score IS NULL) = (quality_scored_at IS NULL)"
        )
    with op.batch_alter_table("referral") as batch:
        batch.add_column(sa.Column("nc_year_at_start", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("quality_questions", sa.JSON(), nullable=True))
    op.execute("UPDATE referral SET quality_questions = '[]'")
    with op.batch_alter_table("referral") as batch:
        batch.alter_column("quality_questions", existing_type=sa.JSON(), nullable=False)
        batch.create_check_constraint(
            op.f("ck_referral_nc_year_range"), "nc_year_at_start IS NULL OR nc_year_at_start BETWEEN -2 AND 14"
        )


def downgrade() -> None:
    with op.batch_alter_table("referral") as batch:
        batch.drop_constraint(op.f("ck_referral_nc_year_range"), type_="check")
        batch.drop_column("quality_questions")
        batch.drop_column("nc_year_at_start")
    with op.batch_alter_table("offer") as batch:
        batch.drop_constraint(op.f("ck_offer_quality_score_dated"), type_="check")
        batch.drop_constraint(op.f("ck_offer_quality_score_range"), type_="check")
        batch.drop_constraint(op.f("ck_offer_excess_is_justified"), type_="check")
        batch.drop_column("quality_scored_by")
        batch.drop_column("quality_scored_at")
        batch.drop_column("quality_score")
        batch.drop_column("justification")
        batch.drop_column("exceeds_rate_card")
        batch.drop_column("quality_answers")
    with op.batch_alter_table("fee_amendment") as batch:
        batch.drop_column("approved_by")
    with op.batch_alter_table("call_off") as batch:
        batch.drop_constraint(op.f("fk_call_off_membership_id_lot_membership"), type_="foreignkey")
        batch.drop_column("end_reason")
        batch.drop_column("membership_id")
        batch.drop_column("award_working")
        batch.drop_column("award_reason")
        batch.drop_column("awarded_by")
    op.drop_index("ix_notification_pending", table_name="notification")
    op.drop_table("notification")
