"""Pages of users: one's profile and password, the users of the workspace, invitations (the
administrator's side and the invitee's).

Handlers translate, services decide: each resolves the user and object, calls one page
builder or one service function and renders. Every write goes through `core.forms.attempt`:
a form sent back with messages has rolled back first, so nothing half-written survives.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from starlette.responses import Response

from pcrm.core.deps import DB, AppSettings, SessionRoute
from pcrm.core.forms import attempt
from pcrm.core.i18n import N_
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.security import LANG_COOKIE
from pcrm.core.templating import render
from pcrm.core.types import Id, PageNumber
from pcrm.identity.deps import CurrentPrincipal, require
from pcrm.identity.permissions import Permission
from pcrm.identity.principal import Principal
from pcrm.identity.users import forms, pages, service
from pcrm.identity.users.schemas import (
    InvitationAccept,
    InvitationCreate,
    ProfileUpdate,
    UserUpdate,
)

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
Admin = Annotated[Principal, Depends(require(Permission.MANAGE_USERS))]

NOTICES = {
    "saved": N_("Your changes have been saved."),
    "password": N_("Your password has been changed. Your other sessions were signed out."),
    "revoked": N_("Revoked."),
}


# --- invitations (the invitee's side) ----------------------------------------------------------


@router.get("/invite/{token}")
def invitation_page(request: Request, token: str, db: DB) -> Response:
    return render(request, "identity/invite.html", pages.invitation(db, token))


@router.post("/invite/{token}")
def accept_invitation(
    request: Request,
    token: str,
    db: DB,
    settings: AppSettings,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> Response:
    service.open_invitation(db, token)
    outcome = attempt(
        db,
        page_locale(request),
        lambda: service.accept_invitation(
            db,
            token,
            InvitationAccept.model_validate({"name": name, "password": password}),
            settings,
        ),
    )
    if outcome.result is not None:
        return redirect("/login?" + urlencode({"notice": "joined", "email": outcome.result.email}))
    context = pages.invitation(db, token, form={"name": name}, errors=outcome.errors)
    return render(request, "identity/invite.html", context, status_code=outcome.status)


# --- profile and password ----------------------------------------------------------------------


@router.get("/settings/profile")
def profile_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.profile(db, principal, page_locale(request), notice=notice(request, NOTICES))
    return render(request, "identity/profile.html", context)


@router.post("/settings/profile")
def update_profile(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    name: Annotated[str, Form()] = "",
    english_name: Annotated[str, Form()] = "",
    locale: Annotated[str, Form()] = "",
) -> Response:
    shown_in = page_locale(request)
    data = forms.profile_fields(name, english_name, locale)
    outcome = attempt(
        db,
        shown_in,
        lambda: service.update_profile(db, principal, ProfileUpdate.model_validate(data)),
    )
    if outcome.result is None:
        context = pages.profile(db, principal, shown_in, profile_errors=outcome.errors)
        return render(request, "identity/profile.html", context, status_code=outcome.status)
    response = redirect("/settings/profile", "saved")
    if outcome.result.locale:
        response.set_cookie(
            LANG_COOKIE,
            outcome.result.locale,
            samesite="lax",
            path="/",
            max_age=365 * 86400,
            httponly=True,
        )
    return response


@router.post("/settings/password")
def change_password(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    settings: AppSettings,
    current_password: Annotated[str, Form()] = "",
    new_password: Annotated[str, Form()] = "",
    confirm_password: Annotated[str, Form()] = "",
) -> Response:
    locale = page_locale(request)
    outcome = attempt(
        db,
        locale,
        lambda: service.change_password(
            db,
            principal,
            forms.password_change(current_password, new_password, confirm_password),
            settings,
        ),
    )
    if outcome.ok:
        return redirect("/settings/profile", "password")
    context = pages.profile(db, principal, locale, password_errors=outcome.errors)
    return render(request, "identity/profile.html", context, status_code=outcome.status)


# --- users (administration) --------------------------------------------------------------------


@router.get("/admin/users")
def users_page(
    request: Request,
    db: DB,
    principal: Admin,
    q: Annotated[str | None, Query(max_length=100)] = None,
    role: str | None = None,
    status: str | None = None,
    page: Annotated[PageNumber, Query()] = 1,
) -> Response:
    context = pages.users(
        db,
        principal,
        page_locale(request),
        q=q,
        role=role,
        status=status,
        page=page,
        notice=notice(request, NOTICES),
    )
    return render(request, "identity/users.html", context, fragment="user_table")


@router.post("/admin/invitations")
def invite_user(
    request: Request,
    db: DB,
    principal: Admin,
    email: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
) -> Response:
    locale = page_locale(request)
    form = {"email": email, "name": name, "role": role}
    outcome = attempt(
        db,
        locale,
        lambda: service.invite_user(db, principal, InvitationCreate.model_validate(form)),
    )
    if outcome.result is not None:
        _invitation, raw = outcome.result
        url = str(request.base_url).rstrip("/") + f"/invite/{raw}"
        context = pages.users(db, principal, locale, new_invitation_url=url)
        return render(
            request, "identity/users.html", context, headers={"Cache-Control": "no-store"}
        )
    context = pages.users(db, principal, locale, invite_form=form, invite_errors=outcome.errors)
    return render(request, "identity/users.html", context, status_code=outcome.status)


@router.post("/admin/invitations/{invitation_id}/revoke")
def revoke_invitation(request: Request, invitation_id: Id, db: DB, principal: Admin) -> Response:
    attempt(
        db, page_locale(request), lambda: service.revoke_invitation(db, principal, invitation_id)
    )
    return redirect("/admin/users", "revoked")


@router.get("/admin/users/{user_id}")
def user_page(request: Request, user_id: Id, db: DB, principal: Admin) -> Response:
    context = pages.user(
        db, principal, user_id, page_locale(request), notice=notice(request, NOTICES)
    )
    return render(request, "identity/user.html", context)


@router.post("/admin/users/{user_id}")
def update_user(
    request: Request,
    user_id: Id,
    db: DB,
    principal: Admin,
    version: Annotated[int, Form()],
    name: Annotated[str, Form()] = "",
    english_name: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
    locale: Annotated[str, Form()] = "",
    is_active: Annotated[str | None, Form()] = None,
) -> Response:
    shown_in = page_locale(request)
    form = forms.user_fields(name, english_name, role, locale, is_active)
    outcome = attempt(
        db,
        shown_in,
        lambda: service.update_user(
            db, principal, user_id, UserUpdate.model_validate(form), version
        ),
    )
    if outcome.ok:
        return redirect(f"/admin/users/{user_id}", "saved")
    context = pages.user(db, principal, user_id, shown_in, form=form, errors=outcome.errors)
    return render(request, "identity/user.html", context, status_code=outcome.status)
