"""JSON API of one's own API tokens, under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter, status

from pcrm.core.deps import DB, AppSettings, SessionRoute
from pcrm.core.types import Id
from pcrm.identity.deps import CurrentPrincipal
from pcrm.identity.tokens import service
from pcrm.identity.tokens.schemas import ApiTokenCreate, ApiTokenCreated, ApiTokenRead

router = APIRouter(route_class=SessionRoute, prefix="/api/v1")


@router.get("/api-tokens", tags=["api tokens"], summary="Your API tokens")
def list_tokens(principal: CurrentPrincipal, db: DB) -> list[ApiTokenRead]:
    return [ApiTokenRead.model_validate(t) for t in service.list_api_tokens(db, principal)]


@router.post(
    "/api-tokens",
    tags=["api tokens"],
    status_code=status.HTTP_201_CREATED,
    summary="Create an API token; the secret is shown once",
    description="The token acts as you, within its scopes and never beyond your role at the "
    "time of each request. A token used outside its scopes answers 403; an expired or revoked "
    "one 401. A token can only make tokens within its own scopes.",
)
def create_token(
    data: ApiTokenCreate, principal: CurrentPrincipal, db: DB, settings: AppSettings
) -> ApiTokenCreated:
    token, raw = service.create_api_token(db, principal, data, settings.api_token_max_days)
    return ApiTokenCreated(**ApiTokenRead.model_validate(token).model_dump(), token=raw)


@router.delete(
    "/api-tokens/{token_id}",
    tags=["api tokens"],
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke one of your API tokens",
)
def revoke_token(token_id: Id, principal: CurrentPrincipal, db: DB) -> None:
    service.revoke_api_token(db, principal, token_id)
