"""The win/loss review (经验总结) of a closed opportunity: what it must say (who won, when we
lost), writing it when the opportunity closes, and editing and reading it afterwards."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.core.errors import FieldError, ValidationFailed, field_error
from pcrm.core.etag import MISSING, check_version
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal
from pcrm.opportunities.pipeline import repository as repo
from pcrm.opportunities.review import repository as review_repo
from pcrm.opportunities.review.models import WinLossReview
from pcrm.opportunities.review.schemas import ReviewRead, ReviewWrite
from pcrm.opportunities.vocab import Outcome
from pcrm.relationships.public import competitor_names


def review_errors(
    db: Session, scope: WorkspaceScope, outcome: Outcome, review: ReviewWrite
) -> list[FieldError]:
    errors = []
    if outcome is Outcome.LOST and review.winner_competitor_id is None:
        errors.append(
            FieldError("review.winner_competitor_id", N_("Say who won when we lost."), "missing")
        )
    if outcome is not Outcome.LOST and (
        review.winner_competitor_id is not None or review.winning_price is not None
    ):
        errors.append(
            FieldError(
                "review.winner_competitor_id",
                N_("The winner and the winning price are recorded when we lost."),
            )
        )
    if review.winner_competitor_id is not None and not competitor_names(
        db, scope, {review.winner_competitor_id}
    ):
        errors.append(
            FieldError("review.winner_competitor_id", N_("Choose a competitor of this workspace."))
        )
    return errors


def write_review(
    db: Session, scope: WorkspaceScope, opportunity_id: int, outcome: Outcome, data: ReviewWrite
) -> WinLossReview:
    review = review_repo.review_of(db, scope, opportunity_id)
    values = data.model_dump()
    values["reasons"] = [r.value for r in data.reasons]
    if review is None:
        review = WinLossReview(
            workspace_id=scope.workspace_id,
            opportunity_id=opportunity_id,
            outcome=outcome,
            **values,
        )
        db.add(review)
    else:
        review.outcome = outcome
        for key, value in values.items():
            setattr(review, key, value)
    db.flush()
    return review


def update_review(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    data: ReviewWrite,
    expected_version: int | None = None,
) -> ReviewRead:
    """Edit the review of a closed opportunity (its outcome stays); `expected_version` is the
    version the editor read (412 when it changed since, 428 when the API named none)."""
    principal.require(Permission.WRITE_OPPORTUNITIES)
    scope = principal.scope
    review = review_repo.review_of(db, scope, opportunity_id)
    repo.opportunity(db, scope, opportunity_id)
    if review is None:
        if expected_version is MISSING:  # no If-Match is a 428 whatever the record's state
            check_version(0, expected_version)
        raise field_error("review", N_("Only a closed opportunity has a win/loss review."))
    check_version(review.version, expected_version)
    errors = review_errors(db, scope, review.outcome, data)
    if errors:
        raise ValidationFailed(errors)
    write_review(db, scope, opportunity_id, review.outcome, data)
    return _review_read(db, scope, review)


def get_review(db: Session, principal: Principal, opportunity_id: int) -> ReviewRead | None:
    principal.require(Permission.READ)
    scope = principal.scope
    repo.opportunity(db, scope, opportunity_id)
    review = review_repo.review_of(db, scope, opportunity_id)
    return None if review is None else _review_read(db, scope, review)


def _review_read(db: Session, scope: WorkspaceScope, review: WinLossReview) -> ReviewRead:
    winner = (
        competitor_names(db, scope, {review.winner_competitor_id}).get(review.winner_competitor_id)
        if review.winner_competitor_id is not None
        else None
    )
    return ReviewRead.model_validate(
        {
            **{k: getattr(review, k) for k in ReviewRead.model_fields if k != "winner_name"},
            "winner_name": winner,
        }
    )
