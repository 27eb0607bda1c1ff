"""View-models of the requirements tab (需求) of the project page and of a requirement's own
page (its details, questions to the customer and version history). Built from services only;
the tab's filters are checked here, templates only format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from pcrm.accounts.public import account_people
from pcrm.core.errors import NotFound
from pcrm.core.forms import FormErrors, FormValues
from pcrm.core.i18n import N_, translate
from pcrm.core.problems import field_errors_from_pydantic
from pcrm.core.types import WriteModel
from pcrm.identity.public import Permission, Principal, record_history_view
from pcrm.projects.projects import service as projects
from pcrm.projects.requirements import service
from pcrm.projects.requirements.schemas import ClarificationRead, RequirementRead
from pcrm.projects.requirements.vocab import (
    LABELS,
    ClarificationStatus,
    Kano,
    Priority,
    RequirementStatus,
)
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.vocab import ProjectStatus

NOTICES = {
    "requirement-added": N_("The requirement was added."),
    "requirement-saved": N_("The requirement was saved."),
    "question-asked": N_("The question was put to the customer."),
    "question-answered": N_("The answer was recorded."),
    "question-void": N_("The question was withdrawn."),
}
KANO_BADGE = {Kano.BASIC: "", Kano.EXPECTED: "blue", Kano.EXCITING: "green"}
STATUS_BADGE = {
    RequirementStatus.DRAFT: "",
    RequirementStatus.IN_REVIEW: "amber",
    RequirementStatus.CONFIRMED: "green",
    RequirementStatus.REJECTED: "red",
    RequirementStatus.CHANGED: "blue",
}
CLARIFICATION_BADGE = {
    ClarificationStatus.OPEN: "amber",
    ClarificationStatus.ANSWERED: "green",
    ClarificationStatus.VOID: "",
}
# The statuses a requirement may be given by hand; the others follow from baselines.
SETTABLE = (RequirementStatus.DRAFT, RequirementStatus.REJECTED)
FROZEN = (RequirementStatus.CONFIRMED, RequirementStatus.CHANGED)


class RequirementFilter(WriteModel):
    """The requirements tab's filters: each blank means 'any'."""

    kano: Kano | None = None
    priority: Priority | None = None
    status: RequirementStatus | None = None


@dataclass(frozen=True, slots=True)
class QuestionView:
    """A clarification as the pages show it, with how long it has waited."""

    id: int
    requirement_id: int
    requirement_code: str
    question: str
    asked_to: str
    asked_on: date
    answer: str | None
    answered_on: date | None
    status: str
    status_label: str
    badge: str
    age_days: int
    version: int


def code(number: int) -> str:
    return f"R-{number:03d}"


def _label(value: Any, locale: str) -> str:
    return translate(locale, LABELS[type(value)][value.value])


def vocab(locale: str) -> dict[str, Any]:
    return {
        "kano": {k.value: _label(k, locale) for k in Kano},
        "kano_badge": {k.value: KANO_BADGE[k] for k in Kano},
        "priority": {p.value: _label(p, locale) for p in Priority},
        "status": {s.value: _label(s, locale) for s in RequirementStatus},
        "status_badge": {s.value: STATUS_BADGE[s] for s in RequirementStatus},
        "kano_choices": [(k.value, _label(k, locale)) for k in Kano],
        "priority_choices": [(p.value, _label(p, locale)) for p in Priority],
        "status_choices": [(s.value, _label(s, locale)) for s in RequirementStatus],
        "settable_choices": [(s.value, _label(s, locale)) for s in SETTABLE],
    }


def _writable(principal: Principal, status: ProjectStatus) -> bool:
    return principal.can(Permission.WRITE_PROJECTS) and status not in (
        ProjectStatus.ARCHIVED,
        ProjectStatus.TERMINATED,
    )


def questions(
    db: Session,
    principal: Principal,
    account_id: int,
    found: list[ClarificationRead],
    numbers: Mapping[int, int],
    locale: str,
) -> list[QuestionView]:
    """The clarifications with the name of the contact asked and their age in days."""
    people = {c.id: c.name for c in account_people(db, principal, account_id)} if found else {}
    today = principal.today()
    return [
        QuestionView(
            id=c.id,
            requirement_id=c.requirement_id,
            requirement_code=code(numbers.get(c.requirement_id, 0)),
            question=c.question,
            asked_to=people.get(c.asked_to_id, "") if c.asked_to_id else "",
            asked_on=c.asked_on,
            answer=c.answer,
            answered_on=c.answered_on,
            status=c.status.value,
            status_label=_label(c.status, locale),
            badge=CLARIFICATION_BADGE[c.status],
            age_days=((c.answered_on or today) - c.asked_on).days,
            version=c.version,
        )
        for c in found
    ]


def requirements_tab(
    db: Session,
    principal: Principal,
    project_id: int,
    account_id: int,
    locale: str,
    params: Mapping[str, str],
) -> dict[str, Any]:
    """The tab's context: the filtered requirements with their open questions, the open
    questions of the project, and the choices of the add form."""
    filters, filter_errors = _filters(params, locale)
    found = requirement_reads(db, principal, project_id)
    shown = [
        r
        for r in found
        if (filters.kano is None or r.kano is filters.kano)
        and (filters.priority is None or r.priority is filters.priority)
        and (filters.status is None or r.status is filters.status)
    ]
    asked = question_reads(db, principal, project_id)
    numbers = {r.id: r.number for r in found}
    open_ones = [c for c in asked if c.status is ClarificationStatus.OPEN]
    open_count = {r.id: 0 for r in found}
    for c in open_ones:
        open_count[c.requirement_id] = open_count.get(c.requirement_id, 0) + 1
    sources = {s.id: s.contact_name for s in stakeholders.register(db, principal, project_id)}
    return {
        "requirements": [_row(r, sources, open_count.get(r.id, 0)) for r in shown],
        "requirement_total": len(found),
        "open_questions": questions(db, principal, account_id, open_ones, numbers, locale),
        "filters": {k: (v.value if v is not None else "") for k, v in filters},
        "filter_errors": filter_errors,
        "req_vocab": vocab(locale),
        "source_options": sorted(((str(i), n) for i, n in sources.items()), key=lambda o: o[1]),
    }


def _filters(params: Mapping[str, str], locale: str) -> tuple[RequirementFilter, FormErrors]:
    given = {k: params[k] for k in ("kano", "priority", "status") if params.get(k)}
    try:
        return RequirementFilter.model_validate(given), {}
    except ValidationError as exc:
        errors = field_errors_from_pydantic(exc.errors(), locale)
        return RequirementFilter(), {e["field"]: e["message"] for e in errors}


def _row(
    requirement: RequirementRead, sources: Mapping[int, str], open_questions: int
) -> dict[str, Any]:
    r = requirement
    return {
        "id": r.id,
        "code": code(r.number),
        "title": r.title,
        "description": r.description,
        "kano": r.kano.value,
        "priority": r.priority.value,
        "status": r.status.value,
        "source_stakeholder_id": r.source_stakeholder_id,
        "source": sources.get(r.source_stakeholder_id, "") if r.source_stakeholder_id else "",
        "acceptance_criteria": r.acceptance_criteria,
        "open_questions": open_questions,
        "frozen": r.status in FROZEN,
        "in_review": r.status is RequirementStatus.IN_REVIEW,
        "version": r.version,
    }


def edit_row(
    db: Session,
    principal: Principal,
    project_id: int,
    requirement_id: int,
    locale: str,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    """The in-place edit form of one row of the tab."""
    requirement = owned_requirement(db, principal, project_id, requirement_id)
    register = stakeholders.register(db, principal, project_id)
    sources = {s.id: s.contact_name for s in register}
    row = _row(requirement, sources, 0)
    return {
        "project_id": project_id,
        "r": row,
        "form": FormValues(values if values is not None else _values(row)),
        "errors": errors or {},
        "req_vocab": vocab(locale),
        "source_options": sorted(((str(i), n) for i, n in sources.items()), key=lambda o: o[1]),
    }


def _values(row: Mapping[str, Any]) -> dict[str, Any]:
    """The form's inputs filled from the stored requirement."""
    return {
        "title": row["title"],
        "kano": row["kano"],
        "priority": row["priority"],
        "status": row["status"] if row["status"] in {s.value for s in SETTABLE} else "draft",
        "source_stakeholder_id": str(row["source_stakeholder_id"] or ""),
        "description": row["description"] or "",
        "acceptance_criteria": row["acceptance_criteria"] or "",
    }


def owned_requirement(
    db: Session, principal: Principal, project_id: int, requirement_id: int
) -> RequirementRead:
    """The requirement, when it belongs to the project of the address (else a 404)."""
    requirement = service.get_requirement(db, principal, requirement_id)
    if requirement.project_id != project_id:
        raise NotFound()
    return RequirementRead.model_validate(requirement)


def requirement_reads(db: Session, principal: Principal, project_id: int) -> list[RequirementRead]:
    found = service.list_requirements(db, principal, project_id)
    return [RequirementRead.model_validate(r) for r in found]


def question_reads(db: Session, principal: Principal, project_id: int) -> list[ClarificationRead]:
    found = service.list_clarifications(db, principal, project_id)
    return [ClarificationRead.model_validate(c) for c in found]


def requirement_page(
    db: Session,
    principal: Principal,
    project_id: int,
    requirement_id: int,
    locale: str,
    notice: str | None,
    *,
    editing: bool = False,
    failed: str | None = None,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    problem: str | None = None,
) -> dict[str, Any]:
    """A requirement's page: details (edited in place), its questions with the ask, answer
    and withdraw forms, and its version history."""
    requirement = owned_requirement(db, principal, project_id, requirement_id)
    project = projects.read_project(db, principal, project_id)
    writable = _writable(principal, project.status)
    context = edit_row(db, principal, project_id, requirement_id, locale)
    row = context["r"]
    asked = [
        c for c in question_reads(db, principal, project_id) if c.requirement_id == requirement.id
    ]
    people = account_people(db, principal, project.account_id) if writable else []
    posted = FormValues(values or {})
    context.update(
        {
            "project": project,
            "notice": notice,
            "problem": problem,
            "can_write": writable,
            "editing": editing and writable and not row["frozen"],
            "failed": failed,
            "questions": questions(
                db,
                principal,
                project.account_id,
                asked,
                {requirement.id: requirement.number},
                locale,
            ),
            "contact_options": [(str(c.id), c.name) for c in people],
            "history": record_history_view(
                db, principal, "project_requirement", requirement.id, locale
            ),
            "errors": errors or {},
            "question_form": posted if failed and failed != "requirement" else FormValues({}),
        }
    )
    if failed == "requirement":
        context["form"] = posted
    return context


PROBLEMS = {"frozen": service.CONFIRMED_IS_FROZEN}


def problem(key: str | None, locale: str) -> str | None:
    """A refusal named in the address (after an in-place edit was refused)."""
    return translate(locale, PROBLEMS[key]) if key in PROBLEMS else None
