"""Opportunities, tenders, quote rounds, vendors and scoring items named for a history: one
query per kind for a whole page of entries, linked to the opportunity's pages."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.core.history import Reference
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal
from pcrm.opportunities.references import repository as repo
from pcrm.relationships.public import competitor_names


def _link(reader: Principal, path: str) -> str | None:
    return path if reader.can(Permission.READ) else None


def opportunity_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    return {
        oid: Reference(name, _link(reader, f"/opportunities/{oid}"))
        for oid, name in repo.opportunity_names(db, reader.scope, ids).items()
    }


def tender_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    return {
        row.id: Reference(
            translate(locale, N_("Tender of %(name)s"), name=row.name),
            _link(reader, f"/opportunities/{row.opportunity_id}/bid"),
        )
        for row in repo.tenders(db, reader.scope, ids)
    }


def quote_round_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    return {
        row.id: Reference(
            translate(locale, N_("Round %(number)s"), number=row.number),
            _link(reader, f"/opportunities/{row.opportunity_id}/bid"),
        )
        for row in repo.quote_rounds(db, reader.scope, ids)
    }


def vendor_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    rows = repo.vendors(db, reader.scope, ids)
    names = competitor_names(db, reader.scope, {r.competitor_id for r in rows if r.competitor_id})
    us = reader.workspace_name  # as the bid sheet names us
    return {
        row.id: Reference(
            names.get(row.competitor_id, us) if row.competitor_id else us,
            _link(reader, f"/opportunities/{row.opportunity_id}/bid"),
        )
        for row in rows
    }


def scoring_item_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    return {
        row.id: Reference(row.name, _link(reader, f"/opportunities/{row.opportunity_id}/bid"))
        for row in repo.scoring_items(db, reader.scope, ids)
    }
