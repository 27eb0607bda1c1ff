"""The competitors' service functions called directly: unique names, ties to customer people
of this workspace only, and a competitor's ties closest first."""

from __future__ import annotations

import pytest

from pcrm.core.errors import NotFound, ValidationFailed
from pcrm.identity.public import operator_principal
from pcrm.relationships.competitors import service
from pcrm.relationships.competitors.schemas import CompetitorTieCreate, CompetitorWrite
from tests.accounts.builders import new_account, new_contact
from tests.relationships.builders import row_counts


@pytest.fixture
def people(client, acme):
    """Two contacts of acme's account 华为."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")
    return {
        "boss": new_contact(client, token, account["id"], "张总")["id"],
        "cfo": new_contact(client, token, account["id"], "李财")["id"],
    }


def _as(db, email, workspace="acme"):
    return operator_principal(db, workspace, email)


def test_a_second_competitor_of_the_same_name_is_refused_and_writes_nothing(uow, acme):
    with uow() as db:
        service.create_competitor(db, _as(db, "sales@acme.example"), CompetitorWrite(name="竞品甲"))
    before = row_counts(uow)

    with uow() as db, pytest.raises(ValidationFailed) as refused:
        service.create_competitor(db, _as(db, "sales@acme.example"), CompetitorWrite(name="竞品甲"))

    assert [(e.field, e.message, e.type) for e in refused.value.errors] == [
        ("name", "A competitor with this name already exists.", "unique")
    ]
    assert row_counts(uow) == before


def test_a_competitor_keeps_its_own_name_but_cannot_take_anothers(uow, acme):
    with uow() as db:
        sales = _as(db, "sales@acme.example")
        first = service.create_competitor(db, sales, CompetitorWrite(name="竞品甲"))
        service.create_competitor(db, sales, CompetitorWrite(name="竞品乙"))
        first_id = first.id

    with uow() as db:
        kept = service.update_competitor(
            db,
            _as(db, "sales@acme.example"),
            first_id,
            CompetitorWrite(name="竞品甲", strengths="价格低"),
            1,
        )
        kept_fields = (kept.name, kept.strengths, kept.version)
    with uow() as db, pytest.raises(ValidationFailed) as refused:
        service.update_competitor(
            db, _as(db, "sales@acme.example"), first_id, CompetitorWrite(name="竞品乙"), 2
        )

    assert kept_fields == ("竞品甲", "价格低", 2)
    assert [(e.field, e.type) for e in refused.value.errors] == [("name", "unique")]
    with uow() as db:
        assert service.get_competitor(db, _as(db, "viewer@acme.example"), first_id).name == "竞品甲"


def test_a_tie_to_another_workspaces_competitor_is_refused_by_field(uow, people):
    with uow() as db:
        theirs = service.create_competitor(
            db, _as(db, "owner@other.example", "other"), CompetitorWrite(name="外部竞品")
        )
        their_id = theirs.id
    before = row_counts(uow)

    with uow() as db, pytest.raises(ValidationFailed) as refused:
        service.create_tie(
            db,
            _as(db, "sales@acme.example"),
            CompetitorTieCreate(competitor_id=their_id, contact_id=people["boss"], closeness=3),
        )

    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("competitor_id", "Choose a competitor of this workspace.")
    ]
    assert row_counts(uow) == before


def test_a_competitors_ties_come_closest_first(uow, people):
    with uow() as db:
        sales = _as(db, "sales@acme.example")
        rival = service.create_competitor(db, sales, CompetitorWrite(name="竞品甲"))
        loose = service.create_tie(
            db,
            sales,
            CompetitorTieCreate(competitor_id=rival.id, contact_id=people["cfo"], closeness=2),
        )
        close = service.create_tie(
            db,
            sales,
            CompetitorTieCreate(
                competitor_id=rival.id, contact_id=people["boss"], closeness=5, source="展会"
            ),
        )
        rival_id, loose_id, close_id = rival.id, loose.id, close.id

    with uow() as db:
        ties = service.competitor_ties(db, _as(db, "viewer@acme.example"), rival_id)

    assert [(t.id, t.contact_id, t.closeness, t.source) for t in ties] == [
        (close_id, people["boss"], 5, "展会"),
        (loose_id, people["cfo"], 2, None),
    ]


def test_another_workspaces_competitor_is_not_found(uow, acme):
    with uow() as db:
        theirs = service.create_competitor(
            db, _as(db, "owner@other.example", "other"), CompetitorWrite(name="外部竞品")
        )
        their_id = theirs.id

    with uow() as db, pytest.raises(NotFound):
        service.get_competitor(db, _as(db, "owner@acme.example"), their_id)
