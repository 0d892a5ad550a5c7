"""Invoices: providers' invoices against call-offs, their lines, who pays what of them, and finance users.

- ``invoice``, ``invoice_line``, ``invoice_share``.
- The role ``AUTHORITY_FINANCE``, acting for one authority like its commissioners and analysts, and the
  document type ``INVOICE``: the lists of values in their CHECK constraints are widened (SQLite: the
  table's schema is rewritten in place, see ``db.schema_edits``), and narrowed back going down, which is
  refused while a finance user or an invoice document exists.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base
from db.schema_edits import replace_check, values_check

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "invoice",
        sa.Column("call_off_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("authority_id", sa.Integer(), nullable=False),
        sa.Column("provider_reference", sa.String(length=60), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("received_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("total_pence", sa.BigInteger(), nullable=False),
        sa.Column("expected_pence", sa.BigInteger(), nullable=False),
        sa.Column("submitted_by", sa.String(length=100), nullable=False),
        sa.Column("approved_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("approved_by", sa.String(length=100), nullable=True),
        sa.Column("disputed_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("disputed_by", sa.String(length=100), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("payment_reference", sa.String(length=60), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            db.base.UTCDateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            db.base.UTCDateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "(approved_at IS NULL) = (approved_by IS NULL)", name=op.f("ck_invoice_approved_by_someone")
        ),
        sa.CheckConstraint(
            "(disputed_at IS NULL) = (disputed_by IS NULL)", name=op.f("ck_invoice_disputed_by_someone")
        ),
        sa.CheckConstraint(
            "(paid_on IS NULL) = (payment_reference IS NULL)", name=op.f("ck_invoice_payment_has_reference")
        ),
        sa.CheckConstraint("approved_at IS NULL OR disputed_at IS NULL", name=op.f("ck_invoice_approved_or_disputed")),
        sa.CheckConstraint("paid_on IS NULL OR approved_at IS NOT NULL", name=op.f("ck_invoice_paid_once_approved")),
        sa.CheckConstraint("period_start <= period_end", name=op.f("ck_invoice_period_ordered")),
        sa.CheckConstraint("total_pence >= 0 AND expected_pence >= 0", name=op.f("ck_invoice_amounts_gte_0")),
        sa.ForeignKeyConstraint(
            ["authority_id"], ["authority.id"], name=op.f("fk_invoice_authority_id_authority"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["call_off_id"], ["call_off.id"], name=op.f("fk_invoice_call_off_id_call_off"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["provider.id"], name=op.f("fk_invoice_provider_id_provider"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice")),
        sa.UniqueConstraint(
            "provider_id", "provider_reference", name=op.f("uq_invoice_provider_id_provider_reference")
        ),
    )
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoice_authority_id"), ["authority_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoice_call_off_id"), ["call_off_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoice_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoice_provider_id"), ["provider_id"], unique=False)

    op.create_table(
        "invoice_line",
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "element",
            sa.Enum(
                "EDUCATION",
                "CARE",
                "HEALTH",
                "THERAPIES",
                "ADDITIONAL_STAFFING",
                name="cost_element",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("quantity", sa.Numeric(precision=9, scale=2), nullable=False),
        sa.Column(
            "unit",
            sa.Enum("DAY", "WEEK", name="invoice_unit", native_enum=False, create_constraint=True, length=32),
            nullable=False,
        ),
        sa.Column("rate_pence", sa.BigInteger(), nullable=False),
        sa.Column("amount_pence", sa.BigInteger(), nullable=False),
        sa.Column("expected_pence", sa.BigInteger(), nullable=False),
        sa.Column("dispute_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("expected_pence >= 0", name=op.f("ck_invoice_line_expected_gte_0")),
        sa.CheckConstraint(
            "quantity >= 0 AND rate_pence >= 0 AND amount_pence >= 0", name=op.f("ck_invoice_line_amounts_gte_0")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoice.id"], name=op.f("fk_invoice_line_invoice_id_invoice"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_line")),
        sa.UniqueConstraint("invoice_id", "element", name=op.f("uq_invoice_line_invoice_id_element")),
        sa.UniqueConstraint("invoice_id", "position", name=op.f("uq_invoice_line_invoice_id_position")),
    )
    with op.batch_alter_table("invoice_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoice_line_invoice_id"), ["invoice_id"], unique=False)

    op.create_table(
        "invoice_share",
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "stream",
            sa.Enum(
                "EDUCATION",
                "SOCIAL_CARE",
                "HEALTH",
                name="funding_stream",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("authority_id", sa.Integer(), nullable=True),
        sa.Column("integrated_care_board_id", sa.Integer(), nullable=True),
        sa.Column("amount_pence", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(stream = 'HEALTH') = (integrated_care_board_id IS NOT NULL)",
            name=op.f("ck_invoice_share_health_from_a_board"),
        ),
        sa.CheckConstraint("amount_pence >= 0", name=op.f("ck_invoice_share_amount_gte_0")),
        sa.ForeignKeyConstraint(
            ["authority_id"],
            ["authority.id"],
            name=op.f("fk_invoice_share_authority_id_authority"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["integrated_care_board_id"],
            ["integrated_care_board.id"],
            name=op.f("fk_invoice_share_integrated_care_board_id_integrated_care_board"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoice.id"], name=op.f("fk_invoice_share_invoice_id_invoice"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_share")),
        sa.UniqueConstraint("invoice_id", "position", name=op.f("uq_invoice_share_invoice_id_position")),
    )
    with op.batch_alter_table("invoice_share", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoice_share_invoice_id"), ["invoice_id"], unique=False)
    _widen(after=True)


_ROLES = ("LEAD_ADMIN", "EVALUATOR", "AUTHORITY_COMMISSIONER", "AUTHORITY_ANALYST", "PROVIDER_USER", "AUDITOR")
_BOARD = ("ICB_COMMISSIONER",)
_FINANCE = ("AUTHORITY_FINANCE",)
_AUTHORITY_ROLES = ("AUTHORITY_COMMISSIONER", "AUTHORITY_ANALYST")
_DOCUMENTS = (
    "SPECIFICATION",
    "INSURANCE",
    "SAFEGUARDING_POLICY",
    "OFSTED_REPORT",
    "EVALUATION_REPORT",
    "SIGNED_IPA",
    "OUTCOME_EVIDENCE",
    "OTHER",
)


def _widen(*, after: bool) -> None:
    """Allow the finance role and invoice documents (``after``), or no longer."""
    roles = (_ROLES + _FINANCE + _BOARD, _ROLES + _BOARD)
    authority_roles = (_AUTHORITY_ROLES + _FINANCE, _AUTHORITY_ROLES)
    documents = (_DOCUMENTS[:-1] + ("INVOICE", "OTHER"), _DOCUMENTS)
    new, old = (0, 1) if after else (1, 0)
    for table in ("user_account", "oauth_client"):
        replace_check(
            table,
            f"ck_{table}_user_role",
            was=[values_check("role", roles[old])],
            now=values_check("role", roles[new]),
        )
        has_authority = "{} OR authority_id IS NOT NULL"
        replace_check(
            table,
            f"ck_{table}_authority_role_has_authority",
            was=[has_authority.format(values_check("role", authority_roles[old], negated=True))],
            now=has_authority.format(values_check("role", authority_roles[new], negated=True)),
        )
    replace_check(
        "document",
        "ck_document_document_type",
        was=[values_check("document_type", documents[old])],
        now=values_check("document_type", documents[new]),
    )


def downgrade() -> None:
    bind = op.get_bind()
    in_use = [
        what
        for what, sql in (
            ("a finance user", "SELECT EXISTS (SELECT 1 FROM user_account WHERE role = 'AUTHORITY_FINANCE')"),
            ("a finance client", "SELECT EXISTS (SELECT 1 FROM oauth_client WHERE role = 'AUTHORITY_FINANCE')"),
            ("an invoice document", "SELECT EXISTS (SELECT 1 FROM document WHERE document_type = 'INVOICE')"),
        )
        if bind.exec_driver_sql(sql).scalar()
    ]
    if in_use:
        raise RuntimeError(f"There is {' and '.join(in_use)}: remove them first. Nothing was changed.")
    _widen(after=False)
    with op.batch_alter_table("invoice_share", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_share_invoice_id"))

    op.drop_table("invoice_share")
    with op.batch_alter_table("invoice_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_line_invoice_id"))

    op.drop_table("invoice_line")
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_provider_id"))
        batch_op.drop_index(batch_op.f("ix_invoice_due_on"))
        batch_op.drop_index(batch_op.f("ix_invoice_call_off_id"))
        batch_op.drop_index(batch_op.f("ix_invoice_authority_id"))

    op.drop_table("invoice")
