"""Every query of the audit trail, always scoped to the workspace and newest first."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import WorkspaceScope


def audit_query(
    db: Session,
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
