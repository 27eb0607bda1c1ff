"""The demo's opportunities and tenders (`pcrm.demo.opportunities`, 当前项目线, 项目历史线): five
years of history written through the opportunities area's public calls as the demo users, with
bids whose rankings give the recorded outcomes, so that the pipeline, the bid workspace, the
tender rhythm, the competitor records and the project history show something real. On both
databases."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcrm.accounts.accounts.models import Account
from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import GLOBAL
from pcrm.demo.world import TZ
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
from pcrm.opportunities.vocab import Outcome, Stage
from pcrm.relationships.competitors.models import Competitor
from tests.demo.conftest import Demo
from tests.demo.plans.test_opportunities import CLOSED, EXPECTED, STAGES
from tests.demo.rows import count
from tests.factories import bearer, current
from tests.opportunities.builders import SHEET

pytestmark = pytest.mark.xdist_group("demo")

MODELS = {
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
    "reviews": WinLossReview,
}


def competitor_ids(db: Session) -> dict[str, int]:
    return {c.name: c.id for c in db.scalars(select(Competitor).execution_options(**GLOBAL)).all()}


def test_the_demo_opportunities_make_the_pipeline_rhythm_competitors_and_history_real(
    demo: Demo, demo_client: TestClient
):
    with demo.session() as db:
        assert {name: count(db, model) for name, model in MODELS.items()} == EXPECTED
        stages = Counter(db.scalars(select(Opportunity.stage).execution_options(**GLOBAL)).all())
        assert {s.value: n for s, n in stages.items()} == STAGES

        # Every closed opportunity has its 经验总结; every loss names the winner.
        closed = select(Opportunity.id).where(Opportunity.stage.in_(CLOSED))
        reviewed = select(WinLossReview.opportunity_id)
        assert set(db.scalars(closed.execution_options(**GLOBAL))) == set(
            db.scalars(reviewed.execution_options(**GLOBAL))
        )
        losses = db.scalars(
            select(WinLossReview)
            .where(WinLossReview.outcome == Outcome.LOST)
            .execution_options(**GLOBAL)
        ).all()
        assert len(losses) == STAGES["lost"]
        assert all(r.winner_competitor_id is not None for r in losses)

        # A competitor that beat us and that we beat: 东方信联.
        rival = db.scalar(
            select(Competitor.id).where(Competitor.name == "东方信联").execution_options(**GLOBAL)
        )
        they_won = sum(r.winner_competitor_id == rival for r in losses)
        met = select(Vendor.opportunity_id).where(Vendor.competitor_id == rival)
        we_won = db.scalar(
            select(func.count())
            .select_from(Opportunity)
            .where(
                Opportunity.id.in_(met), Opportunity.stage.in_([Stage.EXECUTION, Stage.DELIVERED])
            )
            .execution_options(**GLOBAL)
        )
        assert (they_won, we_won) == (22, 27)

        # Open bids have key dates to come: reminders for the owner and the team.
        reminders = count(db, Reminder, Reminder.source_type == "tender")
        assert reminders == 62

        # The demo users did the work: 张伟 the bids (with the technical scores 刘芳 estimates:
        # delivery may not change tenders), 李明 his accounts, and 刘芳 the awarded amount of a
        # won opportunity, through a billable change the customer approved on her project.
        actors = set(
            db.scalars(
                select(AuditEntry.actor_label)
                .where(
                    AuditEntry.entity_type.in_(
                        ["opportunity", "tender", "quote_round", "vendor_score"]
                    )
                )
                .distinct()
                .execution_options(**GLOBAL)
            )
        )
        assert actors == {"张伟", "李明", "刘芳"}

        ids = {a.name: a.id for a in db.scalars(select(Account).execution_options(**GLOBAL)).all()}
        rivals = competitor_ids(db)
    h = bearer(demo.token)  # 张伟

    # 南京政务办 renews its platform's O&M every April: the rhythm sees it and expects it.
    nanjing = ids["南京市政务服务管理办公室"]
    rhythm = demo_client.get(f"/api/v1/accounts/{nanjing}/tender-rhythm", headers=h).json()
    renewal = datetime.now(TZ).date() - timedelta(days=12)  # the O&M renewal under way
    assert rhythm["months"][3] == 5 + (renewal.month == 4)
    assert sum(rhythm["months"]) == 7
    assert [m["likely"] for m in rhythm["outlook"] if m["month"] == 4] == [True]
    assert rhythm["usual_method"] == "single_source"

    # Its project history: one chain from the upgrade five years ago to the O&M renewal.
    history = demo_client.get(f"/api/v1/accounts/{nanjing}/project-history", headers=h).json()
    assert [len(c["opportunities"]) for c in history["chains"]] == [6, 1]

    record = demo_client.get(f"/api/v1/competitors/{rivals['东方信联']}/record", headers=h).json()
    assert (record["won"], record["lost"], record["they_won"]) == (27, 43, 22)
    assert record["quote_comparisons"] == 71

    # Government customers (bureaus, public hospitals and universities) publish in their budget
    # year's spring and autumn waves, state-owned ones in Q2 and Q4. Only the tenders dated in
    # days (those under way, and a few recent ones) may fall in other months: 9 and 8 of them.
    for ownership, waves, published, dated in (
        ("government", {3, 4, 5, 6, 9, 10, 11}, 65, 9),
        ("state_owned", {4, 5, 6, 10, 11, 12}, 54, 8),
    ):
        figures = demo_client.get(
            "/api/v1/tender-rhythm", params={"ownership": ownership}, headers=h
        ).json()
        assert figures["published_count"] == published
        outside = sum(n for month, n in enumerate(figures["months"], 1) if month not in waves)
        assert outside <= dated, (ownership, figures["months"])


def test_a_bid_manager_takes_a_demo_opportunity_to_a_ranked_bid(demo_copy: Demo):
    """The seeded demo leaves a potential opportunity for a bid manager to take to bidding (the
    issue's "done when" on the demo): from potential to bidding, the scoring sheet, a simulated
    price and recorded quote rounds against two competitors. It writes: on a copy of the demo."""
    with demo_copy.session() as db:
        rivals = competitor_ids(db)
    h = bearer(demo_copy.token)  # 张伟
    with TestClient(demo_copy.app, base_url="http://testserver", follow_redirects=False) as client:
        _take_to_a_ranked_bid(client, h, rivals)


def _take_to_a_ranked_bid(client: TestClient, h: dict[str, str], rivals: dict[str, int]) -> None:
    found = client.get(
        "/api/v1/opportunities", params={"q": "智能风控平台", "stage": "potential"}, headers=h
    ).json()
    assert [(o["name"], o["account_name"], o["has_tender"]) for o in found["items"]] == [
        ("智能风控平台建设项目", "中国建设银行股份有限公司江苏省分行", False)
    ]
    oid = found["items"][0]["id"]
    today = datetime.now(TZ).date()  # the workspace's day

    published = {
        "method": "invited",
        "evaluation_method": "weighted",
        "price_formula": "lowest_ratio",
        "rfp_published_on": today.isoformat(),
        "submission_deadline": f"{(today + timedelta(days=15)).isoformat()}T09:30:00+08:00",
        "scoring_items": SHEET,
    }
    tender = client.put(
        f"/api/v1/opportunities/{oid}/tender",
        json=published,
        headers=h,
    )
    assert tender.status_code == 200, tender.text
    moved = client.post(
        f"/api/v1/opportunities/{oid}/stage",
        json={"stage": "bidding"},
        headers=current(client, f"/api/v1/opportunities/{oid}", h),
    )
    assert (moved.status_code, moved.json()["stage"]) == (200, "bidding")

    vendors = {}
    for name in ("金桥数科", "东方信联"):
        added = client.post(
            f"/api/v1/opportunities/{oid}/vendors", json={"competitor_id": rivals[name]}, headers=h
        )
        assert added.status_code == 201, added.text
        vendors[name] = added.json()["id"]
    listed = client.get(f"/api/v1/opportunities/{oid}/vendors", headers=h).json()
    vendors["us"] = next(v["id"] for v in listed if v["is_us"])
    items = {i["name"]: i for i in tender.json()["scoring_items"]}
    solution, team = (s["id"] for s in items["技术"]["sub_items"])
    commercial = items["商务"]["id"]
    for who, points in (
        ("us", (27, 17, 25)),
        ("金桥数科", (25, 18, 27)),
        ("东方信联", (24, 15, 24)),
    ):
        scored = client.put(
            f"/api/v1/opportunities/{oid}/vendors/{vendors[who]}/scores",
            json={"scores": dict(zip((solution, team, commercial), map(str, points), strict=True))},
            headers=h,
        )
        assert scored.status_code == 200, scored.text

    first = client.post(
        f"/api/v1/opportunities/{oid}/quote-rounds",
        json={
            "quoted_on": today.isoformat(),
            "quotes": [
                {"vendor_id": vendors["us"], "amount": "9200000"},
                {"vendor_id": vendors["金桥数科"], "amount": "8800000", "source": "开标记录"},
                {"vendor_id": vendors["东方信联"], "amount": "9000000", "source": "开标记录"},
            ],
        },
        headers=h,
    )
    assert first.status_code == 201, first.text
    sheet = client.get(f"/api/v1/opportunities/{oid}/bid-sheet", headers=h).json()
    # Price scores: 20 × 8.8M / quote; totals 69 + 19.13, 70 + 20, 63 + 19.56.
    assert [(v["name"], v["total"], v["rank"]) for v in sheet["vendors"]] == [
        ("星图数智科技有限公司", "88.13", 2),
        ("金桥数科", "90.00", 1),
        ("东方信联", "82.56", 3),
    ]
    tried = client.get(
        f"/api/v1/opportunities/{oid}/bid-sheet", params={"try_price": "8000000"}, headers=h
    ).json()
    mine = next(v for v in tried["vendors"] if v["is_us"])
    assert (mine["price_score"], mine["total"], mine["rank"]) == ("20.00", "89.00", 1)

    second = client.post(
        f"/api/v1/opportunities/{oid}/quote-rounds",
        json={
            "quoted_on": today.isoformat(),
            "note": "最终报价",
            "quotes": [
                {"vendor_id": vendors["us"], "amount": "8000000"},
                {
                    "vendor_id": vendors["金桥数科"],
                    "amount": "8500000",
                    "source": "客户采购部门反馈",
                },
            ],
        },
        headers=h,
    )
    assert second.status_code == 201, second.text
    assert [r["number"] for r in second.json()] == [1, 2]
    sheet = client.get(f"/api/v1/opportunities/{oid}/bid-sheet", headers=h).json()
    # 东方信联 keeps its first quote: 20 × 8.0M / 9.0M = 17.78.
    assert [(v["name"], v["quote"], v["total"], v["rank"]) for v in sheet["vendors"]] == [
        ("星图数智科技有限公司", "8000000.00", "89.00", 1),
        ("金桥数科", "8500000.00", "88.82", 2),
        ("东方信联", "9000000.00", "80.78", 3),
    ]
