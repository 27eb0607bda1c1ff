"""Audit entries keep the name of the record they describe, so feeds read as names.

Revision ID: 127dc6cb3b2a
Revises: eab4b3598ac7
Create Date: 2026-11-22 17:47:19.859833
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "127dc6cb3b2a"
down_revision: str | None = "eab4b3598ac7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entity_label", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_column("entity_label")
