"""The workspace settings page: name, currency, default language and time zone, with the
workspace's history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import RedirectResponse, Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import attempt
from pcrm.core.i18n import N_, currency_name, translate
from pcrm.core.templating import render
from pcrm.identity.audit import service as audit
from pcrm.identity.auth import require
from pcrm.identity.permissions import Permission
from pcrm.identity.principal import Principal
from pcrm.identity.workspaces import service
from pcrm.identity.workspaces.schemas import WorkspaceUpdate

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
WorkspaceAdmin = Annotated[Principal, Depends(require(Permission.MANAGE_WORKSPACE))]

NOTICES = {"saved": N_("Your changes have been saved.")}
CURRENCIES = ("CNY", "USD", "EUR", "HKD", "JPY", "GBP", "SGD")


def _locale(request: Request) -> str:
    return str(request.state.locale)


def _notice(request: Request, key: str | None) -> str | None:
    return translate(_locale(request), NOTICES[key]) if key in NOTICES else None


def _workspace_context(
    request: Request, db: DB, principal: Principal, **extra: Any
) -> dict[str, Any]:
    workspace = service.workspace_of(db, principal)
    history = audit.record_history(db, principal, "workspace", workspace.id)
    context: dict[str, Any] = {
        "workspace": workspace,
        "errors": {},
        "form": None,
        "notice": None,
        "currencies": [
            (code, f"{code} · {currency_name(code, _locale(request))}") for code in CURRENCIES
        ],
        "history": audit.history_view(db, principal, history, _locale(request)),
    }
    context.update(extra)
    return context


@router.get("/admin/workspace")
def workspace_page(
    request: Request, db: DB, principal: WorkspaceAdmin, notice: str | None = None
) -> Response:
    return render(
        request,
        "identity/workspace.html",
        _workspace_context(request, db, principal, notice=_notice(request, notice)),
    )


@router.post("/admin/workspace")
def update_workspace(
    request: Request,
    db: DB,
    principal: WorkspaceAdmin,
    version: Annotated[int, Form()],
    name: Annotated[str, Form()] = "",
    currency: Annotated[str, Form()] = "",
    default_locale: Annotated[str, Form()] = "",
    timezone: Annotated[str, Form()] = "",
) -> Response:
    locale = _locale(request)
    form = {
        "name": name,
        "currency": currency,
        "default_locale": default_locale,
        "timezone": timezone,
    }
    outcome = attempt(
        db,
        locale,
        lambda: service.update_workspace(
            db, principal, WorkspaceUpdate.model_validate(form), version
        ),
    )
    if outcome.ok:
        return RedirectResponse("/admin/workspace?notice=saved", status_code=303)
    return render(
        request,
        "identity/workspace.html",
        _workspace_context(request, db, principal, errors=outcome.errors, form=form),
        status_code=outcome.status,
    )
