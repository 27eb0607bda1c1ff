"""change requests: the project's meetings where a change was discussed

Beside the activities with the customer's people, a change request now names the project's
meetings (会议) where it was discussed; existing ones name none.

Revision ID: 8d41b6e0a9c3
Revises: 3f9a0c6d2e71
Create Date: 2026-12-07 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8d41b6e0a9c3"
down_revision: str | None = "3f9a0c6d2e71"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("project_change_requests") as batch:
        batch.add_column(
            sa.Column("meeting_ids", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("project_change_requests") as batch:
        batch.drop_column("meeting_ids")
