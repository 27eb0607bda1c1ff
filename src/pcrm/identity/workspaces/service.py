"""Workspaces, the tenants of PCRM: created by an operator, their settings changed by those
who manage them, and the summary the workbench shows. Services flush; the unit of work
commits."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from pcrm.core.errors import FieldError, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_
from pcrm.identity.permissions import Permission
from pcrm.identity.principal import Principal
from pcrm.identity.tokens import repository as tokens_repo
from pcrm.identity.tokens.service import forget_api_tokens
from pcrm.identity.users import repository as users_repo
from pcrm.identity.workspaces import repository as repo
from pcrm.identity.workspaces.models import Workspace
from pcrm.identity.workspaces.schemas import WorkspaceUpdate

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$")


def create_workspace(
    db: Session, slug: str, name: str, currency: str = "CNY", default_locale: str = "zh_CN"
) -> Workspace:
    errors = []
    if not SLUG_RE.match(slug):
        errors.append(FieldError("slug", N_("Use 3-40 lower-case letters, digits and hyphens.")))
    if not name.strip() or len(name) > 120:
        errors.append(FieldError("name", N_("Enter a name of 1 to 120 characters.")))
    if errors:
        raise ValidationFailed(errors)
    if repo.workspace_by_slug(db, slug) is not None:
        raise field_error("slug", N_("This workspace already exists."), "unique")
    workspace = Workspace(
        slug=slug, name=name.strip(), currency=currency, default_locale=default_locale
    )
    db.add(workspace)
    db.flush()
    return workspace


def update_workspace(
    db: Session, principal: Principal, data: WorkspaceUpdate, expected_version: int | None
) -> Workspace:
    principal.require(Permission.MANAGE_WORKSPACE)
    workspace = repo.workspace(db, principal.scope)
    check_version(workspace.version, expected_version)
    for key, value in data.model_dump(exclude_unset=True).items():
        if value is not None:
            setattr(workspace, key, value)
    db.flush()
    forget_api_tokens(db)
    return workspace


def workspace_of(db: Session, principal: Principal) -> Workspace:
    return repo.workspace(db, principal.scope)


def workspace_summary(db: Session, principal: Principal) -> dict[str, int]:
    principal.require(Permission.READ)
    return {
        "users": users_repo.count_users(db, principal.scope),
        "tokens": len(
            [
                t
                for t in tokens_repo.user_tokens(db, principal.scope, principal.user_id)
                if t.revoked_at is None
            ]
        ),
    }
