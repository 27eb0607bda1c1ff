"""Rules of the people-relationship line: edges with their checks, the account graph,
closeness analysis (客户关系紧密度) and the path from our people to a customer person."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pcrm.accounts.public import (
    ContactRead,
    account_people,
    contacts_by_ids,
    get_account,
    last_activity_with,
    last_interactions,
    live_contacts,
    reporting_links,
)
from pcrm.core.db import utcnow
from pcrm.core.errors import FieldError, NotFound, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_, translate
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal, user_refs
from pcrm.relationships import repository as repo
from pcrm.relationships.competitors import repository as competitors_repo
from pcrm.relationships.models import Acquaintance, DottedLine, Influence, ProfileEntry
from pcrm.relationships.schemas import (
    AcquaintanceCreate,
    AcquaintanceRead,
    AcquaintanceUpdate,
    Closeness,
    ContactCoverage,
    DottedLineCreate,
    EdgeKind,
    Graph,
    InfluenceCreate,
    InfluenceUpdate,
    Path,
    PathStep,
    ProfileWrite,
    Reason,
    WeakSpot,
)
from pcrm.relationships.vocab import RelationshipStatus

EDGE_KINDS: tuple[EdgeKind, ...] = (
    "reports_to",
    "dotted_line",
    "influence",
    "acquaintance",
    "competitor_tie",
)
# How strong an org-chart line is as a way in, on the 1-5 scale of the other links.
REPORTING_STRENGTH = 4
DOTTED_LINE_STRENGTH = 3
MAX_HOPS = 4
FRONTIER_LIMIT = 2000


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
    principal.require(Permission.WRITE)
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
    principal.require(Permission.WRITE)
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
    principal.require(Permission.WRITE)
    edge = repo.influence(db, principal.scope, edge_id)
    check_version(edge.version, expected_version)
    for key, value in data.model_dump(exclude_unset=True).items():
        if key != "strength" or value is not None:
            setattr(edge, key, value)
    db.flush()
    return edge


def delete_influence(db: Session, principal: Principal, edge_id: int) -> None:
    principal.require(Permission.WRITE)
    db.delete(repo.influence(db, principal.scope, edge_id))
    db.flush()


def create_dotted_line(db: Session, principal: Principal, data: DottedLineCreate) -> DottedLine:
    principal.require(Permission.WRITE)
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
    principal.require(Permission.WRITE)
    db.delete(repo.dotted_line(db, principal.scope, edge_id))
    db.flush()


# --- our relationship resources ----------------------------------------------------------------


def create_acquaintance(
    db: Session, principal: Principal, data: AcquaintanceCreate
) -> Acquaintance:
    principal.require(Permission.WRITE)
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
    principal.require(Permission.WRITE)
    edge = repo.acquaintance(db, principal.scope, edge_id)
    check_version(edge.version, expected_version)
    for key, value in data.model_dump(exclude_unset=True).items():
        if key not in ("closeness", "kind") or value is not None:
            setattr(edge, key, value)
    db.flush()
    return edge


def delete_acquaintance(db: Session, principal: Principal, edge_id: int) -> None:
    principal.require(Permission.WRITE)
    db.delete(repo.acquaintance(db, principal.scope, edge_id))
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
    locale: str = "en",
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


# --- closeness analysis ------------------------------------------------------------------------

STATUS_POINTS = {"supporter": 1.0, "neutral": 0.5, "unknown": 0.25, "opponent": 0.0}
FORMULA = N_(
    "For each key or important contact (key ones count twice): 40 points if one of our people "
    "is at closeness 3 or more (20 at 2, 10 at 1), 30 points times their stance (supporter 1, "
    "neutral ½, unknown ¼, opponent 0), 20 points if we met them in the last 30 days (10 within "
    "90 days), 10 points unless a competitor is closer than our closest person. The score is "
    "the weighted average, 0 to 100."
)


def _reach_points(best: int) -> float:
    return 40.0 if best >= 3 else 20.0 if best == 2 else 10.0 if best == 1 else 0.0


def _recency_points(days: int | None) -> float:
    if days is None:
        return 0.0
    return 20.0 if days <= 30 else 10.0 if days <= 90 else 0.0


def closeness(db: Session, principal: Principal, account_id: int, locale: str = "en") -> Closeness:
    """How well we cover the account's key and important people, and where we are weak."""
    account = get_account(db, principal, account_id)
    scope = principal.scope
    people = [
        c
        for c in account_people(db, principal, account.id)
        if c.importance.value in ("key", "important") and c.status.value == "active"
    ]
    ids = {c.id for c in people}
    statuses = repo.current_statuses(db, scope, ids)
    known = repo.acquaintance_links(db, scope, ids)
    users = user_refs(db, scope, {a.user_id for a in known})
    ties = competitors_repo.tie_links(db, scope, ids)
    rivals = competitors_repo.competitors_by_ids(db, scope, {t.competitor_id for t in ties})
    latest = last_activity_with(db, scope, ids)
    now = utcnow()
    coverage: list[ContactCoverage] = []
    weak: list[WeakSpot] = []
    total = weights = 0.0
    ours_of: dict[int, list[Any]] = {}
    for a in known:
        if a.user_id in users:
            ours_of.setdefault(a.contact_id, []).append(a)
    theirs_of: dict[int, list[Any]] = {}
    for t in ties:
        if t.competitor_id in rivals and rivals[t.competitor_id].archived_at is None:
            theirs_of.setdefault(t.contact_id, []).append(t)
    for c in people:
        ours = sorted(ours_of.get(c.id, []), key=lambda a: -a.closeness)
        theirs = sorted(theirs_of.get(c.id, []), key=lambda t: -t.closeness)
        best = ours[0].closeness if ours else 0
        rival_best = theirs[0].closeness if theirs else 0
        status = statuses[c.id].value if c.id in statuses else "unknown"
        days = (now - latest[c.id]).days if c.id in latest else None
        points = (
            _reach_points(best)
            + 30.0 * STATUS_POINTS[status]
            + _recency_points(days)
            + (10.0 if rival_best <= best else 0.0)
        )
        weight = 2.0 if c.importance.value == "key" else 1.0
        total += points * weight
        weights += weight
        coverage.append(
            ContactCoverage(
                contact_id=c.id,
                name=c.name,
                title=c.title,
                importance=c.importance.value,
                relationship_status=status,
                our_best=best,
                our_best_user_id=ours[0].user_id if ours else None,
                competitor_best=rival_best,
                competitor_best_id=theirs[0].competitor_id if theirs else None,
                days_since_interaction=days,
                points=round(points, 1),
            )
        )
        reasons: list[Reason] = []
        if best == 0:
            reasons.append(_reason("nobody_knows", locale))
        elif best < 3:
            reasons.append(_reason("nobody_close", locale, best=best))
        if rival_best > best:
            reasons.append(
                _reason(
                    "competitor_closer",
                    locale,
                    competitor=rivals[theirs[0].competitor_id].name,
                    closeness=rival_best,
                )
            )
        if status in ("opponent", "unknown"):
            reasons.append(_reason("not_supporter", locale, status=status))
        if days is None or days > 90:
            reasons.append(
                _reason("no_recent_contact", locale, days=days if days is not None else -1)
            )
        if reasons:
            weak.append(
                WeakSpot(
                    contact_id=c.id,
                    name=c.name,
                    title=c.title,
                    importance=c.importance.value,
                    reasons=reasons,
                )
            )
    weak.sort(key=lambda w: (w.importance != "key", -len(w.reasons)))
    return Closeness(
        account_id=account.id,
        score=round(total / weights) if weights else 0,
        contacts=coverage,
        weak_spots=weak,
        formula=translate(locale, FORMULA),
    )


REASONS = {
    "nobody_knows": N_("None of us knows them"),
    "nobody_close": N_("No one of us closer than %(best)s"),
    "competitor_closer": N_("Competitor %(competitor)s is closer (%(closeness)s)"),
    "not_supporter": N_("Not a supporter (%(status)s)"),
    "no_recent_contact": N_("No contact in the last 90 days"),
}
STATUS_NAMES = {
    "supporter": N_("Supporter"),
    "neutral": N_("Neutral"),
    "opponent": N_("Opponent"),
    "unknown": N_("Unknown"),
}


def _reason(code: str, locale: str, **values: str | int) -> Reason:
    shown = {
        k: translate(locale, STATUS_NAMES[str(v)]) if k == "status" else v
        for k, v in values.items()
    }
    return Reason(
        code=code,
        text=translate(locale, REASONS[code], **shown),
        values=values,
    )


# --- path to a person --------------------------------------------------------------------------


def _neighbours(
    db: Session, scope: WorkspaceScope, frontier: set[int]
) -> list[tuple[int, int, EdgeKind, int]]:
    """(from contact, to contact, kind, strength) of every person-to-person link touching the
    frontier, both ways: influence, dotted lines and the org charts."""
    links: list[tuple[int, int, EdgeKind, int]] = []
    for e in repo.influences_touching(db, scope, frontier):
        links += [
            (e.from_contact_id, e.to_contact_id, "influence", e.strength),
            (e.to_contact_id, e.from_contact_id, "influence", e.strength),
        ]
    for line in repo.dotted_lines_touching(db, scope, frontier):
        links += [
            (line.contact_id, line.manager_id, "dotted_line", DOTTED_LINE_STRENGTH),
            (line.manager_id, line.contact_id, "dotted_line", DOTTED_LINE_STRENGTH),
        ]
    for person, boss in reporting_links(db, scope, frontier):
        links += [
            (person, boss, "reports_to", REPORTING_STRENGTH),
            (boss, person, "reports_to", REPORTING_STRENGTH),
        ]
    return [link for link in links if link[0] in frontier]


Layer = dict[str, tuple[float, str, EdgeKind | None, int]]


def _best_paths(
    db: Session,
    scope: WorkspaceScope,
    layers: list[Layer],
    mode: str,
    contact_names: dict[int, str],
    locale: str,
) -> list[Path]:
    """Each user's best way in (the strongest, or the shortest then strongest), rebuilt from
    the layer it was found in. `contact_names` holds every contact the layers reached."""
    chosen: dict[int, tuple[float, int]] = {}
    for hops, layer in enumerate(layers):
        for node, (score, _, _, _) in layer.items():
            if not node.startswith("u"):
                continue
            user_id, current = int(node[1:]), chosen.get(int(node[1:]))
            better = (
                (current is None or score > current[0] + 1e-9)
                if mode != "fewest"
                else current is None
            )
            if better:
                chosen[user_id] = (score, hops)
    users = user_refs(db, scope, set(chosen))
    names = {f"c{cid}": name for cid, name in contact_names.items()}
    names.update({f"u{uid}": u.display(locale) for uid, u in users.items()})
    paths: list[Path] = []
    for user_id in users:
        score, hops = chosen[user_id]
        steps: list[PathStep] = []
        node = f"u{user_id}"
        for depth in range(hops, 0, -1):
            _score, before, kind, strength = layers[depth][node]
            assert kind is not None  # noqa: S101 - only the target has no incoming link
            steps.append(
                PathStep(
                    source=node,
                    target=before,
                    kind=kind,
                    strength=strength,
                    source_label=names.get(node, node),
                    target_label=names.get(before, before),
                )
            )
            node = before
        paths.append(Path(user_id=user_id, steps=steps, hops=hops, score=round(score, 4)))
    return paths


def paths_to(
    db: Session,
    principal: Principal,
    contact_id: int,
    mode: str = "strongest",
    limit: int = 5,
    locale: str = "en",
) -> list[Path]:
    """Ways from our people to a customer person through who knows whom, influence and the org
    charts: at most 4 links, never through archived people. "strongest" ranks by the product
    of link strengths (each /5), "fewest" by the number of links first.

    The search walks out from the target one layer of links at a time and keeps, for each
    person and each distance, the strongest way there, so every path is rebuilt from its own
    layer and is exactly as long and as strong as it says."""
    principal.require(Permission.READ)
    scope = principal.scope
    names = live_contacts(db, scope, {contact_id})  # and then every live contact reached
    if contact_id not in names:
        _missing()
    # layer[h][node] = (score, previous node, kind, strength); nodes are "c1" or "u2".
    layers: list[dict[str, tuple[float, str, EdgeKind | None, int]]] = [
        {f"c{contact_id}": (1.0, "", None, 0)}
    ]
    archived: set[int] = set()  # and missing: never walked through
    for hops in range(1, MAX_HOPS + 1):
        previous = layers[-1]
        frontier = {int(n[1:]) for n in previous if n.startswith("c")}
        frontier = set(sorted(frontier, key=lambda c: -previous[f"c{c}"][0])[:FRONTIER_LIMIT])
        layer: dict[str, tuple[float, str, EdgeKind | None, int]] = {}

        def reach(
            origin: int,
            node: str,
            kind: EdgeKind,
            strength: int,
            layer: dict[str, tuple[float, str, EdgeKind | None, int]] = layer,
            previous: dict[str, tuple[float, str, EdgeKind | None, int]] = previous,
        ) -> None:
            score = previous[f"c{origin}"][0] * strength / 5
            if node not in layer or score > layer[node][0] + 1e-9:
                layer[node] = (score, f"c{origin}", kind, strength)

        for a in repo.acquaintance_links(db, scope, frontier):
            reach(a.contact_id, f"u{a.user_id}", "acquaintance", a.closeness)
        if hops < MAX_HOPS:
            links = _neighbours(db, scope, frontier)
            fresh = {there for _, there, _, _ in links} - archived - names.keys()
            found = live_contacts(db, scope, fresh)
            names.update(found)
            archived |= fresh - found.keys()
            for origin, there, kind, strength in links:
                if there != contact_id and there not in archived:
                    reach(origin, f"c{there}", kind, strength)
        layers.append(layer)
        if not layer:
            break
    paths = _best_paths(db, scope, layers, mode, names, locale)
    if mode == "fewest":
        paths.sort(key=lambda p: (p.hops, -p.score, p.user_id))
    else:
        paths.sort(key=lambda p: (-p.score, p.hops, p.user_id))
    return paths[:limit]
