"""Project documents (项目文档) over the JSON API: upload, list, read, download and delete.
Downloads are attachments with the checked content type, `nosniff` and a sandboxing CSP, and
upload bodies are cut off once they pass the size limit (pcrm.files serves and limits them)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile, status
from starlette.responses import StreamingResponse

from pcrm.core.deps import DB
from pcrm.core.types import Id
from pcrm.files.public import (
    FileStorage,
    MaxUploadBytes,
    attachment,
    limited_route,
    refuse_too_large,
)
from pcrm.identity.public import CurrentPrincipal
from pcrm.opportunities.documents import service as documents
from pcrm.opportunities.documents.schemas import DocumentRead
from pcrm.opportunities.vocab import DocumentKind

router = APIRouter(
    prefix="/api/v1", tags=["opportunities"], route_class=limited_route(refuse_too_large)
)


@router.post(
    "/opportunities/{opportunity_id}/documents",
    status_code=status.HTTP_201_CREATED,
    summary="Upload a document (the next version of its kind)",
    description="Multipart form with `kind` and `file`. Accepted, by content: PDF, Word, Excel "
    "and PowerPoint (.docx/.xlsx/.pptx and .doc/.xls/.ppt), PNG, JPEG, UTF-8 text (.txt) and "
    "ZIP, up to the configured size limit (PCRM_MAX_UPLOAD_MB, 25 MB by default). A file whose "
    "content does not match its extension is a 422.",
)
def upload_document(
    opportunity_id: Id,
    kind: Annotated[DocumentKind, Form(description="rfp, qa, proposal, pitch, contract, other")],
    file: Annotated[UploadFile, File(description="The file")],
    principal: CurrentPrincipal,
    db: DB,
    storage: FileStorage,
    max_bytes: MaxUploadBytes,
    response: Response,
) -> DocumentRead:
    created = documents.upload_document(
        db, principal, opportunity_id, kind, file.filename, file.file, storage, max_bytes
    )
    response.headers["Location"] = f"/api/v1/opportunity-documents/{created.id}"
    return created


@router.get(
    "/opportunities/{opportunity_id}/documents",
    summary="An opportunity's documents: every version, by kind, newest version first",
)
def list_documents(opportunity_id: Id, principal: CurrentPrincipal, db: DB) -> list[DocumentRead]:
    return documents.list_documents(db, principal, opportunity_id)


@router.get("/opportunity-documents/{document_id}", summary="A document's details")
def get_document(document_id: Id, principal: CurrentPrincipal, db: DB) -> DocumentRead:
    return documents.get_document(db, principal, document_id)


@router.get(
    "/opportunity-documents/{document_id}/download",
    summary="Download a document (as an attachment)",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}, "description": "The file"}},
)
def download_document(
    document_id: Id, principal: CurrentPrincipal, db: DB, storage: FileStorage
) -> StreamingResponse:
    return attachment(documents.open_document(db, principal, document_id, storage))


@router.delete(
    "/opportunity-documents/{document_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a document version (its file goes once the deletion is committed)",
)
def delete_document(
    document_id: Id, principal: CurrentPrincipal, db: DB, storage: FileStorage
) -> None:
    documents.delete_document(db, principal, document_id, storage)
