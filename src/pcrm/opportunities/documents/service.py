"""Project documents (项目文档): an opportunity's RFP, Q&A, our proposal, pitch deck, contract
and other files, each kind versioned (a new upload of a kind is its next version; older
versions stay). They are files of the opportunity in pcrm.files, which checks, stores and
serves them; this area decides who may see and change them: a user of the workspace reads
them, a writer uploads and deletes them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from sqlalchemy.orm import Session

from pcrm.core.tenancy import WorkspaceScope
from pcrm.files.public import (
    FileRead,
    FileStream,
    Storage,
    delete_file,
    get_file,
    open_file,
    owned_files,
    upload_file,
)
from pcrm.identity.public import Permission, Principal
from pcrm.opportunities.documents.schemas import DocumentRead
from pcrm.opportunities.pipeline import repository as repo
from pcrm.opportunities.vocab import DocumentKind

OWNER = "opportunity"  # the documents' owner type in pcrm.files


def _read(stored: FileRead) -> DocumentRead:
    return DocumentRead(
        id=stored.id,
        opportunity_id=stored.owner_id,
        kind=DocumentKind(stored.kind),
        version=stored.version,
        filename=stored.filename,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by_id=stored.uploaded_by_id,
        created_at=stored.created_at,
    )


def documents_of(
    db: Session, scope: WorkspaceScope, opportunity_ids: Iterable[int]
) -> list[DocumentRead]:
    """The documents of these opportunities: by opportunity, by kind, newest version first
    (one query). The caller has checked that they may be read."""
    return [_read(f) for f in owned_files(db, scope, OWNER, opportunity_ids)]


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
) -> DocumentRead:
    """Check the file, store it and record it as the next version of its kind. The
    opportunity's row is held while the version is numbered, so two uploads take turns."""
    principal.require(Permission.WRITE_OPPORTUNITIES)
    scope = principal.scope
    repo.opportunity(db, scope, opportunity_id)
    stored = upload_file(
        db,
        scope,
        OWNER,
        opportunity_id,
        kind.value,
        filename,
        stream,
        storage,
        max_bytes,
        principal.user_id,
        lock_owner=lambda: repo.lock_opportunity(db, scope, opportunity_id),
    )
    return _read(stored)


def delete_document(
    db: Session,
    principal: Principal,
    document_id: int,
    storage: Storage,
    opportunity_id: int | None = None,
) -> None:
    """Remove the document (this version only); its file is deleted after the commit, so a
    rolled-back request keeps it. With `opportunity_id`, the document must belong to it."""
    principal.require(Permission.WRITE_OPPORTUNITIES)
    delete_file(db, principal.scope, OWNER, document_id, storage, opportunity_id)


# --- reading ----------------------------------------------------------------------------------


def list_documents(db: Session, principal: Principal, opportunity_id: int) -> list[DocumentRead]:
    """Every version of every document, by kind, newest version first."""
    principal.require(Permission.READ)
    scope = principal.scope
    repo.opportunity(db, scope, opportunity_id)
    return documents_of(db, scope, [opportunity_id])


def get_document(db: Session, principal: Principal, document_id: int) -> DocumentRead:
    principal.require(Permission.READ)
    return _read(get_file(db, principal.scope, OWNER, document_id))


def open_document(
    db: Session,
    principal: Principal,
    document_id: int,
    storage: Storage,
    opportunity_id: int | None = None,
) -> FileStream:
    """A document with its bytes, for a user of its workspace (with `opportunity_id`, of that
    opportunity). A document whose file is missing from the storage is answered as not
    found."""
    principal.require(Permission.READ)
    return open_file(db, principal.scope, OWNER, document_id, storage, opportunity_id)
