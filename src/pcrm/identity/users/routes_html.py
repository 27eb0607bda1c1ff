"""Pages of users: one's profile and password, the users of the workspace, invitations (the
administrator's side and the invitee's).

Handlers translate, services decide: each resolves the user and object, calls one page
builder or one service function and renders. Forms re-rendered with errors roll back first,
so nothing half-written survives.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from pcrm.core.deps import DB, AppSettings, SessionRoute
from pcrm.core.errors import ValidationFailed
from pcrm.core.forms import attempt, clean, domain_errors, validate
from pcrm.core.i18n import N_, translate
from pcrm.core.security import LANG_COOKIE
from pcrm.core.templating import render
from pcrm.identity.auth import CurrentPrincipal, require
from pcrm.identity.permissions import Permission
from pcrm.identity.principal import Principal
from pcrm.identity.users import pages, service
from pcrm.identity.users.schemas import (
    InvitationAccept,
    InvitationCreate,
    PasswordChange,
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


def _locale(request: Request) -> str:
    return str(request.state.locale)


def _notice(request: Request, key: str | None) -> str | None:
    return translate(_locale(request), NOTICES[key]) if key in NOTICES else None


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
    data, errors = validate(
        InvitationAccept, {"name": name, "password": password}, _locale(request)
    )
    if data is not None:
        try:
            user = service.accept_invitation(db, token, data, settings)
        except ValidationFailed as exc:
            db.rollback()
            errors = domain_errors(exc, _locale(request))
        else:
            query = urlencode({"notice": "joined", "email": user.email})
            return RedirectResponse(f"/login?{query}", status_code=303)
    context = pages.invitation(db, token, form={"name": name}, errors=errors)
    return render(request, "identity/invite.html", context, status_code=422)


# --- profile and password -------------------------------------------------------------------------


@router.get("/settings/profile")
def profile_page(
    request: Request, db: DB, principal: CurrentPrincipal, notice: str | None = None
) -> Response:
    context = pages.profile(db, principal, _locale(request), notice=_notice(request, notice))
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
    data, errors = validate(
        ProfileUpdate,
        clean(
            {"name": name, "english_name": english_name, "locale": locale},
            optional=("english_name", "locale"),
        ),
        _locale(request),
    )
    if data is None:
        context = pages.profile(db, principal, _locale(request), profile_errors=errors)
        return render(request, "identity/profile.html", context, status_code=422)
    user = service.update_profile(db, principal, data)
    response = RedirectResponse("/settings/profile?notice=saved", status_code=303)
    if user.locale:
        response.set_cookie(
            LANG_COOKIE, user.locale, samesite="lax", path="/", max_age=365 * 86400, httponly=True
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
    locale = _locale(request)
    data, errors = validate(
        PasswordChange, {"current_password": current_password, "new_password": new_password}, locale
    )
    if data is not None and new_password != confirm_password:
        data, errors = (
            None,
            {"confirm_password": translate(locale, N_("The two new passwords do not match."))},
        )
    if data is not None:
        try:
            service.change_password(db, principal, data, settings)
        except ValidationFailed as exc:
            db.rollback()
            errors = domain_errors(exc, locale)
        else:
            return RedirectResponse("/settings/profile?notice=password", status_code=303)
    context = pages.profile(db, principal, locale, password_errors=errors)
    return render(request, "identity/profile.html", context, status_code=422)


# --- users (administration) --------------------------------------------------------------------


@router.get("/admin/users")
def users_page(
    request: Request,
    db: DB,
    principal: Admin,
    q: Annotated[str | None, Query(max_length=100)] = None,
    role: str | None = None,
    status: str | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    notice: str | None = None,
) -> Response:
    context = pages.users(
        db,
        principal,
        _locale(request),
        q=q,
        role=role,
        status=status,
        page=page,
        notice=_notice(request, notice),
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
    locale = _locale(request)
    form = {"email": email, "name": name, "role": role}
    data, errors = validate(InvitationCreate, form, locale)
    if data is not None:
        try:
            _invitation, raw = service.invite_user(db, principal, data)
        except ValidationFailed as exc:
            db.rollback()
            errors = domain_errors(exc, locale)
        else:
            url = str(request.base_url).rstrip("/") + f"/invite/{raw}"
            context = pages.users(db, principal, locale, new_invitation_url=url)
            return render(
                request, "identity/users.html", context, headers={"Cache-Control": "no-store"}
            )
    context = pages.users(db, principal, locale, invite_form=form, invite_errors=errors)
    return render(request, "identity/users.html", context, status_code=422)


@router.post("/admin/invitations/{invitation_id}/revoke")
def revoke_invitation(invitation_id: int, db: DB, principal: Admin) -> Response:
    service.revoke_invitation(db, principal, invitation_id)
    return RedirectResponse("/admin/users?notice=revoked", status_code=303)


@router.get("/admin/users/{user_id}")
def user_page(
    request: Request, user_id: int, db: DB, principal: Admin, notice: str | None = None
) -> Response:
    context = pages.user(db, principal, user_id, _locale(request), notice=_notice(request, notice))
    return render(request, "identity/user.html", context)


@router.post("/admin/users/{user_id}")
def update_user(
    request: Request,
    user_id: int,
    db: DB,
    principal: Admin,
    version: Annotated[int, Form()],
    name: Annotated[str, Form()] = "",
    english_name: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
    locale: Annotated[str, Form()] = "",
    is_active: Annotated[str | None, Form()] = None,
) -> Response:
    page_locale = _locale(request)
    raw = {"name": name, "english_name": english_name, "role": role, "locale": locale}
    if is_active is not None:
        raw["is_active"] = is_active
    form = clean(raw, optional=("english_name", "locale"))
    outcome = attempt(
        db,
        page_locale,
        lambda: service.update_user(
            db, principal, user_id, UserUpdate.model_validate(form), version
        ),
    )
    if outcome.ok:
        return RedirectResponse(f"/admin/users/{user_id}?notice=saved", status_code=303)
    context = pages.user(db, principal, user_id, page_locale, form=form, errors=outcome.errors)
    return render(request, "identity/user.html", context, status_code=outcome.status)
