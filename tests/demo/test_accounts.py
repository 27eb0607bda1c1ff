"""The demo's customer base (`pcrm.demo.accounts`): it reads like a real Chinese B2B business,
written through the accounts area's public calls, on both databases."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pcrm.accounts.accounts.models import Account
from pcrm.accounts.activities.models import Activity
from pcrm.accounts.contacts.models import Contact, Employment
from pcrm.accounts.validation import valid_credit_code
from pcrm.accounts.vocab import ContactStatus, LifecycleStage
from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import GLOBAL
from pcrm.notifications.models import Reminder
from tests.demo.conftest import Demo
from tests.demo.rows import count
from tests.factories import bearer

pytestmark = pytest.mark.xdist_group("demo")


def test_the_demo_seeds_a_real_looking_customer_base(demo: Demo, demo_client: TestClient):
    with demo.session() as db:
        assert (count(db, Account), count(db, Contact), count(db, Activity)) == (60, 400, 1500)

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

    found = demo_client.get("/api/v1/search", params={"q": "华西"}, headers=bearer(demo.token))
    assert found.status_code == 200
    groups = {g["kind"]: [hit["name"] for hit in g["hits"]] for g in found.json()["groups"]}
    assert "四川大学华西医院" in groups["account"]
    # the global search finds the demo's opportunities and competitors too (issue 13)
    for query, kind, name in (
        ("智慧地铁", "opportunity", "智慧地铁"),
        ("华数", "competitor", "华数"),
    ):
        found = demo_client.get("/api/v1/search", params={"q": query}, headers=bearer(demo.token))
        hits = {g["kind"]: [hit["name"] for hit in g["hits"]] for g in found.json()["groups"]}
        assert any(name in hit for hit in hits.get(kind, [])), (query, hits)
