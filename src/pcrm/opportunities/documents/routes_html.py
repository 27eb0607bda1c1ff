"""The opportunity page's documents tab (项目文档) with its upload form, and the downloads and
deletions made from it. Downloads are attachments with the checked content type, `nosniff` and
a sandboxing CSP, and upload bodies are cut off once they pass the size limit (pcrm.files
serves and limits them). A handler resolves, calls one page builder or service, and renders."""

from __future__ import annotations

from io import BytesIO
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, Response, UploadFile

from pcrm.core.deps import DB
from pcrm.core.forms import FormErrors, attempt
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.files.public import FileStorage, MaxUploadBytes, attachment, limited_route
from pcrm.identity.public import CurrentPrincipal, Permission, Principal, require
from pcrm.opportunities.documents import forms, pages
from pcrm.opportunities.documents import service as documents
from pcrm.opportunities.pipeline import pages as pipeline_pages

TAB = "opportunities/documents.html"


def _too_large_page(request: Request) -> Response:
    opportunity_id = int(request.path_params["opportunity_id"])
    return redirect(f"/opportunities/{opportunity_id}/documents?error=too_large")


router = APIRouter(include_in_schema=False, route_class=limited_route(_too_large_page))
pipeline_pages.install_template_globals()
Writer = Annotated[Principal, Depends(require(Permission.WRITE))]


def _tab(
    request: Request,
    db: DB,
    principal: Principal,
    opportunity_id: Id,
    *,
    kind: str = "",
    errors: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    context = pages.documents_page(
        db,
        principal,
        opportunity_id,
        page_locale(request),
        notice=notice(request, pages.NOTICES),
        error=request.query_params.get("error", ""),
        max_mb=request.app.state.settings.max_upload_mb,
        kind=kind,
        errors=errors,
    )
    return render(request, TAB, context, status_code=status_code, fragment="documents_tab")


@router.get("/opportunities/{opportunity_id}/documents")
def documents_page(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    return _tab(request, db, principal, opportunity_id)


@router.post("/opportunities/{opportunity_id}/documents")
def upload_from_page(
    request: Request,
    opportunity_id: Id,
    db: DB,
    principal: Writer,
    storage: FileStorage,
    max_bytes: MaxUploadBytes,
    kind: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    outcome = attempt(
        db,
        page_locale(request),
        lambda: documents.upload_document(
            db,
            principal,
            opportunity_id,
            forms.kind(kind),
            file.filename if file is not None else None,
            file.file if file is not None else BytesIO(),
            storage,
            max_bytes,
        ),
    )
    if outcome.ok:
        return redirect(f"/opportunities/{opportunity_id}/documents", "uploaded")
    return _tab(
        request,
        db,
        principal,
        opportunity_id,
        kind=kind,
        errors=outcome.errors,
        status_code=outcome.status,
    )


@router.get("/opportunities/{opportunity_id}/documents/{document_id}/download")
def download_from_page(
    opportunity_id: Id, document_id: Id, db: DB, principal: CurrentPrincipal, storage: FileStorage
) -> Response:
    return attachment(documents.open_document(db, principal, document_id, storage, opportunity_id))


@router.post("/opportunities/{opportunity_id}/documents/{document_id}/delete")
def delete_from_page(
    opportunity_id: Id, document_id: Id, db: DB, principal: CurrentPrincipal, storage: FileStorage
) -> Response:
    documents.delete_document(db, principal, document_id, storage, opportunity_id)
    return redirect(f"/opportunities/{opportunity_id}/documents", "deleted")
