"""Strict models of a counselor's homework pack, and of the texts in content/en/homework.yaml.

A pack is a YAML file a counselor writes for one person. Every problem is reported with file, line,
column and field by `content.validate.validate_located`, so the rules that can be tied to one field
(dates, ids) are field validators: their errors point at that field's line.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from hikicli.content.models import Audience, Slug, Strategy, Strict
from hikicli.errors import Msg

MAX_PACK_DAYS = 366
MAX_TASKS = 50
MAX_LESSON = 20


def terminal_safe(text: str) -> str:
    """Pack text reaches the person's terminal: no control characters (escape sequences could
    colour, disguise a link or clear the screen), and not only spaces. Newlines and tabs stay."""
    for char in text:
        if (ord(char) < 32 and char not in "\n\t") or 0x7F <= ord(char) < 0xA0:
            raise ValueError(Msg("content.pack_control", code=f"{ord(char):04X}"))
        if char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
            raise ValueError(Msg("content.pack_direction", code=f"{ord(char):04X}"))
    if not text.strip():
        raise ValueError(Msg("content.pack_blank"))
    return text


# terminal_safe as a JSON-Schema pattern (ECMA-262 and Python `re` alike), so a file checked
# against `hiki content schema` is refused for the same text: some character that is not a
# space, and none of the control or direction characters.
SAFE_TEXT = r"^(?=[\s\S]*\S)[^\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
Text = Annotated[
    str,
    Field(min_length=1),
    AfterValidator(terminal_safe),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": SAFE_TEXT}),
]
Short = Annotated[
    str,
    Field(min_length=1, max_length=300),
    AfterValidator(terminal_safe),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 300, "pattern": SAFE_TEXT}),
]
TASK_LISTS = ("ladder_steps", "readings", "questionnaires", "reflections", "lessons")


def pack_rules(schema: dict[str, Any]) -> None:
    """The pack rules JSON Schema can say, beside the fields: at least one task; ladder steps
    only for the person, lessons only for a family member. The rest is said in words."""
    schema["allOf"] = [
        {
            "anyOf": [
                *({"required": [k], "properties": {k: {"minItems": 1}}} for k in TASK_LISTS),
                {"required": ["checkins"], "properties": {"checkins": {"type": "object"}}},
            ]
        },
        {
            "if": {"required": ["audience"], "properties": {"audience": {"const": "family"}}},
            "then": {"properties": {"ladder_steps": {"maxItems": 0}}},
            "else": {"properties": {"lessons": {"maxItems": 0}}},
        },
    ]
    schema["description"] = (
        "A counselor's homework pack (hiki homework check FILE). Checked by hiki only: the due "
        f"date on or after the start and less than {MAX_PACK_DAYS} days after it; each "
        "reading topic, questionnaire and reflection id and lesson once; numbers written "
        "plainly (no leading zero, no 1:30)."
    )


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


class LessonTask(Strict):
    """A lesson of the family programme (`hiki family lesson N`): done when its exercise is."""

    number: int = Field(ge=1, le=MAX_LESSON)


class FamilyReadingTask(Strict):
    """A short reading for families (`hiki family read ID`): done when it is opened."""

    id: Slug


class HomeworkPack(Strict):
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, json_schema_extra=pack_rules
    )

    id: Slug
    title: Short
    counselor: Short | None = None
    message: Text | None = None
    start: dt.date
    due: dt.date
    # family: for a family member's own profile; their practice is lessons and reflections,
    # their check-ins are `hiki family checkin` (never the person's homework, nor theirs).
    audience: Literal["self", "family"] = "self"
    ladder_steps: list[LadderStepTask] = Field(default_factory=list, max_length=MAX_TASKS)
    checkins: CheckinPlan | None = None
    readings: list[ReadingTask] = Field(default_factory=list, max_length=MAX_TASKS)
    questionnaires: list[QuestionnaireTask] = Field(default_factory=list, max_length=MAX_TASKS)
    reflections: list[ReflectionTask] = Field(default_factory=list, max_length=MAX_TASKS)
    lessons: list[LessonTask] = Field(default_factory=list, max_length=MAX_LESSON)
    family_readings: list[FamilyReadingTask] = Field(default_factory=list, max_length=MAX_TASKS)

    @field_validator("due")
    @classmethod
    def due_after_start(cls, due: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start")
        if isinstance(start, dt.date):
            if due < start:
                raise ValueError(
                    Msg(
                        "content.pack_due_before_start",
                        due=due.isoformat(),
                        start=start.isoformat(),
                    )
                )
            if (due - start).days >= MAX_PACK_DAYS:
                raise ValueError(Msg("content.pack_too_long", days=MAX_PACK_DAYS))
        return due

    @field_validator("readings")
    @classmethod
    def one_reading_per_topic(cls, readings: list[ReadingTask]) -> list[ReadingTask]:
        _no_duplicates([r.topic for r in readings], "topic")
        return readings

    @field_validator("questionnaires", "reflections", "family_readings")
    @classmethod
    def unique_ids(
        cls, items: list[QuestionnaireTask | ReflectionTask | FamilyReadingTask]
    ) -> list[Any]:
        _no_duplicates([i.id for i in items], "id")
        return items

    @field_validator("lessons")
    @classmethod
    def one_task_per_lesson(cls, lessons: list[LessonTask]) -> list[LessonTask]:
        _no_duplicates([str(lesson.number) for lesson in lessons], "lesson")
        return lessons

    @field_validator("ladder_steps", "lessons", "family_readings")
    @classmethod
    def fits_the_audience(cls, items: list[Any], info: ValidationInfo) -> list[Any]:
        audience = info.data.get("audience", "self")
        if items and info.field_name == "ladder_steps" and audience == "family":
            raise ValueError(Msg("content.pack_family_ladder"))
        if items and info.field_name == "lessons" and audience != "family":
            raise ValueError(Msg("content.pack_lessons_family"))
        if items and info.field_name == "family_readings" and audience != "family":
            raise ValueError(Msg("content.pack_family_readings_family"))
        return items

    @model_validator(mode="after")
    def has_a_task(self) -> HomeworkPack:
        if not (
            self.ladder_steps
            or self.checkins
            or self.readings
            or self.questionnaires
            or self.reflections
            or self.lessons
            or self.family_readings
        ):
            raise ValueError(Msg("content.pack_no_task"))
        return self


def _no_duplicates(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(Msg(f"content.pack_twice_{what}", value=value))
        seen.add(value)


class HomeworkGuide(Strict):
    title: Text
    body: Text


class HomeworkTexts(Strict):
    """Everything `hiki homework` says, so wording stays reviewable in one place."""

    none_yet: Text
    pack_heading: Text  # {title}, {counselor}
    # How a task line is put together (ja: full-width brackets and colon, no ambiguous — “ ”)
    task_line: Text = "{kind}: {what}"
    with_command: Text = "{text} ({command})"
    with_progress: Text = "{what} — {progress}"
    by_counselor: Text = "{title} — {counselor}"
    quoted: Text = "“{answer}”"
    window: Text  # {start}, {due}
    days_left: Text  # {days}
    due_today: Text
    ended: Text
    task_kinds: dict[
        Literal[
            "checkins",
            "reading",
            "ladder",
            "questionnaire",
            "reflection",
            "lesson",
            "family_reading",
        ],
        Text,
    ]
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
    # after `imported`, in a family member's profile, for a pack not marked `audience: family`
    imported_in_family: Text  # {profile} {file}
    replaced: Text
    not_imported: Text
    ladder_added: Text  # {step}, {suds}
    ladder_rate_first: Text  # {step}
    answer_saved: Text
    marked_done: Text
    past_due_note: Text
    unknown_questionnaire: Text  # {id}, {known}
    unknown_family_reading: Text  # {id}, {known}
    dashboard_line: Text  # {title}, {when}


class HomeworkContent(Strict):
    texts: HomeworkTexts
    guide: HomeworkGuide
