"""A project's SMART goals (项目目标): what is to be reached, measured how, by when, who answers
for it, what it serves (a requirement, a stakeholder), and whether it was confirmed achievable.
Changing what is measured (kind, metric, target, unit, deadline) withdraws that confirmation:
it was given for the old figures. A satisfaction goal's current value is left to the loyalty
area, so it cannot be typed in here."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.db import record_time
from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_
from pcrm.identity.public import Principal, active_user_refs, user_refs
from pcrm.projects.goals import repository as repo
from pcrm.projects.goals.models import Goal
from pcrm.projects.goals.schemas import AchievableConfirmation, GoalRead, GoalUpdate, GoalWrite
from pcrm.projects.goals.smart import GoalShape, missing_letters
from pcrm.projects.goals.vocab import GoalKind
from pcrm.projects.projects import service as projects
from pcrm.projects.requirements import repository as requirements
from pcrm.projects.stakeholders import service as stakeholders

MEASURED = ("kind", "metric", "target_value", "unit", "deadline")
LOYALTY_FILLS = N_("The loyalty area fills a satisfaction goal's current value from surveys.")


def plain(value: Decimal | None) -> Decimal | None:
    """A measure without the column's trailing zeros: 3.5, not 3.5000 (the same before and
    after a round trip through either database)."""
    return None if value is None else Decimal(format(value.normalize(), "f"))


def shape(goal: Goal) -> GoalShape:
    return GoalShape(
        statement=goal.statement,
        owner_id=goal.owner_id,
        metric=goal.metric,
        target_value=goal.target_value,
        achievable_confirmed_at=goal.achievable_confirmed_at,
        requirement_id=goal.requirement_id,
        stakeholder_id=goal.stakeholder_id,
        deadline=goal.deadline,
    )


def _reads(
    db: Session, principal: Principal, project_id: int, rows: Sequence[Goal]
) -> list[GoalRead]:
    scope = principal.scope
    people = {s.id: s.contact_name for s in stakeholders.register(db, principal, project_id)}
    wanted = {r.requirement_id for r in rows if r.requirement_id is not None}
    labels = {
        r.id: f"R-{r.number:03d} {r.title}"
        for r in (requirements.requirements(db, scope, project_id) if wanted else [])
    }
    user_ids = {u for g in rows for u in (g.owner_id, g.achievable_confirmed_by_id) if u}
    users = user_refs(db, scope, user_ids) if user_ids else {}

    def user(uid: int | None) -> str | None:
        return users[uid].name if uid in users else None

    return [
        GoalRead(
            id=g.id,
            project_id=g.project_id,
            kind=g.kind,
            statement=g.statement,
            metric=g.metric,
            target_value=plain(g.target_value),
            unit=g.unit,
            current_value=plain(g.current_value),
            deadline=g.deadline,
            owner_id=g.owner_id,
            owner_name=user(g.owner_id),
            requirement_id=g.requirement_id,
            requirement_label=labels.get(g.requirement_id) if g.requirement_id else None,
            stakeholder_id=g.stakeholder_id,
            stakeholder_name=people.get(g.stakeholder_id) if g.stakeholder_id else None,
            achievable_confirmed_by_id=g.achievable_confirmed_by_id,
            achievable_confirmed_by_name=user(g.achievable_confirmed_by_id),
            achievable_confirmed_at=g.achievable_confirmed_at,
            missing=missing_letters(shape(g)),
            version=g.version,
        )
        for g in rows
    ]


def goals(db: Session, principal: Principal, project_id: int) -> list[GoalRead]:
    projects.get_project(db, principal, project_id)
    return _reads(db, principal, project_id, repo.goals(db, principal.scope, project_id))


def _check(db: Session, principal: Principal, project_id: int, values: dict[str, Any]) -> None:
    """Every refused field at once (422), nothing written."""
    scope = principal.scope
    errors = []
    owner = values.get("owner_id")
    if owner is not None and owner not in {u.id for u in active_user_refs(db, scope)}:
        errors.append(FieldError("owner_id", N_("Choose an active user of this workspace.")))
    requirement = values.get("requirement_id")
    if requirement is not None and requirement not in {
        r.id for r in requirements.requirements(db, scope, project_id)
    }:
        errors.append(FieldError("requirement_id", N_("Choose a requirement of this project.")))
    stakeholder = values.get("stakeholder_id")
    if stakeholder is not None:
        try:
            stakeholders.stakeholder_of(db, scope, project_id, stakeholder)
        except NotFound:
            errors.append(FieldError("stakeholder_id", N_("Choose a stakeholder of this project.")))
    if values.get("kind") is GoalKind.SATISFACTION and values.get("current_value") is not None:
        errors.append(FieldError("current_value", LOYALTY_FILLS))
    if errors:
        raise ValidationFailed(errors)


def add_goal(db: Session, principal: Principal, project_id: int, data: GoalWrite) -> GoalRead:
    project = projects.writable(db, principal, project_id)
    values = data.model_dump()
    _check(db, principal, project.id, values)
    goal = Goal(workspace_id=principal.scope.workspace_id, project_id=project.id, **values)
    db.add(goal)
    db.flush()
    return _reads(db, principal, project_id, [goal])[0]


def _goal_of(db: Session, principal: Principal, project_id: int, goal_id: int) -> Goal:
    found = repo.goal(db, principal.scope, goal_id)
    if found.project_id != project_id:
        raise NotFound()
    return found


def update_goal(
    db: Session,
    principal: Principal,
    project_id: int,
    goal_id: int,
    data: GoalUpdate,
    expected_version: int | None = None,
) -> GoalRead:
    projects.writable(db, principal, project_id)
    goal = _goal_of(db, principal, project_id, goal_id)
    check_version(goal.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    errors = [
        FieldError(field, N_("This field is required."), "missing")
        for field in ("kind", "statement")
        if field in changes and changes[field] is None
    ]
    if errors:
        raise ValidationFailed(errors)
    kept = {key: changes.get(key, getattr(goal, key)) for key in ("kind", "current_value")}
    _check(db, principal, project_id, changes | kept)
    if any(key in changes and changes[key] != getattr(goal, key) for key in MEASURED):
        goal.achievable_confirmed_by_id = None
        goal.achievable_confirmed_at = None
    for key, value in changes.items():
        setattr(goal, key, value)
    db.flush()
    return _reads(db, principal, project_id, [goal])[0]


def confirm_achievable(
    db: Session,
    principal: Principal,
    project_id: int,
    goal_id: int,
    data: AchievableConfirmation,
    expected_version: int | None = None,
) -> GoalRead:
    """Record (or withdraw) that the goal was confirmed achievable, by this user, now. Only a
    measurable goal with a deadline can be confirmed: there is nothing to judge otherwise."""
    projects.writable(db, principal, project_id)
    goal = _goal_of(db, principal, project_id, goal_id)
    check_version(goal.version, expected_version)
    if data.confirmed:
        if not goal.metric or goal.target_value is None or goal.deadline is None:
            raise Conflict(
                N_("Give the goal a metric, a target and a deadline before confirming it.")
            )
        goal.achievable_confirmed_by_id = principal.user_id
        goal.achievable_confirmed_at = record_time()
    else:
        goal.achievable_confirmed_by_id = None
        goal.achievable_confirmed_at = None
    db.flush()
    return _reads(db, principal, project_id, [goal])[0]


def remove_goal(
    db: Session,
    principal: Principal,
    project_id: int,
    goal_id: int,
    expected_version: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    goal = _goal_of(db, principal, project_id, goal_id)
    check_version(goal.version, expected_version)
    db.delete(goal)
    db.flush()
