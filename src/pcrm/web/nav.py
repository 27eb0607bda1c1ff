"""Navigation of the shell. An area's entry gets its `href` when the area ships; until then it
is shown greyed out and marked as coming, never as a working page."""

from __future__ import annotations

from dataclasses import dataclass

from pcrm.core.i18n import N_
from pcrm.identity.permissions import Permission


@dataclass(frozen=True, slots=True)
class NavItem:
    key: str
    label: str
    icon: str
    href: str | None
    permission: Permission = Permission.READ


MAIN_NAV: tuple[NavItem, ...] = (
    NavItem("home", N_("Workbench"), "home", "/"),
    NavItem("accounts", N_("Accounts"), "building", "/accounts"),
    NavItem("contacts", N_("Contacts"), "user", "/contacts"),
    NavItem("activities", N_("Activities"), "chat", "/activities"),
    NavItem("relationships", N_("Relationships"), "network", "/relationships"),
    NavItem("opportunities", N_("Opportunities"), "target", "/opportunities"),
    NavItem("projects", N_("Projects"), "kanban", None),
    NavItem("loyalty", N_("Satisfaction & loyalty"), "heart", None),
    NavItem("analytics", N_("Analytics"), "chart", None),
)

ADMIN_NAV: tuple[NavItem, ...] = (
    NavItem("users", N_("Users"), "users", "/admin/users", Permission.MANAGE_USERS),
    NavItem(
        "workspace",
        N_("Workspace settings"),
        "settings",
        "/admin/workspace",
        Permission.MANAGE_WORKSPACE,
    ),
    NavItem("audit", N_("Audit log"), "history", "/admin/audit", Permission.VIEW_AUDIT),
)
