"""Every query of workspaces. The look-up by short name is global on purpose: it is how an
operator names a workspace."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.workspaces.models import Workspace


def workspace(db: Session, scope: WorkspaceScope) -> Workspace:
    found = db.scalar(select(Workspace).where(Workspace.id == scope.workspace_id))
    if found is None:
        raise NotFound()
    return found


def workspace_by_slug(db: Session, slug: str) -> Workspace | None:
    return db.scalar(select(Workspace).where(Workspace.slug == slug))


def sign_off_reminder_days(db: Session, scope: WorkspaceScope) -> int | None:
    """The workspace's setting; the session's workspace is usually loaded already (signing in
    reads it), and then this sends no query."""
    found = db.get(Workspace, scope.workspace_id)
    return None if found is None else found.sign_off_reminder_days


def conflict_escalation_days(db: Session, scope: WorkspaceScope) -> int | None:
    """The workspace's setting, read like `sign_off_reminder_days` (usually no query)."""
    found = db.get(Workspace, scope.workspace_id)
    return None if found is None else found.conflict_escalation_days
