"""The opportunity page's documents tab (项目文档) with its upload form, and the downloads and
deletions made from it. Downloads are attachments with the checked content type, `nosniff` and
a sandboxing CSP, and upload bodies are cut off once they pass the size limit (pcrm.files
serves and limits them)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, Response, UploadFile
from starlette.responses import RedirectResponse

from pcrm.core.deps import DB
from pcrm.core.errors import field_error
from pcrm.core.forms import FormErrors, attempt
from pcrm.core.i18n import N_, format_number, translate
from pcrm.core.templating import render
from pcrm.files.public import (
    ACCEPT_ATTRIBUTE,
    MB,
    TOO_LARGE,
    FileStorage,
    MaxUploadBytes,
    attachment,
    limited_route,
)
from pcrm.identity.public import CurrentPrincipal, Permission, Principal, require
from pcrm.opportunities.documents import service as documents
from pcrm.opportunities.pipeline import pages as presenters
from pcrm.opportunities.vocab import LABELS, DocumentKind


def _too_large_page(request: Request) -> Response:
    opportunity_id = int(request.path_params["opportunity_id"])
    return RedirectResponse(
        f"/opportunities/{opportunity_id}/documents?error=too_large", status_code=303
    )


router = APIRouter(include_in_schema=False, route_class=limited_route(_too_large_page))
presenters.install_template_globals()


# --- the documents tab -------------------------------------------------------------------------

NOTICES = {"uploaded": N_("The document has been uploaded."), "deleted": N_("Removed.")}
PAGE_ERRORS = {"too_large": TOO_LARGE}
KINDS = frozenset(k.value for k in DocumentKind)
Writer = Annotated[Principal, Depends(require(Permission.WRITE))]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    version: int
    filename: str
    size: str
    uploader: str
    uploaded_at: Any
    download_url: str
    delete_url: str


def _size(n: int, locale: str) -> str:
    if n < 1024:
        return f"{format_number(n, locale)} B"
    unit, value = ("KB", Decimal(n) / 1024) if n < MB else ("MB", Decimal(n) / MB)
    places = Decimal("1") if value >= 100 else Decimal("0.1")
    return f"{format_number(value.quantize(places, ROUND_HALF_UP), locale)} {unit}"


def _page_context(
    request: Request,
    db: DB,
    principal: Principal,
    opportunity_id: int,
    *,
    kind: str = "",
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    locale = str(request.state.locale)
    settings = request.app.state.settings
    tab = documents.documents_tab(db, principal, opportunity_id, locale)
    base = f"/opportunities/{opportunity_id}/documents"
    notice = request.query_params.get("notice", "")
    groups = [
        (
            translate(locale, LABELS[DocumentKind][kind_.value]),
            [
                DocumentRow(
                    id=d.id,
                    version=d.version,
                    filename=d.filename,
                    size=_size(d.size, locale),
                    uploader=tab.uploaders.get(d.uploaded_by_id or 0, ""),
                    uploaded_at=d.created_at,
                    download_url=f"{base}/{d.id}/download",
                    delete_url=f"{base}/{d.id}/delete",
                )
                for d in rows
            ],
        )
        for kind_, rows in tab.groups
    ]
    error = request.query_params.get("error", "")
    shown_errors = dict(errors or {})
    if error in PAGE_ERRORS and not shown_errors:
        shown_errors["file"] = translate(locale, PAGE_ERRORS[error])
    return {
        "opportunity": tab.opportunity,
        "active_tab": "documents",
        "groups": groups,
        "document_count": tab.count,
        "can_write": principal.can(Permission.WRITE),
        "notice": translate(locale, NOTICES[notice]) if notice in NOTICES else None,
        "kinds": [
            (k.value, translate(locale, LABELS[DocumentKind][k.value])) for k in DocumentKind
        ],
        "kind": kind,
        "errors": shown_errors,
        "max_mb": settings.max_upload_mb,
        "accept": ACCEPT_ATTRIBUTE,
        "upload_url": base,
    }


@router.get("/opportunities/{opportunity_id}/documents")
def documents_page(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    context = _page_context(request, db, principal, opportunity_id)
    return render(request, "opportunities/documents.html", context, fragment="documents_tab")


@router.post("/opportunities/{opportunity_id}/documents")
def upload_from_page(
    request: Request,
    opportunity_id: int,
    db: DB,
    principal: Writer,
    storage: FileStorage,
    max_bytes: MaxUploadBytes,
    kind: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    def write() -> object:
        if kind not in KINDS:
            raise field_error("kind", N_("Choose one of the allowed values."), "enum")
        return documents.upload_document(
            db,
            principal,
            opportunity_id,
            DocumentKind(kind),
            file.filename if file is not None else None,
            file.file if file is not None else BytesIO(),
            storage,
            max_bytes,
        )

    outcome = attempt(db, str(request.state.locale), write)
    if outcome.ok:
        return RedirectResponse(
            f"/opportunities/{opportunity_id}/documents?notice=uploaded", status_code=303
        )
    context = _page_context(
        request, db, principal, opportunity_id, kind=kind, errors=outcome.errors
    )
    return render(
        request,
        "opportunities/documents.html",
        context,
        status_code=outcome.status,
        fragment="documents_tab",
    )


@router.get("/opportunities/{opportunity_id}/documents/{document_id}/download")
def download_from_page(
    opportunity_id: int, document_id: int, db: DB, principal: CurrentPrincipal, storage: FileStorage
) -> Response:
    return attachment(documents.open_document(db, principal, document_id, storage, opportunity_id))


@router.post("/opportunities/{opportunity_id}/documents/{document_id}/delete")
def delete_from_page(
    opportunity_id: int, document_id: int, db: DB, principal: CurrentPrincipal, storage: FileStorage
) -> Response:
    documents.delete_document(db, principal, document_id, storage, opportunity_id)
    return RedirectResponse(
        f"/opportunities/{opportunity_id}/documents?notice=deleted", status_code=303
    )
