"""Every query of the audit trail, always scoped to the workspace and newest first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pcrm.core.audit import AuditEntry
from pcrm.core.pagination import PageRequest, paginate
from pcrm.core.tenancy import WorkspaceScope


@dataclass(frozen=True, slots=True)
class AuditFilters:
    """Which entries of the trail: each filter left empty matches every entry."""

    entity_type: str | None = None
    entity_id: int | None = None
    actor_user_id: int | None = None
    action: str | None = None
    occurred_from: datetime | None = None  # inclusive
    occurred_before: datetime | None = None  # exclusive


def audit_page(
    db: Session, scope: WorkspaceScope, page: PageRequest, filters: AuditFilters
) -> tuple[list[AuditEntry], int]:
    """One page of the trail, newest first, of the entries the filters match, and how many
    entries match in all."""
    query = _entries(scope, filters.entity_type, filters.entity_id, filters.actor_user_id)
    if filters.action is not None:
        query = query.where(AuditEntry.action == filters.action)
    if filters.occurred_from is not None:
        query = query.where(AuditEntry.occurred_at >= filters.occurred_from)
    if filters.occurred_before is not None:
        query = query.where(AuditEntry.occurred_at < filters.occurred_before)
    return paginate(db, query, page)


def latest_entries(
    db: Session,
    scope: WorkspaceScope,
    limit: int,
    *,
    entity_type: str | None = None,
    entity_id: int | None = None,
    actor_user_id: int | None = None,
) -> Sequence[AuditEntry]:
    """The newest `limit` entries of the records and the actor named (all when none is)."""
    query = _entries(scope, entity_type, entity_id, actor_user_id).limit(limit)
    return db.scalars(query).all()


def _entries(
    scope: WorkspaceScope,
    entity_type: str | None,
    entity_id: int | None,
    actor_user_id: int | None,
) -> Select[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.workspace_id == scope.workspace_id)
    if entity_type is not None:
        query = query.where(AuditEntry.entity_type == entity_type)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    if actor_user_id is not None:
        query = query.where(AuditEntry.actor_user_id == actor_user_id)
    return query.order_by(AuditEntry.id.desc())
