"""What the portal shows the customer: only customer-visible facts of their own projects,
never internal notes, risks, the decision chain, closeness, loyalty, competitors, quotes or
scores. Plain read models built by `service.py`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus, Decision
from pcrm.projects.changes.vocab import ChangeCategory, ChangeState
from pcrm.projects.customer.vocab import PendingKind, PortalActKind
from pcrm.projects.vocab import Phase, ProjectStatus, TeamRole


class PendingAct(BaseModel):
    """One act awaiting the customer: what, on which project, which version, since and until."""

    kind: PendingKind
    project_id: int
    project_name: str
    record_id: int
    title: str
    version: int | None = None
    sent_on: date | None
    due_on: date | None
    overdue: bool = False
    can_decide: bool


class PortalMilestone(BaseModel):
    name: str
    due_on: date
    done: bool


class PortalOption(BaseModel):
    id: int
    label: str  # A, B, C …
    title: str
    version: int
    cost_delta: Decimal | None
    schedule_delta_days: int | None
    quality_effect: str | None
    new_risks: str | None


class PortalChange(BaseModel):
    id: int
    number: int
    title: str
    reason: str
    category: ChangeCategory
    state: ChangeState
    raised_on: date
    raised_by_us: bool
    sent_on: date | None
    options: list[PortalOption] = Field(default_factory=list)
    decision: Decision | None = None
    decided_on: date | None = None
    chosen_option: str | None = None
    decided_by: str | None = None


class PortalTeamMember(BaseModel):
    name: str
    role: TeamRole
    email: str


class PortalRequirement(BaseModel):
    number: int
    title: str
    description: str | None
    acceptance_criteria: str | None


class PortalBaseline(BaseModel):
    id: int
    kind: BaselineKind
    number: int
    status: BaselineStatus
    content_hash: str
    sent_on: date
    due_on: date
    requirements: list[PortalRequirement] = Field(default_factory=list)
    tasks: list[tuple[str, date, date]] = Field(default_factory=list)
    plan_end_on: date | None = None


class PortalQuestion(BaseModel):
    id: int
    version: int
    requirement: str
    question: str
    asked_on: date


class PortalProjectSummary(BaseModel):
    id: int
    code: str
    name: str
    phase: Phase
    status: ProjectStatus
    is_approver: bool
    pending: int


class PortalProject(PortalProjectSummary):
    start_on: date | None
    end_on: date | None
    progress: int
    variance_days: int | None
    baseline_end_on: date | None
    plan_end_on: date | None
    milestones_done: list[PortalMilestone]
    milestones_next: list[PortalMilestone]
    changes: list[PortalChange]
    team: list[PortalTeamMember]
    pending_acts: list[PendingAct]
    baselines: list[PortalBaseline]
    questions: list[PortalQuestion]


class PortalActRead(BaseModel):
    """A receipt of an act in the portal, as the project manager sees it."""

    kind: PortalActKind
    actor_name: str
    record_id: int
    summary: str
    occurred_at: datetime
    ip: str | None
    user_agent: str | None
