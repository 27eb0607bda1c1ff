"""View-models of the graph's pages: the overview, an account's relationship map and org chart,
who one of our people knows, and the relationships card of a contact. Labels come translated,
names and links resolved, the graph shaped for the map and the org chart for its tree;
templates and relationships.js only format what these give them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from pcrm.accounts.public import (
    ContactRead,
    Importance,
    contacts_by_ids,
    get_account,
    get_contact,
    label,
)
from pcrm.core.forms import FormErrors, FormValues
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal, UserRef, active_user_refs, user_refs
from pcrm.relationships.competitors import service as competitors
from pcrm.relationships.graph import service
from pcrm.relationships.graph.schemas import AcquaintanceRead, Graph, ProfileRead
from pcrm.relationships.vocab import (
    EDGE_HELP,
    EDGE_KINDS,
    EDGE_LABELS,
    NODE_LABELS,
    RelationshipStatus,
    help_in,
    label_in,
    status_label,
    vocabularies,
)

STATUS_BADGES = {"supporter": "green", "neutral": "", "opponent": "red", "unknown": ""}
IMPORTANCE_BADGES = {"key": "red", "important": "amber", "normal": ""}
MAP_FORMS = ("influence", "acquaintance", "tie")
SMALL_MAP = 40  # up to this many people the map names everyone from the start
BIG_ORG_CHART = 60  # above this many people the chart opens with only the top two levels


def importance_label(value: str | None, locale: str) -> str:
    return label(Importance(value), locale) if value else ""


def contact_url(contact_id: int) -> str:
    return f"/contacts/{contact_id}"


def person_url(user_id: int) -> str:
    return f"/relationships/people/{user_id}"


def node_url(node_id: str) -> str:
    """The page of a graph or path node: c12 a contact, u3 one of our people, k2 a competitor."""
    prefix, number = node_id[:1], node_id[1:]
    return {"c": "/contacts/", "u": "/relationships/people/", "k": "/competitors/"}[prefix] + number


def contact_options(graph: Graph) -> list[tuple[str, str]]:
    """The account's own contacts for a select. Contacts go by their own (usually Chinese)
    name in every language, as on the other pages."""
    return [
        (str(n.record_id), f"{n.label} · {n.detail}" if n.detail else n.label)
        for n in graph.nodes
        if n.kind == "contact"
    ]


def user_options(users: Iterable[UserRef], locale: str) -> list[tuple[str, str]]:
    return [(str(u.id), u.display(locale)) for u in users]


# --- the overview ------------------------------------------------------------------------------


def overview(db: Session, principal: Principal, locale: str) -> dict[str, Any]:
    mine = service.known_by(db, principal, principal.user_id)
    contacts = contacts_by_ids(db, principal.scope, {e.contact_id for e in mine})
    return {
        "mine": knows_rows(mine, contacts, locale)[:8],
        "mine_total": len(mine),
        "me_url": person_url(principal.user_id),
        "people": [
            (u.display(locale), person_url(u.id)) for u in active_user_refs(db, principal.scope)
        ],
        "competitors": competitors.list_competitors(db, principal),
    }


# --- the account map ---------------------------------------------------------------------------


def account_map(
    db: Session,
    principal: Principal,
    account_id: int,
    locale: str,
    *,
    notice: str | None = None,
    forms: dict[str, dict[str, Any]] | None = None,
    errors: dict[str, FormErrors] | None = None,
) -> dict[str, Any]:
    """The map page; `forms` and `errors` are those of a side form sent back with messages."""
    account = get_account(db, principal, account_id)
    graph = service.account_graph(db, principal, account_id, None, locale)
    can_write = principal.can(Permission.WRITE_RELATIONSHIPS)
    defaults: dict[str, dict[str, Any]] = {
        "influence": {"strength": "3"},
        "acquaintance": {"closeness": "3", "kind": "business", "user_id": str(principal.user_id)},
        "tie": {"closeness": "3"},
    }
    defaults.update(forms or {})
    context: dict[str, Any] = {
        "account": account,
        "section": "map",
        "notice": notice,
        "can_write": can_write,
        "graph_json": graph_payload(graph, locale),
        "filters": edge_filters(graph, locale),
        "edges": edge_rows(graph),
        "contact_count": sum(1 for n in graph.nodes if n.kind == "contact"),
        "all_labels": len(graph.nodes) <= SMALL_MAP,
        "back": f"/accounts/{account_id}/relationships",
        "forms": {name: FormValues(defaults.get(name, {})) for name in MAP_FORMS},
        "errors": {name: (errors or {}).get(name, {}) for name in MAP_FORMS},
        "open_form": next(iter(errors or {}), ""),
    }
    if can_write:
        context["contact_options"] = contact_options(graph)
        context["user_options"] = user_options(active_user_refs(db, principal.scope), locale)
        context["competitor_options"] = [
            (str(c.id), c.name) for c in competitors.list_competitors(db, principal)
        ]
        context["vocab"] = vocabularies(locale)
    return context


def graph_payload(graph: Graph, locale: str) -> dict[str, Any]:
    """The graph as relationships.js draws it. Every text it shows comes translated in `texts`;
    nodes carry only their codes, to keep a 300-person map small."""
    return {
        "nodes": [
            {
                "id": n.id,
                "kind": n.kind,
                "name": n.label,
                "detail": n.detail,
                "importance": n.importance or "",
                "status": n.relationship_status or "",
                "url": node_url(n.id),
            }
            for n in graph.nodes
        ],
        "edges": [
            {"source": e.source, "target": e.target, "kind": e.kind, "strength": e.strength}
            for e in graph.edges
        ],
        "texts": {
            "edge_kinds": {k: translate(locale, v) for k, v in EDGE_LABELS.items()},
            "node_kinds": {k: translate(locale, v) for k, v in NODE_LABELS.items()},
            "statuses": {s.value: label_in(s, locale) for s in RelationshipStatus},
            "importance_levels": {i.value: label(i, locale) for i in Importance},
            "strength": translate(locale, N_("Strength")),
            "closeness": translate(locale, N_("Closeness")),
            "stance": translate(locale, N_("Relationship status")),
            "importance": translate(locale, N_("Importance")),
            "open": translate(locale, N_("Click to open")),
        },
    }


@dataclass(frozen=True, slots=True)
class EdgeRow:
    record_id: int
    source_id: str
    target_id: str
    source: str
    source_url: str
    target: str
    target_url: str
    strength: int | None


def edge_rows(graph: Graph) -> dict[str, list[EdgeRow]]:
    """The recorded edges of the map by kind (the org chart's own lines are not records)."""
    shown = {n.id: n.label for n in graph.nodes}
    rows: dict[str, list[EdgeRow]] = {k: [] for k in EDGE_KINDS if k != "reports_to"}
    for e in graph.edges:
        if e.record_id is None or e.kind not in rows:
            continue
        rows[e.kind].append(
            EdgeRow(
                record_id=e.record_id,
                source_id=e.source,
                target_id=e.target,
                source=shown[e.source],
                source_url=node_url(e.source),
                target=shown[e.target],
                target_url=node_url(e.target),
                strength=e.strength,
            )
        )
    for kind_rows in rows.values():
        kind_rows.sort(key=lambda r: (r.source, -(r.strength or 0), r.target))
    return rows


def edge_filters(graph: Graph, locale: str) -> list[tuple[str, str, str, int]]:
    """(kind, label, help, how many) for the map's checkboxes."""
    counts = dict.fromkeys(EDGE_KINDS, 0)
    for e in graph.edges:
        counts[e.kind] += 1
    return [
        (k, translate(locale, EDGE_LABELS[k]), translate(locale, EDGE_HELP[k]), counts[k])
        for k in EDGE_KINDS
    ]


# --- the org chart -----------------------------------------------------------------------------


def org_chart(
    db: Session,
    principal: Principal,
    account_id: int,
    locale: str,
    *,
    notice: str | None = None,
    errors: FormErrors | None = None,
    forms: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The org chart page; `errors` are a side form's, prefixed by `side_form_errors`."""
    account = get_account(db, principal, account_id)
    graph = service.account_graph(db, principal, account_id, {"reports_to", "dotted_line"}, locale)
    roots, export = org_tree(graph, locale)
    export["account"] = account.name
    options = contact_options(graph)
    return {
        "account": account,
        "section": "org",
        "notice": notice,
        "can_write": principal.can(Permission.WRITE_RELATIONSHIPS),
        "roots": roots,
        "export_json": export,
        "contact_count": len(options),
        "collapse_depth": 2 if len(options) > BIG_ORG_CHART else 1000,
        "contact_options": options,
        "dotted": edge_rows(graph)["dotted_line"],
        "back": f"/accounts/{account_id}/org-chart",
        "errors": errors or {},
        "forms": {k: FormValues(v) for k, v in (forms or {}).items()},
    }


def side_form_errors(form: str, errors: FormErrors, fields: tuple[str, ...]) -> FormErrors:
    """A side form's messages: those of its own fields by field, the rest (a cycle, a stale
    record) together in one alert."""
    named = {f"{form}_{k}": v for k, v in errors.items() if k in fields}
    rest = [v for k, v in errors.items() if k not in fields]
    return {**named, f"{form}_alert": " ".join(rest)} if rest else named


@dataclass(slots=True)
class OrgNode:
    id: int
    name: str
    title: str
    importance: str
    importance_badge: str
    status: str
    status_label: str
    version: int
    dotted: list[tuple[int, str]] = field(default_factory=list)
    children: list[OrgNode] = field(default_factory=list)


def org_tree(graph: Graph, locale: str) -> tuple[list[OrgNode], dict[str, Any]]:
    """The reporting tree from a graph with `reports_to` and `dotted_line` edges (roots first,
    people in the account's order) and the same tree as ECharts `tree` data for the PNG."""
    labels = {n.id: n.label for n in graph.nodes}
    people = [n for n in graph.nodes if n.kind == "contact"]
    nodes = {
        n.id: OrgNode(
            id=n.record_id,
            name=n.label,
            title=n.detail,
            importance=importance_label(n.importance, locale),
            importance_badge=IMPORTANCE_BADGES.get(n.importance or "", ""),
            status=n.relationship_status or "unknown",
            status_label=status_label(n.relationship_status, locale),
            version=n.version or 0,
        )
        for n in people
    }
    boss: dict[str, str] = {}
    for e in graph.edges:
        if e.kind == "reports_to":
            boss[e.source] = e.target
        elif e.kind == "dotted_line" and e.source in nodes:
            nodes[e.source].dotted.append((int(e.target[1:]), labels.get(e.target, "")))
    roots: list[OrgNode] = []
    for n in people:
        parent = nodes.get(boss.get(n.id, ""))
        (parent.children if parent else roots).append(nodes[n.id])

    def export(node: OrgNode) -> dict[str, Any]:
        return {
            "name": node.name,
            "title": node.title,
            "status": node.status,
            "children": [export(child) for child in node.children],
        }

    return roots, {"roots": [export(r) for r in roots]}


# --- who knows whom ----------------------------------------------------------------------------


def person(
    db: Session,
    principal: Principal,
    user_id: int,
    locale: str,
    *,
    notice: str | None = None,
    form: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    """The customer people one of our users knows, with the form to add one."""
    edges = service.known_by(db, principal, user_id)
    user = user_refs(db, principal.scope, {user_id})[user_id]
    contacts = contacts_by_ids(db, principal.scope, {e.contact_id for e in edges})
    return {
        "person": user.display(locale),
        "user_id": user_id,
        "is_me": user_id == principal.user_id,
        "rows": knows_rows(edges, contacts, locale),
        "notice": notice,
        "can_write": principal.can(Permission.WRITE_RELATIONSHIPS),
        "vocab": vocabularies(locale),
        "form": FormValues(form or {"closeness": "3", "kind": "business"}),
        "errors": errors or {},
        "back": f"/relationships/people/{user_id}",
    }


@dataclass(frozen=True, slots=True)
class AcquaintanceRow:
    id: int
    name: str
    url: str
    detail: str
    detail_url: str
    closeness: int
    kind: str
    since: date | None
    last_interaction: datetime | None
    note: str


def known_by_rows(
    edges: Iterable[AcquaintanceRead], users: dict[int, UserRef], locale: str
) -> list[AcquaintanceRow]:
    """Our people who know a contact."""
    return [
        AcquaintanceRow(
            id=e.id,
            name=users[e.user_id].display(locale),
            url=person_url(e.user_id),
            detail="",
            detail_url="",
            closeness=e.closeness,
            kind=label_in(e.kind, locale),
            since=e.since,
            last_interaction=e.last_interaction,
            note=e.note or "",
        )
        for e in edges
        if e.user_id in users
    ]


def knows_rows(
    edges: Iterable[AcquaintanceRead], contacts: dict[int, ContactRead], locale: str
) -> list[AcquaintanceRow]:
    """The customer people one of our users knows."""
    return [
        AcquaintanceRow(
            id=e.id,
            name=contacts[e.contact_id].name,
            url=contact_url(e.contact_id),
            detail=" · ".join(
                x for x in (contacts[e.contact_id].title, contacts[e.contact_id].account_name) if x
            ),
            detail_url=f"/accounts/{contacts[e.contact_id].account_id}/relationships",
            closeness=e.closeness,
            kind=label_in(e.kind, locale),
            since=e.since,
            last_interaction=e.last_interaction,
            note=e.note or "",
        )
        for e in edges
        if e.contact_id in contacts and contacts[e.contact_id].archived_at is None
    ]


# --- the relationships card of a contact -------------------------------------------------------


def contact_card(
    db: Session,
    principal: Principal,
    contact_id: int,
    locale: str,
    *,
    notice: str | None = None,
    form: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    """A contact's profile over time, who of us knows them, the influence around them and
    the competitors close to them, with the form to record their profile."""
    contact = get_contact(db, principal, contact_id)
    entries = [
        ProfileRead.model_validate(e) for e in service.profile_history(db, principal, contact_id)
    ]
    history = profile_rows(entries, locale)
    known = service.who_knows(db, principal, contact_id)
    users = user_refs(db, principal.scope, {k.user_id for k in known})
    graph = service.account_graph(
        db, principal, contact.account_id, {"influence", "competitor_tie"}, locale
    )
    edges = edge_rows(graph)
    me = f"c{contact_id}"
    newest = entries[0] if entries else None
    defaults = {
        "behaviour": newest.behaviour.value if newest and newest.behaviour else "",
        "relationship_status": newest.relationship_status.value if newest else "unknown",
        "interaction_level": newest.interaction_level.value if newest else "none",
        "effective_on": principal.today().isoformat(),
    }
    return {
        "contact": contact,
        "current": history[0] if history else None,
        "history": history,
        "known_by": known_by_rows(known, users, locale),
        "influenced_by": [e for e in edges["influence"] if e.target_id == me],
        "influences": [e for e in edges["influence"] if e.source_id == me],
        "ties": [e for e in edges["competitor_tie"] if e.target_id == me],
        "vocab": vocabularies(locale),
        "form": FormValues(form or defaults),
        "errors": errors or {},
        "can_write": principal.can(Permission.WRITE_RELATIONSHIPS),
        "notice": notice,
        "back": f"/contacts/{contact_id}",
    }


@dataclass(frozen=True, slots=True)
class ProfileRow:
    effective_on: date
    behaviour: str
    behaviour_help: str
    status: str
    status_badge: str
    status_help: str
    interaction: str
    interaction_help: str
    note: str


def profile_rows(entries: Iterable[ProfileRead], locale: str) -> list[ProfileRow]:
    return [
        ProfileRow(
            effective_on=e.effective_on,
            behaviour=label_in(e.behaviour, locale),
            behaviour_help=help_in(e.behaviour, locale),
            status=label_in(e.relationship_status, locale),
            status_badge=STATUS_BADGES[e.relationship_status.value],
            status_help=help_in(e.relationship_status, locale),
            interaction=label_in(e.interaction_level, locale),
            interaction_help=help_in(e.interaction_level, locale),
            note=e.note or "",
        )
        for e in entries
    ]
