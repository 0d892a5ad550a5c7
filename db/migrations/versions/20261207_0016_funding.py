"""Funding: NHS integrated care boards, their people, and who pays what share of each call-off.

- ``integrated_care_board``: a funder of health needs, identified by its ODS code.
- ``funding_split`` and ``funding_contribution``: each call-off's weekly fee per
  place divided between funders per cost element, from a date, with each
  funder's agreement.
- ``establishment.host_authority``: the local authority whose area a site is
  in, as GIAS names it (the census's "Host Authority").
- ``user_account.integrated_care_board_id`` and the role ``ICB_COMMISSIONER``: a
  board's people, who agree its contributions.

The role list is a CHECK constraint on ``user_account.role`` and
``oauth_client.role``. PostgreSQL replaces it. SQLite cannot alter a constraint,
and rebuilding those tables would delete the sign-ins that refer to them
(``ON DELETE CASCADE``), so there the table's schema is rewritten in place, the
procedure SQLite documents for constraint changes its ``ALTER TABLE`` cannot
make, which leaves the stored rows untouched: the role list is widened, and the
new column, added plainly, gets its key and checks (no row holds a board yet).
Going down on SQLite rebuilds ``user_account`` and is refused, before anything
changes, while any sign-in refers to it (take such a database down with foreign
keys off) or while a board's person exists.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base
from db.schema_edits import edit_sqlite_schema, replace_check, values_check

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "integrated_care_board",
        sa.Column("ods_code", sa.String(length=5), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
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
        sa.CheckConstraint("length(ods_code) BETWEEN 3 AND 5", name=op.f("ck_integrated_care_board_ods_code_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrated_care_board")),
        sa.UniqueConstraint("ods_code", name=op.f("uq_integrated_care_board_ods_code")),
    )
    op.create_table(
        "funding_split",
        sa.Column("call_off_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("proposed_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("proposed_by", sa.String(length=100), nullable=False),
        sa.Column("amendment_id", sa.Integer(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["amendment_id"],
            ["fee_amendment.id"],
            name=op.f("fk_funding_split_amendment_id_fee_amendment"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["call_off_id"], ["call_off.id"], name=op.f("fk_funding_split_call_off_id_call_off"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_split")),
    )
    with op.batch_alter_table("funding_split", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_funding_split_call_off_id"), ["call_off_id"], unique=False)

    op.create_table(
        "funding_contribution",
        sa.Column("split_id", sa.Integer(), nullable=False),
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
        sa.Column("agreed_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("agreed_by", sa.String(length=100), nullable=True),
        sa.Column("on_behalf_reason", sa.Text(), nullable=True),
        sa.Column("education_share_bp", sa.Integer(), nullable=False),
        sa.Column("care_share_bp", sa.Integer(), nullable=False),
        sa.Column("health_share_bp", sa.Integer(), nullable=False),
        sa.Column("therapies_share_bp", sa.Integer(), nullable=False),
        sa.Column("additional_staffing_share_bp", sa.Integer(), nullable=False),
        sa.Column("education_weekly_pence", sa.Integer(), nullable=False),
        sa.Column("care_weekly_pence", sa.Integer(), nullable=False),
        sa.Column("health_weekly_pence", sa.Integer(), nullable=False),
        sa.Column("therapies_weekly_pence", sa.Integer(), nullable=False),
        sa.Column("additional_staffing_weekly_pence", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(stream = 'HEALTH') = (authority_id IS NULL)", name=op.f("ck_funding_contribution_budgets_of_an_authority")
        ),
        sa.CheckConstraint(
            "(stream = 'HEALTH') = (integrated_care_board_id IS NOT NULL)",
            name=op.f("ck_funding_contribution_health_from_a_board"),
        ),
        sa.CheckConstraint(
            "(agreed_at IS NULL) = (agreed_by IS NULL)", name=op.f("ck_funding_contribution_agreed_by_someone")
        ),
        sa.CheckConstraint(
            "additional_staffing_share_bp BETWEEN 0 AND 10000",
            name=op.f("ck_funding_contribution_additional_staffing_share_bp_range"),
        ),
        sa.CheckConstraint(
            "additional_staffing_weekly_pence >= 0",
            name=op.f("ck_funding_contribution_additional_staffing_weekly_pence_gte_0"),
        ),
        sa.CheckConstraint(
            "care_share_bp BETWEEN 0 AND 10000", name=op.f("ck_funding_contribution_care_share_bp_range")
        ),
        sa.CheckConstraint("care_weekly_pence >= 0", name=op.f("ck_funding_contribution_care_weekly_pence_gte_0")),
        sa.CheckConstraint(
            "education_share_bp BETWEEN 0 AND 10000", name=op.f("ck_funding_contribution_education_share_bp_range")
        ),
        sa.CheckConstraint(
            "education_weekly_pence >= 0", name=op.f("ck_funding_contribution_education_weekly_pence_gte_0")
        ),
        sa.CheckConstraint(
            "health_share_bp BETWEEN 0 AND 10000", name=op.f("ck_funding_contribution_health_share_bp_range")
        ),
        sa.CheckConstraint("health_weekly_pence >= 0", name=op.f("ck_funding_contribution_health_weekly_pence_gte_0")),
        sa.CheckConstraint(
            "on_behalf_reason IS NULL OR agreed_at IS NOT NULL",
            name=op.f("ck_funding_contribution_on_behalf_when_agreed"),
        ),
        sa.CheckConstraint(
            "therapies_share_bp BETWEEN 0 AND 10000", name=op.f("ck_funding_contribution_therapies_share_bp_range")
        ),
        sa.CheckConstraint(
            "therapies_weekly_pence >= 0", name=op.f("ck_funding_contribution_therapies_weekly_pence_gte_0")
        ),
        sa.ForeignKeyConstraint(
            ["authority_id"],
            ["authority.id"],
            name=op.f("fk_funding_contribution_authority_id_authority"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["integrated_care_board_id"],
            ["integrated_care_board.id"],
            name=op.f("fk_funding_contribution_integrated_care_board_id_integrated_care_board"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["split_id"],
            ["funding_split.id"],
            name=op.f("fk_funding_contribution_split_id_funding_split"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_contribution")),
        sa.UniqueConstraint("split_id", "position", name=op.f("uq_funding_contribution_split_id_position")),
    )
    with op.batch_alter_table("funding_contribution", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_funding_contribution_authority_id"), ["authority_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_funding_contribution_integrated_care_board_id"), ["integrated_care_board_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_funding_contribution_split_id"), ["split_id"], unique=False)

    op.add_column("establishment", sa.Column("host_authority", sa.String(length=100), nullable=True))
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in _ROLE_TABLES:
        _set_roles(table, _ROLES_AFTER)
    if sqlite:
        # the column plainly, then its key and checks written into the table's schema: no row holds a board yet
        op.execute("ALTER TABLE user_account ADD COLUMN integrated_care_board_id INTEGER")
        added = [
            f"CONSTRAINT {_FK} FOREIGN KEY(integrated_care_board_id) REFERENCES integrated_care_board (id) "
            "ON DELETE RESTRICT",
            *(f"CONSTRAINT ck_user_account_{name} CHECK ({sql})" for name, sql in _BOARD_CHECKS),
        ]
        edit_sqlite_schema(
            "user_account", lambda sql: sql[: sql.rindex(")")].rstrip() + ", \n\t" + ", \n\t".join(added) + "\n)"
        )
        op.create_index(op.f(_INDEX), "user_account", ["integrated_care_board_id"])
        return
    op.add_column("user_account", sa.Column("integrated_care_board_id", sa.Integer(), nullable=True))
    op.create_index(op.f(_INDEX), "user_account", ["integrated_care_board_id"])
    op.create_foreign_key(
        op.f(_FK), "user_account", "integrated_care_board", ["integrated_care_board_id"], ["id"], ondelete="RESTRICT"
    )
    for name, sql in _BOARD_CHECKS:
        op.create_check_constraint(op.f(f"ck_user_account_{name}"), "user_account", sql)


_ROLE_TABLES = ("user_account", "oauth_client")
_ROLES_BEFORE = ("LEAD_ADMIN", "EVALUATOR", "AUTHORITY_COMMISSIONER", "AUTHORITY_ANALYST", "PROVIDER_USER", "AUDITOR")
_ROLES_AFTER = (*_ROLES_BEFORE, "ICB_COMMISSIONER")
_FK = "fk_user_account_integrated_care_board_id_integrated_care_board"
_INDEX = "ix_user_account_integrated_care_board_id"
_BOARD_CHECKS = (
    ("board_role_has_board", "(role = 'ICB_COMMISSIONER') = (integrated_care_board_id IS NOT NULL)"),
    ("board_only", "role <> 'ICB_COMMISSIONER' OR (authority_id IS NULL AND provider_id IS NULL)"),
)


def _set_roles(table: str, roles: Sequence[str]) -> None:
    """Make ``table``'s role constraint allow exactly ``roles``."""
    was = [values_check("role", r) for r in (_ROLES_BEFORE, _ROLES_AFTER)]
    replace_check(table, f"ck_{table}_user_role", was=was, now=values_check("role", roles))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    bind = op.get_bind()
    if bind.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM user_account WHERE role = 'ICB_COMMISSIONER')").scalar():
        raise RuntimeError("People of integrated care boards have accounts: remove them first. Nothing was changed.")
    if sqlite and bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        referring = [
            table
            for table in ("oauth_authorization_code", "oauth_refresh_token", "notification")
            if bind.exec_driver_sql(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE user_id IS NOT NULL)").scalar()
        ]
        if referring:
            raise RuntimeError(
                "On SQLite this downgrade rebuilds user_account, which would delete or detach the rows that refer "
                f"to it ({', '.join(referring)}): run it with foreign keys off. Nothing was changed."
            )
    with op.batch_alter_table("user_account") as batch_op:
        for name, _sql in _BOARD_CHECKS:
            batch_op.drop_constraint(op.f(f"ck_user_account_{name}"), type_="check")
        batch_op.drop_constraint(op.f(_FK), type_="foreignkey")
        batch_op.drop_index(op.f(_INDEX))
        batch_op.drop_column("integrated_care_board_id")
    for table in _ROLE_TABLES:
        _set_roles(table, _ROLES_BEFORE)
    op.drop_column("establishment", "host_authority")  # SQLite drops a plain column in place
    with op.batch_alter_table("funding_contribution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_contribution_split_id"))
        batch_op.drop_index(batch_op.f("ix_funding_contribution_integrated_care_board_id"))
        batch_op.drop_index(batch_op.f("ix_funding_contribution_authority_id"))

    op.drop_table("funding_contribution")
    with op.batch_alter_table("funding_split", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_split_call_off_id"))

    op.drop_table("funding_split")
    op.drop_table("integrated_care_board")
