"""Pages of signing in and out, and the language choice of the signed-in user (or of the
browser, before sign-in)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from pcrm.core.deps import DB, AppSettings, SessionRoute
from pcrm.core.errors import TooManyAttempts
from pcrm.core.i18n import LOCALES, N_, translate
from pcrm.core.security import LANG_COOKIE, SESSION_COOKIE, client_ip, wants_secure_cookies
from pcrm.core.templating import render
from pcrm.identity.auth import optional_principal
from pcrm.identity.principal import Principal
from pcrm.identity.sessions import pages, service
from pcrm.identity.users import service as users
from pcrm.identity.users.schemas import ProfileUpdate

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
MaybePrincipal = Annotated[Principal | None, Depends(optional_principal)]

NOTICES = {
    "joined": N_("Welcome! Your account is ready; sign in with your new password."),
    "signed_out": N_("You have signed out."),
}


def _locale(request: Request) -> str:
    return str(request.state.locale)


def _notice(request: Request, key: str | None) -> str | None:
    return translate(_locale(request), NOTICES[key]) if key in NOTICES else None


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


@router.get("/login")
def login_page(
    request: Request,
    principal: MaybePrincipal,
    next: Annotated[str | None, Query(max_length=500)] = None,
    notice: str | None = None,
    email: str = "",
) -> Response:
    if principal is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    context = pages.login(_safe_next(next), email=email, notice=_notice(request, notice))
    return render(request, "identity/login.html", context)


@router.post("/login")
def login(
    request: Request,
    db: DB,
    settings: AppSettings,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    locale = _locale(request)
    ip = client_ip(request, settings.trusted_proxies)
    try:
        signed_in = service.sign_in(
            db, email, password, ip, request.headers.get("user-agent"), settings
        )
    except service.InvalidCredentials:
        message = translate(locale, N_("The e-mail address or password is not correct."))
        context = pages.login(_safe_next(next), email=email, error=message)
        return render(request, "identity/login.html", context, status_code=400)
    except TooManyAttempts as exc:
        context = pages.login(_safe_next(next), email=email, error=translate(locale, exc.detail))
        return render(
            request,
            "identity/login.html",
            context,
            status_code=429,
            headers={"Retry-After": "900"},
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        signed_in.session_token,
        httponly=True,
        samesite="lax",
        secure=wants_secure_cookies(request, settings),
        path="/",
        max_age=settings.session_days * 86400,
    )
    if signed_in.user.locale:
        response.set_cookie(
            LANG_COOKIE,
            signed_in.user.locale,
            samesite="lax",
            path="/",
            max_age=365 * 86400,
            httponly=True,
        )
    return response


@router.post("/logout")
def logout(request: Request, db: DB) -> Response:
    raw = request.cookies.get(SESSION_COOKIE)
    if raw:
        service.sign_out(db, raw)
    response = RedirectResponse("/login?notice=signed_out", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/language")
def set_language(
    request: Request,
    db: DB,
    principal: MaybePrincipal,
    locale: Annotated[str, Form()] = "zh_CN",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    chosen = locale if locale in LOCALES else "zh_CN"
    if principal is not None and principal.locale != chosen:
        users.update_profile(db, principal, ProfileUpdate(locale=chosen))
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        LANG_COOKIE, chosen, samesite="lax", path="/", max_age=365 * 86400, httponly=True
    )
    return response
