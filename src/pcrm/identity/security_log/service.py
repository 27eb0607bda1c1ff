"""Writing security events and reading them back.

`record` appends in the caller's transaction (a sign-in, a token made: the event stands or
falls with what it tells). `record_apart` appends in a transaction of its own, for what is
refused: the request's own work is rolled back, the event must stay. Both fill in the time,
the request id and, when the caller did not say, the client's IP and user agent."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from pcrm.core.context import current_client, current_request_id
from pcrm.core.db import unit_of_work, utcnow
from pcrm.core.pagination import Page, PageRequest
from pcrm.identity.permissions import Permission
from pcrm.identity.principal import Principal
from pcrm.identity.security_log import repository as repo
from pcrm.identity.security_log.schemas import SecurityEventNote, SecurityEventRead
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome

log = logging.getLogger("pcrm.security")


def _row(note: SecurityEventNote, at: datetime | None) -> dict[str, Any]:
    row = note.model_dump()
    client = current_client()
    if client is not None:
        row["ip"] = row["ip"] or client[0]
        row["user_agent"] = row["user_agent"] or client[1]
    row["ip"] = (row["ip"] or "")[:64] or None
    row["user_agent"] = (row["user_agent"] or "")[:300] or None
    row["email"] = (row["email"] or "")[:254] or None
    row["detail"] = (row["detail"] or "")[:300] or None
    row["occurred_at"] = at or utcnow()
    row["request_id"] = current_request_id()
    return row


def record(db: Session, note: SecurityEventNote, at: datetime | None = None) -> None:
    """Append the event in the caller's transaction."""
    repo.append(db, _row(note, at))


def record_apart(factory: sessionmaker[Session], note: SecurityEventNote) -> None:
    """Append the event in a transaction of its own; a failure is logged, never raised (the
    answer to the client does not depend on it)."""
    try:
        with unit_of_work(factory) as db:
            repo.append(db, _row(note, None))
    except Exception:
        log.exception("could not write security event %s", note.kind)


def principal_note(
    principal: Principal | None, kind: SecurityEventKind, outcome: SecurityOutcome, detail: str
) -> SecurityEventNote:
    """An event about what a signed-in user (or token) did; anonymous when no one is."""
    if principal is None:
        return SecurityEventNote(kind=kind, outcome=outcome, detail=detail)
    return SecurityEventNote(
        kind=kind,
        outcome=outcome,
        workspace_id=principal.workspace_id,
        user_id=principal.user_id,
        email=principal.email,
        credential_id=principal.credential_id if principal.via != "cli" else None,
        detail=detail,
    )


def list_events(
    db: Session,
    principal: Principal,
    page: PageRequest,
    *,
    kind: SecurityEventKind | None = None,
    outcome: SecurityOutcome | None = None,
    user_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Page[SecurityEventRead]:
    """A page of the workspace's security events, newest first; dates are days where the
    workspace is, both included."""
    principal.require(Permission.VIEW_AUDIT)
    zone = ZoneInfo(principal.timezone)
    since = datetime.combine(date_from, time(), zone) if date_from else None
    until = datetime.combine(date_to + timedelta(days=1), time(), zone) if date_to else None
    rows, total = repo.events_page(
        db,
        principal.scope,
        page,
        kind=kind,
        outcome=outcome,
        user_id=user_id,
        since=since,
        until=until,
    )
    items = [SecurityEventRead.model_validate(r) for r in rows]
    return Page[SecurityEventRead].of(items, total, page)
