"""The view-model of the plan tab (计划): the task table in WBS order with float, critical flag
and variance, the Gantt's labels, links, buffers, deliverables, the customer's hard constraints
the plan breaks, and the plan baselines with their decisions. Built from services only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from pcrm.core.forms import FormErrors, FormValues
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Principal, active_user_refs
from pcrm.projects.baselines import service as baselines
from pcrm.projects.baselines.vocab import LABELS as BASELINE_LABELS
from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus, Decision
from pcrm.projects.deliverables.vocab import LABELS as DELIVERABLE_LABELS
from pcrm.projects.deliverables.vocab import DeliverableStatus
from pcrm.projects.plan import service
from pcrm.projects.plan.approval import service as approval
from pcrm.projects.plan.gantt import service as gantt
from pcrm.projects.plan.schemas import Gantt, GanttTask, Variance
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


PAGE_SIZE = 50
FILTERS = ("q", "phase", "owner", "late")


@dataclass(frozen=True, slots=True)
class TaskFilter:
    """The task table's filters: a WBS number's start or part of a name, a phase, an owner,
    late against the approved baseline; each blank means 'any'."""

    text: str = ""
    phase: str = ""
    owner_id: int | None = None
    late: bool = False

    def keeps(self, task: GanttTask, wbs: str) -> bool:
        wanted = self.text.casefold()
        return (
            (not wanted or wbs.startswith(wanted) or wanted in task.name.casefold())
            and (not self.phase or task.phase == self.phase)
            and (self.owner_id is None or task.owner_id == self.owner_id)
            and (not self.late or (task.variance_days or 0) > 0)
        )


def task_filter(params: Mapping[str, str]) -> tuple[TaskFilter, int]:
    """The filters and the page asked for; a value that makes no sense is ignored."""
    phase = params.get("phase", "")
    owner = params.get("owner", "")
    page = params.get("page", "")
    return (
        TaskFilter(
            text=params.get("q", "").strip()[:100],
            phase=phase if phase in {p.value for p in Phase} else "",
            owner_id=int(owner) if owner.isdigit() and len(owner) < 12 else None,
            late=params.get("late") == "1",
        ),
        int(page) if page.isdigit() and 0 < len(page) < 6 and int(page) > 0 else 1,
    )


def kept_query(params: Mapping[str, str]) -> str:
    """The filters (and page) of the task table to carry through an edit and back."""
    kept = {k: params[k] for k in (*FILTERS, "page") if params.get(k)}
    return urlencode(kept)


def _variance(chart: Gantt) -> Variance:
    """The schedule variance from the Gantt already built (no second load of the tasks)."""
    late = sum(1 for t in chart.tasks if (t.variance_days or 0) > 0)
    return Variance(
        baseline_number=chart.baseline.number if chart.baseline else None,
        baseline_end_on=chart.baseline.end_on if chart.baseline else None,
        end_on=chart.end_on,
        days=chart.variance_days,
        late_tasks=late,
    )


def plan_context(
    db: Session,
    principal: Principal,
    project_id: int,
    locale: str,
    params: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The plan tab: the summary and the Gantt of the whole plan, and one page of the task
    table (WBS order kept, filtered), with the dependencies into the tasks of that page. No
    task drop-down: the forms search tasks through `task_lookup`."""
    params = params or {}
    chart = gantt.gantt(db, principal, project_id)
    names = {t.id: t.name for t in chart.tasks}
    chosen, page_number = task_filter(params)
    ordered = service.wbs_order(chart.tasks)
    numbers = {task.id: number for task, number, _depth in ordered}
    matching = [
        {"task": task, "wbs": number, "depth": min(depth, 6)}
        for task, number, depth in ordered
        if chosen.keeps(task, number)
    ]
    pages = max(1, -(-len(matching) // PAGE_SIZE))
    page_number = min(page_number, pages)
    shown = matching[(page_number - 1) * PAGE_SIZE : page_number * PAGE_SIZE]
    on_page = {row["task"].id for row in shown}
    owners = sorted(
        {(t.owner_id, t.owner_name) for t in chart.tasks if t.owner_id and t.owner_name},
        key=lambda o: o[1],
    )
    phase = {p.value: translate(locale, LABELS[Phase][p.value]) for p in Phase}
    plans = baselines.baseline_versions(db, principal, project_id, BaselineKind.PLAN)
    decisions: dict[int, list[Any]] = {}
    for signed in baselines.sign_offs_of(db, principal, [b.id for b in plans[:3]]):
        decisions.setdefault(signed.baseline_id, []).append(signed)
    register = stakeholders.register(db, principal, project_id)
    filters = {
        "q": chosen.text,
        "phase": chosen.phase,
        "owner": str(chosen.owner_id or ""),
        "late": "1" if chosen.late else "",
    }
    base = urlencode({"tab": "plan", **{k: v for k, v in filters.items() if v}})
    kept = kept_query({**filters, "page": str(page_number)})
    editing = params.get("edit", "")
    context: dict[str, Any] = {}
    if editing.isdigit() and int(editing) in on_page:  # the edit form without HTMX
        context["edit"] = edit_row(db, principal, project_id, int(editing), locale, back=kept)
    return context | {
        "gantt": chart,
        "wbs": shown,
        "wbs_numbers": numbers,
        # what a task picker shows for the task a refused form had chosen
        "task_labels": {str(i): f"{numbers[i]} {n}" for i, n in names.items() if i in numbers},
        "task_page": {
            "page": page_number,
            "pages": pages,
            "total": len(matching),
            "all": len(chart.tasks),
            "base_url": f"/projects/{project_id}?{base}&",
        },
        "task_filters": filters,
        "filtered": any(filters.values()),
        "owner_choices": [(str(i), n) for i, n in owners],
        "kept_query": kept,
        "editing": editing if "edit" in context else "",
        "task_names": names,
        "dependencies": [d for d in chart.links if d.successor_id in on_page],
        "dependencies_paged": pages > 1 or any(filters.values()),
        "buffers": chart.buffers,
        "deliverables": service.deliverables(db, principal, project_id),
        "deliverable_status": {
            k: translate(locale, v) for k, v in DELIVERABLE_LABELS[DeliverableStatus].items()
        },
        "requirement_options": [
            (r.id, f"R-{r.number:03d} {r.title}")
            for r in requirements.list_requirements(db, principal, project_id)
        ],
        "breaches": approval.breaches(db, principal, project_id),
        "variance": _variance(chart),
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


def edit_row(
    db: Session,
    principal: Principal,
    project_id: int,
    task_id: int,
    locale: str,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    back: str = "",
) -> dict[str, Any]:
    """The in-place edit form of one task of the table: its values (or the refused ones with
    their messages), its parent named by WBS number, the phases and the active users."""
    task = service.task(db, principal, project_id, task_id)
    entries = {e.id: e for e in service.outline(db, principal, project_id)}
    parent_id = (values or {}).get("parent_id", str(task.parent_id or ""))
    parent = entries.get(int(parent_id)) if str(parent_id).isdigit() else None
    stored = {
        "name": task.name,
        "parent_id": str(task.parent_id or ""),
        "phase": task.phase.value if task.phase else "",
        "owner_id": str(task.owner_id or ""),
        "start_on": task.start_on.isoformat(),
        "end_on": task.end_on.isoformat(),
        "progress": str(task.progress),
        "is_milestone": task.is_milestone,
    }
    phase = {p.value: translate(locale, LABELS[Phase][p.value]) for p in Phase}
    return {
        "project_id": project_id,
        "t": task,
        "wbs": entries[task.id].wbs if task.id in entries else "",
        "form": FormValues(values if values is not None else stored),
        "errors": errors or {},
        "parent_label": f"{parent.wbs} {parent.name}" if parent else "",
        "phase_choices": list(phase.items()),
        "user_options": [(str(u.id), u.name) for u in active_user_refs(db, principal.scope)],
        "back": back,
    }


def task_lookup(
    db: Session, principal: Principal, project_id: int, params: Mapping[str, str]
) -> dict[str, Any]:
    """The task picker's choices: the project's tasks matching the typed text."""
    text = params.get("q", "")[:100]
    skip = params.get("exclude", "")
    found = service.find_tasks(
        db,
        principal,
        project_id,
        text,
        milestones_only=params.get("milestones") == "1",
        exclude=int(skip) if skip.isdigit() and len(skip) < 12 else None,
    )
    return {
        "found": found,
        "text": text,
        "picker": params.get("picker", "")[:60],
        "limit": service.LOOKUP_LIMIT,
    }
