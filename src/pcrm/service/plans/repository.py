"""Every query of maintenance plans, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.service.plans.models import MaintenancePlan


def plans(
    db: Session, scope: WorkspaceScope, account_id: int | None = None, limit: int = 500
) -> Sequence[MaintenancePlan]:
    """Newest end first (at most `limit`)."""
    query = select(MaintenancePlan).where(MaintenancePlan.workspace_id == scope.workspace_id)
    if account_id is not None:
        query = query.where(MaintenancePlan.account_id == account_id)
    query = query.order_by(MaintenancePlan.ends_on.desc(), MaintenancePlan.id.desc())
    return db.scalars(query.limit(limit)).all()


def plan(db: Session, scope: WorkspaceScope, plan_id: int) -> MaintenancePlan:
    found = db.scalar(
        select(MaintenancePlan).where(
            MaintenancePlan.workspace_id == scope.workspace_id, MaintenancePlan.id == plan_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def plans_by_ids(
    db: Session, scope: WorkspaceScope, ids: Iterable[int]
) -> dict[int, MaintenancePlan]:
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(MaintenancePlan).where(
        MaintenancePlan.workspace_id == scope.workspace_id, MaintenancePlan.id.in_(wanted)
    )
    return {p.id: p for p in db.scalars(query)}


def in_force(
    db: Session, scope: WorkspaceScope, account_id: int, project_id: int | None, on: date
) -> Sequence[MaintenancePlan]:
    """The account's plans in force on `on` that cover the project (or any, without one):
    those of the project first, then the account-wide ones, the latest start first."""
    query = select(MaintenancePlan).where(
        MaintenancePlan.workspace_id == scope.workspace_id,
        MaintenancePlan.account_id == account_id,
        MaintenancePlan.starts_on <= on,
        MaintenancePlan.ends_on >= on,
    )
    if project_id is not None:
        query = query.where(
            or_(MaintenancePlan.project_id == project_id, MaintenancePlan.project_id.is_(None))
        )
    rows = db.scalars(query.order_by(MaintenancePlan.starts_on.desc(), MaintenancePlan.id)).all()
    return sorted(rows, key=lambda p: p.project_id is None)
