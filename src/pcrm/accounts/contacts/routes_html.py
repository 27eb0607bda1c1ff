"""Pages of contacts: the list, a contact's page, forms, duplicate checks and merge."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from pydantic import ValidationError
from starlette.responses import Response

from pcrm.accounts.accounts.forms import form_echo
from pcrm.accounts.accounts.routes_html import form_errors, saved
from pcrm.accounts.contacts import forms, pages, service
from pcrm.accounts.contacts.schemas import ContactCreate, ContactUpdate
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import ValidationFailed
from pcrm.core.forms import PostedForm, attempt, domain_errors
from pcrm.core.pages import page_locale as _locale
from pcrm.core.pages import redirect as _redirect
from pcrm.core.templating import render
from pcrm.identity.public import CurrentPrincipal, Permission

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.get("/contacts")
def contacts_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.contacts_list(request, db, principal)
    return render(
        request,
        "accounts/contacts.html",
        context,
        fragment="results",
        status_code=422 if context["errors"] else 200,
    )


@router.post("/contacts/bulk-archive")
def bulk_archive_contacts(
    db: DB,
    principal: CurrentPrincipal,
    ids: Annotated[list[int], Form()],
    back: Annotated[str, Form()] = "",
) -> Response:
    try:
        service.bulk_archive_contacts(db, principal, ids)
    except ValidationFailed:
        db.rollback()
        return _redirect(f"/contacts?{back}" if back else "/contacts")
    return _redirect(f"/contacts?{back}" if back else "/contacts", "bulk")


@router.get("/contacts/new")
def new_contact_page(
    request: Request, db: DB, principal: CurrentPrincipal, account_id: int | None = None
) -> Response:
    principal.require(Permission.WRITE)
    context = pages.new_contact(db, principal, _locale(request), account_id)
    return render(request, "accounts/contact_form.html", context)


@router.get("/contacts/duplicates-check")
def contact_duplicates_check(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    name: Annotated[str, Query(max_length=100)] = "",
    account_id: Annotated[str, Query(max_length=20)] = "",
    mobile: Annotated[str, Query(max_length=30)] = "",
    email: Annotated[str, Query(max_length=254)] = "",
    exclude_id: int | None = None,
) -> Response:
    context = pages.contact_duplicates(db, principal, name, account_id, mobile, email, exclude_id)
    return render(request, "accounts/_duplicates.html", context)


@router.post("/contacts")
def create_contact(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    locale = _locale(request)
    data = forms.contact_data(form)
    echo = form_echo(data)
    try:
        payload = ContactCreate.model_validate(data)
        if form.get("confirm_duplicate") != "1":
            duplicates = service.find_contact_duplicates(
                db, principal, payload.name, payload.account_id, payload.mobile, payload.email
            )
            if duplicates:
                context = pages.contact_form(
                    db, principal, locale, form=echo, errors={}, duplicates=duplicates
                )
                return render(request, "accounts/contact_form.html", context, status_code=409)
        contact = service.create_contact(db, principal, payload)
    except (ValidationError, ValidationFailed) as exc:
        db.rollback()
        context = pages.contact_form(
            db, principal, locale, form=echo, errors=form_errors(request, exc)
        )
        return render(request, "accounts/contact_form.html", context, status_code=422)
    return _redirect(f"/contacts/{contact.id}", "created")


@router.get("/contacts/{contact_id}/edit")
def edit_contact_page(
    request: Request, contact_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE)
    context = pages.edit_contact(db, principal, _locale(request), contact_id)
    return render(request, "accounts/contact_form.html", context, fragment="form_card")


@router.post("/contacts/{contact_id}/edit")
def update_contact(
    request: Request, contact_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.contact_data(form)
    version = int(str(form.get("version") or 0)) or None
    outcome = attempt(
        db,
        _locale(request),
        lambda: service.update_contact(
            db, principal, contact_id, ContactUpdate.model_validate(data), version
        ),
    )
    if outcome.ok:
        return saved(request, f"/contacts/{contact_id}")
    context = pages.contact_form(
        db,
        principal,
        _locale(request),
        form=form_echo(data),
        errors=outcome.errors,
        contact_id=contact_id,
        version=version,
    )
    return render(
        request,
        "accounts/contact_form.html",
        context,
        fragment="form_card",
        status_code=outcome.status,
    )


@router.post("/contacts/{contact_id}/archive")
def archive_contact(contact_id: int, db: DB, principal: CurrentPrincipal) -> Response:
    service.archive_contact(db, principal, contact_id)
    return _redirect(f"/contacts/{contact_id}", "archived")


@router.get("/contacts/{contact_id}")
def contact_page(
    request: Request,
    contact_id: int,
    db: DB,
    principal: CurrentPrincipal,
    tab: str = "overview",
    type: Annotated[list[str] | None, Query()] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    context = pages.contact_page(request, db, principal, contact_id, tab, type or [], page)
    fragment = (
        "timeline"
        if context["tab"] == "activities" and request.headers.get("hx-target") == "timeline"
        else "tab_content"
    )
    return render(request, "accounts/contact.html", context, fragment=fragment)


@router.get("/contacts/{contact_id}/merge")
def merge_contact_page(
    request: Request,
    contact_id: int,
    db: DB,
    principal: CurrentPrincipal,
    duplicate_id: int | None = None,
) -> Response:
    principal.require(Permission.WRITE)
    context = pages.merge_contact(db, principal, contact_id, duplicate_id)
    return render(request, "accounts/merge.html", context)


@router.post("/contacts/{contact_id}/merge")
def merge_contact(
    request: Request,
    contact_id: int,
    db: DB,
    principal: CurrentPrincipal,
    duplicate_id: Annotated[int, Form()],
) -> Response:
    try:
        service.merge_contacts(db, principal, contact_id, duplicate_id)
    except ValidationFailed as exc:
        db.rollback()
        errors = domain_errors(exc, _locale(request))
        context = pages.failed_contact_merge(db, principal, contact_id, errors)
        return render(request, "accounts/merge.html", context, status_code=422)
    return _redirect(f"/contacts/{contact_id}", "merged")
