"""Roles and what each may do. Checked on the server for every route."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.history import register_labels
from pcrm.core.i18n import N_


class Role(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    MANAGER = "manager"
    SALES = "sales"
    DELIVERY = "delivery"
    VIEWER = "viewer"


class Permission(StrEnum):
    READ = "read"
    WRITE = "write"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    MANAGE_WORKSPACE = "manage_workspace"


_EVERYONE = {Permission.READ}
_STAFF = _EVERYONE | {Permission.WRITE}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.ADMIN: frozenset(Permission),
    Role.MANAGER: frozenset(_STAFF | {Permission.VIEW_AUDIT}),
    Role.SALES: frozenset(_STAFF),
    Role.DELIVERY: frozenset(_STAFF),
    Role.VIEWER: frozenset(_EVERYONE),
}

ROLE_LABELS: dict[Role, str] = {
    Role.OWNER: N_("Owner"),
    Role.ADMIN: N_("Administrator"),
    Role.MANAGER: N_("Manager"),
    Role.SALES: N_("Sales"),
    Role.DELIVERY: N_("Delivery"),
    Role.VIEWER: N_("Viewer"),
}

ROLE_HELP: dict[Role, str] = {
    Role.OWNER: N_("Everything, including granting the owner role."),
    Role.ADMIN: N_("Manages users and workspace settings; sees the audit log."),
    Role.MANAGER: N_("Works on all records and sees the audit log."),
    Role.SALES: N_("Works on customers and opportunities."),
    Role.DELIVERY: N_("Works on projects and their delivery."),
    Role.VIEWER: N_("Reads everything, changes nothing."),
}


def has_permission(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


register_labels(
    entities={
        "user": N_("User"),
        "workspace": N_("Workspace"),
        "api_token": N_("API token"),
        "invitation": N_("Invitation"),
    },
    fields={
        "english_name": N_("English name"),
        "email": N_("E-mail"),
        "role": N_("Role"),
        "is_active": N_("Active"),
        "locale": N_("Language"),
        "password_changed_at": N_("Password changed"),
        "deactivated_at": N_("Deactivated at"),
        "slug": N_("Short name"),
        "currency": N_("Currency"),
        "default_locale": N_("Default language"),
        "timezone": N_("Time zone"),
        "token_prefix": N_("Token"),
        "expires_at": N_("Expires"),
        "revoked_at": N_("Revoked at"),
        "accepted_at": N_("Accepted at"),
        "user_id": N_("User"),
        "invited_by_id": N_("Invited by"),
    },
    values={"role": {role.value: label for role, label in ROLE_LABELS.items()}},
    links={"user": "/admin/users/{id}"},
)
