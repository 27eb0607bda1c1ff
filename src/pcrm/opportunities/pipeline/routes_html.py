"""Pages of the current-opportunity line (当前项目线): the list with the weighted pipeline, the
pipeline board, the account page's opportunities tab, the opportunity page's overview and
history tabs, and the forms that create, edit, move and close an opportunity. A handler
resolves, calls one page builder or service (pages.py, service.py) and renders."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import Attempt, FormErrors, PostedForm, attempt
from pcrm.core.i18n import translate
from pcrm.core.pages import notice, page_locale, redirect, saved
from pcrm.core.templating import is_htmx, render
from pcrm.core.types import Id, PageNumber
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.opportunities.pipeline import forms, pages, service
from pcrm.opportunities.pipeline.schemas import (
    OpportunityCreate,
    OpportunityUpdate,
    RelationCreate,
    StageMove,
)
from pcrm.opportunities.review import service as review_service
from pcrm.opportunities.review.schemas import CloseOpportunity, ReviewWrite
from pcrm.opportunities.vocab import Outcome, Stage

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
pages.install_template_globals()

FORM = "opportunities/opportunity_form.html"
PAGE = "opportunities/opportunity.html"


def _board_changed(request: Request, notice_key: str) -> Response:
    """A change made in the board's dialog: the board reloads itself and says what happened."""
    message = translate(page_locale(request), pages.NOTICES[notice_key])
    trigger = json.dumps({"boardChanged": {"message": message}})  # ASCII-only, as headers must be
    return Response(status_code=204, headers={"HX-Trigger": trigger})


# --- list and board ---------------------------------------------------------------------------


@router.get("/opportunities")
def opportunities_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    items = request.query_params.multi_items()
    context = pages.list_page(
        db, principal, items, page_locale(request), notice(request, pages.NOTICES)
    )
    status = 422 if context["errors"] else 200
    return render(
        request, "opportunities/opportunities.html", context, fragment="results", status_code=status
    )


@router.get("/accounts/{account_id}/opportunities")
def account_opportunities(
    request: Request,
    account_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    page: Annotated[PageNumber, Query()] = 1,
) -> Response:
    """The opportunities tab of the account page, which loads it with HTMX. Asked for as a
    page, it sends the browser to the account page's tab."""
    account = pages.account_of(db, principal, account_id)
    if not is_htmx(request):
        return redirect(f"/accounts/{account_id}?tab=opportunities")
    context = pages.account_tab(db, principal, account, page, page_locale(request))
    return render(request, "opportunities/_account_opportunities.html", context)


@router.get("/opportunities/board")
def board_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    items = request.query_params.multi_items()
    context = pages.board_page(
        db, principal, items, page_locale(request), notice(request, pages.NOTICES)
    )
    status = 422 if context["errors"] else 200
    return render(
        request, "opportunities/board.html", context, fragment="board", status_code=status
    )


# --- create and edit --------------------------------------------------------------------------


@router.get("/opportunities/new")
def new_opportunity_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    form = forms.new_opportunity(principal, request.query_params.get("account_id", ""))
    context = pages.opportunity_form(db, principal, page_locale(request), form=form, errors={})
    return render(request, FORM, context)


@router.post("/opportunities")
def create_opportunity(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    data = forms.opportunity_create(form)
    locale = page_locale(request)
    outcome = attempt(
        db,
        locale,
        lambda: service.create_opportunity(db, principal, OpportunityCreate.model_validate(data)),
    )
    if outcome.result is not None:
        return redirect(f"/opportunities/{outcome.result.id}", "created")
    context = pages.opportunity_form(
        db, principal, locale, form=forms.echo(data), errors=outcome.errors
    )
    return render(request, FORM, context, status_code=outcome.status)


@router.get("/opportunities/{opportunity_id}/edit")
def edit_opportunity_page(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    detail = service.opportunity_detail(db, principal, opportunity_id)
    context = pages.opportunity_form(
        db,
        principal,
        page_locale(request),
        form=forms.opportunity_values(detail),
        errors={},
        opportunity=detail,
        version=detail.version,
    )
    return render(request, FORM, context, fragment="form_card")


@router.post("/opportunities/{opportunity_id}/edit")
def update_opportunity(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.opportunity_update(form)
    version = forms.version(form)
    locale = page_locale(request)
    outcome = attempt(
        db,
        locale,
        lambda: service.update_opportunity(
            db, principal, opportunity_id, OpportunityUpdate.model_validate(data), version
        ),
    )
    target = f"/opportunities/{opportunity_id}"
    if outcome.ok:
        return saved(request, target)
    echo = forms.echo(data)
    echo.setdefault("probability", "")
    context = pages.opportunity_form(
        db,
        principal,
        locale,
        form=echo,
        errors=outcome.errors,
        opportunity=service.opportunity_detail(db, principal, opportunity_id),
        version=version,
    )
    return render(request, FORM, context, fragment="form_card", status_code=outcome.status)


@router.post("/opportunities/{opportunity_id}/archive")
def archive_opportunity(opportunity_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    service.archive_opportunity(db, principal, opportunity_id)
    return redirect(f"/opportunities/{opportunity_id}", "archived")


# --- the opportunity page: overview and history -----------------------------------------------


@router.get("/opportunities/{opportunity_id}")
def opportunity_page(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.overview(
        db, principal, opportunity_id, page_locale(request), notice(request, pages.NOTICES)
    )
    return render(request, PAGE, context)


@router.get("/opportunities/{opportunity_id}/history")
def history_page(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.history_tab(
        db, principal, opportunity_id, page_locale(request), notice(request, pages.NOTICES)
    )
    return render(request, PAGE, context, fragment="tab_content")


def _card_write(
    request: Request,
    db: DB,
    principal: Principal,
    opportunity_id: Id,
    card: str,
    values: dict[str, Any],
    write: Callable[[], object],
    remap: Callable[[FormErrors], FormErrors] = lambda e: e,
) -> Response:
    """A write from one card of the overview (team, relations, review). HTMX gets the card back
    (with its messages on a 422); without script the page is reloaded or re-rendered.

    Only a writer gets a card's form back: a viewer's post is refused before its input is
    read (the review form needs the vocabularies only writers are given)."""
    principal.require(Permission.WRITE_OPPORTUNITIES)
    outcome: Attempt[object] = attempt(db, page_locale(request), write)
    if outcome.ok and not is_htmx(request):
        return redirect(f"/opportunities/{opportunity_id}", "saved")
    context = pages.overview(
        db,
        principal,
        opportunity_id,
        page_locale(request),
        None if outcome.ok else notice(request, pages.NOTICES),
        forms_={} if outcome.ok else {card: values},
        errors={card: remap(outcome.errors)},
        editing_review=card == "review" and not outcome.ok,
    )
    return render(request, PAGE, context, fragment=f"{card}_card", status_code=outcome.status)


@router.post("/opportunities/{opportunity_id}/team")
def set_team(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    rows = forms.team(form)
    values = {k: v for k, v in form.items() if isinstance(v, str) and k.startswith("team.")}
    return _card_write(
        request,
        db,
        principal,
        opportunity_id,
        "team",
        values,
        lambda: service.set_team(db, principal, opportunity_id, forms.team_members(rows)),
        forms.team_errors(rows),
    )


@router.post("/opportunities/{opportunity_id}/relations")
def add_relation(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    data = {
        "earlier_id": forms.text(form, "earlier_id") or None,
        "kind": forms.text(form, "kind") or None,
    }
    return _card_write(
        request,
        db,
        principal,
        opportunity_id,
        "relation",
        forms.echo(data),
        lambda: service.add_relation(
            db, principal, opportunity_id, RelationCreate.model_validate(data)
        ),
    )


@router.post("/opportunities/{opportunity_id}/relations/{relation_id}/delete")
def remove_relation(
    request: Request, opportunity_id: Id, relation_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    return _card_write(
        request,
        db,
        principal,
        opportunity_id,
        "relation",
        {},
        lambda: service.remove_relation(db, principal, opportunity_id, relation_id),
    )


@router.get("/opportunities/{opportunity_id}/review/edit")
def edit_review_page(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    context = pages.overview(
        db,
        principal,
        opportunity_id,
        page_locale(request),
        notice(request, pages.NOTICES),
        editing_review=True,
    )
    return render(request, PAGE, context, fragment="review_card")


@router.post("/opportunities/{opportunity_id}/review")
def update_review(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    data, version = forms.review(form), forms.version(form)
    return _card_write(
        request,
        db,
        principal,
        opportunity_id,
        "review",
        forms.echo({"review": data}),
        lambda: review_service.update_review(
            db, principal, opportunity_id, ReviewWrite.model_validate(data), version
        ),
        forms.review_errors,
    )


# --- moving and closing -----------------------------------------------------------------------


def _stage_form(request: Request, context: dict[str, Any], status_code: int = 200) -> Response:
    """The move or close form: alone for the board's dialog, else on its own page."""
    if context["in_dialog"]:
        name = "_close_form.html" if context["mode"] == "close" else "_move_form.html"
        return render(request, f"opportunities/{name}", context, status_code=status_code)
    return render(request, "opportunities/close_form.html", context, status_code=status_code)


@router.get("/opportunities/{opportunity_id}/move")
def move_page(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    context = pages.stage_form(
        db,
        principal,
        opportunity_id,
        page_locale(request),
        mode="move",
        form={"stage": request.query_params.get("stage", "")},
        errors={},
        back=forms.back(request.query_params, opportunity_id),
        in_dialog=is_htmx(request),
    )
    return _stage_form(request, context)


@router.post("/opportunities/{opportunity_id}/stage")
def move_stage(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """Move along the lifecycle; a move that closes the opportunity leads to the close form."""
    principal.require(Permission.WRITE_OPPORTUNITIES)
    back = forms.back(form, opportunity_id)
    data = forms.stage_move(form)
    version = forms.version(form)
    locale = page_locale(request)
    current = service.get_opportunity(db, principal, opportunity_id)
    target = data.get("stage") or ""
    outcome_of = (
        pages.closing_outcome(current.stage, Stage(target))
        if target in {s.value for s in Stage}
        else None
    )
    if outcome_of is not None:
        principal.require(Permission.WRITE_OPPORTUNITIES)
        if not is_htmx(request):
            query = urlencode({"outcome": outcome_of.value, "back": back})
            return redirect(f"/opportunities/{opportunity_id}/close?{query}")
        context = pages.stage_form(
            db,
            principal,
            opportunity_id,
            locale,
            mode="close",
            form={"outcome": outcome_of.value, "version": str(version or "")},
            errors={},
            back=back,
            in_dialog=True,
        )
        return _stage_form(request, context)
    result = attempt(
        db,
        locale,
        lambda: service.move_stage(
            db, principal, opportunity_id, StageMove.model_validate(data), version
        ),
    )
    if result.ok:
        if is_htmx(request):
            return _board_changed(request, "moved")
        return redirect(back, "moved")
    values = forms.echo(data)
    values["version"] = str(version or "")
    context = pages.stage_form(
        db,
        principal,
        opportunity_id,
        locale,
        mode="move",
        form=values,
        errors=result.errors,
        back=back,
        in_dialog=is_htmx(request),
    )
    return _stage_form(request, context, result.status)


@router.get("/opportunities/{opportunity_id}/close")
def close_page(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    chosen = request.query_params.get("outcome", "")
    context = pages.stage_form(
        db,
        principal,
        opportunity_id,
        page_locale(request),
        mode="close",
        form={"outcome": chosen if chosen in {o.value for o in Outcome} else Outcome.WON.value},
        errors={},
        back=forms.back(request.query_params, opportunity_id),
        in_dialog=is_htmx(request),
    )
    return _stage_form(request, context)


@router.post("/opportunities/{opportunity_id}/close")
def close_opportunity(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    back = forms.back(form, opportunity_id)
    data = forms.close(form)
    version = forms.version(form)
    locale = page_locale(request)
    result = attempt(
        db,
        locale,
        lambda: service.close_opportunity(
            db, principal, opportunity_id, CloseOpportunity.model_validate(data), version
        ),
    )
    if result.ok:
        if is_htmx(request):
            return _board_changed(request, "closed")
        return redirect(back, "closed")
    values = forms.echo(data)
    values["version"] = str(version or "")
    context = pages.stage_form(
        db,
        principal,
        opportunity_id,
        locale,
        mode="close",
        form=values,
        errors=forms.close_errors(result.errors),
        back=back,
        in_dialog=is_htmx(request),
    )
    return _stage_form(request, context, result.status)
