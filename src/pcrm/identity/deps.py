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
from pcrm.core.problems import is_api, problem
from pcrm.core.security import SESSION_COOKIE, bearer_token
from pcrm.identity.permissions import Permission
from pcrm.identity.principal import Principal
from pcrm.identity.sessions import service as sessions
from pcrm.identity.tokens import service as tokens


class SignInRequired(Exception):
    pass


async def optional_principal(request: Request, db: DB, settings: AppSettings) -> Principal | None:
    """Who is asking. On the event loop: a token found in the cache costs no database work;
    a cache miss and a session cookie (whose user is re-read on every request) are looked up
    in a worker thread."""
    bearer = bearer_token(request)
    principal: Principal | None
    if bearer is not None:
        principal = tokens.cached_api_token(db, bearer) or await run_in_threadpool(
            tokens.resolve_api_token, db, bearer
        )
        if principal is None:
            raise SignInRequired()
    else:
        raw = request.cookies.get(SESSION_COOKIE)
        principal = (
            await run_in_threadpool(sessions.resolve_session, db, raw, settings) if raw else None
        )
    if principal is not None:
        request.state.principal = principal
        if principal.locale and principal.via == "session":
            request.state.locale = principal.locale
            locale_var.set(principal.locale)  # the middleware resets it after the request
    return principal


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


def install_auth_handlers(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, _exc: SignInRequired) -> Response:
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
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response
