"""View-models of the competitors' pages: the list, and one competitor with the customer people
it is close to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from pcrm.accounts.public import ContactRead, contacts_by_ids
from pcrm.core.forms import FormErrors, FormValues
from pcrm.identity.public import Permission, Principal
from pcrm.relationships.competitors import service
from pcrm.relationships.competitors.forms import FIELDS
from pcrm.relationships.competitors.schemas import CompetitorTieRead
from pcrm.relationships.graph.pages import contact_url


def competitors(
    db: Session,
    principal: Principal,
    *,
    notice: str | None = None,
    form: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    return {
        "competitors": service.list_competitors(db, principal),
        "notice": notice,
        "can_write": principal.can(Permission.WRITE_COMPETITORS),
        "form": FormValues(form or {}),
        "errors": errors or {},
    }


def competitor(
    db: Session,
    principal: Principal,
    competitor_id: int,
    *,
    notice: str | None = None,
    form: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    version: int | None = None,
) -> dict[str, Any]:
    """One competitor with its edit form (the posted values and their messages when sent
    back) and the customer people it is close to."""
    found = service.get_competitor(db, principal, competitor_id)
    ties = [
        CompetitorTieRead.model_validate(t)
        for t in service.competitor_ties(db, principal, competitor_id)
    ]
    contacts = contacts_by_ids(db, principal.scope, {t.contact_id for t in ties})
    values = form or {k: getattr(found, k) or "" for k in FIELDS}
    return {
        "competitor": found,
        "ties": tie_rows(ties, contacts),
        "notice": notice,
        "can_write": principal.can(Permission.WRITE_COMPETITORS),
        "form": FormValues(values),
        "errors": errors or {},
        "version": version or found.version,
        "back": f"/competitors/{competitor_id}",
    }


@dataclass(frozen=True, slots=True)
class TieRow:
    id: int
    name: str
    url: str
    title: str
    account: str
    account_url: str
    closeness: int
    source: str
    note: str


def tie_rows(ties: Iterable[CompetitorTieRead], contacts: dict[int, ContactRead]) -> list[TieRow]:
    return [
        TieRow(
            id=t.id,
            name=contacts[t.contact_id].name,
            url=contact_url(t.contact_id),
            title=contacts[t.contact_id].title or "",
            account=contacts[t.contact_id].account_name,
            account_url=f"/accounts/{contacts[t.contact_id].account_id}/relationships",
            closeness=t.closeness,
            source=t.source or "",
            note=t.note or "",
        )
        for t in ties
        if t.contact_id in contacts and contacts[t.contact_id].archived_at is None
    ]
