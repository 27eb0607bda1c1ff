"""View-model of the audit log page: a page of the trail with its filters (user, record,
action, days), each entry's values named as the pages name them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from pydantic import ValidationError
from sqlalchemy.orm import Session

from pcrm.core.history import ACTIONS, audited_models, entity_label, name_record
from pcrm.core.i18n import translate
from pcrm.core.problems import field_errors_from_pydantic
from pcrm.identity.audit import service
from pcrm.identity.audit.schemas import AuditAction, AuditQuery
from pcrm.identity.principal import Principal
from pcrm.identity.users.service import all_user_refs

PAGE_SIZE = 25
FILTERS = ("actor_user_id", "entity_type", "entity_id", "action", "occurred_from", "occurred_to")


def audit_query(params: list[tuple[str, str]], locale: str) -> tuple[AuditQuery, dict[str, str]]:
    """The page's filters from its query string, checked with the API's model; bad ones are
    reported inline (in the reader's language) and the log falls back to every entry."""
    raw: dict[str, Any] = {k: v for k, v in params if k in (*FILTERS, "page") and v != ""}
    try:
        return AuditQuery.model_validate({**raw, "page_size": PAGE_SIZE}), {}
    except ValidationError as exc:
        errors = field_errors_from_pydantic(exc.errors(), locale)
        return AuditQuery(page_size=PAGE_SIZE), {e["field"]: e["message"] for e in errors}


def audit_log(
    db: Session, principal: Principal, locale: str, params: list[tuple[str, str]]
) -> dict[str, Any]:
    """A page of the workspace's changes, newest first, filtered as the query string says."""
    query, errors = audit_query(params, locale)
    entries = service.list_audit_entries(db, principal, query)
    chosen = query.model_dump(include=set(FILTERS), exclude_none=True, mode="json")
    kinds = sorted(
        ((e, translate(locale, entity_label(e))) for e in audited_models()),
        key=lambda pair: pair[1],
    )
    record = None
    if query.entity_type is not None and query.entity_id is not None:
        record = name_record(db, principal, query.entity_type, query.entity_id, locale)
    return {
        "entries": entries,
        "record": record,
        "filters": {k: str(chosen.get(k, "")) for k in FILTERS},
        "errors": errors,
        "entity_options": kinds,
        "action_options": [(a.value, translate(locale, ACTIONS[a.value])) for a in AuditAction],
        "user_options": [(u.id, u.display(locale)) for u in all_user_refs(db, principal.scope)],
        "rows": service.history_view(db, principal, entries.items, locale, with_subject=True),
        "base_url": f"/admin/audit?{urlencode(chosen)}&" if chosen else "/admin/audit?",
    }
