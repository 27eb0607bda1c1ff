"""Demo data of the opportunities area (当前项目线, 项目历史线) for the demo customers of
`pcrm.demo.accounts`, with the competitors and people of `pcrm.demo.relationships`.

Planned first as plain values (`pcrm.demo.plans.opportunities.build_opportunity_plan`, no
database), then written through `pcrm.opportunities.public` as the demo user who would have
done it, in the order it happened (`seed`):

- about five years of history: for every account the project that put it in its lifecycle
  stage (won and in execution or delivered, lost to a named competitor, abandoned, or still open
  in potential or bidding), earlier tenders at the larger customers (won, lost, abandoned), the
  yearly operations and maintenance (运维) contracts that follow a delivered system (单一来源),
  phase-2 projects, landings and replacements, linked as related opportunities;
- tenders with the customer's rhythm: government bodies, public hospitals and universities
  publish in their budget year's spring (March–June) and a second wave in September–November,
  state-owned groups and banks in Q2 and Q4, private companies all year round and mostly by
  invitation or negotiation (some without a tender at all); each customer has its usual months,
  method and scoring sheet;
- scoring sheets with weights and sub-items (技术 50 (方案 30, 团队 20) / 商务 30 / 价格 20, 技术
  60 / 商务 10 / 价格 30, …) and their price rule (低价优先法 or 平均值法), us and one to three of
  the eight demo competitors with estimated scores, one to three quote rounds whose ranking under
  the tender's rule gives the recorded outcome (when we lost on price, the winner quoted less);
- a decision chain of two to five of the account's people, with roles and stances that follow
  their relationship profiles and the competitors' ties to them;
- a win/loss review (经验总结) for every closed opportunity;
- open opportunities with key dates to come (reminders, the board), among them potential ones
  without a tender for a bid manager to take to bidding.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from pcrm.demo.plans.bids import TenderPlan
from pcrm.demo.plans.opportunities import (
    OpportunityPlan,
    Timeline,
    build_opportunity_plan,
    display_name,
    schedule,
)
from pcrm.demo.world import TZ, World
from pcrm.opportunities.public import (
    CloseOpportunity,
    DecisionMemberWrite,
    OpportunityCreate,
    PriceFormula,
    QuoteRoundCreate,
    QuoteWrite,
    RelationCreate,
    ReviewWrite,
    ScoresWrite,
    ScoringItemRead,
    ScoringItemWrite,
    Stage,
    StageMove,
    SubItemWrite,
    TeamMemberWrite,
    TenderWrite,
    VendorCreate,
    VendorStatus,
    VendorUpdate,
    add_decision_member,
    add_relation,
    add_vendor,
    close_opportunity,
    create_opportunity,
    list_vendors,
    move_stage,
    save_tender,
    set_vendor_scores,
    submit_quote_round,
    update_vendor,
)

_BID, _DEL = Stage.BIDDING, Stage.DELIVERED


def seed(world: World) -> None:
    """Plan the demo's opportunities and tenders and write them in the order they started, as
    of the world's day; their ids are left in the world for the later areas."""
    opportunities = build_opportunity_plan(world.planned_customers(), world.planned_relationships())
    dates = schedule(opportunities, world.today)
    for o in sorted(opportunities.opportunities, key=lambda o: (dates[o.key].start, o.key)):
        _write_one(world, o, dates[o.key])


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def _tender_write(t: TenderPlan, start: date) -> TenderWrite:
    def day(offset: int | None) -> date | None:
        return start + timedelta(days=offset) if offset is not None else None

    submission = day(t.submission)
    sheet = t.sheet
    return TenderWrite(
        method=t.method,
        evaluation_method=t.evaluation,
        price_formula=sheet.formula if sheet else PriceFormula.LOWEST_RATIO,
        benchmark_discount=sheet.discount if sheet else Decimal(0),
        deduct_above=sheet.deduct_above if sheet else Decimal(1),
        deduct_below=sheet.deduct_below if sheet else Decimal("0.5"),
        agency=t.agency,
        bid_bond=t.bid_bond,
        rfp_published_on=start,
        qa_deadline=_at(start + timedelta(days=t.qa), 17) if t.qa is not None else None,
        site_visit_at=(
            _at(start + timedelta(days=t.site_visit), 9, 30) if t.site_visit is not None else None
        ),
        submission_deadline=_at(submission, 9, 30) if submission else None,
        opening_at=_at(submission, 9, 30) if submission else None,
        award_announced_on=day(t.award),
        contract_signed_on=day(t.contract),
        notes=t.notes,
        scoring_items=[
            ScoringItemWrite(
                name=item.name,
                weight=Decimal(item.weight),
                is_price=item.is_price,
                sub_items=[SubItemWrite(name=n, weight=Decimal(w)) for n, w in item.sub_items],
            )
            for item in (sheet.items if sheet else ())
        ],
    )


def _leaf_ids(items: Sequence[ScoringItemRead]) -> list[int]:
    out: list[int] = []
    for item in items:
        if item.is_price:
            continue
        out += [s.id for s in item.sub_items] if item.sub_items else [item.id]
    return out


def _write_one(world: World, o: OpportunityPlan, when: Timeline) -> None:
    db, staff, contacts, rivals = world.db, world.staff, world.contacts, world.competitors
    start = when.start

    def day(offset: int, hour: int) -> datetime:  # `offset` days after the start
        return _at(start + timedelta(days=offset), hour)

    owner = world.acting(o.owner, at=day(0, 9))
    created = create_opportunity(
        db,
        owner,
        OpportunityCreate(
            account_id=world.accounts[o.account],
            name=display_name(o, start),
            expected_close_on=when.closed_on or when.expected_close_on,
            project_type=o.project_type,
            triggers=list(o.triggers),
            trigger_note=o.trigger_note,
            budget_amount=o.budget,
            source=o.source,
            description=o.description,
            team=[TeamMemberWrite(user_id=staff.get(k).user_id, role=r) for k, r in o.team],
        ),
    )
    oid = created.id
    world.opportunities[o.key] = oid
    if o.earlier is not None:
        earlier, kind = o.earlier
        relation = RelationCreate(earlier_id=world.opportunities[earlier], kind=kind)
        add_relation(db, owner, oid, relation)
    vendor_ids: dict[str | None, int] = {}
    if o.tender is not None:
        tender = save_tender(
            db, world.acting(o.bid_writer, at=day(0, 14)), oid, _tender_write(o.tender, start)
        )
        for v in o.vendors:  # competitors of a decided bid are recorded with how they ended
            if v.competitor is not None:
                added = add_vendor(
                    db,
                    world.acting(o.owner, at=day(2, 10)),
                    oid,
                    VendorCreate(
                        competitor_id=rivals[v.competitor], status=v.status, notes=v.notes
                    ),
                )
                vendor_ids[v.competitor] = added.id
        for read in list_vendors(db, owner, oid):
            if read.is_us:
                vendor_ids[None] = read.id
        if o.tender.sheet is not None:
            leaves = _leaf_ids(tender.scoring_items)
            # 刘芳 (delivery) estimates the technical points; the bid's writer records them,
            # as delivery may not change tenders (docs/security.md)
            estimator = world.acting(o.bid_writer, at=day(5, 15))
            for v in o.vendors:
                if v.scores:
                    set_vendor_scores(
                        db,
                        estimator,
                        oid,
                        vendor_ids[v.competitor],
                        ScoresWrite(scores=dict(zip(leaves, v.scores, strict=True))),
                    )
        if o.stage is not Stage.POTENTIAL:
            move_stage(db, world.acting(o.owner, at=day(7, 11)), oid, StageMove(stage=_BID))
    elif o.no_tender_reason is not None:
        owner = world.acting(o.owner, at=day(14, 11))
        move_stage(db, owner, oid, StageMove(stage=_BID, no_tender_reason=o.no_tender_reason))
    principal = world.acting(o.owner, at=day(3, 16))
    for m in o.chain:
        add_decision_member(
            db,
            principal,
            oid,
            DecisionMemberWrite(
                contact_id=contacts[m.contact],
                decision_role=m.role,
                stance=m.stance,
                favoured_competitor_id=rivals[m.favoured] if m.favoured else None,
                note=m.note,
            ),
        )
    for r in o.rounds:
        writer = world.acting(o.bid_writer, at=day(r.day, 16))
        submit_quote_round(
            db,
            writer,
            oid,
            QuoteRoundCreate(
                quoted_on=start + timedelta(days=r.day),
                note=r.note,
                quotes=[
                    QuoteWrite(vendor_id=vendor_ids[c], amount=amount, source=source)
                    for c, amount, source in r.quotes
                ],
            ),
        )
    if o.outcome is None or o.review is None:
        return
    closed = _at(when.closed_on, 17) if when.closed_on else None
    principal = world.acting(o.owner, at=closed)
    for v in o.vendors:  # how we ended
        if v.competitor is None and v.status is not VendorStatus.BIDDING and None in vendor_ids:
            update_vendor(
                db, principal, oid, vendor_ids[v.competitor], VendorUpdate(status=v.status)
            )
    review = o.review
    close_opportunity(
        db,
        principal,
        oid,
        CloseOpportunity(
            outcome=o.outcome,
            awarded_amount=o.awarded,
            closed_on=when.closed_on,
            review=ReviewWrite(
                reasons=list(review.reasons),
                reason_note=review.reason_note,
                what_worked=review.what_worked,
                what_to_change=review.what_to_change,
                winner_competitor_id=rivals[review.winner] if review.winner else None,
                winning_price=review.winning_price,
            ),
        ),
    )
    if o.stage is Stage.DELIVERED:
        delivered = _at(when.delivered_on, 10) if when.delivered_on else None
        move_stage(db, world.acting(o.owner, at=delivered), oid, StageMove(stage=_DEL))
