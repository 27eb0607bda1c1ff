"""Background work: due items (an outbox) and the loop that runs them, once across processes.

An area declares its `Job`s on its `Area` (`jobs=`): a kind, the function that does one item's
work in its own transaction, and, for periodic work (housekeeping, statistics), how often. Work
is queued as a `DueItem` row in the same transaction as the change that asks for it
(`enqueue`), so an item exists exactly when its cause was committed; a periodic job keeps one
pending item of its own.

Every app process starts a `BackgroundLoop`; only the one holding the lease row runs (a
`worker_leases` row taken with a conditional UPDATE, renewed each round, taken over when its
holder stops renewing it), so work runs once however many processes serve. Items are claimed
before they run (`locked_until`; on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so even two
claimers never take the same row); an item whose handler fails is retried later with a growing
delay and given up after `MAX_ATTEMPTS`, keeping its last error for the operator."""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Index, String, Text, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from pcrm.config import Settings
from pcrm.core.db import Base, IdMixin, IdType, utcnow
from pcrm.core.tenancy import GLOBAL

log = logging.getLogger(__name__)

LOOP = "background"  # the lease row of the loop
LEASE = timedelta(seconds=60)  # a holder that stops renewing loses the loop after this
CLAIM = timedelta(minutes=10)  # an item claimed by a process that died runs again after this
MAX_ATTEMPTS = 8
BATCH = 20
ERROR_LENGTH = 2000

# A handler does one item's work with the session it is given (and the app's settings); the
# loop commits after it returns, or rolls back and records the error when it raises.
Handler = Callable[[Session, "DueItem", Settings], None]


class DueItem(IdMixin, Base):
    """One piece of background work, due at `due_at` (a reminder to send, a recomputation).
    `key` makes an item unique among the pending ones of its kind (a periodic job's own item,
    "the e-mail of reminder 12"): queueing it again changes nothing while it is pending."""

    __tablename__ = "due_items"
    __table_args__ = (
        Index("ix_due_items_pending", "done_at", "due_at"),
        Index("ux_due_items_pending_key", "kind", "pending_key", unique=True),
    )

    kind: Mapped[str] = mapped_column(String(60))
    workspace_id: Mapped[int | None] = mapped_column(IdType)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # the item's key while it is pending, NULL once done or given up (NULLs are not unique)
    pending_key: Mapped[str | None] = mapped_column(String(120))
    due_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class WorkerLease(Base):
    """Who runs a loop: the process whose `holder` is here until `expires_at`."""

    __tablename__ = "worker_leases"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    holder: Mapped[str] = mapped_column(String(120))
    expires_at: Mapped[datetime]


@dataclass(frozen=True, slots=True)
class Job:
    """A kind of background work an area does. `every`: periodic (the loop keeps one item of
    it pending, due that long after the last ran); None: items are queued by `enqueue`."""

    kind: str
    handler: Handler
    every: timedelta | None = None


_JOBS: dict[str, Job] = {}


def register_jobs(jobs: Iterable[Job]) -> None:
    for job in jobs:
        _JOBS[job.kind] = job


def registered_jobs() -> dict[str, Job]:
    return dict(_JOBS)


def enqueue(
    db: Session,
    kind: str,
    *,
    due_at: datetime | None = None,
    workspace_id: int | None = None,
    payload: dict[str, Any] | None = None,
    key: str | None = None,
) -> None:
    """Queue work in the caller's transaction: it exists once that commits. With a `key`, an
    item of the same kind and key still pending is left as it is."""
    values = {
        "kind": kind,
        "workspace_id": workspace_id,
        "payload": payload or {},
        "pending_key": key,
        "due_at": due_at or utcnow(),
        "attempts": 0,
        "created_at": utcnow(),
    }
    if key is None:
        db.execute(insert(DueItem).values(**values))
        return
    try:
        with db.begin_nested():
            db.execute(insert(DueItem).values(**values))
    except IntegrityError:
        pass  # already pending


# --- the lease ---------------------------------------------------------------------------------


def take_lease(db: Session, holder: str, now: datetime, name: str = LOOP) -> bool:
    """Hold (or renew) the lease `name` until now + LEASE, unless another holder's is still
    running. One conditional UPDATE, atomic on both databases; the row is made on first use."""
    renewed = db.execute(
        update(WorkerLease)
        .where(
            WorkerLease.name == name,
            (WorkerLease.holder == holder) | (WorkerLease.expires_at < now),
        )
        .values(holder=holder, expires_at=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    if renewed.rowcount:  # type: ignore[attr-defined]
        return True
    try:
        with db.begin_nested():
            db.execute(insert(WorkerLease).values(name=name, holder=holder, expires_at=now + LEASE))
    except IntegrityError:
        return False  # held by another process
    return True


def give_up_lease(db: Session, holder: str, name: str = LOOP) -> None:
    """Let another process take the loop at once (a clean shutdown)."""
    db.execute(
        update(WorkerLease)
        .where(WorkerLease.name == name, WorkerLease.holder == holder)
        .values(expires_at=utcnow() - LEASE)
        .execution_options(synchronize_session=False)
    )


# --- running due items -------------------------------------------------------------------------


def keep_periodic(db: Session, now: datetime, jobs: Iterable[Job]) -> None:
    """Each periodic job has one pending item (due now when it has never run). The pending
    ones are read first: a round every few seconds must not try an insert that the unique
    index refuses (PostgreSQL logs every such refusal)."""
    kinds = [job.kind for job in jobs if job.every is not None]
    if not kinds:
        return
    pending = set(
        db.scalars(
            select(DueItem.pending_key)
            .where(DueItem.kind.in_(kinds), DueItem.pending_key.in_(kinds))
            .execution_options(**GLOBAL)
        )
    )
    for kind in kinds:
        if kind not in pending:
            enqueue(db, kind, due_at=now, key=kind)


def claim(db: Session, now: datetime, limit: int = BATCH) -> list[int]:
    """Ids of due items this process now holds until now + CLAIM, oldest due first."""
    query = (
        select(DueItem.id)
        .where(
            DueItem.done_at.is_(None),
            DueItem.failed_at.is_(None),
            DueItem.due_at <= now,
            DueItem.locked_until.is_(None) | (DueItem.locked_until < now),
        )
        .order_by(DueItem.due_at, DueItem.id)
        .limit(limit)
    )
    if db.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    claimed = []
    for item_id in db.scalars(query.execution_options(**GLOBAL)).all():
        # conditional, so that of two claimers (SQLite has no SKIP LOCKED) only one wins
        taken = db.execute(
            update(DueItem)
            .where(
                DueItem.id == item_id,
                DueItem.locked_until.is_(None) | (DueItem.locked_until < now),
            )
            .values(locked_until=now + CLAIM, attempts=DueItem.attempts + 1)
            .execution_options(synchronize_session=False, **GLOBAL)
        )
        if taken.rowcount:  # type: ignore[attr-defined]
            claimed.append(item_id)
    return claimed


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, … minutes after the attempts so far, at most a day."""
    return min(timedelta(minutes=2 ** (attempts - 1)), timedelta(days=1))


def run_item(
    factory: sessionmaker[Session], settings: Settings, item_id: int, jobs: dict[str, Job]
) -> bool:
    """Run one claimed item in its own transaction; True when it is done."""
    with factory() as db:
        item = _item(db, item_id)
        if item is None or item.done_at is not None:
            return False
        kind = item.kind
        job = jobs.get(kind)
        try:
            if job is None:
                raise LookupError(f"no job of kind {kind!r} is registered")
            job.handler(db, item, settings)
            item.done_at, item.locked_until, item.pending_key = utcnow(), None, None
            if job.every is not None:  # its next run
                enqueue(db, job.kind, due_at=item.done_at + job.every, key=job.kind)
            db.commit()
            return True
        except Exception as exc:
            db.rollback()
            log.exception("background item %s (%s) failed", item_id, kind)
            _failed(factory, item_id, f"{type(exc).__name__}: {exc}")
            return False


def _item(db: Session, item_id: int) -> DueItem | None:
    return db.scalar(select(DueItem).where(DueItem.id == item_id).execution_options(**GLOBAL))


def _failed(factory: sessionmaker[Session], item_id: int, error: str) -> None:
    with factory() as db:
        item = _item(db, item_id)
        if item is None:
            return
        now = utcnow()
        item.last_error, item.locked_until = error[:ERROR_LENGTH], None
        if item.attempts >= MAX_ATTEMPTS:
            item.failed_at, item.pending_key = now, None
        else:
            item.due_at = now + retry_delay(item.attempts)
        db.commit()


def run_due(
    factory: sessionmaker[Session],
    settings: Settings,
    now: datetime | None = None,
    jobs: dict[str, Job] | None = None,
) -> int:
    """One round: keep the periodic items, claim what is due, run it (`jobs`: the registered
    ones unless given). The number done."""
    jobs = registered_jobs() if jobs is None else jobs
    now = now or utcnow()
    with factory() as db:
        keep_periodic(db, now, jobs.values())
        ids = claim(db, now)
        db.commit()
    return sum(run_item(factory, settings, item_id, jobs) for item_id in ids)


# --- the loop ----------------------------------------------------------------------------------


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class BackgroundLoop:
    """A daemon thread of one app process: every `interval` seconds it takes (or renews) the
    lease and, holding it, runs a round of due items. Stopped with the app."""

    def __init__(self, factory: sessionmaker[Session], settings: Settings) -> None:
        self.factory = factory
        self.settings = settings
        self.interval = settings.background_interval_seconds
        self.holder = holder_name()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="pcrm-background", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        try:
            with self.factory() as db:
                give_up_lease(db, self.holder)
                db.commit()
        except Exception:
            log.warning("could not give up the background lease", exc_info=True)

    def round(self) -> int:
        """Take or renew the lease, and run due items if held. -1 when another process holds
        it."""
        with self.factory() as db:
            held = take_lease(db, self.holder, utcnow())
            db.commit()
        return run_due(self.factory, self.settings) if held else -1

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.round()
            except Exception:
                log.exception("background round failed")
            self._stop.wait(self.interval)


# --- the platform's own periodic work ----------------------------------------------------------


def refresh_planner_statistics(db: Session, _item: DueItem, _settings: Settings) -> None:
    """PostgreSQL: `ANALYZE` every table, so the planner knows the data as it grew (where
    autovacuum is off or slow, as on the development cluster; see core.db.refresh_statistics).
    SQLite keeps its planner on the schema's indexes: nothing to do."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("ANALYZE"))


PLATFORM_JOBS = (Job("core.statistics", refresh_planner_statistics, every=timedelta(hours=6)),)
