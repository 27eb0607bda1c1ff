"""Pages of one's own API tokens: the list, a new token shown once, revoking one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from pcrm.core.deps import DB, AppSettings, SessionRoute
from pcrm.core.forms import attempt, clean
from pcrm.core.i18n import N_
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.deps import CurrentPrincipal
from pcrm.identity.tokens import pages, service
from pcrm.identity.tokens.schemas import ApiTokenCreate

router = APIRouter(route_class=SessionRoute, include_in_schema=False)

NOTICES = {"revoked": N_("Revoked.")}


@router.get("/settings/tokens")
def tokens_page(
    request: Request, db: DB, principal: CurrentPrincipal, settings: AppSettings
) -> Response:
    context = pages.tokens(
        db, principal, notice=notice(request, NOTICES), max_days=settings.api_token_max_days
    )
    return render(request, "identity/tokens.html", context)


@router.post("/settings/tokens")
def create_token(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    settings: AppSettings,
    name: Annotated[str, Form(max_length=200)] = "",
    expires_in_days: Annotated[str, Form(max_length=20)] = "",
    scopes: Annotated[list[str] | None, Form(max_length=40)] = None,
) -> Response:
    data = clean(
        {"name": name, "expires_in_days": expires_in_days, "scopes": scopes or []},
        optional=("expires_in_days",),
    )
    outcome = attempt(
        db,
        page_locale(request),
        lambda: service.create_api_token(
            db, principal, ApiTokenCreate.model_validate(data), settings.api_token_max_days
        ),
    )
    if outcome.result is None:
        context = pages.tokens(
            db,
            principal,
            name=name,
            errors=outcome.errors,
            scopes=scopes or [],
            expires_in_days=expires_in_days,
            max_days=settings.api_token_max_days,
        )
        return render(request, "identity/tokens.html", context, status_code=outcome.status)
    _token, raw = outcome.result
    # The secret is shown in this response only; a reload shows the list without it.
    context = pages.tokens(db, principal, new_token=raw, max_days=settings.api_token_max_days)
    return render(request, "identity/tokens.html", context, headers={"Cache-Control": "no-store"})


@router.post("/settings/tokens/{token_id}/revoke")
def revoke_token(request: Request, token_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    attempt(db, page_locale(request), lambda: service.revoke_api_token(db, principal, token_id))
    return redirect("/settings/tokens", "revoked")
