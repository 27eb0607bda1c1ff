"""Pages of contacts: the list, a contact's page, forms, duplicate checks and merge."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import Response

from pcrm.accounts.accounts.forms import form_echo
from pcrm.accounts.accounts.schemas import Duplicate
from pcrm.accounts.contacts import forms, pages, service
from pcrm.accounts.contacts.schemas import ContactCreate, ContactUpdate
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.pages import page_locale, redirect, saved
from pcrm.core.templating import render
from pcrm.core.types import Id, PageNumber
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
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    ids: Annotated[list[Id], Form()],
    back: Annotated[str, Form()] = "",
) -> Response:
    outcome = attempt(
        db, page_locale(request), lambda: service.bulk_archive_contacts(db, principal, ids)
    )
    target = f"/contacts?{back}" if back else "/contacts"
    return redirect(target, "bulk") if outcome.ok else redirect(target)


@router.get("/contacts/new")
def new_contact_page(
    request: Request, db: DB, principal: CurrentPrincipal, account_id: Id | None = None
) -> Response:
    principal.require(Permission.WRITE)
    context = pages.new_contact(db, principal, page_locale(request), account_id)
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
    exclude_id: Id | None = None,
) -> Response:
    context = pages.contact_duplicates(db, principal, name, account_id, mobile, email, exclude_id)
    return render(request, "accounts/_duplicates.html", context)


@router.post("/contacts")
def create_contact(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """Create the contact, unless it looks like existing ones and the user has not confirmed
    it yet: those are shown first (409), with a box to tick to create it anyway."""
    locale = page_locale(request)
    data = forms.contact_data(form)
    confirmed = form.get("confirm_duplicate") == "1"

    def create() -> tuple[int | None, list[Duplicate]]:
        payload = ContactCreate.model_validate(data)
        if not confirmed:
            duplicates = service.find_contact_duplicates(
                db, principal, payload.name, payload.account_id, payload.mobile, payload.email
            )
            if duplicates:
                return None, duplicates
        return service.create_contact(db, principal, payload).id, []

    outcome = attempt(db, locale, create)
    contact_id, duplicates = outcome.result or (None, [])
    if contact_id is not None:
        return redirect(f"/contacts/{contact_id}", "created")
    context = pages.contact_form(
        db,
        principal,
        locale,
        form=form_echo(data),
        errors=outcome.errors,
        duplicates=duplicates,
    )
    status = 409 if duplicates else outcome.status
    return render(request, "accounts/contact_form.html", context, status_code=status)


@router.get("/contacts/{contact_id}/edit")
def edit_contact_page(
    request: Request, contact_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE)
    context = pages.edit_contact(db, principal, page_locale(request), contact_id)
    return render(request, "accounts/contact_form.html", context, fragment="form_card")


@router.post("/contacts/{contact_id}/edit")
def update_contact(
    request: Request, contact_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.contact_data(form)
    version = int(str(form.get("version") or 0)) or None
    outcome = attempt(
        db,
        page_locale(request),
        lambda: service.update_contact(
            db, principal, contact_id, ContactUpdate.model_validate(data), version
        ),
    )
    if outcome.ok:
        return saved(request, f"/contacts/{contact_id}")
    context = pages.contact_form(
        db,
        principal,
        page_locale(request),
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
def archive_contact(contact_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    service.archive_contact(db, principal, contact_id)
    return redirect(f"/contacts/{contact_id}", "archived")


@router.get("/contacts/{contact_id}")
def contact_page(
    request: Request,
    contact_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    tab: str = "overview",
    type: Annotated[list[str] | None, Query()] = None,
    page: Annotated[PageNumber, Query()] = 1,
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
    contact_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    duplicate_id: Id | None = None,
) -> Response:
    principal.require(Permission.WRITE)
    context = pages.merge_contact(db, principal, contact_id, duplicate_id)
    return render(request, "accounts/merge.html", context)


@router.post("/contacts/{contact_id}/merge")
def merge_contact(
    request: Request,
    contact_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    duplicate_id: Annotated[Id, Form()],
) -> Response:
    outcome = attempt(
        db,
        page_locale(request),
        lambda: service.merge_contacts(db, principal, contact_id, duplicate_id),
    )
    if outcome.ok:
        return redirect(f"/contacts/{contact_id}", "merged")
    context = pages.failed_contact_merge(db, principal, contact_id, outcome.errors)
    return render(request, "accounts/merge.html", context, status_code=outcome.status)
