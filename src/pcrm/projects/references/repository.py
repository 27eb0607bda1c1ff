"""The few columns a history needs to name projects, stakeholders, requirements and baselines:
one query per kind for a whole page of entries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.plan.models import PlanTask
from pcrm.projects.projects.models import Project
from pcrm.projects.requirements.models import Requirement
from pcrm.projects.stakeholders.models import Stakeholder
from pcrm.projects.training.models import TrainingSession


def projects(db: Session, scope: WorkspaceScope, ids: frozenset[int]) -> list[Row[Any]]:
    query = select(Project.id, Project.code, Project.name).where(
        Project.workspace_id == scope.workspace_id, Project.id.in_(ids)
    )
    return list(db.execute(query))


def stakeholders(db: Session, scope: WorkspaceScope, ids: frozenset[int]) -> list[Row[Any]]:
    query = select(Stakeholder.id, Stakeholder.project_id, Stakeholder.contact_id).where(
        Stakeholder.workspace_id == scope.workspace_id, Stakeholder.id.in_(ids)
    )
    return list(db.execute(query))


def requirements(db: Session, scope: WorkspaceScope, ids: frozenset[int]) -> list[Row[Any]]:
    query = select(
        Requirement.id, Requirement.project_id, Requirement.number, Requirement.title
    ).where(Requirement.workspace_id == scope.workspace_id, Requirement.id.in_(ids))
    return list(db.execute(query))


def baselines(db: Session, scope: WorkspaceScope, ids: frozenset[int]) -> list[Row[Any]]:
    query = select(Baseline.id, Baseline.project_id, Baseline.kind, Baseline.number).where(
        Baseline.workspace_id == scope.workspace_id, Baseline.id.in_(ids)
    )
    return list(db.execute(query))


def plan_tasks(db: Session, scope: WorkspaceScope, ids: frozenset[int]) -> list[Row[Any]]:
    query = select(PlanTask.id, PlanTask.project_id, PlanTask.name).where(
        PlanTask.workspace_id == scope.workspace_id, PlanTask.id.in_(ids)
    )
    return list(db.execute(query))


def training_sessions(db: Session, scope: WorkspaceScope, ids: frozenset[int]) -> list[Row[Any]]:
    query = select(
        TrainingSession.id,
        TrainingSession.project_id,
        TrainingSession.topic,
        TrainingSession.held_on,
    ).where(TrainingSession.workspace_id == scope.workspace_id, TrainingSession.id.in_(ids))
    return list(db.execute(query))
