"""Files area: uploads live in stored_files, owned by a record of any area; an opportunity's
documents are its files there.

The table is created, every row of opportunity_documents moves into it with its id (so the
links to /opportunity-documents/{id} keep working) as a file owned by its opportunity (owner
type "opportunity") with its kind and version, and opportunity_documents is dropped. The bytes
stay where they are: the storage keys move with the rows. The downgrade moves the
opportunities' files back; stored_files holds nothing else yet.

Revision ID: 1a894537bd36
Revises: 6d8521506372
Create Date: 2026-12-06 23:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1a894537bd36"
down_revision: str | None = "6d8521506372"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
FILE_COLUMNS = "filename, content_type, size, sha256, storage_key, uploaded_by_id"
TIMES = "created_at, updated_at"


def _restart_ids(table: str) -> None:
    """PostgreSQL: the id sequence continues after the ids copied in (SQLite needs nothing)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 1), "
            f"(SELECT MAX(id) FROM {table}) IS NOT NULL)"
        )


def upgrade() -> None:
    op.create_table(
        "stored_files",
        sa.Column("owner_type", sa.String(length=40), nullable=False),
        sa.Column("owner_id", ID, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("uploaded_by_id", ID, nullable=True),
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("workspace_id", ID, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_stored_files_uploaded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_stored_files_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_files")),
    )
    with op.batch_alter_table("stored_files", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stored_files_owner",
            ["workspace_id", "owner_type", "owner_id", "kind"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_stored_files_workspace_id"), ["workspace_id"], unique=False
        )
    op.execute(
        f"INSERT INTO stored_files (id, workspace_id, owner_type, owner_id, kind, version, "
        f"{FILE_COLUMNS}, {TIMES}) "
        f"SELECT id, workspace_id, 'opportunity', opportunity_id, kind, version, "
        f"{FILE_COLUMNS}, {TIMES} FROM opportunity_documents"
    )
    _restart_ids("stored_files")
    with op.batch_alter_table("opportunity_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_documents_workspace_id"))
        batch_op.drop_index("ix_opportunity_documents_opportunity")
    op.drop_table("opportunity_documents")


def downgrade() -> None:
    op.create_table(
        "opportunity_documents",
        sa.Column("opportunity_id", ID, nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "rfp",
                "qa",
                "proposal",
                "pitch",
                "contract",
                "other",
                name="document_kind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("uploaded_by_id", ID, nullable=True),
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("workspace_id", ID, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_opportunity_documents_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_opportunity_documents_uploaded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_opportunity_documents_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity_documents")),
    )
    with op.batch_alter_table("opportunity_documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_opportunity_documents_opportunity",
            ["workspace_id", "opportunity_id", "kind"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_opportunity_documents_workspace_id"), ["workspace_id"], unique=False
        )
    op.execute(
        f"INSERT INTO opportunity_documents (id, workspace_id, opportunity_id, kind, version, "
        f"{FILE_COLUMNS}, {TIMES}) "
        f"SELECT id, workspace_id, owner_id, kind, version, {FILE_COLUMNS}, {TIMES} "
        f"FROM stored_files WHERE owner_type = 'opportunity'"
    )
    _restart_ids("opportunity_documents")
    with op.batch_alter_table("stored_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stored_files_workspace_id"))
        batch_op.drop_index("ix_stored_files_owner")
    op.drop_table("stored_files")
