"""The insights' service, through its functions: an account without tenders has an empty
rhythm, related opportunities make one chain of its project history, and a competitor never
met has an empty record."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pcrm.identity.public import operator_principal
from pcrm.opportunities.insights import service as insights
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.schemas import OpportunityCreate, RelationCreate
from tests.opportunities.builders import account
from tests.relationships.builders import competitor


def _boss(db: Any) -> Any:
    return operator_principal(db, "acme", "owner@acme.example")


def test_an_account_without_tenders_has_an_empty_rhythm(client, acme, uow):
    customer = account(client, acme.tokens["owner"])["id"]
    with uow() as db:
        rhythm = insights.account_rhythm(db, _boss(db), customer)
    assert (
        rhythm.account_name,
        rhythm.tender_count,
        rhythm.years_observed,
        rhythm.months,
        rhythm.methods,
        rhythm.price_weight,
        rhythm.rfp_to_award_days,
    ) == ("华为技术有限公司", 0, 0, [0] * 12, [], None, None)
    assert [(m.expected, m.likely) for m in rhythm.outlook] == [(Decimal("0.00"), False)] * 12


def test_a_phase_2_joins_its_phase_1_in_one_chain_of_the_history(client, acme, uow):
    # given phase 1 closing in January and phase 2, following it, in June
    customer = account(client, acme.tokens["owner"])["id"]
    with uow() as db:
        boss = _boss(db)
        first, second = (
            service.create_opportunity(
                db, boss, OpportunityCreate(account_id=customer, name=name, expected_close_on=on)
            ).id
            for name, on in (("一期", date(2026, 1, 10)), ("二期", date(2026, 6, 30)))
        )
        service.add_relation(db, boss, second, RelationCreate(earlier_id=first, kind="phase_2_of"))

    # when the account's project history is read
    with uow() as db:
        history = insights.project_history(db, _boss(db), customer)

    # then both are one chain, the earlier first, each naming the other
    assert history.opportunity_count == 2
    (chain,) = history.chains
    assert (chain.starts_on, chain.ends_on) == (date(2026, 1, 10), date(2026, 6, 30))
    assert [
        (e.name, [(r.direction, r.other_name) for r in e.relations]) for e in chain.opportunities
    ] == [("一期", [("later", "二期")]), ("二期", [("earlier", "一期")])]


def test_a_competitor_never_met_has_an_empty_record(client, acme, uow):
    rival = competitor(client, acme.tokens["owner"], "东方信联")["id"]
    with uow() as db:
        record = insights.competitor_record(db, _boss(db), rival)
    assert (
        record.name,
        record.met,
        record.won,
        record.lost,
        record.win_rate,
        record.meetings,
        record.close_contacts,
    ) == ("东方信联", 0, 0, 0, None, [], [])
