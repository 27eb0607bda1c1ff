"""API token scopes: what a token may reach, space-separated (identity.tokens.scopes). Tokens
made before keep reading and writing everything their user's role allows ("write").

Revision ID: 5ec0e7a1b2c4
Revises: 14180e79bf83
Create Date: 2026-12-07 02:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5ec0e7a1b2c4"
down_revision: str | None = "14180e79bf83"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(
            sa.Column("scopes", sa.String(length=1000), server_default="write", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("scopes")
