"""The STANDARD-band weekly total of each member's rate card, kept on the membership.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("lot_membership") as batch:
        batch.add_column(sa.Column("standard_weekly_fee_pence", sa.Integer(), nullable=True))
        batch.create_check_constraint(
            op.f("ck_lot_membership_standard_weekly_fee_pence_gte_0"), "standard_weekly_fee_pence >= 0"
        )
    op.execute(
        "UPDATE lot_membership SET standard_weekly_fee_pence = ("
        " SELECT sum(weekly_fee_pence) FROM rate_card_line"
        " WHERE rate_card_line.membership_id = lot_membership.id AND rate_card_line.band = 'STANDARD')"
    )


def downgrade() -> None:
    with op.batch_alter_table("lot_membership") as batch:
        batch.drop_constraint(op.f("ck_lot_membership_standard_weekly_fee_pence_gte_0"), type_="check")
        batch.drop_column("standard_weekly_fee_pence")
