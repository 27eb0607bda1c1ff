"""Display-ready data for the opportunity pages: labels in the reader's language, choices for
selects, the pipeline totals and the board's columns. Templates and opportunities.js only format
what these give them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pcrm.core.i18n import N_, translate
from pcrm.core.templating import templates
from pcrm.identity.public import UserRef
from pcrm.opportunities.pipeline.repository import StageTotal
from pcrm.opportunities.pipeline.schemas import (
    OpportunityDetail,
    OpportunityRead,
    RelationRead,
    ReviewRead,
    TeamMemberRead,
)
from pcrm.opportunities.pipeline.service import MOVES, BoardColumn
from pcrm.opportunities.vocab import (
    LABELS,
    OPEN_STAGES,
    OUTCOME_STAGE,
    OpportunityRole,
    Outcome,
    ProjectType,
    RelationKind,
    ReviewReason,
    Source,
    Stage,
    Trigger,
)

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
