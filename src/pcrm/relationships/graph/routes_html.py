"""Pages of the people-relationship line (人脉线): the overview, an account's relationship map
and org chart, who knows whom, and the relationships card of a contact. Handlers translate,
services decide."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from pcrm.accounts.public import contacts_by_ids, get_account, get_contact, set_reports_to
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import NotFound
from pcrm.core.forms import FormErrors, FormValues, PostedForm, attempt, clean
from pcrm.core.i18n import N_, translate
from pcrm.core.pages import local_path as _local_path
from pcrm.core.pages import notice
from pcrm.core.pages import page_locale as _locale
from pcrm.core.pages import redirect as _redirect
from pcrm.core.templating import is_htmx, render
from pcrm.identity.public import (
    CurrentPrincipal,
    Permission,
    Principal,
    active_user_refs,
    user_refs,
)
from pcrm.relationships import presenters
from pcrm.relationships.competitors import service as competitors_service
from pcrm.relationships.competitors.schemas import CompetitorTieCreate
from pcrm.relationships.graph import service
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
    "competitor-ties": competitors_service.delete_tie,
    "dotted-lines": service.delete_dotted_line,
}


def _notice(request: Request) -> str | None:
    return notice(request, NOTICES)


def _form(form: Any, *optional: str) -> dict[str, Any]:
    return clean({k: v for k, v in form.items() if isinstance(v, str)}, optional)


# --- overview ----------------------------------------------------------------------------------


@router.get("/relationships")
def overview_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    locale = _locale(request)
    mine = service.known_by(db, principal, principal.user_id)
    contacts = contacts_by_ids(db, principal.scope, {e.contact_id for e in mine})
    context = {
        "mine": presenters.knows_rows(mine, contacts, locale)[:8],
        "mine_total": len(mine),
        "me_url": presenters.person_url(principal.user_id),
        "people": [
            (u.display(locale), presenters.person_url(u.id))
            for u in active_user_refs(db, principal.scope)
        ],
        "competitors": competitors_service.list_competitors(db, principal),
    }
    return render(request, "relationships/overview.html", context)


@router.get("/relationships/open")
def open_page(account_id: str = "", contact_id: str = "", view: str = "map") -> Response:
    """Where the overview's pickers lead: an account's map, org chart or closeness, or the
    paths to a contact."""
    if contact_id.isdigit():
        return _redirect(f"/contacts/{contact_id}/paths")
    if account_id.isdigit():
        suffix = {"org": "org-chart", "closeness": "closeness"}.get(view, "relationships")
        return _redirect(f"/accounts/{account_id}/{suffix}")
    return _redirect("/relationships")


@router.post("/relationships/{kind}/{edge_id}/delete")
def delete_edge(
    kind: str,
    edge_id: int,
    db: DB,
    principal: CurrentPrincipal,
    back: Annotated[str, Form()] = "/relationships",
) -> Response:
    deleter = DELETERS.get(kind)
    if deleter is None:
        raise NotFound()
    deleter(db, principal, edge_id)
    return _redirect(_local_path(back, "/relationships"), "deleted")


# --- the account's relationship map ------------------------------------------------------------

MAP_FORMS = ("influence", "acquaintance", "tie")
SMALL_MAP = 40  # up to this many people the map names everyone from the start


def _map_context(
    request: Request,
    db: DB,
    principal: Principal,
    account_id: int,
    *,
    forms: dict[str, dict[str, Any]] | None = None,
    errors: dict[str, FormErrors] | None = None,
) -> dict[str, Any]:
    locale = _locale(request)
    account = get_account(db, principal, account_id)
    graph = service.account_graph(db, principal, account_id, None, locale)
    can_write = principal.can(Permission.WRITE)
    defaults: dict[str, dict[str, Any]] = {
        "influence": {"strength": "3"},
        "acquaintance": {"closeness": "3", "kind": "business", "user_id": str(principal.user_id)},
        "tie": {"closeness": "3"},
    }
    defaults.update(forms or {})
    context: dict[str, Any] = {
        "account": account,
        "section": "map",
        "notice": _notice(request),
        "can_write": can_write,
        "graph_json": presenters.graph_payload(graph, locale),
        "filters": presenters.edge_filters(graph, locale),
        "edges": presenters.edge_rows(graph),
        "contact_count": sum(1 for n in graph.nodes if n.kind == "contact"),
        "all_labels": len(graph.nodes) <= SMALL_MAP,
        "back": f"/accounts/{account_id}/relationships",
        "forms": {name: FormValues(defaults.get(name, {})) for name in MAP_FORMS},
        "errors": {name: (errors or {}).get(name, {}) for name in MAP_FORMS},
        "open_form": next(iter(errors or {}), ""),
    }
    if can_write:
        context["contact_options"] = presenters.contact_options(graph)
        context["user_options"] = presenters.user_options(
            active_user_refs(db, principal.scope), locale
        )
        context["competitor_options"] = [
            (str(c.id), c.name) for c in competitors_service.list_competitors(db, principal)
        ]
        context["vocab"] = presenters.vocabularies(locale)
    return context


@router.get("/accounts/{account_id}/relationships")
def map_page(request: Request, account_id: int, db: DB, principal: CurrentPrincipal) -> Response:
    return render(
        request, "relationships/map.html", _map_context(request, db, principal, account_id)
    )


def _map_write(
    request: Request,
    db: DB,
    principal: Principal,
    account_id: int,
    name: str,
    data: dict[str, Any],
    write: Callable[[], object],
) -> Response:
    outcome = attempt(db, _locale(request), write)
    if outcome.ok:
        return _redirect(f"/accounts/{account_id}/relationships", "added")
    context = _map_context(
        request, db, principal, account_id, forms={name: data}, errors={name: outcome.errors}
    )
    return render(request, "relationships/map.html", context, status_code=outcome.status)


@router.post("/accounts/{account_id}/relationships/influences")
def add_influence(
    request: Request, account_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = _form(form, "from_contact_id", "to_contact_id", "strength", "note")
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
    request: Request, account_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = _form(form, "user_id", "contact_id", "closeness", "kind", "since", "note")
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
    request: Request, account_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = _form(form, "competitor_id", "contact_id", "closeness", "source", "note")
    return _map_write(
        request,
        db,
        principal,
        account_id,
        "tie",
        data,
        lambda: competitors_service.create_tie(
            db, principal, CompetitorTieCreate.model_validate(data)
        ),
    )


# --- org chart ---------------------------------------------------------------------------------

BIG_ORG_CHART = 60  # above this many people the chart opens with only the top two levels


def _org_context(
    request: Request,
    db: DB,
    principal: Principal,
    account_id: int,
    *,
    errors: FormErrors | None = None,
    forms: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    locale = _locale(request)
    account = get_account(db, principal, account_id)
    graph = service.account_graph(db, principal, account_id, {"reports_to", "dotted_line"}, locale)
    roots, export = presenters.org_tree(graph, locale)
    export["account"] = account.name
    options = presenters.contact_options(graph)
    return {
        "account": account,
        "section": "org",
        "notice": _notice(request),
        "can_write": principal.can(Permission.WRITE),
        "roots": roots,
        "export_json": export,
        "contact_count": len(options),
        "collapse_depth": 2 if len(options) > BIG_ORG_CHART else 1000,
        "contact_options": options,
        "dotted": presenters.dotted_rows(graph),
        "back": f"/accounts/{account_id}/org-chart",
        "errors": errors or {},
        "forms": {k: FormValues(v) for k, v in (forms or {}).items()},
    }


def _prefixed(form: str, errors: FormErrors, fields: tuple[str, ...]) -> FormErrors:
    """A side form's messages: those of its own fields by field, the rest (a cycle, a stale
    record) together in one alert."""
    named = {f"{form}_{k}": v for k, v in errors.items() if k in fields}
    rest = [v for k, v in errors.items() if k not in fields]
    return {**named, f"{form}_alert": " ".join(rest)} if rest else named


@router.get("/accounts/{account_id}/org-chart")
def org_chart_page(
    request: Request, account_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    context = _org_context(request, db, principal, account_id)
    return render(request, "relationships/org_chart.html", context, fragment="tree")


@router.post("/accounts/{account_id}/org-chart/move")
def move_in_org_chart(
    request: Request, account_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """The org chart's form for keyboards and no script: the same move as drag and drop."""
    locale = _locale(request)
    person, boss = str(form.get("contact_id") or ""), str(form.get("manager_id") or "")
    if not person.isdigit():
        outcome_errors = {"contact_id": translate(locale, N_("This field is required."))}
        status = 422
    else:
        manager = int(boss) if boss.isdigit() else None
        outcome = attempt(db, locale, lambda: set_reports_to(db, principal, int(person), manager))
        if outcome.ok:
            return _redirect(f"/accounts/{account_id}/org-chart", "moved")
        outcome_errors, status = outcome.errors, outcome.status
    context = _org_context(
        request,
        db,
        principal,
        account_id,
        errors=_prefixed("move", outcome_errors, ("contact_id",)),
        forms={"move": {"contact_id": person, "manager_id": boss}},
    )
    return render(request, "relationships/org_chart.html", context, status_code=status)


@router.post("/accounts/{account_id}/org-chart/dotted-lines")
def add_dotted_line(
    request: Request, account_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = _form(form, "contact_id", "manager_id", "note")
    outcome = attempt(
        db,
        _locale(request),
        lambda: service.create_dotted_line(db, principal, DottedLineCreate.model_validate(data)),
    )
    if outcome.ok:
        return _redirect(f"/accounts/{account_id}/org-chart", "added")
    context = _org_context(
        request,
        db,
        principal,
        account_id,
        errors=_prefixed("dotted", outcome.errors, ("contact_id", "manager_id")),
        forms={"dotted": data},
    )
    return render(request, "relationships/org_chart.html", context, status_code=outcome.status)


# --- who knows whom ----------------------------------------------------------------------------


def _person_context(
    request: Request,
    db: DB,
    principal: Principal,
    user_id: int,
    *,
    form: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    locale = _locale(request)
    edges = service.known_by(db, principal, user_id)
    user = user_refs(db, principal.scope, {user_id})[user_id]
    contacts = contacts_by_ids(db, principal.scope, {e.contact_id for e in edges})
    return {
        "person": user.display(locale),
        "user_id": user_id,
        "is_me": user_id == principal.user_id,
        "rows": presenters.knows_rows(edges, contacts, locale),
        "notice": _notice(request),
        "can_write": principal.can(Permission.WRITE),
        "vocab": presenters.vocabularies(locale),
        "form": FormValues(form or {"closeness": "3", "kind": "business"}),
        "errors": errors or {},
        "back": f"/relationships/people/{user_id}",
    }


@router.get("/relationships/people/{user_id}")
def person_page(request: Request, user_id: int, db: DB, principal: CurrentPrincipal) -> Response:
    return render(
        request, "relationships/person.html", _person_context(request, db, principal, user_id)
    )


@router.post("/relationships/people/{user_id}/acquaintances")
def add_person_acquaintance(
    request: Request, user_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = _form(form, "contact_id", "closeness", "kind", "since", "note")
    data["user_id"] = user_id
    outcome = attempt(
        db,
        _locale(request),
        lambda: service.create_acquaintance(db, principal, AcquaintanceCreate.model_validate(data)),
    )
    if outcome.ok:
        return _redirect(f"/relationships/people/{user_id}", "added")
    echo = {**data, "contact_label": str(form.get("contact_label") or "")}
    context = _person_context(request, db, principal, user_id, form=echo, errors=outcome.errors)
    return render(request, "relationships/person.html", context, status_code=outcome.status)


# --- the relationships card of a contact -------------------------------------------------------


def _contact_context(
    request: Request,
    db: DB,
    principal: Principal,
    contact_id: int,
    *,
    form: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    notice: str | None = None,
) -> dict[str, Any]:
    locale = _locale(request)
    contact = get_contact(db, principal, contact_id)
    entries = service.profile_history(db, principal, contact_id)
    history = presenters.profile_rows(entries, locale)
    known = service.who_knows(db, principal, contact_id)
    users = user_refs(db, principal.scope, {k.user_id for k in known})
    graph = service.account_graph(
        db, principal, contact.account_id, {"influence", "competitor_tie"}, locale
    )
    edges = presenters.edge_rows(graph)
    me = f"c{contact_id}"
    newest = entries[0] if entries else None
    defaults = {
        "behaviour": newest.behaviour.value if newest and newest.behaviour else "",
        "relationship_status": newest.relationship_status.value if newest else "unknown",
        "interaction_level": newest.interaction_level.value if newest else "none",
        "effective_on": principal.today().isoformat(),
    }
    return {
        "contact": contact,
        "current": history[0] if history else None,
        "history": history,
        "known_by": presenters.known_by_rows(known, users, locale),
        "influenced_by": [e for e in edges["influence"] if e.target_id == me],
        "influences": [e for e in edges["influence"] if e.source_id == me],
        "ties": [e for e in edges["competitor_tie"] if e.target_id == me],
        "vocab": presenters.vocabularies(locale),
        "form": FormValues(form or defaults),
        "errors": errors or {},
        "can_write": principal.can(Permission.WRITE),
        "notice": notice or _notice(request),
        "back": f"/contacts/{contact_id}",
    }


@router.get("/contacts/{contact_id}/relationships")
def contact_relationships(
    request: Request, contact_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    """The relationships card: loaded into the contact page by HTMX, or a page of its own."""
    context = _contact_context(request, db, principal, contact_id)
    return render(request, "relationships/contact.html", context, fragment="card")


@router.post("/contacts/{contact_id}/profile")
def record_profile(
    request: Request, contact_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    locale = _locale(request)
    data = _form(form, "behaviour", "effective_on", "note")
    outcome = attempt(
        db,
        locale,
        lambda: service.set_profile(db, principal, contact_id, ProfileWrite.model_validate(data)),
    )
    if outcome.ok and not is_htmx(request):
        return _redirect(f"/contacts/{contact_id}/relationships", "profile")
    context = _contact_context(
        request,
        db,
        principal,
        contact_id,
        form=None if outcome.ok else data,
        errors=outcome.errors,
        notice=translate(locale, NOTICES["profile"]) if outcome.ok else None,
    )
    return render(
        request,
        "relationships/contact.html",
        context,
        fragment="card",
        status_code=200 if outcome.ok else outcome.status,
    )
