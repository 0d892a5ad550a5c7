"""Fee-uplift requests and decisions, the notice a purchasing system asks of them, and evidence documents.

- ``uplift_request``, ``uplift_request_call_off``, ``uplift_decision``.
- ``purchasing_system.uplift_notice_days`` (84, one term, unless set): added and dropped in place (SQLite
  drops a plain column without rebuilding the table, which lots and rounds refer to).
- The document type ``UPLIFT_EVIDENCE``: its CHECK constraint's list widened (see ``db.schema_edits``), and
  narrowed back going down, which is refused while such a document exists.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base
from db.schema_edits import replace_check, values_check

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "uplift_request",
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("establishment_id", sa.Integer(), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("submitted_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.String(length=100), nullable=False),
        sa.Column("education_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("care_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("health_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("therapies_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("additional_staffing_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("education_new_weekly_pence", sa.Integer(), nullable=True),
        sa.Column("care_new_weekly_pence", sa.Integer(), nullable=True),
        sa.Column("health_new_weekly_pence", sa.Integer(), nullable=True),
        sa.Column("therapies_new_weekly_pence", sa.Integer(), nullable=True),
        sa.Column("additional_staffing_new_weekly_pence", sa.Integer(), nullable=True),
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
            "additional_staffing_percent >= 0 AND additional_staffing_percent <= 100",
            name=op.f("ck_uplift_request_additional_staffing_percent_range"),
        ),
        sa.CheckConstraint(
            "education_new_weekly_pence IS NULL OR education_new_weekly_pence >= 0",
            name=op.f("ck_uplift_request_education_new_weekly_pence_gte_0"),
        ),
        sa.CheckConstraint(
            "care_new_weekly_pence IS NULL OR care_new_weekly_pence >= 0",
            name=op.f("ck_uplift_request_care_new_weekly_pence_gte_0"),
        ),
        sa.CheckConstraint(
            "health_new_weekly_pence IS NULL OR health_new_weekly_pence >= 0",
            name=op.f("ck_uplift_request_health_new_weekly_pence_gte_0"),
        ),
        sa.CheckConstraint(
            "therapies_new_weekly_pence IS NULL OR therapies_new_weekly_pence >= 0",
            name=op.f("ck_uplift_request_therapies_new_weekly_pence_gte_0"),
        ),
        sa.CheckConstraint(
            "additional_staffing_new_weekly_pence IS NULL OR additional_staffing_new_weekly_pence >= 0",
            name=op.f("ck_uplift_request_additional_staffing_new_weekly_pence_gte_0"),
        ),
        sa.CheckConstraint(
            "care_percent >= 0 AND care_percent <= 100", name=op.f("ck_uplift_request_care_percent_range")
        ),
        sa.CheckConstraint(
            "education_percent >= 0 AND education_percent <= 100",
            name=op.f("ck_uplift_request_education_percent_range"),
        ),
        sa.CheckConstraint(
            "health_percent >= 0 AND health_percent <= 100", name=op.f("ck_uplift_request_health_percent_range")
        ),
        sa.CheckConstraint(
            "therapies_percent >= 0 AND therapies_percent <= 100",
            name=op.f("ck_uplift_request_therapies_percent_range"),
        ),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishment.id"],
            name=op.f("fk_uplift_request_establishment_id_establishment"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(["lot_id"], ["lot.id"], name=op.f("fk_uplift_request_lot_id_lot"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["provider.id"], name=op.f("fk_uplift_request_provider_id_provider"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uplift_request")),
    )
    with op.batch_alter_table("uplift_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_uplift_request_establishment_id"), ["establishment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_uplift_request_lot_id"), ["lot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_uplift_request_provider_id"), ["provider_id"], unique=False)

    op.create_table(
        "uplift_decision",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("authority_id", sa.Integer(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "ACCEPTED",
                "ACCEPTED_IN_PART",
                "REFUSED",
                name="uplift_outcome",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("decided_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("amended", sa.Integer(), nullable=False),
        sa.Column("education_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("care_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("health_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("therapies_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("additional_staffing_percent", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("education_new_weekly_pence", sa.Integer(), nullable=True),
        sa.Column("care_new_weekly_pence", sa.Integer(), nullable=True),
        sa.Column("health_new_weekly_pence", sa.Integer(), nullable=True),
        sa.Column("therapies_new_weekly_pence", sa.Integer(), nullable=True),
        sa.Column("additional_staffing_new_weekly_pence", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "outcome <> 'REFUSED' OR reason IS NOT NULL", name=op.f("ck_uplift_decision_refusal_has_reason")
        ),
        sa.CheckConstraint(
            "additional_staffing_percent >= 0 AND additional_staffing_percent <= 100",
            name=op.f("ck_uplift_decision_additional_staffing_percent_range"),
        ),
        sa.CheckConstraint(
            "education_new_weekly_pence IS NULL OR education_new_weekly_pence >= 0",
            name=op.f("ck_uplift_decision_education_new_weekly_pence_gte_0"),
        ),
        sa.CheckConstraint(
            "care_new_weekly_pence IS NULL OR care_new_weekly_pence >= 0",
            name=op.f("ck_uplift_decision_care_new_weekly_pence_gte_0"),
        ),
        sa.CheckConstraint(
            "health_new_weekly_pence IS NULL OR health_new_weekly_pence >= 0",
            name=op.f("ck_uplift_decision_health_new_weekly_pence_gte_0"),
        ),
        sa.CheckConstraint(
            "therapies_new_weekly_pence IS NULL OR therapies_new_weekly_pence >= 0",
            name=op.f("ck_uplift_decision_therapies_new_weekly_pence_gte_0"),
        ),
        sa.CheckConstraint(
            "additional_staffing_new_weekly_pence IS NULL OR additional_staffing_new_weekly_pence >= 0",
            name=op.f("ck_uplift_decision_additional_staffing_new_weekly_pence_gte_0"),
        ),
        sa.CheckConstraint(
            "care_percent >= 0 AND care_percent <= 100", name=op.f("ck_uplift_decision_care_percent_range")
        ),
        sa.CheckConstraint(
            "education_percent >= 0 AND education_percent <= 100",
            name=op.f("ck_uplift_decision_education_percent_range"),
        ),
        sa.CheckConstraint(
            "health_percent >= 0 AND health_percent <= 100", name=op.f("ck_uplift_decision_health_percent_range")
        ),
        sa.CheckConstraint(
            "therapies_percent >= 0 AND therapies_percent <= 100",
            name=op.f("ck_uplift_decision_therapies_percent_range"),
        ),
        sa.ForeignKeyConstraint(
            ["authority_id"],
            ["authority.id"],
            name=op.f("fk_uplift_decision_authority_id_authority"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["uplift_request.id"],
            name=op.f("fk_uplift_decision_request_id_uplift_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uplift_decision")),
        sa.UniqueConstraint("request_id", "authority_id", name=op.f("uq_uplift_decision_request_id_authority_id")),
    )
    with op.batch_alter_table("uplift_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_uplift_decision_request_id"), ["request_id"], unique=False)
        batch_op.create_index(
            "uq_uplift_decision_regional",
            ["request_id"],
            unique=True,
            sqlite_where=sa.text("authority_id IS NULL"),
            postgresql_where=sa.text("authority_id IS NULL"),
        )

    op.create_table(
        "uplift_request_call_off",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("call_off_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_off_id"],
            ["call_off.id"],
            name=op.f("fk_uplift_request_call_off_call_off_id_call_off"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["uplift_request.id"],
            name=op.f("fk_uplift_request_call_off_request_id_uplift_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("request_id", "call_off_id", name=op.f("pk_uplift_request_call_off")),
    )
    op.add_column(
        "purchasing_system", sa.Column("uplift_notice_days", sa.Integer(), server_default="84", nullable=False)
    )
    _documents(_AFTER, was=_BEFORE)


_BEFORE = (
    "SPECIFICATION",
    "INSURANCE",
    "SAFEGUARDING_POLICY",
    "OFSTED_REPORT",
    "EVALUATION_REPORT",
    "SIGNED_IPA",
    "OUTCOME_EVIDENCE",
    "INVOICE",
    "OTHER",
)
_AFTER = (*_BEFORE[:-1], "UPLIFT_EVIDENCE", "OTHER")


def _documents(now: tuple[str, ...], *, was: tuple[str, ...]) -> None:
    replace_check(
        "document",
        "ck_document_document_type",
        was=[values_check("document_type", was)],
        now=values_check("document_type", now),
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM document WHERE document_type = 'UPLIFT_EVIDENCE')").scalar():
        raise RuntimeError("There is an uplift evidence document: remove it first. Nothing was changed.")
    _documents(_BEFORE, was=_AFTER)
    op.drop_column("purchasing_system", "uplift_notice_days")

    op.drop_table("uplift_request_call_off")
    with op.batch_alter_table("uplift_decision", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_uplift_decision_regional",
            sqlite_where=sa.text("authority_id IS NULL"),
            postgresql_where=sa.text("authority_id IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_uplift_decision_request_id"))

    op.drop_table("uplift_decision")
    with op.batch_alter_table("uplift_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_uplift_request_provider_id"))
        batch_op.drop_index(batch_op.f("ix_uplift_request_lot_id"))
        batch_op.drop_index(batch_op.f("ix_uplift_request_establishment_id"))

    op.drop_table("uplift_request")
