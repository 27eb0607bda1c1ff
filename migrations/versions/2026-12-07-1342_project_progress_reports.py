"""projects: progress reports (项目进度报告), drafts and issued versions

A report covers a period; a draft's figures are read live, an issued one keeps them in
`snapshot` as version `number` (unique per project) and can no longer change.

Revision ID: 7d3a9c2e5f11
Revises: 01ec95e68809
Create Date: 2026-12-07 13:42:09.752436
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d3a9c2e5f11"
down_revision: str | None = "01ec95e68809"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "project_reports",
        sa.Column(
            "project_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "kind",
            sa.Enum("monthly", "on_demand", name="report_kind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("draft", "issued", name="report_status", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("snapshot", sa.JSON(), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "issued_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "created_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_project_reports_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["issued_by_id"],
            ["users.id"],
            name=op.f("fk_project_reports_issued_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_reports_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_project_reports_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_reports")),
    )
    with op.batch_alter_table("project_reports", schema=None) as batch_op:
        batch_op.create_index(
            "ix_project_reports_project",
            ["workspace_id", "project_id", "period_start"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_project_reports_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index("ux_project_reports_number", ["project_id", "number"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("project_reports", schema=None) as batch_op:
        batch_op.drop_index("ux_project_reports_number")
        batch_op.drop_index(batch_op.f("ix_project_reports_workspace_id"))
        batch_op.drop_index("ix_project_reports_project")

    op.drop_table("project_reports")
