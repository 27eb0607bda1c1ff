"""Pages of the people-relationship line (人脉线): the overview, an account's relationship map
and org chart, who knows whom, and the relationships card of a contact. Handlers translate,
services decide: each resolves, calls one page builder or one service, renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from pcrm.accounts.public import set_reports_to
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import NotFound
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.i18n import translate
from pcrm.core.pages import local_path, notice, page_locale, redirect
from pcrm.core.templating import is_htmx, render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal, Principal
from pcrm.relationships.competitors import service as competitors
from pcrm.relationships.competitors.schemas import CompetitorTieCreate
from pcrm.relationships.graph import forms, pages, service
from pcrm.relationships.graph.schemas import (
    AcquaintanceCreate,
    DottedLineCreate,
    InfluenceCreate,
    ProfileWrite,
)
from pcrm.relationships.vocab import NOTICES

router = APIRouter(route_class=SessionRoute, include_in_schema=False)

DELETERS: dict[str, Callable[[Session, Principal, int], None]] = {
    "influences": service.delete_influence,
    "acquaintances": service.delete_acquaintance,
    "competitor-ties": competitors.delete_tie,
    "dotted-lines": service.delete_dotted_line,
}


# --- overview ----------------------------------------------------------------------------------


@router.get("/relationships")
def overview_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.overview(db, principal, page_locale(request))
    return render(request, "relationships/overview.html", context)


@router.get("/relationships/open")
def open_page(account_id: str = "", contact_id: str = "", view: str = "map") -> Response:
    """Where the overview's pickers lead: an account's map, org chart or closeness, or the
    paths to a contact."""
    if contact_id.isdigit():
        return redirect(f"/contacts/{contact_id}/paths")
    if account_id.isdigit():
        suffix = {"org": "org-chart", "closeness": "closeness"}.get(view, "relationships")
        return redirect(f"/accounts/{account_id}/{suffix}")
    return redirect("/relationships")


@router.post("/relationships/{kind}/{edge_id}/delete")
def delete_edge(
    request: Request,
    kind: str,
    edge_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    back: Annotated[str, Form()] = "/relationships",
) -> Response:
    deleter = DELETERS.get(kind)
    if deleter is None:
        raise NotFound()
    attempt(db, page_locale(request), lambda: deleter(db, principal, edge_id))
    return redirect(local_path(back, "/relationships"), "deleted")


# --- the account's relationship map ------------------------------------------------------------


@router.get("/accounts/{account_id}/relationships")
def map_page(request: Request, account_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.account_map(
        db, principal, account_id, page_locale(request), notice=notice(request, NOTICES)
    )
    return render(request, "relationships/map.html", context)


def _map_write(
    request: Request,
    db: Session,
    principal: Principal,
    account_id: Id,
    name: str,
    data: dict[str, Any],
    write: Callable[[], object],
) -> Response:
    """One of the map's side forms: back to the map, or the map with the form's messages."""
    locale = page_locale(request)
    outcome = attempt(db, locale, write)
    if outcome.ok:
        return redirect(f"/accounts/{account_id}/relationships", "added")
    context = pages.account_map(
        db,
        principal,
        account_id,
        locale,
        notice=notice(request, NOTICES),
        forms={name: data},
        errors={name: outcome.errors},
    )
    return render(request, "relationships/map.html", context, status_code=outcome.status)


@router.post("/accounts/{account_id}/relationships/influences")
def add_influence(
    request: Request, account_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.posted(form, *forms.INFLUENCE)
    return _map_write(
        request,
        db,
        principal,
        account_id,
        "influence",
        data,
        lambda: service.create_influence(db, principal, InfluenceCreate.model_validate(data)),
    )


@router.post("/accounts/{account_id}/relationships/acquaintances")
def add_acquaintance(
    request: Request, account_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.posted(form, *forms.ACQUAINTANCE)
    return _map_write(
        request,
        db,
        principal,
        account_id,
        "acquaintance",
        data,
        lambda: service.create_acquaintance(db, principal, AcquaintanceCreate.model_validate(data)),
    )


@router.post("/accounts/{account_id}/relationships/competitor-ties")
def add_tie(
    request: Request, account_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.posted(form, *forms.TIE)
    return _map_write(
        request,
        db,
        principal,
        account_id,
        "tie",
        data,
        lambda: competitors.create_tie(db, principal, CompetitorTieCreate.model_validate(data)),
    )


# --- org chart ---------------------------------------------------------------------------------


@router.get("/accounts/{account_id}/org-chart")
def org_chart_page(
    request: Request, account_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.org_chart(
        db, principal, account_id, page_locale(request), notice=notice(request, NOTICES)
    )
    return render(request, "relationships/org_chart.html", context, fragment="tree")


@router.post("/accounts/{account_id}/org-chart/move")
def move_in_org_chart(
    request: Request, account_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """The org chart's form for keyboards and no script: the same move as drag and drop."""
    locale = page_locale(request)
    person, boss = forms.org_chart_move(form)
    outcome = attempt(
        db,
        locale,
        lambda: set_reports_to(db, principal, forms.person_to_move(person), forms.manager_of(boss)),
    )
    if outcome.ok:
        return redirect(f"/accounts/{account_id}/org-chart", "moved")
    context = pages.org_chart(
        db,
        principal,
        account_id,
        locale,
        notice=notice(request, NOTICES),
        errors=pages.side_form_errors("move", outcome.errors, ("contact_id",)),
        forms={"move": {"contact_id": person, "manager_id": boss}},
    )
    return render(request, "relationships/org_chart.html", context, status_code=outcome.status)


@router.post("/accounts/{account_id}/org-chart/dotted-lines")
def add_dotted_line(
    request: Request, account_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    locale = page_locale(request)
    data = forms.posted(form, *forms.DOTTED_LINE)
    outcome = attempt(
        db,
        locale,
        lambda: service.create_dotted_line(db, principal, DottedLineCreate.model_validate(data)),
    )
    if outcome.ok:
        return redirect(f"/accounts/{account_id}/org-chart", "added")
    context = pages.org_chart(
        db,
        principal,
        account_id,
        locale,
        notice=notice(request, NOTICES),
        errors=pages.side_form_errors("dotted", outcome.errors, ("contact_id", "manager_id")),
        forms={"dotted": data},
    )
    return render(request, "relationships/org_chart.html", context, status_code=outcome.status)


# --- who knows whom ----------------------------------------------------------------------------


@router.get("/relationships/people/{user_id}")
def person_page(request: Request, user_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.person(
        db, principal, user_id, page_locale(request), notice=notice(request, NOTICES)
    )
    return render(request, "relationships/person.html", context)


@router.post("/relationships/people/{user_id}/acquaintances")
def add_person_acquaintance(
    request: Request, user_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    locale = page_locale(request)
    data = forms.posted(form, *forms.ACQUAINTANCE)
    data["user_id"] = user_id
    outcome = attempt(
        db,
        locale,
        lambda: service.create_acquaintance(db, principal, AcquaintanceCreate.model_validate(data)),
    )
    if outcome.ok:
        return redirect(f"/relationships/people/{user_id}", "added")
    echo = {**data, "contact_label": str(form.get("contact_label") or "")}
    context = pages.person(
        db,
        principal,
        user_id,
        locale,
        notice=notice(request, NOTICES),
        form=echo,
        errors=outcome.errors,
    )
    return render(request, "relationships/person.html", context, status_code=outcome.status)


# --- the relationships card of a contact -------------------------------------------------------


@router.get("/contacts/{contact_id}/relationships")
def contact_relationships(
    request: Request, contact_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    """The relationships card: loaded into the contact page by HTMX, or a page of its own."""
    context = pages.contact_card(
        db, principal, contact_id, page_locale(request), notice=notice(request, NOTICES)
    )
    return render(request, "relationships/contact.html", context, fragment="card")


@router.post("/contacts/{contact_id}/profile")
def record_profile(
    request: Request, contact_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    locale = page_locale(request)
    data = forms.posted(form, *forms.PROFILE)
    outcome = attempt(
        db,
        locale,
        lambda: service.set_profile(db, principal, contact_id, ProfileWrite.model_validate(data)),
    )
    if outcome.ok and not is_htmx(request):
        return redirect(f"/contacts/{contact_id}/relationships", "profile")
    shown = translate(locale, NOTICES["profile"]) if outcome.ok else notice(request, NOTICES)
    context = pages.contact_card(
        db,
        principal,
        contact_id,
        locale,
        notice=shown,
        form=None if outcome.ok else data,
        errors=outcome.errors,
    )
    return render(
        request,
        "relationships/contact.html",
        context,
        fragment="card",
        status_code=200 if outcome.ok else outcome.status,
    )
