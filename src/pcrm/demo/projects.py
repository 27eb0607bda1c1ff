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

from pcrm.demo import project_closure, project_delivery, project_execution, project_reports
from pcrm.demo.plans.opportunities import OpportunityPlan, build_opportunity_plan
from pcrm.demo.project_changes import seed_changes
from pcrm.demo.world import World
from pcrm.opportunities.public import Stage
from pcrm.projects.public import (
    Acknowledgement,
    Attendance,
    AttendanceMark,
    AttendanceSheet,
    BaselineCreate,
    BufferWrite,
    Channel,
    ClarificationCreate,
    ClarificationUpdate,
    ConstraintKind,
    ConstraintWrite,
    Decision,
    DeliverableWrite,
    DependencyCreate,
    Frequency,
    GoalKind,
    GoalWrite,
    Kano,
    LiaisonAppointment,
    Phase,
    PhaseAdvance,
    PlanBaselineCreate,
    Priority,
    ProjectUpdate,
    RequirementCreate,
    RequirementUpdate,
    SignOffCreate,
    Stake,
    StakeholderRole,
    StakeholderWrite,
    StatusMove,
    TaskCreate,
    TaskUpdate,
    TeamMemberUpdate,
    TeamMemberWrite,
    TeamRole,
    Termination,
    TrainingNeedWrite,
    TrainingReviewWrite,
    TrainingSessionWrite,
    add_buffer,
    add_constraint,
    add_deliverable,
    add_dependency,
    add_goal,
    add_requirement,
    add_stakeholder,
    add_task,
    add_team_member,
    add_training_need,
    add_training_session,
    advance_phase,
    answer_clarification,
    appoint_liaison,
    ask_clarification,
    confirm_goal_achievable,
    convert_opportunity,
    move_status,
    plan_breaches,
    project_stakeholders,
    project_team,
    record_sign_off,
    record_training_attendance,
    review_training_needs,
    revise_requirement,
    send_plan_for_approval,
    send_requirements_for_sign_off,
    terminate,
    update_project,
    update_task,
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
# what happened to the deliverables, by the status moves after the start
DELIVERY = {(): project_delivery.EXECUTING, ("on_hold",): project_delivery.ON_HOLD,
            ("closed", "archived"): project_delivery.ARCHIVED}  # fmt: skip

CONSTRAINTS = (
    (ConstraintKind.BUDGET_CEILING, "总价不得超过财政批复预算，超出部分需重新立项", True),
    (ConstraintKind.DEADLINE, "须在年度考核前完成上线试运行", True),
    (ConstraintKind.STANDARD, "符合等保2.0三级及行业数据安全规范", True),
    (ConstraintKind.TECHNOLOGY, "优先采用信创适配的数据库与中间件", False),
    (ConstraintKind.RESOURCES, "客户方每周可投入业务骨干不超过两人天", False),
)
REQUIREMENTS = (
    ("统一身份认证与单点登录", Kano.BASIC, Priority.P0, "支持现有AD域账号登录，登录失败率低于0.1%"),
    ("数据按等保三级要求加密存储", Kano.BASIC, Priority.P0, "通过第三方等保三级测评"),
    ("与既有业务系统的数据对接", Kano.BASIC, Priority.P0, "接口联调通过，抽样核对数据一致率100%"),
    ("业务报表每日自动生成并推送", Kano.EXPECTED, Priority.P1, "每日8:00前推送至各负责人"),
    ("移动端审批", Kano.EXPECTED, Priority.P1, "企业微信内可完成全部审批流程"),
    ("操作日志留存180天并可检索", Kano.BASIC, Priority.P1, "可按人员、时间和操作类型检索"),
    ("运行态势大屏", Kano.EXCITING, Priority.P2, "关键指标刷新间隔不超过30秒"),
    ("智能预警与处置建议", Kano.EXCITING, Priority.P3, "预警准确率不低于85%，误报可一键反馈"),
)
QUESTIONS = (
    ("既有系统的接口是WebService还是消息队列？", "消息队列（RocketMQ），接口文档下周提供"),
    ("报表口径以哪个部门的统计为准？", "以运营管理部月报口径为准，财务数据以财务部为准"),
    ("移动端是否需要支持离线填报？", "不需要离线，现场均有4G覆盖"),
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
    bidding = [
        o for o in plan.opportunities if o.key in world.opportunities and o.stage is Stage.BIDDING
    ]
    for n, o in enumerate(bidding[:3]):  # risks seen while bidding (issue 15)
        project_execution.opportunity_risks(world, world.opportunities[o.key], n)


def _write(world: World, o: OpportunityPlan, story: Story, n: int) -> None:
    db = world.db
    project_execution.opportunity_risks(world, world.opportunities[o.key], n)
    pm = world.acting("delivery")  # 刘芳 converts and runs the projects
    project = convert_opportunity(db, pm, world.opportunities[o.key])
    world.projects[o.key] = project.id
    start = world.today - timedelta(days=30 * (story.phases + 1))
    end = start + timedelta(days=30 * story.months)
    dates = ProjectUpdate(start_on=start, end_on=end, manager_id=pm.user_id)
    update_project(db, pm, project.id, dates)
    _team(world, project.id, start, end, n)
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
    requirement_ids = _requirements(world, project.id, story, n, start)
    _goals_and_training(world, project.id, story, n, end)
    project_execution.project_risks(world, project.id, n, start)
    contact_ids = [world.contacts[k] for k in people]
    project_execution.project_conflicts(world, project.id, n, contact_ids)
    project_execution.project_meetings(world, project.id, n, contact_ids, n >= len(CURRENT))
    for step in range(story.phases):
        if step == 1:  # the planning gate: the customer approved the plan
            made = _plan(world, project.id, n, start, requirement_ids, approved=True)
            acceptance = DELIVERY.get(story.statuses[1:], project_delivery.CLOSED)
            project_delivery.seed(world, project.id, made, contact_ids, start, acceptance)
        advance_phase(db, pm, project.id, PhaseAdvance())
    if story.phases == 1:  # planning: the plan is drawn, with the customer for some
        _plan(world, project.id, n, start, requirement_ids, approved=False)
    if "closed" in story.statuses or n == 1:  # delivered, or executing with closure begun
        project_closure.closure_records(world, project.id, n, complete=n != 1)
    for status in story.statuses[1:]:
        move_status(db, pm, project.id, StatusMove(status=status))
    if story.phases == 2 and story.statuses == ("active",):  # executing: its change requests
        seed_changes(world, project.id, requirement_ids)
        project_reports.seed_reports(world, project.id)  # last month's issued, this month's draft
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


def _requirements(world: World, project_id: int, story: Story, n: int, start: date) -> list[int]:
    """The customer's requirements with their Kano class, a question put to the customer, and
    the requirements baseline: signed off by an approver for the projects past needs
    identification (the first after a rejected version); for the others still with a question
    open, or awaiting the customer's review for eight days (past the PM's reminder)."""
    db = world.db
    pm = world.acting("delivery")
    register = project_stakeholders(db, pm, project_id)
    approver = next((s for s in register if s.is_approver), None)
    source = next((s for s in register if not s.is_approver), approver)
    picked = [REQUIREMENTS[(n + i) % len(REQUIREMENTS)] for i in range(4 + n % 3)]
    created = [
        add_requirement(
            db,
            pm,
            project_id,
            RequirementCreate(
                title=title,
                kano=kano,
                priority=priority,
                acceptance_criteria=criteria,
                source_stakeholder_id=source.id if source else None,
            ),
        )
        for title, kano, priority, criteria in picked
    ]
    asked = ask_clarification(
        db,
        pm,
        created[-1].id,
        ClarificationCreate(
            question=QUESTIONS[n % len(QUESTIONS)][0],
            asked_to_id=source.contact_id if source else None,
            asked_on=start + timedelta(days=5),
        ),
    )
    ids = [r.id for r in created]
    if story.phases == 0 and not story.statuses:
        return ids  # just converted: the question is still open, nothing went to the customer
    answer_clarification(
        db,
        pm,
        asked.id,
        ClarificationUpdate(
            answer=QUESTIONS[n % len(QUESTIONS)][1], answered_on=start + timedelta(days=9)
        ),
    )
    if story.phases == 0:
        # awaiting the customer's review for longer than the PM's reminder allows
        send_requirements_for_sign_off(
            db,
            pm,
            project_id,
            BaselineCreate(
                note="需求调研完成，提交客户评审", sent_on=world.today - timedelta(days=8)
            ),
        )
        return ids
    if approver is None:
        return ids
    baseline = send_requirements_for_sign_off(
        db,
        pm,
        project_id,
        BaselineCreate(note="需求调研完成，提交客户评审", sent_on=start + timedelta(days=10)),
    )
    if n == 0:
        # the customer sent the first version back: the criteria had to be measurable
        record_sign_off(
            db,
            pm,
            baseline.id,
            SignOffCreate(
                stakeholder_id=approver.id,
                baseline_number=baseline.number,
                decision=Decision.REJECTED,
                decided_on=start + timedelta(days=12),
                comment="报表推送时间与验收口径需量化后再提交",
            ),
        )
        revise_requirement(
            db,
            pm,
            created[0].id,
            RequirementUpdate(acceptance_criteria=f"{picked[0][3]}；验收时抽查连续5个工作日"),
        )
        baseline = send_requirements_for_sign_off(
            db,
            pm,
            project_id,
            BaselineCreate(note="按客户意见修订验收标准", sent_on=start + timedelta(days=13)),
        )
    record_sign_off(
        db,
        pm,
        baseline.id,
        SignOffCreate(
            stakeholder_id=approver.id,
            baseline_number=baseline.number,
            decision=Decision.APPROVED,
            decided_on=start + timedelta(days=14),
            comment="需求规格说明书经评审确认，同意按此开展计划编制",
        ),
    )
    return ids


# The plan's tasks: (key, name, phase, first day, last day from the start, milestone, parent).
TASKS = (
    ("survey", "需求调研", Phase.NEEDS, 0, 13, False, None),
    ("spec", "需求规格说明书确认", Phase.NEEDS, 14, 14, True, None),
    ("design", "实施方案编制", Phase.PLANNING, 15, 28, False, None),
    ("review", "项目计划评审", Phase.PLANNING, 30, 30, True, None),
    ("build", "系统实施", Phase.EXECUTION, 31, 110, False, None),
    ("env", "环境部署", Phase.EXECUTION, 31, 45, False, "build"),
    ("dev", "接口开发与联调", Phase.EXECUTION, 46, 90, False, "build"),
    ("data", "数据迁移", Phase.EXECUTION, 70, 100, False, "build"),
    ("train", "用户培训", Phase.EXECUTION, 95, 110, False, "build"),
    ("live", "上线试运行", Phase.EXECUTION, 121, 121, True, None),
    ("accept", "项目验收", Phase.CLOSURE, 125, 140, False, None),
    ("done", "验收通过", Phase.CLOSURE, 141, 141, True, None),
)
# Finish-to-start links with their lag (data migration starts three weeks before the end of
# the interface work: a lead).
LINKS = (
    ("survey", "spec", 0),
    ("spec", "design", 0),
    ("design", "review", 1),
    ("review", "env", 0),
    ("env", "dev", 0),
    ("dev", "data", -21),
    ("data", "live", 0),
    ("train", "live", 0),
    ("live", "accept", 3),
    ("accept", "done", 0),
)


def _plan(
    world: World,
    project_id: int,
    n: int,
    start: date,
    requirement_ids: list[int],
    *,
    approved: bool,
) -> list[int]:
    """The plan of tasks, links, buffers and deliverables (their ids returned); past planning
    the customer approved it (and an executing project's data migration has slipped since), in
    planning it is with the customer for some, still being drawn for the others."""
    db = world.db
    pm = world.acting("delivery")
    made: dict[str, int] = {}
    for key, name, phase, first, last, milestone, parent in TASKS:
        begins, ends = start + timedelta(days=first), start + timedelta(days=last)
        done = (world.today - begins).days + 1
        progress = max(0, min(100, done * 100 // ((ends - begins).days + 1)))
        made[key] = add_task(
            db,
            pm,
            project_id,
            TaskCreate(
                name=name,
                phase=phase,
                parent_id=made[parent] if parent else None,
                owner_id=pm.user_id,
                start_on=begins,
                end_on=None if milestone else ends,
                progress=(100 if done > 0 else 0) if milestone else progress,
                is_milestone=milestone,
            ),
        ).id
    for before, after, lag in LINKS:
        add_dependency(
            db,
            pm,
            project_id,
            DependencyCreate(predecessor_id=made[before], successor_id=made[after], lag_days=lag),
        )
    add_buffer(db, pm, project_id, BufferWrite(phase=Phase.EXECUTION, days=7, note="联调风险"))
    reserve = 45 if n % 7 == 6 else 10  # the short project keeps a long reserve: past the deadline
    add_buffer(db, pm, project_id, BufferWrite(days=reserve, note="客户验收排期"))
    deliverables = [
        add_deliverable(
            db,
            pm,
            project_id,
            DeliverableWrite(name=title, milestone_id=made[due], requirement_ids=picked),
        )
        for title, due, picked in (
            ("需求规格说明书", "spec", requirement_ids),
            ("部署与运维手册", "live", requirement_ids[:2]),
            ("项目验收报告", "done", []),
        )
    ]
    if not approved and n % 2 == 1:
        return deliverables  # still being drawn
    acknowledged = [
        Acknowledgement(constraint_id=c, reason="客户同意试运行期顺延，验收时间以双方会议纪要为准")
        for c in plan_breaches(db, pm, project_id)
    ]
    baseline = send_plan_for_approval(
        db, pm, project_id, PlanBaselineCreate(note="项目计划初稿", acknowledgements=acknowledged)
    )
    approver = next((s for s in project_stakeholders(db, pm, project_id) if s.is_approver), None)
    if not approved or approver is None:
        return deliverables  # with the customer
    record_sign_off(
        db,
        pm,
        baseline.id,
        SignOffCreate(
            stakeholder_id=approver.id,
            baseline_number=baseline.number,
            decision=Decision.APPROVED,
            decided_on=start + timedelta(days=31),
            comment="项目计划与里程碑经评审确认",
        ),
    )
    # since the approval, the data migration slipped a week (within its link to go-live)
    update_task(
        db,
        pm,
        project_id,
        made["data"],
        TaskUpdate(start_on=start + timedelta(days=77), end_on=start + timedelta(days=107)),
    )
    return deliverables


# (statement, metric, target, unit, kind): the goals agreed with the customer
GOALS = (
    ("核心业务全部在新系统上线运行", "上线业务流程数", "12", "个", GoalKind.OUTCOME),
    ("系统运行稳定，满足业务连续性要求", "月度可用率", "99.9", "%", GoalKind.OUTCOME),
    ("客户对项目交付满意", "客户满意度（CSAT）", "90", "分", GoalKind.SATISFACTION),
)
# (topic, stakeholder role it suits): what the customer's people need to learn
TRAINING = (("系统操作培训（业务人员）", 0), ("系统管理与运维培训（IT）", 1))


def _goals_and_training(world: World, project_id: int, story: Story, n: int, end: date) -> None:
    """SMART goals and training needs from planning on: the goals are agreed (and confirmed
    achievable) once planning starts; the training needs are reviewed before planning ends, and
    the projects past planning have held a session with its attendance. Just converted projects
    have a first goal still missing its figures; the needs-identification one has none yet."""
    db = world.db
    pm = world.acting("delivery")
    register = project_stakeholders(db, pm, project_id)
    approver = next((s for s in register if s.is_approver), None)
    user = next((s for s in register if not s.is_approver), approver)
    if story.phases == 0:
        if not story.statuses:  # just converted: a goal written down, not yet SMART
            add_goal(db, pm, project_id, GoalWrite(statement=GOALS[n % 2][0]))
        return
    for i, (statement, metric, target, unit, kind) in enumerate(GOALS[: 2 + n % 2]):
        linked = approver if kind is GoalKind.SATISFACTION else user
        goal = add_goal(
            db,
            pm,
            project_id,
            GoalWrite(
                kind=kind,
                statement=statement,
                metric=metric,
                target_value=Decimal(target),
                unit=unit,
                deadline=end,
                owner_id=pm.user_id if i != 1 else world.staff.sales.user_id,
                stakeholder_id=linked.id if linked else None,
            ),
        )
        if story.phases >= 2 or i == 0:
            confirm_goal_achievable(db, pm, project_id, goal.id)
    people = register[:3]
    for topic, at in TRAINING:
        for person in people[at : at + 2]:
            add_training_need(
                db,
                pm,
                project_id,
                TrainingNeedWrite(contact_id=person.contact_id, topic=topic, planned_on=end),
            )
    if story.phases < 2:
        return  # still planning: the needs are not reviewed yet, so the gate says so
    review_training_needs(
        db, pm, project_id, TrainingReviewWrite(note="与客户联系人逐项确认培训对象与内容")
    )
    held = add_training_session(
        db,
        pm,
        project_id,
        TrainingSessionWrite(
            topic=TRAINING[0][0],
            held_on=world.today - timedelta(days=10 + n),
            trainer="刘芳（星图数智 交付与技术）",
            location="客户培训室",
            attendee_ids=[p.contact_id for p in people],
        ),
    )
    record_training_attendance(
        db,
        pm,
        project_id,
        held.id,
        AttendanceSheet(
            marks=[
                AttendanceMark(
                    contact_id=p.contact_id,
                    attendance=Attendance.ABSENT if i == len(people) - 1 else Attendance.PRESENT,
                )
                for i, p in enumerate(people)
            ]
        ),
    )


# 刘芳's share of each project in turn (as PM or technical lead): together a little over her time.
DELIVERY_SHARE = (40, 30, 20, 15, 25, 30, 20, 30, 20)


def _team(world: World, project_id: int, start: date, end: date, n: int) -> None:
    """Allocations and periods for the converted team, and after-sales from the start."""
    db = world.db
    pm = world.acting("delivery")
    for member in project_team(db, pm, project_id):
        allocation = DELIVERY_SHARE[n % len(DELIVERY_SHARE)] if member.user_id == pm.user_id else 10
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
