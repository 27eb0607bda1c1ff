"""Pages of the analyses: how closely we cover an account's key people, and the paths from
our people to a customer person."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.accounts.public import contacts_by_ids, get_account, get_contact
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.i18n import N_, translate
from pcrm.core.pages import page_locale as _locale
from pcrm.core.templating import render
from pcrm.identity.public import CurrentPrincipal, user_refs
from pcrm.relationships import presenters
from pcrm.relationships.closeness import service
from pcrm.relationships.competitors import service as competitors_service

router = APIRouter(route_class=SessionRoute, include_in_schema=False)

PATH_MODES = ("strongest", "fewest")


# --- closeness ---------------------------------------------------------------------------------


@router.get("/accounts/{account_id}/closeness")
def closeness_page(
    request: Request, account_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    locale = _locale(request)
    account = get_account(db, principal, account_id)
    result = service.closeness(db, principal, account_id, locale)
    users = user_refs(
        db, principal.scope, {c.our_best_user_id for c in result.contacts if c.our_best_user_id}
    )
    competitors = {c.id: c.name for c in competitors_service.list_competitors(db, principal)}
    context = {
        "account": account,
        "section": "closeness",
        "notice": None,
        **presenters.closeness_view(result, users, competitors, locale),
    }
    return render(request, "relationships/closeness.html", context)


# --- the path to a person ----------------------------------------------------------------------


@router.get("/contacts/{contact_id}/paths")
def paths_page(
    request: Request,
    contact_id: int,
    db: DB,
    principal: CurrentPrincipal,
    mode: str = "strongest",
) -> Response:
    locale = _locale(request)
    mode = mode if mode in PATH_MODES else "strongest"
    contact = get_contact(db, principal, contact_id)
    paths = service.paths_to(db, principal, contact_id, mode, 10, locale)
    context = {
        "contact": contact,
        "mode": mode,
        "modes": [
            ("strongest", translate(locale, N_("Strongest links"))),
            ("fewest", translate(locale, N_("Fewest introductions"))),
        ],
        "paths": presenters.path_rows(
            paths,
            contacts_by_ids(db, principal.scope, presenters.path_contact_ids(paths)),
            locale,
        ),
    }
    return render(request, "relationships/paths.html", context)
