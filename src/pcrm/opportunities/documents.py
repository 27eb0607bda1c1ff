"""Project documents (项目文档): an opportunity's RFP, Q&A, our proposal, pitch deck, contract
and other files, each kind versioned (a new upload of a kind is its next version; older
versions stay). A file is accepted only when its content is what its extension says, and up to
the size limit (pcrm.files checks it); the bytes go to the storage under a random key, the row
keeps the name, type, size, SHA-256 and uploader. Nothing is left behind by a failed upload,
and a deleted document's file goes once the deletion is committed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from pcrm.core.deps import after_commit
from pcrm.core.errors import NotFound
from pcrm.files.public import CHUNK, Storage, StoredFileMissing, check_file, new_key
from pcrm.identity.public import Permission, Principal, user_refs
from pcrm.opportunities import repository as repo
from pcrm.opportunities.models import Document
from pcrm.opportunities.schemas import DocumentRead, OpportunityDetail
from pcrm.opportunities.service import opportunity_detail
from pcrm.opportunities.vocab import DocumentKind

# --- writing ----------------------------------------------------------------------------------


def upload_document(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    kind: DocumentKind,
    filename: str | None,
    stream: BinaryIO,
    storage: Storage,
    max_bytes: int,
) -> Document:
    """Check the file, store it under a new random key and record it as the next version of
    its kind. If anything fails, or the transaction is rolled back later, the file goes."""
    principal.require(Permission.WRITE)
    scope = principal.scope
    repo.opportunity(db, scope, opportunity_id)
    checked = check_file(stream, filename or "", max_bytes)
    key = new_key()
    stream.seek(0)
    storage.save(key, _read(stream))
    try:
        repo.lock_opportunity(db, scope, opportunity_id)
        version = repo.latest_document_version(db, scope, opportunity_id, kind) + 1
        document = Document(
            workspace_id=scope.workspace_id,
            opportunity_id=opportunity_id,
            kind=kind,
            version=version,
            filename=checked.filename,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            storage_key=key,
            uploaded_by_id=principal.user_id,
        )
        db.add(document)
        db.flush()
    except BaseException:
        storage.delete(key)
        raise
    _discard_on_rollback(db, storage, key)
    return document


def _read(stream: BinaryIO) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK):
        yield chunk


def _discard_on_rollback(db: Session, storage: Storage, key: str) -> None:
    """Delete the stored file if this transaction is rolled back rather than committed (a
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


def delete_document(
    db: Session,
    principal: Principal,
    document_id: int,
    storage: Storage,
    opportunity_id: int | None = None,
) -> None:
    """Remove the document (this version only); its file is deleted after the commit, so a
    rolled-back request keeps it. With `opportunity_id`, the document must belong to it."""
    principal.require(Permission.WRITE)
    document = _document(db, principal, document_id, opportunity_id)
    key = document.storage_key
    db.delete(document)
    db.flush()
    after_commit(db, lambda _session: storage.delete(key))


# --- reading ----------------------------------------------------------------------------------


def list_documents(db: Session, principal: Principal, opportunity_id: int) -> list[DocumentRead]:
    """Every version of every document, by kind, newest version first."""
    principal.require(Permission.READ)
    scope = principal.scope
    repo.opportunity(db, scope, opportunity_id)
    return [DocumentRead.model_validate(d) for d in repo.documents(db, scope, opportunity_id)]


@dataclass(frozen=True, slots=True)
class DocumentsTab:
    """The documents tab of an opportunity: the opportunity (for the page's header), each kind
    that has documents with its versions, newest first, and who uploaded them."""

    opportunity: OpportunityDetail
    groups: list[tuple[DocumentKind, list[DocumentRead]]]
    uploaders: dict[int, str]
    count: int


def documents_tab(
    db: Session, principal: Principal, opportunity_id: int, locale: str
) -> DocumentsTab:
    opportunity = opportunity_detail(db, principal, opportunity_id)  # READ, or 404
    scope = principal.scope
    rows = [DocumentRead.model_validate(d) for d in repo.documents(db, scope, opportunity_id)]
    by_kind: dict[DocumentKind, list[DocumentRead]] = {}
    for d in rows:
        by_kind.setdefault(d.kind, []).append(d)
    ids = {d.uploaded_by_id for d in rows if d.uploaded_by_id is not None}
    names = {uid: ref.display(locale) for uid, ref in user_refs(db, scope, ids).items()}
    groups = [(kind, by_kind[kind]) for kind in DocumentKind if kind in by_kind]
    return DocumentsTab(opportunity, groups, names, len(rows))


@dataclass(frozen=True, slots=True)
class DocumentFile:
    document: DocumentRead
    chunks: Iterator[bytes]


def _document(
    db: Session, principal: Principal, document_id: int, opportunity_id: int | None
) -> Document:
    document = repo.document(db, principal.scope, document_id)
    if opportunity_id is not None and document.opportunity_id != opportunity_id:
        raise NotFound()
    return document


def get_document(db: Session, principal: Principal, document_id: int) -> DocumentRead:
    principal.require(Permission.READ)
    return DocumentRead.model_validate(_document(db, principal, document_id, None))


def open_document(
    db: Session,
    principal: Principal,
    document_id: int,
    storage: Storage,
    opportunity_id: int | None = None,
) -> DocumentFile:
    """A document with its bytes, for a user of its workspace (with `opportunity_id`, of that
    opportunity). A row whose file is missing from the storage is answered as not found."""
    principal.require(Permission.READ)
    document = _document(db, principal, document_id, opportunity_id)
    try:
        chunks = storage.open(document.storage_key)
    except StoredFileMissing as exc:
        raise NotFound() from exc
    return DocumentFile(DocumentRead.model_validate(document), chunks)
