"""The lists' forms: chosen columns and saved views."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from pcrm.accounts.lists import service
from pcrm.accounts.lists.schemas import SavedViewWrite
from pcrm.accounts.lists.service import COLUMNS
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import attempt
from pcrm.core.pages import page_locale, redirect
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.post("/lists/{list_name}/columns")
def choose_columns(
    list_name: str,
    db: DB,
    principal: CurrentPrincipal,
    columns: Annotated[list[str] | None, Form()] = None,
    back: Annotated[str, Form()] = "",
) -> Response:
    if list_name not in COLUMNS:
        return redirect("/")
    service.choose_columns(db, principal, list_name, columns or [])  # type: ignore[arg-type]
    return redirect(f"/{list_name}?{back}" if back else f"/{list_name}", "columns")


@router.post("/lists/{list_name}/views")
def save_view(
    request: Request,
    list_name: str,
    db: DB,
    principal: CurrentPrincipal,
    name: Annotated[str, Form()] = "",
    query: Annotated[str, Form()] = "",
) -> Response:
    if list_name not in COLUMNS:
        return redirect("/")
    outcome = attempt(
        db,
        page_locale(request),
        lambda: service.save_view(
            db,
            principal,
            list_name,  # type: ignore[arg-type]
            SavedViewWrite.model_validate({"name": name, "query": query}),
        ),
    )
    return redirect(f"/{list_name}?{query}", "view_saved" if outcome.ok else None)


@router.post("/lists/views/{view_id}/delete")
def delete_view(
    view_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    list_name: Annotated[str, Form()] = "accounts",
) -> Response:
    service.delete_view(db, principal, view_id)
    return redirect(f"/{list_name}" if list_name in COLUMNS else "/")
