"""The Gantt's data and the schedule variance: the plan's tasks with their float and whether
they are critical (schedule.py, on the server), the links that drive the critical path, the
buffers placed after the work they protect, and beside each task its dates in the customer's
approved plan baseline with the slip of its end."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from pydantic_core import to_json
from sqlalchemy.orm import Session

from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal, user_refs
from pcrm.projects.baselines import repository as baselines
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus
from pcrm.projects.plan import repository as repo
from pcrm.projects.plan import schedule
from pcrm.projects.plan.models import PlanBuffer
from pcrm.projects.plan.schemas import Gantt, Variance
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


def _placed_buffers(
    ends: dict[Any, date], last: date | None, buffers: Sequence[PlanBuffer]
) -> list[dict[str, Any]]:
    """A phase's buffers after its last task (`ends`: the last day of each phase's tasks), the
    project's after the plan's last task (`last`), one after the other (GanttBuffer's fields)."""
    placed = []
    ends = dict(ends)
    for b in buffers:
        after = ends.get(b.phase) if b.phase is not None else last
        if after is None:
            continue
        start = after + timedelta(days=1)
        end = start + timedelta(days=b.days - 1)
        placed.append(
            {"id": b.id, "phase": b.phase, "start_on": start, "end_on": end, "days": b.days}
        )
        if b.phase is not None:
            ends[b.phase] = end
        else:
            last = end
    return placed


def _approved_pair(
    db: Session, scope: WorkspaceScope, project_id: int
) -> tuple[Baseline | None, Baseline | None]:
    """The latest approved plan baseline and the approved one before it, with their snapshots
    (the versions are listed without theirs: each change request adds one of some 130 KB)."""
    listed = baselines.baselines(db, scope, project_id, BaselineKind.PLAN, with_content=False)
    ids = [b.id for b in listed if b.status is BaselineStatus.APPROVED][:2]
    pair = [baselines.baseline(db, scope, baseline_id) for baseline_id in ids]
    return (pair[0] if pair else None, pair[1] if len(pair) > 1 else None)


def gantt_data(db: Session, principal: Principal, project_id: int) -> dict[str, Any]:
    """The Gantt as plain values: dicts with the fields of Gantt and its items, in their order.

    A 2,000-task plan makes 5,000 items; as dicts they cost a fraction of pydantic models
    (even unvalidated ones), and the API serializes them in one call (gantt_json). The rows are
    unpacked as tuples (repository.task_rows and dependency_rows give their columns' order)."""
    projects.get_project(db, principal, project_id)
    scope = principal.scope
    rows = repo.task_rows(db, scope, project_id)
    links = repo.dependency_rows(db, scope, project_id)
    plan = schedule.schedule(
        [schedule.Task(t[0], t[5], t[6], t[8]) for t in rows],
        [schedule.Link(d[1], d[2], d[3]) for d in links],
    )
    approved, previous = _approved_pair(db, scope, project_id)
    before = _baseline_dates(approved)
    earlier = _baseline_dates(previous)
    owners = user_refs(db, scope, {t.owner_id for t in rows if t.owner_id})
    names: dict[int | None, str] = {user_id: ref.name for user_id, ref in owners.items()}
    timings = plan.timings
    tasks = []
    ends: dict[Any, date] = {}  # the last day of each phase's tasks
    last: date | None = None
    for task_id, parent_id, name, phase, owner, start_on, end_on, progress, milestone, v in rows:
        timing = timings[task_id]
        was = before.get(task_id)
        slack = timing.late_start - timing.early_start
        tasks.append(
            {
                "id": task_id,
                "parent_id": parent_id,
                "name": name,
                "phase": phase,
                "owner_id": owner,
                "owner_name": names.get(owner),
                "start_on": start_on,
                "end_on": end_on,
                "progress": progress,
                "is_milestone": milestone,
                "version": v,
                "critical": slack <= 0,
                "float_days": slack,
                "baseline_start_on": was[0] if was else None,
                "baseline_end_on": was[1] if was else None,
                "variance_days": (end_on - was[1]).days if was else None,
                "previous_start_on": earlier[task_id][0] if task_id in earlier else None,
                "previous_end_on": earlier[task_id][1] if task_id in earlier else None,
            }
        )
        if last is None or end_on > last:
            last = end_on
        if phase is not None and (phase not in ends or end_on > ends[phase]):
            ends[phase] = end_on
    baseline_end = _baseline_end(approved)
    critical_links = plan.critical_links
    return {
        "project_id": project_id,
        "tasks": tasks,
        "links": [
            {
                "id": link_id,
                "predecessor_id": before_id,
                "successor_id": after_id,
                "lag_days": lag,
                "critical": (before_id, after_id) in critical_links,
                "version": v,
            }
            for link_id, before_id, after_id, lag, v in links
        ],
        "buffers": _placed_buffers(ends, last, repo.buffers(db, scope, project_id)),
        "critical_path": sorted(plan.critical_tasks, key=lambda i: (timings[i].early_start, i)),
        "end_on": last,
        "baseline": {
            "id": approved.id,
            "number": approved.number,
            "status": approved.status,
            "end_on": baseline_end,
        }
        if approved
        else None,
        "previous_baseline": {
            "id": previous.id,
            "number": previous.number,
            "status": previous.status,
            "end_on": _baseline_end(previous),
        }
        if previous
        else None,
        "variance_days": (last - baseline_end).days if last and baseline_end else None,
    }


def gantt(db: Session, principal: Principal, project_id: int) -> Gantt:
    """The Gantt as a model (the plan tab reads its attributes)."""
    return Gantt.model_validate(gantt_data(db, principal, project_id))


def gantt_json(db: Session, principal: Principal, project_id: int) -> bytes:
    """The Gantt's JSON, the same bytes as gantt(...).model_dump_json(), without the models."""
    return to_json(gantt_data(db, principal, project_id))


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
