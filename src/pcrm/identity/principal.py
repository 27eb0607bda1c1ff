"""Who is making a request: the signed-in user (by session cookie or API token) and workspace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo

from pcrm.core.db import utcnow
from pcrm.core.errors import PermissionDenied
from pcrm.core.i18n import N_, person_name
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.permissions import Permission, Role, has_permission
from pcrm.identity.tokens import scopes as token_scopes


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: int
    workspace_id: int
    role: Role
    name: str
    english_name: str | None
    email: str
    locale: str | None
    workspace_name: str
    workspace_slug: str
    currency: str
    timezone: str
    via: Literal["session", "token", "cli", "portal"]
    credential_id: int | None = None
    # An API token's scopes (identity.tokens.scopes); None for a session or the CLI.
    scopes: frozenset[str] | None = None

    @property
    def scope(self) -> WorkspaceScope:
        return WorkspaceScope(self.workspace_id)

    def can(self, permission: Permission) -> bool:
        """The role allows it and, through a token, its scopes do too: reading (and the audit
        logs) with any scope, everything else only with a scope that writes somewhere (the
        area is checked as the request comes in, `identity.deps`)."""
        if not has_permission(self.role, permission):
            return False
        if self.scopes is None or permission in (Permission.READ, Permission.VIEW_AUDIT):
            return True
        return token_scopes.can_write(self.scopes)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(N_("You do not have permission to do this."))

    def today(self) -> date:
        """Today's date where the workspace is (not the UTC date)."""
        return utcnow().astimezone(ZoneInfo(self.timezone)).date()

    def display_name(self, locale: str) -> str:
        return person_name(self.name, self.english_name, locale)


@dataclass(frozen=True, slots=True)
class PortalPrincipal:
    """A person of the customer signed in to the portal (ADR 0007): one contact of one account
    of one workspace. Never a `Principal`: no staff route or service accepts one."""

    portal_user_id: int
    workspace_id: int
    contact_id: int
    account_id: int
    role: str  # identity.portal_users.vocab.PortalRole
    name: str
    email: str
    locale: str | None
    workspace_name: str
    timezone: str
    session_id: int

    @property
    def scope(self) -> WorkspaceScope:
        return WorkspaceScope(self.workspace_id)

    @property
    def is_approver(self) -> bool:
        return self.role == "approver"

    def today(self) -> date:
        return utcnow().astimezone(ZoneInfo(self.timezone)).date()
