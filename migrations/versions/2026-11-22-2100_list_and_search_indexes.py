"""List filter indexes with archived_at after the filter; leading-name search indexes.

Every list query says `archived_at IS NULL`. SQLite has no statistics, so with the filter
indexes (workspace_id, filter, sort_name) it often chose ix_*_list_* (workspace_id,
archived_at, ...) instead and read every live row to find the filtered ones (up to 7.6 s for an
account's contact count at a million contacts). With archived_at after the filter column the
filter index matches three equality columns and always wins.

The leading-name indexes answer "names that start with the query" in name order: the first
field of search_text is the normalised name, and substr(search_text, 1, n) for n = 1, 2 is
indexed (docs/performance.md, findings 1 and 2).

Revision ID: 4b1d5e7a9c20
Revises: 3da3e9e9d195
Create Date: 2026-11-22 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4b1d5e7a9c20"
down_revision: str | None = "3da3e9e9d195"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, index, filter column): the six list filter indexes whose shape changes.
FILTER_INDEXES = (
    ("accounts", "ix_accounts_industry", "industry"),
    ("accounts", "ix_accounts_province", "province"),
    ("accounts", "ix_accounts_stage", "lifecycle_stage"),
    ("accounts", "ix_accounts_owner", "owner_id"),
    ("contacts", "ix_contacts_account", "account_id"),
    ("contacts", "ix_contacts_importance", "importance"),
)
SEARCHABLE = ("accounts", "contacts")


def upgrade() -> None:
    for table, name, column in FILTER_INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
            batch_op.create_index(
                name, ["workspace_id", column, "archived_at", "sort_name"], unique=False
            )
    for table in SEARCHABLE:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for n in (1, 2):
                batch_op.create_index(
                    f"ix_{table}_leading_{n}",
                    [
                        "workspace_id",
                        "archived_at",
                        sa.text(f"substr(search_text, 1, {n})"),
                        "sort_name",
                    ],
                    unique=False,
                )


def downgrade() -> None:
    for table in SEARCHABLE:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for n in (2, 1):
                batch_op.drop_index(f"ix_{table}_leading_{n}")
    for table, name, column in reversed(FILTER_INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
            batch_op.create_index(name, ["workspace_id", column, "sort_name"], unique=False)
