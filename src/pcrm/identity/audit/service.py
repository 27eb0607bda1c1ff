"""The audit trail as people read it: the workspace's log, a record's own history, the
workbench's feed of recent changes, and entries made ready for the history component."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.core.history import HistoryRow, history_rows, resolve_references
from pcrm.core.pagination import Page, PageRequest
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.audit import repository as repo
from pcrm.identity.audit.schemas import AuditEntryRead, AuditQuery
from pcrm.identity.permissions import Permission
from pcrm.identity.principal import Principal
from pcrm.identity.users.service import user_refs


def list_audit_entries(
    db: Session, principal: Principal, query: AuditQuery
) -> Page[AuditEntryRead]:
    """A page of the workspace's trail, newest first, filtered by record, actor, action and
    the days (in the workspace's time zone) it happened on. Auditors only."""
    principal.require(Permission.VIEW_AUDIT)
    filters = repo.AuditFilters(
        entity_type=query.entity_type,
        entity_id=query.entity_id,
        actor_user_id=query.actor_user_id,
        action=query.action.value if query.action else None,
        occurred_from=_midnight(query.occurred_from, principal.timezone),
        occurred_before=_midnight(
            query.occurred_to + timedelta(days=1) if query.occurred_to else None,
            principal.timezone,
        ),
    )
    page = PageRequest(query.page, query.page_size)
    rows, total = repo.audit_page(db, principal.scope, page, filters)
    return Page[AuditEntryRead].of([AuditEntryRead.model_validate(r) for r in rows], total, page)


def _midnight(day: date | None, tz: str) -> datetime | None:
    """The start of a local day in the workspace's time zone, in UTC."""
    if day is None:
        return None
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def record_history(
    db: Session, principal: Principal, entity_type: str, entity_id: int, limit: int = 50
) -> list[AuditEntryRead]:
    """A record's own history, for its page. Visible to whoever may read the record."""
    principal.require(Permission.READ)
    entries = repo.latest_entries(
        db, principal.scope, limit, entity_type=entity_type, entity_id=entity_id
    )
    return [AuditEntryRead.model_validate(r) for r in entries]


def recent_changes(db: Session, principal: Principal, limit: int = 8) -> list[AuditEntryRead]:
    """The workbench feed: the whole workspace for auditors, one's own changes for others."""
    actor = None if principal.can(Permission.VIEW_AUDIT) else principal.user_id
    entries = repo.latest_entries(db, principal.scope, limit, actor_user_id=actor)
    return [AuditEntryRead.model_validate(r) for r in entries]


def actor_names(
    db: Session, scope: WorkspaceScope, entries: Iterable[AuditEntryRead], locale: str
) -> dict[int, str]:
    """The users who made these changes, named in the reader's language."""
    ids = {e.actor_user_id for e in entries if e.actor_user_id is not None}
    return {uid: ref.display(locale) for uid, ref in user_refs(db, scope, ids).items()}


def history_view(
    db: Session,
    principal: Principal,
    entries: list[AuditEntryRead],
    locale: str,
    *,
    with_subject: bool = False,
    with_changes: bool = True,
) -> list[HistoryRow]:
    """Audit entries ready for the history component, actors named in the reader's language
    and the records the entries point to named by one query per kind of record."""
    references = resolve_references(
        db, principal, entries, locale, with_subject=with_subject, with_changes=with_changes
    )
    return history_rows(
        entries,
        locale,
        principal.timezone,
        with_subject=with_subject,
        with_changes=with_changes,
        actor_names=actor_names(db, principal.scope, entries, locale),
        references=references,
        currency=principal.currency,
    )


def record_history_view(
    db: Session, principal: Principal, entity_type: str, entity_id: int, locale: str
) -> list[HistoryRow]:
    """A record's own history for its page (whoever may read the record may read it)."""
    return history_view(
        db, principal, record_history(db, principal, entity_type, entity_id), locale
    )
