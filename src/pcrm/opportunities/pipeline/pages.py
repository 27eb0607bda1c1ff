"""The view-models of the pipeline's pages: the list with the weighted pipeline, the board, the
account page's opportunities tab, the opportunity page's overview and history, and the forms
that create, edit, move and close an opportunity. Labels come in the reader's language and
choices ready for selects; templates and opportunities.js only format what these give them.
Everything is read through the services."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from pcrm.accounts.public import AccountRef, account_refs
from pcrm.core.errors import NotFound, ValidationFailed
from pcrm.core.forms import FormErrors, FormValues, domain_errors, posted_id
from pcrm.core.i18n import N_, translate
from pcrm.core.pagination import PageRequest
from pcrm.core.templating import templates
from pcrm.identity.public import (
    Permission,
    Principal,
    UserRef,
    active_user_refs,
    record_history_view,
)
from pcrm.opportunities.handover.actions import EXTRA_TABS, won_actions
from pcrm.opportunities.pipeline import forms, service
from pcrm.opportunities.pipeline.schemas import (
    OpportunityDetail,
    OpportunityFilters,
    OpportunityQuery,
    OpportunityRead,
    RelationRead,
    StageTotal,
    TeamMemberRead,
)
from pcrm.opportunities.pipeline.service import MOVES, BoardColumn
from pcrm.opportunities.review import service as review_service
from pcrm.opportunities.review.schemas import ReviewRead
from pcrm.opportunities.vocab import (
    CLOSED_STAGES,
    LABELS,
    OPEN_STAGES,
    OUTCOME_STAGE,
    WON_STAGES,
    OpportunityRole,
    Outcome,
    ProjectType,
    RelationKind,
    ReviewReason,
    Source,
    Stage,
    Trigger,
)
from pcrm.relationships.public import list_competitors

STAGE_BADGES = {
    Stage.POTENTIAL.value: "",
    Stage.BIDDING.value: "blue",
    Stage.EXECUTION.value: "green",
    Stage.DELIVERED.value: "green",
    Stage.LOST.value: "red",
    Stage.ABANDONED.value: "amber",
}
BOARD_STAGES = tuple(Stage)
COLLAPSED_STAGES = (Stage.LOST, Stage.ABANDONED)
# Dropping an open opportunity on one of these columns closes it with this outcome.
CLOSING = {stage: outcome for outcome, stage in OUTCOME_STAGE.items()}

# The Jinja global `opportunity_vocab`: what the opportunity page frame (_page.html) needs to
# show a stage without its route passing anything but the opportunity and the tab.
TEMPLATE_VOCAB: dict[str, Any] = {
    "stage": dict(LABELS[Stage]),
    "stage_badge": STAGE_BADGES,
    "extra_tabs": EXTRA_TABS,
}

OUTCOME_HELP = {
    "won": N_("It moves to III · Won, joint execution. Enter the awarded amount."),
    "lost": N_("Say who won and, when known, at what price."),
    "abandoned": N_("We or the customer stopped pursuing it."),
}


def install_template_globals() -> None:
    templates.env.globals["opportunity_vocab"] = TEMPLATE_VOCAB


def label(value: StrEnum | str | None, enum: type[StrEnum], locale: str) -> str:
    if value is None or value == "":
        return ""
    return translate(locale, LABELS[enum][str(value)])


def choices(enum: type[StrEnum], locale: str) -> list[tuple[str, str]]:
    return [(m.value, label(m, enum, locale)) for m in enum]


def vocabularies(locale: str) -> dict[str, list[tuple[str, str]]]:
    return {
        "stage": choices(Stage, locale),
        "open_stage": [(s.value, label(s, Stage, locale)) for s in OPEN_STAGES],
        "project_type": choices(ProjectType, locale),
        "trigger": choices(Trigger, locale),
        "source": choices(Source, locale),
        "role": choices(OpportunityRole, locale),
        "relation_kind": choices(RelationKind, locale),
        "outcome": choices(Outcome, locale),
        "reason": choices(ReviewReason, locale),
    }


def user_choices(users: Iterable[UserRef], locale: str) -> list[tuple[str, str]]:
    return [(str(u.id), u.display(locale)) for u in users]


# --- list and board ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TotalRow:
    stage: str
    label: str
    badge: str
    count: int
    budget: Decimal
    weighted: Decimal


def _total_row(stage: Stage, total: StageTotal | None, locale: str) -> TotalRow:
    return TotalRow(
        stage.value,
        label(stage, Stage, locale),
        STAGE_BADGES[stage.value],
        total.count if total else 0,
        total.budget if total else Decimal(0),
        total.weighted if total else Decimal(0),
    )


@dataclass(frozen=True, slots=True)
class PipelineTotals:
    """The weighted pipeline over the list: per stage, and the open stages together."""

    stages: list[TotalRow]
    open_count: int
    open_budget: Decimal
    open_weighted: Decimal


def pipeline_totals(totals: dict[Stage, StageTotal], locale: str) -> PipelineTotals:
    rows = [_total_row(stage, totals.get(stage), locale) for stage in BOARD_STAGES]
    open_rows = [r for r in rows if r.stage in {s.value for s in OPEN_STAGES}]
    return PipelineTotals(
        rows,
        sum(r.count for r in open_rows),
        sum((r.budget for r in open_rows), Decimal(0)),
        sum((r.weighted for r in open_rows), Decimal(0)),
    )


@dataclass(frozen=True, slots=True)
class Row:
    """An opportunity as the list and the board show it."""

    opportunity: OpportunityRead
    stage: str
    stage_badge: str
    project_type: str
    movable: bool  # it can change stage (lost and abandoned ones cannot)


def rows(items: Iterable[OpportunityRead], locale: str) -> list[Row]:
    return [
        Row(
            o,
            label(o.stage, Stage, locale),
            STAGE_BADGES[o.stage.value],
            label(o.project_type, ProjectType, locale),
            bool(MOVES[o.stage]) or o.stage in OPEN_STAGES,
        )
        for o in items
    ]


@dataclass(frozen=True, slots=True)
class Column:
    total: TotalRow
    cards: list[Row]
    collapsed: bool
    more: int  # opportunities of the stage that the column does not show


def board_columns(columns: list[BoardColumn], locale: str) -> list[Column]:
    return [
        Column(
            _total_row(c.stage, c.totals, locale),
            rows(c.cards, locale),
            c.stage in COLLAPSED_STAGES,
            max(c.totals.count - len(c.cards), 0),
        )
        for c in columns
    ]


# --- stage changes ----------------------------------------------------------------------------


def closing_outcome(current: Stage, target: Stage) -> Outcome | None:
    """The outcome that moving an open opportunity to `target` means, if it closes it."""
    if current in OPEN_STAGES:
        return CLOSING.get(target)
    return None


def move_choices(current: Stage, locale: str) -> list[tuple[str, str]]:
    """Where the stage form offers to go: the plain moves, then the closing ones."""
    targets = list(MOVES[current])
    if current in OPEN_STAGES:
        targets += [OUTCOME_STAGE[o] for o in Outcome]
    return [(s.value, label(s, Stage, locale)) for s in targets]


def outcome_help(locale: str) -> dict[str, str]:
    return {key: translate(locale, text) for key, text in OUTCOME_HELP.items()}


# --- the opportunity page ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Labels:
    """The overview's coded fields in the reader's language."""

    stage: str
    stage_badge: str
    project_type: str
    triggers: list[str]
    source: str


def overview_labels(o: OpportunityRead, locale: str) -> Labels:
    return Labels(
        label(o.stage, Stage, locale),
        STAGE_BADGES[o.stage.value],
        label(o.project_type, ProjectType, locale),
        [label(t, Trigger, locale) for t in o.triggers],
        label(o.source, Source, locale),
    )


def team_rows(detail: OpportunityDetail, locale: str) -> list[tuple[TeamMemberRead, str]]:
    return [(m, label(m.role, OpportunityRole, locale)) for m in detail.team]


def relation_rows(relations: list[RelationRead], locale: str) -> list[tuple[RelationRead, str]]:
    """Each relation with its wording from this opportunity's side: "Phase 2 of X", or for a
    later one "X: phase 2 of this"."""
    out = []
    for r in relations:
        kind = label(r.kind, RelationKind, locale)
        if r.direction == "earlier":
            out.append((r, kind))
        else:
            out.append((r, translate(locale, N_("%(kind)s this one"), kind=kind)))
    return out


@dataclass(frozen=True, slots=True)
class ReviewView:
    review: ReviewRead
    outcome: str
    reasons: list[str]


def review_view(review: ReviewRead | None, locale: str) -> ReviewView | None:
    if review is None:
        return None
    return ReviewView(
        review,
        label(review.outcome, Outcome, locale),
        [label(r, ReviewReason, locale) for r in review.reasons],
    )


# --- the pages' context -----------------------------------------------------------------------

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
ACCOUNT_TAB_PAGE_SIZE = 20


def list_request(
    items: list[tuple[str, str]], locale: str
) -> tuple[OpportunityQuery, FormErrors, list[tuple[str, str]]]:
    """The list's or the board's query parameters; a bad one is reported inline and the list
    falls back to its defaults (an unknown sort to the default order)."""
    params, errors, pairs = forms.list_query(items, locale)
    if errors:
        return params, errors, pairs
    try:
        service.check_sort(params.sort)
    except ValidationFailed as exc:
        return (
            params.model_copy(update={"sort": None}),
            domain_errors(exc, locale),
            [p for p in pairs if p[0] != "sort"],
        )
    return params, {}, pairs


def _account_name(db: Session, principal: Principal, account_id: int | None) -> str:
    if account_id is None:
        return ""
    found = account_refs(db, principal.scope, {account_id}).get(account_id)
    return found.name if found else ""


def _filters(
    db: Session,
    principal: Principal,
    params: OpportunityQuery,
    path: str,
    locale: str,
    notice: str | None,
) -> dict[str, Any]:
    return {
        "params": params,
        "chosen_stages": [s.value for s in params.stage],
        "vocab": vocabularies(locale),
        "user_options": user_choices(active_user_refs(db, principal.scope), locale),
        "account_name": _account_name(db, principal, params.account_id),
        "filter_path": path,
        "can_write": principal.can(Permission.WRITE_OPPORTUNITIES),
        "notice": notice,
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


def list_page(
    db: Session,
    principal: Principal,
    items: list[tuple[str, str]],
    locale: str,
    notice: str | None,
) -> dict[str, Any]:
    """The list with the weighted pipeline of what it shows."""
    params, errors, pairs = list_request(items, locale)
    filters = service.filters_of(params)
    page = service.list_opportunities(
        db,
        principal,
        filters,
        PageRequest(params.page, params.page_size),
        params.sort or DEFAULT_SORT,
    )
    return {
        **_filters(db, principal, params, "/opportunities", locale, notice),
        **_list_links(pairs, params.sort, locale),
        "page": page,
        "rows": rows(page.items, locale),
        "totals": pipeline_totals(service.pipeline_totals(db, principal, filters), locale),
        "errors": errors,
    }


def account_of(db: Session, principal: Principal, account_id: int) -> AccountRef:
    """The account whose opportunities are asked for, or NotFound."""
    principal.require(Permission.READ)
    account = account_refs(db, principal.scope, {account_id}).get(account_id)
    if account is None:
        raise NotFound()
    return account


def account_tab(
    db: Session, principal: Principal, account: AccountRef, page: int, locale: str
) -> dict[str, Any]:
    """The opportunities tab of the account page: the account's open pipeline and its
    opportunities, open ones first (the list's default order)."""
    filters = OpportunityFilters(account_id=account.id)
    listed = service.list_opportunities(
        db, principal, filters, PageRequest(page, ACCOUNT_TAB_PAGE_SIZE), DEFAULT_SORT
    )
    return {
        "account": account,
        "page": listed,
        "rows": rows(listed.items, locale),
        "totals": pipeline_totals(service.pipeline_totals(db, principal, filters), locale),
        "base_url": f"/accounts/{account.id}/opportunities?",
        "can_write": principal.can(Permission.WRITE_OPPORTUNITIES),
    }


def board_page(
    db: Session,
    principal: Principal,
    items: list[tuple[str, str]],
    locale: str,
    notice: str | None,
) -> dict[str, Any]:
    """The board: every stage's column with the list's other filters."""
    params, errors, pairs = list_request(items, locale)
    params = params.model_copy(update={"stage": []})  # the board shows every stage
    keep = [(k, v) for k, v in pairs if k not in ("page", "page_size", "sort", "stage")]
    columns = service.pipeline(db, principal, service.filters_of(params), BOARD_STAGES)
    return {
        **_filters(db, principal, params, "/opportunities/board", locale, notice),
        "columns": board_columns(columns, locale),
        "board_url": f"/opportunities/board?{urlencode(keep)}" if keep else "/opportunities/board",
        "list_url": f"/opportunities?{urlencode(keep)}" if keep else "/opportunities",
        "filter_query": urlencode(keep),
        "errors": errors,
    }


def opportunity_form(
    db: Session,
    principal: Principal,
    locale: str,
    *,
    form: dict[str, Any],
    errors: FormErrors,
    opportunity: OpportunityDetail | None = None,
    version: int | None = None,
) -> dict[str, Any]:
    """The create or edit form (with `opportunity`, the edit form of that version)."""
    account_name = ""
    account_id = posted_id(form.get("account_id"))
    if opportunity is None and account_id is not None:
        account_name = _account_name(db, principal, account_id)
    context: dict[str, Any] = {
        "form": FormValues(form),
        "errors": errors,
        "opportunity": opportunity,
        "account_name": account_name,
        "vocab": vocabularies(locale),
        "user_options": user_choices(active_user_refs(db, principal.scope), locale),
        "won": opportunity is not None and opportunity.stage in (Stage.EXECUTION, Stage.DELIVERED),
    }
    if opportunity is not None:
        context["version"] = version
    return context


def overview(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    locale: str,
    notice: str | None,
    *,
    forms_: dict[str, dict[str, Any]] | None = None,
    errors: dict[str, FormErrors] | None = None,
    editing_review: bool = False,
) -> dict[str, Any]:
    """The opportunity page's overview: its fields, team, relations and review, each card
    with its form (after a refused write, `forms_` and `errors` of that card)."""
    detail = service.opportunity_detail(db, principal, opportunity_id)
    can_write = principal.can(Permission.WRITE_OPPORTUNITIES)
    review = (
        review_service.get_review(db, principal, opportunity_id)
        if detail.stage in CLOSED_STAGES
        else None
    )
    given = forms_ or {}
    context: dict[str, Any] = {
        "opportunity": detail,
        "active_tab": "overview",
        "notice": notice,
        "can_write": can_write,
        "labels": overview_labels(detail, locale),
        "team": team_rows(detail, locale),
        "relations": relation_rows(detail.relations, locale),
        "review": review_view(review, locale),
        "editing_review": editing_review,
        "move_choices": move_choices(detail.stage, locale),
        "is_open": detail.stage not in CLOSED_STAGES,
        "won_actions": won_actions(db, principal, detail.id) if detail.stage in WON_STAGES else [],
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
        context["vocab"] = vocabularies(locale)
        on_team = {m.user_id for m in detail.team}
        context["user_options"] = user_choices(
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


def history_tab(
    db: Session, principal: Principal, opportunity_id: int, locale: str, notice: str | None
) -> dict[str, Any]:
    return {
        "opportunity": service.opportunity_detail(db, principal, opportunity_id),
        "active_tab": "history",
        "notice": notice,
        "can_write": principal.can(Permission.WRITE_OPPORTUNITIES),
        "history": record_history_view(db, principal, "opportunity", opportunity_id, locale),
    }


def stage_form(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    locale: str,
    *,
    mode: str,
    form: dict[str, Any],
    errors: FormErrors,
    back: str,
    in_dialog: bool,
) -> dict[str, Any]:
    """The move or close form (`mode`), for the board's dialog or a page of its own."""
    detail = service.opportunity_detail(db, principal, opportunity_id)
    context: dict[str, Any] = {
        "opportunity": detail,
        "active_tab": "overview",
        "mode": mode,
        "form": FormValues(form),
        "errors": errors,
        "back": back,
        "in_dialog": in_dialog,
        "closable": detail.stage in OPEN_STAGES,
        "move_choices": move_choices(detail.stage, locale),
        "vocab": vocabularies(locale),
        "outcome_help": outcome_help(locale),
    }
    if mode == "close":
        context["competitor_options"] = [
            (str(c.id), c.name) for c in list_competitors(db, principal)
        ]
    return context
