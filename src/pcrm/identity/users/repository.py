"""Every query of users and invitations. Tenant queries take a WorkspaceScope; the few global
ones say why."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.pagination import PageRequest, paginate, parse_sort
from pcrm.core.tenancy import GLOBAL, WorkspaceScope
from pcrm.identity.permissions import Role
from pcrm.identity.users.models import Invitation, User
from pcrm.identity.workspaces.models import Workspace

# --- users -------------------------------------------------------------------------------------


def user(db: Session, scope: WorkspaceScope, user_id: int) -> User:
    found = db.scalar(
        select(User).where(User.workspace_id == scope.workspace_id, User.id == user_id)
    )
    if found is None:
        raise NotFound()
    return found


def user_by_email(db: Session, scope: WorkspaceScope, email: str) -> User | None:
    return db.scalar(
        select(User).where(User.workspace_id == scope.workspace_id, User.email == email.lower())
    )


def email_taken(db: Session, email: str) -> bool:
    """Global on purpose: e-mail addresses are unique across workspaces."""
    query = select(User.id).where(User.email == email.lower()).execution_options(**GLOBAL)
    return db.scalar(query) is not None


USER_SORTS = {
    "name": User.name,
    "email": User.email,
    "role": User.role,
    "created_at": User.created_at,
    "last_login_at": User.last_login_at,
}


def users_page(
    db: Session,
    scope: WorkspaceScope,
    page: PageRequest,
    *,
    q: str | None = None,
    role: Role | None = None,
    is_active: bool | None = None,
    sort: str | None = None,
) -> tuple[list[User], int]:
    """One page of the workspace's users matching the filters, and how many match in all.
    `sort` is `name` (the default), `email`, `role`, `created_at` or `last_login_at`, `-` first
    for descending; ties by id. Another sort is a 422 on `sort`."""
    order = parse_sort(sort, USER_SORTS, "name")
    return paginate(db, _users(scope, q, role, is_active).order_by(*order, User.id), page)


def _users(
    scope: WorkspaceScope, q: str | None, role: Role | None, is_active: bool | None
) -> Select[User]:
    query = select(User).where(User.workspace_id == scope.workspace_id)
    if q:
        like = f"%{q.lower()}%"
        query = query.where(
            or_(
                func.lower(User.name).like(like),
                func.lower(User.english_name).like(like),
                User.email.like(like),
            )
        )
    if role is not None:
        query = query.where(User.role == role)
    if is_active is not None:
        query = query.where(User.is_active == is_active)
    return query


def active_owner_count(db: Session, scope: WorkspaceScope) -> int:
    query = (
        select(func.count())
        .select_from(User)
        .where(
            User.workspace_id == scope.workspace_id,
            User.role == Role.OWNER,
            User.is_active.is_(True),
        )
    )
    return int(db.scalar(query) or 0)


def count_users(db: Session, scope: WorkspaceScope) -> int:
    query = select(func.count()).select_from(User).where(User.workspace_id == scope.workspace_id)
    return int(db.scalar(query) or 0)


# --- invitations -------------------------------------------------------------------------------


def invitation(db: Session, scope: WorkspaceScope, invitation_id: int) -> Invitation:
    found = db.scalar(
        select(Invitation).where(
            Invitation.workspace_id == scope.workspace_id, Invitation.id == invitation_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def invitation_by_token(db: Session, token_hash: str) -> tuple[Invitation, Workspace] | None:
    """Global on purpose: the invitation link is the credential that tells us the workspace."""
    query = (
        select(Invitation, Workspace)
        .join(Workspace, Workspace.id == Invitation.workspace_id)
        .where(Invitation.token_hash == token_hash)
        .execution_options(**GLOBAL)
    )
    row = db.execute(query).first()
    return (row[0], row[1]) if row else None


def pending_invitations(db: Session, scope: WorkspaceScope, now: datetime) -> Sequence[Invitation]:
    query = (
        select(Invitation)
        .where(
            Invitation.workspace_id == scope.workspace_id,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .order_by(Invitation.id.desc())
    )
    return db.scalars(query).all()


def users_by_ids(db: Session, scope: WorkspaceScope, ids: set[int]) -> dict[int, User]:
    if not ids:
        return {}
    query = select(User).where(User.workspace_id == scope.workspace_id, User.id.in_(ids))
    return {u.id: u for u in db.scalars(query)}


def all_users(db: Session, scope: WorkspaceScope) -> Sequence[User]:
    """Every user of the workspace, deactivated ones too, by name."""
    query = select(User).where(User.workspace_id == scope.workspace_id)
    return db.scalars(query.order_by(User.name, User.id)).all()


def active_users(db: Session, scope: WorkspaceScope) -> Sequence[User]:
    query = select(User).where(User.workspace_id == scope.workspace_id, User.is_active.is_(True))
    return db.scalars(query.order_by(User.name)).all()
