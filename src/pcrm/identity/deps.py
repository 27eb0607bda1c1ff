"""Request authentication: session cookie for people, `Authorization: Bearer` for the API.

A deactivated user's sessions stop working on the next request, because every request
re-reads the user row with the session. API tokens are resolved through a 5-second cache per
process (`tokens.service.TOKEN_CACHE_SECONDS`): a change made through this process clears it
at once, one made through another process counts within those 5 seconds.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from pcrm.core.context import locale_var
from pcrm.core.deps import DB, AppSettings
from pcrm.core.errors import PermissionDenied
from pcrm.core.i18n import N_, translate
from pcrm.core.problems import domain_error_response, is_api, problem
from pcrm.core.security import (
    UNSAFE_METHODS,
    bearer_token,
    is_portal_path,
    portal_session_cookie_name,
    secure_cookies_of,
    session_cookie_name,
)
from pcrm.identity.permissions import Permission
from pcrm.identity.portal_users import service as portal_users
from pcrm.identity.principal import PortalPrincipal, Principal
from pcrm.identity.security_log import service as security_log
from pcrm.identity.security_log.schemas import SecurityEventNote
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome
from pcrm.identity.sessions import service as sessions
from pcrm.identity.tokens import scopes as token_scopes
from pcrm.identity.tokens import service as tokens

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SignInRequired(Exception):
    pass


class PortalSignInRequired(Exception):
    """A portal page asked without a live portal session (a staff session is none)."""


async def optional_portal_principal(
    request: Request, db: DB, settings: AppSettings
) -> PortalPrincipal | None:
    """The customer signed in to the portal, from the portal's own cookie only: a staff
    session cookie or an API token signs nobody in here (ADR 0007)."""
    raw = request.cookies.get(portal_session_cookie_name(request))
    if not raw:
        return None
    found = await run_in_threadpool(portal_users.check_session, db, raw, settings)
    if found is not None:
        request.state.portal_principal = found
        if found.locale:
            request.state.locale = found.locale
            locale_var.set(found.locale)
    return found


async def current_portal_principal(
    principal: Annotated[PortalPrincipal | None, Depends(optional_portal_principal)],
) -> PortalPrincipal:
    if principal is None:
        raise PortalSignInRequired()
    return principal


CurrentPortalPrincipal = Annotated[PortalPrincipal, Depends(current_portal_principal)]


async def optional_principal(request: Request, db: DB, settings: AppSettings) -> Principal | None:
    """Who is asking. On the event loop: a token found in the cache costs no database work;
    a cache miss and a session cookie (whose user is re-read on every request) are looked up
    in a worker thread."""
    bearer = bearer_token(request)
    principal: Principal | None
    if bearer is not None:
        checked: Principal | tokens.TokenRefused | None = tokens.cached_api_token(db, bearer)
        if checked is None:
            checked = await run_in_threadpool(tokens.check_api_token, db, bearer)
        if isinstance(checked, tokens.TokenRefused):
            request.state.security_refusal = checked.note
            raise SignInRequired()
        principal = checked
    else:
        raw = request.cookies.get(session_cookie_name(request))
        found = await run_in_threadpool(sessions.check_session, db, raw, settings) if raw else None
        if isinstance(found, sessions.SessionRefused):
            request.state.security_refusal = found.note
            found = None
        principal = found
    if principal is not None:
        request.state.principal = principal
        if principal.scopes is not None:
            _check_scopes(request, principal)
        if principal.locale and principal.via == "session":
            request.state.locale = principal.locale
            locale_var.set(principal.locale)  # the middleware resets it after the request
    return principal


class OutOfScope(PermissionDenied):
    """A token asked for what its scopes do not reach."""

    def __init__(self, note: SecurityEventNote) -> None:
        super().__init__(N_("This API token's scopes do not allow this request."))
        self.note = note


def _check_scopes(request: Request, principal: Principal) -> None:
    """A token reaches only the areas its scopes name, and writes only with a write scope."""
    scopes = principal.scopes or frozenset()
    endpoint = request.scope.get("endpoint")
    area = token_scopes.area_of(getattr(endpoint, "__module__", "") or "")
    writing = request.method not in SAFE_METHODS
    if not token_scopes.allows(scopes, area, writing):
        note = security_log.principal_note(
            principal, SecurityEventKind.TOKEN_REFUSED, SecurityOutcome.FAILURE, "scope"
        )
        raise OutOfScope(note)


async def current_principal(
    principal: Annotated[Principal | None, Depends(optional_principal)],
) -> Principal:
    if principal is None:
        raise SignInRequired()
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require(permission: Permission) -> Callable[[Principal], Awaitable[Principal]]:
    async def dependency(principal: CurrentPrincipal) -> Principal:
        if not principal.can(permission):
            raise PermissionDenied(N_("You do not have permission to do this."))
        return principal

    return dependency


def _log_apart(request: Request, note: SecurityEventNote) -> Awaitable[None]:
    return run_in_threadpool(security_log.record_apart, request.app.state.session_factory, note)


def install_auth_handlers(app: FastAPI) -> None:
    @app.exception_handler(PermissionDenied)
    async def _denied(request: Request, exc: PermissionDenied) -> Response:
        """A refused write goes to the security log (in a transaction of its own: the
        request's is rolled back), then is answered like any other domain error."""
        if isinstance(exc, OutOfScope):
            await _log_apart(request, exc.note)
        elif request.method in UNSAFE_METHODS:
            principal = getattr(request.state, "principal", None)
            detail = f"{request.method} {request.url.path}"[:300]
            await _log_apart(
                request,
                security_log.principal_note(
                    principal, SecurityEventKind.WRITE_REFUSED, SecurityOutcome.FAILURE, detail
                ),
            )
        return domain_error_response(request, exc)

    @app.exception_handler(PortalSignInRequired)
    async def _portal_sign_in(request: Request, _exc: PortalSignInRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        location = "/portal/login"
        if is_portal_path(target) and request.method == "GET" and target != "/portal":
            location += f"?next={quote(target, safe='')}"
        if request.headers.get("hx-request") == "true":
            return Response(status_code=204, headers={"HX-Redirect": location})
        response = RedirectResponse(location, status_code=303)
        response.delete_cookie(
            portal_session_cookie_name(request), path="/", secure=secure_cookies_of(request)
        )
        return response

    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, _exc: SignInRequired) -> Response:
        refusal = getattr(request.state, "security_refusal", None)
        if refusal is not None:
            await _log_apart(request, refusal)
        if is_api(request):
            detail = translate(
                request.state.locale,
                N_("Send a valid API token as 'Authorization: Bearer <token>'."),
            )
            return problem(request, 401, detail, headers={"WWW-Authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        location = f"/login?next={quote(target, safe='')}" if target != "/" else "/login"
        if request.headers.get("hx-request") == "true":
            return Response(status_code=204, headers={"HX-Redirect": location})
        response = RedirectResponse(location, status_code=303)
        response.delete_cookie(
            session_cookie_name(request), path="/", secure=secure_cookies_of(request)
        )
        return response
