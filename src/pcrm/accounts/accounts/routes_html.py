"""Pages of accounts: the list and its bulk actions, an account's page, forms, the team,
duplicate checks and merge. Handlers translate, services decide."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import Response

from pcrm.accounts.accounts import forms, pages, service
from pcrm.accounts.accounts.schemas import AccountCreate, AccountUpdate, BulkAction, Duplicate
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.pages import page_locale, redirect, saved
from pcrm.core.templating import render
from pcrm.core.types import Id, PageNumber
from pcrm.identity.public import CurrentPrincipal, Permission

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


# --- the list ----------------------------------------------------------------------------------


@router.get("/accounts")
def accounts_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.accounts_list(request, db, principal)
    return render(
        request,
        "accounts/accounts.html",
        context,
        fragment="results",
        status_code=422 if context["errors"] else 200,
    )


@router.post("/accounts/bulk")
def bulk_accounts(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    ids: Annotated[list[Id], Form()],
    action: Annotated[str, Form()],
    owner_id: Annotated[str, Form()] = "",
    tag: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    outcome = attempt(
        db,
        page_locale(request),
        lambda: service.bulk_update_accounts(
            db,
            principal,
            BulkAction(
                ids=ids,
                action=action,
                owner_id=int(owner_id) if owner_id.isdigit() else None,
                tag=tag.strip() or None,
            ),
        ),
    )
    target = f"/accounts?{back}" if back else "/accounts"
    return redirect(target, "bulk" if outcome.ok else "bulk_failed")


# --- forms -------------------------------------------------------------------------------------


@router.get("/accounts/new")
def new_account_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    principal.require(Permission.WRITE)
    parent_id = request.query_params.get("parent_id", "")
    context = pages.new_account(db, principal, page_locale(request), parent_id)
    return render(request, "accounts/account_form.html", context)


@router.get("/accounts/duplicates-check")
def account_duplicates_check(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    name: Annotated[str, Query(max_length=200)] = "",
    credit_code: Annotated[str, Query(max_length=30)] = "",
    exclude_id: Id | None = None,
) -> Response:
    context = pages.account_duplicates(db, principal, name, credit_code, exclude_id)
    return render(request, "accounts/_duplicates.html", context)


@router.post("/accounts")
def create_account(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """Create the account, unless it looks like existing ones and the user has not confirmed
    it yet: those are shown first (409), with a box to tick to create it anyway."""
    locale = page_locale(request)
    data = forms.account_data(form)
    confirmed = form.get("confirm_duplicate") == "1"

    def create() -> tuple[int | None, list[Duplicate]]:
        payload = AccountCreate.model_validate(data)
        if not confirmed:
            duplicates = service.find_account_duplicates(
                db, principal, payload.name, payload.credit_code
            )
            if duplicates:
                return None, duplicates
        return service.create_account(db, principal, payload).id, []

    outcome = attempt(db, locale, create)
    account_id, duplicates = outcome.result or (None, [])
    if account_id is not None:
        return redirect(f"/accounts/{account_id}", "created")
    context = pages.account_form(
        db,
        principal,
        locale,
        form=forms.form_echo(data),
        errors=outcome.errors,
        duplicates=duplicates,
    )
    status = 409 if duplicates else outcome.status
    return render(request, "accounts/account_form.html", context, status_code=status)


@router.get("/accounts/{account_id}/edit")
def edit_account_page(
    request: Request, account_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE)
    context = pages.edit_account(db, principal, page_locale(request), account_id)
    return render(request, "accounts/account_form.html", context, fragment="form_card")


@router.post("/accounts/{account_id}/edit")
def update_account(
    request: Request, account_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.account_data(form)
    version = int(str(form.get("version") or 0)) or None
    outcome = attempt(
        db,
        page_locale(request),
        lambda: service.update_account(
            db, principal, account_id, AccountUpdate.model_validate(data), version
        ),
    )
    if outcome.ok:
        return saved(request, f"/accounts/{account_id}")
    context = pages.account_form(
        db,
        principal,
        page_locale(request),
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
def archive_account(account_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    service.archive_account(db, principal, account_id)
    return redirect(f"/accounts/{account_id}", "archived")


@router.post("/accounts/{account_id}/restore")
def restore_account(account_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    service.restore_account(db, principal, account_id)
    return redirect(f"/accounts/{account_id}", "restored")


@router.post("/accounts/{account_id}/team")
def add_team_member(
    request: Request,
    account_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    user_id: Annotated[Id, Form()],
    role: Annotated[str, Form()],
) -> Response:
    attempt(
        db,
        page_locale(request),
        lambda: service.set_team_member(db, principal, account_id, user_id, role),
    )
    return redirect(f"/accounts/{account_id}")


@router.post("/accounts/{account_id}/team/{user_id}/remove")
def remove_team_member(
    account_id: Id, user_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    service.set_team_member(db, principal, account_id, user_id, None)
    return redirect(f"/accounts/{account_id}", "saved")


# --- an account's page and merge ---------------------------------------------------------------


@router.get("/accounts/{account_id}")
def account_page(
    request: Request,
    account_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    tab: str = "overview",
    type: Annotated[list[str] | None, Query()] = None,
    page: Annotated[PageNumber, Query()] = 1,
) -> Response:
    context = pages.account_page(request, db, principal, account_id, tab, type or [], page)
    fragment = (
        "timeline"
        if context["tab"] == "activities" and request.headers.get("hx-target") == "timeline"
        else "tab_content"
    )
    return render(request, "accounts/account.html", context, fragment=fragment)


@router.get("/accounts/{account_id}/merge")
def merge_account_page(
    request: Request,
    account_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    duplicate_id: Id | None = None,
) -> Response:
    principal.require(Permission.WRITE)
    context = pages.merge_account(db, principal, account_id, duplicate_id)
    return render(request, "accounts/merge.html", context)


@router.post("/accounts/{account_id}/merge")
def merge_account(
    request: Request,
    account_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    duplicate_id: Annotated[Id, Form()],
) -> Response:
    outcome = attempt(
        db,
        page_locale(request),
        lambda: service.merge_accounts(db, principal, account_id, duplicate_id),
    )
    if outcome.ok:
        return redirect(f"/accounts/{account_id}", "merged")
    context = pages.failed_account_merge(db, principal, account_id, outcome.errors)
    return render(request, "accounts/merge.html", context, status_code=outcome.status)
