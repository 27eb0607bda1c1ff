"""Pages of activities: the list, the form to record or change one, archiving."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.accounts.accounts.forms import form_echo
from pcrm.accounts.activities import forms, pages, service
from pcrm.accounts.activities.schemas import ActivityCreate, ActivityUpdate
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.pages import page_locale, redirect
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal, Permission

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.get("/activities")
def activities_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.activities_list(request, db, principal)
    return render(
        request,
        "accounts/activities.html",
        context,
        fragment="results",
        status_code=422 if context["errors"] else 200,
    )


@router.get("/activities/new")
def new_activity_page(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    account_id: Id | None = None,
    contact_id: Id | None = None,
) -> Response:
    principal.require(Permission.WRITE)
    context = pages.new_activity(db, principal, page_locale(request), account_id, contact_id)
    return render(request, "accounts/activity_form.html", context)


@router.post("/activities")
def create_activity(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    locale = page_locale(request)
    data = forms.activity_data(form, principal.timezone)
    outcome = attempt(
        db,
        locale,
        lambda: service.create_activity(db, principal, ActivityCreate.model_validate(data)),
    )
    if outcome.result is not None:
        return redirect(f"/accounts/{outcome.result.account_id}?tab=activities", "created")
    context = pages.activity_form(
        db, principal, locale, form=form_echo(data), errors=outcome.errors
    )
    return render(request, "accounts/activity_form.html", context, status_code=outcome.status)


@router.get("/activities/{activity_id}")
def edit_activity_page(
    request: Request, activity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.edit_activity(db, principal, page_locale(request), activity_id)
    return render(request, "accounts/activity_form.html", context)


@router.post("/activities/{activity_id}")
def update_activity(
    request: Request, activity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.activity_data(form, principal.timezone)
    data.pop("account_id", None)
    version = int(str(form.get("version") or 0)) or None
    outcome = attempt(
        db,
        page_locale(request),
        lambda: service.update_activity(
            db, principal, activity_id, ActivityUpdate.model_validate(data), version
        ),
    )
    if outcome.result is not None:
        return redirect(f"/accounts/{outcome.result.account_id}?tab=activities", "saved")
    context = pages.failed_activity_edit(
        db, principal, page_locale(request), activity_id, data, outcome.errors, version
    )
    return render(request, "accounts/activity_form.html", context, status_code=outcome.status)


@router.post("/activities/{activity_id}/archive")
def archive_activity(activity_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    activity = service.get_activity(db, principal, activity_id)
    service.archive_activity(db, principal, activity_id)
    return redirect(f"/accounts/{activity.account_id}?tab=activities", "archived")
