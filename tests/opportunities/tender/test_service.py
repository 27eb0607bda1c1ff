"""The tender's service, through its functions: the scoring sheet's weights, us on every
tendered opportunity, the bid sheet and its "if we quote ¥X", the scoring grid all at once,
and taking back only the latest round."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from pcrm.core.errors import ValidationFailed
from pcrm.identity.public import operator_principal
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.schemas import OpportunityCreate
from pcrm.opportunities.tender import service as tender_service
from pcrm.opportunities.tender.models import VendorScore
from pcrm.opportunities.tender.schemas import (
    QuoteRoundCreate,
    QuoteWrite,
    ScoreGrid,
    ScoresWrite,
    TenderWrite,
    VendorCreate,
)
from tests.opportunities.bids import stored_all, today
from tests.opportunities.builders import SHEET, account, row_counts
from tests.relationships.builders import competitor


def _boss(db: Any) -> Any:
    return operator_principal(db, "acme", "owner@acme.example")


@pytest.fixture
def given(client, acme, uow) -> dict[str, Any]:
    """A bidding opportunity of acme with the weighted sheet 技术 50 (方案 30, 团队 20), 商务 30,
    价格 20 (lowest quote as benchmark), us and 东方信联 as vendors."""
    token = acme.tokens["owner"]
    customer = account(client, token)["id"]
    rival = competitor(client, token, "东方信联")["id"]
    with uow() as db:
        boss = _boss(db)
        data = OpportunityCreate(account_id=customer, name="智慧园区一期")
        opportunity_id = service.create_opportunity(db, boss, data).id
        tender_service.write_tender(
            db,
            boss,
            opportunity_id,
            TenderWrite.model_validate(
                {"method": "open", "evaluation_method": "weighted", "scoring_items": SHEET}
            ),
        )
        them = tender_service.add_vendor(
            db, boss, opportunity_id, VendorCreate(competitor_id=rival)
        )
        items = tender_service.read_tender(db, boss, opportunity_id).scoring_items
        us = tender_service.vendor_reads(db, boss, opportunity_id)[0]
    ids = {i.name: i.id for i in items} | {s.name: s.id for s in items[0].sub_items}
    return {
        "opportunity": opportunity_id,
        "us": us.id,
        "them": them.id,
        "items": ids,
        "us_name": us.name,
    }


def test_a_sheet_whose_weights_do_not_add_up_is_refused_and_nothing_is_written(uow, given):
    before = row_counts(uow)
    sheet = [{"name": "技术", "weight": "60"}, {"name": "价格", "weight": "30", "is_price": True}]
    with pytest.raises(ValidationFailed) as refused, uow() as db:
        tender_service.write_tender(
            db,
            _boss(db),
            given["opportunity"],
            TenderWrite.model_validate(
                {"method": "open", "evaluation_method": "weighted", "scoring_items": sheet}
            ),
            expected_version=1,
        )
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("scoring_items", "The weights of the scoring items must add up to 100.")
    ]
    assert row_counts(uow) == before


def test_us_first_among_the_vendors_under_the_workspaces_name(uow, given):
    with uow() as db:
        vendors = tender_service.vendor_reads(db, _boss(db), given["opportunity"])
    assert [(v.id, v.name, v.is_us) for v in vendors] == [
        (given["us"], "Acme 工程", True),
        (given["them"], "东方信联", False),
    ]


def test_the_bid_sheet_ranks_the_quotes_and_tries_our_price(uow, given):
    # given our estimate of 70 non-price points for us and 71 for them, and a round of
    # quotes: us 1,000,000, them 900,000
    items = given["items"]
    with uow() as db:
        boss = _boss(db)
        for vendor, scores in (
            (given["us"], {items["方案"]: "27", items["团队"]: "18", items["商务"]: "25"}),
            (given["them"], {items["方案"]: "25", items["团队"]: "19", items["商务"]: "27"}),
        ):
            tender_service.set_scores(
                db,
                boss,
                given["opportunity"],
                vendor,
                ScoresWrite.model_validate({"scores": scores}),
            )
        quotes = [
            QuoteWrite(vendor_id=given["us"], amount=Decimal("1000000")),
            QuoteWrite(vendor_id=given["them"], amount=Decimal("900000")),
        ]
        tender_service.submit_quote_round(
            db, boss, given["opportunity"], QuoteRoundCreate(quoted_on=today(), quotes=quotes)
        )

    # when the sheet is read as it is, and with our quote at 850,000
    with uow() as db:
        boss = _boss(db)
        now = tender_service.bid_sheet(db, boss, given["opportunity"])
        tried = tender_service.bid_sheet(db, boss, given["opportunity"], Decimal("850000"))

    # then they lead on price now; at 850,000 we lead
    def standing(sheet: Any) -> list[tuple[Any, ...]]:
        return [(v.vendor_id, v.price_score, v.total, v.rank) for v in sheet.vendors]

    assert (now.benchmark, now.price_weight) == (Decimal("900000.00"), Decimal("20.00"))
    assert standing(now) == [
        (given["us"], Decimal("18.00"), Decimal("88.00"), 2),
        (given["them"], Decimal("20.00"), Decimal("91.00"), 1),
    ]
    assert (tried.benchmark, tried.tried_price) == (Decimal("850000"), Decimal("850000"))
    assert standing(tried) == [
        (given["us"], Decimal("20.00"), Decimal("90.00"), 1),
        (given["them"], Decimal("18.89"), Decimal("89.89"), 2),
    ]


def test_the_scoring_grid_reports_every_vendors_column_and_writes_none(uow, given):
    # given our earlier estimate of them
    items = given["items"]
    with uow() as db:
        tender_service.set_scores(
            db,
            _boss(db),
            given["opportunity"],
            given["them"],
            ScoresWrite.model_validate({"scores": {items["商务"]: "20"}}),
        )

    # when a grid gives us a valid column and both of us a score over an item's weight
    grid = {
        "vendors": {
            given["us"]: {"scores": {items["方案"]: "31", items["商务"]: "25"}},
            given["them"]: {"scores": {items["团队"]: "21"}},
        }
    }
    with pytest.raises(ValidationFailed) as refused, uow() as db:
        tender_service.set_grid_scores(
            db, _boss(db), given["opportunity"], ScoreGrid.model_validate(grid)
        )

    # then each column's message comes back on its cell, and no score changed
    over = "A score cannot exceed the item's weight."
    assert [(e.field, e.message) for e in refused.value.errors] == [
        (f"vendors.{given['us']}.scores.{items['方案']}", over),
        (f"vendors.{given['them']}.scores.{items['团队']}", over),
    ]
    assert [(s.vendor_id, s.scoring_item_id, s.score) for s in stored_all(uow, VendorScore)] == [
        (given["them"], items["商务"], Decimal("20.00"))
    ]


def test_only_the_latest_round_is_taken_back(uow, given):
    # given two rounds
    with uow() as db:
        boss = _boss(db)
        for amount in ("1000000", "950000"):
            quotes = [QuoteWrite(vendor_id=given["us"], amount=Decimal(amount))]
            tender_service.submit_quote_round(
                db, boss, given["opportunity"], QuoteRoundCreate(quoted_on=today(), quotes=quotes)
            )
        first, second = tender_service.rounds(db, boss, given["opportunity"])

    # when the first is taken back, then the second
    with pytest.raises(ValidationFailed) as refused, uow() as db:
        tender_service.delete_last_round(db, _boss(db), given["opportunity"], first.id)
    with uow() as db:
        tender_service.delete_last_round(db, _boss(db), given["opportunity"], second.id)
        left = tender_service.rounds(db, _boss(db), given["opportunity"])

    # then the first is refused and stays; the second goes
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("round_id", "Only the latest round can be taken back.")
    ]
    assert [(r.number, [q.amount for q in r.quotes]) for r in left] == [
        (1, [Decimal("1000000.00")])
    ]
