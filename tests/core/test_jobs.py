"""Background work (core.jobs): due items run once, failures are retried later and given up,
periodic work keeps one item pending, the loop's lease lets one process run it, and the app
starts and stops its loop."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from pcrm.core.db import utcnow
from pcrm.core.jobs import (
    CLAIM,
    LEASE,
    MAX_ATTEMPTS,
    DueItem,
    Job,
    WorkerLease,
    claim,
    enqueue,
    give_up_lease,
    keep_periodic,
    register_jobs,
    retry_delay,
    run_due,
    take_lease,
)
from pcrm.core.migrate import upgrade
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.sessions.models import LoginAttempt, UserSession
from pcrm.identity.sessions.service import purge_sign_in_data
from pcrm.main import create_app
from tests.conftest import make_settings
from tests.factories import make_team


class Recorder:
    """A job's handler that records what it was given, failing while `failures` last."""

    def __init__(self, failures: int = 0) -> None:
        self.seen: list[dict[str, Any]] = []
        self.failures = failures

    def __call__(self, _db: Any, item: DueItem, _settings: Any) -> None:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("the mail server is away")
        self.seen.append(item.payload)


@pytest.fixture
def factory(app):
    return app.state.session_factory


@pytest.fixture
def settings(app):
    return app.state.settings


def _items(uow, kind: str) -> list[DueItem]:
    with uow() as db:
        query = select(DueItem).where(DueItem.kind == kind).order_by(DueItem.id)
        items = list(db.scalars(query.execution_options(**GLOBAL)))
        db.expunge_all()
        return items


def test_a_queued_item_runs_once_when_due(uow, factory, settings):
    recorder = Recorder()
    jobs = {"test.send": Job("test.send", recorder)}
    now = utcnow()
    with uow() as db:
        enqueue(db, "test.send", payload={"to": "张三"})
        enqueue(db, "test.send", payload={"to": "later"}, due_at=now + timedelta(hours=1))

    assert run_due(factory, settings, now + timedelta(seconds=1), jobs) == 1
    assert run_due(factory, settings, now + timedelta(seconds=2), jobs) == 0
    assert recorder.seen == [{"to": "张三"}]
    done, later = _items(uow, "test.send")
    assert (done.done_at is not None, done.attempts, later.done_at) == (True, 1, None)


def test_a_keyed_item_is_queued_once_while_pending(uow, factory, settings):
    recorder = Recorder()
    jobs = {"test.key": Job("test.key", recorder)}
    with uow() as db:
        enqueue(db, "test.key", payload={"n": 1}, key="reminder-12")
        enqueue(db, "test.key", payload={"n": 2}, key="reminder-12")
    run_due(factory, settings, utcnow() + timedelta(seconds=1), jobs)
    with uow() as db:  # done: the key is free again
        enqueue(db, "test.key", payload={"n": 3}, key="reminder-12")

    assert [(i.payload, i.done_at is None) for i in _items(uow, "test.key")] == [
        ({"n": 1}, False),
        ({"n": 3}, True),
    ]


def test_a_failing_item_is_retried_later_and_given_up_after_the_last_attempt(
    uow, factory, settings
):
    recorder = Recorder(failures=MAX_ATTEMPTS)
    jobs = {"test.flaky": Job("test.flaky", recorder)}
    with uow() as db:
        enqueue(db, "test.flaky", key="one")
    now = utcnow() + timedelta(seconds=1)

    assert run_due(factory, settings, now, jobs) == 0
    (item,) = _items(uow, "test.flaky")
    assert (item.attempts, item.last_error, item.locked_until, item.failed_at) == (
        1,
        "RuntimeError: the mail server is away",
        None,
        None,
    )
    assert item.due_at > now
    assert run_due(factory, settings, now, jobs) == 0

    for _ in range(MAX_ATTEMPTS - 1):
        run_due(factory, settings, utcnow() + timedelta(days=2), jobs)
    (item,) = _items(uow, "test.flaky")
    assert (item.attempts, item.failed_at is not None, item.pending_key) == (
        MAX_ATTEMPTS,
        True,
        None,
    )
    assert run_due(factory, settings, utcnow() + timedelta(days=9), jobs) == 0
    assert recorder.seen == []


def test_the_retry_delay_grows_to_a_day():
    assert [retry_delay(n) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (1, 2, 4)]
    assert retry_delay(40) == timedelta(days=1)


def test_an_item_of_no_registered_kind_keeps_why(uow, factory, settings):
    with uow() as db:
        enqueue(db, "test.unknown")
    run_due(factory, settings, utcnow() + timedelta(seconds=1), {})
    (item,) = _items(uow, "test.unknown")
    assert item.last_error == "LookupError: no job of kind 'test.unknown' is registered"


def test_a_periodic_job_keeps_one_item_pending_due_after_its_period(uow, factory, settings):
    recorder = Recorder()
    jobs = {"test.tick": Job("test.tick", recorder, every=timedelta(hours=6))}
    now = utcnow()

    assert run_due(factory, settings, now, jobs) == 1
    assert run_due(factory, settings, now + timedelta(hours=1), jobs) == 0
    done, pending = _items(uow, "test.tick")
    assert done.done_at is not None
    assert pending.done_at is None
    assert pending.due_at - done.done_at == timedelta(hours=6)
    assert run_due(factory, settings, now + timedelta(hours=7), jobs) == 1
    assert len(_items(uow, "test.tick")) == 3


def test_a_claimed_item_is_not_claimed_again_until_its_claim_runs_out(uow):
    with uow() as db:
        enqueue(db, "test.claim")
    now = utcnow() + timedelta(seconds=1)
    with uow() as db:
        first = claim(db, now)
    with uow() as db:
        second = claim(db, now)
    with uow() as db:  # the claimer died: after CLAIM the item runs elsewhere
        third = claim(db, now + CLAIM + timedelta(seconds=1))
    assert (len(first), second, third) == (1, [], first)


def test_one_process_holds_the_loop_until_it_stops_renewing_or_gives_it_up(uow):
    now = utcnow()
    with uow() as db:
        assert take_lease(db, "a", now, "test-loop")
        assert not take_lease(db, "b", now, "test-loop")
        assert take_lease(db, "a", now + timedelta(seconds=30), "test-loop")  # renewed
        assert not take_lease(db, "b", now + LEASE, "test-loop")
        assert take_lease(db, "b", now + timedelta(seconds=31) + LEASE, "test-loop")  # taken over
        give_up_lease(db, "b", "test-loop")
        assert take_lease(db, "a", utcnow(), "test-loop")
        holder = db.scalar(select(WorkerLease.holder).where(WorkerLease.name == "test-loop"))
    assert holder == "a"


def test_sign_in_housekeeping_drops_old_attempts_and_long_ended_sessions(uow, settings):
    now = utcnow()
    with uow() as db:
        team = make_team(db)
        user_id = team.owner.user_id
        workspace_id = team.owner.workspace_id
        for days, email in ((1, "recent@acme.example"), (400, "old@acme.example")):
            db.add(
                LoginAttempt(
                    email=email,
                    ip="10.0.0.1",
                    occurred_at=now - timedelta(days=days),
                    succeeded=False,
                )
            )
        for name, expires in (("live", 5), ("ended-long-ago", -60)):
            db.add(
                UserSession(
                    workspace_id=workspace_id,
                    user_id=user_id,
                    token_hash=name.ljust(64, "0"),
                    created_at=now - timedelta(days=90),
                    last_seen_at=now - timedelta(days=1),
                    expires_at=now + timedelta(days=expires),
                )
            )
    with uow() as db:
        purge_sign_in_data(db, DueItem(kind="identity.sign_in_housekeeping"), settings)
    with uow() as db:
        emails = set(db.scalars(select(LoginAttempt.email)))
        sessions = set(
            db.scalars(
                select(UserSession.token_hash)
                .where(UserSession.workspace_id == workspace_id)
                .execution_options(**GLOBAL)
            )
        )
    assert "recent@acme.example" in emails
    assert "old@acme.example" not in emails
    assert "live".ljust(64, "0") in sessions
    assert "ended-long-ago".ljust(64, "0") not in sessions


def test_the_app_runs_its_loop_while_it_serves_and_lets_go_of_it_when_it_stops(tmp_path):
    url = f"sqlite:///{tmp_path / 'loop.sqlite3'}"
    upgrade(url)
    ran = threading.Event()
    register_jobs([Job("test.loop", lambda _db, _item, _settings: ran.set())])
    app = create_app(make_settings(url, background_jobs=True, background_interval_seconds=0.05))
    with app.state.session_factory() as db:
        enqueue(db, "test.loop")
        db.commit()

    with TestClient(app):
        assert ran.wait(10)
    with app.state.session_factory() as db:
        lease = db.scalar(select(WorkerLease).where(WorkerLease.name == "background"))
        pending = db.scalar(
            select(func.count())
            .select_from(DueItem)
            .where(DueItem.kind == "test.loop", DueItem.done_at.is_(None))
            .execution_options(**GLOBAL)
        )
    assert lease is not None
    assert lease.expires_at < utcnow()
    assert pending == 0
    # nothing of the loop is left running: its thread was joined on shutdown
    assert [t for t in threading.enumerate() if t.name == "pcrm-background"] == []


def test_a_pending_periodic_item_is_not_queued_again(uow, count_queries):
    jobs = [Job("test.periodic", Recorder(), every=timedelta(hours=1))]
    now = utcnow()
    with uow() as db:
        keep_periodic(db, now, jobs)
    with count_queries() as counted, uow() as db:
        keep_periodic(db, now, jobs)

    assert [s for s in counted.statements if s.lstrip().upper().startswith("INSERT")] == []
    assert len(_items(uow, "test.periodic")) == 1
