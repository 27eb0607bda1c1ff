"""Analyses of the people-relationship line: how closely we cover an account's key people
(客户关系紧密度) and the paths from our people to a customer person."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.accounts.public import (
    account_people,
    get_account,
    last_activity_with,
    live_contacts,
    reporting_links,
)
from pcrm.core.context import current_locale
from pcrm.core.db import utcnow
from pcrm.core.errors import NotFound
from pcrm.core.i18n import N_, translate
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal, user_refs
from pcrm.relationships.closeness.schemas import (
    Closeness,
    ContactCoverage,
    Path,
    PathStep,
    Reason,
    WeakSpot,
)
from pcrm.relationships.competitors import repository as competitors_repo
from pcrm.relationships.graph import repository as repo
from pcrm.relationships.graph.schemas import EdgeKind

# How strong an org-chart line is as a way in, on the 1-5 scale of the other links.
REPORTING_STRENGTH = 4
DOTTED_LINE_STRENGTH = 3
MAX_HOPS = 4
FRONTIER_LIMIT = 2000


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


def closeness(
    db: Session, principal: Principal, account_id: int, locale: str | None = None
) -> Closeness:
    """How well we cover the account's key and important people, and where we are weak."""
    locale = locale or current_locale()
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
    locale: str | None = None,
) -> list[Path]:
    """Ways from our people to a customer person through who knows whom, influence and the org
    charts: at most 4 links, never through archived people. "strongest" ranks by the product
    of link strengths (each /5), "fewest" by the number of links first.

    The search walks out from the target one layer of links at a time and keeps, for each
    person and each distance, the strongest way there, so every path is rebuilt from its own
    layer and is exactly as long and as strong as it says."""
    principal.require(Permission.READ)
    locale = locale or current_locale()
    scope = principal.scope
    names = live_contacts(db, scope, {contact_id})  # and then every live contact reached
    if contact_id not in names:
        raise NotFound()
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
