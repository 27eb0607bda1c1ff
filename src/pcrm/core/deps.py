"""FastAPI dependencies shared by every area: the request's unit of work and the settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from pcrm.config import Settings


def get_db(request: Request) -> Iterator[Session]:
    """One transaction per request: commit when the handler succeeds, roll back when it raises.

    A handler that answers with an error without raising (a form re-rendered with its messages)
    calls `db.rollback()` first, so nothing half-written survives.
    """
    session: Session = request.app.state.session_factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    else:
        run_after_commit(session)
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


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DB = Annotated[Session, Depends(get_db, scope="function")]
AppSettings = Annotated[Settings, Depends(get_settings)]
