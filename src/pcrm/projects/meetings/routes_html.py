"""The meetings tab's forms: add a meeting, edit it (minutes, decisions, attendees), create the
next one of a recurring series, remove it; add an action item, mark it done (or open again),
remove it. Each goes through the meetings service; a refused form comes back on the tab with
its messages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import PostedForm
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.meetings import forms, service
from pcrm.projects.meetings.schemas import ActionUpdate, ActionWrite, MeetingUpdate, MeetingWrite
from pcrm.projects.projects import forms as project_forms
from pcrm.projects.projects.pages import form_write

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
TAB = "meetings"


@router.post("/projects/{project_id}/meetings")
def add_meeting(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.meeting(form, new=True)
    return form_write(
        request, db, principal, project_id, TAB, "meeting", data,
        lambda: service.add_meeting(db, principal, project_id, MeetingWrite.model_validate(data)),
        "meeting-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/meetings/{meeting_id}")
def update_meeting(
    request: Request,
    project_id: Id,
    meeting_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.meeting(form)
    return form_write(
        request, db, principal, project_id, TAB, f"meeting-{meeting_id}", data,
        lambda: service.update_meeting(
            db, principal, project_id, meeting_id, MeetingUpdate.model_validate(data),
            project_forms.version(form),
        ),
        "meeting-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/meetings/{meeting_id}/next")
def next_meeting(
    request: Request,
    project_id: Id,
    meeting_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return form_write(
        request, db, principal, project_id, TAB, f"meeting-{meeting_id}-action", {},
        lambda: service.next_meeting(
            db, principal, project_id, meeting_id, project_forms.version(form)
        ),
        "meeting-next",
    )  # fmt: skip


@router.post("/projects/{project_id}/meetings/{meeting_id}/delete")
def remove_meeting(
    request: Request,
    project_id: Id,
    meeting_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return form_write(
        request, db, principal, project_id, TAB, f"meeting-{meeting_id}-action", {},
        lambda: service.remove_meeting(
            db, principal, project_id, meeting_id, project_forms.version(form)
        ),
        "meeting-removed",
    )  # fmt: skip


@router.post("/projects/{project_id}/meetings/{meeting_id}/actions")
def add_action(
    request: Request,
    project_id: Id,
    meeting_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.action(form)
    return form_write(
        request, db, principal, project_id, TAB, f"meeting-{meeting_id}-new-action", data,
        lambda: service.add_action(
            db, principal, project_id, meeting_id, ActionWrite.model_validate(data)
        ),
        "action-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/meeting-actions/{action_id}/done")
def mark_action(
    request: Request,
    project_id: Id,
    action_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    done = project_forms.text(form, "done") != "false"
    return form_write(
        request, db, principal, project_id, TAB, f"action-{action_id}", {},
        lambda: service.update_action(
            db, principal, project_id, action_id, ActionUpdate(done=done),
            project_forms.version(form),
        ),
        "action-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/meeting-actions/{action_id}/delete")
def remove_action(
    request: Request,
    project_id: Id,
    action_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return form_write(
        request, db, principal, project_id, TAB, f"action-{action_id}", {},
        lambda: service.remove_action(
            db, principal, project_id, action_id, project_forms.version(form)
        ),
        "action-removed",
    )  # fmt: skip
