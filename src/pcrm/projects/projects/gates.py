"""The gates between the project's phases (项目阶段关口): what blocks the exit of the current
phase. The gate rules (a requirements baseline signed off by the customer, an approved plan,
a liaison, reviewed training needs…) come with the requirements and the plan; until then every
gate is open. The service gathers the facts, this module judges them (no queries here)."""

from __future__ import annotations

from dataclasses import dataclass

from pcrm.projects.vocab import Phase


@dataclass(frozen=True, slots=True)
class GateFacts:
    """What a gate looks at, read by the service for one project."""

    project_id: int
    phase: Phase


@dataclass(frozen=True, slots=True)
class Blocker:
    """One thing missing to leave the phase: a stable code and an English message id."""

    code: str
    message: str


def exit_blockers(facts: GateFacts) -> list[Blocker]:
    """What blocks the exit of `facts.phase`, in the order to address it; empty when open."""
    return []


def next_phase(phase: Phase) -> Phase | None:
    phases = list(Phase)
    at = phases.index(phase)
    return phases[at + 1] if at + 1 < len(phases) else None
