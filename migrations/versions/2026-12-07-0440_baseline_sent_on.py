"""project baselines: the day a baseline went to the customer

A baseline's age in the customer's hands, and the project manager's reminder when the sign-off
is late, count from the day it was sent; the team may record a baseline sent a few days ago.
Existing baselines take the day they were recorded.

Revision ID: 7b3d2e91c4a5
Revises: 298554fee45d
Create Date: 2026-12-07 04:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7b3d2e91c4a5"
down_revision: str | None = "298554fee45d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("project_baselines") as batch:
        batch.add_column(sa.Column("sent_on", sa.Date(), nullable=True))
    baselines = sa.table(
        "project_baselines",
        sa.column("id", sa.BigInteger()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("sent_on", sa.Date()),
    )
    bind = op.get_bind()
    for row in bind.execute(sa.select(baselines.c.id, baselines.c.created_at)).all():
        bind.execute(
            baselines.update()
            .where(baselines.c.id == row.id)
            .values(sent_on=row.created_at.date())
        )
    with op.batch_alter_table("project_baselines") as batch:
        batch.alter_column("sent_on", existing_type=sa.Date(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("project_baselines") as batch:
        batch.drop_column("sent_on")
