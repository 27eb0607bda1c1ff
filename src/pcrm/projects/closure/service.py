"""A project's closure (收尾): the customer's two evaluation forms (客户满意度分析表 and
客户评估项目组织表, one each per project, recorded on the customer's word), lessons learned,
improvement actions (改进事项), the closure gate with its closing, and the follow-up plan (回访).

What stays writable once the project is archived: improvement actions (their carrying out,
落实改进, often outlasts the project) and follow-ups (the visits come 1 to 12 months after
closure, when the project is long archived). The evaluation forms and the lessons are the
project's record and are read-only then (409), like the rest of an archived project."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.accounts.public import account_people
from pcrm.core.db import utcnow
from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from pcrm.core.etag import MISSING, check_version
from pcrm.core.history import Reference
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Principal, user_refs
from pcrm.projects.changes import repository as changes
from pcrm.projects.changes.vocab import ChangeState
from pcrm.projects.closure import repository as repo
from pcrm.projects.closure.follow_ups import service as follow_ups
from pcrm.projects.closure.models import (
    Lesson,
    OrganisationEvaluation,
    SatisfactionAnalysis,
)
from pcrm.projects.closure.schemas import (
    AccountLessonRead,
    CloseProject,
    ClosureCheck,
    ClosureRead,
    LessonRead,
    LessonUpdate,
    LessonWrite,
    OrganisationEvaluationRead,
    OrganisationEvaluationWrite,
    SatisfactionAnalysisRead,
    SatisfactionAnalysisWrite,
)
from pcrm.projects.deliverables import service as deliverables
from pcrm.projects.meetings import service as meetings
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.vocab import STATUS_MOVES, ProjectStatus

DEFAULT_FOLLOW_UP_MONTHS = (1, 3, 12)
NOT_A_STAKEHOLDER = N_("Choose a contact of the customer on the project's stakeholder register.")


# --- the closure gate: the acts a project needs before it may be closed, each a named check;
# adding a check is one entry in CHECKS. Closing with a failing one is a 422 listing exactly the
# failing ones, nothing written.


@dataclass(frozen=True, slots=True)
class Check:
    code: str  # the field of the 422 and of the API's checks
    done: str  # shown when it passes
    missing: str  # shown when it fails: what to do
    passes: Callable[[Session, Principal, int], bool]


def _no_pending_change(db: Session, principal: Principal, project_id: int) -> bool:
    counts = changes.state_counts(db, principal.scope, project_id)
    return counts.get(ChangeState.AWAITING_DECISION, 0) == 0


def _deliverables_settled(db: Session, principal: Principal, project_id: int) -> bool:
    return not deliverables.unsettled_deliverables(db, principal, project_id)


def _satisfaction_filled(db: Session, principal: Principal, project_id: int) -> bool:
    return repo.analysis(db, principal.scope, project_id) is not None


def _evaluation_filled(db: Session, principal: Principal, project_id: int) -> bool:
    return repo.evaluation(db, principal.scope, project_id) is not None


def _lessons_written(db: Session, principal: Principal, project_id: int) -> bool:
    return repo.lesson_count(db, principal.scope, project_id) > 0


CHECKS: tuple[Check, ...] = (
    Check(
        "deliverables",
        N_("Every deliverable is accepted or waived by the customer."),
        N_("A deliverable is not accepted or waived yet."),
        _deliverables_settled,
    ),
    Check(
        "change_decisions",
        N_("No change request awaits the customer's decision."),
        N_("A change request still awaits the customer's decision."),
        _no_pending_change,
    ),
    Check(
        "lessons_learned_meeting",
        N_("A lessons-learned meeting with the customer invited is recorded."),
        N_("Record a lessons-learned meeting with the customer invited."),
        meetings.lessons_learned_with_customer,
    ),
    Check(
        "satisfaction_analysis",
        N_("The customer satisfaction analysis is filled."),
        N_("Fill the customer satisfaction analysis."),
        _satisfaction_filled,
    ),
    Check(
        "organisation_evaluation",
        N_("The customer's evaluation of our project organisation is filled."),
        N_("Fill the customer's evaluation of our project organisation."),
        _evaluation_filled,
    ),
    Check(
        "lessons",
        N_("Lessons learned are written."),
        N_("Write the lessons learned."),
        _lessons_written,
    ),
)


def evaluate(db: Session, principal: Principal, project_id: int) -> list[tuple[Check, bool]]:
    return [(check, check.passes(db, principal, project_id)) for check in CHECKS]


def require_passed(db: Session, principal: Principal, project_id: int) -> None:
    """A 422 naming every failing check (field = its code), or nothing."""
    failing = [check for check, passed in evaluate(db, principal, project_id) if not passed]
    if failing:
        raise ValidationFailed([FieldError(c.code, c.missing, "closure_act") for c in failing])


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


def _average(values: dict[str, int]) -> float:
    return round(sum(values.values()) / len(values), 1) if values else 0.0


def _stakeholder_contact(
    db: Session, principal: Principal, project_id: int, contact_id: int, field: str
) -> None:
    register = stakeholders.register(db, principal, project_id)
    if contact_id not in {s.contact_id for s in register}:
        raise ValidationFailed([FieldError(field, NOT_A_STAKEHOLDER)])


def _contact_names(db: Session, principal: Principal, project: Project) -> dict[int, str]:
    return {c.id: c.name for c in account_people(db, principal, project.account_id)}


# --- the gate and closing --------------------------------------------------------------------


def closure(db: Session, principal: Principal, project_id: int, locale: str) -> ClosureRead:
    project = projects.get_project(db, principal, project_id)
    results = evaluate(db, principal, project_id)
    checks = [
        ClosureCheck(code=c.code, passed=ok, message=translate(locale, c.done if ok else c.missing))
        for c, ok in results
    ]
    return ClosureRead(
        project_id=project.id,
        status=project.status.value,
        can_close=project.status is ProjectStatus.ACTIVE and all(ok for _, ok in results),
        checks=checks,
        follow_up_months=list(DEFAULT_FOLLOW_UP_MONTHS),
        version=project.version,
    )


def close(
    db: Session, principal: Principal, project: Project, months: Sequence[int] | None = None
) -> None:
    """Close an active project whose gate passes (a 422 naming the failing checks otherwise)
    and plan its follow-ups. The caller checked the right, the version and the move."""
    require_passed(db, principal, project.id)
    project.status = ProjectStatus.CLOSED
    project.status_changed_at = utcnow()
    db.flush()
    closed_on = principal.today()
    for n in sorted(set(months if months is not None else DEFAULT_FOLLOW_UP_MONTHS)):
        follow_ups.plan(db, principal, project, months_after(closed_on, n), None)


def close_project(
    db: Session,
    principal: Principal,
    project_id: int,
    data: CloseProject,
    expected_version: int | None = MISSING,
    locale: str = "en",
) -> ClosureRead:
    project = projects.writable(db, principal, project_id)
    check_version(project.version, expected_version)
    if ProjectStatus.CLOSED not in STATUS_MOVES[project.status]:
        raise Conflict(projects.REFUSALS[ProjectStatus.CLOSED])
    close(db, principal, project, data.follow_up_months)
    return closure(db, principal, project_id, locale)


# --- the customer satisfaction analysis and the evaluation of our organisation ---------------


def _analysis_read(
    db: Session, principal: Principal, project: Project, row: SatisfactionAnalysis
) -> SatisfactionAnalysisRead:
    names = _contact_names(db, principal, project)
    return SatisfactionAnalysisRead(
        id=row.id,
        project_id=row.project_id,
        respondent_id=row.respondent_id,
        respondent_name=names.get(row.respondent_id) if row.respondent_id else None,
        surveyed_on=row.surveyed_on,
        scores=dict(row.scores),
        average=_average(row.scores),
        satisfied_points=list(row.satisfied_points),
        dissatisfied_points=list(row.dissatisfied_points),
        improvement_items=list(row.improvement_items),
        version=row.version,
    )


def satisfaction_analysis(
    db: Session, principal: Principal, project_id: int
) -> SatisfactionAnalysisRead | None:
    project = projects.get_project(db, principal, project_id)
    row = repo.analysis(db, principal.scope, project_id)
    return _analysis_read(db, principal, project, row) if row else None


def save_satisfaction_analysis(
    db: Session,
    principal: Principal,
    project_id: int,
    data: SatisfactionAnalysisWrite,
    expected_version: int | None = MISSING,
) -> SatisfactionAnalysisRead:
    """Record (or replace, If-Match) the analysis on the customer's word."""
    project = projects.writable(db, principal, project_id)
    row = repo.analysis(db, principal.scope, project_id)
    if row is not None:
        check_version(row.version, expected_version)
    _stakeholder_contact(db, principal, project_id, data.respondent_id, "respondent_id")
    values: dict[str, Any] = {
        "respondent_id": data.respondent_id,
        "surveyed_on": data.surveyed_on or principal.today(),
        "scores": data.scores.model_dump(),
        "satisfied_points": list(data.satisfied_points),
        "dissatisfied_points": list(data.dissatisfied_points),
        "improvement_items": list(data.improvement_items),
    }
    if row is None:
        row = SatisfactionAnalysis(
            workspace_id=principal.scope.workspace_id, project_id=project.id, **values
        )
        db.add(row)
    else:
        for key, value in values.items():
            setattr(row, key, value)
    db.flush()
    return _analysis_read(db, principal, project, row)


def _evaluation_read(
    db: Session, principal: Principal, project: Project, row: OrganisationEvaluation
) -> OrganisationEvaluationRead:
    names = _contact_names(db, principal, project)
    return OrganisationEvaluationRead(
        id=row.id,
        project_id=row.project_id,
        evaluator_id=row.evaluator_id,
        evaluator_name=names.get(row.evaluator_id) if row.evaluator_id else None,
        evaluated_on=row.evaluated_on,
        ratings=dict(row.ratings),
        average=_average(row.ratings),
        suggestions=row.suggestions,
        criticism=row.criticism,
        version=row.version,
    )


def organisation_evaluation(
    db: Session, principal: Principal, project_id: int
) -> OrganisationEvaluationRead | None:
    project = projects.get_project(db, principal, project_id)
    row = repo.evaluation(db, principal.scope, project_id)
    return _evaluation_read(db, principal, project, row) if row else None


def save_organisation_evaluation(
    db: Session,
    principal: Principal,
    project_id: int,
    data: OrganisationEvaluationWrite,
    expected_version: int | None = MISSING,
) -> OrganisationEvaluationRead:
    project = projects.writable(db, principal, project_id)
    row = repo.evaluation(db, principal.scope, project_id)
    if row is not None:
        check_version(row.version, expected_version)
    _stakeholder_contact(db, principal, project_id, data.evaluator_id, "evaluator_id")
    values: dict[str, Any] = {
        "evaluator_id": data.evaluator_id,
        "evaluated_on": data.evaluated_on or principal.today(),
        "ratings": data.ratings.model_dump(),
        "suggestions": data.suggestions or None,
        "criticism": data.criticism or None,
    }
    if row is None:
        row = OrganisationEvaluation(
            workspace_id=principal.scope.workspace_id, project_id=project.id, **values
        )
        db.add(row)
    else:
        for key, value in values.items():
            setattr(row, key, value)
    db.flush()
    return _evaluation_read(db, principal, project, row)


# --- lessons learned -------------------------------------------------------------------------


def _lesson_reads(db: Session, principal: Principal, rows: Sequence[Lesson]) -> list[LessonRead]:
    users = user_refs(db, principal.scope, {r.author_id for r in rows if r.author_id})
    return [
        LessonRead(
            id=r.id,
            project_id=r.project_id,
            category=r.category,
            text=r.text,
            author_id=r.author_id,
            author_name=users[r.author_id].name if r.author_id in users else None,
            written_on=r.created_at.astimezone(ZoneInfo(principal.timezone)).date(),
            version=r.version,
        )
        for r in rows
    ]


def lessons(db: Session, principal: Principal, project_id: int) -> list[LessonRead]:
    projects.get_project(db, principal, project_id)
    return _lesson_reads(db, principal, repo.lessons(db, principal.scope, project_id))


def account_lessons(
    db: Session, principal: Principal, account_id: int, *, except_project: int | None = None
) -> list[AccountLessonRead]:
    """The lessons of the account's projects (for its page and its later opportunities)."""
    account_people(db, principal, account_id)  # a 404 for another workspace's account
    rows = [
        r
        for r in repo.account_lessons(db, principal.scope, account_id)
        if r[0].project_id != except_project
    ]
    reads = _lesson_reads(db, principal, [r[0] for r in rows])
    return [
        AccountLessonRead(**read.model_dump(), project_code=code, project_name=name)
        for read, (_, code, name) in zip(reads, rows, strict=True)
    ]


def opportunity_lessons(
    db: Session, principal: Principal, account_id: int, opportunity_id: int
) -> list[AccountLessonRead]:
    """The lessons of the account's projects for one of its opportunities: all but those of the
    project converted from this very opportunity."""
    own = projects.project_of_opportunity(db, principal.scope, opportunity_id)
    return account_lessons(db, principal, account_id, except_project=own.id if own else None)


def _lesson_of(db: Session, principal: Principal, project_id: int, lesson_id: int) -> Lesson:
    found = repo.lesson(db, principal.scope, lesson_id)
    if found.project_id != project_id:
        raise NotFound()
    return found


def add_lesson(db: Session, principal: Principal, project_id: int, data: LessonWrite) -> LessonRead:
    project = projects.writable(db, principal, project_id)
    lesson = Lesson(
        workspace_id=principal.scope.workspace_id,
        project_id=project.id,
        category=data.category,
        text=data.text,
        author_id=principal.user_id,
    )
    db.add(lesson)
    db.flush()
    return _lesson_reads(db, principal, [lesson])[0]


def update_lesson(
    db: Session,
    principal: Principal,
    project_id: int,
    lesson_id: int,
    data: LessonUpdate,
    expected_version: int | None = MISSING,
) -> LessonRead:
    projects.writable(db, principal, project_id)
    lesson = _lesson_of(db, principal, project_id, lesson_id)
    check_version(lesson.version, expected_version)
    for key, value in data.model_dump(exclude_unset=True).items():
        if value is None:
            raise ValidationFailed([FieldError(key, N_("This field is required."), "missing")])
        setattr(lesson, key, value)
    db.flush()
    return _lesson_reads(db, principal, [lesson])[0]


def remove_lesson(
    db: Session,
    principal: Principal,
    project_id: int,
    lesson_id: int,
    expected_version: int | None = MISSING,
) -> None:
    projects.writable(db, principal, project_id)
    lesson = _lesson_of(db, principal, project_id, lesson_id)
    check_version(lesson.version, expected_version)
    db.delete(lesson)
    db.flush()


def lesson_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    """Lessons named in a history (an improvement action's source), cut to 60 characters and
    linked to their project's closure tab."""
    return {
        row.id: Reference(
            row.text if len(row.text) <= 60 else row.text[:59] + "…",
            f"/projects/{row.project_id}?tab=closure",
        )
        for row in repo.lessons_by_ids(db, reader.scope, ids)
    }
