"""Setup of the projects tests through the JSON API, like real use, and row counts for
"nothing changed" checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from pcrm.core.audit import AuditEntry
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.closure.models import (
    FollowUp,
    ImprovementAction,
    Lesson,
    OrganisationEvaluation,
    SatisfactionAnalysis,
)
from pcrm.projects.conflicts.models import ConflictParty, ProjectConflict
from pcrm.projects.constraints.models import Constraint
from pcrm.projects.goals.models import Goal
from pcrm.projects.meetings.models import Meeting, MeetingAction, MeetingAttendee
from pcrm.projects.plan.models import Deliverable, PlanBuffer, PlanTask, TaskDependency
from pcrm.projects.projects.models import PhaseChange, Project, ProjectDocument
from pcrm.projects.reports.models import ProjectReport
from pcrm.projects.risks.models import Risk
from pcrm.projects.stakeholders.models import Stakeholder
from pcrm.projects.team.models import TeamMember
from pcrm.projects.training.models import (
    TrainingAttendee,
    TrainingNeed,
    TrainingReview,
    TrainingSession,
)
from tests.accounts.builders import create, new_contact
from tests.factories import Team, bearer, current
from tests.factories.rows import count_rows
from tests.opportunities.builders import account, opportunity

COUNTED = {
    "projects": Project,
    "documents": ProjectDocument,
    "phase_changes": PhaseChange,
    "team": TeamMember,
    "stakeholders": Stakeholder,
    "constraints": Constraint,
    "baselines": Baseline,
    "tasks": PlanTask,
    "dependencies": TaskDependency,
    "buffers": PlanBuffer,
    "deliverables": Deliverable,
    "goals": Goal,
    "training_needs": TrainingNeed,
    "training_sessions": TrainingSession,
    "training_attendees": TrainingAttendee,
    "training_reviews": TrainingReview,
    "risks": Risk,
    "conflicts": ProjectConflict,
    "conflict_parties": ConflictParty,
    "meetings": Meeting,
    "meeting_attendees": MeetingAttendee,
    "meeting_actions": MeetingAction,
    "satisfaction_analyses": SatisfactionAnalysis,
    "organisation_evaluations": OrganisationEvaluation,
    "lessons": Lesson,
    "improvements": ImprovementAction,
    "follow_ups": FollowUp,
    "reports": ProjectReport,
    "audit_entries": AuditEntry,
}


def row_counts(uow: Any) -> dict[str, int]:
    """Rows of every projects table and of the audit trail, across all workspaces."""
    return count_rows(uow, COUNTED)


@dataclass(frozen=True, slots=True)
class World:
    """acme's customer 华为 with three contacts (张伟 decides, 李娜 uses, 王芳 in purchasing)
    and a contact of another account (赵敏 of 腾讯); the opportunity 智慧园区一期 won at
    950,000 with the owner (sales) and the admin (delivery) on its team and 张伟 and 李娜 on its
    decision chain."""

    team: Team
    token: str
    account_id: int
    zhang: int
    li: int
    wang: int
    other_account_contact: int
    opportunity_id: int


def won_world(client: TestClient, team: Team) -> World:
    token = team.tokens["owner"]
    customer = account(client, token)["id"]
    zhang = new_contact(client, token, customer, "张伟", title="CIO")["id"]
    li = new_contact(client, token, customer, "李娜", title="运营经理")["id"]
    wang = new_contact(client, token, customer, "王芳", title="采购主管")["id"]
    elsewhere = account(client, token, "腾讯科技")["id"]
    zhao = new_contact(client, token, elsewhere, "赵敏")["id"]
    won = opportunity(
        client,
        token,
        customer,
        budget_amount="1000000",
        team=[
            {"user_id": team.owner.user_id, "role": "sales"},
            {"user_id": team.admin.user_id, "role": "delivery"},
        ],
    )["id"]
    create(
        client,
        token,
        f"/api/v1/opportunities/{won}/decision-chain",
        contact_id=zhang,
        decision_role="decision_maker",
    )
    create(
        client,
        token,
        f"/api/v1/opportunities/{won}/decision-chain",
        contact_id=li,
        decision_role="user",
    )
    closed = client.post(
        f"/api/v1/opportunities/{won}/close",
        json={
            "outcome": "won",
            "awarded_amount": "950000",
            "review": {"reasons": ["technical"], "what_worked": "方案演示"},
        },
        headers=current(client, f"/api/v1/opportunities/{won}", bearer(token)),
    )
    assert closed.status_code == 200, closed.text
    return World(team, token, customer, zhang, li, wang, zhao, won)


def convert(client: TestClient, world: World) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/projects/from-opportunity/{world.opportunity_id}", headers=bearer(world.token)
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def direct_project(client: TestClient, world: World, **fields: Any) -> dict[str, Any]:
    body = {"name": "机房改造", "account_id": world.account_id} | fields
    return create(client, world.token, "/api/v1/projects", **body)


def signed_requirements(client: TestClient, world: World, project_id: int) -> None:
    """Open the needs gate the way a project does: 张伟 approves a baseline of one requirement
    (added to the register as an approver when he is not on it yet)."""
    register = client.get(
        f"/api/v1/projects/{project_id}/stakeholders", headers=bearer(world.token)
    ).json()
    approver = next((s["id"] for s in register if s["is_approver"]), None)
    if approver is None:
        approver = create(
            client,
            world.token,
            f"/api/v1/projects/{project_id}/stakeholders",
            contact_id=world.zhang,
            project_role="management",
            stakes=["decides"],
            power=5,
            interest=4,
            is_approver=True,
        )["id"]
    create(
        client,
        world.token,
        f"/api/v1/projects/{project_id}/requirements",
        title="园区门禁统一认证",
        kano="basic",
    )
    baseline = create(client, world.token, f"/api/v1/projects/{project_id}/baselines/requirements")
    create(
        client,
        world.token,
        f"/api/v1/baselines/{baseline['id']}/sign-offs",
        stakeholder_id=approver,
        baseline_number=baseline["number"],
        decision="approved",
    )


def approved_plan(client: TestClient, world: World, project_id: int) -> dict[str, Any]:
    """Open the planning gate the way a project does: 张伟 (an approver) is the liaison, the
    plan of one task goes to the customer as a plan baseline and he approves it."""
    register = client.get(
        f"/api/v1/projects/{project_id}/stakeholders", headers=bearer(world.token)
    ).json()
    approver = next(s for s in register if s["is_approver"])
    project = client.get(f"/api/v1/projects/{project_id}", headers=bearer(world.token))
    appointed = client.put(
        f"/api/v1/projects/{project_id}/liaison",
        json={"liaison_id": world.zhang, "appointed_by_id": world.zhang},
        headers={**bearer(world.token), "If-Match": project.headers["ETag"]},
    )
    assert appointed.status_code == 200, appointed.text
    create(
        client,
        world.token,
        f"/api/v1/projects/{project_id}/tasks",
        name="实施方案编制",
        start_on="2027-01-04",
        end_on="2027-01-15",
    )
    baseline = create(client, world.token, f"/api/v1/projects/{project_id}/baselines/plan")
    create(
        client,
        world.token,
        f"/api/v1/baselines/{baseline['id']}/sign-offs",
        stakeholder_id=approver["id"],
        baseline_number=baseline["number"],
        decision="approved",
    )
    return baseline
