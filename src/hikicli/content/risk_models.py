"""Strict models of crisis.yaml (the lines) and risk.yaml (the words of the one risk response).

These two files load on their own (`hikicli.content.risk_content`), so the models import nothing
from the rest of the content package but the strict base.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from hikicli.content.models import Strict, Text
from hikicli.errors import Msg

Channel = Literal["text", "chat", "email", "web", "phone"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_HHMM = re.compile(r"^([01][0-9]|2[0-4]):[0-5][0-9]$")


class OpenSlot(Strict):
    """A time a line answers, in the country's own time: on these weekdays (or this day of the
    month), from `from` up to `to` ("24:00" = midnight at the end of the day)."""

    days: list[Weekday] | None = None
    day_of_month: int | None = Field(None, ge=1, le=31)
    from_: str = Field(alias="from")
    to: str

    @field_validator("from_", "to")
    @classmethod
    def _time(cls, value: str) -> str:
        if not _HHMM.match(value) or value > "24:00":
            raise ValueError(Msg("content.risk_time", value=value))
        return value

    @model_validator(mode="after")
    def _order(self) -> OpenSlot:
        if self.from_ >= self.to:
            raise ValueError(Msg("content.risk_from_to", start=self.from_, end=self.to))
        return self


class CrisisLine(Strict):
    name: Text
    channels: list[Channel] = Field(min_length=1)
    contact: Text
    hours: Text | None = None
    # When it answers, as data: "always" (24 hours) or slots. Without it a line is never called
    # "open now", so it is not in the short block (it stays in `hiki crisis`).
    open: Literal["always"] | list[OpenSlot] | None = None
    note: Text | None = None
    source: Text
    source_note: Text | None = None
    verified_on: dt.date
    status: Literal["confirmed", "unconfirmed"]


class Country(Strict):
    name: Text
    emergency: Text
    utc_offset: float | None = None  # needed when a line has open slots (no daylight saving)
    lines: list[CrisisLine] = Field(min_length=1)

    @model_validator(mode="after")
    def _offset_for_slots(self) -> Country:
        if self.utc_offset is None and any(isinstance(li.open, list) for li in self.lines):
            raise ValueError(Msg("content.risk_utc_offset"))
        return self


class CrisisContent(Strict):
    directory: CrisisLine
    countries: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")], Country]
    default_emergency: Text


LineId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Values = dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Text]


class LineData(Strict):
    """content/crisis-lines.yaml: one line as data, the same in every language."""

    id: LineId
    channels: list[Channel] = Field(min_length=1)
    contact: Values  # numbers and addresses, named for the words' {placeholders}
    open: Literal["always"] | list[OpenSlot] | None = None
    source: Text
    verified_on: dt.date
    status: Literal["confirmed", "unconfirmed"]


class CountryData(Strict):
    emergency: Values
    utc_offset: float | None = None
    lines: list[LineData] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> CountryData:
        ids = [line.id for line in self.lines]
        if len(set(ids)) != len(ids):
            raise ValueError(Msg("content.risk_line_twice"))
        if self.utc_offset is None and any(isinstance(li.open, list) for li in self.lines):
            raise ValueError(Msg("content.risk_utc_offset"))
        return self


class CrisisData(Strict):
    default_emergency: Values
    directory: LineData
    countries: dict[CountryCode, CountryData]


class LineWords(Strict):
    """content/<lang>/crisis.yaml: how one line reads in this language."""

    name: Text
    contact: Text  # with the data's {placeholders}
    hours: Text | None = None
    note: Text | None = None
    # how the source was found, when it is not the line's own page ("cited by many; page not read")
    source_note: Text | None = None


class CountryWords(Strict):
    name: Text
    emergency: Text
    lines: dict[LineId, LineWords]


class CrisisWords(Strict):
    default_emergency: Text
    directory: LineWords
    countries: dict[CountryCode, CountryWords]


class RiskMessages(Strict):
    high: Text
    possible: Text
    note: Text
    family: Text  # a family member's own check-in with very high stress: words for the carer


class BlockTexts(Strict):
    title: Text
    text_first: Text
    more: Text
    # A line's name, contact and hours are joined with these: in Japanese 「：」 and 「・」, never
    # the ambiguous-width " · " (two cells on some Japanese terminals, one on others).
    name_sep: str = ": "
    sep: str = " · "
    bullet: str = "- "
    note_sep: str = " "  # before a line's note: none in Japanese (「…24時間。外国語での…」)
    country_guessed: Text  # {country} {countries}
    country_unknown: Text  # {countries}


class PlanTexts(Strict):
    title: Text
    offer: Text
    hint: Text
    offer_now: Text


class ClosingTexts(Strict):
    title: Text
    cancelled: Text
    error: Text


class Choice(Strict):
    id: Text
    label: Text


class CheckinRiskTexts(Strict):
    question: Text
    choices: list[Choice] = Field(min_length=3, max_length=3)
    thanks: Text
    low_mood_note: Text
    go_on_question: Text
    go_on_choices: list[Choice] = Field(min_length=2, max_length=2)
    stopped: Text
    saved: Text
    dashboard_today: Text
    dashboard_recent: Text

    @model_validator(mode="after")
    def _ids(self) -> CheckinRiskTexts:
        if [c.id for c in self.choices] != ["yes", "no", "skip"]:
            raise ValueError(Msg("content.risk_choices"))
        if [c.id for c in self.go_on_choices] != ["stop", "go"]:
            raise ValueError(Msg("content.risk_go_on_choices"))
        return self


class AssessRiskTexts(Strict):
    meaning: Text  # {item_text}
    item_text: Text  # {item} {answer}
    out_of_range: Text  # {name} {item} {answer}


class CrisisScreenTexts(Strict):
    intro: Text
    lead: Text  # the first line of the one-screen view (a terminal)
    more_enter: Text  # its "more" step, when hiki can wait for Enter
    more_all: Text  # its "more" step otherwise: `hiki crisis --all`
    check_official: Text
    unconfirmed: Text
    stale: Text
    not_stored: Text  # {country} {countries}
    source: Text  # {source} {date}
    source_with_note: Text = "{source} ({note})"  # {source} {note}: a line's source_note
    # the channels' names after a line's name ("(chat)"): the data's ids, in words
    channels: dict[Channel, Text] = Field(default_factory=dict)
    channel_tag: Text = "  ({channels})"  # {channels}: after a line's name
    # when set and a line's name ends with its last character, the channels go inside the
    # name's own brackets instead: 「いのちの電話（フリーダイヤル・電話）」, not 「…）（電話）」
    channel_tag_inside: Text = ""  # {channels}
    country_guessed: Text  # {country_name} {countries} {codes}
    country_guessed_not_stored: Text  # {country} {countries}
    country_unknown: Text  # {countries}
    help_country: Text  # {countries}
    fallback_used: Text  # {problem}


class RiskContent(Strict):
    messages: RiskMessages
    block: BlockTexts
    plan: PlanTexts
    closing: ClosingTexts
    cancelled: Text
    pointer: Text
    unknown_command: Text
    checkin: CheckinRiskTexts
    assess: AssessRiskTexts
    note_phrases: list[Text] = Field(min_length=1, max_length=200)
    crisis: CrisisScreenTexts
