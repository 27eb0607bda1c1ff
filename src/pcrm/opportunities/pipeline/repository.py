"""Every query of the pipeline, always scoped to the workspace. Lists take their filters and
their sort (allow-listed in `SORTS`) as parameters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.pagination import PageRequest, in_vocabulary_order, parse_sort, read_page
from pcrm.core.tenancy import WorkspaceScope
from pcrm.opportunities.pipeline.models import (
    Opportunity,
    OpportunityRelation,
    OpportunityTeamMember,
)
from pcrm.opportunities.pipeline.schemas import OpportunityFilters, StageTotal
from pcrm.opportunities.vocab import Stage

LIST_COUNT_CAP = 10_000  # lists count their rows up to this, then say "10,000+"
SORTS = {
    "name": Opportunity.name,
    "expected_close_on": Opportunity.expected_close_on,
    "budget_amount": Opportunity.budget_amount,
    "probability": Opportunity.probability,
    "stage": in_vocabulary_order(Opportunity.stage, Stage),
    "updated_at": Opportunity.updated_at,
    "created_at": Opportunity.created_at,
}
DEFAULT_SORT = "expected_close_on"


def opportunity(db: Session, scope: WorkspaceScope, opportunity_id: int) -> Opportunity:
    found = db.scalar(
        select(Opportunity).where(
            Opportunity.workspace_id == scope.workspace_id, Opportunity.id == opportunity_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def lock_opportunity(db: Session, scope: WorkspaceScope, opportunity_id: int) -> None:
    """Hold the opportunity's row until the transaction ends (PostgreSQL; SQLite has one
    writer anyway), so two writers numbering its children (document versions) take turns."""
    db.execute(
        select(Opportunity.id)
        .where(Opportunity.workspace_id == scope.workspace_id, Opportunity.id == opportunity_id)
        .with_for_update()
    )


def opportunities_by_ids(
    db: Session, scope: WorkspaceScope, ids: Iterable[int]
) -> dict[int, Opportunity]:
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(Opportunity).where(
        Opportunity.workspace_id == scope.workspace_id, Opportunity.id.in_(wanted)
    )
    return {o.id: o for o in db.scalars(query)}


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matching(scope: WorkspaceScope, filters: OpportunityFilters) -> Select[Any]:
    """The opportunities that `filters` narrow the workspace's to."""
    query = select(Opportunity).where(Opportunity.workspace_id == scope.workspace_id)
    if not filters.include_archived:
        query = query.where(Opportunity.archived_at.is_(None))
    if filters.stages:
        query = query.where(Opportunity.stage.in_(filters.stages))
    if filters.owner_id is not None:
        query = query.where(Opportunity.owner_id == filters.owner_id)
    if filters.account_id is not None:
        query = query.where(Opportunity.account_id == filters.account_id)
    if filters.project_type is not None:
        query = query.where(Opportunity.project_type == filters.project_type)
    if filters.close_from is not None:
        query = query.where(Opportunity.expected_close_on >= filters.close_from)
    if filters.close_to is not None:
        query = query.where(Opportunity.expected_close_on <= filters.close_to)
    if filters.q:
        query = query.where(Opportunity.name.like(_like(filters.q), escape="\\"))
    return query


def check_sort(sort: str | None) -> None:
    """A `ValidationFailed` on `sort` unless each of its keys is one of `SORTS`."""
    parse_sort(sort, SORTS, DEFAULT_SORT)


def opportunities_page(
    db: Session,
    scope: WorkspaceScope,
    filters: OpportunityFilters,
    page: PageRequest,
    sort: str | None,
) -> tuple[list[Opportunity], int, bool]:
    """A page of the opportunities matching `filters` in the order `sort` names (the
    allow-listed `SORTS`, newest first among equals): its rows, the capped count and whether
    the count reached its cap."""
    order = parse_sort(sort, SORTS, DEFAULT_SORT)
    query = _matching(scope, filters)
    return read_page(
        db,
        query,
        query.order_by(*order, Opportunity.id.desc()),
        Opportunity.id,
        page,
        lambda ids: opportunities_by_ids(db, scope, ids),
        LIST_COUNT_CAP,
        remember=("opportunities", scope.workspace_id, filters),
    )


def first_of_stage(
    db: Session,
    scope: WorkspaceScope,
    filters: OpportunityFilters,
    stage: Stage,
    limit: int,
    *,
    closing_soonest: bool,
) -> list[Opportunity]:
    """The first `limit` opportunities of a stage matching `filters`, by expected close: the
    soonest first, or the latest first (both read ix_opportunities_stage in order)."""
    close = Opportunity.expected_close_on
    order = close.asc().nulls_last() if closing_soonest else close.desc().nulls_last()
    query = _matching(scope, replace(filters, stages=(stage,)))
    return list(db.scalars(query.order_by(order, Opportunity.id).limit(limit)))


def stage_totals(
    db: Session, scope: WorkspaceScope, filters: OpportunityFilters
) -> dict[Stage, StageTotal]:
    """Count, budget and weighted budget (budget × probability) per stage, in one query."""
    matching = _matching(scope, filters).subquery()
    query = select(
        matching.c.stage,
        func.count(),
        func.coalesce(func.sum(matching.c.budget_amount), 0),
        func.coalesce(func.sum(matching.c.budget_amount * matching.c.probability), 0),
    ).group_by(matching.c.stage)
    totals = {}
    for stage, count, budget, weighted in db.execute(query):
        value = Stage(stage)
        totals[value] = StageTotal(
            value, int(count), Decimal(budget), (Decimal(weighted) / 100).quantize(Decimal("0.01"))
        )
    return totals


def team(
    db: Session, scope: WorkspaceScope, opportunity_id: int
) -> Sequence[OpportunityTeamMember]:
    query = select(OpportunityTeamMember).where(
        OpportunityTeamMember.workspace_id == scope.workspace_id,
        OpportunityTeamMember.opportunity_id == opportunity_id,
    )
    return db.scalars(query.order_by(OpportunityTeamMember.id)).all()


def relations_of(
    db: Session, scope: WorkspaceScope, opportunity_id: int
) -> Sequence[OpportunityRelation]:
    query = select(OpportunityRelation).where(
        OpportunityRelation.workspace_id == scope.workspace_id,
        or_(
            OpportunityRelation.opportunity_id == opportunity_id,
            OpportunityRelation.earlier_id == opportunity_id,
        ),
    )
    return db.scalars(query.order_by(OpportunityRelation.id)).all()


def relation(db: Session, scope: WorkspaceScope, relation_id: int) -> OpportunityRelation:
    found = db.scalar(
        select(OpportunityRelation).where(
            OpportunityRelation.workspace_id == scope.workspace_id,
            OpportunityRelation.id == relation_id,
        )
    )
    if found is None:
        raise NotFound()
    return found


def earlier_of(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> set[int]:
    """The opportunities that these directly follow."""
    wanted = set(ids)
    if not wanted:
        return set()
    query = select(OpportunityRelation.earlier_id).where(
        OpportunityRelation.workspace_id == scope.workspace_id,
        OpportunityRelation.opportunity_id.in_(wanted),
    )
    return set(db.scalars(query))
