"""Every query of API tokens. The look-up by token is global on purpose: the token is what
tells us the workspace."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import GLOBAL, WorkspaceScope
from pcrm.identity.tokens.models import ApiToken
from pcrm.identity.users.models import User
from pcrm.identity.workspaces.models import Workspace


def api_token_with_user(db: Session, token_hash: str) -> tuple[ApiToken, User, Workspace] | None:
    """Global on purpose: the token hash is the credential that tells us the workspace."""
    query = (
        select(ApiToken, User, Workspace)
        .join(User, User.id == ApiToken.user_id)
        .join(Workspace, Workspace.id == ApiToken.workspace_id)
        .where(ApiToken.token_hash == token_hash)
        .execution_options(**GLOBAL)
    )
    row = db.execute(query).first()
    return (row[0], row[1], row[2]) if row else None


def user_tokens(db: Session, scope: WorkspaceScope, user_id: int) -> Sequence[ApiToken]:
    query = (
        select(ApiToken)
        .where(ApiToken.workspace_id == scope.workspace_id, ApiToken.user_id == user_id)
        .order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc())
    )
    return db.scalars(query).all()


def api_token(db: Session, scope: WorkspaceScope, user_id: int, token_id: int) -> ApiToken:
    found = db.scalar(
        select(ApiToken).where(
            ApiToken.workspace_id == scope.workspace_id,
            ApiToken.user_id == user_id,
            ApiToken.id == token_id,
        )
    )
    if found is None:
        raise NotFound()
    return found


def touch_token(
    db: Session, scope: WorkspaceScope, token_id: int, used_at: datetime, *, first_use: bool
) -> bool:
    """Record when the token was last used (shown on its owner's list). For its first use,
    only if no other request recorded one meanwhile: whether this one did."""
    query = update(ApiToken).where(
        ApiToken.workspace_id == scope.workspace_id, ApiToken.id == token_id
    )
    if first_use:
        query = query.where(ApiToken.last_used_at.is_(None))
    result = db.execute(query.values(last_used_at=used_at))
    return first_use and bool(result.rowcount)  # type: ignore[attr-defined]
