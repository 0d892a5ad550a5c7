"""The review conversation of outcome reports: every query and answer, kept.

Reports queried before this revision keep their latest query as a history row,
unanswered while the report is still awaiting the provider, answered by the
resubmission otherwise (who answered, and what, was not recorded).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OPEN = sa.text("answered_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "outcome_report_query",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("asked_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("asked_by", sa.String(length=100), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("answered_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answered_by", sa.String(length=100), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.CheckConstraint("(answer IS NULL) = (answered_at IS NULL)", name=op.f("ck_outcome_report_query_answer_dated")),
        sa.CheckConstraint(
            "(answered_by IS NULL) OR (answered_at IS NOT NULL)",
            name=op.f("ck_outcome_report_query_answerer_only_with_answer"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["outcome_report.id"],
            name=op.f("fk_outcome_report_query_report_id_outcome_report"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_report_query")),
    )
    op.create_index(op.f("ix_outcome_report_query_report_id"), "outcome_report_query", ["report_id"], unique=False)
    op.create_index(
        "uq_outcome_report_query_open",
        "outcome_report_query",
        ["report_id"],
        unique=True,
        sqlite_where=_OPEN,
        postgresql_where=_OPEN,
    )
    # The latest query of every report queried so far. A query the report was resubmitted (or accepted) after
    # was settled then; the answer itself was not recorded.
    op.execute(
        "INSERT INTO outcome_report_query (report_id, asked_at, asked_by, comment, answered_at, answered_by, answer) "
        "SELECT id, queried_at, NULL, query_comment, settled, NULL, "
        " CASE WHEN settled IS NOT NULL THEN '(not recorded)' END "
        "FROM (SELECT id, queried_at, query_comment, "
        "  CASE WHEN submitted_at > queried_at THEN submitted_at "
        "       WHEN accepted_at IS NOT NULL THEN accepted_at END AS settled "
        "  FROM outcome_report WHERE queried_at IS NOT NULL) AS queried"
    )


def downgrade() -> None:
    op.drop_index(
        "uq_outcome_report_query_open",
        table_name="outcome_report_query",
        sqlite_where=_OPEN,
        postgresql_where=_OPEN,
    )
    op.drop_index(op.f("ix_outcome_report_query_report_id"), table_name="outcome_report_query")
    op.drop_table("outcome_report_query")
