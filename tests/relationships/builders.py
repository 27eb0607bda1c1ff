"""Setup through the relationships JSON API, and row counts for "nothing changed" checks."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import inspect, select

from pcrm.accounts.contacts.models import Contact
from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import GLOBAL
from pcrm.relationships.competitors.models import Competitor, CompetitorTie
from pcrm.relationships.graph.models import (
    Acquaintance,
    DottedLine,
    Influence,
    ProfileEntry,
)
from tests.accounts.builders import create
from tests.factories import bearer
from tests.factories.rows import count_rows

COUNTED = {
    "influences": Influence,
    "dotted_lines": DottedLine,
    "acquaintances": Acquaintance,
    "competitor_ties": CompetitorTie,
    "competitors": Competitor,
    "profile_entries": ProfileEntry,
    "contacts": Contact,
    "audit_entries": AuditEntry,
}


def row_counts(uow: Any) -> dict[str, int]:
    """Rows of every relationships table, of contacts and of the audit trail, in all
    workspaces."""
    return count_rows(uow, COUNTED)


def stored(uow: Any, model: type[Any], record_id: int) -> dict[str, Any]:
    """The columns of one stored row, read past the API (for "unchanged" checks)."""
    with uow() as db:
        row = db.scalar(select(model).where(model.id == record_id).execution_options(**GLOBAL))
        assert row is not None
        return {c.key: getattr(row, c.key) for c in inspect(model).column_attrs}


def audit_trail(client: TestClient, token: str, entity_type: str, entity_id: int) -> list[Any]:
    """(action, changes) of a record's audit entries, newest first, as the API lists them."""
    response = client.get(
        "/api/v1/audit-entries",
        params={"entity_type": entity_type, "entity_id": entity_id},
        headers=bearer(token),
    )
    assert response.status_code == 200, response.text
    return [(e["action"], e["changes"]) for e in response.json()["items"]]


def influence(
    client: TestClient, token: str, source: int, target: int, strength: int, **fields: Any
) -> dict[str, Any]:
    return create(
        client,
        token,
        "/api/v1/influences",
        from_contact_id=source,
        to_contact_id=target,
        strength=strength,
        **fields,
    )


def dotted_line(
    client: TestClient, token: str, contact: int, manager: int, **fields: Any
) -> dict[str, Any]:
    return create(
        client, token, "/api/v1/dotted-lines", contact_id=contact, manager_id=manager, **fields
    )


def acquaintance(
    client: TestClient, token: str, user: int, contact: int, closeness: int, **fields: Any
) -> dict[str, Any]:
    return create(
        client,
        token,
        "/api/v1/acquaintances",
        user_id=user,
        contact_id=contact,
        closeness=closeness,
        **fields,
    )


def competitor(client: TestClient, token: str, name: str, **fields: Any) -> dict[str, Any]:
    return create(client, token, "/api/v1/competitors", name=name, **fields)


def tie(
    client: TestClient, token: str, rival: int, contact: int, closeness: int, **fields: Any
) -> dict[str, Any]:
    return create(
        client,
        token,
        "/api/v1/competitor-ties",
        competitor_id=rival,
        contact_id=contact,
        closeness=closeness,
        **fields,
    )


def profile(client: TestClient, token: str, contact: int, **fields: Any) -> dict[str, Any]:
    return create(client, token, f"/api/v1/contacts/{contact}/profile", **fields)
