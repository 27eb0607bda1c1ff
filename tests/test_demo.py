"""The demo workspace: a customer base that reads like a real Chinese B2B business, written
through the services, on both databases."""

from __future__ import annotations

import time
from datetime import date
from importlib import import_module

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcrm.accounts.models import Account, Activity, Contact, Employment
from pcrm.accounts.validation import valid_credit_code
from pcrm.accounts.vocab import ContactStatus, LifecycleStage
from pcrm.areas import AREAS
from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import GLOBAL
from pcrm.demo import DEMO_SLUG, DEMO_USERS, seed_demo
from pcrm.demo.plans.accounts import build_plan
from pcrm.identity import repository as identity_repo
from pcrm.notifications.models import Reminder
from tests.factories import SETTINGS, bearer, make_token


def count(db: Session, model: type[object]) -> int:
    return int(db.scalar(select(func.count()).select_from(model).execution_options(**GLOBAL)) or 0)


def counts(db: Session) -> tuple[int, int, int, int]:
    return (count(db, Account), count(db, Contact), count(db, Activity), count(db, AuditEntry))


def test_the_areas_name_their_seeders_in_the_order_they_seed():
    named = [area.demo for area in AREAS if area.demo is not None]
    assert named == ["accounts", "relationships", "opportunities"]
    assert all(callable(import_module(f"pcrm.demo.{name}").seed) for name in named)


def test_the_plan_is_the_same_every_time():
    first, second = build_plan(date(2026, 11, 22)), build_plan(date(2026, 11, 22))
    assert first == second
    assert (len(first.accounts), len(first.contacts), len(first.activities)) == (60, 400, 1500)


def test_the_demo_seeds_a_real_looking_customer_base_once(uow, client):
    started = time.perf_counter()
    with uow() as db:
        assert seed_demo(db, SETTINGS) is True
    seconds = time.perf_counter() - started
    print(f"demo seed: {seconds:.1f} s")  # shown with -s

    with uow() as db:
        assert counts(db)[:3] == (60, 400, 1500)

        rows = db.scalars(select(Account).execution_options(**GLOBAL)).all()
        codes = [a.credit_code for a in rows if a.credit_code]
        assert len(codes) == len(set(codes)) > 50
        assert all(valid_credit_code(code) for code in codes)
        assert {a.lifecycle_stage for a in rows} == set(LifecycleStage)
        assert all(a.lost_reason and a.lost_on for a in rows if a.lifecycle_stage == "lost")
        by_name = {a.name: a for a in rows}
        branch = by_name["国网江苏省电力有限公司南京供电分公司"]
        assert branch.parent_id == by_name["国网江苏省电力有限公司"].id

        people = db.scalars(select(Contact).execution_options(**GLOBAL)).all()
        by_id = {c.id: c for c in people}
        assert all(
            by_id[c.reports_to_id].account_id == c.account_id for c in people if c.reports_to_id
        )
        assert sum(c.reports_to_id is None for c in people) < 100  # trees, not loose people
        assert all(c.left_on for c in people if c.status == ContactStatus.LEFT)
        assert sum(c.status == ContactStatus.LEFT for c in people) >= 10
        assert all(c.email.endswith(".example") for c in people if c.email)
        assert all(c.mobile and c.mobile.startswith("+861") for c in people)
        moved = count(db, Employment) - len(people)
        assert moved >= 2  # people who moved to another customer keep their history

        reminders = db.scalars(select(Reminder).execution_options(**GLOBAL)).all()
        assert len(reminders) > 30  # next steps due in the coming weeks
        actors = set(
            db.scalars(select(AuditEntry.actor_label).distinct().execution_options(**GLOBAL))
        )
        assert {"张伟", "李明", "刘芳"} <= actors  # the demo users did the work, not a script

        workspace = identity_repo.workspace_by_slug(db, DEMO_SLUG)
        assert workspace is not None
        token = make_token(db, workspace, DEMO_USERS[3].email)

    found = client.get("/api/v1/search", params={"q": "华西"}, headers=bearer(token))
    assert found.status_code == 200
    assert "四川大学华西医院" in [hit["name"] for hit in found.json()["accounts"]]

    with uow() as db:
        before = counts(db)
        assert seed_demo(db, SETTINGS) is False
    with uow() as db:
        assert counts(db) == before
