"""Every query of profiles and links between people, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from sqlalchemy import Row, Select, func, select, union
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.relationships.graph.models import Acquaintance, DottedLine, Influence, ProfileEntry
from pcrm.relationships.vocab import RelationshipStatus

Edge = TypeVar("Edge", Influence, DottedLine, Acquaintance)


def _one(db: Session, model: type[Edge], scope: WorkspaceScope, record_id: int) -> Edge:
    found = db.scalar(
        select(model).where(model.workspace_id == scope.workspace_id, model.id == record_id)
    )
    if found is None:
        raise NotFound()
    return found


def influence(db: Session, scope: WorkspaceScope, record_id: int) -> Influence:
    return _one(db, Influence, scope, record_id)


def dotted_line(db: Session, scope: WorkspaceScope, record_id: int) -> DottedLine:
    return _one(db, DottedLine, scope, record_id)


def acquaintance(db: Session, scope: WorkspaceScope, record_id: int) -> Acquaintance:
    return _one(db, Acquaintance, scope, record_id)


def influence_between(
    db: Session, scope: WorkspaceScope, source: int, target: int
) -> Influence | None:
    return db.scalar(
        select(Influence).where(
            Influence.workspace_id == scope.workspace_id,
            Influence.from_contact_id == source,
            Influence.to_contact_id == target,
        )
    )


def dotted_line_between(
    db: Session, scope: WorkspaceScope, contact_id: int, manager_id: int
) -> DottedLine | None:
    return db.scalar(
        select(DottedLine).where(
            DottedLine.workspace_id == scope.workspace_id,
            DottedLine.contact_id == contact_id,
            DottedLine.manager_id == manager_id,
        )
    )


def acquaintance_of(
    db: Session, scope: WorkspaceScope, user_id: int, contact_id: int
) -> Acquaintance | None:
    return db.scalar(
        select(Acquaintance).where(
            Acquaintance.workspace_id == scope.workspace_id,
            Acquaintance.user_id == user_id,
            Acquaintance.contact_id == contact_id,
        )
    )


def profile_history(db: Session, scope: WorkspaceScope, contact_id: int) -> Sequence[ProfileEntry]:
    query = select(ProfileEntry).where(
        ProfileEntry.workspace_id == scope.workspace_id, ProfileEntry.contact_id == contact_id
    )
    return db.scalars(
        query.order_by(ProfileEntry.effective_on.desc(), ProfileEntry.id.desc())
    ).all()


def _newest_profiles(scope: WorkspaceScope, contact_ids: set[int]) -> Select[tuple[int]]:
    """Ids of each contact's current profile entry: the latest date, then the latest recorded."""
    ranked = (
        select(
            ProfileEntry.id,
            func.row_number()
            .over(
                partition_by=ProfileEntry.contact_id,
                order_by=(ProfileEntry.effective_on.desc(), ProfileEntry.id.desc()),
            )
            .label("rank"),
        )
        .where(
            ProfileEntry.workspace_id == scope.workspace_id,
            ProfileEntry.contact_id.in_(contact_ids),
        )
        .subquery()
    )
    return select(ranked.c.id).where(ranked.c.rank == 1)


def current_profiles(
    db: Session, scope: WorkspaceScope, contact_ids: Iterable[int]
) -> dict[int, ProfileEntry]:
    """Each contact's current profile: the entry with the latest date (then the latest
    recorded), in one query."""
    wanted = set(contact_ids)
    if not wanted:
        return {}
    query = select(ProfileEntry).where(
        ProfileEntry.workspace_id == scope.workspace_id,
        ProfileEntry.id.in_(_newest_profiles(scope, wanted)),
    )
    return {p.contact_id: p for p in db.scalars(query)}


def influences_touching(
    db: Session, scope: WorkspaceScope, contact_ids: Iterable[int]
) -> Sequence[Row[int, int, int, int]]:
    """(id, from_contact_id, to_contact_id, strength) of every influence to or from one of the
    contacts, once each, by id. Each side is looked up in its own (workspace_id, contact)
    index and the two id lists are united: `from IN (...) OR to IN (...)` made SQLite read
    every influence of the workspace instead (20 ms at 200,000 edges)."""
    wanted = set(contact_ids)
    if not wanted:
        return []
    scoped = Influence.workspace_id == scope.workspace_id
    either = union(
        select(Influence.id).where(scoped, Influence.from_contact_id.in_(wanted)),
        select(Influence.id).where(scoped, Influence.to_contact_id.in_(wanted)),
    )
    query = select(
        Influence.id, Influence.from_contact_id, Influence.to_contact_id, Influence.strength
    ).where(scoped, Influence.id.in_(either))
    return db.execute(query.order_by(Influence.id)).all()


def dotted_lines_touching(
    db: Session, scope: WorkspaceScope, contact_ids: Iterable[int]
) -> Sequence[Row[int, int, int]]:
    """(id, contact_id, manager_id) of every dotted line from or to one of the contacts, once
    each, by id; each side looked up in its own index, as for influences."""
    wanted = set(contact_ids)
    if not wanted:
        return []
    scoped = DottedLine.workspace_id == scope.workspace_id
    either = union(
        select(DottedLine.id).where(scoped, DottedLine.contact_id.in_(wanted)),
        select(DottedLine.id).where(scoped, DottedLine.manager_id.in_(wanted)),
    )
    query = select(DottedLine.id, DottedLine.contact_id, DottedLine.manager_id).where(
        scoped, DottedLine.id.in_(either)
    )
    return db.execute(query.order_by(DottedLine.id)).all()


def current_statuses(
    db: Session, scope: WorkspaceScope, contact_ids: Iterable[int]
) -> dict[int, RelationshipStatus]:
    """Each contact's current relationship status (from its current profile), where profiled.
    Columns only: the graph and the analysis read it for hundreds of contacts."""
    wanted = set(contact_ids)
    if not wanted:
        return {}
    newest = _newest_profiles(scope, wanted)
    query = select(ProfileEntry.contact_id, ProfileEntry.relationship_status).where(
        ProfileEntry.workspace_id == scope.workspace_id, ProfileEntry.id.in_(newest)
    )
    return {row.contact_id: row.relationship_status for row in db.execute(query)}


def acquaintance_links(
    db: Session, scope: WorkspaceScope, contact_ids: Iterable[int]
) -> list[Row[int, int, int, int]]:
    """(id, user_id, contact_id, closeness) of our people's relationships with the contacts,
    by id: the columns the graph, the analysis and the path search need, without building an
    ORM object per row. Sorted here: an ORDER BY id made SQLite walk every relationship of
    the workspace in id order instead of using ix_acquaintances_contact."""
    wanted = set(contact_ids)
    if not wanted:
        return []
    query = select(
        Acquaintance.id, Acquaintance.user_id, Acquaintance.contact_id, Acquaintance.closeness
    ).where(Acquaintance.workspace_id == scope.workspace_id, Acquaintance.contact_id.in_(wanted))
    return sorted(db.execute(query), key=lambda row: row.id)


def acquaintances_of_contacts(
    db: Session, scope: WorkspaceScope, contact_ids: Iterable[int]
) -> Sequence[Acquaintance]:
    wanted = set(contact_ids)
    if not wanted:
        return []
    query = select(Acquaintance).where(
        Acquaintance.workspace_id == scope.workspace_id, Acquaintance.contact_id.in_(wanted)
    )
    return db.scalars(query).all()


def acquaintances_of_user(
    db: Session, scope: WorkspaceScope, user_id: int
) -> Sequence[Acquaintance]:
    query = select(Acquaintance).where(
        Acquaintance.workspace_id == scope.workspace_id, Acquaintance.user_id == user_id
    )
    return db.scalars(query.order_by(Acquaintance.closeness.desc(), Acquaintance.id)).all()
