"""The view-model of the decision chain page (项目决策关系): its members with their labels,
each member's form, and the chart's data for bid.js, read through the services."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from pcrm.accounts.public import ActivityRead, contacts_by_ids
from pcrm.accounts.public import label as accounts_label
from pcrm.core.forms import FormErrors, FormValues, posted_id
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal, user_refs
from pcrm.opportunities.chain import service as chain_service
from pcrm.opportunities.chain.layout import NARROW_COLUMNS, WIDE_COLUMNS, chain_layout
from pcrm.opportunities.chain.schemas import DecisionMemberRead
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.pages import choices
from pcrm.opportunities.vocab import DecisionRole, Stage, Stance
from pcrm.relationships.public import (
    Graph,
    InteractionLevel,
    RelationshipStatus,
    list_competitors,
    vocab_label,
)

NOTICES = {
    "member-added": N_("Added to the decision chain."),
    "member-saved": N_("Your changes have been saved."),
    "member-removed": N_("Removed from the decision chain."),
}
STANCE_BADGES = {
    Stance.FAVOURS_US.value: "green",
    Stance.NEUTRAL.value: "",
    Stance.FAVOURS_COMPETITOR.value: "red",
    Stance.UNKNOWN.value: "",
}
EDGE_LABELS = {
    "reports_to": N_("Reporting"),
    "dotted_line": N_("Dotted-line reporting"),
    "influence": N_("Influence"),
    "acquaintance": N_("Our relationship"),
    "competitor_tie": N_("Competitor relationship"),
}
NODE_LABELS = {
    "contact": N_("Contact"),
    "external_contact": N_("Contact at another account"),
    "user": N_("Our people"),
    "competitor": N_("Competitor"),
}


def _relationshipchoices(enum: type[StrEnum], locale: str) -> list[tuple[str, str]]:
    return [(member.value, translate(locale, vocab_label(member))) for member in enum]


def _node_url(kind: str, record_id: int) -> str:
    if kind == "user":
        return f"/relationships/people/{record_id}"
    if kind == "competitor":
        return f"/competitors/{record_id}"
    return f"/contacts/{record_id}"


def _graph_payload(
    graph: Graph, members: Sequence[DecisionMemberRead], locale: str
) -> dict[str, Any]:
    """The chain as bid.js draws it: members labelled with their decision role and coloured
    by stance, our people and competitors linked to them. Every text comes translated."""
    by_contact = {m.contact_id: m for m in members}
    roles = dict(choices(DecisionRole, locale))
    stances = dict(choices(Stance, locale))
    nodes: list[dict[str, Any]] = []
    for n in graph.nodes:
        member = by_contact.get(n.record_id) if n.kind in ("contact", "external_contact") else None
        nodes.append(
            {
                "id": n.id,
                "kind": n.kind,
                "name": n.label,
                "detail": n.detail,
                "member": member is not None,
                "role": roles[member.decision_role.value] if member else "",
                "stance": member.stance.value if member else "",
                "stance_label": stances[member.stance.value] if member else "",
                "favours": (member.favoured_competitor_name or "") if member else "",
                "url": _node_url(n.kind, n.record_id),
            }
        )
    drawn = {n.id for n in graph.nodes}
    for m in members:  # people outside the account's graph are still on the chain
        if f"c{m.contact_id}" not in drawn:
            nodes.append(
                {
                    "id": f"c{m.contact_id}",
                    "kind": "external_contact",
                    "name": m.contact_name,
                    "detail": m.title or "",
                    "member": True,
                    "role": roles[m.decision_role.value],
                    "stance": m.stance.value,
                    "stance_label": stances[m.stance.value],
                    "favours": m.favoured_competitor_name or "",
                    "url": _node_url("contact", m.contact_id),
                }
            )
    placed = [(n["id"], n["kind"]) for n in nodes]
    lines = [(e.source, e.target, e.kind) for e in graph.edges]
    return {
        "nodes": nodes,
        "edges": [
            {"source": e.source, "target": e.target, "kind": e.kind, "strength": e.strength}
            for e in graph.edges
        ],
        "layout": {
            "wide": chain_layout(placed, lines, WIDE_COLUMNS).as_json(),
            "narrow": chain_layout(placed, lines, NARROW_COLUMNS).as_json(),
        },
        "texts": {
            "edge_kinds": {k: translate(locale, v) for k, v in EDGE_LABELS.items()},
            "node_kinds": {k: translate(locale, v) for k, v in NODE_LABELS.items()},
            "stance": translate(locale, N_("Stance")),
            "decision_role": translate(locale, N_("Decision role")),
            "favours": translate(locale, N_("Favoured competitor")),
            "open": translate(locale, N_("Click to open")),
        },
    }


def _member_values(member: DecisionMemberRead) -> dict[str, str]:
    return {
        "decision_role": member.decision_role.value,
        "relationship_status": member.relationship_status.value,
        "interaction_level": member.interaction_level.value,
        "stance": member.stance.value,
        "favoured_competitor_id": str(member.favoured_competitor_id or ""),
        "note": member.note or "",
        "version": str(member.version),
    }


def chain_page(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    locale: str,
    notice: str | None,
    *,
    failed: str = "",
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    """The decision chain page. After a refused write, `failed` is "add" or "member-<id>" and
    `values` are the posted ones (a posted contact shown with its name)."""
    opportunity = service.opportunity_detail(db, principal, opportunity_id)
    members = chain_service.chain(db, principal, opportunity_id)
    graph = chain_service.chain_graph(db, principal, opportunity_id, locale)
    can_write = principal.can(Permission.WRITE_OPPORTUNITIES)
    forms = {f"member-{m.id}": FormValues(_member_values(m)) for m in members}
    forms["add"] = FormValues(
        {"decision_role": DecisionRole.INFLUENCER.value, "stance": Stance.UNKNOWN.value}
    )
    if failed:
        forms[failed] = FormValues(_with_contact_name(db, principal, values or {}))
    return {
        "opportunity": opportunity,
        "active_tab": "chain",
        "notice": notice,
        "can_write": can_write,
        "members": members,
        "graph_json": _graph_payload(graph, members, locale),
        "forms": forms,
        "failed": failed,
        "errors": {failed: errors or {}} if failed else {},
        "competitor_options": [
            (str(c.id), c.name) for c in (list_competitors(db, principal) if can_write else [])
        ],
        "labels": {
            "role": dict(choices(DecisionRole, locale)),
            "stance": dict(choices(Stance, locale)),
            "status": dict(_relationshipchoices(RelationshipStatus, locale)),
            "level": dict(_relationshipchoices(InteractionLevel, locale)),
        },
        "stance_badges": STANCE_BADGES,
    }


def _with_contact_name(db: Session, principal: Principal, values: dict[str, Any]) -> dict[str, Any]:
    """A refused add shows the contact it was for by name."""
    contact = posted_id(values.get("contact_id"))
    if contact is None:
        return values
    found = contacts_by_ids(db, principal.scope, {contact}).get(contact)
    return values | {"contact_label": found.name if found else ""}


# --- the opportunity's activities and next step; a contact's roles in live opportunities -----


@dataclass(frozen=True, slots=True)
class ActivityRow:
    activity: ActivityRead
    type: str
    owner: str
    contact: str


@dataclass(frozen=True, slots=True)
class NextStep:
    text: str
    due: date | None
    overdue: bool
    activity_id: int


def activity_panel(
    db: Session, principal: Principal, opportunity_id: int, locale: str
) -> dict[str, Any]:
    """The opportunity page's activity card: the timeline, and the next step agreed at the
    latest activity that set one."""
    opportunity = service.opportunity_detail(db, principal, opportunity_id)
    activities = chain_service.opportunity_activities(db, principal, opportunity_id)
    owners = user_refs(db, principal.scope, {a.owner_id for a in activities if a.owner_id})
    rows = [
        ActivityRow(
            activity=a,
            type=accounts_label(a.type, locale),
            owner=owners[a.owner_id].display(locale) if a.owner_id in owners else "",
            contact=a.contact_name or "",
        )
        for a in activities
    ]
    planned = next((a for a in activities if a.next_step), None)
    return {
        "opportunity": opportunity,
        "can_write": principal.can(Permission.WRITE_OPPORTUNITIES),
        "activity_rows": rows,
        "next_step": NextStep(
            text=planned.next_step or "",
            due=planned.next_step_due,
            overdue=planned.next_step_due is not None and planned.next_step_due < principal.today(),
            activity_id=planned.id,
        )
        if planned
        else None,
    }


STAGE_BADGES = {
    Stage.POTENTIAL.value: "",
    Stage.BIDDING.value: "blue",
    Stage.EXECUTION.value: "green",
}


def contact_roles_panel(
    db: Session, principal: Principal, contact_id: int, locale: str
) -> dict[str, Any]:
    """The contact page's card of the contact's roles on live opportunities' decision chains."""
    roles = chain_service.contact_roles(db, principal, contact_id)
    role_labels = dict(choices(DecisionRole, locale))
    stance_labels = dict(choices(Stance, locale))
    stage_labels = dict(choices(Stage, locale))
    return {
        "contact_id": contact_id,
        "roles": [
            {
                "role": r,
                "decision_role": role_labels[r.decision_role.value],
                "stance": stance_labels[r.stance.value],
                "stance_badge": STANCE_BADGES[r.stance.value],
                "stage": stage_labels[r.stage.value],
                "stage_badge": STAGE_BADGES.get(r.stage.value, ""),
            }
            for r in roles
        ],
    }
