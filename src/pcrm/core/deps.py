"""FastAPI dependencies shared by every area: the request's unit of work and the settings."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import Depends, Request
from sqlalchemy.orm import Session

from pcrm.config import Settings


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: commit when the handler succeeds, roll back when it raises.

    A handler that answers with an error without raising (a form re-rendered with its messages)
    calls `db.rollback()` first, so nothing half-written survives.

    Opening a session touches no database, so it happens on the event loop; the commit or
    rollback goes to a worker thread, shielded so that a client hanging up cannot leave the
    session open. (A synchronous generator would cost two thread hand-offs per request.)
    """
    session: Session = request.app.state.session_factory()
    try:
        yield session
    except BaseException:
        await _in_thread(_discard, session)
        raise
    await _in_thread(_finish, session)


async def _in_thread(end: Callable[[Session], None], session: Session) -> None:
    """Outside the handlers' thread limit, as FastAPI ends its own generator dependencies: were
    the ends to wait for the threads that handlers hold while they wait for a pooled
    connection, no session would give one back."""
    with anyio.CancelScope(shield=True):
        await anyio.to_thread.run_sync(end, session, limiter=anyio.CapacityLimiter(1))


def _finish(session: Session) -> None:
    try:
        session.commit()
    except BaseException:
        _discard(session)
        raise
    try:
        run_after_commit(session)
    finally:
        session.close()


def _discard(session: Session) -> None:
    try:
        session.rollback()
    finally:
        session.close()


AFTER_COMMIT = "pcrm_after_commit"


def after_commit(session: Session, work: Callable[[Session], object]) -> None:
    """Bookkeeping (a token's last use) done in its own short transaction once the request's
    work is committed, so it never turns a reading request into a writer that can collide
    with another on SQLite, and its failure never fails the request."""
    session.info.setdefault(AFTER_COMMIT, []).append(work)


def run_after_commit(session: Session) -> None:
    for work in session.info.pop(AFTER_COMMIT, []):
        try:
            work(session)
            session.commit()
        except Exception:
            session.rollback()


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DB = Annotated[Session, Depends(get_db, scope="function")]
AppSettings = Annotated[Settings, Depends(get_settings)]
