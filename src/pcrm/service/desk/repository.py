"""Every query of service requests, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, or_, select
from sqlalchemy.orm import Session

from pcrm.core.db import UTCDateTime
from pcrm.core.errors import NotFound
from pcrm.core.pagination import PageRequest, count_capped, parse_sort
from pcrm.core.tenancy import WorkspaceScope
from pcrm.service.desk.models import RequestNote, ServiceRequest
from pcrm.service.desk.schemas import RequestFilter

R = ServiceRequest
SORTS: dict[str, Any] = {
    "resolution_due": R.resolution_due_at,
    "response_due": R.response_due_at,
    "received": R.received_at,
    "priority": R.priority,
    "number": R.number,
}
LIST_CAP = 10_000


def breached(now: datetime) -> ColumnElement[bool]:
    """A clock is breached when it stopped after its due, or still runs past it (a clock that
    runs counts as stopping now: NULL-safe, so its negation is exact too)."""
    at = literal(now, UTCDateTime())
    return or_(
        func.coalesce(R.first_response_at, at) > R.response_due_at,
        func.coalesce(R.resolved_at, at) > R.resolution_due_at,
    )


def _filtered(scope: WorkspaceScope, f: RequestFilter, now: datetime) -> Select[Any]:
    query = select(R).where(R.workspace_id == scope.workspace_id)
    if f.status:
        query = query.where(R.status.in_(f.status))
    if f.priority:
        query = query.where(R.priority.in_(f.priority))
    if f.category:
        query = query.where(R.category.in_(f.category))
    if f.account_id is not None:
        query = query.where(R.account_id == f.account_id)
    if f.assignee_id is not None:
        query = query.where(R.assignee_id == f.assignee_id)
    if f.breached is not None:
        query = query.where(breached(now) if f.breached else ~breached(now))
    return query


def page(
    db: Session, scope: WorkspaceScope, f: RequestFilter, now: datetime, request: PageRequest
) -> tuple[list[ServiceRequest], int, bool]:
    query = _filtered(scope, f, now)
    order = [*parse_sort(f.sort, SORTS, "resolution_due"), R.id]
    ids = list(
        db.scalars(
            query.with_only_columns(R.id)
            .order_by(*order)
            .limit(request.page_size)
            .offset(request.offset)
        )
    )
    rows = (
        {
            r.id: r
            for r in db.scalars(
                select(R).where(R.workspace_id == scope.workspace_id, R.id.in_(ids))
            )
        }
        if ids
        else {}
    )
    total, capped = count_capped(db, query, LIST_CAP)
    return [rows[i] for i in ids if i in rows], total, capped


def request(db: Session, scope: WorkspaceScope, request_id: int) -> ServiceRequest:
    found = db.scalar(select(R).where(R.workspace_id == scope.workspace_id, R.id == request_id))
    if found is None:
        raise NotFound()
    return found


def next_number(db: Session, scope: WorkspaceScope) -> int:
    return (
        int(db.scalar(select(func.max(R.number)).where(R.workspace_id == scope.workspace_id)) or 0)
        + 1
    )


def notes(db: Session, scope: WorkspaceScope, request_id: int) -> Sequence[RequestNote]:
    query = select(RequestNote).where(
        RequestNote.workspace_id == scope.workspace_id, RequestNote.request_id == request_id
    )
    return db.scalars(query.order_by(RequestNote.created_at, RequestNote.id)).all()


def of_account(db: Session, scope: WorkspaceScope, account_id: int) -> Sequence[ServiceRequest]:
    """Every request of the account (for its counts), oldest first."""
    query = select(R).where(R.workspace_id == scope.workspace_id, R.account_id == account_id)
    return db.scalars(query.order_by(R.received_at)).all()


def recent_of_account(
    db: Session, scope: WorkspaceScope, account_id: int, limit: int = 50
) -> Sequence[ServiceRequest]:
    query = select(R).where(R.workspace_id == scope.workspace_id, R.account_id == account_id)
    return db.scalars(query.order_by(R.received_at.desc(), R.id.desc()).limit(limit)).all()
