"""The demo's projects: the won opportunities in joint execution become projects through the
projects area's own conversion (team, decision chain → stakeholders, documents, awarded amount
→ budget), then each is taken where its story stands: just converted, planning with the
customer's liaison appointed, executing, on hold while the customer's machine room is rebuilt,
ended early by the customer; two delivered ones are closed and archived. Each gets the customer's
constraints and a stakeholder or two the decision chain did not have (purchasing, finance)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pcrm.demo.plans.opportunities import OpportunityPlan, build_opportunity_plan
from pcrm.demo.world import World
from pcrm.opportunities.public import Stage
from pcrm.projects.public import (
    Channel,
    ConstraintKind,
    ConstraintWrite,
    Frequency,
    LiaisonAppointment,
    PhaseAdvance,
    ProjectUpdate,
    Stake,
    StakeholderRole,
    StakeholderWrite,
    StatusMove,
    TeamMemberUpdate,
    TeamMemberWrite,
    TeamRole,
    Termination,
    add_constraint,
    add_stakeholder,
    add_team_member,
    advance_phase,
    appoint_liaison,
    convert_opportunity,
    move_status,
    project_team,
    terminate,
    update_project,
    update_team_member,
)


@dataclass(frozen=True, slots=True)
class Story:
    """Where a demo project stands today."""

    phases: int  # phase moves from needs identification
    statuses: tuple[str, ...]  # status moves from draft
    liaison: bool
    terminated: bool = False
    months: int = 8  # planned length


# In the order of the won opportunities in joint execution, then the delivered ones.
CURRENT = (
    Story(phases=1, statuses=("active",), liaison=True),  # planning with the customer
    Story(phases=2, statuses=("active",), liaison=True, months=10),  # executing
    Story(phases=0, statuses=(), liaison=False),  # just converted
    Story(phases=2, statuses=("active", "on_hold"), liaison=True, months=12),  # on hold
    Story(phases=0, statuses=("active",), liaison=True),  # needs identification
    Story(phases=1, statuses=("active",), liaison=True, terminated=True),  # ended early
    Story(phases=1, statuses=("active",), liaison=True, months=6),
)
DELIVERED = (
    Story(phases=3, statuses=("active", "closed"), liaison=True, months=9),
    Story(phases=3, statuses=("active", "closed", "archived"), liaison=True, months=11),
)

CONSTRAINTS = (
    (ConstraintKind.BUDGET_CEILING, "总价不得超过财政批复预算，超出部分需重新立项", True),
    (ConstraintKind.DEADLINE, "须在年度考核前完成上线试运行", True),
    (ConstraintKind.STANDARD, "符合等保2.0三级及行业数据安全规范", True),
    (ConstraintKind.TECHNOLOGY, "优先采用信创适配的数据库与中间件", False),
    (ConstraintKind.RESOURCES, "客户方每周可投入业务骨干不超过两人天", False),
)
EXTRA_PEOPLE = (
    (StakeholderRole.PURCHASING, (Stake.PAYS,), 3, 2, "合同付款节点与验收材料齐全", Channel.EMAIL),
    (
        StakeholderRole.FINANCE,
        (Stake.PAYS, Stake.AFFECTED),
        4,
        2,
        "预算执行进度透明",
        Channel.REPORT,
    ),
    (StakeholderRole.LOGISTICS, (Stake.AFFECTED,), 2, 3, "设备进场不影响日常运营", Channel.WECHAT),
)


def seed(world: World) -> None:
    """Convert the demo's won opportunities and take each project to where its story is."""
    plan = build_opportunity_plan(world.planned_customers(), world.planned_relationships())
    won = [o for o in plan.opportunities if o.key in world.opportunities]
    current = [o for o in won if o.stage is Stage.EXECUTION]
    delivered = [o for o in won if o.stage is Stage.DELIVERED][-len(DELIVERED) :]
    for n, (o, story) in enumerate(zip(current, CURRENT, strict=False)):
        _write(world, o, story, n)
    for n, (o, story) in enumerate(zip(delivered, DELIVERED, strict=False)):
        _write(world, o, story, n + len(CURRENT))


def _write(world: World, o: OpportunityPlan, story: Story, n: int) -> None:
    db = world.db
    pm = world.acting("delivery")  # 刘芳 converts and runs the projects
    project = convert_opportunity(db, pm, world.opportunities[o.key])
    start = world.today - timedelta(days=30 * (story.phases + 1))
    end = start + timedelta(days=30 * story.months)
    update_project(db, pm, project.id, ProjectUpdate(start_on=start, end_on=end))
    _team(world, project.id, start, end)
    chain = [m.contact for m in o.chain]
    people = sorted(k for k in world.contacts if k[0] == o.account)
    extra = [k for k in people if k not in chain][: 1 + n % 2]
    for k, (role, stakes, power, interest, hope, channel) in zip(extra, EXTRA_PEOPLE, strict=False):
        add_stakeholder(
            db,
            pm,
            project.id,
            StakeholderWrite(
                contact_id=world.contacts[k],
                project_role=role,
                stakes=list(stakes),
                power=power,
                interest=interest,
                expectations=hope,
                channel=channel,
                frequency=Frequency.MONTHLY,
                our_owner_id=world.staff.sales.user_id,
            ),
        )
    for kind, statement, hard in CONSTRAINTS[: 2 + n % 3]:
        budget = project.budget_amount or Decimal("0")
        add_constraint(
            db,
            pm,
            project.id,
            ConstraintWrite(
                kind=kind,
                statement=statement,
                amount=(budget * Decimal("1.05")).quantize(Decimal("1.00"))
                if kind is ConstraintKind.BUDGET_CEILING
                else None,
                due_on=end if kind is ConstraintKind.DEADLINE else None,
                is_hard=hard,
            ),
        )
    if story.liaison and chain:
        liaison = chain[-1] if len(chain) > 1 else chain[0]
        appoint_liaison(
            db,
            pm,
            project.id,
            LiaisonAppointment(
                liaison_id=world.contacts[liaison],
                appointed_by_id=world.contacts[chain[0]],
                appointed_on=start + timedelta(days=7),
            ),
        )
    for status in story.statuses[:1]:
        move_status(db, pm, project.id, StatusMove(status=status))
    for _ in range(story.phases):
        advance_phase(db, pm, project.id, PhaseAdvance())
    for status in story.statuses[1:]:
        move_status(db, pm, project.id, StatusMove(status=status))
    if story.terminated and chain:
        terminate(
            db,
            pm,
            project.id,
            Termination(
                terminated_on=world.today - timedelta(days=5),
                reason="总行统一建设同类平台，分行项目终止；已完成需求调研与原型设计",
                terminated_by_id=world.contacts[chain[0]],
                costs=((project.budget_amount or Decimal("0")) * Decimal("0.12")).quantize(
                    Decimal("1.00")
                ),
            ),
        )


def _team(world: World, project_id: int, start: date, end: date) -> None:
    """Allocations and periods for the converted team, and after-sales from the start."""
    db = world.db
    pm = world.acting("delivery")
    for member in project_team(db, pm, project_id):
        allocation = 60 if member.role is TeamRole.PM else member.allocation
        update_team_member(
            db,
            pm,
            project_id,
            member.id,
            TeamMemberUpdate(allocation=allocation, starts_on=start, ends_on=end),
        )
    on_team = {m.user_id for m in project_team(db, pm, project_id)}
    if world.staff.marketing.user_id not in on_team:
        add_team_member(
            db,
            pm,
            project_id,
            TeamMemberWrite(
                user_id=world.staff.marketing.user_id,
                role=TeamRole.AFTER_SALES,
                allocation=10,
                starts_on=end - timedelta(days=60),
                ends_on=end,
            ),
        )
