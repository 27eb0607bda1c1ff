"""Setup through the JSON API, like real use, and row counts for "nothing changed" checks."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from pcrm.accounts.accounts.models import Account, AccountTag, AccountTeamMember
from pcrm.accounts.activities.models import Activity, ActivityParticipant
from pcrm.accounts.contacts.models import Contact, Employment
from pcrm.core.audit import AuditEntry
from pcrm.notifications.models import Reminder
from tests.factories import bearer
from tests.factories.rows import count_rows

COUNTED = {
    "accounts": Account,
    "account_tags": AccountTag,
    "account_team_members": AccountTeamMember,
    "contacts": Contact,
    "employments": Employment,
    "activities": Activity,
    "activity_participants": ActivityParticipant,
    "reminders": Reminder,
    "audit_entries": AuditEntry,
}
CREDIT_CODE = "91350100M000100Y43"  # valid check character
OTHER_CREDIT_CODE = "91110000802100433B"  # valid too, held by nobody unless a test says so


def row_counts(uow: Any) -> dict[str, int]:
    """Rows of every accounts table and of the audit trail, across all workspaces."""
    return count_rows(uow, COUNTED)


def create(client: TestClient, token: str, path: str, **body: Any) -> dict[str, Any]:
    response = client.post(path, json=body, headers=bearer(token))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def new_account(client: TestClient, token: str, name: str, **fields: Any) -> dict[str, Any]:
    return create(client, token, "/api/v1/accounts", name=name, **fields)


def new_contact(
    client: TestClient, token: str, account_id: int, name: str, **fields: Any
) -> dict[str, Any]:
    return create(client, token, "/api/v1/contacts", account_id=account_id, name=name, **fields)


def new_activity(
    client: TestClient,
    token: str,
    account_id: int,
    subject: str = "拜访",
    occurred_at: str = "2026-03-02T10:00:00+08:00",
    **fields: Any,
) -> dict[str, Any]:
    fields.setdefault("type", "visit")
    return create(
        client,
        token,
        "/api/v1/activities",
        account_id=account_id,
        subject=subject,
        occurred_at=occurred_at,
        **fields,
    )


def problem_without_instance(body: Any) -> Any:
    """A problem+json body without the parts that differ per request."""
    if not isinstance(body, dict):
        return body
    return {k: v for k, v in body.items() if k not in {"instance", "request_id"}}


def fields_of(response: Any) -> list[str]:
    return sorted(e["field"] for e in response.json()["errors"])
