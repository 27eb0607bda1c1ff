"""service: the SLA settings and calendar, maintenance plans, service requests and their notes

The after-sales area (issue 17): the workspace's service hours and its own calendar days, SLA
targets per priority (the workspace's defaults and each maintenance plan's), maintenance plans
of accounts, and service requests with their due times and their timeline notes.

Revision ID: f4433611df95
Revises: 8d41b6e0a9c3
Create Date: 2026-12-07 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f4433611df95"
down_revision: str | None = "8d41b6e0a9c3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "service_calendar_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("holiday", "workday", name="service_day_kind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_service_calendar_days_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_calendar_days")),
        sa.UniqueConstraint(
            "workspace_id", "day", name=op.f("uq_service_calendar_days_workspace_id_day")
        ),
    )
    with op.batch_alter_table("service_calendar_days", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_calendar_days_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "service_settings",
        sa.Column("day_starts_at", sa.String(length=5), nullable=False),
        sa.Column("day_ends_at", sa.String(length=5), nullable=False),
        sa.Column("official_calendar", sa.Boolean(), nullable=False),
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
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_service_settings_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_settings")),
        sa.UniqueConstraint("workspace_id", name=op.f("uq_service_settings_workspace_id")),
    )
    with op.batch_alter_table("service_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_settings_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "service_maintenance_plans",
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "project_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("contract_ref", sa.String(length=100), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("owner_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
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
        sa.CheckConstraint(
            "ends_on >= starts_on", name=op.f("ck_service_maintenance_plans_plan_ends_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_service_maintenance_plans_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_service_maintenance_plans_owner_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_service_maintenance_plans_project_id_projects"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_service_maintenance_plans_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_maintenance_plans")),
    )
    with op.batch_alter_table("service_maintenance_plans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_maintenance_plans_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index(
            "ix_service_plans_account", ["workspace_id", "account_id", "ends_on"], unique=False
        )

    op.create_table(
        "service_requests",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "project_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("plan_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "reporter_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "assignee_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "channel",
            sa.Enum(
                "phone",
                "email",
                "wechat",
                "portal",
                "on_site",
                name="service_channel",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "category",
            sa.Enum(
                "fault",
                "question",
                "need",
                "complaint",
                name="service_category",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "priority",
            sa.Enum("p1", "p2", "p3", "p4", name="service_priority", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "in_progress",
                "awaiting_customer",
                "closed",
                name="service_status",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_response_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("response_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolution_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("around_the_clock", sa.Boolean(), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("rating_comment", sa.String(length=1000), nullable=True),
        sa.Column("reopened", sa.Integer(), nullable=False),
        sa.Column(
            "complaint_severity",
            sa.Enum(
                "minor",
                "serious",
                "critical",
                name="complaint_severity",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("spread_to", sa.String(length=500), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
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
        sa.CheckConstraint(
            "rating IS NULL OR rating BETWEEN 1 AND 5",
            name=op.f("ck_service_requests_service_rating"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_service_requests_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["users.id"],
            name=op.f("fk_service_requests_assignee_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["service_maintenance_plans.id"],
            name=op.f("fk_service_requests_plan_id_service_maintenance_plans"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_service_requests_project_id_projects"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["contacts.id"],
            name=op.f("fk_service_requests_reporter_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_service_requests_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_requests")),
        sa.UniqueConstraint(
            "workspace_id", "number", name=op.f("uq_service_requests_workspace_id_number")
        ),
    )
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_service_requests_account",
            ["workspace_id", "account_id", "received_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_service_requests_desk",
            ["workspace_id", "status", "resolution_due_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_service_requests_recent", ["workspace_id", "received_at", "id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_requests_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "service_sla_targets",
        sa.Column("plan_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "priority",
            sa.Enum("p1", "p2", "p3", "p4", name="service_priority", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("response_minutes", sa.Integer(), nullable=False),
        sa.Column("resolution_minutes", sa.Integer(), nullable=False),
        sa.Column("around_the_clock", sa.Boolean(), nullable=False),
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
        sa.CheckConstraint(
            "resolution_minutes >= response_minutes",
            name=op.f("ck_service_sla_targets_sla_resolution_after"),
        ),
        sa.CheckConstraint(
            "response_minutes > 0", name=op.f("ck_service_sla_targets_sla_response_positive")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["service_maintenance_plans.id"],
            name=op.f("fk_service_sla_targets_plan_id_service_maintenance_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_service_sla_targets_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_sla_targets")),
    )
    with op.batch_alter_table("service_sla_targets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_service_sla_targets_plan", ["workspace_id", "plan_id", "priority"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_sla_targets_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "service_request_notes",
        sa.Column(
            "request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("author_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("to_customer", sa.Boolean(), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_service_request_notes_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_service_request_notes_request_id_service_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_service_request_notes_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_request_notes")),
    )
    with op.batch_alter_table("service_request_notes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_service_request_notes_request", ["workspace_id", "request_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_request_notes_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("service_request_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_request_notes_workspace_id"))
        batch_op.drop_index("ix_service_request_notes_request")

    op.drop_table("service_request_notes")
    with op.batch_alter_table("service_sla_targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_sla_targets_workspace_id"))
        batch_op.drop_index("ix_service_sla_targets_plan")

    op.drop_table("service_sla_targets")
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_requests_workspace_id"))
        batch_op.drop_index("ix_service_requests_recent")
        batch_op.drop_index("ix_service_requests_desk")
        batch_op.drop_index("ix_service_requests_account")

    op.drop_table("service_requests")
    with op.batch_alter_table("service_maintenance_plans", schema=None) as batch_op:
        batch_op.drop_index("ix_service_plans_account")
        batch_op.drop_index(batch_op.f("ix_service_maintenance_plans_workspace_id"))

    op.drop_table("service_maintenance_plans")
    with op.batch_alter_table("service_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_settings_workspace_id"))

    op.drop_table("service_settings")
    with op.batch_alter_table("service_calendar_days", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_calendar_days_workspace_id"))

    op.drop_table("service_calendar_days")
