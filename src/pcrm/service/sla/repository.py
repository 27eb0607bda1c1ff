"""Every query of the SLA settings, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.service.sla.models import CalendarDay, ServiceSettings, SlaTarget


def settings(db: Session, scope: WorkspaceScope) -> ServiceSettings | None:
    return db.scalar(
        select(ServiceSettings).where(ServiceSettings.workspace_id == scope.workspace_id)
    )


def calendar_days(
    db: Session, scope: WorkspaceScope, first: date | None = None, last: date | None = None
) -> Sequence[CalendarDay]:
    query = select(CalendarDay).where(CalendarDay.workspace_id == scope.workspace_id)
    if first is not None:
        query = query.where(CalendarDay.day >= first)
    if last is not None:
        query = query.where(CalendarDay.day <= last)
    return db.scalars(query.order_by(CalendarDay.day)).all()


def calendar_day(db: Session, scope: WorkspaceScope, day_id: int) -> CalendarDay:
    found = db.scalar(
        select(CalendarDay).where(
            CalendarDay.workspace_id == scope.workspace_id, CalendarDay.id == day_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def calendar_day_on(db: Session, scope: WorkspaceScope, day: date) -> CalendarDay | None:
    return db.scalar(
        select(CalendarDay).where(
            CalendarDay.workspace_id == scope.workspace_id, CalendarDay.day == day
        )
    )


def targets(db: Session, scope: WorkspaceScope, plan_id: int | None) -> Sequence[SlaTarget]:
    """The plan's targets, or the workspace's defaults (`plan_id` None), by priority."""
    query = select(SlaTarget).where(SlaTarget.workspace_id == scope.workspace_id)
    query = query.where(
        SlaTarget.plan_id.is_(None) if plan_id is None else SlaTarget.plan_id == plan_id
    )
    return db.scalars(query.order_by(SlaTarget.priority)).all()


def targets_of_plans(
    db: Session, scope: WorkspaceScope, plan_ids: Iterable[int]
) -> dict[int, list[SlaTarget]]:
    """The targets of many plans in one query, by plan, each by priority."""
    wanted = list(plan_ids)
    found: dict[int, list[SlaTarget]] = {plan_id: [] for plan_id in wanted}
    if not wanted:
        return found
    query = select(SlaTarget).where(
        SlaTarget.workspace_id == scope.workspace_id, SlaTarget.plan_id.in_(wanted)
    )
    for target in db.scalars(query.order_by(SlaTarget.priority)):
        if target.plan_id is not None:
            found[target.plan_id].append(target)
    return found
