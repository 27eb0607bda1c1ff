"""Pages of the customer line: account, contact and activity lists and records, the search
box, saved views and chosen columns. Handlers translate, services decide."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from pydantic import ValidationError
from starlette.responses import Response

from pcrm.accounts.accounts import forms, pages, service
from pcrm.accounts.accounts import repository as repo
from pcrm.accounts.accounts.schemas import (
    AccountCreate,
    AccountQuery,
    AccountUpdate,
    BulkAction,
    TeamMemberWrite,
)
from pcrm.accounts.accounts.service import account_filters
from pcrm.accounts.activities import pages as activity_pages
from pcrm.accounts.contacts import pages as contact_pages
from pcrm.accounts.contacts.schemas import ContactRead
from pcrm.accounts.lists import pages as list_pages
from pcrm.accounts.lists import service as lists_service
from pcrm.accounts.vocab import label, vocabularies
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import ValidationFailed
from pcrm.core.forms import (
    FormErrors,
    PostedForm,
    attempt,
    domain_errors,
)
from pcrm.core.i18n import translate
from pcrm.core.pages import page_locale as _locale
from pcrm.core.pages import redirect as _redirect
from pcrm.core.pagination import PageRequest
from pcrm.core.problems import field_errors_from_pydantic
from pcrm.core.templating import is_htmx, render
from pcrm.identity.public import (
    CurrentPrincipal,
    Permission,
    record_history_view,
)

router = APIRouter(route_class=SessionRoute, include_in_schema=False)

# --- accounts list -----------------------------------------------------------------------------


@router.get("/accounts")
def accounts_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    locale = _locale(request)
    params, errors, pairs = list_pages.list_params(request, AccountQuery)
    page = service.list_accounts(
        db,
        principal,
        account_filters(params, principal.timezone),
        PageRequest(params.page, params.page_size),
        params.sort,
    )
    users = list_pages.users(db, principal, {a.owner_id for a in page.items if a.owner_id})
    context = {
        "page": page,
        "rows": [pages.account_row(a, users, locale) for a in page.items],
        "errors": errors,
        "notice": list_pages.page_notice(request),
        "notice_kind": "error"
        if request.query_params.get("notice") == "bulk_failed"
        else "success",
        "params": params,
        "vocab": vocabularies(locale),
        "user_options": list_pages.user_choices(users.values(), locale),
        "tag_options": [(t, t) for t in repo.all_tags(db, principal.scope)],
        **list_pages.list_links(
            "/accounts",
            pairs,
            "accounts",
            params.sort,
            lists_service.default_sort(params.q),
            locale,
        ),
        **list_pages.list_chrome(db, principal, "accounts", locale),
    }
    return render(
        request,
        "accounts/accounts.html",
        context,
        fragment="results",
        status_code=422 if errors else 200,
    )


@router.post("/accounts/bulk")
def bulk_accounts(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    ids: Annotated[list[int], Form()],
    action: Annotated[str, Form()],
    owner_id: Annotated[str, Form()] = "",
    tag: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    try:
        data = BulkAction(
            ids=ids,
            action=action,
            owner_id=int(owner_id) if owner_id.isdigit() else None,
            tag=tag.strip() or None,
        )
        service.bulk_update_accounts(db, principal, data)
    except (ValidationError, ValidationFailed):
        db.rollback()
        return _redirect(f"/accounts?{back}" if back else "/accounts", "bulk_failed")
    return _redirect(f"/accounts?{back}" if back else "/accounts", "bulk")


# --- account forms -----------------------------------------------------------------------------


@router.get("/accounts/new")
def new_account_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    principal.require(Permission.WRITE)
    form = {
        "owner_id": str(principal.user_id),
        "lifecycle_stage": "potential",
        "status": "active",
        "parent_id": request.query_params.get("parent_id", ""),
    }
    return render(
        request,
        "accounts/account_form.html",
        pages.account_form(request, db, principal, form=form, errors={}),
    )


@router.get("/accounts/duplicates-check")
def account_duplicates_check(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    name: Annotated[str, Query(max_length=200)] = "",
    credit_code: Annotated[str, Query(max_length=30)] = "",
    exclude_id: int | None = None,
) -> Response:
    duplicates = (
        service.find_account_duplicates(db, principal, name, credit_code or None, exclude_id)
        if name.strip()
        else []
    )
    return render(
        request, "accounts/_duplicates.html", {"duplicates": duplicates, "kind": "accounts"}
    )


def saved(request: Request, target: str) -> Response:
    """After an inline (HTMX) edit the whole page reloads with the notice; else redirect."""
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": f"{target}?notice=saved"})
    return _redirect(target, "saved")


def form_errors(request: Request, exc: ValidationError | ValidationFailed) -> FormErrors:
    if isinstance(exc, ValidationFailed):
        return domain_errors(exc, _locale(request))
    return {
        e["field"]: e["message"] for e in field_errors_from_pydantic(exc.errors(), _locale(request))
    }


@router.post("/accounts")
def create_account(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.account_data(form)
    echo = forms.form_echo(data)
    try:
        payload = AccountCreate.model_validate(data)
        if form.get("confirm_duplicate") != "1":
            duplicates = service.find_account_duplicates(
                db, principal, payload.name, payload.credit_code
            )
            if duplicates:
                return render(
                    request,
                    "accounts/account_form.html",
                    pages.account_form(
                        request, db, principal, form=echo, errors={}, duplicates=duplicates
                    ),
                    status_code=409,
                )
        account = service.create_account(db, principal, payload)
    except (ValidationError, ValidationFailed) as exc:
        db.rollback()
        return render(
            request,
            "accounts/account_form.html",
            pages.account_form(request, db, principal, form=echo, errors=form_errors(request, exc)),
            status_code=422,
        )
    return _redirect(f"/accounts/{account.id}", "created")


@router.get("/accounts/{account_id}/edit")
def edit_account_page(
    request: Request, account_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE)
    account = service.get_account(db, principal, account_id)
    context = pages.account_form(
        request,
        db,
        principal,
        form=forms.account_form_values(account),
        errors={},
        account_id=account.id,
        version=account.version,
    )
    return render(request, "accounts/account_form.html", context, fragment="form_card")


@router.post("/accounts/{account_id}/edit")
def update_account(
    request: Request, account_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.account_data(form)
    version = int(str(form.get("version") or 0)) or None
    outcome = attempt(
        db,
        _locale(request),
        lambda: service.update_account(
            db, principal, account_id, AccountUpdate.model_validate(data), version
        ),
    )
    if outcome.ok:
        return saved(request, f"/accounts/{account_id}")
    context = pages.account_form(
        request,
        db,
        principal,
        form=forms.form_echo(data),
        errors=outcome.errors,
        account_id=account_id,
        version=version,
    )
    return render(
        request,
        "accounts/account_form.html",
        context,
        fragment="form_card",
        status_code=outcome.status,
    )


@router.post("/accounts/{account_id}/archive")
def archive_account(account_id: int, db: DB, principal: CurrentPrincipal) -> Response:
    service.archive_account(db, principal, account_id)
    return _redirect(f"/accounts/{account_id}", "archived")


@router.post("/accounts/{account_id}/restore")
def restore_account(account_id: int, db: DB, principal: CurrentPrincipal) -> Response:
    service.restore_account(db, principal, account_id)
    return _redirect(f"/accounts/{account_id}", "restored")


@router.post("/accounts/{account_id}/team")
def add_team_member(
    request: Request,
    account_id: int,
    db: DB,
    principal: CurrentPrincipal,
    user_id: Annotated[int, Form()],
    role: Annotated[str, Form()],
) -> Response:
    detail = service.account_detail(db, principal, account_id)
    team = [
        TeamMemberWrite(user_id=m.user_id, role=m.role) for m in detail.team if m.user_id != user_id
    ]
    try:
        team.append(TeamMemberWrite(user_id=user_id, role=role))
        service.update_account(db, principal, account_id, AccountUpdate(team=team), detail.version)
    except (ValidationError, ValidationFailed):
        db.rollback()
    return _redirect(f"/accounts/{account_id}")


@router.post("/accounts/{account_id}/team/{user_id}/remove")
def remove_team_member(
    account_id: int, user_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    detail = service.account_detail(db, principal, account_id)
    team = [
        TeamMemberWrite(user_id=m.user_id, role=m.role) for m in detail.team if m.user_id != user_id
    ]
    service.update_account(db, principal, account_id, AccountUpdate(team=team), detail.version)
    return _redirect(f"/accounts/{account_id}", "saved")


# --- account page ------------------------------------------------------------------------------

ACCOUNT_TABS = ("overview", "contacts", "opportunities", "activities", "history")


@router.get("/accounts/{account_id}")
def account_page(
    request: Request,
    account_id: int,
    db: DB,
    principal: CurrentPrincipal,
    tab: str = "overview",
    type: Annotated[list[str] | None, Query()] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    locale = _locale(request)
    tab = tab if tab in ACCOUNT_TABS else "overview"
    detail = service.account_detail(db, principal, account_id)
    users = list_pages.users(db, principal, {detail.owner_id} if detail.owner_id else set())
    context: dict[str, Any] = {
        "account": detail,
        "tab": tab,
        "notice": list_pages.page_notice(request),
        "row": pages.account_row(detail, users, locale),
        "can_write": principal.can(Permission.WRITE),
        "team": [(m, label(m.role, locale)) for m in detail.team],
        "vocab": vocabularies(locale),
        "user_options": list_pages.user_choices(users.values(), locale),
    }
    if tab == "overview":
        parent = (
            repo.account_names(db, principal.scope, [detail.parent_id]).get(detail.parent_id)
            if detail.parent_id
            else None
        )
        context["facts"] = [
            (translate(locale, k), v) for k, v in pages.account_facts(detail, users, parent, locale)
        ]
        context["org_chart"] = service.org_chart(db, principal, account_id)
        context["children"] = repo.children(db, principal.scope, account_id)
        context["merged_into"] = (
            repo.account_names(db, principal.scope, [detail.merged_into_id]).get(
                detail.merged_into_id
            )
            if detail.merged_into_id
            else None
        )
    elif tab == "contacts":
        contacts = service.contacts_of(db, principal, account_id)
        context["contacts"] = [
            contact_pages.contact_row(ContactRead.model_validate(c), locale) for c in contacts
        ]
    elif tab == "activities":
        context.update(
            activity_pages.timeline(db, principal, locale, type or [], page, account_id=account_id)
        )
    elif tab == "history":
        context["history"] = record_history_view(db, principal, "account", account_id, locale)
    # The opportunities tab is loaded from the opportunities area (/accounts/{id}/opportunities).
    fragment = (
        "timeline"
        if tab == "activities" and request.headers.get("hx-target") == "timeline"
        else "tab_content"
    )
    return render(request, "accounts/account.html", context, fragment=fragment)


# --- merge -------------------------------------------------------------------------------------


@router.get("/accounts/{account_id}/merge")
def merge_account_page(
    request: Request,
    account_id: int,
    db: DB,
    principal: CurrentPrincipal,
    duplicate_id: int | None = None,
) -> Response:
    principal.require(Permission.WRITE)
    account = service.get_account(db, principal, account_id)
    suggestions = service.find_account_duplicates(
        db, principal, account.name, account.credit_code, exclude_id=account.id
    )
    duplicate = service.get_account(db, principal, duplicate_id) if duplicate_id else None
    return render(
        request,
        "accounts/merge.html",
        {
            "kind": "accounts",
            "record": account,
            "duplicate": duplicate,
            "suggestions": suggestions,
            "error": None,
        },
    )


@router.post("/accounts/{account_id}/merge")
def merge_account(
    request: Request,
    account_id: int,
    db: DB,
    principal: CurrentPrincipal,
    duplicate_id: Annotated[int, Form()],
) -> Response:
    try:
        service.merge_accounts(db, principal, account_id, duplicate_id)
    except ValidationFailed as exc:
        db.rollback()
        account = service.get_account(db, principal, account_id)
        return render(
            request,
            "accounts/merge.html",
            {
                "kind": "accounts",
                "record": account,
                "duplicate": None,
                "suggestions": [],
                "error": "; ".join(domain_errors(exc, _locale(request)).values()),
            },
            status_code=422,
        )
    return _redirect(f"/accounts/{account_id}", "merged")
