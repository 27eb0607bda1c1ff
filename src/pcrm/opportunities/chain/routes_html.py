"""The decision chain page (项目决策关系) of an opportunity: its members with their role,
relationship, interaction and stance, the forms that add, change and remove them, and the chart
that puts them on the people-relationship graph. A handler resolves, calls one page builder
(pages.py) or service, and renders."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal, Permission
from pcrm.opportunities.chain import forms, pages
from pcrm.opportunities.chain import service as chain_service
from pcrm.opportunities.chain.schemas import DecisionMemberUpdate, DecisionMemberWrite
from pcrm.opportunities.pipeline import forms as pipeline_forms
from pcrm.opportunities.pipeline import pages as pipeline_pages

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
pipeline_pages.install_template_globals()  # stage labels of the opportunity page frame

CHAIN_TEMPLATE = "opportunities/chain.html"


def _back_to(url: str, notice_key: str, anchor: str) -> RedirectResponse:
    """`core.pages.redirect` to `url` with the notice, scrolled to `anchor` (the fragment
    comes after the query)."""
    response = redirect(url, notice_key)
    response.headers["location"] += anchor
    return response


def _chain_url(opportunity_id: Id) -> str:
    return f"/opportunities/{opportunity_id}/decision-chain"


@router.get("/opportunities/{opportunity_id}/decision-chain")
def chain_page(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.chain_page(
        db, principal, opportunity_id, page_locale(request), notice(request, pages.NOTICES)
    )
    return render(request, CHAIN_TEMPLATE, context)


@router.post("/opportunities/{opportunity_id}/decision-chain")
def add_member(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    data = forms.new_member(form)
    locale = page_locale(request)
    outcome = attempt(
        db,
        locale,
        lambda: chain_service.add_member(
            db, principal, opportunity_id, DecisionMemberWrite.model_validate(data)
        ),
    )
    if outcome.ok:
        return _back_to(_chain_url(opportunity_id), "member-added", "#chain")
    context = pages.chain_page(
        db,
        principal,
        opportunity_id,
        locale,
        notice(request, pages.NOTICES),
        failed="add",
        values=forms.echo(data),
        errors=outcome.errors,
    )
    return render(request, CHAIN_TEMPLATE, context, status_code=outcome.status)


@router.post("/opportunities/{opportunity_id}/decision-chain/{member_id}")
def update_member(
    request: Request,
    opportunity_id: Id,
    member_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.member_changes(form)
    version = pipeline_forms.version(form)
    locale = page_locale(request)
    outcome = attempt(
        db,
        locale,
        lambda: chain_service.update_member(
            db,
            principal,
            opportunity_id,
            member_id,
            DecisionMemberUpdate.model_validate(data),
            version,
        ),
    )
    if outcome.ok:
        return _back_to(_chain_url(opportunity_id), "member-saved", "#chain")
    context = pages.chain_page(
        db,
        principal,
        opportunity_id,
        locale,
        notice(request, pages.NOTICES),
        failed=f"member-{member_id}",
        values=forms.echo(data) | {"version": str(version or "")},
        errors=outcome.errors,
    )
    return render(request, CHAIN_TEMPLATE, context, status_code=outcome.status)


@router.post("/opportunities/{opportunity_id}/decision-chain/{member_id}/delete")
def remove_member(
    opportunity_id: Id, member_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    chain_service.remove_member(db, principal, opportunity_id, member_id)
    return _back_to(_chain_url(opportunity_id), "member-removed", "#chain")


# --- panels other pages load: the opportunity's activities, a contact's roles -----------------


@router.get("/opportunities/{opportunity_id}/activities")
def activity_panel(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.activity_panel(db, principal, opportunity_id, page_locale(request))
    return render(request, "opportunities/_activities.html", context)


@router.get("/contacts/{contact_id}/opportunity-roles")
def contact_roles_panel(
    request: Request, contact_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.contact_roles_panel(db, principal, contact_id, page_locale(request))
    return render(request, "opportunities/_contact_roles.html", context)
