"""What a progress report says: its figures, read through the projects area's services and
repositories, as plain JSON values (dates as ISO text, money as decimal text) so that an issued
report keeps them as they were (`ProjectReport.snapshot`).

The report is a list of sections (SECTIONS), each a key and the function that reads its
figures; its title is in vocab.SECTION_TITLES and a template `reports/sections/_<key>.html`
shows it. Adding a section (the deliverables, when they land) is one more entry here, one
title and one template. The customer's
satisfaction trend is left out until the loyalty area supplies it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any

from sqlalchemy.orm import Session

from pcrm.identity.public import Principal
from pcrm.projects.baselines import repository as baselines
from pcrm.projects.baselines.vocab import BaselineKind, Decision
from pcrm.projects.changes import repository as changes_repo
from pcrm.projects.changes.service import code as change_code
from pcrm.projects.changes.vocab import ChangeState
from pcrm.projects.conflicts import service as conflicts
from pcrm.projects.conflicts.vocab import UNRESOLVED
from pcrm.projects.meetings import service as meetings
from pcrm.projects.plan import repository as plan_repo
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.schemas import ProjectRead
from pcrm.projects.risks import service as risks
from pcrm.projects.risks.vocab import RiskStatus

SHAPE = 1  # the snapshot's layout; a later layout reads older ones by this number
TOP_RISKS = 5
NEXT_MILESTONES = 5
APPROVED = (ChangeState.APPROVED, ChangeState.IMPLEMENTED)


def working_days(start: date, end: date) -> int:
    """Working days (Monday to Friday) from `start` to `end`: > 0 when `end` is later, < 0
    when earlier; the first day does not count, the last does."""
    if start == end:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign > 0 else (end, start)
    weeks, rest = divmod((high - low).days, 7)
    count = weeks * 5
    day = low + timedelta(days=weeks * 7)
    for _ in range(rest):
        day += timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    return sign * count


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass
class Sources:
    """What the sections read, each loaded once per report."""

    db: Session
    principal: Principal
    project: ProjectRead
    start: date
    end: date

    @cached_property
    def tasks(self) -> list[Any]:
        """(id, parent, name, phase, owner, start, end, progress, milestone, version) rows."""
        return plan_repo.task_rows(self.db, self.principal.scope, self.project.id)

    @cached_property
    def changes(self) -> list[dict[str, Any]]:
        return _change_rows(self)


def _within(day: date | None, src: Sources) -> bool:
    return day is not None and src.start <= day <= src.end


def _progress(src: Sources) -> dict[str, Any]:
    """The phase, the plan's tasks done, the milestones done in the period and the next ones."""
    rows = src.tasks
    milestones = sorted((r for r in rows if r[8]), key=lambda r: (r[6], r[0]))
    done = [r for r in milestones if r[7] >= 100 and _within(r[6], src)]
    upcoming = [r for r in milestones if r[7] < 100][:NEXT_MILESTONES]
    return {
        "phase": src.project.phase.value,
        "status": src.project.status.value,
        "tasks": len(rows),
        "tasks_done": sum(1 for r in rows if r[7] >= 100),
        "done": [{"name": r[2], "end_on": r[6].isoformat()} for r in done],
        "next": [{"name": r[2], "end_on": r[6].isoformat(), "progress": r[7]} for r in upcoming],
    }


def _schedule(src: Sources) -> dict[str, Any]:
    """Each milestone's date in the approved plan baseline against its date now, in working
    days, and the plan's end likewise."""
    scope = src.principal.scope
    approved = baselines.latest_approved(src.db, scope, src.project.id, BaselineKind.PLAN)
    rows = src.tasks
    end = max((r[6] for r in rows), default=None)
    if approved is None:
        return {"baseline_number": None, "milestones": [], "end_on": _iso(end)}
    was = {e["id"]: date.fromisoformat(e["end_on"]) for e in approved.content.get("tasks", [])}
    milestones = []
    for r in sorted((r for r in rows if r[8] and r[0] in was), key=lambda r: (was[r[0]], r[0])):
        milestones.append(
            {
                "name": r[2],
                "baseline_on": was[r[0]].isoformat(),
                "current_on": r[6].isoformat(),
                "days": working_days(was[r[0]], r[6]),
            }
        )
    baseline_end = approved.content.get("end_on")
    base_end = date.fromisoformat(baseline_end) if baseline_end else None
    return {
        "baseline_number": approved.number,
        "milestones": milestones,
        "late": sum(1 for m in milestones if m["days"] > 0),
        "baseline_end_on": _iso(base_end),
        "end_on": _iso(end),
        "end_days": working_days(base_end, end) if base_end and end else None,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _change_rows(src: Sources) -> list[dict[str, Any]]:
    """Every change request with its decision and chosen option (oldest first)."""
    scope = src.principal.scope
    rows = list(reversed(changes_repo.changes(src.db, scope, src.project.id)))
    ids = [c.id for c in rows]
    decisions = {d.change_id: d for d in changes_repo.decisions(src.db, scope, ids)}
    chosen = {d.option_id for d in decisions.values() if d.option_id}
    options = {o.id: o for o in changes_repo.options(src.db, scope, ids) if o.id in chosen}
    out = []
    for c in rows:
        d = decisions.get(c.id)
        option = options.get(d.option_id) if d and d.option_id else None
        out.append(
            {
                "code": change_code(c.number),
                "title": c.title,
                "category": c.category.value,
                "state": c.state.value,
                "raised_on": c.raised_on.isoformat(),
                "decision": d.decision.value if d else None,
                "decided_on": d.decided_on.isoformat() if d else None,
                "decided_by": d.signer_name if d else None,
                "option": option.title if option else None,
                "cost_delta": _money(option.cost_delta) if option else None,
                "schedule_days": option.schedule_delta_days if option else None,
                "approved": c.state in APPROVED
                and d is not None
                and d.decision is Decision.APPROVED,
            }
        )
    return out


def _cost(src: Sources) -> dict[str, Any]:
    """The budget baseline now against what it was before the approved changes moved it by
    their cost Δ (PCRM records no actual costs: none are shown)."""
    moved = [c for c in src.changes if c["approved"] and c["cost_delta"] is not None]
    total = sum((Decimal(c["cost_delta"]) for c in moved), Decimal(0))
    in_period = sum(
        (
            Decimal(c["cost_delta"])
            for c in moved
            if _within(date.fromisoformat(c["decided_on"]), src)
        ),
        Decimal(0),
    )
    budget = src.project.budget_amount
    return {
        "currency": src.project.currency,
        "budget": _money(budget),
        "original_budget": _money(budget - total) if budget is not None else None,
        "approved_delta": _money(total),
        "period_delta": _money(in_period),
        "changes": [
            {k: c[k] for k in ("code", "title", "decided_on", "cost_delta")} for c in moved
        ],
    }


def _changes(src: Sources) -> dict[str, Any]:
    """The change requests raised or decided in the period, with their decisions."""
    keep = (
        "code", "title", "category", "state", "raised_on", "decision", "decided_on",
        "decided_by", "option", "cost_delta", "schedule_days",
    )  # fmt: skip
    rows = [
        {k: c[k] for k in keep}
        for c in src.changes
        if _within(date.fromisoformat(c["raised_on"]), src)
        or (c["decided_on"] and _within(date.fromisoformat(c["decided_on"]), src))
    ]
    return {
        "currency": src.project.currency,
        "items": rows,
        "raised": sum(1 for c in rows if _within(date.fromisoformat(c["raised_on"]), src)),
        "decided": sum(
            1 for c in rows if c["decided_on"] and _within(date.fromisoformat(c["decided_on"]), src)
        ),
    }


def _risks(src: Sources) -> dict[str, Any]:
    """The open risks with the highest scores."""
    rows = [
        r for r in risks.risks(src.db, src.principal, src.project.id) if r.status is RiskStatus.OPEN
    ]
    rows.sort(key=lambda r: (-r.score, r.id))
    return {
        "open": len(rows),
        "items": [
            {
                "description": r.description,
                "category": r.category.value,
                "probability": r.probability,
                "impact": r.impact,
                "score": r.score,
                "response": r.response.value,
                "owner": r.owner_name,
                "review_on": _iso(r.review_on),
            }
            for r in rows[:TOP_RISKS]
        ],
    }


def _issues(src: Sources) -> dict[str, Any]:
    """The issues and conflicts still unresolved."""
    rows = [
        c
        for c in conflicts.conflicts(src.db, src.principal, src.project.id)
        if c.status in UNRESOLVED
    ]
    return {
        "items": [
            {
                "title": c.title,
                "kind": c.kind.value,
                "severity": c.severity.value,
                "status": c.status.value,
                "opened_on": c.opened_on.isoformat(),
            }
            for c in rows
        ]
    }


def _meetings(src: Sources) -> dict[str, Any]:
    """The meetings held in the period, oldest first."""
    rows = [
        m
        for m in meetings.meetings(src.db, src.principal, src.project.id)
        if _within(m.held_on, src)
    ]
    rows.sort(key=lambda m: (m.held_on, m.id))
    return {
        "items": [
            {
                "held_on": m.held_on.isoformat(),
                "kind": m.kind.value,
                "title": m.title,
                "customer_invited": m.customer_invited,
                "decisions": m.decisions,
            }
            for m in rows
        ]
    }


# The report's sections in their order: the key (its title is SECTION_TITLES[key], its
# template reports/sections/_<key>.html) and the function that reads its figures.
SECTIONS: tuple[tuple[str, Callable[[Sources], dict[str, Any]]], ...] = (
    ("progress", _progress),
    ("schedule", _schedule),
    ("cost", _cost),
    ("changes", _changes),
    ("risks", _risks),
    ("issues", _issues),
    ("meetings", _meetings),
)


def build(
    db: Session, principal: Principal, project_id: int, start: date, end: date
) -> dict[str, Any]:
    """The report's figures over start–end, as they are now."""
    project = projects.read_project(db, principal, project_id)
    src = Sources(db, principal, project, start, end)
    return {
        "shape": SHAPE,
        "project": {
            "code": project.code,
            "name": project.name,
            "account": project.account_name,
            "manager": project.manager_name,
            "currency": project.currency,
        },
        "sections": [{"key": key, **read(src)} for key, read in SECTIONS],
    }
