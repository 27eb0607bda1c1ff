"""The hand-over to delivery, through its service function: a won opportunity comes with its
tender, decision chain, documents and review; an open one is not handed over."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pcrm.core.errors import ValidationFailed
from pcrm.identity.public import operator_principal
from pcrm.opportunities.handover import service as handover
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.schemas import OpportunityCreate
from pcrm.opportunities.review.schemas import CloseOpportunity, ReviewWrite
from pcrm.opportunities.vocab import Outcome, ReviewReason, Stage
from tests.opportunities.builders import account


@pytest.fixture
def opportunity_id(client, acme, uow) -> int:
    customer = account(client, acme.tokens["owner"])["id"]
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        data = OpportunityCreate(account_id=customer, name="智慧园区一期")
        return service.create_opportunity(db, boss, data).id


def test_a_won_opportunity_is_handed_over_with_what_it_has(uow, opportunity_id):
    # given the opportunity won at 950,000 (no tender, chain or documents recorded)
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        won = CloseOpportunity(
            outcome=Outcome.WON,
            awarded_amount=Decimal("950000"),
            review=ReviewWrite(reasons=[ReviewReason.TECHNICAL], what_worked="方案演示"),
        )
        service.close_opportunity(db, boss, opportunity_id, won)

    # when delivery takes it over
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        taken = handover.handover(db, boss, opportunity_id)

    # then it comes in joint execution with its review and nothing it does not have
    assert (taken.opportunity.stage, taken.opportunity.awarded_amount) == (
        Stage.EXECUTION,
        Decimal("950000.00"),
    )
    assert (taken.tender, taken.decision_chain, taken.documents) == (None, [], [])
    assert taken.review is not None
    assert (taken.review.outcome, taken.review.reasons, taken.review.what_worked) == (
        Outcome.WON,
        [ReviewReason.TECHNICAL],
        "方案演示",
    )


def test_an_open_opportunity_is_not_handed_over(uow, opportunity_id):
    with pytest.raises(ValidationFailed) as refused, uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        handover.handover(db, boss, opportunity_id)
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("opportunity_id", "Only a won opportunity is handed to delivery.")
    ]
