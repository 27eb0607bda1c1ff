"""Setup of the opportunities tests through the JSON API, like real use."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import inspect, select

from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import GLOBAL
from pcrm.files.models import StoredFile as Document
from pcrm.notifications.models import Reminder
from pcrm.opportunities.chain.models import DecisionChainMember
from pcrm.opportunities.pipeline.models import (
    Opportunity,
    OpportunityRelation,
    OpportunityTeamMember,
)
from pcrm.opportunities.review.models import WinLossReview
from pcrm.opportunities.tender.models import (
    Quote,
    QuoteRound,
    ScoringItem,
    Tender,
    Vendor,
    VendorScore,
)
from tests.accounts.builders import create
from tests.factories import bearer
from tests.factories.rows import count_rows


def today() -> date:
    """Today where the test workspaces are (Asia/Shanghai), as the services count it."""
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


COUNTED = {
    "opportunities": Opportunity,
    "team": OpportunityTeamMember,
    "relations": OpportunityRelation,
    "tenders": Tender,
    "scoring_items": ScoringItem,
    "vendors": Vendor,
    "vendor_scores": VendorScore,
    "quote_rounds": QuoteRound,
    "quotes": Quote,
    "chain": DecisionChainMember,
    "documents": Document,
    "reviews": WinLossReview,
    "reminders": Reminder,
    "audit_entries": AuditEntry,
}

# 综合评分: technical 50 (solution 30 + team 20), commercial 30, price 20.
SHEET = [
    {
        "name": "技术",
        "weight": "50",
        "sub_items": [{"name": "方案", "weight": "30"}, {"name": "团队", "weight": "20"}],
    },
    {"name": "商务", "weight": "30"},
    {"name": "价格", "weight": "20", "is_price": True},
]


def row_counts(uow: Any) -> dict[str, int]:
    """Rows of every opportunities table, reminders and the audit trail, in all workspaces."""
    return count_rows(uow, COUNTED)


def stored(uow: Any, model: type[Any], record_id: int) -> dict[str, Any]:
    with uow() as db:
        row = db.scalar(select(model).where(model.id == record_id).execution_options(**GLOBAL))
        assert row is not None
        return {c.key: getattr(row, c.key) for c in inspect(model).column_attrs}


def account(client: TestClient, token: str, name: str = "华为技术有限公司") -> dict[str, Any]:
    return create(client, token, "/api/v1/accounts", name=name)


def opportunity(
    client: TestClient, token: str, account_id: int, name: str = "智慧园区一期", **fields: Any
) -> dict[str, Any]:
    return create(
        client, token, "/api/v1/opportunities", account_id=account_id, name=name, **fields
    )


def tender(client: TestClient, token: str, opportunity_id: int, **fields: Any) -> dict[str, Any]:
    body = {"method": "open", "evaluation_method": "weighted", "scoring_items": SHEET} | fields
    response = client.put(
        f"/api/v1/opportunities/{opportunity_id}/tender",
        json=body,
        # creates the tender, or replaces whatever version is there
        headers={**bearer(token), "If-Match": "*"},
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def vendor(
    client: TestClient, token: str, opportunity_id: int, competitor_id: int
) -> dict[str, Any]:
    return create(
        client,
        token,
        f"/api/v1/opportunities/{opportunity_id}/vendors",
        competitor_id=competitor_id,
    )
