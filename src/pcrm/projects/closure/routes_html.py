"""The closure tab's forms (收尾): the two evaluation forms, lessons, improvement actions,
closing and follow-ups, and the cross-project list of improvement actions
(/projects/improvements). Each write goes through the closure services; a refused form comes
back on the tab with its messages, a refused action with its reason."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import PostedForm, posted_id
from pcrm.core.pages import page_locale
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.closure import forms, pages, service
from pcrm.projects.closure.follow_ups import service as follow_ups
from pcrm.projects.closure.improvements import service as improvements
from pcrm.projects.closure.schemas import (
    CloseProject,
    FollowUpDone,
    FollowUpWrite,
    ImprovementMove,
    ImprovementWrite,
    LessonWrite,
    OrganisationEvaluationWrite,
    SatisfactionAnalysisWrite,
)
from pcrm.projects.closure.vocab import ImprovementStatus
from pcrm.projects.projects import forms as project_forms
from pcrm.projects.projects.pages import form_write

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
TAB = "closure"


@router.get("/projects/improvements")
def improvements_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    query = request.query_params
    statuses = [
        ImprovementStatus(s) for s in query.getlist("status") if s in set(ImprovementStatus)
    ]
    context = pages.improvements_page(
        db,
        principal,
        page_locale(request),
        owner_id=posted_id(query.get("owner_id")),
        project_id=posted_id(query.get("project_id")),
        statuses=statuses,
    )
    return render(request, "projects/improvements.html", context)


@router.get("/accounts/{account_id}/lessons")
def account_lessons(
    request: Request, account_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.account_lessons_page(db, principal, account_id, page_locale(request))
    return render(request, "projects/account_lessons.html", context)


@router.get("/opportunities/{opportunity_id}/lessons")
def opportunity_lessons(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.opportunity_lessons_page(db, principal, opportunity_id, page_locale(request))
    return render(request, "projects/opportunity_lessons.html", context)


@router.post("/projects/{project_id}/closure")
def close_project(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.close(form)
    return form_write(
        request, db, principal, project_id, TAB, "close", data,
        lambda: service.close_project(
            db, principal, project_id, CloseProject.model_validate(data),
            project_forms.version(form),
        ),
        "closure-closed",
    )  # fmt: skip


@router.post("/projects/{project_id}/satisfaction-analysis")
def save_satisfaction_analysis(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.satisfaction(form)
    return form_write(
        request, db, principal, project_id, TAB, "satisfaction", forms.satisfaction_echo(form),
        lambda: service.save_satisfaction_analysis(
            db, principal, project_id, SatisfactionAnalysisWrite.model_validate(data),
            project_forms.version(form),
        ),
        "satisfaction-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/organisation-evaluation")
def save_organisation_evaluation(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.evaluation(form)
    return form_write(
        request, db, principal, project_id, TAB, "evaluation", forms.evaluation_echo(form),
        lambda: service.save_organisation_evaluation(
            db, principal, project_id, OrganisationEvaluationWrite.model_validate(data),
            project_forms.version(form),
        ),
        "evaluation-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/lessons")
def add_lesson(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.lesson(form)
    return form_write(
        request, db, principal, project_id, TAB, "lesson", data,
        lambda: service.add_lesson(db, principal, project_id, LessonWrite.model_validate(data)),
        "lesson-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/lessons/{lesson_id}/delete")
def remove_lesson(
    request: Request,
    project_id: Id,
    lesson_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return form_write(
        request, db, principal, project_id, TAB, f"lesson-{lesson_id}", {},
        lambda: service.remove_lesson(
            db, principal, project_id, lesson_id, project_forms.version(form)
        ),
        "lesson-removed",
    )  # fmt: skip


@router.post("/projects/{project_id}/improvements")
def add_improvement(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.improvement(form)
    echo = data | {"source": project_forms.text(form, "source")}
    return form_write(
        request, db, principal, project_id, TAB, "improvement", echo,
        lambda: improvements.add_improvement(
            db, principal, project_id, ImprovementWrite.model_validate(data)
        ),
        "improvement-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/improvements/{improvement_id}/status")
def move_improvement(
    request: Request,
    project_id: Id,
    improvement_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.move(form)
    return form_write(
        request, db, principal, project_id, TAB, f"improvement-{improvement_id}", data,
        lambda: improvements.move_improvement(
            db, principal, project_id, improvement_id, ImprovementMove.model_validate(data),
            project_forms.version(form),
        ),
        "improvement-moved",
    )  # fmt: skip


@router.post("/projects/{project_id}/follow-ups")
def add_follow_up(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.follow_up(form)
    return form_write(
        request, db, principal, project_id, TAB, "follow-up", data,
        lambda: follow_ups.add_follow_up(
            db, principal, project_id, FollowUpWrite.model_validate(data)
        ),
        "follow-up-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/follow-ups/{follow_up_id}/done")
def record_follow_up(
    request: Request,
    project_id: Id,
    follow_up_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.follow_up_done(form)
    return form_write(
        request, db, principal, project_id, TAB, f"follow-up-{follow_up_id}", data,
        lambda: follow_ups.record_follow_up(
            db, principal, project_id, follow_up_id, FollowUpDone.model_validate(data),
            project_forms.version(form),
        ),
        "follow-up-done",
    )  # fmt: skip
