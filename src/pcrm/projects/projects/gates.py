"""The gates between the project's phases (项目阶段关口): what blocks the exit of the current
phase. Needs identification exits only with a requirements baseline signed off by the customer,
no requirement added or reworked since, and no clarification open. Planning exits only with
the latest plan baseline approved by the customer, the customer's liaison appointed and the
training needs reviewed (a recorded review, which may find that no training is needed). The
execution and closure gates come in part 2; until then they are open. The service gathers the
facts, this module judges them (no queries here)."""

from __future__ import annotations

from dataclasses import dataclass

from pcrm.core.i18n import N_
from pcrm.projects.vocab import Phase


@dataclass(frozen=True, slots=True)
class GateFacts:
    """What a gate looks at, read by the service for one project."""

    project_id: int
    phase: Phase
    requirements_signed_off: bool = False  # the latest requirements baseline is approved
    reworked_requirements: int = 0  # drafts since that sign-off (new or reworked)
    open_clarifications: int = 0
    plan_approved: bool = False  # the latest plan baseline is approved by the customer
    liaison_appointed: bool = False
    training_reviewed: bool = False  # the training needs were reviewed (培训需求评审)


@dataclass(frozen=True, slots=True)
class Blocker:
    """One thing missing to leave the phase: a stable code and an English message id."""

    code: str
    message: str


def exit_blockers(facts: GateFacts) -> list[Blocker]:
    """What blocks the exit of `facts.phase`, in the order to address it; empty when open."""
    if facts.phase is Phase.PLANNING:
        return _planning_blockers(facts)
    if facts.phase is not Phase.NEEDS:
        return []
    blockers = []
    if facts.open_clarifications:
        blockers.append(Blocker("open_clarifications", N_("A clarification is still open.")))
    if not facts.requirements_signed_off:
        blockers.append(
            Blocker(
                "requirements_not_signed_off",
                N_("The customer has not signed off the requirements baseline."),
            )
        )
    elif facts.reworked_requirements:
        blockers.append(
            Blocker(
                "requirements_reworked",
                N_("Requirements added or reworked since the sign-off need a new one."),
            )
        )
    return blockers


def _planning_blockers(facts: GateFacts) -> list[Blocker]:
    blockers = []
    if not facts.liaison_appointed:
        blockers.append(Blocker("no_liaison", N_("The customer has not appointed a liaison.")))
    if not facts.plan_approved:
        blockers.append(
            Blocker("plan_not_approved", N_("The customer has not approved the plan baseline."))
        )
    if not facts.training_reviewed:
        blockers.append(
            Blocker("training_not_reviewed", N_("The training needs have not been reviewed."))
        )
    return blockers


def next_phase(phase: Phase) -> Phase | None:
    phases = list(Phase)
    at = phases.index(phase)
    return phases[at + 1] if at + 1 < len(phases) else None
