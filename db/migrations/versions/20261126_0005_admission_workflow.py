"""admission workflow

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 01:54:21.388207
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('round_clarification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('asked_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('answered_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_by', sa.String(length=100), nullable=True),
    sa.CheckConstraint('(answer IS NULL) = (answered_at IS NULL)', name=op.f('ck_round_clarification_answer_dated')),
    sa.ForeignKeyConstraint(['provider_id'], ['provider.id'], name=op.f('fk_round_clarification_provider_id_provider'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['round_id'], ['application_round.id'], name=op.f('fk_round_clarification_round_id_application_round'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_clarification'))
    )
    op.create_index(op.f('ix_round_clarification_round_id'), 'round_clarification', ['round_id'], unique=False)
    op.create_table('round_schedule_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('before', sa.JSON(), nullable=False),
    sa.Column('after', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['application_round.id'], name=op.f('fk_round_schedule_change_round_id_application_round'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_schedule_change'))
    )
    op.create_index(op.f('ix_round_schedule_change_round_id'), 'round_schedule_change', ['round_id'], unique=False)
    op.create_table('moderation',
    sa.Column('bid_lot_id', sa.Integer(), nullable=False),
    sa.Column('moderator_ref', sa.String(length=100), nullable=False),
    sa.Column('moderated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('passed_selection', sa.Boolean(), nullable=False),
    sa.Column('score', sa.Numeric(precision=5, scale=2, asdecimal=False), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint('passed_selection OR score IS NULL', name=op.f('ck_moderation_failed_selection_has_no_score')),
    sa.CheckConstraint('score IS NULL OR score BETWEEN 0 AND 100', name=op.f('ck_moderation_score_range')),
    sa.ForeignKeyConstraint(['bid_lot_id'], ['bid_lot.id'], name=op.f('fk_moderation_bid_lot_id_bid_lot'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation')),
    sa.UniqueConstraint('bid_lot_id', name=op.f('uq_moderation_bid_lot_id'))
    )
    op.create_table('moderated_score',
    sa.Column('moderation_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 0 AND 5', name=op.f('ck_moderated_score_score_range')),
    sa.ForeignKeyConstraint(['moderation_id'], ['moderation.id'], name=op.f('fk_moderated_score_moderation_id_moderation'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['question_id'], ['round_question.id'], name=op.f('fk_moderated_score_question_id_round_question'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('moderation_id', 'question_id', name=op.f('pk_moderated_score'))
    )
    with op.batch_alter_table("bid_lot") as batch:
        batch.add_column(sa.Column("feedback", sa.Text(), nullable=True))
    op.execute("UPDATE bid_lot SET feedback = '' WHERE decision IS NOT NULL")
    with op.batch_alter_table("bid_lot") as batch:
        batch.create_check_constraint(
            op.f("ck_bid_lot_decision_has_feedback"), "decision IS NULL OR feedback IS NOT NULL"
        )
    with op.batch_alter_table("criterion_score") as batch:
        batch.add_column(sa.Column("passed", sa.Boolean(), nullable=True))
        batch.alter_column("score", existing_type=sa.Integer(), nullable=True)
        batch.drop_constraint(op.f("ck_criterion_score_score_range"), type_="check")
        batch.create_check_constraint(op.f("ck_criterion_score_score_range"), "score IS NULL OR score BETWEEN 0 AND 5")
        batch.create_check_constraint(op.f("ck_criterion_score_scored_or_marked"), "(score IS NULL) <> (passed IS NULL)")
    with op.batch_alter_table("evaluation") as batch:
        batch.drop_constraint(op.f("ck_evaluation_moderated_score_range"), type_="check")
        batch.drop_column("moderated_score")
        batch.drop_column("moderated_at")
    with op.batch_alter_table("lot_membership") as batch:
        batch.add_column(sa.Column("suspended_until", sa.Date(), nullable=True))
        batch.add_column(sa.Column("removal_reason", sa.Text(), nullable=True))
    op.execute("UPDATE lot_membership SET suspension_reason = 'Suspended.' WHERE suspended_at IS NOT NULL AND suspension_reason IS NULL")
    op.execute("UPDATE lot_membership SET removal_reason = 'Removed.' WHERE removed_at IS NOT NULL")
    with op.batch_alter_table("lot_membership") as batch:
        batch.create_check_constraint(
            op.f("ck_lot_membership_suspension_has_reason"), "(suspended_at IS NULL) = (suspension_reason IS NULL)"
        )
        batch.create_check_constraint(
            op.f("ck_lot_membership_suspension_end_needs_suspension"),
            "suspended_until IS NULL OR suspended_at IS NOT NULL",
        )
        batch.create_check_constraint(
            op.f("ck_lot_membership_removal_has_reason"), "(removed_at IS NULL) = (removal_reason IS NULL)"
        )
    with op.batch_alter_table("provider") as batch:
        batch.add_column(sa.Column("status_reason", sa.Text(), nullable=True))
    op.execute("UPDATE provider SET status_reason = 'Recorded before reasons were kept.' WHERE status <> 'ACTIVE'")
    with op.batch_alter_table("provider") as batch:
        batch.create_check_constraint(
            op.f("ck_provider_status_change_has_reason"), "status = 'ACTIVE' OR status_reason IS NOT NULL"
        )
    with op.batch_alter_table("purchasing_system") as batch:
        batch.add_column(sa.Column("decision_period_days", sa.Integer(), server_default="10", nullable=False))
        batch.create_check_constraint(
            op.f("ck_purchasing_system_decision_period_range"), "decision_period_days BETWEEN 1 AND 90"
        )
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("is_provider_admin", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("invitation_token_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("invitation_expires_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("invited_by", sa.String(length=100), nullable=True))
        batch.alter_column("password_hash", existing_type=sa.String(length=200), nullable=True)
        batch.create_unique_constraint(op.f("uq_user_account_invitation_token_hash"), ["invitation_token_hash"])
        batch.create_check_constraint(
            op.f("ck_user_account_password_or_invitation"),
            "password_hash IS NOT NULL OR invitation_token_hash IS NOT NULL",
        )
        batch.create_check_constraint(
            op.f("ck_user_account_provider_admins_are_provider_users"),
            "NOT is_provider_admin OR role = 'PROVIDER_USER'",
        )


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.drop_constraint(op.f("ck_user_account_provider_admins_are_provider_users"), type_="check")
        batch.drop_constraint(op.f("ck_user_account_password_or_invitation"), type_="check")
        batch.drop_constraint(op.f("uq_user_account_invitation_token_hash"), type_="unique")
        batch.alter_column("password_hash", existing_type=sa.String(length=200), nullable=False)
        batch.drop_column("invited_by")
        batch.drop_column("invitation_expires_at")
        batch.drop_column("invitation_token_hash")
        batch.drop_column("is_provider_admin")
    with op.batch_alter_table("purchasing_system") as batch:
        batch.drop_constraint(op.f("ck_purchasing_system_decision_period_range"), type_="check")
        batch.drop_column("decision_period_days")
    with op.batch_alter_table("provider") as batch:
        batch.drop_constraint(op.f("ck_provider_status_change_has_reason"), type_="check")
        batch.drop_column("status_reason")
    with op.batch_alter_table("lot_membership") as batch:
        batch.drop_constraint(op.f("ck_lot_membership_removal_has_reason"), type_="check")
        batch.drop_constraint(op.f("ck_lot_membership_suspension_end_needs_suspension"), type_="check")
        batch.drop_constraint(op.f("ck_lot_membership_suspension_has_reason"), type_="check")
        batch.drop_column("removal_reason")
        batch.drop_column("suspended_until")
    with op.batch_alter_table("evaluation") as batch:
        batch.add_column(sa.Column("moderated_at", db.base.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("moderated_score", sa.Numeric(precision=5, scale=2), nullable=True))
        batch.create_check_constraint(
            op.f("ck_evaluation_moderated_score_range"),
            "moderated_score IS NULL OR moderated_score BETWEEN 0 AND 100",
        )
    op.execute("DELETE FROM criterion_score WHERE score IS NULL")
    with op.batch_alter_table("criterion_score") as batch:
        batch.drop_constraint(op.f("ck_criterion_score_scored_or_marked"), type_="check")
        batch.drop_constraint(op.f("ck_criterion_score_score_range"), type_="check")
        batch.create_check_constraint(op.f("ck_criterion_score_score_range"), "score BETWEEN 0 AND 5")
        batch.alter_column("score", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("passed")
    with op.batch_alter_table("bid_lot") as batch:
        batch.drop_constraint(op.f("ck_bid_lot_decision_has_feedback"), type_="check")
        batch.drop_column("feedback")
    op.drop_table("moderated_score")
    op.drop_table("moderation")
    op.drop_index(op.f("ix_round_schedule_change_round_id"), table_name="round_schedule_change")
    op.drop_table("round_schedule_change")
    op.drop_index(op.f("ix_round_clarification_round_id"), table_name="round_clarification")
    op.drop_table("round_clarification")
