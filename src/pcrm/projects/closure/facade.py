"""What `pcrm.projects.public` offers of the closure (收尾): the demo's writes and the figures the
loyalty area may read (the customer's satisfaction analysis and evaluation), all returning
schemas."""

from __future__ import annotations

from pcrm.projects.closure.follow_ups import follow_ups, record_follow_up
from pcrm.projects.closure.improvements import add_improvement, move_improvement
from pcrm.projects.closure.schemas import (
    EvaluationRatings,
    FollowUpDone,
    ImprovementMove,
    ImprovementWrite,
    LessonWrite,
    OrganisationEvaluationWrite,
    SatisfactionAnalysisWrite,
    SatisfactionScores,
)
from pcrm.projects.closure.service import (
    account_lessons,
    add_lesson,
    organisation_evaluation,
    satisfaction_analysis,
    save_organisation_evaluation,
    save_satisfaction_analysis,
)
from pcrm.projects.closure.vocab import ImprovementSource, ImprovementStatus, LessonCategory

__all__ = [
    "EvaluationRatings",
    "FollowUpDone",
    "ImprovementMove",
    "ImprovementSource",
    "ImprovementStatus",
    "ImprovementWrite",
    "LessonCategory",
    "LessonWrite",
    "OrganisationEvaluationWrite",
    "SatisfactionAnalysisWrite",
    "SatisfactionScores",
    "account_lessons",
    "add_improvement",
    "add_lesson",
    "follow_ups",
    "move_improvement",
    "organisation_evaluation",
    "record_follow_up",
    "satisfaction_analysis",
    "save_organisation_evaluation",
    "save_satisfaction_analysis",
]
