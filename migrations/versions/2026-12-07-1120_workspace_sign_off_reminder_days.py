"""workspaces: after how many days a pending customer sign-off is late

The project manager is reminded of a sign-off the customer has not given after this many days,
and the project page marks such a sign-off red; each workspace sets it (1 to 60, 5 until set).

Revision ID: 5c8e1f4a7b20
Revises: 2cfd7b31db00
Create Date: 2026-12-07 11:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c8e1f4a7b20"
down_revision: str | None = "2cfd7b31db00"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(
            sa.Column("sign_off_reminder_days", sa.Integer(), nullable=False, server_default="5")
        )
        batch.create_check_constraint(
            op.f("ck_workspaces_sign_off_reminder_days_range"),
            "sign_off_reminder_days >= 1 AND sign_off_reminder_days <= 60",
        )


def downgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_constraint(op.f("ck_workspaces_sign_off_reminder_days_range"), type_="check")
        batch.drop_column("sign_off_reminder_days")
