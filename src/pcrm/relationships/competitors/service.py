"""Rules of competitors and their ties to customer people."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.accounts.public import search_fields, search_rank, sort_key
from pcrm.core.errors import field_error
from pcrm.core.etag import check_version
from pcrm.core.history import Reference
from pcrm.core.i18n import N_
from pcrm.core.search import SearchHit, matching_rows
from pcrm.identity.public import Permission, Principal
from pcrm.relationships.competitors import repository as repo
from pcrm.relationships.competitors.models import Competitor, CompetitorTie
from pcrm.relationships.competitors.schemas import (
    CompetitorTieCreate,
    CompetitorTieUpdate,
    CompetitorWrite,
)
from pcrm.relationships.graph.service import checked_contacts, saved_once

SEARCH_CANDIDATES = 50  # matches read for the global search, ranked, then cut to its limit


def create_competitor(db: Session, principal: Principal, data: CompetitorWrite) -> Competitor:
    principal.require(Permission.WRITE_COMPETITORS)
    if repo.competitor_named(db, principal.scope, data.name):
        raise field_error("name", N_("A competitor with this name already exists."), "unique")
    competitor = Competitor(workspace_id=principal.workspace_id, **data.model_dump())
    refresh_search_fields(competitor)
    db.add(competitor)
    db.flush()
    return competitor


def update_competitor(
    db: Session,
    principal: Principal,
    competitor_id: int,
    data: CompetitorWrite,
    expected_version: int | None,
) -> Competitor:
    principal.require(Permission.WRITE_COMPETITORS)
    competitor = repo.competitor(db, principal.scope, competitor_id)
    check_version(competitor.version, expected_version)
    twin = repo.competitor_named(db, principal.scope, data.name)
    if twin is not None and twin.id != competitor.id:
        raise field_error("name", N_("A competitor with this name already exists."), "unique")
    for key, value in data.model_dump().items():
        setattr(competitor, key, value)
    refresh_search_fields(competitor)
    db.flush()
    return competitor


def refresh_search_fields(competitor: Competitor) -> None:
    """What the global search finds the competitor by: name and website."""
    competitor.search_text = search_fields([competitor.name, competitor.website])
    competitor.sort_name = sort_key(competitor.name)


def get_competitor(db: Session, principal: Principal, competitor_id: int) -> Competitor:
    principal.require(Permission.READ)
    return repo.competitor(db, principal.scope, competitor_id)


def list_competitors(db: Session, principal: Principal) -> list[Competitor]:
    principal.require(Permission.READ)
    return list(repo.competitors(db, principal.scope))


def create_tie(db: Session, principal: Principal, data: CompetitorTieCreate) -> CompetitorTie:
    principal.require(Permission.WRITE_COMPETITORS)
    scope = principal.scope
    if data.competitor_id not in repo.competitors_by_ids(db, scope, {data.competitor_id}):
        raise field_error("competitor_id", N_("Choose a competitor of this workspace."))
    checked_contacts(db, scope, {"contact_id": data.contact_id})
    if repo.tie_of(db, scope, data.competitor_id, data.contact_id):
        raise field_error("contact_id", N_("This relationship is already recorded."), "unique")
    tie = CompetitorTie(workspace_id=scope.workspace_id, **data.model_dump())
    db.add(tie)
    saved_once(db, "contact_id")
    return tie


def update_tie(
    db: Session,
    principal: Principal,
    tie_id: int,
    data: CompetitorTieUpdate,
    expected_version: int | None,
) -> CompetitorTie:
    principal.require(Permission.WRITE_COMPETITORS)
    tie = repo.competitor_tie(db, principal.scope, tie_id)
    check_version(tie.version, expected_version)
    for key, value in data.model_dump(exclude_unset=True).items():
        if key != "closeness" or value is not None:
            setattr(tie, key, value)
    db.flush()
    return tie


def delete_tie(
    db: Session, principal: Principal, tie_id: int, *, expected: int | None = None
) -> None:
    principal.require(Permission.WRITE_COMPETITORS)
    record = repo.competitor_tie(db, principal.scope, tie_id)
    check_version(record.version, expected)
    db.delete(record)
    db.flush()


def competitor_ties(db: Session, principal: Principal, competitor_id: int) -> list[CompetitorTie]:
    get_competitor(db, principal, competitor_id)
    return list(repo.ties_of_competitor(db, principal.scope, competitor_id))


def find_competitors(
    db: Session, principal: Principal, q: str, limit: int, locale: str = "en"
) -> list[SearchHit]:
    """The global search's competitors: live ones whose name (or its pinyin initials) or
    website holds the normalised query q, best match first."""
    principal.require(Permission.READ)
    columns = (Competitor.id, Competitor.name, Competitor.website)
    rows = matching_rows(db, principal.scope, Competitor, columns, q, SEARCH_CANDIDATES)
    ranked = sorted(rows, key=lambda row: search_rank(row.name, q))[:limit]
    return [
        SearchHit(
            kind="competitor",
            id=row.id,
            name=row.name,
            detail=row.website or "",
            url=f"/competitors/{row.id}",
            rank=search_rank(row.name, q),
        )
        for row in ranked
    ]


def competitor_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    """The competitors among `ids` by name, linked to their pages (for a history)."""
    linked = reader.can(Permission.READ)
    return {
        cid: Reference(c.name, f"/competitors/{cid}" if linked else None)
        for cid, c in repo.competitors_by_ids(db, reader.scope, ids).items()
    }
