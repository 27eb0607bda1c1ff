"""The identity area's declaration: workspaces, users and roles, sign-in, API tokens, the audit
log (see `pcrm.core.areas`)."""

from __future__ import annotations

from datetime import timedelta

from pcrm.core.areas import Area, NavEntry
from pcrm.core.history import EntityLabels, HistoryLabels
from pcrm.core.i18n import N_, currency_name
from pcrm.core.jobs import Job
from pcrm.identity.audit import routes_api as audit_api
from pcrm.identity.audit import routes_html as audit_pages
from pcrm.identity.permissions import ROLE_LABELS, Permission, Role
from pcrm.identity.portal_users import models as portal_user_models
from pcrm.identity.portal_users.vocab import PORTAL_ROLE_LABELS, PortalRole
from pcrm.identity.security_log import models as security_log_models
from pcrm.identity.security_log import routes_api as security_log_api
from pcrm.identity.security_log import routes_html as security_log_pages
from pcrm.identity.sessions import models as session_models
from pcrm.identity.sessions import routes_api as session_api
from pcrm.identity.sessions import routes_html as session_pages
from pcrm.identity.sessions.service import purge_sign_in_data
from pcrm.identity.tokens import models as token_models
from pcrm.identity.tokens import routes_api as token_api
from pcrm.identity.tokens import routes_html as token_pages
from pcrm.identity.users import models as user_models
from pcrm.identity.users import routes_api as user_api
from pcrm.identity.users import routes_html as user_pages
from pcrm.identity.users.service import user_references
from pcrm.identity.workspaces import models as workspace_models
from pcrm.identity.workspaces import routes_api as workspace_api
from pcrm.identity.workspaces import routes_html as workspace_pages

AREA = Area(
    name="identity",
    summary="Workspaces, users and roles, sign-in sessions, API tokens, invitations, audit log, "
    "security log.",
    api=(
        session_api.router,
        workspace_api.router,
        user_api.router,
        token_api.router,
        audit_api.router,
        security_log_api.router,
    ),
    pages=(
        session_pages.router,
        user_pages.router,
        token_pages.router,
        workspace_pages.router,
        audit_pages.router,
        security_log_pages.router,
    ),
    jobs=(Job("identity.sign_in_housekeeping", purge_sign_in_data, every=timedelta(hours=6)),),
    models=(
        workspace_models,
        user_models,
        session_models,
        token_models,
        security_log_models,
        portal_user_models,
    ),
    nav=(
        NavEntry(
            "users",
            N_("Users"),
            "users",
            "/admin/users",
            order=910,
            section="admin",
            permission=Permission.MANAGE_USERS,
        ),
        NavEntry(
            "workspace",
            N_("Workspace settings"),
            "settings",
            "/admin/workspace",
            order=920,
            section="admin",
            permission=Permission.MANAGE_WORKSPACE,
        ),
        NavEntry(
            "audit",
            N_("Audit log"),
            "history",
            "/admin/audit",
            order=930,
            section="admin",
            permission=Permission.VIEW_AUDIT,
        ),
        NavEntry(
            "security",
            N_("Security log"),
            "key",
            "/admin/security",
            order=935,
            section="admin",
            permission=Permission.VIEW_AUDIT,
        ),
    ),
    history=HistoryLabels(
        entities={
            "user": EntityLabels(N_("User"), link="/admin/users/{id}"),
            "workspace": EntityLabels(
                N_("Workspace"),
                {
                    "name": N_("Workspace name"),
                    "sign_off_reminder_days": N_("Sign-off late after (days)"),
                    "conflict_escalation_days": N_("Conflict escalated after (days)"),
                },
            ),
            "api_token": EntityLabels(N_("API token"), {"name": N_("Token name")}),
            "invitation": EntityLabels(N_("Invitation")),
            "portal_user": EntityLabels(
                N_("Portal user"),
                {
                    "role": N_("Portal role"),
                    "contact_id": N_("Contact"),
                    "account_id": N_("Account"),
                    "invited_at": N_("Invited at"),
                    "invitation_expires_at": N_("Invitation expires"),
                    "deactivation_reason": N_("Why deactivated"),
                },
            ),
        },
        fields={
            "name": N_("Name"),
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
            "scopes": N_("Scopes"),
            "expires_at": N_("Expires"),
            "revoked_at": N_("Revoked at"),
            "accepted_at": N_("Accepted at"),
            "user_id": N_("User"),
            "invited_by_id": N_("Invited by"),
        },
        vocabularies={
            Role: {role.value: label for role, label in ROLE_LABELS.items()},
            PortalRole: dict(PORTAL_ROLE_LABELS),
        },
        resolvers={"user": user_references},
        formats={"currency": currency_name},
    ),
)
