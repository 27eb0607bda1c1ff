"""The customer portal's pages (ADR 0007): its own sign-in at /portal/login with its own
session cookie, throttling and CSRF cookie; the customer's inbox and projects; their acts,
each written through `projects.public` with channel = portal, time, address and browser.

Every page but the sign-in and the invitation link needs a portal session: a staff session
is no portal session (and a portal session no staff session: staff pages read only theirs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from pydantic import ValidationError
from starlette.responses import Response

from pcrm.core.deps import DB, AppSettings, SessionRoute
from pcrm.core.errors import Conflict, ValidationFailed
from pcrm.core.forms import FormValues, attempt, domain_errors, posted_id
from pcrm.core.i18n import LOCALES, N_, translate
from pcrm.core.pages import local_path, notice, page_locale, redirect
from pcrm.core.problems import field_errors_from_pydantic
from pcrm.core.security import (
    LANG_COOKIE,
    client_ip,
    portal_session_cookie_name,
    rotate_csrf,
    secure_cookies_of,
)
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import (
    CurrentPortalPrincipal,
    InvalidCredentials,
    PortalPasswordSet,
    PortalPrincipal,
    SignInThrottled,
    accept_portal_invitation,
    open_portal_invitation,
    optional_portal_principal,
    portal_sign_in,
    portal_sign_out,
)
from pcrm.portal import pages
from pcrm.projects.public import (
    portal_answer_question,
    portal_decide_baseline,
    portal_decide_change,
    portal_raise_change,
)

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
MaybePortal = Annotated[PortalPrincipal | None, Depends(optional_portal_principal)]

NOTICES = {
    "joined": N_("Your password is set: sign in to the portal."),
    "signed_out": N_("You have signed out."),
    "decided": N_("Thank you: your decision is recorded."),
    "answered": N_("Thank you: your answer is recorded."),
    "raised": N_("Your change request is sent to the account team."),
}


def _next(url: str | None) -> str:
    target = local_path(url or "/portal", "/portal")
    return target if target.startswith("/portal") else "/portal"


def _client(request: Request, settings: AppSettings) -> tuple[str | None, str | None]:
    """Where an act comes from: the client's IP address and user agent (its receipt)."""
    return client_ip(request, settings.trusted_proxies), request.headers.get("user-agent")


# --- signing in ------------------------------------------------------------------------------


@router.get("/portal/login")
def login_page(
    request: Request,
    portal: MaybePortal,
    next: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    if portal is not None:
        return redirect(_next(next))
    context = {"next": _next(next), "email": "", "notice": notice(request, NOTICES), "error": None}
    return render(request, "portal/login.html", context)


@router.post("/portal/login")
def login(
    request: Request,
    db: DB,
    settings: AppSettings,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "/portal",
) -> Response:
    locale = page_locale(request)
    ip = client_ip(request, settings.trusted_proxies)
    context = {"next": _next(next), "email": email, "notice": None}
    try:
        signed_in = portal_sign_in(
            db, email, password, ip, request.headers.get("user-agent"), settings
        )
    except InvalidCredentials:
        context["error"] = translate(locale, N_("The e-mail address or password is not correct."))
        return render(request, "portal/login.html", context, status_code=400)
    except SignInThrottled as exc:
        context["error"] = translate(locale, exc.detail)
        headers = {"Retry-After": str(exc.retry_after)}
        return render(request, "portal/login.html", context, status_code=429, headers=headers)
    response = redirect(_next(next))
    response.set_cookie(
        portal_session_cookie_name(request),
        signed_in.session_token,
        httponly=True,
        samesite="lax",
        secure=secure_cookies_of(request),
        path="/",
        max_age=settings.session_days * 86400,
    )
    rotate_csrf(request)
    return response


@router.post("/portal/logout")
def logout(request: Request, db: DB) -> Response:
    name = portal_session_cookie_name(request)
    raw = request.cookies.get(name)
    if raw:
        attempt(db, page_locale(request), lambda: portal_sign_out(db, raw))
    response = redirect("/portal/login", "signed_out")
    response.delete_cookie(name, path="/", secure=secure_cookies_of(request))
    rotate_csrf(request)
    return response


@router.post("/portal/language")
def set_language(
    locale: Annotated[str, Form()] = "zh_CN",
    next: Annotated[str, Form(max_length=500)] = "/portal",
) -> Response:
    response = redirect(_next(next))
    chosen = locale if locale in LOCALES else "zh_CN"
    response.set_cookie(
        LANG_COOKIE, chosen, samesite="lax", path="/", max_age=365 * 86400, httponly=True
    )
    return response


@router.get("/portal/join/{token}")
def join_page(request: Request, token: str, db: DB) -> Response:
    invited = open_portal_invitation(db, token[:100])
    context = {"invited": invited, "token": token, "errors": {}}
    return render(request, "portal/join.html", context)


@router.post("/portal/join/{token}")
def join(
    request: Request,
    token: str,
    db: DB,
    settings: AppSettings,
    password: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    invited = open_portal_invitation(db, token[:100])
    locale = page_locale(request)
    try:
        data = PortalPasswordSet(password=password)
    except ValidationError as exc:
        errors = {
            e["field"]: e["message"] for e in field_errors_from_pydantic(exc.errors(), locale)
        }
        context = {"invited": invited, "token": token, "errors": errors}
        return render(request, "portal/join.html", context, status_code=422)
    accept_portal_invitation(db, token[:100], data, settings)
    return redirect("/portal/login", "joined")


# --- the customer's pages --------------------------------------------------------------------


@router.get("/portal")
def home(request: Request, db: DB, portal: CurrentPortalPrincipal) -> Response:
    context = pages.home(db, portal, page_locale(request))
    context["notice"] = notice(request, NOTICES)
    return render(request, "portal/home.html", context)


def _project_page(
    request: Request,
    db: DB,
    portal: PortalPrincipal,
    project_id: int,
    error: str | None = None,
    status_code: int = 200,
    form: FormValues | None = None,
) -> Response:
    context = pages.project(db, portal, project_id, page_locale(request))
    context.update(notice=notice(request, NOTICES), error=error, form=form or FormValues())
    return render(request, "portal/project.html", context, status_code=status_code)


@router.get("/portal/projects/{project_id}")
def project_page(
    request: Request, project_id: Id, db: DB, portal: CurrentPortalPrincipal
) -> Response:
    return _project_page(request, db, portal, project_id)


def _act(
    request: Request, db: DB, portal: PortalPrincipal, project_id: int, write: Callable[[], object]
) -> Response | None:
    """Run an act; on a refusal the project's page again with the reason (422 bad input, 409
    stale or no longer pending), nothing written. None when it was done."""
    locale = page_locale(request)
    try:
        write()
    except ValidationFailed as exc:
        db.rollback()
        message = " ".join(domain_errors(exc, locale).values())
        return _project_page(request, db, portal, project_id, message, 422)
    except ValidationError as exc:
        db.rollback()
        found = field_errors_from_pydantic(exc.errors(), locale)
        message = " ".join(e["message"] for e in found)
        return _project_page(request, db, portal, project_id, message, 422)
    except Conflict as exc:
        db.rollback()
        return _project_page(request, db, portal, project_id, translate(locale, exc.detail), 409)
    return None


@router.post("/portal/projects/{project_id}/baselines/{baseline_id}/decision")
def decide_baseline(
    request: Request,
    project_id: Id,
    baseline_id: Id,
    db: DB,
    settings: AppSettings,
    portal: CurrentPortalPrincipal,
    baseline_number: Annotated[str, Form(max_length=12)] = "",
    decision: Annotated[str, Form(max_length=20)] = "",
    comment: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    refused = _act(
        request, db, portal, project_id,
        lambda: portal_decide_baseline(
            db, portal, project_id, baseline_id, posted_id(baseline_number) or 0, decision,
            comment.strip() or None, _client(request, settings),
        ),
    )  # fmt: skip
    return refused or redirect(f"/portal/projects/{project_id}", "decided")


@router.post("/portal/projects/{project_id}/changes/{change_id}/decision")
def decide_change(
    request: Request,
    project_id: Id,
    change_id: Id,
    db: DB,
    settings: AppSettings,
    portal: CurrentPortalPrincipal,
    option: Annotated[str, Form(max_length=40)] = "",
    decision: Annotated[str, Form(max_length=20)] = "",
    comment: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    # the option as the page showed it: "<id>:<version>"
    option_id, _, version = option.partition(":")
    chosen = (posted_id(option_id), posted_id(version))
    picked = (chosen[0], chosen[1]) if chosen[0] and chosen[1] else None
    refused = _act(
        request, db, portal, project_id,
        lambda: portal_decide_change(
            db, portal, project_id, change_id, picked, decision, comment.strip() or None,
            _client(request, settings),
        ),
    )  # fmt: skip
    return refused or redirect(f"/portal/projects/{project_id}", "decided")


@router.post("/portal/projects/{project_id}/changes")
def raise_change(
    request: Request,
    project_id: Id,
    db: DB,
    settings: AppSettings,
    portal: CurrentPortalPrincipal,
    title: Annotated[str, Form(max_length=300)] = "",
    reason: Annotated[str, Form(max_length=20000)] = "",
    category: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    refused = _act(
        request, db, portal, project_id,
        lambda: portal_raise_change(
            db, portal, project_id, title, reason, category, _client(request, settings)
        ),
    )  # fmt: skip
    return refused or redirect(f"/portal/projects/{project_id}", "raised")


@router.post("/portal/projects/{project_id}/questions/{clarification_id}/answer")
def answer_question(
    request: Request,
    project_id: Id,
    clarification_id: Id,
    db: DB,
    settings: AppSettings,
    portal: CurrentPortalPrincipal,
    version: Annotated[str, Form(max_length=12)] = "",
    answer: Annotated[str, Form(max_length=20000)] = "",
) -> Response:
    refused = _act(
        request, db, portal, project_id,
        lambda: portal_answer_question(
            db, portal, project_id, clarification_id, posted_id(version) or 0, answer,
            _client(request, settings),
        ),
    )  # fmt: skip
    return refused or redirect(f"/portal/projects/{project_id}", "answered")
