"""Roles and what each may do. Checked on the server for every route."""

from __future__ import annotations

from enum import StrEnum

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
