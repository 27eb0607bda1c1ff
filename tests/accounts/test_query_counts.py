"""No hidden queries: a list page costs the same number of queries for 3 rows as for 30."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate, TeamMemberWrite
from pcrm.accounts.activities import service as activity_service
from pcrm.accounts.activities.schemas import ActivityCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.identity import service as identity_service
from tests.factories import bearer

LISTS = ("/api/v1/accounts", "/api/v1/contacts", "/api/v1/activities")
# Per request: the token joined with its user and workspace (not cached yet), the page's ids,
# its rows and its count; for contacts the rows carry the account names; for activities the
# participants, account and contact names follow.
EXPECTED = {"/api/v1/accounts": 4, "/api/v1/contacts": 4, "/api/v1/activities": 7}


def _add_rows(uow, acme, start, stop):
    """Accounts with a team, each with a contact and an activity that has participants."""
    with uow() as db:
        principal = identity_service.operator_principal(db, "acme", "owner@acme.example")
        for n in range(start, stop):
            account = account_service.create_account(
                db,
                principal,
                AccountCreate(
                    name=f"客户{n:02d}",
                    tags=["重点"],
                    team=[TeamMemberWrite(user_id=acme["admin"].user_id, role="sales")],
                ),
            )
            contact = contact_service.create_contact(
                db, principal, ContactCreate(name=f"联系人{n:02d}", account_id=account.id)
            )
            activity_service.create_activity(
                db,
                principal,
                ActivityCreate(
                    type="visit",
                    occurred_at=datetime(2026, 3, 1, tzinfo=UTC) + timedelta(hours=n),
                    account_id=account.id,
                    contact_id=contact.id,
                    subject=f"拜访{n:02d}",
                    participant_contact_ids=[contact.id],
                    participant_user_ids=[acme["admin"].user_id],
                ),
            )


def _count(client, count_queries, headers):
    client.get("/api/v1/me", headers=headers)  # the token's last use is recorded once a minute
    counts = {}
    for path in LISTS:
        identity_service.forget_api_tokens()
        with count_queries() as counter:
            response = client.get(path, headers=headers)
        assert response.status_code == 200
        counts[path] = (len(response.json()["items"]), counter.count)
    return counts


def test_list_pages_cost_the_same_queries_for_3_and_30_rows(client, acme, uow, count_queries):
    headers = bearer(acme["tokens"]["viewer"])
    _add_rows(uow, acme, 0, 3)
    with_3 = _count(client, count_queries, headers)
    _add_rows(uow, acme, 3, 30)
    with_30 = _count(client, count_queries, headers)

    assert with_3 == {path: (3, queries) for path, queries in EXPECTED.items()}
    assert with_30 == {path: (30, queries) for path, queries in EXPECTED.items()}
