"""The projects area's declaration: delivery projects co-managed with the customer (see
`pcrm.core.areas`)."""

from __future__ import annotations

from datetime import timedelta

from pcrm.accounts.public import register_account_page
from pcrm.core.areas import Area, NavEntry
from pcrm.core.history import EntityLabels, HistoryLabels
from pcrm.core.i18n import N_, currency_name
from pcrm.core.jobs import Job
from pcrm.opportunities.public import register_opportunity_tab, register_won_action
from pcrm.projects.baselines import models as baseline_models
from pcrm.projects.baselines import routes_api as baselines_api
from pcrm.projects.baselines import routes_html as baselines_html
from pcrm.projects.baselines.vocab import LABELS as BASELINE_LABELS
from pcrm.projects.changes import models as change_models
from pcrm.projects.changes import routes_api as changes_api
from pcrm.projects.changes import routes_html as changes_html
from pcrm.projects.changes import service as changes_service
from pcrm.projects.changes.vocab import LABELS as CHANGE_LABELS
from pcrm.projects.closure import models as closure_models
from pcrm.projects.closure import routes_api as closure_api
from pcrm.projects.closure import routes_html as closure_html
from pcrm.projects.closure import service as closure_service
from pcrm.projects.closure.vocab import LABELS as CLOSURE_LABELS
from pcrm.projects.conflicts import models as conflict_models
from pcrm.projects.conflicts import routes_api as conflicts_api
from pcrm.projects.conflicts import routes_html as conflicts_html
from pcrm.projects.conflicts import service as conflicts_service
from pcrm.projects.conflicts.vocab import LABELS as CONFLICT_LABELS
from pcrm.projects.constraints import models as constraint_models
from pcrm.projects.constraints import routes_api as constraints_api
from pcrm.projects.customer import models as customer_models
from pcrm.projects.customer import routes_html as customer_html
from pcrm.projects.deliverables import models as deliverable_models
from pcrm.projects.deliverables import routes_api as deliverables_api
from pcrm.projects.deliverables import routes_html as deliverables_html
from pcrm.projects.deliverables import service as deliverables_service
from pcrm.projects.deliverables.vocab import LABELS as DELIVERABLE_LABELS
from pcrm.projects.editing import routes_html as editing_html
from pcrm.projects.goals import models as goal_models
from pcrm.projects.goals import routes_api as goals_api
from pcrm.projects.goals import routes_html as goals_html
from pcrm.projects.goals.vocab import LABELS as GOAL_LABELS
from pcrm.projects.handover import pages as handover_pages
from pcrm.projects.handover import routes_api as handover_api
from pcrm.projects.handover import routes_html as handover_html
from pcrm.projects.meetings import models as meeting_models
from pcrm.projects.meetings import routes_api as meetings_api
from pcrm.projects.meetings import routes_html as meetings_html
from pcrm.projects.meetings import service as meetings_service
from pcrm.projects.meetings.vocab import LABELS as MEETING_LABELS
from pcrm.projects.plan import models as plan_models
from pcrm.projects.plan import routes_api as plan_api
from pcrm.projects.plan import routes_html as plan_html
from pcrm.projects.projects import models as project_models
from pcrm.projects.projects import routes_api as projects_api
from pcrm.projects.projects import routes_html as projects_html
from pcrm.projects.references import service as references
from pcrm.projects.reports import models as report_models
from pcrm.projects.reports import routes_api as reports_api
from pcrm.projects.reports import routes_html as reports_html
from pcrm.projects.reports import service as reports_service
from pcrm.projects.reports.vocab import LABELS as REPORT_LABELS
from pcrm.projects.requirements import models as requirement_models
from pcrm.projects.requirements import routes_api as requirements_api
from pcrm.projects.requirements import routes_html as requirements_html
from pcrm.projects.requirements.vocab import LABELS as REQUIREMENT_LABELS
from pcrm.projects.risks import models as risk_models
from pcrm.projects.risks import routes_api as risks_api
from pcrm.projects.risks import routes_html as risks_html
from pcrm.projects.risks.vocab import LABELS as RISK_LABELS
from pcrm.projects.stakeholders import models as stakeholder_models
from pcrm.projects.stakeholders import routes_api as stakeholders_api
from pcrm.projects.team import models as team_models
from pcrm.projects.team import routes_api as team_api
from pcrm.projects.team import routes_html as team_html
from pcrm.projects.training import models as training_models
from pcrm.projects.training import routes_api as training_api
from pcrm.projects.training import routes_html as training_html
from pcrm.projects.training.vocab import LABELS as TRAINING_LABELS
from pcrm.projects.vocab import LABELS, Stake

AREA = Area(
    name="projects",
    summary="Delivery projects with the customer: phases, team, stakeholders, constraints, goals, "
    "training.",
    # the team's router first: /projects/workload before /projects/{project_id}
    api=(
        team_api.router,
        projects_api.router,
        handover_api.router,
        stakeholders_api.router,
        constraints_api.router,
        requirements_api.router,
        baselines_api.router,
        plan_api.router,
        goals_api.router,
        training_api.router,
        changes_api.router,
        risks_api.router,
        conflicts_api.router,
        meetings_api.router,
        deliverables_api.router,
        closure_api.router,
        reports_api.router,
    ),
    pages=(
        team_html.router,
        risks_html.router,  # /projects/risks before /projects/{project_id}
        closure_html.router,  # /projects/improvements before /projects/{project_id}
        projects_html.router,
        editing_html.router,
        handover_html.router,
        requirements_html.router,
        baselines_html.router,
        plan_html.router,
        goals_html.router,
        training_html.router,
        changes_html.router,
        conflicts_html.router,
        meetings_html.router,
        deliverables_html.router,
        reports_html.router,
        customer_html.router,
    ),
    models=(
        project_models,
        team_models,
        stakeholder_models,
        constraint_models,
        requirement_models,
        baseline_models,
        plan_models,
        goal_models,
        training_models,
        change_models,
        customer_models,
        risk_models,
        conflict_models,
        meeting_models,
        deliverable_models,
        closure_models,
        report_models,
    ),
    # on the 1st, last month's progress report drafted for each active project (idempotent)
    jobs=(Job(reports_service.JOB, reports_service.monthly_reports_job, every=timedelta(hours=1)),),
    demo="projects",
    nav=(NavEntry("projects", N_("Projects"), "kanban", "/projects", order=70),),
    history=HistoryLabels(
        entities={
            "project": EntityLabels(N_("Project"), link="/projects/{id}"),
            "project_document": EntityLabels(
                N_("Project document"), {"kind": N_("Document kind"), "file_id": N_("File")}
            ),
            "project_phase_change": EntityLabels(N_("Phase change")),
            "project_team_member": EntityLabels(
                N_("Project team"), {"user_id": N_("Team member"), "role": N_("Team role")}
            ),
            "project_stakeholder": EntityLabels(N_("Stakeholder"), vocabularies={"stakes": Stake}),
            "project_constraint": EntityLabels(N_("Constraint"), {"kind": N_("Constraint kind")}),
            "project_requirement": EntityLabels(
                N_("Requirement"),
                {"status": N_("Requirement status"), "number": N_("Requirement number")},
            ),
            "project_clarification": EntityLabels(
                N_("Clarification"),
                {"status": N_("Clarification status"), "asked_to_id": N_("Asked")},
            ),
            "project_baseline": EntityLabels(
                N_("Baseline"),
                {
                    "number": N_("Baseline version"),
                    "status": N_("Baseline status"),
                    "kind": N_("Baseline kind"),
                },
            ),
            "project_plan_task": EntityLabels(
                N_("Plan task"),
                {
                    "name": N_("Task name"),
                    "parent_id": N_("Parent task"),
                    "owner_id": N_("Task owner"),
                    "start_on": N_("Start"),
                    "end_on": N_("End"),
                    "progress": N_("Progress (%)"),
                    "is_milestone": N_("Milestone"),
                },
            ),
            "project_plan_dependency": EntityLabels(
                N_("Task dependency"),
                {
                    "predecessor_id": N_("Predecessor"),
                    "successor_id": N_("Successor"),
                    "lag_days": N_("Lag (days)"),
                },
            ),
            "project_plan_buffer": EntityLabels(N_("Buffer"), {"days": N_("Days")}),
            "project_deliverable": EntityLabels(
                N_("Deliverable"),
                {
                    "name": N_("Deliverable"),
                    "milestone_id": N_("Due milestone"),
                    "requirement_ids": N_("Requirements"),
                    "status": N_("Deliverable status"),
                    "delivered_on": N_("Delivered on"),
                    "delivery_note": N_("What was delivered, and where"),
                    "delivery_file_id": N_("Delivered file"),
                    "decided_on": N_("Decided on"),
                    "decision_note": N_("Findings or reason"),
                    "acceptance_baseline_id": N_("Acceptance record"),
                },
                references={"requirement_ids": "project_requirement"},
            ),
            "project_quality_standard": EntityLabels(
                N_("Quality standard"),
                {
                    "kind": N_("Quality kind"),
                    "metric": N_("Metric"),
                    "target_value": N_("Target"),
                    "comparison": N_("Comparison"),
                    "deliverable_id": N_("Deliverable"),
                },
            ),
            "project_quality_inspection": EntityLabels(
                N_("Quality inspection"),
                {
                    "inspected_on": N_("Inspected on"),
                    "inspector_id": N_("Inspector"),
                    "participant_id": N_("Customer participant"),
                    "passed": N_("Passed"),
                    "findings": N_("Findings"),
                    "issue_id": N_("Issue opened"),
                    "deliverable_id": N_("Deliverable"),
                },
                references={"requirement_ids": "project_requirement"},
            ),
            "project_sign_off": EntityLabels(
                N_("Customer sign-off"),
                {"baseline_number": N_("Baseline version"), "signer_name": N_("Signed by")},
            ),
            "project_goal": EntityLabels(N_("Project goal"), {"kind": N_("Goal kind")}),
            "project_training_need": EntityLabels(
                N_("Training need"), {"status": N_("Training status")}
            ),
            "project_training_session": EntityLabels(N_("Training session")),
            "project_training_attendee": EntityLabels(N_("Training attendee")),
            "project_training_review": EntityLabels(
                N_("Training needs review"), {"note": N_("Review note")}
            ),
            # change requests (变更请求)
            "project_change_request": EntityLabels(
                N_("Change request"),
                {
                    "number": N_("Change number"),
                    "title": N_("Change title"),
                    "origin": N_("Raised by"),
                    "raised_by_contact_id": N_("Raised by (customer)"),
                    "raised_on": N_("Raised on"),
                    "reason": N_("Reason for the change"),
                    "category": N_("Change category"),
                    "billable": N_("Billable"),
                    "state": N_("Change state"),
                    "requirement_ids": N_("Affected requirements"),
                    "task_ids": N_("Affected tasks"),
                    "deliverable_ids": N_("Affected deliverables"),
                    "activity_ids": N_("Discussed in"),
                    "meeting_ids": N_("Discussed at meetings"),
                    "implemented_on": N_("Implemented on"),
                    "withdrawn_reason": N_("Reason for the withdrawal"),
                    "requirements_baseline_id": N_("Requirements baseline"),
                    "plan_baseline_id": N_("Plan baseline"),
                },
                references={
                    "requirement_ids": "project_requirement",
                    "task_ids": "project_plan_task",
                    "deliverable_ids": "project_deliverable",
                    "activity_ids": "activity",
                    "meeting_ids": "project_meeting",
                },
            ),
            "project_change_option": EntityLabels(
                N_("Change option"),
                {
                    "title": N_("Option"),
                    "change_id": N_("Change request"),
                    "cost_delta": N_("Cost Δ"),
                    "schedule_delta_days": N_("Schedule Δ (working days)"),
                    "task_ids": N_("Tasks it delays"),
                    "quality_effect": N_("Quality or scope effect"),
                    "quality_level": N_("Quality effect"),
                    "new_risks": N_("New risks"),
                },
                references={"task_ids": "project_plan_task"},
            ),
            "project_change_decision": EntityLabels(
                N_("Change decision"),
                {
                    "change_id": N_("Change request"),
                    "option_id": N_("Chosen option"),
                    "option_version": N_("Option version"),
                    "signer_name": N_("Decided by"),
                    "impact": N_("Impact applied"),
                },
            ),
            "project_risk": EntityLabels(
                N_("Risk"),
                {
                    "description": N_("Risk"),
                    "category": N_("Risk category"),
                    "probability": N_("Probability (1–5)"),
                    "impact": N_("Impact (1–5)"),
                    "response": N_("Response"),
                    "actions": N_("Response actions"),
                    "owner_id": N_("Risk owner"),
                    "trigger": N_("Trigger"),
                    "review_on": N_("Review date"),
                    "status": N_("Status"),
                },
            ),
            "project_conflict": EntityLabels(
                N_("Issue or conflict"),
                {
                    "title": N_("Issue"),
                    "kind": N_("Issue kind"),
                    "element": N_("Project element"),
                    "severity": N_("Severity"),
                    "status": N_("Status"),
                    "opened_on": N_("Opened on"),
                    "resolution": N_("Resolution agreed with the customer"),
                    "agreed_by_id": N_("Agreed by (customer)"),
                    "resolved_on": N_("Resolved on"),
                    "closed_on": N_("Closed on"),
                },
            ),
            "project_meeting": EntityLabels(
                N_("Meeting"),
                {
                    "kind": N_("Meeting kind"),
                    "title": N_("Meeting title"),
                    "held_on": N_("Date"),
                    "starts_at": N_("Start time"),
                    "duration_minutes": N_("Length (minutes)"),
                    "cadence_days": N_("Every (days)"),
                    "agenda": N_("Agenda"),
                    "minutes": N_("Minutes"),
                    "decisions": N_("Decisions"),
                },
            ),
            "project_meeting_action": EntityLabels(
                N_("Action item"),
                {
                    "description": N_("Action item"),
                    "owner_id": N_("Action owner"),
                    "due_on": N_("Due"),
                    "done_on": N_("Done on"),
                    "meeting_id": N_("Meeting"),
                },
            ),
            "project_satisfaction_analysis": EntityLabels(
                N_("Customer satisfaction analysis"),
                {
                    "respondent_id": N_("Respondent (customer)"),
                    "surveyed_on": N_("Surveyed on"),
                    "scores": N_("Scores"),
                    "satisfied_points": N_("Satisfied points"),
                    "dissatisfied_points": N_("Dissatisfied points"),
                    "improvement_items": N_("Improvement items"),
                },
            ),
            "project_organisation_evaluation": EntityLabels(
                N_("Customer's evaluation of our project organisation"),
                {
                    "evaluator_id": N_("Evaluated by (customer)"),
                    "evaluated_on": N_("Evaluated on"),
                    "ratings": N_("Ratings"),
                    "suggestions": N_("Suggestions"),
                    "criticism": N_("Criticism"),
                },
            ),
            "project_lesson": EntityLabels(
                N_("Lesson learned"),
                {
                    "category": N_("Lesson category"),
                    "text": N_("Lesson"),
                    "author_id": N_("Author"),
                },
            ),
            "project_improvement": EntityLabels(
                N_("Improvement action"),
                {
                    "title": N_("Improvement action"),
                    "source": N_("Source"),
                    "source_detail": N_("Source item"),
                    "lesson_id": N_("Lesson learned"),
                    "owner_id": N_("Improvement owner"),
                    "due_on": N_("Due"),
                    "status": N_("Status"),
                    "note": N_("Note"),
                    "done_on": N_("Done on"),
                    "verified_by_id": N_("Verified by"),
                    "verified_on": N_("Verified on"),
                },
            ),
            "project_follow_up": EntityLabels(
                N_("Follow-up visit"),
                {
                    "due_on": N_("Due"),
                    "done_on": N_("Held on"),
                    "note": N_("Note"),
                    "done_by_id": N_("Recorded by"),
                },
            ),
            "project_report": EntityLabels(
                N_("Progress report"),
                {
                    "kind": N_("Report kind"),
                    "period_start": N_("Period from"),
                    "period_end": N_("Period to"),
                    "summary": N_("Summary"),
                    "status": N_("Report status"),
                    "number": N_("Report version"),
                    "issued_at": N_("Issued at"),
                    "issued_by_id": N_("Issued by"),
                    "created_by_id": N_("Drafted by"),
                },
            ),
        },
        fields={
            "code": N_("Project code"),
            "name": N_("Project name"),
            "account_id": N_("Account"),
            "opportunity_id": N_("Opportunity"),
            "manager_id": N_("Project manager"),
            "liaison_id": N_("Customer liaison"),
            "liaison_appointed_by_id": N_("Liaison appointed by"),
            "liaison_appointed_on": N_("Liaison appointed on"),
            "budget_amount": N_("Budget baseline"),
            "currency": N_("Currency"),
            "start_on": N_("Start (baseline)"),
            "end_on": N_("End (baseline)"),
            "status": N_("Status"),
            "phase": N_("Phase"),
            "description": N_("Description"),
            "terminated_on": N_("Terminated on"),
            "termination_reason": N_("Reason for termination"),
            "terminated_by_id": N_("Terminated by (customer)"),
            "termination_costs": N_("Costs until termination"),
            "status_changed_at": N_("Status changed"),
            "project_id": N_("Project"),
            "filename": N_("File"),
            "from_phase": N_("From phase"),
            "to_phase": N_("To phase"),
            "changed_by_id": N_("Changed by"),
            "overridden": N_("Gate overridden"),
            "override_reason": N_("Reason for the override"),
            "responsibilities": N_("Responsibilities"),
            "allocation": N_("Allocation (%)"),
            "starts_on": N_("From"),
            "ends_on": N_("Until"),
            "contact_id": N_("Contact"),
            "project_role": N_("Project role"),
            "stakes": N_("Stakes"),
            "power": N_("Power"),
            "interest": N_("Interest"),
            "expectations": N_("Expectations"),
            "channel": N_("Channel"),
            "frequency": N_("Frequency"),
            "our_owner_id": N_("Our owner"),
            "is_approver": N_("Approver"),
            "note": N_("Note"),
            "statement": N_("Statement"),
            "amount": N_("Amount"),
            "due_on": N_("Date"),
            "source_stakeholder_id": N_("Source stakeholder"),
            "is_hard": N_("Hard constraint"),
            "title": N_("Requirement title"),
            "kano": N_("Kano class"),
            "priority": N_("Priority"),
            "acceptance_criteria": N_("Acceptance criteria"),
            "question": N_("Question"),
            "answer": N_("Answer"),
            "asked_on": N_("Asked on"),
            "answered_on": N_("Answered on"),
            "requirement_id": N_("Requirement"),
            "content_hash": N_("Content hash (SHA-256)"),
            "created_by_id": N_("Sent by"),
            "sent_on": N_("Sent on"),
            "baseline_id": N_("Baseline"),
            "stakeholder_id": N_("Stakeholder"),
            "decision": N_("Decision"),
            "decided_on": N_("Decided on"),
            "recorded_by_id": N_("Recorded by"),
            "evidence_file_id": N_("Evidence"),
            "comment": N_("Comment"),
            "metric": N_("Metric"),
            "target_value": N_("Target"),
            "unit": N_("Unit"),
            "current_value": N_("Current value"),
            "deadline": N_("Deadline"),
            "owner_id": N_("Goal owner"),
            "achievable_confirmed_by_id": N_("Confirmed achievable by"),
            "achievable_confirmed_at": N_("Confirmed achievable at"),
            "topic": N_("Training topic"),
            "planned_on": N_("Planned for"),
            "held_on": N_("Held on"),
            "trainer": N_("Trainer"),
            "location": N_("Location"),
            "session_id": N_("Training session"),
            "attendance": N_("Attendance"),
            "reviewed_by_id": N_("Reviewed by"),
            "reviewed_at": N_("Reviewed at"),
            "needs_count": N_("Training needs at the review"),
        },
        vocabularies={
            **LABELS,
            **REQUIREMENT_LABELS,
            **BASELINE_LABELS,
            **GOAL_LABELS,
            **TRAINING_LABELS,
            **CHANGE_LABELS,
            **RISK_LABELS,
            **CONFLICT_LABELS,
            **MEETING_LABELS,
            **DELIVERABLE_LABELS,
            **CLOSURE_LABELS,
            **REPORT_LABELS,
        },
        resolvers={
            "project": references.project_references,
            "project_stakeholder": references.stakeholder_references,
            "project_requirement": references.requirement_references,
            "project_baseline": references.baseline_references,
            "project_plan_task": references.plan_task_references,
            "project_training_session": references.training_session_references,
            "project_change_request": changes_service.change_references,
            "project_change_option": changes_service.option_references,
            "project_meeting": meetings_service.meeting_references,
            "project_deliverable": deliverables_service.deliverable_references,
            "project_lesson": closure_service.lesson_references,
            "project_conflict": conflicts_service.conflict_references,
        },
        money=frozenset({"budget_amount", "termination_costs", "amount", "cost_delta"}),
        formats={"currency": currency_name},
    ),
)

# a won opportunity's page offers the conversion (or the link to the project)
register_won_action(handover_pages.won_action)
# an opportunity's risks (风险) are kept before its project exists
register_opportunity_tab("risks", "/risks", N_("Risks"))
# the lessons learned (经验教训) of the account's projects, on its later opportunities and itself
register_opportunity_tab("lessons", "/lessons", N_("Lessons learned"))
register_account_page("lessons", "/lessons", N_("Lessons learned"))
