"""The audit trail: every create, update and delete of an audited row writes an entry in the
same transaction, with actor, workspace, UTC time, entity, id, action, the before/after values
of the changed fields and the request id.

Services never write audit rows by hand: models opt in with `Audited` and the flush hook below
records what actually changed, so no write path can forget it. Entries are append-only: the ORM
refuses to update or delete them and no route exposes a write.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Index, String, event, insert
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.orm.attributes import get_history
from sqlalchemy.orm.base import instance_state

from pcrm.core.context import current_request_id
from pcrm.core.db import Base, IdMixin, IdType, record_time

ACTOR_KEY = "pcrm_actor"


class Audited:
    """Mixin for models whose changes are recorded. Subclasses set `__audit_entity__`."""

    __audit_entity__: ClassVar[str]
    __audit_exclude__: ClassVar[frozenset[str]] = frozenset()
    __audit_label__: ClassVar[str | None] = "name"  # the attribute that names the record


class AppendOnly:
    """Mixin for log tables (the audit trail, the security log): the ORM refuses to update or
    delete their rows."""


class AuditEntry(IdMixin, AppendOnly, Base):
    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_entity", "workspace_id", "entity_type", "entity_id", "id"),
    )

    workspace_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    occurred_at: Mapped[datetime] = mapped_column(default=record_time)
    actor_user_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    actor_label: Mapped[str] = mapped_column(String(200))
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int] = mapped_column(IdType)
    entity_label: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class AuditTamperError(RuntimeError):
    pass


def set_actor(session: Session, user_id: int | None, label: str) -> None:
    """Who the session's changes are attributed to (a user, or e.g. 'cli', 'system')."""
    session.info[ACTOR_KEY] = (user_id, label)


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _audited_columns(obj: Audited) -> list[str]:
    mapper = instance_state(obj).mapper
    skip = {"id", "workspace_id", "version", "created_at", "updated_at", *obj.__audit_exclude__}
    return [attr.key for attr in mapper.column_attrs if attr.key not in skip]


def _label(obj: Any) -> str | None:
    attribute = obj.__audit_label__
    value = getattr(obj, attribute, None) if attribute else None
    return str(value)[:200] if value else None


def _workspace_of(obj: Any) -> int:
    return int(obj.workspace_id if hasattr(obj, "workspace_id") else obj.id)


def _entries_for(session: Session) -> list[dict[str, Any]]:
    actor_id, actor_label = session.info.get(ACTOR_KEY, (None, "system"))
    request_id = current_request_id()
    rows: list[dict[str, Any]] = []

    def add(obj: Any, action: str, changes: dict[str, Any]) -> None:
        rows.append(
            {
                "workspace_id": _workspace_of(obj),
                "occurred_at": record_time(),
                "actor_user_id": actor_id,
                "actor_label": actor_label,
                "entity_type": obj.__audit_entity__,
                "entity_id": obj.id,
                "entity_label": _label(obj),
                "action": action,
                "changes": changes,
                "request_id": request_id,
            }
        )

    for obj in session.new:
        if isinstance(obj, Audited):
            after = {k: _plain(getattr(obj, k)) for k in _audited_columns(obj)}
            add(obj, "create", {k: [None, v] for k, v in after.items() if v is not None})
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            changes: dict[str, Any] = {}
            for key in _audited_columns(obj):
                history = get_history(obj, key)
                if not history.has_changes():
                    continue
                before = history.deleted[0] if history.deleted else None
                after_value = history.added[0] if history.added else None
                if before != after_value:
                    changes[key] = [_plain(before), _plain(after_value)]
            if changes:
                add(obj, "update", changes)
    for obj in session.deleted:
        if isinstance(obj, Audited):
            before = {k: _plain(getattr(obj, k)) for k in _audited_columns(obj)}
            add(obj, "delete", {k: [v, None] for k, v in before.items() if v is not None})
    return rows


def install_audit_hooks(factory: sessionmaker[Session]) -> None:
    @event.listens_for(factory, "before_flush")
    def _refuse_tamper(session: Session, _ctx: Any, _instances: Any) -> None:
        for obj in (*session.dirty, *session.deleted):
            if isinstance(obj, AppendOnly):
                raise AuditTamperError(f"{type(obj).__name__} rows are append-only")

    @event.listens_for(factory, "after_flush")
    def _write_entries(session: Session, _ctx: Any) -> None:
        rows = _entries_for(session)
        if rows:
            session.connection().execute(insert(AuditEntry), rows)
