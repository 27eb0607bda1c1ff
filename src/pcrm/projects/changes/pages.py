"""View-models of the changes tab (变更) and of a change request's page: the list with its
state filter and counts, the options comparison side by side, and the choices of the forms.
Built from services only; the templates only format."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from pcrm.accounts.public import account_people
from pcrm.core.forms import FormErrors, FormValues
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal, record_history_view
from pcrm.projects.baselines import service as baselines
from pcrm.projects.baselines.vocab import LABELS as BASELINE_LABELS
from pcrm.projects.baselines.vocab import Decision, SignOffChannel
from pcrm.projects.changes import service
from pcrm.projects.changes.schemas import ChangeDetail, ChangeRead, OptionRead
from pcrm.projects.changes.vocab import (
    LABELS,
    ChangeCategory,
    ChangeOrigin,
    ChangeState,
    ImpactLevel,
)
from pcrm.projects.plan import service as plan
from pcrm.projects.projects import service as projects
from pcrm.projects.requirements import service as requirements
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.vocab import ProjectStatus

NOTICES = {
    "change-raised": N_("The change request was raised."),
    "change-saved": N_("The change request was saved."),
    "option-added": N_("The option was added."),
    "option-saved": N_("The option was saved."),
    "option-removed": N_("The option was removed."),
    "change-analysed": N_("The impact is recorded as analysed."),
    "change-sent": N_("The change request went to the customer for a decision."),
    "change-decided": N_("The customer's decision was recorded."),
    "change-implemented": N_("The change is recorded as implemented."),
    "change-withdrawn": N_("The change request was withdrawn."),
}
TOO_LARGE = N_("The file is too large.")
STATE_BADGE = {
    ChangeState.SUBMITTED: "",
    ChangeState.IMPACT_ANALYSED: "blue",
    ChangeState.AWAITING_DECISION: "amber",
    ChangeState.APPROVED: "green",
    ChangeState.REJECTED: "red",
    ChangeState.IMPLEMENTED: "green",
    ChangeState.WITHDRAWN: "",
}
LEVEL_BADGE = {
    ImpactLevel.NONE: "",
    ImpactLevel.LOW: "blue",
    ImpactLevel.MEDIUM: "amber",
    ImpactLevel.HIGH: "red",
}


def _labels(cls: type[Any], locale: str) -> dict[str, str]:
    return {k: translate(locale, v) for k, v in LABELS[cls].items()}


def vocab(locale: str) -> dict[str, Any]:
    return {
        "state": _labels(ChangeState, locale),
        "state_badge": {s.value: STATE_BADGE[s] for s in ChangeState},
        "origin": _labels(ChangeOrigin, locale),
        "category": _labels(ChangeCategory, locale),
        "level": _labels(ImpactLevel, locale),
        "level_badge": {lv.value: LEVEL_BADGE[lv] for lv in ImpactLevel},
        "decision": {k: translate(locale, v) for k, v in BASELINE_LABELS[Decision].items()},
        "channel": {k: translate(locale, v) for k, v in BASELINE_LABELS[SignOffChannel].items()},
    }


def _choices(db: Session, principal: Principal, project_id: int) -> dict[str, Any]:
    project = projects.get_project(db, principal, project_id)
    return {
        "requirement_options": [
            (str(r.id), f"R-{r.number:03d} {r.title}")
            for r in requirements.list_requirements(db, principal, project_id)
        ],
        "task_options": [(str(t.id), t.name) for t in plan.tasks(db, principal, project_id)],
        "deliverable_options": [
            (str(d.id), d.name) for d in plan.deliverables(db, principal, project_id)
        ],
        "activity_options": [
            (str(i), text) for i, text in service.activity_choices(db, principal, project).items()
        ],
        "meeting_options": [
            (str(i), text) for i, text in service.meeting_choices(db, principal, project).items()
        ],
    }


def changes_tab(
    db: Session,
    principal: Principal,
    project_id: int,
    locale: str,
    params: Mapping[str, str],
    writable: bool,
) -> dict[str, Any]:
    """The tab: the counts per state (each a filter), the list, and the form to raise one."""
    wanted = params.get("state", "")
    state = ChangeState(wanted) if wanted in ChangeState.__members__.values() else None
    listed = service.list_changes(db, principal, project_id, state)
    labels = _labels(ChangeState, locale)
    context: dict[str, Any] = {
        "changes": listed.items,
        "change_state": state.value if state else "",
        "change_total": listed.total,
        "change_counts": [(s.value, labels[s.value], listed.counts[s]) for s in ChangeState],
        "change_vocab": vocab(locale),
        "origin_options": [
            (o.value, translate(locale, LABELS[ChangeOrigin][o])) for o in ChangeOrigin
        ],
        "category_options": [
            (c.value, translate(locale, LABELS[ChangeCategory][c])) for c in ChangeCategory
        ],
    }
    if writable:
        context.update(_choices(db, principal, project_id))
    return context


def comparison(options: list[OptionRead], chosen: int | None) -> list[dict[str, Any]]:
    """One column per option, side by side: what it costs, how late it makes the plan and
    what it changes."""
    columns = []
    for o in options:
        columns.append(
            {
                "id": o.id,
                "label": o.label,
                "title": o.title,
                "chosen": o.id == chosen,
                "cost_delta": o.cost_delta,
                "schedule_delta_days": o.schedule_delta_days or 0,
                "milestones": [m for m in o.impact.moved if m.is_milestone],
                "moved_tasks": len(o.impact.moved),
                "new_end_on": o.impact.new_end_on,
                "end_days": o.impact.end_days,
                "quality_level": o.quality_level.value,
                "quality_effect": o.quality_effect,
                "new_risks": o.new_risks,
                "version": o.version,
            }
        )
    return columns


def _values(change: ChangeRead) -> dict[str, Any]:
    return {
        "title": change.title,
        "reason": change.reason,
        "category": change.category.value,
        "raised_on": change.raised_on.isoformat(),
        "raised_by_contact_id": str(change.raised_by_contact_id or ""),
        "billable": change.billable,
        "requirement_ids": [str(r.id) for r in change.requirements],
        "task_ids": [str(t.id) for t in change.tasks],
        "deliverable_ids": [str(d.id) for d in change.deliverables],
        "activity_ids": [str(a.id) for a in change.activities],
        "meeting_ids": [str(m.id) for m in change.meetings],
    }


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _option_values(o: OptionRead) -> dict[str, Any]:
    return {
        "title": o.title,
        "cost_delta": _plain(o.cost_delta),
        "schedule_delta_days": str(o.schedule_delta_days or ""),
        "task_ids": [str(t) for t in o.task_ids],
        "quality_level": o.quality_level.value,
        "quality_effect": o.quality_effect or "",
        "new_risks": o.new_risks or "",
    }


def change_page(
    db: Session,
    principal: Principal,
    project_id: int,
    change_id: int,
    locale: str,
    notice: str | None,
    *,
    failed: str | None = None,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    problem: str | None = None,
) -> dict[str, Any]:
    change: ChangeDetail = service.change_detail(db, principal, project_id, change_id)
    project = projects.read_project(db, principal, project_id)
    writable = principal.can(Permission.WRITE_PROJECTS) and project.status not in (
        ProjectStatus.ARCHIVED,
        ProjectStatus.TERMINATED,
    )
    state = change.state
    chosen = change.decision.option_id if change.decision else None
    register = stakeholders.register(db, principal, project_id)
    context: dict[str, Any] = {
        "project": project,
        "change": change,
        "v": vocab(locale),
        "notice": notice,
        "problem": problem,
        "can_write": writable,
        "columns": comparison(change.options, chosen),
        "chosen_label": next((o.label for o in change.options if o.id == chosen), None),
        "editable": writable and state in service.EDITABLE,
        "options_open": writable and state in service.OPTIONS_OPEN,
        "can_analyse": writable and state is ChangeState.SUBMITTED,
        "can_send": writable and state is ChangeState.IMPACT_ANALYSED,
        "can_decide": writable and state is ChangeState.AWAITING_DECISION,
        "can_implement": writable and state is ChangeState.APPROVED,
        "can_withdraw": writable and state in service.BEFORE_DECISION,
        "approver_options": [(str(s.id), s.contact_name) for s in register if s.is_approver],
        "level_options": [
            (lv.value, translate(locale, LABELS[ImpactLevel][lv])) for lv in ImpactLevel
        ],
        "category_options": [
            (c.value, translate(locale, LABELS[ChangeCategory][c])) for c in ChangeCategory
        ],
        "affected_task_options": [(str(t.id), t.label) for t in change.tasks],
        "failed": failed,
        "errors": errors or {},
        "form": FormValues(values or {}),
        "change_values": _values(change),
        "option_values": {o.id: _option_values(o) for o in change.options},
        "evidence_names": baselines.evidence_names(db, principal, project_id)
        if change.decision and change.decision.evidence_file_id
        else {},
        "history": record_history_view(db, principal, "project_change_request", change.id, locale),
    }
    if writable and state in service.EDITABLE:
        context.update(_choices(db, principal, project_id))
        context["contact_options"] = [
            (str(c.id), c.name) for c in account_people(db, principal, project.account_id)
        ]
    return context
