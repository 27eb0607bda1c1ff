"""Pages of activities: the list, the form to record or change one, archiving."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import Response

from pcrm.accounts.accounts.forms import form_echo
from pcrm.accounts.accounts.routes_html import form_errors
from pcrm.accounts.activities import forms, pages, service
from pcrm.accounts.activities.schemas import ActivityCreate, ActivityUpdate
from pcrm.accounts.activities.service import activity_filters
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.repository import contacts_by_ids
from pcrm.accounts.lists import pages as list_pages
from pcrm.accounts.vocab import vocabularies
from pcrm.core.db import utcnow
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import ValidationFailed
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.pages import page_locale as _locale
from pcrm.core.pages import redirect as _redirect
from pcrm.core.pagination import PageRequest
from pcrm.core.templating import render
from pcrm.identity.public import CurrentPrincipal, Permission

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.get("/activities")
def activities_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    locale = _locale(request)
    params, errors, pairs = list_pages.list_params(request, "activities")
    page = service.list_activities(
        db,
        principal,
        activity_filters(params, principal.timezone),
        PageRequest(params.page, params.page_size),
        params.sort,
    )
    contact_ids = {c for a in page.items for c in a.participant_contact_ids}
    names = {c.id: c.name for c in contacts_by_ids(db, principal.scope, contact_ids).values()}
    users = list_pages.users(db, principal, {a.owner_id for a in page.items if a.owner_id})
    context = {
        "page": page,
        "rows": pages.activity_rows(page.items, users, names, locale),
        "errors": errors,
        "notice": list_pages.page_notice(request),
        "params": params,
        "chosen_types": [t.value for t in params.type],
        "vocab": vocabularies(locale),
        "user_options": list_pages.user_choices(users.values(), locale),
        **list_pages.list_links(
            "/activities", pairs, "activities", params.sort, "-occurred_at", locale
        ),
        **list_pages.list_chrome(db, principal, "activities", locale),
    }
    return render(
        request,
        "accounts/activities.html",
        context,
        fragment="results",
        status_code=422 if errors else 200,
    )


@router.get("/activities/new")
def new_activity_page(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    account_id: int | None = None,
    contact_id: int | None = None,
) -> Response:
    principal.require(Permission.WRITE)
    if contact_id and not account_id:
        account_id = contact_service.get_contact(db, principal, contact_id).account_id
    now = utcnow().astimezone(ZoneInfo(principal.timezone)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "account_id": str(account_id or ""),
        "contact_id": str(contact_id or ""),
        "type": "visit",
        "occurred_at": now,
        "owner_id": str(principal.user_id),
        "participant_contact_ids": [str(contact_id)] if contact_id else [],
        "participant_user_ids": [str(principal.user_id)],
    }
    return render(
        request,
        "accounts/activity_form.html",
        pages.activity_form(request, db, principal, form=form, errors={}),
    )


@router.post("/activities")
def create_activity(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.activity_data(form, principal.timezone)
    try:
        activity = service.create_activity(db, principal, ActivityCreate.model_validate(data))
    except (ValidationError, ValidationFailed) as exc:
        db.rollback()
        return render(
            request,
            "accounts/activity_form.html",
            pages.activity_form(
                request,
                db,
                principal,
                form=form_echo(data),
                errors=form_errors(request, exc),
            ),
            status_code=422,
        )
    return _redirect(f"/accounts/{activity.account_id}?tab=activities", "created")


@router.get("/activities/{activity_id}")
def edit_activity_page(
    request: Request, activity_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    activity = service.get_activity(db, principal, activity_id)
    values = {k: getattr(activity, k) for k in forms.ACTIVITY_FIELDS}
    values["occurred_at"] = activity.occurred_at.astimezone(ZoneInfo(principal.timezone))
    values["participant_contact_ids"] = [str(i) for i in activity.participant_contact_ids]
    values["participant_user_ids"] = [str(i) for i in activity.participant_user_ids]
    context = pages.activity_form(
        request,
        db,
        principal,
        form=form_echo(values),
        errors={},
        activity_id=activity.id,
        version=activity.version,
    )
    context["read_only"] = not principal.can(Permission.WRITE)
    return render(request, "accounts/activity_form.html", context)


@router.post("/activities/{activity_id}")
def update_activity(
    request: Request, activity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.activity_data(form, principal.timezone)
    data.pop("account_id", None)
    version = int(str(form.get("version") or 0)) or None
    outcome = attempt(
        db,
        _locale(request),
        lambda: service.update_activity(
            db, principal, activity_id, ActivityUpdate.model_validate(data), version
        ),
    )
    if outcome.result is not None:
        return _redirect(f"/accounts/{outcome.result.account_id}?tab=activities", "saved")
    data["account_id"] = service.get_activity(db, principal, activity_id).account_id
    context = pages.activity_form(
        request,
        db,
        principal,
        form=form_echo(data),
        errors=outcome.errors,
        activity_id=activity_id,
        version=version,
    )
    context["read_only"] = False
    return render(request, "accounts/activity_form.html", context, status_code=outcome.status)


@router.post("/activities/{activity_id}/archive")
def archive_activity(activity_id: int, db: DB, principal: CurrentPrincipal) -> Response:
    activity = service.get_activity(db, principal, activity_id)
    service.archive_activity(db, principal, activity_id)
    return _redirect(f"/accounts/{activity.account_id}?tab=activities", "archived")
