"""Every query of the lists' saved views and chosen columns, scoped to the workspace and user."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.accounts.lists.models import ListColumns, SavedView
from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope


def saved_views(
    db: Session, scope: WorkspaceScope, user_id: int, list_name: str
) -> Sequence[SavedView]:
    query = (
        select(SavedView)
        .where(
            SavedView.workspace_id == scope.workspace_id,
            SavedView.user_id == user_id,
            SavedView.list_name == list_name,
        )
        .order_by(SavedView.name)
    )
    return db.scalars(query).all()


def saved_view(db: Session, scope: WorkspaceScope, user_id: int, view_id: int) -> SavedView:
    found = db.scalar(
        select(SavedView).where(
            SavedView.workspace_id == scope.workspace_id,
            SavedView.user_id == user_id,
            SavedView.id == view_id,
        )
    )
    if found is None:
        raise NotFound()
    return found


def list_columns(
    db: Session, scope: WorkspaceScope, user_id: int, list_name: str
) -> ListColumns | None:
    return db.scalar(
        select(ListColumns).where(
            ListColumns.workspace_id == scope.workspace_id,
            ListColumns.user_id == user_id,
            ListColumns.list_name == list_name,
        )
    )
