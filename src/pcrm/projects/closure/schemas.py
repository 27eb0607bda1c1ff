"""API schemas of a project's closure (收尾)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from pcrm.core.dates import Day
from pcrm.core.types import Id
from pcrm.projects.closure.vocab import ImprovementSource, ImprovementStatus, LessonCategory
from pcrm.projects.schemas import LongText, ReadSchema, WriteSchema

Score = Annotated[int, Field(ge=1, le=5, description="1 (poor) to 5 (excellent)")]
Point = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Points = Annotated[list[Point], Field(default_factory=list, max_length=30)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class SatisfactionScores(WriteSchema):
    """客户满意度: 沟通, 响应, 质量, 进度, 成本, 团队, 服务."""

    communication: Score
    responsiveness: Score
    quality: Score
    schedule: Score
    cost: Score
    team: Score
    service: Score


class SatisfactionAnalysisWrite(WriteSchema):
    respondent_id: Id = Field(description="The customer's contact who answered (a stakeholder).")
    surveyed_on: Day | None = Field(default=None, description="When they answered (today).")
    scores: SatisfactionScores
    satisfied_points: Points = Field(description="满意点")
    dissatisfied_points: Points = Field(description="欠满意点")
    improvement_items: Points = Field(description="需改进事宜")


class SatisfactionAnalysisRead(ReadSchema):
    id: Id
    project_id: Id
    respondent_id: Id | None
    respondent_name: str | None
    surveyed_on: Day
    scores: dict[str, int]
    average: float = Field(description="The mean of the scores, one decimal.")
    satisfied_points: list[str]
    dissatisfied_points: list[str]
    improvement_items: list[str]
    version: int


class EvaluationRatings(WriteSchema):
    communication: Score
    responsiveness: Score
    needs_understanding: Score
    delivery_quality: Score
    schedule: Score
    cost_control: Score
    change_handling: Score
    professionalism: Score


class OrganisationEvaluationWrite(WriteSchema):
    evaluator_id: Id = Field(description="The customer's contact who evaluated (a stakeholder).")
    evaluated_on: Day | None = Field(default=None, description="When (today).")
    ratings: EvaluationRatings
    suggestions: LongText = None
    criticism: LongText = None


class OrganisationEvaluationRead(ReadSchema):
    id: Id
    project_id: Id
    evaluator_id: Id | None
    evaluator_name: str | None
    evaluated_on: Day
    ratings: dict[str, int]
    average: float
    suggestions: str | None
    criticism: str | None
    version: int


class LessonWrite(WriteSchema):
    category: LessonCategory
    text: Text


class LessonUpdate(WriteSchema):
    category: LessonCategory | None = None
    text: Text | None = None


class LessonRead(ReadSchema):
    id: Id
    project_id: Id
    category: LessonCategory
    text: str
    author_id: Id | None
    author_name: str | None
    written_on: Day
    version: int


class AccountLessonRead(LessonRead):
    """A lesson as shown on the account and its later opportunities: with its project."""

    project_code: str
    project_name: str


class ImprovementWrite(WriteSchema):
    title: Title
    source: ImprovementSource
    source_detail: Annotated[
        str | None, StringConstraints(strip_whitespace=True, max_length=500)
    ] = Field(
        default=None,
        description="For evaluation: the item (a rating key, suggestions or criticism); for a "
        "dissatisfied point or improvement item: its text as in the analysis.",
    )
    lesson_id: Id | None = Field(default=None, description="For lesson: the lesson.")
    owner_id: Id
    due_on: Day
    note: LongText = None


class ImprovementUpdate(WriteSchema):
    title: Title | None = None
    owner_id: Id | None = None
    due_on: Day | None = None
    note: LongText = None


class ImprovementMove(WriteSchema):
    status: ImprovementStatus
    on: Day | None = Field(default=None, description="The day of the move (today).")


class ImprovementRead(ReadSchema):
    id: Id
    project_id: Id
    project_code: str
    project_name: str
    title: str
    source: ImprovementSource
    source_detail: str | None
    lesson_id: Id | None
    owner_id: Id | None
    owner_name: str | None
    due_on: Day
    overdue: bool
    status: ImprovementStatus
    note: str | None
    done_on: Day | None
    verified_by_id: Id | None
    verified_by_name: str | None
    verified_on: Day | None
    next_statuses: list[ImprovementStatus]
    version: int


class FollowUpWrite(WriteSchema):
    due_on: Day
    note: LongText = None


class FollowUpUpdate(WriteSchema):
    due_on: Day | None = None
    note: LongText = None


class FollowUpDone(WriteSchema):
    done_on: Day | None = Field(default=None, description="When it was held (today).")
    note: LongText = None


class FollowUpRead(ReadSchema):
    id: Id
    project_id: Id
    due_on: Day
    done_on: Day | None
    note: str | None
    done_by_id: Id | None
    done_by_name: str | None
    version: int


class ClosureCheck(BaseModel):
    """One act the closure gate needs: its code, whether it is done, and what to do."""

    code: str
    passed: bool
    message: str = Field(description="What the act is, in the reader's language.")


class ClosureRead(BaseModel):
    project_id: Id
    status: str
    can_close: bool = Field(description="Every check passes and the project is active.")
    checks: list[ClosureCheck]
    follow_up_months: list[int] = Field(description="The default follow-up plan at closure.")
    version: int = Field(description="The project's version, for If-Match on closing.")


class CloseProject(WriteSchema):
    follow_up_months: list[Annotated[int, Field(ge=1, le=60)]] | None = Field(
        default=None,
        max_length=12,
        description="Months after closure of the follow-up visits (1, 3 and 12 unless given).",
    )
