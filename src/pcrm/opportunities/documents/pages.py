"""The view-model of the opportunity page's documents tab (项目文档): each kind that has
documents with its versions, newest first, who uploaded them, and the upload form, read through
the services."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.forms import FormErrors
from pcrm.core.i18n import N_, format_number, translate
from pcrm.files.public import ACCEPT_ATTRIBUTE, MB, TOO_LARGE
from pcrm.identity.public import Permission, Principal, user_refs
from pcrm.opportunities.documents import service as documents
from pcrm.opportunities.documents.schemas import DocumentRead
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.schemas import OpportunityDetail
from pcrm.opportunities.vocab import LABELS, DocumentKind

NOTICES = {"uploaded": N_("The document has been uploaded."), "deleted": N_("Removed.")}
PAGE_ERRORS = {"too_large": TOO_LARGE}


@dataclass(frozen=True, slots=True)
class DocumentsTab:
    """The documents tab of an opportunity: the opportunity (for the page's header), each kind
    that has documents with its versions, newest first, and who uploaded them."""

    opportunity: OpportunityDetail
    groups: list[tuple[DocumentKind, list[DocumentRead]]]
    uploaders: dict[int, str]
    count: int


def _tab(db: Session, principal: Principal, opportunity_id: int, locale: str) -> DocumentsTab:
    opportunity = service.opportunity_detail(db, principal, opportunity_id)  # READ, or 404
    scope = principal.scope
    rows = documents.documents_of(db, scope, [opportunity_id])  # read: checked above
    by_kind: dict[DocumentKind, list[DocumentRead]] = {}
    for d in rows:
        by_kind.setdefault(d.kind, []).append(d)
    ids = {d.uploaded_by_id for d in rows if d.uploaded_by_id is not None}
    names = {uid: ref.display(locale) for uid, ref in user_refs(db, scope, ids).items()}
    groups = [(kind, by_kind[kind]) for kind in DocumentKind if kind in by_kind]
    return DocumentsTab(opportunity, groups, names, len(rows))


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


def documents_page(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    locale: str,
    *,
    notice: str | None,
    error: str,
    max_mb: int,
    kind: str = "",
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    """The tab; `error` names a refusal that came by redirect (a far too large upload)."""
    tab = _tab(db, principal, opportunity_id, locale)
    base = f"/opportunities/{opportunity_id}/documents"
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
    shown_errors = dict(errors or {})
    if error in PAGE_ERRORS and not shown_errors:
        shown_errors["file"] = translate(locale, PAGE_ERRORS[error])
    return {
        "opportunity": tab.opportunity,
        "active_tab": "documents",
        "groups": groups,
        "document_count": tab.count,
        "can_write": principal.can(Permission.WRITE_OPPORTUNITIES),
        "notice": notice,
        "kinds": [
            (k.value, translate(locale, LABELS[DocumentKind][k.value])) for k in DocumentKind
        ],
        "kind": kind,
        "errors": shown_errors,
        "max_mb": max_mb,
        "accept": ACCEPT_ATTRIBUTE,
        "upload_url": base,
    }
