"""View-models of the project pages: the list, the board by phase, the new-project form and the
project page with its tabs (overview, team, stakeholders with the power/interest grid,
constraints, goals, training, history). Built from services only; templates format, they never
compute."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from pcrm.accounts.public import account_people, account_refs
from pcrm.core.errors import Conflict
from pcrm.core.forms import FormErrors, FormValues, attempt, posted_id
from pcrm.core.i18n import N_, translate
from pcrm.core.pages import page_locale, redirect
from pcrm.core.pagination import PageRequest
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import Permission, Principal, active_user_refs, record_history_view
from pcrm.projects.baselines import pages as baseline_pages
from pcrm.projects.changes import pages as change_pages
from pcrm.projects.closure import pages as closure_pages
from pcrm.projects.conflicts import pages as conflict_pages
from pcrm.projects.constraints import service as constraints
from pcrm.projects.customer import pages as customer_pages
from pcrm.projects.deliverables import pages as deliverable_pages
from pcrm.projects.editing import pages as edit
from pcrm.projects.goals import pages as goal_pages
from pcrm.projects.meetings import pages as meeting_pages
from pcrm.projects.plan import pages as plan_pages
from pcrm.projects.plan.gantt import service as plan_gantt
from pcrm.projects.projects import forms, service
from pcrm.projects.projects.schemas import ProjectQuery
from pcrm.projects.reports import pages as report_pages
from pcrm.projects.requirements import pages as requirement_pages
from pcrm.projects.risks import pages as risk_pages
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.team import service as team
from pcrm.projects.training import pages as training_pages
from pcrm.projects.vocab import (
    LABELS,
    ConstraintKind,
    Phase,
    ProjectStatus,
    Quadrant,
    TeamRole,
)

PAGE = "projects/project.html"
TABS = (
    "overview",
    "requirements",
    "baselines",
    "team",
    "stakeholders",
    "constraints",
    "goals",
    "plan",
    "deliverables",
    "training",
    "changes",
    "risks",
    "conflicts",
    "meetings",
    "closure",
    "reports",
    "history",
)
NOTICES = {
    "created": N_("The project was created."),
    "converted": N_("The opportunity was converted to a project."),
    "already-converted": N_("This opportunity has already been converted to a project."),
    "saved": N_("Saved."),
    "status": N_("The status was changed."),
    "phase": N_("The project moved to its next phase."),
    "terminated": N_("The customer's termination was recorded; the project is archived."),
    "member-added": N_("The team member was added."),
    "member-removed": N_("The team member was removed."),
    "stakeholder-added": N_("The stakeholder was added."),
    "stakeholder-removed": N_("The stakeholder was removed."),
    "portal-revoked": N_("The contact's portal access was ended."),
    "constraint-added": N_("The constraint was added."),
    "constraint-removed": N_("The constraint was removed."),
    **requirement_pages.NOTICES,
    **baseline_pages.NOTICES,
    **plan_pages.NOTICES,
    **goal_pages.NOTICES,
    **training_pages.NOTICES,
    **change_pages.NOTICES,
    **risk_pages.NOTICES,
    **conflict_pages.NOTICES,
    **meeting_pages.NOTICES,
    **deliverable_pages.NOTICES,
    **closure_pages.NOTICES,
    **report_pages.NOTICES,
}
STATUS_BADGE = {
    ProjectStatus.DRAFT: "",
    ProjectStatus.ACTIVE: "green",
    ProjectStatus.ON_HOLD: "amber",
    ProjectStatus.CLOSED: "blue",
    ProjectStatus.ARCHIVED: "",
    ProjectStatus.TERMINATED: "red",
}
# The button of each status action.
ACTIONS = {
    ProjectStatus.ACTIVE: N_("Start / resume"),
    ProjectStatus.ON_HOLD: N_("Put on hold"),
    ProjectStatus.CLOSED: N_("Close"),
    ProjectStatus.ARCHIVED: N_("Archive"),
}
# The tabs whose view-model needs only the project and the reader's language.
SIMPLE_TABS: dict[str, Callable[[Session, Principal, int, str], dict[str, Any]]] = {
    "goals": goal_pages.goals_tab,
    "training": training_pages.training_tab,
    "conflicts": conflict_pages.conflicts_tab,
    "meetings": meeting_pages.meetings_tab,
    "reports": report_pages.reports_tab,
}
QUADRANT_ORDER = (
    Quadrant.KEEP_SATISFIED,
    Quadrant.MANAGE_CLOSELY,
    Quadrant.MONITOR,
    Quadrant.KEEP_INFORMED,
)


def label(value: StrEnum, locale: str) -> str:
    return translate(locale, LABELS[type(value)][value.value])


def choices(values: Iterable[StrEnum], locale: str) -> list[tuple[str, str]]:
    return [(v.value, label(v, locale)) for v in values]


def vocab(locale: str) -> dict[str, Any]:
    return {
        "status": {s.value: label(s, locale) for s in ProjectStatus},
        "status_badge": {s.value: STATUS_BADGE[s] for s in ProjectStatus},
        "phase": {p.value: label(p, locale) for p in Phase},
    }


def list_page(
    db: Session, principal: Principal, query: ProjectQuery, locale: str, notice: str | None
) -> dict[str, Any]:
    filters = service.filters_of(query)
    page = service.list_projects(
        db, principal, filters, PageRequest(query.page, query.page_size), query.sort
    )
    kept = {
        "q": query.q or "",
        "status": [s.value for s in query.status],
        "phase": [p.value for p in query.phase],
        "sort": query.sort or "",
    }
    base = urlencode({k: v for k, v in kept.items() if v}, doseq=True)
    current = query.sort or "-updated_at"
    return {
        "page": page,
        "rows": page.items,
        "vocab": vocab(locale),
        "notice": notice,
        "filters": kept,
        "status_choices": choices(ProjectStatus, locale),
        "phase_choices": choices(Phase, locale),
        "base_url": f"/projects?{base}&" if base else "/projects?",
        "sort_links": _sort_links(kept, current, locale),
        "can_write": principal.can(Permission.WRITE_PROJECTS),
    }


SORT_LABELS = {
    "code": N_("Project code"),
    "name": N_("Project name"),
    "status": N_("Status"),
    "phase": N_("Phase"),
    "budget_amount": N_("Budget baseline"),
    "start_on": N_("Start (baseline)"),
    "end_on": N_("End (baseline)"),
}


def _sort_links(kept: dict[str, Any], current: str, locale: str) -> dict[str, dict[str, str]]:
    links = {}
    for key, text in SORT_LABELS.items():
        descending = current == key
        target = f"-{key}" if descending else key
        query = urlencode({**{k: v for k, v in kept.items() if v}, "sort": target}, doseq=True)
        arrow = "↑" if current == key else "↓" if current == f"-{key}" else ""
        links[key] = {"url": f"/projects?{query}", "label": translate(locale, text), "arrow": arrow}
    return links


def board_page(
    db: Session, principal: Principal, query: ProjectQuery, locale: str
) -> dict[str, Any]:
    columns = service.board(db, principal, service.filters_of(query))
    return {"columns": columns, "vocab": vocab(locale), "filters": {"q": query.q or ""}}


def new_page(
    db: Session,
    principal: Principal,
    locale: str,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    form = FormValues(values or {})
    account = posted_id(form["account_id"])
    named = account_refs(db, principal.scope, {account}) if account is not None else {}
    return {
        "form": form,
        "errors": errors or {},
        "account_label": named[account].name if account in named else "",
        "user_options": [
            (str(u.id), u.display(locale)) for u in active_user_refs(db, principal.scope)
        ],
    }


def project_page(
    db: Session,
    principal: Principal,
    project_id: int,
    tab: str,
    locale: str,
    notice: str | None,
    *,
    failed: str | None = None,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    problem: str | None = None,
    params: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The project page on `tab`; after a refused form, `failed` names the form whose
    `values` and `errors` to show, and `problem` a refused action's message. `params` are the
    address's query (the requirements tab's filters)."""
    detail = service.project_detail(db, principal, project_id)
    tab = tab if tab in TABS else "overview"
    writable = principal.can(Permission.WRITE_PROJECTS) and detail.status not in (
        ProjectStatus.ARCHIVED,
        ProjectStatus.TERMINATED,
    )
    context: dict[str, Any] = {
        "project": detail,
        "tab": tab,
        "tabs": [
            ("overview", translate(locale, N_("Overview"))),
            ("requirements", translate(locale, N_("Requirements"))),
            ("baselines", translate(locale, N_("Baselines and sign-offs"))),
            ("team", translate(locale, N_("Team"))),
            ("stakeholders", translate(locale, N_("Stakeholders"))),
            ("constraints", translate(locale, N_("Constraints"))),
            ("goals", translate(locale, N_("Goals"))),
            ("plan", translate(locale, N_("Plan"))),
            ("deliverables", translate(locale, N_("Deliverables"))),
            ("training", translate(locale, N_("Training"))),
            ("changes", translate(locale, N_("Changes"))),
            ("risks", translate(locale, N_("Risks"))),
            ("conflicts", translate(locale, N_("Issues and conflicts"))),
            ("meetings", translate(locale, N_("Meetings"))),
            ("closure", translate(locale, N_("Closure"))),
            ("reports", translate(locale, N_("Reports"))),
            ("history", translate(locale, N_("History"))),
        ],
        "vocab": vocab(locale),
        "notice": notice,
        "problem": problem,
        "can_write": writable,
        "actions": [(s.value, translate(locale, ACTIONS[s])) for s in detail.next_statuses],
        "next_phase": _next_phase(detail.phase, locale),
        "is_admin": principal.can(Permission.MANAGE_WORKSPACE),
        "failed": failed,
        "form": FormValues(values or {}),
        "errors": errors or {},
        "phases": [(p.value, label(p, locale)) for p in Phase],
        "editing": "",
    }
    people = account_people(db, principal, detail.account_id) if writable else []
    context["contact_options"] = [(str(c.id), c.name) for c in people]
    users = active_user_refs(db, principal.scope) if writable else []
    context["user_options"] = [(str(u.id), u.name) for u in users]
    if tab == "overview":
        context.update(baseline_pages.overview_acts(db, principal, detail, locale))
        context["plan_variance"] = plan_gantt.variance(db, principal, project_id)
    elif tab == "requirements":
        context.update(
            requirement_pages.requirements_tab(
                db, principal, project_id, detail.account_id, locale, params or {}
            )
        )
    elif tab == "baselines":
        context.update(baseline_pages.baselines_tab(db, principal, detail, locale, params or {}))
    elif tab == "team":
        context["members"] = team.team(db, principal, project_id)
        context["roles"] = {r.value: label(r, locale) for r in TeamRole}
        context["role_choices"] = choices(TeamRole, locale)
    elif tab == "stakeholders":
        context.update(customer_pages.portal_card(db, principal, project_id, locale))
        context["stakeholders"] = register = stakeholders.register(db, principal, project_id)
        context["grid"] = [
            {
                "quadrant": q.value,
                "label": label(q, locale),
                "people": [s for s in register if s.quadrant is q],
            }
            for q in QUADRANT_ORDER
        ]
        context["labels"] = {
            cls.__name__: {k: translate(locale, v) for k, v in LABELS[cls].items()}
            for cls in LABELS
        }
    elif tab == "constraints":
        context["constraints"] = constraints.constraints(db, principal, project_id)
        context["kind_choices"] = choices(ConstraintKind, locale)
        context["kinds"] = {k.value: label(k, locale) for k in ConstraintKind}
        context["source_options"] = [
            (str(s.id), s.contact_name) for s in stakeholders.register(db, principal, project_id)
        ]
    elif tab == "plan":
        context.update(plan_pages.plan_context(db, principal, project_id, locale, params))
    elif tab == "deliverables":
        context.update(
            deliverable_pages.deliverables_tab(
                db, principal, project_id, locale, writable, params or {}
            )
        )
    elif tab in SIMPLE_TABS:
        context.update(SIMPLE_TABS[tab](db, principal, project_id, locale))
    elif tab == "changes":
        context.update(
            change_pages.changes_tab(db, principal, project_id, locale, params or {}, writable)
        )
    elif tab == "risks":
        context.update(risk_pages.risks_tab(db, principal, project_id, locale, params or {}))
    elif tab == "closure":
        context.update(closure_pages.closure_tab(db, principal, project_id, locale, writable))
    elif tab == "history":
        context["history"] = record_history_view(db, principal, "project", project_id, locale)
    target = edit.editing_of(params or {}) if writable else None
    if target is not None and edit.KINDS[target[0]].tab == tab:  # an edit form without HTMX
        context["edit_form"] = edit.edit_form(db, principal, project_id, *target, locale)
        context["editing"] = f"{target[0]}-{target[1]}"
    return context


def _next_phase(phase: Phase, locale: str) -> str | None:
    phases = list(Phase)
    at = phases.index(phase)
    return label(phases[at + 1], locale) if at + 1 < len(phases) else None


def form_write(
    request: Request,
    db: Session,
    principal: Principal,
    project_id: Id,
    tab: str,
    name: str,
    data: dict[str, Any],
    write: Callable[[], object],
    done: str,
) -> Response:
    """Run a form's write; on success back to the tab with the notice, else the tab with the
    form's values and messages (422), or the refusal's message (409)."""
    principal.require(Permission.WRITE_PROJECTS)  # a refused user gets 403, not field errors
    locale = page_locale(request)
    try:
        outcome = attempt(db, locale, write)
    except Conflict as exc:
        db.rollback()
        context = project_page(
            db, principal, project_id, tab, locale, None, problem=translate(locale, exc.detail)
        )
        return render(request, PAGE, context, status_code=409)
    if outcome.ok:
        return redirect(f"/projects/{project_id}?tab={tab}", done)
    context = project_page(
        db,
        principal,
        project_id,
        tab,
        locale,
        None,
        failed=name,
        values=forms.echo(data),
        errors=outcome.errors,
    )
    return render(request, PAGE, context, status_code=outcome.status)
