"""The win/loss review's service, through its functions: closing writes the review, editing it
keeps its outcome, and what a lost review must say."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pcrm.core.errors import ValidationFailed
from pcrm.identity.public import operator_principal
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.schemas import OpportunityCreate
from pcrm.opportunities.review import service as review_service
from pcrm.opportunities.review.schemas import CloseOpportunity, ReviewWrite
from pcrm.opportunities.vocab import Outcome, ReviewReason, Stage
from tests.factories import bearer, current
from tests.opportunities.builders import account, row_counts
from tests.relationships.builders import competitor


@pytest.fixture
def given(client, acme, uow) -> dict[str, int]:
    """An open opportunity of acme and a competitor."""
    token = acme.tokens["owner"]
    customer = account(client, token)["id"]
    rival = competitor(client, token, "竞品科技")["id"]
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        data = OpportunityCreate(account_id=customer, name="智慧园区一期")
        opportunity_id = service.create_opportunity(db, boss, data).id
    return {"opportunity": opportunity_id, "rival": rival}


def _close(uow, opportunity_id: int, review: ReviewWrite) -> None:
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        close = CloseOpportunity(outcome=Outcome.LOST, review=review)
        service.close_opportunity(db, boss, opportunity_id, close)


def test_closing_as_lost_writes_the_review_and_editing_it_keeps_its_outcome(uow, given):
    # given an opportunity closed as lost to the competitor
    lost = ReviewWrite(
        reasons=[ReviewReason.PRICE],
        winner_competitor_id=given["rival"],
        winning_price=Decimal("870000"),
    )
    _close(uow, given["opportunity"], lost)

    # when its review is edited
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        edited = review_service.update_review(
            db,
            boss,
            given["opportunity"],
            lost.model_copy(update={"what_to_change": "报价更早"}),
        )
        closed = service.read_opportunity(db, boss, given["opportunity"])

    # then the review says who won and what to change, still as lost
    assert (closed.stage, closed.probability) == (Stage.LOST, 0)
    assert (
        edited.outcome,
        edited.reasons,
        edited.winner_name,
        edited.winning_price,
        edited.what_to_change,
    ) == (Outcome.LOST, [ReviewReason.PRICE], "竞品科技", Decimal("870000.00"), "报价更早")


def test_a_lost_review_must_name_the_winner_and_nothing_is_written(uow, given):
    before = row_counts(uow)

    # when the opportunity is closed as lost without saying who won
    with pytest.raises(ValidationFailed) as refused:
        _close(uow, given["opportunity"], ReviewWrite(reasons=[ReviewReason.PRICE]))

    # then the review's winner is asked for, and the opportunity stays open without a review
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("review.winner_competitor_id", "Say who won when we lost.")
    ]
    assert row_counts(uow) == before
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        assert review_service.get_review(db, boss, given["opportunity"]) is None


def test_an_open_opportunity_has_no_review_to_edit(uow, given):
    with pytest.raises(ValidationFailed) as refused, uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        review_service.update_review(
            db, boss, given["opportunity"], ReviewWrite(reasons=[ReviewReason.TIMING])
        )
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("review", "Only a closed opportunity has a win/loss review.")
    ]


def test_an_edit_of_the_review_needs_its_current_version(client, acme, uow, given):
    # given a review closed as lost, read through the API
    _close(
        uow,
        given["opportunity"],
        ReviewWrite(reasons=[ReviewReason.PRICE], winner_competitor_id=given["rival"]),
    )
    owner = bearer(acme.tokens["owner"])
    url = f"/api/v1/opportunities/{given['opportunity']}/review"
    read = current(client, url, owner)
    body = {"reasons": ["price"], "winner_competitor_id": given["rival"], "what_worked": "演示"}

    # when one edit names the version read, and a second names the same, older one
    first = client.put(url, json=body, headers=read)
    second = client.put(url, json=body | {"what_worked": "覆盖"}, headers=read)
    unnamed = client.put(url, json=body | {"what_worked": "覆盖"}, headers=owner)

    # then only the first is applied
    assert (first.status_code, second.status_code, unnamed.status_code) == (200, 412, 428)
    assert first.headers["ETag"] == f'"v{first.json()["version"]}"'
    assert client.get(url, headers=owner).json()["what_worked"] == "演示"
