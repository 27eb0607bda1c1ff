"""Every query of sign-in and sessions. The lookups by e-mail address and by session token are
global on purpose: the credential is what tells us the workspace."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from pcrm.core.tenancy import GLOBAL, WorkspaceScope
from pcrm.identity.sessions.models import LoginAttempt, UserSession
from pcrm.identity.sessions.throttle import Failures
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
) -> int:
    """Revoke the user's open sessions (all but one, when told); how many were."""
    query = update(UserSession).where(
        UserSession.workspace_id == scope.workspace_id,
        UserSession.user_id == user_id,
        UserSession.revoked_at.is_(None),
    )
    if keep_session_id is not None:
        query = query.where(UserSession.id != keep_session_id)
    result = db.execute(query.values(revoked_at=now))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def touch_session(db: Session, scope: WorkspaceScope, session_id: int, seen_at: datetime) -> None:
    """Record when the session was last used: its idle limit counts from then."""
    db.execute(
        update(UserSession)
        .where(UserSession.workspace_id == scope.workspace_id, UserSession.id == session_id)
        .values(last_seen_at=seen_at)
    )


def failures_since_success(
    db: Session, since: datetime, *, email: str | None = None, ip: str | None = None
) -> Failures:
    """Failed attempts of this e-mail address and/or IP address since `since` and since the
    latest success of the same key: how many, and when the latest was."""
    keys = []
    if email is not None:
        keys.append(LoginAttempt.email == email)
    if ip is not None:
        keys.append(LoginAttempt.ip == ip)
    last_success = db.scalar(
        select(func.max(LoginAttempt.occurred_at)).where(
            *keys, LoginAttempt.succeeded.is_(True), LoginAttempt.occurred_at >= since
        )
    )
    after = (
        LoginAttempt.occurred_at > last_success
        if last_success is not None
        else LoginAttempt.occurred_at >= since
    )
    row = db.execute(
        select(func.count(), func.max(LoginAttempt.occurred_at)).where(
            *keys, LoginAttempt.succeeded.is_(False), after
        )
    ).one()
    latest = row[1]
    if latest is not None and latest.tzinfo is None:
        latest = latest.replace(tzinfo=UTC)
    return Failures(int(row[0] or 0), latest)


def signed_in_from(db: Session, email: str, ip: str, since: datetime) -> bool:
    """Has this account signed in successfully from this IP address since then?"""
    found = db.scalar(
        select(LoginAttempt.id)
        .where(
            LoginAttempt.email == email,
            LoginAttempt.ip == ip,
            LoginAttempt.succeeded.is_(True),
            LoginAttempt.occurred_at >= since,
        )
        .limit(1)
    )
    return found is not None


def forget_attempts_before(db: Session, cutoff: datetime) -> None:
    """Housekeeping: sign-in attempts older than `cutoff`, of every workspace."""
    db.execute(delete(LoginAttempt).where(LoginAttempt.occurred_at < cutoff))


def forget_sessions_ended_before(db: Session, cutoff: datetime) -> None:
    """Housekeeping: sessions that expired or were revoked before `cutoff`, of every
    workspace."""
    ended = (UserSession.expires_at < cutoff) | (
        UserSession.revoked_at.is_not(None) & (UserSession.revoked_at < cutoff)
    )
    db.execute(delete(UserSession).where(ended).execution_options(**GLOBAL))
