"""Every query of sign-in and sessions. The lookups by e-mail address and by session token are
global on purpose: the credential is what tells us the workspace."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pcrm.core.tenancy import GLOBAL, WorkspaceScope
from pcrm.identity.sessions.models import LoginAttempt, UserSession
from pcrm.identity.users.models import User
from pcrm.identity.workspaces.models import Workspace


def user_for_sign_in(db: Session, email: str) -> User | None:
    """Global on purpose: an e-mail address identifies one user across PCRM."""
    return db.scalar(select(User).where(User.email == email.lower()).execution_options(**GLOBAL))


def session_with_user(db: Session, token_hash: str) -> tuple[UserSession, User, Workspace] | None:
    """Global on purpose: the token hash is the credential that tells us the workspace."""
    query = (
        select(UserSession, User, Workspace)
        .join(User, User.id == UserSession.user_id)
        .join(Workspace, Workspace.id == UserSession.workspace_id)
        .where(UserSession.token_hash == token_hash)
        .execution_options(**GLOBAL)
    )
    row = db.execute(query).first()
    return (row[0], row[1], row[2]) if row else None


def revoke_sessions(
    db: Session,
    scope: WorkspaceScope,
    user_id: int,
    now: datetime,
    keep_session_id: int | None = None,
) -> None:
    query = update(UserSession).where(
        UserSession.workspace_id == scope.workspace_id,
        UserSession.user_id == user_id,
        UserSession.revoked_at.is_(None),
    )
    if keep_session_id is not None:
        query = query.where(UserSession.id != keep_session_id)
    db.execute(query.values(revoked_at=now))


def touch_session(db: Session, scope: WorkspaceScope, session_id: int, seen_at: datetime) -> None:
    """Record when the session was last used: its idle limit counts from then."""
    db.execute(
        update(UserSession)
        .where(UserSession.workspace_id == scope.workspace_id, UserSession.id == session_id)
        .values(last_seen_at=seen_at)
    )


def recent_failures(db: Session, email: str, ip: str, since: datetime) -> tuple[int, int]:
    """(failures for this account, failures from this IP) since the given time."""
    by_email = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(
            LoginAttempt.email == email,
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.occurred_at >= since,
        )
    )
    by_ip = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(
            LoginAttempt.ip == ip,
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.occurred_at >= since,
        )
    )
    return int(db.scalar(by_email) or 0), int(db.scalar(by_ip) or 0)
