"""Strict pydantic models of the content format. Unknown keys and wrong types are errors."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]

STRATEGIES = (
    "professional-help",
    "social-reintegration",
    "family",
    "academic-pressure",
    "ongoing-support",
)
Strategy = Literal[
    "professional-help", "social-reintegration", "family", "academic-pressure", "ongoing-support"
]
Audience = Literal["self", "family", "counselor"]
CONTACT_IDS = ("none", "family", "online", "phone", "in-person")
ContactId = Literal["none", "family", "online", "phone", "in-person"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(Strict):
    title: Text
    url: Text | None = None


class When(Strict):
    """Conditions on a check-in, all optional, bounds inclusive; all given ones must hold."""

    mood_min: int | None = Field(None, ge=0, le=10)
    mood_max: int | None = Field(None, ge=0, le=10)
    anxiety_min: int | None = Field(None, ge=0, le=10)
    anxiety_max: int | None = Field(None, ge=0, le=10)
    energy_min: int | None = Field(None, ge=0, le=10)
    energy_max: int | None = Field(None, ge=0, le=10)
    sleep_min: float | int | None = Field(None, ge=0, le=24)
    sleep_max: float | int | None = Field(None, ge=0, le=24)
    outside_min: int | None = Field(None, ge=0, le=1440)
    outside_max: int | None = Field(None, ge=0, le=1440)
    contact_any: list[ContactId] | None = None
    contact_none: bool | None = None


class ScaleQuestion(Strict):
    prompt: Text
    low: Text
    high: Text


class PlainQuestion(Strict):
    prompt: Text
    help: Text | None = None


class CheckinQuestions(Strict):
    mood: ScaleQuestion
    anxiety: ScaleQuestion
    energy: ScaleQuestion
    slept: PlainQuestion  # with checkin.sleep_times: when one went to sleep
    woke: PlainQuestion  # ... and got up
    sleep: PlainQuestion
    outside: PlainQuestion
    contact: PlainQuestion
    note: PlainQuestion


class Choice(Strict):
    id: ContactId
    label: Text


class Reflection(Strict):
    id: Slug
    when: When | None = None
    text: Text


class CheckinContent(Strict):
    intro: Text
    questions: CheckinQuestions
    time_format: Text  # said under a sleep-time answer that is not a time
    with_help: Text = "{prompt} ({help})"  # a question and its hint, in the language's brackets
    scale_anchors: Text = "{prompt}  0 = {low}, 10 = {high}"  # a 0-10 question and its two ends
    contact_choices: list[Choice] = Field(min_length=5, max_length=5)
    reflections: list[Reflection] = Field(min_length=1)


class Suggestion(Strict):
    id: Slug
    strategy: Strategy
    text: Text
    when: When | None = None


class SuggestionsContent(Strict):
    suggestions: list[Suggestion] = Field(min_length=1)


class PromptTexts(Strict):
    """The words of the questions' own machinery (hikicli.prompting)."""

    whole_number: Text  # {lo} {hi}
    number: Text  # {lo} {hi}
    too_long: Text  # {max}
    exclusive: Text  # {label}: a box that cannot be ticked with others ("No one today")
    select_instruction: Text
    checkbox_instruction: Text
    # right after a 0-10 question, with the space before it where the language has one
    # (en " (0–10)"; ja 「（0〜10）」, full-width, no space)
    scale_range: Text = " ({lo}–{hi})"
    # A language that names yes and no asks a yes/no question as a choice of the two (the keys
    # y/n and questionary's own "(Y/n)" and "Yes" are English); without them, y/n keys.
    yes: Text | None = None
    no: Text | None = None


class UiContent(Strict):
    greeting_morning: Text
    greeting_afternoon: Text
    greeting_evening: Text
    greeting_night: Text
    welcome_title: Text
    welcome: Text
    welcome_country_guessed: Text  # {country_name} {codes}
    welcome_country_set: Text  # {country_name}
    welcome_country_not_stored: Text  # {country} {codes}
    welcome_country_unknown: Text  # {codes}
    welcome_language: Text  # {language} {how}; the first run says which language it picked
    language_names: dict[str, Text]  # en, ja: each language's name, in this language
    language_how: dict[Literal["env", "setting", "locale", "default"], Text]
    weekdays: list[Text] = Field(min_length=7, max_length=7)  # Monday first
    day_label: Text  # {weekday} {day}: a day in the dashboard's week
    week_columns: list[Text] = Field(min_length=5, max_length=5)  # mood … contact
    week_minutes: Text  # {minutes}: the week's outside column
    week_contact: dict[str, Text]  # contact id -> its short label in the week's contact column
    week_list_sep: Text  # between two contacts (", " or "、")
    # a bar's filled and empty cell: one cell wide on every terminal in Japanese (no EAW=A █ ·)
    week_bar: list[Text] = Field(min_length=2, max_length=2)
    prompts: PromptTexts
    welcome_back: Text
    checkin_done_today: Text
    checkin_not_yet: Text
    week_title: Text
    suggestion_title: Text
    no_entries_yet: Text
    no_entries_yet_family: Text  # {hiki}
    no_entries_since: Text
    footer_crisis: Text
    checkin_saved: Text
    cancelled: Text
    guide_disclaimer: Text
    guide_unknown_topic: Text  # {topic} {topics}
    guide_list_footer: Text
    guide_list_sep: Text = " — "  # between a guide's title and summary (ja ：, no ambiguous —)
    guide_sources_title: Text  # the heading over a guide's sources
    guide_source_url: Text  # {title} {url}: one source with its address (ja ：, no ambiguous —)
    wipe_confirm: Text
    wipe_done: Text  # {profile}
    wipe_others: Text  # {profiles}: the profiles still on this computer


class AudienceText(Strict):
    title: Text
    body: Text


class GuideAudiences(Strict):
    """Every audience is named; a practical reading (READINGS) may say `family: null` when it
    is written for the person only (the family's readings are `hiki family read`)."""

    self: AudienceText
    family: AudienceText | None
    counselor: AudienceText | None


# Practical readings beside the five strategies.
READINGS = ("sleep-rhythm",)


class GuideTopic(Strict):
    id: Strategy | Literal["sleep-rhythm"]
    title: Text
    summary: Text
    audiences: GuideAudiences
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _strategies_have_every_audience(self) -> GuideTopic:
        if self.id in STRATEGIES and (
            self.audiences.family is None or self.audiences.counselor is None
        ):
            from hikicli.errors import Msg

            raise ValueError(Msg("content.guide_every_audience", topic=self.id))
        return self
