"""Every query of baselines and sign-offs, scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.baselines.models import Baseline, SignOff
from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus


def baseline(db: Session, scope: WorkspaceScope, baseline_id: int) -> Baseline:
    found = db.scalar(
        select(Baseline).where(
            Baseline.workspace_id == scope.workspace_id, Baseline.id == baseline_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def baselines(
    db: Session,
    scope: WorkspaceScope,
    project_id: int,
    kind: BaselineKind | None = None,
    *,
    with_content: bool = True,
) -> Sequence[Baseline]:
    """The project's baselines, newest first by kind; `with_content=False` leaves out their
    snapshots (a 2,000-task plan's is some 130 KB of JSON) for lists of versions."""
    query = select(Baseline).where(
        Baseline.workspace_id == scope.workspace_id, Baseline.project_id == project_id
    )
    if kind is not None:
        query = query.where(Baseline.kind == kind)
    if not with_content:
        query = query.options(defer(Baseline.content))
    return db.scalars(query.order_by(Baseline.kind, Baseline.number.desc())).all()


def latest_baseline(
    db: Session, scope: WorkspaceScope, project_id: int, kind: BaselineKind
) -> Baseline | None:
    query = select(Baseline).where(
        Baseline.workspace_id == scope.workspace_id,
        Baseline.project_id == project_id,
        Baseline.kind == kind,
    )
    return db.scalar(query.order_by(Baseline.number.desc()).limit(1))


def sign_offs(db: Session, scope: WorkspaceScope, baseline_ids: Sequence[int]) -> Sequence[SignOff]:
    if not baseline_ids:
        return []
    query = select(SignOff).where(
        SignOff.workspace_id == scope.workspace_id, SignOff.baseline_id.in_(baseline_ids)
    )
    return db.scalars(query.order_by(SignOff.id)).all()


def latest_approved(
    db: Session, scope: WorkspaceScope, project_id: int, kind: BaselineKind
) -> Baseline | None:
    """The newest version of `kind` the customer approved (the one to measure against)."""
    query = select(Baseline).where(
        Baseline.workspace_id == scope.workspace_id,
        Baseline.project_id == project_id,
        Baseline.kind == kind,
        Baseline.status == BaselineStatus.APPROVED,
    )
    return db.scalar(query.order_by(Baseline.number.desc()).limit(1))
