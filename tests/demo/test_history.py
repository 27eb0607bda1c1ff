"""The history of every kind of record the demo writes, read as its owner reads it in both
languages: references by name (never an id), vocabularies, dates and money as the pages show
them, lists as lists (issue 13, item 3)."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import JSON, Date, Enum, Numeric, select

from pcrm.accounts.accounts.models import Account
from pcrm.core import history
from pcrm.core.audit import AuditEntry
from pcrm.core.i18n import format_money
from pcrm.core.tenancy import GLOBAL
from pcrm.demo import DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS
from pcrm.identity.public import AuditEntryRead, history_view, operator_principal
from tests.demo.conftest import Demo
from tests.factories import sign_in

pytestmark = pytest.mark.xdist_group("demo")
PER_KIND = 150
CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)*$")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _entries(demo: Demo) -> dict[str, list[AuditEntryRead]]:
    by_kind: dict[str, list[AuditEntryRead]] = defaultdict(list)
    with demo.session() as db:
        query = select(AuditEntry).order_by(AuditEntry.id).execution_options(**GLOBAL)
        for entry in db.scalars(query):
            if len(by_kind[entry.entity_type]) < PER_KIND:
                by_kind[entry.entity_type].append(AuditEntryRead.model_validate(entry))
    return by_kind


def _column(entity: str, name: str):
    return history.audited_models()[entity].__table__.columns.get(name)


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_every_demo_history_reads_without_ids_codes_or_reprs(demo: Demo, locale: str):
    by_kind = _entries(demo)
    assert {"account", "contact", "opportunity", "tender", "quote", "acquaintance"} <= set(by_kind)
    named = 0
    with demo.session() as db:
        boss = operator_principal(db, DEMO_SLUG, DEMO_USERS[0].email)
        for kind, entries in sorted(by_kind.items()):
            rows = history_view(db, boss, entries, locale, with_subject=True)
            for entry, row in zip(entries, rows, strict=True):
                assert not re.search(r"#\d+", row.subject), (kind, row.subject)
                for name, (label, *values) in zip(entry.changes, row.changes, strict=True):
                    column = _column(kind, name)
                    for value in values:
                        if value is None:
                            continue
                        text, where = value.text, f"{kind}.{name} ({label}) in {locale}: {value}"
                        assert "[" not in text, where
                        assert "Decimal" not in text, where
                        if ref := history.reference_kind(kind, name):
                            assert not text.isdigit(), where
                            assert text != history.gone(ref, locale), where
                            named += 1
                        if isinstance(column.type, Enum | JSON) or name == "province":
                            assert not CODE.match(text), where
                        if isinstance(column.type, Date | Numeric):
                            assert not ISO.match(text), where
                            assert not re.match(r"^\d+\.\d\d$", text), where
    assert named > 1000


@pytest.mark.parametrize(
    ("user", "locale", "money"),
    [(0, "zh_CN", "¥"), (1, "en", "CN¥")],  # 王建国 reads Chinese, Emily Chen English
)
def test_an_opportunitys_history_tab_names_its_account_and_shows_money(
    demo: Demo, demo_client: TestClient, user: int, locale: str, money: str
):
    with demo.session() as db:
        entry = db.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity_type == "opportunity", AuditEntry.action == "create")
            .order_by(AuditEntry.id)
            .limit(1)
            .execution_options(**GLOBAL)
        ).one()
        opportunity_id, account_id = entry.entity_id, entry.changes["account_id"][1]
        account_name = db.scalars(
            select(Account.name).where(Account.id == account_id).execution_options(**GLOBAL)
        ).one()
        budget = Decimal(entry.changes["budget_amount"][1])
    sign_in(demo_client, DEMO_USERS[user].email, DEMO_PASSWORD)
    page = demo_client.get(f"/opportunities/{opportunity_id}/history")
    assert page.status_code == 200
    assert f'<a href="/accounts/{account_id}">{account_name}</a>' in page.text
    assert format_money(budget, "CNY", locale) in page.text
    assert money in format_money(budget, "CNY", locale)
    assert f"{budget:.2f}" not in page.text
