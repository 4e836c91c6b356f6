"""Strict model of content/<lang>/restart.yaml: the restart plan's four steps and words."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from hikicli.content.models import Strict, Text
from hikicli.content.safety_models import PlanStopped
from hikicli.domain.restart_plan import SECTIONS

SectionId = Literal["early-signs", "helped-before", "first-step", "tell"]


class RestartSection(Strict):
    id: SectionId
    title: Text
    prompt: Text
    examples: list[Text] = Field(min_length=1, max_length=6)


class RestartPlanWords(Strict):
    """The same words the safety plan's editor uses (flows/safety_plan walks both)."""

    title: Text
    intro: Text
    empty: Text
    sections: list[RestartSection] = Field(min_length=4, max_length=4)
    examples_title: Text
    add_prompt: Text
    add_more_prompt: Text
    remove_prompt: Text
    saved: Text
    unchanged: Text
    added: Text
    removed: Text
    export_footer: Text
    stopped: PlanStopped

    @model_validator(mode="after")
    def _four_steps_in_order(self) -> RestartPlanWords:
        if tuple(s.id for s in self.sections) != SECTIONS:
            raise ValueError(f"sections: {', '.join(SECTIONS)}")
        return self


class RestartContent(Strict):
    plan: RestartPlanWords
    welcome_read: Text
    welcome_make: Text
