"""The graph's service functions called directly, as the pages, the API and the demo call them:
profiles over time, links with their checks, who knows whom, and the account's graph."""

from __future__ import annotations

from datetime import date

import pytest

from pcrm.core.errors import NotFound, PermissionDenied, StaleVersion, ValidationFailed
from pcrm.identity.public import operator_principal
from pcrm.relationships.graph import service
from pcrm.relationships.graph.schemas import (
    AcquaintanceCreate,
    AcquaintanceUpdate,
    InfluenceCreate,
    ProfileWrite,
)
from tests.accounts.builders import new_account, new_contact
from tests.relationships.builders import row_counts


@pytest.fixture
def huawei(client, acme):
    """Account 华为 with 张总 and 李财 reporting to them; another workspace's contact."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")
    boss = new_contact(client, token, account["id"], "张总", importance="key")
    cfo = new_contact(client, token, account["id"], "李财", reports_to_id=boss["id"])
    theirs = new_account(client, acme.tokens["stranger"], "外部单位")
    stranger = new_contact(client, acme.tokens["stranger"], theirs["id"], "外人")
    return {
        "account": account["id"],
        "boss": boss["id"],
        "cfo": cfo["id"],
        "their_contact": stranger["id"],
    }


def _as(db, email):
    return operator_principal(db, "acme", email)


def test_profiles_are_kept_over_time_and_read_newest_first(uow, huawei):
    with uow() as db:
        owner = _as(db, "owner@acme.example")
        service.set_profile(
            db,
            owner,
            huawei["boss"],
            ProfileWrite(relationship_status="neutral", effective_on=date(2020, 1, 5)),
        )
        today = service.set_profile(
            db, owner, huawei["boss"], ProfileWrite(relationship_status="supporter", note="签约")
        )
        expected_day = owner.today()

    with uow() as db:
        history = service.profile_history(db, _as(db, "viewer@acme.example"), huawei["boss"])

    assert [(p.id, p.relationship_status.value, p.effective_on, p.note) for p in history] == [
        (today.id, "supporter", expected_day, "签约"),
        (history[1].id, "neutral", date(2020, 1, 5), None),
    ]


def test_an_influence_on_oneself_is_refused_by_field_and_writes_nothing(uow, huawei):
    before = row_counts(uow)

    with uow() as db, pytest.raises(ValidationFailed) as refused:
        service.create_influence(
            db,
            _as(db, "sales@acme.example"),
            InfluenceCreate(from_contact_id=huawei["cfo"], to_contact_id=huawei["cfo"], strength=3),
        )

    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("to_contact_id", "A relationship needs two different people.")
    ]
    assert row_counts(uow) == before


def test_an_influence_on_another_workspaces_contact_is_refused_by_field(uow, huawei):
    with uow() as db, pytest.raises(ValidationFailed) as refused:
        service.create_influence(
            db,
            _as(db, "sales@acme.example"),
            InfluenceCreate(
                from_contact_id=huawei["cfo"], to_contact_id=huawei["their_contact"], strength=3
            ),
        )

    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("to_contact_id", "Choose a contact of this workspace.")
    ]


def test_a_viewer_may_not_record_a_link(uow, huawei):
    before = row_counts(uow)

    with uow() as db, pytest.raises(PermissionDenied):
        service.create_influence(
            db,
            _as(db, "viewer@acme.example"),
            InfluenceCreate(
                from_contact_id=huawei["cfo"], to_contact_id=huawei["boss"], strength=3
            ),
        )

    assert row_counts(uow) == before


def test_who_knows_a_contact_lists_our_people_closest_first(uow, acme, huawei):
    with uow() as db:
        owner = _as(db, "owner@acme.example")
        far = service.create_acquaintance(
            db,
            owner,
            AcquaintanceCreate(user_id=acme.owner.user_id, contact_id=huawei["boss"], closeness=2),
        )
        near = service.create_acquaintance(
            db,
            owner,
            AcquaintanceCreate(
                user_id=acme.sales.user_id,
                contact_id=huawei["boss"],
                closeness=5,
                kind="classmate",
            ),
        )
        far_id, near_id = far.id, near.id

    with uow() as db:
        known = service.who_knows(db, _as(db, "viewer@acme.example"), huawei["boss"])

    assert [(k.id, k.user_id, k.closeness, k.kind.value, k.last_interaction) for k in known] == [
        (near_id, acme.sales.user_id, 5, "classmate", None),
        (far_id, acme.owner.user_id, 2, "business", None),
    ]


def test_a_change_to_an_older_version_of_a_link_is_refused_and_changes_nothing(uow, acme, huawei):
    with uow() as db:
        edge = service.create_acquaintance(
            db,
            _as(db, "owner@acme.example"),
            AcquaintanceCreate(user_id=acme.sales.user_id, contact_id=huawei["cfo"], closeness=3),
        )
        edge_id = edge.id
    with uow() as db:
        service.update_acquaintance(
            db, _as(db, "sales@acme.example"), edge_id, AcquaintanceUpdate(closeness=4), 1
        )

    with uow() as db, pytest.raises(StaleVersion):
        service.update_acquaintance(
            db, _as(db, "sales@acme.example"), edge_id, AcquaintanceUpdate(closeness=1), 1
        )

    with uow() as db:
        [stored] = service.known_by(db, _as(db, "viewer@acme.example"), acme.sales.user_id)
    assert (stored.id, stored.closeness, stored.version) == (edge_id, 4, 2)


def test_the_org_chart_graph_has_the_people_and_their_reporting_line_only(uow, huawei):
    with uow() as db:
        owner = _as(db, "owner@acme.example")
        service.create_influence(
            db,
            owner,
            InfluenceCreate(
                from_contact_id=huawei["cfo"], to_contact_id=huawei["boss"], strength=4
            ),
        )

    with uow() as db:
        graph = service.account_graph(
            db, _as(db, "viewer@acme.example"), huawei["account"], {"reports_to"}
        )

    boss, cfo = huawei["boss"], huawei["cfo"]
    assert graph.account_id == huawei["account"]
    assert sorted((n.id, n.kind, n.label, n.relationship_status) for n in graph.nodes) == sorted(
        [(f"c{boss}", "contact", "张总", "unknown"), (f"c{cfo}", "contact", "李财", "unknown")]
    )
    assert [(e.source, e.target, e.kind, e.record_id) for e in graph.edges] == [
        (f"c{cfo}", f"c{boss}", "reports_to", None)
    ]


def test_another_workspaces_contact_has_no_profile_history(uow, huawei):
    with uow() as db, pytest.raises(NotFound):
        service.profile_history(db, _as(db, "owner@acme.example"), huawei["their_contact"])
