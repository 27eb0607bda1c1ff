"""Every query of the project, always scoped to the workspace. The list takes its filters and
its sort (allow-listed in `SORTS`) as parameters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, Row, Select, String, bindparam, func, or_, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.pagination import (
    ListStatements,
    PageRequest,
    in_vocabulary_order,
    parse_sort,
    read_prepared_page,
)
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.projects.models import PhaseChange, Project, ProjectDocument
from pcrm.projects.projects.schemas import ProjectFilters
from pcrm.projects.vocab import Phase, ProjectStatus

LIST_COUNT_CAP = 10_000
SORTS = {
    "code": Project.code,
    "name": Project.name,
    "start_on": Project.start_on,
    "end_on": Project.end_on,
    "budget_amount": Project.budget_amount,
    "status": in_vocabulary_order(Project.status, ProjectStatus),
    "phase": in_vocabulary_order(Project.phase, Phase),
    "updated_at": Project.updated_at,
}
DEFAULT_SORT = "-updated_at"


def project(db: Session, scope: WorkspaceScope, project_id: int) -> Project:
    found = db.scalar(
        select(Project).where(Project.workspace_id == scope.workspace_id, Project.id == project_id)
    )
    if found is None:
        raise NotFound()
    return found


def projects_by_ids(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> dict[int, Project]:
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(Project).where(
        Project.workspace_id == scope.workspace_id, Project.id.in_(wanted)
    )
    return {p.id: p for p in db.scalars(query)}


def project_rows_by_ids(
    db: Session, scope: WorkspaceScope, ids: Iterable[int]
) -> dict[int, Row[Any]]:
    """Projects by id as rows of their columns (the list's page): the same values as the ORM
    objects without building and tracking 50 of them per request."""
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(*Project.__table__.c).where(
        Project.workspace_id == scope.workspace_id, Project.id.in_(wanted)
    )
    return {p.id: p for p in db.execute(query)}


def project_of_opportunity(
    db: Session, scope: WorkspaceScope, opportunity_id: int
) -> Project | None:
    return db.scalar(
        select(Project).where(
            Project.workspace_id == scope.workspace_id, Project.opportunity_id == opportunity_id
        )
    )


def code_taken(db: Session, scope: WorkspaceScope, code: str, other_than: int | None) -> bool:
    query = select(Project.id).where(Project.workspace_id == scope.workspace_id)
    query = query.where(func.lower(Project.code) == code.lower())
    if other_than is not None:
        query = query.where(Project.id != other_than)
    return db.scalar(query.limit(1)) is not None


def codes_starting(db: Session, scope: WorkspaceScope, prefix: str) -> list[str]:
    query = select(Project.code).where(
        Project.workspace_id == scope.workspace_id, Project.code.startswith(prefix)
    )
    return list(db.scalars(query))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matching(scope: WorkspaceScope, filters: ProjectFilters) -> Select[Any]:
    query = select(Project).where(Project.workspace_id == scope.workspace_id)
    if filters.statuses:
        query = query.where(Project.status.in_(filters.statuses))
    if filters.phases:
        query = query.where(Project.phase.in_(filters.phases))
    if filters.manager_id is not None:
        query = query.where(Project.manager_id == filters.manager_id)
    if filters.account_id is not None:
        query = query.where(Project.account_id == filters.account_id)
    if filters.q:
        pattern = _like(filters.q)
        query = query.where(
            or_(Project.name.like(pattern, escape="\\"), Project.code.like(pattern, escape="\\"))
        )
    return query


def check_sort(sort: str | None) -> None:
    parse_sort(sort, SORTS, DEFAULT_SORT)


def projects_page(
    db: Session,
    scope: WorkspaceScope,
    filters: ProjectFilters,
    page: PageRequest,
    sort: str | None,
) -> tuple[list[Row[Any]], int, bool]:
    """A page of the projects matching `filters` in the order `sort` names (as rows of their
    columns), its capped count and whether the count reached its cap. The statements of each
    shape (which filters, which sort) are built once and run with the request's values."""
    values: dict[str, Any] = {"ws": scope.workspace_id}
    if filters.statuses:
        values["statuses"] = list(filters.statuses)
    if filters.phases:
        values["phases"] = list(filters.phases)
    if filters.manager_id is not None:
        values["manager_id"] = filters.manager_id
    if filters.account_id is not None:
        values["account_id"] = filters.account_id
    if filters.q:
        values["pattern"] = _like(filters.q)
    return read_prepared_page(
        db,
        _prepared_list(tuple(values), sort or DEFAULT_SORT),
        values,
        page,
        lambda ids: project_rows_by_ids(db, scope, ids),
        LIST_COUNT_CAP,
        remember=("projects", scope.workspace_id, filters),
    )


@lru_cache(maxsize=256)
def _prepared_list(names: tuple[str, ...], sort: str) -> ListStatements:
    """The list's page-of-ids and count statements for one shape: `_matching`'s conditions with
    bound parameters for the workspace (`ws`) and each filter in `names`; an unknown sort
    raises before anything is kept."""
    ws = bindparam("ws", type_=Integer)
    query = select(Project).where(Project.workspace_id == ws)
    if "statuses" in names:
        query = query.where(Project.status.in_(bindparam("statuses", expanding=True)))
    if "phases" in names:
        query = query.where(Project.phase.in_(bindparam("phases", expanding=True)))
    if "manager_id" in names:
        query = query.where(Project.manager_id == bindparam("manager_id"))
    if "account_id" in names:
        query = query.where(Project.account_id == bindparam("account_id"))
    if "pattern" in names:
        pattern = bindparam("pattern", type_=String)
        query = query.where(
            or_(Project.name.like(pattern, escape="\\"), Project.code.like(pattern, escape="\\"))
        )
    order = parse_sort(sort, SORTS, DEFAULT_SORT)
    return ListStatements.of(query, query.order_by(*order, Project.id.desc()), Project.id)


def phase_counts(db: Session, scope: WorkspaceScope, filters: ProjectFilters) -> dict[Phase, int]:
    query = _matching(scope, filters).with_only_columns(Project.phase, func.count())
    return {phase: int(n) for phase, n in db.execute(query.group_by(Project.phase))}


def first_of_phase(
    db: Session, scope: WorkspaceScope, filters: ProjectFilters, phase: Phase, limit: int
) -> list[Project]:
    query = _matching(scope, replace(filters, phases=(phase,)))
    return list(db.scalars(query.order_by(Project.updated_at.desc(), Project.id).limit(limit)))


def documents(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[ProjectDocument]:
    query = select(ProjectDocument).where(
        ProjectDocument.workspace_id == scope.workspace_id,
        ProjectDocument.project_id == project_id,
    )
    return db.scalars(query.order_by(ProjectDocument.id)).all()


def phase_changes(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[PhaseChange]:
    query = select(PhaseChange).where(
        PhaseChange.workspace_id == scope.workspace_id, PhaseChange.project_id == project_id
    )
    return db.scalars(query.order_by(PhaseChange.id)).all()
