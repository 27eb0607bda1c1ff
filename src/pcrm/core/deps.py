"""FastAPI dependencies shared by every area: the request's unit of work and the settings,
and the route class that ends the unit of work in the handler's own thread."""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import Depends, Request
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from pcrm.config import Settings
from pcrm.core.contract import int_path_params, is_api_path


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: commit when the handler succeeds, roll back when it raises.

    A handler that answers with an error without raising (a form re-rendered with its messages)
    calls `db.rollback()` first, so nothing half-written survives.

    Opening a session touches no database, so it happens on the event loop. A `def` handler
    of a `SessionRoute` commits or rolls back in its own thread; what no handler ended (an
    `async def` handler, a dependency that failed first) is ended here, in a worker thread,
    shielded so that a client hanging up cannot leave the session open. (A synchronous
    generator would cost two thread hand-offs per request.)
    """
    session: Session = request.app.state.session_factory()
    ends: anyio.CapacityLimiter = request.app.state.session_ends
    try:
        yield session
    except BaseException:
        if not session.info.get(ENDED):
            await _in_thread(_discard, session, ends)
        raise
    if not session.info.get(ENDED):
        await _in_thread(_finish, session, ends)


async def _in_thread(
    end: Callable[[Session], None], session: Session, ends: anyio.CapacityLimiter
) -> None:
    """Outside the handlers' thread limit, under a limit of its own (`ends`, as many as the
    handlers' threads): were the ends to wait for the threads that handlers hold while they
    wait for a pooled connection, no session would give one back."""
    with anyio.CancelScope(shield=True):
        await anyio.to_thread.run_sync(end, session, limiter=ends)


ENDED = "pcrm_ended"


class SessionRoute(APIRoute):
    """The route class of every router: a plain `def` handler commits (or, when it raises,
    rolls back) the request's session in its own worker thread as soon as it returns, and
    gives the connection back before the response is serialised and sent.

    Left to `get_db`, the end of the session was a thread hand-off of its own after the
    handler's, and the connection stayed checked out in between: at concurrency 8 with two
    worker threads, seven connections were out at once and the pool opened and closed one per
    request. `get_db` still ends a session the handler did not (an `async def` handler, or a
    dependency that failed before the handler ran)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if is_api_path(path):  # a non-numeric id names no record (core.contract)
            path = int_path_params(path, endpoint)
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _ending_sessions(endpoint)
        super().__init__(path, endpoint, **kwargs)


def _ending_sessions(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(endpoint)  # FastAPI reads the handler's signature through __wrapped__
    def handle(*args: Any, **kwargs: Any) -> Any:
        sessions = [value for value in kwargs.values() if isinstance(value, Session)]
        try:
            result = endpoint(*args, **kwargs)
        except BaseException:
            for session in sessions:
                _end(session, _discard)
            raise
        for session in sessions:
            _end(session, _finish)
        return result

    return handle


def _end(session: Session, end: Callable[[Session], None]) -> None:
    if not session.info.get(ENDED):
        session.info[ENDED] = True
        end(session)


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
