"""Signing in and out: credentials checked with throttling, sessions opened, resolved on every
request and ended, and the principal an operator acts as on the command line. Services flush;
the unit of work commits."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from pcrm.config import Settings
from pcrm.core import passwords
from pcrm.core.audit import set_actor
from pcrm.core.db import utcnow
from pcrm.core.deps import after_commit
from pcrm.core.errors import NotFound, TooManyAttempts
from pcrm.core.i18n import N_
from pcrm.core.jobs import DueItem
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.principal import Principal
from pcrm.identity.security_log import service as security_log
from pcrm.identity.security_log.schemas import SecurityEventNote
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome
from pcrm.identity.sessions import repository as sessions_repo
from pcrm.identity.sessions import throttle
from pcrm.identity.sessions.models import LoginAttempt, UserSession
from pcrm.identity.users import repository as repo
from pcrm.identity.users.models import User
from pcrm.identity.workspaces import repository as workspaces_repo
from pcrm.identity.workspaces.models import Workspace

SESSION_TOUCH_SECONDS = 300


def digest(raw: str) -> str:
    """The SHA-256 of a secret (session cookie, API token, invitation link): all we store."""
    return hashlib.sha256(raw.encode()).hexdigest()


def normalize_email(email: str) -> str:
    return email.strip().lower()


@dataclass(frozen=True, slots=True)
class SignIn:
    user: User
    session_token: str


class SignInThrottled(TooManyAttempts):
    """Too many recent failures: try again in `retry_after` seconds (never a lockout)."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(N_("Too many failed sign-in attempts. Wait a moment and try again."))
        self.retry_after = retry_after


# The clock of sign-in; tests replace it to step through the delays.
clock: Callable[[], datetime] = utcnow


def _policy(settings: Settings) -> throttle.Policy:
    return throttle.Policy(
        pair_threshold=settings.login_pair_failures,
        account_threshold=settings.login_max_failures,
        ip_threshold=settings.login_ip_max_failures,
        cap_seconds=settings.login_max_delay_seconds,
    )


def _wait(db: Session, email: str, ip: str, now: datetime, settings: Settings) -> int:
    since = now - timedelta(minutes=settings.login_window_minutes)
    known = sessions_repo.signed_in_from(
        db, email, ip, now - timedelta(days=settings.login_known_days)
    )
    return _policy(settings).wait(
        sessions_repo.failures_since_success(db, since, email=email, ip=ip),
        sessions_repo.failures_since_success(db, since, email=email),
        sessions_repo.failures_since_success(db, since, ip=ip),
        known_pair=known,
        now=now,
    )


def sign_in(
    db: Session, email: str, password: str, ip: str, user_agent: str | None, settings: Settings
) -> SignIn:
    """Check credentials with progressive delays (`throttle`); unknown user and wrong password
    fail the same way. Every outcome is written to the security log."""
    email = normalize_email(email)[:254]
    now = clock()
    user = sessions_repo.user_for_sign_in(db, email)
    note = SecurityEventNote(
        kind=SecurityEventKind.SIGN_IN,
        outcome=SecurityOutcome.FAILURE,
        workspace_id=user.workspace_id if user is not None else None,
        user_id=user.id if user is not None else None,
        email=email,
        ip=ip,
        user_agent=user_agent,
    )
    wait = _wait(db, email, ip, now, settings)
    if wait > 0:
        security_log.record(db, note.model_copy(update={"detail": "throttled"}), now)
        db.flush()
        raise SignInThrottled(wait)
    hashed = (
        user.password_hash if user is not None else passwords.dummy_hash(settings.password_hasher)
    )
    valid, new_hash = passwords.verify_password(password, hashed, settings.password_hasher)
    ok = valid and user is not None and user.is_active
    db.add(LoginAttempt(email=email, ip=ip, occurred_at=now, succeeded=ok))
    if not ok or user is None:
        reason = (
            "unknown e-mail" if user is None else "wrong password" if not valid else "deactivated"
        )
        security_log.record(db, note.model_copy(update={"detail": reason}), now)
        db.flush()
        raise InvalidCredentials()
    if new_hash:
        user.password_hash = new_hash
    user.last_login_at = now
    raw = secrets.token_urlsafe(32)
    user_session = UserSession(
        workspace_id=user.workspace_id,
        user_id=user.id,
        token_hash=digest(raw),
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(days=settings.session_days),
        ip=ip,
        user_agent=(user_agent or "")[:300],
    )
    db.add(user_session)
    db.flush()
    success = {"outcome": SecurityOutcome.SUCCESS, "credential_id": user_session.id}
    security_log.record(db, note.model_copy(update=success), now)
    return SignIn(user=user, session_token=raw)


class InvalidCredentials(Exception):
    """Sign-in failed; deliberately says nothing about which part was wrong."""


def sign_out(db: Session, raw_token: str) -> None:
    found = sessions_repo.session_with_user(db, digest(raw_token))
    if found is not None and found[0].revoked_at is None:
        user_session, user, _workspace = found
        user_session.revoked_at = utcnow()
        security_log.record(
            db,
            SecurityEventNote(
                kind=SecurityEventKind.SIGN_OUT,
                workspace_id=user.workspace_id,
                user_id=user.id,
                email=user.email,
                credential_id=user_session.id,
            ),
        )
        db.flush()


@dataclass(frozen=True, slots=True)
class SessionRefused:
    """A session cookie that no longer signs anyone in, and why (for the security log)."""

    note: SecurityEventNote


def principal_of(
    user: User,
    workspace: Workspace,
    via: str,
    credential_id: int,
    scopes: frozenset[str] | None = None,
) -> Principal:
    """Who is asking, as the request (or the CLI) acts for them."""
    return Principal(
        user_id=user.id,
        workspace_id=workspace.id,
        role=user.role,
        name=user.name,
        english_name=user.english_name,
        email=user.email,
        locale=user.locale,
        workspace_name=workspace.name,
        workspace_slug=workspace.slug,
        currency=workspace.currency,
        timezone=workspace.timezone,
        via=via,  # type: ignore[arg-type]
        credential_id=credential_id,
        scopes=scopes,
    )


def resolve_session(db: Session, raw_token: str, settings: Settings) -> Principal | None:
    checked = check_session(db, raw_token, settings)
    return checked if isinstance(checked, Principal) else None


def check_session(
    db: Session, raw_token: str, settings: Settings
) -> Principal | SessionRefused | None:
    """The principal of a session cookie; why not, when it names a session that ended (None
    when it names none)."""
    found = sessions_repo.session_with_user(db, digest(raw_token))
    if found is None:
        return None
    user_session, user, workspace = found
    now = utcnow()
    idle_limit = user_session.last_seen_at + timedelta(hours=settings.session_idle_hours)
    reason = (
        "revoked"
        if user_session.revoked_at is not None
        else "expired"
        if user_session.expires_at <= now
        else "idle"
        if idle_limit <= now
        else "deactivated"
        if not user.is_active
        else None
    )
    if reason is not None:
        note = SecurityEventNote(
            kind=SecurityEventKind.SESSION_EXPIRED,
            outcome=SecurityOutcome.FAILURE,
            workspace_id=workspace.id,
            user_id=user.id,
            email=user.email,
            credential_id=user_session.id,
            detail=reason,
        )
        return SessionRefused(note)
    if (now - user_session.last_seen_at).total_seconds() > SESSION_TOUCH_SECONDS:
        session_id = user_session.id
        after_commit(
            db,
            lambda s: sessions_repo.touch_session(s, WorkspaceScope(workspace.id), session_id, now),
        )
    set_actor(db, user.id, user.name)
    return principal_of(user, workspace, "session", user_session.id)


def operator_principal(db: Session, workspace_slug: str, email: str) -> Principal:
    """The user an operator acts for on the command line (e.g. to create their API token)."""
    workspace = workspaces_repo.workspace_by_slug(db, workspace_slug)
    if workspace is None:
        raise NotFound(N_("No such workspace."))
    user = repo.user_by_email(db, WorkspaceScope(workspace.id), normalize_email(email))
    if user is None or not user.is_active:
        raise NotFound(N_("No active user with this e-mail address in the workspace."))
    set_actor(db, user.id, f"{user.name} (cli)")
    return principal_of(user, workspace, "cli", 0)


def acting_for_portal(db: Session, scope: WorkspaceScope, user_id: int) -> Principal | None:
    """The active user in whose name the effects of a customer's act in the portal are carried
    out (the project's manager: the plan moved, the baselines made by an approved change), or
    None when there is none (ADR 0007)."""
    user = repo.users_by_ids(db, scope, {user_id}).get(user_id)
    if user is None or not user.is_active:
        return None
    return principal_of(user, workspaces_repo.workspace(db, scope), "portal", 0)


# --- housekeeping ------------------------------------------------------------------------------

ENDED_SESSIONS_KEPT = timedelta(days=30)


def purge_sign_in_data(db: Session, _item: DueItem, settings: Settings) -> None:
    """Background housekeeping (`core.jobs`): sign-in attempts are kept only as long as
    throttling and "an address the account signed in from before" read them, and ended
    sessions a month after they ended (the security log keeps the events)."""
    now = utcnow()
    kept = max(
        timedelta(days=settings.login_known_days),
        timedelta(minutes=settings.login_window_minutes),
    )
    sessions_repo.forget_attempts_before(db, now - kept)
    sessions_repo.forget_sessions_ended_before(db, now - ENDED_SESSIONS_KEPT)
