"""JSON API of a project's closure (收尾): the gate and closing, the two evaluation forms,
lessons, improvement actions (also across projects) and follow-ups."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, IfMatchOnReplace, expected_version, tag
from pcrm.core.problems import locale_of
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.closure import service
from pcrm.projects.closure.follow_ups import service as follow_ups
from pcrm.projects.closure.improvements import service as improvements
from pcrm.projects.closure.schemas import (
    AccountLessonRead,
    CloseProject,
    ClosureRead,
    FollowUpDone,
    FollowUpRead,
    FollowUpUpdate,
    FollowUpWrite,
    ImprovementMove,
    ImprovementRead,
    ImprovementUpdate,
    ImprovementWrite,
    LessonRead,
    LessonUpdate,
    LessonWrite,
    OrganisationEvaluationRead,
    OrganisationEvaluationWrite,
    SatisfactionAnalysisRead,
    SatisfactionAnalysisWrite,
)
from pcrm.projects.closure.vocab import ImprovementStatus

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])
P = "/projects/{project_id}"


@router.get(P + "/closure", summary="The closure gate: each check passed or not, with its message")
def closure(request: Request, project_id: Id, principal: CurrentPrincipal, db: DB) -> ClosureRead:
    return service.closure(db, principal, project_id, locale_of(request))


@router.post(
    P + "/closure",
    summary="Close the project when every check passes (422 listing the failing ones); plans "
    "the follow-ups (If-Match: the project's ETag)",
)
def close_project(
    request: Request,
    project_id: Id,
    data: CloseProject,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ClosureRead:
    closed = service.close_project(
        db, principal, project_id, data, expected_version(if_match), locale_of(request)
    )
    tag(response, closed.version)
    return closed


@router.get(
    P + "/satisfaction-analysis", summary="The customer satisfaction analysis (客户满意度分析表)"
)
def satisfaction_analysis(
    project_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> SatisfactionAnalysisRead | None:
    found = service.satisfaction_analysis(db, principal, project_id)
    if found is not None:
        tag(response, found.version)
    return found


@router.put(
    P + "/satisfaction-analysis",
    summary="Record the customer satisfaction analysis on the customer's word (If-Match to "
    "replace it)",
)
def save_satisfaction_analysis(
    project_id: Id,
    data: SatisfactionAnalysisWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatchOnReplace = None,
) -> SatisfactionAnalysisRead:
    saved = service.save_satisfaction_analysis(
        db, principal, project_id, data, expected_version(if_match)
    )
    tag(response, saved.version)
    return saved


@router.get(
    P + "/organisation-evaluation",
    summary="The customer's evaluation of our project organisation (客户评估项目组织表)",
)
def organisation_evaluation(
    project_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> OrganisationEvaluationRead | None:
    found = service.organisation_evaluation(db, principal, project_id)
    if found is not None:
        tag(response, found.version)
    return found


@router.put(
    P + "/organisation-evaluation",
    summary="Record the customer's evaluation of our project organisation (If-Match to replace)",
)
def save_organisation_evaluation(
    project_id: Id,
    data: OrganisationEvaluationWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatchOnReplace = None,
) -> OrganisationEvaluationRead:
    saved = service.save_organisation_evaluation(
        db, principal, project_id, data, expected_version(if_match)
    )
    tag(response, saved.version)
    return saved


@router.get(P + "/lessons", summary="The project's lessons learned (经验教训)")
def lessons(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[LessonRead]:
    return service.lessons(db, principal, project_id)


@router.post(P + "/lessons", status_code=status.HTTP_201_CREATED, summary="Write a lesson learned")
def add_lesson(
    project_id: Id, data: LessonWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> LessonRead:
    added = service.add_lesson(db, principal, project_id, data)
    tag(response, added.version)
    return added


@router.patch(P + "/lessons/{lesson_id}", summary="Change a lesson learned (If-Match)")
def update_lesson(
    project_id: Id,
    lesson_id: Id,
    data: LessonUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> LessonRead:
    changed = service.update_lesson(
        db, principal, project_id, lesson_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    P + "/lessons/{lesson_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Remove a lesson"
)
def remove_lesson(
    project_id: Id, lesson_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    service.remove_lesson(db, principal, project_id, lesson_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/accounts/{account_id}/lessons",
    summary="The lessons learned of the account's projects (newest project first)",
)
def account_lessons(account_id: Id, principal: CurrentPrincipal, db: DB) -> list[AccountLessonRead]:
    return service.account_lessons(db, principal, account_id)


@router.get(P + "/improvements", summary="The project's improvement actions (改进事项)")
def project_improvements(
    project_id: Id, principal: CurrentPrincipal, db: DB
) -> list[ImprovementRead]:
    return improvements.improvements(db, principal, project_id)


@router.post(
    P + "/improvements",
    status_code=status.HTTP_201_CREATED,
    summary="Create an improvement action from an evaluation item, a dissatisfied point, an "
    "improvement item or a lesson (the owner is reminded on the due day)",
)
def add_improvement(
    project_id: Id, data: ImprovementWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> ImprovementRead:
    added = improvements.add_improvement(db, principal, project_id, data)
    tag(response, added.version)
    return added


@router.patch(
    P + "/improvements/{improvement_id}", summary="Change an improvement action (If-Match)"
)
def update_improvement(
    project_id: Id,
    improvement_id: Id,
    data: ImprovementUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ImprovementRead:
    changed = improvements.update_improvement(
        db, principal, project_id, improvement_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.post(
    P + "/improvements/{improvement_id}/status",
    summary="Move an improvement action: in_progress, done, verified (by someone other than the "
    "owner) (If-Match)",
)
def move_improvement(
    project_id: Id,
    improvement_id: Id,
    data: ImprovementMove,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ImprovementRead:
    moved = improvements.move_improvement(
        db, principal, project_id, improvement_id, data, expected_version(if_match)
    )
    tag(response, moved.version)
    return moved


@router.delete(
    P + "/improvements/{improvement_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove an improvement action (If-Match)",
)
def remove_improvement(
    project_id: Id,
    improvement_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    if_match: IfMatch = None,
) -> Response:
    improvements.remove_improvement(
        db, principal, project_id, improvement_id, expected_version(if_match)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/improvements",
    summary="Improvement actions across projects (open and in progress unless status is given)",
)
def all_improvements(
    principal: CurrentPrincipal,
    db: DB,
    owner_id: Id | None = None,
    project_id: Id | None = None,
    status_: Annotated[list[ImprovementStatus], Query(alias="status")] = [],  # noqa: B006
) -> list[ImprovementRead]:
    return improvements.all_improvements(
        db, principal, project_id=project_id, owner_id=owner_id, statuses=status_
    )


@router.get(P + "/follow-ups", summary="The follow-up plan (回访) after closure")
def project_follow_ups(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[FollowUpRead]:
    return follow_ups.follow_ups(db, principal, project_id)


@router.post(
    P + "/follow-ups",
    status_code=status.HTTP_201_CREATED,
    summary="Plan another follow-up of a closed project",
)
def add_follow_up(
    project_id: Id, data: FollowUpWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> FollowUpRead:
    added = follow_ups.add_follow_up(db, principal, project_id, data)
    tag(response, added.version)
    return added


@router.patch(P + "/follow-ups/{follow_up_id}", summary="Move a follow-up's day (If-Match)")
def update_follow_up(
    project_id: Id,
    follow_up_id: Id,
    data: FollowUpUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> FollowUpRead:
    changed = follow_ups.update_follow_up(
        db, principal, project_id, follow_up_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.post(
    P + "/follow-ups/{follow_up_id}/done",
    summary="Record a follow-up visit as held (If-Match)",
)
def record_follow_up(
    project_id: Id,
    follow_up_id: Id,
    data: FollowUpDone,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> FollowUpRead:
    done = follow_ups.record_follow_up(
        db, principal, project_id, follow_up_id, data, expected_version(if_match)
    )
    tag(response, done.version)
    return done


@router.delete(
    P + "/follow-ups/{follow_up_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a follow-up (If-Match)",
)
def remove_follow_up(
    project_id: Id, follow_up_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    follow_ups.remove_follow_up(db, principal, project_id, follow_up_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
