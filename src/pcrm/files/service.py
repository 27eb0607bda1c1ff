"""Keeping and giving back the files of a record of any area. The owner's area checks that the
principal may read or change its record before it calls these; here the file is checked (its
content is what its extension says, and it is within the size limit), kept under a new random
key, recorded with its name, type, size, SHA-256 and uploader, and answered only for its own
kind of owner in its workspace. Nothing is left behind by a failed upload, and a deleted file's
bytes go once the deletion is committed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from pcrm.core.deps import after_commit
from pcrm.core.errors import NotFound
from pcrm.core.history import Reference
from pcrm.core.tenancy import WorkspaceScope
from pcrm.files import repository as repo
from pcrm.files.checks import check_file
from pcrm.files.models import StoredFile
from pcrm.files.schemas import FileRead, FileStream
from pcrm.files.storage import CHUNK, Storage, StoredFileMissing, new_key
from pcrm.identity.public import Principal


def upload_file(
    db: Session,
    scope: WorkspaceScope,
    owner_type: str,
    owner_id: int,
    kind: str,
    filename: str | None,
    stream: BinaryIO,
    storage: Storage,
    max_bytes: int,
    uploaded_by_id: int | None,
    lock_owner: Callable[[], object] | None = None,
) -> FileRead:
    """Check the file, store it under a new random key and record it as the next version of
    its kind for its owner. `lock_owner`, called once the bytes are stored and before the
    version is numbered, holds the owner's row so that two uploads of a kind take turns. If
    anything fails, or the transaction is rolled back later, the bytes go."""
    checked = check_file(stream, filename or "", max_bytes)
    key = new_key()
    stream.seek(0)
    storage.save(key, _read(stream))
    try:
        if lock_owner is not None:
            lock_owner()
        stored = StoredFile(
            workspace_id=scope.workspace_id,
            owner_type=owner_type,
            owner_id=owner_id,
            kind=kind,
            version=repo.latest_version(db, scope, owner_type, owner_id, kind) + 1,
            filename=checked.filename,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            storage_key=key,
            uploaded_by_id=uploaded_by_id,
        )
        db.add(stored)
        db.flush()
    except BaseException:
        storage.delete(key)
        raise
    _discard_on_rollback(db, storage, key)
    return FileRead.model_validate(stored)


def _read(stream: BinaryIO) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK):
        yield chunk


def _discard_on_rollback(db: Session, storage: Storage, key: str) -> None:
    """Delete the stored bytes if this transaction is rolled back rather than committed (a
    savepoint's rollback inside it does not count)."""
    settled = False

    def committed(_session: Session) -> None:
        nonlocal settled
        settled = True

    def rolled_back(_session: Session, previous: SessionTransaction) -> None:
        nonlocal settled
        if not settled and previous.parent is None and not previous.nested:
            settled = True
            storage.delete(key)

    event.listen(db, "after_commit", committed)
    event.listen(db, "after_soft_rollback", rolled_back)


def _owned(
    db: Session, scope: WorkspaceScope, owner_type: str, file_id: int, owner_id: int | None
) -> StoredFile:
    stored = repo.stored_file(db, scope, owner_type, file_id)
    if owner_id is not None and stored.owner_id != owner_id:
        raise NotFound()
    return stored


def get_file(
    db: Session, scope: WorkspaceScope, owner_type: str, file_id: int, owner_id: int | None = None
) -> FileRead:
    """A file of this kind of owner (with `owner_id`, of that owner), else NotFound."""
    return FileRead.model_validate(_owned(db, scope, owner_type, file_id, owner_id))


def owned_files(
    db: Session, scope: WorkspaceScope, owner_type: str, owner_ids: Iterable[int]
) -> list[FileRead]:
    """Every file of these owners: by owner, by kind, newest version first (one query)."""
    return [FileRead.model_validate(f) for f in repo.owned_files(db, scope, owner_type, owner_ids)]


def open_file(
    db: Session,
    scope: WorkspaceScope,
    owner_type: str,
    file_id: int,
    storage: Storage,
    owner_id: int | None = None,
) -> FileStream:
    """A file with its bytes. A row whose bytes are missing from the storage is answered as
    not found."""
    stored = _owned(db, scope, owner_type, file_id, owner_id)
    try:
        chunks = storage.open(stored.storage_key)
    except StoredFileMissing as exc:
        raise NotFound() from exc
    return FileStream(FileRead.model_validate(stored), chunks)


def delete_file(
    db: Session,
    scope: WorkspaceScope,
    owner_type: str,
    file_id: int,
    storage: Storage,
    owner_id: int | None = None,
) -> None:
    """Remove the file (this version only); its bytes are deleted after the commit, so a
    rolled-back request keeps them."""
    stored = _owned(db, scope, owner_type, file_id, owner_id)
    key = stored.storage_key
    db.delete(stored)
    db.flush()
    after_commit(db, lambda _session: storage.delete(key))


def file_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    """Files named for a history by their file name; the owner's page serves the file, so no
    link here."""
    return {fid: Reference(name) for fid, name in repo.filenames(db, reader.scope, ids).items()}
