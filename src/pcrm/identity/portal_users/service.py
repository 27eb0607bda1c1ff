"""Portal principals (ADR 0007): invited by a project manager from a stakeholder row, the
customer sets a password through the link, signs in at /portal/login (own cookie, own
throttling) and is revoked or deactivated with every session ended at once. Services flush;
the unit of work commits."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from pcrm.config import Settings
from pcrm.core import passwords
from pcrm.core.audit import set_actor
from pcrm.core.db import utcnow
from pcrm.core.deps import after_commit
from pcrm.core.errors import NotFound, field_error
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.permissions import Permission
from pcrm.identity.portal_users import repository as repo
from pcrm.identity.portal_users.models import PortalLoginAttempt, PortalSession, PortalUser
from pcrm.identity.portal_users.schemas import (
    PortalInvitation,
    PortalInvite,
    PortalPasswordSet,
    PortalUserRead,
)
from pcrm.identity.principal import PortalPrincipal, Principal
from pcrm.identity.security_log import service as security_log
from pcrm.identity.security_log.schemas import SecurityEventNote
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome
from pcrm.identity.sessions import service as sessions
from pcrm.identity.sessions.service import InvalidCredentials, SignInThrottled

INVITATION_DAYS = 7
SESSION_TOUCH_SECONDS = 300
# Reasons a portal user stops: the project manager revoked them, or the contact left.
REVOKED, EMPLOYMENT_ENDED = "revoked", "employment_ended"


@dataclass(frozen=True, slots=True)
class PortalSignIn:
    portal_user: PortalUserRead
    session_token: str


# --- what a project manager does (the projects area checks the stakeholder row first) ---------


def invite(db: Session, principal: Principal, data: PortalInvite) -> PortalInvitation:
    """Invite the contact to the portal, or invite them again (a new link, the role of today's
    approver flag, the account reactivated); the link expires after 7 days."""
    principal.require(Permission.WRITE_PROJECTS)
    email = sessions.normalize_email(str(data.email))
    scope = principal.scope
    user = repo.portal_user_of_contact(db, scope, data.contact_id)
    if repo.email_taken(db, email, except_id=user.id if user else None):
        raise field_error(
            "email", N_("A portal user with this e-mail address already exists."), "unique"
        )
    now = utcnow()
    raw = secrets.token_urlsafe(32)
    if user is None:
        user = PortalUser(
            workspace_id=scope.workspace_id, contact_id=data.contact_id, password_hash=None
        )
        db.add(user)
    user.account_id = data.account_id
    user.email = email
    user.name = data.name
    user.role = data.role
    user.token_hash = sessions.digest(raw)
    user.invited_by_id = principal.user_id
    user.invited_at = now
    user.invitation_expires_at = now + timedelta(days=INVITATION_DAYS)
    user.is_active = True
    user.deactivated_at = None
    user.deactivation_reason = None
    db.flush()
    return PortalInvitation(portal_user=PortalUserRead.model_validate(user), token=raw)


def revoke(db: Session, principal: Principal, contact_id: int) -> PortalUserRead:
    """The project manager ends the contact's portal access: every session ends at once."""
    principal.require(Permission.WRITE_PROJECTS)
    user = repo.portal_user_of_contact(db, principal.scope, contact_id)
    if user is None:
        raise NotFound()
    _deactivate(db, user, REVOKED)
    return PortalUserRead.model_validate(user)


def end_for_contact(db: Session, scope: WorkspaceScope, contact_id: int) -> None:
    """The contact left the account, moved to another or was archived (the accounts area says
    so as it happens): their portal access and every session end at once."""
    user = repo.portal_user_of_contact(db, scope, contact_id)
    if user is not None and user.is_active:
        _deactivate(db, user, EMPLOYMENT_ENDED)


def _deactivate(db: Session, user: PortalUser, reason: str) -> None:
    now = utcnow()
    if user.is_active:
        user.is_active = False
        user.deactivated_at = now
        user.deactivation_reason = reason
    user.token_hash = None
    user.invitation_expires_at = None
    repo.revoke_sessions(db, WorkspaceScope(user.workspace_id), user.id, now)
    db.flush()


def portal_users_of_contacts(
    db: Session, scope: WorkspaceScope, contact_ids: set[int]
) -> dict[int, PortalUserRead]:
    """Contact id → its portal user, for the stakeholder rows of a project."""
    rows = repo.portal_users_of_contacts(db, scope, contact_ids)
    return {u.contact_id: PortalUserRead.model_validate(u) for u in rows}


# --- what the customer does ------------------------------------------------------------------


def open_invitation(db: Session, raw_token: str) -> PortalUserRead:
    """The portal user a link invites (404 when it is unknown, used, revoked or expired)."""
    found = repo.user_by_invitation(db, sessions.digest(raw_token))
    if found is None:
        raise NotFound()
    user, _workspace = found
    expires = user.invitation_expires_at
    if not user.is_active or expires is None or expires <= utcnow():
        raise NotFound()
    return PortalUserRead.model_validate(user)


def accept_invitation(
    db: Session, raw_token: str, data: PortalPasswordSet, settings: Settings
) -> PortalUserRead:
    """The customer sets a password through the link; the link then signs nobody in again."""
    open_invitation(db, raw_token)
    found = repo.user_by_invitation(db, sessions.digest(raw_token))
    if found is None:  # pragma: no cover - just read above
        raise NotFound()
    user = found[0]
    set_actor(db, None, f"{user.name} (portal)")
    user.password_hash = passwords.hash_password(data.password, settings.password_hasher)
    user.accepted_at = utcnow()
    user.token_hash = None
    user.invitation_expires_at = None
    db.flush()
    return PortalUserRead.model_validate(user)


def sign_in(
    db: Session, email: str, password: str, ip: str, user_agent: str | None, settings: Settings
) -> PortalSignIn:
    """The staff's progressive delays, counted on the portal's own attempts; an unknown
    address, a wrong password and a deactivated account fail alike."""
    email = sessions.normalize_email(email)[:254]
    now = sessions.clock()
    found = repo.user_for_sign_in(db, email)
    user = found[0] if found else None
    note = SecurityEventNote(
        kind=SecurityEventKind.SIGN_IN,
        outcome=SecurityOutcome.FAILURE,
        workspace_id=user.workspace_id if user else None,
        email=email,
        ip=ip,
        user_agent=user_agent,
    )
    since = now - timedelta(minutes=settings.login_window_minutes)
    known = repo.signed_in_from(db, email, ip, now - timedelta(days=settings.login_known_days))
    wait = sessions._policy(settings).wait(
        repo.failures_since_success(db, since, email=email, ip=ip),
        repo.failures_since_success(db, since, email=email),
        repo.failures_since_success(db, since, ip=ip),
        known_pair=known,
        now=now,
    )
    if wait > 0:
        security_log.record(db, note.model_copy(update={"detail": "portal: throttled"}), now)
        db.flush()
        raise SignInThrottled(wait)
    hashed = (
        user.password_hash
        if user is not None and user.password_hash
        else passwords.dummy_hash(settings.password_hasher)
    )
    valid, new_hash = passwords.verify_password(password, hashed, settings.password_hasher)
    ok = valid and user is not None and user.is_active and user.password_hash is not None
    db.add(PortalLoginAttempt(email=email, ip=ip, occurred_at=now, succeeded=ok))
    if not ok or user is None:
        reason = "unknown e-mail" if user is None else "wrong password" if not valid else "inactive"
        security_log.record(db, note.model_copy(update={"detail": f"portal: {reason}"}), now)
        db.flush()
        raise InvalidCredentials()
    if new_hash:
        user.password_hash = new_hash
    user.last_login_at = now
    raw = secrets.token_urlsafe(32)
    portal_session = PortalSession(
        workspace_id=user.workspace_id,
        portal_user_id=user.id,
        token_hash=sessions.digest(raw),
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(days=settings.session_days),
        ip=ip,
        user_agent=(user_agent or "")[:300],
    )
    db.add(portal_session)
    db.flush()
    success = {"outcome": SecurityOutcome.SUCCESS, "detail": "portal"}
    security_log.record(db, note.model_copy(update=success), now)
    return PortalSignIn(PortalUserRead.model_validate(user), raw)


def sign_out(db: Session, raw_token: str) -> None:
    found = repo.session_with_user(db, sessions.digest(raw_token))
    if found is not None and found[0].revoked_at is None:
        found[0].revoked_at = utcnow()
        db.flush()


def check_session(db: Session, raw_token: str, settings: Settings) -> PortalPrincipal | None:
    """The portal principal of a portal session cookie (None when it signs nobody in: unknown,
    revoked, expired, idle, or its portal user deactivated)."""
    found = repo.session_with_user(db, sessions.digest(raw_token))
    if found is None:
        return None
    portal_session, user, workspace = found
    now = utcnow()
    idle_limit = portal_session.last_seen_at + timedelta(hours=settings.session_idle_hours)
    if (
        portal_session.revoked_at is not None
        or portal_session.expires_at <= now
        or idle_limit <= now
        or not user.is_active
    ):
        return None
    if (now - portal_session.last_seen_at).total_seconds() > SESSION_TOUCH_SECONDS:
        session_id, scope = portal_session.id, WorkspaceScope(workspace.id)
        after_commit(db, lambda s: repo.touch_session(s, scope, session_id, now))
    set_actor(db, None, f"{user.name} (portal)")
    return PortalPrincipal(
        portal_user_id=user.id,
        workspace_id=workspace.id,
        contact_id=user.contact_id,
        account_id=user.account_id,
        role=str(user.role),
        name=user.name,
        email=user.email,
        locale=user.locale,
        workspace_name=workspace.name,
        timezone=workspace.timezone,
        session_id=portal_session.id,
    )
