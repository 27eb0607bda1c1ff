"""Every query of portal principals. The lookups by e-mail address, by invitation link and by
session token are global on purpose: the credential is what tells us the workspace."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import GLOBAL, WorkspaceScope
from pcrm.identity.portal_users.models import PortalLoginAttempt, PortalSession, PortalUser
from pcrm.identity.sessions.throttle import Failures
from pcrm.identity.workspaces.models import Workspace


def portal_user(db: Session, scope: WorkspaceScope, portal_user_id: int) -> PortalUser:
    found = db.scalar(
        select(PortalUser).where(
            PortalUser.workspace_id == scope.workspace_id, PortalUser.id == portal_user_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def portal_user_of_contact(
    db: Session, scope: WorkspaceScope, contact_id: int
) -> PortalUser | None:
    return db.scalar(
        select(PortalUser).where(
            PortalUser.workspace_id == scope.workspace_id, PortalUser.contact_id == contact_id
        )
    )


def portal_users_of_contacts(
    db: Session, scope: WorkspaceScope, contact_ids: set[int]
) -> Sequence[PortalUser]:
    if not contact_ids:
        return []
    return db.scalars(
        select(PortalUser).where(
            PortalUser.workspace_id == scope.workspace_id,
            PortalUser.contact_id.in_(contact_ids),
        )
    ).all()


def email_taken(db: Session, email: str, except_id: int | None = None) -> bool:
    """Global on purpose: a portal e-mail address signs in one person across PCRM."""
    query = select(PortalUser.id).where(PortalUser.email == email)
    if except_id is not None:
        query = query.where(PortalUser.id != except_id)
    return db.scalar(query.limit(1).execution_options(**GLOBAL)) is not None


def user_for_sign_in(db: Session, email: str) -> tuple[PortalUser, Workspace] | None:
    """Global on purpose: the e-mail address tells us the workspace."""
    row = db.execute(
        select(PortalUser, Workspace)
        .join(Workspace, Workspace.id == PortalUser.workspace_id)
        .where(PortalUser.email == email)
        .execution_options(**GLOBAL)
    ).first()
    return (row[0], row[1]) if row else None


def user_by_invitation(db: Session, token_hash: str) -> tuple[PortalUser, Workspace] | None:
    """Global on purpose: the link's token tells us the workspace."""
    row = db.execute(
        select(PortalUser, Workspace)
        .join(Workspace, Workspace.id == PortalUser.workspace_id)
        .where(PortalUser.token_hash == token_hash)
        .execution_options(**GLOBAL)
    ).first()
    return (row[0], row[1]) if row else None


def session_with_user(
    db: Session, token_hash: str
) -> tuple[PortalSession, PortalUser, Workspace] | None:
    """Global on purpose: the token hash is the credential that tells us the workspace."""
    row = db.execute(
        select(PortalSession, PortalUser, Workspace)
        .join(PortalUser, PortalUser.id == PortalSession.portal_user_id)
        .join(Workspace, Workspace.id == PortalSession.workspace_id)
        .where(PortalSession.token_hash == token_hash)
        .execution_options(**GLOBAL)
    ).first()
    return (row[0], row[1], row[2]) if row else None


def revoke_sessions(db: Session, scope: WorkspaceScope, portal_user_id: int, now: datetime) -> int:
    result = db.execute(
        update(PortalSession)
        .where(
            PortalSession.workspace_id == scope.workspace_id,
            PortalSession.portal_user_id == portal_user_id,
            PortalSession.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def touch_session(db: Session, scope: WorkspaceScope, session_id: int, seen_at: datetime) -> None:
    db.execute(
        update(PortalSession)
        .where(PortalSession.workspace_id == scope.workspace_id, PortalSession.id == session_id)
        .values(last_seen_at=seen_at)
    )


def failures_since_success(
    db: Session, since: datetime, *, email: str | None = None, ip: str | None = None
) -> Failures:
    """Failed portal sign-ins of this e-mail address and/or IP address since `since` and since
    the latest success of the same key."""
    keys = []
    if email is not None:
        keys.append(PortalLoginAttempt.email == email)
    if ip is not None:
        keys.append(PortalLoginAttempt.ip == ip)
    last_success = db.scalar(
        select(func.max(PortalLoginAttempt.occurred_at)).where(
            *keys,
            PortalLoginAttempt.succeeded.is_(True),
            PortalLoginAttempt.occurred_at >= since,
        )
    )
    after = (
        PortalLoginAttempt.occurred_at > last_success
        if last_success is not None
        else PortalLoginAttempt.occurred_at >= since
    )
    row = db.execute(
        select(func.count(), func.max(PortalLoginAttempt.occurred_at)).where(
            *keys, PortalLoginAttempt.succeeded.is_(False), after
        )
    ).one()
    latest = row[1]
    if latest is not None and latest.tzinfo is None:
        latest = latest.replace(tzinfo=UTC)
    return Failures(int(row[0] or 0), latest)


def signed_in_from(db: Session, email: str, ip: str, since: datetime) -> bool:
    found = db.scalar(
        select(PortalLoginAttempt.id)
        .where(
            PortalLoginAttempt.email == email,
            PortalLoginAttempt.ip == ip,
            PortalLoginAttempt.succeeded.is_(True),
            PortalLoginAttempt.occurred_at >= since,
        )
        .limit(1)
    )
    return found is not None
