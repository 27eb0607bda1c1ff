"""The demo's records carry the times of their own story (issue 13, item 12): an opportunity
closed in 2024 was entered before it closed, accounts before their first follow-up, people
before they first took part in one, and the audit trail says the same as the rows; personal
acquaintances date from days spread over the year."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from pcrm.accounts.accounts.models import Account
from pcrm.accounts.activities.models import Activity
from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import GLOBAL
from pcrm.opportunities.pipeline.models import Opportunity
from pcrm.relationships.graph.models import Acquaintance
from tests.demo.conftest import Demo

pytestmark = pytest.mark.xdist_group("demo")
TZ = ZoneInfo("Asia/Shanghai")


def _all(db, query):
    return db.execute(query.execution_options(**GLOBAL)).all()


def test_opportunities_closed_in_2024_were_entered_before_they_closed(demo: Demo):
    with demo.session() as db:
        closed = _all(
            db,
            select(Opportunity.id, Opportunity.created_at, Opportunity.closed_on).where(
                Opportunity.closed_on >= date(2024, 1, 1),
                Opportunity.closed_on < date(2025, 1, 1),
            ),
        )
        created = dict(
            _all(
                db,
                select(AuditEntry.entity_id, AuditEntry.occurred_at).where(
                    AuditEntry.entity_type == "opportunity", AuditEntry.action == "create"
                ),
            )
        )
    assert len(closed) > 10
    assert all(row.created_at.astimezone(TZ).date() < row.closed_on for row in closed)
    assert all(row.created_at.year in (2022, 2023, 2024) for row in closed)
    # the audit trail says the same as the row
    assert all(created[row.id] == row.created_at for row in closed)


def test_nothing_in_the_demo_says_it_was_all_created_today_or_later(demo: Demo):
    with demo.session() as db:
        days = Counter(d.astimezone(TZ).date() for (d,) in _all(db, select(Account.created_at)))
        latest = db.scalar(select(func.max(AuditEntry.occurred_at)).execution_options(**GLOBAL))
    assert len(days) > 40  # sixty accounts, entered on many days
    assert max(days.values()) <= 3
    assert latest <= datetime.now(TZ) + timedelta(seconds=1)


def test_accounts_were_entered_before_their_first_follow_up(demo: Demo):
    with demo.session() as db:
        first = dict(
            _all(
                db,
                select(Activity.account_id, func.min(Activity.occurred_at)).group_by(
                    Activity.account_id
                ),
            )
        )
        entered = dict(_all(db, select(Account.id, Account.created_at)))
        recorded = dict(
            _all(
                db,
                select(Activity.id, Activity.created_at).where(
                    Activity.occurred_at < datetime(2026, 1, 1, tzinfo=TZ)
                ),
            )
        )
    assert first
    assert all(entered[account] < at for account, at in first.items())
    assert all(at.year <= 2025 for at in recorded.values())


def test_acquaintances_date_from_days_spread_over_the_year(demo: Demo):
    with demo.session() as db:
        rows = _all(db, select(Acquaintance.since, Acquaintance.created_at))
    days = Counter((since.month, since.day) for since, _ in rows if since is not None)
    assert len(days) > 50
    assert max(days.values()) <= 10
    assert Counter(c.astimezone(TZ).date() for _, c in rows).most_common(1)[0][1] <= 10
