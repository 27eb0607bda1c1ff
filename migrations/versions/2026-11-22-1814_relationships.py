"""Relationships: profiles, influence, dotted lines, our and competitors' relationships.

Revision ID: 3da3e9e9d195
Revises: 127dc6cb3b2a
Create Date: 2026-11-22 18:14:21.668895
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3da3e9e9d195"
down_revision: str | None = "127dc6cb3b2a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "competitors",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column("strengths", sa.Text(), nullable=True),
        sa.Column("weaknesses", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
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
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_competitors_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competitors")),
        sa.UniqueConstraint("workspace_id", "name", name=op.f("uq_competitors_workspace_id_name")),
    )
    with op.batch_alter_table("competitors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_competitors_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "acquaintances",
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("closeness", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "former_colleague",
                "classmate",
                "friend",
                "business",
                "family",
                "other",
                name="acquaintance_kind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
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
            "closeness BETWEEN 1 AND 5", name=op.f("ck_acquaintances_closeness_range")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_acquaintances_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_acquaintances_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_acquaintances_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acquaintances")),
        sa.UniqueConstraint(
            "workspace_id",
            "user_id",
            "contact_id",
            name=op.f("uq_acquaintances_workspace_id_user_id_contact_id"),
        ),
    )
    with op.batch_alter_table("acquaintances", schema=None) as batch_op:
        batch_op.create_index(
            "ix_acquaintances_contact", ["workspace_id", "contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_acquaintances_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "competitor_ties",
        sa.Column(
            "competitor_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("closeness", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
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
            "closeness BETWEEN 1 AND 5", name=op.f("ck_competitor_ties_closeness_range")
        ),
        sa.ForeignKeyConstraint(
            ["competitor_id"],
            ["competitors.id"],
            name=op.f("fk_competitor_ties_competitor_id_competitors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_competitor_ties_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_competitor_ties_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competitor_ties")),
        sa.UniqueConstraint(
            "workspace_id",
            "competitor_id",
            "contact_id",
            name=op.f("uq_competitor_ties_workspace_id_competitor_id_contact_id"),
        ),
    )
    with op.batch_alter_table("competitor_ties", schema=None) as batch_op:
        batch_op.create_index(
            "ix_competitor_ties_contact", ["workspace_id", "contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_competitor_ties_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "dotted_lines",
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "manager_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("note", sa.String(length=500), nullable=True),
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
        sa.CheckConstraint("contact_id <> manager_id", name=op.f("ck_dotted_lines_no_self")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_dotted_lines_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["contacts.id"],
            name=op.f("fk_dotted_lines_manager_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_dotted_lines_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dotted_lines")),
        sa.UniqueConstraint(
            "workspace_id",
            "contact_id",
            "manager_id",
            name=op.f("uq_dotted_lines_workspace_id_contact_id_manager_id"),
        ),
    )
    with op.batch_alter_table("dotted_lines", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dotted_lines_manager", ["workspace_id", "manager_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dotted_lines_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "influences",
        sa.Column(
            "from_contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "to_contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("strength", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
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
        sa.CheckConstraint("from_contact_id <> to_contact_id", name=op.f("ck_influences_no_self")),
        sa.CheckConstraint("strength BETWEEN 1 AND 5", name=op.f("ck_influences_strength_range")),
        sa.ForeignKeyConstraint(
            ["from_contact_id"],
            ["contacts.id"],
            name=op.f("fk_influences_from_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_contact_id"],
            ["contacts.id"],
            name=op.f("fk_influences_to_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_influences_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_influences")),
        sa.UniqueConstraint(
            "workspace_id",
            "from_contact_id",
            "to_contact_id",
            name=op.f("uq_influences_workspace_id_from_contact_id_to_contact_id"),
        ),
    )
    with op.batch_alter_table("influences", schema=None) as batch_op:
        batch_op.create_index("ix_influences_to", ["workspace_id", "to_contact_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_influences_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "profile_entries",
        sa.Column(
            "contact_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "behaviour",
            sa.Enum(
                "technology",
                "price",
                "relationship",
                "risk_averse",
                "results",
                name="behaviour_orientation",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column(
            "relationship_status",
            sa.Enum(
                "supporter",
                "neutral",
                "opponent",
                "unknown",
                name="relationship_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "interaction_level",
            sa.Enum(
                "none",
                "occasional",
                "regular",
                "frequent",
                name="interaction_level",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
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
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_profile_entries_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_profile_entries_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_entries")),
    )
    with op.batch_alter_table("profile_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_profile_entries_contact",
            ["workspace_id", "contact_id", "effective_on", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_profile_entries_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("profile_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profile_entries_workspace_id"))
        batch_op.drop_index("ix_profile_entries_contact")

    op.drop_table("profile_entries")
    with op.batch_alter_table("influences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_influences_workspace_id"))
        batch_op.drop_index("ix_influences_to")

    op.drop_table("influences")
    with op.batch_alter_table("dotted_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dotted_lines_workspace_id"))
        batch_op.drop_index("ix_dotted_lines_manager")

    op.drop_table("dotted_lines")
    with op.batch_alter_table("competitor_ties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competitor_ties_workspace_id"))
        batch_op.drop_index("ix_competitor_ties_contact")

    op.drop_table("competitor_ties")
    with op.batch_alter_table("acquaintances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_acquaintances_workspace_id"))
        batch_op.drop_index("ix_acquaintances_contact")

    op.drop_table("acquaintances")
    with op.batch_alter_table("competitors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competitors_workspace_id"))

    op.drop_table("competitors")
