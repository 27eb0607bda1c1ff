"""The pipeline's service, through its functions: a new opportunity's defaults, the gate into
bidding, the board's columns, relations without loops, and the list's filter and sort."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pcrm.core.errors import ValidationFailed
from pcrm.core.pagination import PageRequest
from pcrm.identity.public import operator_principal
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.schemas import (
    OpportunityCreate,
    OpportunityFilters,
    RelationCreate,
    StageMove,
)
from pcrm.opportunities.vocab import Stage
from tests.opportunities.builders import account


@pytest.fixture
def customer(client, acme) -> int:
    return int(account(client, acme.tokens["owner"])["id"])


def _create(uow, account_id: int, name: str, **fields) -> int:
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        data = OpportunityCreate(account_id=account_id, name=name, **fields)
        return service.create_opportunity(db, boss, data).id


def test_a_new_opportunity_takes_its_stages_probability_and_its_creator_as_owner(
    uow, acme, customer
):
    # given an account; when the owner creates a potential opportunity with a budget
    opportunity_id = _create(uow, customer, "智慧园区一期", budget_amount=Decimal("1000000"))

    # then it is the creator's, at the stage's 10 %, weighted to a tenth of its budget
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        read = service.read_opportunity(db, boss, opportunity_id)
    assert (
        read.stage,
        read.probability,
        read.probability_overridden,
        read.owner_id,
        read.owner_name,
        read.account_name,
        read.weighted_amount,
        read.has_tender,
    ) == (
        Stage.POTENTIAL,
        10,
        False,
        acme.owner.user_id,
        "王总",
        "华为技术有限公司",
        Decimal("100000.00"),
        False,
    )


def test_bidding_without_a_tender_needs_the_reason_why(uow, customer):
    # given a potential opportunity without a tender
    opportunity_id = _create(uow, customer, "数据中心扩容")

    # when it is moved into bidding without a reason, then with one
    with pytest.raises(ValidationFailed) as refused, uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        service.move_stage(db, boss, opportunity_id, StageMove(stage=Stage.BIDDING))
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        unchanged = service.read_opportunity(db, boss, opportunity_id)
        service.move_stage(
            db,
            boss,
            opportunity_id,
            StageMove(stage=Stage.BIDDING, no_tender_reason="单一来源采购"),
        )
    with uow() as db:
        moved = service.read_opportunity(db, boss, opportunity_id)

    # then the first is refused on the reason and changes nothing; the second moves it
    assert [(e.field, e.message) for e in refused.value.errors] == [
        (
            "no_tender_reason",
            "Bidding needs the tender's details, or a note why there is no tender.",
        )
    ]
    assert (unchanged.stage, unchanged.version) == (Stage.POTENTIAL, 1)
    assert (moved.stage, moved.probability, moved.no_tender_reason) == (
        Stage.BIDDING,
        40,
        "单一来源采购",
    )


def test_a_board_column_counts_its_whole_stage_and_shows_the_soonest_first(
    uow, customer, monkeypatch
):
    # given three potential opportunities, one without an expected close, and two cards a column
    monkeypatch.setattr(service, "BOARD_CARDS", 2)
    for name, budget, close in (
        ("三月", "100", date(2027, 3, 1)),
        ("一月", "200", date(2027, 1, 15)),
        ("未定", "300", None),
    ):
        _create(uow, customer, name, budget_amount=Decimal(budget), expected_close_on=close)

    # when the board's potential column is read
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        (column,) = service.pipeline(db, boss, OpportunityFilters(), (Stage.POTENTIAL,))

    # then it counts all three and shows the two closing soonest
    assert (column.stage, column.totals.count, column.totals.budget, column.totals.weighted) == (
        Stage.POTENTIAL,
        3,
        Decimal("600"),
        Decimal("60.00"),
    )
    assert [card.name for card in column.cards] == ["一月", "三月"]


def test_a_relation_that_would_make_a_loop_is_refused(uow, customer):
    # given phase 2 following phase 1
    first = _create(uow, customer, "一期")
    second = _create(uow, customer, "二期")
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        service.add_relation(db, boss, second, RelationCreate(earlier_id=first, kind="phase_2_of"))

    # when phase 1 is said to follow phase 2
    with pytest.raises(ValidationFailed) as refused, uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        service.add_relation(
            db, boss, first, RelationCreate(earlier_id=second, kind="follow_on_of")
        )

    # then it is refused and phase 1 still has only its later phase
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("earlier_id", "This relation would make a loop of opportunities.")
    ]
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        relations = service.relations(db, boss, first)
    assert [(r.other_name, r.direction, r.kind.value) for r in relations] == [
        ("二期", "later", "phase_2_of")
    ]


def test_the_list_filters_by_name_and_sorts_by_an_allowed_key(uow, customer):
    # given two projects and one works contract
    for name, budget in (("甲项目", "300"), ("乙项目", "100"), ("丙工程", "200")):
        _create(uow, customer, name, budget_amount=Decimal(budget))

    # when the list is asked for the projects by budget, largest first, and by an unknown key
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        page = service.list_opportunities(
            db, boss, OpportunityFilters(q="项目"), PageRequest(1, 50), "-budget_amount"
        )
        with pytest.raises(ValidationFailed) as refused:
            service.list_opportunities(db, boss, OpportunityFilters(), PageRequest(1, 50), "owner")

    # then the projects come in that order, and the unknown key is refused on the sort
    assert ([o.name for o in page.items], page.total) == (["甲项目", "乙项目"], 2)
    assert [(e.field, e.message) for e in refused.value.errors] == [("sort", "Unknown sort field.")]
