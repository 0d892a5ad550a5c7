"""Withdrawal reasons: why a provider withdrew an offer or a bid, in its own words.

Offers and bids withdrawn before this revision have no reason, so the constraint
holds only that a reason belongs to a withdrawal (``withdrawal_reason IS NULL OR
withdrawn_at IS NOT NULL``); every withdrawal made through the API gives one.

On SQLite the column is added with its CHECK in place (``ALTER TABLE … ADD COLUMN``),
not by rebuilding the table: a rebuild drops the table, which foreign keys forbid
once bid lots and call-offs refer to its rows. Going down does rebuild it there
(SQLite cannot drop a column a CHECK names), so on SQLite, with foreign keys
enforced, it is refused before it changes anything while any row refers to an
offer or a bid: take such a database down with foreign keys off.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("offer", "bid")
_REASON_ONLY_WHEN_WITHDRAWN = "withdrawal_reason IS NULL OR withdrawn_at IS NOT NULL"


def _name(table: str) -> str:
    return f"ck_{table}_withdrawal_reason_withdrawn"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in _TABLES:
        if sqlite:
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN withdrawal_reason TEXT "
                f"CONSTRAINT {_name(table)} CHECK ({_REASON_ONLY_WHEN_WITHDRAWN})"
            )
        else:
            op.add_column(table, sa.Column("withdrawal_reason", sa.Text(), nullable=True))
            op.create_check_constraint(op.f(_name(table)), table, _REASON_ONLY_WHEN_WITHDRAWN)


def _referring(table: str) -> list[str]:
    """On SQLite enforcing foreign keys, the tables with a row referring to a row of ``table``."""
    bind = op.get_bind()
    if not bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        return []
    found = []
    for (child,) in bind.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").all():
        for key in bind.exec_driver_sql(f'PRAGMA foreign_key_list("{child}")').mappings().all():
            column = key["from"]
            if key["table"] == table and bind.exec_driver_sql(
                f'SELECT EXISTS (SELECT 1 FROM "{child}" WHERE "{column}" IS NOT NULL)'
            ).scalar():
                found.append(f"{child}.{column}")
    return found


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        referring = [f for table in _TABLES for f in _referring(table)]
        if referring:
            raise RuntimeError(
                "On SQLite this downgrade rebuilds the offer and bid tables, which foreign keys forbid while rows "
                f"refer to them ({', '.join(referring)}): run it with foreign keys off. Nothing was changed."
            )
    for table in reversed(_TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(op.f(_name(table)), type_="check")
            batch.drop_column("withdrawal_reason")
