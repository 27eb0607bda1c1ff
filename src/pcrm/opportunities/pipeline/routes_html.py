"""Pages of the current-opportunity line (当前项目线): the list with the weighted pipeline, the
pipeline board, the opportunity page's overview and history tabs, and the forms that create,
edit, move and close an opportunity. Handlers translate, services decide."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from pydantic import TypeAdapter, ValidationError
from starlette.responses import Response

from pcrm.accounts.public import account_refs
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import NotFound, ValidationFailed
from pcrm.core.forms import Attempt, FormErrors, FormValues, PostedForm, attempt, domain_errors
from pcrm.core.i18n import N_, translate
from pcrm.core.pages import local_path as _local_path
from pcrm.core.pages import notice
from pcrm.core.pages import page_locale as _locale
from pcrm.core.pages import redirect as _redirect
from pcrm.core.pagination import PageRequest, parse_sort
from pcrm.core.problems import field_errors_from_pydantic
from pcrm.core.templating import is_htmx, render
from pcrm.identity.public import (
    CurrentPrincipal,
    Permission,
    Principal,
    active_user_refs,
    record_history_view,
)
from pcrm.opportunities.pipeline import forms, service
from pcrm.opportunities.pipeline import pages as presenters
from pcrm.opportunities.pipeline.repository import OpportunityFilters
from pcrm.opportunities.pipeline.routes_api import OpportunityQuery
from pcrm.opportunities.pipeline.schemas import (
    CloseOpportunity,
    OpportunityCreate,
    OpportunityDetail,
    OpportunityUpdate,
    RelationCreate,
    ReviewWrite,
    StageMove,
    TeamMemberWrite,
)
from pcrm.opportunities.vocab import CLOSED_STAGES, OPEN_STAGES, Outcome, Stage
from pcrm.relationships.public import list_competitors

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
presenters.install_template_globals()

NOTICES = {
    "created": N_("Created."),
    "saved": N_("Your changes have been saved."),
    "moved": N_("The stage has been changed."),
    "closed": N_("The opportunity is closed and its review recorded."),
    "archived": N_("Archived. It no longer shows in lists; its history is kept."),
}
SORTABLE = {
    "name": N_("Opportunity"),
    "stage": N_("Stage"),
    "budget_amount": N_("Budget"),
    "probability": N_("Probability"),
    "expected_close_on": N_("Expected close"),
    "updated_at": N_("Updated"),
}
DEFAULT_SORT = "stage,expected_close_on"  # open ones first, the soonest to close on top
RELATION_CHOICES = 200  # earlier opportunities of the account offered when adding a relation
TEAM = TypeAdapter(list[TeamMemberWrite])


def _notice(request: Request) -> str | None:
    return notice(request, NOTICES)


def _errors(request: Request, exc: ValidationError | ValidationFailed) -> FormErrors:
    if isinstance(exc, ValidationFailed):
        return domain_errors(exc, _locale(request))
    return {
        e["field"]: e["message"] for e in field_errors_from_pydantic(exc.errors(), _locale(request))
    }


def _board_changed(request: Request, notice: str) -> Response:
    """A change made in the board's dialog: the board reloads itself and says what happened."""
    message = translate(_locale(request), NOTICES[notice])
    trigger = json.dumps({"boardChanged": {"message": message}})  # ASCII-only, as headers must be
    return Response(status_code=204, headers={"HX-Trigger": trigger})


# --- list and board ---------------------------------------------------------------------------


def _list_params(request: Request) -> tuple[OpportunityQuery, FormErrors, list[tuple[str, str]]]:
    """The list's query parameters, validated with the API's own model. Bad ones are reported
    inline and the list falls back to its defaults."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k != "notice" and v != ""]
    raw: dict[str, Any] = {}
    for key, value in pairs:
        if key == "stage":
            raw.setdefault("stage", []).append(value)
        else:
            raw[key] = value
    try:
        params = OpportunityQuery.model_validate(raw)
    except ValidationError as exc:
        return OpportunityQuery(), _errors(request, exc), []
    try:
        parse_sort(params.sort, service.SORTS, DEFAULT_SORT)
    except ValidationFailed as exc:
        errors = domain_errors(exc, _locale(request))
        return (
            params.model_copy(update={"sort": None}),
            errors,
            [p for p in pairs if p[0] != "sort"],
        )
    return params, {}, pairs


def _filter_context(
    request: Request, db: DB, principal: Principal, params: OpportunityQuery, path: str
) -> dict[str, Any]:
    locale = _locale(request)
    account_name = ""
    if params.account_id is not None:
        found = account_refs(db, principal.scope, {params.account_id}).get(params.account_id)
        account_name = found.name if found else ""
    return {
        "params": params,
        "chosen_stages": [s.value for s in params.stage],
        "vocab": presenters.vocabularies(locale),
        "user_options": presenters.user_choices(active_user_refs(db, principal.scope), locale),
        "account_name": account_name,
        "filter_path": path,
        "can_write": principal.can(Permission.WRITE),
        "notice": _notice(request),
    }


def _list_links(pairs: list[tuple[str, str]], sort: str | None, locale: str) -> dict[str, Any]:
    keep = [(k, v) for k, v in pairs if k not in ("page", "sort")]
    current = sort or DEFAULT_SORT
    headers = {}
    for key, text in SORTABLE.items():
        next_sort = f"-{key}" if current == key else key
        arrow = "↑" if current == key else "↓" if current == f"-{key}" else ""
        headers[key] = {
            "label": translate(locale, text),
            "arrow": arrow,
            "url": f"/opportunities?{urlencode([*keep, ('sort', next_sort)])}",
        }
    without_page = [(k, v) for k, v in pairs if k != "page"]
    return {
        "sort_headers": headers,
        "base_url": f"/opportunities?{urlencode(without_page)}&"
        if without_page
        else "/opportunities?",
        "filter_query": urlencode(keep),
    }


@router.get("/opportunities")
def opportunities_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    locale = _locale(request)
    params, errors, pairs = _list_params(request)
    filters = params.filters()
    page = service.list_opportunities(
        db,
        principal,
        filters,
        PageRequest(params.page, params.page_size),
        params.sort or DEFAULT_SORT,
    )
    context = {
        **_filter_context(request, db, principal, params, "/opportunities"),
        **_list_links(pairs, params.sort, locale),
        "page": page,
        "rows": presenters.rows(page.items, locale),
        "totals": presenters.pipeline_totals(
            service.pipeline_totals(db, principal, filters), locale
        ),
        "errors": errors,
    }
    return render(
        request,
        "opportunities/opportunities.html",
        context,
        fragment="results",
        status_code=422 if errors else 200,
    )


ACCOUNT_TAB_PAGE_SIZE = 20


@router.get("/accounts/{account_id}/opportunities")
def account_opportunities(
    request: Request,
    account_id: int,
    db: DB,
    principal: CurrentPrincipal,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    """The opportunities tab of the account page, which loads it with HTMX: the account's
    open pipeline and its opportunities, open ones first (the list's default order). Asked
    for as a page, it sends the browser to the account page's tab."""
    principal.require(Permission.READ)
    account = account_refs(db, principal.scope, {account_id}).get(account_id)
    if account is None:
        raise NotFound()
    if not is_htmx(request):
        return _redirect(f"/accounts/{account_id}?tab=opportunities")
    locale = _locale(request)
    filters = OpportunityFilters(account_id=account_id)
    listed = service.list_opportunities(
        db, principal, filters, PageRequest(page, ACCOUNT_TAB_PAGE_SIZE), DEFAULT_SORT
    )
    context = {
        "account": account,
        "page": listed,
        "rows": presenters.rows(listed.items, locale),
        "totals": presenters.pipeline_totals(
            service.pipeline_totals(db, principal, filters), locale
        ),
        "base_url": f"/accounts/{account_id}/opportunities?",
        "can_write": principal.can(Permission.WRITE),
    }
    return render(request, "opportunities/_account_opportunities.html", context)


@router.get("/opportunities/board")
def board_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    locale = _locale(request)
    params, errors, pairs = _list_params(request)
    params = params.model_copy(update={"stage": []})  # the board shows every stage
    keep = [(k, v) for k, v in pairs if k not in ("page", "page_size", "sort", "stage")]
    columns = service.pipeline(db, principal, params.filters(), presenters.BOARD_STAGES)
    context = {
        **_filter_context(request, db, principal, params, "/opportunities/board"),
        "columns": presenters.board_columns(columns, locale),
        "board_url": f"/opportunities/board?{urlencode(keep)}" if keep else "/opportunities/board",
        "list_url": f"/opportunities?{urlencode(keep)}" if keep else "/opportunities",
        "filter_query": urlencode(keep),
        "errors": errors,
    }
    return render(
        request,
        "opportunities/board.html",
        context,
        fragment="board",
        status_code=422 if errors else 200,
    )


# --- create and edit --------------------------------------------------------------------------


def _form_context(
    request: Request,
    db: DB,
    principal: Principal,
    *,
    form: dict[str, Any],
    errors: FormErrors,
    opportunity: OpportunityDetail | None = None,
) -> dict[str, Any]:
    locale = _locale(request)
    account_name = ""
    if opportunity is None and str(form.get("account_id", "")).isdigit():
        account_id = int(form["account_id"])
        found = account_refs(db, principal.scope, {account_id}).get(account_id)
        account_name = found.name if found else ""
    return {
        "form": FormValues(form),
        "errors": errors,
        "opportunity": opportunity,
        "account_name": account_name,
        "vocab": presenters.vocabularies(locale),
        "user_options": presenters.user_choices(active_user_refs(db, principal.scope), locale),
        "won": opportunity is not None and opportunity.stage in (Stage.EXECUTION, Stage.DELIVERED),
    }


@router.get("/opportunities/new")
def new_opportunity_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    principal.require(Permission.WRITE)
    form = {
        "account_id": request.query_params.get("account_id", ""),
        "owner_id": str(principal.user_id),
        "stage": Stage.POTENTIAL.value,
        "project_type": "new",
        "currency": principal.currency,
        "triggers": [],
    }
    return render(
        request,
        "opportunities/opportunity_form.html",
        _form_context(request, db, principal, form=form, errors={}),
    )


@router.post("/opportunities")
def create_opportunity(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.opportunity_create(form)
    outcome = attempt(
        db,
        _locale(request),
        lambda: service.create_opportunity(db, principal, OpportunityCreate.model_validate(data)),
    )
    if outcome.result is not None:
        return _redirect(f"/opportunities/{outcome.result.id}", "created")
    context = _form_context(request, db, principal, form=forms.echo(data), errors=outcome.errors)
    return render(
        request, "opportunities/opportunity_form.html", context, status_code=outcome.status
    )


@router.get("/opportunities/{opportunity_id}/edit")
def edit_opportunity_page(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE)
    detail = service.opportunity_detail(db, principal, opportunity_id)
    context = _form_context(
        request, db, principal, form=forms.opportunity_values(detail), errors={}, opportunity=detail
    )
    context["version"] = detail.version
    return render(request, "opportunities/opportunity_form.html", context, fragment="form_card")


@router.post("/opportunities/{opportunity_id}/edit")
def update_opportunity(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.opportunity_update(form)
    version = forms.version(form)
    outcome = attempt(
        db,
        _locale(request),
        lambda: service.update_opportunity(
            db, principal, opportunity_id, OpportunityUpdate.model_validate(data), version
        ),
    )
    target = f"/opportunities/{opportunity_id}"
    if outcome.ok:
        if is_htmx(request):
            return Response(status_code=204, headers={"HX-Redirect": f"{target}?notice=saved"})
        return _redirect(target, "saved")
    detail = service.opportunity_detail(db, principal, opportunity_id)
    echo = forms.echo(data)
    echo.setdefault("probability", "")
    context = _form_context(
        request, db, principal, form=echo, errors=outcome.errors, opportunity=detail
    )
    context["version"] = version
    return render(
        request,
        "opportunities/opportunity_form.html",
        context,
        fragment="form_card",
        status_code=outcome.status,
    )


@router.post("/opportunities/{opportunity_id}/archive")
def archive_opportunity(opportunity_id: int, db: DB, principal: CurrentPrincipal) -> Response:
    service.archive_opportunity(db, principal, opportunity_id)
    return _redirect(f"/opportunities/{opportunity_id}", "archived")


# --- the opportunity page: overview and history -----------------------------------------------


def _overview_context(
    request: Request,
    db: DB,
    principal: Principal,
    opportunity_id: int,
    *,
    forms_: dict[str, dict[str, Any]] | None = None,
    errors: dict[str, FormErrors] | None = None,
    editing_review: bool = False,
) -> dict[str, Any]:
    locale = _locale(request)
    detail = service.opportunity_detail(db, principal, opportunity_id)
    can_write = principal.can(Permission.WRITE)
    review = (
        service.get_review(db, principal, opportunity_id) if detail.stage in CLOSED_STAGES else None
    )
    given = forms_ or {}
    context: dict[str, Any] = {
        "opportunity": detail,
        "active_tab": "overview",
        "notice": _notice(request),
        "can_write": can_write,
        "labels": presenters.overview_labels(detail, locale),
        "team": presenters.team_rows(detail, locale),
        "relations": presenters.relation_rows(detail.relations, locale),
        "review": presenters.review_view(review, locale),
        "editing_review": editing_review,
        "move_choices": presenters.move_choices(detail.stage, locale),
        "is_open": detail.stage not in CLOSED_STAGES,
        "forms": {
            "team": FormValues(given.get("team", {})),
            "relation": FormValues(given.get("relation", {})),
            "review": FormValues(
                given.get("review", forms.review_values(review) if review else {})
            ),
        },
        "errors": {k: (errors or {}).get(k, {}) for k in ("team", "relation", "review")},
    }
    if can_write:
        context["vocab"] = presenters.vocabularies(locale)
        on_team = {m.user_id for m in detail.team}
        context["user_options"] = presenters.user_choices(
            (u for u in active_user_refs(db, principal.scope) if u.id not in on_team), locale
        )
        related = {r.earlier_id for r in detail.relations} | {
            r.opportunity_id for r in detail.relations
        }
        same_account = service.list_opportunities(
            db,
            principal,
            OpportunityFilters(account_id=detail.account_id, include_archived=True),
            PageRequest(1, RELATION_CHOICES),
            "-created_at",
        )
        context["relation_options"] = [
            (str(o.id), o.name) for o in same_account.items if o.id not in related | {detail.id}
        ]
        if review is not None or detail.stage in CLOSED_STAGES:
            context["competitor_options"] = [
                (str(c.id), c.name) for c in list_competitors(db, principal)
            ]
    return context


@router.get("/opportunities/{opportunity_id}")
def opportunity_page(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    context = _overview_context(request, db, principal, opportunity_id)
    return render(request, "opportunities/opportunity.html", context)


@router.get("/opportunities/{opportunity_id}/history")
def history_page(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    context = {
        "opportunity": service.opportunity_detail(db, principal, opportunity_id),
        "active_tab": "history",
        "notice": _notice(request),
        "can_write": principal.can(Permission.WRITE),
        "history": record_history_view(
            db, principal, "opportunity", opportunity_id, _locale(request)
        ),
    }
    return render(request, "opportunities/opportunity.html", context, fragment="tab_content")


def _card_write(
    request: Request,
    db: DB,
    principal: Principal,
    opportunity_id: int,
    card: str,
    values: dict[str, Any],
    write: Callable[[], object],
    remap: Callable[[FormErrors], FormErrors] = lambda e: e,
) -> Response:
    """A write from one card of the overview (team, relations, review). HTMX gets the card back
    (with its messages on a 422); without script the page is reloaded or re-rendered."""
    outcome: Attempt[object] = attempt(db, _locale(request), write)
    errors = remap(outcome.errors)
    if outcome.ok and not is_htmx(request):
        return _redirect(f"/opportunities/{opportunity_id}", "saved")
    context = _overview_context(
        request,
        db,
        principal,
        opportunity_id,
        forms_={} if outcome.ok else {card: values},
        errors={card: errors},
        editing_review=card == "review" and not outcome.ok,
    )
    if outcome.ok:
        context["notice"] = None
    return render(
        request,
        "opportunities/opportunity.html",
        context,
        fragment=f"{card}_card",
        status_code=outcome.status,
    )


def _team_errors(rows: list[tuple[int, dict[str, Any]]]) -> Callable[[FormErrors], FormErrors]:
    """Messages about the n-th member written back to the form row it came from."""

    def remap(errors: FormErrors) -> FormErrors:
        out: FormErrors = {}
        for key, message in errors.items():
            parts = key.removeprefix("team.").split(".", 1)
            if parts[0].isdigit() and int(parts[0]) < len(rows):
                row = rows[int(parts[0])][0]
                out[f"team.{row}.{parts[1] if len(parts) > 1 else 'user_id'}"] = message
            else:
                out["__all__"] = message
        return out

    return remap


@router.post("/opportunities/{opportunity_id}/team")
def set_team(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
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
        lambda: service.set_team(
            db, principal, opportunity_id, TEAM.validate_python([r for _, r in rows])
        ),
        _team_errors(rows),
    )


@router.post("/opportunities/{opportunity_id}/relations")
def add_relation(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
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
    request: Request, opportunity_id: int, relation_id: int, db: DB, principal: CurrentPrincipal
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
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE)
    context = _overview_context(request, db, principal, opportunity_id, editing_review=True)
    return render(request, "opportunities/opportunity.html", context, fragment="review_card")


def _review_errors(errors: FormErrors) -> FormErrors:
    """Messages keyed like the inputs: `review.<field>`."""
    return {
        (k if k.startswith("review.") or k == "__all__" else f"review.{k}"): v
        for k, v in errors.items()
    }


@router.post("/opportunities/{opportunity_id}/review")
def update_review(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.review(form)
    return _card_write(
        request,
        db,
        principal,
        opportunity_id,
        "review",
        forms.echo({"review": data}),
        lambda: service.update_review(
            db, principal, opportunity_id, ReviewWrite.model_validate(data)
        ),
        _review_errors,
    )


# --- moving and closing -----------------------------------------------------------------------


def _stage_context(
    request: Request,
    db: DB,
    principal: Principal,
    opportunity_id: int,
    *,
    mode: str,
    form: dict[str, Any],
    errors: FormErrors,
    back: str,
) -> dict[str, Any]:
    locale = _locale(request)
    detail = service.opportunity_detail(db, principal, opportunity_id)
    context: dict[str, Any] = {
        "opportunity": detail,
        "active_tab": "overview",
        "mode": mode,
        "form": FormValues(form),
        "errors": errors,
        "back": back,
        "in_dialog": is_htmx(request),
        "closable": detail.stage in OPEN_STAGES,
        "move_choices": presenters.move_choices(detail.stage, locale),
        "vocab": presenters.vocabularies(locale),
        "outcome_help": presenters.outcome_help(locale),
    }
    if mode == "close":
        context["competitor_options"] = [
            (str(c.id), c.name) for c in list_competitors(db, principal)
        ]
    return context


def _stage_form(context: dict[str, Any], request: Request, status_code: int = 200) -> Response:
    """The move or close form: alone for the board's dialog, else on its own page."""
    if context["in_dialog"]:
        name = "_close_form.html" if context["mode"] == "close" else "_move_form.html"
        return render(request, f"opportunities/{name}", context, status_code=status_code)
    return render(request, "opportunities/close_form.html", context, status_code=status_code)


def _back(form_or_query: Any, opportunity_id: int) -> str:
    return _local_path(str(form_or_query.get("back") or ""), f"/opportunities/{opportunity_id}")


@router.get("/opportunities/{opportunity_id}/move")
def move_page(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE)
    back = _back(request.query_params, opportunity_id)
    form = {"stage": request.query_params.get("stage", "")}
    context = _stage_context(
        request, db, principal, opportunity_id, mode="move", form=form, errors={}, back=back
    )
    return _stage_form(context, request)


@router.post("/opportunities/{opportunity_id}/stage")
def move_stage(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """Move along the lifecycle; a move that closes the opportunity leads to the close form."""
    back = _back(form, opportunity_id)
    data = forms.stage_move(form)
    version = forms.version(form)
    current = service.get_opportunity(db, principal, opportunity_id)
    target = data.get("stage") or ""
    outcome_of = (
        presenters.closing_outcome(current.stage, Stage(target))
        if target in {s.value for s in Stage}
        else None
    )
    if outcome_of is not None:
        principal.require(Permission.WRITE)
        if not is_htmx(request):
            query = urlencode({"outcome": outcome_of.value, "back": back})
            return _redirect(f"/opportunities/{opportunity_id}/close?{query}")
        context = _stage_context(
            request,
            db,
            principal,
            opportunity_id,
            mode="close",
            form={"outcome": outcome_of.value, "version": str(version or "")},
            errors={},
            back=back,
        )
        return _stage_form(context, request)
    result = attempt(
        db,
        _locale(request),
        lambda: service.move_stage(
            db, principal, opportunity_id, StageMove.model_validate(data), version
        ),
    )
    if result.ok:
        if is_htmx(request):
            return _board_changed(request, "moved")
        return _redirect(back, "moved")
    values = forms.echo(data)
    values["version"] = str(version or "")
    context = _stage_context(
        request,
        db,
        principal,
        opportunity_id,
        mode="move",
        form=values,
        errors=result.errors,
        back=back,
    )
    return _stage_form(context, request, result.status)


@router.get("/opportunities/{opportunity_id}/close")
def close_page(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    principal.require(Permission.WRITE)
    back = _back(request.query_params, opportunity_id)
    chosen = request.query_params.get("outcome", "")
    form = {"outcome": chosen if chosen in {o.value for o in Outcome} else Outcome.WON.value}
    context = _stage_context(
        request, db, principal, opportunity_id, mode="close", form=form, errors={}, back=back
    )
    return _stage_form(context, request)


@router.post("/opportunities/{opportunity_id}/close")
def close_opportunity(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    back = _back(form, opportunity_id)
    data = forms.close(form)
    version = forms.version(form)
    result = attempt(
        db,
        _locale(request),
        lambda: service.close_opportunity(
            db, principal, opportunity_id, CloseOpportunity.model_validate(data), version
        ),
    )
    if result.ok:
        if is_htmx(request):
            return _board_changed(request, "closed")
        return _redirect(back, "closed")
    values = forms.echo(data)
    values["version"] = str(version or "")
    context = _stage_context(
        request,
        db,
        principal,
        opportunity_id,
        mode="close",
        form=values,
        errors=_review_errors_for_close(result.errors),
        back=back,
    )
    return _stage_form(context, request, result.status)


def _review_errors_for_close(errors: FormErrors) -> FormErrors:
    """A missing review is reported by its first required part, the reasons."""
    out = dict(errors)
    if "review" in out:
        out.setdefault("review.reasons", out.pop("review"))
    return out
