"""Accounts, contacts, activities, reminders, saved views and the search indexes.

Revision ID: eab4b3598ac7
Revises: 8f884b52668b
Create Date: 2026-11-22 17:23:26.981750
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "eab4b3598ac7"
down_revision: str | None = "8f884b52668b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=60), nullable=True),
        sa.Column("english_name", sa.String(length=200), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=True),
        sa.Column(
            "industry",
            sa.Enum(
                "government",
                "energy",
                "telecom",
                "finance",
                "manufacturing",
                "retail",
                "healthcare",
                "education",
                "transport",
                "construction",
                "internet",
                "other",
                name="industry",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("province", sa.String(length=20), nullable=True),
        sa.Column("city", sa.String(length=40), nullable=True),
        sa.Column(
            "ownership",
            sa.Enum(
                "government",
                "state_owned",
                "private",
                "foreign",
                "other",
                name="ownership",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column(
            "size_band",
            sa.Enum(
                "lt100",
                "100_499",
                "500_1999",
                "2000_9999",
                "10000_plus",
                name="size_band",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column(
            "revenue_band",
            sa.Enum(
                "lt10m",
                "10m_100m",
                "100m_1b",
                "1b_10b",
                "10b_plus",
                name="revenue_band",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("parent_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("owner_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "lifecycle_stage",
            sa.Enum(
                "potential",
                "bidding",
                "execution",
                "delivered",
                "lost",
                name="lifecycle_stage",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("lost_reason", sa.String(length=500), nullable=True),
        sa.Column("lost_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("active", "dormant", name="account_status", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "merged_into_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
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
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("search_grams", sa.Text(), nullable=False),
        sa.Column("sort_name", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["accounts.id"],
            name=op.f("fk_accounts_merged_into_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_accounts_owner_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["accounts.id"],
            name=op.f("fk_accounts_parent_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_accounts_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint(
            "workspace_id", "credit_code", name=op.f("uq_accounts_workspace_id_credit_code")
        ),
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_accounts_industry", ["workspace_id", "industry", "sort_name"], unique=False
        )
        batch_op.create_index(
            "ix_accounts_list_name", ["workspace_id", "archived_at", "sort_name"], unique=False
        )
        batch_op.create_index(
            "ix_accounts_list_updated", ["workspace_id", "archived_at", "updated_at"], unique=False
        )
        batch_op.create_index(
            "ix_accounts_owner", ["workspace_id", "owner_id", "sort_name"], unique=False
        )
        batch_op.create_index("ix_accounts_parent", ["workspace_id", "parent_id"], unique=False)
        batch_op.create_index(
            "ix_accounts_province", ["workspace_id", "province", "sort_name"], unique=False
        )
        batch_op.create_index(
            "ix_accounts_stage", ["workspace_id", "lifecycle_stage", "sort_name"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_accounts_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "list_columns",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("list_name", sa.String(length=20), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_list_columns_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_list_columns_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_columns")),
        sa.UniqueConstraint(
            "workspace_id",
            "user_id",
            "list_name",
            name=op.f("uq_list_columns_workspace_id_user_id_list_name"),
        ),
    )
    with op.batch_alter_table("list_columns", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_list_columns_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "reminders",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("link", sa.String(length=300), nullable=True),
        sa.Column("source_type", sa.String(length=40), nullable=False),
        sa.Column(
            "source_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
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
            ["user_id"], ["users.id"], name=op.f("fk_reminders_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_reminders_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
    )
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reminders_open", ["workspace_id", "user_id", "done_at", "due_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reminders_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "saved_views",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("list_name", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("query", sa.String(length=1000), nullable=False),
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
            ["user_id"], ["users.id"], name=op.f("fk_saved_views_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_saved_views_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_views")),
        sa.UniqueConstraint(
            "workspace_id",
            "user_id",
            "list_name",
            "name",
            name=op.f("uq_saved_views_workspace_id_user_id_list_name_name"),
        ),
    )
    with op.batch_alter_table("saved_views", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_saved_views_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "account_tags",
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("tag", sa.String(length=40), nullable=False),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_tags_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_account_tags_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_tags")),
        sa.UniqueConstraint("account_id", "tag", name=op.f("uq_account_tags_account_id_tag")),
    )
    with op.batch_alter_table("account_tags", schema=None) as batch_op:
        batch_op.create_index(
            "ix_account_tags_tag", ["workspace_id", "tag", "account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_account_tags_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "account_team_members",
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "sales",
                "technical",
                "marketing",
                "after_sales",
                name="team_role",
                native_enum=False,
                length=20,
            ),
            nullable=False,
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
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_account_team_members_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_account_team_members_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_account_team_members_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_team_members")),
        sa.UniqueConstraint(
            "account_id", "user_id", name=op.f("uq_account_team_members_account_id_user_id")
        ),
    )
    with op.batch_alter_table("account_team_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_team_members_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_account_team_members_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "contacts",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("english_name", sa.String(length=100), nullable=True),
        sa.Column(
            "gender",
            sa.Enum("male", "female", "unknown", name="gender", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=100), nullable=True),
        sa.Column("department", sa.String(length=100), nullable=True),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "reports_to_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("mobile", sa.String(length=20), nullable=True),
        sa.Column("office_phone", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("wechat", sa.String(length=60), nullable=True),
        sa.Column("birthday", sa.Date(), nullable=True),
        sa.Column("preferences", sa.Text(), nullable=True),
        sa.Column(
            "importance",
            sa.Enum("key", "important", "normal", name="importance", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum("active", "left", name="contact_status", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "merged_into_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
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
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("search_grams", sa.Text(), nullable=False),
        sa.Column("sort_name", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_contacts_account_id_accounts"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["contacts.id"],
            name=op.f("fk_contacts_merged_into_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reports_to_id"],
            ["contacts.id"],
            name=op.f("fk_contacts_reports_to_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_contacts_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contacts_account", ["workspace_id", "account_id", "sort_name"], unique=False
        )
        batch_op.create_index("ix_contacts_email", ["workspace_id", "email"], unique=False)
        batch_op.create_index(
            "ix_contacts_importance", ["workspace_id", "importance", "sort_name"], unique=False
        )
        batch_op.create_index(
            "ix_contacts_list_name", ["workspace_id", "archived_at", "sort_name"], unique=False
        )
        batch_op.create_index(
            "ix_contacts_list_updated", ["workspace_id", "archived_at", "updated_at"], unique=False
        )
        batch_op.create_index("ix_contacts_mobile", ["workspace_id", "mobile"], unique=False)
        batch_op.create_index(
            "ix_contacts_reports_to", ["workspace_id", "reports_to_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contacts_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "activities",
        sa.Column(
            "type",
            sa.Enum(
                "call",
                "visit",
                "meeting",
                "email",
                "wechat",
                "event",
                "other",
                name="activity_type",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("owner_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=500), nullable=True),
        sa.Column("next_step", sa.String(length=300), nullable=True),
        sa.Column("next_step_due", sa.Date(), nullable=True),
        sa.Column("cost", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
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
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_activities_account_id_accounts"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_activities_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_activities_owner_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_activities_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(
            "ix_activities_account", ["workspace_id", "account_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            "ix_activities_contact", ["workspace_id", "contact_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            "ix_activities_owner", ["workspace_id", "owner_id", "occurred_at"], unique=False
        )
        batch_op.create_index("ix_activities_time", ["workspace_id", "occurred_at"], unique=False)
        batch_op.create_index(
            "ix_activities_type", ["workspace_id", "type", "occurred_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_activities_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "employments",
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("title", sa.String(length=100), nullable=True),
        sa.Column("department", sa.String(length=100), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
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
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_employments_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_employments_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_employments_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employments")),
    )
    with op.batch_alter_table("employments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_employments_contact", ["workspace_id", "contact_id", "started_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_employments_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "activity_participants",
        sa.Column(
            "activity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_participants_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_activity_participants_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_activity_participants_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_activity_participants_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_participants")),
    )
    with op.batch_alter_table("activity_participants", schema=None) as batch_op:
        batch_op.create_index(
            "ix_activity_participants_activity", ["workspace_id", "activity_id"], unique=False
        )
        batch_op.create_index(
            "ix_activity_participants_contact", ["workspace_id", "contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_activity_participants_workspace_id"), ["workspace_id"], unique=False
        )

    create_search_indexes()


def downgrade() -> None:
    drop_search_indexes()
    with op.batch_alter_table("activity_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_participants_workspace_id"))
        batch_op.drop_index("ix_activity_participants_contact")
        batch_op.drop_index("ix_activity_participants_activity")

    op.drop_table("activity_participants")
    with op.batch_alter_table("employments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employments_workspace_id"))
        batch_op.drop_index("ix_employments_contact")

    op.drop_table("employments")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activities_workspace_id"))
        batch_op.drop_index("ix_activities_type")
        batch_op.drop_index("ix_activities_time")
        batch_op.drop_index("ix_activities_owner")
        batch_op.drop_index("ix_activities_contact")
        batch_op.drop_index("ix_activities_account")

    op.drop_table("activities")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_workspace_id"))
        batch_op.drop_index("ix_contacts_reports_to")
        batch_op.drop_index("ix_contacts_mobile")
        batch_op.drop_index("ix_contacts_list_updated")
        batch_op.drop_index("ix_contacts_list_name")
        batch_op.drop_index("ix_contacts_importance")
        batch_op.drop_index("ix_contacts_email")
        batch_op.drop_index("ix_contacts_account")

    op.drop_table("contacts")
    with op.batch_alter_table("account_team_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_team_members_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_account_team_members_account_id"))

    op.drop_table("account_team_members")
    with op.batch_alter_table("account_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_tags_workspace_id"))
        batch_op.drop_index("ix_account_tags_tag")

    op.drop_table("account_tags")
    with op.batch_alter_table("saved_views", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_views_workspace_id"))

    op.drop_table("saved_views")
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminders_workspace_id"))
        batch_op.drop_index("ix_reminders_open")

    op.drop_table("reminders")
    with op.batch_alter_table("list_columns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_list_columns_workspace_id"))

    op.drop_table("list_columns")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accounts_workspace_id"))
        batch_op.drop_index("ix_accounts_stage")
        batch_op.drop_index("ix_accounts_province")
        batch_op.drop_index("ix_accounts_parent")
        batch_op.drop_index("ix_accounts_owner")
        batch_op.drop_index("ix_accounts_list_updated")
        batch_op.drop_index("ix_accounts_list_name")
        batch_op.drop_index("ix_accounts_industry")

    op.drop_table("accounts")


SEARCHABLE = ("accounts", "contacts")


def create_search_indexes() -> None:
    """The gram index behind substring search (see pcrm.accounts.search): an external-content
    FTS5 table kept in step by triggers on SQLite, a GIN index over the gram array on
    PostgreSQL."""
    if op.get_bind().dialect.name == "postgresql":
        for table in SEARCHABLE:
            op.execute(
                f"CREATE INDEX ix_{table}_search_grams ON {table} "
                f"USING gin (string_to_array(search_grams, ' '))"
            )
        return
    for table in SEARCHABLE:
        fts = f"{table}_fts"
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(search_grams, content='{table}', "
            f"content_rowid='id', detail='none')"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, search_grams) VALUES (new.id, new.search_grams); "
            f"END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_grams) "
            f"VALUES ('delete', old.id, old.search_grams); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF search_grams ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_grams) "
            f"VALUES ('delete', old.id, old.search_grams); "
            f"INSERT INTO {fts}(rowid, search_grams) VALUES (new.id, new.search_grams); "
            f"END"
        )


def drop_search_indexes() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SEARCHABLE:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_grams")
        return
    for table in SEARCHABLE:
        fts = f"{table}_fts"
        for suffix in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
