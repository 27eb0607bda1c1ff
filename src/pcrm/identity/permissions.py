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
    """A right: reading, or changing one kind of record (an area or entity), or administering.

    Services check the narrowest right that covers the change (`principal.require(...)`), so
    the JSON API, the pages, the CLI and the demo seed obey the same table; pages pass
    `principal.can(...)` to templates only to hide what the user may not use."""

    READ = "read"
    WRITE = "write"  # records of areas that name no narrower right
    WRITE_ACCOUNTS = "write_accounts"  # accounts, their team and merges
    WRITE_CONTACTS = "write_contacts"  # contacts, their employments and merges
    WRITE_ACTIVITIES = "write_activities"  # visits, calls, meetings, notes
    WRITE_RELATIONSHIPS = "write_relationships"  # profiles, org chart, influence, acquaintances
    WRITE_COMPETITORS = "write_competitors"  # competitors and their ties to contacts
    WRITE_OPPORTUNITIES = "write_opportunities"  # opportunities, team, decision chain, documents
    WRITE_TENDERS = "write_tenders"  # tenders, vendors, scores and quote rounds
    WRITE_PROJECTS = "write_projects"  # projects and what hangs on them
    WRITE_SERVICE = "write_service"  # after-sales: maintenance plans, service requests
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    MANAGE_WORKSPACE = "manage_workspace"


_EVERYONE = {Permission.READ}
_STAFF = _EVERYONE | {Permission.WRITE}
_RECORDS = frozenset(
    {
        Permission.WRITE_ACCOUNTS,
        Permission.WRITE_CONTACTS,
        Permission.WRITE_ACTIVITIES,
        Permission.WRITE_RELATIONSHIPS,
        Permission.WRITE_COMPETITORS,
        Permission.WRITE_OPPORTUNITIES,
        Permission.WRITE_TENDERS,
        Permission.WRITE_PROJECTS,
        Permission.WRITE_SERVICE,
    }
)
_CUSTOMERS = _RECORDS - {Permission.WRITE_PROJECTS, Permission.WRITE_SERVICE}
_DELIVERY = {
    Permission.WRITE_CONTACTS,
    Permission.WRITE_ACTIVITIES,
    Permission.WRITE_PROJECTS,
    Permission.WRITE_SERVICE,
}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.ADMIN: frozenset(Permission),
    Role.MANAGER: frozenset(_STAFF | _RECORDS | {Permission.VIEW_AUDIT}),
    Role.SALES: frozenset(_STAFF | _CUSTOMERS),
    Role.DELIVERY: frozenset(_STAFF | _DELIVERY),
    Role.VIEWER: frozenset(_EVERYONE),
}

# English, for docs/security.md (rights_table); the pages show roles by ROLE_HELP.
PERMISSION_LABELS: dict[Permission, str] = {
    Permission.READ: "Read every record of the workspace",
    Permission.WRITE: "Change records of areas that name no narrower right",
    Permission.WRITE_ACCOUNTS: "Create, edit, archive and merge accounts; account teams",
    Permission.WRITE_CONTACTS: "Create, edit, archive and merge contacts",
    Permission.WRITE_ACTIVITIES: "Log, edit and archive activities",
    Permission.WRITE_RELATIONSHIPS: (
        "Contact profiles, org charts, influence, dotted lines, acquaintances"
    ),
    Permission.WRITE_COMPETITORS: "Competitors and their ties to contacts",
    Permission.WRITE_OPPORTUNITIES: (
        "Opportunities: stages, closing, team, relations, decision chain, documents, review"
    ),
    Permission.WRITE_TENDERS: "Tenders, vendors, scores and quote rounds",
    Permission.WRITE_PROJECTS: "Projects and what hangs on them",
    Permission.WRITE_SERVICE: "After-sales: maintenance plans, service requests, complaints",
    Permission.VIEW_AUDIT: "See the whole workspace's audit log",
    Permission.MANAGE_USERS: "Invite users, change roles, deactivate",
    Permission.MANAGE_WORKSPACE: "Workspace settings",
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
    Role.DELIVERY: N_(
        "Reads customers and opportunities; edits contacts, activities, projects and "
        "after-sales service."
    ),
    Role.VIEWER: N_("Reads everything, changes nothing."),
}


def has_permission(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def rights_table() -> str:
    """The permission table in Markdown, one row per right and a column per role: what
    docs/security.md shows under "Roles and rights" (a test keeps the two the same)."""
    roles = list(Role)
    lines = [
        "| Right | " + " | ".join(role.value for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for permission in Permission:
        marks = ["yes" if has_permission(role, permission) else "—" for role in roles]
        label = f"`{permission.value}`: {PERMISSION_LABELS[permission]}"
        lines.append(f"| {label} | " + " | ".join(marks) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # uv run python -m pcrm.identity.permissions
    print(rights_table(), end="")
