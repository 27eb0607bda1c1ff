"""Display-ready data for the relationships pages: labels translated, names and links resolved,
the graph shaped for the map and the org chart for its tree. Templates and relationships.js only
format what these give them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pcrm.accounts.public import ContactRead, Importance, label
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import UserRef
from pcrm.relationships.closeness.schemas import Closeness, Path
from pcrm.relationships.competitors.models import CompetitorTie
from pcrm.relationships.graph.models import ProfileEntry
from pcrm.relationships.graph.schemas import AcquaintanceRead, Graph
from pcrm.relationships.vocab import (
    LABELS,
    AcquaintanceKind,
    BehaviourOrientation,
    InteractionLevel,
    RelationshipStatus,
)

STATUS_BADGES = {"supporter": "green", "neutral": "", "opponent": "red", "unknown": ""}
IMPORTANCE_BADGES = {"key": "red", "important": "amber", "normal": ""}
EDGE_KINDS = ("reports_to", "dotted_line", "influence", "acquaintance", "competitor_tie")
EDGE_LABELS = {
    "reports_to": N_("Reporting"),
    "dotted_line": N_("Dotted-line reporting"),
    "influence": N_("Influence"),
    "acquaintance": N_("Our relationship"),
    "competitor_tie": N_("Competitor relationship"),
}
EDGE_HELP = {
    "reports_to": N_("Who reports to whom in the customer's org chart."),
    "dotted_line": N_("Also reports to someone outside the solid line."),
    "influence": N_("Who sways whom; the arrow's width is the strength."),
    "acquaintance": N_("Which of our people know them, and how closely."),
    "competitor_tie": N_("Which competitor is close to them, and how closely."),
}
NODE_LABELS = {
    "contact": N_("Contact"),
    "external_contact": N_("Contact at another account"),
    "user": N_("Our people"),
    "competitor": N_("Competitor"),
}


def vocab_label(value: StrEnum | None, locale: str) -> str:
    if value is None:
        return ""
    return translate(locale, LABELS[type(value)][value.value][0])


def vocab_help(value: StrEnum | None, locale: str) -> str:
    if value is None or not LABELS[type(value)][value.value][1]:
        return ""
    return translate(locale, LABELS[type(value)][value.value][1])


def choices(enum: type[StrEnum], locale: str) -> list[tuple[str, str, str]]:
    """(value, label, help) for a select."""
    return [(m.value, vocab_label(m, locale), vocab_help(m, locale)) for m in enum]


def vocabularies(locale: str) -> dict[str, list[tuple[str, str, str]]]:
    return {
        "behaviour": choices(BehaviourOrientation, locale),
        "status": choices(RelationshipStatus, locale),
        "interaction": choices(InteractionLevel, locale),
        "kind": choices(AcquaintanceKind, locale),
    }


def status_label(value: str | None, locale: str) -> str:
    return vocab_label(RelationshipStatus(value or "unknown"), locale)


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


# --- the account map ---------------------------------------------------------------------------


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
            "statuses": {s.value: vocab_label(s, locale) for s in RelationshipStatus},
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


@dataclass(slots=True)
class OrgNode:
    id: int
    name: str
    title: str
    importance: str
    importance_badge: str
    status: str
    status_label: str
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


def dotted_rows(graph: Graph) -> list[EdgeRow]:
    return edge_rows(graph)["dotted_line"]


# --- closeness ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoverageRow:
    contact_id: int
    name: str
    title: str
    importance: str
    importance_badge: str
    stance: str
    stance_badge: str
    our_best: int
    our_who: str
    our_who_url: str
    competitor_best: int
    competitor_name: str
    competitor_url: str
    competitor_ahead: bool
    days: int | None
    points: float


@dataclass(frozen=True, slots=True)
class WeakSpotRow:
    contact_id: int
    name: str
    title: str
    importance: str
    importance_badge: str
    reasons: list[str]


def closeness_view(
    result: Closeness,
    users: dict[int, UserRef],
    competitors: dict[int, str],
    locale: str,
) -> dict[str, Any]:
    rows = [
        CoverageRow(
            contact_id=c.contact_id,
            name=c.name,
            title=c.title or "",
            importance=importance_label(c.importance, locale),
            importance_badge=IMPORTANCE_BADGES.get(c.importance, ""),
            stance=status_label(c.relationship_status, locale),
            stance_badge=STATUS_BADGES.get(c.relationship_status, ""),
            our_best=c.our_best,
            our_who=(
                users[c.our_best_user_id].display(locale)
                if c.our_best_user_id in users and c.our_best_user_id is not None
                else ""
            ),
            our_who_url=person_url(c.our_best_user_id) if c.our_best_user_id else "",
            competitor_best=c.competitor_best,
            competitor_name=(
                competitors.get(c.competitor_best_id, "") if c.competitor_best_id else ""
            ),
            competitor_url=f"/competitors/{c.competitor_best_id}" if c.competitor_best_id else "",
            competitor_ahead=c.competitor_best > c.our_best,
            days=c.days_since_interaction,
            points=c.points,
        )
        for c in result.contacts
    ]
    rows.sort(key=lambda r: (r.importance_badge != "red", r.points, r.name))
    weak = [
        WeakSpotRow(
            contact_id=w.contact_id,
            name=w.name,
            title=w.title or "",
            importance=importance_label(w.importance, locale),
            importance_badge=IMPORTANCE_BADGES.get(w.importance, ""),
            reasons=[r.text for r in w.reasons],
        )
        for w in result.weak_spots
    ]
    level = "green" if result.score >= 70 else "amber" if result.score >= 40 else "red"
    verdict = {
        "green": N_("Well covered"),
        "amber": N_("Partly covered"),
        "red": N_("Weakly covered"),
    }[level]
    return {
        "score": result.score,
        "score_level": level,
        "verdict": translate(locale, verdict),
        "formula": result.formula,
        "rows": rows,
        "weak_spots": weak,
        "counted": len(rows),
        "supporters": sum(1 for c in result.contacts if c.relationship_status == "supporter"),
        "reached": sum(1 for c in result.contacts if c.our_best >= 3),
        "behind": sum(1 for r in rows if r.competitor_ahead),
    }


# --- paths -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PathStepRow:
    kind: str
    tone: str
    strength: int
    target: str
    target_url: str
    target_detail: str


@dataclass(frozen=True, slots=True)
class PathRow:
    start: str
    start_url: str
    hops: int
    score_percent: int
    steps: list[PathStepRow]


def path_contact_ids(paths: Iterable[Path]) -> set[int]:
    return {int(s.target[1:]) for p in paths for s in p.steps if s.target.startswith("c")}


def path_rows(paths: list[Path], contacts: dict[int, ContactRead], locale: str) -> list[PathRow]:
    """Each way in from one of our people, link by link; a person on the way is described by
    title and account on hover."""

    def detail(node: str) -> str:
        contact = contacts.get(int(node[1:])) if node.startswith("c") else None
        if contact is None:
            return ""
        return " · ".join(x for x in (contact.title, contact.account_name) if x)

    rows = []
    for p in paths:
        first = p.steps[0]
        rows.append(
            PathRow(
                start=first.source_label,
                start_url=node_url(first.source),
                hops=p.hops,
                score_percent=round(p.score * 100),
                steps=[
                    PathStepRow(
                        kind=translate(locale, EDGE_LABELS[s.kind]),
                        tone=s.kind,
                        strength=s.strength,
                        target=s.target_label,
                        target_url=node_url(s.target),
                        target_detail=detail(s.target),
                    )
                    for s in p.steps
                ],
            )
        )
    return rows


# --- profiles and acquaintances ----------------------------------------------------------------


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


def profile_rows(entries: Iterable[ProfileEntry], locale: str) -> list[ProfileRow]:
    return [
        ProfileRow(
            effective_on=e.effective_on,
            behaviour=vocab_label(e.behaviour, locale),
            behaviour_help=vocab_help(e.behaviour, locale),
            status=vocab_label(e.relationship_status, locale),
            status_badge=STATUS_BADGES[e.relationship_status.value],
            status_help=vocab_help(e.relationship_status, locale),
            interaction=vocab_label(e.interaction_level, locale),
            interaction_help=vocab_help(e.interaction_level, locale),
            note=e.note or "",
        )
        for e in entries
    ]


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
            kind=vocab_label(e.kind, locale),
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
            kind=vocab_label(e.kind, locale),
            since=e.since,
            last_interaction=e.last_interaction,
            note=e.note or "",
        )
        for e in edges
        if e.contact_id in contacts and contacts[e.contact_id].archived_at is None
    ]


# --- competitors -------------------------------------------------------------------------------


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


def tie_rows(ties: Iterable[CompetitorTie], contacts: dict[int, ContactRead]) -> list[TieRow]:
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
