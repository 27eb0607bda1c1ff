"""The service pages: the desk (服务台), a request with its clocks and timeline, the form to
record one, maintenance plans and the service settings (hours, calendar, default targets).
Every write goes through the same services as the JSON API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import ValidationError
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import Conflict
from pcrm.core.forms import PostedForm, attempt, posted_id
from pcrm.core.i18n import translate
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.problems import field_errors_from_pydantic
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.service import forms, pages
from pcrm.service.desk import service as desk
from pcrm.service.desk.schemas import (
    Move,
    NoteWrite,
    RequestFilter,
    RequestUpdate,
    RequestWrite,
    Respond,
)
from pcrm.service.plans import service as plans
from pcrm.service.plans.schemas import PlanWrite
from pcrm.service.sla import service as sla
from pcrm.service.sla.schemas import DayWrite, SettingsUpdate, TargetWrite

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


def _filter(request: Request) -> RequestFilter | dict[str, str]:
    params: dict[str, Any] = {}
    for key in ("sort", "page", "breached"):
        if request.query_params.get(key):
            params[key] = request.query_params[key]
    for key in ("status", "priority", "category"):
        values = [v for v in request.query_params.getlist(key) if v]
        if values:
            params[key] = values
    try:
        return RequestFilter.model_validate(params)
    except ValidationError as exc:
        errors = field_errors_from_pydantic(exc.errors(), page_locale(request))
        return {e["field"]: e["message"] for e in errors}


@router.get("/service")
def desk_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    query = _filter(request)
    checked = query if isinstance(query, RequestFilter) else RequestFilter()
    context = pages.desk_page(db, principal, checked, page_locale(request))
    context["errors"] = query if isinstance(query, dict) else {}
    context["notice"] = notice(request, pages.NOTICES)
    return render(request, "service/desk.html", context, fragment="results")


# --- one request -------------------------------------------------------------------------------


@router.get("/service/requests/new")
def new_request_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    principal.require(Permission.WRITE_SERVICE)
    values: dict[str, Any] = {"account_id": posted_id(request.query_params.get("account_id"))}
    context = pages.new_page(db, principal, page_locale(request), values)
    return render(request, "service/new.html", context)


@router.post("/service/requests/new")
def create_request(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    principal.require(Permission.WRITE_SERVICE)
    locale = page_locale(request)
    data = forms.fields(form, forms.REQUEST_FIELDS, principal.timezone)
    outcome = attempt(
        db, locale, lambda: desk.create_request(db, principal, RequestWrite.model_validate(data))
    )
    if outcome.ok and outcome.result is not None:
        return redirect(f"/service/requests/{outcome.result.id}", "created")
    values = forms.echo(data) | {"account_id": posted_id(data.get("account_id"))}
    context = pages.new_page(db, principal, locale, values, outcome.errors)
    return render(request, "service/new.html", context, status_code=outcome.status)


@router.get("/service/requests/{request_id}")
def request_page(request: Request, request_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.request_page(db, principal, request_id, page_locale(request))
    context["notice"] = notice(request, pages.NOTICES)
    context["failed"], context["errors"], context["form"] = "", {}, {}
    return render(request, "service/request.html", context)


def _write(
    request: Request,
    db: DB,
    principal: Principal,
    request_id: int,
    name: str,
    data: dict[str, Any],
    write: Callable[[], object],
    done: str,
) -> Response:
    """Run a request page's form; back to the page with the notice, or with the form's
    messages (422, 412) or the refusal (409)."""
    principal.require(Permission.WRITE_SERVICE)
    locale = page_locale(request)
    try:
        outcome = attempt(db, locale, write)
    except Conflict as exc:
        db.rollback()
        outcome = None
        errors, status_code = {"__all__": translate(locale, exc.detail)}, 409
    if outcome is not None:
        if outcome.ok:
            return redirect(f"/service/requests/{request_id}", done)
        errors, status_code = outcome.errors, outcome.status
    context = pages.request_page(db, principal, request_id, locale)
    context.update(notice=None, failed=name, errors=errors, form=forms.echo(data))
    return render(request, "service/request.html", context, status_code=status_code)


def _version(form: Any) -> int | None:
    return posted_id(form.get("version"))


@router.post("/service/requests/{request_id}/edit")
def edit_request(
    request: Request, request_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.edit(form, principal.timezone)
    return _write(
        request, db, principal, request_id, "edit", data,
        lambda: desk.update_request(
            db, principal, request_id, RequestUpdate.model_validate(data), _version(form)
        ),
        "saved",
    )  # fmt: skip


@router.post("/service/requests/{request_id}/response")
def respond(
    request: Request, request_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.fields(form, ("at", "note"), principal.timezone)
    return _write(
        request, db, principal, request_id, "response", data,
        lambda: desk.respond(
            db, principal, request_id, Respond.model_validate(data), _version(form)
        ),
        "answered",
    )  # fmt: skip


@router.post("/service/requests/{request_id}/status")
def move(
    request: Request, request_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    names = ("status", "at", "resolution", "rating", "rating_comment")
    data = forms.fields(form, names, principal.timezone)
    return _write(
        request, db, principal, request_id, "status", data,
        lambda: desk.move(db, principal, request_id, Move.model_validate(data), _version(form)),
        "moved",
    )  # fmt: skip


@router.post("/service/requests/{request_id}/notes")
def add_note(
    request: Request, request_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data: dict[str, Any] = {
        "body": forms.text(form, "body"),
        "to_customer": form.get("to_customer") == "on",
    }
    return _write(
        request, db, principal, request_id, "note", data,
        lambda: desk.add_note(db, principal, request_id, NoteWrite.model_validate(data)),
        "note",
    )  # fmt: skip


# --- maintenance plans ----------------------------------------------------------------------------


@router.get("/service/plans")
def plans_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.plans_page(db, principal, page_locale(request))
    context["notice"] = notice(request, pages.NOTICES)
    return render(request, "service/plans.html", context)


@router.get("/service/plans/new")
def new_plan_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    principal.require(Permission.WRITE_SERVICE)
    values: dict[str, Any] = {"account_id": posted_id(request.query_params.get("account_id"))}
    context = pages.new_plan_page(db, principal, page_locale(request), values)
    return render(request, "service/new_plan.html", context)


@router.post("/service/plans/new")
def create_plan(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    principal.require(Permission.WRITE_SERVICE)
    locale = page_locale(request)
    data: dict[str, Any] = forms.fields(form, forms.PLAN_FIELDS, principal.timezone)
    data["targets"] = forms.targets(form)
    outcome = attempt(
        db, locale, lambda: plans.create_plan(db, principal, PlanWrite.model_validate(data))
    )
    if outcome.ok and outcome.result is not None:
        return redirect(f"/service/plans/{outcome.result.id}", "plan-created")
    values = forms.echo({k: v for k, v in data.items() if k != "targets"})
    values |= {"account_id": posted_id(data.get("account_id")), "targets": data["targets"]}
    context = pages.new_plan_page(db, principal, locale, values, outcome.errors)
    return render(request, "service/new_plan.html", context, status_code=outcome.status)


@router.get("/service/plans/{plan_id}")
def plan_page(request: Request, plan_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.plan_page(db, principal, plan_id, page_locale(request))
    context["notice"] = notice(request, pages.NOTICES)
    return render(request, "service/plan.html", context)


@router.post("/service/plans/{plan_id}/delete")
def remove_plan(
    request: Request, plan_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    plans.remove_plan(db, principal, plan_id, _version(form))
    return redirect("/service/plans", "plan-removed")


# --- settings ------------------------------------------------------------------------------------


def _settings(
    request: Request,
    db: DB,
    principal: Principal,
    year: int,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    context = pages.settings_page(db, principal, year, page_locale(request), errors, form)
    context["notice"] = notice(request, pages.NOTICES) if status_code == 200 else None
    return render(request, "service/settings.html", context, status_code=status_code)


@router.get("/service/settings")
def settings_page(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Response:
    return _settings(request, db, principal, year or principal.today().year)


def _settings_write(
    request: Request, db: DB, principal: Principal, year: int, data: dict[str, Any],
    write: Callable[[], object], done: str,
) -> Response:  # fmt: skip
    principal.require(Permission.MANAGE_WORKSPACE)
    locale = page_locale(request)
    try:
        outcome = attempt(db, locale, write)
    except Conflict as exc:
        db.rollback()
        errors = {"__all__": translate(locale, exc.detail)}
        return _settings(request, db, principal, year, errors, forms.echo(data), 409)
    if outcome.ok:
        return redirect(f"/service/settings?year={year}", done)
    return _settings(request, db, principal, year, outcome.errors, forms.echo(data), outcome.status)


def _year(form: Any, fallback: int) -> int:
    found = posted_id(form.get("year"))
    return found if found is not None and 2000 <= found <= 2100 else fallback


@router.post("/service/settings")
def save_settings(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data: dict[str, Any] = forms.fields(form, ("day_starts_at", "day_ends_at"), principal.timezone)
    data["official_calendar"] = form.get("official_calendar") == "on"
    year = _year(form, principal.today().year)
    return _settings_write(
        request, db, principal, year, data,
        lambda: sla.update_settings(
            db, principal, SettingsUpdate.model_validate(data), _version(form) or 0
        ),
        "settings",
    )  # fmt: skip


@router.post("/service/settings/days")
def add_day(request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm) -> Response:
    data = forms.fields(form, ("day", "kind", "name"), principal.timezone)
    fallback = principal.today().year
    try:
        year = date.fromisoformat(data.get("day", "")).year
    except ValueError:
        year = _year(form, fallback)
    return _settings_write(
        request, db, principal, year, data,
        lambda: sla.add_day(db, principal, DayWrite.model_validate(data)),
        "day-added",
    )  # fmt: skip


@router.post("/service/settings/days/{day_id}/delete")
def remove_day(
    request: Request, day_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    year = _year(form, principal.today().year)
    return _settings_write(
        request, db, principal, year, {},
        lambda: sla.remove_day(db, principal, day_id),
        "day-removed",
    )  # fmt: skip


@router.post("/service/settings/targets")
def save_targets(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    rows = forms.targets(form)
    year = _year(form, principal.today().year)
    return _settings_write(
        request, db, principal, year, {},
        lambda: sla.set_default_targets(
            db, principal, [TargetWrite.model_validate(r) for r in rows]
        ),
        "targets",
    )  # fmt: skip
