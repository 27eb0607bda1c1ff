"""View-models of the users' pages: one's profile, the users of the workspace with their
invitations, one user, and the invitee's page of an invitation."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from pcrm.core.forms import FormErrors
from pcrm.core.i18n import translate
from pcrm.core.pagination import PageRequest
from pcrm.identity.audit import service as audit
from pcrm.identity.permissions import ROLE_HELP, ROLE_LABELS, Role
from pcrm.identity.principal import Principal
from pcrm.identity.users import service

ROLE_VALUES = {role.value: label for role, label in ROLE_LABELS.items()}


def role_options(principal: Principal, locale: str) -> list[tuple[str, str]]:
    """The roles the principal may grant: the owner role only by an owner."""
    roles = [r for r in Role if r != Role.OWNER or principal.role == Role.OWNER]
    return [(r.value, translate(locale, ROLE_LABELS[r])) for r in roles]


def invitation(
    db: Session,
    token: str,
    *,
    form: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    """The invitee's page of an open invitation, with the form to choose a name and a
    password; a used, revoked or expired link is not found."""
    found, workspace = service.open_invitation(db, token)
    return {
        "invitation": found,
        "workspace_name": workspace.name,
        "errors": errors or {},
        "form": form or {"name": found.name},
        "token": token,
    }


def profile(
    db: Session,
    principal: Principal,
    locale: str,
    *,
    notice: str | None = None,
    profile_errors: FormErrors | None = None,
    password_errors: FormErrors | None = None,
) -> dict[str, Any]:
    user = service.get_user(db, principal, principal.user_id)
    return {
        "user": user,
        "profile_errors": profile_errors or {},
        "password_errors": password_errors or {},
        "role_label": translate(locale, ROLE_LABELS[user.role]),
        "notice": notice,
    }


def users(
    db: Session,
    principal: Principal,
    locale: str,
    *,
    q: str | None = None,
    role: str | None = None,
    status: str | None = None,
    page: int = 1,
    notice: str | None = None,
    invite_form: dict[str, Any] | None = None,
    invite_errors: FormErrors | None = None,
    new_invitation_url: str | None = None,
) -> dict[str, Any]:
    """A page of the workspace's users by name, role and status, the pending invitations, and
    the invitation form (with its messages, or the link of the invitation just made)."""
    role_filter = Role(role) if role in {r.value for r in Role} else None
    active = {"active": True, "inactive": False}.get(status or "")
    found = service.list_users(
        db,
        principal,
        PageRequest.checked(page, 50),
        q=q or None,
        role=role_filter,
        is_active=active,
    )
    query = urlencode({k: v for k, v in {"q": q, "role": role, "status": status}.items() if v})
    return {
        "users": found,
        "q": q or "",
        "role": role or "",
        "status": status or "",
        "base_url": f"/admin/users?{query}&" if query else "/admin/users?",
        "role_labels": ROLE_VALUES,
        "role_options": role_options(principal, locale),
        "invitations": service.list_invitations(db, principal),
        "invite_errors": invite_errors or {},
        "invite_form": invite_form or {"email": "", "name": "", "role": Role.SALES.value},
        "new_invitation_url": new_invitation_url,
        "notice": notice,
    }


def user(
    db: Session,
    principal: Principal,
    user_id: int,
    locale: str,
    *,
    notice: str | None = None,
    form: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    """One user with the form to change them (the posted values when sent back) and their
    history."""
    found = service.get_user(db, principal, user_id)
    history = audit.record_history(db, principal, "user", found.id)
    return {
        "user": found,
        "errors": errors or {},
        "form": form,
        "notice": notice,
        "role_label": translate(locale, ROLE_LABELS[found.role]),
        "role_options": role_options(principal, locale),
        "role_help": [
            (translate(locale, ROLE_LABELS[r]), translate(locale, ROLE_HELP[r])) for r in Role
        ],
        "history": audit.history_view(db, principal, history, locale),
        "is_self": found.id == principal.user_id,
    }
