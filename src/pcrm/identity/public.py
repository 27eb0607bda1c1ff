"""What other areas may use from identity: who is asking, what they may do, and the audit trail
of a record; and, for the assembly layer (the CLI, the demo seed), the principal an operator
acts as. Returns schemas or plain dataclasses, never ORM objects."""

from sqlalchemy.orm import Session

from pcrm.config import Settings
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.audit.schemas import AuditEntryRead
from pcrm.identity.audit.service import (
    actor_names,
    history_view,
    recent_changes,
    record_history,
    record_history_view,
)
from pcrm.identity.deps import CurrentPrincipal, current_principal, optional_principal, require
from pcrm.identity.permissions import ROLE_LABELS, Permission, Role
from pcrm.identity.principal import Principal
from pcrm.identity.security_log import service as _security_log
from pcrm.identity.security_log.vocab import SecurityEventKind as _SecurityEventKind
from pcrm.identity.security_log.vocab import SecurityOutcome as _SecurityOutcome
from pcrm.identity.sessions import service as _sessions
from pcrm.identity.users import schemas as _user_schemas
from pcrm.identity.users import service as _users
from pcrm.identity.users.schemas import UserRef
from pcrm.identity.users.service import active_user_refs, user_refs
from pcrm.identity.workspaces import repository as _workspace_repository
from pcrm.identity.workspaces import schemas as _workspace_schemas
from pcrm.identity.workspaces import service as _workspaces
from pcrm.identity.workspaces.service import workspace_summary

__all__ = [
    "ROLE_LABELS",
    "AuditEntryRead",
    "CurrentPrincipal",
    "Permission",
    "Principal",
    "Role",
    "UserRef",
    "active_user_refs",
    "actor_names",
    "current_principal",
    "history_view",
    "optional_principal",
    "recent_changes",
    "record_history",
    "record_history_view",
    "require",
    "user_refs",
    "workspace_summary",
]


# --- setting a workspace up without a signed-in user: the command line and the demo seed -------
# (each addition on its own lines, so that the area's restructuring merges cleanly)

UserCreate = _user_schemas.UserCreate
UserRead = _user_schemas.UserRead
WorkspaceRead = _workspace_schemas.WorkspaceRead

__all__ += [
    "UserCreate",
    "UserRead",
    "WorkspaceRead",
    "create_user",
    "create_workspace",
    "find_workspace",
    "operator_principal",
]


def find_workspace(db: Session, slug: str) -> WorkspaceRead | None:
    """The workspace with this short name, if there is one."""
    found = _workspace_repository.workspace_by_slug(db, slug)
    return None if found is None else WorkspaceRead.model_validate(found)


def create_workspace(db: Session, slug: str, name: str) -> WorkspaceRead:
    """A new workspace (a tenant), in the default currency and language."""
    return WorkspaceRead.model_validate(_workspaces.create_workspace(db, slug, name))


def create_user(
    db: Session, scope: WorkspaceScope, data: UserCreate, settings: Settings
) -> UserRead:
    """A user of the workspace, created by an operator (no signed-in user to check)."""
    return UserRead.model_validate(_users.create_user(db, scope, data, settings))


def operator_principal(db: Session, workspace_slug: str, email: str) -> Principal:
    """The active user an operator acts for on the command line."""
    return _sessions.operator_principal(db, workspace_slug, email)


# --- the security log: what other areas tell it -------------------------------------------------

__all__ += ["record_export"]


def record_export(db: Session, principal: Principal, what: str) -> None:
    """Note in the security log that the principal exported records (`what`: e.g. "accounts
    CSV, 1,204 rows"), in the export's own transaction."""
    _security_log.record(
        db,
        _security_log.principal_note(
            principal, _SecurityEventKind.EXPORT, _SecurityOutcome.SUCCESS, what
        ),
    )


# --- the workspace's settings other areas act on ------------------------------------------------

__all__ += ["DEFAULT_SIGN_OFF_REMINDER_DAYS", "sign_off_reminder_days"]
DEFAULT_SIGN_OFF_REMINDER_DAYS = 5


def sign_off_reminder_days(db: Session, scope: WorkspaceScope) -> int:
    """After how many days a customer sign-off still pending is late (the workspace's setting,
    1–60): its project manager is reminded then and the project pages mark it."""
    days = _workspace_repository.sign_off_reminder_days(db, scope)
    return DEFAULT_SIGN_OFF_REMINDER_DAYS if days is None else days


__all__ += ["DEFAULT_CONFLICT_ESCALATION_DAYS", "conflict_escalation_days"]
DEFAULT_CONFLICT_ESCALATION_DAYS = 5


def conflict_escalation_days(db: Session, scope: WorkspaceScope) -> int:
    """After how many days a project conflict still unresolved goes to the project manager (the
    workspace's setting, 1–60)."""
    days = _workspace_repository.conflict_escalation_days(db, scope)
    return DEFAULT_CONFLICT_ESCALATION_DAYS if days is None else days


# --- portal principals: the customer's people in the portal (ADR 0007) -------------------------
# (projects invites and revokes them from a stakeholder row; the portal signs them in)

from pcrm.identity.deps import (  # noqa: E402
    CurrentPortalPrincipal,
    PortalSignInRequired,
    optional_portal_principal,
)
from pcrm.identity.portal_users import schemas as _portal_schemas  # noqa: E402
from pcrm.identity.portal_users import service as _portal_users  # noqa: E402
from pcrm.identity.portal_users.vocab import (  # noqa: E402
    PORTAL_ROLE_LABELS,
    PORTAL_STATUS_LABELS,
    PortalRole,
    PortalUserStatus,
)
from pcrm.identity.principal import PortalPrincipal  # noqa: E402
from pcrm.identity.sessions.service import InvalidCredentials, SignInThrottled  # noqa: E402

PortalInvite = _portal_schemas.PortalInvite
PortalInvitation = _portal_schemas.PortalInvitation
PortalPasswordSet = _portal_schemas.PortalPasswordSet
PortalUserRead = _portal_schemas.PortalUserRead
PortalSignIn = _portal_users.PortalSignIn
PORTAL_INVITATION_DAYS = _portal_users.INVITATION_DAYS

__all__ += [
    "PORTAL_INVITATION_DAYS",
    "PORTAL_ROLE_LABELS",
    "PORTAL_STATUS_LABELS",
    "CurrentPortalPrincipal",
    "InvalidCredentials",
    "PortalInvitation",
    "PortalInvite",
    "PortalPasswordSet",
    "PortalPrincipal",
    "PortalRole",
    "PortalSignIn",
    "PortalSignInRequired",
    "PortalUserRead",
    "PortalUserStatus",
    "SignInThrottled",
    "accept_portal_invitation",
    "end_portal_access",
    "invite_portal_user",
    "open_portal_invitation",
    "optional_portal_principal",
    "portal_sign_in",
    "portal_sign_out",
    "portal_users_of_contacts",
    "revoke_portal_user",
]


def invite_portal_user(db: Session, principal: Principal, data: PortalInvite) -> PortalInvitation:
    """Invite a contact to the portal (or again): the link's secret is in the answer, once."""
    return _portal_users.invite(db, principal, data)


def revoke_portal_user(db: Session, principal: Principal, contact_id: int) -> PortalUserRead:
    """End a contact's portal access; their sessions end at once."""
    return _portal_users.revoke(db, principal, contact_id)


def end_portal_access(db: Session, scope: WorkspaceScope, contact_id: int) -> None:
    """The contact left their account (or moved, or was archived): their portal access and
    sessions end at once."""
    _portal_users.end_for_contact(db, scope, contact_id)


def portal_users_of_contacts(
    db: Session, scope: WorkspaceScope, contact_ids: set[int]
) -> dict[int, PortalUserRead]:
    return _portal_users.portal_users_of_contacts(db, scope, contact_ids)


def open_portal_invitation(db: Session, token: str) -> PortalUserRead:
    return _portal_users.open_invitation(db, token)


def accept_portal_invitation(
    db: Session, token: str, data: PortalPasswordSet, settings: Settings
) -> PortalUserRead:
    return _portal_users.accept_invitation(db, token, data, settings)


def portal_sign_in(
    db: Session, email: str, password: str, ip: str, user_agent: str | None, settings: Settings
) -> PortalSignIn:
    return _portal_users.sign_in(db, email, password, ip, user_agent, settings)


def portal_sign_out(db: Session, token: str) -> None:
    _portal_users.sign_out(db, token)


__all__ += ["acting_for_portal"]


def acting_for_portal(db: Session, scope: WorkspaceScope, user_id: int) -> Principal | None:
    """The active user in whose name a customer's act in the portal carries its effects out
    (the project's manager), or None."""
    return _sessions.acting_for_portal(db, scope, user_id)
