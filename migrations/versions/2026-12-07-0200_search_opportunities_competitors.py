"""Global search: opportunities and competitors get the search columns (search_text: the
name normalised with its pinyin initials; sort_name: the name in pinyin order), filled for
the rows there are with the same functions the services use.

Revision ID: 5c0e7f3a9b21
Revises: 5ec0e7a1b2c4
Create Date: 2026-12-07 02:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pcrm.accounts.search.models import index_fields, sort_key

revision: str = "5c0e7f3a9b21"
down_revision: str | None = "5ec0e7a1b2c4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = {"opportunities": ("name",), "competitors": ("name", "website")}


def upgrade() -> None:
    bind = op.get_bind()
    for table, fields in SEARCHED.items():
        op.add_column(table, sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
        op.add_column(
            table, sa.Column("sort_name", sa.String(400), nullable=False, server_default="")
        )
        rows = bind.execute(sa.text(f"SELECT id, {', '.join(fields)} FROM {table}"))
        update = sa.text(
            f"UPDATE {table} SET search_text = :text, sort_name = :sort WHERE id = :id"
        )
        values = [
            {"id": row[0], "text": index_fields(row[1:])[0], "sort": sort_key(row[1])}
            for row in rows
        ]
        if values:
            bind.execute(update, values)


def downgrade() -> None:
    for table in SEARCHED:
        op.drop_column(table, "sort_name")  # SQLite 3.35+ drops a column in place
        op.drop_column(table, "search_text")
