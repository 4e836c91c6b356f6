"""Strict model of content/en/safety.yaml: the safety plan's steps and words, and the questionnaire
screens. (The risk response's words live in risk.yaml, loaded on their own.)"""

from __future__ import annotations

from string import Formatter
from typing import Literal

from pydantic import Field, model_validator

from hikicli.content.models import Strict, Text
from hikicli.domain.safety_plan import SECTIONS
from hikicli.errors import Msg

SectionId = Literal[
    "warning-signs", "coping", "distractions", "people", "professionals", "environment"
]


class PlanSection(Strict):
    id: SectionId
    title: Text
    prompt: Text  # the question asked in `hiki safety-plan edit`
    examples: list[Text] = Field(min_length=1, max_length=6)


class PlanStopped(Strict):
    """What Ctrl-C in `hiki safety-plan edit` says was kept: exactly that, never more or less."""

    added_one: Text
    added_many: Text  # {count}
    removed_one: Text
    removed_many: Text  # {count}
    both: Text  # {added} {removed}
    nothing: Text

    @model_validator(mode="after")
    def _placeholders(self) -> PlanStopped:
        """A translation must keep the numbers, or a stop would say the wrong thing was kept."""
        wanted = {"added_many": {"count"}, "removed_many": {"count"}, "both": {"added", "removed"}}
        for name in type(self).model_fields:
            names = {f for _, f, _, _ in Formatter().parse(getattr(self, name)) if f is not None}
            if names != wanted.get(name, set()):
                need = ", ".join(f"{{{n}}}" for n in sorted(wanted.get(name, ())))
                key = "content.placeholders_exactly" if need else "content.placeholders_none"
                raise ValueError(Msg(key, field=f"stopped.{name}", need=need))
        return self


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
    stopped: PlanStopped

    @model_validator(mode="after")
    def _six_steps_in_order(self) -> PlanContent:
        if tuple(s.id for s in self.sections) != SECTIONS:
            raise ValueError(Msg("content.safety_sections", sections=", ".join(SECTIONS)))
        return self


class AssessContent(Strict):
    list_title: Text
    list_row: Text  # {title} {count}
    list_footer: Text
    score: Text  # placeholders {name} {total} {lowest} {highest}
    percent: Text  # {percent}
    band: Text  # {label}
    # The shipped questionnaires' bands in this language's words, by band id (English: none, the
    # form's own labels are used); band_range adds the band's min and max from the form.
    band_names: dict[str, Text] = {}
    # hiki's own sentence on what a band means, by questionnaire id, then band id (English: none,
    # the form file's `meaning`); score_notes: a form's `score_note`, by questionnaire id
    band_meanings: dict[str, dict[str, Text]] = {}
    score_notes: dict[str, Text] = {}
    band_range: Text  # {name} {min} {max}
    subscale: Text  # {name} {total}
    not_diagnosis: Text
    suggest_professional: Text
    offer_full: Text  # {name} {id}
    offer_full_question: Text  # {name}
    licence_unconfirmed: Text
    own_file: Text  # {path}
    saved: Text
    history_title: Text  # {name}
    history_empty: Text
    history_window: Text  # {since} {months}: older results are left out (`--all` shows them)
    history_window_empty: Text  # {since} {months}
    history_change_up: Text  # {change} {unit}
    history_change_down: Text
    unit_points: Text
    unit_percent: Text
    file_shadowed: Text  # {id} {path}
    # In a language whose official questionnaire wording is not yet in the reference: why the
    # questions are in English (shown before the first question)
    english_form: Text | None = None


class SafetyContent(Strict):
    plan: PlanContent
    assess: AssessContent
