"""Both legal regimes: Procurement Act 2023 notices, excluded suppliers, standstill and reopening points.

- ``procurement_notice``: each notice of a contracting process, as the OCDS release sent to Find a Tender,
  with its publication's timestamps; the outbox's ``notification.channel`` may now be ``FIND_A_TENDER``.
- ``excluded_supplier``: the debarment list and each lead authority's excluded-supplier list.
- ``call_off.standstill_ends_at``/``entered_into_at`` (existing call-offs were entered into when awarded) and
  ``direct_award_ground``; ``referral.direct_award_ground``; ``purchasing_system.reopening_dates``.

Plain columns are added and dropped in place; on SQLite, CHECK constraints over them are written into the
stored table definition (see ``db.schema_edits``), since the tables are referred to by others.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base
from db.schema_edits import add_checks, drop_checks, replace_check, values_check

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GROUNDS = ("USER_CHOICE", "URGENCY", "SINGLE_SUPPLIER")
_CALL_OFF_CHECKS = {
    "ck_call_off_entered_after_standstill": (
        "entered_into_at IS NULL OR standstill_ends_at IS NULL OR entered_into_at >= standstill_ends_at"
    ),
    "ck_call_off_direct_award_ground": values_check("direct_award_ground", _GROUNDS),
}
_REFERRAL_CHECKS = {"ck_referral_direct_award_ground": values_check("direct_award_ground", _GROUNDS)}
_CHANNELS_BEFORE = values_check("channel", ("EMAIL", "WEBHOOK"))
_CHANNELS_AFTER = values_check("channel", ("EMAIL", "WEBHOOK", "FIND_A_TENDER"))


def upgrade() -> None:
    op.create_table(
        "excluded_supplier",
        sa.Column(
            "list",
            sa.Enum(
                "DEBARMENT",
                "EXCLUDED_SUPPLIERS",
                name="exclusion_list",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("authority_id", sa.Integer(), nullable=True),
        sa.Column(
            "scheme",
            sa.Enum(
                "GB-COH",
                "GB-CHC",
                "GB-PPON",
                name="identifier_scheme",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("identifier", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("listed_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(list = 'DEBARMENT') = (authority_id IS NULL)", name=op.f("ck_excluded_supplier_debarment_is_national")
        ),
        sa.CheckConstraint("ends_on IS NULL OR listed_on <= ends_on", name=op.f("ck_excluded_supplier_period_ordered")),
        sa.ForeignKeyConstraint(
            ["authority_id"],
            ["authority.id"],
            name=op.f("fk_excluded_supplier_authority_id_authority"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_excluded_supplier")),
    )
    with op.batch_alter_table("excluded_supplier", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_excluded_supplier_authority_id"), ["authority_id"], unique=False)
        batch_op.create_index("ix_excluded_supplier_identifier", ["scheme", "identifier"], unique=False)

    op.create_table(
        "procurement_notice",
        sa.Column(
            "notice_type",
            sa.Enum(
                "DYNAMIC_MARKET_INTENTION",
                "DYNAMIC_MARKET_ESTABLISHMENT",
                "DYNAMIC_MARKET_MODIFICATION",
                "DYNAMIC_MARKET_CESSATION",
                "TENDER",
                "TRANSPARENCY",
                "CONTRACT_AWARD",
                "CONTRACT_DETAILS",
                "PAYMENTS_COMPLIANCE",
                "CONTRACT_CHANGE",
                "CONTRACT_TERMINATION",
                name="notice_type",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("system_id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=True),
        sa.Column("call_off_id", sa.Integer(), nullable=True),
        sa.Column("ocid", sa.String(length=120), nullable=False),
        sa.Column("release_id", sa.String(length=160), nullable=False),
        sa.Column("release", sa.JSON(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("queued_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("published_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("failed_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("fts_notice_id", sa.String(length=200), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(published_at IS NULL) = (fts_notice_id IS NULL)", name=op.f("ck_procurement_notice_published_with_id")
        ),
        sa.CheckConstraint(
            "failed_at IS NULL OR queued_at IS NOT NULL", name=op.f("ck_procurement_notice_failed_after_queued")
        ),
        sa.CheckConstraint("published_at IS NULL OR failed_at IS NULL", name=op.f("ck_procurement_notice_one_outcome")),
        sa.CheckConstraint(
            "published_at IS NULL OR queued_at IS NOT NULL", name=op.f("ck_procurement_notice_published_after_queued")
        ),
        sa.ForeignKeyConstraint(
            ["call_off_id"],
            ["call_off.id"],
            name=op.f("fk_procurement_notice_call_off_id_call_off"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referral.id"],
            name=op.f("fk_procurement_notice_referral_id_referral"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["system_id"],
            ["purchasing_system.id"],
            name=op.f("fk_procurement_notice_system_id_purchasing_system"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procurement_notice")),
        sa.UniqueConstraint("release_id", name=op.f("uq_procurement_notice_release_id")),
    )
    with op.batch_alter_table("procurement_notice", schema=None) as batch_op:
        batch_op.create_index("ix_procurement_notice_call_off", ["call_off_id", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_procurement_notice_referral_id"), ["referral_id"], unique=False)
        batch_op.create_index("ix_procurement_notice_system", ["system_id", "id"], unique=False)

    op.add_column("call_off", sa.Column("standstill_ends_at", db.base.UTCDateTime(timezone=True), nullable=True))
    op.add_column("call_off", sa.Column("entered_into_at", db.base.UTCDateTime(timezone=True), nullable=True))
    op.add_column("call_off", sa.Column("direct_award_ground", sa.String(length=32), nullable=True))
    op.execute("UPDATE call_off SET entered_into_at = awarded_at")
    add_checks("call_off", _CALL_OFF_CHECKS)
    op.add_column("referral", sa.Column("direct_award_ground", sa.String(length=32), nullable=True))
    add_checks("referral", _REFERRAL_CHECKS)
    op.add_column("purchasing_system", sa.Column("reopening_dates", sa.JSON(), nullable=True))
    replace_check("notification", "ck_notification_channel", was=[_CHANNELS_BEFORE], now=_CHANNELS_AFTER)


def downgrade() -> None:
    if (
        op.get_bind()
        .exec_driver_sql("SELECT EXISTS (SELECT 1 FROM notification WHERE channel = 'FIND_A_TENDER')")
        .scalar()
    ):
        raise RuntimeError("There are notices in the outbox for Find a Tender: remove them first. Nothing was changed.")
    replace_check("notification", "ck_notification_channel", was=[_CHANNELS_AFTER], now=_CHANNELS_BEFORE)
    op.drop_column("purchasing_system", "reopening_dates")
    drop_checks("referral", list(_REFERRAL_CHECKS))
    op.drop_column("referral", "direct_award_ground")
    drop_checks("call_off", list(_CALL_OFF_CHECKS))
    op.drop_column("call_off", "direct_award_ground")
    op.drop_column("call_off", "entered_into_at")
    op.drop_column("call_off", "standstill_ends_at")
    with op.batch_alter_table("procurement_notice", schema=None) as batch_op:
        batch_op.drop_index("ix_procurement_notice_system")
        batch_op.drop_index(batch_op.f("ix_procurement_notice_referral_id"))
        batch_op.drop_index("ix_procurement_notice_call_off")
    op.drop_table("procurement_notice")
    with op.batch_alter_table("excluded_supplier", schema=None) as batch_op:
        batch_op.drop_index("ix_excluded_supplier_identifier")
        batch_op.drop_index(batch_op.f("ix_excluded_supplier_authority_id"))
    op.drop_table("excluded_supplier")
