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
