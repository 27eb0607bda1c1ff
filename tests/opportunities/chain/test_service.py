"""The decision chain's service, through its functions: a member's defaults, naming the
favoured competitor, changing a stance, and a member of another opportunity."""

from __future__ import annotations

from typing import Any

import pytest

from pcrm.core.errors import NotFound, ValidationFailed
from pcrm.identity.public import operator_principal
from pcrm.opportunities.chain import service as chain_service
from pcrm.opportunities.chain.schemas import DecisionMemberUpdate, DecisionMemberWrite
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.schemas import OpportunityCreate
from pcrm.opportunities.vocab import DecisionRole, Stance
from pcrm.relationships.public import InteractionLevel, RelationshipStatus
from tests.accounts.builders import new_contact
from tests.opportunities.builders import account, row_counts
from tests.relationships.builders import competitor


def _boss(db: Any) -> Any:
    return operator_principal(db, "acme", "owner@acme.example")


@pytest.fixture
def given(client, acme, uow) -> dict[str, int]:
    """Two opportunities of one account, a contact there (张总, 局长) and a competitor."""
    token = acme.tokens["owner"]
    customer = account(client, token)["id"]
    contact = new_contact(client, token, customer, "张总", title="局长")["id"]
    rival = competitor(client, token, "东方信联")["id"]
    with uow() as db:
        boss = _boss(db)
        one, two = (
            service.create_opportunity(
                db, boss, OpportunityCreate(account_id=customer, name=name)
            ).id
            for name in ("一期", "二期")
        )
    return {"one": one, "two": two, "contact": contact, "rival": rival}


def test_a_member_takes_the_contacts_standing_and_is_read_back(uow, given):
    with uow() as db:
        added = chain_service.add_member(
            db,
            _boss(db),
            given["one"],
            DecisionMemberWrite(contact_id=given["contact"], decision_role="decision_maker"),
        )
    with uow() as db:
        (read,) = chain_service.chain(db, _boss(db), given["one"])
    assert read == added
    assert (
        read.contact_name,
        read.title,
        read.decision_role,
        read.relationship_status,
        read.interaction_level,
        read.stance,
        read.favoured_competitor_name,
        read.version,
    ) == (
        "张总",
        "局长",
        DecisionRole.DECISION_MAKER,
        RelationshipStatus.UNKNOWN,
        InteractionLevel.NONE,
        Stance.UNKNOWN,
        None,
        1,
    )


def test_favouring_a_competitor_without_naming_it_is_refused_and_writes_nothing(uow, given):
    before = row_counts(uow)
    with pytest.raises(ValidationFailed) as refused, uow() as db:
        chain_service.add_member(
            db,
            _boss(db),
            given["one"],
            DecisionMemberWrite(
                contact_id=given["contact"],
                decision_role="influencer",
                stance="favours_competitor",
            ),
        )
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("favoured_competitor_id", "Say which competitor they favour.")
    ]
    assert row_counts(uow) == before


def test_a_stance_that_no_longer_favours_a_competitor_forgets_it(uow, given):
    # given a member who favours 东方信联
    with uow() as db:
        member = chain_service.add_member(
            db,
            _boss(db),
            given["one"],
            DecisionMemberWrite(
                contact_id=given["contact"],
                decision_role="influencer",
                stance="favours_competitor",
                favoured_competitor_id=given["rival"],
            ),
        )
    # when their stance becomes neutral
    with uow() as db:
        changed = chain_service.update_member(
            db,
            _boss(db),
            given["one"],
            member.id,
            DecisionMemberUpdate(stance="neutral"),
            expected_version=1,
        )
    # then no competitor is favoured any more
    assert (member.favoured_competitor_name, changed.stance) == ("东方信联", Stance.NEUTRAL)
    assert (changed.favoured_competitor_id, changed.favoured_competitor_name, changed.version) == (
        None,
        None,
        2,
    )


def test_a_member_is_found_only_on_its_own_opportunity(uow, given):
    with uow() as db:
        member = chain_service.add_member(
            db,
            _boss(db),
            given["one"],
            DecisionMemberWrite(contact_id=given["contact"], decision_role="user"),
        )
    with pytest.raises(NotFound), uow() as db:
        chain_service.remove_member(db, _boss(db), given["two"], member.id)
    with uow() as db:
        assert [m.id for m in chain_service.chain(db, _boss(db), given["one"])] == [member.id]
