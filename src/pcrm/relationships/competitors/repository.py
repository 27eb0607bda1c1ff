"""Every query of competitors and their ties, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.relationships.competitors.models import Competitor, CompetitorTie

Record = TypeVar("Record", Competitor, CompetitorTie)


def _one(db: Session, model: type[Record], scope: WorkspaceScope, record_id: int) -> Record:
    found = db.scalar(
        select(model).where(model.workspace_id == scope.workspace_id, model.id == record_id)
    )
    if found is None:
        raise NotFound()
    return found


def competitor(db: Session, scope: WorkspaceScope, record_id: int) -> Competitor:
    return _one(db, Competitor, scope, record_id)


def competitor_tie(db: Session, scope: WorkspaceScope, record_id: int) -> CompetitorTie:
    return _one(db, CompetitorTie, scope, record_id)


def tie_of(
    db: Session, scope: WorkspaceScope, competitor_id: int, contact_id: int
) -> CompetitorTie | None:
    return db.scalar(
        select(CompetitorTie).where(
            CompetitorTie.workspace_id == scope.workspace_id,
            CompetitorTie.competitor_id == competitor_id,
            CompetitorTie.contact_id == contact_id,
        )
    )


def competitor_named(db: Session, scope: WorkspaceScope, name: str) -> Competitor | None:
    return db.scalar(
        select(Competitor).where(
            Competitor.workspace_id == scope.workspace_id, Competitor.name == name
        )
    )


def competitors(db: Session, scope: WorkspaceScope) -> Sequence[Competitor]:
    query = select(Competitor).where(
        Competitor.workspace_id == scope.workspace_id, Competitor.archived_at.is_(None)
    )
    return db.scalars(query.order_by(Competitor.name)).all()


def competitors_by_ids(
    db: Session, scope: WorkspaceScope, ids: Iterable[int]
) -> dict[int, Competitor]:
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(Competitor).where(
        Competitor.workspace_id == scope.workspace_id, Competitor.id.in_(wanted)
    )
    return {c.id: c for c in db.scalars(query)}


def tie_links(
    db: Session, scope: WorkspaceScope, contact_ids: Iterable[int]
) -> list[Row[int, int, int, int]]:
    """(id, competitor_id, contact_id, closeness) of competitors' ties to the contacts, by id
    (sorted here, as for acquaintances)."""
    wanted = set(contact_ids)
    if not wanted:
        return []
    query = select(
        CompetitorTie.id,
        CompetitorTie.competitor_id,
        CompetitorTie.contact_id,
        CompetitorTie.closeness,
    ).where(CompetitorTie.workspace_id == scope.workspace_id, CompetitorTie.contact_id.in_(wanted))
    return sorted(db.execute(query), key=lambda row: row.id)


def ties_of_competitor(
    db: Session, scope: WorkspaceScope, competitor_id: int
) -> Sequence[CompetitorTie]:
    query = select(CompetitorTie).where(
        CompetitorTie.workspace_id == scope.workspace_id,
        CompetitorTie.competitor_id == competitor_id,
    )
    return db.scalars(query.order_by(CompetitorTie.closeness.desc())).all()
