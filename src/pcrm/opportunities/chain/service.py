"""The decision chain of an opportunity (项目决策关系): who decides, evaluates, uses, influences
or guards the door, where they stand on this project, and the chart that puts them on the
relationship graph of the people-relationship line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pcrm.accounts.public import ActivityRead, activities_involving, contacts_by_ids, live_contacts
from pcrm.core.errors import FieldError, NotFound, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal
from pcrm.opportunities.chain import repository as chain_repo
from pcrm.opportunities.chain.models import DecisionChainMember
from pcrm.opportunities.chain.schemas import (
    ContactRoleRead,
    DecisionMemberRead,
    DecisionMemberUpdate,
    DecisionMemberWrite,
)
from pcrm.opportunities.pipeline import repository as repo
from pcrm.opportunities.vocab import OPEN_STAGES, Stage, Stance
from pcrm.relationships.public import (
    Graph,
    InteractionLevel,
    RelationshipStatus,
    account_graph,
    competitor_names,
    current_stances,
)


def chain(db: Session, principal: Principal, opportunity_id: int) -> list[DecisionMemberRead]:
    principal.require(Permission.READ)
    scope = principal.scope
    repo.opportunity(db, scope, opportunity_id)
    return _reads(db, scope, chain_repo.chain(db, scope, opportunity_id))


def _reads(
    db: Session, scope: WorkspaceScope, rows: Sequence[DecisionChainMember]
) -> list[DecisionMemberRead]:
    contacts = contacts_by_ids(db, scope, {m.contact_id for m in rows})
    rivals = competitor_names(
        db, scope, {m.favoured_competitor_id for m in rows if m.favoured_competitor_id}
    )
    out = []
    for m in rows:
        contact = contacts.get(m.contact_id)
        if contact is None or contact.archived_at is not None:  # archived since: kept, hidden
            continue
        out.append(
            DecisionMemberRead(
                id=m.id,
                contact_id=m.contact_id,
                contact_name=contact.name,
                title=contact.title,
                decision_role=m.decision_role,
                relationship_status=m.relationship_status,
                interaction_level=m.interaction_level,
                stance=m.stance,
                favoured_competitor_id=m.favoured_competitor_id,
                favoured_competitor_name=(
                    rivals.get(m.favoured_competitor_id) if m.favoured_competitor_id else None
                ),
                note=m.note,
                version=m.version,
            )
        )
    return out


def _check_stance(
    db: Session, scope: WorkspaceScope, stance: Stance, competitor_id: int | None
) -> None:
    if stance is Stance.FAVOURS_COMPETITOR and competitor_id is None:
        raise field_error(
            "favoured_competitor_id", N_("Say which competitor they favour."), "missing"
        )
    if stance is not Stance.FAVOURS_COMPETITOR and competitor_id is not None:
        raise field_error(
            "favoured_competitor_id",
            N_("A favoured competitor goes with the stance 'favours a competitor'."),
        )
    if competitor_id is not None and not competitor_names(db, scope, {competitor_id}):
        raise field_error("favoured_competitor_id", N_("Choose a competitor of this workspace."))


def add_member(
    db: Session, principal: Principal, opportunity_id: int, data: DecisionMemberWrite
) -> DecisionMemberRead:
    """Put a customer person on the decision chain. Status and interaction default to the
    contact's current profile from the relationships area."""
    principal.require(Permission.WRITE_OPPORTUNITIES)
    scope = principal.scope
    repo.opportunity(db, scope, opportunity_id)
    if data.contact_id not in live_contacts(db, scope, {data.contact_id}):
        raise field_error("contact_id", N_("Choose a contact of this workspace."))
    if any(m.contact_id == data.contact_id for m in chain_repo.chain(db, scope, opportunity_id)):
        raise field_error(
            "contact_id", N_("This person is already on the decision chain."), "unique"
        )
    _check_stance(db, scope, data.stance, data.favoured_competitor_id)
    status, level = current_stances(db, scope, {data.contact_id}).get(
        data.contact_id, (RelationshipStatus.UNKNOWN, InteractionLevel.NONE)
    )
    member = DecisionChainMember(
        workspace_id=scope.workspace_id,
        opportunity_id=opportunity_id,
        contact_id=data.contact_id,
        decision_role=data.decision_role,
        relationship_status=data.relationship_status or status,
        interaction_level=data.interaction_level or level,
        stance=data.stance,
        favoured_competitor_id=data.favoured_competitor_id,
        note=data.note,
    )
    db.add(member)
    try:
        db.flush()
    except IntegrityError as exc:
        raise field_error(
            "contact_id", N_("This person is already on the decision chain."), "unique"
        ) from exc
    return _reads(db, scope, [member])[0]


def _member_of(
    db: Session, scope: WorkspaceScope, opportunity_id: int, member_id: int
) -> DecisionChainMember:
    member = chain_repo.chain_member(db, scope, member_id)
    if member.opportunity_id != opportunity_id:
        raise NotFound()
    return member


def update_member(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    member_id: int,
    data: DecisionMemberUpdate,
    expected_version: int | None = None,
) -> DecisionMemberRead:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    scope = principal.scope
    member = _member_of(db, scope, opportunity_id, member_id)
    check_version(member.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    errors = [
        FieldError(field, N_("This field is required."), "missing")
        for field in ("decision_role", "relationship_status", "interaction_level", "stance")
        if field in changes and changes[field] is None
    ]
    if errors:
        raise ValidationFailed(errors)
    stance = changes.get("stance", member.stance)
    competitor = changes.get("favoured_competitor_id", member.favoured_competitor_id)
    if stance is not Stance.FAVOURS_COMPETITOR and "favoured_competitor_id" not in changes:
        competitor = changes["favoured_competitor_id"] = None
    _check_stance(db, scope, stance, competitor)
    for key, value in changes.items():
        setattr(member, key, value)
    db.flush()
    return _reads(db, scope, [member])[0]


def remove_member(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    member_id: int,
    *,
    expected: int | None = None,
) -> None:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    record = _member_of(db, principal.scope, opportunity_id, member_id)
    check_version(record.version, expected)
    db.delete(record)
    db.flush()


def chain_graph(
    db: Session, principal: Principal, opportunity_id: int, locale: str = "en"
) -> Graph:
    """The decision chain drawn on the people-relationship graph: its members, the reporting
    and influence lines between them, and our people's and competitors' ties to them; our
    people named in `locale`."""
    principal.require(Permission.READ)
    scope = principal.scope
    opportunity = repo.opportunity(db, scope, opportunity_id)
    members = {m.contact_id for m in chain_repo.chain(db, scope, opportunity_id)}
    graph = account_graph(db, principal, opportunity.account_id, locale=locale)
    keep = {f"c{cid}" for cid in members}
    edges = [
        e
        for e in graph.edges
        if (e.source in keep and e.target in keep)
        or (e.kind in ("acquaintance", "competitor_tie") and e.target in keep)
    ]
    ends = keep | {e.source for e in edges} | {e.target for e in edges}
    return Graph(
        account_id=graph.account_id, nodes=[n for n in graph.nodes if n.id in ends], edges=edges
    )


# The opportunities a contact's page lists: still to win, or won and being delivered together.
LIVE_STAGES = (*OPEN_STAGES, Stage.EXECUTION)


def contact_roles(db: Session, principal: Principal, contact_id: int) -> list[ContactRoleRead]:
    """The contact's roles on the decision chains of live opportunities (a missing contact,
    or one of another workspace, is a 404)."""
    principal.require(Permission.READ)
    scope = principal.scope
    if contact_id not in live_contacts(db, scope, {contact_id}):
        raise NotFound()
    return [
        ContactRoleRead(
            opportunity_id=o.id,
            opportunity_name=o.name,
            stage=o.stage,
            amount=o.awarded_amount if o.awarded_amount is not None else o.budget_amount,
            currency=o.currency,
            expected_close_on=o.expected_close_on,
            decision_role=m.decision_role,
            stance=m.stance,
        )
        for m, o in chain_repo.roles_of_contact(db, scope, contact_id, LIVE_STAGES)
    ]


def opportunity_activities(
    db: Session, principal: Principal, opportunity_id: int, limit: int = 10
) -> list[ActivityRead]:
    """The opportunity's activity timeline: the account's activities with the people on its
    decision chain, newest first, none after the day it closed."""
    principal.require(Permission.READ)
    scope = principal.scope
    opportunity = repo.opportunity(db, scope, opportunity_id)
    people = {m.contact_id for m in chain_repo.chain(db, scope, opportunity_id)}
    until = (
        datetime.combine(opportunity.closed_on + timedelta(days=1), time(), tzinfo=UTC)
        if opportunity.closed_on and opportunity.stage not in LIVE_STAGES
        else None
    )
    return activities_involving(db, principal, opportunity.account_id, people, until, limit)
