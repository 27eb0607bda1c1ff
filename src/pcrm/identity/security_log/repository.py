"""Every query of the security log: appends, and pages of one workspace's events, newest
first. There is no update or delete here on purpose."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pcrm.core.pagination import PageRequest, paginate
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.security_log.models import SecurityEvent
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome


def append(db: Session, row: dict[str, Any]) -> None:
    db.execute(insert(SecurityEvent), [row])


def events_page(
    db: Session,
    scope: WorkspaceScope,
    page: PageRequest,
    *,
    kind: SecurityEventKind | None = None,
    outcome: SecurityOutcome | None = None,
    user_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[list[SecurityEvent], int]:
    """One page of the workspace's events matching the filters, newest first, and how many
    match in all. `until` is exclusive."""
    query = select(SecurityEvent).where(SecurityEvent.workspace_id == scope.workspace_id)
    if kind is not None:
        query = query.where(SecurityEvent.kind == kind)
    if outcome is not None:
        query = query.where(SecurityEvent.outcome == outcome)
    if user_id is not None:
        query = query.where(SecurityEvent.user_id == user_id)
    if since is not None:
        query = query.where(SecurityEvent.occurred_at >= since)
    if until is not None:
        query = query.where(SecurityEvent.occurred_at < until)
    return paginate(db, query.order_by(SecurityEvent.id.desc()), page)
