"""No hidden queries: the graph and the closeness analysis cost the same number of queries for
an account of 3 contacts as for one of 30, each linked every way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.activities import service as activity_service
from pcrm.accounts.activities.schemas import ActivityCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.identity.public import operator_principal
from pcrm.identity.tokens.service import forget_api_tokens
from pcrm.relationships.competitors import service as competitors
from pcrm.relationships.competitors.schemas import CompetitorTieCreate, CompetitorWrite
from pcrm.relationships.graph import service
from pcrm.relationships.graph.schemas import (
    AcquaintanceCreate,
    DottedLineCreate,
    InfluenceCreate,
    ProfileWrite,
)
from tests.factories import bearer

# Per request: the token with its user and workspace (not cached yet); the account (twice:
# the analysis and the account's contact list each check it); its contacts; their profiles.
# The graph then reads dotted lines, influences, the contacts outside the account with their
# account names, our relationships and their users, competitors' ties and the competitors; the
# closeness analysis reads our relationships and users, ties and competitors, and the last
# activities (as the activity's contact and as a participant).
EXPECTED = {"relationship-graph": 12, "closeness": 11}


def _principal(db):
    return operator_principal(db, "acme", "owner@acme.example")


@pytest.fixture
def base(uow):
    """Account 华为 with its boss, a consultant at another account and a competitor."""
    with uow() as db:
        principal = _principal(db)
        account = account_service.create_account(db, principal, AccountCreate(name="华为"))
        consultancy = account_service.create_account(db, principal, AccountCreate(name="德勤"))
        boss = contact_service.create_contact(
            db, principal, ContactCreate(name="总经理", account_id=account.id, importance="key")
        )
        consultant = contact_service.create_contact(
            db, principal, ContactCreate(name="顾问", account_id=consultancy.id)
        )
        rival = competitors.create_competitor(db, principal, CompetitorWrite(name="竞品甲"))
        return {
            "account": account.id,
            "boss": boss.id,
            "consultant": consultant.id,
            "rival": rival.id,
        }


def _add_people(uow, acme, base, start, stop):
    """Contacts reporting to the boss, each with a profile, an influence on the boss, a dotted
    line to the consultant, our salesperson and the competitor knowing them, and a visit."""
    with uow() as db:
        principal = _principal(db)
        for n in range(start, stop):
            contact = contact_service.create_contact(
                db,
                principal,
                ContactCreate(
                    name=f"联系人{n:02d}",
                    account_id=base["account"],
                    importance="important",
                    reports_to_id=base["boss"],
                ),
            )
            service.set_profile(
                db, principal, contact.id, ProfileWrite(relationship_status="neutral")
            )
            service.create_influence(
                db,
                principal,
                InfluenceCreate(
                    from_contact_id=contact.id, to_contact_id=base["boss"], strength=n % 5 + 1
                ),
            )
            service.create_dotted_line(
                db,
                principal,
                DottedLineCreate(contact_id=contact.id, manager_id=base["consultant"]),
            )
            service.create_acquaintance(
                db,
                principal,
                AcquaintanceCreate(user_id=acme.sales.user_id, contact_id=contact.id, closeness=3),
            )
            competitors.create_tie(
                db,
                principal,
                CompetitorTieCreate(
                    competitor_id=base["rival"], contact_id=contact.id, closeness=2
                ),
            )
            activity_service.create_activity(
                db,
                principal,
                ActivityCreate(
                    type="visit",
                    occurred_at=datetime.now(UTC) - timedelta(days=n),
                    account_id=base["account"],
                    contact_id=contact.id,
                    subject=f"拜访{n:02d}",
                    participant_contact_ids=[contact.id],
                    participant_user_ids=[acme.sales.user_id],
                ),
            )


def _count(client, count_queries, headers, account_id):
    client.get("/api/v1/me", headers=headers)  # the token's last use is recorded once a minute
    counts = {}
    for analysis in EXPECTED:
        forget_api_tokens()
        with count_queries() as counter:
            response = client.get(f"/api/v1/accounts/{account_id}/{analysis}", headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        size = len(body["edges"]) if analysis == "relationship-graph" else len(body["contacts"])
        counts[analysis] = (size, counter.count)
    return counts


def test_graph_and_closeness_cost_the_same_queries_for_3_and_30_contacts(
    client, acme, uow, base, count_queries
):
    headers = bearer(acme.tokens["viewer"])
    _add_people(uow, acme, base, 0, 3)
    with_3 = _count(client, count_queries, headers, base["account"])
    _add_people(uow, acme, base, 3, 30)
    with_30 = _count(client, count_queries, headers, base["account"])

    # Edges per contact: reports-to, influence, dotted line, acquaintance and competitor tie.
    # Closeness counts the boss and the important contacts.
    assert with_3 == {
        "relationship-graph": (3 * 5, EXPECTED["relationship-graph"]),
        "closeness": (1 + 3, EXPECTED["closeness"]),
    }
    assert with_30 == {
        "relationship-graph": (30 * 5, EXPECTED["relationship-graph"]),
        "closeness": (1 + 30, EXPECTED["closeness"]),
    }
