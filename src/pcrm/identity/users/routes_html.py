"""Pages of users: one's profile and password, the users of the workspace, invitations (the
administrator's side and the invitee's).

Handlers translate, services decide: each resolves the user and object, calls one service
function and renders. Forms re-rendered with errors roll back first, so nothing half-written
survives.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from pcrm.core.deps import DB, AppSettings, SessionRoute
from pcrm.core.errors import ValidationFailed
from pcrm.core.forms import attempt, clean, domain_errors, validate
from pcrm.core.i18n import N_, translate
from pcrm.core.pagination import PageRequest
from pcrm.core.security import LANG_COOKIE
from pcrm.core.templating import render
from pcrm.identity.audit import service as audit
from pcrm.identity.auth import CurrentPrincipal, require
from pcrm.identity.permissions import ROLE_HELP, ROLE_LABELS, Permission, Role
from pcrm.identity.principal import Principal
from pcrm.identity.users import service
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
ROLE_VALUES = {role.value: label for role, label in ROLE_LABELS.items()}


def _locale(request: Request) -> str:
    return str(request.state.locale)


def _notice(request: Request, key: str | None) -> str | None:
    return translate(_locale(request), NOTICES[key]) if key in NOTICES else None


def _role_options(request: Request, principal: Principal) -> list[tuple[str, str]]:
    roles = [r for r in Role if r != Role.OWNER or principal.role == Role.OWNER]
    return [(r.value, translate(_locale(request), ROLE_LABELS[r])) for r in roles]


# --- invitations (the invitee's side) ----------------------------------------------------------


@router.get("/invite/{token}")
def invitation_page(request: Request, token: str, db: DB) -> Response:
    invitation, workspace = service.open_invitation(db, token)
    return render(
        request,
        "identity/invite.html",
        {
            "invitation": invitation,
            "workspace_name": workspace.name,
            "errors": {},
            "form": {"name": invitation.name},
            "token": token,
        },
    )


@router.post("/invite/{token}")
def accept_invitation(
    request: Request,
    token: str,
    db: DB,
    settings: AppSettings,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> Response:
    invitation, workspace = service.open_invitation(db, token)
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
    return render(
        request,
        "identity/invite.html",
        {
            "invitation": invitation,
            "workspace_name": workspace.name,
            "errors": errors,
            "form": {"name": name},
            "token": token,
        },
        status_code=422,
    )


# --- profile and password -------------------------------------------------------------------------


def _profile_context(
    request: Request, db: DB, principal: Principal, **extra: Any
) -> dict[str, Any]:
    user = service.get_user(db, principal, principal.user_id)
    context: dict[str, Any] = {
        "user": user,
        "profile_errors": {},
        "password_errors": {},
        "role_label": translate(_locale(request), ROLE_LABELS[user.role]),
        "notice": None,
    }
    context.update(extra)
    return context


@router.get("/settings/profile")
def profile_page(
    request: Request, db: DB, principal: CurrentPrincipal, notice: str | None = None
) -> Response:
    return render(
        request,
        "identity/profile.html",
        _profile_context(request, db, principal, notice=_notice(request, notice)),
    )


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
        return render(
            request,
            "identity/profile.html",
            _profile_context(request, db, principal, profile_errors=errors),
            status_code=422,
        )
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
    return render(
        request,
        "identity/profile.html",
        _profile_context(request, db, principal, password_errors=errors),
        status_code=422,
    )


# --- users (administration) --------------------------------------------------------------------


def _users_context(
    request: Request,
    db: DB,
    principal: Principal,
    q: str | None,
    role: str | None,
    status: str | None,
    page: int,
    **extra: Any,
) -> dict[str, Any]:
    role_filter = Role(role) if role in {r.value for r in Role} else None
    active = {"active": True, "inactive": False}.get(status or "")
    users = service.list_users(
        db,
        principal,
        PageRequest.checked(page, 50),
        q=q or None,
        role=role_filter,
        is_active=active,
    )
    query = urlencode({k: v for k, v in {"q": q, "role": role, "status": status}.items() if v})
    context: dict[str, Any] = {
        "users": users,
        "q": q or "",
        "role": role or "",
        "status": status or "",
        "base_url": f"/admin/users?{query}&" if query else "/admin/users?",
        "role_labels": ROLE_VALUES,
        "role_options": _role_options(request, principal),
        "invitations": service.list_invitations(db, principal),
        "invite_errors": {},
        "invite_form": {"email": "", "name": "", "role": Role.SALES.value},
        "new_invitation_url": None,
        "notice": None,
    }
    context.update(extra)
    return context


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
    context = _users_context(
        request, db, principal, q, role, status, page, notice=_notice(request, notice)
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
            context = _users_context(
                request, db, principal, None, None, None, 1, new_invitation_url=url
            )
            return render(
                request, "identity/users.html", context, headers={"Cache-Control": "no-store"}
            )
    context = _users_context(
        request, db, principal, None, None, None, 1, invite_errors=errors, invite_form=form
    )
    return render(request, "identity/users.html", context, status_code=422)


@router.post("/admin/invitations/{invitation_id}/revoke")
def revoke_invitation(invitation_id: int, db: DB, principal: Admin) -> Response:
    service.revoke_invitation(db, principal, invitation_id)
    return RedirectResponse("/admin/users?notice=revoked", status_code=303)


def _user_context(
    request: Request, db: DB, principal: Principal, user_id: int, **extra: Any
) -> dict[str, Any]:
    user = service.get_user(db, principal, user_id)
    history = audit.record_history(db, principal, "user", user.id)
    context: dict[str, Any] = {
        "user": user,
        "errors": {},
        "form": None,
        "notice": None,
        "role_label": translate(_locale(request), ROLE_LABELS[user.role]),
        "role_options": _role_options(request, principal),
        "role_help": [
            (translate(_locale(request), ROLE_LABELS[r]), translate(_locale(request), ROLE_HELP[r]))
            for r in Role
        ],
        "history": audit.history_view(db, principal, history, _locale(request)),
        "is_self": user.id == principal.user_id,
    }
    context.update(extra)
    return context


@router.get("/admin/users/{user_id}")
def user_page(
    request: Request, user_id: int, db: DB, principal: Admin, notice: str | None = None
) -> Response:
    return render(
        request,
        "identity/user.html",
        _user_context(request, db, principal, user_id, notice=_notice(request, notice)),
    )


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
    return render(
        request,
        "identity/user.html",
        _user_context(request, db, principal, user_id, errors=outcome.errors, form=form),
        status_code=outcome.status,
    )
