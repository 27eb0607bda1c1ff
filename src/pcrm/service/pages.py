"""View-models of the service pages: the desk, a request, the new-request form, maintenance
plans and the service settings. Built from the area's services only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from pcrm.accounts.public import account_people, account_refs
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal, active_user_refs, record_history_view
from pcrm.projects.public import projects_of_account
from pcrm.service.desk import service as desk
from pcrm.service.desk.schemas import Clock, RequestFilter
from pcrm.service.plans import service as plans
from pcrm.service.sla import service as sla
from pcrm.service.vocab import (
    LABELS,
    Category,
    Channel,
    ComplaintSeverity,
    DayKind,
    Priority,
    RequestStatus,
)

NOTICES = {
    "created": N_("The service request was recorded."),
    "saved": N_("Saved."),
    "answered": N_("The first response was recorded."),
    "moved": N_("The request's status was changed."),
    "note": N_("The note was added."),
    "plan-created": N_("The maintenance plan was added."),
    "plan-removed": N_("The maintenance plan was removed."),
    "settings": N_("The service settings were saved."),
    "day-added": N_("The day was added to the calendar."),
    "day-removed": N_("The day was removed from the calendar."),
    "targets": N_("The default targets were saved."),
}
PRIORITY_BADGE = {"p1": "red", "p2": "amber", "p3": "blue", "p4": ""}
STATUS_BADGE = {"new": "blue", "in_progress": "amber", "awaiting_customer": "", "closed": "green"}
START = N_("Start work on it")
ACTIONS = {
    RequestStatus.IN_PROGRESS: N_("Reopen"),
    RequestStatus.AWAITING_CUSTOMER: N_("Resolve: ask the customer to confirm"),
    RequestStatus.CLOSED: N_("Close"),
}
OPEN_STATUSES = [RequestStatus.NEW, RequestStatus.IN_PROGRESS, RequestStatus.AWAITING_CUSTOMER]


TARGET_FIELDS = ("targets", "response_minutes", "resolution_minutes", "priority")


def target_error(errors: dict[str, str] | None) -> str | None:
    """The first message about the target rows (their fields come back as `targets.1.…`)."""
    for key, message in (errors or {}).items():
        if key.startswith(TARGET_FIELDS):
            return message
    return None


def labels(locale: str) -> dict[str, dict[str, str]]:
    return {
        cls.__name__: {k: translate(locale, v) for k, v in LABELS[cls].items()}
        for cls in (Priority, Channel, Category, RequestStatus, DayKind, ComplaintSeverity)
    }


def options(cls: type[Any], locale: str) -> list[tuple[str, str]]:
    return [(k, translate(locale, v)) for k, v in LABELS[cls].items()]


def duration(minutes: int, locale: str, day: int | None = None) -> str:
    """Working minutes as the user reads them: 2 h 15 min / 2小时15分; with the length of a
    working day (`day` minutes), a day or more as working days: 3 working days 2 h."""
    if day and abs(minutes) >= day:
        days, rest = divmod(abs(minutes), day)
        text = (
            translate(locale, N_("1 working day"))
            if days == 1
            else translate(locale, N_("%(n)s working days"), n=days)
        )
        return f"{text} {duration(rest, locale)}" if rest else text
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return translate(locale, N_("%(h)s h %(m)s min"), h=hours, m=rest)
    if hours:
        return translate(locale, N_("%(h)s h"), h=hours)
    return translate(locale, N_("%(m)s min"), m=rest)


def clock_text(c: Clock, locale: str, day: int | None = None) -> tuple[str, str]:
    """(text, badge colour) of an SLA clock (`day`: working minutes a day, None for 7×24)."""
    if c.done_at is not None:
        return (
            translate(locale, N_("Breached")) if c.breached else translate(locale, N_("Met")),
            "red" if c.breached else "green",
        )
    left = c.minutes_left or 0
    if c.breached:
        return translate(locale, N_("Overdue %(time)s"), time=duration(left, locale, day)), "red"
    return translate(locale, N_("%(time)s left"), time=duration(left, locale, day)), (
        "amber" if left <= 60 else "blue"
    )


def desk_page(db: Session, principal: Principal, f: RequestFilter, locale: str) -> dict[str, Any]:
    shown = f if f.status else f.model_copy(update={"status": OPEN_STATUSES})
    page = desk.list_requests(db, principal, shown)
    day = sla.calendar(db, principal.scope, principal.timezone, principal.today()).minutes_a_day
    params = [("status", s.value) for s in f.status]
    params += [("priority", p.value) for p in f.priority]
    params += [("category", c.value) for c in f.category]
    if f.breached is not None:
        params.append(("breached", "true" if f.breached else "false"))
    if f.sort:
        params.append(("sort", f.sort))
    base = urlencode(params)
    return {
        "page": page,
        "rows": page.items,
        "clocks": {
            r.id: (
                clock_text(r.response, locale, None if r.around_the_clock else day),
                clock_text(r.resolution_clock, locale, None if r.around_the_clock else day),
            )
            for r in page.items
        },
        "filters": f,
        "base_url": f"/service?{base}&" if base else "/service?",
        "labels": labels(locale),
        "status_options": options(RequestStatus, locale),
        "priority_options": options(Priority, locale),
        "category_options": options(Category, locale),
        "priority_badge": PRIORITY_BADGE,
        "status_badge": STATUS_BADGE,
        "can_write": principal.can(Permission.WRITE_SERVICE),
    }


def request_page(db: Session, principal: Principal, request_id: int, locale: str) -> dict[str, Any]:
    r = desk.get_request(db, principal, request_id)
    plan = plans.get_plan(db, principal, r.plan_id) if r.plan_id else None
    cal = sla.calendar(db, principal.scope, principal.timezone, principal.today())
    day = None if r.around_the_clock else cal.minutes_a_day
    actions = {s.value: translate(locale, ACTIONS[s]) for s in r.next_statuses if s in ACTIONS}
    if r.status is RequestStatus.NEW:
        actions[RequestStatus.IN_PROGRESS.value] = translate(locale, START)
    return {
        "r": r,
        "plan": plan,
        "response_text": clock_text(r.response, locale, day),
        "resolution_text": clock_text(r.resolution_clock, locale, day),
        "notes": desk.notes(db, principal, request_id),
        "history": record_history_view(db, principal, "service_request", r.id, locale),
        "labels": labels(locale),
        "actions": actions,
        "priority_options": options(Priority, locale),
        "severity_options": [("", "—"), *options(ComplaintSeverity, locale)],
        "user_options": [
            (str(u.id), u.display(locale)) for u in active_user_refs(db, principal.scope)
        ],
        "priority_badge": PRIORITY_BADGE,
        "status_badge": STATUS_BADGE,
        "can_write": principal.can(Permission.WRITE_SERVICE),
    }


def new_page(
    db: Session,
    principal: Principal,
    locale: str,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The form; once an account is chosen, its people and projects to choose from."""
    account_id = values.get("account_id")
    account = None
    people: list[tuple[str, str]] = []
    projects: list[tuple[str, str]] = []
    if isinstance(account_id, int):
        account = account_refs(db, principal.scope, {account_id}).get(account_id)
    if account is not None:
        people = [(str(c.id), c.name) for c in account_people(db, principal, account.id)]
        projects = [
            (str(p.id), f"{p.code} {p.name}")
            for p in projects_of_account(db, principal, account.id)
        ]
    return {
        "form": values,
        "errors": errors or {},
        "account": account,
        "contact_options": [("", "—"), *people],
        "project_options": [("", "—"), *projects],
        "user_options": [("", "—")]
        + [(str(u.id), u.display(locale)) for u in active_user_refs(db, principal.scope)],
        "channel_options": options(Channel, locale),
        "category_options": options(Category, locale),
        "priority_options": options(Priority, locale),
        "severity_options": [("", "—"), *options(ComplaintSeverity, locale)],
    }


def plans_page(db: Session, principal: Principal, locale: str) -> dict[str, Any]:
    return {
        "plans": plans.plans(db, principal),
        "labels": labels(locale),
        "can_write": principal.can(Permission.WRITE_SERVICE),
    }


def plan_page(db: Session, principal: Principal, plan_id: int, locale: str) -> dict[str, Any]:
    plan = plans.get_plan(db, principal, plan_id)
    f = RequestFilter(account_id=plan.account_id, status=[], page_size=50)
    recent = desk.list_requests(db, principal, f).items
    return {
        "plan": plan,
        "requests": [r for r in recent if r.plan_id == plan.id],
        "labels": labels(locale),
        "history": record_history_view(db, principal, "service_maintenance_plan", plan.id, locale),
        "can_write": principal.can(Permission.WRITE_SERVICE),
        "duration": lambda m: duration(m, locale),
    }


def new_plan_page(
    db: Session,
    principal: Principal,
    locale: str,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
) -> dict[str, Any]:
    context = new_page(db, principal, locale, values, errors)
    context["targets"] = values.get("targets") or [
        {
            "priority": t.priority.value,
            "response_minutes": t.response_minutes,
            "resolution_minutes": t.resolution_minutes,
            "around_the_clock": t.around_the_clock,
        }
        for t in sla.default_targets(db, principal)
    ]
    context["labels"] = labels(locale)
    context["target_error"] = target_error(errors)
    return context


def settings_page(
    db: Session,
    principal: Principal,
    year: int,
    locale: str,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
) -> dict[str, Any]:
    settings = sla.settings(db, principal)
    return {
        "settings": settings,
        "year": year,
        "days": sla.days_of_year(db, principal, year),
        "targets": sla.default_targets(db, principal),
        "labels": labels(locale),
        "errors": errors or {},
        "target_error": target_error(errors),
        "form": form or {},
        "kind_options": options(DayKind, locale),
        "year_known": year in settings.official_years,
        "can_manage": principal.can(Permission.MANAGE_WORKSPACE),
        "duration": lambda m: duration(m, locale),
        "official_name": lambda name: translate(locale, name),
    }
