"""The customer's training (培训): which of the customer's people need which training (planned,
done), the sessions held for them (date, trainer, attendees and their attendance, materials
kept in the files area), and the recorded review of the training needs (who, when) that the
planning gate asks for. A review may conclude that no training is needed: it records how many
needs there were when it was made."""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from sqlalchemy.orm import Session

from pcrm.accounts.public import contacts_by_ids
from pcrm.core.db import record_time
from pcrm.core.errors import FieldError, ValidationFailed
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.files.public import (
    FileRead,
    FileStream,
    Storage,
    delete_file,
    open_file,
    owned_files,
    upload_file,
)
from pcrm.identity.public import Principal, user_refs
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project
from pcrm.projects.training import repository as repo
from pcrm.projects.training.models import (
    TrainingAttendee,
    TrainingNeed,
    TrainingReview,
    TrainingSession,
)
from pcrm.projects.training.schemas import (
    AttendanceSheet,
    AttendeeRead,
    MaterialRead,
    TrainingNeedRead,
    TrainingNeedUpdate,
    TrainingNeedWrite,
    TrainingReviewRead,
    TrainingReviewWrite,
    TrainingSessionRead,
    TrainingSessionUpdate,
    TrainingSessionWrite,
)

MATERIALS = "project_training_session"  # the files area's owner type of session materials
MATERIAL = "material"
CUSTOMER_PERSON = N_("Choose a contact of the project's account.")


def _customer_people(
    db: Session, scope: WorkspaceScope, project: Project, field: str, ids: Sequence[int]
) -> dict[int, str]:
    """Names of these contacts, each of the project's account and not archived; else a 422 on
    `field`."""
    found = contacts_by_ids(db, scope, set(ids))
    for cid in ids:
        contact = found.get(cid)
        if (
            contact is None
            or contact.archived_at is not None
            or contact.account_id != project.account_id
        ):
            raise ValidationFailed([FieldError(field, CUSTOMER_PERSON)])
    return {cid: found[cid].name for cid in ids}


# --- needs -----------------------------------------------------------------------------------


def _need_reads(
    db: Session, scope: WorkspaceScope, rows: Sequence[TrainingNeed]
) -> list[TrainingNeedRead]:
    names = contacts_by_ids(db, scope, {n.contact_id for n in rows})
    return [
        TrainingNeedRead(
            id=n.id,
            project_id=n.project_id,
            contact_id=n.contact_id,
            contact_name=names[n.contact_id].name if n.contact_id in names else "",
            topic=n.topic,
            status=n.status,
            planned_on=n.planned_on,
            note=n.note,
            version=n.version,
        )
        for n in rows
    ]


def needs(db: Session, principal: Principal, project_id: int) -> list[TrainingNeedRead]:
    projects.get_project(db, principal, project_id)
    return _need_reads(db, principal.scope, repo.needs(db, principal.scope, project_id))


def add_need(
    db: Session, principal: Principal, project_id: int, data: TrainingNeedWrite
) -> TrainingNeedRead:
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    _customer_people(db, scope, project, "contact_id", [data.contact_id])
    need = TrainingNeed(workspace_id=scope.workspace_id, project_id=project.id, **data.model_dump())
    db.add(need)
    db.flush()
    return _need_reads(db, scope, [need])[0]


def update_need(
    db: Session,
    principal: Principal,
    project_id: int,
    need_id: int,
    data: TrainingNeedUpdate,
    expected_version: int | None = None,
) -> TrainingNeedRead:
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    need = repo.one(db, TrainingNeed, scope, project_id, need_id)
    check_version(need.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    required = [
        FieldError(field, N_("This field is required."), "missing")
        for field in ("contact_id", "topic", "status")
        if field in changes and changes[field] is None
    ]
    if required:
        raise ValidationFailed(required)
    if "contact_id" in changes:
        _customer_people(db, scope, project, "contact_id", [changes["contact_id"]])
    for key, value in changes.items():
        setattr(need, key, value)
    db.flush()
    return _need_reads(db, scope, [need])[0]


def remove_need(
    db: Session,
    principal: Principal,
    project_id: int,
    need_id: int,
    expected_version: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    need = repo.one(db, TrainingNeed, principal.scope, project_id, need_id)
    check_version(need.version, expected_version)
    db.delete(need)
    db.flush()


# --- sessions --------------------------------------------------------------------------------


def _material(file: FileRead) -> MaterialRead:
    return MaterialRead(
        id=file.id,
        filename=file.filename,
        content_type=file.content_type,
        size=file.size,
        created_at=file.created_at,
    )


def _session_reads(
    db: Session, scope: WorkspaceScope, rows: Sequence[TrainingSession]
) -> list[TrainingSessionRead]:
    ids = [s.id for s in rows]
    people = repo.attendees(db, scope, ids)
    names = contacts_by_ids(db, scope, {a.contact_id for a in people})
    files = owned_files(db, scope, MATERIALS, ids) if ids else []
    return [
        TrainingSessionRead(
            id=s.id,
            project_id=s.project_id,
            topic=s.topic,
            held_on=s.held_on,
            trainer=s.trainer,
            location=s.location,
            attendees=[
                AttendeeRead(
                    contact_id=a.contact_id,
                    contact_name=names[a.contact_id].name if a.contact_id in names else "",
                    attendance=a.attendance,
                )
                for a in people
                if a.session_id == s.id
            ],
            materials=[_material(f) for f in files if f.owner_id == s.id],
            version=s.version,
        )
        for s in rows
    ]


def sessions(db: Session, principal: Principal, project_id: int) -> list[TrainingSessionRead]:
    projects.get_project(db, principal, project_id)
    return _session_reads(db, principal.scope, repo.sessions(db, principal.scope, project_id))


def add_session(
    db: Session, principal: Principal, project_id: int, data: TrainingSessionWrite
) -> TrainingSessionRead:
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    if len(set(data.attendee_ids)) != len(data.attendee_ids):
        raise ValidationFailed(
            [FieldError("attendee_ids", N_("Each person is invited once."), "unique")]
        )
    _customer_people(db, scope, project, "attendee_ids", data.attendee_ids)
    session = TrainingSession(
        workspace_id=scope.workspace_id,
        project_id=project.id,
        **data.model_dump(exclude={"attendee_ids"}),
    )
    db.add(session)
    db.flush()
    for cid in data.attendee_ids:
        db.add(
            TrainingAttendee(workspace_id=scope.workspace_id, session_id=session.id, contact_id=cid)
        )
    db.flush()
    return _session_reads(db, scope, [session])[0]


def update_session(
    db: Session,
    principal: Principal,
    project_id: int,
    session_id: int,
    data: TrainingSessionUpdate,
    expected_version: int | None = None,
) -> TrainingSessionRead:
    projects.writable(db, principal, project_id)
    scope = principal.scope
    session = repo.one(db, TrainingSession, scope, project_id, session_id)
    check_version(session.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    required = [
        FieldError(field, N_("This field is required."), "missing")
        for field in ("topic", "held_on", "trainer")
        if field in changes and changes[field] is None
    ]
    if required:
        raise ValidationFailed(required)
    for key, value in changes.items():
        setattr(session, key, value)
    db.flush()
    return _session_reads(db, scope, [session])[0]


def record_attendance(
    db: Session,
    principal: Principal,
    project_id: int,
    session_id: int,
    data: AttendanceSheet,
) -> TrainingSessionRead:
    """Mark who came; a person of the customer not invited yet is added (they walked in)."""
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    session = repo.one(db, TrainingSession, scope, project_id, session_id)
    ids = [m.contact_id for m in data.marks]
    if len(set(ids)) != len(ids):
        raise ValidationFailed([FieldError("marks", N_("Each person is marked once."), "unique")])
    _customer_people(db, scope, project, "marks", ids)
    existing = {a.contact_id: a for a in repo.attendees(db, scope, [session.id])}
    for mark in data.marks:
        row = existing.get(mark.contact_id)
        if row is None:
            db.add(
                TrainingAttendee(
                    workspace_id=scope.workspace_id,
                    session_id=session.id,
                    contact_id=mark.contact_id,
                    attendance=mark.attendance,
                )
            )
        else:
            row.attendance = mark.attendance
    db.flush()
    return _session_reads(db, scope, [session])[0]


def remove_session(
    db: Session,
    principal: Principal,
    project_id: int,
    session_id: int,
    storage: Storage,
    expected_version: int | None = None,
) -> None:
    """Remove the session with its attendees and its materials (their bytes after the
    commit)."""
    projects.writable(db, principal, project_id)
    scope = principal.scope
    session = repo.one(db, TrainingSession, scope, project_id, session_id)
    check_version(session.version, expected_version)
    for file in owned_files(db, scope, MATERIALS, [session.id]):
        delete_file(db, scope, MATERIALS, file.id, storage, session.id)
    for attendee in repo.attendees(db, scope, [session.id]):
        db.delete(attendee)
    db.delete(session)
    db.flush()


def add_material(
    db: Session,
    principal: Principal,
    project_id: int,
    session_id: int,
    filename: str | None,
    stream: BinaryIO,
    storage: Storage,
    max_bytes: int,
) -> MaterialRead:
    """Keep a file (slides, handout, recording notes) as a material of the session."""
    projects.writable(db, principal, project_id)
    scope = principal.scope
    session = repo.one(db, TrainingSession, scope, project_id, session_id)
    stored = upload_file(
        db,
        scope,
        MATERIALS,
        session.id,
        MATERIAL,
        filename,
        stream,
        storage,
        max_bytes,
        principal.user_id,
        lock_owner=lambda: repo.lock_session(db, scope, session.id),
    )
    return _material(stored)


def open_material(
    db: Session,
    principal: Principal,
    project_id: int,
    session_id: int,
    file_id: int,
    storage: Storage,
) -> FileStream:
    projects.get_project(db, principal, project_id)
    session = repo.one(db, TrainingSession, principal.scope, project_id, session_id)
    return open_file(db, principal.scope, MATERIALS, file_id, storage, session.id)


def remove_material(
    db: Session,
    principal: Principal,
    project_id: int,
    session_id: int,
    file_id: int,
    storage: Storage,
) -> None:
    projects.writable(db, principal, project_id)
    session = repo.one(db, TrainingSession, principal.scope, project_id, session_id)
    delete_file(db, principal.scope, MATERIALS, file_id, storage, session.id)


# --- the review of the needs -------------------------------------------------------------------


def _review_reads(
    db: Session, scope: WorkspaceScope, rows: Sequence[TrainingReview]
) -> list[TrainingReviewRead]:
    users = user_refs(db, scope, {r.reviewed_by_id for r in rows if r.reviewed_by_id})
    return [
        TrainingReviewRead(
            id=r.id,
            project_id=r.project_id,
            reviewed_by_id=r.reviewed_by_id,
            reviewed_by_name=users[r.reviewed_by_id].name if r.reviewed_by_id in users else None,
            reviewed_at=r.reviewed_at,
            needs_count=r.needs_count,
            note=r.note,
        )
        for r in rows
    ]


def reviews(db: Session, principal: Principal, project_id: int) -> list[TrainingReviewRead]:
    """The reviews of the training needs, newest first."""
    projects.get_project(db, principal, project_id)
    return _review_reads(db, principal.scope, repo.reviews(db, principal.scope, project_id))


def review_needs(
    db: Session, principal: Principal, project_id: int, data: TrainingReviewWrite
) -> TrainingReviewRead:
    """Record that this user reviewed the project's training needs now (培训需求评审)."""
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    review = TrainingReview(
        workspace_id=scope.workspace_id,
        project_id=project.id,
        reviewed_by_id=principal.user_id,
        reviewed_at=record_time(),
        needs_count=len(repo.needs(db, scope, project.id)),
        note=data.note,
    )
    db.add(review)
    db.flush()
    return _review_reads(db, scope, [review])[0]


def training_reviewed(db: Session, scope: WorkspaceScope, project_id: int) -> bool:
    """Whether the planning gate's "training needs reviewed" holds."""
    return repo.reviewed(db, scope, project_id)
