"""What later areas may use from projects (service, loyalty, analytics, the portal): a project
and the projects of an account, as schemas, never ORM objects."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.core.pagination import PageRequest
from pcrm.identity.public import Principal
from pcrm.projects import vocab as _vocab
from pcrm.projects.baselines import schemas as _baseline_schemas
from pcrm.projects.baselines import service as _baselines
from pcrm.projects.baselines import vocab as _baseline_vocab
from pcrm.projects.changes import schemas as _change_schemas
from pcrm.projects.changes import service as _changes
from pcrm.projects.changes.decision import service as _change_steps
from pcrm.projects.closure import schemas as _closure_schemas
from pcrm.projects.closure import service as _closure
from pcrm.projects.closure.improvements import service as _improvements
from pcrm.projects.conflicts import schemas as _conflict_schemas
from pcrm.projects.conflicts import service as _conflicts
from pcrm.projects.conflicts import vocab as _conflict_vocab
from pcrm.projects.constraints import schemas as _constraint_schemas
from pcrm.projects.constraints import service as _constraints
from pcrm.projects.customer import service as _customer
from pcrm.projects.deliverables import schemas as _ds
from pcrm.projects.deliverables import service as _dsv
from pcrm.projects.deliverables import vocab as _dv
from pcrm.projects.deliverables.quality import service as _quality
from pcrm.projects.goals import schemas as _goal_schemas
from pcrm.projects.goals import service as _goals
from pcrm.projects.goals import vocab as _goal_vocab
from pcrm.projects.handover import service as _handover
from pcrm.projects.meetings import schemas as _meeting_schemas
from pcrm.projects.meetings import service as _meetings
from pcrm.projects.meetings import vocab as _meeting_vocab
from pcrm.projects.plan import schemas as _plan_schemas
from pcrm.projects.plan import service as _plan
from pcrm.projects.plan.approval import service as _plan_approval
from pcrm.projects.projects import schemas as _project_schemas
from pcrm.projects.projects import service as _projects
from pcrm.projects.projects.schemas import ProjectFilters
from pcrm.projects.reports import schemas as _report_schemas
from pcrm.projects.reports import service as _reports
from pcrm.projects.requirements import schemas as _requirement_schemas
from pcrm.projects.requirements import service as _requirements
from pcrm.projects.requirements import vocab as _requirement_vocab
from pcrm.projects.risks import schemas as _risk_schemas
from pcrm.projects.risks import service as _risks
from pcrm.projects.risks import vocab as _risk_vocab
from pcrm.projects.stakeholders import schemas as _stakeholder_schemas
from pcrm.projects.stakeholders import service as _stakeholders
from pcrm.projects.team import schemas as _team_schemas
from pcrm.projects.team import service as _team
from pcrm.projects.training import schemas as _training_schemas
from pcrm.projects.training import service as _training
from pcrm.projects.training import vocab as _training_vocab

# the names imported for the module's own use (not part of its interface; see __all__ below)
_IMPORTED = frozenset(globals())
closure_schemas = _closure_schemas  # the closure's schemas, for the demo
ChangeFigures = _change_schemas.ChangeFigures
ProjectRead = _project_schemas.ProjectRead
StakeholderRead = _stakeholder_schemas.StakeholderRead
TeamMemberRead = _team_schemas.TeamMemberRead
Phase, ProjectStatus = _vocab.Phase, _vocab.ProjectStatus


def get_project(db: Session, principal: Principal, project_id: int) -> ProjectRead:
    return _projects.read_project(db, principal, project_id)


def projects_of_account(db: Session, principal: Principal, account_id: int) -> list[ProjectRead]:
    """The account's projects, most recently changed first (at most 200)."""
    page = _projects.list_projects(
        db, principal, ProjectFilters(account_id=account_id), PageRequest(1, 200), None
    )
    return page.items


def project_stakeholders(
    db: Session, principal: Principal, project_id: int
) -> list[StakeholderRead]:
    """The stakeholder register (approvers are the ones with `is_approver`)."""
    return _stakeholders.register(db, principal, project_id)


def project_team(db: Session, principal: Principal, project_id: int) -> list[TeamMemberRead]:
    return _team.team(db, principal, project_id)


# --- writes for callers outside the area (the demo seed; import and transfer later) ------------
# Each takes the acting principal, is checked and audited like the API's, and returns what the
# API returns. (Each addition on its own lines, so that the area's restructuring merges cleanly.)

ConstraintRead = _constraint_schemas.ConstraintRead
ConstraintWrite = _constraint_schemas.ConstraintWrite
LiaisonAppointment = _project_schemas.LiaisonAppointment
PhaseAdvance = _project_schemas.PhaseAdvance
ProjectCreate = _project_schemas.ProjectCreate
ProjectUpdate = _project_schemas.ProjectUpdate
StakeholderWrite = _stakeholder_schemas.StakeholderWrite
StatusMove = _project_schemas.StatusMove
TeamMemberUpdate = _team_schemas.TeamMemberUpdate
TeamMemberWrite = _team_schemas.TeamMemberWrite
Termination = _project_schemas.Termination
Channel = _vocab.Channel
ConstraintKind = _vocab.ConstraintKind
Frequency = _vocab.Frequency
Stake = _vocab.Stake
StakeholderRole = _vocab.StakeholderRole
TeamRole = _vocab.TeamRole


def convert_opportunity(db: Session, principal: Principal, opportunity_id: int) -> ProjectRead:
    """The project of a won opportunity, in one step (409 when converted before)."""
    created = _handover.convert_opportunity(db, principal, opportunity_id)
    return _projects.read_project(db, principal, created.id)


def update_project(
    db: Session, principal: Principal, project_id: int, data: ProjectUpdate
) -> ProjectRead:
    _projects.update_project(db, principal, project_id, data)
    return _projects.read_project(db, principal, project_id)


def appoint_liaison(
    db: Session, principal: Principal, project_id: int, data: LiaisonAppointment
) -> ProjectRead:
    _projects.appoint_liaison(db, principal, project_id, data)
    return _projects.read_project(db, principal, project_id)


def move_status(
    db: Session, principal: Principal, project_id: int, data: StatusMove
) -> ProjectRead:
    _projects.move_status(db, principal, project_id, data)
    return _projects.read_project(db, principal, project_id)


def terminate(db: Session, principal: Principal, project_id: int, data: Termination) -> ProjectRead:
    _projects.terminate(db, principal, project_id, data)
    return _projects.read_project(db, principal, project_id)


def advance_phase(
    db: Session, principal: Principal, project_id: int, data: PhaseAdvance
) -> ProjectRead:
    _projects.advance_phase(db, principal, project_id, data)
    return _projects.read_project(db, principal, project_id)


def add_team_member(
    db: Session, principal: Principal, project_id: int, data: TeamMemberWrite
) -> TeamMemberRead:
    return _team.add_member(db, principal, project_id, data)


def update_team_member(
    db: Session, principal: Principal, project_id: int, member_id: int, data: TeamMemberUpdate
) -> TeamMemberRead:
    return _team.update_member(db, principal, project_id, member_id, data)


def add_stakeholder(
    db: Session, principal: Principal, project_id: int, data: StakeholderWrite
) -> StakeholderRead:
    return _stakeholders.add_stakeholder(db, principal, project_id, data)


def add_constraint(
    db: Session, principal: Principal, project_id: int, data: ConstraintWrite
) -> ConstraintRead:
    return _constraints.add_constraint(db, principal, project_id, data)


# requirements, clarifications, baselines and the customer's sign-off
BaselineCreate = _baseline_schemas.BaselineCreate
BaselineRead = _baseline_schemas.BaselineRead
ClarificationCreate = _requirement_schemas.ClarificationCreate
ClarificationRead = _requirement_schemas.ClarificationRead
ClarificationUpdate = _requirement_schemas.ClarificationUpdate
Decision = _baseline_vocab.Decision
Kano = _requirement_vocab.Kano
Priority = _requirement_vocab.Priority
RequirementCreate = _requirement_schemas.RequirementCreate
RequirementRead = _requirement_schemas.RequirementRead
RequirementUpdate = _requirement_schemas.RequirementUpdate
SignOffCreate = _baseline_schemas.SignOffCreate
SignOffRead = _baseline_schemas.SignOffRead


def add_requirement(
    db: Session, principal: Principal, project_id: int, data: RequirementCreate
) -> RequirementRead:
    created = _requirements.create_requirement(db, principal, project_id, data)
    return RequirementRead.model_validate(created)


def revise_requirement(
    db: Session, principal: Principal, requirement_id: int, data: RequirementUpdate
) -> RequirementRead:
    """Change a requirement that is not confirmed yet (a rejected baseline's rework)."""
    revised = _requirements.update_requirement(db, principal, requirement_id, data, None)
    return RequirementRead.model_validate(revised)


def ask_clarification(
    db: Session, principal: Principal, requirement_id: int, data: ClarificationCreate
) -> ClarificationRead:
    asked = _requirements.create_clarification(db, principal, requirement_id, data)
    return ClarificationRead.model_validate(asked)


def answer_clarification(
    db: Session, principal: Principal, clarification_id: int, data: ClarificationUpdate
) -> ClarificationRead:
    answered = _requirements.update_clarification(db, principal, clarification_id, data, None)
    return ClarificationRead.model_validate(answered)


def send_requirements_for_sign_off(
    db: Session, principal: Principal, project_id: int, data: BaselineCreate
) -> BaselineRead:
    sent = _baselines.send_requirements_for_sign_off(db, principal, project_id, data)
    return BaselineRead.model_validate(sent)


def record_sign_off(
    db: Session, principal: Principal, baseline_id: int, data: SignOffCreate
) -> SignOffRead:
    return SignOffRead.model_validate(_baselines.record_sign_off(db, principal, baseline_id, data))


# the plan: tasks, links, buffers, deliverables and the plan baseline
Acknowledgement = _plan_schemas.Acknowledgement
BufferWrite = _plan_schemas.BufferWrite
DeliverableWrite = _plan_schemas.DeliverableWrite
DependencyCreate = _plan_schemas.DependencyCreate
PlanBaselineCreate = _plan_schemas.PlanBaselineCreate
TaskCreate = _plan_schemas.TaskCreate
TaskRead = _plan_schemas.TaskRead
TaskUpdate = _plan_schemas.TaskUpdate


def add_task(db: Session, principal: Principal, project_id: int, data: TaskCreate) -> TaskRead:
    return _plan.add_task(db, principal, project_id, data)


def add_dependency(
    db: Session, principal: Principal, project_id: int, data: DependencyCreate
) -> None:
    _plan.add_dependency(db, principal, project_id, data)


def add_buffer(db: Session, principal: Principal, project_id: int, data: BufferWrite) -> None:
    _plan.add_buffer(db, principal, project_id, data)


def add_deliverable(
    db: Session, principal: Principal, project_id: int, data: DeliverableWrite
) -> int:
    return _plan.add_deliverable(db, principal, project_id, data).id


def plan_breaches(db: Session, principal: Principal, project_id: int) -> list[int]:
    """The ids of the customer's hard constraints the plan breaks."""
    return [b.constraint_id for b in _plan_approval.breaches(db, principal, project_id)]


def send_plan_for_approval(
    db: Session, principal: Principal, project_id: int, data: PlanBaselineCreate
) -> BaselineRead:
    sent = _plan_approval.send_plan_for_approval(db, principal, project_id, data)
    return BaselineRead.model_validate(sent)


def update_task(
    db: Session, principal: Principal, project_id: int, task_id: int, data: TaskUpdate
) -> TaskRead:
    return _plan.update_task(db, principal, project_id, task_id, data)


# SMART goals (the loyalty area will read satisfaction goals) and the customer's training
GoalKind = _goal_vocab.GoalKind
GoalRead = _goal_schemas.GoalRead
GoalWrite = _goal_schemas.GoalWrite
AchievableConfirmation = _goal_schemas.AchievableConfirmation
Attendance = _training_vocab.Attendance
NeedStatus = _training_vocab.NeedStatus
AttendanceMark = _training_schemas.AttendanceMark
AttendanceSheet = _training_schemas.AttendanceSheet
TrainingNeedRead = _training_schemas.TrainingNeedRead
TrainingNeedWrite = _training_schemas.TrainingNeedWrite
TrainingReviewRead = _training_schemas.TrainingReviewRead
TrainingReviewWrite = _training_schemas.TrainingReviewWrite
TrainingSessionRead = _training_schemas.TrainingSessionRead
TrainingSessionWrite = _training_schemas.TrainingSessionWrite


def project_goals(db: Session, principal: Principal, project_id: int) -> list[GoalRead]:
    """The project's goals, each with the SMART letters it misses."""
    return _goals.goals(db, principal, project_id)


def add_goal(db: Session, principal: Principal, project_id: int, data: GoalWrite) -> GoalRead:
    return _goals.add_goal(db, principal, project_id, data)


def confirm_goal_achievable(
    db: Session, principal: Principal, project_id: int, goal_id: int
) -> GoalRead:
    return _goals.confirm_achievable(
        db, principal, project_id, goal_id, AchievableConfirmation(confirmed=True)
    )


def add_training_need(
    db: Session, principal: Principal, project_id: int, data: TrainingNeedWrite
) -> TrainingNeedRead:
    return _training.add_need(db, principal, project_id, data)


def add_training_session(
    db: Session, principal: Principal, project_id: int, data: TrainingSessionWrite
) -> TrainingSessionRead:
    return _training.add_session(db, principal, project_id, data)


def record_training_attendance(
    db: Session, principal: Principal, project_id: int, session_id: int, data: AttendanceSheet
) -> TrainingSessionRead:
    return _training.record_attendance(db, principal, project_id, session_id, data)


def review_training_needs(
    db: Session, principal: Principal, project_id: int, data: TrainingReviewWrite
) -> TrainingReviewRead:
    """Record the review of the training needs (the planning gate asks for one)."""
    return _training.review_needs(db, principal, project_id, data)


# --- change requests (变更请求): counts for the loyalty area, writes for the demo ----------


def project_change_figures(db: Session, principal: Principal, project_id: int) -> ChangeFigures:
    """A project's change requests: how many, per state, per requirement, and the cost Δ of
    the options the customer approved."""
    return _change_steps.project_figures(db, principal, project_id)


def account_change_figures(db: Session, principal: Principal, account_id: int) -> ChangeFigures:
    """The same figures over every project of an account."""
    return _change_steps.account_figures(db, principal, account_id)


ChangeWrite = _change_schemas.ChangeWrite
ChangeDetail = _change_schemas.ChangeDetail
OptionWrite = _change_schemas.OptionWrite
OptionRead = _change_schemas.OptionRead
DecisionCreate = _change_schemas.DecisionCreate
SendForDecision = _change_schemas.SendForDecision
Withdrawal = _change_schemas.Withdrawal


plan_tasks = _plan.tasks  # the demo picks the tasks a change touches by name


def change_discussion_choices(
    db: Session, principal: Principal, project_id: int
) -> tuple[list[int], list[int]]:
    """Where a change may have been discussed, newest first: ids of the latest activities with
    the account's people, and of the project's meetings."""
    project = _projects.get_project(db, principal, project_id)
    activities = _changes.activity_choices(db, principal, project)
    return list(activities), list(_changes.meeting_choices(db, principal, project))


# a change's steps, as the services take them (expected_version None: whatever is current)
raise_change = _changes.create_change
add_change_option = _changes.add_option
analyse_change = _change_steps.analyse
send_change_for_decision = _change_steps.send_for_decision
decide_change = _change_steps.record_decision
withdraw_change = _change_steps.withdraw


# risks (风险): a project's, or an opportunity's before its project exists

RiskCategory = _risk_vocab.RiskCategory
RiskResponse = _risk_vocab.RiskResponse
RiskStatus = _risk_vocab.RiskStatus
RiskRead = _risk_schemas.RiskRead
RiskWrite = _risk_schemas.RiskWrite


def add_risk(db: Session, principal: Principal, project_id: int, data: RiskWrite) -> RiskRead:
    return _risks.add_risk(db, principal, project_id, data)


def add_opportunity_risk(
    db: Session, principal: Principal, opportunity_id: int, data: RiskWrite
) -> RiskRead:
    """A risk seen before the project exists; its open ones move to the project at the
    conversion."""
    return _risks.add_opportunity_risk(db, principal, opportunity_id, data)


# issues and conflicts (问题与冲突); their counts for the loyalty area
ConflictCounts = _conflict_schemas.ConflictCounts
ConflictKind = _conflict_vocab.ConflictKind
ConflictMove = _conflict_schemas.ConflictMove
ConflictRead = _conflict_schemas.ConflictRead
ConflictStatus = _conflict_vocab.ConflictStatus
ConflictWrite = _conflict_schemas.ConflictWrite
ProjectElement = _conflict_vocab.ProjectElement
Severity = _conflict_vocab.Severity


def project_conflict_counts(db: Session, principal: Principal, project_id: int) -> ConflictCounts:
    """The project's issues and conflicts: all of them, and those still unresolved."""
    return _conflicts.project_counts(db, principal, project_id)


def account_conflict_counts(db: Session, principal: Principal, account_id: int) -> ConflictCounts:
    """The issues and conflicts of all the account's projects."""
    return _conflicts.account_counts(db, principal, account_id)


def add_conflict(
    db: Session, principal: Principal, project_id: int, data: ConflictWrite
) -> ConflictRead:
    return _conflicts.add_conflict(db, principal, project_id, data)


def move_conflict(
    db: Session, principal: Principal, project_id: int, conflict_id: int, data: ConflictMove
) -> ConflictRead:
    return _conflicts.move_conflict(db, principal, project_id, conflict_id, data)


# meetings (会议) and their action items; closure asks for a lessons-learned meeting
ActionRead = _meeting_schemas.ActionRead
ActionWrite = _meeting_schemas.ActionWrite
MeetingKind = _meeting_vocab.MeetingKind
MeetingRead = _meeting_schemas.MeetingRead
MeetingWrite = _meeting_schemas.MeetingWrite


def lessons_learned_meeting_recorded(db: Session, principal: Principal, project_id: int) -> bool:
    """Whether a lessons-learned meeting (经验教训总结会) with the customer invited (a contact of
    the account among its attendees) is recorded: one of the closure gate's acts."""
    return _meetings.lessons_learned_with_customer(db, principal, project_id)


def add_meeting(
    db: Session, principal: Principal, project_id: int, data: MeetingWrite
) -> MeetingRead:
    return _meetings.add_meeting(db, principal, project_id, data)


def add_meeting_action(
    db: Session, principal: Principal, project_id: int, meeting_id: int, data: ActionWrite
) -> ActionRead:
    return _meetings.add_action(db, principal, project_id, meeting_id, data)


def complete_meeting_action(
    db: Session, principal: Principal, project_id: int, action_id: int
) -> ActionRead:
    """Mark an action item done today (its reminder goes)."""
    return _meetings.update_action(
        db, principal, project_id, action_id, _meeting_schemas.ActionUpdate(done=True)
    )


# deliverables (交付物): acceptance and quality for the demo; failed inspections for loyalty
Delivery, AcceptanceDecision, Outcome = _ds.Delivery, _ds.AcceptanceDecision, _dv.Outcome
InspectionWrite, ResultWrite, QualityCounts = _ds.InspectionWrite, _ds.ResultWrite, _ds.Counts
StandardWrite, QualityKind, Comparison = _ds.StandardWrite, _dv.QualityKind, _dv.Comparison
deliver, decide_deliverable = _dsv.deliver, _dsv.decide
add_quality_standard, record_inspection = _quality.add_standard, _quality.record_inspection
project_quality_counts, account_quality_counts = _dsv.project_counts, _dsv.account_counts

# closure (收尾): the demo's writes; the schemas as a module (projects/closure)
save_satisfaction_analysis = _closure.save_satisfaction_analysis
save_organisation_evaluation = _closure.save_organisation_evaluation
add_lesson = _closure.add_lesson
add_improvement = _improvements.add_improvement
move_improvement = _improvements.move_improvement

# progress reports (项目进度报告): the demo drafts one and issues another
ReportWrite = _report_schemas.ReportWrite
add_report = _reports.add_report
issue_report = _reports.issue_report


# the customer portal (ADR 0007): the customer's acts, each with the client (IP, UA)
portal_projects = _customer.my_projects
portal_inbox = _customer.inbox
portal_project = _customer.project
portal_decide_baseline = _customer.decide_baseline
portal_answer_question = _customer.answer_question
portal_decide_change = _customer.decide_change
portal_raise_change = _customer.raise_change


# Every public name: each function, alias and constant defined above (a name imported for the
# module's own use is not one). Computed, so that an addition needs no list kept in step by hand.
__all__ = [name for name in sorted(globals()) if not name.startswith("_") and name not in _IMPORTED]
