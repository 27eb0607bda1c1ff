"""Rules of the people-relationship line: profiles, the links between people with their
checks, and the account's relationship graph."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pcrm.accounts.public import (
    ContactRead,
    account_people,
    contacts_by_ids,
    get_account,
    last_interactions,
)
from pcrm.core.errors import FieldError, NotFound, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal, user_refs
from pcrm.relationships.competitors import repository as competitors_repo
from pcrm.relationships.graph import repository as repo
from pcrm.relationships.graph.models import Acquaintance, DottedLine, Influence, ProfileEntry
from pcrm.relationships.graph.schemas import (
    AcquaintanceCreate,
    AcquaintanceRead,
    AcquaintanceUpdate,
    DottedLineCreate,
    EdgeKind,
    Graph,
    InfluenceCreate,
    InfluenceUpdate,
    ProfileWrite,
)
from pcrm.relationships.vocab import RelationshipStatus

EDGE_KINDS: tuple[EdgeKind, ...] = (
    "reports_to",
    "dotted_line",
    "influence",
    "acquaintance",
    "competitor_tie",
)


# --- checks ------------------------------------------------------------------------------------


def checked_contacts(
    db: Session, scope: WorkspaceScope, fields: dict[str, int]
) -> dict[int, ContactRead]:
    """The named contacts, each of this workspace and not archived, else a 422 per field."""
    found = contacts_by_ids(db, scope, set(fields.values()))
    errors = [
        FieldError(field, N_("Choose a contact of this workspace."))
        for field, cid in fields.items()
        if cid not in found or found[cid].archived_at is not None
    ]
    if errors:
        raise ValidationFailed(errors)
    return found


def _not_self(first: str, a: int, b: int) -> None:
    if a == b:
        raise field_error(first, N_("A relationship needs two different people."))


def saved_once(db: Session, field: str) -> None:
    """Flush; a concurrent duplicate that slipped past the check becomes the same 422."""
    try:
        with db.begin_nested():
            db.flush()
    except IntegrityError as exc:
        raise field_error(field, N_("This relationship is already recorded."), "unique") from exc


# --- profiles ----------------------------------------------------------------------------------


def set_profile(
    db: Session, principal: Principal, contact_id: int, data: ProfileWrite
) -> ProfileEntry:
    """Record the contact's profile as of a date; earlier entries stay as its history."""
    principal.require(Permission.WRITE_RELATIONSHIPS)
    if contact_id not in contacts_by_ids(db, principal.scope, {contact_id}):
        _missing()  # the contact is in the path: missing or another workspace's is a 404
    checked_contacts(db, principal.scope, {"contact_id": contact_id})
    entry = ProfileEntry(
        workspace_id=principal.workspace_id,
        contact_id=contact_id,
        behaviour=data.behaviour,
        relationship_status=data.relationship_status,
        interaction_level=data.interaction_level,
        effective_on=data.effective_on or principal.today(),
        note=data.note,
    )
    db.add(entry)
    db.flush()
    return entry


def profile_history(db: Session, principal: Principal, contact_id: int) -> list[ProfileEntry]:
    principal.require(Permission.READ)
    contacts_by_ids(db, principal.scope, {contact_id}) or _missing()
    return list(repo.profile_history(db, principal.scope, contact_id))


def _missing() -> Any:
    raise NotFound()


# --- influence and dotted lines ----------------------------------------------------------------


def create_influence(db: Session, principal: Principal, data: InfluenceCreate) -> Influence:
    principal.require(Permission.WRITE_RELATIONSHIPS)
    scope = principal.scope
    _not_self("to_contact_id", data.from_contact_id, data.to_contact_id)
    checked_contacts(
        db, scope, {"from_contact_id": data.from_contact_id, "to_contact_id": data.to_contact_id}
    )
    if repo.influence_between(db, scope, data.from_contact_id, data.to_contact_id):
        raise field_error("to_contact_id", N_("This relationship is already recorded."), "unique")
    edge = Influence(workspace_id=scope.workspace_id, **data.model_dump())
    db.add(edge)
    saved_once(db, "to_contact_id")
    return edge


def update_influence(
    db: Session,
    principal: Principal,
    edge_id: int,
    data: InfluenceUpdate,
    expected_version: int | None,
) -> Influence:
    principal.require(Permission.WRITE_RELATIONSHIPS)
    edge = repo.influence(db, principal.scope, edge_id)
    check_version(edge.version, expected_version)
    for key, value in data.model_dump(exclude_unset=True).items():
        if key != "strength" or value is not None:
            setattr(edge, key, value)
    db.flush()
    return edge


def delete_influence(
    db: Session, principal: Principal, edge_id: int, *, expected: int | None = None
) -> None:
    principal.require(Permission.WRITE_RELATIONSHIPS)
    record = repo.influence(db, principal.scope, edge_id)
    check_version(record.version, expected)
    db.delete(record)
    db.flush()


def create_dotted_line(db: Session, principal: Principal, data: DottedLineCreate) -> DottedLine:
    principal.require(Permission.WRITE_RELATIONSHIPS)
    scope = principal.scope
    _not_self("manager_id", data.contact_id, data.manager_id)
    checked_contacts(db, scope, {"contact_id": data.contact_id, "manager_id": data.manager_id})
    if repo.dotted_line_between(db, scope, data.contact_id, data.manager_id):
        raise field_error("manager_id", N_("This relationship is already recorded."), "unique")
    edge = DottedLine(workspace_id=scope.workspace_id, **data.model_dump())
    db.add(edge)
    saved_once(db, "manager_id")
    return edge


def delete_dotted_line(db: Session, principal: Principal, edge_id: int) -> None:
    principal.require(Permission.WRITE_RELATIONSHIPS)
    db.delete(repo.dotted_line(db, principal.scope, edge_id))
    db.flush()


# --- our relationship resources ----------------------------------------------------------------


def create_acquaintance(
    db: Session, principal: Principal, data: AcquaintanceCreate
) -> Acquaintance:
    principal.require(Permission.WRITE_RELATIONSHIPS)
    scope = principal.scope
    if data.user_id not in user_refs(db, scope, {data.user_id}):
        raise field_error("user_id", N_("Choose a user of this workspace."))
    checked_contacts(db, scope, {"contact_id": data.contact_id})
    if repo.acquaintance_of(db, scope, data.user_id, data.contact_id):
        raise field_error("contact_id", N_("This relationship is already recorded."), "unique")
    edge = Acquaintance(workspace_id=scope.workspace_id, **data.model_dump())
    db.add(edge)
    saved_once(db, "contact_id")
    return edge


def update_acquaintance(
    db: Session,
    principal: Principal,
    edge_id: int,
    data: AcquaintanceUpdate,
    expected_version: int | None,
) -> Acquaintance:
    principal.require(Permission.WRITE_RELATIONSHIPS)
    edge = repo.acquaintance(db, principal.scope, edge_id)
    check_version(edge.version, expected_version)
    for key, value in data.model_dump(exclude_unset=True).items():
        if key not in ("closeness", "kind") or value is not None:
            setattr(edge, key, value)
    db.flush()
    return edge


def delete_acquaintance(
    db: Session, principal: Principal, edge_id: int, *, expected: int | None = None
) -> None:
    principal.require(Permission.WRITE_RELATIONSHIPS)
    record = repo.acquaintance(db, principal.scope, edge_id)
    check_version(record.version, expected)
    db.delete(record)
    db.flush()


def _with_last_interaction(
    db: Session, scope: WorkspaceScope, edges: list[Acquaintance]
) -> list[AcquaintanceRead]:
    latest = last_interactions(db, scope, {e.user_id for e in edges}, {e.contact_id for e in edges})
    return [
        AcquaintanceRead.model_validate(e).model_copy(
            update={"last_interaction": latest.get((e.user_id, e.contact_id))}
        )
        for e in edges
    ]


def who_knows(db: Session, principal: Principal, contact_id: int) -> list[AcquaintanceRead]:
    """Which of our people know this contact, closest first."""
    principal.require(Permission.READ)
    contacts_by_ids(db, principal.scope, {contact_id}) or _missing()
    edges = sorted(
        repo.acquaintances_of_contacts(db, principal.scope, {contact_id}),
        key=lambda e: (-e.closeness, e.id),
    )
    return _with_last_interaction(db, principal.scope, edges)


def known_by(db: Session, principal: Principal, user_id: int) -> list[AcquaintanceRead]:
    """The customer people one of our users knows, closest first."""
    principal.require(Permission.READ)
    if user_id not in user_refs(db, principal.scope, {user_id}):
        _missing()
    edges = list(repo.acquaintances_of_user(db, principal.scope, user_id))
    return _with_last_interaction(db, principal.scope, edges)


# --- the account's relationship graph ----------------------------------------------------------


def account_graph(
    db: Session,
    principal: Principal,
    account_id: int,
    kinds: set[str] | None = None,
    locale: str | None = None,
) -> Graph:
    """Contacts of the account as nodes, with the org chart, dotted lines, influence (also to
    and from people at other accounts), our people and competitors linked to them.

    A large account's graph has thousands of nodes and edges: they are read as columns and
    collected as plain dicts, then validated once as the whole `Graph` (one pass in
    pydantic's core instead of a model constructor call per edge). Membership in `people` is
    tested per id: a set difference with `people.keys()` would copy every id of the account
    for each edge."""
    account = get_account(db, principal, account_id)
    scope = principal.scope
    wanted = set(kinds or EDGE_KINDS)
    people = {c.id: c for c in account_people(db, principal, account.id)}
    statuses = repo.current_statuses(db, scope, people)
    unknown = RelationshipStatus.UNKNOWN
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    for c in people.values():
        nodes[f"c{c.id}"] = {
            "id": f"c{c.id}",
            "kind": "contact",
            "record_id": c.id,
            "label": c.name,
            "detail": c.title or "",
            "importance": c.importance.value,
            "relationship_status": statuses.get(c.id, unknown).value,
            "account_id": c.account_id,
            "version": c.version,
        }
    if "reports_to" in wanted:
        edges += [
            {"source": f"c{c.id}", "target": f"c{c.reports_to_id}", "kind": "reports_to"}
            for c in people.values()
            if c.reports_to_id in people
        ]
    outside: set[int] = set()
    if "dotted_line" in wanted:
        for line in repo.dotted_lines_touching(db, scope, people):
            outside.update(c for c in (line.contact_id, line.manager_id) if c not in people)
            edges.append(
                {
                    "source": f"c{line.contact_id}",
                    "target": f"c{line.manager_id}",
                    "kind": "dotted_line",
                    "record_id": line.id,
                }
            )
    if "influence" in wanted:
        for edge in repo.influences_touching(db, scope, people):
            outside.update(c for c in (edge.from_contact_id, edge.to_contact_id) if c not in people)
            edges.append(
                {
                    "source": f"c{edge.from_contact_id}",
                    "target": f"c{edge.to_contact_id}",
                    "kind": "influence",
                    "strength": edge.strength,
                    "record_id": edge.id,
                }
            )
    for other in contacts_by_ids(db, scope, outside).values():
        if other.archived_at is None:
            nodes[f"c{other.id}"] = {
                "id": f"c{other.id}",
                "kind": "external_contact",
                "record_id": other.id,
                "label": other.name,
                "detail": other.account_name,
                "importance": other.importance.value,
                "account_id": other.account_id,
            }
    if "acquaintance" in wanted:
        known = repo.acquaintance_links(db, scope, people)
        users = user_refs(db, scope, {a.user_id for a in known})
        for a in known:
            if a.user_id in users:
                nodes.setdefault(
                    f"u{a.user_id}",
                    {
                        "id": f"u{a.user_id}",
                        "kind": "user",
                        "record_id": a.user_id,
                        "label": users[a.user_id].display(locale),
                    },
                )
                edges.append(
                    {
                        "source": f"u{a.user_id}",
                        "target": f"c{a.contact_id}",
                        "kind": "acquaintance",
                        "strength": a.closeness,
                        "record_id": a.id,
                    }
                )
    if "competitor_tie" in wanted:
        ties = competitors_repo.tie_links(db, scope, people)
        rivals = competitors_repo.competitors_by_ids(db, scope, {t.competitor_id for t in ties})
        for t in ties:
            rival = rivals.get(t.competitor_id)
            if rival is not None and rival.archived_at is None:
                nodes.setdefault(
                    f"k{rival.id}",
                    {
                        "id": f"k{rival.id}",
                        "kind": "competitor",
                        "record_id": rival.id,
                        "label": rival.name,
                    },
                )
                edges.append(
                    {
                        "source": f"k{rival.id}",
                        "target": f"c{t.contact_id}",
                        "kind": "competitor_tie",
                        "strength": t.closeness,
                        "record_id": t.id,
                    }
                )
    return Graph.model_validate(
        {
            "account_id": account.id,
            "nodes": list(nodes.values()),
            "edges": [e for e in edges if e["source"] in nodes and e["target"] in nodes],
        }
    )
