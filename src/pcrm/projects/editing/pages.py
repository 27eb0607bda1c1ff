"""In-place editing on the project page: the project itself (overview), a team member, a
stakeholder and a constraint. For each kind: the tab it sits on, its edit form's template and
context (the stored values, or the refused ones with their messages), the posted form as the
API's update schema (a blank optional field clears it) and the service that saves it. Same
services and checks as the API's PATCH."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from pcrm.core.errors import NotFound
from pcrm.core.forms import FormErrors, FormValues
from pcrm.core.i18n import translate
from pcrm.identity.public import Principal, active_user_refs
from pcrm.projects.constraints import service as constraints
from pcrm.projects.constraints.schemas import ConstraintUpdate
from pcrm.projects.projects import forms, service
from pcrm.projects.projects.schemas import ProjectUpdate
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.stakeholders.schemas import StakeholderUpdate
from pcrm.projects.team import service as team
from pcrm.projects.team.schemas import TeamMemberUpdate
from pcrm.projects.vocab import LABELS, ConstraintKind, TeamRole

PROJECT_FIELDS = ("code", "name", "manager_id", "budget_amount", "start_on", "end_on")
MEMBER_FIELDS = ("role", "allocation", "starts_on", "ends_on", "responsibilities")
STAKEHOLDER_FIELDS = (
    "project_role",
    "power",
    "interest",
    "expectations",
    "channel",
    "frequency",
    "our_owner_id",
    "note",
)
CONSTRAINT_FIELDS = ("kind", "statement", "amount", "due_on", "source_stakeholder_id")


def _blank_is_none(form: FormData, names: tuple[str, ...]) -> dict[str, Any]:
    """Every named input; a blank one is None (clears an optional field, and the service
    refuses it for a required one)."""
    return {key: forms.text(form, key) or None for key in names}


def _project_data(form: FormData) -> dict[str, Any]:
    data = _blank_is_none(form, PROJECT_FIELDS)
    data["description"] = forms.text(form, "description") or None
    return data


def _member_data(form: FormData) -> dict[str, Any]:
    return _blank_is_none(form, MEMBER_FIELDS)


def _stakeholder_data(form: FormData) -> dict[str, Any]:
    data = _blank_is_none(form, STAKEHOLDER_FIELDS)
    data["stakes"] = [v for v in form.getlist("stakes") if isinstance(v, str) and v]
    data["is_approver"] = form.get("is_approver") == "on"
    return data


def _constraint_data(form: FormData) -> dict[str, Any]:
    data = _blank_is_none(form, CONSTRAINT_FIELDS)
    data["is_hard"] = form.get("is_hard") == "on"
    return data


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _user_options(db: Session, principal: Principal) -> list[tuple[str, str]]:
    return [(str(u.id), u.name) for u in active_user_refs(db, principal.scope)]


def _labels(cls: type, locale: str) -> list[tuple[str, str]]:
    return [(k, translate(locale, v)) for k, v in LABELS[cls].items()]


def _project_context(
    db: Session, principal: Principal, project_id: int, record_id: int, locale: str
) -> dict[str, Any]:
    p = service.project_detail(db, principal, project_id)
    return {
        "record": p,
        "stored": {
            "code": p.code,
            "name": p.name,
            "manager_id": _text(p.manager_id),
            "budget_amount": _text(p.budget_amount),
            "start_on": _text(p.start_on),
            "end_on": _text(p.end_on),
            "description": _text(p.description),
        },
        "user_options": _user_options(db, principal),
    }


def _member_context(
    db: Session, principal: Principal, project_id: int, record_id: int, locale: str
) -> dict[str, Any]:
    found = next((m for m in team.team(db, principal, project_id) if m.id == record_id), None)
    if found is None:
        raise NotFound()
    return {
        "record": found,
        "stored": {
            "role": found.role.value,
            "allocation": str(found.allocation),
            "starts_on": _text(found.starts_on),
            "ends_on": _text(found.ends_on),
            "responsibilities": found.responsibilities,
        },
        "role_choices": _labels(TeamRole, locale),
    }


def _stakeholder_context(
    db: Session, principal: Principal, project_id: int, record_id: int, locale: str
) -> dict[str, Any]:
    register = stakeholders.register(db, principal, project_id)
    found = next((s for s in register if s.id == record_id), None)
    if found is None:
        raise NotFound()
    return {
        "record": found,
        "stored": {
            "project_role": found.project_role.value,
            "stakes": [s.value for s in found.stakes],
            "power": str(found.power),
            "interest": str(found.interest),
            "expectations": _text(found.expectations),
            "channel": found.channel.value if found.channel else "",
            "frequency": found.frequency.value if found.frequency else "",
            "our_owner_id": _text(found.our_owner_id),
            "is_approver": found.is_approver,
            "note": _text(found.note),
        },
        "labels": {
            cls.__name__: {k: translate(locale, v) for k, v in LABELS[cls].items()}
            for cls in LABELS
        },
        "user_options": _user_options(db, principal),
    }


def _constraint_context(
    db: Session, principal: Principal, project_id: int, record_id: int, locale: str
) -> dict[str, Any]:
    found = next(
        (c for c in constraints.constraints(db, principal, project_id) if c.id == record_id), None
    )
    if found is None:
        raise NotFound()
    return {
        "record": found,
        "stored": {
            "kind": found.kind.value,
            "statement": found.statement,
            "amount": _text(found.amount),
            "due_on": _text(found.due_on),
            "source_stakeholder_id": _text(found.source_stakeholder_id),
            "is_hard": found.is_hard,
        },
        "kind_choices": _labels(ConstraintKind, locale),
        "source_options": [
            (str(s.id), s.contact_name) for s in stakeholders.register(db, principal, project_id)
        ],
    }


Context = Callable[[Session, Principal, int, int, str], dict[str, Any]]
Save = Callable[[Session, Principal, int, int, dict[str, Any], int | None], object]


@dataclass(frozen=True, slots=True)
class Editable:
    tab: str
    template: str
    parse: Callable[[FormData], dict[str, Any]]
    context: Context
    save: Save


def _save_project(
    db: Session, p: Principal, project_id: int, _id: int, data: dict[str, Any], v: int | None
) -> object:
    return service.update_project(db, p, project_id, ProjectUpdate.model_validate(data), v)


def _save_member(
    db: Session, p: Principal, project_id: int, member_id: int, data: dict[str, Any], v: int | None
) -> object:
    update = TeamMemberUpdate.model_validate(data)
    return team.update_member(db, p, project_id, member_id, update, v)


def _save_stakeholder(
    db: Session, p: Principal, project_id: int, row_id: int, data: dict[str, Any], v: int | None
) -> object:
    update = StakeholderUpdate.model_validate(data)
    return stakeholders.update_stakeholder(db, p, project_id, row_id, update, v)


def _save_constraint(
    db: Session, p: Principal, project_id: int, row_id: int, data: dict[str, Any], v: int | None
) -> object:
    update = ConstraintUpdate.model_validate(data)
    return constraints.update_constraint(db, p, project_id, row_id, update, v)


KINDS: Mapping[str, Editable] = {
    "project": Editable(
        "overview", "projects/_edit_project.html", _project_data, _project_context, _save_project
    ),
    "member": Editable(
        "team", "projects/_edit_member.html", _member_data, _member_context, _save_member
    ),
    "stakeholder": Editable(
        "stakeholders",
        "projects/_edit_stakeholder.html",
        _stakeholder_data,
        _stakeholder_context,
        _save_stakeholder,
    ),
    "constraint": Editable(
        "constraints",
        "projects/_edit_constraint.html",
        _constraint_data,
        _constraint_context,
        _save_constraint,
    ),
}


def edit_form(
    db: Session,
    principal: Principal,
    project_id: int,
    kind: str,
    record_id: int,
    locale: str,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    """The edit form of one record: its stored values, or the refused ones with their
    messages (NotFound for another project's or workspace's)."""
    editable = KINDS[kind]
    context = editable.context(db, principal, project_id, record_id, locale)
    stored = context.pop("stored")
    return context | {
        "project_id": project_id,
        "kind": kind,
        "record_id": record_id,
        "form": FormValues(values if values is not None else stored),
        "errors": errors or {},
        "px": f"{kind[0]}{record_id}-",
    }


def editing_of(params: Mapping[str, str]) -> tuple[str, int] | None:
    """The record whose edit form the page shows without HTMX (`edit=member-12`)."""
    kind, _, number = params.get("edit", "").partition("-")
    if kind in KINDS and number.isdigit() and len(number) < 12:
        return kind, int(number)
    return None
