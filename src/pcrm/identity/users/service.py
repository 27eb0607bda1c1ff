"""Rules of the workspace's users: creating and changing them, one's profile and password,
invitations, and users as other areas see them. Services flush; the unit of work commits."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy.orm import Session

from pcrm.config import Settings
from pcrm.core import passwords
from pcrm.core.audit import set_actor
from pcrm.core.db import utcnow
from pcrm.core.errors import (
    NotFound,
    PermissionDenied,
    field_error,
)
from pcrm.core.etag import check_version
from pcrm.core.history import Reference
from pcrm.core.i18n import N_
from pcrm.core.pagination import Page, PageRequest
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.permissions import Permission, Role
from pcrm.identity.principal import Principal
from pcrm.identity.security_log import service as security_log
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome
from pcrm.identity.sessions import repository as sessions_repo
from pcrm.identity.sessions import service as sessions
from pcrm.identity.tokens import repository as tokens_repo
from pcrm.identity.tokens.service import forget_api_tokens
from pcrm.identity.users import repository as repo
from pcrm.identity.users.models import Invitation, User
from pcrm.identity.users.schemas import (
    InvitationAccept,
    InvitationCreate,
    PasswordChange,
    ProfileUpdate,
    UserCreate,
    UserRead,
    UserRef,
    UserUpdate,
)
from pcrm.identity.workspaces.models import Workspace

INVITATION_DAYS = 7


def check_password_policy(password: str, email: str, field: str = "password") -> None:
    if len(password) < 8:
        raise field_error(field, N_("Use at least 8 characters."), "string_too_short")
    if password.lower() == email.lower() or password.isdigit():
        raise field_error(field, N_("This password is too easy to guess."))


# --- users -------------------------------------------------------------------------------------


def create_user(
    db: Session,
    scope: WorkspaceScope,
    data: UserCreate,
    settings: Settings,
    actor: Principal | None = None,
) -> User:
    """Create a user directly (CLI, API). `actor` is None only for operators on the CLI."""
    if actor is not None:
        actor.require(Permission.MANAGE_USERS)
        if data.role == Role.OWNER and actor.role != Role.OWNER:
            raise PermissionDenied(N_("Only an owner can grant the owner role."))
    email = sessions.normalize_email(data.email)
    check_password_policy(data.password, email)
    if repo.email_taken(db, email):
        raise field_error("email", N_("A user with this e-mail address already exists."), "unique")
    now = utcnow()
    user = User(
        workspace_id=scope.workspace_id,
        email=email,
        name=data.name,
        english_name=data.english_name or None,
        role=data.role,
        is_active=True,
        locale=data.locale,
        password_hash=passwords.hash_password(data.password, settings.password_hasher),
        password_changed_at=now,
    )
    db.add(user)
    db.flush()
    return user


def list_users(
    db: Session,
    principal: Principal,
    page: PageRequest,
    q: str | None = None,
    role: Role | None = None,
    is_active: bool | None = None,
    sort: str | None = None,
) -> Page[UserRead]:
    principal.require(Permission.READ)
    rows, total = repo.users_page(
        db, principal.scope, page, q=q, role=role, is_active=is_active, sort=sort
    )
    return Page[UserRead].of([UserRead.model_validate(u) for u in rows], total, page)


def get_user(db: Session, principal: Principal, user_id: int) -> User:
    principal.require(Permission.READ)
    return repo.user(db, principal.scope, user_id)


def update_user(
    db: Session, principal: Principal, user_id: int, data: UserUpdate, expected_version: int | None
) -> User:
    principal.require(Permission.MANAGE_USERS)
    user = repo.user(db, principal.scope, user_id)
    check_version(user.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    new_role = changes.get("role")
    deactivating = changes.get("is_active") is False and user.is_active
    touches_owner = Role.OWNER in (user.role, new_role)
    if (
        touches_owner
        and principal.role != Role.OWNER
        and (new_role not in (None, user.role) or "is_active" in changes)
    ):
        raise PermissionDenied(N_("Only an owner can change an owner or grant the owner role."))
    if user.id == principal.user_id and (
        (new_role is not None and new_role != user.role) or deactivating
    ):
        raise field_error(
            "role" if new_role else "is_active",
            N_("You cannot change your own role or deactivate yourself."),
        )
    losing_owner = (
        user.role == Role.OWNER
        and user.is_active
        and (deactivating or (new_role is not None and new_role != Role.OWNER))
    )
    if losing_owner and repo.active_owner_count(db, principal.scope) <= 1:
        raise field_error("role", N_("A workspace needs at least one active owner."))
    now = utcnow()
    for key, value in changes.items():
        if key in ("name", "role", "is_active") and value is None:
            continue
        setattr(user, key, value)
    if deactivating:
        user.deactivated_at = now
        revoked = sessions_repo.revoke_sessions(db, principal.scope, user.id, now)
        _log_revoked(db, principal, user, revoked, "deactivated")
        for token in tokens_repo.user_tokens(db, principal.scope, user.id):
            if token.revoked_at is None:
                token.revoked_at = now
                _log_token_revoked(db, principal, user, token.id)
    elif changes.get("is_active") is True:
        user.deactivated_at = None
    db.flush()
    forget_api_tokens(db)
    return user


def update_profile(db: Session, principal: Principal, data: ProfileUpdate) -> User:
    user = repo.user(db, principal.scope, principal.user_id)
    for key, value in data.model_dump(exclude_unset=True).items():
        if key == "name" and value is None:
            continue
        setattr(user, key, value)
    db.flush()
    forget_api_tokens(db)
    return user


def change_password(
    db: Session, principal: Principal, data: PasswordChange, settings: Settings
) -> None:
    user = repo.user(db, principal.scope, principal.user_id)
    valid, _ = passwords.verify_password(
        data.current_password, user.password_hash, settings.password_hasher
    )
    if not valid:
        raise field_error("current_password", N_("The current password is not correct."))
    check_password_policy(data.new_password, user.email, "new_password")
    now = utcnow()
    user.password_hash = passwords.hash_password(data.new_password, settings.password_hasher)
    user.password_changed_at = now
    keep = principal.credential_id if principal.via == "session" else None
    revoked = sessions_repo.revoke_sessions(db, principal.scope, user.id, now, keep_session_id=keep)
    _log_revoked(db, principal, user, revoked, "password changed")
    db.flush()


def _log_revoked(db: Session, principal: Principal, user: User, count: int, why: str) -> None:
    """The security log's note of a user's sessions ended by someone (or themselves)."""
    if count:
        note = security_log.principal_note(
            principal, SecurityEventKind.SESSIONS_REVOKED, SecurityOutcome.SUCCESS, why
        )
        update = {"user_id": user.id, "email": user.email, "credential_id": None}
        security_log.record(db, note.model_copy(update=update | {"detail": f"{why}: {count}"}))


def _log_token_revoked(db: Session, principal: Principal, user: User, token_id: int) -> None:
    note = security_log.principal_note(
        principal, SecurityEventKind.TOKEN_REVOKED, SecurityOutcome.SUCCESS, "user deactivated"
    )
    update = {"user_id": user.id, "email": user.email, "credential_id": token_id}
    security_log.record(db, note.model_copy(update=update))


# --- invitations -------------------------------------------------------------------------------


def invite_user(
    db: Session, principal: Principal, data: InvitationCreate
) -> tuple[Invitation, str]:
    principal.require(Permission.MANAGE_USERS)
    if data.role == Role.OWNER and principal.role != Role.OWNER:
        raise PermissionDenied(N_("Only an owner can grant the owner role."))
    email = sessions.normalize_email(data.email)
    if repo.email_taken(db, email):
        raise field_error("email", N_("A user with this e-mail address already exists."), "unique")
    now = utcnow()
    raw = secrets.token_urlsafe(32)
    invitation = Invitation(
        workspace_id=principal.workspace_id,
        email=email,
        name=data.name,
        role=data.role,
        token_hash=sessions.digest(raw),
        invited_by_id=principal.user_id,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    db.add(invitation)
    db.flush()
    return invitation, raw


def list_invitations(db: Session, principal: Principal) -> list[Invitation]:
    principal.require(Permission.MANAGE_USERS)
    return list(repo.pending_invitations(db, principal.scope, utcnow()))


def revoke_invitation(db: Session, principal: Principal, invitation_id: int) -> Invitation:
    principal.require(Permission.MANAGE_USERS)
    invitation = repo.invitation(db, principal.scope, invitation_id)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = utcnow()
        db.flush()
    return invitation


def open_invitation(db: Session, raw_token: str) -> tuple[Invitation, Workspace]:
    found = repo.invitation_by_token(db, sessions.digest(raw_token))
    if found is None:
        raise NotFound()
    invitation, workspace = found
    if (
        invitation.accepted_at is not None
        or invitation.revoked_at is not None
        or invitation.expires_at <= utcnow()
    ):
        raise NotFound()
    return invitation, workspace


def accept_invitation(
    db: Session, raw_token: str, data: InvitationAccept, settings: Settings
) -> User:
    invitation, workspace = open_invitation(db, raw_token)
    set_actor(db, None, invitation.email)
    user = create_user(
        db,
        WorkspaceScope(workspace.id),
        UserCreate(
            email=invitation.email, name=data.name, role=invitation.role, password=data.password
        ),
        settings,
    )
    invitation.accepted_at = utcnow()
    invitation.user_id = user.id
    db.flush()
    return user


# --- users of the workspace, as other areas see them ----------------------------------------------


def user_names(db: Session, scope: WorkspaceScope, ids: set[int]) -> dict[int, User]:
    return repo.users_by_ids(db, scope, ids)


def user_refs(db: Session, scope: WorkspaceScope, ids: set[int]) -> dict[int, UserRef]:
    """Users of the workspace by id (missing and other workspaces' ids are left out)."""
    return {uid: UserRef.model_validate(u) for uid, u in repo.users_by_ids(db, scope, ids).items()}


def all_user_refs(db: Session, scope: WorkspaceScope) -> list[UserRef]:
    """Every user of the workspace, deactivated ones too (e.g. to filter the audit log)."""
    return [UserRef.model_validate(u) for u in repo.all_users(db, scope)]


def active_user_refs(db: Session, scope: WorkspaceScope) -> list[UserRef]:
    return [UserRef.model_validate(u) for u in repo.active_users(db, scope)]


def user_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    """Users named in the reader's language for a history, linked for those who manage users."""
    linked = reader.can(Permission.MANAGE_USERS)
    return {
        uid: Reference(
            UserRef.model_validate(u).display(locale), f"/admin/users/{uid}" if linked else None
        )
        for uid, u in repo.users_by_ids(db, reader.scope, set(ids)).items()
    }
