"""What other areas may use from identity: who is asking, what they may do, and the audit trail
of a record. Returns schemas, never ORM objects."""

from sqlalchemy.orm import Session

from pcrm.config import Settings
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity import repository as _repository
from pcrm.identity import schemas as _schemas
from pcrm.identity import service as _identity
from pcrm.identity.auth import CurrentPrincipal, current_principal, optional_principal, require
from pcrm.identity.permissions import ROLE_LABELS, Permission, Role
from pcrm.identity.principal import Principal
from pcrm.identity.schemas import AuditEntryRead, UserRef
from pcrm.identity.service import (
    active_user_refs,
    actor_names,
    history_view,
    recent_changes,
    record_history,
    record_history_view,
    user_refs,
    workspace_summary,
)

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

UserCreate = _schemas.UserCreate
UserRead = _schemas.UserRead
WorkspaceRead = _schemas.WorkspaceRead

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
    found = _repository.workspace_by_slug(db, slug)
    return None if found is None else WorkspaceRead.model_validate(found)


def create_workspace(db: Session, slug: str, name: str) -> WorkspaceRead:
    """A new workspace (a tenant), in the default currency and language."""
    return WorkspaceRead.model_validate(_identity.create_workspace(db, slug, name))


def create_user(
    db: Session, scope: WorkspaceScope, data: UserCreate, settings: Settings
) -> UserRead:
    """A user of the workspace, created by an operator (no signed-in user to check)."""
    return UserRead.model_validate(_identity.create_user(db, scope, data, settings))


def operator_principal(db: Session, workspace_slug: str, email: str) -> Principal:
    """The active user an operator acts for on the command line."""
    return _identity.operator_principal(db, workspace_slug, email)
