"""Strict model of content/<lang>/activity.yaml: `hiki activity`'s words and its menu."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from hikicli.content.models import Slug, Strict, Text

Energy = Literal["very-low", "low", "some"]
CategoryId = Literal["body", "home", "senses", "making", "connecting", "outside"]


class Activity(Strict):
    id: Slug
    energy: Energy
    text: Text


class Category(Strict):
    id: CategoryId
    title: Text
    activities: list[Activity] = Field(min_length=1)


class Times(Strict):
    now: Text
    morning: Text
    afternoon: Text
    evening: Text
    night: Text


class ActivityProgress(Strict):
    """`hiki progress` and the report: the activities rated highest (cli/activity_view.py)."""

    heading: Text  # {rated}: activities rated in the period
    enjoyed: Text  # the list rated highest for enjoyment (pleasure)
    achieved: Text  # the list rated highest as an achievement (mastery)
    times: Text  # column: how often it was done
    pleasure: Text  # column: its average enjoyment, 0-10
    mastery: Text  # column: its average achievement, 0-10
    note: Text


class ActivityContent(Strict):
    intro: Text
    energy_question: Text
    choose_question: Text
    rate_choice: Text  # {text} {when}
    own_choice: Text
    own_prompt: Text
    when_question: Text
    times: Times
    do_it_now: Text
    pleasure_question: Text
    mastery_question: Text
    saved: Text
    planned: Text
    list_title: Text  # {energy}
    list_all_title: Text
    list_footer: Text
    progress: ActivityProgress
    dashboard_idea: Text  # {text} {pleasure} {mastery}: something that helped before
    categories: list[Category] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_once(self) -> ActivityContent:
        ids = [a.id for c in self.categories for a in c.activities]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"duplicated: {', '.join(twice)}")
        return self
