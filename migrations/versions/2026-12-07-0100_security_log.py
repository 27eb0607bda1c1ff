"""Security log: an append-only table of sign-ins, sign-outs, sessions ended, API tokens made,
first used, revoked and refused, refused writes and exports (identity.security_log).

Revision ID: 5ec0e7a1b2c3
Revises: 1a894537bd36
Create Date: 2026-12-07 01:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5ec0e7a1b2c3"
down_revision: str | None = "1a894537bd36"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
KINDS = (
    "sign_in",
    "sign_out",
    "session_expired",
    "sessions_revoked",
    "token_created",
    "token_first_used",
    "token_revoked",
    "token_refused",
    "write_refused",
    "export",
)


def upgrade() -> None:
    op.create_table(
        "security_events",
        sa.Column("workspace_id", ID, nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(*KINDS, name="security_event_kind", native_enum=False, length=30),
            nullable=False,
        ),
        sa.Column(
            "outcome",
            sa.Enum("success", "failure", name="security_outcome", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("user_id", ID, nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("ip", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=300), nullable=True),
        sa.Column("credential_id", ID, nullable=True),
        sa.Column("detail", sa.String(length=300), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_security_events_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_security_events")),
    )
    op.create_index(
        "ix_security_events_workspace_time",
        "security_events",
        ["workspace_id", "occurred_at"],
    )
    op.create_index(
        "ix_security_events_workspace_kind",
        "security_events",
        ["workspace_id", "kind", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_security_events_workspace_kind", table_name="security_events")
    op.drop_index("ix_security_events_workspace_time", table_name="security_events")
    op.drop_table("security_events")
