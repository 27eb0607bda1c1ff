"""View-models of the analyses' pages: an account's closeness, and the paths from our people to
a customer person."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from pcrm.accounts.public import ContactRead, contacts_by_ids, get_account, get_contact
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Principal, UserRef, user_refs
from pcrm.relationships.closeness import service
from pcrm.relationships.closeness.schemas import Closeness, Path
from pcrm.relationships.competitors import service as competitors
from pcrm.relationships.graph.pages import (
    IMPORTANCE_BADGES,
    STATUS_BADGES,
    importance_label,
    node_url,
    person_url,
)
from pcrm.relationships.vocab import EDGE_LABELS, status_label

PATH_MODES = ("strongest", "fewest")


# --- closeness ---------------------------------------------------------------------------------


def closeness(db: Session, principal: Principal, account_id: int, locale: str) -> dict[str, Any]:
    account = get_account(db, principal, account_id)
    result = service.closeness(db, principal, account_id, locale)
    users = user_refs(
        db, principal.scope, {c.our_best_user_id for c in result.contacts if c.our_best_user_id}
    )
    rivals = {c.id: c.name for c in competitors.list_competitors(db, principal)}
    return {
        "account": account,
        "section": "closeness",
        "notice": None,
        **closeness_view(result, users, rivals, locale),
    }


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


# --- the path to a person ----------------------------------------------------------------------


def paths(
    db: Session, principal: Principal, contact_id: int, mode: str, locale: str
) -> dict[str, Any]:
    """The ten best ways in to the contact by `mode` (strongest when it names no mode)."""
    mode = mode if mode in PATH_MODES else "strongest"
    contact = get_contact(db, principal, contact_id)
    found = service.paths_to(db, principal, contact_id, mode, 10, locale)
    return {
        "contact": contact,
        "mode": mode,
        "modes": [
            ("strongest", translate(locale, N_("Strongest links"))),
            ("fewest", translate(locale, N_("Fewest introductions"))),
        ],
        "paths": path_rows(
            found, contacts_by_ids(db, principal.scope, path_contact_ids(found)), locale
        ),
    }


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
