"""Every query of risks, always scoped to the workspace. The heat maps count open risks per
(probability, impact) in one grouped query; the cross-project one joins the projects for their
filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.projects.models import Project
from pcrm.projects.risks.models import Risk
from pcrm.projects.risks.schemas import PortfolioFilter
from pcrm.projects.risks.vocab import RiskStatus

CELL_LIMIT = 200  # risks listed for one cell of the cross-project map


def _ordered(query: Select[Any]) -> Select[Any]:
    return query.order_by(
        Risk.status, (Risk.probability * Risk.impact).desc(), Risk.impact.desc(), Risk.id
    )


def risks_of_project(
    db: Session,
    scope: WorkspaceScope,
    project_id: int,
    probability: int | None = None,
    impact: int | None = None,
) -> Sequence[Risk]:
    """The project's risks, open ones first, the highest score first; only one cell's open
    risks when `probability` and `impact` are given."""
    query = select(Risk).where(
        Risk.workspace_id == scope.workspace_id, Risk.project_id == project_id
    )
    if probability is not None and impact is not None:
        query = query.where(
            Risk.status == RiskStatus.OPEN, Risk.probability == probability, Risk.impact == impact
        )
    return db.scalars(_ordered(query)).all()


def risks_of_opportunity(db: Session, scope: WorkspaceScope, opportunity_id: int) -> Sequence[Risk]:
    """Every risk first seen on the opportunity, those carried to its project too."""
    query = select(Risk).where(
        Risk.workspace_id == scope.workspace_id, Risk.opportunity_id == opportunity_id
    )
    return db.scalars(_ordered(query)).all()


def open_risks_of_opportunity_only(
    db: Session, scope: WorkspaceScope, opportunity_id: int
) -> Sequence[Risk]:
    """The opportunity's open risks that belong to no project yet (what a conversion takes)."""
    query = select(Risk).where(
        Risk.workspace_id == scope.workspace_id,
        Risk.opportunity_id == opportunity_id,
        Risk.project_id.is_(None),
        Risk.status == RiskStatus.OPEN,
    )
    return db.scalars(query.order_by(Risk.id)).all()


def risk(db: Session, scope: WorkspaceScope, risk_id: int) -> Risk:
    found = db.scalar(
        select(Risk).where(Risk.workspace_id == scope.workspace_id, Risk.id == risk_id)
    )
    if found is None:
        raise NotFound()
    return found


def project_cells(
    db: Session, scope: WorkspaceScope, project_id: int
) -> dict[tuple[int, int], int]:
    """Open risks of the project per (probability, impact)."""
    query = (
        select(Risk.probability, Risk.impact, func.count())
        .where(
            Risk.workspace_id == scope.workspace_id,
            Risk.project_id == project_id,
            Risk.status == RiskStatus.OPEN,
        )
        .group_by(Risk.probability, Risk.impact)
    )
    return {(p, i): n for p, i, n in db.execute(query).all()}


def _portfolio(scope: WorkspaceScope, flt: PortfolioFilter) -> list[ColumnElement[bool]]:
    """The conditions of the cross-project map (the query joins the projects)."""
    conditions = [
        Risk.workspace_id == scope.workspace_id,
        Project.workspace_id == scope.workspace_id,
        Risk.status == RiskStatus.OPEN,
    ]
    if flt.statuses:
        conditions.append(Project.status.in_(flt.statuses))
    if flt.manager_id is not None:
        conditions.append(Project.manager_id == flt.manager_id)
    return conditions


def portfolio_cells(
    db: Session, scope: WorkspaceScope, flt: PortfolioFilter
) -> dict[tuple[int, int], int]:
    """Open risks of the filtered projects per (probability, impact): one grouped query."""
    query = (
        select(Risk.probability, Risk.impact, func.count())
        .join(Project, Project.id == Risk.project_id)
        .where(*_portfolio(scope, flt))
        .group_by(Risk.probability, Risk.impact)
    )
    rows = db.execute(query).all()
    return {(int(p), int(i)): int(n) for p, i, n in rows}


def portfolio_cell(
    db: Session, scope: WorkspaceScope, flt: PortfolioFilter, probability: int, impact: int
) -> Sequence[tuple[Risk, str, str]]:
    """One cell's open risks with their project's code and name (at most CELL_LIMIT)."""
    query = (
        select(Risk, Project.code, Project.name)
        .join(Project, Project.id == Risk.project_id)
        .where(*_portfolio(scope, flt), Risk.probability == probability, Risk.impact == impact)
    )
    rows = db.execute(query.order_by(Project.code, Risk.id).limit(CELL_LIMIT)).all()
    return [(r, code, name) for r, code, name in rows]
