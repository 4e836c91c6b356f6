"""Strict model of content/en/safety.yaml: the safety plan's steps, the words shown when an answer
suggests risk, the questionnaire screens and the check-in's "are you safe right now?" follow-up."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from hikicli.content.models import Strict, Text
from hikicli.domain.safety_plan import SECTIONS

SectionId = Literal[
    "warning-signs", "coping", "distractions", "people", "professionals", "environment"
]


class PlanSection(Strict):
    id: SectionId
    title: Text
    prompt: Text  # the question asked in `hiki safety-plan edit`
    examples: list[Text] = Field(min_length=1, max_length=6)


class PlanContent(Strict):
    title: Text
    intro: Text
    empty: Text
    sections: list[PlanSection] = Field(min_length=6, max_length=6)
    examples_title: Text
    add_prompt: Text
    add_more_prompt: Text
    remove_prompt: Text
    crisis_lines_prompt: Text
    saved: Text
    unchanged: Text
    removed: Text
    added: Text
    export_footer: Text
    offer_now: Text

    @model_validator(mode="after")
    def _six_steps_in_order(self) -> PlanContent:
        if tuple(s.id for s in self.sections) != SECTIONS:
            raise ValueError(f"sections must be the six steps in this order: {', '.join(SECTIONS)}")
        return self


class RiskContent(Strict):
    message: Text  # calm, shown at once when an answer suggests risk
    plan_title: Text
    no_plan: Text  # the offer to make a plan, when there is none yet
    lines_title: Text
    plan_locked: Text  # a plan may exist but cannot be read now (encrypted, damaged log)


class AssessContent(Strict):
    list_title: Text
    list_row: Text  # {title} {count}
    list_footer: Text
    score: Text  # placeholders {name} {total} {lowest} {highest}
    percent: Text  # {percent}
    band: Text  # {label}
    subscale: Text  # {name} {total}
    not_diagnosis: Text
    risk_note: Text  # after a risk answer, whatever the band
    suggest_professional: Text
    offer_full: Text  # {name} {id}
    offer_full_question: Text  # {name}
    licence_unconfirmed: Text
    own_file: Text  # {path}
    saved: Text
    history_title: Text  # {name}
    history_empty: Text
    history_change_up: Text  # {change} {unit}
    history_change_down: Text
    unit_points: Text
    unit_percent: Text
    file_shadowed: Text  # {id} {path}


SafeChoiceId = Literal["yes", "no", "skip"]


class SafeChoice(Strict):
    id: SafeChoiceId
    label: Text


class CheckinSafetyContent(Strict):
    question: Text
    choices: list[SafeChoice] = Field(min_length=3, max_length=3)
    thanks: Text  # after "yes"
    skipped: Text  # after "I'd rather not say"
    low_mood_note: Text  # flags form, mood at or below the threshold and no --safe given


class SafetyContent(Strict):
    plan: PlanContent
    risk: RiskContent
    assess: AssessContent
    checkin: CheckinSafetyContent
