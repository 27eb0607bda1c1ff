"""View-model of the audit log page."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.history import entity_label
from pcrm.core.i18n import translate
from pcrm.core.pagination import PageRequest
from pcrm.identity.audit import service
from pcrm.identity.principal import Principal

AUDIT_ENTITIES = ("user", "workspace", "api_token", "invitation")


def audit_log(
    db: Session, principal: Principal, locale: str, entity_type: str | None, page: int
) -> dict[str, Any]:
    """A page of the workspace's changes, newest first, of one kind of identity record when
    `entity_type` names one (of any kind otherwise)."""
    chosen = entity_type if entity_type in AUDIT_ENTITIES else None
    entries = service.list_audit_entries(db, principal, PageRequest.checked(page, 50), chosen)
    return {
        "entries": entries,
        "entity_type": chosen or "",
        "entity_options": [(e, translate(locale, entity_label(e))) for e in AUDIT_ENTITIES],
        "rows": service.history_view(db, principal, entries.items, locale, with_subject=True),
        "base_url": f"/admin/audit?entity_type={chosen}&" if chosen else "/admin/audit?",
    }
