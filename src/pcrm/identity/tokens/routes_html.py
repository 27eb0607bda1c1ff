"""Pages of one's own API tokens: the list, a new token shown once, revoking one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import clean, validate
from pcrm.core.i18n import N_, translate
from pcrm.core.templating import render
from pcrm.identity.auth import CurrentPrincipal
from pcrm.identity.tokens import pages, service
from pcrm.identity.tokens.schemas import ApiTokenCreate

router = APIRouter(route_class=SessionRoute, include_in_schema=False)

NOTICES = {"revoked": N_("Revoked.")}


def _locale(request: Request) -> str:
    return str(request.state.locale)


def _notice(request: Request, key: str | None) -> str | None:
    return translate(_locale(request), NOTICES[key]) if key in NOTICES else None


@router.get("/settings/tokens")
def tokens_page(
    request: Request, db: DB, principal: CurrentPrincipal, notice: str | None = None
) -> Response:
    context = pages.tokens(db, principal, notice=_notice(request, notice))
    return render(request, "identity/tokens.html", context)


@router.post("/settings/tokens")
def create_token(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    name: Annotated[str, Form()] = "",
    expires_in_days: Annotated[str, Form()] = "",
) -> Response:
    data, errors = validate(
        ApiTokenCreate,
        clean({"name": name, "expires_in_days": expires_in_days}, optional=("expires_in_days",)),
        _locale(request),
    )
    if data is None:
        context = pages.tokens(db, principal, name=name, errors=errors)
        return render(request, "identity/tokens.html", context, status_code=422)
    _token, raw = service.create_api_token(db, principal, data)
    # The secret is shown in this response only; a reload shows the list without it.
    context = pages.tokens(db, principal, new_token=raw)
    return render(request, "identity/tokens.html", context, headers={"Cache-Control": "no-store"})


@router.post("/settings/tokens/{token_id}/revoke")
def revoke_token(token_id: int, db: DB, principal: CurrentPrincipal) -> Response:
    service.revoke_api_token(db, principal, token_id)
    return RedirectResponse("/settings/tokens?notice=revoked", status_code=303)
