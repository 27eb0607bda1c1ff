"""The closure gate (收尾): the acts a project needs before it may be closed, each a named check.
Adding a check is one entry in CHECKS; closing with a failing check is a 422 that lists exactly
the failing ones, with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from pcrm.core.errors import FieldError, ValidationFailed
from pcrm.core.i18n import N_
from pcrm.identity.public import Principal
from pcrm.projects.changes import repository as changes
from pcrm.projects.changes.vocab import ChangeState
from pcrm.projects.closure import repository as repo
from pcrm.projects.meetings import service as meetings


@dataclass(frozen=True, slots=True)
class Check:
    code: str  # the field of the 422 and of the API's checks
    done: str  # shown when it passes
    missing: str  # shown when it fails: what to do
    passes: Callable[[Session, Principal, int], bool]


def _no_pending_change(db: Session, principal: Principal, project_id: int) -> bool:
    counts = changes.state_counts(db, principal.scope, project_id)
    return counts.get(ChangeState.AWAITING_DECISION, 0) == 0


def _satisfaction_filled(db: Session, principal: Principal, project_id: int) -> bool:
    return repo.analysis(db, principal.scope, project_id) is not None


def _evaluation_filled(db: Session, principal: Principal, project_id: int) -> bool:
    return repo.evaluation(db, principal.scope, project_id) is not None


def _lessons_written(db: Session, principal: Principal, project_id: int) -> bool:
    return repo.lesson_count(db, principal.scope, project_id) > 0


CHECKS: tuple[Check, ...] = (
    Check(
        "change_decisions",
        N_("No change request awaits the customer's decision."),
        N_("A change request still awaits the customer's decision."),
        _no_pending_change,
    ),
    Check(
        "lessons_learned_meeting",
        N_("A lessons-learned meeting with the customer invited is recorded."),
        N_("Record a lessons-learned meeting with the customer invited."),
        meetings.lessons_learned_with_customer,
    ),
    Check(
        "satisfaction_analysis",
        N_("The customer satisfaction analysis is filled."),
        N_("Fill the customer satisfaction analysis."),
        _satisfaction_filled,
    ),
    Check(
        "organisation_evaluation",
        N_("The customer's evaluation of our project organisation is filled."),
        N_("Fill the customer's evaluation of our project organisation."),
        _evaluation_filled,
    ),
    Check(
        "lessons",
        N_("Lessons learned are written."),
        N_("Write the lessons learned."),
        _lessons_written,
    ),
)


def evaluate(db: Session, principal: Principal, project_id: int) -> list[tuple[Check, bool]]:
    return [(check, check.passes(db, principal, project_id)) for check in CHECKS]


def require_passed(db: Session, principal: Principal, project_id: int) -> None:
    """A 422 naming every failing check (field = its code), or nothing."""
    failing = [check for check, passed in evaluate(db, principal, project_id) if not passed]
    if failing:
        raise ValidationFailed([FieldError(c.code, c.missing, "closure_act") for c in failing])
