"""What other areas may use from identity: who is asking, what they may do, and the audit trail
of a record; and, for the assembly layer (the CLI, the demo seed), the principal an operator
acts as. Returns schemas or plain dataclasses, never ORM objects."""

from pcrm.identity.audit.schemas import AuditEntryRead
from pcrm.identity.audit.service import (
    actor_names,
    history_view,
    recent_changes,
    record_history,
    record_history_view,
)
from pcrm.identity.auth import CurrentPrincipal, current_principal, optional_principal, require
from pcrm.identity.permissions import ROLE_LABELS, Permission, Role
from pcrm.identity.principal import Principal
from pcrm.identity.sessions.service import operator_principal
from pcrm.identity.users.schemas import UserRef
from pcrm.identity.users.service import active_user_refs, user_refs
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
    "operator_principal",
    "optional_principal",
    "recent_changes",
    "record_history",
    "record_history_view",
    "require",
    "user_refs",
    "workspace_summary",
]
