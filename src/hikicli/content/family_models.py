"""Strict models of the family programme (content/en/family.yaml): modules, exercises, check-in."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from hikicli.content.models import PlainQuestion, ScaleQuestion, Strict, Text
from hikicli.errors import Msg

# Exercise answer keys are typed on the command line (`--answer trigger=...`): short and plain.
AnswerKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,23}$")]
ModuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class ExerciseField(Strict):
    key: AnswerKey
    prompt: Text
    help: Text | None = None


class Exercise(Strict):
    title: Text
    intro: Text
    fields: list[ExerciseField] = Field(min_length=1, max_length=4)
    saved: Text
    privacy: Text | None = None  # said before the questions and after the save ({hiki})

    @field_validator("fields")
    @classmethod
    def unique_keys(cls, fields: list[ExerciseField]) -> list[ExerciseField]:
        keys = [f.key for f in fields]
        if len(set(keys)) != len(keys):
            raise ValueError(Msg("content.family_field_twice"))
        return fields


class Recall(Strict):
    """An earlier lesson's answer brought back in this one (lesson 9 returns to the small goal
    of lesson 1): shown with the lesson when the family member wrote it."""

    module: ModuleId
    key: AnswerKey
    text: Text  # {answer}


class FamilyModule(Strict):
    id: ModuleId
    title: Text
    summary: Text
    reading: Text
    exercise: Exercise
    recall: Recall | None = None


class FamilyCheckinTexts(Strict):
    intro: Text
    stress: ScaleQuestion
    positive: PlainQuestion
    selfcare: PlainQuestion
    with_help: Text  # a question with its hint: {prompt} {help} (the language's brackets)
    scale_anchors: Text = "{prompt}  0 = {low}, 10 = {high}"  # the stress question and its ends
    saved: Text
    no_selfcare: Text  # shown when no act of self-care was named
    kind_word: Text  # shown otherwise


class FamilyTexts(Strict):
    intro: Text
    safety: Text
    list_title: Text
    status_new: Text
    status_read: Text
    status_done: Text
    next_hint: Text  # {number}
    all_done: Text
    exercise_offer: Text
    with_help: Text  # an exercise question with its hint: {prompt} {help}
    read_saved: Text
    empty_answers: Text
    dashboard_line: Text  # {done}, {total}, {number}
    dashboard_done: Text
    dashboard_checkin: Text
    main_profile_note: Text  # `hiki family` in the main profile: where the programme runs
    main_profile_refused: Text  # a save asked for in the main profile, refused
    started: Text  # {profile}, {hiki}
    already_started: Text  # {profile}, {hiki}
    start_main_refused: Text
    welcome_pointer: Text  # added to the main profile's first welcome
    pager_hint: Text  # under a paged lesson: how to read it again
    readings_pointer: Text  # under the lesson list: the short readings ({hiki})
    readings_title: Text  # `hiki family read`: the list's title
    readings_footer: Text  # under that list: how to open one ({hiki})
    reading_next_title: Text  # the heading of a reading's one next step
    reading_pager_hint: Text  # under a paged reading: how to read it again ({hiki}, {id})


class FamilyDashboard(Strict):
    """A family profile's own welcome and overview (`hiki` in that profile)."""

    welcome_title: Text
    welcome: Text  # {hiki}, {data_dir}
    week_title: Text
    week_columns: list[Text] = Field(min_length=1, max_length=1)  # the stress column
    checkin_done_today: Text
    guides_hint: Text  # {hiki}
    idea_title: Text
    ideas: list[Text] = Field(min_length=1, max_length=60)  # one idea for carers a day


class FamilyReading(Strict):
    """A short reading for families on one topic (content/<lang>/family-readings/ID.yaml,
    `hiki family read ID`): warm, short, ending with one next step. `{hiki}` in it names the
    reader's profile."""

    id: ModuleId
    title: Text
    summary: Text
    body: Text
    next_step: Text  # the one next step it ends with


class FamilyContent(Strict):
    texts: FamilyTexts
    modules: list[FamilyModule] = Field(min_length=1, max_length=20)
    checkin: FamilyCheckinTexts
    dashboard: FamilyDashboard

    @field_validator("modules")
    @classmethod
    def unique_ids(cls, modules: list[FamilyModule]) -> list[FamilyModule]:
        ids = [m.id for m in modules]
        if len(set(ids)) != len(ids):
            raise ValueError(Msg("content.family_module_twice"))
        keys = {m.id: {f.key for f in m.exercise.fields} for m in modules}
        for m in modules:
            if m.recall is not None and m.recall.key not in keys.get(m.recall.module, set()):
                raise ValueError(Msg("content.family_recall_unknown", module=m.recall.module))
        return modules
