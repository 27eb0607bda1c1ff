"""The view-model of the plan tab (计划): the task table in WBS order with float, critical flag
and variance, the Gantt's labels, links, buffers, deliverables, the customer's hard constraints
the plan breaks, and the plan baselines with their decisions. Built from services only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Principal
from pcrm.projects.baselines import service as baselines
from pcrm.projects.baselines.vocab import LABELS as BASELINE_LABELS
from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus, Decision
from pcrm.projects.plan import service
from pcrm.projects.plan.approval import service as approval
from pcrm.projects.plan.gantt import service as gantt
from pcrm.projects.plan.schemas import GanttTask
from pcrm.projects.requirements import service as requirements
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.vocab import LABELS, Phase

NOTICES = {
    "task-added": N_("The task was added."),
    "task-removed": N_("The task was removed."),
    "dependency-added": N_("The dependency was added."),
    "dependency-removed": N_("The dependency was removed."),
    "buffer-added": N_("The buffer was added."),
    "buffer-removed": N_("The buffer was removed."),
    "deliverable-added": N_("The deliverable was added."),
    "deliverable-removed": N_("The deliverable was removed."),
    "plan-sent": N_("The plan was sent to the customer for approval."),
    "plan-decided": N_("The customer's decision on the plan was recorded."),
}
# The words the Gantt's script shows, in the page's language.
GANTT_LABELS = {
    "day": N_("Day"),
    "week": N_("Week"),
    "month": N_("Month"),
    "saved": N_("The task's dates were saved."),
    "refused": N_("The change was refused:"),
    "failed": N_("The change could not be saved. Reload and try again."),
    "critical": N_("On the critical path"),
    "float": N_("Float (days)"),
    "baseline": N_("Approved baseline"),
    "variance": N_("Variance (days)"),
    "progress": N_("Progress"),
    "buffer": N_("Buffer"),
    "milestone": N_("Milestone"),
    "owner": N_("Owner"),
    "empty": N_("No tasks planned yet."),
}


def _wbs(tasks: list[GanttTask]) -> list[dict[str, Any]]:
    """The tasks in WBS order (each under its parent) with their outline number and depth."""
    children: dict[int | None, list[GanttTask]] = {}
    known = {t.id for t in tasks}
    for t in tasks:
        children.setdefault(t.parent_id if t.parent_id in known else None, []).append(t)
    rows: list[dict[str, Any]] = []

    def walk(parent: int | None, prefix: str, depth: int) -> None:
        for n, t in enumerate(children.get(parent, []), start=1):
            number = f"{prefix}{n}"
            rows.append({"task": t, "wbs": number, "depth": min(depth, 6)})
            walk(t.id, f"{number}.", depth + 1)

    walk(None, "", 0)
    return rows


def plan_context(db: Session, principal: Principal, project_id: int, locale: str) -> dict[str, Any]:
    chart = gantt.gantt(db, principal, project_id)
    names = {t.id: t.name for t in chart.tasks}
    phase = {p.value: translate(locale, LABELS[Phase][p.value]) for p in Phase}
    plans = [
        b
        for b in baselines.list_baselines(db, principal, project_id)
        if b.kind == BaselineKind.PLAN
    ]
    decisions = {b.id: baselines.baseline_sign_offs(db, principal, b.id) for b in plans[:3]}
    register = stakeholders.register(db, principal, project_id)
    return {
        "gantt": chart,
        "wbs": _wbs(chart.tasks),
        "task_names": names,
        "task_options": [(str(t.id), t.name) for t in chart.tasks],
        "milestone_options": [(str(t.id), t.name) for t in chart.tasks if t.is_milestone],
        "dependencies": chart.links,
        "buffers": chart.buffers,
        "deliverables": service.deliverables(db, principal, project_id),
        "requirement_options": [
            (r.id, f"R-{r.number:03d} {r.title}")
            for r in requirements.list_requirements(db, principal, project_id)
        ],
        "breaches": approval.breaches(db, principal, project_id),
        "variance": gantt.variance(db, principal, project_id),
        "plan_baselines": plans,
        "decisions": decisions,
        "under_review": next((b for b in plans[:1] if b.status == BaselineStatus.IN_REVIEW), None),
        "approver_options": [(str(s.id), s.contact_name) for s in register if s.is_approver],
        "phase_labels": phase,
        "phase_choices": list(phase.items()),
        "baseline_status": {
            s.value: translate(locale, BASELINE_LABELS[BaselineStatus][s.value])
            for s in BaselineStatus
        },
        "decision_choices": [
            (d.value, translate(locale, BASELINE_LABELS[Decision][d.value])) for d in Decision
        ],
        "decision_labels": {
            d.value: translate(locale, BASELINE_LABELS[Decision][d.value]) for d in Decision
        },
        "gantt_labels": {k: translate(locale, v) for k, v in GANTT_LABELS.items()},
    }
