"""The decision chain page (项目决策关系) of an opportunity: its members with their role,
relationship, interaction and stance, the forms that add, change and remove them, and the chart
that puts them on the people-relationship graph. Handlers translate, services decide."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from pcrm.accounts.public import contacts_by_ids
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import FormErrors, FormValues, PostedForm, attempt
from pcrm.core.i18n import N_, translate
from pcrm.core.pages import notice, redirect
from pcrm.core.pages import page_locale as _locale
from pcrm.core.templating import render
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.opportunities.chain import service as chain_service
from pcrm.opportunities.chain.schemas import (
    DecisionMemberRead,
    DecisionMemberUpdate,
    DecisionMemberWrite,
)
from pcrm.opportunities.pipeline import pages as presenters
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.forms import text as _text
from pcrm.opportunities.pipeline.forms import version as _version
from pcrm.opportunities.vocab import LABELS, DecisionRole, Stance
from pcrm.relationships.public import (
    Graph,
    InteractionLevel,
    RelationshipStatus,
    list_competitors,
    vocab_label,
)

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
presenters.install_template_globals()  # stage labels of the opportunity page frame

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
MEMBER_FIELDS = (
    "decision_role",
    "relationship_status",
    "interaction_level",
    "stance",
    "favoured_competitor_id",
    "note",
)
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


def _notice(request: Request) -> str | None:
    return notice(request, NOTICES)


def _redirect(url: str, notice_key: str, anchor: str = "") -> RedirectResponse:
    """Back to `url` with the notice, scrolled to `anchor` (the fragment comes last)."""
    response = redirect(url, notice_key)
    response.headers["location"] += anchor
    return response


def _options(enum: type[StrEnum], locale: str) -> list[tuple[str, str]]:
    return [(value, translate(locale, text)) for value, text in LABELS[enum].items()]


def _relationship_options(enum: type[StrEnum], locale: str) -> list[tuple[str, str]]:
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
    roles = dict(_options(DecisionRole, locale))
    stances = dict(_options(Stance, locale))
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
    return {
        "nodes": nodes,
        "edges": [
            {"source": e.source, "target": e.target, "kind": e.kind, "strength": e.strength}
            for e in graph.edges
        ],
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


def _chain_context(
    request: Request,
    db: DB,
    principal: Principal,
    opportunity_id: int,
    *,
    failed: str = "",
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    """The decision chain page. After a refused write, `failed` is "add" or "member-<id>"."""
    locale = _locale(request)
    opportunity = service.opportunity_detail(db, principal, opportunity_id)
    members = chain_service.chain(db, principal, opportunity_id)
    graph = chain_service.chain_graph(db, principal, opportunity_id)
    can_write = principal.can(Permission.WRITE)
    forms = {f"member-{m.id}": FormValues(_member_values(m)) for m in members}
    forms["add"] = FormValues(
        {"decision_role": DecisionRole.INFLUENCER.value, "stance": Stance.UNKNOWN.value}
    )
    if failed:
        forms[failed] = FormValues(values or {})
    return {
        "opportunity": opportunity,
        "active_tab": "chain",
        "notice": _notice(request),
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
            "role": dict(_options(DecisionRole, locale)),
            "stance": dict(_options(Stance, locale)),
            "status": dict(_relationship_options(RelationshipStatus, locale)),
            "level": dict(_relationship_options(InteractionLevel, locale)),
        },
        "stance_badges": STANCE_BADGES,
    }


CHAIN_TEMPLATE = "opportunities/chain.html"


def _chain_url(opportunity_id: int) -> str:
    return f"/opportunities/{opportunity_id}/decision-chain"


@router.get("/opportunities/{opportunity_id}/decision-chain")
def chain_page(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    return render(request, CHAIN_TEMPLATE, _chain_context(request, db, principal, opportunity_id))


def _member_data(form: FormData, *fields: str) -> dict[str, Any]:
    return {key: _text(form, key) or None for key in fields}


@router.post("/opportunities/{opportunity_id}/decision-chain")
def add_member(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = _member_data(form, "contact_id", *MEMBER_FIELDS)
    outcome = attempt(
        db,
        _locale(request),
        lambda: chain_service.add_member(
            db, principal, opportunity_id, DecisionMemberWrite.model_validate(data)
        ),
    )
    if outcome.ok:
        return _redirect(_chain_url(opportunity_id), "member-added", "#chain")
    echo = {k: v or "" for k, v in data.items()}
    contact = data["contact_id"]
    if isinstance(contact, str) and contact.isdigit():
        found = contacts_by_ids(db, principal.scope, {int(contact)}).get(int(contact))
        echo["contact_label"] = found.name if found else ""
    context = _chain_context(
        request, db, principal, opportunity_id, failed="add", values=echo, errors=outcome.errors
    )
    return render(request, CHAIN_TEMPLATE, context, status_code=outcome.status)


@router.post("/opportunities/{opportunity_id}/decision-chain/{member_id}")
def update_member(
    request: Request,
    opportunity_id: int,
    member_id: int,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = _member_data(form, *MEMBER_FIELDS)
    version = _version(form)
    outcome = attempt(
        db,
        _locale(request),
        lambda: chain_service.update_member(
            db,
            principal,
            opportunity_id,
            member_id,
            DecisionMemberUpdate.model_validate(data),
            version,
        ),
    )
    if outcome.ok:
        return _redirect(_chain_url(opportunity_id), "member-saved", "#chain")
    echo = {k: v or "" for k, v in data.items()} | {"version": str(version or "")}
    context = _chain_context(
        request,
        db,
        principal,
        opportunity_id,
        failed=f"member-{member_id}",
        values=echo,
        errors=outcome.errors,
    )
    return render(request, CHAIN_TEMPLATE, context, status_code=outcome.status)


@router.post("/opportunities/{opportunity_id}/decision-chain/{member_id}/delete")
def remove_member(
    opportunity_id: int, member_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    chain_service.remove_member(db, principal, opportunity_id, member_id)
    return _redirect(_chain_url(opportunity_id), "member-removed", "#chain")
