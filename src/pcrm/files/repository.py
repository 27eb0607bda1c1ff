"""Every query of the files area, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.files.models import StoredFile


def stored_file(db: Session, scope: WorkspaceScope, owner_type: str, file_id: int) -> StoredFile:
    """A file of this kind of owner, or NotFound (a file of another kind of owner too)."""
    found = db.scalar(
        select(StoredFile).where(
            StoredFile.workspace_id == scope.workspace_id,
            StoredFile.id == file_id,
            StoredFile.owner_type == owner_type,
        )
    )
    if found is None:
        raise NotFound()
    return found


def owned_files(
    db: Session, scope: WorkspaceScope, owner_type: str, owner_ids: Iterable[int]
) -> Sequence[StoredFile]:
    """The files of these owners: by owner, by kind, newest version first."""
    wanted = set(owner_ids)
    if not wanted:
        return []
    query = select(StoredFile).where(
        StoredFile.workspace_id == scope.workspace_id,
        StoredFile.owner_type == owner_type,
        StoredFile.owner_id.in_(wanted),
    )
    return db.scalars(
        query.order_by(
            StoredFile.owner_id, StoredFile.kind, StoredFile.version.desc(), StoredFile.id
        )
    ).all()


def latest_version(
    db: Session, scope: WorkspaceScope, owner_type: str, owner_id: int, kind: str
) -> int:
    query = select(func.max(StoredFile.version)).where(
        StoredFile.workspace_id == scope.workspace_id,
        StoredFile.owner_type == owner_type,
        StoredFile.owner_id == owner_id,
        StoredFile.kind == kind,
    )
    return int(db.scalar(query) or 0)


def filenames(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> dict[int, str]:
    """Id → file name of the workspace's files among `ids`, whatever owns them (one query)."""
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(StoredFile.id, StoredFile.filename).where(
        StoredFile.workspace_id == scope.workspace_id, StoredFile.id.in_(wanted)
    )
    return {row.id: row.filename for row in db.execute(query)}
