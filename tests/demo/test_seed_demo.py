"""Seeding the demo (`pcrm.demo.seed_demo`): once per database, each area's seeder in the order
of the area list."""

from __future__ import annotations

from importlib import import_module

import pytest
from sqlalchemy.orm import Session

from pcrm.accounts.accounts.models import Account
from pcrm.accounts.activities.models import Activity
from pcrm.accounts.contacts.models import Contact
from pcrm.areas import AREAS
from pcrm.core.audit import AuditEntry
from pcrm.demo import seed_demo
from tests.demo.conftest import Demo
from tests.demo.rows import count
from tests.factories import SETTINGS

pytestmark = pytest.mark.xdist_group("demo")


def counts(db: Session) -> tuple[int, int, int, int]:
    return (count(db, Account), count(db, Contact), count(db, Activity), count(db, AuditEntry))


def test_the_areas_name_their_seeders_in_the_order_they_seed():
    named = [area.demo for area in AREAS if area.demo is not None]
    assert named == ["accounts", "relationships", "opportunities", "projects", "service", "portal"]
    assert all(callable(import_module(f"pcrm.demo.{name}").seed) for name in named)


def test_the_demo_is_seeded_once(demo: Demo):
    assert demo.created is True  # the first time: see the `demo` fixture

    with demo.session() as db:
        before = counts(db)
        assert before[:3] == (60, 400, 1500)
        assert seed_demo(db, SETTINGS) is False
        assert counts(db) == before  # in the same session: anything written would show
