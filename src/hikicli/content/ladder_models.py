"""Strict model of content/<lang>/ladder.yaml: areas, template steps and every ladder text."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from hikicli.content.models import Slug, Strict, Text
from hikicli.errors import Msg

AREAS = ("room", "home", "outside", "people", "online", "study-work")
AreaId = Literal["room", "home", "outside", "people", "online", "study-work"]


class Area(Strict):
    id: AreaId
    title: Text


class Template(Strict):
    id: Slug
    area: AreaId
    text: Text = Field(max_length=200)
    suds_min: int = Field(ge=0, le=100)
    suds_max: int = Field(ge=0, le=100)
    tip: Text
    variations: list[Text] = Field(min_length=2)

    @model_validator(mode="after")
    def _range(self) -> Template:
        if self.suds_min > self.suds_max:
            raise ValueError(Msg("content.ladder_suds_order", lo=self.suds_min, hi=self.suds_max))
        return self


class Labels(Strict):
    not_started: Text
    practising: Text
    mastered: Text
    paused: Text
    done: Text
    partly: Text
    not_today: Text
    yes: Text
    no: Text
    happened_partly: Text
    happened_skip: Text  # the feared-outcome question is optional


class ListTexts(Strict):
    title: Text
    # the table's headings: id, step, SUDS, status, tries, last tried, strength
    columns: list[Text] = Field(min_length=7, max_length=7)
    empty: Text
    goal: Text
    next_step: Text
    all_mastered: Text
    strength_note: Text
    plan_waiting: Text
    counselor_note: Text  # {id} {note}: a homework pack's note on a step


class ChangeTexts(Strict):
    added: Text
    edited: Text
    removed: Text
    paused: Text
    resumed: Text
    already_paused: Text
    not_paused: Text
    gap: Text
    first_step: Text
    first_step_high: Text


class SuggestTexts(Strict):
    intro: Text
    how_to_add: Text
    tip: Text
    variations: Text
    range: Text = "SUDS {lo}–{hi}"  # {lo} {hi}: an idea's usual range (ja 〜, no ambiguous –)


class BuildTexts(Strict):
    intro: Text
    goal: Text
    areas: Text
    templates: Text
    own: Text
    need_more: Text
    own_short: Text
    short_write: Text
    short_go_on: Text
    short_stop: Text
    ranges_help: Text
    range: Text = "({lo}–{hi})"  # {lo} {hi}: after an idea in the list (ja （20〜45）)
    too_many: Text
    rate: Text
    suds_help: Text
    order_intro: Text
    order_line: Text = "{suds} · {id} · {text}"  # {suds} {id} {text}: one step of the list
    save: Text
    saved: Text
    not_saved: Text


class StepTexts(Strict):
    intro: Text
    counselor_note: Text  # {note}: the counselor's note on this step, from a homework pack
    suds_help: Text
    tip: Text
    what: Text
    where: Text
    when: Text
    minutes_planned: Text
    expected: Text
    fear: Text
    likelihood: Text
    safety: Text
    ready: Text
    ready_now: Text
    ready_later: Text
    go_gently: Text
    plan_saved: Text
    plan_reminder: Text
    result: Text
    peak: Text
    end: Text
    happened: Text
    learned: Text
    with_someone: Text
    minutes: Text
    saved_done: Text
    saved_partly: Text
    saved_not_today: Text
    fear_did_not_happen: Text
    smaller_offer: Text
    smaller_add: Text
    smaller_how: Text
    smaller_added: Text
    smaller_own: Text
    mastered: Text
    mastered_next: Text
    mastered_top: Text


class DashboardTexts(Strict):
    next_step: Text
    plan_waiting: Text
    all_mastered: Text


class LadderContent(Strict):
    areas: list[Area] = Field(min_length=1)
    templates: list[Template] = Field(min_length=40)
    labels: Labels
    listing: ListTexts
    change: ChangeTexts
    suggest: SuggestTexts
    build: BuildTexts
    step: StepTexts
    dashboard: DashboardTexts

    @model_validator(mode="after")
    def _consistent(self) -> LadderContent:
        area_ids = [a.id for a in self.areas]
        problems: list[Msg] = []
        if sorted(area_ids) != sorted(AREAS):
            problems.append(
                Msg("content.ladder_areas", known=", ".join(AREAS), got=", ".join(area_ids))
            )
        seen: set[str] = set()
        for t in self.templates:
            if t.id in seen:
                problems.append(Msg("content.ladder_template_twice", id=t.id))
            seen.add(t.id)
        if problems:
            raise ValueError(Msg("content.problems", problems=problems))
        return self
