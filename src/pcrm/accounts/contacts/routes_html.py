"""Pages of contacts: the list, a contact's page, forms, duplicate checks and merge."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from pydantic import ValidationError
from starlette.responses import Response

from pcrm.accounts.accounts import repository as repo
from pcrm.accounts.accounts.forms import form_echo
from pcrm.accounts.accounts.routes_html import form_errors, saved
from pcrm.accounts.activities import pages as activity_pages
from pcrm.accounts.contacts import forms, pages, service
from pcrm.accounts.contacts import repository as contacts_repo
from pcrm.accounts.contacts.schemas import ContactCreate, ContactQuery, ContactUpdate
from pcrm.accounts.contacts.service import contact_filters
from pcrm.accounts.lists import pages as list_pages
from pcrm.accounts.lists import service as lists_service
from pcrm.accounts.validation import normalize_phone
from pcrm.accounts.vocab import vocabularies
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import ValidationFailed
from pcrm.core.forms import PostedForm, attempt, domain_errors
from pcrm.core.i18n import translate
from pcrm.core.pages import page_locale as _locale
from pcrm.core.pages import redirect as _redirect
from pcrm.core.pagination import PageRequest
from pcrm.core.templating import render
from pcrm.identity.public import CurrentPrincipal, Permission, record_history_view

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.get("/contacts")
def contacts_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    locale = _locale(request)
    params, errors, pairs = list_pages.list_params(request, ContactQuery)
    page = service.list_contacts(
        db,
        principal,
        contact_filters(params, principal.timezone),
        PageRequest(params.page, params.page_size),
        params.sort,
    )
    users = list_pages.users(db, principal)
    account_name = (
        repo.account_names(db, principal.scope, [params.account_id]).get(params.account_id)
        if params.account_id
        else None
    )
    context = {
        "page": page,
        "rows": [pages.contact_row(c, locale) for c in page.items],
        "errors": errors,
        "notice": list_pages.page_notice(request),
        "params": params,
        "vocab": vocabularies(locale),
        "account_name": account_name,
        "user_options": list_pages.user_choices(users.values(), locale),
        **list_pages.list_links(
            "/contacts",
            pairs,
            "contacts",
            params.sort,
            lists_service.default_sort(params.q),
            locale,
        ),
        **list_pages.list_chrome(db, principal, "contacts", locale),
    }
    return render(
        request,
        "accounts/contacts.html",
        context,
        fragment="results",
        status_code=422 if errors else 200,
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
    form = {
        "account_id": str(account_id or ""),
        "importance": "normal",
        "status": "active",
        "gender": "unknown",
    }
    return render(
        request,
        "accounts/contact_form.html",
        pages.contact_form(request, db, principal, form=form, errors={}),
    )


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
    try:
        phone = normalize_phone(mobile) if mobile.strip() else None
    except ValueError:
        phone = None
    duplicates = service.find_contact_duplicates(
        db,
        principal,
        name,
        int(account_id) if account_id.isdigit() else None,
        phone,
        email.strip() or None,
        exclude_id,
    )
    return render(
        request, "accounts/_duplicates.html", {"duplicates": duplicates, "kind": "contacts"}
    )


@router.post("/contacts")
def create_contact(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.contact_data(form)
    echo = form_echo(data)
    try:
        payload = ContactCreate.model_validate(data)
        if form.get("confirm_duplicate") != "1":
            duplicates = service.find_contact_duplicates(
                db, principal, payload.name, payload.account_id, payload.mobile, payload.email
            )
            if duplicates:
                return render(
                    request,
                    "accounts/contact_form.html",
                    pages.contact_form(
                        request, db, principal, form=echo, errors={}, duplicates=duplicates
                    ),
                    status_code=409,
                )
        contact = service.create_contact(db, principal, payload)
    except (ValidationError, ValidationFailed) as exc:
        db.rollback()
        return render(
            request,
            "accounts/contact_form.html",
            pages.contact_form(request, db, principal, form=echo, errors=form_errors(request, exc)),
            status_code=422,
        )
    return _redirect(f"/contacts/{contact.id}", "created")


@router.get("/contacts/{contact_id}/edit")
def edit_contact_page(
    request: Request, contact_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE)
    contact = service.get_contact(db, principal, contact_id)
    values = form_echo({k: getattr(contact, k) for k in forms.CONTACT_FIELDS})
    context = pages.contact_form(
        request,
        db,
        principal,
        form=values,
        errors={},
        contact_id=contact.id,
        version=contact.version,
    )
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
        request,
        db,
        principal,
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


CONTACT_TABS = ("overview", "activities", "history")


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
    locale = _locale(request)
    tab = tab if tab in CONTACT_TABS else "overview"
    contact = service.get_contact(db, principal, contact_id)
    context: dict[str, Any] = {
        "contact": contact,
        "row": pages.contact_row(contact, locale),
        "tab": tab,
        "notice": list_pages.page_notice(request),
        "can_write": principal.can(Permission.WRITE),
    }
    if tab == "overview":
        boss = (
            contacts_repo.contacts_by_ids(db, principal.scope, [contact.reports_to_id]).get(
                contact.reports_to_id
            )
            if contact.reports_to_id
            else None
        )
        context["facts"] = [
            (translate(locale, k), v)
            for k, v in pages.contact_facts(contact, boss.name if boss else None, locale)
        ]
        context["boss_id"] = boss.id if boss else None
        context["reports"] = contacts_repo.direct_reports(db, principal.scope, contact.id)
        context["employments"] = service.employment_history(db, principal, contact.id)
        context["merged_into"] = contact.merged_into_id
    elif tab == "activities":
        context.update(
            activity_pages.timeline(db, principal, locale, type or [], page, contact_id=contact_id)
        )
    else:
        context["history"] = record_history_view(db, principal, "contact", contact_id, locale)
    fragment = (
        "timeline"
        if tab == "activities" and request.headers.get("hx-target") == "timeline"
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
    contact = service.get_contact(db, principal, contact_id)
    suggestions = service.find_contact_duplicates(
        db,
        principal,
        contact.name,
        contact.account_id,
        contact.mobile,
        contact.email,
        exclude_id=contact.id,
    )
    duplicate = service.get_contact(db, principal, duplicate_id) if duplicate_id else None
    return render(
        request,
        "accounts/merge.html",
        {
            "kind": "contacts",
            "record": contact,
            "duplicate": duplicate,
            "suggestions": suggestions,
            "error": None,
        },
    )


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
        contact = service.get_contact(db, principal, contact_id)
        return render(
            request,
            "accounts/merge.html",
            {
                "kind": "contacts",
                "record": contact,
                "duplicate": None,
                "suggestions": [],
                "error": "; ".join(domain_errors(exc, _locale(request)).values()),
            },
            status_code=422,
        )
    return _redirect(f"/contacts/{contact_id}", "merged")
