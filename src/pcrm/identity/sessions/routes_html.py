"""Pages of signing in and out, and the language choice of the signed-in user (or of the
browser, before sign-in)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from starlette.responses import Response

from pcrm.core.deps import DB, AppSettings, SessionRoute
from pcrm.core.forms import attempt
from pcrm.core.i18n import LOCALES, N_, translate
from pcrm.core.pages import local_path, notice, page_locale, redirect
from pcrm.core.security import (
    LANG_COOKIE,
    client_ip,
    rotate_csrf,
    secure_cookies_of,
    session_cookie_name,
)
from pcrm.core.templating import render
from pcrm.identity.deps import optional_principal
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


def _next(url: str | None) -> str:
    """Where to go once signed in: a path on this site, the workbench otherwise."""
    return local_path(url or "/", "/")


@router.get("/login")
def login_page(
    request: Request,
    principal: MaybePrincipal,
    next: Annotated[str | None, Query(max_length=500)] = None,
    email: str = "",
) -> Response:
    if principal is not None:
        return redirect(_next(next))
    context = pages.login(_next(next), email=email, notice=notice(request, NOTICES))
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
    # Not a form write through `core.forms.attempt`: a refused sign-in is no message by field,
    # and its attempt row must be committed, since the throttle counts it.
    locale = page_locale(request)
    ip = client_ip(request, settings.trusted_proxies)
    try:
        signed_in = service.sign_in(
            db, email, password, ip, request.headers.get("user-agent"), settings
        )
    except service.InvalidCredentials:
        message = translate(locale, N_("The e-mail address or password is not correct."))
        context = pages.login(_next(next), email=email, error=message)
        return render(request, "identity/login.html", context, status_code=400)
    except service.SignInThrottled as exc:
        context = pages.login(_next(next), email=email, error=translate(locale, exc.detail))
        return render(
            request,
            "identity/login.html",
            context,
            status_code=429,
            headers={"Retry-After": str(exc.retry_after)},
        )
    response = redirect(_next(next))
    response.set_cookie(
        session_cookie_name(request),
        signed_in.session_token,
        httponly=True,
        samesite="lax",
        secure=secure_cookies_of(request),
        path="/",
        max_age=settings.session_days * 86400,
    )
    rotate_csrf(request)
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
    name = session_cookie_name(request)
    raw = request.cookies.get(name)
    if raw:
        attempt(db, page_locale(request), lambda: service.sign_out(db, raw))
    response = redirect("/login", "signed_out")
    response.delete_cookie(name, path="/", secure=secure_cookies_of(request))
    rotate_csrf(request)
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
        attempt(
            db,
            page_locale(request),
            lambda: users.update_profile(db, principal, ProfileUpdate(locale=chosen)),
        )
    response = redirect(_next(next))
    response.set_cookie(
        LANG_COOKIE, chosen, samesite="lax", path="/", max_age=365 * 86400, httponly=True
    )
    return response
