"""View-models of the closure tab (收尾) of the project page and of the cross-project list of
improvement actions. Built from services only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.accounts.public import get_account
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal
from pcrm.opportunities.public import get_opportunity
from pcrm.projects.closure import service
from pcrm.projects.closure.follow_ups import service as follow_ups
from pcrm.projects.closure.improvements import service as improvements
from pcrm.projects.closure.schemas import ImprovementRead
from pcrm.projects.closure.vocab import (
    EVALUATION_DIMENSIONS,
    EVALUATION_TEXTS,
    LABELS,
    SATISFACTION_DIMENSIONS,
    UNFINISHED,
    ImprovementSource,
    ImprovementStatus,
    LessonCategory,
)
from pcrm.projects.stakeholders import service as stakeholders

NOTICES = {
    "closure-closed": N_("The project is closed; its follow-up visits are planned."),
    "satisfaction-saved": N_("The customer satisfaction analysis was saved."),
    "evaluation-saved": N_("The customer's evaluation of our project organisation was saved."),
    "lesson-added": N_("The lesson was written."),
    "lesson-removed": N_("The lesson was removed."),
    "improvement-added": N_("The improvement action was created."),
    "improvement-moved": N_("The improvement action's status was changed."),
    "follow-up-added": N_("The follow-up was planned."),
    "follow-up-done": N_("The follow-up visit was recorded."),
}
ACTIONS = {
    ImprovementStatus.IN_PROGRESS: N_("Start"),
    ImprovementStatus.DONE: N_("Mark as done"),
    ImprovementStatus.VERIFIED: N_("Verify"),
}
STATUS_BADGE = {"open": "red", "in_progress": "amber", "done": "blue", "verified": "green"}
SCORES = [(str(n), str(n)) for n in range(1, 6)]


def labels(locale: str) -> dict[str, dict[str, str]]:
    return {
        cls.__name__: {k: translate(locale, v) for k, v in LABELS[cls].items()}
        for cls in (LessonCategory, ImprovementSource, ImprovementStatus)
    } | {
        "satisfaction": {k: translate(locale, v) for k, v in SATISFACTION_DIMENSIONS.items()},
        "evaluation": {
            k: translate(locale, v) for k, v in (EVALUATION_DIMENSIONS | EVALUATION_TEXTS).items()
        },
        "ratings": {k: translate(locale, v) for k, v in EVALUATION_DIMENSIONS.items()},
        "actions": {s.value: translate(locale, t) for s, t in ACTIONS.items()},
    }


def source_text(item: ImprovementRead, names: dict[str, dict[str, str]]) -> str:
    """Where an action comes from, for people: the kind, then the item or point."""
    kind = names["ImprovementSource"][item.source.value]
    if item.source is ImprovementSource.EVALUATION and item.source_detail:
        return f"{kind} · {names['evaluation'].get(item.source_detail, item.source_detail)}"
    return f"{kind} · {item.source_detail}" if item.source_detail else kind


def _source_options(
    locale: str, names: dict[str, dict[str, str]], analysis: Any, evaluation: Any, lessons: Any
) -> list[tuple[str, str]]:
    """The choices of the 'from' select: `kind:key` values."""
    options: list[tuple[str, str]] = []
    kinds = names["ImprovementSource"]
    if evaluation is not None:
        for key, text in names["evaluation"].items():
            options.append((f"evaluation:{key}", f"{kinds['evaluation']} · {text}"))
    if analysis is not None:
        for point in analysis.dissatisfied_points:
            options.append(
                (f"dissatisfied_point:{point}", f"{kinds['dissatisfied_point']} · {point}")
            )
        for point in analysis.improvement_items:
            options.append((f"improvement_item:{point}", f"{kinds['improvement_item']} · {point}"))
    for lesson in lessons:
        options.append((f"lesson:{lesson.id}", f"{kinds['lesson']} · {lesson.text[:60]}"))
    return options


def closure_tab(
    db: Session, principal: Principal, project_id: int, locale: str, writable: bool
) -> dict[str, Any]:
    """`writable`: the project page's (false once archived); improvement actions and follow-ups
    stay writable for whoever may write projects."""
    names = labels(locale)
    gate = service.closure(db, principal, project_id, locale)
    analysis = service.satisfaction_analysis(db, principal, project_id)
    evaluation = service.organisation_evaluation(db, principal, project_id)
    lessons = service.lessons(db, principal, project_id)
    actions = improvements.improvements(db, principal, project_id)
    visits = follow_ups.follow_ups(db, principal, project_id)
    register = stakeholders.register(db, principal, project_id) if writable else []
    may_write = principal.can(Permission.WRITE_PROJECTS)
    return {
        "gate": gate,
        "analysis": analysis,
        "evaluation": evaluation,
        "lessons": lessons,
        "improvements": actions,
        "improvement_sources": {a.id: source_text(a, names) for a in actions},
        "follow_ups": visits,
        "closure_labels": names,
        "improvement_badge": STATUS_BADGE,
        "score_options": SCORES,
        "respondent_options": [(str(s.contact_id), s.contact_name) for s in register],
        "category_options": [(c.value, names["LessonCategory"][c.value]) for c in LessonCategory],
        "source_options": _source_options(locale, names, analysis, evaluation, lessons),
        "can_improve": may_write,
        "owner_options": [(str(i), n) for i, n in improvements.owner_choices(db, principal)]
        if may_write
        else [],
        "can_follow_up": may_write and gate.status in ("closed", "archived"),
        "follow_up_default": ", ".join(str(n) for n in gate.follow_up_months),
        "analysis_values": _analysis_values(analysis),
        "evaluation_values": _evaluation_values(evaluation),
    }


def _analysis_values(analysis: Any) -> dict[str, Any]:
    if analysis is None:
        return {}
    return {
        "respondent_id": str(analysis.respondent_id or ""),
        "surveyed_on": analysis.surveyed_on.isoformat(),
        **{f"score_{k}": str(v) for k, v in analysis.scores.items()},
        "satisfied_points": "\n".join(analysis.satisfied_points),
        "dissatisfied_points": "\n".join(analysis.dissatisfied_points),
        "improvement_items": "\n".join(analysis.improvement_items),
    }


def _evaluation_values(evaluation: Any) -> dict[str, Any]:
    if evaluation is None:
        return {}
    return {
        "evaluator_id": str(evaluation.evaluator_id or ""),
        "evaluated_on": evaluation.evaluated_on.isoformat(),
        **{f"rating_{k}": str(v) for k, v in evaluation.ratings.items()},
        "suggestions": evaluation.suggestions or "",
        "criticism": evaluation.criticism or "",
    }


def improvements_page(
    db: Session,
    principal: Principal,
    locale: str,
    *,
    owner_id: int | None,
    project_id: int | None,
    statuses: list[ImprovementStatus],
) -> dict[str, Any]:
    names = labels(locale)
    rows = improvements.all_improvements(
        db, principal, project_id=project_id, owner_id=owner_id, statuses=statuses
    )
    return {
        "rows": rows,
        "sources": {a.id: source_text(a, names) for a in rows},
        "closure_labels": names,
        "improvement_badge": STATUS_BADGE,
        "filters": {
            "owner_id": str(owner_id or ""),
            "project_id": str(project_id or ""),
            "status": [s.value for s in statuses or UNFINISHED],
        },
        "owner_options": [(str(i), n) for i, n in improvements.owner_choices(db, principal)],
        "project_options": [
            (str(i), f"{c} {n}") for i, c, n in improvements.project_choices(db, principal)
        ],
        "status_options": [
            (s.value, names["ImprovementStatus"][s.value]) for s in ImprovementStatus
        ],
    }


def account_lessons_page(
    db: Session, principal: Principal, account_id: int, locale: str
) -> dict[str, Any]:
    """The account's page of lessons learned (its "More" menu): those of all its projects."""
    return {
        "account": get_account(db, principal, account_id),
        "lessons": service.account_lessons(db, principal, account_id),
        "closure_labels": labels(locale),
    }


def opportunity_lessons_page(
    db: Session, principal: Principal, opportunity_id: int, locale: str
) -> dict[str, Any]:
    """An opportunity's 经验教训 tab: the lessons of the account's other projects."""
    opportunity = get_opportunity(db, principal, opportunity_id)
    return {
        "opportunity": opportunity,
        "active_tab": "lessons",
        "lessons": service.opportunity_lessons(
            db, principal, opportunity.account_id, opportunity_id
        ),
        "closure_labels": labels(locale),
        "notice": None,
        "problem": None,
    }
