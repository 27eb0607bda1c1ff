"""The Gantt's data and the schedule variance: the plan's tasks with their float and whether
they are critical (schedule.py, on the server), the links that drive the critical path, the
buffers placed after the work they protect, and beside each task its dates in the customer's
approved plan baseline with the slip of its end."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal, user_refs
from pcrm.projects.baselines import repository as baselines
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus
from pcrm.projects.plan import repository as repo
from pcrm.projects.plan import schedule
from pcrm.projects.plan.models import PlanBuffer
from pcrm.projects.plan.schemas import (
    Gantt,
    GanttBaseline,
    GanttBuffer,
    GanttLink,
    GanttTask,
    Variance,
)
from pcrm.projects.projects import service as projects


def _baseline_dates(baseline: Baseline | None) -> dict[int, tuple[date, date]]:
    if baseline is None:
        return {}
    return {
        entry["id"]: (date.fromisoformat(entry["start_on"]), date.fromisoformat(entry["end_on"]))
        for entry in baseline.content.get("tasks", [])
    }


def _baseline_end(baseline: Baseline | None) -> date | None:
    if baseline is None or not baseline.content.get("end_on"):
        return None
    return date.fromisoformat(baseline.content["end_on"])


def _placed_buffers(rows: Sequence[Any], buffers: list[PlanBuffer]) -> list[GanttBuffer]:
    """A phase's buffers after its last task, the project's after the plan's last task, one
    after the other."""
    placed = []
    ends: dict[Any, date] = {}
    for t in rows:
        if t.phase is not None:
            ends[t.phase] = max(ends.get(t.phase, t.end_on), t.end_on)
    last = max((t.end_on for t in rows), default=None)
    for b in buffers:
        after = ends.get(b.phase) if b.phase is not None else last
        if after is None:
            continue
        start = after + timedelta(days=1)
        end = start + timedelta(days=b.days - 1)
        placed.append(GanttBuffer(id=b.id, phase=b.phase, start_on=start, end_on=end, days=b.days))
        if b.phase is not None:
            ends[b.phase] = end
        else:
            last = end
    return placed


def _approved_pair(
    db: Session, scope: WorkspaceScope, project_id: int
) -> tuple[Baseline | None, Baseline | None]:
    """The latest approved plan baseline and the approved one before it."""
    approved = [
        b
        for b in baselines.baselines(db, scope, project_id, BaselineKind.PLAN)
        if b.status is BaselineStatus.APPROVED
    ]
    return (
        approved[0] if approved else None,
        approved[1] if len(approved) > 1 else None,
    )


def gantt(db: Session, principal: Principal, project_id: int) -> Gantt:
    projects.get_project(db, principal, project_id)
    scope = principal.scope
    # rows and model_construct: the values come from the database's typed columns, and a
    # 2,000-task plan is built in a fraction of validated models' time
    rows = repo.task_rows(db, scope, project_id)
    links = repo.dependency_rows(db, scope, project_id)
    plan = schedule.schedule(
        [schedule.Task(t.id, t.start_on, t.end_on, t.is_milestone) for t in rows],
        [schedule.Link(d.predecessor_id, d.successor_id, d.lag_days) for d in links],
    )
    approved, previous = _approved_pair(db, scope, project_id)
    before = _baseline_dates(approved)
    earlier = _baseline_dates(previous)
    owners = user_refs(db, scope, {t.owner_id for t in rows if t.owner_id})
    tasks = []
    for t in rows:
        timing = plan.timings[t.id]
        was = before.get(t.id)
        tasks.append(
            GanttTask.model_construct(
                id=t.id,
                parent_id=t.parent_id,
                name=t.name,
                phase=t.phase,
                owner_name=owners[t.owner_id].name if t.owner_id in owners else None,
                start_on=t.start_on,
                end_on=t.end_on,
                progress=t.progress,
                is_milestone=t.is_milestone,
                version=t.version,
                critical=timing.critical,
                float_days=timing.total_float,
                baseline_start_on=was[0] if was else None,
                baseline_end_on=was[1] if was else None,
                variance_days=(t.end_on - was[1]).days if was else None,
                previous_start_on=earlier[t.id][0] if t.id in earlier else None,
                previous_end_on=earlier[t.id][1] if t.id in earlier else None,
            )
        )
    end = max((t.end_on for t in rows), default=None)
    baseline_end = _baseline_end(approved)
    critical = sorted(plan.critical_tasks, key=lambda i: (plan.timings[i].early_start, i))
    return Gantt(
        project_id=project_id,
        tasks=tasks,
        links=[
            GanttLink.model_construct(
                id=d.id,
                predecessor_id=d.predecessor_id,
                successor_id=d.successor_id,
                lag_days=d.lag_days,
                critical=(d.predecessor_id, d.successor_id) in plan.critical_links,
                version=d.version,
            )
            for d in links
        ],
        buffers=_placed_buffers(rows, list(repo.buffers(db, scope, project_id))),
        critical_path=critical,
        end_on=end,
        baseline=GanttBaseline(
            id=approved.id, number=approved.number, status=approved.status, end_on=baseline_end
        )
        if approved
        else None,
        previous_baseline=GanttBaseline(
            id=previous.id,
            number=previous.number,
            status=previous.status,
            end_on=_baseline_end(previous),
        )
        if previous
        else None,
        variance_days=(end - baseline_end).days if end and baseline_end else None,
    )


def variance_of(db: Session, scope: WorkspaceScope, project_id: int) -> Variance:
    """The plan's end and its late tasks against the approved plan baseline."""
    rows = repo.tasks(db, scope, project_id)
    approved = baselines.latest_approved(db, scope, project_id, BaselineKind.PLAN)
    before = _baseline_dates(approved)
    end = max((t.end_on for t in rows), default=None)
    baseline_end = _baseline_end(approved)
    return Variance(
        baseline_number=approved.number if approved else None,
        baseline_end_on=baseline_end,
        end_on=end,
        days=(end - baseline_end).days if end and baseline_end else None,
        late_tasks=sum(1 for t in rows if t.id in before and t.end_on > before[t.id][1]),
    )


def variance(db: Session, principal: Principal, project_id: int) -> Variance:
    projects.get_project(db, principal, project_id)
    return variance_of(db, principal.scope, project_id)
