"""The plan baseline (计划基线): the tasks, links and buffers with their dates, frozen and sent
for the customer's approval through the baselines service.

Before it goes, the plan is checked against the customer's hard constraints: its last day with
the project-end buffers against a deadline, the project's budget baseline against a budget
ceiling. Each hard constraint it breaks must be acknowledged with a reason; the
acknowledgements are part of the baseline's content (and so of its hash), which records who
sent it knowing what.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.errors import Conflict, FieldError, ValidationFailed
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal
from pcrm.projects.baselines import service as baselines
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.baselines.vocab import BaselineKind
from pcrm.projects.constraints import repository as constraints
from pcrm.projects.plan import repository as repo
from pcrm.projects.plan.schemas import Breach, PlanBaselineCreate
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project
from pcrm.projects.vocab import ConstraintKind

NO_TASK = N_("There is no task to send for approval.")
UNACKNOWLEDGED = N_(
    "The plan breaks a hard constraint of the customer: acknowledge each one with a reason."
)
NOT_BROKEN = N_("Acknowledge only the hard constraints the plan breaks.")


def plan_end(db: Session, scope: WorkspaceScope, project_id: int) -> date | None:
    """The plan's last day of work plus its buffers at the project's end."""
    last = repo.last_end(db, scope, project_id)
    if last is None:
        return None
    reserve = sum(b.days for b in repo.buffers(db, scope, project_id) if b.phase is None)
    return last + timedelta(days=reserve)


def _breaches(db: Session, scope: WorkspaceScope, project: Project) -> list[Breach]:
    end = plan_end(db, scope, project.id)
    found = []
    for c in constraints.constraints(db, scope, project.id):
        if not c.is_hard:
            continue
        late = c.kind is ConstraintKind.DEADLINE and c.due_on and end and end > c.due_on
        over = (
            c.kind is ConstraintKind.BUDGET_CEILING
            and c.amount is not None
            and project.budget_amount is not None
            and project.budget_amount > c.amount
        )
        if late or over:
            found.append(
                Breach(
                    constraint_id=c.id,
                    kind=c.kind,
                    statement=c.statement,
                    due_on=c.due_on if late else None,
                    plan_end_on=end if late else None,
                    ceiling=c.amount if over else None,
                    budget=project.budget_amount if over else None,
                )
            )
    return found


def breaches(db: Session, principal: Principal, project_id: int) -> list[Breach]:
    """The customer's hard constraints the plan breaks as it stands."""
    project = projects.get_project(db, principal, project_id)
    return _breaches(db, principal.scope, project)


def plan_content(db: Session, scope: WorkspaceScope, project_id: int) -> dict[str, Any]:
    """The plan as the customer sees it: tasks with dates, links and buffers."""
    return {
        "tasks": [
            {
                "id": t.id,
                "parent_id": t.parent_id,
                "name": t.name,
                "phase": str(t.phase) if t.phase else None,
                "owner_id": t.owner_id,
                "start_on": t.start_on.isoformat(),
                "end_on": t.end_on.isoformat(),
                "is_milestone": t.is_milestone,
                "progress": t.progress,
            }
            for t in repo.tasks(db, scope, project_id)
        ],
        "dependencies": [
            {"predecessor_id": d.predecessor_id, "successor_id": d.successor_id, "lag": d.lag_days}
            for d in repo.dependencies(db, scope, project_id)
        ],
        "buffers": [
            {"phase": str(b.phase) if b.phase else None, "days": b.days, "note": b.note}
            for b in repo.buffers(db, scope, project_id)
        ],
    }


def send_plan_for_approval(
    db: Session, principal: Principal, project_id: int, data: PlanBaselineCreate
) -> Baseline:
    """Freeze the plan as the next plan baseline, under the customer's review; refused while a
    broken hard constraint is not acknowledged with a reason."""
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    content = plan_content(db, scope, project.id)
    if not content["tasks"]:
        raise Conflict(NO_TASK)
    broken = {b.constraint_id: b for b in _breaches(db, scope, project)}
    given = {a.constraint_id: a.reason for a in data.acknowledgements}
    errors = []
    if set(broken) - set(given):
        errors.append(FieldError("acknowledgements", UNACKNOWLEDGED, "missing"))
    if set(given) - set(broken):
        errors.append(FieldError("acknowledgements", NOT_BROKEN))
    if errors:
        raise ValidationFailed(errors)
    content["end_on"] = max(t["end_on"] for t in content["tasks"])
    content["acknowledged"] = [
        {
            "constraint_id": b.constraint_id,
            "kind": str(b.kind),
            "statement": b.statement,
            "due_on": b.due_on.isoformat() if b.due_on else None,
            "plan_end_on": b.plan_end_on.isoformat() if b.plan_end_on else None,
            "ceiling": str(b.ceiling) if b.ceiling is not None else None,
            "budget": str(b.budget) if b.budget is not None else None,
            "reason": given[b.constraint_id],
            "acknowledged_by_id": principal.user_id,
        }
        for b in broken.values()
    ]
    return baselines.freeze(db, principal, project, BaselineKind.PLAN, content, data.note)
