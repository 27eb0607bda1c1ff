"""workspaces: after how many days an unresolved project conflict is escalated

A conflict with the customer still unresolved this many days after it opened reminds the project
manager; each workspace sets it (1 to 60, 5 until set), as it sets the sign-off reminder.

Revision ID: 3f9a0c6d2e71
Revises: 5c8e1f4a7b20
Create Date: 2026-12-07 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3f9a0c6d2e71"
down_revision: str | None = "5c8e1f4a7b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(
            sa.Column("conflict_escalation_days", sa.Integer(), nullable=False, server_default="5")
        )
        batch.create_check_constraint(
            op.f("ck_workspaces_conflict_escalation_days_range"),
            "conflict_escalation_days >= 1 AND conflict_escalation_days <= 60",
        )


def downgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_constraint(op.f("ck_workspaces_conflict_escalation_days_range"), type_="check")
        batch.drop_column("conflict_escalation_days")
