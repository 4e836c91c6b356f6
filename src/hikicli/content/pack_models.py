"""Strict models of a counselor's homework pack, and of the texts in content/en/homework.yaml.

A pack is a YAML file a counselor writes for one person. Every problem is reported with file, line,
column and field by `content.validate.validate_located`, so the rules that can be tied to one field
(dates, ids) are field validators: their errors point at that field's line.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from hikicli.content.models import Audience, Slug, Strategy, Strict, Text

MAX_PACK_DAYS = 366
MAX_TASKS = 50

Short = Annotated[str, Field(min_length=1, max_length=300)]


class LadderStepTask(Strict):
    """A small step for the person's ladder, in their own words if possible."""

    step: Short
    expected_suds: int | None = Field(None, ge=0, le=100)  # expected distress, 0-100
    note: Text | None = None


class CheckinPlan(Strict):
    days_per_week: int = Field(ge=1, le=7)


class ReadingTask(Strict):
    topic: Strategy
    audience: Audience = "self"


class QuestionnaireTask(Strict):
    id: Slug
    every: Literal["once", "weekly"] = "once"


class ReflectionTask(Strict):
    id: Slug
    question: Text


class HomeworkPack(Strict):
    id: Slug
    title: Short
    counselor: Short | None = None
    message: Text | None = None
    start: dt.date
    due: dt.date
    ladder_steps: list[LadderStepTask] = Field(default_factory=list, max_length=MAX_TASKS)
    checkins: CheckinPlan | None = None
    readings: list[ReadingTask] = Field(default_factory=list, max_length=MAX_TASKS)
    questionnaires: list[QuestionnaireTask] = Field(default_factory=list, max_length=MAX_TASKS)
    reflections: list[ReflectionTask] = Field(default_factory=list, max_length=MAX_TASKS)

    @field_validator("due")
    @classmethod
    def due_after_start(cls, due: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start")
        if isinstance(start, dt.date):
            if due < start:
                raise ValueError(
                    f"the due date {due.isoformat()} is before the start date {start.isoformat()}"
                )
            if (due - start).days >= MAX_PACK_DAYS:
                raise ValueError(f"a pack can last at most {MAX_PACK_DAYS} days")
        return due

    @field_validator("readings")
    @classmethod
    def one_reading_per_topic(cls, readings: list[ReadingTask]) -> list[ReadingTask]:
        _no_duplicates([r.topic for r in readings], "topic")
        return readings

    @field_validator("questionnaires", "reflections")
    @classmethod
    def unique_ids(cls, items: list[QuestionnaireTask | ReflectionTask]) -> list[Any]:
        _no_duplicates([i.id for i in items], "id")
        return items

    @model_validator(mode="after")
    def has_a_task(self) -> HomeworkPack:
        if not (
            self.ladder_steps
            or self.checkins
            or self.readings
            or self.questionnaires
            or self.reflections
        ):
            raise ValueError(
                "a pack needs at least one task: ladder_steps, checkins, readings, "
                "questionnaires or reflections"
            )
        return self


def _no_duplicates(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"the {what} '{value}' appears twice")
        seen.add(value)


class HomeworkGuide(Strict):
    title: Text
    body: Text


class HomeworkTexts(Strict):
    """Everything `hiki homework` says, so wording stays reviewable in one place."""

    none_yet: Text
    pack_heading: Text  # {title}, {counselor}
    window: Text  # {start}, {due}
    days_left: Text  # {days}
    due_today: Text
    ended: Text
    task_kinds: dict[Literal["checkins", "reading", "ladder", "questionnaire", "reflection"], Text]
    checkin_plan: Text  # {days}
    status_done: Text
    status_open: Text
    checkin_progress: Text  # {done}, {needed}, {week}, {weeks}
    weekly_progress: Text  # {done}, {needed}
    answer_hint: Text
    done_hint: Text
    all_done: Text
    summary_intro: Text
    confirm_import: Text
    imported: Text
    replaced: Text
    not_imported: Text
    ladder_added: Text  # {step}, {suds}
    ladder_rate_first: Text  # {step}
    answer_saved: Text
    marked_done: Text
    past_due_note: Text
    unknown_questionnaire: Text  # {id}, {known}
    dashboard_line: Text  # {title}, {when}


class HomeworkContent(Strict):
    texts: HomeworkTexts
    guide: HomeworkGuide
