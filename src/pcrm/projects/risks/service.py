"""Risks (风险): a project's, or an opportunity's before its project exists. Each has a
probability and an impact from 1 to 5, its score is their product; open risks make the
probability × impact heat maps, one per project and one across projects. The owner gets a
reminder on the review date while the risk is open. At the conversion of a won opportunity its
open risks move to the new project (they keep the opportunity as where they were first seen);
from then on they are changed on the project, which refuses every change once archived."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal, active_user_refs, user_refs
from pcrm.notifications.public import ReminderPlan, keep_reminder
from pcrm.opportunities.public import get_opportunity
from pcrm.projects.projects import service as projects
from pcrm.projects.risks import repository as repo
from pcrm.projects.risks.models import Risk
from pcrm.projects.risks.schemas import (
    PortfolioFilter,
    PortfolioRiskRead,
    RiskCell,
    RiskMap,
    RiskRead,
    RiskUpdate,
    RiskWrite,
)
from pcrm.projects.risks.vocab import RiskStatus, source_of

SOURCE = "project_risk"
REVIEW_HOUR = time(9, 0)
REVIEW_TITLE = N_("Risk review: %(risk)s")
LEVELS = range(5, 0, -1)
CONVERTED = N_("This opportunity has become a project: record and change its risks there.")
MOVED = N_("This risk moved to the project at the conversion: change it there.")


def _reads(db: Session, principal: Principal, rows: Sequence[Risk]) -> list[RiskRead]:
    owners = {r.owner_id for r in rows if r.owner_id}
    names = user_refs(db, principal.scope, owners) if owners else {}
    return [
        RiskRead(
            id=r.id,
            project_id=r.project_id,
            opportunity_id=r.opportunity_id,
            description=r.description,
            category=r.category,
            source=source_of(r.category),
            probability=r.probability,
            impact=r.impact,
            score=r.probability * r.impact,
            response=r.response,
            actions=r.actions,
            owner_id=r.owner_id,
            owner_name=names[r.owner_id].name if r.owner_id in names else None,
            trigger=r.trigger,
            review_on=r.review_on,
            status=r.status,
            version=r.version,
        )
        for r in rows
    ]


def _check(db: Session, principal: Principal, values: dict[str, Any]) -> None:
    owner = values.get("owner_id")
    if owner is not None and owner not in {u.id for u in active_user_refs(db, principal.scope)}:
        raise ValidationFailed(
            [FieldError("owner_id", N_("Choose an active user of this workspace."))]
        )
    missing = [
        FieldError(field, N_("This field is required."), "missing")
        for field in ("description", "category", "probability", "impact", "response", "status")
        if field in values and values[field] is None
    ]
    if missing:
        raise ValidationFailed(missing)


def _remind(db: Session, principal: Principal, risk: Risk) -> None:
    """The owner's reminder on the review date while the risk is open; none otherwise."""
    plan = None
    if risk.status is RiskStatus.OPEN and risk.owner_id and risk.review_on:
        due = datetime.combine(risk.review_on, REVIEW_HOUR, tzinfo=ZoneInfo(principal.timezone))
        title = translate(principal.locale or "zh_CN", REVIEW_TITLE, risk=risk.description[:80])
        link = (
            f"/projects/{risk.project_id}?tab=risks"
            if risk.project_id
            else f"/opportunities/{risk.opportunity_id}/risks"
        )
        plan = ReminderPlan(risk.owner_id, due, title, link)
    keep_reminder(db, principal.scope, SOURCE, risk.id, plan)


def _create(db: Session, principal: Principal, data: RiskWrite, **home: int) -> Risk:
    values = data.model_dump()
    _check(db, principal, values)
    risk = Risk(workspace_id=principal.scope.workspace_id, **home, **values)
    db.add(risk)
    db.flush()
    _remind(db, principal, risk)
    return risk


def _change(
    db: Session, principal: Principal, risk: Risk, data: RiskUpdate, expected: int | None
) -> None:
    check_version(risk.version, expected)
    changes = data.model_dump(exclude_unset=True)
    _check(db, principal, changes)
    for key, value in changes.items():
        setattr(risk, key, value)
    db.flush()
    _remind(db, principal, risk)


def _remove(db: Session, principal: Principal, risk: Risk, expected: int | None) -> None:
    check_version(risk.version, expected)
    keep_reminder(db, principal.scope, SOURCE, risk.id, None)
    db.delete(risk)
    db.flush()


# --- a project's risks ---------------------------------------------------------------------


def risks(
    db: Session,
    principal: Principal,
    project_id: int,
    probability: int | None = None,
    impact: int | None = None,
) -> list[RiskRead]:
    projects.get_project(db, principal, project_id)
    rows = repo.risks_of_project(db, principal.scope, project_id, probability, impact)
    return _reads(db, principal, rows)


def _risk_of(db: Session, principal: Principal, project_id: int, risk_id: int) -> Risk:
    found = repo.risk(db, principal.scope, risk_id)
    if found.project_id != project_id:
        raise NotFound()
    return found


def add_risk(db: Session, principal: Principal, project_id: int, data: RiskWrite) -> RiskRead:
    project = projects.writable(db, principal, project_id)
    return _reads(db, principal, [_create(db, principal, data, project_id=project.id)])[0]


def update_risk(
    db: Session,
    principal: Principal,
    project_id: int,
    risk_id: int,
    data: RiskUpdate,
    expected_version: int | None = None,
) -> RiskRead:
    projects.writable(db, principal, project_id)
    risk = _risk_of(db, principal, project_id, risk_id)
    _change(db, principal, risk, data, expected_version)
    return _reads(db, principal, [risk])[0]


def remove_risk(
    db: Session,
    principal: Principal,
    project_id: int,
    risk_id: int,
    expected_version: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    _remove(db, principal, _risk_of(db, principal, project_id, risk_id), expected_version)


def _grid(counts: dict[tuple[int, int], int]) -> RiskMap:
    cells = [
        RiskCell(probability=p, impact=i, score=p * i, count=counts.get((p, i), 0))
        for p in LEVELS
        for i in reversed(LEVELS)
    ]
    return RiskMap(cells=cells, open_count=sum(counts.values()))


def project_map(db: Session, principal: Principal, project_id: int) -> RiskMap:
    projects.get_project(db, principal, project_id)
    return _grid(repo.project_cells(db, principal.scope, project_id))


# --- across projects -----------------------------------------------------------------------


def portfolio_map(db: Session, principal: Principal, flt: PortfolioFilter) -> RiskMap:
    principal.require(Permission.READ)
    return _grid(repo.portfolio_cells(db, principal.scope, flt))


def portfolio_cell(
    db: Session, principal: Principal, flt: PortfolioFilter, probability: int, impact: int
) -> list[PortfolioRiskRead]:
    """One cell's open risks across the filtered projects, with their project."""
    principal.require(Permission.READ)
    rows = repo.portfolio_cell(db, principal.scope, flt, probability, impact)
    reads = _reads(db, principal, [r for r, _, _ in rows])
    return [
        PortfolioRiskRead(**read.model_dump(), project_code=code, project_name=name)
        for read, (_, code, name) in zip(reads, rows, strict=True)
    ]


# --- an opportunity's risks, before its project exists --------------------------------------


def opportunity_risks(db: Session, principal: Principal, opportunity_id: int) -> list[RiskRead]:
    get_opportunity(db, principal, opportunity_id)  # a 404 for another workspace's
    return _reads(db, principal, repo.risks_of_opportunity(db, principal.scope, opportunity_id))


def _opportunity_writable(db: Session, principal: Principal, opportunity_id: int) -> None:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    get_opportunity(db, principal, opportunity_id)
    if projects.project_of_opportunity(db, principal.scope, opportunity_id) is not None:
        raise Conflict(CONVERTED)


def _opportunity_risk(db: Session, principal: Principal, opportunity_id: int, risk_id: int) -> Risk:
    found = repo.risk(db, principal.scope, risk_id)
    if found.opportunity_id != opportunity_id:
        raise NotFound()
    if found.project_id is not None:
        raise Conflict(MOVED)
    return found


def add_opportunity_risk(
    db: Session, principal: Principal, opportunity_id: int, data: RiskWrite
) -> RiskRead:
    _opportunity_writable(db, principal, opportunity_id)
    return _reads(db, principal, [_create(db, principal, data, opportunity_id=opportunity_id)])[0]


def update_opportunity_risk(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    risk_id: int,
    data: RiskUpdate,
    expected_version: int | None = None,
) -> RiskRead:
    _opportunity_writable(db, principal, opportunity_id)
    risk = _opportunity_risk(db, principal, opportunity_id, risk_id)
    _change(db, principal, risk, data, expected_version)
    return _reads(db, principal, [risk])[0]


def remove_opportunity_risk(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    risk_id: int,
    expected_version: int | None = None,
) -> None:
    _opportunity_writable(db, principal, opportunity_id)
    risk = _opportunity_risk(db, principal, opportunity_id, risk_id)
    _remove(db, principal, risk, expected_version)


def carry_over(db: Session, principal: Principal, opportunity_id: int, project_id: int) -> int:
    """At the conversion: the opportunity's open risks move to the project (closed ones stay
    on the opportunity as its record). Returns how many moved."""
    moved = repo.open_risks_of_opportunity_only(db, principal.scope, opportunity_id)
    for risk in moved:
        risk.project_id = project_id
    db.flush()
    for risk in moved:
        _remind(db, principal, risk)  # the reminder now leads to the project
    return len(moved)
