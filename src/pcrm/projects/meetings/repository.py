"""Every query of a project's meetings, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.meetings.models import Meeting, MeetingAction, MeetingAttendee
from pcrm.projects.meetings.vocab import MeetingKind


def meetings(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[Meeting]:
    """Newest first."""
    query = select(Meeting).where(
        Meeting.workspace_id == scope.workspace_id, Meeting.project_id == project_id
    )
    return db.scalars(
        query.order_by(Meeting.held_on.desc(), Meeting.starts_at.desc(), Meeting.id.desc())
    ).all()


def meeting(db: Session, scope: WorkspaceScope, meeting_id: int) -> Meeting:
    found = db.scalar(
        select(Meeting).where(Meeting.workspace_id == scope.workspace_id, Meeting.id == meeting_id)
    )
    if found is None:
        raise NotFound()
    return found


def attendees(
    db: Session, scope: WorkspaceScope, meeting_ids: Iterable[int]
) -> Sequence[MeetingAttendee]:
    ids = list(meeting_ids)
    if not ids:
        return []
    query = select(MeetingAttendee).where(
        MeetingAttendee.workspace_id == scope.workspace_id, MeetingAttendee.meeting_id.in_(ids)
    )
    return db.scalars(query.order_by(MeetingAttendee.id)).all()


def actions(
    db: Session, scope: WorkspaceScope, meeting_ids: Iterable[int]
) -> Sequence[MeetingAction]:
    ids = list(meeting_ids)
    if not ids:
        return []
    query = select(MeetingAction).where(
        MeetingAction.workspace_id == scope.workspace_id, MeetingAction.meeting_id.in_(ids)
    )
    return db.scalars(query.order_by(MeetingAction.due_on, MeetingAction.id)).all()


def action(db: Session, scope: WorkspaceScope, action_id: int) -> MeetingAction:
    found = db.scalar(
        select(MeetingAction).where(
            MeetingAction.workspace_id == scope.workspace_id, MeetingAction.id == action_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def lessons_learned_with_customer(db: Session, scope: WorkspaceScope, project_id: int) -> bool:
    """Whether a lessons-learned meeting with a customer's contact among its attendees is
    recorded for the project."""
    invited = exists().where(
        MeetingAttendee.meeting_id == Meeting.id,
        MeetingAttendee.workspace_id == scope.workspace_id,
        MeetingAttendee.contact_id.is_not(None),
    )
    query = select(Meeting.id).where(
        Meeting.workspace_id == scope.workspace_id,
        Meeting.project_id == project_id,
        Meeting.kind == MeetingKind.LESSONS,
        invited,
    )
    return db.scalar(query.limit(1)) is not None


def meeting_rows(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> Sequence[Meeting]:
    """Meetings by id, for naming them in a history."""
    query = select(Meeting).where(Meeting.workspace_id == scope.workspace_id, Meeting.id.in_(ids))
    return list(db.scalars(query))
